//! How and where requests are sent: the security schemes and the servers.

use super::EnumVariant;

/// The API's security schemes, and what the client needs of them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Security {
    /// The schemes the client can send, sorted by name; operations refer to
    /// them by index.
    pub schemes: Vec<SecurityScheme>,
    /// Every operation needs credentials, so a client built without any
    /// could send nothing and is refused.
    pub always_required: bool,
    /// The only scheme is one secret (a bearer token or an API key): it is
    /// given to `Client::new(api_key)`, `.api_key()` and `<PREFIX>_API_KEY`.
    pub single_key: bool,
}

/// One security scheme of `components.securitySchemes`.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// Its key in `components.securitySchemes`.
    pub name: String,
    /// SCREAMING_SNAKE_CASE name of the constant the operations refer to it by.
    pub const_name: String,
    pub description: Option<String>,
    pub kind: SchemeKind,
    /// The builder method that sets its credentials, e.g. `basic_auth`.
    pub setter: String,
    /// The environment variables `from_env` reads its credentials from,
    /// without the crate's prefix, one per credential: e.g. `USERNAME`, `PASSWORD`.
    pub env: Vec<String>,
}

/// How a scheme's credentials are sent.
#[derive(Debug, Clone, PartialEq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// `Authorization: Basic <base64 of user:password>`.
    Basic,
    /// A key in the header, query parameter or cookie of this name.
    ApiKey {
        location: ApiKeyLocation,
        name: String,
    },
    /// OAuth2's client credentials flow: a token fetched from `token_url`
    /// with a client id and secret, sent as a bearer token.
    ClientCredentials {
        token_url: String,
        /// Every scope the operations' requirements name, sorted.
        scopes: Vec<String>,
        /// The builder method that overrides `token_url`.
        token_url_setter: String,
    },
    /// Another OAuth2 flow, or OpenID Connect: a token the user obtains,
    /// sent as a bearer token.
    Token,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyLocation {
    Header,
    Query,
    Cookie,
}

/// The server a client sends to: a URL whose `{variables}` the user may set.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// The URL as written, placeholders included, without a trailing slash.
    pub template: String,
    /// The URL with every variable at its default: the client's default base URL.
    pub default_url: String,
    /// The variables the URL uses, sorted by name; each gets a builder setter.
    pub variables: Vec<ServerVariable>,
}

impl Server {
    /// Whether the URL has no scheme and host, e.g. `/v1`: the user must give one.
    pub fn is_relative(&self) -> bool {
        !(self.default_url.starts_with("http://") || self.default_url.starts_with("https://"))
    }
}

/// A `{variable}` of the server URL.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerVariable {
    /// The name between braces in the URL.
    pub name: String,
    /// The builder method that sets it, snake_case and not taken by another.
    pub setter: String,
    pub default: String,
    pub description: Option<String>,
    /// The values the spec allows, as an enum in the `servers` module that
    /// the setter takes; `None` when any text goes.
    pub values: Option<ServerEnum>,
}

/// The enum a server variable's setter takes.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerEnum {
    /// UpperCamelCase, unique in the `servers` module.
    pub type_name: String,
    pub variants: Vec<EnumVariant>,
}

/// An operation's own server URL with placeholders for variables the
/// client's server has too, so that the values the user sets reach it.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationServerTemplate {
    /// The URL as written, placeholders included, without a trailing slash.
    pub url: String,
    /// Each variable the URL uses, and its default, sorted by name.
    pub defaults: Vec<(String, String)>,
}

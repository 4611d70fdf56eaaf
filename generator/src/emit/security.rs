//! `src/security.rs`: the security schemes as the runtime's `auth` module reads them, the
//! builder's credential setters, and `Client::new` when the API takes a single key.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::config::Config;
use super::docs::{code_span, DocText};
use super::spelling::ident;
use crate::model::{ApiKeyLocation, Operation, SchemeKind, Security, SecurityScheme};

/// The environment variables a scheme's credentials are read from.
pub fn env_names(scheme: &SecurityScheme, config: &Config) -> Vec<String> {
    let prefix = config.env_prefix();
    let names = scheme.env.iter().map(|name| format!("{prefix}_{name}"));
    names.collect()
}

/// The environment variable of the single key, when the API takes one.
pub fn api_key_env(security: &Security, config: &Config) -> Option<String> {
    let scheme = security.schemes.first().filter(|_| security.single_key)?;
    env_names(scheme, config).into_iter().next()
}

/// `src/security.rs`.
pub fn security_rs(security: &Security, config: &Config) -> TokenStream {
    let consts = security.schemes.iter().enumerate().map(|(index, scheme)| {
        let doc = format!(" The `{}` security scheme.", scheme.name);
        let name = format_ident!("{}", scheme.const_name);
        let index = Literal::usize_unsuffixed(index);
        quote! {
            #[doc = #doc]
            pub(crate) const #name: usize = #index;
        }
    });
    let table = security.schemes.iter().map(|scheme| {
        let name = &scheme.name;
        let setter = &scheme.setter;
        let kind = match &scheme.kind {
            SchemeKind::Bearer | SchemeKind::Token => quote!(SchemeKind::Bearer),
            SchemeKind::Basic => quote!(SchemeKind::Basic),
            SchemeKind::ApiKey { location, name } => {
                // The runtime's variants are named as the model's.
                let location = format_ident!("{location:?}");
                quote!(SchemeKind::#location(#name))
            }
            SchemeKind::ClientCredentials {
                token_url, scopes, ..
            } => {
                let scopes = scopes.join(" ");
                quote!(SchemeKind::ClientCredentials { token_url: #token_url, scopes: #scopes })
            }
        };
        let env = match api_key_env(security, config) {
            Some(_) => vec![quote!(crate::API_KEY_ENV)],
            None => env_names(scheme, config)
                .iter()
                .map(|name| quote!(#name))
                .collect(),
        };
        quote! {
            Scheme {
                name: #name,
                kind: #kind,
                setter: #setter,
                env: &[#(#env),*],
            },
        }
    });
    let required = security.always_required;
    let setters = security
        .schemes
        .iter()
        .map(|scheme| setter(scheme, security.single_key, config));
    let uses = if security.schemes.is_empty() {
        quote! { use crate::auth::Scheme; }
    } else {
        quote! {
            use crate::auth::{Scheme, SchemeKind, Secret};
            use crate::ClientBuilder;
        }
    };
    let setters = (!security.schemes.is_empty())
        .then(|| quote! { impl<C> ClientBuilder<C> { #(#setters)* } });
    let new = security.single_key.then(new_with_key);
    quote! {
        //! The API's security schemes, and the builder's methods that set their credentials.

        #uses

        #(#consts)*

        /// Every security scheme of the spec, at the index its constant names.
        pub(crate) static SCHEMES: &[Scheme] = &[#(#table)*];

        /// Whether every operation needs credentials, so that a client without
        /// any could send nothing.
        pub(crate) const CREDENTIALS_REQUIRED: bool = #required;

        #setters
        #new
    }
}

/// The builder method that sets a scheme's credentials (and one that overrides its token URL).
fn setter(scheme: &SecurityScheme, single_key: bool, config: &Config) -> TokenStream {
    let env: Vec<String> = env_names(scheme, config)
        .iter()
        .map(|name| code_span(name))
        .collect();
    let from_env = format!(
        "Without it, `from_env` and `build` read {}.",
        env.join(" and ")
    );
    let what = match &scheme.kind {
        SchemeKind::Bearer if single_key => "The API key, sent as a bearer token".to_string(),
        SchemeKind::Bearer => "The token sent as a bearer token".to_string(),
        SchemeKind::Basic => {
            "The username and password sent with HTTP basic authentication".to_string()
        }
        SchemeKind::ApiKey { location, name } => {
            format!("The API key, sent in the {} `{name}`", place(*location))
        }
        SchemeKind::ClientCredentials { .. } => {
            "The OAuth2 client id and secret that tokens are fetched with (client credentials \
             flow); each token is kept until shortly before it expires, or until the API refuses it"
                .to_string()
        }
        SchemeKind::Token => {
            "An OAuth2 or OpenID Connect access token you obtained, sent as a bearer token"
                .to_string()
        }
    };
    let docs = DocText::default()
        .line(format!("{what} (the `{}` security scheme).", scheme.name))
        .prose(scheme.description.as_deref())
        .line(from_env)
        .attrs();
    let name = ident(&scheme.setter);
    let index = format_ident!("{}", scheme.const_name);
    let args: Vec<Ident> = match &scheme.kind {
        SchemeKind::Basic => vec![ident("username"), ident("password")],
        SchemeKind::ClientCredentials { .. } => vec![ident("client_id"), ident("client_secret")],
        SchemeKind::ApiKey { .. } => vec![ident("api_key")],
        _ if single_key => vec![ident("api_key")],
        _ => vec![ident("token")],
    };
    let secret = match args.as_slice() {
        [one] => quote!(Secret::One(#one.into())),
        _ => quote!(Secret::Pair(#(#args.into()),*)),
    };
    let url_setter = match &scheme.kind {
        SchemeKind::ClientCredentials {
            token_url,
            token_url_setter,
            ..
        } => {
            let url_setter = ident(token_url_setter);
            let url_docs = format!(
                " Fetches the `{}` scheme's tokens from this URL instead of `{token_url}`, e.g. \
                 from a mock server.",
                scheme.name
            );
            Some(quote! {
                #[doc = #url_docs]
                pub fn #url_setter(mut self, token_url: impl Into<String>) -> Self {
                    self.credentials.set_token_url(#index, token_url.into());
                    self
                }
            })
        }
        _ => None,
    };
    quote! {
        #docs
        pub fn #name(mut self, #(#args: impl Into<String>),*) -> Self {
            self.credentials.set(#index, #secret);
            self
        }
        #url_setter
    }
}

/// `Client::new(api_key)` and its blocking twin, for an API that takes one key.
fn new_with_key() -> TokenStream {
    quote! {
        impl crate::Client {
            /// A client with this API key and every default. The base URL comes
            /// from the environment variable named by [`BASE_URL_ENV`](crate::BASE_URL_ENV)
            /// if it is set, else [`DEFAULT_BASE_URL`](crate::DEFAULT_BASE_URL). A key
            /// that cannot be sent in a header fails each request.
            ///
            /// # Panics
            ///
            /// Like `reqwest::Client::new`, if the TLS backend cannot be initialised.
            /// Use [`Client::builder`](crate::Client::builder) to handle that as an error.
            pub fn new(api_key: impl Into<String>) -> Self {
                crate::Client::with_defaults(crate::Client::builder().api_key(api_key))
            }
        }

        #[cfg(feature = "blocking")]
        impl crate::blocking::Client {
            /// A client with this API key and every default, like [`crate::Client::new`].
            ///
            /// # Panics
            ///
            /// If the TLS backend or the runtime cannot be initialised. Use
            /// [`Client::builder`](crate::blocking::Client::builder) to handle that as an error.
            pub fn new(api_key: impl Into<String>) -> Self {
                crate::blocking::Client::wrap(crate::Client::new(api_key))
            }
        }
    }
}

/// The `.security(...)` call of an operation that sends credentials.
pub fn security_call(op: &Operation, security: &Security) -> Option<TokenStream> {
    let alternatives = op.security.iter().map(|requirement| {
        let schemes = requirement.iter().filter_map(|index| {
            let scheme = security.schemes.get(*index)?;
            let name = format_ident!("{}", scheme.const_name);
            Some(quote!(crate::security::#name))
        });
        quote!(&[#(#schemes),*])
    });
    (!op.security.is_empty()).then(|| quote!(.security(&[#(#alternatives),*])))
}

/// How the README's examples make a client of type `path`: with the key, or from the environment.
pub fn new_client(security: &Security, path: &str) -> String {
    if security.single_key {
        format!("{path}::new(\"My API Key\")")
    } else {
        format!("{path}::from_env()?")
    }
}

/// The README's section on credentials: what each scheme sends, its setter and its variables.
pub fn readme_section(security: &Security, config: &Config) -> String {
    if security.schemes.is_empty() {
        return "The API's description declares no authentication: requests are sent without \
                credentials.\n\n"
            .to_string();
    }
    if let (true, Some(scheme)) = (security.single_key, security.schemes.first()) {
        let sent = match &scheme.kind {
            SchemeKind::ApiKey { location, name } => {
                format!("in the {} `{name}`", place(*location))
            }
            _ => "as a bearer token".to_string(),
        };
        let env = env_names(scheme, config).join(" and ");
        // The paragraph goes on with the base URL.
        return format!(
            "The client sends the API key {sent}. `Client::from_env()` reads it from `{env}`. "
        );
    }
    let mut out = String::from(
        "Each of the API's security schemes has a builder method that sets its credentials; \
         without it, `from_env()` and `build()` read them from the environment. An operation is \
         sent with the first of its security requirements the client has every credential for, \
         and fails with `Error::MissingCredentials`, before anything is sent, when it has none.\n\n\
         | scheme | sent as | builder method | environment |\n| --- | --- | --- | --- |\n",
    );
    for scheme in &security.schemes {
        let sent = match &scheme.kind {
            SchemeKind::Bearer => "`Authorization: Bearer`".to_string(),
            SchemeKind::Basic => "`Authorization: Basic`".to_string(),
            SchemeKind::ApiKey { location, name } => format!("{} `{name}`", place(*location)),
            SchemeKind::ClientCredentials {
                token_url_setter, ..
            } => format!(
                "OAuth2 token (client credentials; `.{token_url_setter}(url)` changes the token URL)"
            ),
            SchemeKind::Token => "OAuth2 token you obtain, as a bearer token".to_string(),
        };
        let env: Vec<String> = env_names(scheme, config)
            .iter()
            .map(|name| format!("`{name}`"))
            .collect();
        let (name, setter, arguments) = (&scheme.name, &scheme.setter, setter_arguments(scheme));
        let env = env.join(", ");
        out.push_str(&format!(
            "| `{name}` | {sent} | `.{setter}({arguments})` | {env} |\n"
        ));
    }
    out.push('\n');
    out
}

/// The builder call that sets the first scheme's credentials, for examples.
pub fn setter_call(security: &Security) -> Option<String> {
    let scheme = security.schemes.first()?;
    let arguments = if security.single_key {
        "\"My API Key\""
    } else {
        setter_arguments(scheme)
    };
    Some(format!(".{}({arguments})", scheme.setter))
}

fn setter_arguments(scheme: &SecurityScheme) -> &'static str {
    match scheme.kind {
        SchemeKind::Basic => "\"My username\", \"My password\"",
        SchemeKind::ClientCredentials { .. } => "\"My client id\", \"My client secret\"",
        SchemeKind::ApiKey { .. } => "\"My API Key\"",
        SchemeKind::Bearer | SchemeKind::Token => "\"My token\"",
    }
}

fn place(location: ApiKeyLocation) -> &'static str {
    match location {
        ApiKeyLocation::Header => "header",
        ApiKeyLocation::Query => "query parameter",
        ApiKeyLocation::Cookie => "cookie",
    }
}

//! Credentials: what the builder was given for each of the spec's security
//! schemes, and how an operation's requirements put them on a request.
//! Every credential is kept out of `Debug` output, errors and logs.

use std::fmt;
use std::sync::Arc;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, COOKIE};
use reqwest::Url;

use crate::oauth2::TokenSource;
use crate::params::cookie_pair;
use crate::security::SCHEMES;
use crate::Error;

/// What a log or error shows instead of a credential.
const REDACTED: &str = "<redacted>";

/// A security scheme of the spec, as the generated `security` module lists it.
pub(crate) struct Scheme {
    /// Its name in the spec's `components.securitySchemes`.
    pub(crate) name: &'static str,
    pub(crate) kind: SchemeKind,
    /// The builder method that sets its credentials.
    pub(crate) setter: &'static str,
    /// The environment variables `from_env` reads, in the setter's argument order.
    pub(crate) env: &'static [&'static str],
}

/// How a scheme's credentials are sent.
pub(crate) enum SchemeKind {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// `Authorization: Basic <base64 of user:password>`.
    Basic,
    /// An API key in the header of this name.
    Header(&'static str),
    /// An API key in the query parameter of this name.
    Query(&'static str),
    /// An API key in the cookie of this name.
    Cookie(&'static str),
    /// A token fetched from `token_url` with a client id and secret, asking
    /// for these space-separated scopes.
    ClientCredentials {
        token_url: &'static str,
        scopes: &'static str,
    },
}

/// A secret as the builder's setters take it.
pub(crate) enum Secret {
    One(String),
    Pair(String, String),
}

/// The credentials given to a builder, by scheme.
#[derive(Default)]
pub(crate) struct Given {
    secrets: Vec<(usize, Secret)>,
    token_urls: Vec<(usize, String)>,
}

impl Given {
    /// Sets the credentials of the scheme at `scheme` in [`SCHEMES`].
    pub(crate) fn set(&mut self, scheme: usize, secret: Secret) {
        self.secrets.retain(|(index, _)| *index != scheme);
        self.secrets.push((scheme, secret));
    }

    /// Fetches the tokens of the scheme at `scheme` from `url` instead of the spec's.
    pub(crate) fn set_token_url(&mut self, scheme: usize, url: String) {
        self.token_urls.retain(|(index, _)| *index != scheme);
        self.token_urls.push((scheme, url));
    }

    /// The client's credentials: those given, and, when `read_env`, those
    /// of the other schemes whose every variable is set.
    pub(crate) fn resolve(mut self, read_env: bool) -> Credentials {
        let by_scheme = SCHEMES
            .iter()
            .enumerate()
            .map(|(index, scheme)| {
                let given = self
                    .secrets
                    .iter()
                    .position(|(at, _)| *at == index)
                    .map(|position| self.secrets.swap_remove(position).1);
                let secret = given.or_else(|| read_env.then(|| from_env(scheme.env)).flatten())?;
                let token_url = self
                    .token_urls
                    .iter()
                    .find(|(at, _)| *at == index)
                    .map(|(_, url)| url.as_str());
                Some(credential(scheme, secret, token_url))
            })
            .collect();
        Credentials {
            by_scheme,
            prepared: Vec::new(),
        }
    }
}

impl fmt::Debug for Given {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = self.secrets.iter().map(|(index, _)| scheme_name(*index));
        f.debug_map()
            .entries(names.map(|name| (name, REDACTED)))
            .finish()
    }
}

/// The secret in these variables, when each is set and not empty.
fn from_env(names: &[&str]) -> Option<Secret> {
    let read = |name: &&str| std::env::var(name).ok().filter(|value| !value.is_empty());
    match names {
        [one] => read(one).map(Secret::One),
        [first, second] => Some(Secret::Pair(read(first)?, read(second)?)),
        _ => None,
    }
}

fn scheme_name(index: usize) -> &'static str {
    SCHEMES.get(index).map_or("", |scheme| scheme.name)
}

/// What a request is sent with for one scheme.
enum Credential {
    Header(HeaderName, HeaderValue),
    Query(&'static str, String),
    /// `name=value`, for the `Cookie` header.
    Cookie(String),
    Token(Arc<TokenSource>),
    /// Given, but it cannot be sent, for this reason.
    Invalid(String),
}

fn credential(scheme: &Scheme, secret: Secret, token_url: Option<&str>) -> Credential {
    let invalid = || {
        Credential::Invalid(format!(
            "the credentials of `{}` have characters that cannot be sent in a header",
            scheme.name
        ))
    };
    let header = |name: HeaderName, value: String| match HeaderValue::try_from(value) {
        Ok(mut value) => {
            value.set_sensitive(true);
            Credential::Header(name, value)
        }
        Err(_) => invalid(),
    };
    let (one, pair) = match secret {
        Secret::One(one) => (one, None),
        Secret::Pair(first, second) => (first, Some(second)),
    };
    match (&scheme.kind, pair) {
        (SchemeKind::Bearer, None) => header(AUTHORIZATION, format!("Bearer {one}")),
        (SchemeKind::Basic, Some(password)) => header(
            AUTHORIZATION,
            format!("Basic {}", base64(format!("{one}:{password}").as_bytes())),
        ),
        (SchemeKind::Header(name), None) => match HeaderName::from_bytes(name.as_bytes()) {
            Ok(name) => header(name, one),
            Err(_) => invalid(),
        },
        (SchemeKind::Query(name), None) => Credential::Query(name, one),
        (SchemeKind::Cookie(name), None) => Credential::Cookie(cookie_pair(name, &one)),
        (
            SchemeKind::ClientCredentials {
                token_url: spec_url,
                scopes,
            },
            Some(secret),
        ) => {
            let url = token_url.unwrap_or(spec_url);
            match TokenSource::new(url, one, secret, scopes) {
                Ok(source) => Credential::Token(Arc::new(source)),
                Err(reason) => Credential::Invalid(reason),
            }
        }
        _ => Credential::Invalid(format!(
            "the credentials of `{}` do not fit its scheme",
            scheme.name
        )),
    }
}

/// The client's credentials, by scheme.
pub(crate) struct Credentials {
    by_scheme: Vec<Option<Credential>>,
    /// By scheme, for one whose credential is a header: the client's
    /// headers with it added, so that a request needing only that scheme
    /// copies one map rather than growing a copy (see [`prepare`](Self::prepare)).
    prepared: Vec<Option<HeaderMap>>,
}

impl Credentials {
    /// Whether no scheme has credentials.
    pub(crate) fn is_empty(&self) -> bool {
        self.by_scheme.iter().all(Option::is_none)
    }

    /// Why a given credential cannot be sent, if one cannot.
    pub(crate) fn invalid(&self) -> Option<&str> {
        self.by_scheme
            .iter()
            .flatten()
            .find_map(|credential| match credential {
                Credential::Invalid(reason) => Some(reason.as_str()),
                _ => None,
            })
    }

    /// Prepares, for each scheme whose credential is a header, the client's
    /// `headers` with that header added, unless they set it already.
    pub(crate) fn prepare(&mut self, headers: &HeaderMap) {
        self.prepared = self
            .by_scheme
            .iter()
            .map(|credential| match credential {
                Some(Credential::Header(name, value)) => {
                    let mut prepared = headers.clone();
                    if !prepared.contains_key(name) {
                        prepared.insert(name.clone(), value.clone());
                    }
                    Some(prepared)
                }
                _ => None,
            })
            .collect();
    }

    /// The client's headers with the credentials of `requirements` already
    /// on them, when what [`apply`](Self::apply) would send is one header
    /// prepared with the client: the first requirement the client meets
    /// names a single scheme, whose credential is a header.
    pub(crate) fn prepared(&self, requirements: &[&[usize]]) -> Option<&HeaderMap> {
        let has = |index: &usize| matches!(self.by_scheme.get(*index), Some(Some(_)));
        match requirements
            .iter()
            .find(|requirement| requirement.iter().all(has))?
        {
            [scheme] => self.prepared.get(*scheme)?.as_ref(),
            _ => None,
        }
    }

    /// Puts on the request the credentials of the first of `requirements`
    /// (alternatives, each a set of scheme indices to send together) the
    /// client has every credential for; returns the token source of a
    /// scheme whose token is fetched. No requirement sends nothing; a client
    /// that meets none of them fails before anything is sent. A header the
    /// request or the client's default headers already set is left as it is,
    /// so that one call can send credentials of its own.
    pub(crate) fn apply(
        &self,
        requirements: &'static [&'static [usize]],
        headers: &mut HeaderMap,
        url: &mut Url,
    ) -> Result<Option<Arc<TokenSource>>, Error> {
        if requirements.is_empty() {
            return Ok(None);
        }
        let has = |index: &usize| matches!(self.by_scheme.get(*index), Some(Some(_)));
        let Some(chosen) = requirements
            .iter()
            .find(|requirement| requirement.iter().all(has))
        else {
            return Err(missing(requirements, has));
        };
        let mut token = None;
        for credential in chosen
            .iter()
            .filter_map(|index| self.by_scheme.get(*index)?.as_ref())
        {
            match credential {
                Credential::Header(name, value) => {
                    if !headers.contains_key(name) {
                        headers.insert(name.clone(), value.clone());
                    }
                }
                // A next page's URL may carry the key already, as the API echoed it.
                Credential::Query(name, value)
                    if !url.query_pairs().any(|(key, _)| key == *name) =>
                {
                    url.query_pairs_mut().append_pair(name, value);
                }
                Credential::Query(..) => {}
                Credential::Cookie(pair) => {
                    let cookie = match headers.get(COOKIE).and_then(|v| v.to_str().ok()) {
                        Some(earlier) => format!("{earlier}; {pair}"),
                        None => pair.clone(),
                    };
                    let mut value = HeaderValue::try_from(cookie).map_err(|_| {
                        Error::InvalidRequest("the `Cookie` header is invalid".into())
                    })?;
                    value.set_sensitive(true);
                    headers.insert(COOKIE, value);
                }
                Credential::Token(source) if !headers.contains_key(AUTHORIZATION) => {
                    token = Some(Arc::clone(source));
                }
                Credential::Token(_) => {}
                Credential::Invalid(reason) => return Err(Error::Config(reason.clone())),
            }
        }
        Ok(token)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let set = self
            .by_scheme
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_some());
        f.debug_map()
            .entries(set.map(|(index, _)| (scheme_name(index), REDACTED)))
            .finish()
    }
}

/// The error of a request none of whose requirements the client meets:
/// it names the first requirement's first missing scheme.
fn missing(requirements: &[&[usize]], has: impl Fn(&usize) -> bool) -> Error {
    let scheme = requirements
        .first()
        .and_then(|first| first.iter().find(|index| !has(index)))
        .and_then(|index| SCHEMES.get(*index));
    match scheme {
        Some(scheme) => Error::MissingCredentials(MissingCredentials {
            scheme: scheme.name,
            setter: scheme.setter,
            env: scheme.env,
            alternatives: requirements.len() - 1,
        }),
        None => Error::Config("the operation's security requirements are unknown".into()),
    }
}

/// An operation needs credentials the client was not given, so it was not sent.
#[derive(Debug, Clone)]
pub struct MissingCredentials {
    scheme: &'static str,
    setter: &'static str,
    env: &'static [&'static str],
    alternatives: usize,
}

impl MissingCredentials {
    /// The security scheme, as the spec names it, whose credentials are missing.
    pub fn scheme(&self) -> &str {
        self.scheme
    }

    /// The `ClientBuilder` method that sets them.
    pub fn setter(&self) -> &str {
        self.setter
    }

    /// The environment variables `from_env` reads them from.
    pub fn env(&self) -> &[&'static str] {
        self.env
    }
}

impl fmt::Display for MissingCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the operation needs credentials for the `{}` security scheme: call `ClientBuilder::{}` or set `{}`",
            self.scheme,
            self.setter,
            self.env.join("` and `")
        )?;
        if self.alternatives > 0 {
            write!(
                f,
                " (or meet one of its {} other requirements)",
                self.alternatives
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for MissingCredentials {}

/// What `build` says when the client has no credentials for a spec whose
/// every operation needs some.
pub(crate) fn no_credentials() -> String {
    let how: Vec<String> = SCHEMES
        .iter()
        .map(|scheme| {
            format!(
                "`ClientBuilder::{}` or `{}`",
                scheme.setter,
                scheme.env.join("` and `")
            )
        })
        .collect();
    format!(
        "no credentials: every operation needs some; set {}",
        how.join(", or ")
    )
}

/// Replaces the values of API keys sent in the query, so that a URL shown in
/// an error never carries one.
pub(crate) fn redact_url(url: &mut Url) {
    let secret = |name: &str| {
        SCHEMES
            .iter()
            .any(|scheme| matches!(scheme.kind, SchemeKind::Query(key) if key == name))
    };
    if !url.query_pairs().any(|(name, _)| secret(&name)) {
        return;
    }
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(name, value)| {
            let value = if secret(&name) {
                REDACTED.into()
            } else {
                value
            };
            (name.into_owned(), value.into_owned())
        })
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
}

/// Standard base64 with padding, for `Basic` credentials.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for (position, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if position <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> shift) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_pads_to_whole_quads() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(
            base64(b"Aladdin:open sesame"),
            "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
    }
}

//! Authentication: the security schemes the client can send, and each operation's requirements.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToShoutySnakeCase;
use openapiv3::{APIKeyLocation, OpenAPI, ReferenceOr, SecurityRequirement, SecurityScheme};

use crate::diagnostics::{Diagnostic, Pointer};
use crate::model::{ApiKeyLocation, SchemeKind, Security, SecurityScheme as Scheme};
use crate::naming;

/// The setters schemes take by their kind, which a server variable's setter may not take.
pub(super) const CREDENTIAL_SETTERS: &[&str] = &[
    "api_key",
    "basic_auth",
    "bearer_token",
    "oauth2_client_credentials",
];

/// The schemes read so far, and the scopes the requirements name for each.
pub struct SecurityLowering<'a> {
    doc: &'a OpenAPI,
    security: Security,
    scopes: Vec<BTreeSet<String>>,
    /// Whether every operation lowered so far needs credentials.
    always_required: bool,
    operations: usize,
}

impl<'a> SecurityLowering<'a> {
    /// Reads the declared schemes, warning about those the client cannot send.
    pub fn new(doc: &'a OpenAPI, diagnostics: &mut Vec<Diagnostic>) -> Self {
        let declared = Pointer::root().push("components").push("securitySchemes");
        let sorted: BTreeMap<&str, _> = doc
            .components
            .iter()
            .flat_map(|components| &components.security_schemes)
            .map(|(name, scheme)| (name.as_str(), scheme))
            .collect();
        let mut schemes = Vec::new();
        for (name, scheme) in sorted {
            let pointer = declared.push(name);
            let ReferenceOr::Item(scheme) = scheme else {
                diagnostics.push(
                    Diagnostic::warning(&pointer, "a `$ref` security scheme is not supported; operations that require it are sent without it")
                        .with_hint("write the scheme inline"),
                );
                continue;
            };
            if let Some((kind, description)) = scheme_kind(scheme, &pointer, diagnostics) {
                schemes.push((name, kind, description));
            }
        }
        let single_key = matches!(
            schemes.as_slice(),
            [(_, SchemeKind::Bearer | SchemeKind::ApiKey { .. }, _)]
        );
        let setters = setter_names(&schemes, single_key);
        // The `security` module's own items, which a scheme's constant may not shadow.
        let mut const_names =
            BTreeSet::from(["SCHEMES".to_string(), "CREDENTIALS_REQUIRED".to_string()]);
        let security = Security {
            schemes: schemes
                .into_iter()
                .zip(setters)
                .map(|((name, mut kind, description), (setter, env))| {
                    if let SchemeKind::ClientCredentials {
                        token_url_setter, ..
                    } = &mut kind
                    {
                        *token_url_setter = token_url_method(&setter);
                    }
                    Scheme {
                        name: name.to_string(),
                        const_name: naming::unique(const_name(name), &mut const_names),
                        description,
                        kind,
                        setter,
                        env,
                    }
                })
                .collect(),
            always_required: false,
            single_key,
        };
        SecurityLowering {
            doc,
            scopes: vec![BTreeSet::new(); security.schemes.len()],
            security,
            always_required: true,
            operations: 0,
        }
    }

    /// An operation's alternative requirements (own, else the document's), each the indices
    /// of the schemes it sends, up to one that needs nothing, which always applies.
    pub fn requirements(
        &mut self,
        own: Option<&'a Vec<SecurityRequirement>>,
        operation: &Pointer,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<Vec<usize>> {
        let (requirements, pointer) = match own {
            Some(own) => (own.as_slice(), operation.push("security")),
            None => (
                self.doc.security.as_deref().unwrap_or_default(),
                Pointer::root().push("security"),
            ),
        };
        let declared = self.doc.components.as_ref().map(|c| &c.security_schemes);
        let mut alternatives = Vec::new();
        for (position, requirement) in requirements.iter().enumerate() {
            let pointer = pointer.push(&position.to_string());
            let mut schemes = Vec::new();
            let mut unsendable = false;
            // A requirement is a map, whose order says nothing.
            let sorted: BTreeMap<&String, &Vec<String>> = requirement.iter().collect();
            for (name, scopes) in sorted {
                match self.security.schemes.iter().position(|s| s.name == *name) {
                    Some(index) => {
                        schemes.push(index);
                        if let Some(known) = self.scopes.get_mut(index) {
                            known.extend(scopes.iter().cloned());
                        }
                    }
                    // A scheme the client cannot send was warned about where it is declared.
                    None if declared.is_some_and(|schemes| schemes.contains_key(name)) => {
                        unsendable = true
                    }
                    None => diagnostics.push(
                        Diagnostic::warning(
                            &pointer.push(name),
                            format!("the security scheme `{name}` is not declared in `components.securitySchemes`; it is not sent"),
                        )
                        .with_hint("declare it, or correct the name"),
                    ),
                }
            }
            // A requirement the client cannot meet is passed over, not taken to need nothing.
            if unsendable || (schemes.is_empty() && !requirement.is_empty()) {
                continue;
            }
            let needs_nothing = schemes.is_empty();
            alternatives.push(schemes);
            if needs_nothing {
                break;
            }
        }
        if alternatives.first().is_some_and(Vec::is_empty) {
            alternatives.clear();
        }
        self.operations += 1;
        // An alternative that needs nothing (`{}`) makes credentials optional.
        self.always_required &=
            !alternatives.is_empty() && alternatives.iter().all(|a| !a.is_empty());
        alternatives
    }

    /// The schemes, with the scopes the requirements named for each token.
    pub fn finish(self) -> Security {
        let mut security = self.security;
        for (scheme, named) in security.schemes.iter_mut().zip(self.scopes) {
            if let SchemeKind::ClientCredentials { scopes, .. } = &mut scheme.kind {
                *scopes = named.into_iter().collect();
            }
        }
        security.always_required =
            self.always_required && self.operations > 0 && !security.schemes.is_empty();
        security
    }
}

/// How a scheme is sent, with its description; `None`, with a warning, when it cannot be.
fn scheme_kind(
    scheme: &SecurityScheme,
    pointer: &Pointer,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(SchemeKind, Option<String>)> {
    let kind = match scheme {
        SecurityScheme::HTTP { scheme, .. } => match scheme.to_ascii_lowercase().as_str() {
            "bearer" => SchemeKind::Bearer,
            "basic" => SchemeKind::Basic,
            other => {
                diagnostics.push(Diagnostic::warning(
                    &pointer.push("scheme"),
                    format!("the HTTP authentication scheme `{other}` is not supported; operations that require it are sent without it"),
                ).with_hint("set the `Authorization` header with the builder's `default_header`"));
                return None;
            }
        },
        SecurityScheme::APIKey { location, name, .. } => SchemeKind::ApiKey {
            location: match location {
                APIKeyLocation::Header => ApiKeyLocation::Header,
                APIKeyLocation::Query => ApiKeyLocation::Query,
                APIKeyLocation::Cookie => ApiKeyLocation::Cookie,
            },
            name: name.clone(),
        },
        SecurityScheme::OAuth2 { flows, .. } => match &flows.client_credentials {
            Some(flow) => SchemeKind::ClientCredentials {
                token_url: flow.token_url.clone(),
                scopes: Vec::new(),
                token_url_setter: String::new(),
            },
            None => {
                diagnostics.push(
                    Diagnostic::warning(
                        &pointer.push("flows"),
                        "only OAuth2's `clientCredentials` flow fetches tokens by itself; for this scheme, set a token you obtained with the builder",
                    ),
                );
                SchemeKind::Token
            }
        },
        SecurityScheme::OpenIDConnect { .. } => {
            diagnostics.push(Diagnostic::warning(
                pointer,
                "OpenID Connect discovery is not supported; for this scheme, set a token you obtained with the builder",
            ));
            SchemeKind::Token
        }
    };
    let (SecurityScheme::HTTP { description, .. }
    | SecurityScheme::APIKey { description, .. }
    | SecurityScheme::OAuth2 { description, .. }
    | SecurityScheme::OpenIDConnect { description, .. }) = scheme;
    Some((kind, description.clone()))
}

/// Each scheme's setter (its kind's, or its own name's when two would share one) and
/// environment variables without the crate's prefix.
fn setter_names(
    schemes: &[(&str, SchemeKind, Option<String>)],
    single_key: bool,
) -> Vec<(String, Vec<String>)> {
    if single_key {
        return vec![("api_key".to_string(), vec!["API_KEY".to_string()])];
    }
    let kind_setter = |kind: &SchemeKind| match kind {
        SchemeKind::Bearer | SchemeKind::Token => "bearer_token",
        SchemeKind::Basic => "basic_auth",
        SchemeKind::ApiKey { .. } => "api_key",
        SchemeKind::ClientCredentials { .. } => "oauth2_client_credentials",
    };
    let mut taken: BTreeSet<String> = super::checks::BUILDER_METHODS
        .iter()
        .map(|m| m.to_string())
        .collect();
    let shared = |kind: &SchemeKind| {
        schemes
            .iter()
            .filter(|(_, other, _)| kind_setter(other) == kind_setter(kind))
            .count()
            > 1
    };
    schemes
        .iter()
        .map(|(name, kind, _)| {
            // A scheme named after itself prefixes its variables with its name.
            let (setter, prefix) = if shared(kind) {
                let setter = naming::unique(naming::snake_name(name), &mut taken);
                let prefix = format!("{}_", shouty(&setter));
                (setter, prefix)
            } else {
                let setter = naming::unique(kind_setter(kind).to_string(), &mut taken);
                (setter, String::new())
            };
            let env = match kind {
                SchemeKind::Basic => vec![format!("{prefix}USERNAME"), format!("{prefix}PASSWORD")],
                SchemeKind::ClientCredentials { .. } => {
                    vec![
                        format!("{prefix}CLIENT_ID"),
                        format!("{prefix}CLIENT_SECRET"),
                    ]
                }
                _ => vec![shouty(&setter)],
            };
            (setter, env)
        })
        .collect()
}

/// A method name as the end of an environment variable's name.
fn shouty(method: &str) -> String {
    method.trim_end_matches('_').to_shouty_snake_case()
}

/// The builder method that overrides a client credentials scheme's token URL.
fn token_url_method(setter: &str) -> String {
    match setter.strip_suffix("_client_credentials") {
        Some(stem) => format!("{stem}_token_url"),
        None => format!("{}_token_url", setter.trim_end_matches('_')),
    }
}

/// The constant a scheme is referred to by, e.g. `BEARER_AUTH`.
fn const_name(name: &str) -> String {
    let shouty = naming::snake_name(name)
        .trim_matches('_')
        .to_shouty_snake_case();
    if shouty.is_empty() || shouty.starts_with(|c: char| c.is_ascii_digit()) {
        format!("SCHEME_{shouty}")
    } else {
        shouty
    }
}

#[cfg(test)]
mod tests;

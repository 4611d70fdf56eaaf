//! Servers: the client's base URL, and the URLs path items and operations send to instead.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::Server as SpecServer;

use super::enums::string_variants;
use crate::diagnostics::{Diagnostic, Pointer};
use crate::model::{OperationServerTemplate, Server, ServerEnum, ServerVariable};
use crate::naming;

/// The client's server: the document's first, with a setter per variable.
pub fn client_server(servers: &[SpecServer], diagnostics: &mut Vec<Diagnostic>) -> Option<Server> {
    let server = servers.first()?;
    let pointer = Pointer::root().push("servers").push("0");
    let filled = fill(server, &pointer, diagnostics);
    // The builder's own methods, and the credentials' setters the spec may name too.
    let mut setters: BTreeSet<String> = super::checks::BUILDER_METHODS
        .iter()
        .chain(super::security::CREDENTIAL_SETTERS)
        .map(|m| m.to_string())
        .collect();
    // The names the `servers` module imports.
    let mut enum_names =
        BTreeSet::from(["ClientBuilder".to_string(), "ServerTemplate".to_string()]);
    let variables = filled
        .used
        .into_iter()
        .map(|(name, variable)| {
            let snake = naming::snake_name(name);
            let setter = if setters.contains(&snake) {
                naming::unique(format!("server_{snake}"), &mut setters)
            } else {
                naming::unique(snake, &mut setters)
            };
            let values = (!variable.enumeration.is_empty()).then(|| ServerEnum {
                type_name: naming::unique(naming::type_name(name), &mut enum_names),
                variants: string_variants(variable.enumeration.iter().cloned()),
            });
            ServerVariable {
                name: name.to_string(),
                setter,
                default: variable.default.clone(),
                description: variable.description.clone(),
                values,
            }
        })
        .collect();
    Some(Server {
        template: server.url.trim_end_matches('/').to_string(),
        default_url: filled.url,
        variables,
    })
}

/// The URL an operation is sent to when its own or its path item's `servers` are not the client's.
pub fn operation_server(
    client: Option<&Server>,
    operation: &[SpecServer],
    path_item: &[SpecServer],
    pointer: &Pointer,
    item_pointer: &Pointer,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<String>, Option<OperationServerTemplate>) {
    let (server, pointer) = match (operation.first(), path_item.first()) {
        (Some(server), _) => (server, pointer.push("servers").push("0")),
        (None, Some(server)) => (server, item_pointer.push("servers").push("0")),
        (None, None) => return (None, None),
    };
    let filled = fill(server, &pointer, diagnostics);
    // A WebSocket or other server cannot take these requests, which go to the client's.
    let template_url = server.url.trim_end_matches('/');
    let same = client.is_some_and(|client| client.template == template_url);
    if !filled.http_or_relative || same {
        return (None, None);
    }
    // Variables the client's server has too are set by the user's setters.
    let settable =
        |name: &str| client.is_some_and(|client| client.variables.iter().any(|v| v.name == name));
    let uses_settable = filled.used.iter().any(|(name, _)| settable(name));
    let template = uses_settable.then(|| OperationServerTemplate {
        url: template_url.to_string(),
        defaults: filled
            .used
            .iter()
            .map(|(name, variable)| (name.to_string(), variable.default.clone()))
            .collect(),
    });
    (Some(filled.url), template)
}

/// A server's URL with its variables at their defaults, and the variables it uses by name.
struct Filled<'s> {
    url: String,
    /// An http(s) URL, or one relative to the client's.
    http_or_relative: bool,
    used: Vec<(&'s str, &'s openapiv3::ServerVariable)>,
}

/// Fills the server's URL, warning about whatever keeps it from being one.
fn fill<'s>(
    server: &'s SpecServer,
    pointer: &Pointer,
    diagnostics: &mut Vec<Diagnostic>,
) -> Filled<'s> {
    let url_pointer = pointer.push("url");
    let declared: BTreeMap<&str, &openapiv3::ServerVariable> = server
        .variables
        .iter()
        .flatten()
        .map(|(name, variable)| (name.as_str(), variable))
        .collect();
    let placeholders = placeholders(&server.url).unwrap_or_else(|problem| {
        diagnostics.push(
            Diagnostic::warning(
                &url_pointer,
                format!("the server URL is malformed: {problem}"),
            )
            .with_hint("write each variable as `{name}`"),
        );
        Vec::new()
    });
    let mut url = server.url.clone();
    for placeholder in &placeholders {
        match declared.get(placeholder.as_str()) {
            Some(variable) => {
                url = url.replace(&format!("{{{placeholder}}}"), &variable.default);
            }
            None => diagnostics.push(
                Diagnostic::warning(
                    &url_pointer,
                    format!("the server URL uses `{{{placeholder}}}`, which `variables` does not define"),
                )
                .with_hint(format!("add `{placeholder}` with a `default` to the server's `variables`")),
            ),
        }
    }
    let variables_pointer = pointer.push("variables");
    let mut used = Vec::new();
    for (name, variable) in declared {
        let pointer = variables_pointer.push(name);
        if !placeholders.iter().any(|placeholder| placeholder == name) {
            diagnostics.push(Diagnostic::warning(
                &pointer,
                format!("the server variable `{name}` is not used in the URL; it gets no setter"),
            ));
            continue;
        }
        if !variable.enumeration.is_empty() && !variable.enumeration.contains(&variable.default) {
            diagnostics.push(Diagnostic::warning(
                &pointer.push("default"),
                format!(
                    "the default `{}` of server variable `{name}` is not one of its `enum` values",
                    variable.default
                ),
            ));
        }
        used.push((name, variable));
    }
    let url = url.trim_end_matches('/').to_string();
    let scheme = url.split_once("://").map(|(scheme, _)| scheme);
    let http_or_relative = scheme.is_none_or(|scheme| matches!(scheme, "http" | "https"));
    if !http_or_relative {
        diagnostics.push(
            Diagnostic::warning(
                &url_pointer,
                format!("the server URL `{url}` is not an http or https URL"),
            )
            .with_hint(
                "requests go to the client's base URL instead, which the user may have to give",
            ),
        );
    }
    Filled {
        url,
        http_or_relative,
        used,
    }
}

/// The names between braces in a server URL, in order, or why it is malformed.
fn placeholders(url: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut rest = url;
    while let Some(open) = rest.find(['{', '}']) {
        let after = rest.get(open + 1..).unwrap_or_default();
        if rest.get(open..).is_some_and(|r| r.starts_with('}')) {
            return Err("a `}` closes no `{`".to_string());
        }
        let Some(close) = after.find('}') else {
            return Err("a `{` is not closed".to_string());
        };
        let name = after.get(..close).unwrap_or_default();
        if name.is_empty() || name.contains('{') {
            return Err(format!("`{{{name}}}` is not a variable name"));
        }
        if !names.iter().any(|known| known == name) {
            names.push(name.to_string());
        }
        rest = after.get(close + 1..).unwrap_or_default();
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(yaml: &str) -> SpecServer {
        serde_yaml::from_str(yaml).unwrap()
    }

    fn messages(diagnostics: &[Diagnostic]) -> Vec<String> {
        diagnostics
            .iter()
            .map(|d| format!("{} {}", d.pointer, d.message))
            .collect()
    }

    #[test]
    fn the_default_url_fills_every_variable_with_its_default() {
        let spec = server(
            "url: https://{region}.example.com/{version}/\nvariables:\n  region: {default: us, enum: [us, eu]}\n  version: {default: v2}\n",
        );
        let mut diagnostics = Vec::new();
        let server = client_server(&[spec], &mut diagnostics).unwrap();
        assert_eq!(server.default_url, "https://us.example.com/v2");
        assert_eq!(server.template, "https://{region}.example.com/{version}");
        assert!(diagnostics.is_empty(), "{:?}", messages(&diagnostics));
    }

    #[test]
    fn a_variable_with_an_enum_gets_a_typed_setter_and_one_without_a_text_setter() {
        let spec = server(
            "url: https://{region}.example.com/{version}\nvariables:\n  region: {default: us, enum: [us, eu-west]}\n  version: {default: v2}\n",
        );
        let server = client_server(&[spec], &mut Vec::new()).unwrap();
        let region = &server.variables[0];
        assert_eq!(region.setter, "region");
        let values = region.values.as_ref().unwrap();
        assert_eq!(values.type_name, "Region");
        let variants: Vec<&str> = values
            .variants
            .iter()
            .map(|v| v.rust_name.as_str())
            .collect();
        assert_eq!(variants, ["Us", "EuWest"]);
        assert_eq!(server.variables[1].values, None);
    }

    #[test]
    fn a_variable_named_like_a_builder_method_gets_a_prefixed_setter() {
        let spec =
            server("url: https://{timeout}.example.com\nvariables:\n  timeout: {default: x}\n");
        let server = client_server(&[spec], &mut Vec::new()).unwrap();
        assert_eq!(server.variables[0].setter, "server_timeout");
    }

    #[test]
    fn a_placeholder_without_a_variable_is_a_located_warning() {
        let spec = server("url: https://{tenant}.example.com\n");
        let mut diagnostics = Vec::new();
        client_server(&[spec], &mut diagnostics);
        assert_eq!(
            messages(&diagnostics),
            ["#/servers/0/url the server URL uses `{tenant}`, which `variables` does not define"]
        );
    }

    #[test]
    fn a_variable_the_url_does_not_use_is_a_located_warning_and_gets_no_setter() {
        let spec = server("url: https://example.com\nvariables:\n  port: {default: '443'}\n");
        let mut diagnostics = Vec::new();
        let server = client_server(&[spec], &mut diagnostics).unwrap();
        assert!(server.variables.is_empty());
        assert_eq!(
            messages(&diagnostics),
            ["#/servers/0/variables/port the server variable `port` is not used in the URL; it gets no setter"]
        );
    }

    #[test]
    fn a_default_outside_the_enum_is_a_located_warning() {
        let spec = server(
            "url: https://{region}.example.com\nvariables:\n  region: {default: ap, enum: [us, eu]}\n",
        );
        let mut diagnostics = Vec::new();
        client_server(&[spec], &mut diagnostics);
        assert_eq!(
            messages(&diagnostics),
            ["#/servers/0/variables/region/default the default `ap` of server variable `region` is not one of its `enum` values"]
        );
    }

    #[test]
    fn an_unclosed_brace_and_another_scheme_are_located_warnings() {
        let mut diagnostics = Vec::new();
        client_server(
            &[server("url: https://{region.example.com\n")],
            &mut diagnostics,
        );
        client_server(&[server("url: ftp://example.com\n")], &mut diagnostics);
        assert_eq!(
            messages(&diagnostics),
            [
                "#/servers/0/url the server URL is malformed: a `{` is not closed",
                "#/servers/0/url the server URL `ftp://example.com` is not an http or https URL",
            ]
        );
    }

    #[test]
    fn a_relative_server_is_kept_relative() {
        let server = client_server(&[server("url: /v1\n")], &mut Vec::new()).unwrap();
        assert_eq!(server.default_url, "/v1");
        assert!(server.is_relative());
    }

    #[test]
    fn an_operations_servers_win_over_its_paths_and_the_clients_is_not_repeated() {
        let client = client_server(&[server("url: https://api.example.com\n")], &mut Vec::new());
        let op = [server("url: https://uploads.example.com/\n")];
        let item = [server("url: https://files.example.com\n")];
        let (pointer, item_pointer) = (Pointer::root().push("get"), Pointer::root());
        let mut diagnostics = Vec::new();
        let mut at = |op: &[SpecServer], item: &[SpecServer]| {
            operation_server(
                client.as_ref(),
                op,
                item,
                &pointer,
                &item_pointer,
                &mut diagnostics,
            )
            .0
        };
        assert_eq!(
            at(&op, &item).as_deref(),
            Some("https://uploads.example.com")
        );
        assert_eq!(at(&[], &item).as_deref(), Some("https://files.example.com"));
        assert_eq!(at(&[], &[]), None);
        assert_eq!(at(&[server("url: https://api.example.com/\n")], &[]), None);
        assert_eq!(at(&[server("url: wss://api.example.com/\n")], &[]), None);
    }

    #[test]
    fn an_operation_server_using_a_client_variable_keeps_its_template() {
        let client = client_server(
            &[server(
                "url: https://{region}.example.com\nvariables: {region: {default: us}}\n",
            )],
            &mut Vec::new(),
        );
        let shared = [server(
            "url: https://uploads.{region}.example.com\nvariables: {region: {default: us}}\n",
        )];
        let own = [server(
            "url: https://{zone}.files.com\nvariables: {zone: {default: a}}\n",
        )];
        let pointer = Pointer::root().push("get");
        let lowered = |op: &[SpecServer]| {
            operation_server(
                client.as_ref(),
                op,
                &[],
                &pointer,
                &Pointer::root(),
                &mut Vec::new(),
            )
        };
        let (url, template) = lowered(&shared);
        assert_eq!(url.as_deref(), Some("https://uploads.us.example.com"));
        assert_eq!(
            template,
            Some(OperationServerTemplate {
                url: "https://uploads.{region}.example.com".to_string(),
                defaults: vec![("region".to_string(), "us".to_string())],
            })
        );
        // A variable the user has no setter for stays at its default.
        assert_eq!(lowered(&own).1, None);
    }
}

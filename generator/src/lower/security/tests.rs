//! How schemes and requirements are read, on documents small enough to read here.

use openapiv3::OpenAPI;

use super::SecurityLowering;
use crate::diagnostics::{Diagnostic, Pointer};
use crate::model::{ApiKeyLocation, SchemeKind, Security};

/// A document with these top-level lines and these `securitySchemes`.
fn doc(top: &str, schemes: &str) -> OpenAPI {
    let text = format!(
        "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths: {{}}\n{top}\ncomponents:\n  securitySchemes:\n{schemes}"
    );
    serde_yaml::from_str(&text).unwrap_or_else(|error| panic!("{error}\n{text}"))
}

const BASIC: &str = "    basicAuth: {type: http, scheme: basic}\n";
const BEARER: &str = "    bearerAuth: {type: http, scheme: bearer}\n";
const HEADER_KEY: &str = "    headerKey: {type: apiKey, in: header, name: X-Key}\n";
const QUERY_KEY: &str = "    queryKey: {type: apiKey, in: query, name: key}\n";
const OAUTH: &str = "    oauth:\n      type: oauth2\n      flows:\n        clientCredentials:\n          tokenUrl: https://auth.example.com/token\n          scopes: {read: r, write: w}\n";

/// The requirements of operations whose `security` is each of `operations`
/// (`None` inherits the document's), the schemes and the diagnostics.
fn lower(
    doc: &OpenAPI,
    operations: &[Option<&str>],
) -> (Vec<Vec<Vec<usize>>>, Security, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut lowering = SecurityLowering::new(doc, &mut diagnostics);
    let owned: Vec<Option<Vec<openapiv3::SecurityRequirement>>> = operations
        .iter()
        .map(|own| own.map(|text| serde_yaml::from_str(text).expect("requirements")))
        .collect();
    let pointer = Pointer::root().push("paths").push("/x").push("get");
    let requirements = owned
        .iter()
        .map(|own| lowering.requirements(own.as_ref(), &pointer, &mut diagnostics))
        .collect();
    (requirements, lowering.finish(), diagnostics)
}

fn index(security: &Security, name: &str) -> usize {
    security
        .schemes
        .iter()
        .position(|scheme| scheme.name == name)
        .unwrap_or_else(|| panic!("no scheme {name}"))
}

#[test]
fn each_scheme_kind_is_read_with_where_its_credentials_go() {
    let schemes = format!("{BASIC}{BEARER}{HEADER_KEY}{QUERY_KEY}    cookieKey: {{type: apiKey, in: cookie, name: sid}}\n{OAUTH}");
    let (_, security, diagnostics) = lower(&doc("", &schemes), &[]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let kinds: Vec<(&str, &SchemeKind)> = security
        .schemes
        .iter()
        .map(|scheme| (scheme.name.as_str(), &scheme.kind))
        .collect();
    let key = |location, name: &str| SchemeKind::ApiKey {
        location,
        name: name.to_string(),
    };
    assert_eq!(
        kinds,
        [
            ("basicAuth", &SchemeKind::Basic),
            ("bearerAuth", &SchemeKind::Bearer),
            ("cookieKey", &key(ApiKeyLocation::Cookie, "sid")),
            ("headerKey", &key(ApiKeyLocation::Header, "X-Key")),
            (
                "oauth",
                &SchemeKind::ClientCredentials {
                    token_url: "https://auth.example.com/token".to_string(),
                    scopes: Vec::new(),
                    token_url_setter: "oauth2_token_url".to_string(),
                }
            ),
            ("queryKey", &key(ApiKeyLocation::Query, "key")),
        ]
    );
}

#[test]
fn an_operation_without_security_inherits_the_documents() {
    let doc = doc("security: [{basicAuth: []}]", &format!("{BASIC}{BEARER}"));
    let (requirements, security, _) = lower(&doc, &[None]);
    assert_eq!(requirements, [vec![vec![index(&security, "basicAuth")]]]);
}

#[test]
fn an_operations_security_overrides_the_documents() {
    let doc = doc("security: [{basicAuth: []}]", &format!("{BASIC}{BEARER}"));
    let (requirements, security, _) = lower(&doc, &[Some("[{bearerAuth: []}]")]);
    assert_eq!(requirements, [vec![vec![index(&security, "bearerAuth")]]]);
}

#[test]
fn empty_security_or_an_empty_first_requirement_sends_nothing() {
    let doc = doc("security: [{basicAuth: []}]", BASIC);
    let (requirements, _, _) = lower(
        &doc,
        &[Some("[]"), Some("[{}]"), Some("[{}, {basicAuth: []}]")],
    );
    assert_eq!(
        requirements,
        [Vec::<Vec<usize>>::new(), Vec::new(), Vec::new()]
    );
}

#[test]
fn alternatives_keep_the_specs_order_and_end_at_one_that_needs_nothing() {
    let doc = doc("", &format!("{BASIC}{BEARER}{HEADER_KEY}"));
    let (requirements, security, _) = lower(
        &doc,
        &[Some(
            "[{headerKey: []}, {basicAuth: []}, {}, {bearerAuth: []}]",
        )],
    );
    let (header, basic) = (index(&security, "headerKey"), index(&security, "basicAuth"));
    assert_eq!(requirements, [vec![vec![header], vec![basic], vec![]]]);
}

#[test]
fn a_requirement_naming_two_schemes_sends_both_in_a_stable_order() {
    let doc = doc("", &format!("{HEADER_KEY}{QUERY_KEY}"));
    let (requirements, security, _) = lower(
        &doc,
        &[
            Some("[{queryKey: [], headerKey: []}]"),
            Some("[{headerKey: [], queryKey: []}]"),
        ],
    );
    let both = vec![index(&security, "headerKey"), index(&security, "queryKey")];
    assert_eq!(requirements, [vec![both.clone()], vec![both]]);
}

#[test]
fn an_undeclared_scheme_is_a_located_warning_and_is_not_sent() {
    let doc = doc("", BASIC);
    let (requirements, security, diagnostics) =
        lower(&doc, &[Some("[{basicAuth: [], missing: []}]")]);
    assert_eq!(requirements, [vec![vec![index(&security, "basicAuth")]]]);
    let pointers: Vec<&str> = diagnostics.iter().map(|d| d.pointer.as_str()).collect();
    assert_eq!(pointers, ["#/paths/~1x/get/security/0/missing"]);
}

#[test]
fn other_oauth2_flows_and_openid_connect_warn_and_take_a_token_by_hand() {
    let schemes = "    implicit:\n      type: oauth2\n      flows:\n        implicit:\n          authorizationUrl: https://auth.example.com/authorize\n          scopes: {}\n    oidc: {type: openIdConnect, openIdConnectUrl: 'https://auth.example.com/.well-known/openid-configuration'}\n";
    let (_, security, diagnostics) = lower(&doc("", schemes), &[]);
    let pointers: Vec<&str> = diagnostics.iter().map(|d| d.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "#/components/securitySchemes/implicit/flows",
            "#/components/securitySchemes/oidc"
        ]
    );
    let setters: Vec<(&str, &SchemeKind)> = security
        .schemes
        .iter()
        .map(|scheme| (scheme.setter.as_str(), &scheme.kind))
        .collect();
    assert_eq!(
        setters,
        [
            ("implicit", &SchemeKind::Token),
            ("oidc", &SchemeKind::Token)
        ]
    );
}

#[test]
fn an_api_with_one_bearer_scheme_keeps_the_api_key_setter_and_variable() {
    let (_, security, _) = lower(&doc("", BEARER), &[]);
    assert!(security.single_key);
    let scheme = &security.schemes[0];
    assert_eq!(
        (scheme.setter.as_str(), scheme.env.as_slice()),
        ("api_key", ["API_KEY".to_string()].as_slice())
    );
}

#[test]
fn each_kind_has_its_setter_and_variables() {
    let (_, security, _) = lower(
        &doc("", &format!("{BASIC}{BEARER}{HEADER_KEY}{OAUTH}")),
        &[],
    );
    assert!(!security.single_key);
    let setters: Vec<(&str, Vec<&str>)> = security
        .schemes
        .iter()
        .map(|s| {
            (
                s.setter.as_str(),
                s.env.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        setters,
        [
            ("basic_auth", vec!["USERNAME", "PASSWORD"]),
            ("bearer_token", vec!["BEARER_TOKEN"]),
            ("api_key", vec!["API_KEY"]),
            (
                "oauth2_client_credentials",
                vec!["CLIENT_ID", "CLIENT_SECRET"]
            ),
        ]
    );
}

#[test]
fn schemes_that_would_share_a_setter_are_named_after_themselves() {
    let (_, security, _) = lower(&doc("", &format!("{HEADER_KEY}{QUERY_KEY}")), &[]);
    let setters: Vec<(&str, Vec<&str>)> = security
        .schemes
        .iter()
        .map(|s| {
            (
                s.setter.as_str(),
                s.env.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        setters,
        [
            ("header_key", vec!["HEADER_KEY"]),
            ("query_key", vec!["QUERY_KEY"])
        ]
    );
}

#[test]
fn two_basic_schemes_prefix_their_variables_with_their_names() {
    let schemes = format!("{BASIC}    partnerAuth: {{type: http, scheme: basic}}\n");
    let (_, security, _) = lower(&doc("", &schemes), &[]);
    let setters: Vec<(&str, Vec<&str>)> = security
        .schemes
        .iter()
        .map(|s| {
            (
                s.setter.as_str(),
                s.env.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        setters,
        [
            (
                "basic_auth",
                vec!["BASIC_AUTH_USERNAME", "BASIC_AUTH_PASSWORD"]
            ),
            (
                "partner_auth",
                vec!["PARTNER_AUTH_USERNAME", "PARTNER_AUTH_PASSWORD"]
            ),
        ]
    );
}

#[test]
fn a_token_asks_for_every_scope_the_requirements_name() {
    let doc = doc("security: [{oauth: [read]}]", OAUTH);
    let (_, security, _) = lower(&doc, &[None, Some("[{oauth: [write, read]}]")]);
    let SchemeKind::ClientCredentials { scopes, .. } = &security.schemes[0].kind else {
        panic!("{security:?}");
    };
    assert_eq!(scopes, &["read", "write"]);
}

#[test]
fn credentials_are_required_only_when_every_operation_needs_some() {
    let doc = doc("security: [{basicAuth: []}]", BASIC);
    assert!(lower(&doc, &[None, None]).1.always_required);
    assert!(!lower(&doc, &[None, Some("[]")]).1.always_required);
    assert!(!lower(&doc, &[]).1.always_required);
}

#[test]
fn an_empty_alternative_after_another_makes_credentials_optional() {
    let doc = doc("security: [{basicAuth: []}, {}]", BASIC);
    let (requirements, security, _) = lower(&doc, &[None, None]);
    assert_eq!(
        requirements[0],
        [vec![index(&security, "basicAuth")], vec![]]
    );
    assert!(!security.always_required);
}

#[test]
fn a_requirement_the_client_cannot_send_is_passed_over_not_taken_to_need_nothing() {
    let digest = "    digestAuth: {type: http, scheme: digest}\n";
    let doc = doc("", &format!("{digest}{HEADER_KEY}"));
    let (requirements, security, _) = lower(
        &doc,
        &[
            Some("[{digestAuth: []}, {headerKey: []}]"),
            Some("[{missing: []}, {headerKey: []}]"),
        ],
    );
    let header = vec![vec![index(&security, "headerKey")]];
    assert_eq!(requirements, [header.clone(), header]);
}

#[test]
fn a_scheme_named_like_the_security_modules_items_gets_another_constant() {
    let doc = doc("", "    schemes: {type: http, scheme: bearer}\n");
    let (_, security, _) = lower(&doc, &[]);
    assert_eq!(security.schemes[0].const_name, "SCHEMES2");
}

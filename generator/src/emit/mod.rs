//! From the [`Api`] model to the files of the generated crate, as `quote` tokens.

mod crate_root;
mod docs;
mod enums;
mod example_tests;
mod examples;
mod operations;
mod pagination;
mod readme;
mod resources;
mod types;

use proc_macro2::{Ident, Literal, TokenStream};

use crate::model::Api;
use crate::Config;

/// The contents of one generated file before formatting.
pub enum FileContents {
    /// Rust items, some of them tables, in order.
    Rust(Vec<RustItem>),
    /// A file written out as it is (TOML, or Markdown).
    Text(String),
    /// Runtime code: Rust source shipped verbatim.
    Verbatim(&'static str),
}

/// An item of Rust code.
pub enum RustItem {
    /// Code formatted by prettyplease.
    Tokens(TokenStream),
    Table(Table),
}

/// The rows of a call of a table-like macro (the runtime's `wire::object!`,
/// the example tables), printed one row per line: prettyplease does not
/// know the macros' grammar and would fill the lines like prose, so that one
/// changed row would reflow the rest and a spec change would give a large diff.
pub struct Table {
    pub call: TableCall,
    pub rows: TokenStream,
}

/// How a table's macro is called.
pub enum TableCall {
    /// `path! { rows }`
    Braces(&'static str),
    /// `path!(Name { rows });`
    Named(&'static str, Ident),
}

impl Table {
    fn whole(call: TableCall, rows: TokenStream) -> Self {
        Table { call, rows }
    }
}

/// Runtime modules that do not vary with the spec, written into every crate.
const RUNTIME: &[(&str, &str)] = &[
    ("src/blocking.rs", include_str!("../../runtime/blocking.rs")),
    ("src/client.rs", include_str!("../../runtime/client.rs")),
    ("src/error.rs", include_str!("../../runtime/error.rs")),
    ("src/params.rs", include_str!("../../runtime/params.rs")),
    ("src/request.rs", include_str!("../../runtime/request.rs")),
    ("src/response.rs", include_str!("../../runtime/response.rs")),
    ("src/retry.rs", include_str!("../../runtime/retry.rs")),
    ("src/wire.rs", include_str!("../../runtime/wire.rs")),
];

/// Runtime written only into crates with list operations that paginate.
const PAGINATION_RUNTIME: (&str, &str) = (
    "src/pagination.rs",
    include_str!("../../runtime/pagination.rs"),
);

/// Every file of the generated crate, sorted by path.
pub fn files(api: &Api, config: &Config) -> Vec<(String, FileContents)> {
    let deprecations = deprecations(api);
    let rust = |tokens| FileContents::Rust(vec![RustItem::Tokens(tokens)]);
    let mut files = vec![
        (
            "Cargo.toml".to_string(),
            FileContents::Text(crate_root::cargo_toml(api, config)),
        ),
        (
            "README.md".to_string(),
            FileContents::Text(readme::readme(api, config)),
        ),
        (
            "src/lib.rs".to_string(),
            rust(crate_root::lib_rs(api, config)),
        ),
        (
            "src/models.rs".to_string(),
            FileContents::Rust(types::models(&api.types, deprecations)),
        ),
        (
            "src/resources/mod.rs".to_string(),
            rust(resources::resources_mod(&api.resources)),
        ),
    ];
    let krate = config.crate_ident();
    files.extend(api.resources.iter().map(|resource| {
        (
            format!("src/resources/{}.rs", resource.module),
            rust(resources::resource_file(resource, deprecations, &krate)),
        )
    }));
    let pagination = crate_root::paginates(api).then_some(&PAGINATION_RUNTIME);
    files.extend(
        RUNTIME
            .iter()
            .chain(pagination)
            .map(|&(path, source)| (path.to_string(), FileContents::Verbatim(source))),
    );
    if !api.examples.is_empty() {
        files.push((
            "tests/examples/mod.rs".to_string(),
            FileContents::Rust(vec![
                RustItem::Tokens(example_tests::examples_module(api)),
                RustItem::Table(Table::whole(
                    TableCall::Braces("macros::examples"),
                    example_tests::example_rows(&api.examples),
                )),
            ]),
        ));
        files.push((
            "tests/examples/macros.rs".to_string(),
            FileContents::Verbatim(include_str!("../../runtime/example_macros.rs")),
        ));
        files.push((
            "tests/spec_examples.rs".to_string(),
            FileContents::Rust(vec![
                RustItem::Tokens(example_tests::round_trip_tests(api, config)),
                RustItem::Table(Table::whole(
                    TableCall::Braces("examples::round_trips"),
                    example_tests::round_trip_rows(&api.examples),
                )),
            ]),
        ));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// Whether anything in the spec is deprecated: then the generated modules
/// allow using deprecated items, which they must in order to define them.
fn deprecations(api: &Api) -> bool {
    let types = api.types.iter().any(|def| {
        def.deprecated
            || matches!(&def.kind, crate::model::TypeKind::Struct(fields) if fields.iter().any(|f| f.deprecated))
    });
    let operations = api
        .resources
        .iter()
        .flat_map(|r| &r.operations)
        .any(|op| op.deprecated || op.params.iter().any(|p| p.deprecated));
    types || operations
}

/// A raw string literal holding `text`, with enough `#`s to hold any `"#` in
/// it, so that JSON and prose read in the generated code as they are written;
/// a quoted one where a raw string cannot hold the text (a carriage return).
fn raw_string(text: &str) -> Literal {
    // One `#` more than the longest run of them after a quote in `text`.
    let hashes = 1 + text
        .match_indices('"')
        .map(|(at, _)| text[at + 1..].bytes().take_while(|&b| b == b'#').count())
        .max()
        .unwrap_or(0);
    let hashes = "#".repeat(hashes);
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| Literal::string(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_strings_have_enough_hashes_for_their_text() {
        assert_eq!(raw_string("\"a\"").to_string(), "r#\"\"a\"\"#");
        assert_eq!(raw_string("\"#tag\"").to_string(), "r##\"\"#tag\"\"##");
        assert_eq!(
            raw_string("a \"## b \"#").to_string(),
            "r###\"a \"## b \"#\"###"
        );
        assert_eq!(raw_string("plain").to_string(), "r#\"plain\"#");
    }
}

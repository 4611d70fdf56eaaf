//! From the [`Api`] model to the files of the generated crate, as `quote` tokens.

mod config;
mod constructors;
mod crate_root;
mod docs;
mod enums;
mod example_calls;
mod models;
mod operations;
mod output;
mod pagination;
mod readme;
mod resources;
mod spec_example_tests;
mod spelling;

use crate::model::Api;

pub use config::{Config, DEFAULT_COMMAND};
pub use output::{FileContents, RustItem, Table, TableCall};

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
            FileContents::Rust(models::models(&api.types, deprecations)),
        ),
        (
            "src/resources/mod.rs".to_string(),
            rust(resources::resources_mod(&api.resources)),
        ),
    ];
    let calls = example_calls::Calls::new(api, &config.crate_ident());
    files.extend(api.resources.iter().map(|resource| {
        (
            format!("src/resources/{}.rs", resource.module),
            rust(resources::resource_file(resource, deprecations, &calls)),
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
                RustItem::Tokens(spec_example_tests::examples_module(api)),
                RustItem::Table(Table::new(
                    TableCall::Braces("macros::examples"),
                    spec_example_tests::example_rows(&api.examples),
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
                RustItem::Tokens(spec_example_tests::round_trip_tests(api, config)),
                RustItem::Table(Table::new(
                    TableCall::Braces("examples::round_trips"),
                    spec_example_tests::round_trip_rows(&api.examples),
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

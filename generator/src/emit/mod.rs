//! From the [`Api`] model to the files of the generated crate, as `quote` tokens.

mod cargo_toml;
mod config;
pub mod conformance;
mod constructors;
mod crate_root;
mod docs;
mod enums;
mod error_body;
mod example_calls;
mod features;
mod models;
mod multipart_bodies;
mod operations;
mod output;
mod pagination;
mod readme;
mod resources;
mod security;
mod servers;
mod spec_example_tests;
mod spelling;
mod webhooks;

use crate::model::Api;
use models::Deprecations;

pub use config::{Config, WebhookSignature, DEFAULT_COMMAND};
pub use features::{api_features, unknown_default_features};
pub use output::{FileContents, FileToEmit, RustItem, Table, TableCall};

/// Types per part of `models.rs`.
const TYPES_PER_PART: usize = 128;

/// Runtime modules that do not vary with the spec, written into every crate.
const RUNTIME: &[(&str, &str)] = &[
    ("src/auth.rs", include_str!("../../runtime/auth.rs")),
    ("src/base_url.rs", include_str!("../../runtime/base_url.rs")),
    ("src/blocking.rs", include_str!("../../runtime/blocking.rs")),
    ("src/client.rs", include_str!("../../runtime/client.rs")),
    ("src/error.rs", include_str!("../../runtime/error.rs")),
    ("src/form.rs", include_str!("../../runtime/form.rs")),
    ("src/oauth2.rs", include_str!("../../runtime/oauth2.rs")),
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

/// Runtime written only into crates that send multipart bodies.
const MULTIPART_RUNTIME: [(&str, &str); 2] = [
    (
        "src/multipart.rs",
        include_str!("../../runtime/multipart.rs"),
    ),
    (
        "src/multipart/encode.rs",
        include_str!("../../runtime/multipart/encode.rs"),
    ),
];

/// Runtime written only into crates whose operations send raw bodies.
const RAW_BODY_RUNTIME: (&str, &str) =
    ("src/raw_body.rs", include_str!("../../runtime/raw_body.rs"));

/// Runtime written only into crates whose operations answer with raw bytes.
const DOWNLOAD_RUNTIME: (&str, &str) =
    ("src/download.rs", include_str!("../../runtime/download.rs"));

/// Every file of the generated crate, sorted by path, each emitted when asked.
pub fn files<'a>(api: &'a Api, config: &'a Config) -> Vec<FileToEmit<'a>> {
    let deprecations = deprecations(api);
    let rust = |tokens| FileContents::Rust(vec![RustItem::Tokens(tokens)]);
    let mut files = vec![
        FileToEmit::new("Cargo.toml", move || {
            FileContents::Text(cargo_toml::cargo_toml(api, config))
        }),
        FileToEmit::new("README.md", move || {
            FileContents::Text(readme::readme(api, config))
        }),
        FileToEmit::new("src/lib.rs", move || rust(crate_root::lib_rs(api, config))),
        FileToEmit::new("src/error_body.rs", move || {
            rust(error_body::error_body_rs(&api.error_bodies))
        }),
        FileToEmit::new("src/security.rs", move || {
            rust(security::security_rs(&api.security, config))
        }),
        FileToEmit::new("src/resources/mod.rs", move || {
            rust(resources::resources_mod(&api.resources))
        }),
    ];
    // The models are the largest file: emitted in parts, so the cores share it.
    let mut parts = api.types.chunks(TYPES_PER_PART).peekable();
    if parts.peek().is_none() {
        files.push(FileToEmit::new("src/models.rs", move || {
            FileContents::Rust(models::models(&[], Some(Deprecations(deprecations))))
        }));
    }
    files.extend(parts.enumerate().map(|(index, types)| {
        FileToEmit::new("src/models.rs", move || {
            let head = (index == 0).then_some(Deprecations(deprecations));
            FileContents::Rust(models::models(types, head))
        })
    }));
    // Every resource's doc examples look types up in one table, built once.
    let calls = std::sync::Arc::new(example_calls::Calls::new(api, &config.crate_ident()));
    files.extend(api.resources.iter().map(|resource| {
        let path = format!("src/resources/{}.rs", resource.module);
        let calls = std::sync::Arc::clone(&calls);
        FileToEmit::new(&path, move || {
            rust(resources::resource_file(
                resource,
                deprecations,
                &calls,
                &api.security,
            ))
        })
    }));
    let pagination = crate_root::paginates(api).then_some(&PAGINATION_RUNTIME);
    let multipart: &[_] = if crate_root::sends_multipart(api) {
        &MULTIPART_RUNTIME
    } else {
        &[]
    };
    let raw_bodies = crate_root::sends_raw_bodies(api).then_some(&RAW_BODY_RUNTIME);
    let downloads = crate_root::downloads(api).then_some(&DOWNLOAD_RUNTIME);
    files.extend(
        RUNTIME
            .iter()
            .chain(pagination)
            .chain(multipart)
            .chain(raw_bodies)
            .chain(downloads)
            .map(|&(path, source)| FileToEmit::new(path, move || FileContents::Verbatim(source))),
    );
    if let Some(server) = api.server.as_ref().filter(|s| !s.variables.is_empty()) {
        files.push(FileToEmit::new("src/servers.rs", move || {
            FileContents::Rust(servers::servers_module(server))
        }));
    }
    if let Some(hooks) = &api.webhooks {
        files.push(FileToEmit::new("src/webhooks.rs", move || {
            rust(webhooks::webhooks_module(api, hooks, config))
        }));
        let signed = config
            .webhook_signature
            .as_ref()
            .map(webhooks::verifier_runtime);
        files.extend(
            std::iter::once(webhooks::ERROR_RUNTIME)
                .chain(signed.into_iter().flatten())
                .map(|(path, source)| {
                    FileToEmit::new(path, move || FileContents::Verbatim(source))
                }),
        );
    }
    if !api.examples.is_empty() {
        files.push(FileToEmit::new("tests/examples/mod.rs", move || {
            FileContents::Rust(vec![
                RustItem::Tokens(spec_example_tests::examples_module(api)),
                RustItem::Table(Table::new(
                    TableCall::Braces("macros::examples"),
                    spec_example_tests::example_rows(&api.examples),
                )),
            ])
        }));
        files.push(FileToEmit::new("tests/examples/macros.rs", || {
            FileContents::Verbatim(include_str!("../../runtime/example_macros.rs"))
        }));
        files.push(FileToEmit::new("tests/spec_examples.rs", move || {
            FileContents::Rust(vec![
                RustItem::Tokens(spec_example_tests::round_trip_tests(api, config)),
                RustItem::Table(Table::new(
                    TableCall::Braces("examples::round_trips"),
                    spec_example_tests::round_trip_rows(&api.examples),
                )),
            ])
        }));
    }
    // Stable, so that the parts of a file stay in order.
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Whether anything in the spec is deprecated: then the generated modules
/// allow using deprecated items, which they must in order to define them.
fn deprecations(api: &Api) -> bool {
    let types = api.types.iter().any(|def| {
        def.deprecated
            || matches!(&def.kind, crate::model::TypeKind::Struct(fields) if fields.iter().any(|f| f.deprecated))
    });
    let operations = api.resources.iter().flat_map(|r| &r.operations).any(|op| {
        let parts = match op.body.as_ref().map(|b| &b.kind) {
            Some(crate::model::BodyKind::Multipart(body)) => body.parts.as_slice(),
            _ => &[],
        };
        op.deprecated
            || op.params.iter().any(|p| p.deprecated)
            || parts.iter().any(|p| p.deprecated)
    });
    types || operations
}

//! From the [`Api`] model to the files of the generated crate, as `quote` tokens.

mod cargo_toml;
mod config;
pub mod conformance;
mod constructors;
mod crate_root;
mod doc_continuations;
mod docs;
mod enums;
mod error_body;
mod example_calls;
mod features;
mod html_prose;
mod markdown;
mod models;
mod multipart_bodies;
mod operations;
mod output;
mod pagination;
mod readme;
mod recursion_limit;
mod resources;
mod security;
mod servers;
mod spec_example_tests;
mod spelling;
mod webhooks;

use crate::model::{Api, TypeKind};

pub use config::{Config, WebhookSignature, DEFAULT_COMMAND};
pub use features::{api_features, unknown_default_features};
pub use output::{FileContents, FileToEmit, RustItem, Table, TableCall};

/// Types per part of `models.rs`.
const TYPES_PER_PART: usize = 128;

/// `(path in the crate, source)` of runtime modules, read from `generator/runtime/`.
macro_rules! runtime {
    ($($module:literal),*) => {
        [$((
            concat!("src/", $module, ".rs"),
            include_str!(concat!("../../runtime/", $module, ".rs")),
        )),*]
    };
}

/// Runtime modules that do not vary with the spec, written into every crate.
const RUNTIME: &[(&str, &str)] = &runtime!(
    "auth", "base_url", "blocking", "client", "error", "form", "oauth2", "params", "request",
    "response", "retry", "wire"
);

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
    let parts: Vec<&[_]> = match api.types.len() {
        0 => vec![&[]],
        _ => api.types.chunks(TYPES_PER_PART).collect(),
    };
    files.extend(parts.into_iter().enumerate().map(|(index, types)| {
        FileToEmit::new("src/models.rs", move || {
            let head = (index == 0).then_some(deprecations);
            FileContents::Rust(models::models(types, head))
        })
    }));
    // Every resource's doc examples look types up in one table, built once.
    let calls = std::sync::Arc::new(example_calls::Calls::new(api, &config.crate_ident()));
    files.extend(api.resources.iter().map(|resource| {
        let path = format!("src/resources/{}.rs", resource.module);
        let calls = std::sync::Arc::clone(&calls);
        FileToEmit::new(&path, move || {
            let receives_webhooks = api.shares_webhooks(resource);
            rust(resources::resource_file(
                resource,
                (deprecations, receives_webhooks),
                &calls,
                &api.security,
            ))
        })
    }));
    // Runtime modules that only some crates use, written into those.
    let signature = api.webhooks.as_ref().and(config.webhook_signature.as_ref());
    let optional: [(bool, &[(&str, &str)]); 6] = [
        (crate_root::paginates(api), &runtime!("pagination")),
        (
            crate_root::sends_multipart(api),
            &runtime!("multipart", "multipart/encode"),
        ),
        (crate_root::sends_raw_bodies(api), &runtime!("raw_body")),
        (crate_root::downloads(api), &runtime!("download")),
        (api.webhooks.is_some(), &runtime!("webhook_error")),
        (signature.is_some(), &runtime!("webhook_verifier")),
    ];
    let used = optional.into_iter().filter(|(used, _)| *used);
    let scheme = signature.map(webhooks::scheme_runtime);
    files.extend(
        RUNTIME
            .iter()
            .chain(used.flat_map(|(_, modules)| modules))
            .chain(&scheme)
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
    }
    if !api.examples.is_empty() {
        // A test file: its code, then the table of the examples it runs.
        let tests = |code, call, rows| {
            let table = Table {
                call: TableCall::Braces(call),
                rows,
            };
            FileContents::Rust(vec![RustItem::Tokens(code), RustItem::Table(table)])
        };
        let examples = &api.examples;
        files.extend([
            FileToEmit::new("tests/examples/mod.rs", move || {
                let code = spec_example_tests::examples_module(api);
                tests(
                    code,
                    "macros::examples",
                    spec_example_tests::example_rows(examples),
                )
            }),
            FileToEmit::new("tests/examples/macros.rs", || {
                FileContents::Verbatim(include_str!("../../runtime/example_macros.rs"))
            }),
            FileToEmit::new("tests/spec_examples.rs", move || {
                let code = spec_example_tests::round_trip_tests(api, config);
                let rows = spec_example_tests::round_trip_rows(examples);
                tests(code, "examples::round_trips", rows)
            }),
        ]);
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
            || matches!(&def.kind, TypeKind::Struct(fields) if fields.iter().any(|f| f.deprecated))
    });
    let operations = api.operations().any(|op| {
        let parts = op.multipart().map_or(&[][..], |body| &body.parts);
        op.deprecated
            || op.params.iter().any(|p| p.deprecated)
            || parts.iter().any(|p| p.deprecated)
    });
    types || operations
}

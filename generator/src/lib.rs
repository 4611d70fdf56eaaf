//! Turns an OpenAPI 3.0 or 3.1 description into the source files of an async Rust client crate.
//!
//! The stages run in one direction, a folder each, as docs/ARCHITECTURE.md describes: `load` →
//! `lower` (to our [`model`]) → `emit` → `format`. Nothing here touches the disk.

// Input must never make the generator panic: a bad spec gets a diagnostic.
#![cfg_attr(
    not(test),
    deny(
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic,
        clippy::todo,
        clippy::unimplemented,
        clippy::unreachable,
        clippy::unwrap_used
    )
)]
// Output must not depend on hash seeds: hashed maps and sets are only
// looked up, never walked (clippy.toml forbids their iterating methods too).
#![deny(clippy::iter_over_hash_type)]

mod diagnostics;
mod emit;
mod format;
mod load;
mod lower;
pub mod model;
mod naming;

pub use diagnostics::{report, Diagnostic, Pointer, Severity, REPORT_LIMIT};
pub use emit::conformance::RESULT_PREFIX as CONFORMANCE_RESULT_PREFIX;
pub use emit::{Config, WebhookSignature, DEFAULT_COMMAND};
pub use format::{is_generated_header, GeneratedFile};
pub use load::spec_text;
pub use lower::{DeclaredStyle, PagingDeclaration, PagingDeclarations};

/// The output of a successful run: the files, and the warnings worth showing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub files: Vec<GeneratedFile>,
    pub warnings: Vec<Diagnostic>,
}

/// Generates the client crate for the spec `text`, or every problem found (errors first,
/// then in the order of the text), never a partial crate.
pub fn generate(text: &str, config: &Config) -> Result<Generated, Vec<Diagnostic>> {
    let (api, config, warnings) = model(text, config).map_err(|d| located(text, d))?;
    let files = format::files(&emit::files(&api, &config), config.command())
        .map_err(|diagnostic| located(text, vec![diagnostic]))?;
    Ok(Generated {
        files,
        warnings: located(text, warnings),
    })
}

/// The source of `examples/conformance.rs`, which calls every operation of the crate [`generate`]
/// makes from `text` against a mock server and prints a line per operation starting with
/// [`CONFORMANCE_RESULT_PREFIX`]; `cargo xtask conformance` adds it to a scratch copy.
pub fn conformance_program(
    text: &str,
    config: &Config,
) -> Result<ConformanceProgram, Vec<Diagnostic>> {
    let (api, config, _) = model(text, config).map_err(|diagnostics| located(text, diagnostics))?;
    let krate = config.crate_ident();
    let file = emit::FileToEmit::new(emit::conformance::PATH, || {
        let program = emit::conformance::program(&api, &krate);
        emit::FileContents::Rust(vec![emit::RustItem::Tokens(program)])
    });
    let mut files =
        format::files(&[file], config.command()).map_err(|diagnostic| vec![diagnostic])?;
    let file = files.pop().ok_or_else(Vec::new)?;
    let operations = api
        .operations()
        .map(|op| ConformanceOperation {
            operation_id: op.operation_id.clone(),
            method: op.http_method.as_str(),
            path: op.path.clone(),
        })
        .collect();
    Ok(ConformanceProgram { file, operations })
}

/// The conformance program, and the operations it reports on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConformanceProgram {
    pub file: GeneratedFile,
    /// In the order the program calls them.
    pub operations: Vec<ConformanceOperation>,
}

/// An operation as the conformance program names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConformanceOperation {
    pub operation_id: String,
    pub method: &'static str,
    pub path: String,
}

/// The model of the spec `text`, the configuration completed from it, and the warnings.
fn model(
    text: &str,
    config: &Config,
) -> Result<(model::Api, Config, Vec<Diagnostic>), Vec<Diagnostic>> {
    let load::Loaded {
        doc,
        webhooks,
        warnings,
        origins,
    } = load::load(text)?;
    let (api, mut lowering) = lower::lower(&doc, &webhooks, &config.pagination);
    // The model holds all that is needed from here on, and the document is as large again.
    drop((doc, webhooks));
    origins.translate_diagnostics(&mut lowering);
    let mut diagnostics = warnings;
    diagnostics.append(&mut lowering);
    let Some(api) = api else {
        return Err(diagnostics);
    };
    let config = config.resolved(&api.title);
    let unknown = emit::unknown_default_features(&api, &config);
    if !unknown.is_empty() {
        diagnostics.push(
            Diagnostic::error(
                "#",
                format!(
                    "codegen.yaml's `default_features` names {}, not a feature of this crate",
                    unknown.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
                ),
            )
            .with_hint(format!(
                "the features are `rustls`, `native-tls`, `blocking`, `full` and one per resource: {}",
                emit::api_features(&api).join(", ")
            )),
        );
        return Err(diagnostics);
    }
    Ok((api, config, diagnostics))
}

/// Each diagnostic once, located in the text: the one place that does, since the stages
/// deal in pointers.
fn located(text: &str, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut locator = diagnostics::locate::Locator::new(text);
    for diagnostic in &mut diagnostics {
        if diagnostic.location.is_none() {
            diagnostic.location = locator.locate(&diagnostic.pointer);
        }
    }
    diagnostics.sort_by(|a, b| {
        (a.severity, a.location, &a.pointer, &a.message)
            .cmp(&(b.severity, b.location, &b.pointer, &b.message))
    });
    diagnostics.dedup();
    let errors: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    diagnostics.retain(|d| d.severity == Severity::Error || !errors.iter().any(|e| repeats(e, d)));
    diagnostics
}

/// Whether `error`, at or under the place of `warning`, says what it says and maybe more: load
/// warns of every `$ref` that points nowhere, and lowering refuses those it reads where they
/// are written (a chain of component `$ref`s is refused where it is used, beside the warning).
fn repeats(error: &Diagnostic, warning: &Diagnostic) -> bool {
    let under = error
        .pointer
        .strip_prefix(&warning.pointer)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
    under && error.message.starts_with(&warning.message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_at_or_under_a_warnings_place_that_says_as_much_replaces_it() {
        let warning = Diagnostic::warning("#/a/b", "`$ref: #/x` points nowhere");
        let error = |pointer: &str, message: &str| Diagnostic::error(pointer, message);
        let nowhere = "`$ref: #/x` points nowhere";
        assert!(repeats(&error("#/a/b", nowhere), &warning));
        assert!(repeats(&error("#/a/b/$ref", nowhere), &warning));
        assert!(repeats(
            &error("#/a/b", &format!("{nowhere}: on the way…")),
            &warning
        ));
        assert!(!repeats(&error("#/a/bc", nowhere), &warning));
        assert!(!repeats(&error("#/a", nowhere), &warning));
        assert!(!repeats(
            &error("#/a/b", "`$ref: #/y` points nowhere"),
            &warning
        ));
    }
}

//! Turns an OpenAPI 3.0 description into the source files of an async Rust client crate.
//!
//! The stages run in one direction, each in its own module:
//! `load` (text to `openapiv3` document) → `lower` (document to our [`model`])
//! → `emit` (model to tokens) → `format` (tokens to files). Nothing here
//! touches the disk: the caller gets the files as (path, contents) pairs.

mod config;
mod diagnostics;
mod emit;
mod format;
mod load;
mod lower;
pub mod model;
mod naming;

pub use config::Config;
pub use diagnostics::{Diagnostic, Pointer, Severity};
pub use format::GENERATED_MARKER;

/// One file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative to the crate root, with `/` separators, e.g. `src/models.rs`.
    pub path: String,
    pub contents: String,
}

/// The output of a successful run: the files, and the warnings worth showing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub files: Vec<GeneratedFile>,
    pub warnings: Vec<Diagnostic>,
}

/// Generates the client crate for the spec `text`. On failure, returns every
/// problem found (errors first), never a partial crate.
pub fn generate(text: &str, config: &Config) -> Result<Generated, Vec<Diagnostic>> {
    let doc = load::load(text).map_err(|diagnostic| vec![diagnostic])?;
    let (api, diagnostics) = lower::lower(&doc);
    // The parsed document is much larger than the model; free it before emitting.
    drop(doc);
    let Some(api) = api else {
        return Err(diagnostics);
    };
    let config = config.resolved(&api.title);
    let files = emit::emit(&api, &config)
        .into_iter()
        .map(|(path, contents)| {
            let contents = format::format(&path, contents)?;
            Ok(GeneratedFile { path, contents })
        })
        .collect::<Result<Vec<_>, Diagnostic>>()
        .map_err(|diagnostic| vec![diagnostic])?;
    Ok(Generated {
        files,
        warnings: diagnostics,
    })
}

//! From spec text to a parsed `openapiv3` document.

use openapiv3::OpenAPI;
use serde_path_to_error::Segment;

use crate::diagnostics::{Diagnostic, Pointer};
use crate::normalize::{normalize, PointerMap};

/// A parsed document, and what reading it found worth telling.
pub struct Loaded {
    pub doc: OpenAPI,
    pub warnings: Vec<Diagnostic>,
    /// Translates pointers into `doc` back to the user's document.
    pub origins: PointerMap,
}

/// Parses YAML (or JSON, which is YAML) into an OpenAPI 3.0 document;
/// OpenAPI 3.1 documents are normalised into 3.0 form first.
pub fn load(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let value: serde_yaml::Value =
        serde_yaml::from_str(text).map_err(|error| vec![yaml_error(&error)])?;
    let version = value
        .get("openapi")
        .and_then(serde_yaml::Value::as_str)
        .map(str::to_string);
    match version.as_deref() {
        Some(v) if v.starts_with("3.0.") => {}
        Some(v) if v.starts_with("3.1.") => return load_normalized(value),
        Some(v) => {
            return Err(vec![Diagnostic::error(
                "#/openapi",
                format!("OpenAPI version `{v}` is not supported"),
            )
            .with_hint("this generator reads OpenAPI 3.0.x and 3.1.x documents")])
        }
        None => {
            let found = value
                .get("swagger")
                .map(|_| "this is a Swagger 2.0 document; ")
                .unwrap_or("");
            return Err(vec![Diagnostic::error(
                "#",
                "the document has no `openapi` version field",
            )
            .with_hint(format!(
                "{found}this generator reads OpenAPI 3.0.x and 3.1.x documents"
            ))]);
        }
    }
    let doc = serde_yaml::from_str(text).map_err(|error| vec![yaml_error(&error)])?;
    Ok(Loaded {
        doc,
        warnings: Vec::new(),
        origins: PointerMap::default(),
    })
}

fn load_normalized(value: serde_yaml::Value) -> Result<Loaded, Vec<Diagnostic>> {
    let normalized = normalize(value)?;
    // The normalised document is no longer text, so no line is known: the
    // path of the failure, taken back to the user's document, says where.
    let doc = serde_path_to_error::deserialize(normalized.value).map_err(|error| {
        let pointer = normalized.origins.translate(&path_pointer(error.path()));
        vec![Diagnostic::error(pointer, error.inner().to_string())]
    })?;
    Ok(Loaded {
        doc,
        warnings: normalized.warnings,
        origins: normalized.origins,
    })
}

/// The pointer of a deserialisation path, up to the first step that has no name
/// (inside `openapiv3`'s untagged enums).
fn path_pointer(path: &serde_path_to_error::Path) -> String {
    let mut pointer = Pointer::root();
    for segment in path.iter() {
        pointer = match segment {
            Segment::Seq { index } => pointer.push(&index.to_string()),
            Segment::Map { key } => pointer.push(key),
            Segment::Enum { .. } | Segment::Unknown => break,
        };
    }
    pointer.as_str().to_string()
}

fn yaml_error(error: &serde_yaml::Error) -> Diagnostic {
    let message = error.to_string();
    // serde_yaml appends " at line L column C"; the location is kept separately.
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_string();
    let diagnostic = Diagnostic::error("#", message);
    match error.location() {
        Some(location) => diagnostic.at(location.line(), location.column()),
        None => diagnostic,
    }
}

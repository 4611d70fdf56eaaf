//! From spec text to a parsed `openapiv3` document.

use openapiv3::OpenAPI;

use crate::diagnostics::Diagnostic;

/// Parses YAML (or JSON, which is YAML) into an OpenAPI 3.0 document.
///
/// The text is parsed once; only when that fails is it read again as plain
/// YAML, to tell a document of another version from a broken one. (Reading
/// it as YAML first doubled the time and peak memory of a large spec.)
pub fn load(text: &str) -> Result<OpenAPI, Diagnostic> {
    match serde_yaml::from_str::<OpenAPI>(text) {
        Ok(doc) => {
            check_version(Some(&doc.openapi), false)?;
            Ok(doc)
        }
        Err(error) => {
            let value: serde_yaml::Value =
                serde_yaml::from_str(text).map_err(|error| yaml_error(&error))?;
            let version = value.get("openapi").and_then(serde_yaml::Value::as_str);
            check_version(version, value.get("swagger").is_some())?;
            Err(yaml_error(&error))
        }
    }
}

/// Refuses any document but OpenAPI 3.0.x, saying what it is instead.
fn check_version(version: Option<&str>, swagger: bool) -> Result<(), Diagnostic> {
    match version {
        Some(v) if v.starts_with("3.0.") => {}
        Some(v) => {
            return Err(Diagnostic::error(
                "#/openapi",
                format!("OpenAPI version `{v}` is not supported"),
            )
            .with_hint("this generator reads OpenAPI 3.0.x documents"))
        }
        None => {
            let found = if swagger {
                "this is a Swagger 2.0 document; "
            } else {
                ""
            };
            return Err(
                Diagnostic::error("#", "the document has no `openapi` version field").with_hint(
                    format!("{found}this generator reads OpenAPI 3.0.x documents"),
                ),
            );
        }
    }
    Ok(())
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

//! Problems found in a spec, each tied to the place it was found.

pub mod locate;

use std::borrow::Cow;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem: what is wrong, where, and (when it helps) how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// JSON pointer of the offending node, e.g. `#/paths/~1recordings/get`.
    pub pointer: String,
    /// Line and column (1-based) in the spec text, when known.
    pub location: Option<(usize, usize)>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            pointer: pointer.into(),
            location: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(pointer, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.location = Some((line, column));
        self
    }

    /// Renders the diagnostic for a person, naming the spec file it is about.
    pub fn render(&self, file: &str) -> String {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let place = match self.location {
            Some((line, column)) => format!("{file}:{line}:{column}"),
            None => file.to_string(),
        };
        let mut out = format!(
            "{label}: {}\n  --> {place} at {}",
            self.message, self.pointer
        );
        if let Some(hint) = &self.hint {
            out.push_str("\n  = help: ");
            out.push_str(hint);
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}", self.message, self.pointer)
    }
}

/// How many diagnostics a report shows: a spec with more is usually broken in one repeated way.
pub const REPORT_LIMIT: usize = 50;

/// Renders at most [`REPORT_LIMIT`] diagnostics, each naming `file`, and a count of all.
pub fn report(diagnostics: &[Diagnostic], file: &str) -> String {
    let mut parts: Vec<String> = diagnostics
        .iter()
        .take(REPORT_LIMIT)
        .map(|diagnostic| diagnostic.render(file))
        .collect();
    if diagnostics.len() > REPORT_LIMIT {
        let hidden = diagnostics.len() - REPORT_LIMIT;
        parts.push(format!("... and {hidden} more not shown"));
    }
    let count = |severity: Severity, noun: &str| {
        let n = diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count();
        match n {
            1 => format!("1 {noun}"),
            n => format!("{n} {noun}s"),
        }
    };
    parts.push(format!(
        "{} and {} in {file}",
        count(Severity::Error, "error"),
        count(Severity::Warning, "warning")
    ));
    parts.join("\n\n")
}

/// The unescaped reference tokens of a local `$ref`.
pub fn reference_tokens(reference: &str) -> Option<Vec<String>> {
    let path = reference.strip_prefix("#/")?;
    Some(
        path.split('/')
            .map(|token| unescape_token(&percent_decoded(token)).into_owned())
            .collect(),
    )
}

/// A JSON pointer's reference token as the key it names: `~1` is `/` and `~0` is `~`.
pub fn unescape_token(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}

/// A `$ref` is a URI, so its fragment may be percent-encoded (`%7Bid%7D`);
/// a token that does not decode to UTF-8 is kept as written.
fn percent_decoded(token: &str) -> String {
    percent_encoding::percent_decode_str(token)
        .decode_utf8()
        .map_or_else(|_| token.to_string(), |decoded| decoded.into_owned())
}

/// Builds JSON pointers (RFC 6901) one reference token at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pointer(String);

impl Pointer {
    pub fn root() -> Self {
        Pointer("#".to_string())
    }

    pub fn push(&self, token: &str) -> Self {
        // Called for nearly every node of a spec: one allocation each.
        let mut pointer = String::with_capacity(self.0.len() + 1 + token.len());
        pointer.push_str(&self.0);
        pointer.push('/');
        if token.contains(['~', '/']) {
            pointer.push_str(&token.replace('~', "~0").replace('/', "~1"));
        } else {
            pointer.push_str(token);
        }
        Pointer(pointer)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&Pointer> for String {
    fn from(pointer: &Pointer) -> String {
        pointer.0.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_tokens_are_unescaped_and_percent_decoded() {
        assert_eq!(
            reference_tokens("#/paths/~1a~1%7Bid%7D/get").unwrap(),
            ["paths", "/a/{id}", "get"]
        );
        assert!(reference_tokens("other.yaml#/a").is_none());
    }

    #[test]
    fn pointer_escapes_slashes_and_tildes() {
        let pointer = Pointer::root().push("paths").push("/a~b/{id}");
        assert_eq!(pointer.as_str(), "#/paths/~1a~0b~1{id}");
    }

    #[test]
    fn a_report_shows_at_most_the_limit_and_counts_everything() {
        let many = vec![Diagnostic::error("#", "bad"); REPORT_LIMIT + 2];
        let report = report(&many, "spec.yaml");
        assert_eq!(report.matches("error: bad").count(), REPORT_LIMIT);
        assert!(
            report.ends_with("... and 2 more not shown\n\n52 errors and 0 warnings in spec.yaml")
        );
    }

    #[test]
    fn render_names_file_line_pointer_and_hint() {
        let diagnostic = Diagnostic::error("#/paths", "bad thing")
            .at(3, 5)
            .with_hint("do this");
        assert_eq!(
            diagnostic.render("spec.yaml"),
            "error: bad thing\n  --> spec.yaml:3:5 at #/paths\n  = help: do this"
        );
    }
}

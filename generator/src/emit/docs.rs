//! Doc comments from spec prose: Markdown that rustdoc accepts without warnings.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::doc_continuations::explicit_continuations;
use super::spelling::raw_string;

/// Builds the text of one doc comment from paragraphs, skipping empty ones.
#[derive(Default)]
pub struct DocText {
    paragraphs: Vec<String>,
}

impl DocText {
    /// Spec prose, made safe for rustdoc.
    pub fn prose(mut self, text: Option<&str>) -> Self {
        if let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) {
            self.paragraphs.push(sanitize(text));
        }
        self
    }

    /// Text written by the generator: already valid Markdown.
    pub fn line(mut self, text: impl Into<String>) -> Self {
        self.paragraphs.push(text.into());
        self
    }

    /// An example value (compact JSON) as a code span.
    pub fn example(self, example: Option<&str>) -> Self {
        match example {
            Some(json) => self.line(format!("Example: {}", code_span(json))),
            None => self,
        }
    }

    /// A line for an item the spec does not describe, so that none goes undocumented.
    pub fn or_line(self, line: impl FnOnce() -> String) -> Self {
        if self.is_empty() {
            self.line(line())
        } else {
            self
        }
    }

    /// The paragraphs as one Markdown text.
    pub fn text(&self) -> String {
        self.paragraphs.join("\n\n")
    }

    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    /// The doc comment of an item, for `crate::format` to print as `///` lines.
    pub fn attrs(&self) -> TokenStream {
        let values = self.attribute_values();
        quote!(#(#[doc = #values])*)
    }

    /// The doc comment of a module or crate, for `crate::format` to print
    /// as `//!` lines.
    pub fn inner_attrs(&self) -> TokenStream {
        let values = self.attribute_values();
        quote!(#(#![doc = #values])*)
    }

    /// The values of the doc attributes, one per line, each after the space that `///` leaves.
    fn attribute_values(&self) -> Vec<Literal> {
        let line = |line: &str| match line {
            "" => raw_string(""),
            line => raw_string(&[" ", line].concat()),
        };
        self.text().lines().map(line).collect()
    }
}

/// A Markdown code span holding `text`, fenced with enough backticks.
pub fn code_span(text: &str) -> String {
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Makes Markdown from a spec safe for rustdoc: untagged code blocks become
/// `text` (so they are not compiled as doctests), and outside code, bare URLs
/// become autolinks, `[x]` that is not a link is escaped, and `<` that does not
/// open an autolink is escaped, so no intra-doc link or HTML tag is guessed at;
/// lines that lazily continue a list item or quote are written out in full.
pub fn sanitize(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_fence = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            if !in_fence && trimmed.trim_end() == "```" {
                out.push(line.replacen("```", "```text", 1));
            } else {
                out.push(line.to_string());
            }
            in_fence = !in_fence;
        } else if in_fence {
            out.push(line.to_string());
        } else {
            out.push(sanitize_line(line));
        }
    }
    explicit_continuations(&out.join("\n"))
}

/// Sanitizes one line of prose, leaving code spans as they are.
fn sanitize_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        out.push_str(&sanitize_prose(&rest[..start]));
        let ticks = rest[start..].len() - rest[start..].trim_start_matches('`').len();
        let fence = &rest[start..start + ticks];
        match rest[start + ticks..].find(fence) {
            Some(end) => {
                let close = start + ticks + end + ticks;
                out.push_str(&rest[start..close]);
                rest = &rest[close..];
            }
            None => {
                out.push_str(&fence.replace('`', "\\`"));
                rest = &rest[start + ticks..];
            }
        }
    }
    out.push_str(&sanitize_prose(rest));
    out
}

fn sanitize_prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let rest = &text[i..];
        match c {
            '<' if is_autolink(rest) => {
                let end = rest.find('>').map_or(rest.len(), |e| e + 1);
                out.push_str(&rest[..end]);
                while chars.peek().is_some_and(|(j, _)| *j < i + end) {
                    chars.next();
                }
            }
            '<' => out.push_str("&lt;"),
            '[' if is_link(rest) => out.push('['),
            '[' | ']' if !closes_link(text, i) => {
                out.push('\\');
                out.push(c);
            }
            'h' if starts_url(rest) && !preceded_by_link_syntax(text, i) => {
                let end = url_end(rest);
                out.push('<');
                out.push_str(&rest[..end]);
                out.push('>');
                while chars.peek().is_some_and(|(j, _)| *j < i + end) {
                    chars.next();
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn starts_url(text: &str) -> bool {
    text.starts_with("https://") || text.starts_with("http://")
}

fn is_autolink(text: &str) -> bool {
    starts_url(&text[1..]) && text.contains('>')
}

/// `[text](target)` starting at `text`.
fn is_link(text: &str) -> bool {
    text.find("](")
        .is_some_and(|close| !text[1..close].contains(['[', ']']))
}

/// Whether the `]` at `index` closes a `[text](target)` link.
fn closes_link(text: &str, index: usize) -> bool {
    text[index..].starts_with("](")
        && text[..index]
            .rfind('[')
            .is_some_and(|open| is_link(&text[open..]))
}

/// A URL right after `](` or `<` is already a link target.
fn preceded_by_link_syntax(text: &str, index: usize) -> bool {
    text[..index].ends_with("](") || text[..index].ends_with('<')
}

/// Where a bare URL ends: at white space, or before trailing punctuation.
fn url_end(text: &str) -> usize {
    let end = text
        .find(|c: char| c.is_whitespace() || c == '<' || c == '>')
        .unwrap_or(text.len());
    text[..end]
        .trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '\'', '"'])
        .len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            sanitize("Docs at https://example.com/errors."),
            "Docs at <https://example.com/errors>."
        );
    }

    #[test]
    fn markdown_links_are_kept() {
        assert_eq!(
            sanitize("See [docs](https://x.io)."),
            "See [docs](https://x.io)."
        );
    }

    #[test]
    fn brackets_that_are_not_links_are_escaped() {
        assert_eq!(sanitize("Use page[size]"), "Use page\\[size\\]");
    }

    #[test]
    fn html_like_text_is_escaped_outside_code() {
        assert_eq!(
            sanitize("of the form Bearer <token>, or `<token>`"),
            "of the form Bearer &lt;token>, or `<token>`"
        );
    }

    #[test]
    fn untagged_code_blocks_are_not_doctests() {
        assert_eq!(sanitize("```\ncurl x\n```"), "```text\ncurl x\n```");
    }

    #[test]
    fn doc_lines_are_raw_strings_that_keep_quotes_and_hashes() {
        let value = |line: &str| {
            let literal = raw_string(line);
            match syn::parse2::<syn::LitStr>(quote!(#literal)) {
                Ok(literal) => literal.value(),
                Err(error) => error.to_string(),
            }
        };
        for line in [
            " plain",
            " \"quoted\"",
            " a \"# b \"## c",
            " back\\slash",
            "\"#",
        ] {
            assert_eq!(value(line), line);
            assert!(raw_string(line).to_string().starts_with('r'), "{line}");
        }
        assert_eq!(value(" carriage\rreturn"), " carriage\rreturn");
    }

    #[test]
    fn code_spans_fence_backticks_inside() {
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("\"dual\""), "`\"dual\"`");
    }
}

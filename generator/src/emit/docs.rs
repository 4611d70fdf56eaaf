//! Doc comments from spec prose: Markdown that rustdoc accepts without warnings.

use std::iter::Peekable;
use std::str::CharIndices;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::doc_continuations::explicit_continuations;
use super::html_prose::{html_as_markdown, line_break};
pub use super::markdown::code_span;
use super::markdown::{backtick_runs, starts_url};
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

/// The doc comment of an item: one paragraph the generator writes.
pub fn doc_line(text: impl Into<String>) -> TokenStream {
    DocText::default().line(text).attrs()
}

/// Makes Markdown from a spec safe for rustdoc: untagged code blocks become
/// `text` (so they are not compiled as doctests), and outside code, bare URLs
/// become autolinks, `[x]` that is not a link is escaped, and `<` that does not
/// open an autolink is escaped, so no intra-doc link or HTML tag is guessed at;
/// lines that lazily continue a list item or quote are written out in full.
pub fn sanitize(text: &str) -> String {
    let mut out = Vec::new();
    let mut paragraph = Vec::new();
    let mut in_fence = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if in_fence || trimmed.starts_with("```") || trimmed.is_empty() {
            // A link never spans a blank line or a fence, so the lines before one are done.
            if !paragraph.is_empty() {
                out.push(sanitize_paragraph(&paragraph.join("\n")));
                paragraph.clear();
            }
        }
        if trimmed.starts_with("```") {
            if !in_fence && trimmed.trim_end() == "```" {
                out.push(line.replacen("```", "```text", 1));
            } else {
                out.push(line.to_string());
            }
            in_fence = !in_fence;
        } else if in_fence || trimmed.is_empty() {
            out.push(line.to_string());
        } else {
            paragraph.push(line);
        }
    }
    if !paragraph.is_empty() {
        out.push(sanitize_paragraph(&paragraph.join("\n")));
    }
    explicit_continuations(&out.join("\n"))
}

/// A paragraph of prose, its HTML tags first turned into the Markdown they stand for.
fn sanitize_paragraph(text: &str) -> String {
    match html_as_markdown(text) {
        // Tags may have become paragraph breaks, and a link never spans one.
        Some(markdown) => {
            let parts: Vec<String> = markdown.split("\n\n").map(sanitize_lines).collect();
            parts.join("\n\n")
        }
        None => sanitize_lines(text),
    }
}

/// Sanitizes lines of prose with no blank line between them, leaving code spans as they
/// are; links are looked for across the lines and around the code spans, since a link's
/// text may hold code or break across lines.
fn sanitize_lines(text: &str) -> String {
    let runs = backtick_runs(text);
    // The text with code spans blanked out (same offsets), where links and URLs are looked for.
    let mut prose = String::with_capacity(text.len());
    let mut spans = runs.iter().peekable();
    for (i, c) in text.char_indices() {
        while spans.next_if(|run| run.range.end <= i).is_some() {}
        match spans.peek() {
            // As many spaces as the character has bytes, so that offsets stay the text's.
            Some(run) if run.range.contains(&i) => {
                prose.extend(std::iter::repeat_n(' ', c.len_utf8()));
            }
            _ => prose.push(c),
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut runs = runs.iter().peekable();
    let mut chars = prose.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let rest = &prose[i..];
        // Runs inside an autolink just written out were written with it.
        while runs.next_if(|run| run.range.start < i).is_some() {}
        if let Some(run) = runs.next_if(|run| run.range.start == i) {
            let ticks = &text[run.range.clone()];
            if run.code_span {
                out.push_str(ticks);
            } else {
                out.push_str(&ticks.replace('`', "\\`"));
            }
            skip_to(&mut chars, run.range.end);
            continue;
        }
        match c {
            '<' if is_autolink(rest) => {
                let end = rest.find('>').map_or(rest.len(), |e| e + 1);
                out.push_str(&text[i..i + end]);
                skip_to(&mut chars, i + end);
            }
            '<' => match line_break(rest) {
                // rustdoc renders a line break in HTML, in a table's cell too; one that starts
                // a line would open a block of raw HTML, and the line breaks there anyway.
                Some(len) => {
                    let starts_line =
                        out.trim_end_matches(' ').ends_with('\n') || out.trim().is_empty();
                    if starts_line {
                        skip_to(
                            &mut chars,
                            i + len + usize::from(rest[len..].starts_with('\n')),
                        );
                    } else {
                        out.push_str("<br>");
                        skip_to(&mut chars, i + len);
                    }
                }
                None => out.push_str("&lt;"),
            },
            '[' if is_link(rest) => out.push('['),
            '[' | ']' if !closes_link(&prose, i) => {
                out.push('\\');
                out.push(c);
            }
            'h' if starts_url(rest) && !preceded_by_link_syntax(&prose, i) => {
                let end = url_end(rest);
                out.push('<');
                out.push_str(&text[i..i + end]);
                out.push('>');
                skip_to(&mut chars, i + end);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Moves `chars` past the text before `end`, which has been written out.
fn skip_to(chars: &mut Peekable<CharIndices>, end: usize) {
    while chars.next_if(|(j, _)| *j < end).is_some() {}
}

/// `<https://…>` starting at `text`, closed on the same line.
fn is_autolink(text: &str) -> bool {
    let line = text.split('\n').next().unwrap_or_default();
    starts_url(&text[1..]) && line.contains('>')
}

/// `[text](target)` starting at `text`: a target that never closes (a spec's text cut
/// short) would leave rustdoc reading `[text]` as an intra-doc link.
fn is_link(text: &str) -> bool {
    text.find("](").is_some_and(|close| {
        let target = &text[close + 2..];
        let end = target.find(|c: char| c == ')' || c.is_whitespace());
        let closes = end.is_some_and(|end| {
            let after = target[end..].trim_start();
            after.starts_with([')', '"', '\'', '('])
        });
        !text[1..close].contains(['[', ']']) && closes
    })
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
    fn html_paragraphs_become_markdown_paragraphs_and_line_breaks_stay() {
        assert_eq!(
            sanitize("Use a dot. <br /><br />Example: `a.b`<BR/>Then <p>more</p> <P>end</P>"),
            "Use a dot. <br><br>Example: `a.b`<br>Then\n\nmore\n\nend"
        );
        assert_eq!(sanitize("| 1 | x<br>y |"), "| 1 | x<br>y |");
    }

    #[test]
    fn html_code_and_links_become_markdown_and_emphasis_its_text() {
        assert_eq!(
            sanitize(
                r#"A <strong>customer</strong>, <em>or</em> <code>a[0] &lt; 1</code>; see <a href="https://x.io/d">the docs</a>."#
            ),
            "A customer, or `a[0] < 1`; see [the docs](https://x.io/d)."
        );
        assert_eq!(sanitize("<b>Note:</b>text"), "Note:text");
        assert_eq!(
            sanitize("<A HREF=https://x.io/d>docs</A>, <CODE>x</CODE><code>y</code>"),
            "[docs](https://x.io/d), `x` `y`"
        );
    }

    #[test]
    fn an_html_link_whose_text_is_its_address_becomes_an_autolink() {
        assert_eq!(
            sanitize(r#"At <a href="https://x.com">https://x.com</a>."#),
            "At <https://x.com>."
        );
    }

    #[test]
    fn an_html_link_to_a_relative_page_keeps_only_its_text() {
        assert_eq!(
            sanitize(r#"See <a href="/docs/api">the API</a>."#),
            "See the API."
        );
    }

    #[test]
    fn html_lists_become_markdown_lists() {
        assert_eq!(
            sanitize("Kinds:<ul>\n  <li>one</li>\n  <li>two</li>\n</ul>After."),
            "Kinds:\n\n- one\n- two\n\nAfter."
        );
        assert_eq!(
            sanitize("Steps:<ol><li>one</li><li>two</li></ol>"),
            "Steps:\n\n1. one\n1. two"
        );
    }

    #[test]
    fn html_indentation_does_not_make_a_code_block() {
        assert_eq!(
            sanitize("<p>Intro</p>\n<div>\n    Body text here\n</div>"),
            "Intro\n\nBody text here"
        );
        assert_eq!(
            sanitize("<pre><code>line one\nline two</code></pre>"),
            "`line one line two`"
        );
    }

    #[test]
    fn an_html_tag_that_is_not_closed_stays_text() {
        assert_eq!(
            sanitize("Pick <a> or <b>; the <i>-th item, from <p> to <q>."),
            "Pick &lt;a> or &lt;b>; the &lt;i>-th item, from &lt;p> to &lt;q>."
        );
        assert_eq!(
            sanitize("Sent as code=<code>&state=<state>."),
            "Sent as code=&lt;code>&state=&lt;state>."
        );
    }

    #[test]
    fn an_html_element_closed_only_inside_a_code_span_stays_text() {
        assert_eq!(
            sanitize("Send <b> (see `</b>`) now"),
            "Send &lt;b> (see `</b>`) now"
        );
        assert_eq!(
            sanitize("Use <code> tags like <code>foo</code>"),
            "Use &lt;code> tags like `foo`"
        );
    }

    #[test]
    fn a_tag_written_inside_a_code_span_does_not_stop_its_element_closing() {
        assert_eq!(
            sanitize("<p>Note: use `<p>` here</p>"),
            "Note: use `<p>` here"
        );
    }

    #[test]
    fn an_html_link_without_text_is_its_address() {
        assert_eq!(
            sanitize(r#"See <a href="https://x.io"></a>."#),
            "See <https://x.io>."
        );
    }

    #[test]
    fn html_list_items_over_several_lines_or_holding_paragraphs_are_items() {
        assert_eq!(
            sanitize("<ul>\n  <li>\n    First\n  </li>\n  <li>\n    Second\n  </li>\n</ul>"),
            "- First\n- Second"
        );
        assert_eq!(
            sanitize("<ul><li><p>One</p></li><li><p>Two</p></li></ul>"),
            "- One\n- Two"
        );
    }

    #[test]
    fn a_list_nested_in_an_html_list_item_keeps_every_item_as_one() {
        let markdown = sanitize("<ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul>");
        assert!(!markdown.contains("&lt;"), "{markdown}");
        let items: Vec<&str> = markdown.lines().filter(|l| l.starts_with("- ")).collect();
        assert_eq!(items, ["- one", "- nested", "- two"], "{markdown}");
    }

    #[test]
    fn an_element_opened_again_before_its_close_is_left_as_text() {
        assert_eq!(sanitize("<b>a <b>b</b>"), "&lt;b>a b");
    }

    #[test]
    fn a_line_break_that_starts_a_line_is_dropped() {
        assert_eq!(sanitize("<br>\nSee `x`"), "See `x`");
        assert_eq!(sanitize("One\n<br/> two"), "One\n two");
    }

    #[test]
    fn an_html_link_keeps_a_quoted_greater_than_and_bracketed_text() {
        assert_eq!(
            sanitize(r#"<a title="a>b" href="https://x.io">t</a>"#),
            "[t](https://x.io)"
        );
        assert_eq!(
            sanitize(r#"See <a href="https://x.io">[1]</a>."#),
            "See \\[1\\] (<https://x.io>)."
        );
    }

    #[test]
    fn html_tags_in_code_and_unknown_tags_stay_text() {
        assert_eq!(
            sanitize("Send `<br>` or <token>, not <script>.\n\n```\n<p>x</p>\n```"),
            "Send `<br>` or &lt;token>, not &lt;script>.\n\n```text\n<p>x</p>\n```"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        #[test]
        fn prose_of_tags_links_code_and_wide_characters_never_panics(
            prose in r#"(<|>|</|/|a|code|b|p|ul|li|br|pre| href=|"|https://x\.é|`|é|日|\n| |\[|\]|\(|\)|&lt;)*"#
        ) {
            let _ = sanitize(&prose);
        }
    }

    #[test]
    fn text_after_a_code_span_of_wide_characters_is_kept_whole() {
        assert_eq!(
            sanitize("`日本` see [a](https://x.com)"),
            "`日本` see [a](https://x.com)"
        );
        assert_eq!(
            sanitize("`café` see https://x.com/abc"),
            "`café` see <https://x.com/abc>"
        );
    }

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
    fn links_whose_text_is_a_code_span_are_kept() {
        assert_eq!(
            sanitize("Its [`balance`](https://x.io/balance), in cents."),
            "Its [`balance`](https://x.io/balance), in cents."
        );
    }

    #[test]
    fn links_whose_text_breaks_across_lines_are_kept() {
        let text = "The [connected\nStripe account](https://x.io/connect) pays.";
        assert_eq!(sanitize(text), text);
    }

    #[test]
    fn links_do_not_span_a_blank_line() {
        assert_eq!(
            sanitize("Use [x\n\ny](https://x.io)"),
            "Use \\[x\n\ny\\](https://x.io)"
        );
    }

    #[test]
    fn brackets_around_a_code_span_that_are_not_a_link_are_escaped() {
        assert_eq!(sanitize("Send [`id`] only"), "Send \\[`id`\\] only");
    }

    #[test]
    fn a_backtick_that_opens_no_code_span_is_escaped() {
        assert_eq!(
            sanitize("a ` b\n`c` <https://x.io>"),
            "a \\` b\n`c` <https://x.io>"
        );
    }

    #[test]
    fn links_whose_target_never_closes_are_escaped() {
        assert_eq!(
            sanitize("created on a\n[FinancialAccount](/docs/accounts"),
            "created on a\n\\[FinancialAccount\\](/docs/accounts"
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

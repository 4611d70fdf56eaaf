//! Doc comments from spec prose: Markdown that rustdoc accepts without warnings.

use std::iter::Peekable;
use std::ops::Range;
use std::str::CharIndices;

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

/// The doc comment of an item: one paragraph the generator writes.
pub fn doc_line(text: impl Into<String>) -> TokenStream {
    DocText::default().line(text).attrs()
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

/// The HTML tags that spec prose often holds (Mastodon's, Okta's and Stripe's descriptions
/// are HTML) as the Markdown they stand for, which rustdoc renders where escaped tags would
/// show as text. An element is converted only when its closing tag follows, so that a
/// `<code>` standing for a placeholder stays text; `<br>` is left for [`sanitize_lines`],
/// which keeps it. `None` when no tag was converted.
fn html_as_markdown(text: &str) -> Option<String> {
    if !text.contains('<') {
        return None;
    }
    let runs = backtick_runs(text);
    let in_code_span = |at: usize| {
        runs.iter()
            .any(|run| run.code_span && run.range.contains(&at))
    };
    let mut out = String::with_capacity(text.len());
    // Whether each list open at this point is ordered.
    let mut lists: Vec<bool> = Vec::new();
    let mut converted = false;
    let mut at = 0;
    while let Some(start) = text[at..].find('<').map(|found| at + found) {
        out.push_str(&text[at..start]);
        at = start + 1;
        let Some(tag) = html_tag(&text[start..]).filter(|_| !in_code_span(start)) else {
            out.push('<');
            continue;
        };
        let after = &text[start + tag.len..];
        let closed = if tag.closing {
            None
        } else {
            closing_tag(after, &tag.name)
        };
        let name = tag.name.as_str();
        match (name, tag.closing, closed) {
            ("code" | "a" | "strong" | "b" | "em" | "i", false, Some((inner, close))) => {
                let markdown = inline_markdown(&tag, &after[..inner]);
                // Two code spans side by side would read as one.
                if out.ends_with('`') && markdown.starts_with('`') {
                    out.push(' ');
                }
                out.push_str(&markdown);
                at = start + tag.len + inner + close;
            }
            ("p" | "div" | "pre" | "ul" | "ol", false, Some(_))
            | ("p" | "div" | "pre" | "ul" | "ol", true, _) => {
                match (name, tag.closing) {
                    ("ul" | "ol", false) => lists.push(name == "ol"),
                    ("ul" | "ol", true) => _ = lists.pop(),
                    _ => {}
                }
                out.push_str("\n\n");
                at = start + tag.len;
            }
            ("li", false, _) if !lists.is_empty() => {
                // An item starts a line; the white space before it is the HTML's layout,
                // unless it holds the break that starts the list.
                let gap = out.split_off(out.trim_end().len());
                out.push_str(if gap.contains("\n\n") { "\n\n" } else { "\n" });
                out.push_str(if lists.last() == Some(&true) {
                    "1. "
                } else {
                    "- "
                });
                at = start + tag.len;
            }
            ("li", true, _) if !lists.is_empty() => at = start + tag.len,
            _ => {
                out.push('<');
                continue;
            }
        }
        converted = true;
    }
    out.push_str(&text[at..]);
    converted.then(|| tidy_lines(&out))
}

/// The Markdown of an inline element whose content is `inner`.
fn inline_markdown(tag: &HtmlTag<'_>, inner: &str) -> String {
    let text = || html_as_markdown(inner).unwrap_or_else(|| inner.to_string());
    match tag.name.as_str() {
        "code" => {
            let code = unescape_html(inner).replace('\n', " ");
            if code.trim().is_empty() {
                String::new()
            } else {
                code_span(&code)
            }
        }
        "a" => match tag.href.filter(|href| starts_url(href)) {
            // A link whose text is its address is that address.
            Some(href) if inner.trim().is_empty() || starts_url(inner.trim()) => {
                format!("<{href}>")
            }
            Some(href) => format!("[{}]({})", text(), href.replace(' ', "%20")),
            // A relative link points into the API's own site, which the docs cannot reach.
            None => text(),
        },
        marked => {
            let mark = if matches!(marked, "strong" | "b") {
                "**"
            } else {
                "*"
            };
            match text().trim() {
                "" => String::new(),
                text => format!("{mark}{text}{mark}"),
            }
        }
    }
}

/// An HTML tag that prose may hold, read from the `<` that opens it.
struct HtmlTag<'a> {
    /// Its name, in lower case.
    name: String,
    closing: bool,
    href: Option<&'a str>,
    /// Its length in bytes, `<` to `>`.
    len: usize,
}

/// The tags [`html_as_markdown`] and [`sanitize_lines`] read; any other `<` stays text.
const HTML_TAGS: &[&str] = &[
    "p", "br", "div", "pre", "strong", "b", "em", "i", "code", "a", "ul", "ol", "li",
];

fn html_tag(text: &str) -> Option<HtmlTag<'_>> {
    // The tag closes before any other `<` and on its own line.
    let end = 1 + text[1..].find(['>', '<', '\n'])?;
    if !text[end..].starts_with('>') {
        return None;
    }
    let inner = &text[1..end];
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(inner) => (true, inner),
        None => (false, inner),
    };
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
    let name = inner[..name_end].to_ascii_lowercase();
    HTML_TAGS.contains(&name.as_str()).then(|| HtmlTag {
        href: attribute(&inner[name_end..], "href"),
        name,
        closing,
        len: end + 1,
    })
}

/// The value of the attribute `name` among a tag's `attributes`, quoted or not.
fn attribute<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    let lower = attributes.to_ascii_lowercase();
    let key = format!("{name}=");
    let (at, _) = lower
        .match_indices(&key)
        .find(|(at, _)| lower[..*at].ends_with(char::is_whitespace))?;
    let value = &attributes[at + key.len()..];
    match value.chars().next()? {
        quote @ ('"' | '\'') => value[1..].split(quote).next(),
        _ => value.split(char::is_whitespace).next(),
    }
}

/// Where the closing tag of the element `name` is in `text`: the length of the content
/// before it, and its own length.
fn closing_tag(text: &str, name: &str) -> Option<(usize, usize)> {
    let close = format!("</{name}>");
    let found = text.to_ascii_lowercase().find(&close)?;
    Some((found, close.len()))
}

/// Text inside an HTML `<code>` with its character references for `<`, `>`, `&` and quotes read.
fn unescape_html(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// HTML made Markdown, laid out: its indentation was the HTML's layout, which Markdown
/// would read as a code block, and the breaks tags gave way to come one at a time.
fn tidy_lines(text: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in text.split('\n').map(str::trim) {
        if !(line.is_empty() && lines.last().is_none_or(|last| last.is_empty())) {
            lines.push(line);
        }
    }
    while lines.last() == Some(&"") {
        lines.pop();
    }
    lines.join("\n")
}

/// A run of backticks, with the code span it opens when as many close it on the same line.
struct Ticks {
    range: Range<usize>,
    code_span: bool,
}

/// The runs of backticks in `text`, each line on its own.
fn backtick_runs(text: &str) -> Vec<Ticks> {
    let mut runs = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let mut at = 0;
        while let Some(start) = line[at..].find('`').map(|found| at + found) {
            let ticks = line[start..].len() - line[start..].trim_start_matches('`').len();
            let fence = &line[start..start + ticks];
            let (end, code_span) = match line[start + ticks..].find(fence) {
                Some(close) => (start + ticks + close + ticks, true),
                None => (start + ticks, false),
            };
            runs.push(Ticks {
                range: line_start + start..line_start + end,
                code_span,
            });
            at = end;
        }
        line_start += line.len() + 1;
    }
    runs
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
            '<' => match html_tag(rest).filter(|tag| tag.name == "br" && !tag.closing) {
                // rustdoc renders a line break in HTML, in a table's cell too.
                Some(tag) => {
                    out.push_str("<br>");
                    skip_to(&mut chars, i + tag.len);
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

fn starts_url(text: &str) -> bool {
    text.starts_with("https://") || text.starts_with("http://")
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
    fn html_emphasis_code_and_links_become_markdown() {
        assert_eq!(
            sanitize(
                r#"A <strong>customer</strong>, <em>or</em> <code>a[0] &lt; 1</code>; see <a href="https://x.io/d">the docs</a>."#
            ),
            "A **customer**, *or* `a[0] < 1`; see [the docs](https://x.io/d)."
        );
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

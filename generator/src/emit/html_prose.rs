//! The HTML that spec prose often holds (Apideck's, Okta's, Mastodon's and Stripe's
//! descriptions are HTML) as the Markdown it stands for, which rustdoc renders where escaped
//! tags would show as text. An element is converted only when its closing tag follows in the
//! paragraph, outside code spans, so that a `<code>` standing for a placeholder stays text.

use super::markdown::{backtick_runs, code_span, starts_url};

/// The tags read here; any other `<` stays text.
const TAGS: &[&str] = &[
    "p", "br", "div", "pre", "strong", "b", "em", "i", "code", "a", "ul", "ol", "li",
];

/// Elements whose content is written in the line: emphasis keeps only its text, since
/// Markdown's markers stop working next to punctuation, which HTML's tags do not.
const INLINE: &[&str] = &["code", "pre", "a", "strong", "b", "em", "i"];

/// Elements that are paragraphs of their own.
const BLOCKS: &[&str] = &["p", "div", "ul", "ol"];

/// `text` with its closed HTML elements written as Markdown, or `None` when it has none.
pub fn html_as_markdown(text: &str) -> Option<String> {
    if !text.contains('<') {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let code_spans: Vec<_> = backtick_runs(text)
        .into_iter()
        .filter(|run| run.code_span)
        .map(|run| run.range)
        .collect();
    // A tag is prose only outside code spans, and an element's content may not start or
    // end inside one.
    let outside = |at: usize| !code_spans.iter().any(|span| span.contains(&at));
    let crosses = |from: usize, to: usize| {
        let cut = |span: &std::ops::Range<usize>| span.start < from && span.end > from;
        code_spans
            .iter()
            .any(|span| cut(span) || (span.start < to && span.end > to))
    };
    let mut out = String::with_capacity(text.len());
    // Whether each list open at this point is ordered.
    let mut lists: Vec<bool> = Vec::new();
    let mut converted = false;
    let mut at = 0;
    while let Some(start) = text[at..].find('<').map(|found| at + found) {
        out.push_str(&text[at..start]);
        at = start + 1;
        let Some(tag) = tag_at(&text[start..]).filter(|_| outside(start)) else {
            out.push('<');
            continue;
        };
        let name = tag.name.as_str();
        let content = start + tag.len;
        let closed = (!tag.closing)
            .then(|| closing_tag(&lower, content, name, &outside))
            .flatten()
            .filter(|(end, _)| !crosses(content, *end));
        match (tag.closing, closed) {
            (false, Some((end, close))) if INLINE.contains(&name) => {
                let markdown = inline_markdown(&tag, &text[content..end]);
                // Code spans side by side, or before a backtick, would read as one.
                if out.ends_with('`') && markdown.starts_with('`') {
                    out.push(' ');
                }
                out.push_str(&markdown);
                at = end + close;
                if markdown.ends_with('`') && text[at..].starts_with('`') {
                    out.push(' ');
                }
            }
            (false, Some(_)) | (true, _) if BLOCKS.contains(&name) => {
                match (name, tag.closing) {
                    ("ul" | "ol", false) => lists.push(name == "ol"),
                    ("ul" | "ol", true) => _ = lists.pop(),
                    // A paragraph that opens a list item is the item's text.
                    _ if out.ends_with("- ") || out.ends_with("1. ") => {}
                    _ => out.push_str("\n\n"),
                }
                if matches!(name, "ul" | "ol") {
                    out.push_str("\n\n");
                }
                at = content;
            }
            (false, _) if name == "li" && !lists.is_empty() => {
                // An item starts a line; the white space around it is the HTML's layout,
                // unless it holds the break that starts the list.
                let gap = out.split_off(out.trim_end().len());
                out.push_str(if gap.contains("\n\n") { "\n\n" } else { "\n" });
                out.push_str(if lists.last() == Some(&true) {
                    "1. "
                } else {
                    "- "
                });
                at = text.len() - text[content..].trim_start().len();
            }
            (true, _) if name == "li" && !lists.is_empty() => {
                out.truncate(out.trim_end().len());
                at = content;
            }
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

/// The length of the `<br>` (`<br/>`, `<BR />`) that `text` starts with.
pub fn line_break(text: &str) -> Option<usize> {
    tag_at(text)
        .filter(|tag| tag.name == "br" && !tag.closing)
        .map(|tag| tag.len)
}

/// The Markdown of an inline element whose content is `inner`.
fn inline_markdown(tag: &Tag<'_>, inner: &str) -> String {
    let text = || html_as_markdown(inner).unwrap_or_else(|| inner.to_string());
    match tag.name.as_str() {
        "code" | "pre" => {
            let code = unescaped(inner)
                .replace("<code>", "")
                .replace("</code>", "")
                .replace('\n', " ");
            if code.trim().is_empty() {
                String::new()
            } else {
                code_span(&code)
            }
        }
        "a" => {
            let Some(href) = tag.href.filter(|href| starts_url(href)) else {
                // A relative link points into the API's own site, which the docs cannot reach.
                return text();
            };
            let href = href
                .replace(' ', "%20")
                .replace('(', "%28")
                .replace(')', "%29");
            let text = text();
            if text.trim().is_empty() || text.trim() == href {
                format!("<{href}>")
            } else if text.contains(['[', ']']) {
                format!("{text} (<{href}>)")
            } else {
                format!("[{text}]({href})")
            }
        }
        _ => text(),
    }
}

/// An HTML tag that prose may hold, read from the `<` that opens it.
struct Tag<'a> {
    /// Its name, in lower case.
    name: String,
    closing: bool,
    href: Option<&'a str>,
    /// Its length in bytes, `<` to `>`.
    len: usize,
}

/// The tag `text` starts with, closed on its line; a `>` inside a quoted value is the value's.
fn tag_at(text: &str) -> Option<Tag<'_>> {
    let mut quote = None;
    let mut end = None;
    for (at, c) in text.char_indices().skip(1) {
        match (quote, c) {
            (_, '\n') | (None, '<') => return None,
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), _) if c == open => quote = None,
            (None, '>') => {
                end = Some(at);
                break;
            }
            _ => {}
        }
    }
    let end = end?;
    let inner = &text[1..end];
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(inner) => (true, inner),
        None => (false, inner),
    };
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
    let name = inner[..name_end].to_ascii_lowercase();
    TAGS.contains(&name.as_str()).then(|| Tag {
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

/// Where the element `name` whose content starts at `from` closes, in the lower-cased text,
/// past the elements of that name nested in it, tags in code spans not counted: the content's
/// end and the closing tag's length.
fn closing_tag(
    lower: &str,
    from: usize,
    name: &str,
    outside: &dyn Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut at = from;
    while let Some(start) = lower[at..].find('<').map(|found| at + found) {
        at = start + 1;
        match tag_at(&lower[start..]).filter(|tag| tag.name == name && outside(start)) {
            Some(tag) if tag.closing && depth == 0 => return Some((start, tag.len)),
            Some(tag) if tag.closing => depth -= 1,
            Some(_) => depth += 1,
            None => {}
        }
    }
    None
}

/// Text inside an HTML `<code>` with its character references for `<`, `>`, `&` and quotes read.
fn unescaped(text: &str) -> String {
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

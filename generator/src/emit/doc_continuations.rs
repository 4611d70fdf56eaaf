//! Lines that lazily continue a list item or a block quote, which specs often write and clippy's
//! `doc_lazy_continuation` refuses, given the indentation or `>` they imply (rendered the same).

/// The open block that a paragraph line could lazily continue.
#[derive(Clone, Copy)]
enum Open {
    /// A list item whose content starts at this column.
    Item(usize),
    Quote,
}

/// `text` with each lazy continuation line indented under its list item or
/// marked as part of its block quote, and tabs as four spaces (clippy's
/// `tabs_in_doc_comments` reads code blocks too).
pub fn explicit_continuations(text: &str) -> String {
    let mut out = Vec::new();
    let mut open = None;
    let mut in_fence = false;
    for line in text.lines() {
        let line = line.replace('\t', "    ");
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_fence = !in_fence;
            open = None;
            out.push(line);
            continue;
        }
        if in_fence {
            out.push(line);
            continue;
        }
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() || starts_other_block(trimmed) {
            open = None;
            out.push(line);
        } else if let Some(content) = list_item_content(&line) {
            open = Some(Open::Item(content));
            out.push(line);
        } else if indent <= 3 && trimmed.starts_with('>') {
            open = Some(Open::Quote);
            out.push(line);
        } else {
            match open {
                Some(Open::Item(content)) if indent < content => {
                    out.push(format!("{}{trimmed}", " ".repeat(content)));
                }
                Some(Open::Quote) => out.push(format!("> {trimmed}")),
                _ => out.push(line),
            }
        }
    }
    out.join("\n")
}

/// The column where a list item's content starts, when `line` opens one
/// (`- x`, `* x`, `+ x`, `1. x`, `1) x`).
fn list_item_content(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match rest.as_bytes().get(digits) {
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        Some(b'.' | b')') if (1..=9).contains(&digits) => digits + 1,
        _ => return None,
    };
    let after = &rest[marker..];
    let spaces = after.len() - after.trim_start_matches(' ').len();
    if spaces == 0 || after.trim().is_empty() {
        return None;
    }
    // Five or more spaces start indented code inside the item, after one.
    let spaces = if spaces > 4 { 1 } else { spaces };
    Some(indent + marker + spaces)
}

/// Whether a line starts a block that ends a paragraph rather than
/// continuing it: a heading, a rule or setext underline, or a table row.
fn starts_other_block(trimmed: &str) -> bool {
    let rule = |c: char| {
        let marks = trimmed.chars().filter(|&m| m == c).count();
        marks >= 2 && trimmed.chars().all(|m| m == c || m == ' ')
    };
    trimmed.starts_with('#')
        || trimmed.starts_with('|')
        || ['-', '*', '_', '='].into_iter().any(rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lazy_line_of_a_list_item_is_indented_under_its_content() {
        let text = "Roles:\n- `reader`: reads\nNote: no writers.\n*   Only files\nsmaller ones.";
        assert_eq!(
            explicit_continuations(text),
            "Roles:\n- `reader`: reads\n  Note: no writers.\n*   Only files\n    smaller ones."
        );
    }

    #[test]
    fn a_lazy_line_of_a_block_quote_gets_its_marker() {
        let text = "> [!NOTE]\n> Both kinds.\nUnauthorized users see nothing.\n\nAfter.";
        assert_eq!(
            explicit_continuations(text),
            "> [!NOTE]\n> Both kinds.\n> Unauthorized users see nothing.\n\nAfter."
        );
    }

    #[test]
    fn lines_that_start_blocks_of_their_own_are_left_alone() {
        let text = "- item\n## Heading\n- item\n---\n- item\n| a | b |\n\nplain\ntext";
        assert_eq!(explicit_continuations(text), text);
    }

    #[test]
    fn tabs_become_spaces() {
        let text = "| a\t| b |\n```\n\tcode\n```";
        assert_eq!(
            explicit_continuations(text),
            "| a    | b |\n```\n    code\n```"
        );
    }
}

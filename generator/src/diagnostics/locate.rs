//! Finds where the node a JSON pointer names is written in the YAML text, by reading the
//! text itself since serde_yaml keeps no positions: block mappings by their keys, sequences
//! by their `-` items, and JSON written one entry a line; flow style on one line is not
//! followed, and the nearest enclosing node is given instead.

use std::collections::BTreeMap;

/// Locates pointers in one text, remembering what it found on the way, as the diagnostics
/// of a run share most of their pointers' prefixes.
pub struct Locator<'t> {
    lines: Vec<&'t str>,
    /// What each pointer prefix names: where it is written and its value.
    nodes: BTreeMap<String, Option<Found>>,
    /// The entries of each block read so far, by where the block starts.
    entries: BTreeMap<(usize, usize), Vec<(usize, usize)>>,
}

/// A node: where it is shown (line and byte column, 0-based) and its text.
type Found = ((usize, usize), Block);

impl<'t> Locator<'t> {
    pub fn new(text: &'t str) -> Self {
        Locator {
            lines: text.lines().collect(),
            nodes: BTreeMap::new(),
            entries: BTreeMap::new(),
        }
    }

    /// The 1-based (line, column) of the node `pointer` names, or of its nearest ancestor
    /// that can be found; `None` only for a text with no content.
    pub fn locate(&mut self, pointer: &str) -> Option<(usize, usize)> {
        let mut block = root(&self.lines)?;
        let mut found = (block.line, block.col);
        let mut prefix = String::from("#");
        for raw in pointer
            .strip_prefix('#')
            .unwrap_or(pointer)
            .split('/')
            .skip(1)
        {
            prefix.push('/');
            prefix.push_str(raw);
            let next = match self.nodes.get(&prefix) {
                Some(cached) => *cached,
                None => {
                    let token = crate::diagnostics::unescape_token(raw);
                    let next = self.child(&block, &token);
                    self.nodes.insert(prefix.clone(), next);
                    next
                }
            };
            match next {
                Some((position, value)) => {
                    found = position;
                    block = value;
                }
                None => break,
            }
        }
        let (line, col) = found;
        let column = self
            .lines
            .get(line)
            .and_then(|text| text.get(..col))
            .map_or(0, |before| before.chars().count());
        Some((line + 1, column + 1))
    }

    /// The item (for a number, in a sequence) or entry `token` of `block`.
    fn child(&mut self, block: &Block, token: &str) -> Option<Found> {
        let entries = self
            .entries
            .entry((block.line, block.col))
            .or_insert_with(|| entries(&self.lines, block));
        let index = token.parse::<usize>().ok();
        if first_segment(&self.lines, block).trim_end() == "[" {
            return find_json_item(&self.lines, entries, block, index?);
        }
        index
            .and_then(|index| find_item(&self.lines, entries, block, index))
            .or_else(|| find_key(&self.lines, entries, block, token))
    }
}

/// The 1-based line and column of the character right after `before`, the text up to it.
pub fn end_of(before: &str) -> (usize, usize) {
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let line = before.matches('\n').count() + 1;
    (line, before[line_start..].chars().count() + 1)
}

/// Where `key` is written again in the mapping whose entry at 1-based (`line`, `column`) is `key`.
pub fn repeated_key(text: &str, line: usize, column: usize, key: &str) -> Option<(usize, usize)> {
    let col = column.checked_sub(1)?;
    text.lines()
        .enumerate()
        .skip(line)
        .filter(|(_, text)| !is_blank(text))
        .take_while(|(_, text)| indent(text) >= col)
        .find(|(_, text)| {
            indent(text) == col
                && text
                    .get(col..)
                    .and_then(parse_key)
                    .is_some_and(|(found, _)| found == key)
        })
        .map(|(index, _)| (index + 1, column))
}

/// A node's text: from `col` of `line` (0-based, in bytes) up to the line `end` (exclusive).
#[derive(Debug, Clone, Copy)]
struct Block {
    line: usize,
    col: usize,
    end: usize,
}

fn is_blank(line: &str) -> bool {
    let trimmed = line.trim_start();
    trimmed.is_empty() || trimmed.starts_with('#')
}

/// How many spaces `line` starts with.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The document's top node: the first line of content after any directives.
fn root(lines: &[&str]) -> Option<Block> {
    let line = lines
        .iter()
        .position(|line| !is_blank(line) && !line.starts_with("---") && !line.starts_with('%'))?;
    let col = lines.get(line).map_or(0, |text| indent(text));
    Some(Block {
        line,
        col,
        end: lines.len(),
    })
}

/// The text of `block`'s first line, from where the node starts.
fn first_segment<'t>(lines: &[&'t str], block: &Block) -> &'t str {
    lines
        .get(block.line)
        .and_then(|line| line.get(block.col..))
        .unwrap_or("")
}

/// Where the first of the entries of `block` (keys or `-` items) is written, which gives
/// their indentation; a lone `{` opens an indented JSON object, whose lines read the same.
fn first_entry(lines: &[&str], block: &Block) -> Option<(usize, usize)> {
    let segment = first_segment(lines, block);
    if !is_blank(segment) && !matches!(segment.trim_end(), "{" | "[") {
        return Some((block.line, block.col));
    }
    (block.line + 1..block.end)
        .find(|&l| lines.get(l).is_some_and(|line| !is_blank(line)))
        .map(|l| (l, lines.get(l).map_or(0, |line| indent(line))))
}

/// Every entry of `block`: the first, then each later line that starts at the same column.
fn entries(lines: &[&str], block: &Block) -> Vec<(usize, usize)> {
    let Some((first, col)) = first_entry(lines, block) else {
        return Vec::new();
    };
    let later = (first + 1..block.end).filter(|&l| {
        lines
            .get(l)
            .is_some_and(|line| !is_blank(line) && indent(line) == col)
    });
    std::iter::once(first)
        .chain(later)
        .map(|l| (l, col))
        .collect()
}

fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// The first line after `line` that does not belong to an entry starting at `col`: one less
/// indented, or as indented but not a `-` item (items may sit at their key's indentation).
fn entry_end(lines: &[&str], line: usize, col: usize, limit: usize) -> usize {
    (line + 1..limit)
        .find(|&l| {
            lines.get(l).is_some_and(|text| {
                !is_blank(text)
                    && (indent(text) < col || (indent(text) == col && !is_item(text.trim_start())))
            })
        })
        .unwrap_or(limit)
}

/// The mapping entry `key` in `block`: where its key is written and its value.
fn find_key(lines: &[&str], entries: &[(usize, usize)], block: &Block, key: &str) -> Option<Found> {
    entries.iter().find_map(|&(l, col)| {
        let text = lines.get(l)?.get(col..)?;
        let (found, after) = parse_key(text)?;
        if found != key {
            return None;
        }
        let value_col = col + after + indent(text.get(after..)?);
        Some((
            (l, col),
            Block {
                line: l,
                col: value_col,
                end: entry_end(lines, l, col, block.end),
            },
        ))
    })
}

/// The `index`th `-` item of the sequence `block`.
fn find_item(
    lines: &[&str],
    entries: &[(usize, usize)],
    block: &Block,
    index: usize,
) -> Option<Found> {
    let (l, col) = entries
        .iter()
        .copied()
        .filter(|&(l, col)| {
            lines
                .get(l)
                .and_then(|line| line.get(col..))
                .is_some_and(is_item)
        })
        .nth(index)?;
    let after_dash = lines.get(l)?.get(col + 1..)?;
    let content = col + 1 + indent(after_dash);
    let end = (l + 1..block.end)
        .find(|&next| {
            lines
                .get(next)
                .is_some_and(|text| !is_blank(text) && indent(text) <= col)
        })
        .unwrap_or(block.end);
    let position = if after_dash.trim().is_empty() {
        (l, col)
    } else {
        (l, content)
    };
    Some((
        position,
        Block {
            line: l,
            col: content,
            end,
        },
    ))
}

/// The `index`th item of the array `block`, written one a line after a `[` that ends its
/// line; the lines closing an item (`}`, `]`) are no items.
fn find_json_item(
    lines: &[&str],
    entries: &[(usize, usize)],
    block: &Block,
    index: usize,
) -> Option<Found> {
    let mut items = entries.iter().copied().filter(|&(l, col)| {
        lines
            .get(l)
            .and_then(|line| line.get(col..))
            .is_some_and(|text| !text.starts_with(['}', ']']))
    });
    let (l, col) = items.nth(index)?;
    let end = items.next().map_or(block.end, |(next, _)| next);
    Some(((l, col), Block { line: l, col, end }))
}

/// The key of `key:` at the start of `text` (plain or quoted) and the offset after the colon.
fn parse_key(text: &str) -> Option<(String, usize)> {
    let (key, after_key) = match text.chars().next()? {
        quote @ ('\'' | '"') => quoted(text, quote)?,
        _ => {
            let colon = plain_key_end(text)?;
            (text.get(..colon)?.trim_end().to_string(), colon)
        }
    };
    let rest = text.get(after_key..)?;
    let spaces = indent(rest);
    let rest = rest.get(spaces..)?;
    let after_colon = rest.strip_prefix(':')?;
    if after_colon.is_empty() || after_colon.starts_with(' ') {
        Some((key, after_key + spaces + 1))
    } else {
        None
    }
}

/// The offset of the colon that ends a plain key: the first one before a space or the end.
fn plain_key_end(text: &str) -> Option<usize> {
    text.match_indices(':')
        .map(|(at, _)| at)
        .find(|&at| matches!(text.get(at + 1..at + 2), None | Some(" ")))
}

/// A quoted key and the offset just after its closing quote.
fn quoted(text: &str, quote: char) -> Option<(String, usize)> {
    let mut key = String::new();
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\'' if quote == '\'' => {
                if chars.peek().is_some_and(|&(_, next)| next == '\'') {
                    chars.next();
                    key.push('\'');
                } else {
                    return Some((key, at + 1));
                }
            }
            '"' if quote == '"' => return Some((key, at + 1)),
            '\\' if quote == '"' => {
                if let Some((_, escaped)) = chars.next() {
                    key.push(escaped);
                }
            }
            other => key.push(other),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "\
openapi: 3.0.3
info:
  title: Test   # a comment
  description: >-
    folded text
    title: not a key
paths:
  /things/{id}:
    get:
      parameters:
        - name: id
          in: path
        -   name: other
            # a comment between keys
            in: query
      responses:
        '200':
          description: ok
        \"404\":
          description: missing
tags:
- name: first
- name: second
servers: [{url: x}]
";

    fn locate(text: &str, pointer: &str) -> Option<(usize, usize)> {
        Locator::new(text).locate(pointer)
    }

    fn at(pointer: &str) -> Option<(usize, usize)> {
        locate(SPEC, pointer)
    }

    #[test]
    fn top_level_keys_are_found() {
        assert_eq!(at("#/openapi"), Some((1, 1)));
        assert_eq!(at("#/paths"), Some((7, 1)));
    }

    #[test]
    fn the_root_pointer_is_the_first_line_of_content() {
        assert_eq!(
            locate("\n# comment\n---\nopenapi: 3.0.3\n", "#"),
            Some((4, 1))
        );
    }

    #[test]
    fn nested_keys_are_found_by_indentation() {
        assert_eq!(at("#/info/title"), Some((3, 3)));
        assert_eq!(at("#/paths/~1things~1{id}/get"), Some((9, 5)));
    }

    #[test]
    fn keys_inside_block_scalars_are_not_keys() {
        assert_eq!(at("#/info/description/title"), Some((4, 3)));
    }

    #[test]
    fn quoted_keys_are_found() {
        let responses = "#/paths/~1things~1{id}/get/responses";
        assert_eq!(at(&format!("{responses}/200/description")), Some((18, 11)));
        assert_eq!(at(&format!("{responses}/404")), Some((19, 9)));
    }

    #[test]
    fn sequence_items_are_found_by_their_dash() {
        let parameters = "#/paths/~1things~1{id}/get/parameters";
        assert_eq!(at(&format!("{parameters}/0")), Some((11, 11)));
        assert_eq!(at(&format!("{parameters}/1")), Some((13, 13)));
        assert_eq!(at(&format!("{parameters}/1/in")), Some((15, 13)));
    }

    #[test]
    fn sequences_at_their_keys_indentation_are_found() {
        assert_eq!(at("#/tags/1/name"), Some((23, 3)));
    }

    #[test]
    fn a_missing_node_gives_its_nearest_ancestor() {
        assert_eq!(at("#/info/contact/email"), Some((2, 1)));
        assert_eq!(at("#/tags/7"), Some((21, 1)));
    }

    #[test]
    fn flow_style_gives_the_nearest_block_ancestor() {
        assert_eq!(at("#/servers/0/url"), Some((24, 1)));
        assert_eq!(
            locate("{\"openapi\": \"3.0.3\"}", "#/openapi"),
            Some((1, 1))
        );
    }

    #[test]
    fn indented_json_objects_are_followed() {
        let json = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\n    \"title\": \"x\"\n  }\n}\n";
        assert_eq!(locate(json, "#/info/title"), Some((4, 5)));
    }

    #[test]
    fn items_of_indented_json_arrays_are_followed() {
        let json = "{\n  \"security\": [\n    {\n      \"a\": []\n    },\n    {\n      \"b\": [\n        \"x\",\n        \"y\"\n      ]\n    }\n  ]\n}\n";
        assert_eq!(locate(json, "#/security/0/a"), Some((4, 7)));
        assert_eq!(locate(json, "#/security/1"), Some((6, 5)));
        assert_eq!(locate(json, "#/security/1/b/1"), Some((9, 9)));
        assert_eq!(locate(json, "#/security/2"), Some((2, 3)));
    }

    #[test]
    fn escaped_tokens_and_non_ascii_columns_are_handled() {
        let text = "paths:\n  \"é/~\": {}\n  a~b:\n    x: 1\n";
        assert_eq!(locate(text, "#/paths/é~1~0"), Some((2, 3)));
        assert_eq!(locate(text, "#/paths/a~0b/x"), Some((4, 5)));
    }

    #[test]
    fn one_locator_answers_many_pointers_alike() {
        let mut locator = Locator::new(SPEC);
        let pointers = [
            "#/tags/1/name",
            "#/tags/1",
            "#/tags/0/name",
            "#/info/title",
            "#/tags/1/name",
        ];
        for pointer in pointers {
            assert_eq!(locator.locate(pointer), at(pointer), "{pointer}");
        }
    }

    #[test]
    fn a_repeated_key_is_found_after_its_first_occurrence() {
        let text = "a:\n  b: 1\n  c:\n    b: 2\n  b: 3\nb: 4\n";
        assert_eq!(repeated_key(text, 2, 3, "b"), Some((5, 3)));
        assert_eq!(repeated_key(text, 1, 1, "a"), None);
    }

    /// Every node of the project's spec, with the key or `-` it is written at.
    fn nodes(value: &serde_yaml::Value, pointer: &str, out: &mut Vec<(String, Option<String>)>) {
        match value {
            serde_yaml::Value::Mapping(map) => {
                for (key, child) in map {
                    let key = key.as_str().map(str::to_string).unwrap_or_default();
                    let escaped = key.replace('~', "~0").replace('/', "~1");
                    let child_pointer = format!("{pointer}/{escaped}");
                    out.push((child_pointer.clone(), Some(key)));
                    nodes(child, &child_pointer, out);
                }
            }
            serde_yaml::Value::Sequence(items) => {
                for (index, child) in items.iter().enumerate() {
                    let child_pointer = format!("{pointer}/{index}");
                    out.push((child_pointer.clone(), None));
                    nodes(child, &child_pointer, out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn every_node_of_the_project_spec_is_found_where_it_is_written() {
        let text = include_str!("../../../spec/openapi.yaml");
        let lines: Vec<&str> = text.lines().collect();
        let mut all = Vec::new();
        nodes(&serde_yaml::from_str(text).unwrap(), "#", &mut all);
        assert!(all.len() > 100);
        let mut locator = Locator::new(text);
        for (pointer, key) in all {
            let (line, column) = locator.locate(&pointer).unwrap();
            let written: String = lines[line - 1].chars().skip(column - 1).collect();
            let before: String = lines[line - 1].chars().take(column - 1).collect();
            match key {
                Some(key) => assert!(
                    written.starts_with(&format!("{key}:"))
                        || written.starts_with(&format!("'{key}':"))
                        || written.starts_with(&format!("\"{key}\":")),
                    "{pointer} found at {line}:{column}: {written}"
                ),
                None => assert!(
                    before.trim_end().ends_with('-'),
                    "{pointer} at {line}:{column}"
                ),
            }
        }
    }

    #[test]
    fn empty_text_has_no_location() {
        assert_eq!(locate("", "#/openapi"), None);
        assert_eq!(locate("# only a comment\n", "#"), None);
    }
}

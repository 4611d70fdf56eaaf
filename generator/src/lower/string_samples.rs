//! Text a string parameter accepts, for example calls where the spec gives none: built from
//! its `pattern` (the common part of regular expressions), else from its `format`.

use std::borrow::Borrow;

use openapiv3::{
    ReferenceOr, Schema, SchemaKind, StringFormat, StringType, Type, VariantOrUnknownOrEmpty,
};

use super::schema::string_type;
use super::types::TypeRegistry;
use crate::model::RustType;

/// The most times a sample repeats one part of a pattern.
const MAX_REPEAT: usize = 1024;

/// The longest sample built from a pattern.
const MAX_SAMPLE_LEN: usize = 4096;

impl<'a> TypeRegistry<'a> {
    /// The string schema `schema` is, or names through `$ref`s, whose
    /// pattern or format a sample must follow.
    pub(super) fn string_schema<S: Borrow<Schema>>(
        &self,
        schema: &'a ReferenceOr<S>,
    ) -> Option<&'a StringType> {
        match &self.followed(schema)?.schema_kind {
            SchemaKind::Type(Type::String(string)) => Some(string),
            _ => None,
        }
    }
}

/// Whether `string` lowers to a `String`, not to an enum, a date or a UUID,
/// which have samples of their own.
pub fn is_plain(string: &StringType) -> bool {
    string.enumeration.is_empty() && string_type(string) == RustType::String
}

/// [`string_sample`] as compact JSON.
pub fn sample_json(string: &StringType) -> Option<String> {
    string_sample(string).map(|text| serde_json::Value::String(text).to_string())
}

/// A value of `string` when its pattern or format asks for more than a placeholder.
fn string_sample(string: &StringType) -> Option<String> {
    if let Some(pattern) = &string.pattern {
        let text = from_pattern(pattern)?;
        let short = string
            .min_length
            .unwrap_or(0)
            .saturating_sub(text.chars().count());
        // A sample shorter than `minLength` is better left to the placeholder.
        return (short == 0).then_some(text);
    }
    let sample = match &string.format {
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => "2024-01-01",
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => "2024-01-01T00:00:00Z",
        VariantOrUnknownOrEmpty::Unknown(format) => match format.as_str() {
            "uri" | "url" => "https://example.com",
            "email" => "user@example.com",
            "uuid" => "00000000-0000-0000-0000-000000000000",
            "ipv4" => "192.0.2.1",
            "hostname" => "example.com",
            _ => return None,
        },
        _ => return None,
    };
    Some(sample.to_string())
}

/// The shortest text `pattern` matches; `None` for negated classes, lookarounds and the like.
fn from_pattern(pattern: &str) -> Option<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut reader = Reader { chars, at: 0 };
    let text = reader.alternatives()?;
    (reader.at == reader.chars.len()).then_some(text)
}

struct Reader {
    chars: Vec<char>,
    at: usize,
}

impl Reader {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        Some(c)
    }

    /// `a|b|c` up to a closing `)` or the end: the first alternative.
    fn alternatives(&mut self) -> Option<String> {
        let first = self.sequence()?;
        while self.peek() == Some('|') {
            self.at += 1;
            self.sequence()?;
        }
        Some(first)
    }

    /// Atoms, each repeated as its quantifier says, up to `|`, `)` or the end.
    fn sequence(&mut self) -> Option<String> {
        let mut text = String::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            let times = self.quantifier()?;
            // Nested groups multiply their counts: the sample stays short or is none.
            if text.len() + atom.len().saturating_mul(times) > MAX_SAMPLE_LEN {
                return None;
            }
            text.push_str(&atom.repeat(times));
        }
        Some(text)
    }

    fn atom(&mut self) -> Option<String> {
        let atom = match self.next()? {
            // Anchors match no text.
            '^' | '$' => String::new(),
            '.' => "a".to_string(),
            '\\' => escaped(self.next()?)?.to_string(),
            '[' => self.class()?.to_string(),
            '(' => {
                if self.peek() == Some('?') {
                    self.at += 1;
                    // Only non-capturing groups; lookarounds match nothing to copy.
                    if self.next()? != ':' {
                        return None;
                    }
                }
                let group = self.alternatives()?;
                (self.next()? == ')').then_some(group)?
            }
            c if "*+?{".contains(c) => return None,
            literal => literal.to_string(),
        };
        Some(atom)
    }

    /// `[a-z0-9_]`: its first character.
    fn class(&mut self) -> Option<char> {
        if self.peek() == Some('^') {
            return None;
        }
        let mut first = None;
        loop {
            let c = match self.next()? {
                ']' if first.is_some() => return first,
                '\\' => escaped(self.next()?)?,
                c => c,
            };
            first.get_or_insert(c);
        }
    }

    /// How many times the atom before is repeated: the least allowed.
    fn quantifier(&mut self) -> Option<usize> {
        let times = match self.peek() {
            Some('*' | '?') => 0,
            Some('+') => 1,
            Some('{') => {
                self.at += 1;
                let mut least = String::new();
                while let Some(digit) = self.peek().filter(|c| c.is_ascii_digit()) {
                    least.push(digit);
                    self.at += 1;
                }
                // `{n,}` and `{n,m}`: the least is enough.
                while self.peek()? != '}' {
                    self.at += 1;
                }
                // A huge count would exhaust memory and say nothing more.
                least.parse().ok().filter(|&times| times <= MAX_REPEAT)?
            }
            _ => return Some(1),
        };
        self.at += 1;
        // A lazy or possessive quantifier matches the same shortest text.
        if let Some('?' | '+') = self.peek() {
            self.at += 1;
        }
        Some(times)
    }
}

/// A character an escape stands for.
fn escaped(c: char) -> Option<char> {
    match c {
        'd' => Some('0'),
        'w' => Some('a'),
        's' => Some(' '),
        // Classes of what is not a digit, word or space, and references.
        'D' | 'W' | 'S' | 'b' | 'B' | '1'..='9' => None,
        'n' => Some('\n'),
        't' => Some('\t'),
        literal => Some(literal),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string(pattern: Option<&str>, format: &str) -> StringType {
        StringType {
            pattern: pattern.map(str::to_string),
            format: if format.is_empty() {
                VariantOrUnknownOrEmpty::Empty
            } else {
                VariantOrUnknownOrEmpty::Unknown(format.to_string())
            },
            ..StringType::default()
        }
    }

    #[test]
    fn a_prefixed_hex_id_pattern_gives_an_id_it_matches() {
        let sample = string_sample(&string(Some("^AC[0-9a-fA-F]{32}$"), ""));
        assert_eq!(sample, Some(format!("AC{}", "0".repeat(32))));
    }

    #[test]
    fn groups_alternatives_and_optional_parts_take_their_shortest_first_choice() {
        assert_eq!(
            from_pattern(r"^(?:\+1)?(GET|POST)-\d{2,4}[a-z]+$").as_deref(),
            Some("GET-00a")
        );
    }

    #[test]
    fn a_pattern_it_cannot_read_gives_no_sample() {
        assert_eq!(from_pattern("^[^0-9]+$"), None);
        assert_eq!(from_pattern(r"^(?=a)\w$"), None);
        assert_eq!(from_pattern("(ab"), None);
    }

    #[test]
    fn a_format_without_a_pattern_gives_a_value_of_that_format() {
        assert_eq!(
            string_sample(&string(None, "uri")).as_deref(),
            Some("https://example.com")
        );
        assert_eq!(string_sample(&string(None, "")), None);
    }

    #[test]
    fn a_huge_repeat_count_gives_no_sample_instead_of_exhausting_memory() {
        assert_eq!(from_pattern("^a{99999999999999999}$"), None);
        assert_eq!(from_pattern("^a{100000000}$"), None);
        assert_eq!(from_pattern("^((a{1000}){1000}){1000}$"), None);
    }
}

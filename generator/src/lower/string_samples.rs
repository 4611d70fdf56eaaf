//! Text a string schema accepts, for example calls where the spec gives none: built from
//! its `pattern` (the common part of regular expressions), else from its `format`, else as
//! long as its `minLength` and `maxLength` allow; and whether a text is one the client parses
//! as a date, date-time or UUID.

use openapiv3::{StringFormat, StringType, VariantOrUnknownOrEmpty};

use super::schema::string_type;
use crate::model::RustType;

/// The most times a sample repeats one part of a pattern.
const MAX_REPEAT: usize = 1024;

/// The longest sample built from a pattern.
const MAX_SAMPLE_LEN: usize = 4096;

/// How many different texts are tried for a list of unique plain strings.
const MAX_VARIATIONS: usize = 64;

/// How many of a pattern's first places where a text could differ are varied, for a list of
/// unique items.
const VARIED_PLACES: usize = 16;

/// Whether `string` lowers to a `String`, not to an enum, a date or a UUID,
/// which have samples of their own.
pub fn is_plain(string: &StringType) -> bool {
    string.enumeration.is_empty() && string_type(string) == RustType::String
}

/// The text example calls write for a string without a sample.
const PLACEHOLDER: &str = "string";

/// A value of `string` when its pattern, format or length asks for more than a placeholder.
pub fn string_sample(string: &StringType) -> Option<String> {
    if let Some(pattern) = &string.pattern {
        let text = from_pattern(pattern, 0)?;
        // A sample shorter than `minLength` is better left to the placeholder.
        return (text.chars().count() >= string.min_length.unwrap_or(0)).then_some(text);
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
            "ipv6" => "2001:db8::1",
            "time" => "00:00:00Z",
            // RFC 3339's ISO 8601 duration, as JSON Schema's `duration` is.
            "duration" => "P1D",
            _ => return length_sample(string),
        },
        _ => return length_sample(string),
    };
    Some(sample.to_string())
}

/// Text as long as `string`'s `minLength` and `maxLength` allow, when the placeholder is not.
fn length_sample(string: &StringType) -> Option<String> {
    let least = string.min_length.unwrap_or(0);
    let most = string.max_length.unwrap_or(usize::MAX);
    let length = PLACEHOLDER.len().clamp(least, most.max(least));
    // A huge `minLength` would make a huge sample that says nothing more.
    (length != PLACEHOLDER.len() && length <= MAX_SAMPLE_LEN).then(|| "s".repeat(length))
}

/// Up to `count` different values of `string`, for a list whose items must be unique.
pub fn distinct_string_samples(string: &StringType, count: usize) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut add = |text: String| {
        if found.len() < count && !found.contains(&text) {
            found.push(text);
        }
    };
    if let Some(pattern) = &string.pattern {
        let least = string.min_length.unwrap_or(0);
        // No place taking its second option, then one, then two.
        let one = (0..VARIED_PLACES).map(|place| 1 << place);
        let two = (0..VARIED_PLACES).flat_map(|first| {
            (first + 1..VARIED_PLACES).map(move |second| (1 << first) | (1 << second))
        });
        let choices = std::iter::once(0).chain(one).chain(two);
        for text in choices.filter_map(|varied| from_pattern(pattern, varied)) {
            if text.chars().count() >= least {
                add(text);
            }
        }
        return found;
    }
    let first = string_sample(string).unwrap_or_else(|| PLACEHOLDER.to_string());
    add(first.clone());
    // Numbered in place of the last characters, so the length stays.
    for number in 1..=MAX_VARIATIONS {
        let number = number.to_string();
        let kept = first.get(..first.len().saturating_sub(number.len()));
        if let Some(kept) = kept.filter(|kept| !kept.is_empty()) {
            add(format!("{kept}{number}"));
        }
    }
    found
}

/// The shortest text `pattern` matches, but with the places where a text could differ (an
/// alternative, a class's character, a repeat) whose bits `varied` sets taking their second
/// option; `None` for negated classes, lookbehinds and the like.
fn from_pattern(pattern: &str, varied: u64) -> Option<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut reader = Reader {
        chars,
        at: 0,
        varied,
        choices: 0,
    };
    let text = reader.alternatives()?;
    (reader.at == reader.chars.len()).then_some(text)
}

struct Reader {
    chars: Vec<char>,
    at: usize,
    /// The places where a text could differ that take their second option, one bit each.
    varied: u64,
    /// The places where a text could differ read so far.
    choices: usize,
}

impl Reader {
    /// Counts a place where a text could differ; whether it takes its second option.
    fn choice(&mut self) -> bool {
        self.choices += 1;
        self.choices <= VARIED_PLACES && self.varied & (1 << (self.choices - 1)) != 0
    }

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
        let second = self.choice();
        let first = self.sequence()?;
        let mut picked = None;
        while self.peek() == Some('|') {
            self.at += 1;
            let other = self.sequence()?;
            if second {
                picked.get_or_insert(other);
            }
        }
        Some(picked.unwrap_or(first))
    }

    /// Atoms, each repeated as its quantifier says, up to `|`, `)` or the end.
    fn sequence(&mut self) -> Option<String> {
        let mut text = String::new();
        // Where a negative lookahead stood in `text`, and the shortest text it rules out.
        let mut ruled_out = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            if self.chars.get(self.at..self.at + 3) == Some(&['(', '?', '!']) {
                ruled_out.push((text.len(), self.lookahead()?));
                continue;
            }
            let atom = self.atom()?;
            let times = self.quantifier()?;
            // Nested groups multiply their counts: the sample stays short or is none.
            if text.len() + atom.len().saturating_mul(times) > MAX_SAMPLE_LEN {
                return None;
            }
            text.push_str(&atom.repeat(times));
        }
        // A lookahead matches no text, so the text is kept unless it starts where a lookahead
        // stood with the shortest text that lookahead rules out (`(?!0+$)\d+` and `0`).
        let kept = ruled_out
            .iter()
            .all(|(at, out)| !text[*at..].starts_with(out.as_str()));
        kept.then_some(text)
    }

    /// `(?!…)`: the shortest text it rules out, read without counting its places of choice.
    fn lookahead(&mut self) -> Option<String> {
        self.at += 3;
        let choices = self.choices;
        let varied = std::mem::take(&mut self.varied);
        let out = self.alternatives();
        (self.choices, self.varied) = (choices, varied);
        (self.next()? == ')').then_some(out?)
    }

    fn atom(&mut self) -> Option<String> {
        let atom = match self.next()? {
            // Anchors match no text.
            '^' | '$' => String::new(),
            '.' => "a".to_string(),
            '\\' => {
                let c = self.next()?;
                let second = "dw".contains(c) && self.choice();
                if second {
                    if c == 'd' { '1' } else { 'b' }.to_string()
                } else {
                    escaped(c)?.to_string()
                }
            }
            '[' => self.class()?.to_string(),
            '(' => {
                if self.peek() == Some('?') {
                    self.at += 1;
                    // Only non-capturing groups; `sequence` reads negative lookaheads.
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

    /// `[a-z0-9_]`: its first character (its second as the second option).
    fn class(&mut self) -> Option<char> {
        if self.peek() == Some('^') {
            return None;
        }
        let second = self.choice();
        let (mut first, mut next) = (None, None);
        loop {
            let c = match self.next()? {
                ']' if first.is_some() => return if second { next.or(first) } else { first },
                '\\' => escaped(self.next()?)?,
                c => c,
            };
            if first.is_none() {
                first = Some(c);
                // In a range `a-z` the next character is `b`.
                let end = self.chars.get(self.at + 1).copied();
                if self.peek() == Some('-') && end.is_some_and(|end| end != ']' && end > c) {
                    next = char::from_u32(u32::from(c) + 1);
                }
            } else if next.is_none() && c != '-' {
                next = Some(c);
            }
        }
    }

    /// How many times the atom before is repeated: the least allowed (once more as the
    /// second option, where more are allowed).
    fn quantifier(&mut self) -> Option<usize> {
        let (least, most) = match self.peek() {
            Some('*') => (0, usize::MAX),
            Some('?') => (0, 1),
            Some('+') => (1, usize::MAX),
            Some('{') => {
                self.at += 1;
                let least = self.number();
                let most = match self.peek()? {
                    ',' => {
                        self.at += 1;
                        Some(self.number().unwrap_or(usize::MAX))
                    }
                    _ => least,
                };
                // `{n,m}`: anything else before the `}` is passed over.
                while self.peek()? != '}' {
                    self.at += 1;
                }
                // A huge count would exhaust memory and say nothing more.
                (least.filter(|&times| times <= MAX_REPEAT)?, most?)
            }
            _ => return Some(1),
        };
        let times = if least < most && self.choice() {
            least + 1
        } else {
            least
        };
        self.at += 1;
        // A lazy or possessive quantifier matches the same shortest text.
        if let Some('?' | '+') = self.peek() {
            self.at += 1;
        }
        Some(times)
    }

    /// The digits at the reader, as a number.
    fn number(&mut self) -> Option<usize> {
        let mut digits = String::new();
        while let Some(digit) = self.peek().filter(|c| c.is_ascii_digit()) {
            digits.push(digit);
            self.at += 1;
        }
        digits.parse().ok()
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

/// Whether `text` is what the client parses a `ty` of text from: an RFC 3339 date-time,
/// a `YYYY-MM-DD` date or a hyphenated UUID (Twilio gives `2008-01-02` for a date-time).
pub(super) fn parses_as(text: &str, ty: &RustType) -> bool {
    let digits =
        |text: &str, count: usize| text.len() == count && text.bytes().all(|b| b.is_ascii_digit());
    let number = |text: &str, count: usize, max: u32| {
        digits(text, count) && text.parse::<u32>().is_ok_and(|n| n <= max)
    };
    let date = |text: &str| {
        let parts: Vec<&str> = text.split('-').collect();
        match parts[..] {
            [year, month, day] if digits(year, 4) && digits(month, 2) && digits(day, 2) => {
                let [year, month, day] = [year, month, day].map(|n| n.parse().unwrap_or(0));
                (1..=days_in_month(year, month)).contains(&day)
            }
            _ => false,
        }
    };
    match ty {
        RustType::Date => date(text),
        RustType::DateTime => {
            let Some((day, time)) = text.split_once(['T', 't']) else {
                return false;
            };
            let Some(offset_at) = time.find(['Z', 'z', '+', '-']) else {
                return false;
            };
            let (clock, offset) = time.split_at(offset_at);
            let (clock, fraction) = clock.split_once('.').unwrap_or((clock, "0"));
            let clock: Vec<&str> = clock.split(':').collect();
            let (sign, zone) = offset.split_at(1);
            let offset_fits = matches!(offset, "Z" | "z")
                || (matches!(sign, "+" | "-")
                    && matches!(zone.split_once(':'), Some((hours, minutes)) if number(hours, 2, 23) && number(minutes, 2, 59)));
            date(day)
                && matches!(clock[..], [h, m, s] if number(h, 2, 23) && number(m, 2, 59) && number(s, 2, 59))
                && digits(fraction, fraction.len().max(1))
                && offset_fits
        }
        RustType::Uuid => {
            let groups: Vec<&str> = text.split('-').collect();
            let lengths = groups.iter().map(|group| group.len());
            lengths.eq([8, 4, 4, 4, 12])
                && groups
                    .iter()
                    .all(|group| group.bytes().all(|b| b.is_ascii_hexdigit()))
        }
        _ => true,
    }
}

/// The days of `month` in `year` of the Gregorian calendar; 0 for a month that is none.
fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
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
            from_pattern(r"^(?:\+1)?(GET|POST)-\d{2,4}[a-z]+$", 0).as_deref(),
            Some("GET-00a")
        );
    }

    #[test]
    fn a_pattern_it_cannot_read_gives_no_sample() {
        assert_eq!(from_pattern("^[^0-9]+$", 0), None);
        assert_eq!(from_pattern(r"^(?=a)\w$", 0), None);
        assert_eq!(from_pattern("(ab", 0), None);
    }

    #[test]
    fn a_negative_lookahead_is_passed_over() {
        let name = "^(?![0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$)^[a-z]([a-zA-Z0-9-]*[a-zA-Z0-9]+)?$";
        assert_eq!(from_pattern(name, 0).as_deref(), Some("a"));
    }

    #[test]
    fn a_text_a_negative_lookahead_rules_out_gives_no_sample() {
        assert_eq!(from_pattern(r"^(?!0+$)\d+$", 0), None);
        assert_eq!(
            from_pattern(r"^(?!000|666)[0-8]\d{2}-(?!00)\d{2}-(?!0000)\d{4}$", 0),
            None
        );
    }

    #[test]
    fn a_format_without_a_pattern_gives_a_value_of_that_format() {
        assert_eq!(
            string_sample(&string(None, "uri")).as_deref(),
            Some("https://example.com")
        );
        assert_eq!(string_sample(&string(None, "")), None);
        assert_eq!(
            string_sample(&string(None, "duration")).as_deref(),
            Some("P1D")
        );
    }

    #[test]
    fn a_huge_repeat_count_gives_no_sample_instead_of_exhausting_memory() {
        assert_eq!(from_pattern("^a{99999999999999999}$", 0), None);
        assert_eq!(from_pattern("^a{100000000}$", 0), None);
        assert_eq!(from_pattern("^((a{1000}){1000}){1000}$", 0), None);
    }

    #[test]
    fn only_text_the_client_parses_fits_a_date_time_date_or_uuid() {
        for good in ["2024-08-08T16:37:09.971Z", "2024-01-01T00:00:00+02:00"] {
            assert!(parses_as(good, &RustType::DateTime), "{good}");
        }
        for bad in [
            "2008-01-02",
            "2006-01-02T15:04:05Z07:00",
            "2024-01-01T00:00Z",
            "now",
        ] {
            assert!(!parses_as(bad, &RustType::DateTime), "{bad}");
        }
        assert!(parses_as("2024-01-01", &RustType::Date));
        assert!(!parses_as("2024-1-1", &RustType::Date));
        assert!(parses_as(
            "00000000-0000-0000-0000-000000000000",
            &RustType::Uuid
        ));
        assert!(!parses_as("CA1234", &RustType::Uuid));
    }

    #[test]
    fn a_date_or_time_that_is_not_on_the_calendar_or_clock_does_not_fit() {
        assert!(parses_as("2024-02-29", &RustType::Date));
        for bad in [
            "2023-02-29",
            "2024-04-31",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
        ] {
            assert!(!parses_as(bad, &RustType::Date), "{bad}");
        }
        for bad in [
            "2024-02-30T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "2024-01-01T23:60:00Z",
            "2024-01-01T23:59:61Z",
            "2024-01-01T00:00:00+24:00",
        ] {
            assert!(!parses_as(bad, &RustType::DateTime), "{bad}");
        }
    }
}

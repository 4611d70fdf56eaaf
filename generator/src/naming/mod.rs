//! Turning names from a spec into valid, idiomatic Rust identifiers.

use std::collections::BTreeSet;

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};
use rustc_hash::FxHashSet;

/// Keywords of every edition; a name that is one gets a trailing `_`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names the generated code uses unqualified, or the crate root exports, which a
/// schema may not shadow.
const RESERVED_TYPES: &[&str] = &[
    "Box",
    "Client",
    "Default",
    "Eq",
    "Err",
    "Error",
    "ErrorBody",
    "From",
    "Into",
    "None",
    "Ok",
    "Option",
    "PartialEq",
    "Request",
    "Response",
    "Result",
    "Self",
    "Some",
    "String",
    "Vec",
];

/// Splits on anything that is not an ASCII letter or digit, so that heck can case `x.y`; a
/// sign starting a number (`+1`, `reactions--1`) is kept as the word `plus` or `minus`,
/// since it is all that tells such names apart, and two capitals around a slash (`I/O`,
/// `A/B`) are one word.
fn ascii_words(raw: &str) -> String {
    // Bytes, to look around: a byte of a non-ASCII character is no ASCII letter or digit.
    let byte = |index: Option<usize>| index.and_then(|index| raw.as_bytes().get(index).copied());
    let alphanumeric =
        |index: Option<usize>| byte(index).is_some_and(|b| b.is_ascii_alphanumeric());
    let lone_capital = |index: Option<usize>| {
        byte(index).is_some_and(|b| b.is_ascii_uppercase())
            && !alphanumeric(index.and_then(|index| index.checked_sub(1)))
            && !alphanumeric(index.map(|index| index + 1))
    };
    let mut words = String::with_capacity(raw.len());
    for (index, c) in raw.char_indices() {
        let (before, after) = (index.checked_sub(1), Some(index + c.len_utf8()));
        let starts_word = !alphanumeric(before);
        let before_digit = byte(after).is_some_and(|b| b.is_ascii_digit());
        match c {
            '+' if starts_word && before_digit => words.push_str(" plus "),
            '-' if starts_word && before_digit => words.push_str(" minus "),
            '/' if lone_capital(before) && lone_capital(after) => {}
            c if c.is_ascii_alphanumeric() => words.push(c),
            _ => words.push(' '),
        }
    }
    acronym_plurals(&words)
}

/// `words` with each acronym's plural (`URLs`, `IDs`) written as one word (`Urls`), which heck
/// would split before its last capital (`redirect_ur_ls`).
fn acronym_plurals(words: &str) -> String {
    let mut spelled = String::with_capacity(words.len());
    let mut capitals = String::new();
    let mut chars = words.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_uppercase() {
            capitals.push(c);
            continue;
        }
        let word_ends = !chars.peek().is_some_and(char::is_ascii_lowercase);
        if c == 's' && capitals.len() > 1 && word_ends {
            let mut letters = capitals.chars();
            spelled.extend(letters.next());
            spelled.extend(letters.map(|letter| letter.to_ascii_lowercase()));
        } else {
            spelled.push_str(&capitals);
        }
        capitals.clear();
        spelled.push(c);
    }
    spelled.push_str(&capitals);
    spelled
}

/// heck's `UpperCamelCase` of `raw`, without heck's work when `raw` is already in that case
/// (most schema names): never two upper-case letters in a row, as heck would lower the second.
fn upper_camel(raw: &str) -> String {
    let mut previous_upper = false;
    let already = raw.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
        && raw.bytes().all(|b| {
            let fits = b.is_ascii_alphanumeric() && !(previous_upper && b.is_ascii_uppercase());
            if b.is_ascii_alphabetic() {
                previous_upper = b.is_ascii_uppercase();
            }
            fits
        });
    if already {
        raw.to_string()
    } else if is_snake_case(raw) {
        // Most property names, whose types are named after them: each word capitalised.
        let mut name = String::with_capacity(raw.len());
        for word in raw.split('_') {
            if numbers_meet(&name, word) {
                name.push('_');
            }
            let mut bytes = word.bytes();
            name.extend(bytes.next().map(|b| char::from(b.to_ascii_uppercase())));
            name.extend(bytes.map(char::from));
        }
        name
    } else {
        heck_camel(&ascii_words(raw))
    }
}

/// heck's `UpperCamelCase` of space-separated `words`, but for an `_` where two numbers meet.
fn heck_camel(words: &str) -> String {
    let mut name = String::with_capacity(words.len());
    for word in words.split(' ') {
        if numbers_meet(&name, word) {
            name.push('_');
        }
        name.push_str(&word.to_upper_camel_case());
    }
    name
}

/// Whether `name` ends in a digit and `word` starts with one: run together (`bits1_5` as
/// `Bits15`), the two numbers would read as one, so an `_` keeps them apart.
fn numbers_meet(name: &str, word: &str) -> bool {
    name.ends_with(|c: char| c.is_ascii_digit()) && word.starts_with(|c: char| c.is_ascii_digit())
}

/// Technology names written in mixed case that are one word, which heck would split at each
/// capital (`o_auth2`, `web_authn`, `i_os`).
const COMPOUND_WORDS: &[(&str, &str)] = &[
    ("GraphQL", "Graphql"),
    ("JavaScript", "Javascript"),
    ("OAuth", "Oauth"),
    ("OpenAPI", "Openapi"),
    ("TypeScript", "Typescript"),
    ("WebAuthn", "Webauthn"),
    ("iOS", "Ios"),
    ("oAuth", "Oauth"),
    ("macOS", "Macos"),
];

/// `words` with each of [`COMPOUND_WORDS`] that starts a word written as one word.
fn compound_words(words: &str) -> String {
    let mut spelled = String::with_capacity(words.len());
    let mut rest = words;
    'scan: while let Some(c) = rest.chars().next() {
        let previous = spelled.chars().last();
        // The first letter is compared first: this runs on every letter of every name.
        for (compound, one_word) in COMPOUND_WORDS.iter().filter(|(w, _)| w.starts_with(c)) {
            let starts_word = match previous {
                None => true,
                Some(p) => {
                    !p.is_ascii_alphabetic()
                        || (p.is_ascii_lowercase()
                            && compound.starts_with(|c: char| c.is_ascii_uppercase()))
                }
            };
            let ends_word = |after: &str| !after.starts_with(|c: char| c.is_ascii_lowercase());
            if let Some(after) = rest
                .strip_prefix(compound)
                .filter(|after| starts_word && ends_word(after))
            {
                spelled.push_str(one_word);
                rest = after;
                continue 'scan;
            }
        }
        spelled.push(c);
        rest = &rest[c.len_utf8()..];
    }
    spelled
}

/// heck's `snake_case` of `raw`, without heck's work when `raw` is already in that case.
fn snake(raw: &str) -> String {
    if is_snake_case(raw) {
        raw.to_string()
    } else {
        compound_words(&ascii_words(raw)).to_snake_case()
    }
}

/// Lower-case ASCII letters and digits in words joined by single underscores.
fn is_snake_case(raw: &str) -> bool {
    // Starts true so that a leading `_` is refused.
    let mut after_underscore = true;
    for byte in raw.bytes() {
        match byte {
            b'_' if after_underscore => return false,
            b'_' => after_underscore = true,
            b'a'..=b'z' | b'0'..=b'9' => after_underscore = false,
            _ => return false,
        }
    }
    raw.is_empty() || !after_underscore
}

/// `UpperCamelCase` name for a type, e.g. `download_urls` -> `DownloadUrls`.
pub fn type_name(raw: &str) -> String {
    let name = unreserved_type_name(raw);
    if RESERVED_TYPES.contains(&name.as_str()) {
        format!("{name}Model")
    } else {
        name
    }
}

/// [`type_name`] before reserved names get their `Model` suffix.
fn unreserved_type_name(raw: &str) -> String {
    let name = upper_camel(raw);
    match name.chars().next() {
        None => "Unnamed".to_string(),
        Some(first) if first.is_ascii_digit() => format!("T{name}"),
        Some(_) => name,
    }
}

/// Whether [`type_name`] gives `raw` a `Model` suffix because its name is reserved.
pub fn is_reserved_rename(raw: &str) -> bool {
    RESERVED_TYPES.contains(&unreserved_type_name(raw).as_str())
}

/// `UpperCamelCase` name for an enum variant, e.g. `1080p` -> `V1080p`; a leading sign is
/// kept as `Minus` or `Plus` so that `-x`, `+x` and `x` differ, and a value of symbols only
/// is spelled symbol by symbol (`!=` -> `NotEquals`).
pub fn variant_name(raw: &str) -> String {
    for (sign, word) in [('-', "Minus"), ('+', "Plus")] {
        if let Some(unsigned) = raw.strip_prefix(sign) {
            let name = upper_camel(unsigned);
            if !name.is_empty() {
                return format!("{word}{name}");
            }
        }
    }
    let name = upper_camel(raw);
    match name.chars().next() {
        None if !raw.is_empty() => symbols_spelled(raw),
        None => "Empty".to_string(),
        Some(first) if first.is_ascii_digit() => format!("V{name}"),
        // `Self` is the one keyword in UpperCamelCase.
        Some(_) if name == "Self" => "SelfValue".to_string(),
        Some(_) => name,
    }
}

/// A value with no letter or digit, each symbol named by a word, or `Symbol`.
fn symbols_spelled(raw: &str) -> String {
    raw.chars()
        .map(|symbol| match symbol {
            '=' => "Equals",
            '!' => "Not",
            '<' => "LessThan",
            '>' => "GreaterThan",
            '~' => "Tilde",
            '^' => "Caret",
            '$' => "Dollar",
            '*' => "Asterisk",
            '%' => "Percent",
            '&' => "And",
            '|' => "Or",
            '#' => "Hash",
            '@' => "At",
            '?' => "Question",
            '/' => "Slash",
            '\\' => "Backslash",
            '.' => "Dot",
            ',' => "Comma",
            ':' => "Colon",
            ';' => "Semicolon",
            '_' => "Underscore",
            '-' => "Minus",
            '+' => "Plus",
            '(' | ')' => "Paren",
            '[' | ']' => "Bracket",
            '{' | '}' => "Brace",
            '\'' | '"' | '`' => "Quote",
            ' ' => "Space",
            _ => "Symbol",
        })
        .collect()
}

/// `kebab-case` name for a package, e.g. `Ory APIs` -> `ory-apis`.
pub fn kebab_name(raw: &str) -> String {
    acronym_plurals(raw).to_kebab_case()
}

/// `snake_case` name for a field, argument, method or module.
pub fn snake_name(raw: &str) -> String {
    identifier(snake(raw))
}

/// `search_logs` for the operationId `search_logs_v1_observability_logs_search_post` of
/// `POST /v1/observability/logs/search`: the path and verb FastAPI appends to a route's name
/// are taken off; any other `name` is kept.
pub fn without_route_suffix(name: String, verb: &str, path: &str) -> String {
    let route = format!("_{}_{verb}", snake(path));
    match name.strip_suffix(&route) {
        Some(stem) if !stem.is_empty() => stem.to_string(),
        _ => name,
    }
}

/// The last segment of `path` that is not a parameter (`roles` of `/roles/{id}`), or "".
pub fn last_path_name(path: &str) -> &str {
    path.rsplit('/')
        .find(|segment| !segment.is_empty() && !segment.starts_with('{'))
        .unwrap_or_default()
}

/// `get_dictionary` for the operationId `getdictionary` of `GET …/dictionary`: a verb glued to
/// the path's last named segment (Meilisearch's ids) is split off; any other `name` is kept.
pub fn unglued_verb(name: String, verb: &str, path: &str) -> String {
    let last = last_path_name(path);
    match name.strip_prefix(verb) {
        Some(rest) if !last.is_empty() && rest == snake_name(last) => format!("{verb}_{rest}"),
        _ => name,
    }
}

/// What tags that are one resource share: the tag in lower case without word separators
/// (`Foo Bar`, `foo-bar`); other characters stay, so `C#` and `C++`, or two tags in another
/// script, stay apart.
pub fn tag_key(tag: &str) -> String {
    tag.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// [`snake_name`] of `words` joined by spaces, each cased on its own so that the words
/// already in snake_case skip heck.
pub fn snake_name_of_words<'w>(words: impl IntoIterator<Item = &'w str>) -> String {
    let words: Vec<String> = words
        .into_iter()
        .map(snake)
        .filter(|word| !word.is_empty())
        .collect();
    identifier(words.join("_"))
}

/// Whether `name` is a Rust keyword, which cannot name an item or a crate.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// A snake_case name made a valid identifier that is not a keyword.
fn identifier(name: String) -> String {
    let name = match name.chars().next() {
        None => "value".to_string(),
        Some(first) if first.is_ascii_digit() => format!("_{name}"),
        Some(_) => name,
    };
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// Names already given, to which a name can be added if it is free.
pub trait Taken {
    /// Adds `name`; false if it was there already.
    fn take(&mut self, name: String) -> bool;
}

impl Taken for BTreeSet<String> {
    fn take(&mut self, name: String) -> bool {
        self.insert(name)
    }
}

impl Taken for FxHashSet<String> {
    fn take(&mut self, name: String) -> bool {
        self.insert(name)
    }
}

/// Makes `name` unique among `taken` by appending the smallest number that
/// frees it, and records it. Callers go in a stable order, so the result is
/// deterministic.
pub fn unique(name: String, taken: &mut impl Taken) -> String {
    if taken.take(name.clone()) {
        return name;
    }
    // `EtcGmt1` then `EtcGmt1_2`: run together, the number would read as part of the name.
    let separator = if name.ends_with(|c: char| c.is_ascii_digit()) {
        "_"
    } else {
        ""
    };
    let mut n = 2;
    loop {
        let candidate = format!("{name}{separator}{n}");
        if taken.take(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests;

//! Turning names from a spec into valid, idiomatic Rust identifiers.

use std::collections::{BTreeSet, HashSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords of every edition; a field named after one gets a trailing `_`.
/// The structs, enums and aliases of `models.rs` are built as syntax trees,
/// which nothing parses again: this list is all that keeps a keyword from
/// being printed as a name there.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names the generated code uses unqualified, or the crate root
/// exports; a schema may not shadow them, in code or in the docs.
const RESERVED_TYPES: &[&str] = &[
    "Box",
    "Client",
    "Default",
    "Err",
    "Error",
    "ErrorBody",
    "From",
    "None",
    "Ok",
    "Option",
    "Request",
    "Response",
    "Result",
    "Self",
    "Some",
    "String",
    "Vec",
];

/// Splits on anything that is not an ASCII letter or digit, so that `x.y`,
/// `foo-bar` and `café` all become words heck can case.
fn ascii_words(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

fn upper_camel(raw: &str) -> String {
    ascii_words(raw).to_upper_camel_case()
}

fn snake(raw: &str) -> String {
    ascii_words(raw).to_snake_case()
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

/// `UpperCamelCase` name for an enum variant, e.g. `1080p` -> `V1080p`.
/// A leading `-` or `+` is a sign (`-1`, `-created_at` for a descending
/// sort, `+E.164`) and is kept as `Minus` or `Plus`, as integer enums do, so
/// that `-x`, `+x` and `x` differ.
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
        None => "Empty".to_string(),
        Some(first) if first.is_ascii_digit() => format!("V{name}"),
        // `Self` is the one keyword in UpperCamelCase.
        Some(_) if name == "Self" => "SelfValue".to_string(),
        Some(_) => name,
    }
}

/// `snake_case` name for a field, argument, method or module.
pub fn snake_name(raw: &str) -> String {
    identifier(snake(raw))
}

/// [`snake_name`] of `words` joined by spaces: heck splits at spaces, so
/// each word is cased on its own.
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

impl Taken for HashSet<String> {
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
    let mut n = 2;
    loop {
        let candidate = format!("{name}{n}");
        if taken.take(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_are_upper_camel_case() {
        assert_eq!(type_name("download_urls"), "DownloadUrls");
        assert_eq!(type_name("RecordingResponse"), "RecordingResponse");
        assert_eq!(type_name("x.y"), "XY");
    }

    #[test]
    fn names_that_are_not_identifiers_become_identifiers() {
        assert_eq!(type_name("123abc"), "T123abc");
        assert_eq!(snake_name("123abc"), "_123abc");
        assert_eq!(snake_name("foo-bar"), "foo_bar");
        assert_eq!(snake_name("café"), "caf");
        assert_eq!(variant_name("1080p"), "V1080p");
        assert_eq!(variant_name("self"), "SelfValue");
        assert_eq!(snake_name("***"), "value");
    }

    proptest::proptest! {
        #[test]
        fn words_cased_one_by_one_name_what_the_joined_words_do(
            words in proptest::collection::vec("[A-Za-z0-9_é~{}\\[\\]. -]{0,8}", 0..6)
        ) {
            let joined = words.join(" ");
            proptest::prop_assert_eq!(
                snake_name_of_words(words.iter().map(String::as_str)),
                snake_name(&joined)
            );
        }
    }

    #[test]
    fn keywords_get_a_trailing_underscore() {
        assert_eq!(snake_name("type"), "type_");
        assert_eq!(snake_name("self"), "self_");
        assert_eq!(snake_name("match"), "match_");
    }

    #[test]
    fn schemas_may_not_shadow_prelude_types() {
        assert_eq!(type_name("string"), "StringModel");
        assert_eq!(type_name("Result"), "ResultModel");
    }

    #[test]
    fn unique_appends_the_smallest_free_number() {
        let mut taken = BTreeSet::new();
        assert_eq!(unique("a".into(), &mut taken), "a");
        assert_eq!(unique("a".into(), &mut taken), "a2");
        assert_eq!(unique("a".into(), &mut taken), "a3");
    }

    #[test]
    fn a_leading_sign_in_an_enum_value_is_kept_as_a_word() {
        assert_eq!(variant_name("-created_at"), "MinusCreatedAt");
        assert_eq!(variant_name("-1"), "Minus1");
        assert_eq!(variant_name("+E.164"), "PlusE164");
        assert_eq!(variant_name("-"), "Empty");
    }
}

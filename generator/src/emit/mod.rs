//! From the [`Api`] model to the files of the generated crate, as tokens
//! (the structs, enums and aliases of `models.rs` as syntax trees, see
//! `syntax`; unions, with their hand-written `impl`s, are still tokens).

mod crate_root;
mod docs;
mod enums;
mod example_tests;
mod examples;
mod operations;
mod pagination;
mod readme;
mod resources;
mod syntax;
mod types;

use proc_macro2::{Ident, Literal, TokenStream};

use crate::model::Api;
use crate::Config;

pub use docs::unpack as unpack_doc;

/// The contents of one generated file before formatting.
pub enum FileContents {
    /// Rust code, formatted by `crate::format`.
    Rust(TokenStream),
    /// Rust items, some of them tables, in order.
    Items(Vec<RustItem>),
    /// A table, or a part of a long one.
    Table(Table),
    /// A file written out as it is (TOML, or runtime code kept as a `.rs` file).
    Text(String),
    /// Runtime code: Rust source shipped verbatim.
    Verbatim(&'static str),
}

/// An item of Rust code.
pub enum RustItem {
    /// Code formatted by prettyplease.
    Tokens(TokenStream),
    /// An item built as a syntax tree, printed by prettyplease.
    Syntax(syn::Item),
    Table(Table),
}

/// The rows of a call of a table-like macro (the runtime's `wire::object!`,
/// the example tables), printed one row per line: prettyplease does not
/// know the macros' grammar and would fill the lines like prose, so that one
/// changed row would reflow the rest. A long table comes in several parts:
/// the first opens the call and the last closes it.
pub struct Table {
    pub call: TableCall,
    pub rows: TokenStream,
    pub first: bool,
    pub last: bool,
}

/// How a table's macro is called.
pub enum TableCall {
    /// `path! { rows }`
    Braces(&'static str),
    /// `path!(Name { rows });`
    Named(&'static str, Ident),
}

impl Table {
    /// A table of one part.
    fn whole(call: TableCall, rows: TokenStream) -> Self {
        Table {
            call,
            rows,
            first: true,
            last: true,
        }
    }
}

/// Runtime modules that do not vary with the spec, written into every crate.
const RUNTIME: &[(&str, &str)] = &[
    ("src/blocking.rs", include_str!("../../runtime/blocking.rs")),
    ("src/client.rs", include_str!("../../runtime/client.rs")),
    ("src/error.rs", include_str!("../../runtime/error.rs")),
    ("src/params.rs", include_str!("../../runtime/params.rs")),
    ("src/request.rs", include_str!("../../runtime/request.rs")),
    ("src/response.rs", include_str!("../../runtime/response.rs")),
    ("src/retry.rs", include_str!("../../runtime/retry.rs")),
    ("src/wire.rs", include_str!("../../runtime/wire.rs")),
];

/// Runtime written only into crates with list operations that paginate.
const PAGINATION_RUNTIME: (&str, &str) = (
    "src/pagination.rs",
    include_str!("../../runtime/pagination.rs"),
);

/// Types per part of `models.rs`: enough to keep threads busy, few enough
/// that one part's tokens are never much memory.
const TYPES_PER_PART: usize = 32;

/// Rows per part of a table of examples.
const ROWS_PER_PART: usize = 256;

/// A piece of a generated file, emitted when asked. Large files come in
/// several parts so that threads can share them out and only a few parts'
/// tokens are alive at once; the parts of a file are consecutive.
pub struct Part<'a> {
    /// The file's path relative to the crate root.
    pub path: String,
    emit: Box<dyn Fn() -> FileContents + Send + Sync + 'a>,
}

impl<'a> Part<'a> {
    fn new(path: &str, emit: impl Fn() -> FileContents + Send + Sync + 'a) -> Self {
        Part {
            path: path.to_string(),
            emit: Box::new(emit),
        }
    }

    /// The part's contents. `TokenStream`s cannot move between threads, so
    /// each part is emitted in the thread that formats it.
    pub fn emit(&self) -> FileContents {
        (self.emit)()
    }
}

/// Every file of the generated crate, in parts, sorted by path.
pub fn parts<'a>(api: &'a Api, config: &'a Config) -> Vec<Part<'a>> {
    let deprecations = deprecations(api);
    let mut parts = vec![
        Part::new("Cargo.toml", move || {
            FileContents::Text(crate_root::cargo_toml(api, config))
        }),
        Part::new("README.md", move || {
            FileContents::Text(readme::readme(api, config))
        }),
        Part::new("src/lib.rs", move || {
            FileContents::Rust(crate_root::lib_rs(api, config))
        }),
        Part::new("src/models.rs", move || {
            FileContents::Rust(types::models_head(deprecations))
        }),
    ];
    parts.extend(api.types.chunks(TYPES_PER_PART).map(|types| {
        Part::new("src/models.rs", move || {
            FileContents::Items(types::models_items(types))
        })
    }));
    parts.push(Part::new("src/resources/mod.rs", move || {
        FileContents::Rust(resources::resources_mod(&api.resources))
    }));
    parts.extend(api.resources.iter().map(|resource| {
        Part::new(
            &format!("src/resources/{}.rs", resource.module),
            move || {
                FileContents::Rust(resources::resource_file(
                    resource,
                    deprecations,
                    &config.crate_ident(),
                ))
            },
        )
    }));
    let pagination = crate_root::paginates(api).then_some(&PAGINATION_RUNTIME);
    parts.extend(
        RUNTIME
            .iter()
            .chain(pagination)
            .map(|&(path, source)| Part::new(path, move || FileContents::Verbatim(source))),
    );
    if !api.examples.is_empty() {
        parts.push(Part::new("tests/examples/mod.rs", move || {
            FileContents::Rust(example_tests::examples_module(api))
        }));
        parts.extend(table_parts(
            "tests/examples/mod.rs",
            "macros::examples",
            &api.examples,
            example_tests::example_rows,
        ));
        parts.push(Part::new("tests/examples/macros.rs", || {
            FileContents::Verbatim(include_str!("../../runtime/example_macros.rs"))
        }));
        parts.push(Part::new("tests/spec_examples.rs", move || {
            FileContents::Rust(example_tests::round_trip_tests(api, config))
        }));
        parts.extend(table_parts(
            "tests/spec_examples.rs",
            "examples::round_trips",
            &api.examples,
            example_tests::round_trip_rows,
        ));
    }
    // Stable, so that the parts of a file stay in order.
    parts.sort_by(|a, b| a.path.cmp(&b.path));
    parts
}

/// The parts of the table `macro_path! { ... }` of `path`, a row per item.
fn table_parts<'a, T: Sync>(
    path: &'a str,
    macro_path: &'static str,
    items: &'a [T],
    rows: fn(&[T]) -> TokenStream,
) -> impl Iterator<Item = Part<'a>> + 'a {
    let count = items.len().div_ceil(ROWS_PER_PART);
    items
        .chunks(ROWS_PER_PART)
        .enumerate()
        .map(move |(index, chunk)| {
            Part::new(path, move || {
                FileContents::Table(Table {
                    call: TableCall::Braces(macro_path),
                    rows: rows(chunk),
                    first: index == 0,
                    last: index + 1 == count,
                })
            })
        })
}

/// Whether anything in the spec is deprecated: then the generated modules
/// allow using deprecated items, which they must in order to define them.
fn deprecations(api: &Api) -> bool {
    let types = api.types.iter().any(|def| {
        def.deprecated
            || matches!(&def.kind, crate::model::TypeKind::Struct(fields) if fields.iter().any(|f| f.deprecated))
    });
    let operations = api
        .resources
        .iter()
        .flat_map(|r| &r.operations)
        .any(|op| op.deprecated || op.params.iter().any(|p| p.deprecated));
    types || operations
}

/// A raw string literal holding `text`, with enough `#`s to hold any `"#` in
/// it; a quoted one where a raw string cannot hold the text (a carriage
/// return). syn and prettyplease take a raw string's text as it is, while a
/// quoted one is escaped here and unescaped character by character twice,
/// when parsed and when printed: for doc lines, about 4% of the generator's
/// time on a large spec.
fn raw_string(text: &str) -> Literal {
    // One `#` more than the longest run of them after a quote in `text`.
    // Built by hand: `format!` was most of this function's time, and it
    // runs for every doc line.
    let hashes = 1 + text
        .match_indices('"')
        .map(|(at, _)| text[at + 1..].bytes().take_while(|&b| b == b'#').count())
        .max()
        .unwrap_or(0);
    let mut repr = String::with_capacity(text.len() + 2 * hashes + 3);
    repr.push('r');
    repr.extend(std::iter::repeat_n('#', hashes));
    repr.push('"');
    repr.push_str(text);
    repr.push('"');
    repr.extend(std::iter::repeat_n('#', hashes));
    repr.parse().unwrap_or_else(|_| Literal::string(text))
}

/// A quoted string literal holding `text`. proc-macro2 escapes each
/// character through `char::escape_debug`, which looks it up in Unicode
/// tables; printable ASCII without `"` or `\` needs no escaping, and its
/// literal is spelled directly: the same token, for the wire names and
/// values of every field and enum.
fn string_literal(text: &str) -> Literal {
    let plain = text
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\');
    if plain {
        let mut repr = String::with_capacity(text.len() + 2);
        repr.push('"');
        repr.push_str(text);
        repr.push('"');
        if let Ok(literal) = repr.parse() {
            return literal;
        }
    }
    Literal::string(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_strings_have_enough_hashes_for_their_text() {
        assert_eq!(raw_string("\"a\"").to_string(), "r#\"\"a\"\"#");
        assert_eq!(raw_string("\"#tag\"").to_string(), "r##\"\"#tag\"\"##");
        assert_eq!(
            raw_string("a \"## b \"#").to_string(),
            "r###\"a \"## b \"#\"###"
        );
        assert_eq!(raw_string("plain").to_string(), "r#\"plain\"#");
    }

    #[test]
    fn string_literals_are_the_ones_proc_macro2_makes() {
        for text in [
            "record_type",
            "page[size]",
            "a \"b\"",
            "back\\slash",
            "tab\t",
            "café",
            "",
        ] {
            assert_eq!(
                string_literal(text).to_string(),
                Literal::string(text).to_string(),
                "{text}"
            );
        }
    }
}

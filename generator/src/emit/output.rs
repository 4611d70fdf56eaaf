//! What the emitters hand to `crate::format`: each file's contents before formatting.

use proc_macro2::{Ident, TokenStream};

/// A file of the generated crate, or a part of one, emitted when asked:
/// `TokenStream`s cannot move between threads, so each is emitted in the
/// thread that formats it. The parts of a file are consecutive.
pub struct FileToEmit<'a> {
    /// Relative to the crate root, with `/` separators.
    pub path: String,
    emit: Box<dyn Fn() -> FileContents + Send + Sync + 'a>,
}

impl<'a> FileToEmit<'a> {
    pub fn new(path: &str, emit: impl Fn() -> FileContents + Send + Sync + 'a) -> Self {
        FileToEmit {
            path: path.to_string(),
            emit: Box::new(emit),
        }
    }

    pub fn emit(&self) -> FileContents {
        (self.emit)()
    }
}

/// The contents of one generated file before formatting.
pub enum FileContents {
    /// Rust items, some of them tables, in order.
    Rust(Vec<RustItem>),
    /// A file written out as it is (TOML, or Markdown).
    Text(String),
    /// Runtime code: Rust source shipped verbatim.
    Verbatim(&'static str),
}

/// An item of Rust code.
pub enum RustItem {
    /// Code formatted by prettyplease.
    Tokens(TokenStream),
    Table(Table),
    /// Items each compiled only under these outer attributes (`#[cfg(...)]`
    /// and its `doc(cfg(...))`), which go before every item inside.
    Gated(TokenStream, Vec<RustItem>),
}

/// The rows of a call of a table-like macro (the runtime's `wire::object!`,
/// the example tables), which `format::tables` prints one row per line: as
/// tokens for prettyplease they would be filled like prose, changing the output.
pub struct Table {
    pub call: TableCall,
    pub rows: TokenStream,
}

/// How a table's macro is called.
pub enum TableCall {
    /// `path! { rows }`
    Braces(&'static str),
    /// `path!(Name { rows });`
    Named(&'static str, Ident),
}

//! How the model is spelled in Rust: identifiers, types and string literals.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::model::RustType;

/// Where a type is spelled: inside `models`, or elsewhere via `models::`.
#[derive(Clone, Copy)]
pub enum Scope {
    Models,
    Outside,
}

pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

pub fn rust_type(ty: &RustType, scope: Scope) -> TokenStream {
    match ty {
        RustType::String => quote!(String),
        RustType::Bool => quote!(bool),
        RustType::I32 => quote!(i32),
        RustType::I64 => quote!(i64),
        RustType::F32 => quote!(f32),
        RustType::F64 => quote!(f64),
        RustType::DateTime => quote!(chrono::DateTime<chrono::Utc>),
        RustType::Date => quote!(chrono::NaiveDate),
        RustType::Uuid => quote!(uuid::Uuid),
        RustType::Json => quote!(serde_json::Value),
        RustType::JsonObject => quote!(serde_json::Map<String, serde_json::Value>),
        RustType::Vec(item) => {
            let item = rust_type(item, scope);
            quote!(Vec<#item>)
        }
        RustType::Map(value) => {
            let value = rust_type(value, scope);
            quote!(std::collections::HashMap<String, #value>)
        }
        RustType::Named(name) => {
            let name = ident(name);
            match scope {
                Scope::Models => quote!(#name),
                Scope::Outside => quote!(models::#name),
            }
        }
        RustType::Boxed(inner) => {
            let inner = rust_type(inner, scope);
            quote!(Box<#inner>)
        }
        RustType::Nullable(inner) => {
            let inner = rust_type(inner, scope);
            quote!(Option<#inner>)
        }
    }
}

/// Whether spelling `ty` outside `models` needs `use crate::models;`.
pub fn mentions_models(ty: &RustType) -> bool {
    ty.any(&|ty| matches!(ty, RustType::Named(_)))
}

/// A raw string literal holding `text`, with enough `#`s to hold any `"#` in
/// it, so that JSON and prose read in the generated code as they are written;
/// a quoted one where a raw string cannot hold the text (a carriage return).
pub fn raw_string(text: &str) -> Literal {
    // One `#` more than the longest run of them after a quote in `text`.
    let hashes = 1 + text
        .match_indices('"')
        .map(|(at, _)| text[at + 1..].bytes().take_while(|&b| b == b'#').count())
        .max()
        .unwrap_or(0);
    let hashes = "#".repeat(hashes);
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| Literal::string(text))
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
}

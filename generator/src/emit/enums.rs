//! Enums in `models`: string and integer enums that keep unknown values, and
//! unions of several types (`oneOf`/`anyOf`).

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::output::{RustItem, Table, TableCall};
use super::spelling::{ident, raw_string, rust_type, Scope};
use crate::model::{EnumVariant, IntegerVariant, Union};

/// A string enum that keeps values it does not know in `Unknown`, so that a
/// new value on the server never breaks decoding. Its `impl`s come from the
/// runtime's `wire::string_enum!`, one line per value; so do `PartialEq`,
/// `Eq` and `Hash`, which compare wire values and cost less to build than
/// derived ones.
pub fn string_enum(name: &Ident, docs: &TokenStream, variants: &[EnumVariant]) -> [RustItem; 2] {
    let rows = variants.iter().map(|v| {
        let value = Literal::string(&v.wire_value);
        (ident(&v.rust_name), value, v.wire_value.clone())
    });
    let (derives, unknown) = (quote!(Clone), quote!(String));
    keeping_enum(
        name,
        docs,
        rows,
        (derives, unknown),
        "crate::wire::string_enum",
    )
}

/// An integer enum that keeps values it does not know in `Unknown`.
pub fn integer_enum(
    name: &Ident,
    docs: &TokenStream,
    variants: &[IntegerVariant],
) -> [RustItem; 2] {
    // One literal token each, so that `-1` stays one token for the macro and
    // for the printer.
    let rows = variants.iter().map(|v| {
        let value = Literal::i64_unsuffixed(v.value);
        (ident(&v.rust_name), value, v.value.to_string())
    });
    let (derives, unknown) = (quote!(Clone, Copy), quote!(i64));
    keeping_enum(
        name,
        docs,
        rows,
        (derives, unknown),
        "crate::wire::integer_enum",
    )
}

/// The enum of `rows` (variant, wire value, its text for the docs) with its `Unknown(..)`
/// variant, and its row of the runtime macro `call`.
fn keeping_enum(
    name: &Ident,
    docs: &TokenStream,
    rows: impl Iterator<Item = (Ident, Literal, String)>,
    (derives, unknown): (TokenStream, TokenStream),
    call: &'static str,
) -> [RustItem; 2] {
    let (idents, values_and_texts): (Vec<Ident>, Vec<(Literal, String)>) = rows
        .map(|(ident, value, text)| (ident, (value, text)))
        .unzip();
    let values = values_and_texts.iter().map(|(value, _)| value);
    let rows = quote!(#(#idents = #values,)*);
    let variant_docs = values_and_texts.iter().map(|(_, text)| {
        let doc = raw_string(&format!(" `{text}`"));
        quote!(#[doc = #doc])
    });
    let item = quote! {
        #docs
        #[derive(Debug, #derives)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #idents,)*
            #[doc = #UNKNOWN_VALUE]
            Unknown(#unknown),
        }
    };
    let call = TableCall::Named(call, name.clone());
    let table = Table { call, rows };
    [RustItem::Tokens(item), RustItem::Table(table)]
}

const UNKNOWN_VALUE: &str = " A value this version of the client does not know, kept as sent.";

/// A value of one of several types, picked by its discriminator or else by serde trying the
/// variants in order; `#[non_exhaustive]`, so that a variant the spec adds breaks no `match`.
pub fn union(name: &Ident, docs: &TokenStream, union: &Union) -> TokenStream {
    let idents: Vec<Ident> = union.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let types = union
        .variants
        .iter()
        .map(|v| rust_type(&v.ty, Scope::Models));
    let variant_docs = union.variants.iter().map(|v| {
        let doc = match v.tags.as_slice() {
            [] => format!(" The `{}` variant.", v.rust_name),
            tags => {
                let tags: Vec<String> = tags.iter().map(|t| format!("`{t:?}`")).collect();
                format!(
                    " The `{}` variant, tagged {}.",
                    v.rust_name,
                    tags.join(" or ")
                )
            }
        };
        quote!(#[doc = #doc])
    });
    let variants = quote!(#(#variant_docs #idents(#types),)*);
    // Variants hold whole objects, unboxed so that matching on them reads naturally.
    let allow = quote!(#[allow(clippy::large_enum_variant)]);
    let Some(property) = &union.discriminator else {
        return quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
            #[serde(untagged)]
            #allow
            #[non_exhaustive]
            pub enum #name {
                #variants
                /// A value that fits none of the variants above, kept as sent.
                Unknown(serde_json::Value),
            }
        };
    };
    let first_tags = union
        .variants
        .iter()
        .map(|v| v.tags.first().cloned().unwrap_or_default());
    let tag_patterns = union.variants.iter().map(|v| {
        let tags = &v.tags;
        quote!(#(#tags)|*)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #allow
        #[non_exhaustive]
        pub enum #name {
            #variants
            /// A value whose tag this version of the client does not know, kept as sent.
            Unknown(serde_json::Value),
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let (tag, value) = match self {
                    #(Self::#idents(value) => (#first_tags, crate::params::json_value(value)),)*
                    Self::Unknown(value) => return serde::Serialize::serialize(value, serializer),
                };
                let mut value = value.map_err(serde::ser::Error::custom)?;
                if let Some(object) = value.as_object_mut() {
                    object.entry(#property).or_insert_with(|| tag.into());
                }
                serde::Serialize::serialize(&value, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                let decoded = match value.get(#property).and_then(serde_json::Value::as_str) {
                    #(Some(#tag_patterns) => serde_json::from_value(value).map(Self::#idents),)*
                    _ => return Ok(Self::Unknown(value)),
                };
                decoded.map_err(serde::de::Error::custom)
            }
        }
    }
}

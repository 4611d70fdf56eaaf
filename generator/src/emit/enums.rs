//! Enums in `models`: string and integer enums that keep unknown values, and
//! unions of several types (`oneOf`/`anyOf`).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::types::{rust_type, Scope};
use crate::model::{EnumVariant, IntegerVariant, Union};

/// A string enum that keeps values it does not know in `Unknown`, so that a
/// new value on the server never breaks decoding.
pub fn string_enum(name: &Ident, docs: &TokenStream, variants: &[EnumVariant]) -> TokenStream {
    let idents: Vec<Ident> = variants
        .iter()
        .map(|v| format_ident!("{}", v.rust_name))
        .collect();
    let wires: Vec<&str> = variants.iter().map(|v| v.wire_value.as_str()).collect();
    let variant_docs = wires.iter().map(|wire| {
        let doc = format!(" `{wire}`");
        quote!(#[doc = #doc])
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #idents,)*
            /// A value this version of the client does not know, kept as sent.
            Unknown(String),
        }

        impl #name {
            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #wires,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#wires => Self::#idents,)*
                    other => Self::Unknown(other.to_string()),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <String as serde::Deserialize>::deserialize(deserializer)?;
                Ok(match value.as_str() {
                    #(#wires => Self::#idents,)*
                    _ => Self::Unknown(value),
                })
            }
        }
    }
}

/// An integer enum that keeps values it does not know in `Unknown`.
pub fn integer_enum(name: &Ident, docs: &TokenStream, variants: &[IntegerVariant]) -> TokenStream {
    let idents: Vec<Ident> = variants
        .iter()
        .map(|v| format_ident!("{}", v.rust_name))
        .collect();
    let values: Vec<i64> = variants.iter().map(|v| v.value).collect();
    let variant_docs = values.iter().map(|value| {
        let doc = format!(" `{value}`");
        quote!(#[doc = #doc])
    });
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #idents,)*
            /// A value this version of the client does not know, kept as sent.
            Unknown(i64),
        }

        impl #name {
            /// The value as it is sent on the wire.
            pub fn as_i64(&self) -> i64 {
                match self {
                    #(Self::#idents => #values,)*
                    Self::Unknown(value) => *value,
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.as_i64())
            }
        }

        impl From<i64> for #name {
            fn from(value: i64) -> Self {
                match value {
                    #(#values => Self::#idents,)*
                    other => Self::Unknown(other),
                }
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.as_i64())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <i64 as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}

/// A value of one of several types. With a discriminator, its property picks
/// the variant; without, serde tries the variants in order. Either way a value
/// that fits none is kept in `Unknown`.
pub fn union(name: &Ident, docs: &TokenStream, union: &Union) -> TokenStream {
    let idents: Vec<Ident> = union
        .variants
        .iter()
        .map(|v| format_ident!("{}", v.rust_name))
        .collect();
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
        pub enum #name {
            #variants
            /// A value whose tag this version of the client does not know, kept as sent.
            Unknown(serde_json::Value),
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let (tag, value) = match self {
                    #(Self::#idents(value) => (#first_tags, serde_json::to_value(value)),)*
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

//! The `models` module: one Rust item per named type.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::docs::DocText;
use crate::model::{EnumVariant, Field, RustType, TypeDef, TypeKind};

/// Where a type is spelled: inside `models`, or elsewhere via `models::`.
#[derive(Clone, Copy)]
pub enum Scope {
    Models,
    Outside,
}

pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The tokens that spell `ty`.
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
    }
}

/// Whether spelling `ty` outside `models` needs `use crate::models;`.
pub fn mentions_models(ty: &RustType) -> bool {
    match ty {
        RustType::Named(_) => true,
        RustType::Vec(inner) | RustType::Map(inner) => mentions_models(inner),
        _ => false,
    }
}

/// The whole `models.rs`.
pub fn models_file(types: &[TypeDef]) -> TokenStream {
    let docs = DocText::default()
        .line("The types that requests and responses carry, one per schema of the spec.");
    let module_docs = docs.inner_attrs();
    let items = types.iter().map(type_def);
    quote! {
        #module_docs
        #(#items)*
    }
}

fn type_def(def: &TypeDef) -> TokenStream {
    let docs = DocText::default()
        .prose(def.description.as_deref())
        .example(def.example.as_deref());
    let docs = if docs.is_empty() {
        DocText::default().line(format!("The `{}` schema.", def.name))
    } else {
        docs
    };
    let docs = docs.attrs();
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Struct(fields) => {
            let fields = fields.iter().map(field);
            quote! {
                #docs
                #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
                pub struct #name {
                    #(#fields)*
                }
            }
        }
        TypeKind::StringEnum(variants) => string_enum(&name, &docs, variants),
        TypeKind::Alias(target) => {
            let target = rust_type(target, Scope::Models);
            quote! {
                #docs
                pub type #name = #target;
            }
        }
    }
}

fn field(field: &Field) -> TokenStream {
    let docs = DocText::default()
        .prose(field.description.as_deref())
        .example(field.example.as_deref());
    let docs = if docs.is_empty() {
        DocText::default().line(format!("The `{}` field.", field.wire_name))
    } else {
        docs
    };
    let docs = docs.attrs();
    let name = ident(&field.rust_name);
    let ty = rust_type(&field.ty, Scope::Models);
    let rename = (field.rust_name != field.wire_name).then(|| {
        let wire = &field.wire_name;
        quote!(#[serde(rename = #wire)])
    });
    let deprecated = field.deprecated.then(|| quote!(#[deprecated]));
    if field.required {
        quote! {
            #docs
            #deprecated
            #rename
            pub #name: #ty,
        }
    } else {
        quote! {
            #docs
            #deprecated
            #rename
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub #name: Option<#ty>,
        }
    }
}

/// A string enum that keeps values it does not know in `Unknown`, so that a
/// new value on the server never breaks decoding.
fn string_enum(name: &Ident, docs: &TokenStream, variants: &[EnumVariant]) -> TokenStream {
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

//! The `models` module: one Rust item per named type.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, ToTokens};

use super::docs::{code_span, DocText};
use super::enums;
use super::{string_literal, syntax, RustItem, Table, TableCall};
use crate::model::{Field, RustType, TypeDef, TypeKind};

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
    syntax::rust_type(ty, scope).into_token_stream()
}

/// Whether spelling `ty` outside `models` needs `use crate::models;`.
pub fn mentions_models(ty: &RustType) -> bool {
    match ty {
        RustType::Named(_) => true,
        RustType::Vec(inner) | RustType::Map(inner) | RustType::Boxed(inner) => {
            mentions_models(inner)
        }
        _ => false,
    }
}

/// The start of `models.rs`: its docs and attributes.
pub fn models_head(deprecations: bool) -> TokenStream {
    let docs = DocText::default()
        .line("The types that requests and responses carry, one per schema of the spec.");
    let module_docs = docs.inner_attrs();
    let allow = deprecations.then(|| quote!(#![allow(deprecated)]));
    quote! {
        #module_docs
        #allow
    }
}

/// The items of `models.rs` for these types, in order.
pub fn models_items(types: &[TypeDef]) -> Vec<RustItem> {
    let mut items = Vec::with_capacity(2 * types.len());
    for def in types {
        let (item, table) = type_def(def);
        items.push(item);
        items.extend(table.map(RustItem::Table));
    }
    items
}

/// A type's definition, and the table of the runtime macro that implements
/// its traits, if one does.
fn type_def(def: &TypeDef) -> (RustItem, Option<Table>) {
    let docs = DocText::default()
        .prose(def.description.as_deref())
        .example(def.example.as_deref());
    let docs = if docs.is_empty() {
        DocText::default().line(format!("The `{}` schema.", def.name))
    } else {
        docs
    };
    let mut attrs = docs.attributes();
    if def.deprecated {
        attrs.push(syntax::word("deprecated"));
    }
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Struct(fields) => {
            // With every field optional, `..Default::default()` fills in the rest.
            let default = fields.iter().all(|f| !f.required).then(|| quote!(Default,));
            attrs.push(syntax::list(
                "derive",
                quote!(Debug, Clone, #default PartialEq),
            ));
            let serde_impls = serde_impls(name.clone(), fields);
            let fields = syntax::named_fields(fields.iter().map(field));
            let item = syntax::public_struct(attrs, name, fields);
            (RustItem::Syntax(item), Some(serde_impls))
        }
        TypeKind::StringEnum(variants) => {
            let (item, table) = enums::string_enum(name, attrs, variants);
            (RustItem::Syntax(syn::Item::Enum(item)), Some(table))
        }
        TypeKind::IntegerEnum(variants) => {
            let (item, table) = enums::integer_enum(name, attrs, variants);
            (RustItem::Syntax(syn::Item::Enum(item)), Some(table))
        }
        TypeKind::Union(union) => {
            let docs = quote!(#(#attrs)*);
            (RustItem::Tokens(enums::union(&name, &docs, union)), None)
        }
        TypeKind::Alias(target) => {
            let ty = syntax::rust_type(target, Scope::Models);
            (
                RustItem::Syntax(syntax::public_alias(attrs, name, ty)),
                None,
            )
        }
    }
}

fn field(field: &Field) -> syn::Field {
    let docs = DocText::default()
        .prose(field.description.as_deref())
        .example(field.example.as_deref());
    let mut docs = if docs.is_empty() {
        DocText::default().line(format!("The `{}` field.", field.wire_name))
    } else {
        docs
    };
    if let Some(default) = &field.default {
        docs = docs.line(format!(
            "The server assumes {} when it is absent.",
            code_span(default)
        ));
    }
    if field.read_only {
        docs = docs.line("Read-only: set by the server, and ignored in requests.");
    }
    if field.write_only {
        docs = docs.line("Write-only: sent in requests, never returned.");
    }
    let mut attrs = docs.attributes();
    if field.deprecated {
        attrs.push(syntax::word("deprecated"));
    }
    let ty = syntax::rust_type(&field.ty, Scope::Models);
    let ty = if field.required || field.flatten {
        ty
    } else {
        syntax::option(ty)
    };
    syntax::named_field(attrs, ident(&field.rust_name), ty)
}

/// `Serialize` and `Deserialize` for a struct, through the runtime's
/// `wire::object!`: serde's derives expand to ten times as much code, which
/// was most of the compile time of large clients.
fn serde_impls(name: Ident, fields: &[Field]) -> Table {
    let entries = fields.iter().filter(|f| !f.flatten).map(|f| {
        let (field, wire) = (ident(&f.rust_name), string_literal(&f.wire_name));
        let kind = if f.required {
            quote!(required)
        } else if f.send_null {
            quote!(nullable)
        } else {
            quote!(optional)
        };
        quote!(#field = #wire #kind,)
    });
    let rest = fields.iter().find(|f| f.flatten).map(|f| {
        let field = ident(&f.rust_name);
        quote!(..#field)
    });
    Table::whole(
        TableCall::Named("crate::wire::object", name),
        quote!(#(#entries)* #rest),
    )
}

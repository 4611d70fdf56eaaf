//! The `models` module: one Rust item per named type.

use proc_macro2::{Ident, Literal};
use quote::quote;

use super::constructors::{constructors, settable_struct, Settable};
use super::docs::{code_span, DocText};
use super::enums;
use super::features::cfg_attrs;
use super::output::{RustItem, Table, TableCall};
use super::spelling::{ident, rust_type, Scope};
use crate::model::{Field, TypeDef, TypeKind};

/// Items of `models.rs`: in the first part, the module's head, given whether
/// anything in the spec is deprecated; then each type and the table of the
/// runtime macro that implements its traits.
pub fn models(types: &[TypeDef], head: Option<bool>) -> Vec<RustItem> {
    let mut items = Vec::new();
    if let Some(deprecations) = head {
        let module_docs = DocText::default()
            .line("The types that requests and responses carry, one per schema of the spec.")
            .inner_attrs();
        let allow = deprecations.then(|| quote!(#![allow(deprecated)]));
        items.push(RustItem::Tokens(quote! {
            #module_docs
            #allow
        }));
    }
    for def in types {
        let own = type_items(def);
        match cfg_attrs(&def.features) {
            Some(cfg) => items.push(RustItem::Gated(cfg, own)),
            None => items.extend(own),
        }
    }
    items
}

/// A type's definition, the table of the runtime macro that implements its
/// traits if one does, and the constructors of a struct users send.
fn type_items(def: &TypeDef) -> Vec<RustItem> {
    let docs = DocText::default()
        .prose(def.description.as_deref())
        .example(def.example.as_deref())
        .or_line(|| format!("The `{}` schema.", def.name))
        .attrs();
    let deprecated = def.deprecated.then(|| quote!(#[deprecated]));
    let docs = quote!(#docs #deprecated);
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Struct(fields) => {
            let settable: Vec<Settable> = fields.iter().map(settable).collect();
            // Built through `new` outside the crate, so a field the spec adds is not a breaking change.
            let item = settable_struct(&docs, &name, true, &settable, Scope::Models);
            let mut items = vec![RustItem::Tokens(item), serde_impls(&name, fields)];
            if def.sent {
                let constructors = constructors(&name, &settable, Scope::Models);
                items.push(RustItem::Tokens(constructors));
            }
            items
        }
        TypeKind::StringEnum(variants) => enums::string_enum(&name, &docs, variants).into(),
        TypeKind::IntegerEnum(variants) => enums::integer_enum(&name, &docs, variants).into(),
        TypeKind::Union(union) => vec![RustItem::Tokens(enums::union(&name, &docs, union))],
        TypeKind::Alias(target) => {
            let target = rust_type(target, Scope::Models);
            vec![RustItem::Tokens(quote!(#docs pub type #name = #target;))]
        }
    }
}

/// A field, documented, as the struct and its constructors see it.
fn settable(field: &Field) -> Settable<'_> {
    let mut docs = DocText::default()
        .prose(field.description.as_deref())
        .example(field.example.as_deref())
        .or_line(|| format!("The `{}` field.", field.wire_name));
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
    Settable {
        docs: docs.attrs(),
        rust_name: &field.rust_name,
        ty: &field.ty,
        spelled: None,
        required: field.required && !field.flatten,
        flatten: field.flatten,
        deprecated: field.deprecated,
    }
}

/// The most fields the runtime's `wire::object!` reads: it has `Slots` impls
/// for tuples of up to this many.
const MOST_SLOTS: usize = 24;

/// `Serialize` and `Deserialize` for a struct, through the runtime's
/// `wire::object!` (or `wire::wide_object!` past [`MOST_SLOTS`] fields or with
/// a map of other properties): serde's derives expand to far more code, which
/// every user of a large client pays for in compile time.
fn serde_impls(name: &Ident, fields: &[Field]) -> RustItem {
    let rest = fields.iter().find(|f| f.flatten).map(|f| {
        let field = ident(&f.rust_name);
        quote!(..#field)
    });
    let slots = rest.is_none() && fields.len() <= MOST_SLOTS;
    let entries = fields
        .iter()
        .filter(|f| !f.flatten)
        .enumerate()
        .map(|(slot, f)| {
            let (field, wire) = (ident(&f.rust_name), Literal::string(&f.wire_name));
            let kind = if f.required {
                quote!(required)
            } else if f.send_null {
                quote!(nullable)
            } else {
                quote!(optional)
            };
            let slot = slots.then(|| Literal::usize_unsuffixed(slot));
            quote!(#field = #wire #kind #slot,)
        });
    let call = if slots {
        "crate::wire::object"
    } else {
        "crate::wire::wide_object"
    };
    RustItem::Table(Table {
        call: TableCall::Named(call, name.clone()),
        rows: quote!(#(#entries)* #rest),
    })
}

#[cfg(test)]
mod tests {
    use super::MOST_SLOTS;

    #[test]
    fn the_runtime_reads_objects_of_as_many_fields_as_object_is_given() {
        let wire = include_str!("../../runtime/wire.rs");
        let last = MOST_SLOTS - 1;
        assert!(wire.contains(&format!(" {last} T{last})")));
        assert!(!wire.contains(&format!(" {MOST_SLOTS} T{MOST_SLOTS}")));
    }
}

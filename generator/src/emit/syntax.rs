//! Pieces of syn's syntax tree, for the structs, enums and aliases of
//! `models.rs`, which are built as trees for prettyplease to print rather
//! than as tokens that syn would parse back (unions are still quoted): on a
//! large spec, quoting the models and parsing them again was a quarter of
//! the generator's time.

use proc_macro2::{Ident, Literal, TokenStream};
use syn::punctuated::Punctuated;
use syn::{
    AttrStyle, Attribute, Expr, ExprLit, Field, FieldModifiers, Fields, FieldsNamed, FieldsUnnamed,
    GenericArgument, Item, ItemEnum, ItemStruct, ItemType, Lit, MacroDelimiter, Meta, MetaList,
    MetaNameValue, Path, PathArguments, PathSegment, Type, TypePath, Variant, Visibility,
};

use super::types::{ident, Scope};
use crate::model::RustType;

/// `#[doc = value]`, which prettyplease prints as a `///` line.
pub fn doc(value: Literal) -> Attribute {
    outer(Meta::NameValue(MetaNameValue {
        path: Path::from(ident("doc")),
        eq_token: Default::default(),
        value: Expr::Lit(ExprLit {
            attrs: Vec::new(),
            lit: Lit::new(value),
        }),
    }))
}

/// `#[name]`, e.g. `#[non_exhaustive]`.
pub fn word(name: &str) -> Attribute {
    outer(Meta::Path(Path::from(ident(name))))
}

/// `#[name(tokens)]`, e.g. `#[derive(Debug, Clone)]`.
pub fn list(name: &str, tokens: TokenStream) -> Attribute {
    outer(Meta::List(MetaList {
        path: Path::from(ident(name)),
        delimiter: MacroDelimiter::Paren(Default::default()),
        tokens,
    }))
}

fn outer(meta: Meta) -> Attribute {
    Attribute {
        pound_token: Default::default(),
        style: AttrStyle::Outer,
        bracket_token: Default::default(),
        meta,
    }
}

/// The type that spells `ty`.
pub fn rust_type(ty: &RustType, scope: Scope) -> Type {
    match ty {
        RustType::String => path(&["String"], None),
        RustType::Bool => path(&["bool"], None),
        RustType::I32 => path(&["i32"], None),
        RustType::I64 => path(&["i64"], None),
        RustType::F32 => path(&["f32"], None),
        RustType::F64 => path(&["f64"], None),
        RustType::DateTime => path(
            &["chrono", "DateTime"],
            Some(vec![path(&["chrono", "Utc"], None)]),
        ),
        RustType::Date => path(&["chrono", "NaiveDate"], None),
        RustType::Uuid => path(&["uuid", "Uuid"], None),
        RustType::Json => path(&["serde_json", "Value"], None),
        RustType::JsonObject => path(
            &["serde_json", "Map"],
            Some(vec![
                path(&["String"], None),
                path(&["serde_json", "Value"], None),
            ]),
        ),
        RustType::Vec(item) => path(&["Vec"], Some(vec![rust_type(item, scope)])),
        RustType::Map(value) => path(
            &["std", "collections", "HashMap"],
            Some(vec![path(&["String"], None), rust_type(value, scope)]),
        ),
        RustType::Named(name) => match scope {
            Scope::Models => path(&[name], None),
            Scope::Outside => path(&["models", name], None),
        },
        RustType::Boxed(inner) => path(&["Box"], Some(vec![rust_type(inner, scope)])),
    }
}

/// `Option<ty>`.
pub fn option(ty: Type) -> Type {
    path(&["Option"], Some(vec![ty]))
}

/// The path of `segments`, the last one with `arguments` in angle brackets.
fn path(segments: &[&str], arguments: Option<Vec<Type>>) -> Type {
    let mut segments: Punctuated<PathSegment, syn::Token![::]> = segments
        .iter()
        .map(|segment| PathSegment::from(ident(segment)))
        .collect();
    if let (Some(last), Some(arguments)) = (segments.last_mut(), arguments) {
        last.arguments = PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: arguments.into_iter().map(GenericArgument::Type).collect(),
            gt_token: Default::default(),
        });
    }
    Type::Path(TypePath {
        attrs: Vec::new(),
        qself: None,
        path: Path {
            leading_colon: None,
            segments,
        },
    })
}

/// `attrs pub struct Name { fields }`.
pub fn public_struct(attrs: Vec<Attribute>, name: Ident, fields: Fields) -> Item {
    Item::Struct(ItemStruct {
        attrs,
        vis: Visibility::Public(Default::default()),
        struct_token: Default::default(),
        ident: name,
        generics: Default::default(),
        fields,
        semi_token: None,
    })
}

/// `attrs pub enum Name { variants }`.
pub fn public_enum(
    attrs: Vec<Attribute>,
    name: Ident,
    variants: impl IntoIterator<Item = Variant>,
) -> ItemEnum {
    ItemEnum {
        attrs,
        vis: Visibility::Public(Default::default()),
        enum_token: Default::default(),
        ident: name,
        generics: Default::default(),
        brace_token: Default::default(),
        variants: variants.into_iter().collect(),
    }
}

/// `attrs pub type Name = ty;`.
pub fn public_alias(attrs: Vec<Attribute>, name: Ident, ty: Type) -> Item {
    Item::Type(ItemType {
        attrs,
        vis: Visibility::Public(Default::default()),
        modifiers: Default::default(),
        type_token: Default::default(),
        ident: name,
        generics: Default::default(),
        eq_token: Default::default(),
        ty: Box::new(ty),
        semi_token: Default::default(),
        where_clause_placement: syn::WhereClausePlacement::Early,
    })
}

/// `attrs pub name: ty`, a field of a struct.
pub fn named_field(attrs: Vec<Attribute>, name: Ident, ty: Type) -> Field {
    Field {
        attrs,
        vis: Visibility::Public(Default::default()),
        modifiers: FieldModifiers::default(),
        ident: Some(name),
        colon_token: Some(Default::default()),
        ty,
        default: None,
    }
}

/// `{ fields }`.
pub fn named_fields(fields: impl IntoIterator<Item = Field>) -> Fields {
    Fields::Named(FieldsNamed {
        brace_token: Default::default(),
        named: fields.into_iter().collect(),
    })
}

/// `attrs Name` or, with a type, `attrs Name(ty)`: a variant of an enum.
pub fn variant(attrs: Vec<Attribute>, name: Ident, ty: Option<Type>) -> Variant {
    let fields = match ty {
        None => Fields::Unit,
        Some(ty) => Fields::Unnamed(FieldsUnnamed {
            paren_token: Default::default(),
            unnamed: Punctuated::from_iter([Field {
                attrs: Vec::new(),
                vis: Visibility::Inherited,
                modifiers: FieldModifiers::default(),
                ident: None,
                colon_token: None,
                ty,
                default: None,
            }]),
        }),
    };
    Variant {
        attrs,
        ident: name,
        fields,
        discriminant: None,
    }
}

#[cfg(test)]
mod tests {
    use quote::ToTokens;

    use super::*;

    fn spelled(ty: &RustType, scope: Scope) -> String {
        rust_type(ty, scope).into_token_stream().to_string()
    }

    #[test]
    fn nested_types_are_spelled_with_their_paths_and_arguments() {
        let ty = RustType::Map(Box::new(RustType::Vec(Box::new(RustType::Named(
            "Thing".into(),
        )))));
        assert_eq!(
            spelled(&ty, Scope::Outside),
            "std :: collections :: HashMap < String , Vec < models :: Thing > >"
        );
        assert_eq!(
            spelled(&ty, Scope::Models),
            "std :: collections :: HashMap < String , Vec < Thing > >"
        );
    }

    #[test]
    fn a_tuple_variant_holds_its_one_type() {
        let variant = variant(
            Vec::new(),
            ident("Unknown"),
            Some(option(rust_type(&RustType::I64, Scope::Models))),
        );
        assert_eq!(
            variant.into_token_stream().to_string(),
            "Unknown (Option < i64 >)"
        );
    }
}

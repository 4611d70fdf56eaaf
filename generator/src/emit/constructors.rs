//! The structs users build, with `new` and the `with_` setters; `#[non_exhaustive]` so that a
//! field the spec adds later breaks no one's code.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::operations::lint_allowances;
use super::spelling::{ident, rust_type, Scope};
use crate::model::RustType;

/// A field of a struct users build, as the struct, `new` and the setters see it.
pub struct Settable<'a> {
    pub docs: TokenStream,
    pub rust_name: &'a str,
    pub ty: &'a RustType,
    /// The field's type when it is not a model type (a file part): taken
    /// and stored as it is, `ty` then unused.
    pub spelled: Option<TokenStream>,
    /// A parameter of `new`; otherwise the field starts empty.
    pub required: bool,
    /// A map of the properties the schema does not name: not an `Option`,
    /// starts empty.
    pub flatten: bool,
    pub deprecated: bool,
}

/// `pub struct Name { .. }`, deriving `Default` when no field is required (so that
/// `..Default::default()` fills in the rest); `clone` adds `Clone` and `PartialEq`.
pub fn settable_struct(
    docs: &TokenStream,
    name: &Ident,
    clone: bool,
    fields: &[Settable<'_>],
    scope: Scope,
) -> TokenStream {
    let default = fields.iter().all(|f| !f.required).then(|| quote!(Default,));
    let (clone, eq) = clone.then(|| (quote!(Clone,), quote!(PartialEq))).unzip();
    let fields = fields.iter().map(|f| {
        let (docs, name) = (&f.docs, ident(f.rust_name));
        let deprecated = f.deprecated.then(|| quote!(#[deprecated]));
        let ty = f.spelled.clone().unwrap_or_else(|| rust_type(f.ty, scope));
        let ty = if f.required || f.flatten {
            ty
        } else {
            quote!(Option<#ty>)
        };
        quote! {
            #docs
            #deprecated
            pub #name: #ty,
        }
    });
    quote! {
        #docs
        #[derive(Debug, #clone #default #eq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
    }
}

/// `impl Name { new(..), with_..(..) }`, each `#[inline]`: compiled where a
/// program calls it rather than once for every struct of a large client.
pub fn constructors(name: &Ident, fields: &[Settable<'_>], scope: Scope) -> TokenStream {
    let required: Vec<&Settable> = fields.iter().filter(|f| f.required).collect();
    let params = required.iter().map(|f| {
        let field = ident(f.rust_name);
        let ty = f
            .spelled
            .clone()
            .unwrap_or_else(|| argument_type(f.ty, scope));
        quote!(#field: #ty)
    });
    let inits = fields.iter().map(|f| {
        let field = ident(f.rust_name);
        match f.ty {
            RustType::String | RustType::Boxed(_) if f.required && f.spelled.is_none() => {
                let value = stored(f.ty, quote!(#field));
                quote!(#field: #value)
            }
            _ if f.required => quote!(#field),
            _ if f.flatten => quote!(#field: Default::default()),
            _ => quote!(#field: None),
        }
    });
    let article = match name.to_string().chars().next() {
        Some('A' | 'E' | 'I' | 'O' | 'U') => "an",
        _ => "a",
    };
    let new_doc = if required.len() == fields.len() {
        format!(" Builds {article} `{name}` from its fields.")
    } else if required.is_empty() {
        format!(
            " Builds {article} `{name}` with every field empty; set them with the `with_` methods."
        )
    } else {
        format!(
            " Builds {article} `{name}` from its required fields; set the others with the \
             `with_` methods."
        )
    };
    let allow = lint_allowances(required.len());
    let setters = fields.iter().filter(|f| !f.required).map(|f| {
        let field = ident(f.rust_name);
        let setter = format_ident!("with_{}", f.rust_name);
        let (ty, value) = match &f.spelled {
            Some(spelled) => (spelled.clone(), quote!(#field)),
            None => (argument_type(f.ty, scope), stored(f.ty, quote!(#field))),
        };
        let value = if f.flatten {
            value
        } else {
            quote!(Some(#value))
        };
        let doc = format!(" Sets `{}`.", f.rust_name);
        let deprecated = f.deprecated.then(|| quote!(#[deprecated]));
        quote! {
            #[doc = #doc]
            #deprecated
            #[must_use]
            #[inline]
            pub fn #setter(mut self, #field: #ty) -> Self {
                self.#field = #value;
                self
            }
        }
    });
    quote! {
        impl #name {
            #[doc = #new_doc]
            #allow
            #[inline]
            pub fn new(#(#params),*) -> Self {
                Self {
                    #(#inits,)*
                }
            }

            #(#setters)*
        }
    }
}

/// What `new` and a setter take for a field of type `ty`: text as anything
/// that becomes a `String`; a boxed value unboxed; the rest as stored.
fn argument_type(ty: &RustType, scope: Scope) -> TokenStream {
    match ty {
        RustType::String => quote!(impl Into<String>),
        other => rust_type(other.unboxed(), scope),
    }
}

/// The stored value of the argument `value`.
fn stored(ty: &RustType, value: TokenStream) -> TokenStream {
    match ty {
        RustType::String => quote!(#value.into()),
        RustType::Boxed(_) => quote!(Box::new(#value)),
        _ => value,
    }
}

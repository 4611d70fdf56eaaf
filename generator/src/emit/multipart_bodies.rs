//! The struct of a `multipart/form-data` body, in its resource's module:
//! one field per part, built with `new` and the `with_` setters like the
//! params structs.

use proc_macro2::TokenStream;
use quote::quote;

use super::constructors::{constructors, Settable};
use super::docs::{code_span, DocText};
use super::spelling::{ident, public_field, rust_type, Scope};
use crate::model::{BodyKind, MultipartPart, Operation, PartKind};

/// The body struct of `op`, when its body is multipart.
pub fn body_struct(op: &Operation, resource_type: &str) -> Option<TokenStream> {
    let Some(BodyKind::Multipart(multipart)) = super::body_kind(op) else {
        return None;
    };
    let name = ident(&multipart.type_name);
    let docs = DocText::default()
        .line(format!(
            "The `multipart/form-data` body of [`{resource_type}::{}`], one field per part.",
            op.method_name
        ))
        .attrs();
    let fields = multipart.parts.iter().map(|part| {
        let docs = DocText::default()
            .prose(part.description.as_deref())
            .line(part_doc(part))
            .attrs();
        public_field(
            docs,
            part.deprecated,
            &part.rust_name,
            field_type(&part.kind),
            part.required,
        )
    });
    let settable: Vec<Settable> = multipart
        .parts
        .iter()
        .map(|part| Settable {
            rust_name: &part.rust_name,
            ty: match &part.kind {
                PartKind::Text(ty) | PartKind::Json { ty, .. } => ty,
                PartKind::File { .. } => &crate::model::RustType::Json,
            },
            spelled: matches!(part.kind, PartKind::File { .. }).then(|| field_type(&part.kind)),
            required: part.required,
            flatten: false,
            deprecated: part.deprecated,
        })
        .collect();
    let constructors = constructors(&name, &settable, Scope::Outside);
    let default = multipart
        .parts
        .iter()
        .all(|part| !part.required)
        .then(|| quote!(Default,));
    // Not `Clone`: a file part may be a stream, read once.
    Some(quote! {
        #docs
        #[derive(Debug, #default)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        #constructors
    })
}

/// A file part is the runtime's `FilePart`; the others their model type.
fn field_type(kind: &PartKind) -> TokenStream {
    match kind {
        PartKind::File {
            repeated: false, ..
        } => quote!(crate::FilePart),
        PartKind::File { repeated: true, .. } => quote!(Vec<crate::FilePart>),
        PartKind::Text(ty) | PartKind::Json { ty, .. } => rust_type(ty, Scope::Outside),
    }
}

/// How the field is sent.
fn part_doc(part: &MultipartPart) -> String {
    let name = code_span(&part.wire_name);
    match &part.kind {
        PartKind::File {
            repeated,
            media_type,
        } => {
            let each = if *repeated { "each file " } else { "" };
            format!(
                "Sent as the file part {name}, {each}with its own media type or `{media_type}`."
            )
        }
        PartKind::Text(_) => format!("Sent as the text part {name}; a list as one part per item."),
        PartKind::Json { media_type, .. } => {
            format!("Sent as the part {name}, as `{media_type}`; a list as one part per item.")
        }
    }
}

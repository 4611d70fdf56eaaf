//! The struct of a `multipart/form-data` body, in its resource's module:
//! one field per part, built with `new` and the `with_` setters like the
//! params structs.

use proc_macro2::TokenStream;
use quote::quote;

use super::constructors::{constructors, settable_struct, Settable};
use super::docs::{code_span, doc_line, DocText};
use super::spelling::{ident, Scope};
use crate::model::{MultipartPart, Operation, PartKind, RustType};

/// The body struct of `op`, when its body is multipart.
pub fn body_struct(op: &Operation, resource_type: &str) -> Option<TokenStream> {
    let multipart = op.multipart()?;
    let name = ident(&multipart.type_name);
    let docs = doc_line(format!(
        "The `multipart/form-data` body of [`{resource_type}::{}`], one field per part.",
        op.method_name
    ));
    let fields: Vec<Settable> = multipart
        .parts
        .iter()
        .map(|part| {
            let docs = DocText::default()
                .prose(part.description.as_deref())
                .line(part_doc(part));
            // A file part is the runtime's `FilePart`, which `ty` does not say.
            let (ty, spelled) = match &part.kind {
                PartKind::Text(ty) | PartKind::Json { ty, .. } => (ty, None),
                PartKind::File { repeated, .. } => {
                    let file = quote!(crate::FilePart);
                    (
                        &RustType::Json,
                        Some(if *repeated { quote!(Vec<#file>) } else { file }),
                    )
                }
            };
            Settable {
                docs: docs.attrs(),
                rust_name: &part.rust_name,
                ty,
                spelled,
                required: part.required,
                flatten: false,
                deprecated: part.deprecated,
            }
        })
        .collect();
    // Not `Clone`: a file part may be a stream, read once.
    let item = settable_struct(&docs, &name, false, &fields, Scope::Outside);
    let constructors = constructors(&name, &fields, Scope::Outside);
    Some(quote!(#item #constructors))
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

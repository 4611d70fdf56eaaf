//! `ErrorBody`, one variant per type the spec documents for error responses,
//! crate-wide because most operations share their error schemas, and which
//! variant each operation's statuses decode into.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::spelling::ident;
use crate::model::{ErrorBodyType, ErrorStatus, ErrorSummary, FieldAccess, Operation};

pub fn error_body_rs(bodies: &[ErrorBodyType]) -> TokenStream {
    let variants = bodies.iter().map(|body| {
        let name = ident(&body.type_name);
        let doc = format!(" The spec's [`models::{}`].", body.type_name);
        quote! {
            #[doc = #doc]
            #name(models::#name),
        }
    });
    let arms = bodies.iter().map(|body| {
        let name = ident(&body.type_name);
        match &body.summary {
            Some(summary) => {
                let summary = summary_expr(summary);
                quote!(ErrorBody::#name(body) => #summary,)
            }
            None => quote!(ErrorBody::#name(_) => None,),
        }
    });
    let uses_models = (!bodies.is_empty()).then(|| quote! { use crate::models; });
    let summary_body = if bodies.is_empty() {
        quote!(match *self {})
    } else {
        quote!(match self { #(#arms)* })
    };
    quote! {
        //! The bodies the spec documents for error responses.

        use serde::de::DeserializeOwned;

        use crate::error::Summary;
        #uses_models

        /// An error response's body, decoded as the type the spec documents
        /// for the operation and status; reached with
        /// [`ApiError::typed_body`](crate::ApiError::typed_body).
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum ErrorBody {
            #(#variants)*
        }

        // Not every spec documents error bodies.
        #[allow(dead_code, clippy::needless_lifetimes)]
        impl ErrorBody {
            /// `body` as `T`, wrapped in its variant; `None` when it does not match.
            pub(crate) fn decode<T: DeserializeOwned>(
                body: &[u8],
                variant: fn(T) -> ErrorBody,
            ) -> Option<ErrorBody> {
                serde_json::from_slice(body).ok().map(variant)
            }

            /// What the one-line `Display` says, from the fields the schema
            /// gives for a message and a code.
            pub(crate) fn summary(&self) -> Option<Summary<'_>> {
                #summary_body
            }
        }
    }
}

fn summary_expr(summary: &ErrorSummary) -> TokenStream {
    let (target, more, prelude) = match &summary.container {
        None => (quote!(body), quote!(0), TokenStream::new()),
        Some(container) => {
            let field = ident(&container.field.rust_name);
            let value = if container.field.optional {
                quote!(body.#field.as_ref()?)
            } else {
                quote!(&body.#field)
            };
            if container.list {
                (
                    quote!(first),
                    quote!(list.len() - 1),
                    quote! {
                        let list = #value;
                        let first = list.first()?;
                    },
                )
            } else {
                (quote!(inner), quote!(0), quote!(let inner = #value;))
            }
        }
    };
    let message = read(&target, summary.message.as_ref(), true);
    let code = read(&target, summary.code.as_ref(), false);
    quote! {{
        #prelude
        Some(Summary { message: #message, code: #code, more: #more })
    }}
}

/// The `Option` of `owner`'s `field`: the message, borrowed as text, or the code, as a `String`.
fn read(owner: &TokenStream, field: Option<&FieldAccess>, message: bool) -> TokenStream {
    let Some(field) = field else {
        return quote!(None);
    };
    let name = ident(&field.rust_name);
    match (message, field.optional) {
        (true, true) => quote!(#owner.#name.as_deref()),
        (true, false) => quote!(Some(#owner.#name.as_str())),
        (false, true) => quote!(#owner.#name.as_ref().map(ToString::to_string)),
        (false, false) => quote!(Some(#owner.#name.to_string())),
    }
}

/// `.error_body(…)` on an operation's request: which variant each
/// documented status decodes into; nothing when it documents none.
pub fn error_body_call(op: &Operation) -> TokenStream {
    if op.errors.is_empty() {
        return TokenStream::new();
    }
    let mut arms: Vec<(Vec<ErrorStatus>, &str)> = Vec::new();
    for error in &op.errors {
        let same_type = arms
            .last()
            .is_some_and(|(_, type_name)| *type_name == error.type_name);
        match (error.status, arms.last_mut()) {
            (ErrorStatus::Code(_), Some((statuses, _))) if same_type => {
                statuses.push(error.status);
            }
            // A range has an arm of its own, without the codes of it that
            // decode into the same type: clippy would otherwise ask for the
            // codes and the range, or neighbouring ranges, to be one range.
            (ErrorStatus::Range(range), Some((statuses, _))) if same_type => {
                statuses.retain(
                    |status| !matches!(status, ErrorStatus::Code(code) if code / 100 == range),
                );
                if statuses.is_empty() {
                    arms.pop();
                }
                arms.push((vec![error.status], &error.type_name));
            }
            _ => arms.push((vec![error.status], &error.type_name)),
        }
    }
    let has_default = op.errors.iter().any(|e| e.status == ErrorStatus::Default);
    let first = op.errors.first().map(|e| e.type_name.as_str());
    let one_type = op
        .errors
        .iter()
        .all(|e| Some(e.type_name.as_str()) == first);
    if has_default && one_type {
        // Every status decodes into the same type.
        let name = ident(first.unwrap_or_default());
        return quote!(.error_body(|_, body| crate::ErrorBody::decode(body, crate::ErrorBody::#name)));
    }
    let arms = arms.iter().map(|(statuses, type_name)| {
        let name = ident(type_name);
        let patterns = code_runs(statuses).into_iter().flat_map(|(low, high)| {
            if high - low >= 2 {
                let (low, high) = (Literal::u16_unsuffixed(low), Literal::u16_unsuffixed(high));
                vec![quote!(#low..=#high)]
            } else {
                (low..=high)
                    .map(|code| status_pattern(ErrorStatus::Code(code)))
                    .collect()
            }
        });
        let ranges = statuses
            .iter()
            .filter(|status| !matches!(status, ErrorStatus::Code(_)))
            .map(|status| status_pattern(*status));
        let patterns = patterns.chain(ranges);
        quote!(#(#patterns)|* => crate::ErrorBody::decode(body, crate::ErrorBody::#name),)
    });
    let fallback = (!has_default).then(|| quote!(_ => None,));
    quote! {
        .error_body(|status, body| match status {
            #(#arms)*
            #fallback
        })
    }
}

/// The codes among `statuses` as runs of consecutive codes, lowest and highest, in order:
/// a run of three or more is matched as a range, as clippy asks.
fn code_runs(statuses: &[ErrorStatus]) -> Vec<(u16, u16)> {
    let mut runs: Vec<(u16, u16)> = Vec::new();
    for status in statuses {
        let ErrorStatus::Code(code) = *status else {
            continue;
        };
        match runs.last_mut() {
            Some((_, high)) if high.checked_add(1) == Some(code) => *high = code,
            _ => runs.push((code, code)),
        }
    }
    runs
}

/// The `match` pattern of the statuses `status` documents.
fn status_pattern(status: ErrorStatus) -> TokenStream {
    match status {
        ErrorStatus::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        ErrorStatus::Range(range) => {
            let low = Literal::u16_unsuffixed(range.saturating_mul(100));
            let high = Literal::u16_unsuffixed(range.saturating_mul(100).saturating_add(99));
            quote!(#low..=#high)
        }
        ErrorStatus::Default => quote!(_),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_or_more_consecutive_codes_are_matched_as_a_range() {
        let statuses = [403, 404, 405, 409, 410, 422].map(ErrorStatus::Code);
        assert_eq!(code_runs(&statuses), [(403, 405), (409, 410), (422, 422)]);
    }

    #[test]
    fn a_body_without_a_message_field_binds_nothing_it_does_not_read() {
        let bodies = [ErrorBodyType {
            type_name: "Deactivation".to_string(),
            summary: None,
        }];
        let code = error_body_rs(&bodies).to_string();
        assert!(
            code.contains("ErrorBody :: Deactivation (_) => None"),
            "{code}"
        );
    }
}

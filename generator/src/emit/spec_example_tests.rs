//! Tests of the spec's own examples in the generated crate: `tests/examples/mod.rs` holds each
//! example as JSON and the checks, `tests/spec_examples.rs` one round-trip test per example, each a
//! one-line row of the macros of `runtime/example_macros.rs` that `crate::format` prints as it is.

use proc_macro2::TokenStream;
use quote::quote;

use super::config::Config;
use super::crate_root::uses;
use super::spelling::{ident, mentions_models, raw_string, rust_type, Scope};
use crate::model::{Api, Example, RustType};

/// `tests/examples/mod.rs` up to its table of examples: the checks every example must pass,
/// shared by every test target that declares `mod examples;`.
pub fn examples_module(api: &Api) -> TokenStream {
    let same_text = same_text(api);
    // The same for every API, so written as Rust rather than quoted; the examples snapshot
    // fails if it ever stops parsing.
    let support: TokenStream = include_str!("../../runtime/example_support.rs")
        .parse()
        .unwrap_or_default();
    quote! {
        #support

        #same_text

        mod macros;

        pub(crate) use macros::round_trips;
    }
}

/// The examples as rows of the `macros::examples!` table.
pub fn example_rows(examples: &[Example]) -> TokenStream {
    examples
        .iter()
        .map(|example| {
            let name = ident(&example.name.to_uppercase());
            let pointer = proc_macro2::Literal::string(&example.pointer);
            let pretty = serde_json::to_string_pretty(&example.value);
            let json = raw_string(&pretty.unwrap_or_else(|_| example.value.to_string()));
            quote!(#name = #pointer #json,)
        })
        .collect()
}

/// `tests/spec_examples.rs` up to its table of round-trip tests.
pub fn round_trip_tests(api: &Api, config: &Config) -> TokenStream {
    let models_import = api
        .examples
        .iter()
        .any(|example| mentions_models(&example.ty))
        .then(|| {
            let models: TokenStream = format!("{}::models", config.crate_ident())
                .parse()
                .unwrap_or_default();
            quote!(use #models;)
        });
    quote! {
        //! Every example in the spec decodes into its generated type and encodes back
        //! to equivalent JSON: one test per example, named after where it is written.
        #![cfg_attr(rustfmt, rustfmt::skip)]
        // The examples cover every resource's types, which `full` compiles.
        #![cfg(feature = "full")]
        // A deprecated type's examples must still decode.
        #![allow(deprecated)]

        mod examples;

        #models_import
    }
}

/// The round-trip tests as rows of the `examples::round_trips!` table.
pub fn round_trip_rows(examples: &[Example]) -> TokenStream {
    examples
        .iter()
        .map(|example| {
            let name = &example.name;
            let test = ident(&[name, "_round_trips"].concat());
            let constant = ident(&name.to_uppercase());
            let ty = rust_type(&example.ty, Scope::Outside);
            quote!(#test: #ty = #constant,)
        })
        .collect()
}

/// `same_text`: whether two strings say the same. The client may write a
/// date-time or a UUID differently from the example; those compare by value.
fn same_text(api: &Api) -> TokenStream {
    let mut checks = Vec::new();
    let mut helpers = Vec::new();
    if uses(api, &|ty| matches!(ty, RustType::DateTime)) {
        checks.push(quote!(same_instant));
        helpers.push(quote! {
            fn same_instant(example: &str, encoded: &str) -> bool {
                let parse = chrono::DateTime::parse_from_rfc3339;
                match (parse(example), parse(encoded)) {
                    (Ok(example), Ok(encoded)) => example == encoded,
                    _ => false,
                }
            }
        });
    }
    if uses(api, &|ty| matches!(ty, RustType::Uuid)) {
        checks.push(quote!(same_uuid));
        helpers.push(quote! {
            fn same_uuid(example: &str, encoded: &str) -> bool {
                match (uuid::Uuid::parse_str(example), uuid::Uuid::parse_str(encoded)) {
                    (Ok(example), Ok(encoded)) => example == encoded,
                    _ => false,
                }
            }
        });
    }
    quote! {
        /// Whether two strings say the same; date-times and UUIDs compare by value.
        fn same_text(example: &str, encoded: &str) -> bool {
            example == encoded #(|| #checks(example, encoded))*
        }

        #(#helpers)*
    }
}

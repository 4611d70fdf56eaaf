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
    quote! {
        //! The spec's examples as JSON, each named after where it is written in the
        //! spec, and the round trip every example must survive.
        //!
        //! Every test target that declares `mod examples;` uses only some of this.
        #![cfg_attr(rustfmt, rustfmt::skip)]
        #![allow(dead_code, unused_imports, unused_macros)]

        /// An example from the spec.
        #[derive(Debug, Clone, Copy)]
        pub struct Example {
            /// Where the example is written in the spec, as a JSON pointer.
            pub pointer: &'static str,
            /// The example as JSON.
            pub json: &'static str,
        }

        impl Example {
            /// The example decoded into `T`; panics naming the JSON path that failed.
            pub fn decode<T: serde::de::DeserializeOwned>(&self) -> T {
                let decoder = &mut serde_json::Deserializer::from_str(self.json);
                serde_path_to_error::deserialize(decoder).unwrap_or_else(|error| {
                    let type_name = std::any::type_name::<T>();
                    let (pointer, path) = (self.pointer, error.path());
                    panic!("the example at {pointer} does not decode into `{type_name}`: at `{path}`: {}", error.inner())
                })
            }

            /// Panics unless `decoded` encodes back to JSON equivalent to the
            /// example: nothing lost, added or changed on the way.
            pub fn assert_encodes_back<T: serde::Serialize>(&self, decoded: &T) {
                let pointer = self.pointer;
                let example: serde_json::Value =
                    serde_json::from_str(self.json).expect("every example is valid JSON");
                // Through the text, as a body is sent: `to_value` widens an `f32`.
                let encoded: serde_json::Value = serde_json::to_string(decoded)
                    .and_then(|text| serde_json::from_str(&text))
                    .unwrap_or_else(|error| {
                    panic!("the example at {pointer} decodes but does not encode again: {error}")
                });
                if let Some(difference) = difference(&example, &encoded, "") {
                    let message = format!("the example at {pointer} does not encode back to equivalent JSON");
                    panic!("{message}: {difference}\n  example: {example}\n  encoded: {encoded}");
                }
            }
        }

        /// Where `encoded` differs from `example`, if anywhere. A missing member
        /// and `null` are the same, and numbers compare by value.
        fn difference(
            example: &serde_json::Value,
            encoded: &serde_json::Value,
            path: &str,
        ) -> Option<String> {
            use serde_json::Value;
            match (example, encoded) {
                (Value::Object(example), Value::Object(encoded)) => {
                    example.keys().chain(encoded.keys()).find_map(|key| {
                        let path = format!("{path}/{key}");
                        let in_example = example.get(key).filter(|value| !value.is_null());
                        let in_encoded = encoded.get(key).filter(|value| !value.is_null());
                        match (in_example, in_encoded) {
                            (Some(example), Some(encoded)) => difference(example, encoded, &path),
                            (Some(_), None) => Some(format!("`{path}` is lost")),
                            (None, Some(_)) => Some(format!("`{path}` is added")),
                            (None, None) => None,
                        }
                    })
                }
                (Value::Array(example), Value::Array(encoded)) if example.len() == encoded.len() => {
                    let mut pairs = example.iter().zip(encoded).enumerate();
                    pairs.find_map(|(index, (example, encoded))| {
                        difference(example, encoded, &format!("{path}/{index}"))
                    })
                }
                (Value::Number(example), Value::Number(encoded)) if example.as_f64() == encoded.as_f64() => None,
                (Value::String(example), Value::String(encoded)) if same_text(example, encoded) => None,
                _ if example == encoded => None,
                _ => {
                    let path = if path.is_empty() { "/" } else { path };
                    Some(format!("`{path}` is {example} in the example but {encoded} once encoded"))
                }
            }
        }

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

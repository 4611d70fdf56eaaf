//! The `webhooks` module: the event enum that dispatches a payload to its type, and, when
//! `codegen.yaml` declares how deliveries are signed, `webhooks().unwrap()` and the builder's key.

use proc_macro2::TokenStream;
use quote::quote;

use super::config::{Config, WebhookSignature};
use super::docs::{code_span, doc_line, DocText};
use super::spelling::{ident, mentions_models, rust_type, Scope};
use crate::model::{Api, EventTag, WebhookEvent, Webhooks};

/// The signed crate's check of its scheme, which the verifier knows as `webhook_scheme`.
pub fn scheme_runtime(signature: &WebhookSignature) -> (&'static str, &'static str) {
    let source = match signature {
        WebhookSignature::Ed25519 { .. } => include_str!("../../runtime/webhook_ed25519.rs"),
        WebhookSignature::StandardWebhooks => include_str!("../../runtime/webhook_standard.rs"),
    };
    ("src/webhook_scheme.rs", source)
}

/// The environment variable a verifier reads its key from.
pub fn key_env(signature: &WebhookSignature, config: &Config) -> String {
    let suffix = match signature {
        WebhookSignature::Ed25519 { .. } => "PUBLIC_KEY",
        WebhookSignature::StandardWebhooks => "WEBHOOK_SECRET",
    };
    format!("{}_{suffix}", config.env_prefix())
}

/// `src/webhooks.rs`.
pub fn webhooks_module(api: &Api, webhooks: &Webhooks, config: &Config) -> TokenStream {
    let krate = config.crate_ident();
    let signature = config.webhook_signature.as_ref();
    let mut docs = DocText::default().line(format!(
        "The events the {} sends to your server, decoded into [`Event`].",
        api.title
    ));
    docs = match signature {
        Some(signature) => docs.line(format!(
            "Verify a delivery and decode it with `client.webhooks().unwrap(body, headers)`, or, \
             without an API client, with [`WebhookVerifier`]; the key comes from the builder's \
             `webhook_key` or from `{}`. Deliveries older than five minutes are refused unless \
             the tolerance is widened. [`Event::from_slice`] (or `unsafe_unwrap`) decodes without \
             checking anything.",
            key_env(signature, config)
        )),
        None => docs.line(
            "The spec's `codegen.yaml` declares no signing scheme, so deliveries are decoded \
             without being verified: [`Event::from_slice`] or `client.webhooks().unsafe_unwrap(body)`.",
        ),
    };
    let module_docs = docs.inner_attrs();
    let (verifier_use, verifier_let, decoded) = match signature {
        Some(_) => (
            ", WebhookVerifier",
            "let verifier = WebhookVerifier::from_env()?;\n",
            "verifier.unwrap(body, headers)?",
        ),
        None => ("", "", "Event::from_slice(body)?"),
    };
    let first_arm = first_event_arm(webhooks, "    ");
    let example_docs = doc_line(format!(
        "```no_run\n\
         # fn run(body: &[u8], headers: &reqwest::header::HeaderMap) -> Result<(), Box<dyn std::error::Error>> {{\n\
         use {krate}::webhooks::{{Event{verifier_use}}};\n\
         {verifier_let}\
         match {decoded} {{\n\
         {first_arm}\
         \x20   Event::Unknown(value) => println!(\"not known to this version: {{value}}\"),\n\
         \x20   _ => {{}}\n\
         }}\n\
         # Ok(())\n\
         # }}\n\
         ```"
    ));
    let variants = webhooks.events.iter().map(variant);
    let dispatch = dispatch(webhooks);
    // A payload may be a plain JSON value, and then `models` is not named.
    let models = webhooks
        .events
        .iter()
        .any(|event| mentions_models(&event.ty))
        .then(|| quote!(models,));
    let (receiver, receiver_type, client) = match api.webhooks_resource() {
        Some(resource) => {
            let type_name = ident(&resource.type_name);
            let client = quote!(crate::client::sealed::Sealed::client(self.client));
            let ty = quote!(<C: crate::Transport> crate::resources::#type_name<'_, C>);
            (TokenStream::new(), ty, client)
        }
        None => (receiver(), quote!(Webhooks<'_>), quote!(self.client)),
    };
    let client_import = api.webhooks_resource().is_none().then(|| quote!(Client,));
    let (signed_uses, signed, unwrap) = match signature {
        Some(signature) => signed_items(signature, config, &client),
        None => Default::default(),
    };
    quote! {
        #module_docs

        #signed_uses
        pub use crate::webhook_error::WebhookError;
        use crate::webhook_error::{decode, parse};
        use crate::{#models #client_import DecodeError};

        #signed

        /// An event the API sends, with its payload decoded into the spec's type.
        ///
        #example_docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum Event {
            #(#variants)*
            /// An event this version of the crate does not know, kept as it
            /// arrived, so that a new kind of event never breaks a receiver.
            Unknown(serde_json::Value),
        }

        impl Event {
            /// Decodes a delivery's body without verifying it: the event its
            /// discriminator names, [`Event::Unknown`] when it names none this
            /// crate knows. Fails when the body is not JSON, or does not have
            /// the shape of the event it names.
            pub fn from_slice(body: &[u8]) -> Result<Event, DecodeError> {
                let value = parse(body)?;
                #dispatch
            }
        }

        #receiver

        impl #receiver_type {
            #unwrap

            /// Decodes a delivery without verifying it; only for deliveries
            /// whose origin is checked some other way.
            pub fn unsafe_unwrap(&self, body: &[u8]) -> Result<Event, WebhookError> {
                Ok(Event::from_slice(body)?)
            }
        }
    }
}

/// The `match` arm of an example that prints the first event, if any, indented by `indent`.
pub fn first_event_arm(webhooks: &Webhooks, indent: &str) -> String {
    let arm = |event: &WebhookEvent| {
        let variant = &event.variant;
        format!("{indent}Event::{variant}(event) => println!(\"{{event:?}}\"),\n")
    };
    webhooks.events.first().map(arm).unwrap_or_default()
}

/// The `Webhooks` handle `client.webhooks()` returns where no resource has that name.
fn receiver() -> TokenStream {
    quote! {
        /// Receives webhook deliveries: reached through [`Client::webhooks`].
        #[derive(Debug, Clone, Copy)]
        pub struct Webhooks<'a> {
            #[allow(dead_code)]
            client: &'a Client,
        }

        impl Client {
            /// Receives the API's webhook deliveries.
            pub fn webhooks(&self) -> Webhooks<'_> {
                Webhooks { client: self }
            }
        }

        #[cfg(feature = "blocking")]
        impl crate::blocking::Client {
            /// Receives the API's webhook deliveries, as [`Client::webhooks`] does.
            pub fn webhooks(&self) -> Webhooks<'_> {
                Webhooks {
                    client: crate::client::sealed::Sealed::client(self),
                }
            }
        }
    }
}

/// What a crate whose webhooks are signed adds: its imports, its constants and the builder's
/// setters, and the methods of `client.webhooks()` that verify, which reach the `Client`
/// through `client`.
fn signed_items(
    signature: &WebhookSignature,
    config: &Config,
    client: &TokenStream,
) -> (TokenStream, TokenStream, TokenStream) {
    let env = key_env(signature, config);
    let (headers, key) = match signature {
        WebhookSignature::Ed25519 {
            signature_header,
            timestamp_header,
        } => {
            let signature_header = signature_header.to_ascii_lowercase();
            let timestamp_header = timestamp_header.to_ascii_lowercase();
            let headers = quote! {
                /// The header holding the Ed25519 signature of `"{timestamp}|{body}"`.
                pub const SIGNATURE_HEADER: &str = #signature_header;
                /// The header holding the delivery's Unix timestamp.
                pub const TIMESTAMP_HEADER: &str = #timestamp_header;
            };
            (
                headers,
                "The API's public key (base64) that webhook deliveries",
            )
        }
        WebhookSignature::StandardWebhooks => (
            TokenStream::new(),
            "The webhook signing secret (`whsec_…`) that deliveries",
        ),
    };
    let key_doc =
        format!(" {key} are verified with; without it, `{env}` is read when a delivery arrives.");
    let uses = quote! {
        use std::time::Duration;

        use reqwest::header::HeaderMap;

        pub use crate::webhook_verifier::{WebhookVerifier, DEFAULT_TOLERANCE};
        use crate::ClientBuilder;
    };
    let items = quote! {
        /// The environment variable a [`WebhookVerifier`] reads its key from.
        pub const WEBHOOK_KEY_ENV: &str = #env;
        #headers

        impl<C> ClientBuilder<C> {
            #[doc = #key_doc]
            pub fn webhook_key(mut self, key: impl Into<String>) -> Self {
                self.webhook_key = Some(key.into());
                self
            }

            /// How far a webhook delivery's timestamp may be from now before it
            /// is refused as a replay; five minutes unless set.
            pub fn webhook_tolerance(mut self, tolerance: Duration) -> Self {
                self.webhook_tolerance = Some(tolerance);
                self
            }
        }
    };
    let methods = quote! {
        /// Verifies a delivery with the client's webhook key (the builder's,
        /// else the environment's), then decodes it. `body` is the request
        /// body exactly as received.
        pub fn unwrap(&self, body: &[u8], headers: &HeaderMap) -> Result<Event, WebhookError> {
            self.verifier()?.unwrap(body, headers)
        }

        /// The verifier `unwrap` uses, to keep and reuse.
        pub fn verifier(&self) -> Result<WebhookVerifier, WebhookError> {
            let verifier = match #client.webhook_key() {
                Some(key) => WebhookVerifier::new(key)?,
                None => WebhookVerifier::from_env()?,
            };
            Ok(match #client.webhook_tolerance() {
                Some(tolerance) => verifier.tolerance(tolerance),
                None => verifier,
            })
        }
    };
    (uses, items, methods)
}

fn variant(event: &WebhookEvent) -> TokenStream {
    let told_by = match &event.tag {
        Some(tag) => format!("The `{}` event: {}.", event.name, tag_text(tag)),
        None => format!(
            "The `{}` event, decoded when a payload has no discriminator.",
            event.name
        ),
    };
    let docs = DocText::default()
        .prose(event.summary.as_deref())
        .line(told_by)
        .attrs();
    let (name, ty) = (ident(&event.variant), rust_type(&event.ty, Scope::Outside));
    quote! {
        #docs
        #name(#ty),
    }
}

/// The discriminator values that name an event and where they are read, for docs.
pub fn tag_text(tag: &EventTag) -> String {
    let values: Vec<String> = tag.values.iter().map(|v| code_span(v)).collect();
    format!("{} at `{}`", values.join(", "), tag.pointer)
}

/// Reads each discriminator in turn, so that an unknown event is never taken for a known one by a
/// field deeper in it; payloads with none are tried against the events nothing tells apart.
fn dispatch(webhooks: &Webhooks) -> TokenStream {
    let by_pointer = webhooks.discriminators.iter().map(|pointer| {
        let arms = webhooks.events.iter().filter_map(|event| {
            let tag = event.tag.as_ref().filter(|tag| tag.pointer == *pointer)?;
            let (values, name) = (&tag.values, ident(&event.variant));
            Some(quote!(#(#values)|* => Event::#name(decode(&value, body)?),))
        });
        quote! {
            if let Some(tag) = value.pointer(#pointer).and_then(serde_json::Value::as_str) {
                return Ok(match tag {
                    #(#arms)*
                    _ => Event::Unknown(value),
                });
            }
        }
    });
    let untagged = webhooks.events.iter().filter(|event| event.tag.is_none());
    let untagged = untagged.map(|event| ident(&event.variant));
    quote! {
        #(#by_pointer)*
        #(
            if let Ok(event) = decode(&value, body) {
                return Ok(Event::#untagged(event));
            }
        )*
        Ok(Event::Unknown(value))
    }
}

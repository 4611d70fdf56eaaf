//! The `servers` module (the server URL's variables, their enums and setters) and the docs on
//! where requests go.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{code_span, DocText};
use super::output::RustItem;
use super::spelling::ident;
use crate::model::{Api, Server, ServerVariable};
use crate::naming;

/// `src/servers.rs`, for a server URL with variables.
pub fn servers_module(server: &Server) -> Vec<RustItem> {
    let template = Literal::string(&server.template);
    let defaults = server.variables.iter().map(|variable| {
        let (name, default) = (&variable.name, &variable.default);
        quote!((#name, #default))
    });
    let setters = server.variables.iter().map(setter);
    let module_docs = DocText::default()
        .line(format!(
            "The variables of the API's server URL, {}, which the client builder sets.",
            code_span(&server.template)
        ))
        .inner_attrs();
    let mut items = vec![RustItem::Tokens(quote! {
        #module_docs

        use crate::base_url::ServerTemplate;
        use crate::ClientBuilder;

        /// The server URL, and each variable's default.
        static SERVER: ServerTemplate = ServerTemplate {
            url: #template,
            defaults: &[#(#defaults),*],
        };

        impl<C> ClientBuilder<C> {
            #(#setters)*
        }
    })];
    let enums = server
        .variables
        .iter()
        .filter_map(|v| Some((v, v.values.as_ref()?)));
    for (variable, values) in enums {
        let name = ident(&values.type_name);
        let docs = DocText::default()
            .line(format!(
                "The values of the server variable {}.",
                code_span(&variable.name)
            ))
            .prose(variable.description.as_deref())
            .attrs();
        items.extend(super::enums::string_enum(&name, &docs, &values.variants));
    }
    items
}

fn setter(variable: &ServerVariable) -> TokenStream {
    let docs = DocText::default()
        .line(format!(
            "Sets the server URL's {} (default {}), unless a base URL is given.",
            code_span(&format!("{{{}}}", variable.name)),
            code_span(&variable.default)
        ))
        .prose(variable.description.as_deref())
        .attrs();
    let method = ident(&variable.setter);
    let arg = ident(&naming::snake_name(&variable.name));
    let name = &variable.name;
    // A variable with a list of values takes its enum.
    let (ty, value) = match &variable.values {
        Some(values) => {
            let ty = ident(&values.type_name);
            (quote!(#ty), quote!(#arg.as_str()))
        }
        None => (quote!(impl Into<String>), quote!(#arg)),
    };
    quote! {
        #docs
        pub fn #method(self, #arg: #ty) -> Self {
            self.server_variable(&SERVER, #name, #value)
        }
    }
}

/// Where requests go, for the crate docs and the README, unless it is one fixed URL (`None`):
/// the base URL, what changes it, and the operations sent elsewhere.
pub fn base_url_docs(api: &Api, base_url_env: &str) -> Option<String> {
    let elsewhere = api.operations().filter(|op| op.server.is_some()).count();
    let fixed = api
        .server
        .as_ref()
        .is_some_and(|server| !server.is_relative() && server.variables.is_empty());
    if fixed && elsewhere == 0 {
        return None;
    }
    let mut text = match &api.server {
        Some(server) if server.is_relative() => format!(
            "The spec's server URL {} is relative, so the client has no default: give the \
             full base URL with `ClientBuilder::base_url` or `{base_url_env}`, or requests \
             fail with `Error::Config` saying so.",
            code_span(&server.default_url)
        ),
        Some(server) => format!(
            "Requests go to {} unless `ClientBuilder::base_url` or `{base_url_env}` gives \
             another base URL.",
            code_span(&server.default_url)
        ),
        None => format!(
            "The spec names no server: give the base URL with `ClientBuilder::base_url` or \
             `{base_url_env}`, or requests fail with `Error::Config` saying so."
        ),
    };
    if let Some(server) = api.server.as_ref().filter(|s| !s.variables.is_empty()) {
        let setters: Vec<String> = server
            .variables
            .iter()
            .map(|variable| format!("`.{}(…)`", variable.setter))
            .collect();
        text.push_str(&format!(
            " Its variables are set on the builder ({}); those with a list of values take \
             an enum of the `servers` module.",
            setters.join(", ")
        ));
    }
    if elsewhere > 0 {
        let (s, names, its, goes) = match elsewhere {
            1 => ("", "names", "its", "goes"),
            _ => ("s", "name", "their", "go"),
        };
        text.push_str(&format!(
            " {elsewhere} operation{s} {names} a server of {its} own in the spec and {goes} \
             there, unless a base URL is given: then every request goes to that base URL, so \
             that a mock or a proxy sees them all.",
        ));
    }
    Some(text)
}

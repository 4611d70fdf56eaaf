//! Our own description of an API, which `crate::lower` builds and the emitters read: every `$ref`
//! resolved, every name a valid Rust identifier, every type decided.

mod bodies;
mod connection;
mod pagination;
mod types;

pub use bodies::*;
pub use connection::*;
pub use pagination::*;
pub use types::*;

/// The Cargo feature of the webhook events.
pub const WEBHOOKS_FEATURE: &str = "webhooks";

/// The methods that receive deliveries on `client.webhooks()`, which a resource of that name
/// shares.
pub const WEBHOOK_METHODS: &[&str] = &["unwrap", "unsafe_unwrap", "verifier"];

/// The Cargo feature that enables every resource and the events.
pub const FULL_FEATURE: &str = "full";

/// Everything the generated crate is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub title: String,
    pub description: Option<String>,
    pub version: String,
    pub license: Option<String>,
    /// The first server, which the client sends to unless told otherwise;
    /// `None` when the spec names none.
    pub server: Option<Server>,
    /// Resources sorted by name; each holds its operations in spec order.
    pub resources: Vec<Resource>,
    /// Named types sorted by name.
    pub types: Vec<TypeDef>,
    /// The spec's examples whose type is known, sorted by where they are written.
    pub examples: Vec<Example>,
    /// The events the API sends to the user's server (`webhooks`, and the
    /// operations' `callbacks`); `None` when it describes none.
    pub webhooks: Option<Webhooks>,
    /// Every type an error response carries, sorted by name.
    pub error_bodies: Vec<ErrorBodyType>,
    /// How requests are authenticated.
    pub security: Security,
}

/// The events an API delivers, and how a payload says which one it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhooks {
    /// Sorted by variant name.
    pub events: Vec<WebhookEvent>,
    /// The JSON pointers into a payload where the events are told apart,
    /// e.g. `/data/event_type`, the one most events use first.
    pub discriminators: Vec<String>,
}

/// One kind of event, a variant of the generated `Event` enum.
#[derive(Debug, Clone, PartialEq)]
pub struct WebhookEvent {
    /// The webhook's (or callback's) name in the spec.
    pub name: String,
    /// UpperCamelCase variant name, unique among the events and never `Unknown`.
    pub variant: String,
    /// The payload's type, a model like any other.
    pub ty: RustType,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// The discriminator values that select this event, and at which of
    /// [`Webhooks::discriminators`]; `None` when nothing tells it apart, and
    /// then it is tried when a payload has no discriminator at all.
    pub tag: Option<EventTag>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EventTag {
    /// A JSON pointer, one of [`Webhooks::discriminators`].
    pub pointer: String,
    pub values: Vec<String>,
}

/// An example value from the spec, and the type it must decode into.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// snake_case, unique among the examples, from the pointer's reference
    /// tokens, e.g. `components_schemas_recording_properties_id_example`.
    pub name: String,
    /// The JSON pointer of the example in the spec, e.g.
    /// `#/components/schemas/Recording/properties/id/example`.
    pub pointer: String,
    /// The type of the schema, parameter or body the example illustrates.
    pub ty: RustType,
    pub value: serde_json::Value,
}

/// A group of operations sharing a tag, reached as `client.<accessor>()`.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// UpperCamelCase name of the handle type, e.g. `Recordings`.
    pub type_name: String,
    /// snake_case name of the accessor method and of the module, e.g. `recordings`.
    pub module: String,
    /// The tag as written in the spec.
    pub tag: String,
    pub description: Option<String>,
    pub operations: Vec<Operation>,
}

impl Api {
    /// Every operation, resource after resource.
    pub fn operations(&self) -> impl Iterator<Item = &Operation> {
        self.resources.iter().flat_map(|r| &r.operations)
    }

    /// The resource `client.webhooks()` reaches when it also receives the events: a tag of
    /// that name shares the accessor, the module's name and so its feature.
    pub fn webhooks_resource(&self) -> Option<&Resource> {
        self.resources.iter().find(|r| self.shares_webhooks(r))
    }

    /// Whether `resource` is [`Api::webhooks_resource`], told by its name.
    pub fn shares_webhooks(&self, resource: &Resource) -> bool {
        self.webhooks.is_some() && resource.module == WEBHOOKS_FEATURE
    }
}

impl Resource {
    /// The Cargo feature that compiles the resource: its module's name.
    pub fn feature(&self) -> &str {
        &self.module
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    /// Like `Get` without the body: the answer is its status and headers.
    Head,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Head => "HEAD",
        }
    }
}

/// One HTTP operation, as a method on its resource.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub operation_id: String,
    /// snake_case method name on the resource, e.g. `retrieve`.
    pub method_name: String,
    pub http_method: HttpMethod,
    /// The path template relative to the base URL, e.g. `/recordings/{recording_id}`.
    pub path: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    /// Path parameters in the order they appear in the template.
    pub path_params: Vec<Parameter>,
    /// Query and header parameters, passed together in one params struct.
    pub params: Vec<Parameter>,
    /// The name of that struct, unique in the resource's module.
    pub params_type: String,
    pub body: Option<RequestBody>,
    pub response: ResponseBody,
    /// The `Accept` header to send instead of `application/json`, when the
    /// response's JSON is of another media type (`application/vnd.api+json`).
    pub accept: Option<String>,
    /// Set when the operation lists pages that carry page-number metadata.
    pub pagination: Option<Pagination>,
    /// The documented error responses whose JSON body is a named type, in
    /// the order they are matched: exact statuses, ranges, then `default`.
    pub errors: Vec<ErrorResponse>,
    /// The URL the operation's own `servers` (or its path's) send it to,
    /// variables at their defaults; `None` when it goes to the client's.
    pub server: Option<String>,
    /// The server's template, when it uses a variable the user can set.
    pub server_template: Option<OperationServerTemplate>,
    /// The security requirements, alternatives in the spec's order, each
    /// the indices of [`Security::schemes`] it sends together, sorted; empty
    /// when the operation sends no credentials.
    pub security: Vec<Vec<usize>>,
    /// Set on a later method of an operation whose body is sent in several forms: the
    /// `multipart/form-data` form of a JSON body, the only one that carries its files, or
    /// another variant of a multipart body that is a union. The first method's name; they
    /// share its params struct.
    pub multipart_form_of: Option<String>,
}

/// An error status of an operation and the type its body is decoded into.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorResponse {
    pub status: ErrorStatus,
    /// The named type, which is also its `ErrorBody` variant's name.
    pub type_name: String,
}

/// Which statuses an error response documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ErrorStatus {
    Code(u16),
    /// `4XX` is `Range(4)`.
    Range(u16),
    Default,
}

/// A type some operation's error responses carry: a variant of `ErrorBody`.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorBodyType {
    pub type_name: String,
    /// Where its one-line message is, when the schema has an obvious one.
    pub summary: Option<ErrorSummary>,
}

/// The fields an error's one-line `Display` is made of, found from its schema.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorSummary {
    /// The field holding the message object (`error`) or list (`errors`),
    /// or `None` when the message is at the top of the body.
    pub container: Option<SummaryContainer>,
    pub message: Option<FieldAccess>,
    pub code: Option<FieldAccess>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SummaryContainer {
    pub field: FieldAccess,
    /// A list of error objects, whose first one is summarised.
    pub list: bool,
}

/// A field of a struct, and whether it is an `Option`.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldAccess {
    pub rust_name: String,
    pub optional: bool,
    /// A string (borrowed as `&str`), rather than a number.
    pub text: bool,
}

impl Operation {
    /// The path template the request goes to: without a `#fragment`, which
    /// some specs add to tell apart operations on one path and which HTTP
    /// never sends.
    pub fn request_path(&self) -> &str {
        self.path
            .split_once('#')
            .map_or(&self.path, |(path, _)| path)
    }

    /// What the operation sends, if it sends a body.
    pub fn body_kind(&self) -> Option<&BodyKind> {
        self.body.as_ref().map(|body| &body.kind)
    }

    /// The multipart body the operation sends, if it sends one.
    pub fn multipart(&self) -> Option<&MultipartBody> {
        match self.body_kind()? {
            BodyKind::Multipart(body) => Some(body),
            _ => None,
        }
    }

    /// Every type the operation's method signature spells: parameters, body,
    /// response and, for a paginated list, the item type.
    pub fn signature_types(&self) -> impl Iterator<Item = &RustType> {
        let body = self.body.iter().flat_map(|body| body.kind.types());
        let response = self.response.types();
        let item = self.pagination.as_ref().map(|p| &p.item);
        self.path_params
            .iter()
            .chain(&self.params)
            .map(|p| &p.ty)
            .chain(body)
            .chain(response)
            .chain(item)
    }
}

/// Where a parameter goes in the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query(QueryStyle),
    Header,
    /// One `name=value` pair of the `Cookie` header.
    Cookie,
}

/// How a query parameter is spelled, following OpenAPI's `style` and `explode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `name=a&name=b`; objects become one pair per property.
    FormExploded,
    /// `name=a,b`
    Form,
    /// `name[key][nested]=value`
    DeepObject,
    /// `name=a%20b`
    SpaceDelimited,
    /// `name=a|b`
    PipeDelimited,
}

/// A parameter passed to an operation method.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// The name on the wire (and in the path template).
    pub wire_name: String,
    /// snake_case Rust argument name.
    pub rust_name: String,
    pub ty: RustType,
    pub description: Option<String>,
    pub example: Option<String>,
    /// The schema's `default`, as JSON: what the docs' example calls pass when the spec gives
    /// no example that fits (Pinecone's required `X-Pinecone-Api-Version`, default `2026-04`).
    pub default: Option<String>,
    /// For the docs' example calls, as JSON: the spec's example when the type can hold it,
    /// else a value made from the schema's constraints and the type.
    pub sample: Option<String>,
    pub location: Location,
    /// A required parameter is a plain field of the params struct, not an `Option`.
    pub required: bool,
    pub deprecated: bool,
}

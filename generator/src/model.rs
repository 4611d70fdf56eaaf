//! Our own description of an API: what the emitters see.
//!
//! Lowering (`crate::lower`) turns an `openapiv3` document into these types; by
//! then every `$ref` is resolved, every name is a valid Rust identifier and every
//! type is decided. Nothing here knows about OpenAPI's representation.

/// The Cargo feature of the webhook events.
pub const WEBHOOKS_FEATURE: &str = "webhooks";

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

/// The API's security schemes, and what the client needs of them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Security {
    /// The schemes the client can send, sorted by name; operations refer to
    /// them by index.
    pub schemes: Vec<SecurityScheme>,
    /// Every operation needs credentials, so a client built without any
    /// could send nothing and is refused.
    pub always_required: bool,
    /// The only scheme is one secret (a bearer token or an API key): it is
    /// given to `Client::new(api_key)`, `.api_key()` and `<PREFIX>_API_KEY`.
    pub single_key: bool,
}

/// One security scheme of `components.securitySchemes`.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// Its key in `components.securitySchemes`.
    pub name: String,
    /// SCREAMING_SNAKE_CASE name of the constant the operations refer to it by.
    pub const_name: String,
    pub description: Option<String>,
    pub kind: SchemeKind,
    /// The builder method that sets its credentials, e.g. `basic_auth`.
    pub setter: String,
    /// The environment variables `from_env` reads its credentials from,
    /// without the crate's prefix, one per credential: e.g. `USERNAME`, `PASSWORD`.
    pub env: Vec<String>,
}

/// How a scheme's credentials are sent.
#[derive(Debug, Clone, PartialEq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// `Authorization: Basic <base64 of user:password>`.
    Basic,
    /// A key in the header, query parameter or cookie of this name.
    ApiKey {
        location: ApiKeyLocation,
        name: String,
    },
    /// OAuth2's client credentials flow: a token fetched from `token_url`
    /// with a client id and secret, sent as a bearer token.
    ClientCredentials {
        token_url: String,
        /// Every scope the operations' requirements name, sorted.
        scopes: Vec<String>,
        /// The builder method that overrides `token_url`.
        token_url_setter: String,
    },
    /// Another OAuth2 flow, or OpenID Connect: a token the user obtains,
    /// sent as a bearer token.
    Token,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyLocation {
    Header,
    Query,
    Cookie,
}

/// The server a client sends to: a URL whose `{variables}` the user may set.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// The URL as written, placeholders included, without a trailing slash.
    pub template: String,
    /// The URL with every variable at its default: the client's default base URL.
    pub default_url: String,
    /// The variables the URL uses, sorted by name; each gets a builder setter.
    pub variables: Vec<ServerVariable>,
}

impl Server {
    /// Whether the URL has no scheme and host, e.g. `/v1`: the user must give one.
    pub fn is_relative(&self) -> bool {
        !(self.default_url.starts_with("http://") || self.default_url.starts_with("https://"))
    }
}

/// A `{variable}` of the server URL.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerVariable {
    /// The name between braces in the URL.
    pub name: String,
    /// The builder method that sets it, snake_case and not taken by another.
    pub setter: String,
    pub default: String,
    pub description: Option<String>,
    /// The values the spec allows, as an enum in the `servers` module that
    /// the setter takes; `None` when any text goes.
    pub values: Option<ServerEnum>,
}

/// The enum a server variable's setter takes.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerEnum {
    /// UpperCamelCase, unique in the `servers` module.
    pub type_name: String,
    pub variants: Vec<EnumVariant>,
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
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
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
    /// Set when the operation lists pages that carry page-number metadata.
    pub pagination: Option<Pagination>,
    /// The documented error responses whose JSON body is a named type, in
    /// the order they are matched: exact statuses, ranges, then `default`.
    pub errors: Vec<ErrorResponse>,
    /// The URL the operation's own `servers` (or its path's) send it to,
    /// variables at their defaults; `None` when it goes to the client's.
    pub server: Option<String>,
    /// The security requirements, alternatives in the spec's order, each
    /// the indices of [`Security::schemes`] it sends together, sorted; empty
    /// when the operation sends no credentials.
    pub security: Vec<Vec<usize>>,
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

/// Where a parameter goes in the request.
impl Operation {
    /// Every type the operation's method signature spells: parameters, body,
    /// response and, for a paginated list, the item type.
    pub fn signature_types(&self) -> impl Iterator<Item = &RustType> {
        let body = self.body.iter().flat_map(|body| body.kind.types());
        let response = match &self.response {
            ResponseBody::Json(ty) | ResponseBody::OptionalJson(ty) => Some(ty),
            _ => None,
        };
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

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    pub kind: BodyKind,
    pub required: bool,
    pub description: Option<String>,
    /// A body to send in the docs' example calls, as JSON: the spec's
    /// example, else one made from the type's required fields.
    pub example: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BodyKind {
    /// Serialized as JSON from this type.
    Json(RustType),
    /// Serialized as `application/x-www-form-urlencoded` from an object type.
    Form(FormBody),
    /// Sent as `multipart/form-data`, built from a struct of its parts.
    Multipart(MultipartBody),
    /// Raw bytes sent with this media type.
    Bytes(String),
}

impl BodyKind {
    /// The types users pass to send the body.
    pub fn types(&self) -> Vec<&RustType> {
        match self {
            BodyKind::Json(ty) | BodyKind::Form(FormBody { ty, .. }) => vec![ty],
            BodyKind::Multipart(body) => body
                .parts
                .iter()
                .filter_map(|part| match &part.kind {
                    PartKind::Text(ty) | PartKind::Json { ty, .. } => Some(ty),
                    PartKind::File { .. } => None,
                })
                .collect(),
            BodyKind::Bytes(_) => Vec::new(),
        }
    }
}

/// A form body: its type, and how its properties are spelled.
#[derive(Debug, Clone, PartialEq)]
pub struct FormBody {
    /// An object type (a struct or a map).
    pub ty: RustType,
    /// The properties the media type's `encoding` spells otherwise than
    /// OpenAPI's default (`form`, exploded), sorted by wire name.
    pub styles: Vec<FormFieldStyle>,
}

/// How one property of a form body is spelled.
#[derive(Debug, Clone, PartialEq)]
pub struct FormFieldStyle {
    pub wire_name: String,
    pub style: QueryStyle,
}

/// A `multipart/form-data` body: a struct in the resource's module whose
/// fields are the parts.
#[derive(Debug, Clone, PartialEq)]
pub struct MultipartBody {
    /// The struct's name, unique in the resource's module, e.g. `UploadBody`.
    pub type_name: String,
    /// In the order the schema lists the properties.
    pub parts: Vec<MultipartPart>,
}

/// One property of a multipart body: a field of its struct, sent as one
/// part, or one part per item of an array.
#[derive(Debug, Clone, PartialEq)]
pub struct MultipartPart {
    pub wire_name: String,
    /// snake_case field name, unique in the struct.
    pub rust_name: String,
    pub kind: PartKind,
    /// A plain field of the struct and an argument of `new`, not an `Option`.
    pub required: bool,
    pub description: Option<String>,
    pub deprecated: bool,
}

/// What a multipart part holds.
#[derive(Debug, Clone, PartialEq)]
pub enum PartKind {
    /// A file (`format: binary`, a 3.1 `contentMediaType`, or an
    /// `encoding.contentType` that is not text): the runtime's `FilePart`,
    /// sent with this media type unless the file says another.
    File { repeated: bool, media_type: String },
    /// A value sent as text; an array is one part per item.
    Text(RustType),
    /// An object sent as JSON with this media type; an array is one part per item.
    Json { ty: RustType, media_type: String },
}

/// How an operation's pages are walked: the page number goes into a query
/// parameter, the items and the page count come from the response.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The method that walks every page, e.g. `list_auto_paging`.
    pub method_name: String,
    /// The type of one listed item.
    pub item: RustType,
    /// The fields from the response down to the items; empty when the
    /// response is the list itself.
    pub items: Vec<FieldPath>,
    pub style: PageStyle,
}

/// How the next page is asked for, and how the response says there is one.
#[derive(Debug, Clone, PartialEq)]
pub enum PageStyle {
    /// A page number parameter, and the number of pages in the response.
    PageNumber {
        param: PageParam,
        total_pages: Vec<FieldPath>,
    },
    /// An offset parameter (the params field's name), and the number of
    /// items in the response.
    Offset {
        param: String,
        narrow: bool,
        total: Vec<FieldPath>,
    },
    /// A cursor parameter (the params field's name, a `String`), and where
    /// the next cursor comes from.
    Cursor { param: String, next: CursorSource },
    /// A field holding the next page's URL.
    NextUrl { next: Vec<FieldPath> },
    /// The `Link` header's `rel="next"` URL.
    LinkHeader,
}

/// Where the next page's cursor comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum CursorSource {
    /// A text field of the response, e.g. `next_cursor`.
    Field(Vec<FieldPath>),
    /// The last item's id, while a boolean field (`has_more`) says so.
    LastItemId {
        has_more: Vec<FieldPath>,
        id: FieldPath,
    },
}

/// A field of a generated struct, as the generated code reaches it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldPath {
    pub rust_name: String,
    /// The field is an `Option`.
    pub optional: bool,
    /// The field holds an `i32`, widened to `i64` when read.
    pub narrow: bool,
}

/// Where the page number goes.
#[derive(Debug, Clone, PartialEq)]
pub enum PageParam {
    /// A parameter of its own, e.g. `page[number]`: the params field's name.
    Flat { param: String, narrow: bool },
    /// A field of a deepObject parameter, e.g. `page` with `number`: the
    /// params field, the struct's type name and the field's name.
    Nested {
        param: String,
        type_name: String,
        field: String,
        narrow: bool,
    },
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
    /// For the docs' example calls when the spec has no example: a value
    /// made from the type, as JSON.
    pub sample: Option<String>,
    pub location: Location,
    /// A required parameter is a plain field of the params struct, not an `Option`.
    pub required: bool,
    pub deprecated: bool,
}

/// What a successful response carries.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseBody {
    /// A JSON document decoded into this type.
    Json(RustType),
    /// A JSON document, or no body at all (e.g. `200` with a body, `204` without).
    OptionalJson(RustType),
    /// No body (or one the caller does not need).
    Empty,
    /// Raw bytes of any other media type; asked for with this `Accept` value.
    Bytes(String),
}

/// A Rust type as the generated code spells it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum RustType {
    String,
    Bool,
    I32,
    I64,
    F32,
    F64,
    DateTime,
    Date,
    Uuid,
    /// Any JSON value.
    Json,
    /// A JSON object whose keys are not known in advance.
    JsonObject,
    Vec(Box<RustType>),
    Map(Box<RustType>),
    /// A type defined in the generated `models` module.
    Named(String),
    /// A type that contains itself, through this field.
    Boxed(Box<RustType>),
}

impl RustType {
    /// Small and `Copy`: passed by value, and written as a literal.
    pub fn is_copy(&self) -> bool {
        matches!(
            self,
            RustType::Bool
                | RustType::I32
                | RustType::I64
                | RustType::F32
                | RustType::F64
                | RustType::Uuid
                | RustType::Date
                | RustType::DateTime
        )
    }
}

/// A named type in the generated `models` module.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub name: String,
    pub description: Option<String>,
    pub example: Option<String>,
    pub deprecated: bool,
    /// Users build values of it: it is sent in a request body or parameter,
    /// or nothing received (a response, a webhook payload) is known to carry
    /// it. Such a struct gets `new` and setters; a struct only received gets
    /// neither (see `lower/directions.rs`).
    pub sent: bool,
    /// The Cargo features that compile it, any one sufficing (see
    /// `lower/features.rs`); empty when it is always compiled.
    pub features: Vec<String>,
    pub kind: TypeKind,
}

#[cfg(test)]
impl TypeDef {
    /// A sent type of this name and kind, without docs, as unit tests build them.
    pub fn bare(name: &str, kind: TypeKind) -> Self {
        TypeDef {
            name: name.to_string(),
            description: None,
            example: None,
            deprecated: false,
            sent: true,
            features: Vec::new(),
            kind,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Vec<Field>),
    /// A string enum that also accepts values the spec does not list.
    StringEnum(Vec<EnumVariant>),
    /// An integer enum that also accepts values the spec does not list.
    IntegerEnum(Vec<IntegerVariant>),
    /// One of several types (`oneOf`/`anyOf`).
    Union(Union),
    /// `pub type Name = Target;`
    Alias(RustType),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub wire_name: String,
    pub rust_name: String,
    pub ty: RustType,
    /// Required by the spec, not nullable and not read- or write-only: the
    /// field is not an `Option`.
    pub required: bool,
    /// Required and nullable: an `Option` that is sent as `null` when `None`.
    pub send_null: bool,
    /// The spec's `default`, as compact JSON, for the docs.
    pub default: Option<String>,
    pub read_only: bool,
    pub write_only: bool,
    /// Holds the properties the schema does not name (`additionalProperties`
    /// beside `properties`): a map flattened into the object.
    pub flatten: bool,
    pub description: Option<String>,
    pub example: Option<String>,
    pub deprecated: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    pub wire_value: String,
    pub rust_name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IntegerVariant {
    pub value: i64,
    pub rust_name: String,
}

/// A value that is one of several types.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    pub variants: Vec<UnionVariant>,
    /// With a discriminator, the variant is chosen by this property's value;
    /// without, by trying each variant in order.
    pub discriminator: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub rust_name: String,
    pub ty: RustType,
    /// The discriminator values that select this variant.
    pub tags: Vec<String>,
}

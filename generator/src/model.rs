//! Our own description of an API: what the emitters see.
//!
//! Lowering (`crate::lower`) turns an `openapiv3` document into these types; by
//! then every `$ref` is resolved, every name is a valid Rust identifier and every
//! type is decided. Nothing here knows about OpenAPI's representation.

/// Everything the generated crate is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub title: String,
    pub description: Option<String>,
    pub version: String,
    pub license: Option<String>,
    /// The first server URL, without a trailing slash.
    pub base_url: Option<String>,
    /// Resources sorted by name; each holds its operations in spec order.
    pub resources: Vec<Resource>,
    /// Named types sorted by name.
    pub types: Vec<TypeDef>,
    /// The spec's examples whose type is known, sorted by where they are written.
    pub examples: Vec<Example>,
}

/// An example value from the spec, and the type it must decode into.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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
    pub response: ResponseBody,
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
}

/// What a successful response carries.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseBody {
    /// A JSON document decoded into this type.
    Json(RustType),
    /// No body (or one the caller does not need).
    Empty,
    /// Raw bytes of any other media type.
    Bytes,
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
}

/// A named type in the generated `models` module.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub name: String,
    pub description: Option<String>,
    pub example: Option<String>,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Vec<Field>),
    /// A string enum that also accepts values the spec does not list.
    StringEnum(Vec<EnumVariant>),
    /// `pub type Name = Target;`
    Alias(RustType),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub wire_name: String,
    pub rust_name: String,
    pub ty: RustType,
    /// Required by the spec and not nullable: the field is not an `Option`.
    pub required: bool,
    pub description: Option<String>,
    pub example: Option<String>,
    pub deprecated: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    pub wire_value: String,
    pub rust_name: String,
}

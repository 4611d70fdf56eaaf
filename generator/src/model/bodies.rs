//! What requests send and responses carry.

use super::{QueryStyle, RustType};

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    pub kind: BodyKind,
    pub required: bool,
    pub description: Option<String>,
    /// A body to send in the docs' example calls, as JSON: the spec's
    /// example, else one made from the type's required fields.
    pub example: Option<String>,
    /// Which variant this is of a multipart body that is a `oneOf` or `anyOf` of objects:
    /// each variant is sent by a method of its own.
    pub variant: Option<String>,
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
    /// JSON Lines (`application/x-ndjson` and its other names): each item of the list
    /// `items` (a `Vec`) as one line of JSON, sent with `media_type`.
    JsonLines { items: RustType, media_type: String },
}

impl BodyKind {
    /// The types users pass to send the body.
    pub fn types(&self) -> Vec<&RustType> {
        match self {
            BodyKind::Json(ty)
            | BodyKind::Form(FormBody { ty, .. })
            | BodyKind::JsonLines { items: ty, .. } => vec![ty],
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
    /// The spec's example, as compact JSON.
    pub example: Option<String>,
    /// A value keeping the constraints of the part's schema that its type does not keep, as
    /// [`Field::sample`](super::Field::sample) is.
    pub sample: Option<String>,
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
    /// JSON documents of different schemas, told apart by the status: an enum with a variant
    /// per 2xx status, in the order of their statuses.
    ByStatus(StatusResponses),
}

impl ResponseBody {
    /// The types the response's bodies are decoded into.
    pub fn types(&self) -> Vec<&RustType> {
        match self {
            ResponseBody::Json(ty) | ResponseBody::OptionalJson(ty) => vec![ty],
            ResponseBody::ByStatus(responses) => responses
                .statuses
                .iter()
                .filter_map(|status| status.body.as_ref())
                .collect(),
            ResponseBody::Empty | ResponseBody::Bytes(_) => Vec::new(),
        }
    }
}

/// The enum a method returns when its 2xx responses carry different JSON schemas.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusResponses {
    /// The enum's name, unique in the resource's module, e.g. `CreateResponse`.
    pub type_name: String,
    /// Sorted by status, a range last.
    pub statuses: Vec<StatusBody>,
}

/// One 2xx status of a [`StatusResponses`] enum: one variant.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusBody {
    pub status: SuccessStatus,
    /// The variant's name, from the status's reason phrase (`Created`).
    pub variant: String,
    /// What the body is decoded into; `None` for a status without a body (`204`).
    pub body: Option<RustType>,
    /// The spec's description of the response.
    pub description: Option<String>,
}

/// Which statuses a success response documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SuccessStatus {
    /// One status, e.g. `201`.
    Code(u16),
    /// `2XX`: any 2xx status not listed on its own.
    Range,
}

impl SuccessStatus {
    /// How the spec writes it: `201`, `2XX`.
    pub fn key(self) -> String {
        match self {
            SuccessStatus::Code(code) => code.to_string(),
            SuccessStatus::Range => "2XX".to_string(),
        }
    }
}

//! The Rust types of the model: named definitions and the types that refer to them.

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
    /// An array's item or a map's value that may be `null` (`Option<T>`); a field that may be
    /// `null` is an `Option` through the field's own flags instead.
    Nullable(Box<RustType>),
}

impl RustType {
    /// The type with a list's items that may be `null` taken as present: text (a parameter, a
    /// multipart text part) has no `null` to send.
    pub fn without_null_items(self) -> RustType {
        match self {
            RustType::Vec(item) => match *item {
                RustType::Nullable(inner) => RustType::Vec(inner),
                item => RustType::Vec(Box::new(item)),
            },
            ty => ty,
        }
    }

    /// Whether `pred` holds for this type or a type it is made of.
    pub fn any(&self, pred: &dyn Fn(&RustType) -> bool) -> bool {
        pred(self)
            || matches!(self, RustType::Vec(inner) | RustType::Map(inner) | RustType::Boxed(inner) | RustType::Nullable(inner) if inner.any(pred))
    }

    /// The type a `Boxed` holds, else this one.
    pub fn unboxed(&self) -> &RustType {
        match self {
            RustType::Boxed(inner) => inner.unboxed(),
            other => other,
        }
    }

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
    /// The least number of properties a value holds (`minProperties`), which example calls
    /// reach with optional fields; 0 when the schema sets none.
    pub min_properties: usize,
    /// Optional fields (by wire name) that example calls set too: those the first part of a
    /// `oneOf`/`anyOf` that only constrains the struct requires, so that the value fits it.
    pub sample_fields: Vec<String>,
    pub kind: TypeKind,
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
    /// A value keeping the constraints of the field's schema that the model
    /// does not keep (a pattern, a format, bounds, `minItems`), as compact
    /// JSON, for sample bodies where the spec gives no example; a `null` in it
    /// is an item the model's sample fills in (see `lower/constrained_samples.rs`).
    pub sample: Option<String>,
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
            min_properties: 0,
            sample_fields: Vec::new(),
            kind,
        }
    }
}

impl TypeKind {
    /// The types a value of this kind holds directly: its fields', its variants' or its target.
    pub fn held_types(&self) -> Vec<&RustType> {
        match self {
            TypeKind::Struct(fields) => fields.iter().map(|f| &f.ty).collect(),
            TypeKind::Union(union) => union.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias(target) => vec![target],
            TypeKind::StringEnum(_) | TypeKind::IntegerEnum(_) => Vec::new(),
        }
    }
}

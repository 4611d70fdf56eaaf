//! Example calls of operations, written as users would, for docs and the README: values from the
//! spec's examples (else `lower::sample_values`), structs built with `new` and `with_` setters,
//! and other model values decoded from JSON, so that an example compiles whatever the type is.

use rustc_hash::FxHashMap;
use serde_json::Value;

use crate::model::{
    Api, BodyKind, Field, FormBody, MultipartBody, MultipartPart, Operation, Parameter, PartKind,
    Resource, RustType, TypeDef, TypeKind,
};

/// How deep nested constructors are written before a value is decoded instead.
const MAX_DEPTH: usize = 6;

/// What writing an example call needs: the crate's name in code and the types.
pub struct Calls<'a> {
    krate: String,
    types: FxHashMap<&'a str, &'a TypeDef>,
}

impl<'a> Calls<'a> {
    pub fn new(api: &'a Api, krate: &str) -> Self {
        Calls {
            krate: krate.to_string(),
            types: api.types.iter().map(|d| (d.name.as_str(), d)).collect(),
        }
    }

    /// `client.<resource>().<method>(<arguments>)`.
    pub fn call(&self, resource: &Resource, op: &Operation) -> String {
        self.call_with(resource, op, false)
    }

    /// The call with every argument, an optional body too, as a program
    /// that exercises the operation sends it.
    pub fn full_call(&self, resource: &Resource, op: &Operation) -> String {
        self.call_with(resource, op, true)
    }

    fn call_with(&self, resource: &Resource, op: &Operation, optional_body: bool) -> String {
        let mut args: Vec<String> = op.path_params.iter().map(|p| self.argument(p)).collect();
        if let Some(body) = &op.body {
            let json = parsed(body.example.as_deref()).unwrap_or(Value::Null);
            // Whether the value was made from the type, which leaves an optional body out.
            let (value, sampled) = match &body.kind {
                BodyKind::Json(RustType::String) => ("\"...\"".to_string(), false),
                // A slice, not `&vec![..]`, which `&[T]` does not need.
                BodyKind::Json(RustType::Vec(item))
                | BodyKind::JsonLines {
                    items: RustType::Vec(item),
                    ..
                } => {
                    let items = json.as_array().map(Vec::as_slice).unwrap_or_default();
                    let items: Vec<String> = items
                        .iter()
                        .map(|value| self.value(item, value, 1))
                        .collect();
                    (format!("&[{}]", items.join(", ")), false)
                }
                BodyKind::Json(ty)
                | BodyKind::Form(FormBody { ty, .. })
                | BodyKind::JsonLines { items: ty, .. } => {
                    (format!("&{}", self.value(ty, &json, 0)), true)
                }
                BodyKind::Multipart(multipart) => (
                    self.multipart_body(resource, multipart, &json, optional_body),
                    false,
                ),
                BodyKind::Bytes(_) => {
                    let bytes = match json.as_str() {
                        Some(text) => format!("{text:?}.as_bytes().to_vec()"),
                        None => "b\"...\".to_vec()".to_string(),
                    };
                    // An optional raw body is an `Option<RawBody>`, which bytes become.
                    let into = if body.required { "" } else { ".into()" };
                    (format!("{bytes}{into}"), false)
                }
            };
            let sendable = body.example.is_some() || !sampled;
            args.push(match (body.required, optional_body && sendable) {
                (true, _) => value,
                (false, true) => format!("Some({value})"),
                (false, false) => "None".to_string(),
            });
        }
        if !op.params.is_empty() {
            let mut params = self.params(resource, op);
            if optional_body {
                params.push_str(&self.optional_params(op));
            }
            args.push(params);
        }
        format!(
            "client.{}().{}({})",
            resource.module,
            op.method_name,
            args.join(", ")
        )
    }

    /// The first operation of the API, the one the quick start shows.
    pub fn first_call(&self, resources: &[Resource]) -> Option<String> {
        resources
            .iter()
            .find_map(|resource| Some(self.call(resource, resource.operations.first()?)))
    }

    /// The first operation that takes a body or parameters users build, for
    /// the README's section on building requests.
    pub fn first_built_request(&self, resources: &[Resource]) -> Option<String> {
        resources.iter().find_map(|resource| {
            let op = resource.operations.iter().find(|op| {
                let body = op.body.as_ref().is_some_and(|b| {
                    b.required
                        && matches!(
                            &b.kind,
                            BodyKind::Json(RustType::Named(_)) | BodyKind::Form(_)
                        )
                });
                body || !op.params.is_empty()
            })?;
            Some(self.call(resource, op))
        })
    }

    /// A `no_run` doctest that makes `call` with a client at hand.
    pub fn doctest(&self, call: &str) -> String {
        let krate = &self.krate;
        format!(
            "```no_run\n# async fn example(client: {krate}::Client) -> Result<(), Box<dyn std::error::Error>> {{\n\
             let response = {call}.await?;\n# Ok(())\n# }}\n```"
        )
    }

    /// The params struct's `new` with the required parameters.
    fn params(&self, resource: &Resource, op: &Operation) -> String {
        let required: Vec<String> = op
            .params
            .iter()
            .filter(|p| p.required)
            .map(|p| match &p.ty {
                // `new` takes anything that becomes a `String`.
                RustType::String => string_literal(p),
                ty => self.value(ty, &example(p).unwrap_or(Value::Null), 0),
            })
            .collect();
        self.constructor(resource, &op.params_type, &required)
    }

    /// `new` of a type in `resource`'s module.
    fn constructor(&self, resource: &Resource, type_name: &str, args: &[String]) -> String {
        let (krate, module) = (&self.krate, &resource.module);
        format!(
            "{krate}::resources::{module}::{type_name}::new({})",
            args.join(", ")
        )
    }

    /// A multipart body struct's `new`: files from bytes, the other
    /// required parts from the body's example; with `optional_files`, the
    /// optional single file parts set too, so that a full call sends a file.
    fn multipart_body(
        &self,
        resource: &Resource,
        multipart: &MultipartBody,
        json: &Value,
        optional_files: bool,
    ) -> String {
        let file = |wire_name: &str, repeated: bool| {
            let file = format!(
                "{}::FilePart::from_bytes({:?}, b\"...\".as_slice())",
                self.krate,
                format!("{wire_name}.bin")
            );
            if repeated {
                format!("vec![{file}]")
            } else {
                file
            }
        };
        let required = multipart.parts.iter().filter(|part| part.required);
        let args: Vec<String> = required
            .map(|part| {
                let value = json.get(&part.wire_name).unwrap_or(&Value::Null);
                match (&part.kind, value) {
                    (PartKind::File { repeated, .. }, _) => file(&part.wire_name, *repeated),
                    (PartKind::Text(ty), value) => self.setter_value(ty, value, 0),
                    (PartKind::Json { ty, .. }, value) => self.value(ty, value, 0),
                }
            })
            .collect();
        // Mock servers read a lone part as a string, not a list of one.
        let lone_file = |part: &&MultipartPart| {
            let single = matches!(part.kind, PartKind::File { repeated, .. } if !repeated);
            optional_files && !part.required && single
        };
        let setters: String = (multipart.parts.iter().filter(lone_file))
            .map(|part| format!(".with_{}({})", part.rust_name, file(&part.wire_name, false)))
            .collect();
        self.constructor(resource, &multipart.type_name, &args) + &setters
    }

    /// `.with_<name>(..)` for each optional parameter, so that a full call sends them too;
    /// deprecated ones are left out, since a server may report them.
    fn optional_params(&self, op: &Operation) -> String {
        let optional = op.params.iter().filter(|p| !p.required && !p.deprecated);
        optional
            .filter_map(|param| {
                let value = match example(param) {
                    Some(example) => self.setter_value(&param.ty, &example, 0),
                    // Numbers, booleans, dates and ids get the literals required ones get.
                    None => plain(&param.ty, None)?,
                };
                Some(format!(".with_{}({value})", param.rust_name))
            })
            .collect()
    }

    /// An argument of `new` or a `with_` setter, which take anything that becomes a `String`
    /// and box what they hold.
    fn setter_value(&self, ty: &RustType, json: &Value, depth: usize) -> String {
        match (ty, json) {
            (RustType::String, Value::String(text)) => format!("{text:?}"),
            (ty, json) => self.value(ty.unboxed(), json, depth),
        }
    }

    /// A method argument: `&str` for strings, values for small types.
    fn argument(&self, param: &Parameter) -> String {
        match (&param.ty, example(param)) {
            (RustType::String, _) => string_literal(param),
            // A slice of `&str`s, which `&[impl AsRef<str>]` takes; never empty, since `&[]`
            // has no item type to infer and an empty segment cannot be sent.
            (RustType::Vec(item), example) if **item == RustType::String => {
                let items = example
                    .as_ref()
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten();
                let mut texts: Vec<String> = items
                    .filter_map(Value::as_str)
                    .filter(|text| !text.is_empty())
                    .map(|text| format!("{text:?}"))
                    .collect();
                if texts.is_empty() {
                    texts.push(format!("{:?}", param.wire_name));
                }
                format!("&[{}]", texts.join(", "))
            }
            (RustType::Vec(item), Some(Value::Array(items))) => {
                let items: Vec<String> = items
                    .iter()
                    .map(|value| self.value(item, value, 1))
                    .collect();
                format!("&[{}]", items.join(", "))
            }
            (ty, example) => plain(ty, example.as_ref()).unwrap_or_else(|| {
                format!("&{}", self.value(ty, &example.unwrap_or(Value::Null), 0))
            }),
        }
    }

    /// An expression of type `ty` holding `json` as users write one (a literal, `vec![..]`, a
    /// variant, `new` and setters), decoded from the JSON where none of these fits.
    fn value(&self, ty: &RustType, json: &Value, depth: usize) -> String {
        let written = plain(ty, Some(json)).or_else(|| match (ty, json) {
            (RustType::String, Value::String(text)) => Some(format!("{text:?}.to_string()")),
            (RustType::Vec(item), Value::Array(items)) if depth < MAX_DEPTH => {
                let items: Vec<String> = items
                    .iter()
                    .map(|value| self.value(item, value, depth + 1))
                    .collect();
                Some(format!("vec![{}]", items.join(", ")))
            }
            (RustType::Json, json) => Some(format!("serde_json::json!({json})")),
            (RustType::Boxed(inner), json) => {
                Some(format!("Box::new({})", self.value(inner, json, depth)))
            }
            (RustType::Nullable(_), Value::Null) => Some("None".to_string()),
            (RustType::Nullable(inner), json) => {
                Some(format!("Some({})", self.value(inner, json, depth)))
            }
            (RustType::Named(name), json) if depth < MAX_DEPTH => self.named(name, json, depth),
            _ => None,
        });
        written.unwrap_or_else(|| self.decoded(ty, json))
    }

    /// A value of a named type, unless it can only be decoded.
    fn named(&self, name: &str, json: &Value, depth: usize) -> Option<String> {
        let def = self.types.get(name)?;
        let path = format!("{}::models::{name}", self.krate);
        match (&def.kind, json) {
            (TypeKind::Struct(fields), Value::Object(object)) if def.sent => {
                let value = |field: &Field, json| self.setter_value(&field.ty, json, depth + 1);
                let required = fields.iter().filter(|f| f.required && !f.flatten);
                let args: Option<Vec<String>> = required
                    .map(|f| Some(value(f, object.get(&f.wire_name)?)))
                    .collect();
                // Read-only fields are ignored in requests, and deprecated ones are not shown.
                let shown = fields
                    .iter()
                    .filter(|f| !f.required && !f.flatten && !f.read_only && !f.deprecated);
                let setters: String = shown
                    .filter_map(|field| {
                        let json = object.get(&field.wire_name).filter(|v| !v.is_null())?;
                        Some(format!(".with_{}({})", field.rust_name, value(field, json)))
                    })
                    .collect();
                Some(format!("{path}::new({}){setters}", args?.join(", ")))
            }
            (TypeKind::StringEnum(variants), Value::String(text)) => {
                let variant = variants.iter().find(|v| &v.wire_value == text)?;
                Some(format!("{path}::{}", variant.rust_name))
            }
            (TypeKind::IntegerEnum(variants), Value::Number(number)) => {
                let variant = variants.iter().find(|v| number.as_i64() == Some(v.value))?;
                Some(format!("{path}::{}", variant.rust_name))
            }
            (TypeKind::Alias(target), json) => Some(self.value(target, json, depth + 1)),
            _ => None,
        }
    }

    /// A value of `ty` decoded from `json`, named so that it need not be inferred.
    fn decoded(&self, ty: &RustType, json: &Value) -> String {
        let json = json.to_string();
        // Enough `#`s to close the raw string only where we mean to.
        let longest_run = json.split(|c| c != '#').map(str::len).max().unwrap_or(0);
        let hashes = "#".repeat(json.matches('"').count().min(1) + longest_run);
        format!(
            "serde_json::from_str::<{}>(r{hashes}\"{json}\"{hashes})?",
            self.spelled(ty)
        )
    }

    /// `ty` as the example spells it, from outside the crate.
    fn spelled(&self, ty: &RustType) -> String {
        match ty {
            RustType::Named(name) => format!("{}::models::{name}", self.krate),
            RustType::Vec(item) => format!("Vec<{}>", self.spelled(item)),
            RustType::Map(value) => {
                format!("std::collections::HashMap<String, {}>", self.spelled(value))
            }
            RustType::Boxed(inner) => format!("Box<{}>", self.spelled(inner)),
            RustType::Nullable(inner) => format!("Option<{}>", self.spelled(inner)),
            other => super::spelling::rust_type(other, super::spelling::Scope::Models)
                .to_string()
                .replace(' ', ""),
        }
    }
}

/// The value a parameter's example call passes, as JSON (see [`Parameter::sample`]).
fn example(param: &Parameter) -> Option<Value> {
    parsed(param.sample.as_deref())
}

/// A string parameter's example, or its name, as a string literal. An
/// empty example is passed over: a path segment cannot be empty.
fn string_literal(param: &Parameter) -> String {
    match example(param) {
        Some(Value::String(value)) if !value.is_empty() => format!("{value:?}"),
        _ => format!("{:?}", param.wire_name),
    }
}

/// A literal for the small types, from the example when it fits.
fn plain(ty: &RustType, example: Option<&Value>) -> Option<String> {
    let text = example.and_then(Value::as_str);
    Some(match ty {
        RustType::I32 | RustType::I64 => example
            .filter(|v| v.is_i64())
            .map_or("1".to_string(), Value::to_string),
        RustType::F32 | RustType::F64 => match example.and_then(Value::as_f64) {
            // `{:?}` writes a float literal: `2.0`, not `2`.
            Some(number) if number.is_finite() => format!("{number:?}"),
            _ => "1.0".to_string(),
        },
        RustType::Bool => example
            .filter(|v| v.is_boolean())
            .map_or("true".to_string(), Value::to_string),
        RustType::Uuid => "uuid::Uuid::nil()".to_string(),
        // Parsed from text: the generated crate's `chrono` has no clock, and
        // a date so far from now that it has a sign is not a valid example.
        RustType::Date => format!(
            "{:?}.parse::<chrono::NaiveDate>()?",
            text.unwrap_or("2024-01-01")
        ),
        RustType::DateTime => format!(
            "{:?}.parse::<chrono::DateTime<chrono::Utc>>()?",
            text.unwrap_or("2024-01-01T00:00:00Z")
        ),
        _ => return None,
    })
}

fn parsed(json: Option<&str>) -> Option<Value> {
    serde_json::from_str(json?).ok()
}

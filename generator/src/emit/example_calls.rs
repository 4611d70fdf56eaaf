//! Example calls of operations, written as users would, for docs and the README.
//!
//! Every value comes from the spec's examples where it has one; a required
//! body or non-scalar parameter without one is made from its type's
//! required fields (see `lower::samples`). Values of model types are decoded from their JSON, so
//! an example compiles whatever the type is; the doctests are `no_run`.

use crate::model::{BodyKind, Operation, Parameter, Resource, RustType};

/// `client.<resource>().<method>(<arguments>)`.
pub fn call(krate: &str, resource: &Resource, op: &Operation) -> String {
    let mut args: Vec<String> = op.path_params.iter().map(argument).collect();
    if let Some(body) = &op.body {
        args.push(match (&body.kind, body.required) {
            (_, false) => "None".to_string(),
            (BodyKind::Json(RustType::String), _) => "\"...\"".to_string(),
            (BodyKind::Json(RustType::Vec(_)), _) => "&[]".to_string(),
            (BodyKind::Json(_) | BodyKind::Form(_), _) => {
                format!("&{}", decoded(body.example.as_deref().unwrap_or("null")))
            }
            (BodyKind::Bytes(_), _) => "Vec::new()".to_string(),
        });
    }
    if !op.params.is_empty() {
        args.push(params(krate, resource, op));
    }
    format!(
        "client.{}().{}({})",
        resource.module,
        op.method_name,
        args.join(", ")
    )
}

/// The first operation of the API, the one the quick start shows.
pub fn first_call(krate: &str, resources: &[Resource]) -> Option<String> {
    resources
        .iter()
        .find_map(|resource| Some(call(krate, resource, resource.operations.first()?)))
}

/// A `no_run` doctest that makes `call` with a client at hand.
pub fn doctest(krate: &str, call: &str) -> String {
    format!(
        "```no_run\n# async fn example(client: {krate}::Client) -> Result<(), Box<dyn std::error::Error>> {{\n\
         let response = {call}.await?;\n# Ok(())\n# }}\n```"
    )
}

/// The params struct: every optional field left out, the required ones set.
fn params(krate: &str, resource: &Resource, op: &Operation) -> String {
    if op.params.iter().all(|p| !p.required) {
        return "Default::default()".to_string();
    }
    let fields: Vec<String> = op
        .params
        .iter()
        .map(|p| {
            let value = if p.required {
                owned(p)
            } else {
                "None".to_string()
            };
            format!("{}: {value}", p.rust_name)
        })
        .collect();
    format!(
        "{krate}::resources::{}::{} {{ {} }}",
        resource.module,
        op.params_type,
        fields.join(", ")
    )
}

/// The spec's example for a parameter, else the value made from its type,
/// as JSON.
fn example(param: &Parameter) -> Option<serde_json::Value> {
    let json = param.example.as_deref().or(param.sample.as_deref())?;
    serde_json::from_str(json).ok()
}

/// A method argument: `&str` for strings, values for small types.
fn argument(param: &Parameter) -> String {
    match (&param.ty, example(param)) {
        (RustType::String, Some(serde_json::Value::String(value))) => format!("{value:?}"),
        (RustType::String, _) => format!("{:?}", param.wire_name),
        (ty, example) => plain(ty, example.as_ref())
            .unwrap_or_else(|| format!("&{}", decoded(&json_text(example.as_ref())))),
    }
}

/// A params struct field: owned.
fn owned(param: &Parameter) -> String {
    match (&param.ty, example(param)) {
        (RustType::String, Some(serde_json::Value::String(value))) => {
            format!("{value:?}.to_string()")
        }
        (RustType::String, _) => format!("{:?}.to_string()", param.wire_name),
        (ty, example) => {
            plain(ty, example.as_ref()).unwrap_or_else(|| decoded(&json_text(example.as_ref())))
        }
    }
}

/// A literal for the small types, from the example when it fits.
fn plain(ty: &RustType, example: Option<&serde_json::Value>) -> Option<String> {
    let value = match (ty, example) {
        (RustType::I32 | RustType::I64, Some(serde_json::Value::Number(n))) if n.is_i64() => {
            n.to_string()
        }
        (RustType::I32 | RustType::I64, _) => "1".to_string(),
        (RustType::F32 | RustType::F64, _) => "1.0".to_string(),
        (RustType::Bool, Some(serde_json::Value::Bool(b))) => b.to_string(),
        (RustType::Bool, _) => "true".to_string(),
        (RustType::Uuid, _) => "uuid::Uuid::nil()".to_string(),
        (RustType::Date, _) => "chrono::NaiveDate::MIN".to_string(),
        (RustType::DateTime, _) => "chrono::Utc::now()".to_string(),
        _ => return None,
    };
    Some(value)
}

fn json_text(example: Option<&serde_json::Value>) -> String {
    example.map_or_else(|| "null".to_string(), serde_json::Value::to_string)
}

/// A value of any model type, decoded from JSON.
fn decoded(json: &str) -> String {
    let hashes = "#".repeat(json.matches('"').count().min(1) + longest_hash_run(json));
    format!("serde_json::from_str(r{hashes}\"{json}\"{hashes})?")
}

/// Enough to close a raw string only where we mean to.
fn longest_hash_run(text: &str) -> usize {
    text.split(|c| c != '#').map(str::len).max().unwrap_or(0)
}

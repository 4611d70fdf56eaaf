//! Example calls of operations, written as users would, for docs and the README.

use crate::model::{Operation, Parameter, Resource, RustType};

/// `client.<resource>().<method>(<arguments>)`, with argument values taken
/// from the spec's examples where it has them.
pub fn call(resource: &Resource, op: &Operation) -> String {
    let args: Vec<String> = op.path_params.iter().map(argument).collect();
    format!(
        "client.{}().{}({})",
        resource.module,
        op.method_name,
        args.join(", ")
    )
}

/// The first operation of the API, the one the quick start shows.
pub fn first_call(resources: &[Resource]) -> Option<String> {
    resources
        .iter()
        .find_map(|resource| Some(call(resource, resource.operations.first()?)))
}

/// A Rust expression for a parameter: the spec's example when it fits the
/// type, else a placeholder of the right type.
fn argument(param: &Parameter) -> String {
    let example: Option<serde_json::Value> = param
        .example
        .as_deref()
        .and_then(|json| serde_json::from_str(json).ok());
    match (&param.ty, example) {
        (RustType::String, Some(serde_json::Value::String(value))) => format!("{value:?}"),
        (RustType::String, _) => format!("{:?}", param.wire_name),
        (RustType::I32 | RustType::I64, Some(serde_json::Value::Number(n))) if n.is_i64() => {
            n.to_string()
        }
        (RustType::I32 | RustType::I64, _) => "1".to_string(),
        (RustType::F32 | RustType::F64, _) => "1.0".to_string(),
        (RustType::Bool, _) => "true".to_string(),
        (RustType::Uuid, _) => "uuid::Uuid::nil()".to_string(),
        (RustType::Date, _) => "chrono::NaiveDate::MIN".to_string(),
        (RustType::DateTime, _) => "chrono::Utc::now()".to_string(),
        _ => "&Default::default()".to_string(),
    }
}

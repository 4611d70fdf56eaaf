//! Operations: their parameters, their responses and the names users call them by.

use openapiv3::{
    OpenAPI, Parameter as SpecParameter, ParameterSchemaOrContent, ReferenceOr, Response,
    StatusCode,
};

use super::schema::TypeRegistry;
use crate::diagnostics::{Diagnostic, Pointer};
use crate::model::{HttpMethod, Parameter, ResponseBody, RustType};
use crate::naming;

/// An operation as lowered, before its resource and method name are decided.
pub struct LoweredOperation {
    pub tag: Option<String>,
    pub operation_id: Option<String>,
    pub http_method: HttpMethod,
    pub path: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    pub path_params: Vec<Parameter>,
    pub response: ResponseBody,
}

pub struct OperationLowering<'a, 'r> {
    pub doc: &'a OpenAPI,
    pub types: &'r mut TypeRegistry<'a>,
}

impl<'a> OperationLowering<'a, '_> {
    pub fn lower(
        &mut self,
        path: &str,
        http_method: HttpMethod,
        shared_params: &'a [ReferenceOr<SpecParameter>],
        operation: &'a openapiv3::Operation,
        path_item: &Pointer,
    ) -> LoweredOperation {
        let pointer = &path_item.push(&http_method.as_str().to_lowercase());
        let name_hint = operation
            .operation_id
            .clone()
            .unwrap_or_else(|| format!("{} {path}", http_method.as_str()));
        let path_params = self.path_params(path, shared_params, operation, path_item, pointer);
        let response = self.success_response(operation, &name_hint, &pointer.push("responses"));
        LoweredOperation {
            tag: operation.tags.first().cloned(),
            operation_id: operation.operation_id.clone(),
            http_method,
            path: path.to_string(),
            summary: operation.summary.clone(),
            description: operation.description.clone(),
            deprecated: operation.deprecated,
            path_params,
            response,
        }
    }

    /// The path parameters in template order, checked against the template.
    fn path_params(
        &mut self,
        path: &str,
        shared_params: &'a [ReferenceOr<SpecParameter>],
        operation: &'a openapiv3::Operation,
        path_item: &Pointer,
        pointer: &Pointer,
    ) -> Vec<Parameter> {
        // Operation-level parameters override path-level ones of the same name and location.
        let mut declared: Vec<(&SpecParameter, Pointer)> = Vec::new();
        let sources = [
            (shared_params, path_item.clone()),
            (operation.parameters.as_slice(), pointer.clone()),
        ];
        for (params, base) in sources {
            let base = base.push("parameters");
            for (index, param) in params.iter().enumerate() {
                let param_pointer = base.push(&index.to_string());
                let Some(param) = self.resolve_parameter(param, &param_pointer) else {
                    continue;
                };
                let data = param.parameter_data_ref();
                declared.retain(|(seen, _)| {
                    let seen_data = seen.parameter_data_ref();
                    !(seen_data.name == data.name && same_location(seen, param))
                });
                declared.push((param, param_pointer));
            }
        }

        for (param, param_pointer) in &declared {
            match param {
                SpecParameter::Path { parameter_data, .. }
                    if !template_names(path).any(|name| name == parameter_data.name) =>
                {
                    self.types.diagnostics.push(
                        Diagnostic::error(
                            param_pointer,
                            format!(
                                "path parameter `{}` does not appear in the path `{path}`",
                                parameter_data.name
                            ),
                        )
                        .with_hint("remove the parameter or add it to the path template"),
                    );
                }
                SpecParameter::Path { .. } => {}
                other => self.types.diagnostics.push(Diagnostic::warning(
                    param_pointer,
                    format!(
                        "parameter `{}` is not generated yet: only path parameters are supported",
                        other.parameter_data_ref().name
                    ),
                )),
            }
        }

        let mut taken = Default::default();
        template_names(path)
            .filter_map(|name| {
                let found = declared.iter().find(|(param, _)| {
                    matches!(param, SpecParameter::Path { parameter_data, .. } if parameter_data.name == name)
                });
                let Some((param, param_pointer)) = found else {
                    self.types.diagnostics.push(
                        Diagnostic::error(
                            pointer,
                            format!("the path `{path}` names `{{{name}}}` but no path parameter `{name}` is declared"),
                        )
                        .with_hint(format!("add a parameter with `name: {name}` and `in: path`")),
                    );
                    return None;
                };
                let data = param.parameter_data_ref();
                let ty = match &data.format {
                    ParameterSchemaOrContent::Schema(schema) => self.types.lower(
                        schema,
                        &naming::type_name(name),
                        &param_pointer.push("schema"),
                    ),
                    ParameterSchemaOrContent::Content(_) => RustType::String,
                };
                Some(Parameter {
                    wire_name: name.to_string(),
                    rust_name: naming::unique(naming::snake_name(name), &mut taken),
                    ty,
                    description: data.description.clone(),
                    example: data.example.as_ref().map(|value| value.to_string()),
                })
            })
            .collect()
    }

    fn resolve_parameter(
        &mut self,
        param: &'a ReferenceOr<SpecParameter>,
        pointer: &Pointer,
    ) -> Option<&'a SpecParameter> {
        let components = self.doc.components.as_ref();
        let lookup = |key: &str| components.and_then(|c| c.parameters.get(key));
        super::resolve(
            param,
            lookup,
            "parameters",
            pointer,
            &mut self.types.diagnostics,
        )
    }

    /// The body of the lowest 2xx response.
    fn success_response(
        &mut self,
        operation: &'a openapiv3::Operation,
        name_hint: &str,
        pointer: &Pointer,
    ) -> ResponseBody {
        let success = operation
            .responses
            .responses
            .iter()
            .filter_map(|(status, response)| match status {
                StatusCode::Code(code @ 200..=299) => Some((*code, status, response)),
                StatusCode::Range(2) => Some((299, status, response)),
                _ => None,
            })
            .min_by_key(|(code, _, _)| *code);
        let Some((_, status, response)) = success else {
            self.types.diagnostics.push(
                Diagnostic::warning(pointer, "this operation has no 2xx response").with_hint(
                    "its method returns `()` on success; add a `200` response to type it",
                ),
            );
            return ResponseBody::Empty;
        };
        let pointer = pointer.push(&status.to_string());
        let components = self.doc.components.as_ref();
        let lookup = |key: &str| components.and_then(|c| c.responses.get(key));
        let Some(response) = super::resolve(
            response,
            lookup,
            "responses",
            &pointer,
            &mut self.types.diagnostics,
        ) else {
            return ResponseBody::Empty;
        };
        self.response_body(response, name_hint, &pointer)
    }

    fn response_body(
        &mut self,
        response: &Response,
        name_hint: &str,
        pointer: &Pointer,
    ) -> ResponseBody {
        let json = response
            .content
            .iter()
            .find(|(media_type, _)| is_json(media_type));
        match json {
            Some((media_type, content)) => match &content.schema {
                Some(schema) => {
                    let pointer = pointer.push("content").push(media_type).push("schema");
                    let hint = format!("{}Response", naming::type_name(name_hint));
                    ResponseBody::Json(self.types.lower(schema, &hint, &pointer))
                }
                None => ResponseBody::Json(RustType::Json),
            },
            None if response.content.is_empty() => ResponseBody::Empty,
            None => ResponseBody::Bytes,
        }
    }
}

pub fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence == "application/json" || essence.ends_with("+json")
}

fn same_location(a: &SpecParameter, b: &SpecParameter) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// The `{name}`s of a path template, in order.
pub fn template_names(path: &str) -> impl Iterator<Item = &str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_names_are_found_in_order() {
        let names: Vec<_> = template_names("/a/{x}/b/{y_z}").collect();
        assert_eq!(names, ["x", "y_z"]);
    }

    #[test]
    fn json_media_types_include_suffixes_and_parameters() {
        assert!(is_json("application/json; charset=utf-8"));
        assert!(is_json("application/vnd.api+json"));
        assert!(!is_json("audio/mpeg"));
    }
}

//! Operations: their parameters, bodies and responses.

use std::collections::BTreeMap;

use openapiv3::{
    Example, OpenAPI, Parameter as SpecParameter, PathItem, ReferenceOr, Schema, StatusCode,
};

use super::component_refs::follow;
use super::types::TypeRegistry;
use crate::diagnostics::{Diagnostic, Pointer};
use crate::model::{HttpMethod, Operation, RequestBody, ResponseBody, SuccessStatus};
use crate::naming;

/// An operation as lowered, its names empty until its resource decides them.
pub struct LoweredOperation {
    pub tag: Option<String>,
    /// The spec's, if it gives one.
    pub operation_id: Option<String>,
    pub operation: Operation,
    /// The other forms of the body, each sent by a method of its own: the `multipart/form-data`
    /// form that carries the files of a JSON body, or the other variants of a multipart union.
    pub other_forms: Vec<RequestBody>,
}

pub struct OperationLowering<'a, 'r> {
    pub doc: &'a OpenAPI,
    pub types: &'r mut TypeRegistry<'a>,
    /// The paging styles `codegen.yaml` declares.
    pub paging: &'a super::PagingDeclarations,
}

impl<'a> OperationLowering<'a, '_> {
    /// Lowers one operation; `None`, with a diagnostic, when it cannot be generated.
    pub fn lower(
        &mut self,
        path: &str,
        http_method: HttpMethod,
        shared_params: &'a [ReferenceOr<SpecParameter>],
        operation: &'a openapiv3::Operation,
        path_item: &Pointer,
    ) -> Option<LoweredOperation> {
        let pointer = &path_item.push(&http_method.as_str().to_lowercase());
        let name_hint = naming::type_name(
            &operation
                .operation_id
                .clone()
                .unwrap_or_else(|| format!("{} {path}", http_method.as_str())),
        );
        let declared = self.declared_params(shared_params, operation, path_item, pointer);
        let path_params = self.path_params(path, &declared, pointer);
        let params = self.other_params(&declared, &name_hint)?;
        let mut bodies = self
            .request_body(operation, &name_hint, &pointer.push("requestBody"))?
            .into_iter();
        let body = bodies.next();
        let other_forms: Vec<RequestBody> = bodies.collect();
        // The answer to a HEAD has no body, whatever its responses describe (often the GET's).
        let (response, accept, errors) = if http_method == HttpMethod::Head {
            (ResponseBody::Empty, None, Vec::new())
        } else {
            let (response, accept) =
                self.success_response(operation, &name_hint, &pointer.push("responses"));
            let errors = self.error_responses(operation, &name_hint, &pointer.push("responses"));
            (response, accept, errors)
        };
        let declared = operation
            .operation_id
            .as_ref()
            .and_then(|id| self.paging.operations.get(id));
        // The paginator makes every page's call itself, so it cannot supply a required body.
        let requires_body = body.as_ref().is_some_and(|body| body.required);
        let pagination = match (http_method, &response, declared) {
            (HttpMethod::Get, ResponseBody::Json(_), Some(_)) if requires_body => {
                self.types.diagnostics.push(Diagnostic::error(
                    pointer,
                    "codegen.yaml declares paging for this operation, whose required request body no page's call could send",
                ));
                None
            }
            (HttpMethod::Get, ResponseBody::Json(ty), Some(declaration)) => {
                super::pagination::declared(self.types, ty, &params, declaration, false)
                    .map_err(|problem| self.types.diagnostics.push(
                        Diagnostic::error(
                            pointer,
                            format!("the paging codegen.yaml declares for this operation does not fit it: {problem}"),
                        )
                        .with_hint("fix `pagination.operations` in codegen.yaml, or remove it to detect the paging"),
                    ))
                    .ok()
            }
            (_, _, Some(_)) => {
                self.types.diagnostics.push(
                    Diagnostic::error(
                        pointer,
                        "codegen.yaml declares paging for this operation, which is not a GET with a JSON response",
                    ),
                );
                None
            }
            (HttpMethod::Get, ResponseBody::Json(ty), None) if !requires_body => {
                super::pagination::detect(self.types, ty, &params, self.declares_link(operation))
                    .or_else(|| {
                        let fallback = self.paging.default.as_ref()?;
                        super::pagination::declared(self.types, ty, &params, fallback, true).ok()
                    })
            }
            _ => None,
        };
        Some(LoweredOperation {
            tag: operation.tags.first().cloned(),
            operation_id: operation.operation_id.clone(),
            operation: Operation {
                operation_id: String::new(),
                method_name: String::new(),
                params_type: String::new(),
                http_method,
                path: path.to_string(),
                summary: operation.summary.clone(),
                description: description_beyond(
                    operation.summary.as_deref(),
                    operation.description.as_deref(),
                ),
                deprecated: operation.deprecated,
                path_params,
                params,
                body,
                response,
                accept,
                pagination,
                errors,
                server: None,
                server_template: None,
                security: Vec::new(),
                multipart_form_of: None,
            },
            other_forms,
        })
    }

    /// Whether a 2xx response declares a `Link` header, which may carry the next page's URL.
    fn declares_link(&self, operation: &openapiv3::Operation) -> bool {
        operation
            .responses
            .responses
            .iter()
            .filter(|(status, _)| success_status(status).is_some())
            .filter_map(|(_, response)| follow(self.doc, response, &Pointer::root()).ok())
            .any(|(response, _)| {
                response
                    .headers
                    .keys()
                    .any(|name| name.eq_ignore_ascii_case("link"))
            })
    }

    /// A parameter's or body's example: its own, else its first `examples` value, else its
    /// schema's, since OpenAPI lets the first two override the schema's.
    pub(super) fn documented_example<'e>(
        &self,
        example: Option<&'e serde_json::Value>,
        mut examples: impl Iterator<Item = &'e ReferenceOr<Example>>,
        schema: Option<&'e ReferenceOr<Schema>>,
    ) -> Option<String>
    where
        'a: 'e,
    {
        let named = || {
            examples.find_map(|example| {
                let (example, _) = follow(self.doc, example, &Pointer::root()).ok()?;
                example.value.as_ref()
            })
        };
        let from_schema = || self.types.followed(schema?)?.schema_data.example.as_ref();
        example
            .or_else(named)
            .or_else(from_schema)
            .map(serde_json::Value::to_string)
    }
}

/// The path items written inline, in path order, with their paths and pointers.
pub fn path_items(doc: &OpenAPI) -> impl Iterator<Item = (&str, Pointer, &PathItem)> {
    let sorted: BTreeMap<&str, _> = doc.paths.iter().map(|(p, i)| (p.as_str(), i)).collect();
    let paths = Pointer::root().push("paths");
    sorted
        .into_iter()
        .filter_map(move |(path, item)| Some((path, paths.push(path), item.as_item()?)))
}

/// The operations of a path item that are generated, with their methods.
pub fn generated_methods(
    item: &PathItem,
) -> impl Iterator<Item = (HttpMethod, &openapiv3::Operation)> {
    [
        (HttpMethod::Get, &item.get),
        (HttpMethod::Post, &item.post),
        (HttpMethod::Put, &item.put),
        (HttpMethod::Patch, &item.patch),
        (HttpMethod::Delete, &item.delete),
        (HttpMethod::Head, &item.head),
    ]
    .into_iter()
    .filter_map(|(method, operation)| Some((method, operation.as_ref()?)))
}

/// `description` without a first paragraph that only repeats `summary` (`List customers` and
/// `List customers.`), which the docs would print twice.
pub(super) fn description_beyond(
    summary: Option<&str>,
    description: Option<&str>,
) -> Option<String> {
    let description = description?;
    let plain = |text: &str| text.trim().trim_end_matches('.').to_lowercase();
    let (first, rest) = description.split_once("\n\n").unwrap_or((description, ""));
    if summary.is_none_or(|summary| plain(summary) != plain(first)) {
        return Some(description.to_string());
    }
    // Not `trim`, which would take the indent of a code block the rest starts with.
    let rest = rest.trim_start_matches(['\n', '\r']).trim_end();
    (!rest.is_empty()).then(|| rest.to_string())
}

/// The success a 2xx status documents, which sorts `2XX` last; `None` for any other status.
pub(super) fn success_status(status: &StatusCode) -> Option<SuccessStatus> {
    match status {
        StatusCode::Code(code @ 200..=299) => Some(SuccessStatus::Code(*code)),
        StatusCode::Range(2) => Some(SuccessStatus::Range),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::description_beyond;

    #[test]
    fn a_description_that_repeats_the_summary_is_dropped() {
        let kept = description_beyond(Some("List customers"), Some("List customers."));
        assert_eq!(kept, None);
    }

    #[test]
    fn a_first_paragraph_that_repeats_the_summary_is_dropped_and_the_rest_kept() {
        let kept = description_beyond(Some("Get a key."), Some("get a key\n\nKeys expire."));
        assert_eq!(kept.as_deref(), Some("Keys expire."));
    }

    #[test]
    fn a_description_that_says_more_than_the_summary_is_kept_whole() {
        let text = "List customers, newest first.\n\nPaged.";
        assert_eq!(
            description_beyond(Some("List customers"), Some(text)).as_deref(),
            Some(text)
        );
        assert_eq!(description_beyond(None, Some(text)).as_deref(), Some(text));
    }
}

//! The spec's examples, each paired with the type lowering gave its schema, parameter or
//! response, which it must decode into; examples of nothing generated are left out.

use std::borrow::Cow;

use openapiv3::{
    AdditionalProperties, OpenAPI, Parameter as SpecParameter, ParameterSchemaOrContent,
    ReferenceOr, Response, Schema, SchemaKind, StatusCode, Type,
};
use rustc_hash::{FxHashMap, FxHashSet};

use super::component_refs::follow;
use super::media_types::is_json;
use super::operation::{generated_methods, path_items, success_status};
use super::type_queries::unaliased;
use super::types::SCHEMA_REF_PREFIX;
use crate::diagnostics::{unescape_token, Diagnostic, Pointer};
use crate::model::{Example, Operation, Resource, ResponseBody, RustType, TypeDef, TypeKind};
use crate::naming;

/// Every typed example of `doc`, sorted by pointer.
pub fn collect<'a>(
    doc: &'a OpenAPI,
    component_names: &'a FxHashMap<&str, String>,
    types: &'a FxHashMap<&'a str, &'a TypeDef>,
    resources: &[Resource],
    diagnostics: &'a mut Vec<Diagnostic>,
) -> Vec<Example> {
    let mut collector = Collector {
        doc,
        component_names,
        types,
        found: Vec::new(),
        diagnostics,
    };
    collector.components();
    collector.operations(resources);
    let mut found = collector.found;
    found.sort_by(|(a, _), (b, _)| a.cmp(b));
    found.dedup_by(|(a, _), (b, _)| a == b);
    let mut taken = FxHashSet::default();
    found
        .into_iter()
        .map(|((pointer, ty), value)| Example {
            name: naming::unique(name_of(&pointer), &mut taken),
            pointer,
            ty,
            value,
        })
        .collect()
}

/// A snake_case name from an example's pointer (`components_schemas_recording_example`).
fn name_of(pointer: &str) -> String {
    let words: Vec<Cow<str>> = pointer.split('/').skip(1).map(unescape_token).collect();
    naming::snake_name_of_words(words.iter().map(Cow::as_ref))
}

struct Collector<'a> {
    doc: &'a OpenAPI,
    component_names: &'a FxHashMap<&'a str, String>,
    types: &'a FxHashMap<&'a str, &'a TypeDef>,
    /// (pointer, type) and value, a component once per place that reaches it.
    found: Vec<((String, RustType), serde_json::Value)>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl<'a> Collector<'a> {
    /// The examples of the component schemas, each read as its type.
    fn components(&mut self) {
        let at = Pointer::root().push("components").push("schemas");
        for (key, schema) in self.doc.components.iter().flat_map(|c| &c.schemas) {
            if let (Some(name), ReferenceOr::Item(schema)) =
                (self.component_names.get(key.as_str()), schema)
            {
                self.schema(schema, &RustType::Named(name.clone()), &at.push(key));
            }
        }
    }

    /// The examples of the generated operations' parameters and responses.
    fn operations(&mut self, resources: &[Resource]) {
        let operations: FxHashMap<_, &Operation> = resources
            .iter()
            .flat_map(|r| &r.operations)
            .map(|op| ((op.path.as_str(), op.http_method), op))
            .collect();
        for (path, item_pointer, item) in path_items(self.doc) {
            for (method, spec_op) in generated_methods(item) {
                if let Some(model) = operations.get(&(path, method)) {
                    let pointer = item_pointer.push(&method.as_str().to_lowercase());
                    let sources = [
                        (&item.parameters, &item_pointer),
                        (&spec_op.parameters, &pointer),
                    ];
                    for (params, base) in sources {
                        self.parameters(params, model, &base.push("parameters"));
                    }
                    self.responses(spec_op, model, &pointer.push("responses"));
                }
            }
        }
    }

    /// Keeps `value`, the example written at `pointer/key`.
    fn add(
        &mut self,
        value: Option<&serde_json::Value>,
        ty: &RustType,
        pointer: &Pointer,
        key: &str,
    ) {
        if let Some(value) = value {
            self.found
                .push(((pointer.push(key).into_string(), ty.clone()), value.clone()));
        }
    }

    /// The examples of `schema` and the inline schemas inside it, as the type it was lowered to.
    fn schema(&mut self, schema: &Schema, ty: &RustType, pointer: &Pointer) {
        self.add(schema.schema_data.example.as_ref(), ty, pointer, "example");
        // A nullable item's schema is the `Option`'s content, whose examples are inside.
        let ty = match ty {
            RustType::Nullable(inner) => inner,
            other => other,
        };
        let ty = unaliased(ty, |name| self.types.get(name).copied());
        match (&schema.schema_kind, ty) {
            (SchemaKind::Type(Type::Object(object)), RustType::Named(name)) => {
                let Some(TypeKind::Struct(fields)) = self.types.get(name.as_str()).map(|d| &d.kind)
                else {
                    return;
                };
                let properties = pointer.push("properties");
                for (wire_name, property) in &object.properties {
                    let field = fields.iter().find(|field| field.wire_name == *wire_name);
                    if let (ReferenceOr::Item(property), Some(field)) = (property, field) {
                        self.schema(property, &field.ty, &properties.push(wire_name));
                    }
                }
            }
            (SchemaKind::Type(Type::Object(object)), RustType::Map(value)) => {
                if let Some(AdditionalProperties::Schema(inner)) = &object.additional_properties {
                    if let ReferenceOr::Item(inner) = inner.as_ref() {
                        self.schema(inner, value, &pointer.push("additionalProperties"));
                    }
                }
            }
            (SchemaKind::Type(Type::Array(array)), RustType::Vec(item)) => {
                if let Some(ReferenceOr::Item(items)) = &array.items {
                    self.schema(items, item, &pointer.push("items"));
                }
            }
            _ => {}
        }
    }

    /// Examples of the path parameters the operation takes.
    fn parameters(
        &mut self,
        params: &'a [ReferenceOr<SpecParameter>],
        model: &Operation,
        base: &Pointer,
    ) {
        for (index, param) in params.iter().enumerate() {
            // A bad `$ref` here was reported when the operation was lowered.
            let Ok((SpecParameter::Path { parameter_data, .. }, pointer)) =
                follow(self.doc, param, &base.push(&index.to_string()))
            else {
                continue;
            };
            let Some(ty) = model
                .path_params
                .iter()
                .find(|p| p.wire_name == parameter_data.name)
                .map(|p| &p.ty)
            else {
                continue;
            };
            self.add(parameter_data.example.as_ref(), ty, &pointer, "example");
            self.named(&parameter_data.examples, ty, &pointer.push("examples"));
            if let ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) =
                &parameter_data.format
            {
                self.schema(schema, ty, &pointer.push("schema"));
            }
        }
    }

    /// Examples of the success body the method returns, and of any body whose schema is a `$ref`.
    fn responses(&mut self, op: &'a openapiv3::Operation, model: &Operation, base: &Pointer) {
        // The method returns the lowest 2xx's body.
        let success = op
            .responses
            .responses
            .keys()
            .filter_map(success_status)
            .min();
        let statuses = op.responses.responses.iter().map(|(s, r)| (Some(s), r));
        let default = op.responses.default.iter().map(|r| (None, r));
        for (status, response) in statuses.chain(default) {
            let token = status.map_or_else(|| "default".to_string(), StatusCode::to_string);
            // A bad `$ref` here was reported when the operation was lowered.
            let Ok((response, pointer)) = follow(self.doc, response, &base.push(&token)) else {
                continue;
            };
            let status = status.and_then(success_status);
            let returned = match &model.response {
                ResponseBody::Json(ty) if status.is_some() && status == success => Some(ty),
                // Each status's body is its own variant's type.
                ResponseBody::ByStatus(responses) => status.and_then(|status| {
                    responses
                        .statuses
                        .iter()
                        .find(|body| body.status == status)?
                        .body
                        .as_ref()
                }),
                _ => None,
            };
            self.response(response, returned, &pointer);
        }
    }

    fn response(&mut self, response: &'a Response, returned: Option<&RustType>, pointer: &Pointer) {
        let first_json = response.content.keys().find(|media| is_json(media));
        for (media_type, content) in &response.content {
            let from_ref = match &content.schema {
                Some(ReferenceOr::Reference { reference }) if is_json(media_type) => reference
                    .strip_prefix(SCHEMA_REF_PREFIX)
                    .and_then(|key| self.component_names.get(key)),
                _ => None,
            };
            let ty = match (returned, from_ref) {
                (Some(ty), _) if Some(media_type) == first_json => ty.clone(),
                (_, Some(name)) => RustType::Named(name.clone()),
                _ => continue,
            };
            let pointer = pointer.push("content").push(media_type);
            self.add(content.example.as_ref(), &ty, &pointer, "example");
            self.named(&content.examples, &ty, &pointer.push("examples"));
            if let Some(ReferenceOr::Item(schema)) = &content.schema {
                self.schema(schema, &ty, &pointer.push("schema"));
            }
        }
    }

    /// The values of an `examples` map, whose entries may be `$ref`s.
    fn named(
        &mut self,
        examples: impl IntoIterator<Item = (&'a String, &'a ReferenceOr<openapiv3::Example>)>,
        ty: &RustType,
        base: &Pointer,
    ) {
        for (name, example) in examples {
            match follow(self.doc, example, &base.push(name)) {
                Ok((example, pointer)) => self.add(example.value.as_ref(), ty, &pointer, "value"),
                Err(diagnostic) => self.diagnostics.push(diagnostic),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_names_come_from_the_unescaped_pointer() {
        assert_eq!(
            name_of("#/paths/~1recordings~1{id}/get/parameters/0/example"),
            "paths_recordings_id_get_parameters_0_example"
        );
        assert_eq!(
            name_of("#/components/schemas/A-b/example"),
            "components_schemas_a_b_example"
        );
    }
}

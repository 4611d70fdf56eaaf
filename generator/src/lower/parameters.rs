//! Path, query and header parameters.

use std::collections::BTreeSet;

use openapiv3::{
    Parameter as SpecParameter, ParameterSchemaOrContent, QueryStyle as SpecQueryStyle, ReferenceOr,
};

use super::component_refs::{follow, resolve};
use super::operation::OperationLowering;
use crate::diagnostics::{Diagnostic, Pointer};
use crate::model::{Location, Parameter, QueryStyle, RustType};
use crate::naming;

/// Names of the generated methods' other arguments and locals.
const RESERVED_ARGUMENTS: &[&str] = &[
    "body",
    "params",
    "resource",
    "first_page",
    "page_number",
    "page",
    "request",
    "response",
];

/// Headers OpenAPI says a parameter may not define: the client sets them.
const IGNORED_HEADERS: &[&str] = &["accept", "content-type", "authorization"];

/// Headers that frame the body, which the HTTP client sets from the body it sends: a value
/// that disagrees would cut the body short or leave the server waiting for more.
const FRAMING_HEADERS: &[&str] = &["content-length", "transfer-encoding"];

/// The warning that leaves out a header parameter the client sets itself, if `name` is one.
fn ignored_header(name: &str, pointer: &Pointer) -> Option<Diagnostic> {
    let lower = name.to_ascii_lowercase();
    if IGNORED_HEADERS.contains(&lower.as_str()) {
        let message = format!("the header parameter `{name}` is ignored, as OpenAPI says: the client sets `{name}` itself");
        let hint = "describe media types in `content` and credentials in `securitySchemes`";
        Some(Diagnostic::warning(pointer, message).with_hint(hint))
    } else if FRAMING_HEADERS.contains(&lower.as_str()) {
        let message = format!("the header parameter `{name}` is ignored: the HTTP client sets `{name}` from the body it sends");
        Some(Diagnostic::warning(pointer, message))
    } else {
        None
    }
}

impl<'a> OperationLowering<'a, '_> {
    /// The parameters that apply to an operation, operation-level ones overriding path-level
    /// ones, each with where it is listed and where it is written (so uses share its type).
    pub(super) fn declared_params(
        &mut self,
        shared_params: &'a [ReferenceOr<SpecParameter>],
        operation: &'a openapiv3::Operation,
        path_item: &Pointer,
        pointer: &Pointer,
    ) -> Vec<Declared<'a>> {
        let mut declared: Vec<Declared<'a>> = Vec::new();
        let sources = [
            (shared_params, path_item),
            (operation.parameters.as_slice(), pointer),
        ];
        for (params, base) in sources {
            let base = base.push("parameters");
            for (index, param) in params.iter().enumerate() {
                let param_pointer = base.push(&index.to_string());
                let Some((param, home)) =
                    resolve(self.doc, param, &param_pointer, &mut self.types.diagnostics)
                else {
                    continue;
                };
                let data = param.parameter_data_ref();
                // The same name in the same place: the operation's overrides the path item's.
                declared.retain(|(seen, _, _)| {
                    let same_place = std::mem::discriminant(*seen) == std::mem::discriminant(param);
                    !(seen.parameter_data_ref().name == data.name && same_place)
                });
                declared.push((param, param_pointer, home));
            }
        }
        declared
    }

    /// The path parameters in template order; a lone declared one the template does not name
    /// fills a lone undeclared name of the template, as the same parameter misspelt.
    pub(super) fn path_params(
        &mut self,
        path: &str,
        declared: &[Declared<'a>],
        pointer: &Pointer,
    ) -> Vec<Parameter> {
        let path_name = |param: &SpecParameter| match param {
            SpecParameter::Path { parameter_data, .. } => Some(parameter_data.name.clone()),
            _ => None,
        };
        let unused: Vec<(String, &Pointer)> = declared
            .iter()
            .filter_map(|(param, param_pointer, _)| Some((path_name(param)?, param_pointer)))
            .filter(|(name, _)| !template_names(path).any(|named| named == name))
            .collect();
        let undeclared: Vec<&str> = template_names(path)
            .filter(|name| {
                !declared
                    .iter()
                    .any(|(param, _, _)| path_name(param).as_deref() == Some(*name))
            })
            .collect();
        let binding = match (unused.as_slice(), undeclared.as_slice()) {
            ([(declared_name, param_pointer)], [named]) => {
                self.types.diagnostics.push(Diagnostic::warning(
                    *param_pointer,
                    format!("path parameter `{declared_name}` does not appear in the path `{path}`, which names `{{{named}}}` instead and declares no `{named}`; `{declared_name}` is taken to fill `{{{named}}}`"),
                ).with_hint("rename the parameter or the template so that they agree"));
                Some((named.to_string(), declared_name.clone()))
            }
            _ => {
                for (name, param_pointer) in &unused {
                    self.types.diagnostics.push(
                        Diagnostic::warning(
                            *param_pointer,
                            format!("path parameter `{name}` does not appear in the path `{path}`, so it is left out"),
                        )
                        .with_hint("remove the parameter or add it to the path template"),
                    );
                }
                None
            }
        };

        // Path parameters are arguments beside `body`, `params` and the auto-paging locals.
        let mut taken: BTreeSet<String> =
            RESERVED_ARGUMENTS.iter().map(|s| s.to_string()).collect();
        template_names(path)
            .filter_map(|name| {
                let declared_name = match &binding {
                    Some((named, declared_name)) if named == name => declared_name.as_str(),
                    _ => name,
                };
                let found = declared
                    .iter()
                    .find(|(param, _, _)| path_name(param).as_deref() == Some(declared_name))
                    .cloned()
                    .or_else(|| self.declared_by_sibling(path, declared_name, pointer));
                let Some((param, param_pointer, home)) = found else {
                    self.types.diagnostics.push(
                        Diagnostic::error(
                            pointer,
                            format!("the path `{path}` names `{{{name}}}` but no path parameter `{name}` is declared"),
                        )
                        .with_hint(format!("add a parameter with `name: {name}` and `in: path`")),
                    );
                    return None;
                };
                let ty = self.parameter_type(param, &naming::type_name(declared_name), &home);
                let ty = self.types.primitive_behind_alias(&ty);
                let mut ty = self.types.scalar_or_list_as_list(&ty).unwrap_or(ty);
                // A list of scalars is sent in OpenAPI's `simple` style, comma-separated.
                let scalar_list = matches!(&ty, RustType::Vec(item)
                    if self.types.is_scalar(item) && **item != RustType::DateTime);
                if !self.types.is_scalar(&ty) && !scalar_list {
                    self.types.diagnostics.push(Diagnostic::warning(
                        &param_pointer,
                        format!("path parameter `{declared_name}` is not a scalar; the method takes the text to put in the path"),
                    ));
                    ty = RustType::String;
                }
                let mut parameter = self.parameter(param, ty, Location::Path, &mut taken);
                parameter.wire_name = name.to_string();
                Some(parameter)
            })
            .collect()
    }

    /// The declaration of the path parameter `name` by another operation of `path`, used with a
    /// warning at `pointer`: Svix lists `{app_id}` on its PUT and forgets it on the GET, PATCH
    /// and DELETE of the same path, which the same parameter clearly fills.
    fn declared_by_sibling(
        &mut self,
        path: &str,
        name: &str,
        pointer: &Pointer,
    ) -> Option<Declared<'a>> {
        let item = self.doc.paths.paths.get(path)?.as_item()?;
        let path_item = Pointer::root().push("paths").push(path);
        let doc = self.doc;
        let mut declarations = item.iter().flat_map(|(method, operation)| {
            let base = path_item.push(method).push("parameters");
            operation.parameters.iter().enumerate().filter_map(move |(index, param)| {
                let param_pointer = base.push(&index.to_string());
                let (param, home) = follow(doc, param, &param_pointer).ok()?;
                let declares = matches!(param, SpecParameter::Path { parameter_data, .. } if parameter_data.name == name);
                declares.then_some((param, param_pointer, home))
            })
        });
        let found = declarations.next()?;
        // The schema a declaration gives, through its `$ref`, so that a `$ref` and the schema it
        // names written out agree.
        let schema = |param: &'a SpecParameter| match &param.parameter_data_ref().format {
            ParameterSchemaOrContent::Schema(schema) => self.types.followed(schema),
            ParameterSchemaOrContent::Content(_) => None,
        };
        let first = schema(found.0);
        // Siblings that disagree leave the choice to the order of methods; the reader should know.
        let disagreeing: Vec<String> = declarations
            .filter(|(param, ..)| schema(param) != first)
            .map(|(_, at, _)| format!("; `{at}` declares it differently"))
            .collect();
        self.types.diagnostics.push(
            Diagnostic::warning(
                pointer,
                format!("the path `{path}` names `{{{name}}}` but this operation declares no path parameter `{name}`; the one declared at `{}` is used{}", found.1, disagreeing.concat()),
            )
            .with_hint("declare the parameter on the path item, so that every operation of the path shares it"),
        );
        Some(found)
    }

    /// The query and header parameters; `None` when a required one cannot be sent.
    pub(super) fn other_params(
        &mut self,
        declared: &[Declared<'a>],
        name_hint: &str,
    ) -> Option<Vec<Parameter>> {
        let mut taken = BTreeSet::new();
        let mut params = Vec::new();
        let mut complete = true;
        for (param, pointer, home) in declared {
            let data = param.parameter_data_ref();
            let hint = format!("{name_hint}{}", naming::type_name(&data.name));
            // Headers and cookies are sent as text.
            if let SpecParameter::Header { .. } = param {
                if let Some(warning) = ignored_header(&data.name, pointer) {
                    self.types.diagnostics.push(warning);
                    continue;
                }
            }
            let (location, place) = match param {
                SpecParameter::Path { .. } => continue,
                SpecParameter::Query { style, .. } => {
                    (Location::Query(query_style(style, data.explode)), None)
                }
                SpecParameter::Header { .. } => (Location::Header, Some("header")),
                SpecParameter::Cookie { .. } => (Location::Cookie, Some("cookie")),
            };
            let ty = self.parameter_type(param, &hint, home);
            if let Some(place) = place.filter(|_| !self.types.is_scalar_or_list(&ty)) {
                let (name, why) = (&data.name, "must be scalars or arrays of scalars");
                let message = if data.required {
                    format!("required parameter `{name}` cannot be sent: {place} parameters {why}; the operation is not generated")
                } else {
                    format!("parameter `{name}` is left out: {place} parameters {why}")
                };
                self.types
                    .diagnostics
                    .push(Diagnostic::warning(pointer, message));
                complete &= !data.required;
                continue;
            }
            params.push(self.parameter(param, ty, location, &mut taken));
        }
        complete.then_some(params)
    }

    fn parameter_type(
        &mut self,
        param: &'a SpecParameter,
        hint: &str,
        pointer: &Pointer,
    ) -> RustType {
        let hint = self.types.hint_for(pointer, hint).to_string();
        match &param.parameter_data_ref().format {
            ParameterSchemaOrContent::Schema(schema) => {
                let ty = self.types.lower(schema, &hint, &pointer.push("schema"));
                // An inline schema is usually described by its parameter.
                if let (ReferenceOr::Item(_), Some(description)) =
                    (schema, &param.parameter_data_ref().description)
                {
                    self.types.describe_if_undocumented(&ty, description);
                }
                ty.without_null_items()
            }
            // A parameter with `content` is passed as the text it is sent as.
            ParameterSchemaOrContent::Content(_) => RustType::String,
        }
    }

    fn parameter(
        &mut self,
        param: &SpecParameter,
        ty: RustType,
        location: Location,
        taken: &mut BTreeSet<String>,
    ) -> Parameter {
        let data = param.parameter_data_ref();
        let schema = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => Some(schema),
            ParameterSchemaOrContent::Content(_) => None,
        };
        Parameter {
            wire_name: data.name.clone(),
            rust_name: naming::unique(naming::snake_name(&data.name), taken),
            ty,
            description: data.description.clone(),
            example: self.documented_example(data.example.as_ref(), data.examples.values(), schema),
            default: schema
                .and_then(|schema| self.types.followed(schema)?.schema_data.default.as_ref())
                .map(serde_json::Value::to_string),
            sample: schema.and_then(|schema| self.types.constrained_sample(schema)),
            location,
            required: data.required || location == Location::Path,
            deprecated: data.deprecated.unwrap_or(false),
        }
    }
}

/// A parameter that applies to an operation, where it is listed, and where it is written.
pub(super) type Declared<'a> = (&'a SpecParameter, Pointer, Pointer);

fn query_style(style: &SpecQueryStyle, explode: Option<bool>) -> QueryStyle {
    match style {
        SpecQueryStyle::Form if explode.unwrap_or(true) => QueryStyle::FormExploded,
        SpecQueryStyle::Form => QueryStyle::Form,
        SpecQueryStyle::DeepObject => QueryStyle::DeepObject,
        SpecQueryStyle::SpaceDelimited => QueryStyle::SpaceDelimited,
        SpecQueryStyle::PipeDelimited => QueryStyle::PipeDelimited,
    }
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
}

//! Schemas named by any JSON pointer into the document (`$ref`s such as
//! `#/components/schemas/Order/properties/status` are valid OpenAPI), with the
//! name lowering gives the type where it is written, so both places share it.

use std::borrow::Borrow;

use openapiv3::{
    AdditionalProperties, Components, OpenAPI, ParameterSchemaOrContent, ReferenceOr, Schema,
    SchemaKind, Type,
};

use super::component_refs::MAX_REF_CHAIN;
use super::media_types::is_json;
use crate::diagnostics::{reference_tokens, Pointer};
use crate::naming;

/// A schema as written: inline, or a `$ref` to another place.
#[derive(Clone, Copy)]
pub(super) enum Target<'a> {
    Ref(&'a str),
    Item(&'a Schema),
}

/// The target of a schema as written, boxed (`properties`, `items`) or not.
pub(super) fn target<S: Borrow<Schema>>(schema: &ReferenceOr<S>) -> Target<'_> {
    match schema {
        ReferenceOr::Reference { reference } => Target::Ref(reference),
        ReferenceOr::Item(schema) => Target::Item(schema.borrow()),
    }
}

/// The schema a pointer names.
pub(super) struct Found<'a> {
    pub target: Target<'a>,
    /// Where the schema is written (for a parameter or response, its schema's place).
    pub pointer: Pointer,
    /// The name hint lowering gives this schema where it is written.
    pub hint: String,
    /// For the warning, when the pointer names a parameter, header or body: what was used instead.
    pub substituted: Option<String>,
}

/// Why a pointer names no schema.
pub(super) enum Missing<'a> {
    /// Nothing is there.
    Nowhere,
    /// The pointer goes on inside this `$ref`, which a JSON pointer does not follow.
    ThroughRef(&'a str),
    /// A parameter, response... is there, but it has no schema to use.
    NoSchema(&'static str),
}

/// The schema a chain of `$ref`s starting at `reference` finally names, and where it is
/// written; `None` for a chain that is too long or ends nowhere.
pub(super) fn final_schema<'a>(doc: &'a OpenAPI, reference: &str) -> Option<(&'a Schema, Pointer)> {
    let mut reference = reference;
    for _ in 0..MAX_REF_CHAIN {
        // Only the target is wanted here, not the name hint a component would give it.
        let found = schema_at(doc, &|_| None, reference).ok()?;
        match found.target {
            Target::Item(schema) => return Some((schema, found.pointer)),
            Target::Ref(next) => reference = next,
        }
    }
    None
}

/// The schema as written, or the one its `$ref` finally names.
pub(super) fn followed<'a, S: Borrow<Schema>>(
    doc: &'a OpenAPI,
    schema: &'a ReferenceOr<S>,
) -> Option<&'a Schema> {
    match target(schema) {
        Target::Item(schema) => Some(schema),
        Target::Ref(reference) => Some(final_schema(doc, reference)?.0),
    }
}

/// The schema at `reference` (`#/...`); `component_name` names a component schema by key.
pub(super) fn schema_at<'a>(
    doc: &'a OpenAPI,
    component_name: &dyn Fn(&str) -> Option<String>,
    reference: &str,
) -> Result<Found<'a>, Missing<'a>> {
    let tokens = reference_tokens(reference).ok_or(Missing::Nowhere)?;
    let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
    let (start, rest) = match tokens.as_slice() {
        ["components", kind, key, rest @ ..] => {
            let components = doc.components.as_ref().ok_or(Missing::Nowhere)?;
            component(components, kind, key, rest, component_name)?
        }
        ["paths", path, method, rest @ ..] => operation(doc, path, method, rest)?,
        _ => return Err(Missing::Nowhere),
    };
    walk(start, rest)
}

fn component<'a, 't>(
    components: &'a Components,
    kind: &str,
    key: &str,
    rest: &'t [&'t str],
    component_name: &dyn Fn(&str) -> Option<String>,
) -> Result<(Found<'a>, &'t [&'t str]), Missing<'a>> {
    let pointer = Pointer::root().push("components").push(kind).push(key);
    // Made only where needed: most `$ref`s name component schemas, whose name is known.
    let hint = || naming::type_name(key);
    let (format, what) = match kind {
        "schemas" => {
            let schema = components.schemas.get(key).ok_or(Missing::Nowhere)?;
            let hint = component_name(key).unwrap_or_else(hint);
            return Ok((found(schema, pointer, hint, None), rest));
        }
        "parameters" => {
            let parameter = written(components.parameters.get(key))?;
            (&parameter.parameter_data_ref().format, "a parameter")
        }
        "headers" => (&written(components.headers.get(key))?.format, "a header"),
        "responses" => {
            let content = &written(components.responses.get(key))?.content;
            return content_schema(content, pointer, hint(), rest, "a response");
        }
        "requestBodies" => {
            let content = &written(components.request_bodies.get(key))?.content;
            return content_schema(content, pointer, hint(), rest, "a request body");
        }
        _ => return Err(Missing::Nowhere),
    };
    let (substituted, rest) = match rest {
        ["schema", rest @ ..] => (None, rest),
        [] => (
            Some(format!("names {what}, not a schema; its `schema` is used")),
            rest,
        ),
        _ => return Err(Missing::Nowhere),
    };
    let ParameterSchemaOrContent::Schema(schema) = format else {
        return Err(Missing::NoSchema("it has `content`, not a `schema`"));
    };
    let pointer = pointer.push("schema");
    Ok((found(schema, pointer, hint(), substituted), rest))
}

/// The item found, unless it is missing or itself a `$ref`.
fn written<T>(component: Option<&ReferenceOr<T>>) -> Result<&T, Missing<'static>> {
    component
        .and_then(ReferenceOr::as_item)
        .ok_or(Missing::Nowhere)
}

/// The schema of a response or request body: at `content/<type>/schema`, or,
/// when the pointer stops at the body, that of its JSON media type.
fn content_schema<'a, 't>(
    content: &'a openapiv3::Content,
    pointer: Pointer,
    hint: String,
    rest: &'t [&'t str],
    what: &str,
) -> Result<(Found<'a>, &'t [&'t str]), Missing<'a>> {
    let (media_type, media, substituted, rest) = match rest {
        ["content", media_type, "schema", rest @ ..] => {
            let media = content.get(*media_type).ok_or(Missing::Nowhere)?;
            ((*media_type).to_string(), media, None, rest)
        }
        [] => {
            let (media_type, media) = content
                .iter()
                .find(|(media_type, _)| is_json(media_type))
                .ok_or(Missing::NoSchema("it has no JSON content"))?;
            let used = format!("names {what}, not a schema; its `{media_type}` schema is used");
            (media_type.clone(), media, Some(used), rest)
        }
        _ => return Err(Missing::Nowhere),
    };
    let schema = media
        .schema
        .as_ref()
        .ok_or(Missing::NoSchema("its JSON content has no `schema`"))?;
    let pointer = pointer.push("content").push(&media_type).push("schema");
    Ok((found(schema, pointer, hint, substituted), rest))
}

fn found(
    schema: &ReferenceOr<Schema>,
    pointer: Pointer,
    hint: String,
    substituted: Option<String>,
) -> Found<'_> {
    Found {
        target: target(schema),
        pointer,
        hint,
        substituted,
    }
}

/// Schemas written in an operation's parameters, request body and responses.
fn operation<'a, 't>(
    doc: &'a OpenAPI,
    path: &str,
    method: &str,
    rest: &'t [&'t str],
) -> Result<(Found<'a>, &'t [&'t str]), Missing<'a>> {
    let item = written(doc.paths.paths.get(path))?;
    let pointer = Pointer::root().push("paths").push(path).push(method);
    let (parameters, operation) = match method {
        "parameters" => (&item.parameters, None),
        _ => {
            let (_, operation) = item
                .iter()
                .find(|(name, _)| *name == method)
                .ok_or(Missing::Nowhere)?;
            (&operation.parameters, Some(operation))
        }
    };
    let hint = naming::type_name(
        &operation
            .and_then(|operation| operation.operation_id.clone())
            .unwrap_or_else(|| format!("{method} {path}")),
    );
    match (rest, operation) {
        (["parameters", index, "schema", rest @ ..], _) | ([index, "schema", rest @ ..], None) => {
            let parameters_pointer = match operation {
                Some(_) => pointer.push("parameters"),
                None => pointer,
            };
            let parameter = index.parse().ok().and_then(|i: usize| parameters.get(i));
            let data = written(parameter)?.parameter_data_ref();
            let ParameterSchemaOrContent::Schema(schema) = &data.format else {
                return Err(Missing::Nowhere);
            };
            let pointer = parameters_pointer.push(index).push("schema");
            let hint = format!("{hint}{}", naming::type_name(&data.name));
            Ok((found(schema, pointer, hint, None), rest))
        }
        (["requestBody", rest @ ..], Some(operation)) => content_schema(
            &written(operation.request_body.as_ref())?.content,
            pointer.push("requestBody"),
            format!("{hint}Body"),
            rest,
            "a request body",
        ),
        (["responses", status, rest @ ..], Some(operation)) => {
            let response = match *status {
                "default" => operation.responses.default.as_ref(),
                status => operation
                    .responses
                    .responses
                    .iter()
                    .find(|(code, _)| code.to_string() == status)
                    .map(|(_, response)| response),
            };
            let content = &written(response)?.content;
            let pointer = pointer.push("responses").push(status);
            content_schema(
                content,
                pointer,
                format!("{hint}Response"),
                rest,
                "a response",
            )
        }
        _ => Err(Missing::Nowhere),
    }
}

/// Follows the remaining tokens through schema keywords, naming what it finds as lowering does.
fn walk<'a>(mut found: Found<'a>, mut rest: &[&str]) -> Result<Found<'a>, Missing<'a>> {
    while let [keyword, tail @ ..] = rest {
        // A pointer does not pass through a `$ref`: it names what is written.
        let current = match found.target {
            Target::Item(current) => current,
            Target::Ref(reference) => return Err(Missing::ThroughRef(reference)),
        };
        let (next, consumed) =
            step(current, keyword, tail.first().copied(), &found.hint).ok_or(Missing::Nowhere)?;
        found.pointer = found.pointer.push(keyword);
        rest = tail;
        if let (true, [token, after @ ..]) = (consumed, tail) {
            found.pointer = found.pointer.push(token);
            rest = after;
        }
        (found.target, found.hint) = next;
    }
    Ok(found)
}

/// The schema one keyword leads to and its name hint, and whether it `consumed` the next token.
fn step<'a>(
    schema: &'a Schema,
    keyword: &str,
    token: Option<&str>,
    hint: &str,
) -> Option<((Target<'a>, String), bool)> {
    let index = token.and_then(|token| token.parse::<usize>().ok());
    let inside = subschemas(schema);
    let &(place, found) = inside.iter().find(|(place, _)| match *place {
        Place::Keyword(name) => name == keyword,
        Place::Property(key) => keyword == "properties" && Some(key) == token,
        Place::Entry(list, at) => list == keyword && Some(at) == index,
    })?;
    let in_list = |list| {
        inside
            .iter()
            .filter(move |(place, _)| matches!(place, Place::Entry(named, _) if *named == list))
    };
    let hint = match place {
        Place::Keyword("items") => format!("{hint}Item"),
        Place::Keyword("additionalProperties") => format!("{hint}Value"),
        Place::Property(key) => format!("{hint}{}", naming::type_name(key)),
        // The parts of an `allOf` are merged into the schema's own type;
        // a union's variants are named by title, else by position.
        Place::Entry(list, index) if list != "allOf" && in_list(list).count() > 1 => {
            variant_hint(found, hint, index)
        }
        _ => hint.to_string(),
    };
    Some(((found, hint), !matches!(place, Place::Keyword(_))))
}

/// Where a schema is written inside another: under a keyword, as a property, or in a list.
#[derive(Clone, Copy)]
pub(super) enum Place<'a> {
    Keyword(&'static str),
    Property(&'a str),
    Entry(&'static str, usize),
}

impl Place<'_> {
    /// The pointer of this place inside the schema at `parent`.
    pub(super) fn pointer(self, parent: &Pointer) -> Pointer {
        match self {
            Place::Keyword(keyword) => parent.push(keyword),
            Place::Property(key) => parent.push("properties").push(key),
            Place::Entry(list, index) => parent.push(list).push(&index.to_string()),
        }
    }
}

/// The schemas written directly inside `schema`: its parts, `not`, properties, items and values.
pub(super) fn subschemas(schema: &Schema) -> Vec<(Place<'_>, Target<'_>)> {
    let (properties, items, additional, not) = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => (
            Some(&object.properties),
            None,
            object.additional_properties.as_ref(),
            None,
        ),
        SchemaKind::Type(Type::Array(array)) => (None, array.items.as_ref(), None, None),
        SchemaKind::Not { not } => (None, None, None, Some(not)),
        SchemaKind::Any(any) => (
            Some(&any.properties),
            any.items.as_ref(),
            any.additional_properties.as_ref(),
            any.not.as_ref(),
        ),
        _ => (None, None, None, None),
    };
    let parts = compositions(schema).into_iter().flat_map(|(list, parts)| {
        let parts = parts.iter().enumerate();
        parts.map(move |(index, part)| (Place::Entry(list, index), target(part)))
    });
    let mut found: Vec<_> = parts.collect();
    found.extend(not.map(|not| (Place::Keyword("not"), target(not))));
    let properties = properties.into_iter().flatten();
    found.extend(properties.map(|(key, property)| (Place::Property(key), target(property))));
    found.extend(items.map(|items| (Place::Keyword("items"), target(items))));
    if let Some(AdditionalProperties::Schema(values)) = additional {
        found.push((Place::Keyword("additionalProperties"), target(values)));
    }
    found
}

/// The `allOf`, `oneOf` and `anyOf` parts of `schema`, each list empty where it has none.
pub(super) fn compositions(schema: &Schema) -> [(&'static str, &[ReferenceOr<Schema>]); 3] {
    let (all_of, one_of, any_of): (&[_], &[_], &[_]) = match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => (all_of, &[], &[]),
        SchemaKind::OneOf { one_of } => (&[], one_of, &[]),
        SchemaKind::AnyOf { any_of } => (&[], &[], any_of),
        SchemaKind::Any(any) => (&any.all_of, &any.one_of, &any.any_of),
        _ => (&[], &[], &[]),
    };
    [("allOf", all_of), ("oneOf", one_of), ("anyOf", any_of)]
}

/// The name hint of a union's inline variant: its title, else its one value (Stripe's
/// "set or clear" fields end with `enum: ['']`, which reads as `Empty`), else its position.
pub(super) fn variant_hint(part: Target<'_>, base: &str, index: usize) -> String {
    let Target::Item(schema) = part else {
        return String::new();
    };
    let one_value = match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => match string.enumeration.as_slice() {
            [Some(value)] => Some(value.as_str()),
            _ => None,
        },
        _ => None,
    };
    match (&schema.schema_data.title, one_value) {
        (Some(title), _) => title.clone(),
        (None, Some(value)) => format!("{base}{}", naming::variant_name(value)),
        (None, None) => format!("{base}Variant{}", index + 1),
    }
}

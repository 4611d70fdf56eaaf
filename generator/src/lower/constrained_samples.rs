//! Values for example calls that honour what a schema asks beyond its type, which the model
//! does not keep: a string's pattern, format and length, a number's bounds, a list's least
//! length and its items' constraints. A value is built only where the placeholder of the type
//! would break one; a `null` in it stands for an item the model's sample fills in (see
//! `sample_values::completed`).

use std::borrow::Borrow;

use openapiv3::{
    ArrayType, IntegerType, NumberType, ReferenceOr, Schema, SchemaKind, StringType, Type,
};
use serde_json::Value;

use super::string_samples::{distinct_string_samples, is_plain, string_sample};
use super::types::TypeRegistry;

/// The most items a sampled list holds, whatever its `minItems` asks.
const MAX_ITEMS: usize = 64;

/// How deep lists of lists are followed.
const MAX_DEPTH: usize = 8;

/// The placeholders example calls write for an integer or a number without a sample: the
/// body's and the parameter's (see `sample_values::sample` and `emit::example_calls::plain`).
const PLACEHOLDERS: [f64; 2] = [0.0, 1.0];

impl<'a> TypeRegistry<'a> {
    /// A value of `schema` (through `$ref`s) that keeps its constraints, as compact JSON,
    /// when a placeholder of its type would break one.
    pub(super) fn constrained_sample<S: Borrow<Schema>>(
        &self,
        schema: &'a ReferenceOr<S>,
    ) -> Option<String> {
        let value = self.sample(self.followed(schema)?, 0)?;
        Some(value.to_string())
    }

    /// A value of `schema` keeping its constraints.
    fn sample(&self, schema: &'a Schema, depth: usize) -> Option<Value> {
        match &schema.schema_kind {
            // A lone `allOf` member, such as a `$ref` given a description of its own.
            SchemaKind::AllOf { all_of } if depth < MAX_DEPTH => match all_of.as_slice() {
                [only] => self.sample(self.followed(only)?, depth + 1),
                _ => None,
            },
            // The first variant's value that keeps its constraints: a value of one variant is
            // one of the union, unless (in a `oneOf`) the variants overlap.
            SchemaKind::OneOf { one_of: variants } | SchemaKind::AnyOf { any_of: variants }
                if depth < MAX_DEPTH =>
            {
                let variants: Vec<&'a Schema> =
                    variants.iter().filter_map(|v| self.followed(v)).collect();
                // A variant that takes any text would take a format's or an enum's text too, and
                // a `oneOf` value may fit only one variant: the placeholder is left to fit it.
                let any_text = |variant: &&'a Schema| {
                    self.plain_string(variant, depth)
                        .is_some_and(|s| string_sample(s).is_none())
                };
                let one_of = matches!(schema.schema_kind, SchemaKind::OneOf { .. });
                if one_of && variants.iter().any(any_text) {
                    return None;
                }
                let mut variants = variants.into_iter();
                variants.find_map(|variant| self.variant_sample(variant, depth + 1))
            }
            SchemaKind::Type(Type::String(string)) if is_plain(string) => {
                string_sample(string).map(Value::String)
            }
            SchemaKind::Type(Type::Integer(integer)) if integer.enumeration.is_empty() => {
                integer_sample(integer).map(Value::from)
            }
            SchemaKind::Type(Type::Number(number)) if number.enumeration.is_empty() => {
                number_sample(number).map(Value::from)
            }
            // A boolean that may only be `true` (Clerk's `is_satellite: {enum: [true]}`) breaks
            // with the placeholder `false`.
            SchemaKind::Type(Type::Boolean(boolean))
                if !boolean.enumeration.contains(&Some(false)) =>
            {
                boolean
                    .enumeration
                    .iter()
                    .flatten()
                    .next()
                    .map(|b| Value::Bool(*b))
            }
            SchemaKind::Type(Type::Array(array)) if depth < MAX_DEPTH => {
                self.list_sample(array, depth)
            }
            // An `enum` beside `allOf` (a narrowing of a shared enum) is typed as the shared one.
            SchemaKind::Any(any) => any
                .enumeration
                .iter()
                .find(|value| !value.is_null())
                .cloned(),
            _ => None,
        }
    }

    /// A value of a union's variant. A string's format counts here too: what stands in for the
    /// union (the text of a path parameter, say) is no placeholder of the variant's own type.
    fn variant_sample(&self, schema: &'a Schema, depth: usize) -> Option<Value> {
        match &schema.schema_kind {
            SchemaKind::AllOf { all_of } if depth < MAX_DEPTH => match all_of.as_slice() {
                [only] => self.variant_sample(self.followed(only)?, depth + 1),
                _ => None,
            },
            // A string enum's first value: a `oneOf` of one-value enums, each with a description
            // of its own, is a common way to write an enum.
            SchemaKind::Type(Type::String(string)) => {
                match string.enumeration.iter().flatten().next() {
                    Some(value) => Some(Value::String(value.clone())),
                    None => string_sample(string).map(Value::String),
                }
            }
            _ => self.sample(schema, depth),
        }
    }

    /// `minItems` items (at least one, as the model's sample has), each keeping the items'
    /// constraints, or `null` where the items have none the model misses.
    fn list_sample(&self, array: &'a ArrayType, depth: usize) -> Option<Value> {
        let schema = array.items.as_ref().and_then(|items| self.followed(items));
        let count = array.min_items.unwrap_or(0).clamp(1, MAX_ITEMS);
        if let Some(string) = schema.and_then(|item| self.plain_string(item, depth)) {
            if array.unique_items && count > 1 {
                let texts = distinct_string_samples(string, count);
                return Some(texts.into_iter().map(Value::String).collect());
            }
        }
        let item = schema.and_then(|item| self.sample(item, depth + 1));
        if item.is_none() && count == 1 {
            return None;
        }
        Some(Value::Array(vec![item.unwrap_or(Value::Null); count]))
    }

    /// The string type `schema` is, through a lone `allOf` member, when it lowers to a `String`.
    fn plain_string(&self, schema: &'a Schema, depth: usize) -> Option<&'a StringType> {
        match &schema.schema_kind {
            SchemaKind::AllOf { all_of } if depth < MAX_DEPTH => match all_of.as_slice() {
                [only] => self.plain_string(self.followed(only)?, depth + 1),
                _ => None,
            },
            SchemaKind::Type(Type::String(string)) if is_plain(string) => Some(string),
            _ => None,
        }
    }
}

/// The integer nearest the placeholders within `integer`'s bounds and a multiple of its
/// `multipleOf`, when a placeholder is not.
fn integer_sample(integer: &IntegerType) -> Option<i64> {
    let least = integer
        .minimum
        .map(|min| min.saturating_add(i64::from(integer.exclusive_minimum)));
    let most = integer
        .maximum
        .map(|max| max.saturating_sub(i64::from(integer.exclusive_maximum)));
    let step = integer.multiple_of.filter(|&step| step > 0).unwrap_or(1);
    let fits = |value: i64| {
        least.is_none_or(|least| value >= least)
            && most.is_none_or(|most| value <= most)
            && value % step == 0
    };
    if PLACEHOLDERS
        .iter()
        .all(|&placeholder| fits(placeholder as i64))
    {
        return None;
    }
    let value = match (least, most) {
        // The least multiple at or above the minimum.
        (Some(least), _) => least
            .div_euclid(step)
            .saturating_add(i64::from(least.rem_euclid(step) != 0))
            .saturating_mul(step),
        // The greatest multiple at or below the maximum.
        (None, Some(most)) => most.div_euclid(step).saturating_mul(step),
        (None, None) => 0,
    };
    fits(value).then_some(value)
}

/// A number within `number`'s bounds (strictly inside an exclusive one), when a placeholder
/// is not; a `multipleOf` is kept only by the bounds' own multiples.
fn number_sample(number: &NumberType) -> Option<f64> {
    let above = |value: f64| match number.minimum {
        Some(min) if number.exclusive_minimum => value > min,
        Some(min) => value >= min,
        None => true,
    };
    let below = |value: f64| match number.maximum {
        Some(max) if number.exclusive_maximum => value < max,
        Some(max) => value <= max,
        None => true,
    };
    let multiple = |value: f64| {
        number
            .multiple_of
            .is_none_or(|step| (value / step).fract() == 0.0)
    };
    let fits = |value: f64| above(value) && below(value) && multiple(value);
    if PLACEHOLDERS.iter().all(|&placeholder| fits(placeholder)) {
        return None;
    }
    let candidates = [
        number.minimum,
        number.maximum,
        number.minimum.map(|min| min + 1.0),
        number.maximum.map(|max| max - 1.0),
        number
            .minimum
            .zip(number.maximum)
            .map(|(min, max)| (min + max) / 2.0),
    ];
    candidates.into_iter().flatten().find(|&value| fits(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample_of(yaml: &str) -> Option<Value> {
        let schema: Schema = serde_yaml::from_str(yaml).expect("a schema");
        let doc: openapiv3::OpenAPI =
            serde_yaml::from_str("{openapi: 3.0.3, info: {title: t, version: '1'}, paths: {}}")
                .expect("a document");
        let components = std::collections::BTreeMap::new();
        TypeRegistry::new(&doc, &components).sample(&schema, 0)
    }

    #[test]
    fn an_array_of_patterned_strings_is_sampled_with_items_matching_the_pattern() {
        let value = sample_of(r"{type: array, items: {type: string, pattern: '^\+1\d{3}$'}}");
        assert_eq!(value, Some(json!(["+1000"])));
    }

    #[test]
    fn a_list_with_min_items_is_sampled_with_that_many_items() {
        let value = sample_of("{type: array, minItems: 3, items: {type: string, format: uri}}");
        assert_eq!(
            value,
            Some(json!([
                "https://example.com",
                "https://example.com",
                "https://example.com"
            ]))
        );
    }

    #[test]
    fn a_list_of_unconstrained_items_with_min_items_leaves_the_items_to_the_model() {
        let value = sample_of("{type: array, minItems: 2, items: {type: object}}");
        assert_eq!(value, Some(json!([null, null])));
    }

    #[test]
    fn a_union_is_sampled_by_the_first_variant_a_placeholder_would_break() {
        let value =
            sample_of("{anyOf: [{type: boolean}, {type: integer, minimum: 1}, {enum: [a]}]}");
        assert_eq!(value, Some(json!(1)));
    }

    #[test]
    fn a_union_of_an_id_and_a_name_is_sampled_by_the_id_format() {
        let value = sample_of(
            "{oneOf: [{allOf: [{type: string, format: uuid}]}, {type: string, pattern: '^(?!x)[a-z]+$'}]}",
        );
        assert_eq!(value, Some(json!("00000000-0000-0000-0000-000000000000")));
    }

    #[test]
    fn a_union_of_one_value_enums_is_sampled_by_the_first_value() {
        let value =
            sample_of("{oneOf: [{type: string, enum: [upper]}, {type: string, enum: [lower]}]}");
        assert_eq!(value, Some(json!("upper")));
    }

    #[test]
    fn a_one_of_with_a_variant_taking_any_text_has_no_sample() {
        let value = sample_of("{oneOf: [{type: string, format: uuid}, {type: string}]}");
        assert_eq!(value, None);
    }

    #[test]
    fn a_union_whose_variants_take_placeholders_has_no_sample() {
        let value = sample_of("{oneOf: [{type: integer}, {type: boolean}]}");
        assert_eq!(value, None);
    }

    #[test]
    fn a_list_with_nothing_a_placeholder_breaks_has_no_sample() {
        assert_eq!(
            sample_of("{type: array, minItems: 1, items: {type: string}}"),
            None
        );
    }

    #[test]
    fn an_integer_with_a_minimum_is_sampled_at_or_above_it() {
        assert_eq!(sample_of("{type: integer, minimum: 5}"), Some(json!(5)));
        assert_eq!(
            sample_of("{type: integer, minimum: 5, exclusiveMinimum: true}"),
            Some(json!(6))
        );
    }

    #[test]
    fn an_integer_with_a_maximum_below_the_placeholders_is_sampled_at_or_below_it() {
        assert_eq!(
            sample_of("{type: integer, maximum: 0, exclusiveMaximum: true}"),
            Some(json!(-1))
        );
    }

    #[test]
    fn an_integer_with_a_multiple_is_sampled_at_the_least_multiple_above_its_minimum() {
        assert_eq!(
            sample_of("{type: integer, minimum: 7, multipleOf: 5}"),
            Some(json!(10))
        );
    }

    #[test]
    fn an_integer_whose_bounds_admit_the_placeholders_has_no_sample() {
        assert_eq!(sample_of("{type: integer, minimum: 0, maximum: 100}"), None);
    }

    #[test]
    fn a_number_with_an_exclusive_minimum_is_sampled_above_it() {
        let value = sample_of("{type: number, minimum: 2.5, exclusiveMinimum: true}");
        assert_eq!(value, Some(json!(3.5)));
    }

    #[test]
    fn a_number_between_exclusive_bounds_closer_than_one_is_sampled_between_them() {
        let value = sample_of(
            "{type: number, minimum: 0.1, maximum: 0.2, exclusiveMinimum: true, exclusiveMaximum: true}",
        );
        assert_eq!(value, Some(json!(0.15000000000000002)));
    }

    #[test]
    fn a_string_with_a_min_length_is_sampled_at_least_that_long() {
        let value = sample_of("{type: string, minLength: 10}");
        assert_eq!(value, Some(json!("s".repeat(10))));
    }

    #[test]
    fn a_string_with_a_max_length_is_sampled_no_longer() {
        assert_eq!(sample_of("{type: string, maxLength: 2}"), Some(json!("ss")));
    }

    #[test]
    fn a_list_of_unique_patterned_strings_is_sampled_with_different_items() {
        let value = sample_of(
            "{type: array, minItems: 3, uniqueItems: true, items: {type: string, pattern: '^(0|[1-9][0-9]*)$'}}",
        );
        assert_eq!(value, Some(json!(["0", "1", "2"])));
    }

    #[test]
    fn a_list_of_unique_plain_strings_is_sampled_with_different_items() {
        let value =
            sample_of("{type: array, minItems: 2, uniqueItems: true, items: {type: string}}");
        assert_eq!(value, Some(json!(["string", "strin1"])));
    }

    #[test]
    fn a_lone_all_of_member_is_sampled_as_that_member() {
        let value = sample_of("{allOf: [{type: integer, minimum: 3}], description: a count}");
        assert_eq!(value, Some(json!(3)));
    }

    #[test]
    fn an_enum_narrowing_a_shared_one_is_sampled_with_its_own_first_value() {
        let value =
            sample_of("{type: integer, enum: [3], allOf: [{type: integer, enum: [0, 1, 2, 3]}]}");
        assert_eq!(value, Some(json!(3)));
    }
}

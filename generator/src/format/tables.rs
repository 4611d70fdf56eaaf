//! The runtime macros' calls and the example tables, printed one row per line:
//! prettyplease does not know their grammar and would fill the lines like
//! prose, so one changed row would reflow the rest.

use std::fmt::Write;

use proc_macro2::{Spacing, TokenStream, TokenTree};

use crate::emit::{Table, TableCall};

/// A table's rows, one per line, between the call's first and last lines.
pub fn table_text(table: Table) -> String {
    let (mut text, close) = match &table.call {
        TableCall::Braces(path) => (format!("{path}! {{\n"), "}\n"),
        TableCall::Named(path, name) => (format!("{path}!({name} {{\n"), "});\n"),
    };
    for entry in entries(table.rows) {
        text.push_str("    ");
        let start = text.len();
        push_entry(&entry, &mut text);
        // Entries end with a comma, except `..rest`, which ends the list.
        if !text[start..].starts_with("..") {
            text.push(',');
        }
        text.push('\n');
    }
    text.push_str(close);
    text
}

/// The comma-separated entries of a macro's input; commas between `<` and
/// `>` belong to a type.
fn entries(tokens: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut entries = vec![Vec::new()];
    let mut depth = 0usize;
    for token in tokens {
        match &token {
            TokenTree::Punct(p) if p.as_char() == ',' && depth == 0 => {
                entries.push(Vec::new());
                continue;
            }
            TokenTree::Punct(p) if p.as_char() == '<' => depth += 1,
            TokenTree::Punct(p) if p.as_char() == '>' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if let Some(entry) = entries.last_mut() {
            entry.push(token);
        }
    }
    entries.retain(|entry| !entry.is_empty());
    entries
}

/// Appends the tokens of one entry, spaced as rustfmt would: no space around `::`,
/// inside `<>` or `..`, before `:` or `,`, or after a unary minus.
fn push_entry(tokens: &[TokenTree], text: &mut String) {
    let is = |token: Option<&TokenTree>, c: char| matches!(token, Some(TokenTree::Punct(p)) if p.as_char() == c);
    let joint = |token: Option<&TokenTree>| matches!(token, Some(TokenTree::Punct(p)) if p.spacing() == Spacing::Joint);
    for (index, token) in tokens.iter().enumerate() {
        let previous = index.checked_sub(1).and_then(|i| tokens.get(i));
        let before = index.checked_sub(2).and_then(|i| tokens.get(i));
        let current = Some(token);
        let end_of_path_separator = is(previous, ':') && is(before, ':') && joint(before);
        let unary_minus = is(previous, '-') && (before.is_none() || is(before, '='));
        let glued = previous.is_none()
            || joint(previous)
            || end_of_path_separator
            || unary_minus
            || is(previous, '.')
            || is(previous, '<')
            || is(current, '<')
            || is(current, '>')
            || is(current, ',')
            || is(current, ':');
        if !glued {
            text.push(' ');
        }
        let _ = write!(text, "{token}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(call: TableCall, rows: TokenStream) -> String {
        table_text(Table { call, rows })
    }

    fn named(path: &'static str, name: &str) -> TableCall {
        TableCall::Named(
            path,
            proc_macro2::Ident::new(name, proc_macro2::Span::call_site()),
        )
    }

    #[test]
    fn wire_macros_are_printed_one_entry_per_line() {
        let rows = quote::quote!(id = "id" required, name_x = "nameX" optional,);
        assert_eq!(
            table(named("crate::wire::object", "Thing"), rows),
            "crate::wire::object!(Thing {\n    id = \"id\" required,\n    name_x = \"nameX\" optional,\n});\n"
        );
    }

    #[test]
    fn wire_macro_entries_keep_negative_numbers_and_the_rest_field_whole() {
        let minus_one = proc_macro2::Literal::i64_unsuffixed(-1);
        let code = table(
            named("crate::wire::integer_enum", "Level"),
            quote::quote!(Minus1 = #minus_one,),
        );
        assert!(code.contains("    Minus1 = -1,\n"), "{code}");
        let code = table(
            named("crate::wire::object", "Bag"),
            quote::quote!(id = "id" required, ..additional_properties),
        );
        assert!(code.contains("    ..additional_properties\n});"), "{code}");
    }

    #[test]
    fn table_entries_keep_types_whole() {
        let rows = quote::quote! {
            a_round_trips: std::collections::HashMap<String, Vec<i64> > = A,
            b_round_trips: bool = B,
        };
        assert_eq!(
            table(TableCall::Braces("examples::round_trips"), rows),
            "examples::round_trips! {\n    a_round_trips: std::collections::HashMap<String, Vec<i64>> = A,\n    b_round_trips: bool = B,\n}\n"
        );
    }
}

//! The public items of a generated crate with their types, read from its
//! source: what `cargo-semver-checks` does not compare. It reports removed
//! items and changed signatures' arity, but not a field or parameter whose
//! type changed, the most common breaking change a spec makes after a
//! removal.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use quote::ToTokens;

/// Every public item by path (`models::Recording::id`), with its type or
/// signature as text.
pub type Surface = BTreeMap<String, String>;

/// How two surfaces differ.
#[derive(Debug, Default, PartialEq)]
pub struct Difference {
    /// Items in both whose type changed: (path, old, new).
    pub changed: Vec<(String, String, String)>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

pub fn compare(old: &Surface, new: &Surface) -> Difference {
    let mut difference = Difference::default();
    for (path, old_type) in old {
        match new.get(path) {
            Some(new_type) if new_type != old_type => {
                difference
                    .changed
                    .push((path.clone(), old_type.clone(), new_type.clone()));
            }
            Some(_) => {}
            None => difference.removed.push(path.clone()),
        }
    }
    difference.added = new
        .keys()
        .filter(|path| !old.contains_key(*path))
        .cloned()
        .collect();
    difference
}

/// The surface of the crate whose `src/` is in `crate_dir`. A file that does
/// not parse adds nothing: this is a report, and the compiler has the last word.
pub fn read(crate_dir: &Path) -> Surface {
    let mut surface = Surface::new();
    let src = crate_dir.join("src");
    let mut pending = vec![src.clone()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let module = module_path(&src, &path);
                if let Some(file) = fs::read_to_string(&path)
                    .ok()
                    .and_then(|text| syn::parse_file(&text).ok())
                {
                    items(&module, &file.items, &mut surface);
                }
            }
        }
    }
    surface
}

/// `src/resources/recordings.rs` -> `resources::recordings`; `src/lib.rs` -> ``.
fn module_path(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .filter(|part| part != "lib" && part != "mod")
        .collect();
    parts.join("::")
}

fn items(module: &str, items: &[syn::Item], surface: &mut Surface) {
    let at = |name: &dyn std::fmt::Display| {
        if module.is_empty() {
            name.to_string()
        } else {
            format!("{module}::{name}")
        }
    };
    for item in items {
        match item {
            syn::Item::Struct(item) if is_public(&item.vis) => {
                let path = at(&item.ident);
                surface.insert(path.clone(), "struct".to_string());
                for (index, field) in item.fields.iter().enumerate() {
                    if is_public(&field.vis) {
                        let name = field
                            .ident
                            .as_ref()
                            .map_or_else(|| index.to_string(), ToString::to_string);
                        surface.insert(format!("{path}::{name}"), text(&field.ty));
                    }
                }
            }
            syn::Item::Enum(item) if is_public(&item.vis) => {
                let path = at(&item.ident);
                surface.insert(path.clone(), "enum".to_string());
                for variant in &item.variants {
                    let fields: Vec<String> = variant.fields.iter().map(|f| text(&f.ty)).collect();
                    surface.insert(
                        format!("{path}::{}", variant.ident),
                        format!("({})", fields.join(", ")),
                    );
                }
            }
            syn::Item::Type(item) if is_public(&item.vis) => {
                surface.insert(at(&item.ident), text(&item.ty));
            }
            syn::Item::Fn(item) if is_public(&item.vis) => {
                surface.insert(at(&item.sig.ident), signature(&item.sig));
            }
            syn::Item::Impl(item) if item.trait_.is_none() => {
                let Some(owner) = self_type_name(&item.self_ty) else {
                    continue;
                };
                for member in &item.items {
                    if let syn::ImplItem::Fn(function) = member {
                        if is_public(&function.vis) {
                            let path = format!("{}::{}", at(&owner), function.sig.ident);
                            surface.insert(path, signature(&function.sig));
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

fn is_public(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

/// The name of the type an `impl` block is for: `Recordings` of `Recordings<'a, C>`.
fn self_type_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// `fn(&self, &str) -> Request<'a, T, C>`: the types, not the names.
fn signature(sig: &syn::Signature) -> String {
    let inputs: Vec<String> = sig
        .inputs
        .iter()
        .map(|input| match input {
            syn::FnArg::Typed(typed) => text(&typed.ty),
            receiver => text(receiver),
        })
        .collect();
    let output = match &sig.output {
        syn::ReturnType::Default => String::new(),
        syn::ReturnType::Type(_, ty) => format!(" -> {}", text(ty)),
    };
    format!("fn({}){output}", inputs.join(", "))
}

/// Tokens as a person writes them: `Option<Vec<String>>`, not `Option < Vec < String > >`.
fn text(tokens: &dyn ToTokens) -> String {
    let spaced = tokens.to_token_stream().to_string();
    let mut out = String::with_capacity(spaced.len());
    let mut previous = ' ';
    let chars: Vec<char> = spaced.chars().collect();
    for (index, &c) in chars.iter().enumerate() {
        let next = chars.get(index + 1).copied().unwrap_or(' ');
        let drop = c == ' '
            && (matches!(previous, '<' | ':' | '&' | '(' | '\'')
                || matches!(next, '<' | '>' | ':' | ',' | ')'));
        if !drop {
            out.push(c);
        }
        previous = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surface(source: &str) -> Surface {
        let mut surface = Surface::new();
        let file = syn::parse_file(source).unwrap();
        items("models", &file.items, &mut surface);
        surface
    }

    #[test]
    fn a_field_whose_type_changed_is_named_with_both_types() {
        let old = surface("pub struct Widget { pub name: Option<String>, pub id: String }");
        let new = surface("pub struct Widget { pub name: Option<i64>, pub id: String }");
        assert_eq!(
            compare(&old, &new).changed,
            [(
                "models::Widget::name".to_string(),
                "Option<String>".to_string(),
                "Option<i64>".to_string()
            )]
        );
    }

    #[test]
    fn methods_variants_and_fields_added_and_removed_are_listed() {
        let old = surface(
            "pub struct A { pub x: i32 } impl A { pub fn new(x: i32) -> Self { A { x } } } \
             pub enum E { One, Unknown(String) }",
        );
        let new = surface(
            "pub struct A { pub y: i32 } impl A { pub fn new(y: i32) -> Self { A { y } } \
             pub fn with_z(mut self, z: impl Into<String>) -> Self { self } } \
             pub enum E { One, Two, Unknown(String) }",
        );
        let difference = compare(&old, &new);
        assert_eq!(difference.removed, ["models::A::x"]);
        assert_eq!(
            difference.added,
            ["models::A::with_z", "models::A::y", "models::E::Two"]
        );
        assert!(difference.changed.is_empty(), "{difference:?}");
    }

    #[test]
    fn private_items_are_not_part_of_the_surface() {
        let surface = surface("struct Hidden { pub x: i32 } pub struct Shown { x: i32 }");
        assert_eq!(surface.keys().collect::<Vec<_>>(), ["models::Shown"]);
    }
}

//! Questions about the types lowered so far, asked by operations.

use super::component_refs::MAX_REF_CHAIN;
use super::types::TypeRegistry;
use crate::model::{Field, RustType, TypeDef, TypeKind};

impl TypeRegistry<'_> {
    /// Gives the inline type `ty` this description if its schema had none.
    pub fn describe_if_undocumented(&mut self, ty: &RustType, description: &str) {
        if let RustType::Named(name) = ty {
            if self.is_component_type(name) {
                return;
            }
            if let Some(def) = self.defined.types.get_mut(name) {
                def.description
                    .get_or_insert_with(|| description.to_string());
            }
        }
    }

    /// The fields of the struct `ty` names, following aliases.
    pub fn struct_fields(&self, ty: &RustType) -> Option<&[Field]> {
        let RustType::Named(name) = unaliased(ty, |name| self.defined.types.get(name)) else {
            return None;
        };
        match &self.defined.types.get(name)?.kind {
            TypeKind::Struct(fields) => Some(fields),
            _ => None,
        }
    }

    /// The type the aliases `ty` names stand for, followed to the end; else `ty` itself.
    pub fn behind_aliases(&self, ty: &RustType) -> RustType {
        unaliased(ty, |name| self.defined.types.get(name)).clone()
    }

    /// The list a union of a scalar and a list of that scalar stands for (Elasticsearch's
    /// `Indices`: one index name or several), which a path parameter sends comma-separated, one
    /// value being a list of one.
    pub fn scalar_or_list_as_list(&self, ty: &RustType) -> Option<RustType> {
        let RustType::Named(name) = ty else {
            return None;
        };
        let Some(TypeKind::Union(union)) = self.defined.types.get(name).map(|def| &def.kind) else {
            return None;
        };
        let (one, many) = match union.variants.as_slice() {
            [one, many] | [many, one] if matches!(many.ty, RustType::Vec(_)) => (&one.ty, &many.ty),
            _ => return None,
        };
        let RustType::Vec(item) = many else {
            return None;
        };
        let item = self.primitive_behind_alias(item);
        let alike = self.primitive_behind_alias(one) == item && self.is_scalar(&item);
        alike.then(|| RustType::Vec(Box::new(item)))
    }

    /// The primitive an alias stands for, so arguments can be taken as `&str`; else `ty` itself.
    pub fn primitive_behind_alias(&self, ty: &RustType) -> RustType {
        match unaliased(ty, |name| self.defined.types.get(name)) {
            primitive if *primitive == RustType::String || primitive.is_copy() => primitive.clone(),
            _ => ty.clone(),
        }
    }

    /// Whether a value of `ty` is a scalar, or a list of scalars, when sent as text.
    pub fn is_scalar_or_list(&self, ty: &RustType) -> bool {
        match ty {
            RustType::Vec(item) => self.is_scalar(item),
            other => self.is_scalar(other),
        }
    }

    /// Whether a value of `ty` is sent as text in a multipart body: scalars, unions of them, lists.
    pub fn is_text_part(&self, ty: &RustType) -> bool {
        let scalar_or_union = |ty: &RustType| {
            self.is_scalar(ty)
                || matches!(ty, RustType::Named(name) if matches!(
                    self.defined.types.get(name).map(|def| &def.kind),
                    Some(TypeKind::Union(union)) if union.variants.iter().all(|v| self.is_scalar(&v.ty))
                ))
        };
        match ty {
            RustType::Vec(item) => scalar_or_union(item),
            other => scalar_or_union(other),
        }
    }

    pub fn is_scalar(&self, ty: &RustType) -> bool {
        match ty {
            RustType::Named(name) => match self.defined.types.get(name).map(|def| &def.kind) {
                Some(TypeKind::StringEnum(_) | TypeKind::IntegerEnum(_)) => true,
                Some(TypeKind::Alias(target)) => self.is_scalar(target),
                _ => false,
            },
            RustType::Json
            | RustType::JsonObject
            | RustType::Vec(_)
            | RustType::Map(_)
            | RustType::Boxed(_)
            | RustType::Nullable(_) => false,
            _ => true,
        }
    }
}

/// What `ty` stands for once aliases, looked up by name, are seen through.
pub(super) fn unaliased<'t>(
    mut ty: &'t RustType,
    lookup: impl Fn(&str) -> Option<&'t TypeDef>,
) -> &'t RustType {
    for _ in 0..MAX_REF_CHAIN {
        let RustType::Named(name) = ty else { break };
        match lookup(name).map(|def| &def.kind) {
            Some(TypeKind::Alias(target)) => ty = target,
            _ => break,
        }
    }
    ty
}

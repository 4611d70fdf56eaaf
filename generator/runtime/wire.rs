//! How models are read from and written to JSON: `Serialize` and
//! `Deserialize` for objects and the `impl`s of enums, written by macros.
//! serde's derives expand to several hundred lines per struct, most of a large
//! client's compile time; these expand to far less. Object keys and enum
//! values are read without copying when the input allows it.
//!
//! A crate uses only the parts its spec needs: the module is declared with
//! `allow`s for the rest.

use std::fmt;

/// A string read from the input: borrowed from it when it can be, copied
/// otherwise (for instance when it had escapes).
pub(crate) enum CowStr<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl CowStr<'_> {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            CowStr::Borrowed(value) => value,
            CowStr::Owned(value) => value,
        }
    }

    pub(crate) fn into_string(self) -> String {
        match self {
            CowStr::Borrowed(value) => value.to_owned(),
            CowStr::Owned(value) => value,
        }
    }
}

impl<'de> serde::Deserialize<'de> for CowStr<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(CowStrVisitor)
    }
}

struct CowStrVisitor;

impl<'de> serde::de::Visitor<'de> for CowStrVisitor {
    type Value = CowStr<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E>(self, value: &'de str) -> Result<CowStr<'de>, E> {
        Ok(CowStr::Borrowed(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<CowStr<'de>, E> {
        Ok(CowStr::Owned(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<CowStr<'de>, E> {
        Ok(CowStr::Owned(value))
    }
}

/// A string enum read through its `From<&str>`: one generic function for
/// every enum, where a `match` of its own in each would be type-checked and
/// borrow-checked once per enum.
pub(crate) fn string_enum_from<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    match <CowStr<'de> as serde::Deserialize>::deserialize(deserializer) {
        Ok(value) => Ok(T::from(value.as_str())),
        Err(error) => Err(error),
    }
}

/// The fields of an object read so far, one `Option` per field in a tuple.
/// `object!` reads every object of up to 24 fields through these impls, which
/// are type-checked once for each number of fields, rather than through a
/// visitor of its own per struct, which would be checked once per struct.
pub(crate) trait Slots<'de> {
    fn empty() -> Self;

    /// Reads the value of the field at `index`, by its place in the names.
    fn read<A: serde::de::MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error>;
}

macro_rules! slots {
    ($(($($index:tt $ty:ident)*))*) => {$(
        impl<'de, $($ty: serde::Deserialize<'de>),*> Slots<'de> for ($(Option<$ty>,)*) {
            // For no fields this is `()`, which clippy would rather not see.
            #[allow(clippy::unused_unit)]
            fn empty() -> Self {
                ($(Option::<$ty>::None,)*)
            }

            // Inlined into the loop that calls it, as the `match` on each
            // key of a visitor of the struct's own would be.
            #[allow(unused_variables)]
            #[inline(always)]
            fn read<A: serde::de::MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error> {
                match index {
                    $($index => self.$index = Some(map.next_value()?),)*
                    _ => {}
                }
                Ok(())
            }
        }
    )*};
}

slots! {
    ()
    (0 T0)
    (0 T0 1 T1)
    (0 T0 1 T1 2 T2)
    (0 T0 1 T1 2 T2 3 T3)
    (0 T0 1 T1 2 T2 3 T3 4 T4)
    (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5)
    (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6)
    (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7)
    (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8)
    (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9)
    (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9 10 T10)
    (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9 10 T10 11 T11)
    (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9 10 T10 11 T11 12 T12)
    (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9 10 T10 11 T11 12 T12 13 T13)
    (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9 10 T10 11 T11 12 T12 13 T13 14 T14)
    (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9 10 T10 11 T11 12 T12 13 T13 14 T14 15 T15)
    (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9 10 T10 11 T11 12 T12 13 T13 14 T14 15 T15 16 T16)
    (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9 10 T10 11 T11 12 T12 13 T13 14 T14 15 T15 16 T16 17 T17)
    (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9 10 T10 11 T11 12 T12 13 T13 14 T14 15 T15 16 T16 17 T17 18 T18)
    (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9 10 T10 11 T11 12 T12 13 T13 14 T14 15 T15 16 T16 17 T17 18 T18 19 T19)
    (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9 10 T10 11 T11 12 T12 13 T13 14 T14 15 T15 16 T16 17 T17 18 T18 19 T19 20 T20)
    (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9 10 T10 11 T11 12 T12 13 T13 14 T14 15 T15 16 T16 17 T17 18 T18 19 T19 20 T20 21 T21)
    (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9 10 T10 11 T11 12 T12 13 T13 14 T14 15 T15 16 T16 17 T17 18 T18 19 T19 20 T20 21 T21 22 T22)
    (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9 10 T10 11 T11 12 T12 13 T13 14 T14 15 T15 16 T16 17 T17 18 T18 19 T19 20 T20 21 T21 22 T22 23 T23)
}

/// An object read field by field into its slots, then built by `build`: `slot_of`
/// gives a key's slot, `None` for a property the struct does not have, which is
/// skipped, as serde's derive does. `build` fails with the name of a required
/// field that is missing. The struct is built inside the visitor, as the derive
/// builds it, so that the slots are not moved out first.
#[inline]
pub(crate) fn read_fields<'de, D, S, K, T, B>(
    deserializer: D,
    slot_of: K,
    expecting: &'static str,
    build: B,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    S: Slots<'de>,
    K: Fn(&str) -> Option<usize>,
    B: FnOnce(S) -> Result<T, &'static str>,
{
    deserializer.deserialize_map(FieldsVisitor {
        slot_of,
        expecting,
        build,
        slots: std::marker::PhantomData,
    })
}

struct FieldsVisitor<S, K, B> {
    slot_of: K,
    expecting: &'static str,
    build: B,
    slots: std::marker::PhantomData<S>,
}

impl<'de, S, K, T, B> serde::de::Visitor<'de> for FieldsVisitor<S, K, B>
where
    S: Slots<'de>,
    K: Fn(&str) -> Option<usize>,
    B: FnOnce(S) -> Result<T, &'static str>,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    #[inline]
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut slots = S::empty();
        while let Some(key) = map.next_key::<CowStr<'de>>()? {
            match (self.slot_of)(key.as_str()) {
                Some(index) => slots.read(index, &mut map)?,
                None => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        match (self.build)(slots) {
            Ok(value) => Ok(value),
            Err(field) => Err(serde::de::Error::missing_field(field)),
        }
    }
}

/// An optional field's slot: absent and `null` are both `None`.
pub(crate) fn flatten<T>(slot: Option<Option<T>>) -> Option<T> {
    slot.flatten()
}

/// `Serialize` and `Deserialize` for a struct of at most 24 fields, from its
/// fields: `rust_name = "wire name" kind slot`, where the kind is `required`,
/// `optional` (an `Option`, left out when `None`) or `nullable` (an `Option`,
/// sent as `null` when `None`), and the slot is the field's place in the
/// list, counting from 0, since a macro cannot count. Unknown properties are
/// skipped, as the derive does. A struct with more fields, or that keeps
/// other properties, goes through `wide_object!`, whose rows have no slot.
macro_rules! object {
    ($name:ident { $($field:ident = $wire:literal $kind:ident $slot:literal,)* }) => {
        $crate::wire::object!(@serialize $name { $($field = $wire $kind,)* });

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::wire::read_fields(
                    deserializer,
                    |key| match key {
                        $($wire => Some($slot),)*
                        _ => None,
                    },
                    concat!("a ", stringify!($name), " object"),
                    |($($field,)*)| Ok($name {
                        $($field: $crate::wire::object!(@take $kind $field, $wire),)*
                    }),
                )
            }
        }
    };
    (@serialize $name:ident { $($field:ident = $wire:literal $kind:ident,)* $(..$rest:ident)? }) => {
        impl serde::Serialize for $name {
            #[allow(clippy::question_mark)]
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(None)?;
                $($crate::wire::object!(@write $kind map $wire &self.$field);)*
                $(for (key, value) in &self.$rest {
                    map.serialize_entry(key, value)?;
                })?
                map.end()
            }
        }
    };
    (@take required $slot:ident, $wire:literal) => {
        match $slot {
            Some(value) => value,
            None => return Err($wire),
        }
    };
    (@take $kind:ident $slot:ident, $wire:literal) => {
        $crate::wire::flatten($slot)
    };
    // Each entry returns its error itself rather than through `?`, which
    // would desugar into a `Try` call and an error conversion per field.
    (@write optional $map:ident $wire:literal $value:expr) => {
        if let Some(value) = $value {
            if let Err(error) = $map.serialize_entry($wire, value) {
                return Err(error);
            }
        }
    };
    (@write $kind:ident $map:ident $wire:literal $value:expr) => {
        if let Err(error) = $map.serialize_entry($wire, $value) {
            return Err(error);
        }
    };
    (@slot required $value:ident) => {
        Some($value)
    };
    (@slot $kind:ident $value:ident) => {
        $value
    };
    (@finish required $slot:expr, $wire:literal) => {
        match $slot {
            Some(value) => value,
            None => return Err(serde::de::Error::missing_field($wire)),
        }
    };
    (@finish $kind:ident $slot:expr, $wire:literal) => {
        $slot
    };
    (@other $map:ident $key:ident) => {{
        $map.next_value::<serde::de::IgnoredAny>()?;
    }};
    (@other $map:ident $key:ident $rest:ident) => {{
        $rest.insert($key.into_string(), $map.next_value()?);
    }};
}

/// `object!` for a struct with more fields than `Slots` has impls for, or
/// with `..field` last, the map that keeps every other property: the same
/// rows, read by a visitor of the struct's own.
macro_rules! wide_object {
    ($name:ident { $($field:ident = $wire:literal $kind:ident,)* $(..$rest:ident)? }) => {
        $crate::wire::object!(@serialize $name { $($field = $wire $kind,)* $(..$rest)? });

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                // Named as no generated type is, since `$name` is looked up
                // in here: a schema called `Visitor` or `Slots` is common.
                #[allow(non_camel_case_types)]
                struct __Visitor;

                impl<'de> serde::de::Visitor<'de> for __Visitor {
                    type Value = $name;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " object"))
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<$name, A::Error> {
                        // The fields read so far, in one local whose types
                        // are inferred, and read without `?`: each early
                        // return drops one value instead of one per field,
                        // and no `?` is desugared per field, which a large
                        // client's build feels.
                        // Named after the fields, which may be named like
                        // built-in types (`f32`, `u8`).
                        #[allow(non_camel_case_types, clippy::builtin_type_shadow)]
                        struct __Slots<$($field),*> {
                            $($field: Option<$field>,)*
                        }
                        #[allow(unused_mut, unused_variables)]
                        let mut slots = __Slots { $($field: None,)* };
                        $(let mut $rest = std::collections::HashMap::new();)?
                        while let Some(key) = map.next_key::<$crate::wire::CowStr<'de>>()? {
                            match key.as_str() {
                                $($wire => match map.next_value() {
                                    Ok(value) => slots.$field = $crate::wire::object!(@slot $kind value),
                                    Err(error) => return Err(error),
                                },)*
                                _ => $crate::wire::object!(@other map key $($rest)?),
                            }
                        }
                        Ok($name {
                            $($field: $crate::wire::object!(@finish $kind (slots.$field), $wire),)*
                            $($rest,)?
                        })
                    }
                }

                deserializer.deserialize_map(__Visitor)
            }
        }
    };
}

/// The `impl`s of a string enum that keeps unknown values in `Unknown`:
/// `Variant = "wire value"` for each known one. Two values are equal when
/// they are sent as the same string. The methods that are not generic are
/// `#[inline]`, so that they are compiled where they are called, not once
/// for every enum of a large client whether a program uses it or not.
macro_rules! string_enum {
    ($name:ident { $($variant:ident = $wire:literal,)* }) => {
        impl $name {
            /// The value as it is sent on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<&str> for $name {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        // By wire value, written here rather than derived: one body for
        // each instead of a `match`, and no body at all for `Eq`.
        impl PartialEq for $name {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl Eq for $name {}

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                std::hash::Hash::hash(&self.as_str(), state)
            }
        }

        impl std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::wire::string_enum_from(deserializer)
            }
        }
    };
}

/// The `impl`s of an integer enum that keeps unknown values in `Unknown`:
/// `Variant = value` for each known one. Two values are equal when they are
/// sent as the same number. Inlined as `string_enum!`'s are.
macro_rules! integer_enum {
    ($name:ident { $($variant:ident = $value:literal,)* }) => {
        impl $name {
            /// The value as it is sent on the wire.
            #[inline]
            pub fn as_i64(&self) -> i64 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => *value,
                }
            }
        }

        impl From<i64> for $name {
            #[inline]
            fn from(value: i64) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Unknown(other),
                }
            }
        }

        // By wire value, written here rather than derived: one body for
        // each instead of a `match`, and no body at all for `Eq`.
        impl PartialEq for $name {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                self.as_i64() == other.as_i64()
            }
        }

        impl Eq for $name {}

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                std::hash::Hash::hash(&self.as_i64(), state)
            }
        }

        impl std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.as_i64())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.as_i64())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <i64 as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    };
}

pub(crate) use {integer_enum, object, string_enum, wide_object};

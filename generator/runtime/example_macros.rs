//! The macros that turn the spec's examples into constants and tests, one
//! line per example in the generated files.

/// One constant per example: `NAME = "pointer" r#"json"#`.
macro_rules! examples {
    ($($name:ident = $pointer:literal $json:literal,)*) => {
        $(
            pub const $name: $crate::examples::Example = $crate::examples::Example {
                pointer: $pointer,
                json: $json,
            };
        )*
    };
}

/// One test per example, `test_name: Type = EXAMPLE`: the example decodes
/// into `Type` and encodes back to equivalent JSON.
macro_rules! round_trips {
    ($($test:ident: $ty:ty = $example:ident,)*) => {
        $(
            #[test]
            fn $test() {
                let example = $crate::examples::$example;
                let decoded: $ty = example.decode();
                example.assert_encodes_back(&decoded);
            }
        )*
    };
}

pub(crate) use {examples, round_trips};

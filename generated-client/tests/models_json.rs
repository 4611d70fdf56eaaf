//! How models go to and from JSON: the rules the runtime's `wire` macros
//! implement, checked on the real models.

use serde_json::json;
use telnyx_openapi::models::{
    ErrorModel, ErrorModelSource, RecordingChannels, RecordingResponse, RecordingStatus,
};

fn error_json() -> serde_json::Value {
    json!({"code": "10005", "title": "Resource not found"})
}

#[test]
fn unknown_properties_are_skipped() {
    let mut value = error_json();
    value["added_later"] = json!({"nested": [1, 2]});
    let error: ErrorModel = serde_json::from_value(value).unwrap();
    assert_eq!(error.code, "10005");
}

#[test]
fn a_missing_required_property_is_named_in_the_error() {
    let error = serde_json::from_value::<ErrorModel>(json!({"code": "10005"})).unwrap_err();
    assert!(
        error.to_string().contains("missing field `title`"),
        "{error}"
    );
}

#[test]
fn optional_properties_may_be_absent_or_null() {
    let mut value = error_json();
    value["detail"] = serde_json::Value::Null;
    let error: ErrorModel = serde_json::from_value(value).unwrap();
    assert_eq!((error.detail, error.source), (None, None));
}

#[test]
fn absent_optional_properties_are_left_out_when_encoding() {
    let source = ErrorModelSource::new().with_pointer("/recording_id");
    assert_eq!(
        serde_json::to_value(&source).unwrap(),
        json!({"pointer": "/recording_id"})
    );
}

#[test]
fn keys_and_values_with_escapes_decode_like_plain_ones() {
    let text = r#"{"c\u006fde": "10005", "title": "Not \"found\""}"#;
    let error: ErrorModel = serde_json::from_str(text).unwrap();
    assert_eq!(
        (error.code.as_str(), error.title.as_str()),
        ("10005", "Not \"found\"")
    );
}

#[test]
fn a_value_of_the_wrong_type_is_an_error_naming_the_type() {
    let error = serde_json::from_value::<ErrorModel>(json!(["10005"])).unwrap_err();
    assert!(error.to_string().contains("ErrorModel object"), "{error}");
}

#[test]
fn a_property_of_the_wrong_type_is_an_error_naming_what_was_expected() {
    let text = r#"{"code": "10005", "title": 5}"#;
    let error = serde_json::from_str::<ErrorModel>(text).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("invalid type: integer `5`, expected a string"),
        "{error}"
    );
}

#[test]
fn enum_values_round_trip_and_unknown_ones_are_kept() {
    let known: RecordingChannels = serde_json::from_str(r#""dual""#).unwrap();
    assert_eq!(known, RecordingChannels::Dual);
    let unknown: RecordingStatus = serde_json::from_value(json!("archived")).unwrap();
    assert_eq!(unknown, RecordingStatus::Unknown("archived".into()));
    assert_eq!(serde_json::to_string(&unknown).unwrap(), r#""archived""#);
    assert_eq!(RecordingChannels::from("single"), RecordingChannels::Single);
    assert_eq!(RecordingChannels::Dual.to_string(), "dual");
}

#[test]
fn a_response_decodes_from_bytes_and_from_a_value_alike() {
    let text = include_str!("data/recording.json");
    let from_bytes: RecordingResponse = serde_json::from_slice(text.as_bytes()).unwrap();
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    let from_value: RecordingResponse = serde_json::from_value(value).unwrap();
    assert_eq!(from_bytes, from_value);
}

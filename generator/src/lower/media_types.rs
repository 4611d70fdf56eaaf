//! What a media type says about how its body is encoded.

/// Whether `media_type` is JSON: `application/json` or a `+json` type, with any parameters.
pub fn is_json(media_type: &str) -> bool {
    essence(media_type) == "application/json" || essence(media_type).ends_with("+json")
}

/// Whether `media_type` is JSON Lines, one JSON document a line, by any of its names.
pub fn is_json_lines(media_type: &str) -> bool {
    matches!(
        essence(media_type),
        "application/x-ndjson"
            | "application/ndjson"
            | "application/jsonl"
            | "application/x-jsonl"
            | "application/jsonlines"
            | "application/x-jsonlines"
    )
}

/// Whether `media_type` is a wildcard that JSON falls under: `*/*`, `application/*` or `*`.
pub fn covers_json(media_type: &str) -> bool {
    matches!(essence(media_type), "*/*" | "application/*" | "*")
}

/// A media type without its parameters (`application/json` of `application/json; charset=utf-8`).
pub fn essence(media_type: &str) -> &str {
    media_type.split(';').next().unwrap_or_default().trim()
}

/// Whether `media_type` can be sent in a header: `type/subtype`, in visible ASCII.
pub fn is_media_range(media_type: &str) -> bool {
    media_type.contains('/')
        && media_type
            .bytes()
            .all(|b| b.is_ascii_graphic() || b == b' ')
}

/// The `Content-Type` of a raw body of `media_type`, where a wildcard means any bytes.
pub fn raw_body_type(media_type: &str) -> String {
    if is_media_range(media_type) && !media_type.contains('*') {
        media_type.to_string()
    } else {
        "application/octet-stream".to_string()
    }
}

//! What a media type says about how its body is encoded.

/// Whether `media_type` is JSON: `application/json` or a `+json` type, with any parameters.
pub fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence == "application/json" || essence.ends_with("+json")
}

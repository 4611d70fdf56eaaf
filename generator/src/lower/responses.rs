//! What an operation's responses carry: the 2xx bodies the method returns, and the typed errors.

use openapiv3::{ReferenceOr, Response, StatusCode};

use super::bodies::{json_media, Content};
use super::component_refs::resolve;
use super::media_types::essence;
use super::operation::{success_status, OperationLowering};
use crate::diagnostics::{Diagnostic, Pointer};
use crate::model::{
    ErrorResponse, ErrorStatus, ResponseBody, RustType, StatusBody, StatusResponses, SuccessStatus,
};

impl<'a> OperationLowering<'a, '_> {
    /// What the 2xx responses carry, and the `Accept` header to send when their JSON is not
    /// `application/json` (a server may insist on `application/vnd.api+json`).
    pub(super) fn success_response(
        &mut self,
        operation: &'a openapiv3::Operation,
        name_hint: &str,
        pointer: &Pointer,
    ) -> (ResponseBody, Option<String>) {
        let mut successes: Vec<(SuccessStatus, &ReferenceOr<Response>)> = operation
            .responses
            .responses
            .iter()
            .filter_map(|(status, response)| Some((success_status(status)?, response)))
            .collect();
        successes.sort_by_key(|(status, _)| *status);
        if successes.is_empty() {
            if operation
                .responses
                .responses
                .keys()
                .any(is_followed_redirect)
            {
                // The client follows redirects, so the answer is what the redirect leads to,
                // whose media type the spec cannot say.
                return (ResponseBody::Bytes("*/*".to_string()), None);
            }
            self.types.diagnostics.push(
                Diagnostic::warning(pointer, "this operation has no 2xx response").with_hint(
                    "its method returns `()` on success; add a `200` response to type it",
                ),
            );
            return (ResponseBody::Empty, None);
        }
        let mut contents = Vec::new();
        let mut statuses = Vec::new();
        let mut accept = None;
        for (status, response) in successes {
            let pointer = pointer.push(&status.key());
            let Some((response, home)) =
                resolve(self.doc, response, &pointer, &mut self.types.diagnostics)
            else {
                continue;
            };
            // The inline body of a status after one with a body is named for its status:
            // `DeleteSnapshotAcceptedResponse` says more than `DeleteSnapshotResponse2`.
            let has_body = |content: &Content| matches!(content, Content::Json(_));
            let hint = if !contents.iter().any(has_body) {
                format!("{name_hint}Response")
            } else {
                format!("{name_hint}{}Response", status_variant(status))
            };
            // HTTP gives 204 and 205 no body, so the client never waits for the one documented.
            let bodiless = matches!(status, SuccessStatus::Code(204 | 205));
            if bodiless && !response.content.is_empty() {
                self.types.diagnostics.push(
                    Diagnostic::warning(
                        &home.push("content"),
                        format!(
                            "a {} response has no body, so this `content` is ignored",
                            status.key()
                        ),
                    )
                    .with_hint("remove `content`, or document the body under `200`"),
                );
            }
            let content = if bodiless {
                Content::Empty
            } else {
                self.content(&response.content, &hint, &home)
            };
            statuses.push((status, content.clone(), response.description.clone()));
            if !contents.contains(&content) {
                contents.push(content);
            }
            if accept.is_none() && !bodiless {
                accept = json_media(&response.content)
                    .map(|(media_type, _)| media_type)
                    // The client accepts `application/json` by default.
                    .filter(|media_type| essence(media_type) != "application/json")
                    .map(|media_type| format!("{media_type}, application/json;q=0.9"));
            }
        }
        let response = match by_status(&contents, statuses) {
            Some(responses) => ResponseBody::ByStatus(responses),
            None => self.combine(contents, pointer),
        };
        (response, accept)
    }

    /// The documented non-2xx responses whose JSON body is a named type, for typed errors.
    pub(super) fn error_responses(
        &mut self,
        operation: &'a openapiv3::Operation,
        name_hint: &str,
        pointer: &Pointer,
    ) -> Vec<ErrorResponse> {
        let statuses = operation
            .responses
            .responses
            .iter()
            .filter_map(|(status, response)| {
                let status = match status {
                    StatusCode::Code(code @ (0..=199 | 300..)) => ErrorStatus::Code(*code),
                    StatusCode::Range(range @ (1 | 3..)) => ErrorStatus::Range(*range),
                    _ => return None,
                };
                Some((status, pointer.push(&status_key(status)), response))
            });
        let default = operation
            .responses
            .default
            .as_ref()
            .map(|response| (ErrorStatus::Default, pointer.push("default"), response));
        let mut errors = Vec::new();
        for (status, pointer, response) in statuses.chain(default) {
            let Some((response, home)) =
                resolve(self.doc, response, &pointer, &mut self.types.diagnostics)
            else {
                continue;
            };
            let hint = format!("{name_hint}{}Error", status_key(status).to_uppercase());
            if let Content::Json(RustType::Named(type_name)) =
                self.content(&response.content, &hint, &home)
            {
                errors.push(ErrorResponse { status, type_name });
            }
        }
        errors.sort_by_key(|error| error.status);
        errors
    }

    fn combine(&mut self, contents: Vec<Content>, pointer: &Pointer) -> ResponseBody {
        let has_empty = contents.contains(&Content::Empty);
        let bodies: Vec<Content> = contents
            .into_iter()
            .filter(|content| *content != Content::Empty)
            .collect();
        match bodies.as_slice() {
            [] => ResponseBody::Empty,
            [Content::Json(ty)] if has_empty => ResponseBody::OptionalJson(ty.clone()),
            [Content::Json(ty)] => ResponseBody::Json(ty.clone()),
            [Content::Bytes(media_type)] => ResponseBody::Bytes(media_type.clone()),
            several => {
                self.types.diagnostics.push(Diagnostic::warning(
                    pointer,
                    "the 2xx responses carry different media types; the method returns the raw bytes",
                ));
                let media_types: Vec<&str> = several
                    .iter()
                    .map(|c| match c {
                        Content::Bytes(media_type) => media_type.as_str(),
                        _ => "application/json",
                    })
                    .collect();
                ResponseBody::Bytes(media_types.join(", "))
            }
        }
    }
}

/// The enum of the 2xx responses, one variant per status, when two or more carry different
/// JSON schemas and the others no body; its name is given with the method's.
fn by_status(
    contents: &[Content],
    statuses: Vec<(SuccessStatus, Content, String)>,
) -> Option<StatusResponses> {
    let bodies = contents
        .iter()
        .filter(|content| matches!(content, Content::Json(_)))
        .count();
    if bodies < 2 || contents.iter().any(|c| matches!(c, Content::Bytes(_))) {
        return None;
    }
    let statuses = statuses
        .into_iter()
        .map(|(status, content, description)| StatusBody {
            status,
            variant: status_variant(status),
            body: match content {
                Content::Json(ty) => Some(ty),
                Content::Bytes(_) | Content::Empty => None,
            },
            description: Some(description).filter(|text| !text.trim().is_empty()),
        })
        .collect();
    Some(StatusResponses {
        type_name: String::new(),
        statuses,
    })
}

/// A success status's variant: its reason phrase, e.g. `Created` for `201`.
fn status_variant(status: SuccessStatus) -> String {
    let code = match status {
        SuccessStatus::Range => return "Success".to_string(),
        SuccessStatus::Code(code) => code,
    };
    let phrase = match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        208 => "AlreadyReported",
        226 => "ImUsed",
        _ => return format!("Status{code}"),
    };
    phrase.to_string()
}

/// A status that sends the client elsewhere with `Location`, which it follows.
fn is_followed_redirect(status: &StatusCode) -> bool {
    matches!(status, StatusCode::Code(301 | 302 | 303 | 307 | 308))
}

/// How the spec writes an error status: `404`, `4XX`, `default`.
fn status_key(status: ErrorStatus) -> String {
    match status {
        ErrorStatus::Code(code) => code.to_string(),
        ErrorStatus::Range(range) => format!("{range}XX"),
        ErrorStatus::Default => "default".to_string(),
    }
}

// The conformance program's fixed part, after its `main`: `crate::emit::conformance` parses it
// with `KRATE` replaced by the client crate's name and `RESULT_PREFIX` by the lines' prefix.

/// What one request is expected to give.
enum Expect {
    /// The success response, decoded.
    Success,
    /// Asked for with `Prefer: code=<status>`: an error of that status
    /// whose body decodes as the documented type (named, and matched).
    Error(u16, &'static str, fn(&KRATE::ErrorBody) -> bool),
}

/// Sends each expected request of one operation and prints its line.
async fn operation<F, Fut>(id: &str, method: &str, path: &str, expects: &[Expect], call: F)
where
    F: Fn(Option<u16>) -> Fut,
    Fut: Future<Output = Result<Result<(), Error>, BoxError>>,
{
    let mut problems = Vec::new();
    for expect in expects {
        let prefer = match expect {
            Expect::Success => None,
            Expect::Error(status, _, _) => Some(*status),
        };
        match call(prefer).await {
            Ok(outcome) => problems.extend(problem(expect, outcome)),
            Err(error) => problems.push(format!("cannot build the sample arguments: {error}")),
        }
    }
    let verdict = if problems.is_empty() { "pass" } else { "fail" };
    print_line(verdict, id, method, path, &problems.join("; "));
}

/// An operation the program cannot call, and why.
fn skipped(id: &str, method: &str, path: &str, reason: &str) {
    print_line("skip", id, method, path, reason);
}

fn print_line(verdict: &str, id: &str, method: &str, path: &str, detail: &str) {
    let field = |text: &str| text.replace(['\t', '\n', '\r'], " ");
    println!(
        "RESULT_PREFIX\t{verdict}\t{}\t{method}\t{}\t{}",
        field(id),
        field(path),
        field(detail)
    );
}

/// Sends `request`, asking for the response of `prefer`'s status when
/// given, and keeps what came back: the violations Prism found in a
/// success, or the error.
async fn send<'a, T: 'a>(request: Request<'a, T>, prefer: Option<u16>) -> Result<(), Error> {
    // Prism answers with an error only in a media type the request
    // accepts, and error bodies are often `application/problem+json`;
    // JSON comes first, as the client decodes it (given `*/*` alone,
    // Prism takes the first media type listed, even one it cannot write).
    let request = match prefer {
        Some(status) => request
            .header("prefer", &format!("code={status}"))
            .header("accept", "application/json, */*;q=0.5"),
        None => request,
    };
    let response = request.with_response().await?;
    match header_violations(response.headers()) {
        Some(violations) => Err(Error::InvalidRequest(format!(
            "Prism found violations in a {} answer: {violations}",
            response.status()
        ))),
        None => Ok(()),
    }
}

/// How the exchange breaks the spec, as Prism says: in the
/// `sl-violations` header, or in its own error body (a problem whose
/// type is one of Prism's, e.g. missing credentials) when the spec
/// documents no answer for that case.
fn violations(error: &KRATE::ApiError) -> Option<String> {
    header_violations(error.headers()).or_else(|| {
        let body: serde_json::Value = serde_json::from_slice(error.body()).ok()?;
        let kind = body.get("type")?.as_str()?;
        kind.starts_with("https://stoplight.io/prism/errors#").then(|| {
            let title = body.get("title").and_then(|t| t.as_str()).unwrap_or(kind);
            match body.get("validation") {
                Some(list) => format!("{title}: {}", messages(list)),
                None => title.to_string(),
            }
        })
    })
}

fn header_violations(headers: &reqwest::header::HeaderMap) -> Option<String> {
    let header = headers.get("sl-violations")?;
    match serde_json::from_slice(header.as_bytes()) {
        Ok(list) => Some(messages(&list)),
        Err(_) => Some(String::from_utf8_lossy(header.as_bytes()).into_owned()),
    }
}

/// The messages of a list of Prism's violations, each once, said to
/// be the spec's own fault when only Prism's answer breaks it.
fn messages(list: &serde_json::Value) -> String {
    let violations = list.as_array().map(Vec::as_slice).unwrap_or_default();
    let mut messages: Vec<String> = Vec::new();
    for violation in violations {
        let message = match violation.get("message").and_then(|m| m.as_str()) {
            Some(message) => message.to_string(),
            None => violation.to_string(),
        };
        if !messages.contains(&message) {
            messages.push(message);
        }
    }
    let in_response = |violation: &serde_json::Value| {
        violation.pointer("/location/0").and_then(|l| l.as_str()) == Some("response")
    };
    if !violations.is_empty() && violations.iter().all(in_response) {
        format!(
            "the answer Prism made from the spec's examples or schemas breaks the spec (not the request): {}",
            messages.join(", ")
        )
    } else {
        messages.join(", ")
    }
}

/// What is wrong with `outcome`, when it is not what `expect` says.
fn problem(expect: &Expect, outcome: Result<(), Error>) -> Option<String> {
    match (expect, outcome) {
        (Expect::Success, Ok(())) => None,
        (Expect::Success, Err(error)) => Some(failure(&error)),
        (Expect::Error(status, _, _), Ok(())) => {
            Some(format!("asked for a {status}, got a success"))
        }
        (Expect::Error(status, type_name, documented), Err(Error::Api(error))) => {
            if violations(&error).is_some() || error.status().as_u16() != *status {
                return Some(format!("asked for a {status}: {}", failure(&Error::Api(error))));
            }
            match error.typed_body() {
                Some(body) if documented(body) => None,
                Some(body) => Some(format!(
                    "the {status} body decodes as another type than `{type_name}`: {body:?}"
                )),
                None => Some(format!(
                    "the {status} body does not decode as `{type_name}`: {}",
                    error.body_text()
                )),
            }
        }
        (Expect::Error(status, _, _), Err(error)) => {
            Some(format!("asked for a {status}: {}", failure(&error)))
        }
    }
}

/// An error, with the violations Prism found when it found any.
fn failure(error: &Error) -> String {
    match error {
        Error::Api(api) => match violations(api) {
            Some(violations) => format!("Prism answered {} with violations: {violations}", api.status()),
            None => format!("answered {}: {}", api.status(), api.body_text()),
        },
        Error::Decode(decode) => format!("the response does not decode: {decode}"),
        other => other.to_string(),
    }
}

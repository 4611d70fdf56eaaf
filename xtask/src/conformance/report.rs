//! Reading the conformance program's lines and counting them: what
//! `cargo xtask conformance` prints, and its exit code.

use std::process::ExitCode;

/// What the program said about one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub outcome: Outcome,
    pub operation_id: String,
    pub method: String,
    pub path: String,
    /// What went wrong; empty when it passed.
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    Fail,
    /// Not called, e.g. no sample arguments could be written: a failure.
    Skip,
}

impl Verdict {
    /// Reads a line the program printed; `None` for any other line.
    pub fn parse(line: &str) -> Option<Verdict> {
        let rest = line.strip_prefix(generator::CONFORMANCE_RESULT_PREFIX)?;
        let mut fields = rest.strip_prefix('\t')?.splitn(5, '\t');
        let outcome = match fields.next()? {
            "pass" => Outcome::Pass,
            "fail" => Outcome::Fail,
            "skip" => Outcome::Skip,
            _ => return None,
        };
        Some(Verdict {
            outcome,
            operation_id: fields.next()?.to_string(),
            method: fields.next()?.to_string(),
            path: fields.next()?.to_string(),
            detail: fields.next().unwrap_or_default().to_string(),
        })
    }

    /// The line printed for a failed operation: `operationId METHOD path: what`.
    pub fn failure_line(&self) -> String {
        let what = match self.outcome {
            Outcome::Skip => format!("not called: {}", self.detail),
            Outcome::Pass | Outcome::Fail => self.detail.clone(),
        };
        format!(
            "{} {} {}: {what}",
            self.operation_id, self.method, self.path
        )
    }
}

/// The operations counted so far.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tally {
    pub passed: usize,
    pub failed: usize,
}

impl Tally {
    /// Counts `verdict`, and returns the line to print when it failed.
    pub fn record(&mut self, verdict: &Verdict) -> Option<String> {
        match verdict.outcome {
            Outcome::Pass => {
                self.passed += 1;
                None
            }
            Outcome::Fail | Outcome::Skip => {
                self.failed += 1;
                Some(verdict.failure_line())
            }
        }
    }

    pub fn total(&self) -> usize {
        self.passed + self.failed
    }

    /// The run's last line.
    pub fn summary(&self) -> String {
        format!(
            "conformance: {} passed, {} failed",
            self.passed, self.failed
        )
    }

    /// 0 only when no operation failed.
    pub fn exit_code(&self) -> ExitCode {
        if self.failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }
}

/// Whether a warning says its operation was left out, rather than that
/// some part of a schema inside it is not generated (`patternProperties`).
pub fn says_operation_left_out(message: &str) -> bool {
    message.contains("the operation is not generated")
        || message.contains("operations are not generated")
}

/// An operation in the spec that the generator left out, from the pointer
/// of the warning saying so (`#/paths/~1files/post/requestBody/...`): its
/// method and path, when the pointer names an operation.
pub fn left_out_operation(pointer: &str) -> Option<(String, String)> {
    let mut tokens = pointer.strip_prefix("#/paths/")?.split('/');
    let path = unescape(tokens.next()?);
    let method = tokens.next()?;
    const METHODS: [&str; 8] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    METHODS
        .contains(&method)
        .then(|| (method.to_ascii_uppercase(), path))
}

/// A JSON pointer's reference token as written in the document.
fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(fields: &str) -> String {
        format!("{}\t{fields}", generator::CONFORMANCE_RESULT_PREFIX)
    }

    #[test]
    fn a_result_line_is_read_into_its_fields() {
        let verdict = Verdict::parse(&line(
            "fail\tcreateItem\tPOST\t/items\tPrism answered 422 with violations: [..]",
        ));
        assert_eq!(
            verdict,
            Some(Verdict {
                outcome: Outcome::Fail,
                operation_id: "createItem".into(),
                method: "POST".into(),
                path: "/items".into(),
                detail: "Prism answered 422 with violations: [..]".into(),
            })
        );
    }

    #[test]
    fn a_pass_without_detail_is_read() {
        let verdict = Verdict::parse(&line("pass\tlistItems\tGET\t/items\t")).unwrap();
        assert_eq!(verdict.outcome, Outcome::Pass);
        assert_eq!(verdict.detail, "");
    }

    #[test]
    fn other_lines_are_not_results() {
        assert_eq!(Verdict::parse("listening on 127.0.0.1"), None);
        assert_eq!(Verdict::parse(&line("maybe\tx\tGET\t/x\t")), None);
        assert_eq!(Verdict::parse(&line("pass\tx")), None);
    }

    #[test]
    fn a_skipped_operation_counts_as_failed_and_says_why() {
        let mut tally = Tally::default();
        let skipped = Verdict::parse(&line("skip\tupload\tPOST\t/files\tno sample body")).unwrap();
        let printed = tally.record(&skipped);
        assert_eq!(
            printed.as_deref(),
            Some("upload POST /files: not called: no sample body")
        );
        assert_eq!(
            tally,
            Tally {
                passed: 0,
                failed: 1
            }
        );
    }

    #[test]
    fn a_passing_operation_prints_nothing() {
        let mut tally = Tally::default();
        let passed = Verdict::parse(&line("pass\tlistItems\tGET\t/items\t")).unwrap();
        assert_eq!(tally.record(&passed), None);
        assert_eq!(tally.summary(), "conformance: 1 passed, 0 failed");
    }

    #[test]
    fn the_run_succeeds_only_when_nothing_failed() {
        let clean = Tally {
            passed: 3,
            failed: 0,
        };
        let failing = Tally {
            passed: 3,
            failed: 1,
        };
        assert_eq!(clean.exit_code(), ExitCode::SUCCESS);
        assert_eq!(failing.exit_code(), ExitCode::FAILURE);
        assert_eq!(failing.summary(), "conformance: 3 passed, 1 failed");
    }

    #[test]
    fn the_operation_a_warning_points_into_is_found() {
        assert_eq!(
            left_out_operation(
                "#/paths/~1files~1{id}/post/requestBody/content/multipart~1form-data"
            ),
            Some(("POST".to_string(), "/files/{id}".to_string()))
        );
        assert_eq!(
            left_out_operation("#/paths/~1files/head"),
            Some(("HEAD".to_string(), "/files".to_string()))
        );
        assert_eq!(left_out_operation("#/paths/~1files/parameters/0"), None);
        assert_eq!(left_out_operation("#/components/schemas/File"), None);
    }

    #[test]
    fn only_a_warning_about_the_whole_operation_counts_it_left_out() {
        assert!(says_operation_left_out(
            "a form body must be an object; the operation is not generated"
        ));
        assert!(says_operation_left_out(
            "`trace` operations are not generated"
        ));
        assert!(!says_operation_left_out(
            "`patternProperties` are not generated: those properties are not typed"
        ));
    }
}

//! `cargo xtask codegen` classifies a regeneration with `cargo semver-checks`:
//! the changes APIs make most come out as they should. Skipped, saying why,
//! when cargo-semver-checks is not installed (`.ci/run` installs it).

use std::fs;
use std::path::Path;
use std::process::Command;

const BASE: &str = include_str!("fixtures/semver_base.yaml");

/// One change to the fixture spec and what codegen must say about it.
struct Case {
    name: &'static str,
    /// The edited spec, from the base one.
    edit: fn(&str) -> String,
    breaking: bool,
    /// Text every finding list must contain, e.g. the item that breaks.
    names: &'static [&'static str],
}

fn replaced(spec: &str, from: &str, to: &str) -> String {
    assert!(spec.contains(from), "the fixture holds {from:?}");
    spec.replacen(from, to, 1)
}

const WIDGET_NAME: &str =
    "        id:\n          type: string\n        name:\n          type: string\n";

const CASES: &[Case] = &[
    Case {
        name: "a new optional response field",
        edit: |spec| {
            replaced(
                spec,
                WIDGET_NAME,
                &format!("{WIDGET_NAME}        weight:\n          type: number\n"),
            )
        },
        breaking: false,
        names: &[],
    },
    Case {
        name: "a new optional request field",
        edit: |spec| {
            replaced(
                spec,
                "        size:\n",
                "        label:\n          type: string\n        size:\n",
            )
        },
        breaking: false,
        names: &[],
    },
    Case {
        name: "a new enum value",
        edit: |spec| {
            replaced(
                spec,
                "        - green\n",
                "        - green\n        - blue\n",
            )
        },
        breaking: false,
        names: &[],
    },
    Case {
        name: "a new operation",
        edit: |spec| {
            replaced(
                spec,
                "components:\n",
                "  /widgets/{id}:\n    get:\n      operationId: getWidget\n      tags:\n        - widgets\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n      responses:\n        '200':\n          description: The widget.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Widget'\ncomponents:\n",
            )
        },
        breaking: false,
        names: &[],
    },
    Case {
        name: "a removed field",
        edit: |spec| replaced(spec, WIDGET_NAME, "        id:\n          type: string\n"),
        breaking: true,
        names: &["struct_pub_field_missing", "Widget", "name"],
    },
    Case {
        name: "a request field made required",
        edit: |spec| replaced(spec, "        - name\n", "        - name\n        - size\n"),
        breaking: true,
        names: &["NewWidget::new"],
    },
    Case {
        name: "a field whose type changed",
        edit: |spec| {
            replaced(
                spec,
                WIDGET_NAME,
                "        id:\n          type: string\n        name:\n          type: integer\n          format: int64\n",
            )
        },
        breaking: true,
        names: &["changed type: models::Widget::name: `Option<String>` is now `Option<i64>`"],
    },
];

fn installed() -> bool {
    Command::new(env!("CARGO"))
        .args(["semver-checks", "--version"])
        .output()
        .is_ok_and(|output| output.status.success())
}

fn codegen(spec: &Path, out: &Path, target: &Path, extra: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("codegen")
        .args(extra)
        .arg("--spec")
        .arg(spec)
        .arg("--out")
        .arg(out)
        // One target dir for every case and run, so dependencies build once.
        .env("CARGO_TARGET_DIR", target)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "codegen failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

#[test]
fn each_kind_of_spec_change_is_classified_as_semver_says() {
    if !installed() {
        eprintln!(
            "skipped: cargo-semver-checks is not installed (cargo install cargo-semver-checks --locked)"
        );
        return;
    }
    // Outside the workspace, so cargo takes the client for a package of its own.
    let dir = tempfile::tempdir().unwrap();
    let (spec, out) = (dir.path().join("openapi.yaml"), dir.path().join("client"));
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("semver-checks");
    let mut failures = Vec::new();
    for case in CASES {
        fs::write(&spec, BASE).unwrap();
        codegen(&spec, &out, &target, &["--no-semver-checks"]);
        fs::write(&spec, (case.edit)(BASE)).unwrap();
        let report = codegen(&spec, &out, &target, &[]);

        let verdict = if case.breaking {
            "semver: the new client is a breaking change"
        } else {
            "semver: the new client is not a breaking change"
        };
        let missing: Vec<&&str> = case
            .names
            .iter()
            .filter(|n| !report.contains(**n))
            .collect();
        if !report.contains(verdict) || !missing.is_empty() {
            failures.push(format!(
                "{}: expected {verdict:?} naming {missing:?}, got:\n{report}",
                case.name
            ));
        }
        if case.breaking && !report.contains("it needs version 0.2.0") {
            failures.push(format!("{}: no version proposed:\n{report}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

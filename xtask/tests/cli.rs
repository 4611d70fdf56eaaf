//! `cargo xtask codegen` as a maintainer runs it: exit codes, what it prints,
//! and that it never loses or touches files it should not.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SPEC: &str = include_str!("../../spec/openapi.yaml");

struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new(spec: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("openapi.yaml"), spec).unwrap();
        Project { dir }
    }

    fn spec(&self) -> PathBuf {
        self.dir.path().join("openapi.yaml")
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("client")
    }

    /// Without the semver comparison, which `tests/semver.rs` covers and
    /// which would build both clients after every rewrite here.
    fn codegen(&self, extra: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .arg("codegen")
            .arg("--no-semver-checks")
            .arg("--spec")
            .arg(self.spec())
            .arg("--out")
            .arg(self.out())
            .args(extra)
            .output()
            .unwrap()
    }

    /// Every file of the generated client with its contents.
    fn files(&self) -> BTreeMap<PathBuf, String> {
        let mut files = BTreeMap::new();
        let mut pending = vec![self.out()];
        while let Some(dir) = pending.pop() {
            for entry in fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                } else {
                    let contents = fs::read_to_string(&path).unwrap();
                    files.insert(
                        path.strip_prefix(self.out()).unwrap().to_path_buf(),
                        contents,
                    );
                }
            }
        }
        files
    }
}

fn code(output: &Output) -> i32 {
    output.status.code().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_fresh_run_exits_0_and_a_second_run_changes_nothing() {
    let project = Project::new(SPEC);
    assert_eq!(code(&project.codegen(&[])), 0);
    let first = project.files();
    assert!(first.contains_key(Path::new("src/lib.rs")));

    let again = project.codegen(&[]);
    assert_eq!(code(&again), 0);
    assert!(
        stdout(&again).contains("is up to date"),
        "{}",
        stdout(&again)
    );
    assert_eq!(project.files(), first);
}

#[test]
fn check_exits_1_with_a_diff_when_the_client_is_stale_and_writes_nothing() {
    let project = Project::new(SPEC);
    project.codegen(&[]);
    let lib = project.out().join("src/lib.rs");
    let edited = fs::read_to_string(&lib).unwrap() + "// edited by hand\n";
    fs::write(&lib, &edited).unwrap();

    let check = project.codegen(&["--check"]);
    assert_eq!(code(&check), 1);
    assert!(
        stdout(&check).contains("-// edited by hand"),
        "{}",
        stdout(&check)
    );
    assert_eq!(fs::read_to_string(&lib).unwrap(), edited);
}

#[test]
fn check_exits_0_when_the_client_is_fresh() {
    let project = Project::new(SPEC);
    project.codegen(&[]);
    assert_eq!(code(&project.codegen(&["--check"])), 0);
}

#[test]
fn a_broken_spec_exits_1_reports_every_problem_where_it_is_and_writes_nothing() {
    let project = Project::new(SPEC);
    project.codegen(&[]);
    let before = project.files();
    let broken = SPEC
        .replace("  title: Telnyx API\n", "")
        .replace("          in: path\n", "          in: body\n");
    fs::write(project.spec(), broken).unwrap();

    let run = project.codegen(&[]);
    assert_eq!(code(&run), 1);
    let spec = project.spec().display().to_string();
    let report = stderr(&run);
    assert!(
        report.contains(&format!(
            "error: the required field `title` is missing\n  --> {spec}:2:1 at #/info\n"
        )),
        "{report}"
    );
    assert!(
        report.contains(&format!(
            "error: `in: body` is not a parameter location\n  --> {spec}:28:11 at "
        )),
        "{report}"
    );
    assert!(
        report.ends_with(&format!(
            "2 errors and 0 warnings in {spec}; nothing was written\n"
        )),
        "{report}"
    );
    assert_eq!(project.files(), before);
}

#[test]
fn a_missing_spec_exits_2() {
    let project = Project::new(SPEC);
    fs::remove_file(project.spec()).unwrap();
    let run = project.codegen(&[]);
    assert_eq!(code(&run), 2);
    assert!(
        stderr(&run).starts_with("error: cannot read "),
        "{}",
        stderr(&run)
    );
}

#[test]
fn a_spec_that_is_not_utf8_exits_1_naming_the_byte_and_its_place() {
    let project = Project::new(SPEC);
    let mut bytes = SPEC.as_bytes().to_vec();
    let at = SPEC.find("\n").unwrap() + 1;
    bytes.insert(at, 0xE9);
    fs::write(project.spec(), bytes).unwrap();
    let run = project.codegen(&[]);
    assert_eq!(code(&run), 1);
    let report = stderr(&run);
    assert!(
        report.contains(&format!("the byte 0xE9 at offset {at}")) && report.contains(":2:1 "),
        "{report}"
    );
    assert!(!project.out().exists());
}

#[test]
fn a_usage_error_exits_2() {
    let project = Project::new(SPEC);
    assert_eq!(code(&project.codegen(&["--frobnicate"])), 2);
}

#[test]
fn files_without_the_generated_header_are_never_touched_and_stale_generated_ones_are_removed() {
    let project = Project::new(SPEC);
    project.codegen(&[]);
    let hand_written = [
        ("tests/by_hand.rs", "// a test written by hand\n"),
        ("src/resources/custom.rs", "// not generated\n"),
        ("examples/demo.rs", "fn main() {}\n"),
    ];
    for (path, contents) in hand_written {
        let path = project.out().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }
    let header = fs::read_to_string(project.out().join("src/lib.rs")).unwrap();
    let header = header.lines().next().unwrap();
    let stale = project.out().join("src/resources/old.rs");
    fs::write(&stale, format!("{header}\npub struct Old;\n")).unwrap();

    assert_eq!(code(&project.codegen(&[])), 0);
    for (path, contents) in hand_written {
        assert_eq!(
            fs::read_to_string(project.out().join(path)).unwrap(),
            contents
        );
    }
    assert!(
        !stale.exists(),
        "the generated file the spec no longer produces is removed"
    );
}

#[test]
fn a_hand_written_file_where_a_generated_one_goes_stops_the_run_with_exit_2() {
    let project = Project::new(SPEC);
    project.codegen(&[]);
    let lib = project.out().join("src/lib.rs");
    fs::write(&lib, "// my own lib.rs\n").unwrap();
    let before = project.files();

    let run = project.codegen(&[]);
    assert_eq!(code(&run), 2);
    assert!(
        stderr(&run).contains("was not written by the generator"),
        "{}",
        stderr(&run)
    );
    assert_eq!(project.files(), before);
}

#[test]
fn temporary_files_left_by_an_interrupted_run_are_removed_by_the_next() {
    let project = Project::new(SPEC);
    project.codegen(&[]);
    let lib = fs::read_to_string(project.out().join("src/lib.rs")).unwrap();
    let leftover = project.out().join("src/lib.rs.codegen-12345.tmp");
    fs::write(&leftover, &lib).unwrap();

    assert_eq!(code(&project.codegen(&[])), 0);
    assert!(!leftover.exists());
}

//! `cargo xtask codegen`: the one place that writes the generated client.
//!
//! Everything is generated in memory first and compared with what is on disk;
//! only then is anything written, each file through a temporary file renamed
//! into place, so a spec error or a failed write leaves the old client intact.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use generator::{is_generated_header, Config, DEFAULT_COMMAND};

use crate::project_root;
use crate::semver;

pub struct Options {
    pub check: bool,
    pub spec: PathBuf,
    pub out: PathBuf,
    /// Compare the new client with the old one with `cargo semver-checks`.
    pub semver_checks: bool,
    /// Regenerate (or check) the e2e test clients too: the bare command writes every
    /// checked-in client, so that a generator change is one command away from all of them.
    pub e2e_clients: bool,
}

/// Where `cargo xtask codegen` reads and writes when given no paths.
const DEFAULT_SPEC: &str = "spec/openapi.yaml";
const DEFAULT_OUT: &str = "generated-client";

/// The clients under `generator/tests/e2e/` and the fixture specs they are generated from.
const E2E_CLIENTS: &[(&str, &str)] = &[
    (
        "generator/tests/e2e/recordings",
        "generator/tests/fixtures/telnyx_recordings.yaml",
    ),
    (
        "generator/tests/e2e/operations",
        "generator/tests/fixtures/operations.yaml",
    ),
    (
        "generator/tests/e2e/error_shapes",
        "generator/tests/fixtures/error_shapes.yaml",
    ),
    (
        "generator/tests/e2e/pagination_styles",
        "generator/tests/pagination_styles/openapi.yaml",
    ),
    (
        "generator/tests/e2e/request_bodies",
        "generator/tests/fixtures/request_bodies.yaml",
    ),
    (
        "generator/tests/e2e/servers",
        "generator/tests/fixtures/servers.yaml",
    ),
    (
        "generator/tests/e2e/standard_webhooks",
        "generator/tests/webhook_signing/openapi.yaml",
    ),
    (
        "generator/tests/e2e/auth",
        "generator/tests/fixtures/auth_schemes.yaml",
    ),
    (
        "generator/tests/e2e/json_lines",
        "generator/tests/json_lines/openapi.yaml",
    ),
];

impl Options {
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let root = project_root();
        let mut options = Options {
            check: false,
            spec: root.join(DEFAULT_SPEC),
            out: root.join(DEFAULT_OUT),
            semver_checks: true,
            e2e_clients: true,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--check" => options.check = true,
                "--no-semver-checks" => options.semver_checks = false,
                "--spec" => {
                    options.spec = args.next().ok_or("--spec needs a path")?.into();
                    options.e2e_clients = false;
                }
                "--out" => {
                    options.out = args.next().ok_or("--out needs a directory")?.into();
                    options.e2e_clients = false;
                }
                other => return Err(format!("unknown option `{other}`")),
            }
        }
        Ok(options)
    }
}

pub fn run(options: &Options) -> ExitCode {
    let mut code = generate(options, true);
    if options.e2e_clients {
        let root = project_root();
        for (out, spec) in E2E_CLIENTS {
            // Ctrl-C leaves each client whole: the one being written is undone, later ones
            // are not started.
            if INTERRUPTED.load(Ordering::SeqCst) {
                eprintln!("interrupted: {out} and the e2e clients after it were left as they were");
                return ExitCode::from(2);
            }
            let client = Options {
                spec: root.join(spec),
                out: root.join(out),
                semver_checks: false,
                e2e_clients: false,
                check: options.check,
            };
            // The fixtures' warnings are what their tests are about, not news to the user.
            code = code.max(generate(&client, false));
        }
    }
    ExitCode::from(code)
}

/// Generates (or checks) the one client `options` names: 0 when it is fresh or written, 1
/// for spec problems or stale output, 2 for I/O errors.
fn generate(options: &Options, show_warnings: bool) -> u8 {
    let plan = match Plan::new(&options.spec, &options.out) {
        Ok(plan) => plan,
        Err(Failure::Spec(report)) => {
            eprintln!("{report}");
            return 1;
        }
        Err(Failure::Io(message)) => {
            eprintln!("error: {message}");
            return 2;
        }
    };
    if let Some(warnings) = plan.warnings.as_ref().filter(|_| show_warnings) {
        eprintln!("{warnings}");
    }
    let out = options.out.display();
    if plan.is_empty() {
        println!("{out} is up to date");
        return 0;
    }
    if options.check {
        print!("{}", plan.diff(&options.out));
        eprintln!(
            "error: {out} is stale; run `{}` to regenerate it",
            plan.command
        );
        return 1;
    }
    let baseline = if options.semver_checks && plan.touches_api(&options.out) {
        keep_baseline(&options.out)
    } else {
        None
    };
    // From here Ctrl-C does not kill the run but makes it undo its changes.
    let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));
    match plan.apply(&INTERRUPTED) {
        Ok(()) => {
            println!("{}", plan.summary(&options.out));
            if let Some(baseline) = baseline {
                if !semver::tool_installed() {
                    println!("{}", semver::missing_tool_message());
                }
                let report = semver::compare(&baseline, &options.out);
                let codegen_yaml = options.spec.with_file_name("codegen.yaml");
                print!("{}", report.render(&codegen_yaml.display().to_string()));
            }
            0
        }
        Err(error) => {
            eprintln!("error: writing {out} failed: {error}");
            2
        }
    }
}

/// A copy of the client about to be rewritten, for the comparison after;
/// `None` (with a note) when it cannot be made, which does not stop the run.
fn keep_baseline(out: &Path) -> Option<semver::Baseline> {
    let target_dir = crate::bench::target_dir();
    match semver::Baseline::keep(out, &target_dir) {
        Ok(baseline) => baseline,
        Err(error) => {
            eprintln!("note: the old client could not be kept for the semver comparison: {error}");
            None
        }
    }
}

/// Set by Ctrl-C while the client is being written.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

pub enum Failure {
    /// Problems in the spec, rendered for a person.
    Spec(String),
    /// A file could not be read.
    Io(String),
}

/// What a run would change on disk.
pub struct Plan {
    /// Files to create or overwrite: (path, old contents if any, new contents).
    writes: Vec<(PathBuf, Option<String>, String)>,
    /// Generated files the spec no longer produces.
    removals: Vec<(PathBuf, String)>,
    /// The report of the warnings, if there were any.
    warnings: Option<String>,
    /// The command that regenerates the crate, as its files' headers name it.
    command: String,
}

impl Plan {
    /// Generates the crate for `spec` in memory and compares it with `out`.
    pub fn new(spec: &Path, out: &Path) -> Result<Self, Failure> {
        let bytes = fs::read(spec)
            .map_err(|error| Failure::Io(format!("cannot read {}: {error}", spec.display())))?;
        let spec_name = spec.display().to_string();
        let text = generator::spec_text(&bytes).map_err(|diagnostic| {
            Failure::Spec(format!(
                "{}; nothing was written",
                generator::report(&[diagnostic], &spec_name)
            ))
        })?;
        let command = command(spec, out);
        let mut config = read_config(spec)?;
        config.command = Some(command.clone());
        let generated = generator::generate(text, &config).map_err(|diagnostics| {
            Failure::Spec(format!(
                "{}; nothing was written",
                generator::report(&diagnostics, &spec_name)
            ))
        })?;
        let warnings = if generated.warnings.is_empty() {
            None
        } else {
            Some(generator::report(&generated.warnings, &spec_name))
        };

        let mut writes = Vec::new();
        let mut new_paths = BTreeSet::new();
        for file in generated.files {
            let path = out.join(&file.path);
            new_paths.insert(path.clone());
            let old = read_if_exists(&path)?;
            if old.as_deref().is_some_and(|old| !is_generated(old)) {
                return Err(Failure::Io(format!(
                    "{} was not written by the generator (its first line is not the generated header); \
                     move it away and run again; nothing was written",
                    path.display()
                )));
            }
            if old.as_deref() != Some(file.contents.as_str()) {
                writes.push((path, old, file.contents));
            }
        }
        let mut removals = Vec::new();
        for path in owned_files(out)? {
            if !new_paths.contains(&path) {
                let old = read_if_exists(&path)?.unwrap_or_default();
                removals.push((path, old));
            }
        }
        Ok(Plan {
            writes,
            removals,
            warnings,
            command,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.writes.is_empty() && self.removals.is_empty()
    }

    /// Whether the run changes what users compile against: the manifest or `src/`.
    pub fn touches_api(&self, out: &Path) -> bool {
        let written = self.writes.iter().map(|(path, _, _)| path);
        let removed = self.removals.iter().map(|(path, _)| path);
        written
            .chain(removed)
            .any(|path| path.starts_with(out.join("src")) || path == &out.join("Cargo.toml"))
    }

    /// A unified diff from what is on disk to what would be written.
    pub fn diff(&self, out: &Path) -> String {
        let name = |path: &Path| path.strip_prefix(out).unwrap_or(path).display().to_string();
        let mut diff = String::new();
        for (path, old, new) in &self.writes {
            let old = old.as_deref().unwrap_or("");
            diff.push_str(&unified_diff(&name(path), old, new));
        }
        for (path, old) in &self.removals {
            diff.push_str(&unified_diff(&name(path), old, ""));
        }
        diff
    }

    /// Writes every change so that a failure leaves `out` as it was. Each new
    /// file is first written beside its target under a temporary name; only
    /// when all are written are they renamed into place (a rename replaces a
    /// file whole), then stale files are removed. If any step fails, or
    /// `interrupted` is set (by Ctrl-C), what was done is undone from the old
    /// contents kept in the plan; the error names any file that could not be
    /// put back. A run killed outright can leave temporary files, which carry
    /// the generated header and are removed by the next run.
    pub fn apply(&self, interrupted: &AtomicBool) -> io::Result<()> {
        let mut created_dirs = Vec::new();
        let mut staged = Vec::new();
        if let Err(error) = self.stage(&mut staged, &mut created_dirs, interrupted) {
            discard(&staged, &created_dirs);
            return Err(left_as_it_was(error));
        }
        let mut done = Vec::new();
        if let Err(error) = self.commit(&staged, &mut done, interrupted) {
            let failed = undo(&done);
            discard(&staged, &created_dirs);
            if !failed.is_empty() {
                let failed: Vec<String> = failed.iter().map(|p| p.display().to_string()).collect();
                return Err(io::Error::other(format!(
                    "{error}; these files could not be put back and are changed: {}",
                    failed.join(", ")
                )));
            }
            return Err(left_as_it_was(error));
        }
        Ok(())
    }

    /// Writes each new file to its temporary path.
    fn stage(
        &self,
        staged: &mut Vec<PathBuf>,
        created_dirs: &mut Vec<PathBuf>,
        interrupted: &AtomicBool,
    ) -> io::Result<()> {
        for (path, _, contents) in &self.writes {
            check(interrupted)?;
            if let Some(parent) = path.parent() {
                let missing = parent.ancestors().take_while(|dir| !dir.exists());
                created_dirs.extend(
                    missing
                        .map(Path::to_path_buf)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev(),
                );
                fs::create_dir_all(parent)?;
            }
            let temp = temp_path(path);
            staged.push(temp.clone());
            fs::write(&temp, contents)?;
        }
        Ok(())
    }

    /// Renames the staged files into place and removes stale ones, recording
    /// each step in `done` with the contents the file had before.
    fn commit<'p>(
        &'p self,
        staged: &[PathBuf],
        done: &mut Vec<(&'p Path, Option<&'p str>)>,
        interrupted: &AtomicBool,
    ) -> io::Result<()> {
        for (temp, (path, old, _)) in staged.iter().zip(&self.writes) {
            check(interrupted)?;
            fs::rename(temp, path)?;
            done.push((path, old.as_deref()));
        }
        for (path, old) in &self.removals {
            check(interrupted)?;
            fs::remove_file(path)?;
            done.push((path, Some(old)));
        }
        Ok(())
    }

    pub fn summary(&self, out: &Path) -> String {
        let mut lines = Vec::new();
        for (path, old, _) in &self.writes {
            let verb = if old.is_some() { "updated" } else { "created" };
            lines.push(format!("{verb} {}", path.display()));
        }
        for (path, _) in &self.removals {
            lines.push(format!("removed {}", path.display()));
        }
        lines.push(format!("{} regenerated", out.display()));
        lines.join("\n")
    }
}

fn unified_diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

fn left_as_it_was(error: io::Error) -> io::Error {
    io::Error::new(
        error.kind(),
        format!("{error}; every file was left as it was"),
    )
}

fn check(interrupted: &AtomicBool) -> io::Result<()> {
    if interrupted.load(Ordering::SeqCst) {
        Err(io::Error::new(io::ErrorKind::Interrupted, "interrupted"))
    } else {
        Ok(())
    }
}

/// Puts back the contents each changed file had before (or removes a file
/// that did not exist). Returns the files that could not be put back.
fn undo(done: &[(&Path, Option<&str>)]) -> Vec<PathBuf> {
    let mut failed = Vec::new();
    for (path, old) in done.iter().rev() {
        let restored = match old {
            Some(contents) => {
                let temp = temp_path(path);
                fs::write(&temp, contents).and_then(|()| fs::rename(&temp, path))
            }
            None => fs::remove_file(path),
        };
        if restored.is_err() {
            failed.push(path.to_path_buf());
        }
    }
    failed
}

/// Removes the temporary files still staged and the directories made for them.
fn discard(staged: &[PathBuf], created_dirs: &[PathBuf]) {
    for temp in staged {
        let _ = fs::remove_file(temp);
    }
    for dir in created_dirs.iter().rev() {
        let _ = fs::remove_dir(dir);
    }
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".codegen-{}.tmp", std::process::id()));
    path.with_file_name(name)
}

fn read_if_exists(path: &Path) -> Result<Option<String>, Failure> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(Failure::Io(format!(
            "cannot read {}: {error}",
            path.display()
        ))),
    }
}

/// The command that regenerates `out` from `spec`, typed at the project
/// root: the same wherever it was run from, so that `--check` agrees.
fn command(spec: &Path, out: &Path) -> String {
    let root = project_root();
    let shown = |path: &Path| {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        match path.strip_prefix(&root) {
            // `/` between the parts whatever the platform, and no `./`.
            Ok(inside) => inside
                .components()
                .filter(|part| !matches!(part, Component::CurDir))
                .map(|part| part.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
            Err(_) => path.display().to_string(),
        }
    };
    let (spec, out) = (shown(spec), shown(out));
    if spec == DEFAULT_SPEC && out == DEFAULT_OUT {
        DEFAULT_COMMAND.to_string()
    } else {
        format!("{DEFAULT_COMMAND} --spec {spec} --out {out}")
    }
}

/// `codegen.yaml` beside the spec, or the defaults when there is none.
fn read_config(spec: &Path) -> Result<Config, Failure> {
    let path = spec.with_file_name("codegen.yaml");
    match read_if_exists(&path)? {
        Some(text) => Config::from_yaml(&text)
            .map_err(|error| Failure::Spec(format!("error: {}: {error}", path.display()))),
        None => Ok(Config::default()),
    }
}

/// The files under `out` that a previous run generated: those whose first
/// line carries the generated marker. Everything else is left alone.
fn owned_files(out: &Path) -> Result<Vec<PathBuf>, Failure> {
    let mut owned = Vec::new();
    let mut pending = vec![out.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
            Err(error) => {
                return Err(Failure::Io(format!(
                    "cannot list {}: {error}",
                    dir.display()
                )))
            }
        };
        for entry in entries {
            let entry = entry.map_err(|error| Failure::Io(error.to_string()))?;
            let path = entry.path();
            if path.is_dir() {
                if entry.file_name() != "target" {
                    pending.push(path);
                }
            } else if fs::read_to_string(&path).is_ok_and(|text| is_generated(&text)) {
                owned.push(path);
            }
        }
    }
    owned.sort();
    Ok(owned)
}

/// Whether a file's first line carries the generated marker.
fn is_generated(text: &str) -> bool {
    text.lines().next().is_some_and(is_generated_header)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    const SPEC: &str = include_str!("../../spec/openapi.yaml");

    /// Every file under `dir` with its contents.
    fn snapshot(dir: &Path) -> BTreeMap<PathBuf, String> {
        let mut files = BTreeMap::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(dir) = pending.pop() {
            for entry in fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                } else {
                    files.insert(path.clone(), fs::read_to_string(&path).unwrap());
                }
            }
        }
        files
    }

    /// A client generated from the project's spec in a temporary directory,
    /// and a plan to regenerate it from a spec whose descriptions changed, so
    /// that several files are rewritten.
    fn client_and_edited_plan() -> (tempfile::TempDir, Plan) {
        let dir = tempfile::tempdir().unwrap();
        let (spec, out) = (dir.path().join("openapi.yaml"), dir.path().join("client"));
        fs::write(&spec, SPEC).unwrap();
        Plan::new(&spec, &out)
            .ok()
            .unwrap()
            .apply(&AtomicBool::new(false))
            .unwrap();
        let edited = SPEC
            .replace(
                "This client covers call recordings.",
                "It covers recordings.",
            )
            .replace("in milliseconds.", "in ms.");
        fs::write(&spec, edited).unwrap();
        let plan = Plan::new(&spec, &out).ok().unwrap();
        assert!(plan.writes.len() >= 2, "the edit changes several files");
        (dir, plan)
    }

    #[test]
    fn a_write_that_fails_leaves_every_file_as_it_was() {
        let (dir, plan) = client_and_edited_plan();
        let before = snapshot(dir.path());
        // A directory where the last temporary file must go makes its write fail.
        let last = &plan.writes.last().unwrap().0;
        fs::create_dir(temp_path(last)).unwrap();

        assert!(plan.apply(&AtomicBool::new(false)).is_err());
        fs::remove_dir(temp_path(last)).unwrap();
        assert_eq!(snapshot(dir.path()), before);
    }

    #[test]
    fn a_rename_that_fails_puts_back_the_files_already_renamed() {
        let (dir, plan) = client_and_edited_plan();
        let last = &plan.writes.last().unwrap().0;
        // A directory in place of the last file makes its rename fail, after
        // the others have been renamed into place.
        fs::remove_file(last).unwrap();
        fs::create_dir(last).unwrap();
        let before = snapshot(dir.path());

        assert!(plan.apply(&AtomicBool::new(false)).is_err());
        assert_eq!(snapshot(dir.path()), before);
    }

    #[test]
    fn an_interrupted_write_leaves_every_file_as_it_was() {
        let (dir, plan) = client_and_edited_plan();
        let before = snapshot(dir.path());

        let error = plan.apply(&AtomicBool::new(true)).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::Interrupted);
        assert_eq!(snapshot(dir.path()), before);
    }

    #[test]
    fn the_default_spec_and_crate_are_regenerated_by_the_bare_command() {
        let root = project_root();
        let command = command(&root.join(DEFAULT_SPEC), &root.join(DEFAULT_OUT));
        assert_eq!(command, "cargo xtask codegen");
    }

    #[test]
    fn other_paths_are_named_from_the_project_root() {
        let root = project_root();
        let command = command(
            &root.join("generator/./tests/fixtures/petstore.yaml"),
            &root.join("target/petstore"),
        );
        assert_eq!(
            command,
            "cargo xtask codegen --spec generator/tests/fixtures/petstore.yaml --out target/petstore"
        );
    }

    #[test]
    fn paths_outside_the_project_are_named_in_full() {
        let command = command(
            Path::new("/elsewhere/api.yaml"),
            Path::new("/elsewhere/client"),
        );
        assert_eq!(
            command,
            "cargo xtask codegen --spec /elsewhere/api.yaml --out /elsewhere/client"
        );
    }

    /// The checked-in client must be exactly what the spec generates.
    #[test]
    fn checked_in_client_is_fresh() {
        let root = project_root();
        let out = root.join("generated-client");
        let plan = Plan::new(&root.join("spec/openapi.yaml"), &out)
            .unwrap_or_else(|_| panic!("spec/openapi.yaml does not generate"));
        assert!(
            plan.is_empty(),
            "generated-client/ is stale; run `cargo xtask codegen`:\n{}",
            plan.diff(&out)
        );
    }

    /// The clients under `generator/tests/e2e/`, generated from fixture specs, are fresh too.
    #[test]
    fn checked_in_e2e_clients_are_fresh() {
        let root = project_root();
        for (out, spec) in E2E_CLIENTS {
            let spec = root.join(spec);
            let out = root.join(out);
            let plan = Plan::new(&spec, &out)
                .unwrap_or_else(|_| panic!("{} does not generate", spec.display()));
            assert!(
                plan.is_empty(),
                "{} is stale; run `cargo xtask codegen`:\n{}",
                out.display(),
                plan.diff(&out)
            );
        }
    }
}

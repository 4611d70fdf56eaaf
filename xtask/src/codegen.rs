//! `cargo xtask codegen`: the one place that writes the generated client.
//!
//! Everything is generated in memory first and compared with what is on disk;
//! only then is anything written, each file through a temporary file renamed
//! into place, so a spec error or a failed write leaves the old client intact.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use generator::{Config, Severity, GENERATED_MARKER};

use crate::project_root;

pub struct Options {
    pub check: bool,
    pub spec: PathBuf,
    pub out: PathBuf,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let root = project_root();
        let mut options = Options {
            check: false,
            spec: root.join("spec/openapi.yaml"),
            out: root.join("generated-client"),
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--check" => options.check = true,
                "--spec" => options.spec = args.next().ok_or("--spec needs a path")?.into(),
                "--out" => options.out = args.next().ok_or("--out needs a directory")?.into(),
                other => return Err(format!("unknown option `{other}`")),
            }
        }
        Ok(options)
    }
}

pub fn run(options: &Options) -> ExitCode {
    let plan = match Plan::new(&options.spec, &options.out) {
        Ok(plan) => plan,
        Err(Failure::Spec(report)) => {
            eprintln!("{report}");
            return ExitCode::from(1);
        }
        Err(Failure::Io(message)) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    for warning in &plan.warnings {
        eprintln!("{warning}");
    }
    let out = options.out.display();
    if plan.is_empty() {
        println!("{out} is up to date");
        return ExitCode::SUCCESS;
    }
    if options.check {
        print!("{}", plan.diff(&options.out));
        eprintln!("error: {out} is stale; run `cargo xtask codegen` to regenerate it");
        return ExitCode::from(1);
    }
    match plan.apply() {
        Ok(()) => {
            println!("{}", plan.summary(&options.out));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: writing {out} failed: {error}");
            ExitCode::from(2)
        }
    }
}

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
    warnings: Vec<String>,
}

impl Plan {
    /// Generates the crate for `spec` in memory and compares it with `out`.
    pub fn new(spec: &Path, out: &Path) -> Result<Self, Failure> {
        let text = fs::read_to_string(spec)
            .map_err(|error| Failure::Io(format!("cannot read {}: {error}", spec.display())))?;
        let config = read_config(spec)?;
        let spec_name = spec.display().to_string();
        let generated = generator::generate(&text, &config).map_err(|diagnostics| {
            let errors = diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            let mut report: Vec<String> =
                diagnostics.iter().map(|d| d.render(&spec_name)).collect();
            report.push(format!(
                "error: {errors} problem(s) in {spec_name}; nothing was written"
            ));
            Failure::Spec(report.join("\n\n"))
        })?;
        let warnings = generated
            .warnings
            .iter()
            .map(|d| d.render(&spec_name))
            .collect();

        let mut writes = Vec::new();
        let mut new_paths = BTreeSet::new();
        for file in generated.files {
            let path = out.join(&file.path);
            new_paths.insert(path.clone());
            let old = read_if_exists(&path)?;
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
        })
    }

    pub fn is_empty(&self) -> bool {
        self.writes.is_empty() && self.removals.is_empty()
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

    /// Writes every change: each new file goes to a temporary file first, and
    /// only when all are written are they renamed into place.
    pub fn apply(&self) -> io::Result<()> {
        let mut staged = Vec::new();
        let result = (|| {
            for (path, _, contents) in &self.writes {
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                let temp = temp_path(path);
                staged.push((temp.clone(), path));
                fs::write(&temp, contents)?;
            }
            Ok(())
        })();
        if let Err(error) = result {
            for (temp, _) in &staged {
                let _ = fs::remove_file(temp);
            }
            return Err(error);
        }
        for (temp, path) in &staged {
            fs::rename(temp, path)?;
        }
        for (path, _) in &self.removals {
            fs::remove_file(path)?;
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
            } else if first_line(&path).is_some_and(|line| line.contains(GENERATED_MARKER)) {
                owned.push(path);
            }
        }
    }
    owned.sort();
    Ok(owned)
}

fn first_line(path: &Path) -> Option<String> {
    let text = fs::read_to_string(path).ok()?;
    text.lines().next().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// The clients under `e2e/`, generated from fixture specs, are fresh too.
    #[test]
    fn checked_in_e2e_clients_are_fresh() {
        let root = project_root();
        for (out, spec) in [
            ("e2e/recordings", "telnyx_recordings.yaml"),
            ("e2e/operations", "operations.yaml"),
        ] {
            let spec = root.join("generator/tests/fixtures").join(spec);
            let out = root.join(out);
            let plan = Plan::new(&spec, &out)
                .unwrap_or_else(|_| panic!("{} does not generate", spec.display()));
            assert!(
                plan.is_empty(),
                "{} is stale; run `cargo xtask codegen --spec {} --out {}`:\n{}",
                out.display(),
                spec.display(),
                out.display(),
                plan.diff(&out)
            );
        }
    }
}

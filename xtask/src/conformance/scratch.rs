//! The scratch crate: the client generated from the spec plus the
//! conformance program as an example, in a folder of its own under the
//! target dir, reused between runs and built in one target dir shared by
//! every spec, so dependencies compile once.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use generator::{Config, ConformanceProgram, GeneratedFile};

use super::report;
use super::Failure;

/// What a run writes and checks.
pub struct Generated {
    pub files: Vec<GeneratedFile>,
    pub program: ConformanceProgram,
    /// Operations of the spec the generator left out: method, path and the
    /// warning that says why.
    pub left_out: Vec<(String, String, String)>,
}

/// Added to the generated manifest: the crate is a workspace of its own
/// (it sits inside this one's target dir), built without debug info, which
/// the program does not need and which is most of the link time.
const MANIFEST_TAIL: &str = "
[workspace]

[profile.dev]
debug = false
incremental = false
";

/// The folder a spec's crate is written to: its file name without extension.
pub fn folder_name(spec: &Path) -> String {
    spec.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "spec".to_string())
}

/// Generates the client and the program for `spec`, with the
/// `codegen.yaml` beside it when there is one.
pub fn generate(spec: &Path) -> Result<Generated, Failure> {
    let shown = spec.display().to_string();
    let bytes =
        fs::read(spec).map_err(|error| Failure::Run(format!("cannot read {shown}: {error}")))?;
    let text = generator::spec_text(&bytes)
        .map_err(|diagnostic| Failure::Spec(generator::report(&[diagnostic], &shown)))?;
    let mut config = read_config(spec)?;
    config.command = Some(format!("cargo xtask conformance --spec {shown}"));
    let generated = generator::generate(text, &config)
        .map_err(|diagnostics| Failure::Spec(generator::report(&diagnostics, &shown)))?;
    let program = generator::conformance_program(text, &config)
        .map_err(|diagnostics| Failure::Spec(generator::report(&diagnostics, &shown)))?;
    let left_out = generated
        .warnings
        .iter()
        .filter(|warning| report::says_operation_left_out(&warning.message))
        .filter_map(|warning| {
            let (method, path) = report::left_out_operation(&warning.pointer)?;
            Some((method, path, warning.message.clone()))
        })
        .collect();
    Ok(Generated {
        files: generated.files,
        program,
        left_out,
    })
}

fn read_config(spec: &Path) -> Result<Config, Failure> {
    let path = spec.with_file_name("codegen.yaml");
    match fs::read_to_string(&path) {
        Ok(text) => Config::from_yaml(&text)
            .map_err(|error| Failure::Spec(format!("error: {}: {error}", path.display()))),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(Config::default()),
        Err(error) => Err(Failure::Run(format!(
            "cannot read {}: {error}",
            path.display()
        ))),
    }
}

/// The file that marks a folder as this command's scratch crate.
const SCRATCH_MARKER: &str = ".conformance-scratch";

/// Writes the crate into `dir`: only the files that changed, so that cargo
/// rebuilds only what it must; files a previous run wrote that this one
/// does not are removed. `Cargo.lock` stays, keeping dependencies as they were.
/// `ours` says `dir` is this command's own folder under the target
/// directory, which needs no marker.
pub fn write(dir: &Path, generated: &Generated, ours: bool) -> Result<(), Failure> {
    let io_failure = |path: &Path, error: io::Error| {
        Failure::Run(format!("cannot write {}: {error}", path.display()))
    };
    // A folder this command did not make is the user's: nothing in it is
    // removed or overwritten.
    let marker = dir.join(SCRATCH_MARKER);
    let is_empty = fs::read_dir(dir).map_or(true, |mut entries| entries.next().is_none());
    if !ours && !marker.exists() && !is_empty {
        return Err(Failure::Run(format!(
            "{} is not empty and was not made by `cargo xtask conformance`; give an empty or new folder",
            dir.display()
        )));
    }
    fs::create_dir_all(dir).map_err(|error| io_failure(dir, error))?;
    fs::write(&marker, "").map_err(|error| io_failure(&marker, error))?;
    let program = &generated.program.file;
    let mut written = BTreeSet::from([marker]);
    for file in generated.files.iter().chain([program]) {
        let path = dir.join(&file.path);
        let contents = if file.path == "Cargo.toml" {
            format!("{}{MANIFEST_TAIL}", file.contents)
        } else {
            file.contents.clone()
        };
        if fs::read_to_string(&path).ok().as_deref() != Some(contents.as_str()) {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|error| io_failure(parent, error))?;
            }
            fs::write(&path, contents).map_err(|error| io_failure(&path, error))?;
        }
        written.insert(path);
    }
    // The project's lock file pins the versions the project's own client is
    // tested with; cargo drops what this crate does not use.
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        fs::copy(crate::project_root().join("Cargo.lock"), &lock)
            .map_err(|error| io_failure(&lock, error))?;
    }
    for path in files_under(dir).map_err(|error| io_failure(dir, error))? {
        if !written.contains(&path) && path.file_name().is_some_and(|name| name != "Cargo.lock") {
            fs::remove_file(&path).map_err(|error| io_failure(&path, error))?;
        }
    }
    Ok(())
}

fn files_under(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                folders.push(entry.path());
            } else {
                files.push(entry.path());
            }
        }
    }
    Ok(files)
}

/// Builds the program in `target_dir` and returns its path; a program that
/// does not compile is the spec's failure (cargo has shown why).
pub fn build(dir: &Path, target_dir: &Path) -> Result<PathBuf, Failure> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(&cargo)
        .args([
            "build",
            "--quiet",
            "--example",
            "conformance",
            "--manifest-path",
        ])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target_dir)
        .status()
        .map_err(|error| Failure::Run(format!("cannot run cargo: {error}")))?;
    if !status.success() {
        return Err(Failure::Spec(format!(
            "the client or its conformance program, in {}, does not compile (see above)",
            dir.display()
        )));
    }
    Ok(target_dir
        .join("debug")
        .join("examples")
        .join(format!("conformance{}", std::env::consts::EXE_SUFFIX)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated() -> Generated {
        let spec = crate::project_root().join("generator/tests/conformance/auth_basic.yaml");
        generate(&spec).unwrap_or_else(|_| panic!("the fixture generates"))
    }

    #[test]
    fn a_kept_folder_the_command_did_not_make_is_left_untouched() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let own = dir.path().join("notes.txt");
        fs::write(&own, "mine").expect("written");
        assert!(write(dir.path(), &generated(), false).is_err());
        assert_eq!(fs::read_to_string(&own).expect("still there"), "mine");
        assert!(!dir.path().join("Cargo.toml").exists());
    }

    #[test]
    fn a_kept_folder_is_written_when_new_and_rewritten_once_marked() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let kept = dir.path().join("kept");
        let generated = generated();
        assert!(write(&kept, &generated, false).is_ok());
        assert!(kept.join(SCRATCH_MARKER).exists());
        assert!(write(&kept, &generated, false).is_ok());
        assert!(kept.join("Cargo.toml").exists());
    }
}

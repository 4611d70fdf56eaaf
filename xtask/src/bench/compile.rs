//! Compile cost: how long the generated crate itself takes to build in debug
//! mode once its dependencies are built, and how many crates it pulls in.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use super::table::{Row, Table};
use super::{generate, synthetic};
use crate::project_root;

/// The target for the synthetic client's build: at most this share of
/// progenitor's build of its client for the same spec, in the same run.
const SHARE_OF_PROGENITOR: f64 = 0.3;

/// The target for the synthetic client built with one resource's feature:
/// at most this share of the whole client's build, in the same run.
const SHARE_OF_WHOLE: f64 = 0.1;

/// A crate to build, a workspace package or a standalone manifest, and the
/// target dir it builds in: ours, so that dependencies are built once, or
/// one of its own when its dependencies are not ours.
struct Crate {
    /// `-p NAME` or `--manifest-path PATH`.
    selector: [OsString; 2],
    target_dir: PathBuf,
    /// Cargo's feature arguments, none for the default features.
    features: Vec<OsString>,
}

impl Crate {
    fn package(name: &str, target_dir: &Path) -> Self {
        Crate {
            selector: ["-p".into(), name.into()],
            target_dir: target_dir.to_path_buf(),
            features: Vec::new(),
        }
    }

    fn manifest(path: &Path, target_dir: &Path) -> Self {
        Crate {
            selector: ["--manifest-path".into(), path.into()],
            target_dir: target_dir.to_path_buf(),
            features: Vec::new(),
        }
    }

    /// The same crate with only rustls and these features.
    fn with_only_features(&self, features: &str) -> Self {
        Crate {
            selector: self.selector.clone(),
            target_dir: self.target_dir.clone(),
            features: vec![
                "--no-default-features".into(),
                "--features".into(),
                format!("rustls,{features}").into(),
            ],
        }
    }

    fn cargo(&self, subcommand: &str) -> Command {
        let mut command = super::cargo(subcommand, &self.target_dir);
        // Incremental reuse would make a rebuild of an unchanged crate look
        // cheaper than a real one.
        command
            .args(&self.selector)
            .args(&self.features)
            .env("CARGO_INCREMENTAL", "0");
        command
    }

    /// Times a build of the crate alone. Its dependencies are usually built
    /// already (the synthetic crate shares the checked-in client's); when the
    /// first build had to build any of them, it is timed again.
    fn build_time(&self, lib_rs: &Path) -> Result<Duration, String> {
        let timed = || {
            fs::File::options()
                .write(true)
                .open(lib_rs)
                .and_then(|file| file.set_modified(SystemTime::now()))
                .map_err(|error| format!("cannot touch {}: {error}", lib_rs.display()))?;
            let mut command = self.cargo("build");
            command.arg("--color=never");
            let start = Instant::now();
            let output = run(command)?;
            let compiled = output
                .stderr
                .lines()
                .filter(|line| line.trim_start().starts_with("Compiling "))
                .count();
            Ok::<_, String>((start.elapsed(), compiled))
        };
        match timed()? {
            (time, compiled) if compiled <= 1 => Ok(time),
            _ => Ok(timed()?.0),
        }
    }

    /// Crates in the normal dependency tree, the crate itself excluded.
    fn dependency_count(&self) -> Result<usize, String> {
        let mut command = self.cargo("tree");
        command.args(["-e", "normal", "--prefix", "none"]);
        let tree = run(command)?.stdout;
        let crates: BTreeSet<&str> = tree
            .lines()
            .map(|line| line.trim_end_matches(" (*)"))
            .filter(|line| !line.is_empty())
            .collect();
        Ok(crates.len().saturating_sub(1))
    }
}

struct Output {
    stdout: String,
    stderr: String,
}

fn run(mut command: Command) -> Result<Output, String> {
    let output = command
        .output()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "{command:?} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(Output {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    })
}

/// Writes the client for a synthetic spec of `operations` operations into
/// `dir` as a standalone crate that shares the workspace's lock file and dev
/// profile, so that it reuses the dependencies already built.
fn write_synthetic_crate(dir: &Path, operations: usize) -> Result<(PathBuf, String), String> {
    let config = generator::Config {
        command: Some("cargo xtask bench".into()),
        ..generator::Config::new(format!("synthetic-{operations}"))
    };
    let generated = generator::generate(&synthetic::spec(operations), &config)
        .map_err(|diagnostics| format!("the synthetic spec does not generate: {diagnostics:?}"))?;
    let root = project_root();
    let write = |path: &Path, contents: &str| {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, contents)
    };
    let io = |error: std::io::Error| format!("cannot write into {}: {error}", dir.display());
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(io)?;
    }
    for file in &generated.files {
        let mut contents = file.contents.clone();
        if file.path == "Cargo.toml" {
            contents.push_str(&standalone(&root)?);
        }
        write(&dir.join(&file.path), &contents).map_err(io)?;
    }
    fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(io)?;
    // A resource's feature is its module's name, and the first module is as large as any.
    let resource = generated
        .files
        .iter()
        .filter_map(|file| {
            file.path
                .strip_prefix("src/resources/")?
                .strip_suffix(".rs")
        })
        .find(|module| *module != "mod")
        .ok_or("the synthetic client has no resource")?
        .to_string();
    Ok((dir.join("Cargo.toml"), resource))
}

/// What a crate in the bench's scratch dir adds to its manifest: it is no
/// member of our workspace, and it builds with the same dev profile as ours.
fn standalone(root: &Path) -> Result<String, String> {
    Ok(format!("\n[workspace]\n{}", workspace_profiles(root)?))
}

/// Progenitor's client for the same synthetic spec, as a standalone crate
/// with a target dir of its own (its dependencies differ from ours), and its
/// `lib.rs`; `None` when `cargo-progenitor` is not installed.
fn progenitor_crate(scratch: &Path, operations: usize) -> Option<Result<(Crate, PathBuf), String>> {
    let (command, out) = match generate::progenitor_command(scratch, operations)? {
        Ok(made) => made,
        Err(error) => return Some(Err(error)),
    };
    let make = || {
        run(command)?;
        let manifest = out.join("Cargo.toml");
        let io = |error: std::io::Error| format!("cannot edit {}: {error}", manifest.display());
        let mut contents = fs::read_to_string(&manifest).map_err(io)?;
        contents.push_str(&standalone(&project_root())?);
        fs::write(&manifest, contents).map_err(io)?;
        let peer = Crate::manifest(&manifest, &scratch.join("progenitor-target"));
        Ok((peer, out.join("src/lib.rs")))
    };
    Some(make())
}

/// The `[profile.*]` sections of the workspace manifest, as written there.
fn workspace_profiles(root: &Path) -> Result<String, String> {
    let manifest = fs::read_to_string(root.join("Cargo.toml"))
        .map_err(|error| format!("cannot read the workspace Cargo.toml: {error}"))?;
    let mut out = String::new();
    let mut in_profile = false;
    for line in manifest.lines() {
        if line.starts_with('[') {
            in_profile = line.starts_with("[profile.");
        }
        if in_profile {
            out.push_str(line);
            out.push('\n');
        }
    }
    Ok(out)
}

/// Adds the compile-cost rows for the checked-in client and the synthetic
/// one, built in `target_dir` and written under `scratch`.
pub fn rows(
    table: &mut Table,
    synthetic_operations: usize,
    target_dir: &Path,
    scratch: &Path,
) -> Result<(), String> {
    let root = project_root();
    let checked_in = Crate::package("telnyx-openapi", target_dir);
    let time = checked_in.build_time(&root.join("generated-client/src/lib.rs"))?;
    table.push(
        Row::new("debug build of telnyx-openapi (checked-in client)")
            .ours(format!("{:.2} s", time.as_secs_f64())),
    );
    table.push(
        Row::new("telnyx-openapi: crates in its dependency tree")
            .ours(checked_in.dependency_count()?.to_string()),
    );

    let dir = scratch.join(format!("synthetic-{synthetic_operations}"));
    let (manifest, resource) = write_synthetic_crate(&dir, synthetic_operations)?;
    let synthetic = Crate::manifest(&manifest, target_dir);
    let synthetic_time = synthetic.build_time(&dir.join("src/lib.rs"))?;
    let row = Row::new(format!(
        "debug build of the {synthetic_operations}-op synthetic client"
    ))
    .ours(format!("{:.2} s", synthetic_time.as_secs_f64()));
    let row = match progenitor_crate(scratch, synthetic_operations) {
        None => row.baseline("progenitor: not installed"),
        Some(Err(error)) => row.baseline(format!("progenitor failed: {error}")),
        Some(Ok((peer, lib_rs))) => {
            let theirs = peer.build_time(&lib_rs)?;
            row.baseline(format!("progenitor {:.2} s", theirs.as_secs_f64()))
                .ratio(synthetic_time.as_secs_f64() / theirs.as_secs_f64())
        }
    };
    table.push(row.ratio_at_most(SHARE_OF_PROGENITOR));
    // Same crate, profile and built dependencies: only the features differ.
    let one = synthetic.with_only_features(&resource);
    let one_time = one.build_time(&dir.join("src/lib.rs"))?;
    table.push(
        Row::new(format!(
            "debug build of the {synthetic_operations}-op client, one resource (`{resource}`)"
        ))
        .ours(format!("{:.2} s", one_time.as_secs_f64()))
        .baseline(format!(
            "whole client {:.2} s",
            synthetic_time.as_secs_f64()
        ))
        .ratio(one_time.as_secs_f64() / synthetic_time.as_secs_f64())
        .ratio_at_most(SHARE_OF_WHOLE),
    );
    table.push(
        Row::new(format!(
            "{synthetic_operations}-op client: crates in its dependency tree"
        ))
        .ours(synthetic.dependency_count()?.to_string()),
    );
    Ok(())
}

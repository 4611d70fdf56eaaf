//! Compile cost: how long the generated crate itself takes to build in debug
//! mode once its dependencies are built, and how many crates it pulls in.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use super::synthetic;
use super::table::{Row, Table};
use crate::project_root;

/// The budget for a 1,000-operation client: half of progenitor's ~12 s.
const BUDGET_1000_OPS: Duration = Duration::from_secs(6);

/// A crate to build: either a workspace package or a standalone manifest.
enum Crate {
    Package(&'static str),
    Manifest(PathBuf),
}

impl Crate {
    fn cargo(&self, subcommand: &str) -> Command {
        let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        command.arg(subcommand);
        match self {
            Crate::Package(name) => command.args(["-p", name]),
            Crate::Manifest(path) => command.arg("--manifest-path").arg(path),
        };
        // Every build shares the workspace's target dir, so dependencies are
        // built once; incremental reuse would make a rebuild of an unchanged
        // crate look cheaper than a real one.
        command
            .current_dir(project_root())
            .env("CARGO_TARGET_DIR", project_root().join("target"))
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
fn write_synthetic_crate(dir: &Path, operations: usize) -> Result<PathBuf, String> {
    let config = generator::Config::new(format!("synthetic-{operations}"));
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
            contents.push_str("\n[workspace]\n");
            contents.push_str(&workspace_profiles(&root)?);
        }
        write(&dir.join(&file.path), &contents).map_err(io)?;
    }
    fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(io)?;
    Ok(dir.join("Cargo.toml"))
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

/// Adds the compile-cost rows for the checked-in client and the synthetic one.
pub fn rows(table: &mut Table, synthetic_operations: usize) -> Result<(), String> {
    let root = project_root();
    let checked_in = Crate::Package("telnyx");
    let time = checked_in.build_time(&root.join("generated-client/src/lib.rs"))?;
    table.push(
        Row::new("debug build of telnyx (checked-in client)")
            .ours(format!("{:.2} s", time.as_secs_f64())),
    );
    table.push(
        Row::new("telnyx: crates in its dependency tree")
            .ours(checked_in.dependency_count()?.to_string()),
    );

    let dir = root.join(format!("target/bench/synthetic-{synthetic_operations}"));
    let manifest = write_synthetic_crate(&dir, synthetic_operations)?;
    let synthetic = Crate::Manifest(manifest);
    let synthetic_time = synthetic.build_time(&dir.join("src/lib.rs"))?;
    let mut row = Row::new(format!(
        "debug build of the {synthetic_operations}-op synthetic client"
    ))
    .ours(format!("{:.2} s", synthetic_time.as_secs_f64()))
    .baseline(format!("checked-in client {:.2} s", time.as_secs_f64()))
    .ratio(synthetic_time.as_secs_f64() / time.as_secs_f64());
    if synthetic_operations == 1000 {
        row = row.target(
            format!("<= {} s", BUDGET_1000_OPS.as_secs()),
            synthetic_time <= BUDGET_1000_OPS,
        );
    }
    table.push(row);
    table.push(
        Row::new(format!(
            "{synthetic_operations}-op client: crates in its dependency tree"
        ))
        .ours(synthetic.dependency_count()?.to_string()),
    );
    Ok(())
}

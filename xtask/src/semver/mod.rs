//! After `cargo xtask codegen` rewrites a client: is the new client a
//! breaking change to the one it replaced, which items break, and which
//! version the change needs.
//!
//! Before writing, the old crate is copied under the target dir; after,
//! `cargo semver-checks` compares the two, and [`surface`] adds what that
//! tool does not check (a field or argument whose type changed). The version
//! is proposed, not applied: a crate is regenerated several times between
//! releases, and the maintainer sets `crate_version` in `codegen.yaml` when
//! releasing.

pub mod surface;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The command that installs the tool, as the message names it.
pub const INSTALL: &str = "cargo install cargo-semver-checks --locked";

/// The client as it was before this run, kept for the comparison.
pub struct Baseline {
    dir: PathBuf,
}

impl Baseline {
    /// Copies the crate in `out` (its manifest, README and `src/`) to
    /// `<target_dir>/codegen-baseline/<dir name>`. `None` when `out` holds no
    /// crate yet: a new client breaks nothing.
    pub fn keep(out: &Path, target_dir: &Path) -> io::Result<Option<Baseline>> {
        let manifest = out.join("Cargo.toml");
        let Ok(text) = fs::read_to_string(&manifest) else {
            return Ok(None);
        };
        let name = out.file_name().unwrap_or_default();
        let dir = target_dir.join("codegen-baseline").join(name);
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir_all(&dir)?;
        // Its own workspace: the copy may sit inside this one without being a member.
        fs::write(dir.join("Cargo.toml"), format!("{text}\n[workspace]\n"))?;
        let readme = out.join("README.md");
        if readme.exists() {
            fs::copy(readme, dir.join("README.md"))?;
        }
        copy_dir(&out.join("src"), &dir.join("src"))?;
        Ok(Some(Baseline { dir }))
    }
}

fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// How much a change breaks, in semver's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Nothing users can see in the API changed (docs, internals).
    Patch,
    /// Items were added; nothing users wrote stops compiling.
    Additive,
    /// Code written against the old client may not compile against the new.
    Breaking,
}

/// What the comparison found.
pub struct Report {
    pub change: Change,
    /// One line per finding, each naming the item.
    pub findings: Vec<String>,
    /// The version the old client had.
    pub old_version: String,
    /// The version `codegen.yaml` gives the new one.
    pub new_version: String,
    /// Whether `cargo semver-checks` ran; without it only the source comparison did.
    pub tool_ran: bool,
}

impl Report {
    /// The lowest version after the old one that allows the change.
    pub fn needed_version(&self) -> String {
        bump(&self.old_version, self.change)
    }

    /// What `cargo xtask codegen` prints.
    pub fn render(&self, codegen_yaml: &str) -> String {
        let mut out = String::new();
        let verdict = match self.change {
            Change::Breaking => "a breaking change",
            Change::Additive => "not a breaking change (items added)",
            Change::Patch => "not a breaking change (no public item changed)",
        };
        out.push_str(&format!("semver: the new client is {verdict}"));
        if !self.tool_ran {
            out.push_str(" by a comparison of the sources only");
        }
        out.push('\n');
        for finding in &self.findings {
            out.push_str(&format!("  {finding}\n"));
        }
        let needed = self.needed_version();
        if version_at_least(&self.new_version, &needed) {
            out.push_str(&format!(
                "semver: version {} allows it (the old client was {})\n",
                self.new_version, self.old_version
            ));
        } else {
            out.push_str(&format!(
                "semver: it needs version {needed} (the old client was {}); set `crate_version: {needed}` in {codegen_yaml} when releasing\n",
                self.old_version
            ));
        }
        out
    }
}

/// Compares the client now in `out` with `baseline`.
pub fn compare(baseline: &Baseline, out: &Path) -> Report {
    let old_version = package_version(&baseline.dir).unwrap_or_else(|| "0.0.0".to_string());
    let new_version = package_version(out).unwrap_or_else(|| old_version.clone());
    let difference = surface::compare(&surface::read(&baseline.dir), &surface::read(out));
    let mut findings = Vec::new();
    let mut change = if !difference.added.is_empty() {
        Change::Additive
    } else {
        Change::Patch
    };
    let tool = run_semver_checks(&baseline.dir, out);
    let tool_ran = tool.is_some();
    match tool {
        Some(Ok(tool)) => {
            if tool.breaking {
                change = Change::Breaking;
            }
            findings.extend(tool.findings);
        }
        Some(Err(message)) => findings.push(format!("cargo semver-checks failed: {message}")),
        None => {
            // Without the tool, removals are found from the sources.
            for path in &difference.removed {
                change = Change::Breaking;
                findings.push(format!("removed: {path}"));
            }
        }
    }
    for (path, old, new) in &difference.changed {
        change = Change::Breaking;
        let what = if old.starts_with("fn(") {
            "changed signature"
        } else {
            "changed type"
        };
        findings.push(format!("{what}: {path}: `{old}` is now `{new}`"));
    }
    Report {
        change,
        findings,
        old_version,
        new_version,
        tool_ran,
    }
}

/// Whether `cargo semver-checks` can be run here.
pub fn tool_installed() -> bool {
    cargo()
        .args(["semver-checks", "--version"])
        .output()
        .is_ok_and(|output| output.status.success())
}

/// The one-line message printed when the tool is missing.
pub fn missing_tool_message() -> String {
    format!(
        "note: cargo-semver-checks is not installed, so only a comparison of the sources \
         says whether this change breaks users; install it with `{INSTALL}`"
    )
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

struct ToolReport {
    breaking: bool,
    findings: Vec<String>,
}

/// `cargo semver-checks` on the two crates, every lint run whatever the
/// versions say; `None` when the tool is not installed.
fn run_semver_checks(baseline: &Path, out: &Path) -> Option<Result<ToolReport, String>> {
    if !tool_installed() {
        return None;
    }
    let output = cargo()
        .args(["semver-checks", "check-release", "--manifest-path"])
        .arg(out.join("Cargo.toml"))
        .arg("--baseline-root")
        .arg(baseline)
        .args(["--release-type", "patch", "--color", "never"])
        .output();
    let output = match output {
        Ok(output) => output,
        Err(error) => return Some(Err(error.to_string())),
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let text = format!("{stdout}\n{stderr}");
    let summary = text
        .lines()
        .find(|line| line.trim_start().starts_with("Summary"));
    let Some(summary) = summary else {
        let last = stderr.lines().rev().find(|line| !line.trim().is_empty());
        return Some(Err(last.unwrap_or("no summary").trim().to_string()));
    };
    Some(Ok(ToolReport {
        breaking: summary.contains("major"),
        findings: failures(&stdout),
    }))
}

/// The items each failed lint names: the lines under `--- failure <lint>: ...`
/// that say where (`Failed in:` is followed by one line per item).
fn failures(stdout: &str) -> Vec<String> {
    let mut findings = Vec::new();
    let mut lint = None;
    let mut in_items = false;
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("--- failure ") {
            lint = rest.split(':').next().map(str::to_string);
            in_items = false;
        } else if line.trim() == "Failed in:" {
            in_items = true;
        } else if in_items && !line.trim().is_empty() {
            let item = line.trim();
            let lint = lint.as_deref().unwrap_or("semver");
            findings.push(format!("{lint}: {item}"));
        } else if line.trim().is_empty() {
            in_items = false;
        }
    }
    findings
}

/// The `version` of the package whose manifest is in `dir`.
fn package_version(dir: &Path) -> Option<String> {
    let text = fs::read_to_string(dir.join("Cargo.toml")).ok()?;
    text.lines().find_map(|line| {
        let value = line.strip_prefix("version = ")?;
        Some(value.trim().trim_matches('"').to_string())
    })
}

/// The version after `version` that a change of this kind needs. Below 1.0
/// Cargo treats the minor number as the major one: `0.1.0` to `0.2.0` breaks,
/// `0.1.0` to `0.1.1` adds.
pub fn bump(version: &str, change: Change) -> String {
    let [major, minor, patch] = numbers(version);
    match (major, change) {
        (0, Change::Breaking) => format!("0.{}.0", minor + 1),
        (0, _) => format!("0.{minor}.{}", patch + 1),
        (_, Change::Breaking) => format!("{}.0.0", major + 1),
        (_, Change::Additive) => format!("{major}.{}.0", minor + 1),
        (_, Change::Patch) => format!("{major}.{minor}.{}", patch + 1),
    }
}

fn numbers(version: &str) -> [u64; 3] {
    let core = version.split(['-', '+']).next().unwrap_or(version);
    let mut parts = core.split('.').map(|part| part.parse().unwrap_or(0));
    [
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    ]
}

fn version_at_least(version: &str, needed: &str) -> bool {
    numbers(version) >= numbers(needed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_one_a_breaking_change_bumps_the_minor_number_and_the_rest_the_patch() {
        assert_eq!(bump("0.1.0", Change::Breaking), "0.2.0");
        assert_eq!(bump("0.1.3", Change::Additive), "0.1.4");
        assert_eq!(bump("0.1.3", Change::Patch), "0.1.4");
    }

    #[test]
    fn from_one_on_each_kind_of_change_bumps_its_own_number() {
        assert_eq!(bump("1.2.3", Change::Breaking), "2.0.0");
        assert_eq!(bump("1.2.3", Change::Additive), "1.3.0");
        assert_eq!(bump("1.2.3", Change::Patch), "1.2.4");
    }

    #[test]
    fn a_version_already_bumped_far_enough_is_accepted() {
        assert!(version_at_least("0.2.0", "0.2.0"));
        assert!(version_at_least("1.0.0", "0.2.0"));
        assert!(!version_at_least("0.1.9", "0.2.0"));
    }
}

//! Where cargo puts this workspace's builds, so that the benchmark runs the
//! binaries this checkout built and not ones left in another directory.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::project_root;

/// The workspace's target dir as cargo sees it: `CARGO_TARGET_DIR` when set,
/// else `cargo metadata`'s `target_directory` (which also reads a
/// `build.target-dir` in cargo's config), else `target/` in the workspace.
pub fn resolve() -> PathBuf {
    let current_dir = std::env::current_dir().unwrap_or_else(|_| project_root());
    from(std::env::var_os("CARGO_TARGET_DIR"), &current_dir, || {
        metadata_target_dir(cargo_metadata())
    })
}

/// [`resolve`] with its inputs handed in. A relative `CARGO_TARGET_DIR` is
/// taken from `current_dir`, as cargo takes it.
fn from(
    env: Option<OsString>,
    current_dir: &Path,
    metadata: impl FnOnce() -> Option<PathBuf>,
) -> PathBuf {
    match env.filter(|dir| !dir.is_empty()) {
        Some(dir) => current_dir.join(dir),
        None => metadata().unwrap_or_else(|| project_root().join("target")),
    }
}

/// The release build of the xtask in `target_dir`.
pub fn release_xtask(target_dir: &Path) -> PathBuf {
    target_dir
        .join("release")
        .join(format!("xtask{}", std::env::consts::EXE_SUFFIX))
}

/// `cargo metadata` of this workspace, without its dependencies.
fn cargo_metadata() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .current_dir(project_root());
    command
}

/// The `target_directory` that `command` reports, or `None` when cargo
/// cannot say.
fn metadata_target_dir(mut command: Command) -> Option<PathBuf> {
    let output = command.output().ok()?;
    if !output.status.success() {
        return None;
    }
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).ok()?;
    metadata["target_directory"].as_str().map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_metadata() -> Option<PathBuf> {
        None
    }

    #[test]
    fn cargo_target_dir_decides_where_the_release_binary_is() {
        let dir = from(Some("/elsewhere/target".into()), Path::new("/work"), || {
            panic!("cargo metadata is not asked when CARGO_TARGET_DIR is set")
        });
        assert_eq!(
            release_xtask(&dir),
            Path::new("/elsewhere/target/release")
                .join(format!("xtask{}", std::env::consts::EXE_SUFFIX))
        );
    }

    #[test]
    fn a_relative_cargo_target_dir_is_taken_from_the_current_directory() {
        let dir = from(Some("build".into()), Path::new("/work/here"), no_metadata);
        assert_eq!(dir, Path::new("/work/here/build"));
    }

    #[test]
    fn without_cargo_target_dir_cargo_metadata_decides() {
        let metadata = || Some(PathBuf::from("/configured/target"));
        assert_eq!(
            from(None, Path::new("/work"), metadata),
            Path::new("/configured/target")
        );
        assert_eq!(
            from(Some("".into()), Path::new("/work"), metadata),
            Path::new("/configured/target")
        );
    }

    #[test]
    fn without_either_it_is_the_workspace_target() {
        assert_eq!(
            from(None, Path::new("/work"), no_metadata),
            project_root().join("target")
        );
    }

    #[test]
    fn cargo_metadata_reports_the_target_dir_cargo_is_given() {
        let dir = tempfile::tempdir().unwrap();
        let mut command = cargo_metadata();
        command.env("CARGO_TARGET_DIR", dir.path());
        assert_eq!(metadata_target_dir(command).as_deref(), Some(dir.path()));
    }
}

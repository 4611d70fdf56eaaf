//! Prism, the mock server that serves and validates the spec: installing it
//! from `xtask/mock/package-lock.json` and the command that runs it.
//!
//! `cargo xtask mock` uses this module, and so do the generated client's
//! contract tests, which include this file by path: it uses std only.

use std::fs;
use std::io;
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What Prism answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The spec's examples.
    Static,
    /// Random values that conform to the schemas.
    Dynamic,
}

/// The folder holding Prism's `package.json`, lockfile and `node_modules`.
fn mock_dir(root: &Path) -> PathBuf {
    root.join("xtask").join("mock")
}

/// Where an install records the lockfile it was made from.
const STAMP: &str = ".installed-from-package-lock.json";

/// Installs Prism with `npm ci` unless `node_modules` already holds what the
/// lockfile pins. The install goes to a private folder that is renamed into
/// place, so parallel runs never see half an install.
pub fn install(root: &Path) -> Result<(), String> {
    let dir = mock_dir(root);
    let lock = fs::read_to_string(dir.join("package-lock.json"))
        .map_err(|error| format!("cannot read xtask/mock/package-lock.json: {error}"))?;
    let installed = dir.join("node_modules");
    let current = |dir: &Path| fs::read_to_string(dir.join(STAMP)).is_ok_and(|s| s == lock);
    if current(&installed) {
        return Ok(());
    }
    let staging = dir.join(format!(".install-{}", std::process::id()));
    let result = install_into(&dir, &staging, &lock).and_then(|()| {
        if installed.exists() && !current(&installed) {
            // Left by a bare `npm install` or made from an older lockfile.
            fs::remove_dir_all(&installed).map_err(|error| error.to_string())?;
        }
        match fs::rename(staging.join("node_modules"), &installed) {
            Ok(()) => Ok(()),
            // Another run finished first; its install is just as good.
            Err(_) if current(&installed) => Ok(()),
            Err(error) => Err(format!("cannot move the install into place: {error}")),
        }
    });
    let _ = fs::remove_dir_all(&staging);
    result.map_err(|error| {
        format!(
            "installing Prism (`npm ci --prefix xtask/mock`) failed: {error}\n\
             The contract tests and `cargo xtask mock` need Node.js 18 or later and npm \
             with access to the npm registry."
        )
    })
}

fn install_into(dir: &Path, staging: &Path, lock: &str) -> Result<(), String> {
    let _ = fs::remove_dir_all(staging);
    fs::create_dir_all(staging).map_err(|error| error.to_string())?;
    fs::copy(dir.join("package.json"), staging.join("package.json"))
        .map_err(|error| error.to_string())?;
    fs::write(staging.join("package-lock.json"), lock).map_err(|error| error.to_string())?;
    let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
    let output = Command::new(npm)
        .args([
            "ci",
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
            "--prefix",
        ])
        .arg(staging)
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("cannot run `{npm}`: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "{}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    fs::write(staging.join("node_modules").join(STAMP), lock).map_err(|error| error.to_string())
}

/// A port on the loopback interface that nothing listens on right now.
pub fn free_port() -> io::Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port())
}

/// The command that runs Prism on `spec` at `127.0.0.1:port`, with `--errors`
/// so that a request or response breaking the spec gets an error answer whose
/// `sl-violations` header names the violations. Prism stops when its stdin
/// closes: hold the child's stdin for as long as it should run.
pub fn command(root: &Path, spec: &Path, port: u16, mode: Mode) -> Command {
    let mut command = Command::new("node");
    command
        .arg(mock_dir(root).join("prism.js"))
        .args(["mock", "--errors", "--host", "127.0.0.1", "--port"])
        .arg(port.to_string());
    if mode == Mode::Dynamic {
        command.arg("--dynamic");
    }
    command.arg(spec).stdin(Stdio::piped());
    command
}

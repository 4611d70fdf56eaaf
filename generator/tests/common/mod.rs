//! Helpers shared by the test targets that compile generated crates.

use std::fs;
use std::path::Path;
use std::process::Command;

use generator::Generated;

/// Writes the crates into one cargo workspace under `target/tmp` and checks
/// them all with one `cargo check`, warnings denied. The target dir is shared
/// between runs and workspaces, so dependencies are built once.
pub fn cargo_check(workspace: &str, crates: &[(String, Generated)]) {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let root = tmp.join(workspace);
    // Crates of fixtures removed since the last run must not linger.
    let _ = fs::remove_dir_all(&root);
    for (name, generated) in crates {
        for file in &generated.files {
            let path = root.join(name).join(&file.path);
            fs::create_dir_all(path.parent().expect("files are inside the crate"))
                .expect("crate dir is writable");
            fs::write(&path, &file.contents).expect("generated file is writable");
        }
    }
    let members: Vec<String> = crates.iter().map(|(name, _)| format!("{name:?}")).collect();
    let manifest = format!(
        "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
        members.join(", ")
    );
    fs::write(root.join("Cargo.toml"), manifest).expect("workspace manifest is writable");
    // The project's lock file pins the same dependency versions as the generated client.
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    fs::copy(lock, root.join("Cargo.lock")).expect("Cargo.lock is copied");
    let output = Command::new(env!("CARGO"))
        .args(["check", "--workspace", "--keep-going", "--quiet"])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", tmp.join("generated-crates-target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "generated crates in {} do not compile:\n{}",
        root.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

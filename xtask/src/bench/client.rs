//! The client and decode benchmarks live in `xtask/benchmarks/benches/`, beside
//! their dependencies; this runs them and reads the line each prints.

use std::path::Path;

use super::table::{Row, Table};

const RESULT_PREFIX: &str = "bench-result ";

/// (figure printed by the bench, what the row says, the least ratio accepted).
const FIGURES: &[(&str, &str, f64)] = &[
    (
        "client-sequential",
        "client: sequential `retrieve` calls",
        0.97,
    ),
    ("client-concurrent", "client: 64 calls in flight", 0.97),
    ("decode", "decode the seed into `RecordingResponse`", 0.95),
];

pub fn rows(table: &mut Table, quick: bool, target_dir: &Path) -> Result<(), String> {
    let mut command = super::cargo("bench", target_dir);
    // `--workspace` resolves features as `cargo test --workspace` does, so the
    // quick run reuses the dependencies the tests built.
    command.args([
        "--quiet",
        "--workspace",
        "--bench",
        "client",
        "--bench",
        "decode",
    ]);
    if quick {
        command.args(["--profile", "dev", "--", "--quick"]);
    }
    let output = command
        .output()
        .map_err(|error| format!("cannot run cargo bench: {error}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "cargo bench failed:\n{stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    for line in stdout.lines() {
        let Some(result) = line.strip_prefix(RESULT_PREFIX) else {
            continue;
        };
        let fields: Vec<&str> = result.split_whitespace().collect();
        let [figure, ours, baseline, ratio, unit] = fields[..] else {
            return Err(format!("unreadable benchmark result: {line}"));
        };
        let (Ok(ours), Ok(baseline), Ok(ratio)) = (
            ours.parse::<f64>(),
            baseline.parse::<f64>(),
            ratio.parse::<f64>(),
        ) else {
            return Err(format!("unreadable benchmark result: {line}"));
        };
        let (label, least) = FIGURES
            .iter()
            .find(|(name, _, _)| *name == figure)
            .map(|(_, label, least)| (*label, *least))
            .ok_or_else(|| format!("unknown benchmark figure `{figure}`"))?;
        table.push(
            Row::new(label)
                .ours(format!("{ours:.0} {unit}"))
                .baseline(format!("hand-written {baseline:.0} {unit}"))
                .ratio(ratio)
                .target(format!(">= {least}x"), ratio >= least),
        );
    }
    Ok(())
}

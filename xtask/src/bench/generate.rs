//! Generator time and peak memory on synthetic specs, one child process per
//! size so that each size's peak memory is its own.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use super::measure::{self, Measured};
use super::synthetic;
use super::table::{Row, Table};

/// What one child reports for one size.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub operations: usize,
    /// Median CPU time of one `generator::generate` call, all threads.
    pub cpu: Duration,
    /// Median wall time of one call: the figure the targets are about, as the
    /// generator formats files on every core.
    pub wall: Duration,
    /// The child's peak resident memory, whole process.
    pub peak_kib: u64,
    /// Lines of Rust and TOML generated.
    pub lines: usize,
}

const RESULT_PREFIX: &str = "bench-generator-result";

/// The hidden `bench-generator OPS ITERS` task: runs in a child process.
pub fn child(args: &[String]) -> ExitCode {
    let parsed = match args {
        [ops, iters] => ops.parse::<usize>().ok().zip(iters.parse::<usize>().ok()),
        _ => None,
    };
    let Some((operations, iterations)) = parsed else {
        eprintln!("usage: xtask bench-generator OPERATIONS ITERATIONS");
        return ExitCode::from(2);
    };
    let spec = synthetic::spec(operations);
    let config = generator::Config::new("synthetic-api");
    let (mut cpu, mut wall) = (Vec::new(), Vec::new());
    let mut lines = 0;
    for _ in 0..iterations.max(1) {
        let (start, start_cpu) = (Instant::now(), measure::own_cpu_time());
        let generated = generator::generate(&spec, &config);
        wall.push(start.elapsed());
        cpu.push(measure::own_cpu_time().saturating_sub(start_cpu));
        match generated {
            Ok(generated) => {
                lines = generated
                    .files
                    .iter()
                    .map(|f| f.contents.lines().count())
                    .sum();
            }
            Err(diagnostics) => {
                eprintln!("the synthetic spec does not generate: {diagnostics:#?}");
                return ExitCode::from(1);
            }
        }
    }
    let Some(peak_kib) = measure::own_peak_kib() else {
        eprintln!("cannot read VmHWM from /proc/self/status");
        return ExitCode::from(2);
    };
    println!(
        "{RESULT_PREFIX} {operations} {} {} {peak_kib} {lines}",
        measure::median(&mut cpu).as_nanos(),
        measure::median(&mut wall).as_nanos(),
    );
    ExitCode::SUCCESS
}

/// Runs `binary bench-generator` for one size and reads its result line.
pub fn sample(binary: &Path, operations: usize, iterations: usize) -> Result<Sample, String> {
    let line = run_child(
        binary,
        &[
            "bench-generator",
            &operations.to_string(),
            &iterations.to_string(),
        ],
        RESULT_PREFIX,
    )?;
    let fields: Vec<u128> = line
        .split_whitespace()
        .filter_map(|field| field.parse().ok())
        .collect();
    match fields[..] {
        [ops, cpu, wall, peak_kib, lines] => Ok(Sample {
            operations: ops as usize,
            cpu: Duration::from_nanos(cpu as u64),
            wall: Duration::from_nanos(wall as u64),
            peak_kib: peak_kib as u64,
            lines: lines as usize,
        }),
        _ => Err(format!("unreadable generator result: {line}")),
    }
}

/// How generator time grows from one size to a larger one.
#[derive(Debug, Clone, Copy)]
pub struct Scaling {
    pub small: usize,
    pub large: usize,
    pub pairs: usize,
    /// The median of the pairs' large / small wall-time ratios.
    pub ratio: f64,
    /// The lower and upper quartiles of those ratios: how much the machine
    /// moved them.
    pub quartiles: (f64, f64),
}

const SCALING_PREFIX: &str = "bench-scaling-result";

/// The hidden `bench-scaling SMALL LARGE PAIRS` task, in a child process:
/// generates the two synthetic specs in pairs of back-to-back runs and
/// prints the median of the pairs' time ratios. The per-size children run
/// seconds apart, and this machine's speed drifts by more than the target's
/// margin over seconds; the two runs of a pair see the same machine.
pub fn scaling_child(args: &[String]) -> ExitCode {
    let parsed: Vec<usize> = args.iter().filter_map(|arg| arg.parse().ok()).collect();
    let [small, large, pairs] = parsed[..] else {
        eprintln!("usage: xtask bench-scaling SMALL LARGE PAIRS");
        return ExitCode::from(2);
    };
    let config = generator::Config::new("synthetic-api");
    let specs = [synthetic::spec(small), synthetic::spec(large)];
    let time = |spec: &str| {
        let start = Instant::now();
        generator::generate(spec, &config).map(|_| start.elapsed())
    };
    let mut ratios = Vec::new();
    for pair in 0..pairs.max(1) {
        // Which size goes first alternates, as in the client benchmark.
        let (small_time, large_time) = if pair % 2 == 0 {
            let small_time = time(&specs[0]);
            (small_time, time(&specs[1]))
        } else {
            let large_time = time(&specs[1]);
            (time(&specs[0]), large_time)
        };
        match (small_time, large_time) {
            (Ok(small_time), Ok(large_time)) => {
                ratios.push(large_time.as_secs_f64() / small_time.as_secs_f64());
            }
            (Err(diagnostics), _) | (_, Err(diagnostics)) => {
                eprintln!("the synthetic spec does not generate: {diagnostics:#?}");
                return ExitCode::from(1);
            }
        }
    }
    ratios.sort_by(f64::total_cmp);
    let at = |quarter: usize| {
        let index = (ratios.len().saturating_sub(1) * quarter + 2) / 4;
        ratios.get(index).copied().unwrap_or_default()
    };
    println!(
        "{SCALING_PREFIX} {:.4} {} {:.4} {:.4}",
        at(2),
        ratios.len(),
        at(1),
        at(3)
    );
    ExitCode::SUCCESS
}

/// Runs `binary bench-scaling` and reads its result line.
pub fn scaling(binary: &Path, small: usize, large: usize, pairs: usize) -> Result<Scaling, String> {
    let args = [small, large, pairs].map(|n| n.to_string());
    let line = run_child(
        binary,
        &["bench-scaling", &args[0], &args[1], &args[2]],
        SCALING_PREFIX,
    )?;
    let fields: Vec<f64> = line
        .split_whitespace()
        .filter_map(|field| field.parse().ok())
        .collect();
    match fields[..] {
        [ratio, pairs, lower, upper] => Ok(Scaling {
            small,
            large,
            pairs: pairs as usize,
            ratio,
            quartiles: (lower, upper),
        }),
        _ => Err(format!("unreadable scaling result: {line}")),
    }
}

/// Runs `binary` with `args` and returns the rest of the stdout line that
/// starts with `prefix`, or the child's stderr when there is none.
fn run_child(binary: &Path, args: &[&str], prefix: &str) -> Result<String, String> {
    let output = Command::new(binary)
        .args(args)
        .output()
        .map_err(|error| format!("cannot run {}: {error}", binary.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .lines()
        .find_map(|line| line.strip_prefix(prefix))
        .map(str::to_string)
        .ok_or_else(|| {
            format!(
                "`{}` failed:\n{}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr)
            )
        })
}

/// The command that makes `cargo-progenitor` write its client for the
/// synthetic spec of `operations` operations into `scratch/progenitor-N`
/// (returned too), with the spec written beside it; `None` when it is not
/// installed. The compile benchmark builds that client.
pub fn progenitor_command(
    scratch: &Path,
    operations: usize,
) -> Option<Result<(Command, PathBuf), String>> {
    let binary = measure::find_on_path("cargo-progenitor")?;
    let spec = scratch.join(format!("synthetic-{operations}.json"));
    let out = scratch.join(format!("progenitor-{operations}"));
    if let Err(error) = std::fs::write(&spec, synthetic::spec(operations)) {
        return Some(Err(format!("cannot write {}: {error}", spec.display())));
    }
    let mut command = Command::new(binary);
    command
        .arg("progenitor")
        .arg("-i")
        .arg(&spec)
        .arg("-o")
        .arg(&out)
        .args(["-n", "synthetic-api", "-v", "0.1.0"]);
    Some(Ok((command, out)))
}

/// `cargo-progenitor` on the same spec, timed, when it is installed.
fn progenitor(scratch: &Path, operations: usize) -> Option<Result<Measured, String>> {
    Some(
        progenitor_command(scratch, operations)?
            .and_then(|(command, _)| measure::run_measured(command)),
    )
}

/// The sizes whose time and memory have targets.
const TARGET_SIZES: [usize; 2] = [1000, 5000];
/// The most our wall time may be as a share of progenitor's on those sizes.
const TIME_SHARE_OF_PROGENITOR: f64 = 0.1;
/// The most our peak memory may be as a share of progenitor's on those sizes.
const MEMORY_SHARE_OF_PROGENITOR: f64 = 0.5;
/// The most 5,000 operations may take as a multiple of 1,000's, so that
/// time grows close to linearly with the spec.
const MOST_GROWTH: f64 = 6.0;

/// Adds the generator rows: per size time and memory, then the scaling.
pub fn rows(table: &mut Table, samples: &[Sample], scaling: Scaling, scratch: &Path) {
    for sample in samples {
        let (time_row, memory_row) = size_rows(sample, progenitor(scratch, sample.operations));
        table.push(time_row);
        table.push(memory_row);
    }
    table.push(scaling_row(scaling));
}

/// The time and memory rows of one size, beside progenitor's figures when
/// it ran.
fn size_rows(sample: &Sample, peer: Option<Result<Measured, String>>) -> (Row, Row) {
    let ops = sample.operations;
    let secs = sample.wall.as_secs_f64();
    let mib = sample.peak_kib as f64 / 1024.0;
    let mut time_row =
        Row::new(format!("generate {ops} ops ({} lines out)", sample.lines)).ours(format!(
            "{:.1} ms ({:.0} ms cpu)",
            secs * 1e3,
            sample.cpu.as_secs_f64() * 1e3
        ));
    let mut memory_row =
        Row::new(format!("generate {ops} ops: peak memory")).ours(format!("{mib:.1} MB"));
    match peer {
        None => {
            time_row = time_row.baseline("progenitor: not installed");
            memory_row = memory_row.baseline("progenitor: not installed");
        }
        Some(Err(error)) => {
            time_row = time_row.baseline(format!("progenitor failed: {error}"));
            memory_row = memory_row.baseline("progenitor failed");
        }
        Some(Ok(theirs)) => {
            let their_secs = theirs.time.as_secs_f64();
            time_row = time_row
                .baseline(format!("progenitor {:.1} ms", their_secs * 1e3))
                .ratio(secs / their_secs);
            memory_row = match theirs.peak_kib {
                Some(their_kib) => memory_row
                    .baseline(format!("progenitor {:.1} MB", their_kib as f64 / 1024.0))
                    .ratio(sample.peak_kib as f64 / their_kib as f64),
                None => memory_row.baseline("progenitor: peak memory unknown"),
            };
        }
    }
    if TARGET_SIZES.contains(&ops) {
        time_row = time_row.ratio_at_most(TIME_SHARE_OF_PROGENITOR);
        memory_row = memory_row.ratio_at_most(MEMORY_SHARE_OF_PROGENITOR);
    }
    (time_row, memory_row)
}

fn scaling_row(scaling: Scaling) -> Row {
    let Scaling {
        small,
        large,
        pairs,
        ratio,
        quartiles: (lower, upper),
    } = scaling;
    let row = Row::new(format!("generate: time {large} ops / {small} ops")).ours(match pairs {
        1 => format!("{ratio:.2} (1 pair)"),
        _ => format!("{ratio:.2} (median of {pairs} pairs, middle half {lower:.2}-{upper:.2})"),
    });
    if [small, large] == TARGET_SIZES {
        row.target(format!("<= {MOST_GROWTH}"), ratio <= MOST_GROWTH)
    } else {
        row
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(operations: usize, wall_ms: u64, peak_mib: u64) -> Sample {
        Sample {
            operations,
            cpu: Duration::from_millis(wall_ms),
            wall: Duration::from_millis(wall_ms),
            peak_kib: peak_mib * 1024,
            lines: 0,
        }
    }

    fn progenitor(time_ms: u64, peak_mib: u64) -> Option<Result<Measured, String>> {
        Some(Ok(Measured {
            time: Duration::from_millis(time_ms),
            peak_kib: Some(peak_mib * 1024),
        }))
    }

    fn table(rows: impl IntoIterator<Item = Row>) -> Table {
        let mut table = Table::default();
        rows.into_iter().for_each(|row| table.push(row));
        table
    }

    #[test]
    fn time_and_memory_are_held_to_shares_of_progenitors_at_1000_and_5000_ops() {
        // 0.1x its time and 0.5x its memory are met; 0.11x and 0.55x are not.
        let (time, memory) = size_rows(&sample(1000, 100, 50), progenitor(1000, 100));
        let met = table([time, memory]);
        assert!(met.missed().is_empty() && met.unchecked().is_empty());
        let (time, memory) = size_rows(&sample(5000, 110, 55), progenitor(1000, 100));
        let missed = table([time, memory]);
        assert_eq!(
            missed.missed(),
            [
                "generate 5000 ops (0 lines out)",
                "generate 5000 ops: peak memory"
            ]
        );
        let rendered = missed.render(true);
        assert!(rendered.contains("<= 0.1x") && rendered.contains("<= 0.5x"));
    }

    #[test]
    fn without_progenitor_the_targets_cannot_be_checked() {
        let (time, memory) = size_rows(&sample(1000, 100, 50), None);
        let failed = size_rows(&sample(5000, 100, 50), Some(Err("exit status: 101".into())));
        let table = table([time, memory, failed.0, failed.1]);
        assert!(table.missed().is_empty());
        assert_eq!(table.unchecked().len(), 4);
    }

    #[test]
    fn other_sizes_have_no_target() {
        let (time, memory) = size_rows(&sample(100, 100, 50), None);
        let table = table([time, memory]);
        assert!(table.missed().is_empty() && table.unchecked().is_empty());
        assert!(!table.render(true).contains("<="));
    }

    #[test]
    fn five_thousand_ops_may_take_at_most_six_times_one_thousand() {
        let scaling = |ratio| Scaling {
            small: 1000,
            large: 5000,
            pairs: 15,
            ratio,
            quartiles: (ratio, ratio),
        };
        assert!(table([scaling_row(scaling(6.0))]).missed().is_empty());
        assert_eq!(
            table([scaling_row(scaling(6.1))]).missed(),
            ["generate: time 5000 ops / 1000 ops"]
        );
    }
}

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

/// Adds the generator rows: per size time and memory, then the scaling.
pub fn rows(table: &mut Table, samples: &[Sample], scaling: Scaling, scratch: &Path) {
    for sample in samples {
        let ops = sample.operations;
        let peer = progenitor(scratch, ops);
        let (time_target, memory_target) = match ops {
            1000 => (Some(0.2), Some(100.0)),
            5000 => (Some(1.0), None),
            _ => (None, None),
        };
        let secs = sample.wall.as_secs_f64();
        let mib = sample.peak_kib as f64 / 1024.0;
        let mut time_row = Row::new(format!("generate {ops} ops ({} lines out)", sample.lines))
            .ours(format!(
                "{:.1} ms ({:.0} ms cpu)",
                secs * 1e3,
                sample.cpu.as_secs_f64() * 1e3
            ));
        let mut memory_row =
            Row::new(format!("generate {ops} ops: peak memory")).ours(format!("{mib:.1} MB"));
        match &peer {
            None => {
                time_row = time_row.baseline("progenitor: not installed");
                memory_row = memory_row.baseline("progenitor: not installed");
            }
            Some(Err(error)) => {
                time_row = time_row.baseline(format!("progenitor failed: {error}"));
            }
            Some(Ok(theirs)) => {
                let their_secs = theirs.time.as_secs_f64();
                time_row = time_row
                    .baseline(format!("progenitor {:.1} ms", their_secs * 1e3))
                    .ratio(secs / their_secs);
                if let Some(their_kib) = theirs.peak_kib {
                    memory_row = memory_row
                        .baseline(format!("progenitor {:.1} MB", their_kib as f64 / 1024.0))
                        .ratio(sample.peak_kib as f64 / their_kib as f64);
                }
            }
        }
        if let Some(limit) = time_target {
            time_row = time_row.target(format!("< {} ms", limit * 1e3), secs < limit);
        }
        if let Some(limit) = memory_target {
            memory_row = memory_row.target(format!("< {limit} MB"), mib < limit);
        }
        table.push(time_row);
        table.push(memory_row);
    }
    let Scaling {
        small,
        large,
        pairs,
        ratio,
        quartiles: (lower, upper),
    } = scaling;
    let mut row = Row::new(format!("generate: time {large} ops / {small} ops")).ours(match pairs {
        1 => format!("{ratio:.2} (1 pair)"),
        _ => format!("{ratio:.2} (median of {pairs} pairs, middle half {lower:.2}-{upper:.2})"),
    });
    if (small, large) == (1000, 5000) {
        row = row.target("<= 5.5", ratio <= 5.5);
    }
    table.push(row);
}

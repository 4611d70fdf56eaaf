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
    let output = Command::new(binary)
        .args([
            "bench-generator",
            &operations.to_string(),
            &iterations.to_string(),
        ])
        .output()
        .map_err(|error| format!("cannot run {}: {error}", binary.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .find_map(|line| line.strip_prefix(RESULT_PREFIX))
        .ok_or_else(|| {
            format!(
                "generator benchmark for {operations} operations failed:\n{}",
                String::from_utf8_lossy(&output.stderr)
            )
        })?;
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
pub fn rows(table: &mut Table, samples: &[Sample], scratch: &Path) {
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
    let find = |ops| samples.iter().find(|s| s.operations == ops);
    if let (Some(small), Some(large)) = (find(1000), find(5000)) {
        let ratio = large.wall.as_secs_f64() / small.wall.as_secs_f64();
        table.push(
            Row::new("generate: time 5000 ops / 1000 ops")
                .ours(format!("{ratio:.2}"))
                .target("<= 5.5", ratio <= 5.5),
        );
    }
}

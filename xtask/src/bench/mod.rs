//! `cargo xtask bench [--quick]`: every benchmark, reported in one table.
//!
//! Generator figures come from child processes (one per size, so that each
//! size's peak memory is its own, and one that times two sizes in pairs for
//! the scaling) of a release build of this xtask; client
//! and decode figures from the `benchmarks` crate's benches; compile cost
//! from timed `cargo build`s. `--quick` runs small sizes, few iterations and
//! debug builds, so that CI keeps every benchmark working.

mod client;
mod compile;
mod generate;
mod measure;
mod synthetic;
mod table;
mod target_dir;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use crate::project_root;
use table::Table;

pub use generate::{child as generator_child, scaling_child};
/// Where cargo builds this workspace; codegen keeps the old client there too.
pub use target_dir::resolve as target_dir;

/// The hidden `bench-spec OPERATIONS` task: prints that synthetic spec.
pub fn print_spec(args: &[String]) -> ExitCode {
    match args {
        [operations] => match operations.parse() {
            Ok(operations) => {
                println!("{}", synthetic::spec(operations));
                ExitCode::SUCCESS
            }
            Err(_) => ExitCode::from(2),
        },
        _ => {
            eprintln!("usage: xtask bench-spec OPERATIONS");
            ExitCode::from(2)
        }
    }
}

pub struct Options {
    pub quick: bool,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut options = Options { quick: false };
        for arg in args {
            match arg.as_str() {
                "--quick" => options.quick = true,
                other => return Err(format!("unknown option `{other}`")),
            }
        }
        Ok(options)
    }
}

/// Sizes and iterations per mode.
struct Plan {
    /// (operations, iterations) of each generator run.
    generator: &'static [(usize, usize)],
    /// (smaller operations, larger operations, pairs of runs) of the scaling figure.
    scaling: (usize, usize, usize),
    /// Operations of the synthetic client whose build is timed.
    compiled_operations: usize,
}

const FULL: Plan = Plan {
    generator: &[(10, 20), (100, 10), (1000, 5), (5000, 3)],
    scaling: (1000, 5000, 15),
    compiled_operations: 1000,
};
const QUICK: Plan = Plan {
    generator: &[(10, 1), (100, 1)],
    scaling: (10, 100, 1),
    compiled_operations: 10,
};

pub fn run(options: &Options) -> ExitCode {
    let plan = if options.quick { &QUICK } else { &FULL };
    let mut table = Table::default();
    let load_before = measure::load_average();
    if let Err(error) = run_all(plan, options.quick, &mut table) {
        eprintln!("error: {error}");
        return ExitCode::from(2);
    }
    println!(
        "\nmachine: {}; load average {load_before} before, {} after",
        measure::machine(),
        measure::load_average()
    );
    if options.quick {
        // Debug builds and small sizes say nothing about the targets.
        println!("\n{}", table.render(false));
        println!("(quick mode: debug builds, small sizes; targets not checked)");
        return ExitCode::SUCCESS;
    }
    println!("\n{}", table.render(true));
    let missed = table.missed();
    if !missed.is_empty() {
        println!("targets missed: {}", missed.join("; "));
    }
    let unchecked = table.unchecked();
    if !unchecked.is_empty() {
        println!("targets not checked: {}", unchecked.join("; "));
    }
    ExitCode::SUCCESS
}

fn run_all(plan: &Plan, quick: bool, table: &mut Table) -> Result<(), String> {
    let target_dir = target_dir::resolve();
    let binary = measuring_binary(quick, &target_dir)?;
    let scratch = target_dir.join("bench");
    std::fs::create_dir_all(&scratch)
        .map_err(|error| format!("cannot create {}: {error}", scratch.display()))?;
    eprintln!("bench: generator");
    let samples = plan
        .generator
        .iter()
        .map(|&(operations, iterations)| generate::sample(&binary, operations, iterations))
        .collect::<Result<Vec<_>, _>>()?;
    let (small, large, pairs) = plan.scaling;
    let scaling = generate::scaling(&binary, small, large, pairs)?;
    generate::rows(table, &samples, scaling, &scratch);
    eprintln!("bench: client and decode");
    client::rows(table, quick, &target_dir)?;
    eprintln!("bench: compile cost");
    compile::rows(table, plan.compiled_operations, &target_dir, &scratch)
}

/// `cargo SUBCOMMAND` run in the workspace root and building into
/// `target_dir`, which is handed on in full because a relative
/// `CARGO_TARGET_DIR` would otherwise be read from the workspace root.
fn cargo(subcommand: &str, target_dir: &Path) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .arg(subcommand)
        .current_dir(project_root())
        .env("CARGO_TARGET_DIR", target_dir);
    command
}

/// The xtask binary that measures the generator: this one in quick mode, a
/// release build otherwise, since `cargo xtask` itself is a debug build.
fn measuring_binary(quick: bool, target_dir: &Path) -> Result<PathBuf, String> {
    if quick {
        return std::env::current_exe().map_err(|error| error.to_string());
    }
    let status = cargo("build", target_dir)
        .args(["--quiet", "--release", "-p", "xtask"])
        .status()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    if !status.success() {
        return Err("the release build of xtask failed".into());
    }
    Ok(target_dir::release_xtask(target_dir))
}

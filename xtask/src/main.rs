//! Project automation, run as `cargo xtask <task>` (alias in `.cargo/config.toml`).

mod bench;
mod codegen;
mod conformance;
mod mock;
mod prism;
mod semver;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The generator makes and drops a great many small values (token trees,
/// syntax nodes, strings), which mimalloc allocates and frees far faster
/// than glibc's malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--no-semver-checks] [--spec PATH] [--out DIR]
       cargo xtask mock [--dynamic] [--spec PATH] [--port N]
       cargo xtask conformance --spec PATH [--keep DIR]
       cargo xtask bench [--quick]

  codegen          regenerate generated-client/ from spec/openapi.yaml, and the
                   e2e test clients in generator/tests/e2e/ from their fixtures
    --check        change nothing; fail with a diff when the output is stale
    --spec PATH    generate from this spec (a codegen.yaml beside it is read too)
    --out DIR      write the crate into DIR
    --no-semver-checks
                   do not compare the new client with the old one (by default
                   `cargo semver-checks` says whether the change breaks users
                   and which version it needs)
  bench            run every benchmark and print one table of figures
    --quick        small sizes, few iterations, debug builds (what CI runs)

  conformance      generate the client for a spec and call each of its
                   operations once against Prism serving that spec, with
                   request validation on; prints each failing operation and
                   `conformance: N passed, M failed`; exit 1 when M > 0
    --spec PATH    the spec (a codegen.yaml beside it is read too)
    --keep DIR     write the client and its program into DIR instead of
                   target/conformance/<spec name>/

  mock             serve spec/openapi.yaml with Prism on 127.0.0.1 (installed
                   into xtask/mock/node_modules by `npm ci` on first use)
    --dynamic      answer with random values that conform to the schemas
                   instead of the spec's examples
    --spec PATH    serve this spec
    --port N       listen on port N instead of a free one

exit codes: 0 success, 1 spec problems or stale output, 2 I/O or usage errors";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.split_first() {
        Some((task, rest)) if task == "codegen" => match codegen::Options::parse(rest) {
            Ok(options) => codegen::run(&options),
            Err(message) => usage_error(&message),
        },
        Some((task, rest)) if task == "mock" => match mock::Options::parse(rest) {
            Ok(options) => mock::run(&options),
            Err(message) => usage_error(&message),
        },
        Some((task, rest)) if task == "conformance" => match conformance::Options::parse(rest) {
            Ok(options) => conformance::run(&options),
            Err(message) => usage_error(&message),
        },
        Some((task, rest)) if task == "bench" => match bench::Options::parse(rest) {
            Ok(options) => bench::run(&options),
            Err(message) => usage_error(&message),
        },
        // Hidden: one generator measurement, in a child process of `bench`.
        Some((task, rest)) if task == "bench-generator" => bench::generator_child(rest),
        // Hidden: the generator's scaling, in a child process of `bench`.
        Some((task, rest)) if task == "bench-scaling" => bench::scaling_child(rest),
        // Hidden: prints a synthetic spec, to profile or compare by hand.
        Some((task, rest)) if task == "bench-spec" => bench::print_spec(rest),
        Some((task, _)) => usage_error(&format!("unknown task `{task}`")),
        None => usage_error("no task given"),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

/// The workspace root, found from this crate's manifest directory.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

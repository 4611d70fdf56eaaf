//! Project automation, run as `cargo xtask <task>` (alias in `.cargo/config.toml`).

mod bench;
mod codegen;
mod mock;
mod prism;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The generator makes and drops millions of small values (token trees,
/// syntax nodes, strings); glibc's malloc and free were ~45% of its time.
/// mimalloc's v2 line without transparent huge pages keeps the peak memory
/// where glibc's was.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (mimalloc.h; libmimalloc-sys has no
/// constant for it): how many milliseconds freed memory stays mapped before
/// it is given back to the OS.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Each stage of the generator frees its memory just before the next one
/// allocates as much again. mimalloc gives freed memory back to the OS
/// after a delay (10 ms by default), and the next stage faults it in afresh.
/// Stages last longer on larger specs, so more of their memory outlives a
/// short delay: with 50 ms a warm run of 5,000 operations faulted in 120 MB
/// again (30,000 page faults), one of 1,000 operations 5 MB, and time grew
/// faster than the spec. One second outlasts every stage of a 5,000-operation
/// run: ~3,000 faults, ~5% less time; 1,000 operations take as long as
/// before. The process ends (or idles, serving a mock) after generating,
/// so memory kept that long is not missed; a single run's peak is ~4% higher.
fn tune_allocator() {
    // SAFETY: sets a plain integer option; called first in `main`, before
    // any other thread exists (mimalloc's options are not synchronised).
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 1000) }
}

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--spec PATH] [--out DIR]
       cargo xtask mock [--dynamic] [--spec PATH] [--port N]
       cargo xtask bench [--quick]

  codegen          regenerate generated-client/ from spec/openapi.yaml
    --check        change nothing; fail with a diff when the output is stale
    --spec PATH    generate from this spec (a codegen.yaml beside it is read too)
    --out DIR      write the crate into DIR
  bench            run every benchmark and print one table of figures
    --quick        small sizes, few iterations, debug builds (what CI runs)

  mock             serve spec/openapi.yaml with Prism on 127.0.0.1 (installed
                   into xtask/mock/node_modules by `npm ci` on first use)
    --dynamic      answer with random values that conform to the schemas
                   instead of the spec's examples
    --spec PATH    serve this spec
    --port N       listen on port N instead of a free one

exit codes: 0 success, 1 spec problems or stale output, 2 I/O or usage errors";

fn main() -> ExitCode {
    tune_allocator();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_mimalloc_documents() {
        // mimalloc.h documents `mi_option_purge_delay` as 10 ms by default;
        // the options around it default to other values, so a renumbering
        // of mimalloc's options fails here.
        // SAFETY: reads a plain integer option.
        let delay = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        let neighbours = unsafe {
            [PURGE_DELAY - 1, PURGE_DELAY + 1].map(|option| libmimalloc_sys::mi_option_get(option))
        };
        assert_eq!(delay, 10);
        assert!(!neighbours.contains(&10), "{neighbours:?}");
    }
}

//! `cargo xtask conformance --spec FILE`: generates the client for FILE and
//! a program that calls each of its operations once (see
//! `generator::conformance_program`), runs the program against Prism serving
//! FILE with request validation on, and prints one line per failing
//! operation and then `conformance: N passed, M failed`.

mod report;
mod scratch;
mod server;
mod token_server;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{ExitCode, Stdio};

use report::{Tally, Verdict};

use crate::project_root;

/// How often a long run says how far it is, in operations.
const PROGRESS_EVERY: usize = 50;

pub struct Options {
    pub spec: PathBuf,
    /// The scratch crate's folder, when not the default under the target dir.
    pub keep: Option<PathBuf>,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut spec = None;
        let mut keep = None;
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--spec" => spec = Some(args.next().ok_or("--spec needs a path")?.into()),
                "--keep" => keep = Some(args.next().ok_or("--keep needs a folder")?.into()),
                other => return Err(format!("unknown option `{other}`")),
            }
        }
        Ok(Options {
            spec: spec.ok_or("conformance needs --spec FILE")?,
            keep,
        })
    }
}

pub fn run(options: &Options) -> ExitCode {
    match conform(options) {
        Ok(tally) => {
            println!("{}", tally.summary());
            tally.exit_code()
        }
        Err(Failure::Spec(message)) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
        Err(Failure::Run(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Why no operation could be counted.
enum Failure {
    /// The spec cannot be generated, or the program does not compile.
    Spec(String),
    /// I/O, Prism, cargo.
    Run(String),
}

fn conform(options: &Options) -> Result<Tally, Failure> {
    let root = project_root();
    let target = crate::bench::target_dir().join("conformance");
    let crate_dir = match &options.keep {
        Some(dir) => dir.clone(),
        None => target.join(scratch::folder_name(&options.spec)),
    };
    let generated = scratch::generate(&options.spec)?;
    // Prism refuses to serve a spec without operations, and there is nothing to call.
    if generated.program.operations.is_empty() {
        let mut tally = Tally::default();
        record_left_out(&mut tally, &generated);
        return Ok(tally);
    }
    scratch::write(&crate_dir, &generated, options.keep.is_none())?;
    // Prism starts while the program builds.
    let mut prism = server::Prism::start(&root, &options.spec).map_err(Failure::Run)?;
    let program = match scratch::build(&crate_dir, &target.join("target")) {
        Ok(program) => program,
        Err(Failure::Spec(message)) => {
            eprintln!("{message}");
            return Ok(none_called(
                &generated,
                "the conformance program does not compile",
            ));
        }
        Err(failure) => return Err(failure),
    };
    let url = prism.url().map_err(Failure::Run)?;
    eprintln!(
        "conformance: calling {} operations against Prism at {url}",
        generated.program.operations.len()
    );

    let mut tally = Tally::default();
    let token_url = token_server::start()
        .map_err(|error| Failure::Run(format!("cannot serve OAuth2 tokens: {error}")))?;
    let mut child = std::process::Command::new(&program)
        .arg(&url)
        .arg(&token_url)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|error| Failure::Run(format!("cannot run {}: {error}", program.display())))?;
    let mut reported = Vec::new();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let Some(verdict) = Verdict::parse(&line) else {
                eprintln!("{line}");
                continue;
            };
            if let Some(failure) = tally.record(&verdict) {
                println!("{failure}");
            }
            reported.push((verdict.method, verdict.path));
            if tally.total() % PROGRESS_EVERY == 0 {
                eprintln!(
                    "conformance: {} of {} operations called",
                    tally.total(),
                    generated.program.operations.len()
                );
            }
        }
    }
    let status = child
        .wait()
        .map_err(|error| Failure::Run(format!("waiting for the program failed: {error}")))?;
    if let Some(stopped) = prism.stopped() {
        eprintln!("{stopped}");
    }
    // Operations the program never reached, e.g. after it crashed.
    for op in &generated.program.operations {
        let (method, path) = (op.method.to_string(), op.path.clone());
        if !reported.contains(&(method, path)) {
            let unreported = Verdict {
                outcome: report::Outcome::Fail,
                operation_id: op.operation_id.clone(),
                method: op.method.to_string(),
                path: op.path.clone(),
                detail: format!("no result: the program stopped ({status})"),
            };
            if let Some(failure) = tally.record(&unreported) {
                println!("{failure}");
            }
        }
    }
    record_left_out(&mut tally, &generated);
    Ok(tally)
}

/// Every operation failed, for one reason.
fn none_called(generated: &scratch::Generated, why: &str) -> Tally {
    let mut tally = Tally::default();
    for op in &generated.program.operations {
        let failed = Verdict {
            outcome: report::Outcome::Fail,
            operation_id: op.operation_id.clone(),
            method: op.method.to_string(),
            path: op.path.clone(),
            detail: why.to_string(),
        };
        if let Some(failure) = tally.record(&failed) {
            println!("{failure}");
        }
    }
    record_left_out(&mut tally, generated);
    tally
}

/// The spec's operations the generator left out, counted as failed.
fn record_left_out(tally: &mut Tally, generated: &scratch::Generated) {
    for (method, path, why) in &generated.left_out {
        let left_out = Verdict {
            outcome: report::Outcome::Skip,
            operation_id: "-".to_string(),
            method: method.clone(),
            path: path.clone(),
            detail: format!("not generated: {why}"),
        };
        if let Some(failure) = tally.record(&left_out) {
            println!("{failure}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Options, String> {
        Options::parse(&args.iter().map(|a| a.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn the_spec_is_required() {
        assert_eq!(
            parse(&["--keep", "out"]).err().as_deref(),
            Some("conformance needs --spec FILE")
        );
    }

    #[test]
    fn the_spec_and_the_kept_folder_are_read() {
        let options = parse(&["--spec", "api.yaml", "--keep", "out"]).unwrap();
        assert_eq!(options.spec, PathBuf::from("api.yaml"));
        assert_eq!(options.keep, Some(PathBuf::from("out")));
    }

    #[test]
    fn an_unknown_option_is_refused() {
        assert!(parse(&["--spec", "api.yaml", "--dynamic"]).is_err());
    }
}

//! `cargo xtask mock`: Prism serving the current spec on loopback, to try the
//! client against by hand.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::prism::{self, Mode};
use crate::project_root;

pub struct Options {
    pub spec: PathBuf,
    pub mode: Mode,
    pub port: Option<u16>,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut options = Options {
            spec: project_root().join("spec/openapi.yaml"),
            mode: Mode::Static,
            port: None,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--dynamic" => options.mode = Mode::Dynamic,
                "--spec" => options.spec = args.next().ok_or("--spec needs a path")?.into(),
                "--port" => {
                    let port = args.next().ok_or("--port needs a number")?;
                    let port = port.parse().map_err(|_| format!("bad port `{port}`"))?;
                    options.port = Some(port);
                }
                other => return Err(format!("unknown option `{other}`")),
            }
        }
        Ok(options)
    }
}

pub fn run(options: &Options) -> ExitCode {
    let root = project_root();
    if let Err(message) = prism::install(&root) {
        eprintln!("error: {message}");
        return ExitCode::from(2);
    }
    let port = match options.port.map_or_else(prism::free_port, Ok) {
        Ok(port) => port,
        Err(error) => {
            eprintln!("error: cannot find a free port: {error}");
            return ExitCode::from(2);
        }
    };
    let mut child = match prism::command(&root, &options.spec, port, options.mode).spawn() {
        Ok(child) => child,
        Err(error) => {
            eprintln!("error: cannot start Prism with `node`: {error}");
            return ExitCode::from(2);
        }
    };
    // Prism runs until this pipe closes: when this process ends, however it ends.
    let _stdin = child.stdin.take();
    let answers = match options.mode {
        Mode::Static => "the spec's examples",
        Mode::Dynamic => "random values that conform to the schemas",
    };
    println!(
        "Prism serves {} at http://127.0.0.1:{port}, answering with {answers}; Ctrl-C stops it.\n\
         Try: TELNYX_BASE_URL=http://127.0.0.1:{port} TELNYX_API_KEY=test \
         cargo run -p telnyx-openapi --example retrieve_recording\n",
        options.spec.display()
    );
    match child.wait() {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(status) => {
            eprintln!("error: Prism stopped: {status}");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("error: waiting for Prism failed: {error}");
            ExitCode::from(2)
        }
    }
}

//! Prism for the contract tests: installed on first use, one process per mode
//! shared by every test of the binary, stopped when the binary exits.

#[path = "../../../xtask/src/prism.rs"]
mod prism;

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::OnceLock;
use std::thread;
use std::time::Duration;

pub use prism::Mode;

/// How long Prism may take to start listening; it usually takes a second or two.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(60);

/// The base URL of the Prism of `mode`, started by the first test that needs
/// it. Panics, saying why, when Prism cannot be installed or started.
pub fn url(mode: Mode) -> &'static str {
    static STATIC: OnceLock<Result<MockServer, String>> = OnceLock::new();
    static DYNAMIC: OnceLock<Result<MockServer, String>> = OnceLock::new();
    let server = match mode {
        Mode::Static => &STATIC,
        Mode::Dynamic => &DYNAMIC,
    };
    match server.get_or_init(|| MockServer::start(mode)) {
        Ok(server) => &server.url,
        Err(message) => panic!("the contract tests need Prism: {message}"),
    }
}

/// A running Prism. Its stdin is a pipe from this process: when this process
/// ends, however it ends, Prism sees the pipe close and exits.
struct MockServer {
    child: Child,
    _stdin: Option<ChildStdin>,
    url: String,
}

impl MockServer {
    fn start(mode: Mode) -> Result<Self, String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .ok_or("the client crate has no parent folder")?;
        // Both modes' servers may start at once; `npm ci` runs once.
        static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();
        INSTALLED.get_or_init(|| prism::install(root)).clone()?;
        let port = prism::free_port().map_err(|error| format!("no free port: {error}"))?;
        let mut child = prism::command(root, &root.join("spec/openapi.yaml"), port, mode)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|error| format!("cannot start Prism with `node`: {error}"))?;
        let stdin = child.stdin.take();
        let lines = output_lines(&mut child);
        let mut output = Vec::new();
        let failure = loop {
            match lines.recv_timeout(STARTUP_TIMEOUT) {
                Ok(line) => match line.split_once("Prism is listening on ") {
                    Some((_, url)) => {
                        let url = url.trim().to_string();
                        return Ok(MockServer {
                            child,
                            _stdin: stdin,
                            url,
                        });
                    }
                    None => output.push(line),
                },
                Err(RecvTimeoutError::Timeout) => {
                    break format!("it did not listen within {STARTUP_TIMEOUT:?}")
                }
                Err(RecvTimeoutError::Disconnected) => break "it exited".to_string(),
            }
        };
        let _ = child.kill();
        let status = child.wait().map(|s| s.to_string()).unwrap_or_default();
        Err(format!(
            "Prism did not start: {failure} ({status}). Its output:\n{}",
            output.join("\n")
        ))
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every line Prism writes, from both of its output streams. The channel
/// closes when Prism exits.
fn output_lines(child: &mut Child) -> mpsc::Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    if let Some(stdout) = child.stdout.take() {
        forward_lines(stdout, sender.clone());
    }
    if let Some(stderr) = child.stderr.take() {
        forward_lines(stderr, sender);
    }
    receiver
}

fn forward_lines(stream: impl Read + Send + 'static, sender: mpsc::Sender<String>) {
    thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            // Once Prism has started nobody listens: the lines are drained and dropped.
            let _ = sender.send(line);
        }
    });
}

//! Prism serving the spec under test, started beside the build and stopped
//! when dropped.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use crate::prism::{self, Mode};

/// How long Prism may take to start listening once the build is done; it
/// usually takes a few seconds, more for a large spec.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(120);

/// A Prism process. Its stdin is a pipe from this process: when this
/// process ends, however it ends, Prism sees the pipe close and exits.
pub struct Prism {
    child: Child,
    _stdin: Option<ChildStdin>,
    lines: Receiver<String>,
}

impl Prism {
    /// Starts Prism on `spec` with request validation (`--errors`),
    /// answering with the spec's examples.
    pub fn start(root: &Path, spec: &Path) -> Result<Prism, String> {
        prism::install(root)?;
        let port = prism::free_port().map_err(|error| format!("no free port: {error}"))?;
        let mut child = prism::command(root, spec, port, Mode::Static)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|error| format!("cannot start Prism with `node`: {error}"))?;
        let stdin = child.stdin.take();
        let (sender, lines) = mpsc::channel();
        if let Some(stdout) = child.stdout.take() {
            forward_lines(stdout, sender.clone());
        }
        if let Some(stderr) = child.stderr.take() {
            forward_lines(stderr, sender);
        }
        Ok(Prism {
            child,
            _stdin: stdin,
            lines,
        })
    }

    /// The base URL once Prism listens; why not, with its output, when it
    /// stops or takes too long.
    pub fn url(&self) -> Result<String, String> {
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        let mut output = Vec::new();
        let failure = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => match line.split_once("Prism is listening on ") {
                    Some((_, url)) => return Ok(url.trim().to_string()),
                    None => output.push(line),
                },
                Err(RecvTimeoutError::Timeout) => {
                    break format!("it did not listen within {STARTUP_TIMEOUT:?}")
                }
                Err(RecvTimeoutError::Disconnected) => break "it exited".to_string(),
            }
        };
        Err(format!(
            "Prism did not start: {failure}. Its output:\n{}",
            output.join("\n")
        ))
    }
}

impl Prism {
    /// Why Prism stopped, with the last lines it wrote, when it is no
    /// longer running: a crash on some request fails every later one.
    pub fn stopped(&mut self) -> Option<String> {
        let status = self.child.try_wait().ok().flatten()?;
        // Without the stack trace's frames, which say little about the request.
        let output: Vec<String> = self
            .lines
            .try_iter()
            .filter(|line| !line.trim_start().starts_with("at "))
            .collect();
        let shown = output.len().saturating_sub(LAST_LINES);
        Some(format!(
            "Prism stopped during the run ({status}); its last lines:\n{}",
            output.get(shown..).unwrap_or_default().join("\n")
        ))
    }
}

/// How many of Prism's last lines are shown when it stops.
const LAST_LINES: usize = 20;

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends every line of `stream` until it closes; once Prism listens nobody
/// reads them, and they are dropped.
fn forward_lines(stream: impl Read + Send + 'static, sender: mpsc::Sender<String>) {
    thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
}

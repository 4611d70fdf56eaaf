//! Timing and memory of processes, with nothing but std and `/proc`.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// How a child process ran.
pub struct Measured {
    pub time: Duration,
    /// Peak resident memory, when `/proc` could tell.
    pub peak_kib: Option<u64>,
}

/// This process's peak resident memory (`VmHWM`).
pub fn own_peak_kib() -> Option<u64> {
    peak_kib_of("self")
}

fn peak_kib_of(pid: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Runs `command` to completion, timing it and sampling its peak memory.
/// `VmHWM` only grows, so the last sample before exit is close to the peak.
pub fn run_measured(mut command: Command) -> Result<Measured, String> {
    let start = Instant::now();
    let mut child = command
        .stdout(Stdio::null())
        .spawn()
        .map_err(|error| error.to_string())?;
    let pid = child.id().to_string();
    let mut peak_kib = None;
    loop {
        if let Some(kib) = peak_kib_of(&pid) {
            peak_kib = peak_kib.max(Some(kib));
        }
        if let Some(status) = child.try_wait().map_err(|error| error.to_string())? {
            let time = start.elapsed();
            if !status.success() {
                return Err(status.to_string());
            }
            return Ok(Measured { time, peak_kib });
        }
        thread::sleep(Duration::from_millis(5));
    }
}

/// CPU time this process has used, every thread's, from `/proc/self/stat`
/// (user and system time in clock ticks of 10 ms); zero where that file does
/// not exist.
pub fn own_cpu_time() -> Duration {
    let ticks: u64 = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|stat| {
            // Fields 14 and 15, counted after the command name, which may
            // hold spaces but ends at the last `)`.
            let (_, rest) = stat.rsplit_once(')')?;
            let fields: Vec<&str> = rest.split_whitespace().collect();
            let user: u64 = fields.get(11)?.parse().ok()?;
            let system: u64 = fields.get(12)?.parse().ok()?;
            Some(user + system)
        })
        .unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

pub fn median(times: &mut [Duration]) -> Duration {
    times.sort_unstable();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

pub fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// Cores and CPU model, for the figures' caption.
pub fn machine() -> String {
    let cores = thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|line| line.strip_prefix("model name"))
                .map(|rest| rest.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string());
    format!("{cores} cores, {model}")
}

/// The 1-minute load average: on a shared machine, how much else was running.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|load| load.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".to_string())
}

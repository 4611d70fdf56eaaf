//! What the client and decode benchmarks (`benches/`) share: the hand-written
//! baseline types, the seed response, and how results are reported to
//! `cargo xtask bench`.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::time::Duration;

/// The seed's recording response, as the server returns it.
pub const SEED: &str = include_str!("../../../generated-client/tests/data/recording.json");

/// `--quick`: a few iterations, to prove the benchmark still runs.
pub fn quick() -> bool {
    std::env::args().any(|arg| arg == "--quick")
}

/// Ours against the baseline, measured in pairs of back-to-back rounds.
#[derive(Debug, Clone, Copy)]
pub struct Comparison {
    /// The median of our rounds' throughputs.
    pub ours: f64,
    /// The median of the baseline's rounds' throughputs.
    pub baseline: f64,
    /// The median of each pair's ours / baseline. This machine's speed
    /// drifts by several percent over seconds; the two rounds of a pair run
    /// within milliseconds of each other, so their ratio hardly drifts.
    pub ratio: f64,
}

/// Runs `rounds` pairs of rounds, each side's round returning its
/// throughput; which side goes first alternates from pair to pair, so that
/// neither is always the one to run on a warmer (or a busier) machine.
pub fn compare(
    rounds: usize,
    mut ours: impl FnMut() -> f64,
    mut baseline: impl FnMut() -> f64,
) -> Comparison {
    let (mut our_results, mut baseline_results, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let (our_result, baseline_result) = if round % 2 == 0 {
            let our_result = ours();
            (our_result, baseline())
        } else {
            let baseline_result = baseline();
            (ours(), baseline_result)
        };
        our_results.push(our_result);
        baseline_results.push(baseline_result);
        ratios.push(our_result / baseline_result);
    }
    Comparison {
        ours: median(our_results),
        baseline: median(baseline_results),
        ratio: median(ratios),
    }
}

/// The line `cargo xtask bench` reads: a figure, ours and the baseline, both
/// in `unit` where more is better, and the median ratio of the pairs.
pub fn report(figure: &str, comparison: Comparison, unit: &str) {
    let Comparison {
        ours,
        baseline,
        ratio,
    } = comparison;
    println!("bench-result {figure} {ours:.1} {baseline:.1} {ratio:.4} {unit}");
}

/// Operations per second for `count` operations that took `elapsed`.
pub fn per_second(count: usize, elapsed: Duration) -> f64 {
    count as f64 / elapsed.as_secs_f64()
}

/// The median of a side's per-round figures.
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or_default()
}

/// What someone would write by hand for the same response: plain derives,
/// the same field types, unit enums.
#[derive(Debug, Deserialize)]
pub struct RecordingResponse {
    pub data: Recording,
}

#[derive(Debug, Deserialize)]
pub struct Recording {
    pub call_control_id: Option<String>,
    pub call_leg_id: Option<String>,
    pub call_session_id: Option<String>,
    pub channels: Option<Channels>,
    pub conference_id: Option<String>,
    pub created_at: Option<DateTime<Utc>>,
    pub download_urls: Option<DownloadUrls>,
    pub duration_millis: Option<i64>,
    pub id: uuid::Uuid,
    pub record_type: RecordType,
    pub recording_started_at: Option<DateTime<Utc>>,
    pub recording_ended_at: Option<DateTime<Utc>>,
    pub source: Option<Source>,
    pub status: Option<Status>,
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize)]
pub struct DownloadUrls {
    pub mp3: Option<String>,
    pub wav: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channels {
    Single,
    Dual,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordType {
    Recording,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Conference,
    Call,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Completed,
}

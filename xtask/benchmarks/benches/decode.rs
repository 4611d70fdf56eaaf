//! Decode: the seed response into the generated `RecordingResponse` versus a
//! hand-written serde struct with the same fields. Run by `cargo xtask bench`.

use std::hint::black_box;
use std::time::Instant;

use benchmarks::{compare, per_second, quick, report, SEED};

fn main() {
    let (rounds, iterations) = if quick() { (1, 1_000) } else { (31, 20_000) };
    let body = SEED.as_bytes();
    let generated = || {
        let value: telnyx_openapi::models::RecordingResponse =
            serde_json::from_slice(black_box(body)).expect("the seed decodes");
        black_box(value);
    };
    let hand_written = || {
        let value: benchmarks::RecordingResponse =
            serde_json::from_slice(black_box(body)).expect("the seed decodes");
        black_box(value);
    };
    let timed = |decode: &dyn Fn()| {
        let start = Instant::now();
        for _ in 0..iterations {
            decode();
        }
        per_second(iterations, start.elapsed())
    };
    let decoding = compare(rounds, || timed(&generated), || timed(&hand_written));
    report("decode", decoding, "decodes/s");
}

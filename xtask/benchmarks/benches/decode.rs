//! Decode: the seed response into the generated `RecordingResponse` versus a
//! hand-written serde struct with the same fields. Run by `cargo xtask bench`.

use std::hint::black_box;
use std::time::Instant;

use benchmarks::{median, per_second, quick, report, SEED};

fn main() {
    let (rounds, iterations) = if quick() { (1, 1_000) } else { (9, 100_000) };
    let body = SEED.as_bytes();
    let generated = || {
        let value: telnyx::models::RecordingResponse =
            serde_json::from_slice(black_box(body)).expect("the seed decodes");
        black_box(value);
    };
    let hand_written = || {
        let value: benchmarks::RecordingResponse =
            serde_json::from_slice(black_box(body)).expect("the seed decodes");
        black_box(value);
    };
    let (mut ours, mut baseline) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        // Alternate which goes first, so that drift in the machine's load
        // does not always favour the same side.
        let mut sides: [(&dyn Fn(), &mut Vec<f64>); 2] =
            [(&generated, &mut ours), (&hand_written, &mut baseline)];
        if round % 2 == 1 {
            sides.reverse();
        }
        for (decode, results) in sides {
            let start = Instant::now();
            for _ in 0..iterations {
                decode();
            }
            results.push(per_second(iterations, start.elapsed()));
        }
    }
    report("decode", median(ours), median(baseline), "decodes/s");
}

//! Work shared out over the machine's cores. A thread that panics is a bug
//! in the generator, reported as a diagnostic rather than passed on.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostics::Diagnostic;

/// `work` done on every item in as many threads as the machine has cores,
/// the results in the items' order. Items are handed out one at a time, so
/// a thread holds one item's work at most.
pub fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
) -> Result<Vec<R>, Diagnostic> {
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(index) else {
                return done;
            };
            done.push((index, work(item)));
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    // This thread works too: its allocator has the memory the spec's
    // document just freed, which a new thread's would not reuse.
    let finished = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.min(items.len()))
            .map(|_| scope.spawn(worker))
            .collect();
        let mut finished = vec![Ok(worker())];
        finished.extend(helpers.into_iter().map(|helper| helper.join()));
        finished
    });
    let mut numbered = Vec::with_capacity(items.len());
    for done in finished {
        numbered.extend(done.map_err(|_| panicked())?);
    }
    numbered.sort_by_key(|(index, _)| *index);
    Ok(numbered.into_iter().map(|(_, result)| result).collect())
}

/// `elsewhere` on another thread while `here` runs on this one.
pub fn beside<A: Send, B>(
    elsewhere: impl FnOnce() -> A + Send,
    here: impl FnOnce() -> B,
) -> (Result<A, Diagnostic>, B) {
    std::thread::scope(|scope| {
        let other = scope.spawn(elsewhere);
        let here = here();
        (other.join().map_err(|_| panicked()), here)
    })
}

/// What a thread that panicked leaves: a bug to report.
pub fn panicked() -> Diagnostic {
    Diagnostic::error("#", "internal error: a generator thread panicked")
        .with_hint("please report this with the spec that caused it")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_work_comes_back_in_the_items_order() {
        let items: Vec<u32> = (0..200).collect();
        let doubled = in_parallel(&items, |item| item * 2).unwrap_or_default();
        assert_eq!(
            doubled,
            items.iter().map(|item| item * 2).collect::<Vec<_>>()
        );
    }

    #[test]
    fn both_sides_run_and_a_panic_is_a_diagnostic() {
        let (elsewhere, here) = beside(|| 1, || 2);
        assert_eq!((elsewhere.ok(), here), (Some(1), 2));
        let (elsewhere, ()) = beside(|| -> u8 { panic!("a bug") }, || ());
        assert!(elsewhere.is_err_and(|diagnostic| diagnostic.message.contains("panicked")));
    }
}

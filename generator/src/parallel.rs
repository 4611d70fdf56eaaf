//! Work shared out over the machine's cores. A panic in the work shared out
//! (on whichever thread it runs) is a bug in the generator, reported as a
//! diagnostic rather than passed on; a thread that cannot be started leaves
//! its work to the calling thread.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::thread::{Builder, Scope, ScopedJoinHandle};

use crate::diagnostics::Diagnostic;

/// The stack of a helper thread: the main thread's usual size, since
/// reading and lowering recurse as deep as the spec nests.
const STACK_SIZE: usize = 8 << 20;

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
            .filter_map(|_| spawn(scope, worker))
            .collect();
        let mut finished = vec![catch(worker)];
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
    // Whichever thread takes the work first does it: the other thread, or
    // this one if the other could not be started.
    let slot = Mutex::new(Some(elsewhere));
    let take = || slot.lock().ok().and_then(|mut slot| slot.take());
    std::thread::scope(|scope| {
        let other = spawn(scope, || take().map(|work| work()));
        let here = here();
        let other = match other.map(ScopedJoinHandle::join) {
            Some(Ok(Some(done))) => Ok(done),
            Some(Err(_)) => Err(panicked()),
            Some(Ok(None)) | None => match take() {
                Some(work) => catch(work).map_err(|_| panicked()),
                None => Err(panicked()),
            },
        };
        (other, here)
    })
}

/// A thread of `scope` doing `work`, unless none can be started.
fn spawn<'scope, T: Send + 'scope>(
    scope: &'scope Scope<'scope, '_>,
    work: impl FnOnce() -> T + Send + 'scope,
) -> Option<ScopedJoinHandle<'scope, T>> {
    Builder::new()
        .stack_size(STACK_SIZE)
        .spawn_scoped(scope, work)
        .ok()
}

/// `work` on this thread, its panic caught like a helper thread's.
fn catch<T>(work: impl FnOnce() -> T) -> std::thread::Result<T> {
    catch_unwind(AssertUnwindSafe(work))
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
    fn a_panic_in_parallel_work_is_a_diagnostic() {
        let items: Vec<u32> = (0..8).collect();
        let result = in_parallel(&items, |item| {
            assert!(*item != 3, "a bug");
            *item
        });
        assert!(result.is_err_and(|diagnostic| diagnostic.message.contains("panicked")));
    }

    #[test]
    fn both_sides_run_and_a_panic_elsewhere_is_a_diagnostic() {
        let (elsewhere, here) = beside(|| 1, || 2);
        assert_eq!((elsewhere.ok(), here), (Some(1), 2));
        let (elsewhere, ()) = beside(|| -> u8 { panic!("a bug") }, || ());
        assert!(elsewhere.is_err_and(|diagnostic| diagnostic.message.contains("panicked")));
    }
}

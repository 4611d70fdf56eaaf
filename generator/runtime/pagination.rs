//! Walking every page of a list operation, one item at a time.

use std::collections::VecDeque;
use std::fmt;
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::Error;

type PageFuture<'a, T> = Pin<Box<dyn Future<Output = Result<Page<T>, Error>> + Send + 'a>>;

/// One page of a list: its items, and how many pages there are if the API said.
pub(crate) struct Page<T> {
    pub(crate) items: Vec<T>,
    pub(crate) total_pages: Option<i64>,
}

/// Every item of a list operation, fetched page by page as it is consumed.
///
/// Use [`Paginator::next`] in a `while let` loop, or use it as a
/// [`Stream`](futures_core::Stream). The next page is requested only when
/// the items of the previous one have been used up; walking stops after the
/// last page (as given by the response's `total_pages`), at the first empty
/// page, or at the first error, which is yielded.
#[must_use = "a paginator does nothing until it is polled"]
pub struct Paginator<'a, T> {
    fetch: Box<dyn FnMut(i64) -> PageFuture<'a, T> + Send + 'a>,
    buffered: VecDeque<T>,
    pending: Option<PageFuture<'a, T>>,
    next_page: i64,
    done: bool,
}

impl<'a, T> Paginator<'a, T> {
    /// Starts at page `first_page`; `fetch` requests the page with a given number.
    pub(crate) fn new<F, Fut>(first_page: i64, mut fetch: F) -> Self
    where
        F: FnMut(i64) -> Fut + Send + 'a,
        Fut: Future<Output = Result<Page<T>, Error>> + Send + 'a,
    {
        Paginator {
            fetch: Box::new(move |page| Box::pin(fetch(page))),
            buffered: VecDeque::new(),
            pending: None,
            next_page: first_page,
            done: false,
        }
    }

    /// The next item, fetching the next page when needed; `None` after the last one.
    pub async fn next(&mut self) -> Option<Result<T, Error>> {
        poll_fn(|cx| self.poll_item(cx)).await
    }

    /// Every remaining item, or the first error.
    pub async fn collect_all(mut self) -> Result<Vec<T>, Error> {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }

    fn poll_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<T, Error>>> {
        loop {
            if let Some(item) = self.buffered.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if self.done {
                return Poll::Ready(None);
            }
            let page_number = self.next_page;
            let fetch = &mut self.fetch;
            let pending = self.pending.get_or_insert_with(|| fetch(page_number));
            let Poll::Ready(result) = pending.as_mut().poll(cx) else {
                return Poll::Pending;
            };
            self.pending = None;
            match result {
                Ok(page) => {
                    self.done = page.items.is_empty()
                        || page.total_pages.is_some_and(|total| page_number >= total);
                    self.next_page = page_number.saturating_add(1);
                    self.buffered.extend(page.items);
                }
                Err(error) => {
                    self.done = true;
                    return Poll::Ready(Some(Err(error)));
                }
            }
        }
    }
}

// Items are only ever moved, never pinned, so the paginator may move freely.
impl<T> Unpin for Paginator<'_, T> {}

impl<T> futures_core::Stream for Paginator<'_, T> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}

impl<T> fmt::Debug for Paginator<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginator")
            .field("next_page", &self.next_page)
            .field("buffered", &self.buffered.len())
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

//! Walking every page of a list operation, one item at a time, whatever
//! way the API pages: page numbers, offsets, cursors or next-page URLs.

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use reqwest::header::{HeaderMap, LINK};

use crate::{Client, Error, Request, Transport};

type PageFuture<'a, T> = Pin<Box<dyn Future<Output = Result<Page<T>, Error>> + Send + 'a>>;
type Fetch<'a, T> = Box<dyn FnMut(Option<Next>, &PageOptions) -> PageFuture<'a, T> + Send + 'a>;

/// The most pages a paginator fetches unless [`Paginator::max_pages`] says otherwise.
const DEFAULT_MAX_PAGES: usize = 10_000;

/// One page of a list: its items, and how to ask for the next one, if any.
pub(crate) struct Page<T> {
    pub(crate) items: Vec<T>,
    pub(crate) next: Option<Next>,
}

/// How the page after one is asked for, as the response said.
// Each API uses the variants of its own paging styles only.
#[allow(dead_code)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Next {
    /// A page number or an offset.
    Number(i64),
    /// A cursor, sent as the operation's cursor parameter.
    Token(String),
    /// The URL of the next page.
    Url(String),
}

/// The options set on a paginator, applied to the request for every page.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageOptions {
    timeout: Option<Duration>,
    max_retries: Option<u32>,
    headers: Vec<(String, String)>,
}

impl<'a, T, C: Transport> Request<'a, T, C> {
    /// Applies a paginator's options to the request for one page.
    pub(crate) fn page_options(mut self, options: &PageOptions) -> Self {
        if let Some(timeout) = options.timeout {
            self = self.timeout(timeout);
        }
        if let Some(max_retries) = options.max_retries {
            self = self.max_retries(max_retries);
        }
        for (name, value) in &options.headers {
            self = self.header(name, value);
        }
        self
    }
}

/// The `rel="next"` URL of the `Link` headers, if there is one.
#[allow(dead_code)]
pub(crate) fn link_next(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .find_map(|link| {
            let (target, params) = link.trim().split_once(';')?;
            let is_next = params.split(';').any(|param| {
                let Some((name, value)) = param.split_once('=') else {
                    return false;
                };
                name.trim().eq_ignore_ascii_case("rel")
                    && value
                        .trim()
                        .trim_matches('"')
                        .split_ascii_whitespace()
                        .any(|rel| rel.eq_ignore_ascii_case("next"))
            });
            let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
            is_next.then(|| target.to_string())
        })
}

/// Every item of a list operation, fetched page by page as it is consumed.
///
/// With the async client, use [`Paginator::next`] in a `while let` loop,
/// [`Paginator::collect_all`], or use it as a [`Stream`](futures_core::Stream);
/// with the blocking client it is an [`Iterator`]. The next page is
/// requested only when the items of the previous one have been used up, with
/// the options set here (timeout, retries, headers). Walking stops after
/// the last page (as the response says), at the first empty page, or at
/// the first error, which is yielded; it also stops, with an
/// [`Error::Pagination`], when the API names a page already fetched or after
/// [`max_pages`](Paginator::max_pages) pages.
#[must_use = "a paginator does nothing until it is polled"]
pub struct Paginator<'a, T, C = Client> {
    /// The blocking client's runtime walks the pages of its iterator.
    #[cfg_attr(not(feature = "blocking"), allow(dead_code))]
    client: &'a C,
    fetch: Fetch<'a, T>,
    options: PageOptions,
    buffered: VecDeque<T>,
    pending: Option<PageFuture<'a, T>>,
    /// How to ask for the next page; `None` for the first.
    next: Option<Next>,
    requested: HashSet<Next>,
    pages: usize,
    max_pages: usize,
    /// An error to yield once the items already received are used up.
    stopped: Option<Error>,
    done: bool,
}

impl<'a, T, C: Transport> Paginator<'a, T, C> {
    /// `fetch` requests the page after the one `Next` names (the first for `None`).
    pub(crate) fn new<F, Fut>(client: &'a C, mut fetch: F) -> Self
    where
        F: FnMut(Option<Next>, &PageOptions) -> Fut + Send + 'a,
        Fut: Future<Output = Result<Page<T>, Error>> + Send + 'a,
    {
        Paginator {
            client,
            fetch: Box::new(move |next, options| Box::pin(fetch(next, options))),
            options: PageOptions::default(),
            buffered: VecDeque::new(),
            pending: None,
            next: None,
            requested: HashSet::new(),
            pages: 0,
            max_pages: DEFAULT_MAX_PAGES,
            stopped: None,
            done: false,
        }
    }

    /// How long each page's request may take, instead of the client's timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// How many times each page's request is tried again, instead of the client's setting.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.options.max_retries = Some(max_retries);
        self
    }

    /// Sends this header with every page's request.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.options
            .headers
            .push((name.to_string(), value.to_string()));
        self
    }

    /// Stops with an error after this many pages, against a server that never
    /// ends; 10 000 by default.
    pub fn max_pages(mut self, max_pages: usize) -> Self {
        self.max_pages = max_pages;
        self
    }

    fn poll_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<T, Error>>> {
        loop {
            if let Some(item) = self.buffered.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if let Some(error) = self.stopped.take() {
                return Poll::Ready(Some(Err(error)));
            }
            if self.done {
                return Poll::Ready(None);
            }
            if self.pending.is_none() {
                if self.pages >= self.max_pages {
                    self.done = true;
                    return Poll::Ready(Some(Err(Error::Pagination(format!(
                        "stopped after {} pages; raise `max_pages` to walk further",
                        self.max_pages
                    )))));
                }
                self.pages += 1;
                self.pending = Some((self.fetch)(self.next.clone(), &self.options));
            }
            let Some(pending) = self.pending.as_mut() else {
                continue;
            };
            let Poll::Ready(result) = pending.as_mut().poll(cx) else {
                return Poll::Pending;
            };
            self.pending = None;
            match result {
                Ok(page) => {
                    self.done = page.items.is_empty() || page.next.is_none();
                    if let Some(next) = page.next {
                        if !self.requested.insert(next.clone()) {
                            self.done = true;
                            self.stopped = Some(Error::Pagination(format!(
                                "the API named a page already fetched ({next:?}) as the next one"
                            )));
                        }
                        self.next = Some(next);
                    }
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

impl<T> Paginator<'_, T, Client> {
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
}

// Items are only ever moved, never pinned, so the paginator may move freely.
impl<T, C> Unpin for Paginator<'_, T, C> {}

impl<T> futures_core::Stream for Paginator<'_, T, Client> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}

#[cfg(feature = "blocking")]
impl<T> Iterator for Paginator<'_, T, crate::blocking::Client> {
    type Item = Result<T, Error>;

    /// The next item, fetching the next page when needed, blocking the thread.
    fn next(&mut self) -> Option<Self::Item> {
        let client = self.client;
        client.block_on(poll_fn(|cx| self.poll_item(cx)))
    }
}

#[cfg(feature = "blocking")]
impl<T> Paginator<'_, T, crate::blocking::Client> {
    /// Every remaining item, or the first error, blocking the thread.
    pub fn collect_all(self) -> Result<Vec<T>, Error> {
        self.collect()
    }
}

impl<T, C> fmt::Debug for Paginator<'_, T, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginator")
            .field("next", &self.next)
            .field("pages", &self.pages)
            .field("buffered", &self.buffered.len())
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

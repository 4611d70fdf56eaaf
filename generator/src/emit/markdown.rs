//! Markdown's building blocks that the doc comments' prose and its HTML both need: code
//! spans, the backtick runs that open them, and what starts a URL.

use std::ops::Range;

/// A Markdown code span holding `text`, fenced with enough backticks.
pub fn code_span(text: &str) -> String {
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A run of backticks, with the code span it opens when as many close it on the same line.
pub struct Ticks {
    pub range: Range<usize>,
    pub code_span: bool,
}

/// The runs of backticks in `text`, each line on its own.
pub fn backtick_runs(text: &str) -> Vec<Ticks> {
    let mut runs = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let mut at = 0;
        while let Some(start) = line[at..].find('`').map(|found| at + found) {
            let ticks = line[start..].len() - line[start..].trim_start_matches('`').len();
            let fence = &line[start..start + ticks];
            let (end, code_span) = match line[start + ticks..].find(fence) {
                Some(close) => (start + ticks + close + ticks, true),
                None => (start + ticks, false),
            };
            runs.push(Ticks {
                range: line_start + start..line_start + end,
                code_span,
            });
            at = end;
        }
        line_start += line.len() + 1;
    }
    runs
}

pub fn starts_url(text: &str) -> bool {
    text.starts_with("https://") || text.starts_with("http://")
}

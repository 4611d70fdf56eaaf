//! The one table every benchmark reports into, printed as Markdown so that it
//! can go into the README as it is.

/// One figure: ours, what it is compared with, and the target it has to meet.
pub struct Row {
    figure: String,
    ours: String,
    baseline: String,
    ratio: Option<f64>,
    /// The target as written, and whether it was met.
    target: Option<(String, bool)>,
}

impl Row {
    pub fn new(figure: impl Into<String>) -> Self {
        Row {
            figure: figure.into(),
            ours: String::new(),
            baseline: String::new(),
            ratio: None,
            target: None,
        }
    }

    pub fn ours(mut self, ours: impl Into<String>) -> Self {
        self.ours = ours.into();
        self
    }

    pub fn baseline(mut self, baseline: impl Into<String>) -> Self {
        self.baseline = baseline.into();
        self
    }

    /// Ours divided by the baseline.
    pub fn ratio(mut self, ratio: f64) -> Self {
        self.ratio = Some(ratio);
        self
    }

    pub fn target(mut self, target: impl Into<String>, met: bool) -> Self {
        self.target = Some((target.into(), met));
        self
    }
}

#[derive(Default)]
pub struct Table {
    rows: Vec<Row>,
}

impl Table {
    pub fn push(&mut self, row: Row) {
        self.rows.push(row);
    }

    /// The rows whose target was missed.
    pub fn missed(&self) -> Vec<&str> {
        self.rows
            .iter()
            .filter(|row| matches!(row.target, Some((_, false))))
            .map(|row| row.figure.as_str())
            .collect()
    }

    /// The table, with the target columns only when `targets` is set.
    pub fn render(&self, targets: bool) -> String {
        let header = ["figure", "ours", "baseline", "ratio", "target", "met"].map(String::from);
        let columns = if targets { header.len() } else { 4 };
        let mut cells = vec![header[..columns].to_vec()];
        for row in &self.rows {
            let (target, met) = match &row.target {
                Some((target, met)) => (target.clone(), if *met { "yes" } else { "**no**" }),
                None => (String::new(), ""),
            };
            let mut line = vec![
                row.figure.clone(),
                row.ours.clone(),
                row.baseline.clone(),
                row.ratio.map(|r| format!("{r:.2}x")).unwrap_or_default(),
                target,
                met.to_string(),
            ];
            line.truncate(columns);
            cells.push(line);
        }
        let widths: Vec<usize> = (0..columns)
            .map(|col| {
                cells
                    .iter()
                    .map(|row| row[col].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |row: &[String]| {
            let padded: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(cell, width)| format!("{cell:<width$}"))
                .collect();
            format!("| {} |\n", padded.join(" | "))
        };
        let mut out = line(&cells[0]);
        let rule: Vec<String> = widths.iter().map(|width| "-".repeat(*width)).collect();
        out.push_str(&line(&rule));
        for row in &cells[1..] {
            out.push_str(&line(row));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let mut table = Table::default();
        table.push(Row::new("fast").ours("1 ms").target("< 2 ms", true));
        table.push(
            Row::new("slow")
                .ours("3 ms")
                .baseline("peer 2 ms")
                .ratio(1.5)
                .target("< 2 ms", false),
        );
        table
    }

    #[test]
    fn missed_names_only_the_rows_whose_target_failed() {
        assert_eq!(table().missed(), ["slow"]);
    }

    #[test]
    fn rendering_without_targets_drops_their_columns() {
        let rendered = table().render(false);
        assert!(rendered.starts_with("| figure | ours | baseline"));
        assert!(!rendered.contains("target"));
        assert!(rendered.contains("| slow   | 3 ms | peer 2 ms | 1.50x |"));
    }
}

//! The one table every benchmark reports into, printed as Markdown so that it
//! can go into the README as it is.

/// One figure: ours, what it is compared with, and the target it has to meet.
pub struct Row {
    figure: String,
    ours: String,
    baseline: String,
    ratio: Option<f64>,
    /// The target as written, and whether it was met: `None` when the
    /// figure it is checked against is missing.
    target: Option<(String, Option<bool>)>,
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
        self.target = Some((target.into(), Some(met)));
        self
    }

    /// The target that the ratio is at most `most`; one that cannot be
    /// checked when there is no ratio, so that a missing baseline never
    /// passes for a met target.
    pub fn ratio_at_most(mut self, most: f64) -> Self {
        let met = self.ratio.map(|ratio| ratio <= most);
        self.target = Some((format!("<= {most}x"), met));
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
        self.figures_whose_target_is(Some(false))
    }

    /// The rows whose target could not be checked.
    pub fn unchecked(&self) -> Vec<&str> {
        self.figures_whose_target_is(None)
    }

    fn figures_whose_target_is(&self, met: Option<bool>) -> Vec<&str> {
        self.rows
            .iter()
            .filter(|row| matches!(&row.target, Some((_, row_met)) if *row_met == met))
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
                Some((target, met)) => (
                    target.clone(),
                    match met {
                        Some(true) => "yes",
                        Some(false) => "**no**",
                        None => "cannot check",
                    },
                ),
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
    fn a_ratio_target_without_a_ratio_cannot_be_checked_rather_than_pass() {
        let mut table = table();
        table.push(
            Row::new("small")
                .ours("4 ms")
                .baseline("peer 80 ms")
                .ratio(0.05)
                .ratio_at_most(0.1),
        );
        table.push(
            Row::new("alone")
                .ours("5 ms")
                .baseline("peer: not installed")
                .ratio_at_most(0.1),
        );
        assert_eq!(table.missed(), ["slow"]);
        assert_eq!(table.unchecked(), ["alone"]);
        let rendered = table.render(true);
        assert!(
            rendered.contains(
                "| small  | 4 ms | peer 80 ms          | 0.05x | <= 0.1x | yes          |"
            ),
            "{rendered}"
        );
        assert!(
            rendered.contains(
                "| alone  | 5 ms | peer: not installed |       | <= 0.1x | cannot check |"
            ),
            "{rendered}"
        );
    }

    #[test]
    fn rendering_without_targets_drops_their_columns() {
        let rendered = table().render(false);
        assert!(rendered.starts_with("| figure | ours | baseline"));
        assert!(!rendered.contains("target"));
        assert!(rendered.contains("| slow   | 3 ms | peer 2 ms | 1.50x |"));
    }
}

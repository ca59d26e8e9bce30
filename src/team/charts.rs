//! The numbers behind the Agreement window's charts, and their CSV export (no UI here).
//!
//! - [`LabelCounts`]: spans per label per annotator (the curated layer left out);
//! - [`label_agreement`]: span F1 per label for every annotator pair (from [`Agreement`]);
//! - [`done_over_time`]: documents done per annotator over time, replayed from the audit log's
//!   status changes ([`crate::store::status_history`]).
//!
//! Each gives a [`Table`] (a header and rows of strings) that [`write_csv`] writes as CSV
//! (RFC 4180, `,`, a header row; numbers as Rust prints `f64`, empty for an undefined ratio).

use super::agreement::{Agreement, DocumentLayers};
use crate::export::ExportError;
use crate::model::{DocumentId, DocumentStatus};
use crate::store::status_history::StatusChange;
use crate::store::team::CURATOR;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// A chart's numbers as a table: column names, then rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Column names.
    pub header: Vec<String>,
    /// Rows, as many cells as the header.
    pub rows: Vec<Vec<String>>,
}

/// Spans per label per annotator.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelCounts {
    /// Labels having a span in some layer, by name (byte order).
    pub labels: Vec<String>,
    /// Annotators, by name, the curator left out.
    pub annotators: Vec<String>,
    /// `counts[l][a]`: spans of `labels[l]` in the layer of `annotators[a]`.
    pub counts: Vec<Vec<usize>>,
}

impl LabelCounts {
    /// Counts the spans of every layer of `docs` but the curator's; with `label`, that label
    /// only.
    pub fn of(docs: &[DocumentLayers], label: Option<&str>) -> Self {
        let mut by: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        let mut annotators = BTreeSet::new();
        for d in docs {
            for (who, spans) in &d.layers {
                if who == CURATOR || spans.is_empty() {
                    continue;
                }
                for (_, _, l) in spans {
                    if label.is_some_and(|x| x != l) {
                        continue;
                    }
                    annotators.insert(who.clone());
                    *by.entry(l.clone())
                        .or_default()
                        .entry(who.clone())
                        .or_default() += 1;
                }
            }
        }
        let annotators: Vec<String> = annotators.into_iter().collect();
        let counts = by
            .values()
            .map(|m| {
                annotators
                    .iter()
                    .map(|a| m.get(a).copied().unwrap_or(0))
                    .collect()
            })
            .collect();
        Self {
            labels: by.into_keys().collect(),
            annotators,
            counts,
        }
    }

    /// Columns `label`, then one per annotator (span counts).
    pub fn table(&self) -> Table {
        let mut header = vec!["label".to_owned()];
        header.extend(self.annotators.iter().cloned());
        let rows = self
            .labels
            .iter()
            .zip(&self.counts)
            .map(|(l, c)| {
                let mut row = vec![l.clone()];
                row.extend(c.iter().map(ToString::to_string));
                row
            })
            .collect();
        Table { header, rows }
    }
}

/// One bar group of "agreement per label": one pair's span F1 on one label.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelAgreement {
    /// The label.
    pub label: String,
    /// The pair's first annotator (the reference).
    pub a: String,
    /// The pair's second annotator.
    pub b: String,
    /// Exact-match F1 (`None` when neither has a span of the label).
    pub exact_f1: Option<f64>,
    /// Overlap F1.
    pub overlap_f1: Option<f64>,
    /// Krippendorff's alpha over tokens for this label alone, all annotators (the same on every
    /// pair's row of the label): [`super::agreement::measure`] with the label as filter.
    pub alpha: Option<f64>,
}

/// Span F1 (exact and overlap) per label and pair, labels in byte order, pairs as in
/// `agreement.pairs` (measured on `docs`), with each label's Krippendorff's alpha measured on
/// `docs` for that label only.
pub fn label_agreement(agreement: &Agreement, docs: &[DocumentLayers]) -> Vec<LabelAgreement> {
    let labels: BTreeSet<&String> = agreement
        .pairs
        .iter()
        .flat_map(|p| p.per_label.keys())
        .collect();
    let mut out = Vec::new();
    for l in labels {
        let alpha = super::agreement::measure(docs, Some(l)).krippendorff_alpha;
        for p in &agreement.pairs {
            let s = p.per_label.get(l);
            out.push(LabelAgreement {
                label: l.clone(),
                a: p.a.clone(),
                b: p.b.clone(),
                exact_f1: s.and_then(|s| s.exact.f1),
                overlap_f1: s.and_then(|s| s.overlap.f1),
                alpha,
            });
        }
    }
    out
}

fn num(x: Option<f64>) -> String {
    x.map(|x| x.to_string()).unwrap_or_default()
}

/// Columns `label, annotator_a, annotator_b, exact_f1, overlap_f1, label_alpha`.
pub fn label_agreement_table(rows: &[LabelAgreement]) -> Table {
    Table {
        header: [
            "label",
            "annotator_a",
            "annotator_b",
            "exact_f1",
            "overlap_f1",
            "label_alpha",
        ]
        .map(str::to_owned)
        .to_vec(),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.label.clone(),
                    r.a.clone(),
                    r.b.clone(),
                    num(r.exact_f1),
                    num(r.overlap_f1),
                    num(r.alpha),
                ]
            })
            .collect(),
    }
}

/// One step of an annotator's "documents done" line.
#[derive(Clone, Debug, PartialEq)]
pub struct DonePoint {
    /// When (the audit row's RFC 3339 time).
    pub at: String,
    /// The same time in days since 1970-01-01 UTC (`None` if `at` does not parse).
    pub days: Option<f64>,
    /// Documents this annotator has done after the change.
    pub done: usize,
}

/// Documents done per annotator over time, replayed from `changes` (oldest first): a document
/// counts for the actor who last set it to `done`, until some change sets it to another status
/// (then it stops counting for that actor). Every change that moves a count adds a point to that
/// annotator's line. Annotators by name.
pub fn done_over_time(changes: &[StatusChange]) -> BTreeMap<String, Vec<DonePoint>> {
    let mut done_by: HashMap<DocumentId, String> = HashMap::new();
    let mut count: HashMap<String, usize> = HashMap::new();
    let mut out: BTreeMap<String, Vec<DonePoint>> = BTreeMap::new();
    let days = |at: &str| {
        time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339)
            .ok()
            .map(|t| t.unix_timestamp_nanos() as f64 / 86_400e9)
    };
    let mut point = |who: &str, at: &str, n: usize| {
        out.entry(who.to_owned()).or_default().push(DonePoint {
            at: at.to_owned(),
            days: days(at),
            done: n,
        });
    };
    for c in changes {
        if let Some(prev) = done_by.remove(&c.document_id) {
            let n = count.entry(prev.clone()).or_default();
            *n -= 1;
            let n = *n;
            point(&prev, &c.at, n);
        }
        if c.status == DocumentStatus::Done {
            done_by.insert(c.document_id, c.actor.clone());
            let n = count.entry(c.actor.clone()).or_default();
            *n += 1;
            let n = *n;
            point(&c.actor, &c.at, n);
        }
    }
    out
}

/// Columns `annotator, at, done`.
pub fn done_table(lines: &BTreeMap<String, Vec<DonePoint>>) -> Table {
    Table {
        header: ["annotator", "at", "done"].map(str::to_owned).to_vec(),
        rows: lines
            .iter()
            .flat_map(|(who, pts)| {
                pts.iter()
                    .map(move |p| vec![who.clone(), p.at.clone(), p.done.to_string()])
            })
            .collect(),
    }
}

/// Writes `table` as CSV (UTF-8, header first) to `path` atomically
/// ([`crate::export::file::write_atomically`], refusing the project's own `project` path).
///
/// # Errors
/// The atomic writer's errors; CSV errors as [`ExportError::Io`].
pub fn write_csv(path: &Path, project: &Path, table: &Table) -> Result<(), ExportError> {
    crate::export::file::write_atomically(path, project, |w| {
        let mut csv = csv::Writer::from_writer(w);
        csv.write_record(&table.header)
            .map_err(std::io::Error::from)?;
        for row in &table.rows {
            csv.write_record(row).map_err(std::io::Error::from)?;
        }
        csv.flush()?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(at: &str, actor: &str, doc: DocumentId, status: DocumentStatus) -> StatusChange {
        StatusChange {
            at: at.into(),
            actor: actor.into(),
            document_id: doc,
            status,
        }
    }

    #[test]
    fn done_lines_count_each_document_for_who_last_finished_it() {
        use DocumentStatus::*;
        let c = [
            change("2026-01-01T00:00:00Z", "alice", 1, Done), // alice 1
            change("2026-01-02T00:00:00Z", "bob", 2, InProgress), // nothing moves
            change("2026-01-02T12:00:00Z", "bob", 2, Done),   // bob 1
            change("2026-01-03T00:00:00Z", "alice", 3, Done), // alice 2
            change("2026-01-04T00:00:00Z", "bob", 1, Todo),   // alice back to 1
        ];
        let lines = done_over_time(&c);
        let got = |who: &str| -> Vec<usize> { lines[who].iter().map(|p| p.done).collect() };
        assert_eq!(got("alice"), [1, 2, 1]);
        assert_eq!(got("bob"), [1]);
        // 2026-01-01 is day 20454 since 1970-01-01 (56 years, 14 of them leap: 56*365 + 14).
        assert_eq!(lines["alice"][0].days, Some(20454.0));
        assert_eq!(lines["bob"][0].days, Some(20455.5));
        let t = done_table(&lines);
        assert_eq!(t.rows.len(), 4);
        assert_eq!(t.rows[3], ["bob", "2026-01-02T12:00:00Z", "1"]);
    }

    #[test]
    fn label_counts_leave_the_curator_out() {
        let mut layers = BTreeMap::new();
        layers.insert(
            "alice".to_owned(),
            vec![
                (0, 1, "A".to_owned()),
                (2, 3, "B".to_owned()),
                (4, 5, "A".into()),
            ],
        );
        layers.insert("bob".to_owned(), vec![(0, 1, "B".to_owned())]);
        layers.insert(CURATOR.to_owned(), vec![(0, 1, "C".to_owned())]);
        let docs = [DocumentLayers {
            id: 1,
            rel_path: "a".into(),
            text: "a b c".into(),
            layers,
        }];
        let c = LabelCounts::of(&docs, None);
        assert_eq!(c.labels, ["A", "B"]);
        assert_eq!(c.annotators, ["alice", "bob"]);
        assert_eq!(c.counts, [vec![2, 0], vec![1, 1]]);
        let only_b = LabelCounts::of(&docs, Some("B"));
        assert_eq!(only_b.counts, [vec![1, 1]]);
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("c.csv");
        write_csv(&out, &dir.path().join("p.sanad"), &c.table()).unwrap();
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "label,alice,bob\nA,2,0\nB,1,1\n"
        );
    }
}

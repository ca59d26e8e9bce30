//! The import report: per file, how many spans, relations, attributes and notes came in, and
//! what did not, by kind and reason; plus what the import did to the scheme.

use super::{Format, NotImported};

/// What one source file gave the project.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileReport {
    /// The annotation file, below the imported folder.
    pub path: String,
    /// Documents created from it.
    pub documents_new: usize,
    /// Documents of the project (same text) its annotations attached to.
    pub documents_existing: usize,
    /// Spans added.
    pub spans: usize,
    /// Relations added.
    pub relations: usize,
    /// Attribute values set.
    pub attributes: usize,
    /// Notes brought in (on spans, on relations, on documents).
    pub notes: usize,
    /// Identical duplicates merged (same span and label, or same relation).
    pub merged: usize,
    /// Spans brought in as suggestions (`--as-suggestions`).
    pub suggestions: usize,
    /// Spans not suggested because the document already has the same annotation.
    pub same_as_annotation: usize,
    /// Spans not suggested because the same suggestion is already pending.
    pub same_as_suggestion: usize,
    /// Spans not suggested because the same suggestion was rejected before.
    pub rejected_before: usize,
    /// Conflicting spans kept (same span as another with another label), described.
    pub conflicts: Vec<String>,
    /// What did not come in, by (kind, reason).
    pub not_imported: NotImported,
    /// What to check.
    pub warnings: Vec<String>,
    /// Why the file could not be read at all.
    pub error: Option<String>,
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportReport {
    /// The format read.
    pub format: Format,
    /// Per file.
    pub files: Vec<FileReport>,
    /// What happened to the scheme and the labels (added, matched ignoring case, mapped,
    /// dropped).
    pub notices: Vec<String>,
    /// Files under the path that were not read, with the reason.
    pub passed_over: Vec<(String, String)>,
    /// The source the spans were suggested from, when they came in as suggestions.
    pub as_suggestions: Option<String>,
}

impl ImportReport {
    /// Sums of the per-file counts: (spans, relations, attributes, notes).
    pub fn totals(&self) -> (usize, usize, usize, usize) {
        self.files.iter().fold((0, 0, 0, 0), |t, f| {
            (
                t.0 + f.spans,
                t.1 + f.relations,
                t.2 + f.attributes,
                t.3 + f.notes,
            )
        })
    }

    /// Everything not imported, summed over files, by (kind, reason).
    pub fn not_imported(&self) -> NotImported {
        let mut all = NotImported::new();
        for f in &self.files {
            for (k, n) in &f.not_imported {
                *all.entry(k.clone()).or_default() += n;
            }
        }
        all
    }

    /// Did any file give a document? (The CLI fails only when nothing could be read.)
    pub fn read_anything(&self) -> bool {
        self.files
            .iter()
            .any(|f| f.error.is_none() && f.documents_new + f.documents_existing > 0)
    }

    /// Sums of the per-file suggestion counts: (suggested, same as an annotation, same as a
    /// pending suggestion, rejected before).
    pub fn suggestion_totals(&self) -> (usize, usize, usize, usize) {
        self.files.iter().fold((0, 0, 0, 0), |t, f| {
            (
                t.0 + f.suggestions,
                t.1 + f.same_as_annotation,
                t.2 + f.same_as_suggestion,
                t.3 + f.rejected_before,
            )
        })
    }

    /// The report as lines of text (paths not yet escaped for a terminal).
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        let (s, r, a, n) = self.totals();
        let docs_new: usize = self.files.iter().map(|f| f.documents_new).sum();
        let docs_old: usize = self.files.iter().map(|f| f.documents_existing).sum();
        if let Some(source) = &self.as_suggestions {
            let (sg, same_a, same_s, rej) = self.suggestion_totals();
            out.push(format!(
                "{} import as suggestions from {source}: {sg} suggestion(s) in ({same_a} already annotated, {same_s} already suggested, {rej} rejected before: not added); {docs_new} new document(s), {docs_old} already in the project",
                self.format.as_str()
            ));
        } else {
            out.push(format!(
                "{} import: {s} span(s), {r} relation(s), {a} attribute(s), {n} note(s) in; {docs_new} new document(s), {docs_old} already in the project",
                self.format.as_str()
            ));
        }
        for note in &self.notices {
            out.push(format!("scheme: {note}"));
        }
        for f in &self.files {
            if let Some(e) = &f.error {
                out.push(format!("{}: not read: {e}", f.path));
                continue;
            }
            let mut line = if self.as_suggestions.is_some() {
                let mut l = format!("{}: {} suggestion(s)", f.path, f.suggestions);
                for (n, what) in [
                    (f.same_as_annotation, "already annotated"),
                    (f.same_as_suggestion, "already suggested"),
                    (f.rejected_before, "rejected before"),
                ] {
                    if n > 0 {
                        l.push_str(&format!("; {n} {what}, not added"));
                    }
                }
                l
            } else {
                format!(
                    "{}: {} span(s), {} relation(s), {} attribute(s), {} note(s)",
                    f.path, f.spans, f.relations, f.attributes, f.notes
                )
            };
            if f.merged > 0 {
                line.push_str(&format!("; {} identical duplicate(s) merged", f.merged));
            }
            out.push(line);
            for ((kind, reason), count) in &f.not_imported {
                out.push(format!("  not imported: {count} {kind}(s): {reason}"));
            }
            for c in &f.conflicts {
                out.push(format!("  conflict kept: {c}"));
            }
            for w in &f.warnings {
                out.push(format!("  warning: {w}"));
            }
        }
        let all = self.not_imported();
        if !all.is_empty() {
            let mut by_kind: std::collections::BTreeMap<&str, usize> = Default::default();
            for ((kind, _), n) in &all {
                *by_kind.entry(kind).or_default() += n;
            }
            let parts: Vec<String> = by_kind.iter().map(|(k, n)| format!("{n} {k}(s)")).collect();
            out.push(format!("not imported in all: {}", parts.join(", ")));
        }
        for (path, reason) in &self.passed_over {
            out.push(format!("passed over: {path}: {reason}"));
        }
        out
    }
}

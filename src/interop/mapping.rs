//! The scheme as an import will leave it: the project's labels, attribute definitions and
//! relation types, plus what the import adds (recorded for the batch), and what it cannot
//! resolve (listed in the refusal). Used by [`super::plan`].

use crate::model::bulk::{BatchAttributeDef, BatchLabel, BatchLabelRename, BatchRelationType};
use std::collections::{BTreeSet, HashMap};

/// Colours for labels an import adds (sRGB), in turn: the Okabe–Ito colours the default scheme
/// leaves free (sky blue, vermillion, yellow), then Paul Tol's "muted" scheme, both designed to
/// stay apart for colour-blind readers (each label also gets its own underline style).
const PALETTE: &[&str] = &[
    "#56b4e9", "#d55e00", "#f0e442", "#332288", "#88ccee", "#44aa99", "#117733", "#999933",
    "#ddcc77", "#cc6677", "#882255", "#aa4499",
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Resolved {
    To(String),
    Drop,
    Unknown,
}

/// The scheme as it will be after the import: the project's plus what the batch adds.
pub(super) struct SchemeState {
    pub(super) labels: Vec<String>,
    /// label → attribute name → allowed values.
    pub(super) attributes: HashMap<String, Vec<(String, Vec<String>)>>,
    /// relation type → (heads, children).
    pub(super) relations: Vec<(String, Vec<String>, Vec<String>)>,
    pub(super) new_labels: Vec<BatchLabel>,
    pub(super) renames: Vec<BatchLabelRename>,
    pub(super) attr_defs: Vec<BatchAttributeDef>,
    pub(super) rel_types: Vec<BatchRelationType>,
    pub(super) notices: Vec<String>,
    pub(super) unknown_labels: BTreeSet<String>,
    pub(super) unknown_relations: BTreeSet<String>,
    pub(super) unknown_attributes: BTreeSet<String>,
}

impl SchemeState {
    pub(super) fn find_label(&self, name: &str) -> Option<String> {
        self.labels
            .iter()
            .find(|l| *l == name)
            .or_else(|| self.labels.iter().find(|l| l.eq_ignore_ascii_case(name)))
            .cloned()
    }

    pub(super) fn add_label(&mut self, name: &str, why: &str) -> String {
        let color = PALETTE[self.new_labels.len() % PALETTE.len()];
        self.new_labels.push(BatchLabel {
            id: None,
            name: name.to_owned(),
            color: color.to_owned(),
            description: why.to_owned(),
        });
        self.labels.push(name.to_owned());
        self.notices.push(format!("added label {name} ({why})"));
        name.to_owned()
    }

    /// Renames the project's label `from` (row `id`) to `to`, as the source spells it, recording
    /// it for the batch and following the name in attributes and relation arguments.
    pub(super) fn rename_label(&mut self, id: i64, from: &str, to: &str, why: &str) {
        for l in &mut self.labels {
            if l == from {
                *l = to.to_owned();
            }
        }
        if let Some(defs) = self.attributes.remove(from) {
            self.attributes.insert(to.to_owned(), defs);
        }
        for r in &mut self.relations {
            for l in r.1.iter_mut().chain(r.2.iter_mut()) {
                if l == from {
                    *l = to.to_owned();
                }
            }
        }
        self.renames.push(BatchLabelRename {
            id,
            from: from.to_owned(),
            to: to.to_owned(),
        });
        self.notices.push(format!(
            "renamed label {from} to {to}, as the source names it ({why})"
        ));
    }

    pub(super) fn find_relation(&self, name: &str) -> Option<usize> {
        self.relations.iter().position(|r| r.0 == name).or_else(|| {
            self.relations
                .iter()
                .position(|r| r.0.eq_ignore_ascii_case(name))
        })
    }

    pub(super) fn add_relation_type(&mut self, name: &str, why: &str) -> usize {
        self.relations
            .push((name.to_owned(), Vec::new(), Vec::new()));
        self.rel_types.push(BatchRelationType {
            name: name.to_owned(),
            head: Vec::new(),
            child: Vec::new(),
            description: why.to_owned(),
            created: None,
        });
        self.notices
            .push(format!("added relation type {name} ({why})"));
        self.relations.len() - 1
    }

    /// Allows `head` → `child` in relation type `r`, recording what the batch adds.
    pub(super) fn widen_relation(&mut self, r: usize, head: &str, child: &str) {
        let name = self.relations[r].0.clone();
        let k = match self.rel_types.iter().position(|t| t.name == name) {
            Some(k) => k,
            None => {
                self.rel_types.push(BatchRelationType {
                    name: name.clone(),
                    head: Vec::new(),
                    child: Vec::new(),
                    description: String::new(),
                    created: None,
                });
                self.rel_types.len() - 1
            }
        };
        if !self.relations[r].1.iter().any(|h| h == head) {
            self.relations[r].1.push(head.to_owned());
            self.rel_types[k].head.push(head.to_owned());
        }
        if !self.relations[r].2.iter().any(|c| c == child) {
            self.relations[r].2.push(child.to_owned());
            self.rel_types[k].child.push(child.to_owned());
        }
    }

    pub(super) fn allows_attribute(&self, label: &str, name: &str, value: &str) -> bool {
        self.attributes.get(label).is_some_and(|defs| {
            defs.iter()
                .any(|(n, vals)| n == name && vals.iter().any(|v| v == value))
        })
    }

    /// Adds `values` of attribute `name` to `label`, recording the batch's definition.
    pub(super) fn widen_attribute(&mut self, label: &str, name: &str, values: &[String]) {
        let defs = self.attributes.entry(label.to_owned()).or_default();
        let k = match defs.iter().position(|(n, _)| n == name) {
            Some(k) => k,
            None => {
                defs.push((name.to_owned(), Vec::new()));
                defs.len() - 1
            }
        };
        let mut changed = false;
        for v in values {
            if !defs[k].1.contains(v) {
                defs[k].1.push(v.clone());
                changed = true;
            }
        }
        if !changed {
            return;
        }
        let all = defs[k].1.clone();
        match self
            .attr_defs
            .iter_mut()
            .find(|d| d.label == label && d.name == name)
        {
            Some(d) => d.values = all,
            None => self.attr_defs.push(BatchAttributeDef {
                label: label.to_owned(),
                name: name.to_owned(),
                values: all,
                before: None,
                id: None,
            }),
        }
    }
}

/// The project label a parsed span takes, or `None` when the span cannot come in: its offsets
/// are empty, reversed or past the text (`len` chars), it has no label, or its label is dropped
/// (`--drop-unknown`); each of these is counted in `fr` (and the offsets named in a warning). A
/// label still unresolved gives `None` without a count: the caller refuses the whole import.
/// One rule for spans imported as annotations and as suggestions.
pub(super) fn span_label(
    span: &super::ParsedSpan,
    len: usize,
    label_of: &std::collections::HashMap<String, Resolved>,
    fr: &mut super::report::FileReport,
) -> Option<String> {
    use super::not_imported;
    if span.start >= span.end || span.end > len {
        not_imported(
            &mut fr.not_imported,
            "span",
            "offsets empty, reversed or past the text",
        );
        fr.warnings.push(format!(
            "{}: [{}, {}) does not fit the text ({len} chars)",
            span.origin, span.start, span.end
        ));
        return None;
    }
    if span.label.trim().is_empty() {
        not_imported(&mut fr.not_imported, "span", "no label");
        return None;
    }
    match label_of.get(&span.label) {
        Some(Resolved::To(l)) => Some(l.clone()),
        Some(Resolved::Drop) => {
            not_imported(
                &mut fr.not_imported,
                "span",
                format!("label {} not in the scheme (--drop-unknown)", span.label),
            );
            None
        }
        _ => None,
    }
}

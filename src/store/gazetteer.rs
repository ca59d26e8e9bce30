//! Planning a gazetteer against a project: which entities it creates or extends, and which
//! spans it suggests in every document. The plan is one [`GazetteerBatch`], applied as one
//! action ([`Action::ApplyGazetteer`]) and undone in one step.
//!
//! Rules (issue 10): each entry's names and aliases are looked for in every document with the
//! Arabic-aware folding ([`FoldOptions::default`]), as whole words that may carry Arabic
//! proclitics (the span leaves the proclitic out), longest match first ([`NameSet`]). A span is
//! not suggested when it overlaps an annotation or a suggestion of the same label, or when the
//! same (document, span, label) was rejected before. Entries with the same entity name and label
//! (folded alike) make one entity; an entity of the project with that label whose name or an
//! alias folds like it is extended (its aliases gain the forms it lacks) instead of a new one.
//!
//! Offsets are chars (Unicode scalar values), end-exclusive.

use super::error::StoreError;
use super::project::Project;
use super::search::SearchIndex;
use super::suggestions::SuggestionFilter;
use crate::interop::gazetteer::{Gazetteer, GazetteerError};
use crate::model::suggestion::{BatchSuggestion, GazetteerBatch, GazetteerEntity};
use crate::model::{Action, DocumentId};
use crate::search::names::{NameSet, NameSetError};
use crate::search::{FoldMap, FoldOptions, fold_str};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

/// Why a gazetteer cannot be applied.
#[derive(Debug, thiserror::Error)]
pub enum SuggestError {
    /// The gazetteer is wrong (e.g. names a label the scheme lacks), by line.
    #[error(transparent)]
    Gazetteer(#[from] GazetteerError),
    /// The names cannot be compiled.
    #[error(transparent)]
    Names(#[from] NameSetError),
    /// The project could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What applying a gazetteer does (or did).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SuggestReport {
    /// The gazetteer's name.
    pub source: String,
    /// New suggestions by label name.
    pub by_label: BTreeMap<String, usize>,
    /// Documents with at least one new suggestion.
    pub documents: usize,
    /// Entities created.
    pub entities_created: usize,
    /// Existing entities that gained aliases.
    pub entities_extended: usize,
    /// Matches left out because that span with that label was rejected before.
    pub skipped_rejected: usize,
    /// Matches left out because they overlap an annotation of the same label.
    pub skipped_annotated: usize,
    /// Matches left out because they overlap a suggestion of the same label already there.
    pub skipped_suggested: usize,
}

impl SuggestReport {
    /// All new suggestions.
    pub fn total(&self) -> usize {
        self.by_label.values().sum()
    }

    /// The report as lines for people: counts per label, then entities and what was left out.
    pub fn lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .by_label
            .iter()
            .map(|(label, n)| format!("{label}: {n} suggestion(s)"))
            .collect();
        out.push(format!(
            "{} suggestion(s) in {} document(s) from {}",
            self.total(),
            self.documents,
            self.source
        ));
        out.push(format!(
            "entities: {} created, {} given new aliases",
            self.entities_created, self.entities_extended
        ));
        if self.skipped_rejected + self.skipped_annotated + self.skipped_suggested > 0 {
            out.push(format!(
                "left out: {} rejected before, {} overlapping an annotation of the same label, {} overlapping a suggestion of the same label",
                self.skipped_rejected, self.skipped_annotated, self.skipped_suggested
            ));
        }
        out
    }
}

/// Entries grouped into entities: for each, its label (the project's spelling), canonical name,
/// forms (name and aliases, original spelling, first seen first) and first line.
struct Group {
    label: String,
    name: String,
    forms: Vec<String>,
}

/// Plans `gazetteer` against `project` (see the module docs), using and refreshing `index`
/// for the folded texts (the default Arabic-aware rules).
///
/// # Errors
/// [`SuggestError::Gazetteer`] naming the line of an entry whose label the scheme lacks;
/// [`SuggestError::Names`]; SQLite errors.
pub fn plan(
    project: &Project,
    index: &mut SearchIndex,
    gazetteer: &Gazetteer,
) -> Result<(GazetteerBatch, SuggestReport), SuggestError> {
    let fold = FoldOptions::default();
    let labels = project.labels()?;
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of: HashMap<(String, String), usize> = HashMap::new();
    for e in &gazetteer.entries {
        let label = labels
            .iter()
            .find(|l| l.name.eq_ignore_ascii_case(&e.label) || l.name == e.label)
            .ok_or_else(|| GazetteerError::Line {
                line: e.line,
                message: format!(
                    "no label named {:?} in this project's scheme (it has {})",
                    e.label,
                    labels
                        .iter()
                        .map(|l| l.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                path: gazetteer.path.clone(),
            })?;
        let key = (label.name.clone(), fold_str(e.entity_name(), &fold));
        let g = *group_of.entry(key).or_insert_with(|| {
            groups.push(Group {
                label: label.name.clone(),
                name: e.entity_name().to_owned(),
                forms: Vec::new(),
            });
            groups.len() - 1
        });
        for f in e.forms() {
            if !groups[g].forms.iter().any(|x| x == f) {
                groups[g].forms.push(f.to_owned());
            }
        }
    }
    let mut report = SuggestReport {
        source: gazetteer.name.clone(),
        ..SuggestReport::default()
    };
    // Entities: extend one of the project's when its name or an alias folds like the group's.
    let existing = project.entities()?;
    let mut entities = Vec::with_capacity(groups.len());
    for g in &groups {
        let key = fold_str(&g.name, &fold);
        let found = existing.iter().find(|e| {
            e.kind == g.label
                && std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .any(|n| fold_str(n, &fold) == key)
        });
        let mut known: HashSet<String> = match found {
            Some(e) => std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|n| fold_str(n, &fold))
                .collect(),
            None => HashSet::from([key.clone()]),
        };
        let mut added = Vec::new();
        for f in &g.forms {
            if known.insert(fold_str(f, &fold)) {
                added.push(f.clone());
            }
        }
        match found {
            Some(e) => {
                report.entities_extended += usize::from(!added.is_empty());
                entities.push(GazetteerEntity {
                    id: Some(e.id),
                    new: false,
                    name: e.name.clone(),
                    kind: e.kind.clone(),
                    aliases_added: added,
                    aliases_before: None,
                    created_at: None,
                });
            }
            None => {
                report.entities_created += 1;
                entities.push(GazetteerEntity {
                    id: None,
                    new: true,
                    name: g.name.clone(),
                    kind: g.label.clone(),
                    aliases_added: added,
                    aliases_before: None,
                    created_at: None,
                });
            }
        }
    }
    // Every form, with the group it belongs to.
    let (forms, owner): (Vec<&str>, Vec<usize>) = groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| group.forms.iter().map(move |f| (f.as_str(), g)))
        .unzip();
    let names = NameSet::new(&forms, fold)?;
    index.refresh(project, &fold)?;
    let docs: Vec<(DocumentId, &str, &str, &FoldMap)> = index.documents().collect();
    let found = find_all(&names, &docs);
    let rejected = project.rejected_suggestions()?;
    let label_names: HashMap<i64, String> = labels.iter().map(|l| (l.id, l.name.clone())).collect();
    let mut suggestions = Vec::new();
    for (document_id, matches) in found {
        // What is there already, by label: annotations and suggestions.
        let mut annotated: HashMap<&str, Vec<Range<usize>>> = HashMap::new();
        for a in project.annotations(document_id)? {
            if let Some(name) = label_names.get(&a.label_id) {
                annotated.entry(name.as_str()).or_default().push(a.range());
            }
        }
        let mut suggested: HashMap<String, Vec<Range<usize>>> = HashMap::new();
        for s in project.suggestions(&SuggestionFilter::Document(document_id))? {
            suggested
                .entry(s.label.clone())
                .or_default()
                .push(s.range());
        }
        let overlaps = |spans: Option<&Vec<Range<usize>>>, r: &Range<usize>| {
            spans.is_some_and(|v| v.iter().any(|s| s.start < r.end && r.start < s.end))
        };
        let before = suggestions.len();
        for m in matches {
            let mut groups_here: Vec<usize> =
                names.names_of(m.key).iter().map(|&i| owner[i]).collect();
            groups_here.sort_unstable();
            groups_here.dedup();
            for g in groups_here {
                let label = groups[g].label.as_str();
                let r = &m.range;
                if rejected.contains(&(document_id, r.start, r.end, label.to_owned())) {
                    report.skipped_rejected += 1;
                } else if overlaps(annotated.get(label), r) {
                    report.skipped_annotated += 1;
                } else if overlaps(suggested.get(label), r) {
                    report.skipped_suggested += 1;
                } else {
                    suggested
                        .entry(label.to_owned())
                        .or_default()
                        .push(r.clone());
                    *report.by_label.entry(label.to_owned()).or_default() += 1;
                    suggestions.push(BatchSuggestion {
                        id: None,
                        document_id,
                        start: r.start,
                        end: r.end,
                        label: label.to_owned(),
                        entity: g,
                    });
                }
            }
        }
        report.documents += usize::from(suggestions.len() > before);
    }
    Ok((
        GazetteerBatch {
            source: gazetteer.name.clone(),
            entities,
            suggestions,
            created_at: None,
        },
        report,
    ))
}

/// The names found in each document (only those with a match), in document order; the
/// documents are shared out over the cores (scoped threads).
fn find_all(
    names: &NameSet,
    docs: &[(DocumentId, &str, &str, &FoldMap)],
) -> Vec<(DocumentId, Vec<crate::search::NameMatch>)> {
    if names.is_empty() || docs.is_empty() {
        return Vec::new();
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per_thread = docs.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = docs
            .chunks(per_thread)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|&(id, text, folded, map)| {
                            let found = names.find_mapped(text, folded, map);
                            (!found.is_empty()).then_some((id, found))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            // Matching does not panic; if a thread did, its panic goes on here.
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

impl Project {
    /// Plans and applies `gazetteer` as one action ([`Action::ApplyGazetteer`]); returns the
    /// action applied (with its inverse, for undo) and the report. Nothing is applied when the
    /// gazetteer would change nothing (no suggestion, no entity created or extended); the
    /// result is then `None` with the report.
    ///
    /// # Errors
    /// As [`plan`], plus the errors of [`Project::apply`].
    pub fn apply_gazetteer(
        &mut self,
        index: &mut SearchIndex,
        gazetteer: &Gazetteer,
    ) -> Result<(Option<(Action, crate::model::Applied)>, SuggestReport), SuggestError> {
        let (batch, report) = plan(self, index, gazetteer)?;
        let changes = !batch.suggestions.is_empty()
            || batch
                .entities
                .iter()
                .any(|e| e.new || !e.aliases_added.is_empty());
        if !changes {
            return Ok((None, report));
        }
        let action = Action::ApplyGazetteer(Box::new(batch));
        let applied = self.apply(&action)?;
        Ok((Some((action, applied)), report))
    }
}

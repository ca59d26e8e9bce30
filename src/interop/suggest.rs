//! Importing spans as suggestions (`sanad import PATH --as-suggestions [--source NAME]`): model
//! pre-annotations, or another annotator's work to review, come in as suggestions to accept or
//! reject (the suggestions the gazetteer makes, `crate::store::suggestions`), not as
//! annotations.
//!
//! Documents are created or attached as in an ordinary import, and labels resolved the same way
//! (mapping, `--add-labels`, `--drop-unknown`). Each span becomes a suggestion with its label,
//! the text it covers as its name, and a source naming where it came from (`import:FORMAT`, or
//! the model given with `--source`). A suggestion holds a span and a label only, so relations,
//! attributes, span notes, document notes and statuses, and links to entities the project does
//! not have are counted in the report as not imported, by kind. A span the document already
//! holds as an annotation (same offsets and label), one already pending as a suggestion, or one
//! rejected before, is not suggested again (counted in the report). The whole import stays one
//! [`crate::model::Action::Import`]: one transaction, one undo step.

use super::mapping::Resolved;
use super::report::FileReport;
use super::target::Target;
use super::{InteropError, ParsedDocument, not_imported};
use crate::model::bulk::{BatchImportSuggestion, DocRef, ImportBatch};
use crate::model::{DocumentId, DocumentStatus};
use crate::store::Project;
use std::collections::{HashMap, HashSet};

/// Why relations, attributes and notes do not come in as suggestions.
pub const NOT_A_SUGGESTION: &str =
    "a suggestion holds a span and its label only (--as-suggestions)";

type SpanKey = (usize, usize, String);

/// State of one import as suggestions: what the project already suggests or rejected, and what
/// this import suggested so far.
pub(crate) struct Suggesting<'p> {
    project: &'p Project,
    source: String,
    entities: Vec<crate::model::Entity>,
    rejected: HashSet<(DocumentId, usize, usize, String)>,
    pending: HashMap<DocumentId, HashSet<SpanKey>>,
    added: HashSet<(DocRef, SpanKey)>,
}

impl<'p> Suggesting<'p> {
    /// Reads what `project` already rejected and its entities.
    ///
    /// # Errors
    /// Store errors.
    pub(super) fn new(project: &'p Project, source: &str) -> Result<Self, InteropError> {
        Ok(Self {
            project,
            source: source.to_owned(),
            entities: project.entities()?,
            rejected: project.rejected_suggestions()?,
            pending: HashMap::new(),
            added: HashSet::new(),
        })
    }

    /// Adds `doc`'s spans to `batch` as suggestions on `target`'s document, counting in `fr`
    /// what came in and what did not.
    ///
    /// # Errors
    /// Store errors.
    pub(super) fn document(
        &mut self,
        doc: &ParsedDocument,
        target: &Target,
        label_of: &HashMap<String, Resolved>,
        batch: &mut ImportBatch,
        fr: &mut FileReport,
    ) -> Result<(), InteropError> {
        let len = doc.text.chars().count();
        let existing_id = match target.doc {
            DocRef::Existing(id) => Some(id),
            DocRef::New(_) => None,
        };
        if let Some(id) = existing_id
            && !self.pending.contains_key(&id)
        {
            let spans = self.project.suggested_spans(id)?;
            self.pending.insert(id, spans);
        }
        for span in &doc.spans {
            let Some(label) = super::mapping::span_label(span, len, label_of, fr) else {
                continue;
            };
            if !span.note.is_empty() {
                not_imported(&mut fr.not_imported, "note", NOT_A_SUGGESTION);
            }
            for _ in &span.attributes {
                not_imported(&mut fr.not_imported, "attribute", NOT_A_SUGGESTION);
            }
            let entity_id = span.entity.as_ref().and_then(|e| {
                let found = self
                    .entities
                    .iter()
                    .find(|p| p.name == e.name && p.kind == e.kind)
                    .map(|p| p.id);
                if found.is_none() {
                    not_imported(
                        &mut fr.not_imported,
                        "entity link",
                        "the project has no such entity, and a suggestion does not create one (--as-suggestions)",
                    );
                }
                found
            });
            let key: SpanKey = (span.start, span.end, label.clone());
            if target.by_span.contains_key(&key) {
                fr.same_as_annotation += 1;
                continue;
            }
            let pending = existing_id
                .and_then(|id| self.pending.get(&id))
                .is_some_and(|p| p.contains(&key));
            if pending {
                fr.same_as_suggestion += 1;
                continue;
            }
            if existing_id.is_some_and(|id| {
                self.rejected
                    .contains(&(id, span.start, span.end, label.clone()))
            }) {
                fr.rejected_before += 1;
                continue;
            }
            if !self.added.insert((target.doc, key)) {
                fr.merged += 1;
                continue;
            }
            batch.suggestions.push(BatchImportSuggestion {
                id: None,
                document: target.doc,
                start: span.start,
                end: span.end,
                label,
                name: super::offsets::char_slice(&doc.text, span.start..span.end).to_owned(),
                entity_id,
                source: self.source.clone(),
                created_at: None,
            });
            fr.suggestions += 1;
        }
        for _ in &doc.relations {
            not_imported(&mut fr.not_imported, "relation", NOT_A_SUGGESTION);
        }
        if doc.note.as_ref().is_some_and(|n| !n.is_empty()) {
            not_imported(&mut fr.not_imported, "document note", NOT_A_SUGGESTION);
        }
        if doc.status.is_some_and(|s| s != DocumentStatus::Todo) {
            not_imported(&mut fr.not_imported, "document status", NOT_A_SUGGESTION);
        }
        Ok(())
    }
}

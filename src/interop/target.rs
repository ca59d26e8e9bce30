//! The document an imported document's annotations go to: one of the project with the same
//! text (its annotations, relations, attributes, note and status read, for duplicates and
//! conflicts), one created earlier in the same import, or a new one. Used by [`super::plan`].

use super::report::FileReport;
use super::{InteropError, ParsedDocument};
use crate::model::DocumentStatus;
use crate::model::bulk::{AnnRef, BatchDocument, DocRef, ImportBatch};
use crate::store::Project;
use std::collections::{HashMap, HashSet};

/// An annotation already in a document the import attaches to.
pub(super) struct ExistingAnnotation {
    pub(super) id: i64,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) label: String,
    pub(super) note: String,
}

/// A document being imported into: existing annotations and what the batch adds to it.
pub(super) struct Target {
    pub(super) doc: DocRef,
    pub(super) existing: Vec<ExistingAnnotation>,
    /// (start, end, label) → (annotator, annotation) of each layer with that span; an import
    /// without annotators (`None`) merges with any of them, a merge of annotators' projects only
    /// with the same annotator's (see `crate::store::team`).
    pub(super) by_span: HashMap<(usize, usize, String), Vec<(String, AnnRef)>>,
    /// (start, end) → labels there.
    pub(super) labels_at: HashMap<(usize, usize), Vec<String>>,
    /// annotation → attribute name → value.
    pub(super) attributes: HashMap<AnnRef, HashMap<String, String>>,
    pub(super) relations: HashSet<(AnnRef, AnnRef, String)>,
    pub(super) note: String,
    pub(super) status: DocumentStatus,
}

impl Target {
    /// The annotation `annotator`'s layer (any layer for `None`) has at `key`, if any.
    pub(super) fn same_span(
        &self,
        key: &(usize, usize, String),
        annotator: Option<&str>,
    ) -> Option<AnnRef> {
        let layers = self.by_span.get(key)?;
        match annotator {
            None => layers.first().map(|(_, r)| *r),
            Some(a) => layers.iter().find(|(who, _)| who == a).map(|(_, r)| *r),
        }
    }
}

/// The target document for `doc`: one in the project with the same text, one created earlier
/// in this import, or a new one.
#[allow(clippy::too_many_arguments)]
pub(super) fn target_for(
    project: &Project,
    doc: &ParsedDocument,
    batch: &mut ImportBatch,
    targets: &mut Vec<Target>,
    by_text: &mut HashMap<String, usize>,
    taken_paths: &mut HashSet<String>,
    taken_ids: &mut HashSet<i64>,
    label_names: &HashMap<i64, String>,
    fr: &mut FileReport,
) -> Result<usize, InteropError> {
    let sha = crate::model::sha256_hex(doc.text.as_bytes());
    if let Some(&t) = by_text.get(&sha) {
        fr.documents_existing += 1;
        return Ok(t);
    }
    let mut target = Target {
        doc: DocRef::New(0),
        existing: Vec::new(),
        by_span: HashMap::new(),
        labels_at: HashMap::new(),
        attributes: HashMap::new(),
        relations: HashSet::new(),
        note: String::new(),
        status: DocumentStatus::Todo,
    };
    if let Some(&id) = project.documents_with_text_sha256(&sha)?.first() {
        target.doc = DocRef::Existing(id);
        let (_, note, status) = project.document_settings(id)?;
        target.note = note;
        target.status = status;
        let mut attrs: HashMap<i64, HashMap<String, String>> = HashMap::new();
        for (a, n, v) in project.document_attributes(id)? {
            attrs.entry(a).or_default().insert(n, v);
        }
        for (a, annotator) in project.annotations_with_annotator(id)? {
            let label = label_names.get(&a.label_id).cloned().unwrap_or_default();
            let r = AnnRef::Existing(a.id);
            target
                .by_span
                .entry((a.start, a.end, label.clone()))
                .or_default()
                .push((annotator, r));
            target
                .labels_at
                .entry((a.start, a.end))
                .or_default()
                .push(label.clone());
            if let Some(v) = attrs.remove(&a.id) {
                target.attributes.insert(r, v);
            }
            target.existing.push(ExistingAnnotation {
                id: a.id,
                start: a.start,
                end: a.end,
                label,
                note: a.note,
            });
        }
        for r in project.relations(id)? {
            target.relations.insert((
                AnnRef::Existing(r.head),
                AnnRef::Existing(r.child),
                r.relation,
            ));
        }
        fr.documents_existing += 1;
    } else {
        let mut rel_path = doc.rel_path.clone();
        let mut n = 2;
        while taken_paths.contains(&rel_path) || project.document_by_path(&rel_path)?.is_some() {
            rel_path = format!("{} ({n})", doc.rel_path);
            n += 1;
        }
        taken_paths.insert(rel_path.clone());
        let id = match doc.requested_id {
            Some(id) if !taken_ids.contains(&id) && project.document(id).is_err() => {
                taken_ids.insert(id);
                Some(id)
            }
            _ => None,
        };
        batch.documents.push(BatchDocument {
            id,
            name: doc.name.clone(),
            rel_path,
            text: doc.text.clone(),
            sha256: doc.source.sha256.clone(),
            encoding: doc.source.encoding.clone(),
            byte_len: doc.source.byte_len,
            bom: doc.source.bom,
            encoding_guessed: doc.source.guessed,
        });
        target.doc = DocRef::New(batch.documents.len() - 1);
        fr.documents_new += 1;
    }
    targets.push(target);
    by_text.insert(sha, targets.len() - 1);
    Ok(targets.len() - 1)
}

//! Reconciling a [`ParsedCorpus`] with a project: one [`ImportBatch`] and its report, or a
//! refusal before anything is written.
//!
//! **Labels and relation types** are matched by name, then ignoring case (`Person` is the
//! project's `PERSON`, with a notice). Those the source's own scheme declares (brat
//! `annotation.conf`) are added to the project's scheme, as a scheme import would add them:
//! labels the data uses, the relation types and attributes declared for them. Anything else
//! unknown (a label, a relation type, a relation between labels its type does not allow, an
//! attribute value) refuses the whole import with a list, unless [`PlanOptions`] says what to
//! do: `map` (SOURCE=TARGET, for labels and relation types), `add_labels` (add them all to the
//! scheme), `drop_unknown` (leave those annotations out, counted in the report).
//!
//! **Documents**: annotations for a text already in the project (same SHA-256 of the text)
//! attach to it; otherwise the document is created from the annotation file's text, at its
//! path (made unique with ` (2)`…).
//!
//! **Duplicates**: a span with the same offsets and label as one already in the document (or
//! earlier in the import) is merged into it (its attributes join, a different note is added);
//! the same relation twice is merged too. A span with the same offsets and another label is
//! kept and listed as a conflict.
//!
//! **As suggestions** ([`PlanOptions::as_suggestions`]): documents and labels as above, the
//! spans become suggestions, and what a suggestion cannot hold is reported; see
//! [`super::suggest`].

use super::mapping::{Resolved, SchemeState};
use super::report::{FileReport, ImportReport};
use super::target::{Target, target_for};
use super::{InteropError, ParsedCorpus, not_imported};
use crate::model::bulk::{
    AnnRef, BatchAnnotation, BatchAttribute, BatchDocumentUpdate, BatchEntity, BatchRelation,
    DocRef, EntityRef, ImportBatch,
};
use crate::model::{Action, Applied, DocumentStatus};
use crate::store::Project;
use std::collections::{BTreeSet, HashMap, HashSet};

/// What to do with labels, relation types and attribute values the project's scheme lacks.
#[derive(Clone, Debug, Default)]
pub struct PlanOptions {
    /// SOURCE → TARGET names (labels and relation types).
    pub map: Vec<(String, String)>,
    /// Add unknown labels, relation types, allowed argument labels and attribute values to the
    /// scheme.
    pub add_labels: bool,
    /// Leave out annotations whose label, relation type or attribute value is unknown.
    pub drop_unknown: bool,
    /// Describes the source in the audit log (format and path).
    pub source: String,
    /// Bring the spans in as suggestions to accept or reject, not annotations, each naming this
    /// source (a model's name; empty gives `import:FORMAT`, e.g. `import:doccano`); see
    /// [`super::suggest`].
    pub as_suggestions: Option<String>,
}

impl PlanOptions {
    /// Parses `SOURCE=TARGET`.
    ///
    /// # Errors
    /// [`InteropError::Options`] when there is no `=` or a side is empty.
    pub fn parse_map(s: &str) -> Result<(String, String), InteropError> {
        match s.split_once('=') {
            Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
                Ok((a.trim().to_owned(), b.trim().to_owned()))
            }
            _ => Err(InteropError::Options(format!(
                "--map takes SOURCE=TARGET (e.g. --map ORG=ORGANIZATION), not {s:?}"
            ))),
        }
    }
}

/// Plans the import of `corpus` into `project`: the batch to apply and the report of what it
/// brings. Reads the project only.
///
/// # Errors
/// [`InteropError::Unknown`] listing every unknown label, relation type and attribute value
/// with the options that resolve them; [`InteropError::Options`] for a `--map` target the
/// project lacks; store errors.
pub fn plan_import(
    project: &Project,
    corpus: &ParsedCorpus,
    options: &PlanOptions,
) -> Result<(ImportBatch, ImportReport), InteropError> {
    let scheme = project.scheme()?;
    let mut st = SchemeState {
        labels: scheme.labels.iter().map(|l| l.name.clone()).collect(),
        attributes: scheme
            .labels
            .iter()
            .map(|l| {
                (
                    l.name.clone(),
                    l.attributes
                        .iter()
                        .map(|a| (a.name.clone(), a.values.clone()))
                        .collect(),
                )
            })
            .collect(),
        relations: scheme
            .relations
            .iter()
            .map(|r| (r.name.clone(), r.head.clone(), r.child.clone()))
            .collect(),
        new_labels: Vec::new(),
        renames: Vec::new(),
        attr_defs: Vec::new(),
        rel_types: Vec::new(),
        notices: Vec::new(),
        unknown_labels: BTreeSet::new(),
        unknown_relations: BTreeSet::new(),
        unknown_attributes: BTreeSet::new(),
    };
    let map: HashMap<&str, &str> = options
        .map
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let declared = &corpus.scheme;
    let conf_name = declared.path.clone().unwrap_or_default();

    // 1. Labels the data uses, in order of first use. While the project holds no annotations,
    // a project label that matches only ignoring case takes the source's spelling (a migration
    // keeps its names); once anything is annotated, it stays a reported mapping.
    let may_rename = project.annotation_total()? == 0;
    let mut project_label_ids: HashMap<String, i64> = project
        .labels()?
        .into_iter()
        .map(|l| (l.name, l.id))
        .collect();
    let mut targets_used: HashSet<String> = HashSet::new();
    let mut label_of: HashMap<String, Resolved> = HashMap::new();
    for doc in corpus.files.iter().flat_map(|f| &f.documents) {
        for span in &doc.spans {
            if label_of.contains_key(&span.label) || span.label.trim().is_empty() {
                continue;
            }
            let src = span.label.as_str();
            let r = if let Some(&target) = map.get(src) {
                match st.find_label(target) {
                    Some(t) => {
                        st.notices.push(format!("label {src} mapped to {t}"));
                        Resolved::To(t)
                    }
                    None if options.add_labels => {
                        Resolved::To(st.add_label(target, &format!("--map {src}={target}")))
                    }
                    None => {
                        return Err(InteropError::Options(format!(
                            "--map {src}={target}: the project has no label {target}; add --add-labels to create it"
                        )));
                    }
                }
            } else if let Some(t) = st.find_label(src) {
                let id = project_label_ids.get(&t).copied();
                match id {
                    Some(id) if t != src && may_rename && !targets_used.contains(&t) => {
                        st.rename_label(id, &t, src, "the project had no annotations yet");
                        project_label_ids.remove(&t);
                        project_label_ids.insert(src.to_owned(), id);
                        Resolved::To(src.to_owned())
                    }
                    _ => {
                        if t != src {
                            st.notices.push(format!(
                                "label {src} is the project's {t} (same name ignoring case)"
                            ));
                        }
                        Resolved::To(t)
                    }
                }
            } else if declared.labels.iter().any(|l| l == src) {
                Resolved::To(st.add_label(src, &format!("declared in {conf_name}")))
            } else if options.add_labels {
                Resolved::To(st.add_label(src, "--add-labels"))
            } else if options.drop_unknown {
                st.notices.push(format!(
                    "label {src} is not in the scheme: its spans were left out (--drop-unknown)"
                ));
                Resolved::Drop
            } else {
                st.unknown_labels.insert(src.to_owned());
                Resolved::Unknown
            };
            if let Resolved::To(t) = &r {
                targets_used.insert(t.clone());
            }
            label_of.insert(src.to_owned(), r);
        }
    }
    let resolved_label = |src: &str| -> Option<String> {
        match label_of.get(src) {
            Some(Resolved::To(t)) => Some(t.clone()),
            _ => None,
        }
    };

    // 2. What the source's scheme declares for the labels in use: relation types, attributes.
    let in_use = |labels: &[String]| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for l in labels.iter().filter_map(|l| resolved_label(l)) {
            if !out.contains(&l) {
                out.push(l);
            }
        }
        out
    };
    // As suggestions, only spans come in: the relation types and attributes are not needed.
    let declared_relations: &[super::SourceRelation] = if options.as_suggestions.is_some() {
        &[]
    } else {
        &declared.relations
    };
    let declared_attributes: &[super::SourceAttribute] = if options.as_suggestions.is_some() {
        &[]
    } else {
        &declared.attributes
    };
    for r in declared_relations {
        let (heads, children) = (in_use(&r.head), in_use(&r.child));
        if heads.is_empty() || children.is_empty() {
            continue;
        }
        let k = match st.find_relation(&r.name) {
            Some(k) => k,
            None => st.add_relation_type(&r.name, &format!("declared in {conf_name}")),
        };
        for h in &heads {
            for c in &children {
                st.widen_relation(k, h, c);
            }
        }
    }
    for a in declared_attributes {
        for label in in_use(&a.labels) {
            st.widen_attribute(&label, &a.name, &a.values);
        }
    }

    // 3. Documents, spans, attributes, notes, relations.
    let mut batch = ImportBatch {
        source: options.source.clone(),
        ..ImportBatch::default()
    };
    let label_names: HashMap<i64, String> = project
        .labels()?
        .into_iter()
        .map(|l| (l.id, l.name))
        .collect();
    let project_entities = project.entities()?;
    let mut entity_of: HashMap<(Option<i64>, String, String), EntityRef> = HashMap::new();
    let mut taken_paths: HashSet<String> = HashSet::new();
    let mut taken_doc_ids: HashSet<i64> = HashSet::new();
    let mut targets: Vec<Target> = Vec::new();
    let mut target_by_text: HashMap<String, usize> = HashMap::new();
    let mut report = ImportReport {
        format: corpus.format,
        files: Vec::new(),
        notices: Vec::new(),
        passed_over: corpus.passed_over.clone(),
        as_suggestions: None,
    };
    report.as_suggestions = options.as_suggestions.as_ref().map(|s| match s.trim() {
        "" => format!("import:{}", corpus.format.as_str()),
        named => named.to_owned(),
    });
    let mut suggesting = report
        .as_suggestions
        .as_ref()
        .map(|source| super::suggest::Suggesting::new(project, source))
        .transpose()?;
    for file in &corpus.files {
        let mut fr = FileReport {
            path: file.path.clone(),
            not_imported: file.not_imported.clone(),
            warnings: file.warnings.clone(),
            error: file.error.clone(),
            ..FileReport::default()
        };
        for doc in &file.documents {
            let t = target_for(
                project,
                doc,
                &mut batch,
                &mut targets,
                &mut target_by_text,
                &mut taken_paths,
                &mut taken_doc_ids,
                &label_names,
                &mut fr,
            )?;
            if let Some(sg) = suggesting.as_mut() {
                sg.document(doc, &targets[t], &label_of, &mut batch, &mut fr)?;
                continue;
            }
            let len = doc.text.chars().count();
            // Index in doc.spans -> annotation it became.
            let mut span_ref: Vec<Option<AnnRef>> = Vec::with_capacity(doc.spans.len());
            for span in &doc.spans {
                span_ref.push(None);
                // An unknown label gives None too: the whole import is refused below.
                let Some(label) = super::mapping::span_label(span, len, &label_of, &mut fr) else {
                    continue;
                };
                let target = &mut targets[t];
                let key = (span.start, span.end, label.clone());
                let (aref, merged) = match target.same_span(&key, span.annotator.as_deref()) {
                    Some(a) => (a, true),
                    None => {
                        let others = target.labels_at.entry((span.start, span.end)).or_default();
                        let differing: Vec<&String> =
                            others.iter().filter(|l| **l != label).collect();
                        if !differing.is_empty() {
                            fr.conflicts.push(format!(
                                "{}: [{}, {}) {:?} is labelled {label} here and {} already",
                                span.origin,
                                span.start,
                                span.end,
                                super::offsets::char_slice(&doc.text, span.start..span.end),
                                differing
                                    .iter()
                                    .map(|l| l.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ));
                        }
                        if !others.contains(&label) {
                            others.push(label.clone());
                        }
                        let entity = span.entity.as_ref().map(|e| {
                            let key = (e.id, e.name.clone(), e.kind.clone());
                            *entity_of.entry(key).or_insert_with(|| {
                                // Same type, and the same name, or one's name among the
                                // other's aliases (an id, when the source has one, must agree).
                                if let Some(found) = project_entities.iter().find(|p| {
                                    p.kind == e.kind
                                        && (p.name == e.name
                                            || p.aliases.contains(&e.name)
                                            || e.aliases.contains(&p.name))
                                        && e.id.is_none_or(|id| id == p.id)
                                }) {
                                    return EntityRef::Existing(found.id);
                                }
                                let free = e.id.filter(|id| {
                                    !project_entities.iter().any(|p| p.id == *id)
                                        && !batch.entities.iter().any(|b| b.id == Some(*id))
                                });
                                batch.entities.push(BatchEntity {
                                    id: free,
                                    name: e.name.clone(),
                                    kind: e.kind.clone(),
                                    aliases: e.aliases.clone(),
                                    created_at: None,
                                });
                                EntityRef::New(batch.entities.len() - 1)
                            })
                        });
                        batch.annotations.push(BatchAnnotation {
                            id: None,
                            document: target.doc,
                            start: span.start,
                            end: span.end,
                            label: label.clone(),
                            note: String::new(),
                            entity,
                            created_at: None,
                            annotator: span.annotator.clone(),
                        });
                        let a = AnnRef::New(batch.annotations.len() - 1);
                        target
                            .by_span
                            .entry(key)
                            .or_default()
                            .push((span.annotator.clone().unwrap_or_default(), a));
                        fr.spans += 1;
                        (a, false)
                    }
                };
                if merged {
                    fr.merged += 1;
                }
                *span_ref.last_mut().expect("pushed above") = Some(aref);
                if !span.note.is_empty() {
                    add_note(&mut batch, target, aref, &span.note, &mut fr);
                }
                for (name, value) in &span.attributes {
                    if !st.allows_attribute(&label, name, value) {
                        if options.add_labels {
                            st.widen_attribute(&label, name, std::slice::from_ref(value));
                        } else if options.drop_unknown {
                            not_imported(
                                &mut fr.not_imported,
                                "attribute",
                                format!(
                                    "{label} has no attribute {name}={value} in the scheme (--drop-unknown)"
                                ),
                            );
                            continue;
                        } else {
                            st.unknown_attributes
                                .insert(format!("{label}: {name}={value}"));
                            continue;
                        }
                    }
                    let attrs = target.attributes.entry(aref).or_default();
                    match attrs.get(name) {
                        Some(v) if v == value => {}
                        Some(v) => not_imported(
                            &mut fr.not_imported,
                            "attribute",
                            format!("{name}={value} conflicts with {name}={v} already on the span"),
                        ),
                        None => {
                            attrs.insert(name.clone(), value.clone());
                            batch.attributes.push(BatchAttribute {
                                annotation: aref,
                                name: name.clone(),
                                value: value.clone(),
                            });
                            fr.attributes += 1;
                        }
                    }
                }
            }
            for rel in &doc.relations {
                let src = rel.label.as_str();
                if src.trim().is_empty() {
                    not_imported(&mut fr.not_imported, "relation", "no type");
                    continue;
                }
                let target_name = map.get(src).copied().unwrap_or(src);
                if st.find_relation(target_name).is_none()
                    && !rel.implicit
                    && !options.add_labels
                    && !options.drop_unknown
                {
                    st.unknown_relations.insert(format!("relation type {src}"));
                    continue;
                }
                let (Some(head), Some(child)) = (
                    span_ref.get(rel.head).copied().flatten(),
                    span_ref.get(rel.child).copied().flatten(),
                ) else {
                    not_imported(
                        &mut fr.not_imported,
                        "relation",
                        "one of its spans did not come in",
                    );
                    continue;
                };
                if head == child {
                    not_imported(
                        &mut fr.not_imported,
                        "relation",
                        "its two spans merged into one annotation",
                    );
                    continue;
                }
                let label_at = |r: AnnRef| -> String {
                    match r {
                        AnnRef::New(i) => batch.annotations[i].label.clone(),
                        AnnRef::Existing(id) => targets[t]
                            .existing
                            .iter()
                            .find(|e| e.id == id)
                            .map(|e| e.label.clone())
                            .unwrap_or_default(),
                    }
                };
                let (hl, cl) = (label_at(head), label_at(child));
                let k = match st.find_relation(target_name) {
                    Some(k) => Some(k),
                    None if rel.implicit => Some(st.add_relation_type(
                        target_name,
                        "links the parts of discontinuous brat spans",
                    )),
                    None if options.add_labels => {
                        Some(st.add_relation_type(target_name, "--add-labels"))
                    }
                    None if options.drop_unknown => {
                        not_imported(
                            &mut fr.not_imported,
                            "relation",
                            format!("relation type {src} not in the scheme (--drop-unknown)"),
                        );
                        continue;
                    }
                    None => {
                        st.unknown_relations.insert(format!("relation type {src}"));
                        continue;
                    }
                };
                let Some(k) = k else { continue };
                let allowed = st.relations[k].1.contains(&hl) && st.relations[k].2.contains(&cl);
                if !allowed {
                    let declared_pair = declared.relations.iter().any(|d| {
                        d.name == src
                            && d.head
                                .iter()
                                .any(|h| resolved_label(h).as_deref() == Some(&hl))
                            && d.child
                                .iter()
                                .any(|c| resolved_label(c).as_deref() == Some(&cl))
                    });
                    if rel.implicit || options.add_labels || declared_pair {
                        st.widen_relation(k, &hl, &cl);
                    } else if options.drop_unknown {
                        not_imported(
                            &mut fr.not_imported,
                            "relation",
                            format!(
                                "{} does not allow {hl} → {cl} in the scheme (--drop-unknown)",
                                st.relations[k].0
                            ),
                        );
                        continue;
                    } else {
                        st.unknown_relations
                            .insert(format!("{} from {hl} to {cl}", st.relations[k].0));
                        continue;
                    }
                }
                let name = st.relations[k].0.clone();
                let target = &mut targets[t];
                if !target.relations.insert((head, child, name.clone())) {
                    fr.merged += 1;
                } else {
                    batch.relations.push(BatchRelation {
                        id: None,
                        head,
                        child,
                        relation: name.clone(),
                        created_at: None,
                    });
                    fr.relations += 1;
                }
                if !rel.note.is_empty() {
                    let child_text = match child {
                        AnnRef::New(i) => {
                            let a = &batch.annotations[i];
                            super::offsets::char_slice(&doc.text, a.start..a.end).to_owned()
                        }
                        AnnRef::Existing(id) => target
                            .existing
                            .iter()
                            .find(|e| e.id == id)
                            .map(|e| {
                                super::offsets::char_slice(&doc.text, e.start..e.end).to_owned()
                            })
                            .unwrap_or_default(),
                    };
                    let note = super::relation_note(&name, &child_text, &rel.note);
                    add_note(&mut batch, target, head, &note, &mut fr);
                }
            }
            let target = &mut targets[t];
            let mut update = BatchDocumentUpdate {
                document: target.doc,
                note: None,
                status: None,
                before: None,
            };
            if let Some(note) = doc.note.as_ref().filter(|n| !n.is_empty()) {
                if target.note.is_empty() {
                    target.note = note.clone();
                    update.note = Some(note.clone());
                    fr.notes += 1;
                } else if target.note != *note {
                    not_imported(
                        &mut fr.not_imported,
                        "document note",
                        "the document already has another note",
                    );
                }
            }
            if let Some(status) = doc.status
                && status != target.status
                && (target.status == DocumentStatus::Todo || matches!(target.doc, DocRef::New(_)))
            {
                target.status = status;
                update.status = Some(status);
            }
            if update.note.is_some() || update.status.is_some() {
                batch.document_updates.push(update);
            }
        }
        report.files.push(fr);
    }

    let unknown = !st.unknown_labels.is_empty()
        || !st.unknown_relations.is_empty()
        || !st.unknown_attributes.is_empty();
    if unknown {
        let mut msg = String::from(
            "the import names labels, relation types or attribute values that the project's scheme does not have, so nothing was written:",
        );
        let list = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join(", ");
        if !st.unknown_labels.is_empty() {
            msg.push_str(&format!(" labels: {};", list(&st.unknown_labels)));
        }
        if !st.unknown_relations.is_empty() {
            msg.push_str(&format!(" relations: {};", list(&st.unknown_relations)));
        }
        if !st.unknown_attributes.is_empty() {
            msg.push_str(&format!(
                " attribute values: {};",
                list(&st.unknown_attributes)
            ));
        }
        msg.push_str(&format!(
            " the project's labels: {}. Map them to the project's (--map SOURCE=TARGET, once per name), add them to the scheme (--add-labels), or leave those annotations out (--drop-unknown)",
            st.labels.join(", ")
        ));
        return Err(InteropError::Unknown(msg));
    }
    batch.labels = st.new_labels;
    batch.label_renames = st.renames;
    batch.attribute_defs = st.attr_defs;
    batch.relation_types = st.rel_types;
    report.notices = st.notices;
    Ok((batch, report))
}

/// Adds `note` to annotation `aref`'s note: a new annotation takes it (joined to one it has
/// with a line break); one already in the project keeps its own, and the note is reported.
fn add_note(
    batch: &mut ImportBatch,
    target: &Target,
    aref: AnnRef,
    note: &str,
    fr: &mut FileReport,
) {
    match aref {
        AnnRef::New(i) => {
            let n = &mut batch.annotations[i].note;
            if n.split('\n').any(|line| line == note) || *n == note {
                return;
            }
            if !n.is_empty() {
                n.push('\n');
            }
            n.push_str(note);
            fr.notes += 1;
        }
        AnnRef::Existing(id) => {
            let same = target.existing.iter().any(|e| e.id == id && e.note == note);
            if !same {
                not_imported(
                    &mut fr.not_imported,
                    "note",
                    "its span merged with an annotation already in the project, which keeps its own note",
                );
            }
        }
    }
}

/// Plans and applies the import as one transaction (one undo step). Returns the report and what
/// was applied (its inverse undoes the import); `None` when there was nothing to add.
///
/// # Errors
/// As [`plan_import`]; store errors from applying (nothing is written then).
pub fn run_import(
    project: &mut Project,
    corpus: &ParsedCorpus,
    options: &PlanOptions,
) -> Result<(ImportReport, Option<(Action, Applied)>), InteropError> {
    let (batch, report) = plan_import(project, corpus, options)?;
    if batch.is_empty() {
        return Ok((report, None));
    }
    let action = Action::Import(Box::new(batch));
    let applied = project.apply(&action)?;
    Ok((report, Some((action, applied))))
}

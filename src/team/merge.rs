//! `sanad merge`: annotators' projects brought into one team project, each annotation kept in
//! its annotator's layer (see [`crate::store::team`]).
//!
//! Each source project is read as an annotation source ([`read_source`]) and all of them are
//! reconciled with the team project by the annotation import's planner
//! ([`crate::interop::plan`]), then applied as ONE [`Action::Import`] (one transaction, one undo
//! step). So, as for an import:
//! - **documents** are matched by the SHA-256 of their text; a text the team project lacks is
//!   added;
//! - **labels and relation types** are matched by name (then ignoring case); others refuse the
//!   whole merge unless `--map SOURCE=TARGET`, `--add-labels` or `--drop-unknown` says what to do
//!   ([`crate::interop::mapping`]);
//! - **annotations** keep their annotator (the row's `annotator`; a row without one takes the
//!   source's `extracted_for`, else the file's name). Within one annotator's layer an equal span
//!   (offsets and label) merges with the one already there ("identical duplicates merged"), so
//!   merging the same file twice adds nothing; in different layers both are kept. The same span
//!   with different labels (in any layers) is kept and listed as a conflict;
//! - **relations, attributes, notes, entity links** come with their annotations; document notes
//!   and statuses as an import sets them (a note only where the team document has none);
//! - **entities** are matched by type and name, or a name among the other's aliases; an entity
//!   matching none is created and listed ([`MergeReport::new_entities`]).

use super::TeamError;
use crate::interop::report::ImportReport;
use crate::interop::{
    Format, ParsedCorpus, ParsedDocument, ParsedEntity, ParsedFile, ParsedRelation, ParsedSpan,
    SourceBytes, SourceScheme,
    plan::{PlanOptions, plan_import},
};
use crate::model::{Action, Applied};
use crate::store::Project;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// How to reconcile the sources' schemes with the team project's (as `sanad import`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeOptions {
    /// SOURCE → TARGET names (labels and relation types).
    pub map: Vec<(String, String)>,
    /// Add labels, relation types and attribute values the team scheme lacks.
    pub add_labels: bool,
    /// Leave out annotations whose label, relation type or attribute value is unknown.
    pub drop_unknown: bool,
}

/// What a merge did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeReport {
    /// Per source file: spans added, identical duplicates merged, conflicts, what was skipped.
    pub import: ImportReport,
    /// Spans added per annotator.
    pub added_by_annotator: BTreeMap<String, usize>,
    /// Entities created because no team entity matched them by type and name or alias:
    /// (name, type).
    pub new_entities: Vec<(String, String)>,
    /// The action applied and its result (its inverse undoes the merge); `None` when the
    /// merge added nothing.
    pub applied: Option<(Action, Applied)>,
}

impl MergeReport {
    /// The report as lines of text.
    pub fn lines(&self) -> Vec<String> {
        let mut out = self.import.lines();
        if let Some(first) = out.first_mut() {
            *first = first.replacen("sanad import:", "merge:", 1);
        }
        for (who, n) in &self.added_by_annotator {
            out.push(format!("annotator {who}: {n} span(s) added"));
        }
        for (name, kind) in &self.new_entities {
            out.push(format!(
                "entity kept apart (no team entity of type {kind} has this name or alias): {name}"
            ));
        }
        if self.applied.is_none() {
            out.push("nothing to add: the team project already holds all of it".into());
        }
        out
    }
}

/// One source project as an annotation source: every document with its text, annotations
/// (annotator, label, note, attributes, entity), relations, note and status.
///
/// # Errors
/// Store errors (the file is not a Sanad project, say).
pub fn read_source(path: &Path) -> Result<ParsedFile, TeamError> {
    let project = Project::open_existing(path)?;
    let fallback = match project.meta("extracted_for")? {
        Some(n) if !n.trim().is_empty() => n,
        _ => path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "unknown".into()),
    };
    let labels: HashMap<i64, String> = project
        .labels()?
        .into_iter()
        .map(|l| (l.id, l.name))
        .collect();
    let entities: HashMap<i64, crate::model::Entity> =
        project.entities()?.into_iter().map(|e| (e.id, e)).collect();
    let mut file = ParsedFile {
        path: path.display().to_string(),
        ..ParsedFile::default()
    };
    for summary in project.document_summaries()? {
        let doc = project.document(summary.id)?;
        let mut attributes: HashMap<i64, Vec<(String, String)>> = HashMap::new();
        for (a, n, v) in project.document_attributes(doc.id)? {
            attributes.entry(a).or_default().push((n, v));
        }
        let mut index_of: HashMap<i64, usize> = HashMap::new();
        let mut spans = Vec::new();
        for (a, annotator) in project.annotations_with_annotator(doc.id)? {
            index_of.insert(a.id, spans.len());
            spans.push(ParsedSpan {
                start: a.start,
                end: a.end,
                label: labels.get(&a.label_id).cloned().unwrap_or_default(),
                note: a.note,
                attributes: attributes.remove(&a.id).unwrap_or_default(),
                entity: a
                    .entity_id
                    .and_then(|e| entities.get(&e))
                    .map(|e| ParsedEntity {
                        id: None,
                        name: e.name.clone(),
                        kind: e.kind.clone(),
                        aliases: e.aliases.clone(),
                    }),
                origin: format!("annotation {}", a.id),
                annotator: Some(if annotator.is_empty() {
                    fallback.clone()
                } else {
                    annotator
                }),
            });
        }
        let relations = project
            .relations(doc.id)?
            .into_iter()
            .filter_map(|r| {
                Some(ParsedRelation {
                    head: *index_of.get(&r.head)?,
                    child: *index_of.get(&r.child)?,
                    label: r.relation,
                    note: String::new(),
                    implicit: false,
                })
            })
            .collect();
        file.documents.push(ParsedDocument {
            name: doc.name,
            rel_path: doc.rel_path,
            source: SourceBytes {
                sha256: doc.sha256,
                encoding: doc.encoding,
                byte_len: project.document_byte_len(doc.id)?,
                bom: doc.bom,
                guessed: doc.encoding_guessed,
            },
            text: doc.text,
            requested_id: None,
            spans,
            relations,
            note: Some(doc.note).filter(|n| !n.is_empty()),
            status: Some(doc.status),
        });
    }
    Ok(file)
}

/// Plans the merge of the projects `inputs` into `team` (reads only): the batch to apply as
/// one [`Action::Import`] and the report (its `applied` is `None`).
///
/// # Errors
/// [`TeamError::Interop`] when the schemes do not reconcile; [`TeamError::Refused`] for the
/// team project itself among the inputs; store errors.
pub fn plan_merge(
    team: &Project,
    inputs: &[PathBuf],
    options: &MergeOptions,
) -> Result<(crate::model::bulk::ImportBatch, MergeReport), TeamError> {
    let mut files = Vec::with_capacity(inputs.len());
    for path in inputs {
        if path.canonicalize().ok() == team.path().canonicalize().ok() {
            return Err(TeamError::Refused(format!(
                "a project cannot be merged into itself: {}",
                path.display()
            )));
        }
        files.push(read_source(path)?);
    }
    let corpus = ParsedCorpus {
        format: Format::SanadJsonl,
        files,
        scheme: SourceScheme::default(),
        passed_over: Vec::new(),
    };
    let plan = PlanOptions {
        map: options.map.clone(),
        add_labels: options.add_labels,
        drop_unknown: options.drop_unknown,
        source: format!(
            "merge of {}",
            inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        as_suggestions: None,
    };
    let (batch, import) = plan_import(team, &corpus, &plan)?;
    let mut added_by_annotator: BTreeMap<String, usize> = BTreeMap::new();
    for a in &batch.annotations {
        *added_by_annotator
            .entry(a.annotator.clone().unwrap_or_default())
            .or_default() += 1;
    }
    let new_entities = batch
        .entities
        .iter()
        .map(|e| (e.name.clone(), e.kind.clone()))
        .collect();
    let report = MergeReport {
        import,
        added_by_annotator,
        new_entities,
        applied: None,
    };
    Ok((batch, report))
}

/// Merges the projects `inputs` into `team` as one action (see the module docs).
///
/// # Errors
/// As [`plan_merge`]; store errors from applying (nothing is written then).
pub fn merge_into(
    team: &mut Project,
    inputs: &[PathBuf],
    options: &MergeOptions,
) -> Result<MergeReport, TeamError> {
    let (batch, mut report) = plan_merge(team, inputs, options)?;
    if !batch.is_empty() {
        let action = Action::Import(Box::new(batch));
        let done = team.apply(&action)?;
        report.applied = Some((action, done));
    }
    Ok(report)
}

/// Merges `inputs` into the team project `output`, creating it when absent: then it starts as
/// the first input's scheme and entity registry with no documents (see
/// [`crate::store::Project::prune_for_extract`]).
///
/// # Errors
/// As [`merge_into`]; [`TeamError::Refused`] without inputs; I/O errors.
pub fn merge_files(
    inputs: &[PathBuf],
    output: &Path,
    options: &MergeOptions,
) -> Result<MergeReport, TeamError> {
    let Some(first) = inputs.first() else {
        return Err(TeamError::Refused("name the projects to merge".into()));
    };
    if output.symlink_metadata().is_err() {
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "team.sanad".into());
        let part = output.with_file_name(format!(".{name}.{}.part.sanad", std::process::id()));
        let made = (|| -> Result<(), TeamError> {
            let source = Project::open_existing(first)?;
            source.backup_to(&part)?;
            let mut copy = Project::open_existing(&part)?;
            copy.prune_for_extract(&[], false, "team")?;
            drop(copy);
            std::fs::rename(&part, output).map_err(|source| TeamError::Io {
                source,
                path: output.to_owned(),
            })
        })();
        if made.is_err() {
            let _ = std::fs::remove_file(&part);
        }
        made?;
    }
    let mut team = Project::open_existing(output)?;
    merge_into(&mut team, inputs, options)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Action;
    use crate::store::NewDocument;

    fn annotated(path: &Path, who: &str, spans: &[(usize, usize, &str)]) {
        let mut p = Project::open_or_create(path).unwrap();
        p.set_actor(who);
        let doc = p
            .add_documents(&[NewDocument::from_text("a.txt", "سجن صيدنايا في ريف دمشق")])
            .unwrap()[0];
        for &(start, end, label) in spans {
            p.apply(&Action::AddAnnotation {
                id: None,
                document_id: doc,
                start,
                end,
                label: label.into(),
            })
            .unwrap();
        }
    }

    #[test]
    fn layers_are_kept_apart_and_merging_the_same_file_twice_adds_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.sanad"), dir.path().join("b.sanad"));
        // The text: سجن(0..3) صيدنايا(4..11) في(12..14) ريف(15..18) دمشق(19..23).
        annotated(&a, "alice", &[(0, 11, "PRISON"), (19, 23, "ORGANIZATION")]);
        annotated(&b, "bob", &[(0, 11, "PRISON"), (19, 23, "PERSON")]);
        let team = dir.path().join("team.sanad");
        let r = merge_files(&[a.clone(), b.clone()], &team, &MergeOptions::default()).unwrap();
        assert_eq!(r.added_by_annotator.get("alice"), Some(&2));
        assert_eq!(r.added_by_annotator.get("bob"), Some(&2));
        assert_eq!(
            r.import.files[1].conflicts.len(),
            1,
            "دمشق ORGANIZATION vs PERSON"
        );
        let p = Project::open_existing(&team).unwrap();
        assert_eq!(
            p.document_summaries().unwrap().len(),
            1,
            "one text, matched by hash"
        );
        assert_eq!(p.annotation_total().unwrap(), 4);
        drop(p);
        let again = merge_files(&[a], &team, &MergeOptions::default()).unwrap();
        assert!(again.applied.is_none());
        assert_eq!(again.import.files[0].merged, 2);
        assert_eq!(
            Project::open_existing(&team)
                .unwrap()
                .annotation_total()
                .unwrap(),
            4
        );
    }
}

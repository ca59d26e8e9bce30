//! `sanad extract`: a project for one annotator, made from a team's project: the chosen
//! documents (text and hashes as imported), the whole label scheme and entity registry, and
//! nothing of others' work unless asked (`with_annotations`).
//!
//! The share is a consistent copy of the source ([`Project::backup_to`], SQLite's `VACUUM
//! INTO`) pruned with [`Project::prune_for_extract`] and renamed into place, so the output is
//! either the whole share or absent.

use super::TeamError;
use crate::model::{DocumentId, DocumentStatus};
use crate::store::Project;
use crate::store::team::Pruned;
use std::path::Path;

/// Which documents to hand out, and to whom.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExtractOptions {
    /// Only these documents (ids as `sanad export` writes them); every one must exist.
    pub documents: Option<Vec<DocumentId>>,
    /// Only documents with this status.
    pub status: Option<DocumentStatus>,
    /// At most this many of those chosen, in document-list order (by path).
    pub count: Option<usize>,
    /// The annotator the share is for (recorded as `extracted_for`).
    pub for_name: String,
    /// Keep the chosen documents' annotations, notes and statuses (all layers).
    pub with_annotations: bool,
}

/// The documents `options` chooses in `project`, in document-list order.
///
/// # Errors
/// [`TeamError::Refused`] for an id the project lacks, or when nothing is chosen; store errors.
pub fn choose(project: &Project, options: &ExtractOptions) -> Result<Vec<DocumentId>, TeamError> {
    let summaries = project.document_summaries()?;
    if let Some(ids) = &options.documents {
        let missing: Vec<String> = ids
            .iter()
            .filter(|id| !summaries.iter().any(|s| s.id == **id))
            .map(|id| id.to_string())
            .collect();
        if !missing.is_empty() {
            return Err(TeamError::Refused(format!(
                "the project has no document with id {}",
                missing.join(", ")
            )));
        }
    }
    let mut chosen: Vec<DocumentId> = summaries
        .iter()
        .filter(|s| {
            options
                .documents
                .as_ref()
                .is_none_or(|ids| ids.contains(&s.id))
        })
        .filter(|s| options.status.is_none_or(|st| st == s.status))
        .map(|s| s.id)
        .collect();
    if let Some(n) = options.count {
        chosen.truncate(n);
    }
    if chosen.is_empty() {
        return Err(TeamError::Refused(
            "no document matches the choice (--documents, --status, --count)".into(),
        ));
    }
    Ok(chosen)
}

/// Writes the share of `source` that `options` chooses to `output` (a new file). Returns what
/// it holds.
///
/// # Errors
/// [`TeamError::Refused`] (nothing chosen, a blank `for_name`, `output` exists); store and I/O
/// errors (no output is left then).
pub fn extract(
    source: &Project,
    options: &ExtractOptions,
    output: &Path,
) -> Result<Pruned, TeamError> {
    if options.for_name.trim().is_empty() {
        return Err(TeamError::Refused(
            "name the annotator the share is for (--for NAME)".into(),
        ));
    }
    if output.symlink_metadata().is_ok() {
        return Err(TeamError::Refused(format!(
            "the output exists (an extract never replaces a file): {}",
            output.display()
        )));
    }
    let chosen = choose(source, options)?;
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "share.sanad".into());
    let part = output.with_file_name(format!(".{name}.{}.part.sanad", std::process::id()));
    let result = (|| -> Result<Pruned, TeamError> {
        source.backup_to(&part)?;
        // The copy is encrypted with the source's passphrase when the source is.
        let mut copy = source.open_with_same_key(&part)?;
        copy.set_actor(source.actor());
        let pruned =
            copy.prune_for_extract(&chosen, options.with_annotations, &options.for_name)?;
        drop(copy);
        if output.symlink_metadata().is_ok() {
            return Err(TeamError::Refused(format!(
                "the output appeared meanwhile (an extract never replaces a file): {}",
                output.display()
            )));
        }
        std::fs::rename(&part, output).map_err(|source| TeamError::Io {
            source,
            path: output.to_owned(),
        })?;
        Ok(pruned)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Action;
    use crate::store::NewDocument;

    #[test]
    fn a_share_holds_the_chosen_texts_the_scheme_and_entities_but_no_annotations() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = Project::open_or_create(&dir.path().join("team.sanad")).unwrap();
        let ids = p
            .add_documents(&[
                NewDocument::from_text("a.txt", "سجن صيدنايا"),
                NewDocument::from_text("b.txt", "فرع فلسطين"),
                NewDocument::from_text("c.txt", "سجن تدمر"),
            ])
            .unwrap();
        p.apply(&Action::AddAnnotation {
            id: None,
            document_id: ids[0],
            start: 0,
            end: 3,
            label: "PRISON".into(),
        })
        .unwrap();
        p.apply(&Action::CreateEntity {
            id: None,
            name: "صيدنايا".into(),
            kind: "PRISON".into(),
            aliases: vec!["Saydnaya".into()],
            created_at: None,
        })
        .unwrap();
        p.apply(&Action::SetStatus {
            document_id: ids[1],
            status: DocumentStatus::Done,
        })
        .unwrap();
        let out = dir.path().join("alice.sanad");
        let opts = ExtractOptions {
            status: Some(DocumentStatus::Todo),
            for_name: "alice".into(),
            ..ExtractOptions::default()
        };
        let pruned = extract(&p, &opts, &out).unwrap();
        // a.txt and c.txt are todo; b.txt is done.
        assert_eq!(
            pruned,
            Pruned {
                documents: 2,
                annotations: 0,
                entities: 1
            }
        );
        let share = Project::open_existing(&out).unwrap();
        let paths: Vec<String> = share
            .document_summaries()
            .unwrap()
            .into_iter()
            .map(|s| s.rel_path)
            .collect();
        assert_eq!(paths, ["a.txt", "c.txt"]);
        assert_eq!(share.annotation_total().unwrap(), 0);
        assert_eq!(share.scheme().unwrap(), p.scheme().unwrap());
        assert_eq!(
            share.meta("extracted_for").unwrap().as_deref(),
            Some("alice")
        );
        assert_ne!(
            share.meta("project_id").unwrap(),
            p.meta("project_id").unwrap()
        );
        assert_eq!(share.audit_len().unwrap(), 1, "only the extract row");
        // Never over a file; with annotations and a count.
        assert!(extract(&p, &opts, &out).is_err());
        let out2 = dir.path().join("bob.sanad");
        let opts2 = ExtractOptions {
            documents: Some(vec![ids[0], ids[1]]),
            count: Some(1),
            for_name: "bob".into(),
            with_annotations: true,
            ..ExtractOptions::default()
        };
        let pruned = extract(&p, &opts2, &out2).unwrap();
        assert_eq!(
            pruned,
            Pruned {
                documents: 1,
                annotations: 1,
                entities: 1
            }
        );
        let bad = ExtractOptions {
            documents: Some(vec![999]),
            for_name: "x".into(),
            ..ExtractOptions::default()
        };
        assert!(extract(&p, &bad, &dir.path().join("x.sanad")).is_err());
    }
}

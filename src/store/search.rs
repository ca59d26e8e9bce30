//! Searching every document of a project with the Arabic-aware matcher ([`crate::search`]).
//!
//! The index is each document's text folded with the query's rules, kept in memory
//! ([`SearchIndex`]): a search first looks for the folded query in each folded text (memchr's
//! `memmem`), then runs the full matcher (word modes, original offsets) only on the documents
//! that hold it. Before each search the index compares each document's id and text hash
//! (`text_sha256`, which imports and re-decodes write) with what it holds and refolds only the
//! documents that are new or changed, so it follows imports, re-imports and
//! [`crate::model::Action::RedecodeDocument`]. Measured in `benches/search.rs`.

use super::error::StoreError;
use super::project::Project;
use crate::model::DocumentId;
use crate::search::fold::{FoldMap, fold_with_map};
use crate::search::{FoldOptions, Matcher, Query, QueryError};
use std::collections::HashMap;
use std::ops::Range;

/// Why a project search failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query cannot be searched (a regex that does not parse).
    #[error(transparent)]
    Query(#[from] QueryError),
    /// The project could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The matches of one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentMatches {
    /// The document.
    pub document_id: DocumentId,
    /// Its file name.
    pub name: String,
    /// Its path relative to the imported folder.
    pub rel_path: String,
    /// The matches: ranges of the document's text, chars, end-exclusive, in order.
    pub matches: Vec<Range<usize>>,
}

#[derive(Clone, Debug)]
struct Cached {
    name: String,
    rel_path: String,
    text_sha256: String,
    text: String,
    folded: String,
    map: FoldMap,
}

/// The folded texts of a project's documents, kept in memory between searches.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    fold: Option<FoldOptions>,
    docs: Vec<(DocumentId, Cached)>,
    /// Where each document is in `docs`.
    positions: HashMap<DocumentId, usize>,
}

impl SearchIndex {
    /// An empty index; the first search fills it.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many documents the index holds.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Does the index hold no document?
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Brings the index up to date with `project` for the folding rules `fold`: documents that
    /// are new or whose text hash changed are (re)read and folded, removed ones dropped, renamed
    /// ones renamed. Changing the rules refolds everything.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn refresh(&mut self, project: &Project, fold: &FoldOptions) -> Result<(), StoreError> {
        if self.fold != Some(*fold) {
            self.docs.clear();
            self.fold = Some(*fold);
        }
        let mut old: HashMap<DocumentId, Cached> =
            std::mem::take(&mut self.docs).into_iter().collect();
        self.positions.clear();
        let rows: Vec<(DocumentId, String, String, String)> = project
            .conn
            .prepare("SELECT id, name, rel_path, text_sha256 FROM documents ORDER BY rel_path, id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        // Documents to (re)read: new, changed, or with an empty hash (never the case after
        // migration 2 -> 3, so not trusted).
        let stale: Vec<DocumentId> = rows
            .iter()
            .filter(|(id, _, _, sha)| {
                sha.is_empty() || old.get(id).is_none_or(|c| c.text_sha256 != *sha)
            })
            .map(|r| r.0)
            .collect();
        let mut texts: HashMap<DocumentId, (String, String)> = HashMap::new();
        if stale.len() > rows.len() / 2 {
            // Most of the project (the first search): one pass over the table.
            let mut stmt = project
                .conn
                .prepare("SELECT id, text, text_sha256 FROM documents")?;
            let mut q = stmt.query([])?;
            while let Some(r) = q.next()? {
                texts.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
            }
        } else {
            let mut stmt = project
                .conn
                .prepare_cached("SELECT text, text_sha256 FROM documents WHERE id = ?1")?;
            for &id in &stale {
                texts.insert(id, stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?);
            }
        }
        let mut fresh = fold_all(
            stale
                .into_iter()
                .filter_map(|id| texts.remove(&id).map(|t| (id, t)))
                .collect(),
            fold,
        );
        for (id, name, rel_path, _) in rows {
            let cached = match fresh.remove(&id) {
                Some((text, text_sha256, folded, map)) => Cached {
                    name,
                    rel_path,
                    text_sha256,
                    text,
                    folded,
                    map,
                },
                None => match old.remove(&id) {
                    Some(c) => Cached {
                        name,
                        rel_path,
                        ..c
                    },
                    None => continue, // deleted between the two reads
                },
            };
            self.positions.insert(id, self.docs.len());
            self.docs.push((id, cached));
        }
        Ok(())
    }

    /// Every match of `query` in every document of `project`, documents in list order (by
    /// path), only those with a match.
    ///
    /// # Errors
    /// [`SearchError::Query`] for a regex that does not parse; SQLite errors.
    pub fn search(
        &mut self,
        project: &Project,
        query: &Query,
    ) -> Result<Vec<DocumentMatches>, SearchError> {
        let matcher = Matcher::new(query)?;
        self.refresh(project, &query.fold)?;
        Ok(self.search_fresh(&matcher))
    }

    /// [`Self::search`] on the index as it is (call [`Self::refresh`] first with the matcher's
    /// rules; a regex matcher reads the original texts).
    pub fn search_fresh(&self, matcher: &Matcher) -> Vec<DocumentMatches> {
        let mut out = Vec::new();
        for (id, doc) in &self.docs {
            if !matcher.may_match(&doc.folded) {
                continue;
            }
            let matches = matcher.find_mapped(&doc.text, &doc.folded, &doc.map);
            if !matches.is_empty() {
                out.push(DocumentMatches {
                    document_id: *id,
                    name: doc.name.clone(),
                    rel_path: doc.rel_path.clone(),
                    matches,
                });
            }
        }
        out
    }

    /// Every document the index holds, in list order: (id, text, folded text, map back to the
    /// text), as they were at the last refresh.
    pub fn documents(&self) -> impl ExactSizeIterator<Item = (DocumentId, &str, &str, &FoldMap)> {
        self.docs
            .iter()
            .map(|(id, c)| (*id, c.text.as_str(), c.folded.as_str(), &c.map))
    }

    /// The text of a document the index holds (as it was at the last refresh).
    pub fn text(&self, id: DocumentId) -> Option<&str> {
        self.positions
            .get(&id)
            .and_then(|&i| self.docs.get(i))
            .map(|(_, c)| c.text.as_str())
    }
}

type Fresh = (String, String, String, FoldMap);

/// Folds the texts `(id, (text, text hash))` on all cores (scoped threads, one slice of the
/// documents each).
fn fold_all(
    texts: Vec<(DocumentId, (String, String))>,
    fold: &FoldOptions,
) -> HashMap<DocumentId, Fresh> {
    if texts.is_empty() {
        return HashMap::new();
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per_thread = texts.len().div_ceil(threads).max(1);
    let mut chunks: Vec<Vec<(DocumentId, (String, String))>> = Vec::new();
    let mut rest = texts;
    while rest.len() > per_thread {
        let tail = rest.split_off(per_thread);
        chunks.push(std::mem::replace(&mut rest, tail));
    }
    chunks.push(rest);
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .into_iter()
                        .map(|(id, (text, sha))| {
                            let (folded, map) = fold_with_map(&text, fold);
                            (id, (text, sha, folded, map))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            // Folding does not panic; if a thread did, its panic goes on here.
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

impl Project {
    /// Every match of `query` in the project's documents (a one-off search; keep a
    /// [`SearchIndex`] to search again without refolding).
    ///
    /// # Errors
    /// As [`SearchIndex::search`].
    pub fn search(&self, query: &Query) -> Result<Vec<DocumentMatches>, SearchError> {
        SearchIndex::new().search(self, query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Action;
    use crate::search::WordMode;
    use crate::store::NewDocument;

    #[test]
    fn follows_imports_and_redecodes() {
        let mut p = Project::in_memory().unwrap();
        p.add_documents(&[
            NewDocument::from_text("a.txt", "قال مُحَمَّد"),
            NewDocument::from_text("b.txt", "لا شيء"),
        ])
        .unwrap();
        let mut index = SearchIndex::new();
        let q = Query::new("محمد", WordMode::Word);
        let hits = index.search(&p, &q).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(
            (hits[0].rel_path.as_str(), hits[0].matches.clone()),
            ("a.txt", vec![4..12])
        );
        // A new document is picked up.
        p.add_documents(&[NewDocument::from_text("c.txt", "محمد")])
            .unwrap();
        let hits = index.search(&p, &q).unwrap();
        assert_eq!(
            hits.iter().map(|h| h.rel_path.as_str()).collect::<Vec<_>>(),
            ["a.txt", "c.txt"]
        );
        // A re-decoded text is refolded.
        let b = p.document_by_path("b.txt").unwrap().unwrap().0;
        p.apply(&Action::RedecodeDocument {
            document_id: b,
            encoding: "UTF-8".into(),
            text: "ومحمد".into(),
            guessed: false,
        })
        .unwrap();
        let hits = index
            .search(&p, &Query::new("محمد", WordMode::Clitics))
            .unwrap();
        assert_eq!(hits.len(), 3);
        assert_eq!(hits[1].matches, vec![1..5]);
        assert_eq!(index.len(), 3);
    }
}

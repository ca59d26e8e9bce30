//! Importing a folder of `.txt` documents into a project. The folder is only read, never written.
//!
//! Subfolders are walked; hidden files and folders (names starting with `.`) and symbolic links
//! are not, and hidden files, links, unreadable folders and entries are reported as skipped. A
//! document's `rel_path` is its path below the folder with `/` separators; bytes of a name that
//! are not UTF-8 are written `\xHH`, so two such names never collide.
//!
//! Identity is by content: re-importing the same folder adds new files, leaves unchanged ones
//! alone, reports files whose bytes changed since import (their stored text and annotations are
//! kept), follows a file renamed or moved inside the folder (same SHA-256; its document and
//! annotations take the new path), skips a file with the same bytes as another one (imported
//! once, with a notice naming the other), and reports files that are gone. New documents are
//! committed in batches ([`BATCH_FILES`] files or [`BATCH_BYTES`] of text), so an import that is
//! interrupted keeps what it committed and the next one completes it. A project remembers its
//! folder and refuses to import another one.

use super::decode::{DecodeError, MAX_FILE_BYTES, decode, decode_as};
use crate::store::{NewDocument, Project, StoreError};
use encoding_rs::Encoding;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// New documents committed per transaction, at most.
pub const BATCH_FILES: usize = 64;
/// Decoded text committed per transaction, at most (bytes of UTF-8), unless one file is larger.
pub const BATCH_BYTES: usize = 4 * 1024 * 1024;
/// Paths longer than this (bytes) are skipped with a reason; Linux's `PATH_MAX` is 4,096.
pub const MAX_PATH_BYTES: usize = 4096;

/// A file that was not imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Path below the folder, `/`-separated.
    pub rel_path: String,
    /// Why, in words.
    pub reason: String,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Newly imported documents (`rel_path`).
    pub added: Vec<String>,
    /// Already imported with the same bytes.
    pub unchanged: usize,
    /// Already imported, but the file's bytes differ now; the stored text was kept.
    pub changed: Vec<String>,
    /// Documents that followed their file to a new path: (old `rel_path`, new `rel_path`).
    pub renamed: Vec<(String, String)>,
    /// Added documents whose encoding is a low-confidence guess: (`rel_path`, encoding name).
    pub guessed: Vec<(String, String)>,
    /// Files not imported, with reasons.
    pub skipped: Vec<Skipped>,
    /// Documents in the project whose file is no longer in the folder (kept in the project).
    pub missing: Vec<String>,
}

/// How to import.
#[derive(Clone, Copy, Debug, Default)]
pub struct ImportOptions {
    /// Decode every file as this encoding instead of detecting one (a BOM of another encoding
    /// makes the file skipped).
    pub encoding: Option<&'static Encoding>,
}

/// Errors that stop an import as a whole.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The folder cannot be listed.
    #[error("cannot read the folder ({source}): {path}")]
    Folder {
        /// The underlying error.
        source: std::io::Error,
        /// The folder.
        path: PathBuf,
    },
    /// The project was made from another folder.
    #[error(
        "this project was made from another folder ({project_folder}); choose another project file with --project to import: {folder}"
    )]
    OtherFolder {
        /// The folder the project records.
        project_folder: String,
        /// The folder given now.
        folder: PathBuf,
    },
    /// The project file would be inside the folder it imports.
    #[error(
        "the project file would be inside the folder it imports, which Sanad never writes to; choose a project path outside it: {project}"
    )]
    ProjectInsideFolder {
        /// The project path.
        project: PathBuf,
    },
    /// The project could not store the documents; batches committed before stay.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One candidate file: its path below the folder and its bytes (or the error reading them).
pub struct SourceFile {
    /// Path below the folder, `/`-separated.
    pub rel_path: String,
    /// The file's bytes, or why they could not be read.
    pub bytes: Result<Vec<u8>, String>,
}

/// Lists the `.txt` files below `folder` (case-insensitive extension), sorted by path, and the
/// entries passed over with reasons: hidden files, symbolic links, subfolders or entries that
/// cannot be read, paths over [`MAX_PATH_BYTES`], and annotation files (brat `.ann`, `.jsonl`,
/// `.json`, `.tsv`, CoNLL), whose annotations this import does not read.
///
/// # Errors
/// [`ImportError::Folder`] when `folder` itself cannot be read.
pub fn list_text_files(folder: &Path) -> Result<(Vec<PathBuf>, Vec<Skipped>), ImportError> {
    let mut out = Vec::new();
    let mut passed_over = Vec::new();
    let mut stack = vec![folder.to_owned()];
    let mut first = true;
    let skip = |path: &Path, reason: String| Skipped {
        rel_path: rel_path_of(folder, path),
        reason,
    };
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(source) if first => return Err(ImportError::Folder { source, path: dir }),
            Err(e) => {
                passed_over.push(skip(
                    &dir,
                    format!("folder cannot be read ({e}); its files were not imported"),
                ));
                continue;
            }
        };
        first = false;
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    passed_over.push(skip(
                        &dir,
                        format!("an entry of this folder cannot be read ({e})"),
                    ));
                    continue;
                }
            };
            let path = entry.path();
            let hidden = entry.file_name().as_encoded_bytes().starts_with(b".");
            let is_txt = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
            let kind = match entry.file_type() {
                Ok(kind) => kind,
                Err(e) => {
                    if is_txt {
                        passed_over.push(skip(&path, format!("cannot be read ({e})")));
                    }
                    continue;
                }
            };
            let too_long = path.as_os_str().len() > MAX_PATH_BYTES;
            if kind.is_dir() && !hidden && too_long {
                passed_over.push(skip(&path, format!("folder path longer than {MAX_PATH_BYTES} bytes; its files were not imported")));
            } else if kind.is_dir() && !hidden {
                stack.push(path);
            } else if kind.is_dir() {
                passed_over.push(skip(&path, "hidden folder (not read)".into()));
            } else if kind.is_symlink() && path.is_dir() {
                passed_over.push(skip(
                    &path,
                    "symbolic link to a folder (not followed)".into(),
                ));
            } else if is_txt && kind.is_symlink() {
                passed_over.push(skip(&path, "symbolic link (not followed)".into()));
            } else if is_txt && kind.is_file() && hidden {
                passed_over.push(skip(&path, "hidden file".into()));
            } else if is_txt && kind.is_file() && too_long {
                passed_over.push(skip(
                    &path,
                    format!("path longer than {MAX_PATH_BYTES} bytes"),
                ));
            } else if is_txt && kind.is_file() {
                out.push(path);
            } else if is_txt && !kind.is_dir() {
                passed_over.push(skip(
                    &path,
                    "not a regular file (a pipe, socket or device)".into(),
                ));
            } else if kind.is_file()
                && !hidden
                && let Some(what) = annotation_file_kind(&path)
            {
                // Never lose annotations without a word: say they were not read.
                passed_over.push(skip(
                    &path,
                    format!(
                        "{what}: annotation files are not read by this import, only the .txt texts"
                    ),
                ));
            }
        }
    }
    out.sort();
    passed_over.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    Ok((out, passed_over))
}

/// What kind of annotation file `path` looks like by its extension (brat `.ann`/`.conf`,
/// doccano or Sanad `.jsonl`, Label Studio `.json`, WebAnno `.tsv`, CoNLL `.conll`/`.iob`).
fn annotation_file_kind(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "ann" => "brat standoff annotations",
        "conf" if path.file_stem().is_some_and(|s| s == "annotation") => "a brat annotation scheme",
        "jsonl" => "JSON Lines (doccano or Sanad annotations?)",
        "json" => "JSON (Label Studio annotations?)",
        "tsv" => "TSV (WebAnno/INCEpTION annotations?)",
        "conll" | "iob" | "bio" => "CoNLL/IOB annotations",
        _ => return None,
    })
}

/// `path` below `folder`, `/`-separated; bytes that are not UTF-8 are written `\xHH`.
fn rel_path_of(folder: &Path, path: &Path) -> String {
    path.strip_prefix(folder)
        .unwrap_or(path)
        .components()
        .map(|c| escape_name(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/")
}

/// A file name as text: UTF-8 kept, every other byte written `\xHH` (upper-case hex) and a
/// backslash written `\\`, so two different names never give the same text.
pub fn escape_name(name: &std::ffi::OsStr) -> String {
    let mut out = String::new();
    for chunk in name.as_encoded_bytes().utf8_chunks() {
        out.push_str(&chunk.valid().replace('\\', "\\\\"));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// The file a document's `rel_path` names below `folder`: the inverse of [`escape_name`] for
/// each `/`-separated part (`\\` is a backslash, `\xHH` a byte that is not UTF-8).
pub fn source_path(folder: &Path, rel_path: &str) -> PathBuf {
    let mut path = folder.to_owned();
    for part in rel_path.split('/') {
        let b = part.as_bytes();
        let mut bytes = Vec::with_capacity(b.len());
        let mut i = 0;
        let hex = |c: u8| (c as char).to_digit(16);
        while i < b.len() {
            match (b[i], b.get(i + 1), b.get(i + 2), b.get(i + 3)) {
                (b'\\', Some(b'\\'), _, _) => {
                    bytes.push(b'\\');
                    i += 2;
                }
                (b'\\', Some(b'x'), Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                    bytes.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                    i += 4;
                }
                (c, ..) => {
                    bytes.push(c);
                    i += 1;
                }
            }
        }
        #[cfg(unix)]
        path.push(<std::ffi::OsString as std::os::unix::ffi::OsStringExt>::from_vec(bytes));
        #[cfg(not(unix))]
        path.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    path
}

/// `name` safe to print on one line of a terminal or a log: control characters (including line
/// breaks, U+0085, U+2028 and U+2029) and the bidi controls that can reorder what a reader sees
/// and invisible format characters (U+00AD, U+061C, U+180E, U+200B–U+200F, U+202A–U+202E,
/// U+2060–U+206F, U+FEFF, U+FFF9–U+FFFB) and private-use characters are written `\u{…}` (`\n`,
/// `\r`, `\t` for those three); everything else, Arabic included, is kept. Names from
/// [`escape_name`] already have their backslashes doubled, so escapes stay unambiguous.
pub fn printable_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || matches!(c, '\u{AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E000}'..='\u{F8FF}') =>
            {
                out.push_str(&format!("\\u{{{:04X}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// Reads the `.txt` files below `folder` (see [`list_text_files`]).
///
/// # Errors
/// As [`list_text_files`].
pub fn read_folder(folder: &Path) -> Result<(Vec<SourceFile>, Vec<Skipped>), ImportError> {
    let (files, passed_over) = list_text_files(folder)?;
    let files = files
        .into_iter()
        .map(|path| {
            let bytes = match std::fs::metadata(&path) {
                Ok(m) if m.len() as usize > MAX_FILE_BYTES => {
                    Err(DecodeError::TooLarge(m.len() as usize).to_string())
                }
                _ => std::fs::read(&path).map_err(|e| format!("cannot read ({e})")),
            };
            SourceFile {
                rel_path: rel_path_of(folder, &path),
                bytes,
            }
        })
        .collect();
    Ok((files, passed_over))
}

pub use crate::model::sha256_hex;

/// A readable file with the hash of its bytes.
struct Candidate {
    rel_path: String,
    bytes: Vec<u8>,
    sha: String,
}

/// Which stored documents follow their bytes to another path: (document, old path, new path).
/// A document follows when the bytes it was imported from now stand at another path and no
/// longer at its own (renamed, moved, swapped with another file, or renamed and replaced by a
/// new file), and the new path is free or is being left by the document that had it.
fn plan_renames(
    stored: &[(i64, String, String)],
    candidates: &[Candidate],
) -> Vec<(i64, String, String)> {
    let file_sha: HashMap<&str, &str> = candidates
        .iter()
        .map(|c| (c.rel_path.as_str(), c.sha.as_str()))
        .collect();
    let by_path: HashMap<&str, i64> = stored.iter().map(|(id, p, _)| (p.as_str(), *id)).collect();
    let stored_sha: HashMap<i64, &str> = stored
        .iter()
        .map(|(id, _, sha)| (*id, sha.as_str()))
        .collect();
    let mut claimed: HashSet<i64> = stored
        .iter()
        .filter(|(_, p, sha)| file_sha.get(p.as_str()) == Some(&sha.as_str()))
        .map(|(id, _, _)| *id)
        .collect();
    let mut renames = Vec::new();
    for c in candidates {
        if by_path
            .get(c.rel_path.as_str())
            .is_some_and(|id| stored_sha.get(id) == Some(&c.sha.as_str()))
        {
            continue; // unchanged where it is
        }
        if let Some((id, old, _)) = stored
            .iter()
            .find(|(id, _, sha)| *sha == c.sha && !claimed.contains(id))
        {
            claimed.insert(*id);
            renames.push((*id, old.clone(), c.rel_path.clone()));
        }
    }
    // A target must be free, or left by its document in this same plan.
    loop {
        let moving: HashSet<i64> = renames.iter().map(|(id, _, _)| *id).collect();
        let before = renames.len();
        renames.retain(|(id, _, target)| {
            by_path
                .get(target.as_str())
                .is_none_or(|holder| holder == id || moving.contains(holder))
        });
        if renames.len() == before {
            return renames;
        }
    }
}

/// Imports `files` into `project` and reports what happened (see the module docs). `progress` is
/// called with (files done, files in all) as files are decoded.
///
/// # Errors
/// [`ImportError::Store`] when the project cannot store them; the batches committed before stay.
pub fn import_files(
    project: &mut Project,
    files: Vec<SourceFile>,
    options: &ImportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport::default();
    let total = files.len();
    let present: HashSet<String> = files.iter().map(|f| f.rel_path.clone()).collect();
    let mut candidates = Vec::with_capacity(files.len());
    let mut names = HashSet::new();
    for file in files {
        if !names.insert(file.rel_path.clone()) {
            report.skipped.push(Skipped {
                reason: "another file has the same name once written as text".into(),
                rel_path: file.rel_path,
            });
            continue;
        }
        match file.bytes {
            Ok(bytes) => candidates.push(Candidate {
                sha: sha256_hex(&bytes),
                rel_path: file.rel_path,
                bytes,
            }),
            Err(reason) => report.skipped.push(Skipped {
                rel_path: file.rel_path,
                reason,
            }),
        }
    }

    // Documents follow their bytes first, all in one transaction.
    let stored = project.document_index()?;
    let mut renames = plan_renames(&stored, &candidates);
    if !renames.is_empty() {
        let moves: Vec<(i64, String)> = renames
            .iter()
            .map(|(id, _, new)| (*id, new.clone()))
            .collect();
        let moved = project.rename_documents(&moves)?;
        let mut moved = moved.into_iter();
        renames.retain(|_| moved.next().unwrap_or(false));
    }
    let renamed_ids: HashSet<i64> = renames.iter().map(|(id, _, _)| *id).collect();
    let new_path: HashMap<i64, &str> = renames.iter().map(|(id, _, p)| (*id, p.as_str())).collect();
    let stored: Vec<(i64, String, String)> = stored
        .into_iter()
        .map(|(id, p, sha)| (id, new_path.get(&id).map_or(p, |n| (*n).to_owned()), sha))
        .collect();
    let by_path: HashMap<&str, (i64, &str)> = stored
        .iter()
        .map(|(id, p, sha)| (p.as_str(), (*id, sha.as_str())))
        .collect();
    report.renamed = renames
        .into_iter()
        .map(|(_, old, new)| (old, new))
        .collect();

    let mut seen: HashMap<String, String> = HashMap::new(); // sha256 -> first path this run
    let mut batch: Vec<NewDocument> = Vec::new();
    let mut batch_bytes = 0usize;
    for (i, c) in candidates.into_iter().enumerate() {
        progress(i, total);
        if let Some(&(id, sha)) = by_path.get(c.rel_path.as_str()) {
            seen.entry(c.sha.clone()).or_insert(c.rel_path.clone());
            if sha != c.sha {
                report.changed.push(c.rel_path);
            } else if !renamed_ids.contains(&id) {
                report.unchanged += 1;
            }
            continue;
        }
        let holder = seen.get(&c.sha).cloned().or_else(|| {
            stored
                .iter()
                .find(|(_, _, sha)| *sha == c.sha)
                .map(|(_, p, _)| p.clone())
        });
        if let Some(first) = holder {
            report.skipped.push(Skipped {
                reason: format!("same content as {first} (byte-identical; imported once)"),
                rel_path: c.rel_path,
            });
            continue;
        }
        let decoded = match options.encoding {
            Some(encoding) => decode_as(&c.bytes, encoding),
            None => decode(&c.bytes),
        };
        match decoded {
            Ok(decoded) => {
                seen.insert(c.sha.clone(), c.rel_path.clone());
                batch_bytes += decoded.text.len();
                batch.push(NewDocument {
                    name: c
                        .rel_path
                        .rsplit('/')
                        .next()
                        .unwrap_or(&c.rel_path)
                        .to_owned(),
                    rel_path: c.rel_path,
                    text: decoded.text,
                    sha256: c.sha,
                    encoding: decoded.encoding.to_owned(),
                    byte_len: c.bytes.len(),
                    bom: decoded.bom,
                    encoding_guessed: decoded.guessed,
                });
                if batch.len() >= BATCH_FILES || batch_bytes >= BATCH_BYTES {
                    commit_batch(project, &mut batch, &mut report)?;
                    batch_bytes = 0;
                }
            }
            Err(e) => report.skipped.push(Skipped {
                rel_path: c.rel_path,
                reason: e.to_string(),
            }),
        }
    }
    commit_batch(project, &mut batch, &mut report)?;
    progress(total, total);
    report.missing = stored
        .into_iter()
        .map(|(_, p, _)| p)
        .filter(|p| !present.contains(p))
        .collect();
    report.missing.sort();
    Ok(report)
}

/// Adds `batch` in one transaction and empties it; a document another import of the same folder
/// added meanwhile is reported as skipped, the rest as added (and guessed, where so).
fn commit_batch(
    project: &mut Project,
    batch: &mut Vec<NewDocument>,
    report: &mut ImportReport,
) -> Result<(), StoreError> {
    let ids = project.add_documents_each(batch)?;
    for (doc, id) in batch.drain(..).zip(ids) {
        if id.is_none() {
            report.skipped.push(Skipped {
                rel_path: doc.rel_path,
                reason: "imported meanwhile by another import of this folder".into(),
            });
            continue;
        }
        if doc.encoding_guessed {
            report
                .guessed
                .push((doc.rel_path.clone(), doc.encoding.clone()));
        }
        report.added.push(doc.rel_path);
    }
    Ok(())
}

/// Reads `folder` and imports it into `project` with default options; records the folder in
/// the project's metadata first.
///
/// # Errors
/// As [`import_folder_with`].
pub fn import_folder(
    project: &mut Project,
    folder: &Path,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, ImportError> {
    import_folder_with(project, folder, &ImportOptions::default(), progress)
}

/// Reads `folder` and imports it into `project`; records the folder in the project's metadata
/// (before the first document, so an interrupted first import is completed by the next one).
///
/// # Errors
/// [`ImportError::ProjectInsideFolder`], [`ImportError::OtherFolder`], and as [`read_folder`]
/// and [`import_files`].
pub fn import_folder_with(
    project: &mut Project,
    folder: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, ImportError> {
    let canonical = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_owned());
    if is_inside(project.path(), &canonical) {
        return Err(ImportError::ProjectInsideFolder {
            project: project.path().to_owned(),
        });
    }
    let shown = canonical.display().to_string();
    match project.meta("source_folder")? {
        Some(recorded) if recorded != shown => {
            return Err(ImportError::OtherFolder {
                project_folder: recorded,
                folder: folder.to_owned(),
            });
        }
        Some(_) => {}
        None => project.set_meta("source_folder", &shown)?,
    }
    let (files, passed_over) = read_folder(folder)?;
    let mut report = import_files(project, files, options, progress)?;
    report.skipped.extend(passed_over);
    report.skipped.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    Ok(report)
}

/// Is `path` (a file that may not exist yet) inside `folder` (canonical)?
pub fn is_inside(path: &Path, folder: &Path) -> bool {
    if path == Path::new(":memory:") {
        return false;
    }
    let Some(parent) = path.parent() else {
        return false;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    std::fs::canonicalize(parent).is_ok_and(|p| p.starts_with(folder))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reimport_adds_new_reports_changed_and_skips_bad() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("corpus");
        std::fs::create_dir_all(src.join("sub")).unwrap();
        std::fs::write(src.join("a.txt"), "أطلق الدفاع").unwrap();
        std::fs::write(src.join("empty.txt"), "").unwrap();
        std::fs::write(src.join("sub/b.TXT"), "b").unwrap();
        std::fs::write(src.join("notes.md"), "ignored").unwrap();
        let mut p = Project::in_memory().unwrap();
        let r = import_folder(&mut p, &src, &mut |_, _| {}).unwrap();
        assert_eq!(r.added, vec!["a.txt", "sub/b.TXT"]);
        assert_eq!(
            r.skipped,
            vec![Skipped {
                rel_path: "empty.txt".into(),
                reason: "empty file".into()
            }]
        );
        std::fs::write(src.join("a.txt"), "أطلق الدفاع المدني").unwrap();
        std::fs::write(src.join("c.txt"), "c").unwrap();
        let r = import_folder(&mut p, &src, &mut |_, _| {}).unwrap();
        assert_eq!(r.added, vec!["c.txt"]);
        assert_eq!(r.changed, vec!["a.txt"]);
        assert_eq!(r.unchanged, 1);
        let id = p.document_by_path("a.txt").unwrap().unwrap().0;
        assert_eq!(
            p.document(id).unwrap().text,
            "أطلق الدفاع",
            "a changed file's stored text is kept"
        );
        std::fs::remove_file(src.join("c.txt")).unwrap();
        std::fs::write(src.join(".hidden.txt"), "h").unwrap();
        let r = import_folder(&mut p, &src, &mut |_, _| {}).unwrap();
        assert_eq!(r.missing, vec!["c.txt"]);
        assert!(
            r.skipped
                .iter()
                .any(|s| s.rel_path == ".hidden.txt" && s.reason == "hidden file")
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(src.join("a.txt"), src.join("link.txt")).unwrap();
            let r = import_folder(&mut p, &src, &mut |_, _| {}).unwrap();
            assert!(
                r.skipped
                    .iter()
                    .any(|s| s.rel_path == "link.txt" && s.reason.contains("symbolic link"))
            );
        }
        let other = dir.path().join("other");
        std::fs::create_dir(&other).unwrap();
        assert!(matches!(
            import_folder(&mut p, &other, &mut |_, _| {}),
            Err(ImportError::OtherFolder { .. })
        ));
    }
}

#[cfg(all(test, unix))]
mod name_tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn escaped_names_lead_back_to_their_files() {
        let folder = Path::new("/corpus");
        for raw in [
            &b"bad\xff.txt"[..],
            b"bad\\xFF.txt",
            b"a\\b.txt",
            "سجن.txt".as_bytes(),
        ] {
            let name = std::ffi::OsStr::from_bytes(raw);
            let escaped = escape_name(name);
            assert_eq!(
                source_path(folder, &format!("sub/{escaped}")),
                folder.join("sub").join(name),
                "{escaped}"
            );
        }
        assert_ne!(
            escape_name(std::ffi::OsStr::from_bytes(b"bad\xff.txt")),
            escape_name(std::ffi::OsStr::from_bytes(b"bad\\xFF.txt"))
        );
    }

    #[test]
    fn printed_names_show_every_invisible_character() {
        assert_eq!(printable_name("a\u{200B}.txt"), "a\\u{200B}.txt");
        assert_eq!(printable_name("x\ny\u{202E}"), "x\\ny\\u{202E}");
        assert_eq!(
            printable_name("a\u{FEFF}\u{AD}\u{E000}"),
            "a\\u{FEFF}\\u{00AD}\\u{E000}"
        );
        assert_eq!(printable_name("سجن صيدنايا.txt"), "سجن صيدنايا.txt");
        // Backslashes are left as they are: escape_name already doubled them in rel_paths.
        assert_eq!(printable_name("a\\\\n.txt"), "a\\\\n.txt");
    }
}

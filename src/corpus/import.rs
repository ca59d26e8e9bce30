//! Importing a folder of `.txt` documents into a project. The folder is only read, never written.
//!
//! Subfolders are walked; hidden files and folders (names starting with `.`) and symbolic links
//! are not, and hidden files and links are reported as skipped. A document's `rel_path` is its
//! path below the folder with `/` separators. Re-importing the same folder adds new files, leaves
//! unchanged ones alone, and reports files whose bytes changed since import (their stored text
//! and annotations are kept as they are) and files that are gone. A project remembers its
//! folder and refuses to import another one.

use super::decode::{DecodeError, MAX_FILE_BYTES, decode};
use crate::store::{NewDocument, Project, StoreError};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

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
    /// Files not imported, with reasons.
    pub skipped: Vec<Skipped>,
    /// Documents in the project whose file is no longer in the folder (kept in the project).
    pub missing: Vec<String>,
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
    /// The project could not store the documents; nothing was added.
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
/// `.txt` entries passed over (hidden files, symbolic links) with reasons.
///
/// # Errors
/// [`ImportError::Folder`] when `folder` itself cannot be read; unreadable subfolders are skipped.
pub fn list_text_files(folder: &Path) -> Result<(Vec<PathBuf>, Vec<Skipped>), ImportError> {
    let mut out = Vec::new();
    let mut passed_over = Vec::new();
    let mut stack = vec![folder.to_owned()];
    let mut first = true;
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(source) if first => return Err(ImportError::Folder { source, path: dir }),
            Err(_) => continue,
        };
        first = false;
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let is_txt = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
            if kind.is_dir() && !hidden {
                stack.push(path);
            } else if is_txt && kind.is_symlink() {
                passed_over.push(Skipped {
                    rel_path: rel_path_of(folder, &path),
                    reason: "symbolic link (not followed)".into(),
                });
            } else if is_txt && kind.is_file() && hidden {
                passed_over.push(Skipped {
                    rel_path: rel_path_of(folder, &path),
                    reason: "hidden file".into(),
                });
            } else if is_txt && kind.is_file() {
                out.push(path);
            }
        }
    }
    out.sort();
    passed_over.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    Ok((out, passed_over))
}

fn rel_path_of(folder: &Path, path: &Path) -> String {
    path.strip_prefix(folder)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
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

/// SHA-256 of `bytes` as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Imports `files` into `project` in one transaction and reports what happened. `progress` is
/// called with (files done, files in all) as files are decoded.
///
/// # Errors
/// [`ImportError::Store`] when the project cannot store them; nothing is added then.
pub fn import_files(
    project: &mut Project,
    files: Vec<SourceFile>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport::default();
    let mut new_docs = Vec::new();
    let total = files.len();
    let present: std::collections::HashSet<String> =
        files.iter().map(|f| f.rel_path.clone()).collect();
    report.missing = project
        .document_summaries()?
        .into_iter()
        .map(|d| d.rel_path)
        .filter(|p| !present.contains(p))
        .collect();
    for (i, file) in files.into_iter().enumerate() {
        progress(i, total);
        let bytes = match file.bytes {
            Ok(b) => b,
            Err(reason) => {
                report.skipped.push(Skipped {
                    rel_path: file.rel_path,
                    reason,
                });
                continue;
            }
        };
        let sha = sha256_hex(&bytes);
        if let Some((_, stored)) = project.document_by_path(&file.rel_path)? {
            if stored == sha {
                report.unchanged += 1;
            } else {
                report.changed.push(file.rel_path);
            }
            continue;
        }
        match decode(&bytes) {
            Ok(decoded) => {
                let name = file
                    .rel_path
                    .rsplit('/')
                    .next()
                    .unwrap_or(&file.rel_path)
                    .to_owned();
                report.added.push(file.rel_path.clone());
                new_docs.push(NewDocument {
                    name,
                    rel_path: file.rel_path,
                    text: decoded.text,
                    sha256: sha,
                    encoding: decoded.encoding.to_owned(),
                    byte_len: bytes.len(),
                });
            }
            Err(e) => report.skipped.push(Skipped {
                rel_path: file.rel_path,
                reason: e.to_string(),
            }),
        }
    }
    progress(total, total);
    project.add_documents(&new_docs)?;
    Ok(report)
}

/// Reads `folder` and imports it into `project`; records the folder in the project's metadata.
///
/// # Errors
/// As [`read_folder`] and [`import_files`].
pub fn import_folder(
    project: &mut Project,
    folder: &Path,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, ImportError> {
    let shown = std::fs::canonicalize(folder)
        .unwrap_or_else(|_| folder.to_owned())
        .display()
        .to_string();
    if let Some(recorded) = project.meta("source_folder")?
        && recorded != shown
    {
        return Err(ImportError::OtherFolder {
            project_folder: recorded,
            folder: folder.to_owned(),
        });
    }
    let (files, passed_over) = read_folder(folder)?;
    let mut report = import_files(project, files, progress)?;
    report.skipped.extend(passed_over);
    report.skipped.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    project.set_meta("source_folder", &shown)?;
    Ok(report)
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

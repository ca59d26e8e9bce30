//! Writing an export folder all or nothing by relative paths (the Hugging Face export): the files
//! go into a new hidden folder beside the target, which is renamed into place once every file
//! is written and synced ([`super::file::write_folder_atomically`]).

use super::jsonl::ExportError;
use std::path::{Path, PathBuf};

/// The file that marks a folder as written by a Sanad export, so that a later export may replace
/// it (a folder without it is never deleted).
pub const MARKER: &str = super::file::FOLDER_MARKER;

/// A folder being filled: files are written below it by relative path.
pub struct FolderWriter {
    root: PathBuf,
}

impl FolderWriter {
    /// The (temporary) folder being filled.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Writes `bytes` to `rel` (a `/`-separated path below the folder; its folders are made),
    /// a new file (synced with the rest of the folder before it is renamed into place).
    ///
    /// # Errors
    /// I/O errors.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        std::io::Write::write_all(&mut file, bytes)
    }
}

/// Writes the folder `path` through a new temporary folder beside it that `fill` fills, then
/// renames it into place: [`super::file::write_folder_atomically`] (the one implementation of
/// atomic folder writing), with `fill` given a [`FolderWriter`]. An existing `path` is replaced
/// only when it is an empty folder or one an earlier export wrote (it holds [`MARKER`]);
/// anything else there is refused, as is the project file itself. On failure the temporary
/// folder is removed and `path` is untouched.
///
/// # Errors
/// [`ExportError::FolderNotOurs`] for a folder an export did not write,
/// [`ExportError::NotAFile`] for a file at `path`, [`ExportError::OverProject`], I/O errors, and
/// whatever `fill` returns.
pub fn write_folder_atomically<T>(
    path: &Path,
    project: &Path,
    fill: impl FnOnce(&FolderWriter) -> Result<T, ExportError>,
) -> Result<T, ExportError> {
    super::file::write_folder_atomically(path, project, |root| {
        fill(&FolderWriter {
            root: root.to_path_buf(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_written_whole_replaced_only_when_ours_and_never_half() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.sanad");
        std::fs::write(&project, b"SQLite format 3\0").unwrap();
        let out = dir.path().join("hf");
        write_folder_atomically(&out, &project, |w| Ok(w.write("a/b.txt", b"one")?)).unwrap();
        assert_eq!(std::fs::read(out.join("a/b.txt")).unwrap(), b"one");
        // Again over our own folder: replaced, the old file gone.
        write_folder_atomically(&out, &project, |w| Ok(w.write("c.txt", b"two")?)).unwrap();
        assert!(!out.join("a/b.txt").exists());
        assert_eq!(std::fs::read(out.join("c.txt")).unwrap(), b"two");
        // A failing fill leaves the last export as it was and no temporary folder behind.
        let failed = write_folder_atomically(&out, &project, |w| {
            w.write("d.txt", b"half")?;
            Err::<(), _>(ExportError::Io(std::io::Error::other("stop")))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(out.join("c.txt")).unwrap(), b"two");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        // Someone's own folder is never replaced; nor is a file or the project.
        let mine = dir.path().join("mine");
        std::fs::create_dir(&mine).unwrap();
        std::fs::write(mine.join("notes.txt"), b"keep").unwrap();
        assert!(matches!(
            write_folder_atomically(&mine, &project, |_| Ok(())),
            Err(ExportError::FolderNotOurs(_))
        ));
        assert_eq!(std::fs::read(mine.join("notes.txt")).unwrap(), b"keep");
        assert!(write_folder_atomically(&project, &project, |_| Ok(())).is_err());
    }
}

//! Writing an export folder all or nothing: the files go into a new hidden folder beside the
//! target, which is renamed into place once every file is written and synced.

use super::jsonl::ExportError;
use std::path::{Path, PathBuf};

/// The file that marks a folder as written by a Sanad export, so that a later export may replace
/// it (a folder without it is never deleted).
pub const MARKER: &str = ".sanad-export";

/// A folder being filled: files are written below it by relative path.
pub struct FolderWriter {
    root: PathBuf,
}

impl FolderWriter {
    /// Writes `bytes` to `rel` (a `/`-separated path below the folder; its folders are made).
    ///
    /// # Errors
    /// I/O errors.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        let mut w = std::io::BufWriter::new(file);
        std::io::Write::write_all(&mut w, bytes)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()
    }
}

/// Makes a new folder named like `name` in `dir` that no one else has made (fails rather than
/// reuse one).
fn create_temp_dir(dir: &Path, name: &str, what: &str) -> std::io::Result<PathBuf> {
    let stem: String = name.chars().take(60).collect();
    for n in 0..1000u32 {
        let tmp = dir.join(format!(".{stem}.{what}-{}-{n}", std::process::id()));
        match std::fs::create_dir(&tmp) {
            Ok(()) => return Ok(tmp),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "no free temporary folder name",
    ))
}

/// Writes the folder `path` through a new temporary folder beside it that `fill` fills, then
/// renames it into place. An existing `path` is replaced only when it is an empty folder or one
/// an earlier export wrote (it holds [`MARKER`]); anything else there is refused, as is the
/// project file itself. On failure the temporary folder is removed and `path` is untouched.
///
/// # Errors
/// [`ExportError::NotAFile`] when `path` is something else than a replaceable folder,
/// [`ExportError::OverProject`], I/O errors, and whatever `fill` returns.
pub fn write_folder_atomically<T>(
    path: &Path,
    project: &Path,
    fill: impl FnOnce(&FolderWriter) -> Result<T, ExportError>,
) -> Result<T, ExportError> {
    let (dir, name) = crate::store::files::folder_and_name(path)?;
    let target = dir.join(&name);
    if let (Ok(a), Ok(b)) = (
        std::fs::canonicalize(&target),
        std::fs::canonicalize(project),
    ) && a == b
    {
        return Err(ExportError::OverProject(path.to_owned()));
    }
    let replace = match std::fs::symlink_metadata(&target) {
        Err(_) => false,
        Ok(m) if m.is_dir() => {
            let empty = std::fs::read_dir(&target)?.next().is_none();
            if !empty && !target.join(MARKER).is_file() {
                return Err(ExportError::NotAFile(path.to_owned()));
            }
            true
        }
        Ok(_) => return Err(ExportError::NotAFile(path.to_owned())),
    };
    let tmp = create_temp_dir(&dir, &name, "partial")?;
    let result = (|| {
        let writer = FolderWriter { root: tmp.clone() };
        let value = fill(&writer)?;
        writer.write(
            MARKER,
            b"written by sanad export; a later export may replace this folder\n",
        )?;
        for d in walk_dirs(&tmp)? {
            crate::store::project::sync_dir(&d);
        }
        if replace {
            // Move the old folder aside first: a folder cannot be renamed over a full one.
            let old = create_temp_dir(&dir, &name, "old")?;
            std::fs::remove_dir(&old)?;
            std::fs::rename(&target, &old)?;
            if let Err(e) = std::fs::rename(&tmp, &target) {
                let _ = std::fs::rename(&old, &target);
                return Err(e.into());
            }
            let _ = std::fs::remove_dir_all(&old);
        } else {
            std::fs::rename(&tmp, &target)?;
        }
        crate::store::project::sync_dir(&dir);
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

/// `root` and every folder below it.
fn walk_dirs(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = vec![root.to_owned()];
    let mut i = 0;
    while i < out.len() {
        for e in std::fs::read_dir(&out[i])? {
            let e = e?;
            if e.file_type()?.is_dir() {
                out.push(e.path());
            }
        }
        i += 1;
    }
    Ok(out)
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
            Err(ExportError::NotAFile(_))
        ));
        assert_eq!(std::fs::read(mine.join("notes.txt")).unwrap(), b"keep");
        assert!(write_folder_atomically(&project, &project, |_| Ok(())).is_err());
    }
}

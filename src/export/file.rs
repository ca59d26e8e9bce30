//! Writing an export file safely: never over a project, all or nothing.

use super::jsonl::ExportError;
use std::path::{Path, PathBuf};

/// `path` made absolute through its folder (which must exist), so that `./p.sanad` and
/// `/x/p.sanad` compare equal even when the file does not exist yet.
fn canonical(path: &Path) -> Option<PathBuf> {
    let parent = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::canonicalize(parent)
        .ok()
        .map(|d| d.join(path.file_name().unwrap_or_default()))
}

/// Refuses an export target that is the open project, a name SQLite would take for a database's
/// companion (`X-journal`, `X-wal`, `X-shm`: opening `X` would play it back or delete it), an
/// existing SQLite database (another project, most likely), or an existing file that is not a
/// regular file (a device, a FIFO, a folder). The target's folder must exist.
///
/// # Errors
/// [`ExportError::OverProject`], [`ExportError::OverDatabase`], [`ExportError::NotAFile`], or
/// [`ExportError::Io`] when the folder does not exist.
pub fn check_output(out: &Path, project: &Path) -> Result<(), ExportError> {
    crate::store::files::folder_and_name(out)?;
    if let (Some(o), Some(p)) = (canonical(out), canonical(project))
        && o == p
    {
        return Err(ExportError::OverProject(out.to_owned()));
    }
    if crate::store::files::is_companion_name(out) {
        return Err(ExportError::OverProject(out.to_owned()));
    }
    match std::fs::metadata(out) {
        Ok(m) if !m.is_file() => return Err(ExportError::NotAFile(out.to_owned())),
        Ok(_) => {
            let mut header = [0u8; 16];
            let is_db = std::fs::File::open(out)
                .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header))
                .is_ok()
                && &header == b"SQLite format 3\0";
            if is_db {
                return Err(ExportError::OverDatabase(out.to_owned()));
            }
        }
        Err(_) => {}
    }
    Ok(())
}

/// Writes `path` through a new temporary file in the same folder (created with `O_EXCL`, so a
/// link planted there is never followed) that `write` fills, which is then synced and renamed
/// over `path` (and the folder synced), so a failed export never leaves a half-written file.
/// Refuses targets as [`check_output`] does for `project`.
///
/// # Errors
/// [`check_output`]'s errors, I/O errors, and whatever `write` returns.
pub fn write_atomically<T>(
    path: &Path,
    project: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> Result<T, ExportError>,
) -> Result<T, ExportError> {
    check_output(path, project)?;
    let (dir, name) = crate::store::files::folder_and_name(path)?;
    let (tmp, file) = crate::store::files::create_temp(&dir, &name)?;
    let result = (|| {
        let mut writer = std::io::BufWriter::new(file);
        let value = write(&mut writer)?;
        let file = writer.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, dir.join(&name))?;
        crate::store::project::sync_dir(&dir);
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The name of the marker file every exported folder holds, so a later export may replace the
/// folder (and only such a folder) without asking.
pub const FOLDER_MARKER: &str = ".sanad-export";

/// Writes the folder `path` through a new temporary folder beside it that `write` fills (given
/// its path), which is then synced and renamed into place, so a failed export never leaves a
/// half-written folder. An existing target is replaced only when it is empty or was written by
/// an earlier Sanad export (it holds [`FOLDER_MARKER`]); it is moved aside, the new folder
/// renamed in, and the old one removed. Refuses the project's own path as [`check_output`] does.
///
/// # Errors
/// [`ExportError::OverProject`], [`ExportError::FolderNotOurs`], [`ExportError::NotAFile`] (a
/// file stands at `path`), I/O errors, and whatever `write` returns.
pub fn write_folder_atomically<T>(
    path: &Path,
    project: &Path,
    write: impl FnOnce(&Path) -> Result<T, ExportError>,
) -> Result<T, ExportError> {
    let (dir, name) = crate::store::files::folder_and_name(path)?;
    if let (Some(o), Some(p)) = (canonical(path), canonical(project))
        && o == p
    {
        return Err(ExportError::OverProject(path.to_owned()));
    }
    let target = dir.join(&name);
    let existing = match std::fs::symlink_metadata(&target) {
        Ok(m) if m.is_dir() => {
            let mut entries = std::fs::read_dir(&target)?;
            let empty = entries.next().is_none();
            if !empty && !target.join(FOLDER_MARKER).is_file() {
                return Err(ExportError::FolderNotOurs(path.to_owned()));
            }
            true
        }
        Ok(_) => return Err(ExportError::NotAFile(path.to_owned())),
        Err(_) => false,
    };
    // A temporary file reserves a unique name; the folder takes a name derived from it.
    let (reserve, file) = crate::store::files::create_temp(&dir, &name)?;
    drop(file);
    let tmp = reserve.with_extension("dir");
    let result = (|| {
        std::fs::create_dir(&tmp)?;
        std::fs::write(
            tmp.join(FOLDER_MARKER),
            b"Written by a Sanad export; a later export to this folder replaces it whole.\n",
        )?;
        let value = write(&tmp)?;
        sync_tree(&tmp)?;
        if existing {
            let aside = reserve.with_extension("old");
            std::fs::rename(&target, &aside)?;
            if let Err(e) = std::fs::rename(&tmp, &target) {
                let _ = std::fs::rename(&aside, &target);
                return Err(e.into());
            }
            let _ = std::fs::remove_dir_all(&aside);
        } else {
            std::fs::rename(&tmp, &target)?;
        }
        crate::store::project::sync_dir(&dir);
        Ok(value)
    })();
    let _ = std::fs::remove_file(&reserve);
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

/// Makes everything below `dir` (files and folders) durable before the folder is renamed into
/// place.
///
/// # Errors
/// I/O errors of the sync (or, without `syncfs`, of walking the folder).
fn sync_tree(dir: &Path) -> std::io::Result<()> {
    // On Linux one syncfs(2) flushes the whole file system the folder is on, files and folders
    // alike, and waits for it: one journal commit for thousands of files, where a sync per file
    // costs one commit each (brat's 2,001 files took 6.5 s that way on a busy disk). Errors are
    // reported since Linux 5.8.
    #[cfg(target_os = "linux")]
    {
        rustix::fs::syncfs(&std::fs::File::open(dir)?)?;
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    sync_each(dir)
}

/// [`sync_tree`] where there is no `syncfs`: every file below `dir` from 64 threads at once
/// (each sync mostly waits for a journal commit, and concurrent syncs share one), then the
/// folders, deepest first.
#[cfg(not(target_os = "linux"))]
fn sync_each(dir: &Path) -> std::io::Result<()> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    let mut i = 0;
    while i < dirs.len() {
        for entry in std::fs::read_dir(&dirs[i])? {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                dirs.push(entry.path());
            } else if kind.is_file() {
                files.push(entry.path());
            }
        }
        i += 1;
    }
    let chunk = files.len().div_ceil(64).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || -> std::io::Result<()> {
                    for f in part {
                        std::fs::File::open(f)?.sync_all()?;
                    }
                    Ok(())
                })
            })
            .collect();
        for h in handles {
            h.join()
                .unwrap_or_else(|_| Err(std::io::Error::other("a sync thread panicked")))?;
        }
        Ok::<(), std::io::Error>(())
    })?;
    for d in dirs.iter().rev() {
        crate::store::project::sync_dir(d);
    }
    Ok(())
}

/// Output paths for documents inside an exported folder: each document's path below its
/// imported folder (`reports/a.txt`), made safe (no absolute paths, no `..`, no control chars
/// or characters Windows refuses) and unique (` (2)` added when two documents would share a
/// name; names compared ignoring case, as on macOS and Windows).
#[derive(Debug, Default)]
pub struct OutputNames {
    taken: std::collections::HashSet<String>,
}

impl OutputNames {
    /// The path (`/`-separated, relative) for a document at `rel_path`, its extension (such as
    /// `.txt`) replaced by `ext` (given with its dot).
    pub fn name(&mut self, rel_path: &str, ext: &str) -> String {
        let parts: Vec<String> = rel_path
            .split(['/', '\\'])
            .filter(|p| !p.is_empty() && *p != "." && *p != "..")
            .map(|p| {
                p.chars()
                    .map(|c| {
                        if c.is_control() || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                            '_'
                        } else {
                            c
                        }
                    })
                    .collect::<String>()
            })
            .map(|p| {
                if p.starts_with('.') {
                    format!("_{p}")
                } else {
                    p
                }
            })
            .collect();
        let mut joined = if parts.is_empty() {
            "document".to_owned()
        } else {
            parts.join("/")
        };
        if let Some(dot) = joined.rfind('.')
            && !joined[dot..].contains('/')
            && dot > joined.rfind('/').map_or(0, |s| s + 1)
            && joined[dot + 1..].eq_ignore_ascii_case("txt")
        {
            joined.truncate(dot);
        }
        let mut candidate = format!("{joined}{ext}");
        let mut n = 2;
        while !self.taken.insert(candidate.to_lowercase()) {
            candidate = format!("{joined} ({n}){ext}");
            n += 1;
        }
        candidate
    }
}

/// Writes `content` at `rel` (a path from [`OutputNames`]) below `root`, making folders.
///
/// # Errors
/// I/O errors.
pub fn write_below(root: &Path, rel: &str, content: &[u8]) -> std::io::Result<()> {
    let path = rel.split('/').fold(root.to_path_buf(), |p, c| p.join(c));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_project_its_companions_and_other_databases_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.sanad");
        std::fs::write(&project, b"SQLite format 3\0rest of a header").unwrap();
        let other = dir.path().join("other.sanad");
        std::fs::write(&other, b"SQLite format 3\0another").unwrap();
        for target in [
            project.clone(),
            dir.path().join("p.sanad-journal"),
            other.clone(),
        ] {
            assert!(
                check_output(&target, &project).is_err(),
                "{}",
                target.display()
            );
        }
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let same_by_another_name = check_output(&dir.path().join("sub/../p.sanad"), &project);
        assert!(matches!(
            same_by_another_name,
            Err(ExportError::OverProject(_))
        ));
        let text = dir.path().join("old.jsonl");
        std::fs::write(&text, b"{}\n").unwrap();
        assert!(
            check_output(&text, &project).is_ok(),
            "a text file may be replaced"
        );
        assert!(check_output(&dir.path().join("new.jsonl"), &project).is_ok());
        #[cfg(unix)]
        assert!(matches!(
            check_output(Path::new("/dev/null"), &project),
            Err(ExportError::NotAFile(_))
        ));
    }

    #[test]
    fn output_names_are_safe_and_unique() {
        let mut n = OutputNames::default();
        assert_eq!(n.name("reports/a.txt", ".ann"), "reports/a.ann");
        assert_eq!(n.name("reports/A.TXT", ".ann"), "reports/A (2).ann");
        assert_eq!(n.name("../../etc/x.jsonl#3", ".tsv"), "etc/x.jsonl#3.tsv");
        assert_eq!(n.name("/.hidden", ".txt"), "_.hidden.txt");
        assert_eq!(n.name("", ".txt"), "document.txt");
    }

    #[test]
    fn a_folder_export_replaces_only_an_earlier_export() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.sanad");
        let out = dir.path().join("out");
        write_folder_atomically(&out, &project, |d| Ok(std::fs::write(d.join("a"), b"1")?))
            .unwrap();
        write_folder_atomically(&out, &project, |d| Ok(std::fs::write(d.join("b"), b"2")?))
            .unwrap();
        assert!(!out.join("a").exists() && out.join("b").exists());
        // A failed export leaves the earlier one as it was, and no temporary folder.
        let failed = write_folder_atomically(&out, &project, |d| {
            std::fs::write(d.join("c"), b"3")?;
            Err::<(), _>(ExportError::Io(std::io::Error::other("stop")))
        });
        assert!(failed.is_err());
        assert!(out.join("b").exists() && !out.join("c").exists());
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "{names:?}");
        // Someone else's folder is not replaced.
        let theirs = dir.path().join("theirs");
        std::fs::create_dir(&theirs).unwrap();
        std::fs::write(theirs.join("thesis.docx"), b"x").unwrap();
        assert!(matches!(
            write_folder_atomically(&theirs, &project, |_| Ok(())),
            Err(ExportError::FolderNotOurs(_))
        ));
        assert!(theirs.join("thesis.docx").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_the_old_temporary_name_does_not_redirect_the_export() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("v.sanad");
        std::fs::write(&victim, b"SQLite format 3\0 a project").unwrap();
        let out = dir.path().join("out.jsonl");
        // The name the export used to write through, predictable from the process id.
        let planted = dir
            .path()
            .join(format!(".out.jsonl.partial-{}", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        write_atomically(&out, &victim, |w| Ok(w.write_all(b"{}\n")?)).unwrap();
        assert_eq!(
            std::fs::read(&victim).unwrap(),
            b"SQLite format 3\0 a project"
        );
        assert_eq!(std::fs::read(&out).unwrap(), b"{}\n");
    }
}

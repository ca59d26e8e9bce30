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

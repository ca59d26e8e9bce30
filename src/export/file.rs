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

/// Refuses an export target that is the open project, one of its companion files (`-journal`,
/// `-wal`, `-shm`), or any existing SQLite database (another project, most likely).
///
/// # Errors
/// [`ExportError::OverProject`] or [`ExportError::OverDatabase`].
pub fn check_output(out: &Path, project: &Path) -> Result<(), ExportError> {
    if let (Some(o), Some(p)) = (canonical(out), canonical(project)) {
        let name = p.as_os_str().to_owned();
        let same = ["", "-journal", "-wal", "-shm"].iter().any(|suffix| {
            let mut companion = name.clone();
            companion.push(suffix);
            Path::new(&companion) == o
        });
        if same {
            return Err(ExportError::OverProject(out.to_owned()));
        }
    }
    let mut header = [0u8; 16];
    let is_db = std::fs::File::open(out)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header))
        .is_ok()
        && &header == b"SQLite format 3\0";
    if is_db {
        return Err(ExportError::OverDatabase(out.to_owned()));
    }
    Ok(())
}

/// Writes `path` through a temporary file in the same folder that `write` fills, which is then
/// synced and renamed over `path` (and the folder synced), so a failed export never leaves a
/// half-written file. Refuses targets as [`check_output`] does for `project`.
///
/// # Errors
/// [`check_output`]'s errors, I/O errors, and whatever `write` returns.
pub fn write_atomically<T>(
    path: &Path,
    project: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> Result<T, ExportError>,
) -> Result<T, ExportError> {
    check_output(path, project)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let tmp = path.with_file_name(format!(".{name}.partial-{}", std::process::id()));
    let result = (|| {
        let file = std::fs::File::create(&tmp)?;
        let mut writer = std::io::BufWriter::new(file);
        let value = write(&mut writer)?;
        let file = writer.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        crate::store::project::sync_dir(
            path.parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
        );
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
    }
}

//! Where a folder's project file lives: `--project` wins; otherwise `FOLDER.sanad` beside the
//! folder when that directory is writable; else the user's data directory. Never inside the
//! source folder.

use std::path::{Path, PathBuf};

/// The project path for `folder`, given an explicit `--project` path if any.
pub fn project_path_for_folder(folder: &Path, explicit: Option<&Path>) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_owned();
    }
    let folder = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_owned());
    let name = folder
        .file_name()
        .map_or_else(|| "corpus".into(), |n| n.to_string_lossy().into_owned());
    if let Some(parent) = folder.parent()
        && dir_is_writable(parent)
    {
        return parent.join(format!("{name}.sanad"));
    }
    let hash = &crate::corpus::import::sha256_hex(folder.to_string_lossy().as_bytes())[..12];
    data_dir().join(format!("{name}-{hash}.sanad"))
}

/// The user's data directory for Sanad (e.g. `~/.local/share/sanad`), or the temp dir.
pub fn data_dir() -> PathBuf {
    directories::ProjectDirs::from("org", "Sanad", "sanad").map_or_else(
        || std::env::temp_dir().join("sanad"),
        |d| d.data_dir().to_owned(),
    )
}

/// Can we create a file in `dir`? A directory without any write permission bit counts as
/// read-only even for root (who could write there anyway); otherwise a probe file is created and
/// removed.
fn dir_is_writable(dir: &Path) -> bool {
    if std::fs::metadata(dir).map_or(true, |m| m.permissions().readonly()) {
        return false;
    }
    let probe = dir.join(format!(".sanad-probe-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => std::fs::remove_file(&probe).is_ok(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_goes_beside_the_folder_and_explicit_wins() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("seeds");
        std::fs::create_dir(&folder).unwrap();
        let p = project_path_for_folder(&folder, None);
        assert_eq!(p.file_name().unwrap(), "seeds.sanad");
        assert_eq!(
            p.parent().unwrap(),
            std::fs::canonicalize(dir.path()).unwrap()
        );
        assert_eq!(
            project_path_for_folder(&folder, Some(Path::new("/tmp/x.sanad"))),
            PathBuf::from("/tmp/x.sanad")
        );
    }

    #[test]
    fn read_only_parent_sends_the_project_to_the_data_dir() {
        let dir = tempfile::tempdir().unwrap();
        let parent = dir.path().join("ro");
        let folder = parent.join("seeds");
        std::fs::create_dir_all(&folder).unwrap();
        let mut perms = std::fs::metadata(&parent).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&parent, perms.clone()).unwrap();
        let p = project_path_for_folder(&folder, None);
        perms.set_readonly(false);
        std::fs::set_permissions(&parent, perms).unwrap();
        assert!(p.starts_with(data_dir()), "{}", p.display());
        assert!(
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("seeds-")
        );
    }
}

//! The project file as a whole: the editing lock a window holds, and consistent copies (backup).

use super::error::StoreError;
use super::project::{Project, sync_dir};
use std::path::Path;

impl Project {
    /// Takes the advisory editing lock on the project file (an OS file lock, `flock` on Unix,
    /// held until the project is dropped), so that a second window on the same project is
    /// refused instead of undoing the first window's edits. Command-line imports and exports
    /// do not take it. Calling it again on the same project does nothing.
    ///
    /// # Errors
    /// [`StoreError::AlreadyOpen`] when another window (any process, or another `Project` in
    /// this one) holds it; [`StoreError::Io`] when the file cannot be opened.
    pub fn lock_for_editing(&mut self) -> Result<(), StoreError> {
        if self.editor_lock.is_some() || self.path == Path::new(":memory:") {
            return Ok(());
        }
        let file = std::fs::OpenOptions::new()
            .read(true)
            .open(&self.path)
            .map_err(|source| StoreError::Io {
                source,
                path: self.path.clone(),
            })?;
        match file.try_lock() {
            Ok(()) => {
                self.editor_lock = Some(file);
                Ok(())
            }
            Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::AlreadyOpen {
                path: self.path.clone(),
            }),
            Err(std::fs::TryLockError::Error(source)) => Err(StoreError::Io {
                source,
                path: self.path.clone(),
            }),
        }
    }

    /// Writes a consistent copy of the whole project to `out` (SQLite's `VACUUM INTO`, which
    /// reads in one transaction, so it is safe while the project is open and being edited; for an
    /// encrypted project SQLCipher's `sqlcipher_export()` into a copy encrypted with the same
    /// passphrase),
    /// through a new temporary file in `out`'s folder that is synced and then linked into place
    /// (a hard link, which never replaces a file that appeared meanwhile; a rename on drives
    /// without hard links), so `out` is either the whole copy or absent.
    ///
    /// # Errors
    /// [`StoreError::OutputExists`] when `out` exists (a backup never replaces a file);
    /// [`StoreError::Refused`] when `out` is named like a database journal or a journal file
    /// stands beside it; [`StoreError::Io`] when its folder does not exist or cannot be written;
    /// SQLite errors.
    pub fn backup_to(&self, out: &Path) -> Result<(), StoreError> {
        let io = |source: std::io::Error| StoreError::Io {
            source,
            path: out.to_owned(),
        };
        let (dir, name) = super::files::folder_and_name(out).map_err(io)?;
        let target = dir.join(&name);
        if target.symlink_metadata().is_ok() {
            return Err(StoreError::OutputExists {
                path: out.to_owned(),
            });
        }
        if super::files::is_companion_name(&target)
            || !super::files::existing_companions(&target).is_empty()
        {
            // SQLite would play a journal beside the copy back into it, or delete a copy named
            // like a journal when its database opens.
            return Err(StoreError::Refused(format!(
                "a database journal is (or would be) beside that name; choose another: {}",
                out.display()
            )));
        }
        let (tmp, file) = super::files::create_temp(&dir, &name).map_err(io)?;
        drop(file);
        let result = (|| {
            let tmp_str = tmp.to_str().ok_or_else(|| {
                io(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "the path is not valid UTF-8",
                ))
            })?;
            if self.key.is_some() {
                // An encrypted project's copy is encrypted with the same passphrase.
                super::crypt::export_into(&self.conn, tmp_str, self.key.as_ref())?;
            } else {
                self.conn.execute("VACUUM INTO ?1", [tmp_str])?;
            }
            std::fs::File::open(&tmp)
                .and_then(|f| f.sync_all())
                .map_err(io)?;
            // A hard link never replaces a file that appeared meanwhile (unlike a rename).
            match std::fs::hard_link(&tmp, &target) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(StoreError::OutputExists {
                        path: out.to_owned(),
                    });
                }
                // Folders without hard links (FAT and exFAT drives): check, then rename.
                Err(_) if target.symlink_metadata().is_err() => {
                    std::fs::rename(&tmp, &target).map_err(io)?;
                }
                Err(e) => return Err(io(e)),
            }
            sync_dir(&dir);
            Ok(())
        })();
        let _ = std::fs::remove_file(&tmp);
        for companion in super::files::existing_companions(&tmp) {
            let _ = std::fs::remove_file(companion);
        }
        result
    }
}

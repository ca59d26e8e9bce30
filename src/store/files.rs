//! Writing new files next to projects safely: temporary files that cannot be redirected through
//! a planted symbolic link, and names that SQLite would take for a project's journal.

use std::path::{Path, PathBuf};

/// Suffixes SQLite gives a database's companion files; a file named `X-journal` beside a
/// database `X` is taken for its journal and played back into it (or deleted) when `X` opens.
pub const COMPANION_SUFFIXES: [&str; 3] = ["-journal", "-wal", "-shm"];

/// Does `path`'s name end with a companion suffix (see [`COMPANION_SUFFIXES`])?
pub fn is_companion_name(path: &Path) -> bool {
    path.file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|n| COMPANION_SUFFIXES.iter().any(|s| n.ends_with(s)))
}

/// The companion files of `path` that exist (`-journal`, `-wal`, `-shm`).
pub fn existing_companions(path: &Path) -> Vec<PathBuf> {
    COMPANION_SUFFIXES
        .iter()
        .map(|s| {
            let mut name = path.as_os_str().to_owned();
            name.push(s);
            PathBuf::from(name)
        })
        .filter(|p| p.symlink_metadata().is_ok())
        .collect()
}

/// Is `companion` (a `-journal`, `-wal` or `-shm` file) SQLite's own, by its first bytes: a
/// rollback journal's header (magic `d9 d5 05 f9 20 a1 63 d7`, or zeroed while a synchronous
/// transaction is still open, followed by a power-of-two sector and page size at bytes 20 and
/// 24, as SQLite's `pager.c` writes it), a journal cut off before its header was written (all
/// zero bytes), a WAL's magic `37 7f 06 82`/`83`, an empty file, or any `-shm`? A file of that
/// name with other content is someone's data, which SQLite would delete.
pub fn is_sqlite_companion(companion: &Path) -> bool {
    let name = companion.to_string_lossy().to_ascii_lowercase();
    if name.ends_with("-shm") {
        return true;
    }
    let mut head = Vec::with_capacity(28);
    let read = std::fs::File::open(companion)
        .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, 28), &mut head));
    if read.is_err() {
        return false;
    }
    head.is_empty()
        || (name.ends_with("-journal") && is_journal_header(&head))
        || (name.ends_with("-journal") && head.iter().all(|&b| b == 0))
        || head.starts_with(&[0x37, 0x7f, 0x06, 0x82])
        || head.starts_with(&[0x37, 0x7f, 0x06, 0x83])
}

/// Is `head` (the first 28 bytes of a file) a rollback journal's header: the magic, or eight
/// zero bytes where a synchronous journal has not yet been marked valid, then at bytes 20 and 24
/// (big-endian u32) a sector size and a page size that are powers of two from 512 to 65536?
fn is_journal_header(head: &[u8]) -> bool {
    const MAGIC: [u8; 8] = [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7];
    let size_at = |at: usize| {
        head.get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let plausible =
        |v: Option<u32>| v.is_some_and(|v| v.is_power_of_two() && (512..=65536).contains(&v));
    (head.starts_with(&MAGIC) || head.get(..8) == Some(&[0u8; 8][..]))
        && plausible(size_at(20))
        && plausible(size_at(24))
}

/// Creates a new, empty temporary file in `dir` for writing `name` (`.NAME.partial-PID-N`),
/// with `O_CREAT | O_EXCL`: it never opens an existing file or follows a symbolic link planted
/// at that name, and picks another name when one is taken.
///
/// # Errors
/// I/O errors other than a name being taken.
pub fn create_temp(dir: &Path, name: &str) -> std::io::Result<(PathBuf, std::fs::File)> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    // Short enough that a name near the 255-byte limit still leaves room for the suffix.
    let mut stem: String = String::new();
    for c in name.chars() {
        if stem.len() + c.len_utf8() > 180 {
            break;
        }
        stem.push(c);
    }
    for n in 0..1000u32 {
        let tmp = dir.join(format!(
            ".{stem}.partial-{}-{nanos:x}-{n}",
            std::process::id()
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "no free temporary file name",
    ))
}

/// `path`'s folder, made absolute (it must exist), and its file name.
///
/// # Errors
/// `NotFound` (or another I/O error) when the folder does not exist; `InvalidInput` when the
/// path has no file name.
pub fn folder_and_name(path: &Path) -> std::io::Result<(PathBuf, String)> {
    let parent = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir = std::fs::canonicalize(parent)?;
    let name = path
        .file_name()
        .filter(|n| *n != "." && *n != "..")
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "no file name"))?;
    Ok((dir, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_files_are_new_and_distinct() {
        let dir = tempfile::tempdir().unwrap();
        let (a, _) = create_temp(dir.path(), "out.jsonl").unwrap();
        let (b, _) = create_temp(dir.path(), "out.jsonl").unwrap();
        assert_ne!(a, b);
        assert!(a.symlink_metadata().unwrap().file_type().is_file());
        // A name near the 255-byte limit still gets a temporary file.
        let long = "ع".repeat(120) + ".jsonl";
        assert!(create_temp(dir.path(), &long).is_ok());
    }

    #[test]
    fn companion_names_and_folders() {
        assert!(is_companion_name(Path::new("/x/p.sanad-journal")));
        assert!(is_companion_name(Path::new("q.sanad-WAL")));
        assert!(!is_companion_name(Path::new("journal.jsonl")));
        assert!(folder_and_name(Path::new("/no/such/folder/x.sanad")).is_err());
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let (d, n) = folder_and_name(&dir.path().join("sub/../x.sanad")).unwrap();
        assert_eq!(
            (d, n.as_str()),
            (std::fs::canonicalize(dir.path()).unwrap(), "x.sanad")
        );
    }

    /// A journal copied while a synchronous transaction is open (its magic still zero, as
    /// `pager.c` writes it until the journal is synced) is SQLite's; text or random bytes under
    /// that name are not.
    #[test]
    fn journals_are_told_from_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("p.sanad");
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode=DELETE; PRAGMA synchronous=EXTRA; CREATE TABLE t(x);
             INSERT INTO t VALUES (1); BEGIN; INSERT INTO t VALUES (2);",
        )
        .unwrap();
        let journal = dir.path().join("p.sanad-journal");
        let copy = dir.path().join("copy.sanad-journal");
        std::fs::copy(&journal, &copy).unwrap();
        conn.execute_batch("COMMIT").unwrap();
        let head = std::fs::read(&copy).unwrap();
        assert_eq!(
            &head[..8],
            &[0u8; 8],
            "open transaction: magic not yet written"
        );
        assert!(is_sqlite_companion(&copy));

        let theirs = dir.path().join("notes.sanad-journal");
        std::fs::write(&theirs, "my field notes, not SQLite's").unwrap();
        assert!(!is_sqlite_companion(&theirs));
        let mut zero_then_text = vec![0u8; 12];
        zero_then_text.extend_from_slice(b"sixteen letters!");
        std::fs::write(&theirs, &zero_then_text).unwrap();
        assert!(!is_sqlite_companion(&theirs));
        std::fs::write(&theirs, [0u8; 20]).unwrap();
        assert!(
            is_sqlite_companion(&theirs),
            "cut off before its header was written"
        );
    }
}

//! The command line's side of encrypted projects: opening a project that may be encrypted
//! (asking for its passphrase), and `sanad encrypt`, `decrypt`, `rekey`.
//!
//! A passphrase never comes from the command line itself: from `--passphrase-file FILE`, the
//! file named by `SANAD_PASSPHRASE_FILE`, or the terminal (no echo).

use anyhow::bail;
use sanad::secret::Passphrase;
use sanad::store::{FileKind, Project, inspect};
use std::io::IsTerminal;
use std::path::Path;

/// The passphrase of the encrypted project `project`.
fn passphrase_for(project: &Path, file: Option<&Path>) -> anyhow::Result<Passphrase> {
    let prompt = format!("passphrase of {}: ", project.display());
    Ok(Passphrase::for_cli(file, project, &prompt, false)?)
}

/// Opens the existing project `path`, asking for its passphrase when it is encrypted.
pub fn open_existing(path: &Path, passphrase_file: Option<&Path>) -> anyhow::Result<Project> {
    if inspect(path)? == FileKind::Encrypted {
        let key = passphrase_for(path, passphrase_file)?;
        return Ok(Project::open_encrypted(path, &key)?);
    }
    Ok(Project::open_existing(path)?)
}

/// Opens the project `path`, or creates a plain one there, asking for the passphrase of an
/// encrypted project.
pub fn open_or_create(path: &Path, passphrase_file: Option<&Path>) -> anyhow::Result<Project> {
    if inspect(path)? == FileKind::Encrypted {
        let key = passphrase_for(path, passphrase_file)?;
        return Ok(Project::open_encrypted(path, &key)?);
    }
    Ok(Project::open_or_create(path)?)
}

/// A new passphrase: from the file if given (or the file the environment names), else asked
/// twice on the terminal.
fn new_passphrase(project: &Path, file: Option<&Path>, what: &str) -> anyhow::Result<Passphrase> {
    let prompt = format!("{what} for {}: ", project.display());
    Ok(Passphrase::for_cli(file, project, &prompt, true)?)
}

/// `sanad encrypt PROJECT`: encrypts the project in place, or creates a new empty encrypted
/// project when there is none at that path.
pub fn encrypt(path: &Path, passphrase_file: Option<&Path>) -> anyhow::Result<()> {
    if inspect(path)? == FileKind::Encrypted {
        bail!(
            "the project is already encrypted (to change its passphrase use rekey): {}",
            path.display()
        );
    }
    let key = new_passphrase(path, passphrase_file, "new passphrase")?;
    if inspect(path)? == FileKind::New {
        // No project there yet: a new, empty encrypted one, so that nothing is ever written
        // to the disk in plaintext (import into it with `import FOLDER --project PATH`).
        Project::create_encrypted(path, &key)?;
        eprintln!(
            "created a new encrypted project; it opens only with this passphrase, which nobody can recover if it is lost: {}",
            path.display()
        );
        return Ok(());
    }
    sanad::store::crypt::encrypt_file(path, &key)?;
    eprintln!(
        "encrypted; it opens only with this passphrase, which nobody can recover if it is lost: {}",
        path.display()
    );
    Ok(())
}

/// `sanad decrypt PROJECT`.
pub fn decrypt(path: &Path, passphrase_file: Option<&Path>) -> anyhow::Result<()> {
    if inspect(path)? != FileKind::Encrypted {
        bail!("the project is not encrypted: {}", path.display());
    }
    let key = passphrase_for(path, passphrase_file)?;
    eprintln!(
        "warning: decrypt writes the project as plaintext: anyone who gets the file can read it: {}",
        path.display()
    );
    sanad::store::crypt::decrypt_file(path, &key)?;
    eprintln!("decrypted: {}", path.display());
    Ok(())
}

/// `sanad rekey PROJECT`.
pub fn rekey(
    path: &Path,
    passphrase_file: Option<&Path>,
    new_passphrase_file: Option<&Path>,
) -> anyhow::Result<()> {
    if inspect(path)? != FileKind::Encrypted {
        bail!(
            "the project is not encrypted (use encrypt): {}",
            path.display()
        );
    }
    if new_passphrase_file.is_none() && !std::io::stdin().is_terminal() {
        bail!(
            "no terminal to ask for the new passphrase: give --new-passphrase-file FILE: {}",
            path.display()
        );
    }
    let old = passphrase_for(path, passphrase_file)?;
    // Checked before asking for the new one.
    drop(Project::open_encrypted(path, &old)?);
    let new = match new_passphrase_file {
        Some(f) => Passphrase::from_file(f)?,
        None => Passphrase::prompt(&format!("new passphrase for {}: ", path.display()), true)?,
    };
    sanad::store::crypt::rekey_file(path, &old, &new)?;
    eprintln!("the passphrase is changed: {}", path.display());
    Ok(())
}

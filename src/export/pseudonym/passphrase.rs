//! The pseudonym key's passphrase, from a file (`--key-passphrase-file F`: its first line, a
//! trailing CR LF or LF removed) or typed at the terminal without echo (asked twice when a new
//! key is made). Never from the command line. Kept minimal on purpose: a general passphrase
//! reader may replace it.

use std::path::Path;
use zeroize::Zeroizing;

/// What can go wrong.
#[derive(Debug, thiserror::Error)]
pub enum PassphraseError {
    /// The file cannot be read.
    #[error("cannot read the passphrase file ({source}): {}", path.display())]
    File {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The terminal cannot be read (no terminal: give a passphrase file).
    #[error(
        "cannot read the passphrase from the terminal (in a script, give --key-passphrase-file): {0}"
    )]
    Terminal(std::io::Error),
    /// Empty passphrase.
    #[error("the passphrase is empty")]
    Empty,
    /// The two typed passphrases differ.
    #[error("the two passphrases differ")]
    Mismatch,
}

/// The first line of `text`, without its line break.
fn first_line(text: &str) -> &str {
    let line = text.split('\n').next().unwrap_or("");
    line.strip_suffix('\r').unwrap_or(line)
}

/// The passphrase from `file`, or typed at the terminal (twice when `confirm`).
///
/// # Errors
/// [`PassphraseError`].
pub fn read(file: Option<&Path>, confirm: bool) -> Result<Zeroizing<String>, PassphraseError> {
    let pass = match file {
        Some(path) => {
            let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|source| {
                PassphraseError::File {
                    path: path.to_owned(),
                    source,
                }
            })?);
            Zeroizing::new(first_line(&text).to_owned())
        }
        None => {
            let first = Zeroizing::new(
                rpassword::prompt_password("Passphrase for the pseudonym key: ")
                    .map_err(PassphraseError::Terminal)?,
            );
            if confirm {
                let again = Zeroizing::new(
                    rpassword::prompt_password("The same passphrase again: ")
                        .map_err(PassphraseError::Terminal)?,
                );
                if *again != *first {
                    return Err(PassphraseError::Mismatch);
                }
            }
            first
        }
    };
    if pass.is_empty() {
        return Err(PassphraseError::Empty);
    }
    Ok(pass)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_gives_its_first_line() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("p");
        std::fs::write(&f, "كلمة سر\r\nsecond").unwrap();
        assert_eq!(read(Some(&f), true).unwrap().as_str(), "كلمة سر");
        std::fs::write(&f, "\n").unwrap();
        assert!(matches!(read(Some(&f), true), Err(PassphraseError::Empty)));
        let missing = dir.path().join("none");
        let e = read(Some(&missing), false).unwrap_err().to_string();
        assert!(e.ends_with(&missing.display().to_string()), "{e}");
    }
}

//! A project passphrase: read from the terminal without echo, or from a file (for scripts),
//! never from the command line itself (other users of the machine see every process's arguments,
//! and shells keep them in their history).
//!
//! The text lives in a [`Zeroizing`] string, overwritten with zeros when the [`Passphrase`] is
//! dropped. SQLCipher keeps the key derived from it inside the open connection.

use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// The environment variable naming a file that holds the passphrase (one line), for scripts:
/// `SANAD_PASSPHRASE_FILE=/run/user/1000/sanad.pass sanad export p.sanad`.
pub const PASSPHRASE_FILE_ENV: &str = "SANAD_PASSPHRASE_FILE";

/// A passphrase; its text is wiped from memory when it is dropped. `Debug` does not show it.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<String>);

/// A passphrase that could not be read or is not acceptable.
#[derive(Debug, thiserror::Error)]
pub enum PassphraseError {
    /// The passphrase file could not be read.
    #[error("cannot read the passphrase file ({source}): {path}")]
    File {
        /// The underlying error.
        source: std::io::Error,
        /// The file.
        path: PathBuf,
    },
    /// The terminal could not be read.
    #[error("cannot read the passphrase from the terminal ({0})")]
    Terminal(std::io::Error),
    /// Empty after trimming the line end.
    #[error("the passphrase is empty{}", source_suffix(.0.as_deref()))]
    Empty(Option<PathBuf>),
    /// Contains a NUL character (SQLite stops reading the key there).
    #[error("the passphrase contains a NUL character{}", source_suffix(.0.as_deref()))]
    Nul(Option<PathBuf>),
    /// Interactive entry: the two entries differ.
    #[error("the two passphrases differ; nothing was changed")]
    Mismatch,
    /// Neither a terminal nor a file to read it from.
    #[error(
        "a passphrase is needed (the project is or will be encrypted) and there is no terminal to ask for it: give --passphrase-file FILE or set {PASSPHRASE_FILE_ENV}=FILE: {0}"
    )]
    NoTerminal(PathBuf),
}

fn source_suffix(path: Option<&Path>) -> String {
    path.map_or_else(String::new, |p| format!(": {}", p.display()))
}

impl Passphrase {
    /// A passphrase from text (typed in the app, or in tests). The text is moved in, not copied.
    ///
    /// # Errors
    /// [`PassphraseError::Empty`] for an empty text, [`PassphraseError::Nul`] when it holds a
    /// NUL character.
    pub fn new(text: String) -> Result<Self, PassphraseError> {
        let text = Zeroizing::new(text);
        if text.is_empty() {
            return Err(PassphraseError::Empty(None));
        }
        if text.contains('\0') {
            return Err(PassphraseError::Nul(None));
        }
        Ok(Self(text))
    }

    /// Reads the passphrase from `path`: the file's text (UTF-8) without its final line end
    /// (`\n` or `\r\n`, once); everything else counts, spaces included.
    ///
    /// # Errors
    /// [`PassphraseError::File`] when the file cannot be read or is not UTF-8;
    /// [`PassphraseError::Empty`] / [`PassphraseError::Nul`].
    pub fn from_file(path: &Path) -> Result<Self, PassphraseError> {
        let bytes =
            Zeroizing::new(std::fs::read(path).map_err(|source| PassphraseError::File {
                source,
                path: path.to_owned(),
            })?);
        let text = std::str::from_utf8(&bytes).map_err(|e| PassphraseError::File {
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            path: path.to_owned(),
        })?;
        let text = text
            .strip_suffix("\r\n")
            .or_else(|| text.strip_suffix('\n'))
            .unwrap_or(text);
        Self::new(text.to_owned()).map_err(|e| match e {
            PassphraseError::Empty(_) => PassphraseError::Empty(Some(path.to_owned())),
            PassphraseError::Nul(_) => PassphraseError::Nul(Some(path.to_owned())),
            other => other,
        })
    }

    /// Asks on the terminal (`/dev/tty`, without echo), once, or twice when `confirm` is set
    /// (a new passphrase: both entries must match).
    ///
    /// # Errors
    /// [`PassphraseError::Terminal`], [`PassphraseError::Mismatch`], [`PassphraseError::Empty`].
    pub fn prompt(prompt: &str, confirm: bool) -> Result<Self, PassphraseError> {
        let first =
            Zeroizing::new(rpassword::prompt_password(prompt).map_err(PassphraseError::Terminal)?);
        if confirm {
            let second = Zeroizing::new(
                rpassword::prompt_password("repeat it: ").map_err(PassphraseError::Terminal)?,
            );
            if *first != *second {
                return Err(PassphraseError::Mismatch);
            }
        }
        Self::new(first.as_str().to_owned())
    }

    /// The passphrase for a command-line tool: from `file` if given, else from the file named
    /// by [`PASSPHRASE_FILE_ENV`], else asked on the terminal when standard input is one.
    /// `project` names the project in the messages.
    ///
    /// # Errors
    /// [`PassphraseError::NoTerminal`] when there is no file and no terminal; the errors of
    /// [`Self::from_file`] and [`Self::prompt`].
    pub fn for_cli(
        file: Option<&Path>,
        project: &Path,
        prompt: &str,
        confirm: bool,
    ) -> Result<Self, PassphraseError> {
        if let Some(file) = file {
            return Self::from_file(file);
        }
        if let Some(file) = std::env::var_os(PASSPHRASE_FILE_ENV).filter(|f| !f.is_empty()) {
            return Self::from_file(Path::new(&file));
        }
        use std::io::IsTerminal;
        if !std::io::stdin().is_terminal() {
            return Err(PassphraseError::NoTerminal(project.to_owned()));
        }
        Self::prompt(prompt, confirm)
    }

    /// The passphrase's text (for the key statement; do not copy it into a plain `String`).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The passphrase as an SQL string literal (`'…'`, quotes doubled), in wiped memory: for
    /// `PRAGMA key` and `ATTACH … KEY`.
    pub(crate) fn sql_literal(&self) -> Zeroizing<String> {
        let mut out = Zeroizing::new(String::with_capacity(self.0.len() + 2));
        out.push('\'');
        for c in self.0.chars() {
            if c == '\'' {
                out.push('\'');
            }
            out.push(c);
        }
        out.push('\'');
        out
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_loses_one_line_end_only() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("p");
        std::fs::write(&f, "سر  x \n\n").unwrap();
        // Only the last "\n" goes: the passphrase is "سر  x \n".
        assert_eq!(Passphrase::from_file(&f).unwrap().expose(), "سر  x \n");
        std::fs::write(&f, "abc\r\n").unwrap();
        assert_eq!(Passphrase::from_file(&f).unwrap().expose(), "abc");
        std::fs::write(&f, "abc").unwrap();
        assert_eq!(Passphrase::from_file(&f).unwrap().expose(), "abc");
    }

    #[test]
    fn empty_and_nul_refused() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("p");
        std::fs::write(&f, "\n").unwrap();
        assert!(matches!(
            Passphrase::from_file(&f),
            Err(PassphraseError::Empty(Some(_)))
        ));
        assert!(matches!(
            Passphrase::new("a\0b".into()),
            Err(PassphraseError::Nul(None))
        ));
        assert!(matches!(
            Passphrase::from_file(&dir.path().join("missing")),
            Err(PassphraseError::File { .. })
        ));
    }

    #[test]
    fn sql_literal_doubles_quotes() {
        let p = Passphrase::new("it's".into()).unwrap();
        assert_eq!(p.sql_literal().as_str(), "'it''s'");
        assert_eq!(format!("{p:?}"), "Passphrase(…)");
    }
}

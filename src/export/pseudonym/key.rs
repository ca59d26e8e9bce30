//! The pseudonym key file: [`super::PseudonymKey`] as pretty JSON, encrypted as an age file
//! (age-encryption.org/v1, binary, one scrypt passphrase recipient) with the `age` crate, so a
//! recipient decrypts it without Sanad: `age -d -o key.json KEY_FILE` (or `rage -d`) asks for
//! the passphrase. scrypt's work factor is the crate's: about one second on the exporting
//! machine.

use super::PseudonymKey;
use age::secrecy::SecretString;
use std::io::{Read, Write};
use std::path::Path;

/// What can go wrong with a key file.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// Writing the file failed (or it would overwrite the project).
    #[error("cannot write the pseudonym key ({0})")]
    Export(#[from] super::ExportError),
    /// Reading the file failed.
    #[error("cannot read the pseudonym key: {0}")]
    Io(#[from] std::io::Error),
    /// age could not encrypt.
    #[error("cannot encrypt the pseudonym key: {0}")]
    Encrypt(#[from] age::EncryptError),
    /// age could not decrypt (wrong passphrase, not an age file, damaged).
    #[error("cannot decrypt the pseudonym key (wrong passphrase, or not a key file): {0}")]
    Decrypt(#[from] age::DecryptError),
    /// The decrypted text is not a key.
    #[error("the decrypted file is not a Sanad pseudonym key: {0}")]
    Json(#[from] serde_json::Error),
}

/// `key` as an age file encrypted with `passphrase`.
///
/// # Errors
/// [`KeyError::Encrypt`], [`KeyError::Io`], [`KeyError::Json`].
pub fn encrypt(key: &PseudonymKey, passphrase: &str) -> Result<Vec<u8>, KeyError> {
    let json = zeroize::Zeroizing::new(serde_json::to_vec_pretty(key)?);
    let encryptor = age::Encryptor::with_user_passphrase(SecretString::from(passphrase.to_owned()));
    let mut out = Vec::new();
    let mut writer = encryptor.wrap_output(&mut out)?;
    writer.write_all(&json)?;
    writer.finish()?;
    Ok(out)
}

/// The key in an age file's `bytes`, decrypted with `passphrase`.
///
/// # Errors
/// [`KeyError::Decrypt`] (wrong passphrase too), [`KeyError::Json`], [`KeyError::Io`].
pub fn decrypt(bytes: &[u8], passphrase: &str) -> Result<PseudonymKey, KeyError> {
    let decryptor = age::Decryptor::new(bytes)?;
    let identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    let mut reader = decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity))?;
    let mut json = zeroize::Zeroizing::new(Vec::new());
    reader.read_to_end(&mut json)?;
    Ok(serde_json::from_slice(&json)?)
}

/// Writes `key` encrypted with `passphrase` to `path`, atomically (through a temporary file),
/// never over the project file `project` or another database.
///
/// # Errors
/// [`KeyError`].
pub fn write(
    key: &PseudonymKey,
    passphrase: &str,
    path: &Path,
    project: &Path,
) -> Result<(), KeyError> {
    let bytes = encrypt(key, passphrase)?;
    super::super::file::write_atomically(path, project, |out| Ok(out.write_all(&bytes)?))?;
    Ok(())
}

/// Reads and decrypts the key file at `path`.
///
/// # Errors
/// [`KeyError`].
pub fn read(path: &Path, passphrase: &str) -> Result<PseudonymKey, KeyError> {
    decrypt(&std::fs::read(path)?, passphrase)
}

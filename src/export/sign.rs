//! Ed25519 signatures of export manifests, in minisign's file formats so that a recipient can
//! check them with the `minisign` tool as well as with `sanad verify`
//! (<https://jedisct1.github.io/minisign/>, "Signature format" and "Public key format"):
//!
//! - public key `NAME.pub`: a line `untrusted comment: …`, then base64 of `Ed` ‖ key id
//!   (8 random bytes) ‖ the 32-byte Ed25519 public key;
//! - secret key `NAME.key` (mode 0600 on Unix): minisign's unencrypted layout (`minisign -G -W`):
//!   base64 of `Ed` ‖ KDF `\0\0` (none) ‖ `B2` ‖ 32-byte salt, 8-byte opslimit and 8-byte
//!   memlimit (zeros) ‖ key id ‖ 64-byte secret key (seed ‖ public key) ‖ BLAKE2b-256 of
//!   (`Ed` ‖ key id ‖ secret key);
//! - signature `FILE.sig`: `untrusted comment: …`, base64 of `ED` ‖ key id ‖ Ed25519 signature
//!   of BLAKE2b-512(file bytes); `trusted comment: …`, base64 of the Ed25519 signature of
//!   (signature ‖ trusted comment bytes). Legacy `Ed` signatures (over the raw bytes) are also
//!   checked.
//!
//! The secret key is not protected by a passphrase: keep `NAME.key` private. Its bytes are wiped
//! from memory after use (`zeroize`).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use blake2::digest::consts::U32;
use blake2::{Blake2b, Blake2b512, Digest};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use std::path::{Path, PathBuf};
use zeroize::{Zeroize, Zeroizing};

/// A problem with a key or signature file.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    /// Reading or writing failed.
    #[error("cannot read or write the file ({source}): {}", .path.display())]
    Io {
        /// The cause.
        source: std::io::Error,
        /// The file.
        path: PathBuf,
    },
    /// The file is not a key or signature of the expected kind.
    #[error("{what}: {}", .path.display())]
    Format {
        /// What is wrong.
        what: String,
        /// The file.
        path: PathBuf,
    },
    /// A key file is already there (keys are never overwritten).
    #[error("a key file is already there; choose another name: {}", .0.display())]
    Exists(PathBuf),
    /// The system's random source failed.
    #[error("cannot get random bytes for a key: {0}")]
    Random(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SignError + '_ {
    move |source| SignError::Io {
        source,
        path: path.to_owned(),
    }
}

fn bad(path: &Path, what: &str) -> SignError {
    SignError::Format {
        what: what.to_owned(),
        path: path.to_owned(),
    }
}

/// The signature file's name for a file named `name` (minisign's convention: `NAME.sig`).
pub fn signature_name(name: &str) -> String {
    format!("{name}.sig")
}

/// The signature file's path for the file at `path`.
pub fn signature_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".sig");
    path.with_file_name(name)
}

/// A key id as minisign prints it: the 8 bytes read as a little-endian integer, 16 uppercase
/// hex digits.
pub fn key_id_hex(id: [u8; 8]) -> String {
    format!("{:016X}", u64::from_le_bytes(id))
}

/// A public key read from a `.pub` file.
#[derive(Clone, Debug)]
pub struct PublicKey {
    /// minisign's key id.
    pub id: [u8; 8],
    key: VerifyingKey,
}

/// The last base64 line before any `trusted comment:` of a minisign file, decoded.
fn payload(text: &str, path: &Path) -> Result<Vec<u8>, SignError> {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))
        .ok_or_else(|| bad(path, "no key or signature line in the file"))?;
    B64.decode(line)
        .map_err(|_| bad(path, "the key or signature line is not base64"))
}

impl PublicKey {
    /// Reads a minisign public key file (or a line of base64 alone).
    ///
    /// # Errors
    /// [`SignError::Io`], [`SignError::Format`].
    pub fn read(path: &Path) -> Result<Self, SignError> {
        let text = std::fs::read_to_string(path).map_err(io(path))?;
        let bytes = payload(&text, path)?;
        if bytes.len() != 42 || &bytes[..2] != b"Ed" {
            return Err(bad(path, "not an Ed25519 public key (minisign format)"));
        }
        let mut id = [0u8; 8];
        id.copy_from_slice(&bytes[2..10]);
        let mut pk = [0u8; 32];
        pk.copy_from_slice(&bytes[10..]);
        let key = VerifyingKey::from_bytes(&pk)
            .map_err(|_| bad(path, "the public key is not a valid Ed25519 point"))?;
        Ok(Self { id, key })
    }
}

/// Makes a new key pair: writes `NAME.key` (secret; created with mode 0600 on Unix) and
/// `NAME.pub` for `name` (a path without extension); returns their paths and the key id. Neither
/// file may exist already.
///
/// # Errors
/// [`SignError::Exists`], [`SignError::Io`], [`SignError::Random`].
pub fn keygen(name: &Path) -> Result<(PathBuf, PathBuf, String), SignError> {
    let with = |ext: &str| {
        let mut n = name.as_os_str().to_os_string();
        n.push(ext);
        PathBuf::from(n)
    };
    let (secret_path, public_path) = (with(".key"), with(".pub"));
    for p in [&secret_path, &public_path] {
        if p.symlink_metadata().is_ok() {
            return Err(SignError::Exists(p.clone()));
        }
    }
    let mut seed = Zeroizing::new([0u8; 32]);
    let mut id = [0u8; 8];
    getrandom::fill(seed.as_mut()).map_err(|e| SignError::Random(e.to_string()))?;
    getrandom::fill(&mut id).map_err(|e| SignError::Random(e.to_string()))?;
    let signing = SigningKey::from_bytes(&seed);
    let public = signing.verifying_key().to_bytes();
    let id_hex = key_id_hex(id);

    let mut sk = Zeroizing::new(Vec::with_capacity(158));
    sk.extend_from_slice(b"Ed");
    sk.extend_from_slice(&[0, 0]);
    sk.extend_from_slice(b"B2");
    sk.extend_from_slice(&[0u8; 32 + 8 + 8]);
    sk.extend_from_slice(&id);
    sk.extend_from_slice(seed.as_ref());
    sk.extend_from_slice(&public);
    let mut chk = Blake2b::<U32>::new();
    chk.update(b"Ed");
    chk.update(id);
    chk.update(seed.as_ref());
    chk.update(public);
    sk.extend_from_slice(&chk.finalize());
    let mut encoded = Zeroizing::new(B64.encode(sk.as_slice()));
    let mut text = Zeroizing::new(format!(
        "untrusted comment: minisign secret key {id_hex} (Sanad, unencrypted)\n{}\n",
        encoded.as_str()
    ));
    encoded.zeroize();
    write_new(&secret_path, text.as_bytes(), true)?;
    text.zeroize();
    let mut pk = Vec::with_capacity(42);
    pk.extend_from_slice(b"Ed");
    pk.extend_from_slice(&id);
    pk.extend_from_slice(&public);
    let public_text = format!(
        "untrusted comment: minisign public key {id_hex}\n{}\n",
        B64.encode(&pk)
    );
    if let Err(e) = write_new(&public_path, public_text.as_bytes(), false) {
        let _ = std::fs::remove_file(&secret_path);
        return Err(e);
    }
    Ok((secret_path, public_path, id_hex))
}

/// Creates `path` (never over an existing file), secret files with mode 0600 on Unix, and syncs
/// it.
fn write_new(path: &Path, bytes: &[u8], secret: bool) -> Result<(), SignError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if secret {
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options.open(path).map_err(io(path))?;
    std::io::Write::write_all(&mut file, bytes).map_err(io(path))?;
    file.sync_all().map_err(io(path))
}

/// Reads the secret key at `path` (minisign's unencrypted layout; an encrypted minisign key is
/// refused with a message): (key id, signing key). The file's bytes are wiped after reading.
fn read_secret(path: &Path) -> Result<([u8; 8], SigningKey), SignError> {
    let text = Zeroizing::new(std::fs::read_to_string(path).map_err(io(path))?);
    let bytes = Zeroizing::new(payload(&text, path)?);
    if bytes.len() != 158 || &bytes[..2] != b"Ed" || &bytes[4..6] != b"B2" {
        return Err(bad(path, "not an Ed25519 secret key (minisign format)"));
    }
    if bytes[2..4] != [0, 0] {
        return Err(bad(
            path,
            "the secret key is encrypted with a password (minisign -G without -W); Sanad reads unencrypted keys only (sanad keygen, or minisign -G -W)",
        ));
    }
    let keynum = &bytes[54..];
    let mut id = [0u8; 8];
    id.copy_from_slice(&keynum[..8]);
    let mut chk = Blake2b::<U32>::new();
    chk.update(&bytes[..2]);
    chk.update(&keynum[..72]);
    // minisign 0.11's own unencrypted keys (`-G -W`) carry a zero checksum; the halves are
    // checked against each other below all the same.
    let stored = &keynum[72..104];
    if chk.finalize().as_slice() != stored && stored.iter().any(|&b| b != 0) {
        return Err(bad(
            path,
            "the secret key's checksum does not match: the file is damaged",
        ));
    }
    let mut seed = Zeroizing::new([0u8; 32]);
    seed.copy_from_slice(&keynum[8..40]);
    let signing = SigningKey::from_bytes(&seed);
    if signing.verifying_key().as_bytes() != &keynum[40..72] {
        return Err(bad(
            path,
            "the secret key's two halves do not belong together",
        ));
    }
    Ok((id, signing))
}

/// The key id of the secret key at `path` (read, checked and wiped): lets a caller refuse a bad
/// key before exporting.
///
/// # Errors
/// [`SignError::Io`], [`SignError::Format`].
pub fn secret_key_id(path: &Path) -> Result<String, SignError> {
    let (id, _signing) = read_secret(path)?;
    Ok(key_id_hex(id))
}

/// Signs the file at `file` with the secret key at `key` and writes `FILE.sig` atomically
/// (minisign's prehashed `ED` signature; the trusted comment names the time and the file);
/// returns the signature's path. `project` is the project file, which is never overwritten.
///
/// # Errors
/// [`SignError`]; writing errors as [`super::ExportError`] text inside [`SignError::Io`].
pub fn sign_file(file: &Path, key: &Path, project: &Path) -> Result<PathBuf, SignError> {
    let (id, signing) = read_secret(key)?;
    let message = std::fs::read(file).map_err(io(file))?;
    let signature = signing.sign(&Blake2b512::digest(&message));
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    let trusted = format!(
        "timestamp:{}\tfile:{}\thashed",
        time::OffsetDateTime::now_utc().unix_timestamp(),
        name.replace(['\n', '\r', '\t'], " ")
    );
    let mut signed = signature.to_bytes().to_vec();
    signed.extend_from_slice(trusted.as_bytes());
    let global = signing.sign(&signed);
    drop(signing);
    let mut sig = Vec::with_capacity(74);
    sig.extend_from_slice(b"ED");
    sig.extend_from_slice(&id);
    sig.extend_from_slice(&signature.to_bytes());
    let text = format!(
        "untrusted comment: signature from Sanad secret key {}\n{}\ntrusted comment: {trusted}\n{}\n",
        key_id_hex(id),
        B64.encode(&sig),
        B64.encode(global.to_bytes())
    );
    let target = signature_path(file);
    super::file::write_atomically(&target, project, |out| Ok(out.write_all(text.as_bytes())?))
        .map_err(|e| SignError::Io {
            source: std::io::Error::other(e.to_string()),
            path: target.clone(),
        })?;
    Ok(target)
}

/// What checking a signature found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignatureCheck {
    /// The signature is good: made by the key, over these bytes; with its trusted comment.
    Valid {
        /// The signing key's id.
        key_id: String,
        /// The signed trusted comment (time and file name).
        trusted_comment: String,
    },
    /// It is not: why.
    Invalid(String),
}

/// Checks the minisign signature file `sig` of `message` against `key`.
///
/// # Errors
/// [`SignError`] when the signature file cannot be read or is not a signature at all; a
/// signature that does not verify is [`SignatureCheck::Invalid`].
pub fn check(message: &[u8], sig: &Path, key: &PublicKey) -> Result<SignatureCheck, SignError> {
    let text = std::fs::read_to_string(sig).map_err(io(sig))?;
    let bytes = payload(&text, sig)?;
    if bytes.len() != 74 {
        return Err(bad(sig, "not a minisign signature"));
    }
    let prehashed = match &bytes[..2] {
        b"ED" => true,
        b"Ed" => false,
        _ => return Err(bad(sig, "not an Ed25519 minisign signature")),
    };
    let mut id = [0u8; 8];
    id.copy_from_slice(&bytes[2..10]);
    if id != key.id {
        return Ok(SignatureCheck::Invalid(format!(
            "signed with key {}, not with the key given ({})",
            key_id_hex(id),
            key_id_hex(key.id)
        )));
    }
    let mut raw = [0u8; 64];
    raw.copy_from_slice(&bytes[10..]);
    let signature = Signature::from_bytes(&raw);
    let ok = if prehashed {
        key.key
            .verify_strict(&Blake2b512::digest(message), &signature)
    } else {
        key.key.verify_strict(message, &signature)
    };
    if ok.is_err() {
        return Ok(SignatureCheck::Invalid(
            "the signature does not match the file: it was changed after signing, or signed by another key"
                .into(),
        ));
    }
    let mut lines = text
        .lines()
        .skip_while(|l| !l.starts_with("trusted comment:"));
    let (Some(comment), Some(global)) = (lines.next(), lines.next()) else {
        return Ok(SignatureCheck::Invalid(
            "the signature has no trusted comment".into(),
        ));
    };
    let comment = comment["trusted comment:".len()..].trim_start_matches(' ');
    let global = B64
        .decode(global.trim())
        .ok()
        .and_then(|g| <[u8; 64]>::try_from(g.as_slice()).ok())
        .map(|g| Signature::from_bytes(&g));
    let mut signed = raw.to_vec();
    signed.extend_from_slice(comment.as_bytes());
    match global {
        Some(g) if key.key.verify(&signed, &g).is_ok() => Ok(SignatureCheck::Valid {
            key_id: key_id_hex(id),
            trusted_comment: comment.to_owned(),
        }),
        _ => Ok(SignatureCheck::Invalid(
            "the trusted comment's signature does not match: the comment was changed".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_with_its_key_only_and_not_after_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let (sk, pk, id) = keygen(&dir.path().join("k")).unwrap();
        let (_, _, _) = keygen(&dir.path().join("other")).unwrap();
        assert!(matches!(
            keygen(&dir.path().join("k")),
            Err(SignError::Exists(_))
        ));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&sk).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let file = dir.path().join("m.json");
        std::fs::write(&file, b"{\"a\": 1}\n").unwrap();
        let sig = sign_file(&file, &sk, &dir.path().join("p.sanad")).unwrap();
        assert_eq!(sig, dir.path().join("m.json.sig"));
        let key = PublicKey::read(&pk).unwrap();
        assert_eq!(key_id_hex(key.id), id);
        let good = check(b"{\"a\": 1}\n", &sig, &key).unwrap();
        assert!(matches!(good, SignatureCheck::Valid { .. }), "{good:?}");
        let other = PublicKey::read(&dir.path().join("other.pub")).unwrap();
        assert!(matches!(
            check(b"{\"a\": 1}\n", &sig, &other).unwrap(),
            SignatureCheck::Invalid(_)
        ));
        assert!(matches!(
            check(b"{\"a\": 2}\n", &sig, &key).unwrap(),
            SignatureCheck::Invalid(_)
        ));
        // The trusted comment is signed too.
        let text = std::fs::read_to_string(&sig).unwrap();
        std::fs::write(&sig, text.replace("timestamp:", "timestamp:1")).unwrap();
        assert!(matches!(
            check(b"{\"a\": 1}\n", &sig, &key).unwrap(),
            SignatureCheck::Invalid(_)
        ));
    }
}

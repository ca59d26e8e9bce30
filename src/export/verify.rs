//! `sanad verify EXPORT`: checks an export against its manifest ([`super::manifest`]) and,
//! with a public key, the manifest's signature ([`super::sign`]).

use super::manifest::{MANIFEST_NAME, Manifest, beside, folder_files, hash_file};
use super::sign::{PublicKey, SignError, SignatureCheck, signature_path};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Why an export could not be checked at all (a mismatch is a [`Report`], not an error).
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// No manifest where one should be.
    #[error("no export manifest found (a folder export holds manifest.json; a file export has NAME.manifest.json beside it): {}", .0.display())]
    NoManifest(PathBuf),
    /// The manifest cannot be read or is not a manifest.
    #[error("the manifest cannot be read ({reason}): {}", .path.display())]
    BadManifest {
        /// Why.
        reason: String,
        /// The manifest.
        path: PathBuf,
    },
    /// A key or signature file is unreadable or of the wrong kind.
    #[error(transparent)]
    Sign(#[from] SignError),
}

/// A file whose bytes differ from the manifest's record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Modified {
    /// Its path relative to the manifest's folder.
    pub path: String,
    /// The manifest's SHA-256 and size in bytes.
    pub expected: (String, u64),
    /// The file's SHA-256 and size in bytes now.
    pub actual: (String, u64),
}

/// What checking an export found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The manifest read.
    pub manifest_path: PathBuf,
    /// The manifest.
    pub manifest: Manifest,
    /// Files that match (path relative to the manifest's folder).
    pub unchanged: Vec<String>,
    /// Files whose hash or size differ.
    pub modified: Vec<Modified>,
    /// Files the manifest lists that are not there.
    pub missing: Vec<String>,
    /// Files in an exported folder that the manifest does not list (folder exports only).
    pub extra: Vec<String>,
    /// The signature check, when a key was given.
    pub signature: Option<SignatureCheck>,
}

impl Report {
    /// Did everything match (and the signature, if checked, verify)?
    pub fn ok(&self) -> bool {
        self.modified.is_empty()
            && self.missing.is_empty()
            && self.extra.is_empty()
            && !matches!(self.signature, Some(SignatureCheck::Invalid(_)))
    }

    /// The report, one finding a line (`modified: PATH (…)`, `missing: PATH`, `extra: PATH`,
    /// `signature: …`), then a last line `OK …` or `FAILED …`.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for m in &self.modified {
            out.push(format!(
                "modified: {} (sha256 {} expected {}; {} bytes, expected {})",
                m.path, m.actual.0, m.expected.0, m.actual.1, m.expected.1
            ));
        }
        for p in &self.missing {
            out.push(format!("missing: {p}"));
        }
        for p in &self.extra {
            out.push(format!("extra: {p}"));
        }
        match &self.signature {
            Some(SignatureCheck::Valid {
                key_id,
                trusted_comment,
            }) => out.push(format!(
                "signature: valid, key {key_id} (trusted comment: {trusted_comment})"
            )),
            Some(SignatureCheck::Invalid(why)) => out.push(format!("signature: INVALID: {why}")),
            None => {}
        }
        let summary = format!(
            "{} file(s) unchanged, {} modified, {} missing, {} extra; {} document(s) exported {} as {} from project {}",
            self.unchanged.len(),
            self.modified.len(),
            self.missing.len(),
            self.extra.len(),
            self.manifest.documents.len(),
            self.manifest.exported_at,
            self.manifest.format,
            self.manifest.project_id
        );
        out.push(if self.ok() {
            format!("OK: {summary}")
        } else {
            format!("FAILED: {summary}")
        });
        out
    }
}

/// The manifest of the export at `path`: `path/manifest.json` for a folder, `path` itself when
/// it is a manifest (`*.manifest.json` or `manifest.json`), else `NAME.manifest.json` beside
/// the file `path`.
///
/// # Errors
/// [`VerifyError::NoManifest`].
pub fn locate(path: &Path) -> Result<PathBuf, VerifyError> {
    let candidate = if path.is_dir() {
        path.join(MANIFEST_NAME)
    } else {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name == MANIFEST_NAME || name.ends_with(".manifest.json") {
            path.to_owned()
        } else {
            beside(path)
        }
    };
    if candidate.is_file() {
        Ok(candidate)
    } else {
        Err(VerifyError::NoManifest(path.to_owned()))
    }
}

/// Checks the export at `path` (folder, file, or its manifest): every file the manifest lists
/// is hashed and its size compared; in a folder export every other file (the manifest and its
/// `.sig` aside) is reported extra. With `key` (a minisign public key file) the manifest's
/// signature `manifest.json.sig` (or `NAME.manifest.json.sig`) is checked over the manifest's
/// exact bytes; a missing signature is then [`SignatureCheck::Invalid`].
///
/// # Errors
/// [`VerifyError`] when the export cannot be checked at all.
pub fn verify(path: &Path, key: Option<&Path>) -> Result<Report, VerifyError> {
    let manifest_path = locate(path)?;
    let bad = |reason: String| VerifyError::BadManifest {
        reason,
        path: manifest_path.clone(),
    };
    let bytes = std::fs::read(&manifest_path).map_err(|e| bad(e.to_string()))?;
    let signature = match key {
        None => None,
        Some(key) => {
            let key = PublicKey::read(key)?;
            let sig = signature_path(&manifest_path);
            Some(if sig.is_file() {
                super::sign::check(&bytes, &sig, &key)?
            } else {
                SignatureCheck::Invalid(format!("no signature file {}", sig.display()))
            })
        }
    };
    let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|e| bad(e.to_string()))?;
    let root = manifest_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let mut report = Report {
        manifest_path: manifest_path.clone(),
        manifest: manifest.clone(),
        unchanged: Vec::new(),
        modified: Vec::new(),
        missing: Vec::new(),
        extra: Vec::new(),
        signature,
    };
    let listed: BTreeMap<&str, _> = manifest
        .files
        .iter()
        .map(|f| (f.path.as_str(), f))
        .collect();
    for (rel, entry) in &listed {
        // A listed path never leaves the manifest's folder.
        let parts: Vec<&str> = rel.split('/').collect();
        if parts
            .iter()
            .any(|p| p.is_empty() || *p == "." || *p == "..")
        {
            return Err(bad(format!("a file path leaves the export: {rel}")));
        }
        let file = parts.iter().fold(root.clone(), |p, c| p.join(c));
        match std::fs::symlink_metadata(&file) {
            Ok(m) if m.is_file() => {
                let (sha256, size) = hash_file(&file).map_err(|e| bad(e.to_string()))?;
                if sha256 == entry.sha256 && size == entry.size {
                    report.unchanged.push((*rel).to_owned());
                } else {
                    report.modified.push(Modified {
                        path: (*rel).to_owned(),
                        expected: (entry.sha256.clone(), entry.size),
                        actual: (sha256, size),
                    });
                }
            }
            Ok(_) => report.modified.push(Modified {
                path: (*rel).to_owned(),
                expected: (entry.sha256.clone(), entry.size),
                actual: ("(not a regular file)".into(), 0),
            }),
            Err(_) => report.missing.push((*rel).to_owned()),
        }
    }
    if manifest.layout == "folder" {
        let present: BTreeSet<String> = folder_files(&root)
            .map_err(|e| bad(e.to_string()))?
            .into_iter()
            .map(|(rel, _)| rel)
            .collect();
        report.extra = present
            .into_iter()
            .filter(|p| !listed.contains_key(p.as_str()))
            .collect();
    }
    Ok(report)
}

//! The manifest every export writes beside its output: what was exported, from which project,
//! under which scheme, and the SHA-256 and size in bytes of every file written, so that a
//! recipient can check (`sanad verify`, [`super::verify`]) that nothing changed since.
//!
//! Where it goes ([`manifest_path`]):
//! - a folder export (brat, WebAnno TSV, Hugging Face): `FOLDER/manifest.json`, inside the
//!   folder, written before the folder is renamed into place (so the folder and its manifest
//!   appear together); it lists every other file below the folder (the `.sanad-export` marker
//!   included), and a verifier reports any file not listed as extra;
//! - a file export: `NAME.manifest.json` beside `NAME` (written atomically once the export is
//!   in place), listing `NAME` and, for Label Studio, its labelling config.
//!
//! The manifest is pretty-printed JSON and deterministic apart from `exported_at`: documents in
//! export order, files sorted by path, counts and annotators sorted by name.

use super::jsonl::{ExportError, JsonlDocument};
use crate::model::{LabelScheme, sha256_hex};
use crate::store::authorship::Authorship;
use crate::store::{Project, StoreError};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// The manifest's name inside an exported folder.
pub const MANIFEST_NAME: &str = "manifest.json";

/// What [`MANIFEST_NAME`]'s layout version is (bumped when a field changes meaning).
pub const MANIFEST_VERSION: u32 = 1;

/// The manifest of one export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`MANIFEST_VERSION`].
    pub manifest_version: u32,
    /// The Sanad version that wrote the export (`CARGO_PKG_VERSION`).
    pub sanad_version: String,
    /// The project's id ([`project_id`]).
    pub project_id: String,
    /// When the export was written: RFC 3339, UTC.
    pub exported_at: String,
    /// The format's command-line name (`jsonl`, `brat`, ...).
    pub format: String,
    /// The unit of the exported offsets, in words (or JSONL's unit name).
    pub offset_unit: String,
    /// `folder` or `file`.
    pub layout: String,
    /// [`scheme_sha256`] of the project's scheme.
    pub scheme_sha256: String,
    /// The project's audit chain head at export time: `row_hash` (lowercase hex) of its last
    /// audit row (`src/store/chain.rs`); `None` for a project without audit rows, and absent
    /// from manifests written before it existed. A later `sanad verify PROJECT` prints the
    /// head, so a recipient holding this manifest can tell the history was not cut short or
    /// rewritten since.
    #[serde(default)]
    pub audit_chain_head: Option<String>,
    /// Every exported document, in export order.
    pub documents: Vec<DocumentEntry>,
    /// Exported spans per label name.
    pub spans_per_label: BTreeMap<String, usize>,
    /// Everyone who made or last changed an exported span (audit-log actors), sorted.
    pub annotators: Vec<String>,
    /// Every output file, sorted by path.
    pub files: Vec<FileEntry>,
}

/// One exported document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentEntry {
    /// Project document id.
    pub id: i64,
    /// Its path below the imported folder (`/`-separated).
    pub path: String,
    /// SHA-256 (lowercase hex) of the original file's bytes, as recorded at import.
    pub source_sha256: String,
    /// SHA-256 of the text exported (UTF-8 bytes).
    pub text_sha256: String,
    /// Spans exported for it.
    pub spans: usize,
}

/// One output file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Path relative to the manifest's folder, `/`-separated.
    pub path: String,
    /// SHA-256 of its bytes, lowercase hex.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
}

/// The part of a manifest known before anything is written.
#[derive(Clone, Debug)]
pub struct Header {
    project_id: String,
    exported_at: String,
    format: String,
    offset_unit: String,
    scheme_sha256: String,
    audit_chain_head: Option<String>,
}

impl Header {
    /// The header of an export of `project` in `format` with offsets in `offset_unit`, timed
    /// now.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn new(
        project: &Project,
        format: super::Format,
        offset_unit: &str,
    ) -> Result<Self, ExportError> {
        Ok(Self {
            project_id: project_id(project)?,
            exported_at: crate::store::project::now_rfc3339(),
            format: format.as_str().to_owned(),
            offset_unit: offset_unit.to_owned(),
            scheme_sha256: scheme_sha256(&project.scheme()?),
            audit_chain_head: project.audit_chain_head()?.map(|(_, h)| h),
        })
    }
}

/// What was exported: documents, spans per label, annotators.
#[derive(Clone, Debug, Default)]
pub struct Content {
    documents: Vec<DocumentEntry>,
    spans_per_label: BTreeMap<String, usize>,
    annotators: BTreeSet<String>,
}

impl Content {
    /// From the JSONL records (offsets in any unit; only labels and ids are read), with the
    /// project's [`Project::annotation_authorship`].
    pub fn from_jsonl(docs: &[JsonlDocument], authors: &HashMap<i64, Authorship>) -> Self {
        let mut c = Self::default();
        for d in docs {
            for s in &d.spans {
                *c.spans_per_label.entry(s.label.clone()).or_default() += 1;
                if let Some(a) = authors.get(&s.id) {
                    c.add_authors(a);
                }
            }
            c.documents.push(DocumentEntry {
                id: d.id,
                path: d.path.clone(),
                source_sha256: d.sha256.clone(),
                text_sha256: sha256_hex(d.text.as_bytes()),
                spans: d.spans.len(),
            });
        }
        c
    }

    /// From the spreadsheet records, with each document's source hash by id (`sources`, from
    /// [`Project::document_index`]).
    pub fn from_corpus(corpus: &super::rows::Corpus, sources: &HashMap<i64, String>) -> Self {
        let mut c = Self::default();
        for d in &corpus.documents {
            for s in &d.spans {
                *c.spans_per_label.entry(s.label.clone()).or_default() += 1;
                c.add_authors(&s.authorship);
            }
            c.documents.push(DocumentEntry {
                id: d.id,
                path: d.path.clone(),
                source_sha256: sources.get(&d.id).cloned().unwrap_or_default(),
                text_sha256: sha256_hex(d.text.as_bytes()),
                spans: d.spans.len(),
            });
        }
        c
    }

    fn add_authors(&mut self, a: &Authorship) {
        for name in [&a.annotator, &a.changed_by] {
            if !name.is_empty() {
                self.annotators.insert(name.clone());
            }
        }
    }
}

/// The project's id: the `project_id` stored in its `meta` table (a random 128-bit hex value
/// given at creation), or, for projects made before Sanad stored one, `created-` followed by the
/// first 32 hex digits of the SHA-256 of `sanad-project\n` + its `created_at` time (stable for
/// the project and its copies; two projects created in the same nanosecond would share it).
///
/// # Errors
/// SQLite errors.
pub fn project_id(project: &Project) -> Result<String, StoreError> {
    // One rule for exports and the audit chain's genesis (src/store/chain.rs).
    project.project_id()
}

/// SHA-256 (lowercase hex) of the scheme's canonical form: the compact JSON
/// `{"labels":[{"attributes":[{"name":…,"values":[…]}],"name":…}],"relations":[{"child":[…],"head":[…],"name":…}]}`
/// with object keys sorted and every list sorted (labels, attributes and relation types by
/// name; values, heads and children as strings). Colours, keys, descriptions and the scheme's
/// name are presentation and left out, as is palette order.
pub fn scheme_sha256(scheme: &LabelScheme) -> String {
    let sorted = |v: &[String]| {
        let mut v = v.to_vec();
        v.sort();
        v
    };
    let mut labels: Vec<serde_json::Value> = scheme
        .labels
        .iter()
        .map(|l| {
            let mut attributes: Vec<(String, Vec<String>)> = l
                .attributes
                .iter()
                .map(|a| (a.name.clone(), sorted(&a.values)))
                .collect();
            attributes.sort();
            serde_json::json!({
                "name": l.name,
                "attributes": attributes
                    .into_iter()
                    .map(|(name, values)| serde_json::json!({"name": name, "values": values}))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    labels.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    let mut relations: Vec<serde_json::Value> = scheme
        .relations
        .iter()
        .map(|r| serde_json::json!({"name": r.name, "head": sorted(&r.head), "child": sorted(&r.child)}))
        .collect();
    relations.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    let canonical = serde_json::json!({"labels": labels, "relations": relations});
    sha256_hex(canonical.to_string().as_bytes())
}

/// Where the manifest of an export at `path` goes: `path/manifest.json` for a folder format,
/// `NAME.manifest.json` beside a file `NAME`.
pub fn manifest_path(format: super::Format, path: &Path) -> PathBuf {
    if format.is_folder() {
        path.join(MANIFEST_NAME)
    } else {
        beside(path)
    }
}

/// `NAME.manifest.json` beside the file `NAME`.
pub fn beside(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".manifest.json");
    path.with_file_name(name)
}

/// Is `name` (a file name) an export manifest or its signature (`manifest.json`,
/// `NAME.manifest.json`, either with `.sig`)? Importers skip these.
pub fn is_manifest_name(name: &str) -> bool {
    let name = name.strip_suffix(".sig").unwrap_or(name);
    name == MANIFEST_NAME || name.ends_with(".manifest.json")
}

/// SHA-256 (lowercase hex) and size in bytes of the file at `path`, read in 64 KiB pieces.
///
/// # Errors
/// I/O errors.
pub fn hash_file(path: &Path) -> std::io::Result<(String, u64)> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = std::io::Read::read(&mut file, &mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        size += n as u64;
    }
    Ok((format!("{:x}", hasher.finalize()), size))
}

/// Every entry below `root` as (`/`-separated relative path, is a regular file), sorted,
/// without the top-level manifest and its signature; folders are walked, not listed.
///
/// # Errors
/// I/O errors.
pub fn folder_files(root: &Path) -> std::io::Result<Vec<(String, bool)>> {
    let mut out = Vec::new();
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = format!("{prefix}{name}");
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push((entry.path(), format!("{rel}/")));
            } else if rel != MANIFEST_NAME && rel != super::sign::signature_name(MANIFEST_NAME) {
                out.push((rel, kind.is_file()));
            }
        }
    }
    out.sort();
    Ok(out)
}

fn assemble(header: &Header, content: &Content, layout: &str, files: Vec<FileEntry>) -> Manifest {
    Manifest {
        manifest_version: MANIFEST_VERSION,
        sanad_version: env!("CARGO_PKG_VERSION").to_owned(),
        project_id: header.project_id.clone(),
        exported_at: header.exported_at.clone(),
        format: header.format.clone(),
        offset_unit: header.offset_unit.clone(),
        layout: layout.to_owned(),
        scheme_sha256: header.scheme_sha256.clone(),
        audit_chain_head: header.audit_chain_head.clone(),
        documents: content.documents.clone(),
        spans_per_label: content.spans_per_label.clone(),
        annotators: content.annotators.iter().cloned().collect(),
        files,
    }
}

/// The manifest's bytes: pretty-printed JSON and a line break.
///
/// # Errors
/// [`ExportError::Json`].
pub fn to_bytes(manifest: &Manifest) -> Result<Vec<u8>, ExportError> {
    let mut bytes = serde_json::to_vec_pretty(manifest)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Hashes every file below the (temporary) export folder `root` and writes
/// `root/manifest.json`; called before the folder is synced and renamed into place.
///
/// # Errors
/// I/O and serialising errors.
pub fn write_into_folder(
    root: &Path,
    header: &Header,
    content: &Content,
) -> Result<(), ExportError> {
    let mut files = Vec::new();
    for (rel, _) in folder_files(root)? {
        let path = rel.split('/').fold(root.to_path_buf(), |p, c| p.join(c));
        let (sha256, size) = hash_file(&path)?;
        files.push(FileEntry {
            path: rel,
            sha256,
            size,
        });
    }
    let manifest = assemble(header, content, "folder", files);
    std::fs::write(root.join(MANIFEST_NAME), to_bytes(&manifest)?)?;
    Ok(())
}

/// Hashes the written files `outputs` (all in one folder, the export file first) and writes
/// `NAME.manifest.json` beside the first, atomically; returns its path.
///
/// # Errors
/// I/O and serialising errors, and [`super::file::write_atomically`]'s.
pub fn write_beside(
    outputs: &[PathBuf],
    project: &Path,
    header: &Header,
    content: &Content,
) -> Result<PathBuf, ExportError> {
    let Some(first) = outputs.first() else {
        return Err(ExportError::Options("nothing was written".into()));
    };
    let mut files = Vec::new();
    for p in outputs {
        let (sha256, size) = hash_file(p)?;
        files.push(FileEntry {
            path: p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            sha256,
            size,
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let manifest = assemble(header, content, "file", files);
    let bytes = to_bytes(&manifest)?;
    let target = beside(first);
    super::file::write_atomically(&target, project, |out| Ok(out.write_all(&bytes)?))?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scheme_hash_ignores_order_and_presentation_but_not_meaning() {
        let scheme = LabelScheme::default_scheme().unwrap();
        let base = scheme_sha256(&scheme);
        let mut shuffled = scheme.clone();
        shuffled.labels.reverse();
        shuffled.relations.reverse();
        shuffled.name = "another name".into();
        shuffled.labels[0].color = "#000000".into();
        assert_eq!(scheme_sha256(&shuffled), base);
        let mut renamed = scheme.clone();
        renamed.labels[0].name.push('X');
        assert_ne!(scheme_sha256(&renamed), base);
        assert_eq!(base.len(), 64);
    }

    #[test]
    fn a_file_manifest_sits_beside_and_a_folder_manifest_inside() {
        assert_eq!(
            manifest_path(super::super::Format::Jsonl, Path::new("/x/out.jsonl")),
            Path::new("/x/out.jsonl.manifest.json")
        );
        assert_eq!(
            manifest_path(super::super::Format::Brat, Path::new("/x/out")),
            Path::new("/x/out/manifest.json")
        );
    }
}

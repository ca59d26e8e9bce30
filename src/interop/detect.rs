//! Finding the annotation files under an import path and telling their format.
//!
//! A folder is walked (hidden entries and symbolic links are not followed). The format is told
//! from the files: `.ann` files make it brat; `.jsonl` files are a Sanad export when their first
//! line has `offset_unit` and `spans`, doccano otherwise; `.json` files are a Label Studio
//! export; `.tsv` files starting `#FORMAT=WebAnno TSV 3` are WebAnno TSV; `.conll`, `.iob`,
//! `.iob2`, `.bio`, `.bioes` files are CoNLL (with the `.txt` of the same name, if any). `--format` forces one. A folder with none of these is plain text (the `.txt` import).

use super::offsets::OffsetUnit;
use super::{InteropError, ParsedCorpus, ParsedFile, SourceBytes, SourceScheme};
use crate::corpus::decode::{decode, decode_as};
use encoding_rs::Encoding;
use std::path::{Path, PathBuf};

/// An annotation format Sanad reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// brat standoff (`.txt` + `.ann`, `annotation.conf`).
    Brat,
    /// doccano JSONL.
    Doccano,
    /// Label Studio JSON export.
    LabelStudio,
    /// Sanad's own JSONL export.
    SanadJsonl,
    /// WebAnno TSV 3.3 (INCEpTION).
    WebAnno,
    /// CoNLL token tables with IOB2 or BIOES tags.
    Conll,
}

impl Format {
    /// Parses a `--format` name: `brat`, `doccano`, `label-studio`, `sanad` (or `jsonl`).
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "brat" | "standoff" => Some(Self::Brat),
            "doccano" => Some(Self::Doccano),
            "label-studio" | "labelstudio" | "ls" => Some(Self::LabelStudio),
            "sanad" | "sanad-jsonl" | "jsonl" => Some(Self::SanadJsonl),
            "webanno" | "webanno-tsv" | "inception" | "tsv" => Some(Self::WebAnno),
            "conll" | "iob" | "iob2" | "bio" | "bioes" => Some(Self::Conll),
            _ => None,
        }
    }

    /// The name in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Brat => "brat",
            Self::Doccano => "doccano",
            Self::LabelStudio => "label-studio",
            Self::SanadJsonl => "sanad",
            Self::WebAnno => "webanno",
            Self::Conll => "conll",
        }
    }
}

/// Extensions of CoNLL files.
const CONLL: &[&str] = &["conll", "iob", "iob2", "bio", "bioes"];

/// How to read.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReadOptions {
    /// Force this format.
    pub format: Option<Format>,
    /// The offset unit of formats that do not say (doccano); UTF-16 by default.
    pub unit: OffsetUnit,
    /// Decode brat `.txt` files as this encoding instead of detecting one.
    pub encoding: Option<&'static Encoding>,
}

/// Files below `root` (or `root` itself when it is a file): (path below root, full path), sorted.
fn list(root: &Path) -> Result<Vec<(String, PathBuf)>, InteropError> {
    let read_err = |e: std::io::Error, p: &Path| InteropError::Read {
        message: e.to_string(),
        path: p.display().to_string(),
    };
    if root.is_file() {
        let name = root
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        return Ok(vec![(name, root.to_owned())]);
    }
    let mut out = Vec::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| read_err(e, &dir))? {
            let entry = entry.map_err(|e| read_err(e, &dir))?;
            if entry.file_name().as_encoded_bytes().starts_with(b".")
                || crate::export::manifest::is_manifest_name(&entry.file_name().to_string_lossy())
            {
                continue;
            }
            let kind = entry.file_type().map_err(|e| read_err(e, &entry.path()))?;
            let path = entry.path();
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                let rel = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .components()
                    .map(|c| crate::corpus::import::escape_name(c.as_os_str()))
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((rel, path));
            }
        }
    }
    out.sort();
    Ok(out)
}

fn ext(rel: &str) -> String {
    rel.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// The format of the files under `root`, or `None` when none is an annotation file.
fn detect(files: &[(String, PathBuf)]) -> Option<Format> {
    let has = |e: &str| files.iter().any(|(r, _)| ext(r) == e);
    if has("ann") {
        return Some(Format::Brat);
    }
    if let Some((_, p)) = files.iter().find(|(r, _)| ext(r) == "jsonl") {
        let first = std::fs::read_to_string(p)
            .ok()
            .and_then(|s| s.lines().find(|l| !l.trim().is_empty()).map(str::to_owned))
            .and_then(|l| serde_json::from_str::<serde_json::Value>(&l).ok());
        return Some(match first {
            Some(v) if super::sanad_jsonl::looks_like(&v) => Format::SanadJsonl,
            _ => Format::Doccano,
        });
    }
    if has("json") {
        return Some(Format::LabelStudio);
    }
    let webanno = files.iter().any(|(r, p)| {
        ext(r) == "tsv" && std::fs::read_to_string(p).is_ok_and(|s| super::webanno::looks_like(&s))
    });
    if webanno {
        return Some(Format::WebAnno);
    }
    files
        .iter()
        .any(|(r, _)| CONLL.contains(&ext(r).as_str()))
        .then_some(Format::Conll)
}

/// Reads the annotation files under `root` (a folder or one file). `Ok(None)` when there are
/// none (a folder of plain `.txt` files) and no format was forced.
///
/// # Errors
/// [`InteropError::Read`] when `root` cannot be listed.
pub fn read_path(root: &Path, options: &ReadOptions) -> Result<Option<ParsedCorpus>, InteropError> {
    let files = list(root)?;
    let Some(format) = options.format.or_else(|| detect(&files)) else {
        return Ok(None);
    };
    let mut corpus = ParsedCorpus {
        format,
        files: Vec::new(),
        scheme: SourceScheme::default(),
        passed_over: Vec::new(),
    };
    let read_text = |p: &Path| -> Result<String, String> {
        let bytes = std::fs::read(p).map_err(|e| format!("cannot read ({e})"))?;
        if bytes.is_empty() {
            return Ok(String::new()); // an empty .ann: a text without annotations
        }
        decode(&bytes).map(|d| d.text).map_err(|e| e.to_string())
    };
    let wanted: &[&str] = match format {
        Format::Brat => &["ann", "txt", "conf"],
        Format::Doccano | Format::SanadJsonl => &["jsonl"],
        Format::LabelStudio => &["json"],
        Format::WebAnno => &["tsv"],
        Format::Conll => &["conll", "iob", "iob2", "bio", "bioes", "txt"],
    };
    for (rel, _) in &files {
        if !wanted.contains(&ext(rel).as_str()) {
            corpus
                .passed_over
                .push((rel.clone(), format!("not a {} file", format.as_str())));
        }
    }
    let failed = |rel: &str, e: String| ParsedFile {
        path: rel.to_owned(),
        error: Some(e),
        ..ParsedFile::default()
    };
    match format {
        Format::Brat => {
            for (rel, path) in files.iter().filter(|(r, _)| ext(r) == "conf") {
                if rel.rsplit('/').next() == Some("annotation.conf") && corpus.scheme.path.is_none()
                {
                    match read_text(path) {
                        Ok(conf) => corpus.scheme = super::brat::read_conf(rel, &conf),
                        Err(e) => corpus.passed_over.push((rel.clone(), e)),
                    }
                } else if rel.rsplit('/').next() != Some("annotation.conf") {
                    corpus.passed_over.push((
                        rel.clone(),
                        "brat display or tool settings (not needed)".into(),
                    ));
                }
            }
            let stem = |r: &str| r[..r.len() - 4].to_owned();
            let txts: std::collections::HashMap<String, &PathBuf> = files
                .iter()
                .filter(|(r, _)| ext(r) == "txt")
                .map(|(r, p)| (stem(r), p))
                .collect();
            let anns: std::collections::HashSet<String> = files
                .iter()
                .filter(|(r, _)| ext(r) == "ann")
                .map(|(r, _)| stem(r))
                .collect();
            for (rel, path) in files
                .iter()
                .filter(|(r, _)| ext(r) == "ann" || ext(r) == "txt")
            {
                let s = stem(rel);
                let is_ann = ext(rel) == "ann";
                if !is_ann && anns.contains(&s) {
                    continue; // read with its .ann
                }
                let (txt_rel, txt_path, ann) = if is_ann {
                    let Some(txt) = txts.get(&s) else {
                        corpus
                            .files
                            .push(failed(rel, "no .txt of the same name beside it".into()));
                        continue;
                    };
                    let ann = match read_text(path) {
                        Ok(a) => a,
                        Err(e) => {
                            corpus.files.push(failed(rel, e));
                            continue;
                        }
                    };
                    (format!("{s}.{}", &txt_name_ext(txt)), *txt, ann)
                } else {
                    (rel.clone(), path, String::new())
                };
                let bytes = match std::fs::read(txt_path) {
                    Ok(b) => b,
                    Err(e) => {
                        corpus
                            .files
                            .push(failed(&txt_rel, format!("cannot read ({e})")));
                        continue;
                    }
                };
                let decoded = match options.encoding {
                    Some(enc) => decode_as(&bytes, enc),
                    None => decode(&bytes),
                };
                let decoded = match decoded {
                    Ok(d) => d,
                    Err(e) => {
                        corpus.files.push(failed(&txt_rel, e.to_string()));
                        continue;
                    }
                };
                let source = SourceBytes {
                    sha256: crate::model::sha256_hex(&bytes),
                    encoding: decoded.encoding.to_owned(),
                    byte_len: bytes.len(),
                    bom: decoded.bom,
                    guessed: decoded.guessed,
                };
                let report_path = if is_ann { rel.clone() } else { txt_rel.clone() };
                corpus.files.push(super::brat::read_ann(
                    &txt_rel,
                    &report_path,
                    &decoded.text,
                    &ann,
                    source,
                ));
            }
        }
        Format::Conll => {
            for (rel, path) in files
                .iter()
                .filter(|(r, _)| CONLL.contains(&ext(r).as_str()))
            {
                let content = match read_text(path) {
                    Ok(c) => c,
                    Err(e) => {
                        corpus.files.push(failed(rel, e));
                        continue;
                    }
                };
                let txt = path.with_extension("txt");
                let text = match std::fs::read(&txt) {
                    Ok(bytes) => {
                        let decoded = match options.encoding {
                            Some(enc) => decode_as(&bytes, enc),
                            None => decode(&bytes),
                        };
                        match decoded {
                            Ok(d) => Some((
                                d.text,
                                SourceBytes {
                                    sha256: crate::model::sha256_hex(&bytes),
                                    encoding: d.encoding.to_owned(),
                                    byte_len: bytes.len(),
                                    bom: d.bom,
                                    guessed: d.guessed,
                                },
                            )),
                            Err(e) => {
                                corpus
                                    .files
                                    .push(failed(rel, format!("its .txt cannot be decoded ({e})")));
                                continue;
                            }
                        }
                    }
                    Err(_) => None,
                };
                corpus.files.push(super::conll::read(rel, &content, text));
            }
        }
        Format::Doccano | Format::SanadJsonl | Format::LabelStudio | Format::WebAnno => {
            for (rel, path) in files
                .iter()
                .filter(|(r, _)| wanted.contains(&ext(r).as_str()))
            {
                let content = match read_text(path) {
                    Ok(c) => c,
                    Err(e) => {
                        corpus.files.push(failed(rel, e));
                        continue;
                    }
                };
                corpus.files.push(match format {
                    Format::Doccano => super::doccano::read(rel, &content, options.unit),
                    Format::SanadJsonl => super::sanad_jsonl::read(rel, &content),
                    Format::WebAnno => super::webanno::read(rel, &content),
                    _ => super::label_studio::read(rel, &content),
                });
            }
        }
    }
    Ok(Some(corpus))
}

/// The extension of a `.txt` path as written (`txt` or `TXT`).
fn txt_name_ext(p: &Path) -> String {
    p.extension()
        .map_or_else(|| "txt".into(), |e| e.to_string_lossy().into_owned())
}

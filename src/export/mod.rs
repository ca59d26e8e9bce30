//! Exports. Each format says which offset unit it uses:
//!
//! | format | module | unit |
//! |---|---|---|
//! | `jsonl` (Sanad's own) | [`jsonl`] | code points by default; `utf16`, `utf8`, `grapheme` on request; stated on each line |
//! | `brat` (folder) | [`brat`] | code points |
//! | `doccano` (JSONL) | [`doccano`] | UTF-16 code units |
//! | `label-studio` (JSON + config XML) | [`label_studio`] | code points |
//! | `webanno-tsv` (folder) | [`webanno`] | UTF-16 code units |
//! | `conll` | [`conll`] | tokens (no offsets) |
//! | `csv`, `xlsx` | [`csv`], [`xlsx`] | code points |
//! | `hf` (folder) | [`hf`] | code points (tokens: [`hf_tokens`]) |
//! | `w3c` (JSON-LD) | [`w3c`] | code points |
//! | `refi-qda` (`.qdpx`) | [`refi_qda`] | code points |
//!
//! Every writer reads the same records ([`jsonl::documents`], code points) and converts at its
//! edge; every output is written atomically (a file through a temporary file, a folder through
//! a temporary folder, see [`file`]).

pub mod brat;
pub mod conll;
pub mod csv;
pub mod doccano;
pub mod file;
pub mod folder;
pub mod hf;
pub mod hf_tokens;
pub mod jsonl;
pub mod label_studio;
pub mod manifest;
pub mod progress;
pub mod provenance;
pub mod pseudonym;
pub mod refi_qda;
pub mod rows;
pub mod sign;
pub mod tokens;
pub mod units;
pub mod verify;
pub mod w3c;
pub mod webanno;
pub mod xlsx;

pub use jsonl::{
    ExportError, ExportOptions, ExportSummary, OffsetExtras, Scope, write_jsonl, write_jsonl_file,
};
pub use progress::Progress;

use crate::store::Project;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Sanad JSONL.
    Jsonl,
    /// brat standoff folder.
    Brat,
    /// doccano JSONL.
    Doccano,
    /// Label Studio JSON tasks and labelling config.
    LabelStudio,
    /// WebAnno TSV 3.3 folder (INCEpTION).
    WebannoTsv,
    /// CoNLL IOB2/BIOES.
    Conll,
    /// W3C Web Annotation JSON-LD.
    W3c,
    /// Hugging Face `datasets` folder.
    Hf,
    /// CSV, one row per annotation.
    Csv,
    /// XLSX workbook, one row per annotation and counts per label.
    Xlsx,
    /// REFI-QDA project (`.qdpx`).
    RefiQda,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 11] = [
        Self::Jsonl,
        Self::Brat,
        Self::Doccano,
        Self::LabelStudio,
        Self::WebannoTsv,
        Self::Conll,
        Self::W3c,
        Self::Hf,
        Self::Csv,
        Self::Xlsx,
        Self::RefiQda,
    ];

    /// Parses a `--format` name.
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "jsonl" | "sanad" => Some(Self::Jsonl),
            "brat" => Some(Self::Brat),
            "doccano" => Some(Self::Doccano),
            "label-studio" | "labelstudio" => Some(Self::LabelStudio),
            "webanno-tsv" | "webanno" | "inception" => Some(Self::WebannoTsv),
            "conll" | "iob2" | "bioes" => Some(Self::Conll),
            "w3c" | "web-annotation" => Some(Self::W3c),
            "hf" | "huggingface" | "datasets" => Some(Self::Hf),
            "csv" => Some(Self::Csv),
            "xlsx" | "excel" => Some(Self::Xlsx),
            "refi-qda" | "refiqda" | "qdpx" => Some(Self::RefiQda),
            _ => None,
        }
    }

    /// The command-line name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Jsonl => "jsonl",
            Self::Brat => "brat",
            Self::Doccano => "doccano",
            Self::LabelStudio => "label-studio",
            Self::WebannoTsv => "webanno-tsv",
            Self::Conll => "conll",
            Self::W3c => "w3c",
            Self::Hf => "hf",
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
            Self::RefiQda => "refi-qda",
        }
    }

    /// A name for menus.
    pub fn title(self) -> &'static str {
        match self {
            Self::Jsonl => "Sanad JSONL",
            Self::Brat => "brat standoff (folder)",
            Self::Doccano => "doccano JSONL",
            Self::LabelStudio => "Label Studio JSON",
            Self::WebannoTsv => "WebAnno TSV 3.3 / INCEpTION (folder)",
            Self::Conll => "CoNLL (IOB2 / BIOES)",
            Self::W3c => "W3C Web Annotation (JSON-LD)",
            Self::Hf => "Hugging Face datasets (folder)",
            Self::Csv => "CSV (spreadsheet)",
            Self::Xlsx => "Excel workbook (XLSX)",
            Self::RefiQda => "REFI-QDA project (QDPX)",
        }
    }

    /// The offset unit, in words.
    pub fn unit(self) -> &'static str {
        match self {
            Self::Jsonl => "code points (or the unit chosen, stated on each line)",
            Self::Brat | Self::Csv | Self::Xlsx => "code points",
            Self::Doccano | Self::WebannoTsv => "UTF-16 code units",
            Self::LabelStudio => "code points",
            Self::Conll => "tokens",
            Self::W3c => "code points (TextPositionSelector)",
            Self::Hf => "code points (spans); UAX #29 word tokens (ner_tags)",
            Self::RefiQda => "code points (characters of the source text)",
        }
    }

    /// Does it write a folder (rather than one file)?
    pub fn is_folder(self) -> bool {
        matches!(self, Self::Brat | Self::WebannoTsv | Self::Hf)
    }

    /// The usual extension of its file (or suffix of its folder).
    pub fn extension(self) -> &'static str {
        match self {
            Self::Jsonl | Self::Doccano => "jsonl",
            Self::LabelStudio => "json",
            Self::Conll => "conll",
            Self::Brat => "brat",
            Self::WebannoTsv => "tsv",
            Self::W3c => "jsonld",
            Self::Hf => "hf",
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
            Self::RefiQda => "qdpx",
        }
    }

    /// Can it be written as one stream (to standard output)?
    pub fn is_stream(self) -> bool {
        matches!(
            self,
            Self::Jsonl | Self::Doccano | Self::Conll | Self::Csv | Self::W3c
        )
    }

    /// Is it read from the spreadsheet records ([`rows::load`]) rather than the JSONL ones?
    fn is_table(self) -> bool {
        matches!(
            self,
            Self::W3c | Self::Hf | Self::Csv | Self::Xlsx | Self::RefiQda
        )
    }
}

/// Everything an export needs besides the project and the target.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Request {
    /// The format.
    pub format: Option<Format>,
    /// Options shared by all formats (scope, invalid spans; history, unit, byte offsets and
    /// suggestions are JSONL's).
    pub options: ExportOptions,
    /// CoNLL's options.
    pub conll: conll::ConllOptions,
    /// CSV: start with a UTF-8 byte-order mark (for Excel).
    pub bom: bool,
    /// Pseudonymise labels, strip notes or annotators ([`pseudonym`]), in every format.
    pub anonymise: pseudonym::Anonymise,
}

/// Writes `project` in `format` to `path` (a file, or a folder for [`Format::is_folder`]),
/// atomically; Label Studio also writes its labelling config beside the tasks
/// ([`label_studio::config_path`]).
///
/// # Errors
/// [`ExportError`].
pub fn export_to(
    project: &Project,
    format: Format,
    request: &Request,
    path: &Path,
) -> Result<ExportSummary, ExportError> {
    export_to_with(project, format, request, path, &Progress::default())
}

/// [`export_to`], counting the documents read in `progress`; when `progress` is cancelled the
/// export stops and nothing is written (a cancel that comes while the output is written takes
/// effect before it is renamed into place).
///
/// Every format goes through [`file::write_atomically`] (one file through a temporary file),
/// [`file::write_folder_atomically`] (brat, WebAnno TSV) or
/// [`folder::write_folder_atomically`] (Hugging Face). Every export also writes its manifest
/// ([`manifest`]): `manifest.json` inside a folder (renamed into place with it), or
/// `NAME.manifest.json` beside a file (written atomically once the file is in place; the last
/// path in [`ExportSummary::written`]).
///
/// # Errors
/// [`ExportError`]; [`ExportError::Cancelled`].
pub fn export_to_with(
    project: &Project,
    format: Format,
    request: &Request,
    path: &Path,
    progress: &Progress,
) -> Result<ExportSummary, ExportError> {
    let options = &request.options;
    let unit = match format {
        Format::Jsonl => options.unit.as_str(),
        _ => format.unit(),
    };
    let header = manifest::Header::new(project, format, unit)?;
    let checked = |r: Result<ExportSummary, ExportError>| {
        let s = r?;
        progress.check()?;
        Ok(s)
    };
    let mut pseudonymiser = pseudonymiser(project, request)?;
    let (mut summary, content) = if format.is_table() {
        export_table(
            project,
            format,
            request,
            path,
            progress,
            &header,
            &mut pseudonymiser,
        )?
    } else {
        let mut docs = jsonl::documents_with(project, options, progress)?;
        let mut authors = project.annotation_authorship()?;
        pseudonymiser.apply_jsonl(&mut docs, &mut authors)?;
        progress.start_writing();
        let content = manifest::Content::from_jsonl(&docs, &authors);
        let summary = match format {
            Format::Jsonl => file::write_atomically(path, project.path(), |out| {
                checked(jsonl::write_documents(docs, options, out))
            })?,
            Format::Brat => {
                let scheme = project.scheme()?;
                file::write_folder_atomically(path, project.path(), |root| {
                    let s = checked(brat::write(&docs, &scheme, root))?;
                    manifest::write_into_folder(root, &header, &content)?;
                    Ok(s)
                })?
            }
            Format::WebannoTsv => file::write_folder_atomically(path, project.path(), |root| {
                let s = checked(webanno::write(&docs, root))?;
                manifest::write_into_folder(root, &header, &content)?;
                Ok(s)
            })?,
            _ => {
                let config = label_studio::config_path(path);
                let mut s = file::write_atomically(path, project.path(), |out| {
                    let s = checked(write_stream(&docs, format, request, out))?;
                    if format == Format::LabelStudio {
                        let xml = label_studio::label_config(&project.scheme()?);
                        file::write_atomically(&config, project.path(), |out| {
                            Ok(out.write_all(xml.as_bytes())?)
                        })?;
                    }
                    Ok(s)
                })?;
                if format == Format::LabelStudio {
                    s.written.push(config);
                }
                s
            }
        };
        (summary, content)
    };
    summary.written.insert(0, path.to_owned());
    summary.pseudonym_key = pseudonymiser.key();
    if !format.is_folder() {
        let written = manifest::write_beside(&summary.written, project.path(), &header, &content)?;
        summary.written.push(written);
    }
    Ok(summary)
}

/// The W3C, Hugging Face, CSV, XLSX and REFI-QDA exports (read through [`rows::load_with`]),
/// with what the manifest says of their content.
fn export_table(
    project: &Project,
    format: Format,
    request: &Request,
    path: &Path,
    progress: &Progress,
    header: &manifest::Header,
    pseudonymiser: &mut pseudonym::Pseudonymiser,
) -> Result<(ExportSummary, manifest::Content), ExportError> {
    let options = &request.options;
    let mut corpus = rows::load_layer(
        project,
        options.skip_invalid,
        &options.scope,
        &options.layer,
        progress,
    )?;
    pseudonymiser.apply_corpus(&mut corpus)?;
    progress.start_writing();
    // A pseudonymised export gives no source hashes: they would confirm a guessed original.
    let sources = if request.anonymise.pseudonymises() {
        HashMap::new()
    } else {
        project
            .document_index()?
            .into_iter()
            .map(|(id, _, sha)| (id, sha))
            .collect()
    };
    let content = manifest::Content::from_corpus(&corpus, &sources);
    let mut warnings = corpus.warnings.clone();
    let write_bytes = |bytes: &[u8]| {
        file::write_atomically(path, project.path(), |out| {
            out.write_all(bytes)?;
            progress.check()
        })
    };
    match format {
        Format::Hf => {
            warnings.extend(folder::write_folder_atomically(
                path,
                project.path(),
                |w| {
                    let more = hf::write_corpus(&corpus, w)?;
                    progress.check()?;
                    manifest::write_into_folder(w.root(), header, &content)?;
                    Ok(more)
                },
            )?);
        }
        Format::Xlsx => write_bytes(&xlsx::workbook_bytes(&corpus, &mut warnings)?)?,
        Format::RefiQda => {
            let colors = project
                .labels()?
                .into_iter()
                .map(|l| (l.name, l.color))
                .collect();
            let (bytes, more) = refi_qda::qdpx_bytes(&corpus, &colors)?;
            warnings.extend(more);
            write_bytes(&bytes)?;
        }
        _ => file::write_atomically(path, project.path(), |out| {
            write_table_stream(&corpus, format, request, out)?;
            progress.check()
        })?,
    }
    let summary = ExportSummary {
        documents: corpus.documents.len(),
        spans: corpus.span_count(),
        warnings,
        misaligned: Vec::new(),
        written: Vec::new(),
        pseudonym_key: None,
    };
    Ok((summary, content))
}

/// Writes CSV or W3C JSON-LD of `corpus` to `out`.
fn write_table_stream(
    corpus: &rows::Corpus,
    format: Format,
    request: &Request,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    match format {
        Format::Csv => csv::write_corpus(corpus, request.bom, out),
        Format::W3c => {
            w3c::write_collection(corpus, out)?;
            out.write_all(b"\n")?;
            Ok(out.flush()?)
        }
        _ => Err(ExportError::Options(format!(
            "{} is not written as one stream",
            format.as_str()
        ))),
    }
}

/// Writes `project` in a one-stream format ([`Format::is_stream`]: JSONL, doccano, CoNLL, CSV,
/// W3C) to `out` (standard output, say); not atomic, as a stream cannot be.
///
/// # Errors
/// [`ExportError`]; [`ExportError::Options`] for the other formats.
pub fn write_to(
    project: &Project,
    format: Format,
    request: &Request,
    out: &mut dyn Write,
) -> Result<ExportSummary, ExportError> {
    let options = &request.options;
    let progress = Progress::default();
    let mut pseudonymiser = pseudonymiser(project, request)?;
    let mut summary = match format {
        Format::Csv | Format::W3c => {
            let mut corpus = rows::load_layer(
                project,
                options.skip_invalid,
                &options.scope,
                &options.layer,
                &progress,
            )?;
            pseudonymiser.apply_corpus(&mut corpus)?;
            write_table_stream(&corpus, format, request, out)?;
            ExportSummary {
                documents: corpus.documents.len(),
                spans: corpus.span_count(),
                warnings: corpus.warnings,
                ..ExportSummary::default()
            }
        }
        _ => {
            let mut docs = jsonl::documents_with(project, options, &progress)?;
            pseudonymiser.apply_jsonl(&mut docs, &mut HashMap::new())?;
            let s = match format {
                Format::Jsonl => jsonl::write_documents(docs, options, out)?,
                _ => write_stream(&docs, format, request, out)?,
            };
            out.flush()?;
            s
        }
    };
    summary.pseudonym_key = pseudonymiser.key();
    Ok(summary)
}

/// The [`pseudonym::Pseudonymiser`] of `request` for `project`'s labels.
///
/// # Errors
/// [`ExportError::Options`] (see [`pseudonym::Pseudonymiser::new`]); [`ExportError::Store`].
fn pseudonymiser(
    project: &Project,
    request: &Request,
) -> Result<pseudonym::Pseudonymiser, ExportError> {
    let labels: Vec<String> = project.labels()?.into_iter().map(|l| l.name).collect();
    pseudonym::Pseudonymiser::new(&request.anonymise, &labels, &request.options)
}

/// Writes a one-file format (doccano, Label Studio tasks, CoNLL) of `docs` to `out`.
///
/// # Errors
/// [`ExportError`]; [`ExportError::Options`] for the other formats.
pub fn write_stream(
    docs: &[jsonl::JsonlDocument],
    format: Format,
    request: &Request,
    out: &mut dyn std::io::Write,
) -> Result<ExportSummary, ExportError> {
    match format {
        Format::Doccano => doccano::write(docs, out),
        Format::LabelStudio => label_studio::write(docs, out),
        Format::Conll => conll::write(docs, request.conll, out),
        _ => Err(ExportError::Options(format!(
            "{} is not written from the JSONL records as one stream",
            format.as_str()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Every file below `root` (or `root` itself when a file) by relative path, with its bytes.
    fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        if root.is_file() {
            out.insert(String::new(), std::fs::read(root).unwrap());
            return out;
        }
        let mut stack = vec![root.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                    out.insert(rel, std::fs::read(&p).unwrap());
                }
            }
        }
        out
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn every_format_is_written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = Project::open_or_create(&dir.path().join("p.sanad")).unwrap();
        let docs = [
            crate::store::NewDocument::from_text("a.txt", "سجن صيدنايا"),
            crate::store::NewDocument::from_text("b.txt", "أحمد في حلب"),
        ];
        let ids = p.add_documents(&docs).unwrap();
        p.apply(&crate::model::Action::AddAnnotations {
            spans: vec![(ids[0], 0, 3), (ids[1], 0, 4)],
            label: "PERSON".into(),
        })
        .unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        for format in Format::ALL {
            let target = out.join(format!("x.{}", format.extension()));
            let request = Request {
                format: Some(format),
                ..Request::default()
            };
            // Cancelled while writing, into a new target: nothing at all is left.
            let before = names(&out);
            let cancelled = export_to_with(
                &p,
                format,
                &request,
                &target,
                &Progress::cancelled_when_writing(),
            );
            assert!(
                matches!(cancelled, Err(ExportError::Cancelled)),
                "{format:?}: {cancelled:?}"
            );
            assert_eq!(names(&out), before, "{format:?} left something behind");
            // Written whole.
            let s = export_to(&p, format, &request, &target).unwrap();
            assert_eq!((s.documents, s.spans), (2, 2), "{format:?}");
            assert!(s.written.iter().all(|w| w.exists()), "{format:?}");
            let first: Vec<_> = s.written.iter().map(|w| tree(w)).collect();
            let listing = names(&out);
            // Cancelled over an earlier export: that one stays as it was, and no temporary
            // file or folder is left.
            let cancelled = export_to_with(
                &p,
                format,
                &request,
                &target,
                &Progress::cancelled_when_writing(),
            );
            assert!(
                matches!(cancelled, Err(ExportError::Cancelled)),
                "{format:?}"
            );
            let again: Vec<_> = s.written.iter().map(|w| tree(w)).collect();
            assert_eq!(again, first, "{format:?} changed the earlier export");
            assert_eq!(names(&out), listing, "{format:?} left something behind");
        }
    }

    #[test]
    fn selected_documents_are_exported_alone_in_list_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = Project::open_or_create(&dir.path().join("p.sanad")).unwrap();
        let docs = [
            crate::store::NewDocument::from_text("a.txt", "سجن صيدنايا"),
            crate::store::NewDocument::from_text("b.txt", "أحمد في حلب"),
            crate::store::NewDocument::from_text("c.txt", "دمشق"),
        ];
        let ids = p.add_documents(&docs).unwrap();
        p.apply(&crate::model::Action::AddAnnotations {
            spans: vec![(ids[0], 4, 11), (ids[1], 0, 4)],
            label: "PERSON".into(),
        })
        .unwrap();
        let mut request = Request::default();
        request.options.scope = Scope::Documents(vec![ids[2], ids[0]]);
        let mut buf = Vec::new();
        let s = write_to(&p, Format::Csv, &request, &mut buf).unwrap();
        assert_eq!((s.documents, s.spans), (2, 1));
        let csv = String::from_utf8(buf).unwrap();
        let rows: Vec<&str> = csv.lines().skip(1).collect();
        assert_eq!(rows.len(), 1, "{csv}");
        assert!(rows[0].starts_with("a.txt,PERSON,صيدنايا,"), "{csv}");
        let docs = jsonl::documents(&p, request.options.clone()).unwrap();
        let paths: Vec<&str> = docs.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["a.txt", "c.txt"]);
        let corpus =
            rows::load_with(&p, false, &request.options.scope, &Progress::default()).unwrap();
        let paths: Vec<&str> = corpus.documents.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["a.txt", "c.txt"]);
    }
}

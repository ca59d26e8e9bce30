//! Exports. Each format says which offset unit it uses:
//!
//! | format | module | unit |
//! |---|---|---|
//! | `jsonl` (Sanad's own) | [`jsonl`] | code points by default; `utf16`, `utf8`, `grapheme` on request; stated on each line |
//! | `brat` (folder) | [`brat`] | code points |
//! | `doccano` (JSONL) | [`doccano`] | UTF-16 code units |
//! | `label-studio` (JSON + config XML) | [`label_studio`] | UTF-16 code units |
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
pub mod provenance;
pub mod refi_qda;
pub mod rows;
pub mod tokens;
pub mod units;
pub mod w3c;
pub mod webanno;
pub mod xlsx;

pub use jsonl::{
    ExportError, ExportOptions, ExportSummary, OffsetExtras, Scope, write_jsonl, write_jsonl_file,
};

use crate::store::Project;
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
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 6] = [
        Self::Jsonl,
        Self::Brat,
        Self::Doccano,
        Self::LabelStudio,
        Self::WebannoTsv,
        Self::Conll,
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
        }
    }

    /// The offset unit, in words.
    pub fn unit(self) -> &'static str {
        match self {
            Self::Jsonl => "code points (or the unit chosen, stated on each line)",
            Self::Brat => "code points",
            Self::Doccano | Self::LabelStudio | Self::WebannoTsv => "UTF-16 code units",
            Self::Conll => "tokens",
        }
    }

    /// Does it write a folder (rather than one file)?
    pub fn is_folder(self) -> bool {
        matches!(self, Self::Brat | Self::WebannoTsv)
    }

    /// The usual extension of its file (or suffix of its folder).
    pub fn extension(self) -> &'static str {
        match self {
            Self::Jsonl | Self::Doccano => "jsonl",
            Self::LabelStudio => "json",
            Self::Conll => "conll",
            Self::Brat => "brat",
            Self::WebannoTsv => "tsv",
        }
    }
}

/// Everything an export needs besides the project and the target.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Request {
    /// The format.
    pub format: Option<Format>,
    /// Options shared by all formats (scope, invalid spans; history, unit and byte offsets are
    /// JSONL's).
    pub options: ExportOptions,
    /// CoNLL's options.
    pub conll: conll::ConllOptions,
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
    let options = request.options;
    let mut summary = match format {
        Format::Jsonl => write_jsonl_file(project, options, path)?,
        Format::Brat => {
            let docs = jsonl::documents(project, options)?;
            let scheme = project.scheme()?;
            file::write_folder_atomically(path, project.path(), |root| {
                brat::write(&docs, &scheme, root)
            })?
        }
        Format::WebannoTsv => {
            let docs = jsonl::documents(project, options)?;
            file::write_folder_atomically(path, project.path(), |root| webanno::write(&docs, root))?
        }
        Format::Doccano | Format::LabelStudio | Format::Conll => {
            let docs = jsonl::documents(project, options)?;
            if format == Format::LabelStudio {
                let config = label_studio::config_path(path);
                let xml = label_studio::label_config(&project.scheme()?);
                file::write_atomically(&config, project.path(), |out| {
                    Ok(out.write_all(xml.as_bytes())?)
                })?;
            }
            let mut s = file::write_atomically(path, project.path(), |out| {
                write_stream(&docs, format, request, out)
            })?;
            if format == Format::LabelStudio {
                s.written.push(label_studio::config_path(path));
            }
            s
        }
    };
    summary.written.insert(0, path.to_owned());
    Ok(summary)
}

/// Writes a one-file format (JSONL, doccano, Label Studio tasks, CoNLL) of `docs` to `out`.
///
/// # Errors
/// [`ExportError`]; [`ExportError::Options`] for a folder format.
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
        Format::Jsonl | Format::Brat | Format::WebannoTsv => Err(ExportError::Options(format!(
            "{} is not written as one stream",
            format.as_str()
        ))),
    }
}

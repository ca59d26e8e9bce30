//! `sanad`: the desktop app and its command line.
//!
//! ```text
//! sanad                              open the bundled sample corpus
//! sanad FOLDER [--project P]         import FOLDER's .txt files and open them
//! sanad PROJECT.sanad                open a project
//! sanad import FOLDER [--project P] [--encoding E]   import without the GUI
//! sanad import PATH [--format F] [--offsets U] [--map S=T]... [--add-labels] [--drop-unknown]
//!              [--as-suggestions [--source NAME]]
//!                                    bring in annotations (brat, doccano, Label Studio, WebAnno,
//!                                    CoNLL, Sanad JSONL), or their spans as suggestions
//! sanad export PROJECT [--format jsonl|brat|doccano|label-studio|webanno-tsv|conll|w3c|hf|csv|xlsx|refi-qda]
//!              [--output PATH] [--skip-invalid] [--done-only] [--document PATH]
//!              [--offsets codepoint|utf16|bytes|grapheme] [--history] [--include-suggestions] (jsonl)
//!              [--scheme iob2|bioes] [--misaligned widen|split|drop] [--split-clitics] (conll)
//!              [--bom] (csv)
//!              [--sign KEY]          also sign the manifest every export writes
//!              [--pseudonymise PERSON[,LABEL...]] [--strip-notes] [--strip-annotators]
//!              [--pseudonym-key FILE [--key-passphrase-file F]]   (every format)
//!              [--layer curated|all|ANNOTATOR]   which annotators' annotations (team projects)
//! sanad verify EXPORT [--key PUB]      check an export against its manifest (and signature)
//! sanad verify PROJECT.sanad           walk the audit log's hash chain, check every document's text
//! sanad keygen --output NAME           NAME.key and NAME.pub for --sign (minisign format)
//! sanad backup PROJECT OUT.sanad      a consistent copy, safe while the app is open
//! sanad search PROJECT QUERY [--mode substring|word|clitics|regex] [--exact] [--json]
//! sanad suggest PROJECT --gazetteer FILE   apply a list of known names: suggestions per label
//! sanad encrypt PROJECT               encrypt with a passphrase (SQLCipher), in place (or a new one)
//! sanad decrypt PROJECT               write it back as plaintext (warns)
//! sanad rekey PROJECT [--new-passphrase-file F]   change the passphrase
//! sanad extract PROJECT (--documents IDS|--status S|--count N)... --for NAME --output NAME.sanad
//!              [--with-annotations]   a project for one annotator
//! sanad merge A.sanad B.sanad... --output TEAM.sanad [--map S=T]... [--add-labels] [--drop-unknown]
//! sanad agreement TEAM.sanad [--label L] [--json] [--tokens-out FILE]
//! sanad adjudicate TEAM.sanad --accept-agreeing [--document ID]
//! ```
//!
//! Every command that opens an encrypted project asks for its passphrase on the terminal, or
//! reads it from `--passphrase-file F` or the file named by `SANAD_PASSPHRASE_FILE`; never from
//! the command line itself.

/// `println!` that returns the write error instead of panicking, so `sanad … | head` ends
/// quietly when the reader closes the pipe (`main` treats a broken pipe as the end of output).
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)?
    }};
}

mod cli;
mod cli_team;

use anyhow::bail;
use clap::{Parser, Subcommand, ValueEnum};
use sanad::corpus::{import_folder_with, location, printable_name};
use sanad::store::Project;
use sanad::ui::dialogs::NativeDialogs;
use sanad::ui::{Command, SanadApp};
use std::io::Write;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "sanad",
    version,
    about = "Sanad (سند): annotate Arabic documents for human-rights research"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Sub>,
    /// A folder of .txt documents, or a .sanad project file, to open in the app.
    path: Option<PathBuf>,
    /// Where the folder's project lives (default: FOLDER.sanad beside the folder).
    #[arg(long, global = true)]
    project: Option<PathBuf>,
    /// A file holding the passphrase of an encrypted project (its first line; default: the file
    /// named by SANAD_PASSPHRASE_FILE, else asked on the terminal). Never the passphrase itself.
    #[arg(long, global = true, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Sub {
    /// Import a folder's .txt files, or annotations (brat, doccano, Label Studio, Sanad JSONL)
    /// from a folder or file, into a project and print what happened.
    Import {
        /// The folder (subfolders are walked; hidden ones are not) or annotation file.
        folder: PathBuf,
        /// Decode every file as this encoding (e.g. windows-1256, utf-16le) instead of detecting it.
        #[arg(long)]
        encoding: Option<String>,
        /// The annotation format (default: told from the files): brat, doccano, label-studio, sanad, webanno, conll.
        #[arg(long)]
        format: Option<String>,
        /// The offset unit of doccano files: utf16 (doccano's default), codepoint or grapheme.
        #[arg(long, default_value = "utf16")]
        offsets: String,
        /// Import the label or relation type SOURCE as the project's TARGET (repeatable).
        #[arg(long = "map", value_name = "SOURCE=TARGET")]
        map: Vec<String>,
        /// Add labels, relation types and attribute values the project's scheme lacks.
        #[arg(long)]
        add_labels: bool,
        /// Leave out annotations whose label, relation type or attribute value the scheme lacks.
        #[arg(long)]
        drop_unknown: bool,
        /// Bring the spans in as suggestions to accept or reject (model pre-annotations), not as
        /// annotations; relations, attributes and notes are reported, not imported.
        #[arg(long)]
        as_suggestions: bool,
        /// With --as-suggestions: the source the suggestions name (e.g. the model), instead of
        /// import:FORMAT.
        #[arg(long, value_name = "NAME", requires = "as_suggestions")]
        source: Option<String>,
    },
    /// Write a consistent copy of a project (safe while the app has it open).
    Backup {
        /// The .sanad project file.
        project_file: PathBuf,
        /// The new file (an existing file is never replaced).
        output: PathBuf,
    },
    /// Export a project's documents and annotations.
    Export {
        /// The .sanad project file.
        project_file: PathBuf,
        /// The output format.
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
        /// Output file, or folder for brat, webanno-tsv and hf (default for jsonl, doccano, conll,
        /// csv and w3c: standard output).
        #[arg(long)]
        output: Option<PathBuf>,
        /// JSONL: include each annotation's audit trail (who changed what, when) as `history`.
        #[arg(long)]
        history: bool,
        /// JSONL: the unit of span offsets, stated on each line as `offset_unit`; `bytes` counts
        /// UTF-8 bytes of `text` and also adds byte_start/byte_end into the original file.
        #[arg(long, value_enum, default_value_t = Offsets::Codepoint)]
        offsets: Offsets,
        /// Leave out spans that break the model's rules (listed as warnings) instead of failing.
        #[arg(long)]
        skip_invalid: bool,
        /// Only documents marked done.
        #[arg(long)]
        done_only: bool,
        /// Only this document (its path as the document list shows it).
        #[arg(long, value_name = "PATH")]
        document: Option<String>,
        /// CoNLL: the tag scheme.
        #[arg(long, value_enum, default_value_t = TagScheme::Iob2)]
        scheme: TagScheme,
        /// CoNLL: what to do with a span whose edges are not token edges (each one is listed).
        #[arg(long, value_enum, default_value_t = MisalignedArg::Widen)]
        misaligned: MisalignedArg,
        /// CoNLL: split the Arabic proclitics و ف ب ك ل ال off words (وسجن → و + سجن).
        #[arg(long)]
        split_clitics: bool,
        /// csv: start the file with a UTF-8 byte-order mark, so Excel reads it as UTF-8.
        #[arg(long)]
        bom: bool,
        /// Also export each document's gazetteer suggestions (not yet accepted) under
        /// `suggestions`, each marked `"status": "suggested"`; they are never among `spans`.
        #[arg(long)]
        include_suggestions: bool,
        /// Sign the export's manifest with this secret key (from `sanad keygen`, or
        /// `minisign -G -W`): writes manifest.json.sig (NAME.manifest.json.sig for a file).
        #[arg(long, value_name = "KEY", requires = "output")]
        sign: Option<PathBuf>,
        /// Replace every mention of these labels (comma-separated, e.g. PERSON) in the text by a
        /// stable pseudonym (PERSON_007, or شخص_٧ in an Arabic document), in every format; see
        /// the README for what is and is not replaced.
        #[arg(
            long,
            visible_alias = "pseudonymize",
            value_name = "LABEL[,LABEL...]",
            value_delimiter = ','
        )]
        pseudonymise: Vec<String>,
        /// Write every note (of spans and documents) empty.
        #[arg(long)]
        strip_notes: bool,
        /// Rename the annotators annotator_1, annotator_2, ... (also in the manifest).
        #[arg(long)]
        strip_annotators: bool,
        /// Write the pseudonym key (pseudonym → original texts and entity) to FILE, encrypted
        /// with a passphrase as an age file (`age -d FILE` decrypts it).
        #[arg(long, value_name = "FILE", requires = "pseudonymise")]
        pseudonym_key: Option<PathBuf>,
        /// Read the key's passphrase from the first line of this file instead of the terminal.
        #[arg(long, value_name = "FILE", requires = "pseudonym_key")]
        key_passphrase_file: Option<PathBuf>,
        /// Which annotations of a team project: all, curated (the adjudicated layer), or one
        /// annotator's (their name).
        #[arg(long, value_name = "curated|all|ANNOTATOR", default_value = "all")]
        layer: String,
    },
    /// Check an export (folder, file, or its manifest) against its manifest: every file's
    /// SHA-256 and size; with --key also the manifest's signature. Given a Sanad project file,
    /// walk its audit log's hash chain and check every document's text against its recorded
    /// hash instead: the first broken audit row and every changed document are named. Exits 1
    /// on any difference.
    Verify {
        /// The exported folder or file, or a .sanad project file.
        path: PathBuf,
        /// The signer's public key (NAME.pub from `sanad keygen`, or a minisign public key).
        #[arg(long, value_name = "PUB")]
        key: Option<PathBuf>,
    },
    /// Make an Ed25519 key pair for signing exports (minisign's format): NAME.key (secret,
    /// unencrypted, mode 0600) and NAME.pub.
    Keygen {
        /// The key pair's path without extension.
        #[arg(long, value_name = "NAME")]
        output: PathBuf,
    },
    /// Search every document: one match per line (document, start, end in code points, snippet).
    Search {
        /// The .sanad project file.
        project_file: PathBuf,
        /// What to look for (a regular expression with --mode regex).
        query: String,
        /// How the query must sit in the text.
        #[arg(long, value_enum, default_value_t = Mode::Substring)]
        mode: Mode,
        /// Match char for char: no Arabic-aware folding (harakat, tatweel, letter variants,
        /// digits, case and presentation forms all count).
        #[arg(long)]
        exact: bool,
        /// Let teh marbuta ة match heh ه (off by default).
        #[arg(long)]
        teh_marbuta: bool,
        /// One JSON object per line: document, document_id, start, end, text, snippet.
        #[arg(long)]
        json: bool,
    },
    /// Team work: extract, merge, agreement, adjudicate.
    #[command(flatten)]
    Team(cli_team::TeamSub),
    /// Apply a gazetteer (a list of known names, CSV/TSV/RON): create or extend its entities
    /// and suggest its names wherever they occur; print the suggestions per label.
    Suggest {
        /// The .sanad project file.
        project_file: PathBuf,
        /// The gazetteer: name,label[,entity][,aliases separated by |] per row (see README).
        #[arg(long)]
        gazetteer: PathBuf,
    },
    /// Encrypt a project with a passphrase (SQLCipher), in place; with no project at that path,
    /// create a new, empty encrypted one. The passphrase is asked twice on the terminal, or read
    /// from --passphrase-file. A lost passphrase cannot be recovered.
    Encrypt {
        /// The .sanad project file.
        project_file: PathBuf,
    },
    /// Decrypt an encrypted project in place: it becomes plaintext that anyone with the file
    /// can read.
    Decrypt {
        /// The .sanad project file.
        project_file: PathBuf,
    },
    /// Change an encrypted project's passphrase (the current one from the terminal or
    /// --passphrase-file, the new one from the terminal or --new-passphrase-file).
    Rekey {
        /// The .sanad project file.
        project_file: PathBuf,
        /// A file holding the new passphrase.
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Mode {
    /// Anywhere, also inside words.
    Substring,
    /// Whole words (UAX #29 word boundaries).
    Word,
    /// Whole words that may carry Arabic proclitics (و ف ب ك ل ال لل …), not part of the match.
    Clitics,
    /// A regular expression on the original text (no folding).
    Regex,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Offsets {
    /// Code points (Unicode scalar values; Python string indices).
    Codepoint,
    /// UTF-16 code units (JavaScript, Java).
    Utf16,
    /// UTF-8 bytes of `text`, plus byte offsets into the original file.
    Bytes,
    /// Extended grapheme clusters (UAX #29).
    Grapheme,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Sanad JSONL, one document per line; code points unless --offsets says otherwise.
    Jsonl,
    /// brat standoff folder (.txt, .ann, annotation.conf); code points.
    Brat,
    /// doccano JSONL (entities + relations); UTF-16 code units.
    Doccano,
    /// Label Studio JSON tasks plus NAME.label_config.xml; UTF-16 code units.
    LabelStudio,
    /// WebAnno TSV 3.3 folder for INCEpTION; UTF-16 code units.
    WebannoTsv,
    /// CoNLL, one token per line, IOB2 or BIOES tags.
    Conll,
    /// One row per annotation (document, label, text, context, start/end in code points, ...).
    Csv,
    /// The CSV table as an Excel workbook (right to left, autofilter), plus counts per label.
    Xlsx,
    /// A Hugging Face datasets folder (tokens + IOB2 ner_tags, spans; code points). Needs --output.
    Hf,
    /// W3C Web Annotation JSON-LD (TextPositionSelector in code points + TextQuoteSelector).
    W3c,
    /// A REFI-QDA project (.qdpx) for QualCoder, ATLAS.ti, MAXQDA, NVivo; positions in code points.
    RefiQda,
}

#[derive(Clone, Copy, ValueEnum)]
enum TagScheme {
    /// B-, I-, O.
    Iob2,
    /// B-, I-, E-, S-, O.
    Bioes,
}

#[derive(Clone, Copy, ValueEnum)]
enum MisalignedArg {
    /// Extend the span to the whole tokens it touches.
    Widen,
    /// Cut the tokens at the span's edges.
    Split,
    /// Leave the span out.
    Drop,
}

/// Does `path` name a regular file starting with SQLite's 16-byte header?
/// Whether `verify` treats `path` as a project: a SQLite file, or a file SQLCipher may have
/// encrypted (see `store::inspect`) that has no export manifest beside it (`NAME.manifest.json`),
/// since an exported file's size may be a multiple of 512 bytes too.
fn is_project_file(path: &std::path::Path) -> bool {
    if is_sqlite_file(path) {
        return true;
    }
    let has_manifest = path
        .file_name()
        .map(|n| {
            let mut m = n.to_os_string();
            m.push(".manifest.json");
            path.with_file_name(m).exists()
        })
        .unwrap_or(false);
    !has_manifest
        && path.is_file()
        && matches!(
            sanad::store::inspect(path),
            Ok(sanad::store::FileKind::Encrypted)
        )
}

fn is_sqlite_file(path: &std::path::Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 16];
    path.is_file()
        && std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut header))
            .is_ok()
        && &header == b"SQLite format 3\0"
}

fn main() -> std::process::ExitCode {
    match run(Cli::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        // The reader of our output went away (`sanad export P | head`): nothing left to say.
        Err(e) if is_broken_pipe(&e) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // Our errors already carry their causes; `{e:#}` would repeat them. Paths in them
            // are escaped so a file name cannot forge lines.
            eprintln!("sanad: {}", printable_name(&e.to_string()));
            std::process::ExitCode::FAILURE
        }
    }
}

/// Whether the error, or any error it wraps, is a write to a closed pipe.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let pass = cli.passphrase_file.as_deref();
    match cli.command {
        Some(Sub::Import {
            folder,
            encoding,
            format,
            offsets,
            map,
            add_labels,
            drop_unknown,
            as_suggestions,
            source,
        }) => {
            let format = match format.as_deref() {
                None => None,
                Some(f) => Some(sanad::interop::Format::parse(f).ok_or_else(|| {
                    anyhow::anyhow!(
                        "unknown format {f:?} (brat, doccano, label-studio, sanad, webanno, conll)"
                    )
                })?),
            };
            let unit = sanad::interop::OffsetUnit::parse(&offsets).ok_or_else(|| {
                anyhow::anyhow!("unknown offset unit {offsets:?} (utf16, codepoint, grapheme)")
            })?;
            let map = map
                .iter()
                .map(|m| sanad::interop::PlanOptions::parse_map(m))
                .collect::<Result<Vec<_>, _>>()?;
            let encoding_found = match encoding.as_deref() {
                Some(label) => Some(sanad::corpus::decode::encoding_for_label(label).ok_or_else(
                    || anyhow::anyhow!("unknown encoding {label:?} (try windows-1256, utf-8, utf-16le, iso-8859-6)"),
                )?),
                None => None,
            };
            let read = sanad::interop::detect::ReadOptions {
                format,
                unit,
                encoding: encoding_found,
            };
            let plan = sanad::interop::PlanOptions {
                map,
                add_labels,
                drop_unknown,
                source: String::new(),
                as_suggestions: as_suggestions.then(|| source.unwrap_or_default()),
            };
            if !folder.exists() {
                bail!("no such folder or file: {}", folder.display());
            }
            match sanad::interop::read_path(&folder, &read)? {
                Some(corpus) => import_annotations(&folder, cli.project, &corpus, plan, pass),
                None if folder.is_dir() => import(&folder, cli.project, encoding.as_deref(), pass),
                None => bail!(
                    "not an annotation file Sanad reads (.ann, .jsonl, .json, WebAnno .tsv, .conll; name the format with --format): {}",
                    folder.display()
                ),
            }
        }
        Some(Sub::Backup { .. }) if cli.project.is_some() => {
            bail!("--project does not go with backup: give the project file as the first argument")
        }
        Some(Sub::Backup {
            project_file,
            output,
        }) => {
            let project = cli::open_existing(&project_file, pass)?;
            project.backup_to(&output)?;
            eprintln!(
                "saved a copy of {} to {}",
                project_file.display(),
                output.display()
            );
            Ok(())
        }
        Some(Sub::Export { .. }) if cli.project.is_some() => {
            bail!("--project does not go with export: give the project file as the first argument")
        }
        Some(Sub::Export {
            project_file,
            format,
            output,
            history,
            offsets,
            skip_invalid,
            done_only,
            document,
            scheme,
            misaligned,
            split_clitics,
            bom,
            include_suggestions,
            sign,
            pseudonymise,
            strip_notes,
            strip_annotators,
            pseudonym_key,
            key_passphrase_file,
            layer,
        }) => {
            let format = match format {
                Format::Jsonl => sanad::export::Format::Jsonl,
                Format::Brat => sanad::export::Format::Brat,
                Format::Doccano => sanad::export::Format::Doccano,
                Format::LabelStudio => sanad::export::Format::LabelStudio,
                Format::WebannoTsv => sanad::export::Format::WebannoTsv,
                Format::Conll => sanad::export::Format::Conll,
                Format::Csv => sanad::export::Format::Csv,
                Format::Xlsx => sanad::export::Format::Xlsx,
                Format::Hf => sanad::export::Format::Hf,
                Format::W3c => sanad::export::Format::W3c,
                Format::RefiQda => sanad::export::Format::RefiQda,
            };
            if format != sanad::export::Format::Jsonl && (history || offsets != Offsets::Codepoint)
            {
                bail!(
                    "--history and --offsets go with --format jsonl; {} has its own unit ({})",
                    format.as_str(),
                    format.unit()
                );
            }
            let request = sanad::export::Request {
                format: Some(format),
                options: sanad::export::ExportOptions {
                    history,
                    offsets: match offsets {
                        Offsets::Bytes => sanad::export::OffsetExtras::Bytes,
                        _ => sanad::export::OffsetExtras::None,
                    },
                    skip_invalid,
                    layer: sanad::store::team::Layer::parse(&layer),
                    unit: match offsets {
                        Offsets::Codepoint => sanad::interop::OffsetUnit::Codepoint,
                        Offsets::Utf16 => sanad::interop::OffsetUnit::Utf16,
                        Offsets::Bytes => sanad::interop::OffsetUnit::Utf8,
                        Offsets::Grapheme => sanad::interop::OffsetUnit::Grapheme,
                    },
                    scope: sanad::export::Scope::Project,
                    suggestions: include_suggestions,
                },
                conll: sanad::export::conll::ConllOptions {
                    scheme: match scheme {
                        TagScheme::Iob2 => sanad::export::conll::TagScheme::Iob2,
                        TagScheme::Bioes => sanad::export::conll::TagScheme::Bioes,
                    },
                    clitics: split_clitics,
                    misaligned: match misaligned {
                        MisalignedArg::Widen => sanad::export::conll::Misaligned::Widen,
                        MisalignedArg::Split => sanad::export::conll::Misaligned::Split,
                        MisalignedArg::Drop => sanad::export::conll::Misaligned::Drop,
                    },
                },
                bom,
                anonymise: sanad::export::pseudonym::Anonymise {
                    pseudonymise: pseudonymise
                        .into_iter()
                        .map(|l| l.trim().to_owned())
                        .filter(|l| !l.is_empty())
                        .collect(),
                    strip_notes,
                    strip_annotators,
                },
            };
            export(
                &project_file,
                output,
                request,
                (done_only, document.as_deref()),
                sign.as_deref(),
                pass,
                pseudonym_key
                    .as_deref()
                    .map(|k| (k, key_passphrase_file.as_deref())),
            )
        }
        // A SQLite file is a project (no export format is one): a newer or foreign database
        // gets the project's own refusal, not "no export manifest found".
        Some(Sub::Verify { path, key }) if is_project_file(&path) => {
            if key.is_some() {
                bail!(
                    "--key checks an export's signature; a project has none: {}",
                    path.display()
                );
            }
            let report = cli::open_existing(&path, pass)?.verify()?;
            for line in report.lines() {
                out!("{}", printable_name(&line));
            }
            if !report.ok() {
                bail!("the project failed verification: {}", path.display());
            }
            Ok(())
        }
        Some(Sub::Verify { path, key }) => {
            let report = sanad::export::verify::verify(&path, key.as_deref())?;
            for line in report.lines() {
                out!("{}", printable_name(&line));
            }
            if !report.ok() {
                bail!("the export does not match its manifest: {}", path.display());
            }
            Ok(())
        }
        Some(Sub::Keygen { output }) => {
            let (secret, public, id) = sanad::export::sign::keygen(&output)?;
            eprintln!(
                "key {id}: keep {} private (not protected by a passphrase); give {} to whoever checks your exports",
                secret.display(),
                public.display()
            );
            Ok(())
        }
        Some(Sub::Search { .. }) if cli.project.is_some() => {
            bail!("--project does not go with search: give the project file as the first argument")
        }
        Some(Sub::Search {
            project_file,
            query,
            mode,
            exact,
            teh_marbuta,
            json,
        }) => {
            let mut fold = if exact {
                sanad::search::FoldOptions::exact()
            } else {
                sanad::search::FoldOptions::default()
            };
            fold.teh_marbuta |= teh_marbuta;
            let query = sanad::search::Query {
                text: query,
                mode: match mode {
                    Mode::Substring => sanad::search::WordMode::Substring,
                    Mode::Word => sanad::search::WordMode::Word,
                    Mode::Clitics => sanad::search::WordMode::Clitics,
                    Mode::Regex => sanad::search::WordMode::Regex,
                },
                fold,
            };
            search(&project_file, &query, json, pass)
        }
        Some(Sub::Suggest { .. }) if cli.project.is_some() => {
            bail!("--project does not go with suggest: give the project file as the first argument")
        }
        Some(Sub::Suggest {
            project_file,
            gazetteer,
        }) => suggest(&project_file, &gazetteer, pass),
        Some(Sub::Team(sub)) => cli_team::run(sub, cli.project.is_some(), pass),
        Some(Sub::Encrypt { .. } | Sub::Decrypt { .. } | Sub::Rekey { .. })
            if cli.project.is_some() =>
        {
            bail!(
                "--project does not go with encrypt, decrypt or rekey: give the project file as the first argument"
            )
        }
        Some(Sub::Encrypt { project_file }) => cli::encrypt(&project_file, pass),
        Some(Sub::Decrypt { project_file }) => cli::decrypt(&project_file, pass),
        Some(Sub::Rekey {
            project_file,
            new_passphrase_file,
        }) => cli::rekey(&project_file, pass, new_passphrase_file.as_deref()),
        None if pass.is_some() => bail!(
            "--passphrase-file goes with a command (export, import, …); the app asks for an encrypted project's passphrase in its window"
        ),
        None => gui(cli.path, cli.project),
    }
}

fn suggest(
    project_file: &std::path::Path,
    gazetteer: &std::path::Path,
    pass: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    let list = sanad::interop::gazetteer::read_gazetteer(gazetteer)?;
    let mut project = cli::open_existing(project_file, pass)?;
    let mut index = sanad::store::search::SearchIndex::new();
    let (_, report) = project
        .apply_gazetteer(&mut index, &list)
        .map_err(|e| match e {
            sanad::store::gazetteer::SuggestError::Gazetteer(g) => anyhow::anyhow!(g),
            other => anyhow::anyhow!(
                "cannot apply the gazetteer ({other}): {}",
                project_file.display()
            ),
        })?;
    for line in report.lines() {
        out!("{}", printable_name(&line));
    }
    Ok(())
}

fn search(
    project_file: &std::path::Path,
    query: &sanad::search::Query,
    json: bool,
    pass: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    let project = cli::open_existing(project_file, pass)?;
    let mut index = sanad::store::search::SearchIndex::new();
    let hits = index
        .search(&project, query)
        .map_err(|e| anyhow::anyhow!("cannot search ({e}): {}", project_file.display()))?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut count = 0;
    for doc in &hits {
        let text = index.text(doc.document_id).unwrap_or_default();
        for m in &doc.matches {
            count += 1;
            let snippet = sanad::search::Snippet::around(text, m.clone(), 40);
            let line = if json {
                let matched: String = text.chars().skip(m.start).take(m.len()).collect();
                serde_json::json!({
                    "document": doc.rel_path,
                    "document_id": doc.document_id,
                    "start": m.start,
                    "end": m.end,
                    "text": matched,
                    "snippet": snippet.marked(),
                })
                .to_string()
            } else {
                format!(
                    "{}\t{}\t{}\t{}",
                    printable_name(&doc.rel_path),
                    m.start,
                    m.end,
                    snippet.marked()
                )
            };
            match writeln!(out, "{line}") {
                // A reader that stops early (`| head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
                other => other?,
            }
        }
    }
    eprintln!("{count} match(es) in {} document(s)", hits.len());
    Ok(())
}

fn import(
    folder: &std::path::Path,
    project: Option<PathBuf>,
    encoding: Option<&str>,
    pass: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    if !folder.exists() {
        bail!("no such folder: {}", folder.display());
    }
    if !folder.is_dir() {
        bail!(
            "not a folder (import takes a folder of .txt files): {}",
            folder.display()
        );
    }
    let options = sanad::corpus::ImportOptions {
        encoding: match encoding {
            Some(label) => Some(sanad::corpus::decode::encoding_for_label(label).ok_or_else(
                || {
                    anyhow::anyhow!(
                        "unknown encoding {label:?} (try windows-1256, utf-8, utf-16le, iso-8859-6)"
                    )
                },
            )?),
            None => None,
        },
    };
    let path = location::project_path_for_folder(folder, project.as_deref());
    let canonical = std::fs::canonicalize(folder)?;
    if sanad::corpus::import::is_inside(&path, &canonical) {
        bail!(
            "the project file would be inside the folder it imports, which Sanad never writes to; choose a project path outside it: {}",
            path.display()
        );
    }
    let mut p = cli::open_or_create(&path, pass)?;
    let report = import_folder_with(&mut p, folder, &options, &mut |_, _| {})?;
    let name = |s: &str| printable_name(s);
    out!("project: {}", name(&path.display().to_string()));
    out!(
        "imported {} document(s); {} unchanged; {} renamed; {} skipped",
        report.added.len(),
        report.unchanged,
        report.renamed.len(),
        report.skipped.len()
    );
    for (old, new) in &report.renamed {
        out!(
            "renamed: {} -> {}: same bytes; the document and its annotations follow the file",
            name(old),
            name(new)
        );
    }
    for (doc, encoding) in &report.guessed {
        out!(
            "encoding guessed: {}: {encoding} (little evidence; check the text: the document's bar in the app decodes it again as another encoding)",
            name(doc)
        );
    }
    if options.encoding.is_some() && report.unchanged + report.changed.len() > 0 {
        out!(
            "note: --encoding applies to new files; {} file(s) were imported before and kept their text (the document's bar in the app decodes one again)",
            report.unchanged + report.changed.len()
        );
    }
    for c in &report.changed {
        out!(
            "changed: {}: the file's bytes differ from the imported copy; the imported text and its annotations were kept",
            name(c)
        );
    }
    for s in &report.skipped {
        out!("skipped: {}: {}", name(&s.rel_path), name(&s.reason));
    }
    for m in &report.missing {
        out!(
            "missing: {}: no longer in the folder; the imported copy and its annotations were kept",
            name(m)
        );
    }
    let txt_files = report.added.len()
        + report.unchanged
        + report.changed.len()
        + report.renamed.len()
        + report
            .skipped
            .iter()
            .filter(|s| s.rel_path.to_ascii_lowercase().ends_with(".txt"))
            .count();
    if txt_files == 0 {
        eprintln!("warning: no .txt files found in {}", folder.display());
    }
    Ok(())
}

/// Imports annotations read from `path` into its project (one transaction) and prints the
/// report. Nothing is written when the scheme lacks a label and no option says what to do; the
/// exit code is non-zero only when nothing could be read.
fn import_annotations(
    path: &std::path::Path,
    project: Option<PathBuf>,
    corpus: &sanad::interop::ParsedCorpus,
    mut plan: sanad::interop::PlanOptions,
    pass: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    let project_path = match project {
        Some(p) => p,
        None if path.is_dir() => location::project_path_for_folder(path, None),
        None => {
            let stem = path.file_stem().map_or_else(
                || "annotations".into(),
                |s| s.to_string_lossy().into_owned(),
            );
            path.with_file_name(format!("{stem}.sanad"))
        }
    };
    if path.is_dir() {
        let canonical = std::fs::canonicalize(path)?;
        if sanad::corpus::import::is_inside(&project_path, &canonical) {
            bail!(
                "the project file would be inside the folder it imports, which Sanad never writes to; choose a project path outside it: {}",
                project_path.display()
            );
        }
    }
    plan.source = format!("{}: {}", corpus.format.as_str(), path.display());
    // A new project is planned against an in-memory one first (same default scheme), so a
    // refusal, or files that give nothing, leave no file behind.
    let print = |report: &sanad::interop::ImportReport| -> anyhow::Result<()> {
        out!(
            "project: {}",
            printable_name(&project_path.display().to_string())
        );
        for line in report.lines() {
            out!("{}", printable_name(&line));
        }
        Ok(())
    };
    if sanad::store::inspect(&project_path)? == sanad::store::FileKind::New {
        let scratch = Project::in_memory()?;
        let (_, report) = sanad::interop::plan_import(&scratch, corpus, &plan)?;
        if !report.read_anything() {
            print(&report)?;
            bail!(
                "nothing could be read, so no project was made: {}",
                path.display()
            );
        }
    }
    let mut p = cli::open_or_create(&project_path, pass)?;
    let (report, _) = sanad::interop::run_import(&mut p, corpus, &plan)?;
    print(&report)?;
    if !report.read_anything() {
        bail!("nothing could be read: {}", path.display());
    }
    Ok(())
}

fn export(
    project_file: &std::path::Path,
    output: Option<PathBuf>,
    mut request: sanad::export::Request,
    (done_only, document): (bool, Option<&str>),
    sign: Option<&std::path::Path>,
    pass: Option<&std::path::Path>,
    pseudonym_key: Option<(&std::path::Path, Option<&std::path::Path>)>,
) -> anyhow::Result<()> {
    use sanad::export::{ExportError, Format, Scope};
    let format = request.format.unwrap_or(Format::Jsonl);
    if let Some(key) = sign {
        sanad::export::sign::secret_key_id(key)?;
    }
    // Asked before anything is read, so a typo does not waste an export.
    let key_passphrase = match pseudonym_key {
        Some((_, Some(file))) => Some(sanad::secret::passphrase::Passphrase::from_file(file)?),
        Some((_, None)) => Some(sanad::secret::passphrase::Passphrase::prompt(
            "Passphrase for the pseudonym key: ",
            true,
        )?),
        None => None,
    };
    let project = cli::open_existing(project_file, pass)?;
    request.options.scope = match (done_only, document) {
        (true, Some(_)) => bail!("--done-only and --document do not go together"),
        (true, None) => Scope::Done,
        (false, Some(path)) => match project.document_by_path(path)? {
            Some((id, _)) => Scope::Document(id),
            None => bail!(
                "no document at that path in the project (paths as the document list shows them): {path}"
            ),
        },
        (false, None) => Scope::Project,
    };
    let summary = match output {
        Some(out) => {
            let summary = sanad::export::export_to(&project, format, &request, &out)
                .map_err(|e| anyhow::anyhow!("cannot export ({e}): {}", out.display()))?;
            eprintln!(
                "exported {} document(s), {} span(s) as {} ({}) to {}",
                summary.documents,
                summary.spans,
                format.as_str(),
                format.unit(),
                summary
                    .written
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" and ")
            );
            if let Some(key) = sign {
                let manifest = sanad::export::manifest::manifest_path(format, &out);
                let sig = sanad::export::sign::sign_file(&manifest, key, project_file)?;
                eprintln!("signed the manifest: {}", sig.display());
            }
            summary
        }
        None if !format.is_stream() => bail!(
            "{} writes {}; name it with --output",
            format.as_str(),
            if format.is_folder() {
                "a folder"
            } else if format == Format::LabelStudio {
                "tasks and a labelling config beside them"
            } else {
                "a binary file"
            }
        ),
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            let result = sanad::export::write_to(&project, format, &request, &mut lock)
                .and_then(|s| Ok(lock.flush().map(|()| s)?));
            match result {
                // A reader that stops early (`| head`) is not an error.
                Err(ExportError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    return Ok(());
                }
                other => other.map_err(|e| {
                    anyhow::anyhow!("cannot export ({e}): {}", project_file.display())
                })?,
            }
        }
    };
    if let Some(key) = &summary.pseudonym_key {
        let counts = sanad::export::pseudonym::counts(key);
        if counts.is_empty() {
            eprintln!(
                "pseudonymised: no mention of {} was found, so no pseudonym was given",
                key.labels.join(", ")
            );
        } else {
            eprintln!(
                "pseudonymised: {} pseudonym(s) given ({})",
                counts.values().sum::<usize>(),
                counts
                    .iter()
                    .map(|(label, n)| format!("{n} {label}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        if let (Some((path, _)), Some(pass)) = (pseudonym_key, &key_passphrase) {
            sanad::export::pseudonym::key::write(key, pass.expose(), path, project_file)
                .map_err(|e| anyhow::anyhow!("{e}: {}", path.display()))?;
            eprintln!(
                "wrote the pseudonym key, encrypted (age; `age -d` decrypts it): {}",
                path.display()
            );
        }
    }
    for w in &summary.warnings {
        eprintln!("warning: {}", printable_name(w));
    }
    if !summary.misaligned.is_empty() {
        eprintln!(
            "{} span(s) do not fit the tokens as they are (--misaligned widen|split|drop):",
            summary.misaligned.len()
        );
        for m in &summary.misaligned {
            eprintln!("misaligned: {}", printable_name(m));
        }
    }
    Ok(())
}

fn gui(path: Option<PathBuf>, project: Option<PathBuf>) -> anyhow::Result<()> {
    let mut app = SanadApp::new(Box::new(NativeDialogs));
    if let Some(settings) = sanad::ui::settings::settings_path() {
        app = app.with_settings_file(settings);
    }
    match path {
        Some(p) if p.is_dir() => app.send(Command::OpenFolder { folder: p, project }),
        Some(p) if p.is_file() && project.is_some() => {
            bail!(
                "--project goes with a folder; to open a project, give its file alone: {}",
                p.display()
            )
        }
        Some(p) if p.is_file() => app.send(Command::OpenProject(p)),
        Some(p) => bail!("no such folder or project file: {}", p.display()),
        None => {
            let sample = project.unwrap_or_else(|| location::data_dir().join("sample.sanad"));
            app.open_sample(&sample);
        }
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Sanad — سند")
            .with_inner_size([1400.0, 900.0])
            .with_position([0.0, 0.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Sanad",
        options,
        Box::new(move |cc| {
            app.install_fonts(&cc.egui_ctx);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("the window could not be opened: {e}"))
}

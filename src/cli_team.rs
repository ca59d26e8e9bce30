//! The team commands of the command line: `extract`, `merge`, `agreement`, `adjudicate`
//! (library: [`sanad::team`]).

use anyhow::bail;
use clap::Subcommand;
use sanad::model::DocumentStatus;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum TeamSub {
    /// Make a project for one annotator: the chosen documents (text, hashes), the label scheme
    /// and the entity registry; nothing of others' annotations unless --with-annotations.
    Extract {
        /// The team's .sanad project file.
        project_file: PathBuf,
        /// Only these documents: ids separated by commas (as `sanad export` writes them).
        #[arg(long, value_name = "IDS", value_delimiter = ',')]
        documents: Option<Vec<i64>>,
        /// Only documents with this status: todo, in_progress, done.
        #[arg(long)]
        status: Option<String>,
        /// At most N documents (of those chosen, in document-list order).
        #[arg(long, value_name = "N")]
        count: Option<usize>,
        /// The annotator it is for.
        #[arg(long = "for", value_name = "NAME")]
        for_name: String,
        /// The new project file (never replaces one), e.g. NAME.sanad.
        #[arg(long)]
        output: PathBuf,
        /// Keep the chosen documents' annotations (every layer), notes and statuses.
        #[arg(long)]
        with_annotations: bool,
    },
    /// Merge annotators' projects into a team project (created when absent): documents matched
    /// by their text's hash, each annotation kept in its annotator's layer. One transaction.
    Merge {
        /// The annotators' .sanad project files.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The team project file.
        #[arg(long)]
        output: PathBuf,
        /// Bring the label or relation type SOURCE in as the team's TARGET (repeatable).
        #[arg(long = "map", value_name = "SOURCE=TARGET")]
        map: Vec<String>,
        /// Add labels, relation types and attribute values the team scheme lacks.
        #[arg(long)]
        add_labels: bool,
        /// Leave out annotations whose label, relation type or attribute value is unknown.
        #[arg(long)]
        drop_unknown: bool,
    },
    /// Agreement between the annotators' layers: span-level exact and overlap
    /// precision/recall/F1 per pair, per label and overall; token-level Cohen's kappa per pair,
    /// Fleiss' kappa (more than two), Krippendorff's alpha (nominal); per document too.
    Agreement {
        /// The team .sanad project file.
        project_file: PathBuf,
        /// Only spans of this label (tokens are this label or O).
        #[arg(long)]
        label: Option<String>,
        /// Print the numbers as one JSON object.
        #[arg(long)]
        json: bool,
        /// Also write the token labels the token-level numbers were computed on (JSON:
        /// annotators, then per token its document, start, end in code points and each
        /// annotator's label, null where they did not annotate the document).
        #[arg(long, value_name = "FILE")]
        tokens_out: Option<PathBuf>,
    },
    /// Adjudicate: copy into the curated layer (annotator "curator") what every annotator
    /// agrees on. One undoable action, recorded in the audit log.
    Adjudicate {
        /// The team .sanad project file.
        project_file: PathBuf,
        /// Accept every span (offsets and label) that all annotators of a document gave.
        #[arg(long, required = true)]
        accept_agreeing: bool,
        /// Only this document (its id).
        #[arg(long, value_name = "ID")]
        document: Option<i64>,
    },
}

fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |v| format!("{v:.4}"))
}

fn print_pair(indent: &str, p: &sanad::team::agreement::PairAgreement) -> anyhow::Result<()> {
    let s = &p.overall;
    out!(
        "{indent}{} vs {}: exact P {} R {} F1 {}; overlap P {} R {} F1 {}; kappa {} over {} token(s)",
        p.a,
        p.b,
        num(s.exact.precision),
        num(s.exact.recall),
        num(s.exact.f1),
        num(s.overlap.precision),
        num(s.overlap.recall),
        num(s.overlap.f1),
        num(p.cohen_kappa),
        p.tokens
    );
    for (label, s) in &p.per_label {
        out!(
            "{indent}  {label}: exact P {} R {} F1 {}; overlap P {} R {} F1 {}",
            num(s.exact.precision),
            num(s.exact.recall),
            num(s.exact.f1),
            num(s.overlap.precision),
            num(s.overlap.recall),
            num(s.overlap.f1)
        );
    }
    Ok(())
}

pub fn run(
    sub: TeamSub,
    project_given: bool,
    pass: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    if project_given {
        bail!(
            "--project does not go with the team commands: give the project file as the first argument"
        );
    }
    match sub {
        TeamSub::Extract {
            project_file,
            documents,
            status,
            count,
            for_name,
            output,
            with_annotations,
        } => {
            let status = match status.as_deref() {
                None => None,
                Some(s) => Some(DocumentStatus::parse(s).ok_or_else(|| {
                    anyhow::anyhow!("--status takes todo, in_progress or done, not {s:?}")
                })?),
            };
            let project = crate::cli::open_existing(&project_file, pass)?;
            let options = sanad::team::extract::ExtractOptions {
                documents,
                status,
                count,
                for_name,
                with_annotations,
            };
            let pruned = sanad::team::extract::extract(&project, &options, &output)?;
            eprintln!(
                "extracted {} document(s), {} annotation(s), {} entit(ies) for {} to {}",
                pruned.documents,
                pruned.annotations,
                pruned.entities,
                options.for_name,
                output.display()
            );
            Ok(())
        }
        TeamSub::Merge {
            inputs,
            output,
            map,
            add_labels,
            drop_unknown,
        } => {
            let map = map
                .iter()
                .map(|m| sanad::interop::plan::PlanOptions::parse_map(m))
                .collect::<Result<Vec<_>, _>>()?;
            let options = sanad::team::merge::MergeOptions {
                map,
                add_labels,
                drop_unknown,
            };
            let report = sanad::team::merge::merge_files(&inputs, &output, &options)
                .map_err(|e| anyhow::anyhow!("cannot merge ({e}): {}", output.display()))?;
            for line in report.lines() {
                out!("{}", sanad::corpus::printable_name(&line));
            }
            Ok(())
        }
        TeamSub::Agreement {
            project_file,
            label,
            json,
            tokens_out,
        } => {
            let project = crate::cli::open_existing(&project_file, pass)?;
            let a = sanad::team::agreement::project_agreement(&project, label.as_deref())?;
            if let Some(path) = &tokens_out {
                let body = serde_json::to_vec(&a.tokens)?;
                sanad::export::file::write_atomically(path, &project_file, |w| {
                    Ok(w.write_all(&body)?)
                })
                .map_err(|e| {
                    anyhow::anyhow!("cannot write the tokens ({e}): {}", path.display())
                })?;
            }
            if json {
                out!("{}", serde_json::to_string_pretty(&a)?);
                return Ok(());
            }
            if a.annotators.len() < 2 {
                out!(
                    "fewer than two annotators ({}): nothing to compare",
                    a.annotators.join(", ")
                );
                return Ok(());
            }
            out!(
                "annotators: {}{}",
                a.annotators.join(", "),
                a.label
                    .as_ref()
                    .map_or(String::new(), |l| format!(" (label {l})"))
            );
            for p in &a.pairs {
                print_pair("", p)?;
            }
            out!(
                "Fleiss' kappa {}; Krippendorff's alpha (nominal, tokens) {}",
                num(a.fleiss_kappa),
                num(a.krippendorff_alpha)
            );
            for d in &a.documents {
                out!(
                    "{}: annotators {}; Fleiss {}; alpha {}",
                    sanad::corpus::printable_name(&d.rel_path),
                    d.annotators.join(", "),
                    num(d.fleiss_kappa),
                    num(d.krippendorff_alpha)
                );
                for p in &d.pairs {
                    print_pair("  ", p)?;
                }
            }
            Ok(())
        }
        TeamSub::Adjudicate {
            project_file,
            accept_agreeing,
            document,
        } => {
            debug_assert!(accept_agreeing, "clap requires it");
            let mut project = crate::cli::open_existing(&project_file, pass)?;
            let done = project.apply(&sanad::model::Action::AcceptAgreeing {
                document_id: document,
            })?;
            let n = match &done.inverse {
                sanad::model::Action::Batch(v) => v.len(),
                _ => 1,
            };
            eprintln!(
                "accepted {n} span(s) every annotator agrees on into the curated layer of {}",
                project_file.display()
            );
            Ok(())
        }
    }
}

//! The team commands of the command line: `extract`, `merge`, `agreement`, `adjudicate`
//! (library: [`sanad::team`]).

use anyhow::bail;
use clap::Subcommand;
use sanad::model::DocumentStatus;
use sanad::store::Project;
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
}

pub fn run(sub: TeamSub, project_given: bool) -> anyhow::Result<()> {
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
            let project = Project::open_existing(&project_file)?;
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
                println!("{}", sanad::corpus::printable_name(&line));
            }
            Ok(())
        }
    }
}

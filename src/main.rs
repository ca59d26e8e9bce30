//! `sanad`: the desktop app and its command line.
//!
//! ```text
//! sanad                              open the bundled sample corpus
//! sanad FOLDER [--project P]         import FOLDER's .txt files and open them
//! sanad PROJECT.sanad                open a project
//! sanad import FOLDER [--project P]  import without the GUI
//! sanad export PROJECT --format jsonl [--output FILE] [--history]
//! ```

use anyhow::bail;
use clap::{Parser, Subcommand, ValueEnum};
use sanad::corpus::{import_folder, location};
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
}

#[derive(Subcommand)]
enum Sub {
    /// Import a folder's .txt files into its project and print what happened.
    Import {
        /// The folder (subfolders are walked; hidden ones are not).
        folder: PathBuf,
    },
    /// Export a project's documents and annotations.
    Export {
        /// The .sanad project file.
        project_file: PathBuf,
        /// The output format.
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
        /// Output file (default: standard output).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include each annotation's audit trail (who changed what, when) as `history`.
        #[arg(long)]
        history: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One JSON object per document; offsets in code points.
    Jsonl,
}

fn main() -> std::process::ExitCode {
    match run(Cli::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // Our errors already carry their causes; `{e:#}` would repeat them.
            eprintln!("sanad: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Sub::Import { folder }) => import(&folder, cli.project),
        Some(Sub::Export { .. }) if cli.project.is_some() => {
            bail!("--project does not go with export: give the project file as the first argument")
        }
        Some(Sub::Export {
            project_file,
            format: Format::Jsonl,
            output,
            history,
        }) => export(
            &project_file,
            output,
            sanad::export::ExportOptions { history },
        ),
        None => gui(cli.path, cli.project),
    }
}

fn import(folder: &std::path::Path, project: Option<PathBuf>) -> anyhow::Result<()> {
    if !folder.exists() {
        bail!("no such folder: {}", folder.display());
    }
    if !folder.is_dir() {
        bail!(
            "not a folder (import takes a folder of .txt files): {}",
            folder.display()
        );
    }
    let path = location::project_path_for_folder(folder, project.as_deref());
    let mut p = Project::open_or_create(&path)?;
    let report = import_folder(&mut p, folder, &mut |_, _| {})?;
    println!("project: {}", path.display());
    println!(
        "imported {} document(s); {} unchanged; {} skipped",
        report.added.len(),
        report.unchanged,
        report.skipped.len()
    );
    for c in &report.changed {
        println!(
            "changed: {c}: the file's bytes differ from the imported copy; the imported text and its annotations were kept"
        );
    }
    for s in &report.skipped {
        println!("skipped: {}: {}", s.rel_path, s.reason);
    }
    for m in &report.missing {
        println!(
            "missing: {m}: no longer in the folder; the imported copy and its annotations were kept"
        );
    }
    if report.added.is_empty() && report.unchanged == 0 && report.changed.is_empty() {
        eprintln!("warning: no .txt files found in {}", folder.display());
    }
    Ok(())
}

fn export(
    project_file: &std::path::Path,
    output: Option<PathBuf>,
    options: sanad::export::ExportOptions,
) -> anyhow::Result<()> {
    let project = Project::open_existing(project_file)?;
    let in_project = |e: sanad::export::jsonl::ExportError| {
        anyhow::anyhow!("cannot export ({e}): {}", project_file.display())
    };
    match output {
        Some(out) if writes_over_project(&out, project_file) => {
            bail!(
                "the output would overwrite the project file; choose another output file: {}",
                out.display()
            )
        }
        Some(out) => {
            let n = sanad::export::write_jsonl_file(&project, options, &out)
                .map_err(|e| anyhow::anyhow!("cannot export ({e}): {}", out.display()))?;
            eprintln!("exported {n} document(s) to {}", out.display());
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            let result = sanad::export::write_jsonl(&project, options, &mut lock)
                .map(|_| ())
                .and_then(|()| Ok(lock.flush()?));
            match result {
                // A reader that stops early (`| head`) is not an error.
                Err(sanad::export::jsonl::ExportError::Io(e))
                    if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                other => other.map_err(in_project)?,
            }
        }
    }
    Ok(())
}

/// Would writing `out` clobber the project file or its WAL/SHM companions?
fn writes_over_project(out: &std::path::Path, project: &std::path::Path) -> bool {
    let canon = |p: &std::path::Path| {
        let parent = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        std::fs::canonicalize(parent)
            .ok()
            .map(|d| d.join(p.file_name().unwrap_or_default()))
    };
    let (Some(out), Some(project)) = (canon(out), canon(project)) else {
        return false;
    };
    let name = project.to_string_lossy().into_owned();
    [
        name.clone(),
        format!("{name}-wal"),
        format!("{name}-shm"),
        format!("{name}-journal"),
    ]
    .iter()
    .any(|p| std::path::Path::new(p) == out)
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

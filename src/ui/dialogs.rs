//! Native file dialogs behind a trait, so tests never open one. Their titles and file kinds
//! are in the interface's language ([`set_language`], which the app calls every frame).

use super::i18n::{Digits, Lang, Locale};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Is the interface in Arabic (the native dialogs' language)?
static ARABIC: AtomicBool = AtomicBool::new(false);

/// Sets the language the native dialogs' titles are written in.
pub fn set_language(lang: Lang) {
    ARABIC.store(lang == Lang::Ar, Ordering::Relaxed);
}

/// The messages in the native dialogs' language (built per dialog: dialogs are rare).
fn locale() -> Locale {
    let lang = if ARABIC.load(Ordering::Relaxed) {
        Lang::Ar
    } else {
        Lang::En
    };
    Locale::new(lang, Digits::Western)
}

/// The file dialogs the app needs.
pub trait FileDialogs {
    /// Asks for a folder of `.txt` documents.
    fn pick_folder(&self) -> Option<PathBuf>;
    /// Asks for an existing `.sanad` project file.
    fn pick_project(&self) -> Option<PathBuf>;
    /// Asks where to save an export; `default_name` is the suggested file name.
    fn save_export(&self, default_name: &str) -> Option<PathBuf>;
    /// Asks for a `.ron` label scheme to import.
    fn pick_scheme(&self) -> Option<PathBuf>;
    /// Asks for a folder of annotation files to import (by default the folder question).
    fn pick_annotations(&self) -> Option<PathBuf> {
        self.pick_folder()
    }
    /// Asks where to save the label scheme as `.ron`.
    fn save_scheme(&self, default_name: &str) -> Option<PathBuf>;
    /// Asks where to save a copy (backup) of the project.
    fn save_project_copy(&self, default_name: &str) -> Option<PathBuf>;
    /// Asks for a gazetteer (a list of known names: `.csv`, `.tsv`, `.ron`) to apply. By
    /// default nobody answers.
    fn pick_gazetteer(&self) -> Option<PathBuf> {
        None
    }
}

/// Real dialogs: rfd through the XDG desktop portal; where no portal answers (a plain X11
/// session), `zenity` or `kdialog` when one is installed.
pub struct NativeDialogs;

/// A portal dialog that comes back empty sooner than this was never shown (no person cancels
/// a dialog that fast): then a fallback dialog is tried.
const NO_PORTAL_WITHIN: Duration = Duration::from_millis(400);

/// One question for a file dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ask {
    /// An existing folder.
    Folder {
        /// Window title.
        title: String,
    },
    /// An existing file with extension `ext` (no dot), described as `kind`.
    Open {
        /// Window title.
        title: String,
        /// What such files are, e.g. "Sanad project".
        kind: String,
        /// Their extension, without the dot.
        ext: String,
    },
    /// A file to write, suggested as `name`.
    Save {
        /// Window title.
        title: String,
        /// What such files are.
        kind: String,
        /// Their extension, without the dot.
        ext: String,
        /// The suggested file name.
        name: String,
    },
}

impl Ask {
    fn portal(&self) -> Option<PathBuf> {
        match self {
            Ask::Folder { title } => rfd::FileDialog::new().set_title(title).pick_folder(),
            Ask::Open { title, kind, ext } => rfd::FileDialog::new()
                .set_title(title)
                .add_filter(kind, &[ext])
                .pick_file(),
            Ask::Save {
                title,
                kind,
                ext,
                name,
            } => rfd::FileDialog::new()
                .set_title(title)
                .set_file_name(name)
                .add_filter(kind, &[ext])
                .save_file(),
        }
    }

    /// The fallback dialog programs to try, in order, each as (program, arguments): zenity
    /// (GTK), then kdialog (KDE). Each prints the chosen path on standard output.
    pub fn fallback_commands(&self) -> Vec<(&'static str, Vec<String>)> {
        match self {
            Ask::Folder { title } => vec![
                (
                    "zenity",
                    vec![
                        "--file-selection".into(),
                        "--directory".into(),
                        format!("--title={title}"),
                    ],
                ),
                (
                    "kdialog",
                    vec![
                        "--title".into(),
                        title.clone(),
                        "--getexistingdirectory".into(),
                        ".".into(),
                    ],
                ),
            ],
            Ask::Open { title, kind, ext } => vec![
                (
                    "zenity",
                    vec![
                        "--file-selection".into(),
                        format!("--title={title}"),
                        format!("--file-filter={kind} | *.{ext}"),
                    ],
                ),
                (
                    "kdialog",
                    vec![
                        "--title".into(),
                        title.clone(),
                        "--getopenfilename".into(),
                        ".".into(),
                        format!("*.{ext}|{kind}"),
                    ],
                ),
            ],
            Ask::Save {
                title,
                kind,
                ext,
                name,
            } => vec![
                (
                    "zenity",
                    vec![
                        "--file-selection".into(),
                        "--save".into(),
                        "--confirm-overwrite".into(),
                        format!("--title={title}"),
                        format!("--filename={name}"),
                        format!("--file-filter={kind} | *.{ext}"),
                    ],
                ),
                (
                    "kdialog",
                    vec![
                        "--title".into(),
                        title.clone(),
                        "--getsavefilename".into(),
                        name.clone(),
                        format!("*.{ext}|{kind}"),
                    ],
                ),
            ],
        }
    }

    /// Runs the first fallback program that exists; its answer, or `None` if it was cancelled
    /// or none is installed.
    fn fallback(&self) -> Option<PathBuf> {
        for (program, args) in self.fallback_commands() {
            let Ok(out) = std::process::Command::new(program).args(&args).output() else {
                continue; // not installed: try the next
            };
            if !out.status.success() {
                return None; // cancelled
            }
            let path = String::from_utf8_lossy(&out.stdout)
                .trim_end_matches('\n')
                .to_owned();
            return (!path.is_empty()).then(|| PathBuf::from(path));
        }
        None
    }

    /// Asks through the portal, then (when no portal answered) through a fallback program.
    pub fn ask(&self) -> Option<PathBuf> {
        let started = Instant::now();
        let answer = self.portal();
        if answer.is_some() || started.elapsed() >= NO_PORTAL_WITHIN {
            return answer;
        }
        self.fallback()
    }
}

impl FileDialogs for NativeDialogs {
    fn pick_folder(&self) -> Option<PathBuf> {
        Ask::Folder {
            title: locale().tr("dialog-open-folder"),
        }
        .ask()
    }

    fn pick_project(&self) -> Option<PathBuf> {
        let l = locale();
        Ask::Open {
            title: l.tr("dialog-open-project"),
            kind: l.tr("dialog-project-kind"),
            ext: "sanad".into(),
        }
        .ask()
    }

    fn save_export(&self, default_name: &str) -> Option<PathBuf> {
        let l = locale();
        // The format's extension comes with the suggested name; a folder format's name has none.
        let ext = std::path::Path::new(default_name)
            .extension()
            .map(|e| e.to_string_lossy().into_owned());
        let (title, kind) = match &ext {
            Some(e) => (
                l.tr("dialog-export"),
                l.tr_args(
                    "dialog-export-file-kind",
                    &[("ext", e.to_uppercase().into())],
                ),
            ),
            None => (l.tr("dialog-export-folder"), l.tr("dialog-folder-kind")),
        };
        Ask::Save {
            title,
            kind,
            ext: ext.unwrap_or_else(|| "*".into()),
            name: default_name.into(),
        }
        .ask()
    }

    fn pick_scheme(&self) -> Option<PathBuf> {
        let l = locale();
        Ask::Open {
            title: l.tr("dialog-import-scheme"),
            kind: l.tr("dialog-scheme-kind"),
            ext: "ron".into(),
        }
        .ask()
    }

    fn save_scheme(&self, default_name: &str) -> Option<PathBuf> {
        let l = locale();
        Ask::Save {
            title: l.tr("dialog-export-scheme"),
            kind: l.tr("dialog-scheme-kind"),
            ext: "ron".into(),
            name: default_name.into(),
        }
        .ask()
    }

    fn save_project_copy(&self, default_name: &str) -> Option<PathBuf> {
        let l = locale();
        rfd::FileDialog::new()
            .set_title(l.tr("dialog-save-copy"))
            .set_file_name(default_name)
            .add_filter(l.tr("dialog-project-kind"), &["sanad"])
            .save_file()
    }

    fn pick_gazetteer(&self) -> Option<PathBuf> {
        let l = locale();
        let title = l.tr("dialog-gazetteer");
        let started = Instant::now();
        let answer = rfd::FileDialog::new()
            .set_title(&title)
            .add_filter(
                l.tr("dialog-gazetteer-kind"),
                &["csv", "tsv", "tab", "ron", "txt"],
            )
            .pick_file();
        if answer.is_some() || started.elapsed() >= NO_PORTAL_WITHIN {
            return answer;
        }
        Ask::Open {
            title,
            kind: l.tr("dialog-gazetteer-csv-kind"),
            ext: "csv".into(),
        }
        .fallback()
    }
}

/// Dialogs that answer from fixed values: for tests.
#[derive(Default, Clone)]
pub struct ScriptedDialogs {
    /// Answer to [`FileDialogs::pick_folder`].
    pub folder: Option<PathBuf>,
    /// Answer to [`FileDialogs::pick_project`].
    pub project: Option<PathBuf>,
    /// Answer to [`FileDialogs::save_export`].
    pub export: Option<PathBuf>,
    /// Answer to [`FileDialogs::pick_scheme`] and [`FileDialogs::save_scheme`].
    pub scheme: Option<PathBuf>,
    /// Answer to [`FileDialogs::save_project_copy`].
    pub copy: Option<PathBuf>,
    /// Answer to [`FileDialogs::pick_gazetteer`].
    pub gazetteer: Option<PathBuf>,
}

impl FileDialogs for ScriptedDialogs {
    fn pick_folder(&self) -> Option<PathBuf> {
        self.folder.clone()
    }
    fn pick_project(&self) -> Option<PathBuf> {
        self.project.clone()
    }
    fn save_export(&self, _default_name: &str) -> Option<PathBuf> {
        self.export.clone()
    }
    fn pick_scheme(&self) -> Option<PathBuf> {
        self.scheme.clone()
    }
    fn save_scheme(&self, _default_name: &str) -> Option<PathBuf> {
        self.scheme.clone()
    }
    fn save_project_copy(&self, _default_name: &str) -> Option<PathBuf> {
        self.copy.clone()
    }
    fn pick_gazetteer(&self) -> Option<PathBuf> {
        self.gazetteer.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fallback_save_dialog_suggests_the_name_and_filters_the_extension() {
        let ask = Ask::Save {
            title: "Export".into(),
            kind: "JSON Lines".into(),
            ext: "jsonl".into(),
            name: "p.jsonl".into(),
        };
        let cmds = ask.fallback_commands();
        assert_eq!(cmds[0].0, "zenity");
        assert!(cmds[0].1.contains(&"--save".to_owned()));
        assert!(cmds[0].1.contains(&"--filename=p.jsonl".to_owned()));
        assert!(
            cmds[0]
                .1
                .contains(&"--file-filter=JSON Lines | *.jsonl".to_owned())
        );
        assert_eq!(cmds[1].0, "kdialog");
        assert_eq!(
            &cmds[1].1[2..],
            ["--getsavefilename", "p.jsonl", "*.jsonl|JSON Lines"]
        );
    }
}

//! Native file dialogs behind a trait, so tests never open one.

use std::path::PathBuf;

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
    /// Asks where to save the label scheme as `.ron`.
    fn save_scheme(&self, default_name: &str) -> Option<PathBuf>;
    /// Asks where to save a copy (backup) of the project.
    fn save_project_copy(&self, default_name: &str) -> Option<PathBuf>;
}

/// Real dialogs through rfd (XDG desktop portal on Linux).
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn pick_folder(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open a folder of .txt documents")
            .pick_folder()
    }

    fn pick_project(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open a Sanad project")
            .add_filter("Sanad project", &["sanad"])
            .pick_file()
    }

    fn save_export(&self, default_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Export annotations as JSONL")
            .set_file_name(default_name)
            .add_filter("JSON Lines", &["jsonl"])
            .save_file()
    }

    fn pick_scheme(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Import a label scheme")
            .add_filter("RON label scheme", &["ron"])
            .pick_file()
    }

    fn save_scheme(&self, default_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Export the label scheme")
            .set_file_name(default_name)
            .add_filter("RON label scheme", &["ron"])
            .save_file()
    }

    fn save_project_copy(&self, default_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Save a copy of the project")
            .set_file_name(default_name)
            .add_filter("Sanad project", &["sanad"])
            .save_file()
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
}

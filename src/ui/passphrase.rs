//! The passphrase window: opening an encrypted project asks for its passphrase (a wrong one says
//! so and asks again), and File → Encrypt project… asks for a new one twice. The fields are
//! masked; what is typed lives in wiped memory ([`Zeroizing`]) until it is submitted, then moves
//! into a [`Passphrase`] that is dropped (wiped) once the project is open: the open project keeps
//! the key inside its connection, and the passphrase in its [`crate::store::Project`] for the
//! second connection of a background export, wiped when the project closes.

use super::app::SanadApp;
use super::bidi_widgets as bw;
use super::command::Command;
use super::windows::window_title;
use crate::corpus::location::project_path_for_folder;
use crate::secret::Passphrase;
use crate::store::{Project, StoreError};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// What the passphrase is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PassphrasePurpose {
    /// Open the encrypted project.
    Open,
    /// Encrypt the open (plain) project with a new passphrase (typed twice).
    Encrypt,
    /// Create a new encrypted project (passphrase typed twice) and import a folder into it, so
    /// that its documents are never written to the disk in plaintext.
    Create,
}

/// The passphrase window's state.
pub struct PassphrasePrompt {
    /// The project file.
    pub(super) path: PathBuf,
    pub(super) purpose: PassphrasePurpose,
    /// [`PassphrasePurpose::Create`]: the folder to import.
    pub(super) folder: Option<PathBuf>,
    pub(super) text: Zeroizing<String>,
    pub(super) confirm: Zeroizing<String>,
    /// A message key (Fluent) for the last failed try.
    pub(super) error: Option<String>,
    /// The field has been given the keyboard focus (once per try: asking every frame made egui
    /// repaint without end where the window itself had no focus, e.g. under Xvfb).
    pub(super) focused: bool,
}

impl PassphrasePrompt {
    fn new(path: &Path, purpose: PassphrasePurpose) -> Self {
        Self {
            path: path.to_owned(),
            purpose,
            folder: None,
            text: Zeroizing::new(String::new()),
            confirm: Zeroizing::new(String::new()),
            error: None,
            focused: false,
        }
    }
}

impl SanadApp {
    /// Is the passphrase window open, and for what?
    pub fn passphrase_prompt(&self) -> Option<PassphrasePurpose> {
        self.passphrase.as_ref().map(|p| p.purpose)
    }

    /// The passphrase window's message after a failed try (already translated), if any.
    pub fn passphrase_error(&self) -> Option<String> {
        let key = self.passphrase.as_ref()?.error.as_deref()?;
        Some(self.tr(key))
    }

    /// Asks for the passphrase of the encrypted project at `path`.
    pub(super) fn ask_passphrase_to_open(&mut self, path: &Path) {
        self.passphrase = Some(PassphrasePrompt::new(path, PassphrasePurpose::Open));
    }

    /// File → Encrypt project…: asks for a new passphrase for the open project.
    pub(super) fn ask_passphrase_to_encrypt(&mut self) {
        let Some(p) = &self.project else { return };
        if p.is_encrypted() || !p.path().is_file() {
            return;
        }
        let path = p.path().to_owned();
        self.passphrase = Some(PassphrasePrompt::new(&path, PassphrasePurpose::Encrypt));
    }

    /// File → New encrypted project…: asks for a folder, then for a new passphrase for its new
    /// project (`FOLDER.sanad`, see [`project_path_for_folder`]); refused when a file is there.
    pub(super) fn ask_new_encrypted_project(&mut self) {
        let Some(folder) = self.dialogs.pick_folder() else {
            self.status = self.tr("msg-no-folder");
            return;
        };
        let path = project_path_for_folder(&folder, None);
        if crate::store::inspect(&path).map_or(true, |k| k != crate::store::FileKind::New) {
            let args = [("path", path.display().to_string().into())];
            self.fail(self.tr_args("msg-encrypted-exists", &args));
            return;
        }
        let mut prompt = PassphrasePrompt::new(&path, PassphrasePurpose::Create);
        prompt.folder = Some(folder);
        self.passphrase = Some(prompt);
    }

    /// The window's OK: opens or encrypts with what was typed; a wrong or mismatched passphrase
    /// keeps the window open with a message.
    pub(super) fn submit_passphrase(&mut self) {
        let Some(mut prompt) = self.passphrase.take() else {
            return;
        };
        if prompt.purpose != PassphrasePurpose::Open && *prompt.text != *prompt.confirm {
            prompt.error = Some("passphrase-mismatch".into());
            prompt.focused = false;
            prompt.confirm.clear();
            self.passphrase = Some(prompt);
            return;
        }
        // Moves the typed text into the passphrase (no copy is left in the prompt).
        let key = match Passphrase::new(std::mem::take(&mut *prompt.text)) {
            Ok(k) => k,
            Err(_) => {
                prompt.error = Some("passphrase-empty".into());
                prompt.focused = false;
                self.passphrase = Some(prompt);
                return;
            }
        };
        prompt.confirm.clear();
        match prompt.purpose {
            PassphrasePurpose::Open => match self.open_project_keyed(&prompt.path, Some(&key)) {
                Err(StoreError::WrongPassphrase { .. }) => {
                    prompt.error = Some("passphrase-wrong".into());
                    prompt.focused = false;
                    self.passphrase = Some(prompt);
                }
                Err(e) => self.fail(e.to_string()),
                Ok(()) => {}
            },
            PassphrasePurpose::Encrypt => self.encrypt_open_project(&prompt.path, &key),
            PassphrasePurpose::Create => {
                let created = Project::create_encrypted(&prompt.path, &key);
                match self.install_project(&prompt.path, created) {
                    // The import reopens the project with the same passphrase (see start_import).
                    Ok(()) => {
                        if let Some(folder) = prompt.folder.take() {
                            self.start_import(folder, Some(prompt.path.clone()));
                        }
                    }
                    Err(e) => self.fail(e.to_string()),
                }
            }
        }
    }

    /// Encrypts the open project file in place and opens it again with `key`.
    fn encrypt_open_project(&mut self, path: &Path, key: &Passphrase) {
        // The project's editing lock and connection go first: encrypting takes the lock itself.
        self.project = None;
        let result = crate::store::crypt::encrypt_file(path, key);
        let opened = self.open_project_keyed(path, Some(key));
        match (result, opened) {
            (Ok(()), Ok(())) => {
                self.status = self.tr_args(
                    "msg-encrypted",
                    &[("path", path.display().to_string().into())],
                );
            }
            (Err(e), _) => self.fail(e.to_string()),
            (Ok(()), Err(e)) => self.fail(e.to_string()),
        }
    }

    /// The passphrase window, when asked for.
    pub(super) fn passphrase_window(&mut self, ctx: &egui::Context) {
        let Some(mut prompt) = self.passphrase.take() else {
            return;
        };
        let l = self.locale.clone();
        let encrypt = prompt.purpose != PassphrasePurpose::Open;
        let (title, text, ok) = match prompt.purpose {
            PassphrasePurpose::Encrypt => (
                "passphrase-encrypt-title",
                "passphrase-encrypt-text",
                "passphrase-encrypt-ok",
            ),
            PassphrasePurpose::Create => (
                "passphrase-create-title",
                "passphrase-create-text",
                "passphrase-create-ok",
            ),
            PassphrasePurpose::Open => (
                "passphrase-open-title",
                "passphrase-open-text",
                "passphrase-open-ok",
            ),
        };
        let mut submit = false;
        let mut cancel = false;
        let mut fields = Vec::new();
        egui::Window::new(window_title(ctx, &l.tr(title)))
            .id(egui::Id::unique("passphrase-window"))
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                bw::column(ui, |ui| {
                    let path = prompt.path.display().to_string();
                    bw::label(ui, &l.tr_args(text, &[("path", path.into())]));
                    let label = bw::label(ui, &l.tr("passphrase-field")).id;
                    let first = ui
                        .add(
                            egui::TextEdit::singleline(&mut *prompt.text)
                                .password(true)
                                .id_salt("passphrase-text"),
                        )
                        .labelled_by(label);
                    fields.push(first.id);
                    if !prompt.focused {
                        first.request_focus();
                        prompt.focused = true;
                    }
                    let mut enter =
                        first.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if encrypt {
                        let label = bw::label(ui, &l.tr("passphrase-confirm")).id;
                        let second = ui
                            .add(
                                egui::TextEdit::singleline(&mut *prompt.confirm)
                                    .password(true)
                                    .id_salt("passphrase-confirm"),
                            )
                            .labelled_by(label);
                        fields.push(second.id);
                        enter =
                            second.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                        bw::label(ui, &l.tr("passphrase-encrypt-warning"));
                    }
                    if let Some(key) = &prompt.error {
                        let c = ui.visuals().error_fg_color;
                        bw::colored_label(ui, &l.tr(key), Some(c));
                    }
                    bw::row(ui, |ui| {
                        if bw::button(ui, &l.tr(ok)).clicked() || enter {
                            submit = true;
                        }
                        if bw::button(ui, &l.tr("cancel")).clicked()
                            || ui.input(|i| i.key_pressed(egui::Key::Escape))
                        {
                            cancel = true;
                        }
                    });
                });
            });
        if submit || cancel {
            // egui keeps each field's undo history (copies of the text) in its memory: drop it.
            ctx.data_mut(|d| {
                for id in fields {
                    d.remove::<egui::text_edit::TextEditState>(id);
                }
            });
        }
        if cancel {
            // Dropping the prompt wipes what was typed.
            drop(prompt);
            self.queue.push(Command::CancelPassphrase);
        } else {
            self.passphrase = Some(prompt);
            if submit {
                self.queue.push(Command::SubmitPassphrase);
            }
        }
    }
}

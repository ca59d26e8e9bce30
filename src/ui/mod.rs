//! The egui front end. It draws and turns input into [`app::Command`]s; one place
//! ([`app::SanadApp::run_command`]) applies them, and model changes go through
//! [`crate::store::Project::apply`] as one transaction each.

pub mod agreement_panel;
pub mod app;
pub mod bidi_widgets;
pub mod command;
pub mod curation;
pub mod dialogs;
pub mod document_access;
pub mod document_view;
pub mod entity_panel;
pub mod export_dialog;
pub mod i18n;
pub mod label_style;
pub mod overlays;
pub mod panels;
pub mod passphrase;
pub mod projects;
mod reading;
pub mod search_panel;
pub mod settings;
pub mod shortcuts;
pub mod suggestions_panel;
mod team;
pub mod text_input;
mod verify_banner;
pub mod windows;

pub use app::{Command, SanadApp};

//! The warning shown when an opened project fails [`crate::store::Project::verify`] (issue 14
//! §4): its audit chain is broken or a document's text was changed outside Sanad. It stays above
//! the document until dismissed (an action does not clear it, unlike an error), and names the
//! first broken audit row and the changed documents.

use super::app::SanadApp;
use super::bidi_widgets as bw;
use crate::store::verify::ProjectReport;
use egui::Ui;

/// How many changed documents the banner names before "…".
const NAMED_DOCUMENTS: usize = 5;

impl SanadApp {
    /// Verifies the open project and sets (or clears) the warning. Reads the whole audit log
    /// and every text once (see benches/verify.rs for its cost).
    pub(super) fn check_verification(&mut self) {
        let report = match &self.project {
            None => {
                self.verification = None;
                return;
            }
            Some(p) => p.verify(),
        };
        self.verification = match report {
            Ok(r) if r.ok() => None,
            Ok(r) => Some(self.verification_message(&r)),
            Err(e) => Some(e.to_string()),
        };
    }

    fn verification_message(&self, r: &ProjectReport) -> String {
        let l = &self.locale;
        let mut problems = Vec::new();
        if let Some(row) = &r.broken_row {
            problems.push(l.tr_args(
                "msg-verify-row",
                &[
                    ("id", l.num(row.id).into()),
                    ("action", row.action.clone().into()),
                    ("actor", row.actor.clone().into()),
                ],
            ));
        }
        if r.head_mismatch.is_some() {
            problems.push(l.tr("msg-verify-head"));
        }
        let mut names: Vec<String> = r
            .changed_documents
            .iter()
            .take(NAMED_DOCUMENTS)
            .map(|d| d.rel_path.clone())
            .collect();
        if r.changed_documents.len() > NAMED_DOCUMENTS {
            names.push("…".to_owned());
        }
        if !names.is_empty() {
            problems.push(l.tr_args(
                "msg-verify-documents",
                &[
                    ("count", l.num(r.changed_documents.len()).into()),
                    ("names", names.join(", ").into()),
                ],
            ));
        }
        l.tr_args(
            "msg-verify-failed",
            &[(
                "problems",
                problems.join(l.tr("msg-verify-separator").as_str()).into(),
            )],
        )
    }

    /// The verification warning of the open project, if it failed (the banner's text).
    pub fn verification_warning(&self) -> Option<&str> {
        self.verification.as_deref()
    }

    /// Draws the warning, if any, as a banner at the top of the central panel.
    pub(super) fn verification_banner(&mut self, ui: &mut Ui) {
        let Some(text) = self.verification.clone() else {
            return;
        };
        let l = self.locale.clone();
        egui::Frame::group(ui.style())
            .stroke(egui::Stroke::new(1.5, ui.visuals().warn_fg_color))
            .show(ui, |ui| {
                bw::row_wrapped(ui, |ui| {
                    if bw::small_button(ui, &l.tr("central-dismiss")).clicked() {
                        self.verification = None;
                    }
                    bw::colored_label(ui, &format!("⚠ {text}"), Some(ui.visuals().warn_fg_color));
                });
            });
    }
}

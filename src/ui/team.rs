//! File → Merge projects…: an annotator's project merged into the open one (see
//! [`crate::team::merge`]).

use super::app::SanadApp;
use super::command::Command;

impl SanadApp {
    /// Plans the merge of the project at `path` into the open project and applies it as one
    /// action (one undo step); the report goes where an annotation import's does (the document
    /// list). Labels the open project's scheme lacks refuse the merge with the list (the
    /// command line's `--map`, `--add-labels`, `--drop-unknown` resolve them).
    pub(super) fn merge_project(&mut self, path: &std::path::Path) {
        let Some(project) = self.project.as_ref() else {
            self.fail(self.tr("msg-import-no-project"));
            return;
        };
        let inputs = [path.to_owned()];
        match crate::team::merge::plan_merge(project, &inputs, &Default::default()) {
            Ok((batch, report)) => {
                let mut lines = report.lines();
                if !batch.is_empty() {
                    self.run_command(Command::Apply(crate::model::Action::Import(Box::new(
                        batch,
                    ))));
                    lines.retain(|l| !l.starts_with("nothing to add"));
                }
                if self.error.is_none() {
                    self.status = lines.first().cloned().unwrap_or_default();
                }
                self.annotation_report = Some((path.display().to_string(), lines));
            }
            Err(e) => self.fail(format!("{e}: {}", path.display())),
        }
    }
}

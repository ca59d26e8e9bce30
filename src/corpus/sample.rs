//! The bundled sample corpus (`assets/sample/`): three short texts written for Sanad, in Arabic,
//! English and both mixed, embedded in the binary so `cargo run` works anywhere.

use super::import::SourceFile;

/// The sample files: (name, bytes).
pub const SAMPLE_FILES: &[(&str, &[u8])] = &[
    (
        "01-shahada.txt",
        include_bytes!("../../assets/sample/01-shahada.txt"),
    ),
    (
        "02-report-en.txt",
        include_bytes!("../../assets/sample/02-report-en.txt"),
    ),
    (
        "03-mixed-post.txt",
        include_bytes!("../../assets/sample/03-mixed-post.txt"),
    ),
];

/// The sample corpus as files ready for [`super::import_files`].
pub fn sample_files() -> Vec<SourceFile> {
    SAMPLE_FILES
        .iter()
        .map(|(name, bytes)| SourceFile {
            rel_path: (*name).to_owned(),
            bytes: Ok(bytes.to_vec()),
        })
        .collect()
}

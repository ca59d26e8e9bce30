//! Corpus import: decoding files, walking a folder, choosing the project's location, and the
//! bundled sample corpus.

pub mod decode;
pub mod import;
pub mod location;
pub mod sample;

pub use import::{
    ImportOptions, ImportReport, Skipped, SourceFile, import_files, import_folder,
    import_folder_with, printable_name, sha256_hex,
};

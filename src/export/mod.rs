//! Exports. Each format says which offset unit it uses; JSONL uses code points.

pub mod csv;
pub mod file;
pub mod folder;
pub mod hf;
pub mod jsonl;
pub mod provenance;
pub mod refi_qda;
pub mod rows;
pub mod tokens;
pub mod w3c;
pub mod xlsx;

pub use jsonl::{ExportOptions, ExportSummary, OffsetExtras, write_jsonl, write_jsonl_file};

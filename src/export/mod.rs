//! Exports. Each format says which offset unit it uses; JSONL uses code points.

pub mod file;
pub mod jsonl;
pub mod provenance;

pub use jsonl::{ExportOptions, ExportSummary, OffsetExtras, write_jsonl, write_jsonl_file};

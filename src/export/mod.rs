//! Exports. Each format says which offset unit it uses; JSONL uses code points.

pub mod jsonl;

pub use jsonl::{ExportOptions, write_jsonl, write_jsonl_file};

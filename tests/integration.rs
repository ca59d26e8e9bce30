//! Every integration test in one binary: one link instead of forty (CI disk and time; see
//! `autotests = false` in Cargo.toml). Each file under `tests/` stays a module of its own.

// Helpers shared by several modules.
mod common;
mod corpus;
#[path = "support/painted.rs"]
mod painted;

mod annotation_import;
mod baseline;
mod bidi_conformance;
mod brat_round_trip;
mod cli;
mod cli_integrity;
mod coverage;
mod crash_loop;
mod digits;
mod durability;
mod encryption;
mod entity_registry;
mod export_formats;
mod export_manifest;
mod export_tables;
mod i18n;
mod import_suggestions;
mod integrity;
mod ligatures;
mod pseudonymise;
mod search_matching;
mod seed_acceptance;
mod small_cases;
mod suggestions;
mod tamper;
mod teams;
mod ui_accesskit;
mod ui_agreement;
mod ui_annotation_model;
mod ui_arabic;
mod ui_curation;
mod ui_entities;
mod ui_ergonomics;
mod ui_export;
mod ui_integrity;
mod ui_labeling;
mod ui_ligatures;
mod ui_reading;
mod ui_search;
mod ui_selection;
mod ui_suggestions;
mod ui_team;
mod ui_text_input;
mod ui_undrawable;
mod undo_properties;
mod wrap_properties;

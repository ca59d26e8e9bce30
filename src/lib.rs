//! Sanad (سند): an annotation workbench for Arabic human-rights documents.
//!
//! The library holds everything that runs without a display: the text engine ([`text`]), the
//! annotation model ([`model`]), the SQLite project file ([`store`]), corpus import ([`corpus`])
//! and export ([`export`]). The egui front end is in [`ui`]; it only draws and sends
//! [`model::Action`]s.

pub mod corpus;
pub mod export;
pub mod interop;
pub mod model;
pub mod search;
pub mod secret;
pub mod store;
pub mod team;
pub mod text;
pub mod ui;

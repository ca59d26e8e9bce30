//! The text engine: paragraphs, bidi levels and visual order (UAX #9), line breaking (UAX #14),
//! shaping units, layout and hit-testing. It draws nothing and needs no display.
//!
//! Every position is a char offset (Unicode scalar value index) into the document text,
//! end-exclusive; bytes appear only where egui needs them.

pub mod bidi;
pub mod caret;
pub mod clusters;
pub mod document;
pub mod edit;
pub mod fonts;
pub mod layout;
pub mod measure;
pub mod paragraphs;
pub mod shaping;
pub mod units;
pub mod words;

pub use bidi::DirectionSetting;
pub use layout::{DocumentLayout, Measurer, layout_document};

//! The bundled fonts (SIL OFL 1.1, licence in `assets/fonts/OFL.txt`) and egui font definitions
//! that use only them, so that no screen depends on system fonts.

use egui::{FontData, FontDefinitions, FontFamily, FontId};
use std::sync::Arc;

/// Noto Naskh Arabic Regular, the face for Arabic script.
pub const NOTO_NASKH_ARABIC: &[u8] =
    include_bytes!("../../assets/fonts/NotoNaskhArabic-Regular.ttf");
/// Noto Sans Regular, the face for Latin, digits and punctuation.
pub const NOTO_SANS: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");

/// Name of the font family the document view draws with.
pub const DOCUMENT_FAMILY: &str = "sanad-document";

/// Font definitions with Noto Sans first and Noto Naskh Arabic as its fallback, for the
/// proportional family (all UI text) and for [`DOCUMENT_FAMILY`]; egui's default monospace face is
/// kept, with the Noto faces as fallbacks.
pub fn font_definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    defs.font_data.insert(
        "noto-sans".into(),
        Arc::new(FontData::from_static(NOTO_SANS)),
    );
    defs.font_data.insert(
        "noto-naskh-arabic".into(),
        Arc::new(FontData::from_static(NOTO_NASKH_ARABIC)),
    );
    let ours = vec!["noto-sans".to_owned(), "noto-naskh-arabic".to_owned()];
    let mut proportional = ours.clone();
    if let Some(old) = defs.families.get(&FontFamily::Proportional) {
        proportional.extend(old.iter().filter(|n| !ours.contains(n)).cloned());
    }
    defs.families.insert(FontFamily::Proportional, proportional);
    // Emoji and symbols (📌, 😂, ⚠) come from egui's bundled emoji faces, after ours.
    let mut document = ours.clone();
    document.extend(
        ["NotoEmoji-Regular", "emoji-icon-font"]
            .into_iter()
            .filter(|n| defs.font_data.contains_key(*n))
            .map(String::from),
    );
    defs.families
        .insert(FontFamily::Name(DOCUMENT_FAMILY.into()), document);
    defs.families
        .entry(FontFamily::Monospace)
        .or_default()
        .extend(ours);
    defs
}

/// The font the document view draws with, at `size` points.
pub fn document_font(size: f32) -> FontId {
    FontId::new(size, FontFamily::Name(DOCUMENT_FAMILY.into()))
}

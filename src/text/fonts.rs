//! The bundled fonts (SIL OFL 1.1, licence in `assets/fonts/OFL.txt`) and egui font definitions
//! that use only them, so that no screen depends on system fonts.

use egui::{FontData, FontDefinitions, FontFamily, FontId};
use std::sync::Arc;

/// Noto Naskh Arabic Regular, the face for Arabic script.
pub const NOTO_NASKH_ARABIC: &[u8] =
    include_bytes!("../../assets/fonts/NotoNaskhArabic-Regular.ttf");
/// Noto Sans Regular, the face for Latin, digits and punctuation.
pub const NOTO_SANS: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
/// Noto Sans Hebrew Regular: prison and place names in this region's documents are often Hebrew.
pub const NOTO_SANS_HEBREW: &[u8] = include_bytes!("../../assets/fonts/NotoSansHebrew-Regular.ttf");
/// Noto Sans Symbols Regular: arrows (→) and other symbols Noto Sans lacks.
pub const NOTO_SANS_SYMBOLS: &[u8] =
    include_bytes!("../../assets/fonts/NotoSansSymbols-Regular.ttf");
/// Noto Sans Symbols 2 Regular: check marks (✓), dingbats, shapes.
pub const NOTO_SANS_SYMBOLS2: &[u8] =
    include_bytes!("../../assets/fonts/NotoSansSymbols2-Regular.ttf");

/// The bundled faces in fallback order, with the names egui knows them by: Latin first, then
/// Arabic, Hebrew and symbols.
pub const BUNDLED: [(&str, &[u8]); 5] = [
    ("noto-sans", NOTO_SANS),
    ("noto-naskh-arabic", NOTO_NASKH_ARABIC),
    ("noto-sans-hebrew", NOTO_SANS_HEBREW),
    ("noto-sans-symbols", NOTO_SANS_SYMBOLS),
    ("noto-sans-symbols2", NOTO_SANS_SYMBOLS2),
];

/// Name of the font family the document view draws with.
pub const DOCUMENT_FAMILY: &str = "sanad-document";

/// Font definitions with the [`BUNDLED`] faces (Noto Sans first, then Noto Naskh Arabic, Noto
/// Sans Hebrew and the symbol faces as its fallbacks) for the proportional family (all UI text) and
/// for [`DOCUMENT_FAMILY`]; egui's default monospace face is kept, with the Noto faces as
/// fallbacks.
pub fn font_definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    for (name, data) in BUNDLED {
        defs.font_data
            .insert(name.into(), Arc::new(FontData::from_static(data)));
    }
    let ours: Vec<String> = BUNDLED.iter().map(|(n, _)| (*n).to_owned()).collect();
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

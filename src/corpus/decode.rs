//! Turning a file's bytes into text. The text is kept exactly as decoded: the BOM is stripped,
//! line endings are not touched. In order:
//!
//! 1. A byte-order mark decides (UTF-8, UTF-16 LE/BE).
//! 2. Known binary signatures are refused.
//! 3. UTF-16 without a BOM is recognised when nearly every code unit decodes to text (Latin,
//!    Arabic, Hebrew, Cyrillic, punctuation) in one byte order; it is flagged as guessed.
//! 4. Valid UTF-8 is UTF-8. UTF-8 with damage (at least as many valid multi-byte sequences as
//!    invalid bytes, anywhere in the file) is refused, never guessed as a legacy encoding.
//! 5. Otherwise a legacy encoding: chardetng's guess, except that on short evidence (under
//!    [`CONFIDENT_NON_ASCII`] non-ASCII bytes) Windows-1256 wins when it decodes the bytes to
//!    Arabic letters (chardetng mistakes short Arabic files for Hebrew, Cyrillic, Western text or
//!    ISO-8859-6). Short evidence (under
//!    [`CONFIDENT_NON_ASCII`] non-ASCII bytes) or that override marks the guess as low
//!    confidence ([`Decoded::guessed`]). A long file with no ASCII white space at all is not text
//!    in any single-byte encoding and is refused.
//!
//! [`decode_as`] skips detection for a user-chosen encoding (`sanad import --encoding`).

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1256};

/// Files larger than this are skipped (bytes).
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// Fewer non-ASCII bytes than this are too little evidence for a confident legacy guess.
pub const CONFIDENT_NON_ASCII: usize = 64;

/// A decoded file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, BOM stripped, otherwise exactly as decoded.
    pub text: String,
    /// encoding_rs name of the encoding, e.g. `UTF-8`, `UTF-16LE`, `windows-1256`.
    pub encoding: &'static str,
    /// Did the bytes start with a byte-order mark (now stripped)?
    pub bom: bool,
    /// Is the encoding a low-confidence guess (see the module docs)?
    pub guessed: bool,
}

/// Why a file was not imported.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Zero bytes (or only a BOM).
    #[error("empty file")]
    Empty,
    /// Looks like a binary file.
    #[error("binary file ({0})")]
    Binary(&'static str),
    /// Bytes that are not valid in the detected encoding.
    #[error("undecodable: the bytes are not valid {0}")]
    Undecodable(&'static str),
    /// UTF-8 (it has valid multi-byte sequences) with an invalid or truncated sequence.
    #[error(
        "undecodable: invalid UTF-8 at byte {0} (the file looks like UTF-8 but is damaged or cut off)"
    )]
    BrokenUtf8(usize),
    /// A long file with no ASCII white space: no single-byte text looks like that.
    #[error(
        "not text: {0} bytes without a single space or line break (random or compressed data?)"
    )]
    NoSpaces(usize),
    /// A byte-order mark that contradicts the encoding the user forced.
    #[error("the file starts with a {0} byte-order mark; not decoded as {1}")]
    BomMismatch(&'static str, &'static str),
    /// Over [`MAX_FILE_BYTES`].
    #[error("too large ({0} bytes; the limit is 50 MiB)")]
    TooLarge(usize),
}

const BINARY_MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"SQLite format 3\0", "a SQLite database"),
];

/// Decodes `bytes` as described in the module docs.
///
/// # Errors
/// [`DecodeError`] for empty, binary, too large or undecodable input.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(DecodeError::TooLarge(bytes.len()));
    }
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_body(&bytes[bom_len..], encoding, true, false);
    }
    for (magic, what) in BINARY_MAGIC {
        if bytes.starts_with(magic) {
            return Err(DecodeError::Binary(what));
        }
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return decode_body(bytes, encoding, false, true);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary("contains NUL bytes"));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text.to_owned(), UTF_8, false, false);
    }
    if let Some(at) = damaged_utf8(bytes) {
        return Err(DecodeError::BrokenUtf8(at));
    }
    if bytes.len() >= 1024 && !bytes.iter().any(u8::is_ascii_whitespace) {
        return Err(DecodeError::NoSpaces(bytes.len()));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let mut encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let mut overridden = false;
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    if encoding != WINDOWS_1256 {
        let (arabic, _) = WINDOWS_1256.decode_without_bom_handling(bytes);
        // On little evidence, Windows-1256 (by far the commonest legacy Arabic encoding) beats
        // chardetng's guess when it decodes the bytes to Arabic letters; with more evidence,
        // chardetng's statistics decide (Russian KOI8 also decodes to Arabic letters here).
        if non_ascii < CONFIDENT_NON_ASCII && arabic_letter_share(&arabic) >= 0.8 {
            encoding = WINDOWS_1256;
            overridden = true;
        }
    }
    decode_body(
        bytes,
        encoding,
        false,
        overridden || non_ascii < CONFIDENT_NON_ASCII,
    )
}

/// Decodes `bytes` as `encoding`, whatever detection would say; a BOM of that encoding is
/// stripped (for UTF-8 and UTF-16), another encoding's BOM is refused.
///
/// # Errors
/// As [`decode`], plus [`DecodeError::BomMismatch`].
pub fn decode_as(bytes: &[u8], encoding: &'static Encoding) -> Result<Decoded, DecodeError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(DecodeError::TooLarge(bytes.len()));
    }
    match Encoding::for_bom(bytes) {
        Some((bom_encoding, bom_len)) if bom_encoding == encoding => {
            decode_body_as(&bytes[bom_len..], encoding, true, false, true)
        }
        Some((bom_encoding, _)) => Err(DecodeError::BomMismatch(
            bom_encoding.name(),
            encoding.name(),
        )),
        None => decode_body_as(bytes, encoding, false, false, true),
    }
}

/// Looks an encoding up by any of its WHATWG labels (`windows-1256`, `cp1256`, `utf-16le`…).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

fn decode_body(
    body: &[u8],
    encoding: &'static Encoding,
    bom: bool,
    guessed: bool,
) -> Result<Decoded, DecodeError> {
    decode_body_as(body, encoding, bom, guessed, false)
}

/// `forced`: the user chose the encoding, so bad bytes mean "not this encoding", not damage.
fn decode_body_as(
    body: &[u8],
    encoding: &'static Encoding,
    bom: bool,
    guessed: bool,
    forced: bool,
) -> Result<Decoded, DecodeError> {
    if body.is_empty() {
        return Err(DecodeError::Empty);
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        if encoding == UTF_8 && !forced {
            let at = std::str::from_utf8(body)
                .err()
                .map_or(0, |e| e.valid_up_to());
            return Err(DecodeError::BrokenUtf8(at + if bom { 3 } else { 0 }));
        }
        return Err(DecodeError::Undecodable(encoding.name()));
    }
    finish(text.into_owned(), encoding, bom, guessed)
}

/// The byte offset of the first bad sequence, when `bytes` (not valid UTF-8) look like UTF-8 with
/// damage: at least as many valid multi-byte sequences as invalid bytes, anywhere in the file.
/// Legacy-encoded text forms a valid multi-byte sequence only by accident.
fn damaged_utf8(bytes: &[u8]) -> Option<usize> {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    (multibyte > 0 && multibyte >= invalid).then(|| {
        std::str::from_utf8(bytes)
            .err()
            .map_or(0, |e| e.valid_up_to())
    })
}

/// UTF-16LE or UTF-16BE when `bytes` without a BOM decode in that byte order (and not the other)
/// to text: an even length of at least 4 bytes, no decoding error, and at least 95% of the code
/// units in blocks that running text uses.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    let texty = |unit: u16| {
        matches!(unit,
            0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0xA0..=0x24F | 0x370..=0x52F | 0x590..=0x6FF
            | 0x750..=0x77F | 0x8A0..=0x8FF | 0x2000..=0x206F | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
    };
    let share = |le: bool| {
        let units = bytes.chunks_exact(2).map(|p| {
            if le {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        let n = bytes.len() / 2;
        units.filter(|&u| texty(u)).count() as f64 / n as f64
    };
    let (le, be) = (share(true), share(false));
    let pick = if le >= 0.95 && be < 0.95 {
        UTF_16LE
    } else if be >= 0.95 && le < 0.95 {
        UTF_16BE
    } else {
        return None;
    };
    let (_, had_errors) = pick.decode_without_bom_handling(bytes);
    (!had_errors).then_some(pick)
}

/// Of the alphabetic non-ASCII chars of `text`, the share in the Arabic blocks (U+0600–U+06FF,
/// U+0750–U+077F, U+08A0–U+08FF, presentation forms U+FB50–U+FDFF and U+FE70–U+FEFF); 0 when
/// there are none.
fn arabic_letter_share(text: &str) -> f64 {
    let (mut arabic, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii() && c.is_alphabetic()) {
        letters += 1;
        if matches!(c, '\u{600}'..='\u{6FF}' | '\u{750}'..='\u{77F}' | '\u{8A0}'..='\u{8FF}'
            | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        {
            arabic += 1;
        }
    }
    if letters == 0 {
        0.0
    } else {
        arabic as f64 / letters as f64
    }
}

fn finish(
    text: String,
    encoding: &'static Encoding,
    bom: bool,
    guessed: bool,
) -> Result<Decoded, DecodeError> {
    if text.is_empty() {
        return Err(DecodeError::Empty);
    }
    // C0 controls other than tab, line feed, vertical tab, form feed and carriage return are
    // rare in text; many of them mean a binary file.
    let controls = text
        .chars()
        .filter(|&c| {
            (c < ' ' && !matches!(c, '\t' | '\n' | '\u{b}' | '\u{c}' | '\r')) || c == '\u{7f}'
        })
        .count();
    if controls >= 16 && controls * 10 > text.chars().count() {
        return Err(DecodeError::Binary(
            "more than a tenth of it is control characters",
        ));
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        bom,
        guessed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_are_stripped_and_crlf_kept() {
        let utf8 = decode(b"\xEF\xBB\xBFab\r\nc").unwrap();
        assert_eq!((utf8.text.as_str(), utf8.encoding), ("ab\r\nc", "UTF-8"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("سجن\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).unwrap().text, "سجن\r\n");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("سجن".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(
            decode(&be).unwrap(),
            Decoded {
                text: "سجن".into(),
                encoding: "UTF-16BE",
                bom: true,
                guessed: false,
            }
        );
    }

    #[test]
    fn windows_1256_arabic_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256
            .encode("أطلق الدفاع المدني السوري حملة تحت عنوان ليسوا رهائن");
        let d = decode(&bytes).unwrap();
        assert_eq!(
            d.text,
            "أطلق الدفاع المدني السوري حملة تحت عنوان ليسوا رهائن"
        );
        assert_eq!(d.encoding, "windows-1256");
    }

    #[test]
    fn empty_binary_and_bad_bytes_are_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF"), Err(DecodeError::Empty));
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeError::Binary("a PNG image"))
        );
        assert_eq!(
            decode(b"abc\0def"),
            Err(DecodeError::Binary("contains NUL bytes"))
        );
        assert!(matches!(
            decode(b"\xFF\xFE\x00\xD8"),
            Err(DecodeError::Undecodable("UTF-16LE"))
        ));
    }

    #[test]
    fn damaged_arabic_utf8_is_refused_not_guessed_as_a_legacy_encoding() {
        let mut cut = "سجن صيدنايا".as_bytes().to_vec();
        cut.pop(); // cut inside the last letter
        assert_eq!(decode(&cut), Err(DecodeError::BrokenUtf8(19)));
        let mut stray = "سجن".as_bytes().to_vec();
        stray.push(0xFF);
        stray.extend("صيدنايا".as_bytes());
        assert!(matches!(decode(&stray), Err(DecodeError::BrokenUtf8(6))));
    }

    #[test]
    fn a_few_control_characters_are_still_text() {
        assert!(decode("a\u{7f}b\u{b}c d e f g".as_bytes()).is_ok());
        assert!(decode("نص\u{85}نص\u{2028}".as_bytes()).is_ok());
        assert!(matches!(decode(&[1u8; 40]), Err(DecodeError::Binary(_))));
    }
}

#[cfg(test)]
mod detection_tests {
    use super::*;

    /// 25 one-word files as a researcher's old Windows tools saved them. The words are typed here;
    /// encoding_rs's Windows-1256 encoder makes the bytes.
    const WORDS: [&str; 25] = [
        "سجن",
        "حلب",
        "دمشق",
        "معتقل",
        "صيدنايا",
        "تعذيب",
        "شهادة",
        "محكمة",
        "اعتقال",
        "الأمن",
        "حمص",
        "درعا",
        "إدلب",
        "الرقة",
        "اختفاء",
        "قسري",
        "ضحية",
        "شاهد",
        "عائلة",
        "منظمة",
        "تقرير",
        "حقوق",
        "الإنسان",
        "سوريا",
        "لبنان",
    ];

    #[test]
    fn every_short_windows_1256_word_decodes_to_itself_and_is_flagged_as_a_guess() {
        let mut wrong = Vec::new();
        for word in WORDS {
            for text in [word.to_owned(), format!("{word}\r\n")] {
                let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(&text);
                assert!(!unmappable);
                match decode(&bytes) {
                    Ok(d) if d.text == text && d.encoding == "windows-1256" => {
                        assert!(d.guessed, "{word}: short evidence is a guess");
                    }
                    other => wrong.push(format!("{word}: {other:?}")),
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn long_windows_1256_arabic_is_a_confident_guess() {
        let text = WORDS.join(" ").repeat(3);
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&text);
        let d = decode(&bytes).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.guessed),
            (text.as_str(), "windows-1256", false)
        );
    }

    #[test]
    fn western_and_hebrew_legacy_text_is_not_taken_for_arabic() {
        let french = "Le détenu a été transféré à la prison centrale, où il a été interrogé pendant des mois sans avocat ni visite.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(french);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, french);
        let hebrew =
            "נקלט בכלא עופר לאחר חקירה ממושכת במתקן המעצר, כך מסרה משפחתו לארגון זכויות האדם.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1255.encode(hebrew);
        assert_eq!(decode(&bytes).unwrap().text, hebrew);
    }

    #[test]
    fn utf8_damaged_before_its_first_non_ascii_byte_is_refused() {
        let mut bytes = b"Report 2020.\n\xff".to_vec();
        bytes.extend("أطلق الدفاع المدني السوري حملة".as_bytes());
        assert_eq!(decode(&bytes), Err(DecodeError::BrokenUtf8(13)));
    }

    #[test]
    fn random_high_bytes_are_not_text() {
        let mut x: u32 = 0x1234_5678;
        let bytes: Vec<u8> = (0..64 * 1024)
            .map(|_| {
                x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                0x80 | (x >> 24) as u8
            })
            .collect();
        assert!(
            decode(&bytes).is_err(),
            "{:?}",
            decode(&bytes).map(|d| d.encoding)
        );
    }

    #[test]
    fn utf16_without_a_bom_is_recognised_in_both_byte_orders() {
        for text in ["سجن صيدنايا\r\nتقرير 2020", "Report: 250 detainees\n", "ab"] {
            let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let d = decode(&le).unwrap();
            assert_eq!(
                (d.text.as_str(), d.encoding, d.bom, d.guessed),
                (text, "UTF-16LE", false, true)
            );
            let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
            assert_eq!(decode(&be).unwrap().encoding, "UTF-16BE", "{text}");
        }
    }

    #[test]
    fn a_forced_encoding_decides_and_a_contradicting_bom_is_refused() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("حلب");
        let d = decode_as(&bytes, encoding_for_label("cp1256").unwrap()).unwrap();
        assert_eq!((d.text.as_str(), d.guessed), ("حلب", false));
        assert_eq!(
            decode_as(b"\xEF\xBB\xBFabc", encoding_rs::WINDOWS_1256),
            Err(DecodeError::BomMismatch("UTF-8", "windows-1256"))
        );
        let d = decode_as(b"\xEF\xBB\xBFabc", UTF_8).unwrap();
        assert_eq!((d.text.as_str(), d.bom), ("abc", true));
    }
}

#[cfg(test)]
mod more_detection_tests {
    use super::*;

    #[test]
    fn long_russian_koi8_is_not_taken_for_arabic() {
        let text = "Задержанный был переведён в центральную тюрьму, где его допрашивали несколько месяцев без адвоката.";
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(text);
        assert!(bytes.iter().filter(|b| !b.is_ascii()).count() >= CONFIDENT_NON_ASCII);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, text);
        assert!(!d.guessed);
    }

    #[test]
    fn a_forced_utf8_that_does_not_fit_says_so_not_damaged() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1255.encode("נקלט בכלא עופר");
        assert_eq!(
            decode_as(&bytes, UTF_8),
            Err(DecodeError::Undecodable("UTF-8"))
        );
    }
}

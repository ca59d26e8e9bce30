//! Turning a file's bytes into text: BOM sniffing, UTF-8, UTF-16 LE/BE with BOM, and a legacy
//! encoding guessed by chardetng (Windows-1256 for Arabic). The text is kept exactly as decoded:
//! the BOM is stripped, line endings are not touched.

use encoding_rs::{Encoding, UTF_8};

/// Files larger than this are skipped (bytes).
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// A decoded file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, BOM stripped, otherwise exactly as decoded.
    pub text: String,
    /// encoding_rs name of the encoding, e.g. `UTF-8`, `UTF-16LE`, `windows-1256`.
    pub encoding: &'static str,
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
        let body = &bytes[bom_len..];
        if body.is_empty() {
            return Err(DecodeError::Empty);
        }
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if had_errors {
            return Err(DecodeError::Undecodable(encoding.name()));
        }
        return finish(text.into_owned(), encoding);
    }
    for (magic, what) in BINARY_MAGIC {
        if bytes.starts_with(magic) {
            return Err(DecodeError::Binary(what));
        }
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary("contains NUL bytes"));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => return finish(text.to_owned(), UTF_8),
        // Valid multi-byte UTF-8 before the first bad byte: this is UTF-8 with damage, not a
        // legacy encoding; guessing one would import mojibake.
        Err(e) if !bytes[..e.valid_up_to()].is_ascii() => {
            return Err(DecodeError::BrokenUtf8(e.valid_up_to()));
        }
        Err(_) => {}
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(DecodeError::Undecodable(encoding.name()));
    }
    finish(text.into_owned(), encoding)
}

fn finish(text: String, encoding: &'static Encoding) -> Result<Decoded, DecodeError> {
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
                encoding: "UTF-16BE"
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

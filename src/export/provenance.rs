//! How an exported text relates to its source file's bytes: byte offsets into the original file.
//!
//! Sanad stores the text exactly as decoded (BOM stripped, line endings kept), so the original
//! bytes are the BOM followed by the text encoded again in the source encoding. That holds only
//! when re-encoding reproduces the file exactly, which is checked against the SHA-256 recorded at
//! import before any byte offset is given.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Why byte offsets cannot be given for a document.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ByteOffsetError {
    /// The recorded encoding is not one encoding_rs knows.
    #[error("unknown source encoding {0:?}")]
    UnknownEncoding(String),
    /// Encoding the text again does not give the bytes imported (hash differs).
    #[error(
        "the text does not re-encode to the imported bytes (its SHA-256 differs), so byte offsets would be wrong"
    )]
    NotReproducible,
}

/// The BOM bytes of `encoding` (UTF-8 and UTF-16 only).
fn bom_bytes(encoding: &'static Encoding) -> &'static [u8] {
    if encoding == UTF_8 {
        b"\xEF\xBB\xBF"
    } else if encoding == UTF_16LE {
        b"\xFF\xFE"
    } else if encoding == UTF_16BE {
        b"\xFE\xFF"
    } else {
        b""
    }
}

/// Byte offsets into the original file for each of `offsets` (char offsets into `text`, in any
/// order, each at most the text's length in chars), given the file's `encoding` (encoding_rs
/// name), whether it had a `bom`, and the SHA-256 of its bytes (`sha256`, lowercase hex).
///
/// # Errors
/// [`ByteOffsetError`] when the encoding is unknown or the text does not re-encode to bytes with
/// that hash.
pub fn byte_offsets(
    text: &str,
    encoding: &str,
    bom: bool,
    sha256: &str,
    offsets: &[usize],
) -> Result<Vec<usize>, ByteOffsetError> {
    let encoding = Encoding::for_label(encoding.as_bytes())
        .ok_or_else(|| ByteOffsetError::UnknownEncoding(encoding.to_owned()))?;
    let mut wanted: Vec<usize> = offsets.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let mut bytes: Vec<u8> = if bom {
        bom_bytes(encoding).to_vec()
    } else {
        Vec::new()
    };
    let mut at: Vec<(usize, usize)> = Vec::with_capacity(wanted.len()); // (char, byte)
    let mut next = wanted.iter().peekable();
    let mut encoder = encoding.new_encoder();
    let mut segment_start = 0; // byte index into text
    let mut flush = |segment: &str, bytes: &mut Vec<u8>, last: bool| {
        if encoding == UTF_16LE || encoding == UTF_16BE {
            for unit in segment.encode_utf16() {
                let pair = if encoding == UTF_16LE {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                };
                bytes.extend_from_slice(&pair);
            }
        } else {
            let mut rest = segment;
            loop {
                bytes.reserve(rest.len() * 4 + 16);
                let (result, read) =
                    encoder.encode_from_utf8_to_vec_without_replacement(rest, bytes, last);
                rest = &rest[read..];
                match result {
                    encoding_rs::EncoderResult::InputEmpty => break,
                    encoding_rs::EncoderResult::OutputFull => {}
                    // An unmappable char: the text cannot have come from this encoding.
                    encoding_rs::EncoderResult::Unmappable(_) => return false,
                }
            }
        }
        true
    };
    let mut char_count = 0;
    for (byte, _) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        while next.peek().is_some_and(|&&c| c == char_count) {
            if !flush(&text[segment_start..byte], &mut bytes, false) {
                return Err(ByteOffsetError::NotReproducible);
            }
            segment_start = byte;
            at.push((char_count, bytes.len()));
            next.next();
        }
        char_count += 1;
    }
    if !flush(&text[segment_start..], &mut bytes, true) {
        return Err(ByteOffsetError::NotReproducible);
    }
    if crate::model::sha256_hex(&bytes) != sha256 {
        return Err(ByteOffsetError::NotReproducible);
    }
    offsets
        .iter()
        .map(|o| {
            at.binary_search_by_key(o, |&(c, _)| c)
                .map(|i| at[i].1)
                .map_err(|_| ByteOffsetError::NotReproducible)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sha256_hex;

    #[test]
    fn utf8_with_bom_and_crlf() {
        let text = "أحمد\r\nسجن صيدنايا\r\n";
        let mut file = b"\xEF\xBB\xBF".to_vec();
        file.extend(text.as_bytes());
        // "سجن صيدنايا" is chars 6..17; in the file: 3 (BOM) + 8 (أحمد) + 2 (CR LF) = 13.
        let got = byte_offsets(text, "UTF-8", true, &sha256_hex(&file), &[6, 17]).unwrap();
        assert_eq!(got, vec![13, 13 + "سجن صيدنايا".len()]);
        assert_eq!(
            std::str::from_utf8(&file[got[0]..got[1]]).unwrap(),
            "سجن صيدنايا"
        );
    }

    #[test]
    fn windows_1256_and_utf16_with_a_supplementary_char() {
        let text = "سجن حلب";
        let (file, _, _) = encoding_rs::WINDOWS_1256.encode(text);
        let got = byte_offsets(text, "windows-1256", false, &sha256_hex(&file), &[4, 7]).unwrap();
        assert_eq!(got, vec![4, 7], "one byte a char");
        let text = "a😀b";
        let mut file = vec![0xFF, 0xFE];
        file.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let got = byte_offsets(text, "UTF-16LE", true, &sha256_hex(&file), &[2, 1, 3]).unwrap();
        assert_eq!(got, vec![2 + 2 + 4, 2 + 2, 2 + 2 + 4 + 2]);
    }

    #[test]
    fn a_text_that_does_not_reproduce_the_file_gives_no_offsets() {
        assert_eq!(
            byte_offsets("abc", "UTF-8", false, &sha256_hex(b"abd"), &[1]),
            Err(ByteOffsetError::NotReproducible)
        );
        assert!(matches!(
            byte_offsets("abc", "klingon", false, "", &[1]),
            Err(ByteOffsetError::UnknownEncoding(_))
        ));
    }
}

//! Bytes to text: UTF-8 with or without a byte-order mark, UTF-16 with one
//! (Excel's "Unicode text"), else Windows-1252 (what Norwegian Excel writes
//! for "CSV (semikolondelt)").

use super::{Location, Problem, ProblemKind};

/// Decodes a text file; refuses what is plainly not text.
pub fn decode(name: &str, bytes: &[u8]) -> Result<String, Vec<Problem>> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        match std::str::from_utf8(rest) {
            Ok(text) => text.to_string(),
            Err(e) => {
                return Err(vec![Problem::new(
                    Location::File(name.into()),
                    ProblemKind::BadUtf8 {
                        byte: e.valid_up_to() + 3,
                    },
                )])
            }
        }
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let encoding = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[2..]);
        if had_errors {
            return Err(vec![Problem::new(
                Location::File(name.into()),
                ProblemKind::BadUtf16,
            )]);
        }
        text.into_owned()
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => {
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                text.into_owned()
            }
        }
    };
    // Text files do not hold NUL or most C0 controls; binary files do.
    let binary = text
        .chars()
        .take(64 * 1024)
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if text.contains('\0') || binary > 0 {
        return Err(vec![Problem::new(
            Location::File(name.into()),
            ProblemKind::NotText,
        )]);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_with_and_without_bom_and_windows_1252() {
        assert_eq!(decode("f", "Bærum;ø".as_bytes()).unwrap(), "Bærum;ø");
        assert_eq!(decode("f", b"\xEF\xBB\xBFB\xC3\xA6rum").unwrap(), "Bærum");
        assert_eq!(decode("f", b"B\xE6rum;\xF8;\xC5").unwrap(), "Bærum;ø;Å");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Frist;Tittel".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode("f", &utf16).unwrap(), "Frist;Tittel");
    }

    #[test]
    fn refuses_binary() {
        let err = decode("x.bin", b"\x00\x01\x02ELF").unwrap_err();
        assert_eq!(err[0].kind, ProblemKind::NotText, "{err:?}");
    }
}

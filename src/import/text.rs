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
                if let Some((first_line, first_is_utf8, line)) = mixed_encodings(bytes) {
                    return Err(vec![Problem::new(
                        Location::line(name, line),
                        ProblemKind::MixedEncodings {
                            first_line,
                            first_is_utf8,
                        },
                    )]);
                }
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

/// For a file that is not UTF-8 as a whole: when one of its lines is
/// UTF-8 with letters beyond ASCII (`Bærum` as two bytes for `æ`) and
/// another is not, the file mixes encodings (lines pasted together from two
/// sources), and reading it all as Windows-1252 would store `BÃ¦rum`.
/// Returns the first line beyond ASCII, whether it is UTF-8, and the first
/// line that disagrees with it, from 1.
fn mixed_encodings(bytes: &[u8]) -> Option<(u64, bool, u64)> {
    let mut first: Option<(u64, bool)> = None;
    for (index, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.is_ascii() {
            continue;
        }
        let number = index as u64 + 1;
        let utf8 = std::str::from_utf8(line).is_ok();
        match first {
            None => first = Some((number, utf8)),
            Some((line, first_utf8)) if first_utf8 != utf8 => {
                return Some((line, first_utf8, number))
            }
            Some(_) => {}
        }
    }
    None
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
    fn refuses_utf8_and_windows_1252_lines_in_one_file() {
        let mixed = b"Oppdrag;Sektor\nB\xC3\xA6rum;HOM\nA;KUL\nL\xF8renskog;HOM\n";
        let err = decode("f.csv", mixed).unwrap_err();
        assert_eq!(
            err[0],
            Problem::new(
                Location::line("f.csv", 4),
                ProblemKind::MixedEncodings {
                    first_line: 2,
                    first_is_utf8: true
                }
            )
        );
        // Either way round: the first line that disagrees with the first
        // line beyond ASCII is named.
        let err = decode("f.csv", b"L\xF8renskog\nA\nB\xC3\xA6rum\n").unwrap_err();
        assert_eq!(err[0].location, Location::line("f.csv", 3));
        // Windows-1252 throughout still reads.
        assert_eq!(decode("f", b"B\xE6rum\n\xF8").unwrap(), "Bærum\nø");
    }

    #[test]
    fn refuses_binary() {
        let err = decode("x.bin", b"\x00\x01\x02ELF").unwrap_err();
        assert_eq!(err[0].kind, ProblemKind::NotText, "{err:?}");
    }
}

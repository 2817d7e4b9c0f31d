//! Text in a spreadsheet cell (CSV, XLSX) as styr writes it and reads it
//! back: exact, yet harmless both to a terminal the file is shown on and
//! to a spreadsheet that opens it.
//!
//! Written ([`encode`]): every character a terminal could act on or that
//! turns the reading order (control characters but the line break, DEL,
//! C1 controls, bidi and zero-width controls: [`escaped`]) becomes
//! `\uXXXX` (four upper-case hex digits); a backslash that would otherwise
//! read as such an escape becomes `\u005C`. Then a cell starting with `=`,
//! `+`, `-`, `@` or `'` gets a `'` in front (OWASP's advice against
//! formula injection, whose tab and CR are escapes by then; the `'` case
//! so that a title that really starts with `'` survives too).
//!
//! Read ([`decode`]): the exact inverse, applied to every text cell an
//! import reads. Only `\uXXXX` naming one of those characters (or the
//! backslash) is decoded, and a leading `'` is dropped only before one of
//! those seven characters, so hand-made files are read as before.

use std::borrow::Cow;

use crate::domain::text::is_hostile;

/// Whether a character is written as `\uXXXX` in a spreadsheet cell.
pub fn escaped(c: char) -> bool {
    c != '\n' && is_hostile(c)
}

/// Whether a cell whose text starts with `c` gets a `'` in front.
fn needs_quote(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r' | '\'')
}

/// The character `\uXXXX` at the start of `after_backslash` (the text just
/// after a backslash) names, when it is one [`decode`] turns back.
fn escape_at(after_backslash: &str) -> Option<char> {
    let hex = after_backslash.strip_prefix('u')?.get(..4)?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
    (c == '\\' || escaped(c)).then_some(c)
}

/// The cell text styr writes for `text` (see the module's documentation).
pub fn encode(text: &str) -> Cow<'_, str> {
    let plain = !text.contains('\\') && !text.chars().any(escaped);
    // Tab and CR are escaped, so an escape, not they, starts the cell.
    let quote = text
        .chars()
        .next()
        .is_some_and(|c| !escaped(c) && needs_quote(c));
    if plain && !quote {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    if quote {
        out.push('\'');
    }
    for (at, c) in text.char_indices() {
        if escaped(c) || (c == '\\' && escape_at(&text[at + 1..]).is_some()) {
            out.push_str(&format!("\\u{:04X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The text a cell written by [`encode`] holds: a leading `'` before `=`,
/// `+`, `-`, `@`, tab, CR or `'` is dropped, and each `\uXXXX` naming an
/// escaped character or the backslash becomes that character. Any other
/// text comes back as it is.
pub fn decode(cell: &str) -> Cow<'_, str> {
    let cell = match cell.strip_prefix('\'') {
        Some(rest) if rest.chars().next().is_some_and(needs_quote) => rest,
        _ => cell,
    };
    if !cell.contains('\\') {
        return Cow::Borrowed(cell);
    }
    let mut out = String::with_capacity(cell.len());
    let mut rest = cell;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match escape_at(after) {
            Some(c) => {
                out.push(c);
                rest = &after[5..];
            }
            None => {
                out.push('\\');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formulas_get_a_quote_and_lose_it_on_import() {
        for (text, cell) in [
            (
                "=HYPERLINK(\"http://x\";\"klikk\")",
                "'=HYPERLINK(\"http://x\";\"klikk\")",
            ),
            ("@SUM(1+1)", "'@SUM(1+1)"),
            ("-2+3", "'-2+3"),
            ("+47 22 00 00 00", "'+47 22 00 00 00"),
            ("'sitat'", "''sitat'"),
            ("\tinnrykk", "\\u0009innrykk"),
            ("Budsjett 2024", "Budsjett 2024"),
            ("a-b", "a-b"),
        ] {
            assert_eq!(encode(text), cell, "{text:?}");
            assert_eq!(decode(cell), text, "{cell:?}");
        }
    }

    #[test]
    fn controls_are_escaped_and_come_back() {
        let text = "tittel \u{1b}]0;pwned\u{7} c1\u{9b} høyre\u{202e}v\u{2067} r\rn\nslutt";
        let cell = encode(text);
        assert!(!cell.chars().any(escaped), "{cell:?}");
        assert!(cell.contains("\\u001B]0;pwned\\u0007"), "{cell:?}");
        assert!(
            cell.contains("\\u202E") && cell.contains("\\u009B"),
            "{cell:?}"
        );
        assert!(cell.contains('\n'), "line breaks stay: {cell:?}");
        assert_eq!(decode(&cell), text);
    }

    #[test]
    fn a_literal_escape_survives() {
        for text in [
            "\\u001B",
            "\\\\u001b",
            "C:\\Users\\ola",
            "\\u0041",
            "\\u005C",
            "slutt\\",
            "\\u00",
        ] {
            assert_eq!(
                decode(&encode(text)),
                text,
                "{text:?} as {:?}",
                encode(text)
            );
        }
        // A Windows path and other backslashes are written as they are.
        assert_eq!(encode("S:\\Økonomi\\2024"), "S:\\Økonomi\\2024");
        assert_eq!(encode("\\u0041"), "\\u0041");
        assert_eq!(encode("\\u001B"), "\\u005Cu001B");
    }

    #[test]
    fn hand_made_cells_read_as_before() {
        for cell in ["'Helse' i alle ledd", "Vei \\u0041", "", "'", "C:\\x"] {
            assert_eq!(decode(cell), cell);
        }
        // Excel users type a leading ' before a formula-looking text.
        assert_eq!(decode("'=1+1"), "=1+1");
    }

    proptest! {
        #[test]
        fn every_text_comes_back_exactly(
            text in prop_oneof![
                any::<String>(),
                "['=+@\\-\\\\u0-9a-fA-F\t\r\n\u{0}-\u{1f}\u{7f}-\u{9f}\u{202a}-\u{202e}\u{2066}-\u{2069}ø]{0,16}",
            ]
        ) {
            let cell = encode(&text);
            prop_assert!(!cell.chars().any(escaped));
            prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']));
            let back = decode(&cell).into_owned();
            prop_assert_eq!(back, text);
        }
    }
}

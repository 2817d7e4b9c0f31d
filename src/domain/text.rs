//! Text from the database made safe and aligned for a terminal, and the
//! rule for how long one text field may be.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{Assignment, Field};

/// Whether a character could change the terminal or the reading order.
pub fn is_hostile(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}'   // zero-width spaces and direction marks
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner and invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FEFF}'              // byte order mark
        )
}

/// Whether the text's bytes alone show it holds nothing [`is_hostile`]:
/// no ASCII control, and none of the lead bytes of the other hostile
/// characters (C1 controls start with 0xC2, the zero-width and bidi
/// controls with 0xE2, the byte order mark with 0xEF). Most text, æøå
/// included, passes; the rest is checked character by character. Tables
/// sanitise every cell, most of them short.
fn surely_harmless(text: &str) -> bool {
    !any_in_words(text.as_bytes(), hostile_lead)
}

/// Non-zero when a byte of the word is an ASCII control or a lead byte of
/// another hostile character (see [`surely_harmless`]).
fn hostile_lead(x: u64) -> u64 {
    byte_below(x, 0x20) | byte_is(x, 0x7f) | byte_is(x, 0xc2) | byte_is(x, 0xe2) | byte_is(x, 0xef)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Whether `hit` finds something in the bytes, read eight at a time as
/// words: the last word overlaps the one before it, and text shorter than
/// a word is padded with spaces (so `hit` must not look for spaces).
pub fn any_in_words(bytes: &[u8], hit: impl Fn(u64) -> u64) -> bool {
    let word = |eight: &[u8]| u64::from_le_bytes(eight.try_into().expect("eight bytes"));
    if bytes.len() < 8 {
        let mut padded = [b' '; 8];
        padded[..bytes.len()].copy_from_slice(bytes);
        return hit(word(&padded)) != 0;
    }
    let found = bytes
        .chunks_exact(8)
        .fold(0, |found, eight| found | hit(word(eight)));
    found | hit(word(&bytes[bytes.len() - 8..])) != 0
}

/// Non-zero when a byte of the word is below `bound`, for bounds up to
/// 0x80 (a byte with its top bit set never counts; a borrow can mark a
/// byte above one that counts, so only "any" is exact, not "which").
pub fn byte_below(x: u64, bound: u8) -> u64 {
    x.wrapping_sub(ONES * u64::from(bound)) & !x & HIGH
}

/// Calls `check` with every byte value put at every place of a text of
/// `a`s, 1 to 20 bytes long (shorter and longer than a word), and the byte.
#[cfg(test)]
pub fn each_byte_at_each_place(mut check: impl FnMut(&[u8], u8)) {
    for len in 1..=20 {
        for at in 0..len {
            for b in 0..=255u8 {
                let mut bytes = vec![b'a'; len];
                bytes[at] = b;
                check(&bytes, b);
            }
        }
    }
}

/// Non-zero when a byte of the word is `byte`.
pub fn byte_is(x: u64, byte: u8) -> u64 {
    byte_below(x ^ (ONES * u64::from(byte)), 1)
}

/// Text for one line: control characters, escapes and bidi controls become
/// visible placeholders; tabs and line breaks become spaces.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    if surely_harmless(text) || !text.chars().any(is_hostile) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                c if is_hostile(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// Text over several lines: like [`sanitize_line`] but keeps line breaks.
pub fn sanitize_lines(text: &str) -> String {
    text.split('\n')
        .map(|line| sanitize_line(line.strip_suffix('\r').unwrap_or(line)).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The number of terminal columns the text takes.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts text to at most `max` columns, ending in `…` when cut.
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if width(text) <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    Cow::Owned(out)
}

/// Cuts or pads text to exactly `columns` columns.
pub fn fit(text: &str, columns: usize) -> String {
    let cut = truncate(text, columns);
    let pad = columns.saturating_sub(width(&cut));
    format!("{cut}{}", " ".repeat(pad))
}

/// Whether text can go to a terminal as it is: no control characters,
/// escapes or direction controls (what [`sanitize_line`] would replace).
pub fn printable(text: &str) -> bool {
    sanitize_line(text) == text
}

/// A comment as it is kept: trimmed, and none when only blanks are left.
pub fn clean_comment(comment: Option<&str>) -> Option<String> {
    comment
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(String::from)
}

/// The most characters one text field (a title, a description, an owner,
/// a source, a comment) may hold: about eight pages. A field is read on a
/// terminal line, in the TUI and in reports, and searched on every key;
/// a bound keeps a pasted or imported megabyte from slowing every view and
/// filling the log, while leaving room for any real description.
pub const MAX_FIELD_CHARS: usize = 20_000;

/// A text rule broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextRule {
    /// A field longer than [`MAX_FIELD_CHARS`]: which, and its length in characters.
    TooLong { field: Field, chars: usize },
}

/// Refuses a text longer than [`MAX_FIELD_CHARS`] characters for `field`.
pub fn check_length(field: Field, text: &str) -> Result<(), TextRule> {
    match over_limit(text) {
        Some(chars) => Err(TextRule::TooLong { field, chars }),
        None => Ok(()),
    }
}

/// The length in characters of a text longer than [`MAX_FIELD_CHARS`];
/// `None` for one that fits.
pub fn over_limit(text: &str) -> Option<usize> {
    // Bytes bound characters from above: most texts need no count.
    if text.len() <= MAX_FIELD_CHARS {
        return None;
    }
    Some(text.chars().count()).filter(|chars| *chars > MAX_FIELD_CHARS)
}

/// Refuses an assignment whose title, description, source or owner is too
/// long (see [`check_length`]).
pub fn check_lengths(assignment: &Assignment) -> Result<(), TextRule> {
    check_length(Field::Title, &assignment.title)?;
    check_length(Field::Description, &assignment.description)?;
    check_length(Field::Source, &assignment.source)?;
    check_length(Field::Owner, &assignment.owner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_holds_up_to_the_limit_in_characters() {
        let at_limit = "ø".repeat(MAX_FIELD_CHARS);
        assert_eq!(check_length(Field::Description, &at_limit), Ok(()));
        let over = format!("{at_limit}a");
        assert_eq!(
            check_length(Field::Comment, &over),
            Err(TextRule::TooLong {
                field: Field::Comment,
                chars: MAX_FIELD_CHARS + 1
            })
        );
        let mut assignment = Assignment {
            id: 1,
            parent_id: None,
            year: 2023,
            title: "Rullering".into(),
            description: at_limit,
            lead_sector: "HOM".into(),
            sectors: Vec::new(),
            goal_id: None,
            source: String::new(),
            owner: String::new(),
            due: None,
            status: super::super::Status::NotStarted,
            assessment: None,
            expected_done: None,
            version: 1,
        };
        assert_eq!(check_lengths(&assignment), Ok(()));
        assignment.owner = over;
        assert!(check_lengths(&assignment).is_err());
    }

    /// The word checks find a byte exactly where a byte-by-byte check does:
    /// every byte value at every place, in texts shorter and longer than a
    /// word.
    #[test]
    fn word_checks_agree_with_byte_checks() {
        each_byte_at_each_place(|bytes, b| {
            let want = b < 0x20 || matches!(b, 0x7f | 0xc2 | 0xe2 | 0xef);
            assert_eq!(
                any_in_words(bytes, hostile_lead),
                want,
                "{b:#x} in {bytes:?}"
            );
            for bound in [1u8, 0x10, 0x20] {
                let below = any_in_words(bytes, |x| byte_below(x, bound));
                assert_eq!(below, b < bound, "{b:#x} < {bound:#x} in {bytes:?}");
            }
        });
        assert!(!any_in_words(b"", |x| byte_below(x, 0x20)));
    }

    #[test]
    fn escapes_and_controls_never_reach_the_terminal() {
        let hostile = "a\u{1b}[31mred\u{7}\u{1b}]0;title\u{7}\rb\u{202E}c\u{200B}d";
        let safe = sanitize_line(hostile);
        assert!(!safe.chars().any(is_hostile), "{safe:?}");
        assert!(safe.contains("red"));
        assert_eq!(
            sanitize_line("Oppvekst og utdanning"),
            "Oppvekst og utdanning"
        );
    }

    #[test]
    fn the_quick_check_never_passes_hostile_text() {
        let samples = [
            "Lørenskog æøå ÆØÅ é ü",
            "tab\there",
            "del\u{7f}",
            "c1\u{85}\u{9f}",
            "zw\u{200B}\u{200F}",
            "bidi\u{202A}\u{202E}\u{2066}\u{2069}",
            "joiner\u{2060}\u{2064}",
            "bom\u{FEFF}",
            "ellipsis… and “quotes” and 日本語 and 😀",
            "\u{a0}nbsp\u{ad}soft\u{3000}",
        ];
        for sample in samples {
            if surely_harmless(sample) {
                assert!(!sample.chars().any(is_hostile), "{sample:?}");
            }
        }
        // Every character up to U+FFFF, and the supplementary planes' first.
        for c in (0u32..0x1_0000)
            .chain([0x1_0000, 0x1_F600, 0xE_0001, 0x10_FFFF])
            .filter_map(char::from_u32)
        {
            let text = format!("a{c}b");
            if is_hostile(c) {
                assert!(!surely_harmless(&text), "{c:?}");
            }
        }
        assert!(surely_harmless("Lørenskog kommune"));
    }

    #[test]
    fn multi_line_text_keeps_its_breaks_only() {
        assert_eq!(sanitize_lines("one\r\ntwo\u{1b}"), "one\ntwo\u{FFFD}");
    }

    #[test]
    fn truncates_and_pads_by_display_width() {
        assert_eq!(truncate("Lørenskog", 5), "Løre…");
        assert_eq!(width(&fit("日本語", 5)), 5);
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(
            fit("e\u{301}", 2),
            "e\u{301} ",
            "a combining mark takes no column"
        );
        assert_eq!(truncate("abc", 0), "");
    }
}

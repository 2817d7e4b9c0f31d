//! Text from the database made safe and aligned for a terminal.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Whether a character could change the terminal or the reading order.
fn is_hostile(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}'   // zero-width spaces and direction marks
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner and invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FEFF}'              // byte order mark
        )
}

/// Text for one line: control characters, escapes and bidi controls become
/// visible placeholders; tabs and line breaks become spaces.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hostile) {
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

#[cfg(test)]
mod tests {
    use super::*;

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

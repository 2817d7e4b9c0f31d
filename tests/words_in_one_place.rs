//! Every sentence a person reads is written in `src/words/`, in both
//! languages. This scans the rest of `src/` for string literals that look
//! like words for people (two words in a row, or a Norwegian letter) and
//! fails on any that is not on the short list below, so that a message
//! written beside the code that raises it cannot slip in unnoticed.

use std::path::{Path, PathBuf};

/// Literals that may stay where they are, each with why: (file, a part of
/// the literal's text, or "" for the whole file, and the reason).
const ALLOWED: &[(&str, &str, &str)] = &[
    (
        "src/generate.rs",
        "",
        "synthetic titles and comments written into a benchmark database: data, not messages",
    ),
    (
        "src/assets.rs",
        "",
        "complaints about the data files built into styr (the demo, the defaults): for its developers",
    ),
    (
        "src/cli/generate.rs",
        "",
        "the hidden command that writes synthetic databases for the benchmarks",
    ),
    (
        "src/cli/mod.rs",
        "styr: error: ",
        "the fixed prefix of every error line, which scripts look for",
    ),
    (
        "src/cli/import.rs",
        "styr: error: ",
        "the fixed prefix of every error line, which scripts look for",
    ),
    (
        "src/cli/import.rs",
        "new goal ",
        "the marker of a goal the import would create, compared with (see resolve.rs)",
    ),
    (
        "src/import/resolve.rs",
        "new goal {index}",
        "the marker of a goal the import would create; a dry run shows it as the new delmål's value",
    ),
    (
        "src/config/mod.rs",
        "unknown field ",
        "the start of the TOML reader's message, read to type the problem",
    ),
    (
        "src/config/mod.rs",
        "invalid type: ",
        "the start of the TOML reader's message, read to type the problem",
    ),
    (
        "src/store/catalog.rs",
        "logget fra dataene",
        "a comment stored in the log when an old file's goals are first logged: data",
    ),
    (
        "src/domain/source.rs",
        "politisk vedtak",
        "a kilde as stored: data in the one spelling the demo and imports use, not a sentence",
    ),
    (
        "src/store/server/mod.rs",
        "password missing",
        "the PostgreSQL client's words for a login without a password, read to type the problem",
    ),
    (
        "src/store/server/mod.rs",
        "does not support TLS",
        "the PostgreSQL client's words for a server without TLS, read to type the problem",
    ),
    (
        "src/store/rows.rs",
        "where text was expected",
        "SQLite's conversion error for a damaged value, kept inside the database error",
    ),
    (
        "src/store/rows.rs",
        "unknown entity",
        "SQLite's conversion error for a damaged value, kept inside the database error",
    ),
    (
        "src/import/vedtak.rs",
        "",
        "the column headers a decision list is read by, in both languages at once: words read, not written",
    ),
    (
        "src/import/columns.rs",
        "",
        "the column headers an import recognises, in both languages at once: words read, not written",
    ),
    (
        "src/import/styringsbrev.rs",
        "",
        "the table headers of a styringsbrev that an import recognises: words read, not written",
    ),
    (
        "src/report/brief/html.rs",
        "@page",
        "the briefing's style sheet",
    ),
    (
        "src/report/council/html.rs",
        "@page",
        "the council report's style sheet",
    ),
    (
        "src/report/wheel_svg.rs",
        "deadline overdue",
        "the SVG's class names, for its style sheet",
    ),
    (
        "src/report/ics.rs",
        "-//styr//",
        "the calendar's PRODID, an identifier",
    ),
    (
        "src/cli/completions.rs",
        "",
        "roff requests and the manual page's section names, which words::help::man_section translates",
    ),
];

/// A string literal in a source file: where it starts and what it says.
#[derive(Debug)]
struct Literal {
    line: usize,
    text: String,
    /// The code just before it, on its line: tells a panic message or an
    /// attribute from text that reaches a person.
    before: String,
    /// The code just after it, on its line: tells a word the program reads
    /// (a match pattern) from one it writes.
    after: String,
}

/// The string literals of a file's code, comments and tests left out.
fn literals(source: &str) -> Vec<Literal> {
    let code = without_tests(source);
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    let (mut i, mut line) = (0, 1);
    let mut line_start = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\n' => {
                line += 1;
                line_start = i + 1;
                i += 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    if bytes[i] == b'\n' {
                        line += 1;
                        line_start = i + 1;
                    }
                    i += 1;
                }
                i += 2;
            }
            b'\'' => {
                // A char literal ('"', '\'', 'x') or a lifetime ('a).
                if bytes.get(i + 1) == Some(&b'\\') {
                    i += 2;
                    while i < bytes.len() && bytes[i] != b'\'' {
                        i += 1;
                    }
                    i += 1;
                } else if bytes.get(i + 2) == Some(&b'\'') {
                    i += 3;
                } else {
                    // Possibly a multi-byte char: skip to the closing quote
                    // if one comes within four bytes, else it is a lifetime.
                    let close = (i + 2..(i + 6).min(bytes.len())).find(|&j| bytes[j] == b'\'');
                    i = close.map_or(i + 1, |j| j + 1);
                }
            }
            b'r' if matches!(bytes.get(i + 1), Some(b'"') | Some(b'#'))
                && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric() && bytes[i - 1] != b'_') =>
            {
                let start_line = line;
                let before = code[line_start..i].to_string();
                let mut j = i + 1;
                let mut hashes = 0;
                while bytes.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if bytes.get(j) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let closing = format!("\"{}", "#".repeat(hashes));
                let body_start = j + 1;
                let end = code[body_start..]
                    .find(&closing)
                    .map_or(bytes.len(), |k| body_start + k);
                let text = &code[body_start..end];
                line += text.matches('\n').count();
                i = end + closing.len();
                found.push(Literal {
                    line: start_line,
                    text: text.to_string(),
                    before,
                    after: rest_of_line(code, i),
                });
            }
            b'"' => {
                let start_line = line;
                let before = code[line_start..i].to_string();
                let mut j = i + 1;
                let mut text = Vec::new();
                while j < bytes.len() && bytes[j] != b'"' {
                    if bytes[j] == b'\\' {
                        // A line continuation swallows the break and the
                        // indentation; other escapes keep their letter.
                        if bytes.get(j + 1) == Some(&b'\n') {
                            line += 1;
                            j += 2;
                            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                                j += 1;
                            }
                            continue;
                        }
                        text.push(b' ');
                        j += 2;
                        continue;
                    }
                    if bytes[j] == b'\n' {
                        line += 1;
                    }
                    text.push(bytes[j]);
                    j += 1;
                }
                i = j + 1;
                found.push(Literal {
                    line: start_line,
                    text: String::from_utf8_lossy(&text).into_owned(),
                    before,
                    after: rest_of_line(code, i),
                });
            }
            _ => i += 1,
        }
    }
    found
}

/// The code from `at` to the end of its line.
fn rest_of_line(code: &str, at: usize) -> String {
    let rest = code.get(at..).unwrap_or_default();
    rest[..rest.find('\n').unwrap_or(rest.len())].to_string()
}

/// The source before its test module (by house habit the last item).
fn without_tests(source: &str) -> &str {
    match source.find("#[cfg(test)]\nmod ") {
        Some(at) => &source[..at],
        None => source,
    }
}

/// The text with markup tags (`<td class=…>`) and format placeholders
/// (`{id}`, `{:.1}`) taken out: they are not words.
fn without_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut tag, mut braces) = (false, 0usize);
    for c in text.chars() {
        match c {
            '<' if braces == 0 => tag = true,
            '>' if tag => {
                tag = false;
                out.push(' ');
            }
            '{' if !tag => braces += 1,
            '}' if !tag && braces > 0 => braces -= 1,
            _ if tag || braces > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

/// Whether a literal reads as words for a person.
fn is_words(text: &str) -> bool {
    let text = &without_markup(text);
    if text.contains(['æ', 'ø', 'å', 'Æ', 'Ø', 'Å']) {
        return true;
    }
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2)
        .collect();
    // Two words in a row, separated by a space: "not a date", "Lagret #".
    text.split(' ').collect::<Vec<_>>().windows(2).any(|pair| {
        let word = |w: &str| {
            // `class="entry"`: an attribute, not a word.
            if w.contains('=') {
                return false;
            }
            let w = w.trim_matches(|c: char| !c.is_alphabetic());
            w.chars().count() >= 2 && w.chars().all(char::is_alphabetic)
        };
        word(pair[0]) && word(pair[1])
    }) && !words.is_empty()
}

/// Whether a literal is for the program or its programmers, not a person
/// at a screen: SQL, attribute and panic texts, machine formats.
fn is_for_the_machine(literal: &Literal) -> bool {
    let text = literal.text.trim_start();
    let sql = [
        "SELECT",
        "INSERT",
        "UPDATE",
        "DELETE",
        "CREATE",
        "PRAGMA",
        "WITH",
        "DROP",
        "ALTER",
        "BEGIN",
        "WHERE",
        "FROM",
        "ORDER",
        "AND ",
        "SUM(",
        "COUNT(",
        "GRANT",
        "REVOKE",
        "RESET",
        "SET ",
        "ROLLBACK",
        "SAVEPOINT",
        "RELEASE",
        "RETURNING",
        "COPY ",
    ];
    if sql.iter().any(|k| text.starts_with(k))
        || ["IS NULL", " IN (", "<>", "json_each("]
            .iter()
            .any(|k| text.contains(k))
    {
        return true;
    }
    // A column list: `id, parent_id, year, title`.
    if text.contains(", ")
        && text
            .split(", ")
            .all(|t| t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
    {
        return true;
    }
    // A word the program reads: a match pattern (`"pågår" | "startet" =>`).
    let after = literal.after.trim_start();
    if after.starts_with('|') || after.starts_with("=>") {
        return true;
    }
    let before = literal.before.trim_end();
    // A byte string (`b"\xEF\xBB\xBF"`) is bytes, not words.
    if before.ends_with('b') && !before.ends_with(|c: char| c.is_alphanumeric() && c != 'b') {
        let ident = before.trim_end_matches(|c: char| c.is_alphanumeric() || c == '_');
        if before.len() - ident.len() == 1 {
            return true;
        }
    }
    let programmer = [
        "expect(",
        "unreachable!(",
        "panic!(",
        "assert!(",
        "assert_eq!(",
        "debug_assert!(",
        "todo!(",
        "#[arg(",
        "#[command(",
        "#[value(",
        "help =",
        "long_about =",
        "about =",
    ];
    programmer
        .iter()
        .any(|p| before.ends_with(p) || before.contains(p))
}

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_words_for_people_are_written_outside_the_catalogue() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    source_files(&root.join("src"), &mut files);
    files.sort();
    let mut strays = Vec::new();
    let mut used = vec![false; ALLOWED.len()];
    for file in &files {
        let name = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if name.starts_with("src/words/") || name.ends_with("/tests.rs") {
            continue;
        }
        let source = std::fs::read_to_string(file).unwrap();
        for literal in literals(&source) {
            if !is_words(&literal.text) || is_for_the_machine(&literal) {
                continue;
            }
            if let Some(k) = ALLOWED
                .iter()
                .position(|(f, text, _)| *f == name && literal.text.contains(text))
            {
                used[k] = true;
                continue;
            }
            strays.push(format!("{name}:{}: {:?}", literal.line, literal.text));
        }
    }
    assert!(
        strays.is_empty(),
        "{} literal(s) read by people are written outside src/words/ \
         (move them into the catalogue, in both languages):\n{}",
        strays.len(),
        strays.join("\n")
    );
    let stale: Vec<_> = ALLOWED
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|((file, text, _), _)| format!("{file}: {text:?}"))
        .collect();
    assert!(stale.is_empty(), "allowed but no longer there: {stale:?}");
}

#[test]
fn the_scanner_finds_words_and_passes_over_code() {
    let source = r##"
fn f() -> String {
    let sql = "SELECT id FROM events WHERE x = 1";
    let key = "lead_sector";
    let c = '"';
    let life: &'static str = "ok";
    x.expect("a row always has an id");
    // "a comment is not code"
    format!("{id} is not a date")
}
#[cfg(test)]
mod tests {
    fn t() { let s = "words in a test"; }
}
"##;
    let found: Vec<String> = literals(source)
        .into_iter()
        .filter(|l| is_words(&l.text) && !is_for_the_machine(l))
        .map(|l| l.text)
        .collect();
    assert_eq!(found, ["{id} is not a date"]);
    assert!(is_words("Pågår"), "a Norwegian letter is enough");
    assert!(!is_words("{}: {}"));
    assert!(!is_words("%d.%m.%Y %H:%M"));
}

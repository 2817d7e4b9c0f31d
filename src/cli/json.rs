//! The JSON shapes the CLI writes. Field names are stable and documented in
//! the README; change them only with a new name, never in place.

use std::io::Write;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::domain::date::iso;
use crate::domain::rollup::Rollup;
use crate::domain::text::{any_in_words, byte_below, byte_is};
use crate::domain::{Assignment, CatalogEvent, Event, Goal, Period, Today};

/// One assignment as `list` and `show` write it. It borrows the
/// assignment's text, so a listing of thousands writes them without a copy.
#[derive(Debug, Serialize)]
pub struct AssignmentJson<'a> {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub year: i32,
    pub title: &'a str,
    pub description: &'a str,
    pub lead_sector: &'a str,
    pub sectors: &'a [String],
    pub goal_id: Option<i64>,
    pub source: &'a str,
    pub owner: &'a str,
    pub due: Option<IsoDate>,
    pub status: &'static str,
    pub assessment: Option<&'static str>,
    pub expected_done: Option<IsoDate>,
    pub overdue: bool,
    pub days_overdue: Option<i64>,
    pub version: i64,
}

impl<'a> AssignmentJson<'a> {
    pub fn new(a: &'a Assignment, today: Today) -> Self {
        AssignmentJson {
            id: a.id,
            parent_id: a.parent_id,
            year: a.year,
            title: &a.title,
            description: &a.description,
            lead_sector: &a.lead_sector,
            sectors: &a.sectors,
            goal_id: a.goal_id,
            source: &a.source,
            owner: &a.owner,
            due: a.due.map(IsoDate),
            status: a.status.as_str(),
            assessment: a.assessment.map(|x| x.as_str()),
            expected_done: a.expected_done.map(IsoDate),
            overdue: a.is_overdue(today),
            days_overdue: a.days_overdue(today),
            version: a.version,
        }
    }
}

/// A date written as [`iso`] writes it (`2023-09-20`), without a `String`
/// per date: a listing writes two per row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoDate(pub NaiveDate);

impl Serialize for IsoDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match iso_digits(self.0) {
            Some(text) => serializer.serialize_str(std::str::from_utf8(&text).expect("ASCII")),
            None => serializer.serialize_str(&iso(self.0)),
        }
    }
}

/// `YYYY-MM-DD` on the stack, for a four-digit year (others: [`iso`]).
fn iso_digits(date: NaiveDate) -> Option<[u8; 10]> {
    let year = u32::try_from(date.year()).ok().filter(|y| *y <= 9999)?;
    let mut text = *b"0000-00-00";
    for (at, digits, mut n) in [(0, 4, year), (5, 2, date.month()), (8, 2, date.day())] {
        for i in (at..at + digits).rev() {
            text[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
    }
    Some(text)
}

/// Writes assignments one at a time as a JSON array, byte for byte what
/// [`write_pretty`] writes for their [`AssignmentJson`]s
/// (a test checks it over arbitrary text), several times faster: keys and
/// indentation go out as whole pieces, and text with nothing to escape is
/// copied as it is. A listing at 50k writes megabytes of it, each
/// assignment as soon as it is read.
pub struct AssignmentArray<W: Write> {
    out: W,
    any: bool,
}

impl<W: Write> AssignmentArray<W> {
    pub fn new(out: W) -> Self {
        AssignmentArray { out, any: false }
    }

    /// Writes one more assignment.
    pub fn push(&mut self, a: &Assignment, today: Today) -> std::io::Result<()> {
        self.push_fields(a, today)?;
        self.out.write_all(b"\n  }")
    }

    /// Writes one more assignment with the state of its report for a
    /// period (`report_period`, `report_state`: missing, awaiting, approved).
    pub fn push_with_report(
        &mut self,
        a: &Assignment,
        today: Today,
        period: &str,
        state: &str,
    ) -> std::io::Result<()> {
        self.push_fields(a, today)?;
        write_text(&mut self.out, b",\n    \"report_period\": ", Some(period))?;
        write_text(&mut self.out, b",\n    \"report_state\": ", Some(state))?;
        self.out.write_all(b"\n  }")
    }

    fn push_fields(&mut self, a: &Assignment, today: Today) -> std::io::Result<()> {
        let out = &mut self.out;
        out.write_all(if self.any { b",\n  {" } else { b"[\n  {" })?;
        self.any = true;
        write_int(out, b"\n    \"id\": ", Some(a.id))?;
        write_int(out, b",\n    \"parent_id\": ", a.parent_id)?;
        write_int(out, b",\n    \"year\": ", Some(i64::from(a.year)))?;
        write_text(out, b",\n    \"title\": ", Some(&a.title))?;
        write_text(out, b",\n    \"description\": ", Some(&a.description))?;
        write_text(out, b",\n    \"lead_sector\": ", Some(&a.lead_sector))?;
        out.write_all(b",\n    \"sectors\": [")?;
        for (j, sector) in a.sectors.iter().enumerate() {
            let before: &[u8] = if j == 0 { b"\n      " } else { b",\n      " };
            write_text(out, before, Some(sector))?;
        }
        out.write_all(if a.sectors.is_empty() {
            b"]"
        } else {
            b"\n    ]"
        })?;
        write_int(out, b",\n    \"goal_id\": ", a.goal_id)?;
        write_text(out, b",\n    \"source\": ", Some(&a.source))?;
        write_text(out, b",\n    \"owner\": ", Some(&a.owner))?;
        write_date(out, b",\n    \"due\": ", a.due)?;
        write_text(out, b",\n    \"status\": ", Some(a.status.as_str()))?;
        let assessment = a.assessment.map(|x| x.as_str());
        write_text(out, b",\n    \"assessment\": ", assessment)?;
        write_date(out, b",\n    \"expected_done\": ", a.expected_done)?;
        let days = a.days_overdue(today);
        out.write_all(b",\n    \"overdue\": ")?;
        out.write_all(if days.is_some() { b"true" } else { b"false" })?;
        write_int(out, b",\n    \"days_overdue\": ", days)?;
        write_int(out, b",\n    \"version\": ", Some(a.version))
    }

    /// Closes the array (`[]` if nothing was pushed) and gives the writer back.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.write_all(if self.any { b"\n]" } else { b"[]" })?;
        Ok(self.out)
    }
}

/// Writes the key, then the number or `null`.
fn write_int<W: Write>(out: &mut W, key: &[u8], n: Option<i64>) -> std::io::Result<()> {
    out.write_all(key)?;
    let Some(n) = n else {
        return out.write_all(b"null");
    };
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        out.write_all(b"-")?;
    }
    out.write_all(&digits[at..])
}

/// Writes the key, then the date as a JSON string or `null`.
fn write_date<W: Write>(out: &mut W, key: &[u8], date: Option<NaiveDate>) -> std::io::Result<()> {
    match date.map(|d| (d, iso_digits(d))) {
        Some((_, Some(text))) => {
            out.write_all(key)?;
            out.write_all(b"\"")?;
            out.write_all(&text)?;
            out.write_all(b"\"")
        }
        Some((date, None)) => write_text(out, key, Some(&iso(date))),
        None => write_text(out, key, None),
    }
}

/// Writes the key, then the text as a JSON string escaped as
/// [`write_pretty`] escapes it, or `null`.
fn write_text<W: Write>(out: &mut W, key: &[u8], text: Option<&str>) -> std::io::Result<()> {
    out.write_all(key)?;
    let Some(text) = text else {
        return out.write_all(b"null");
    };
    let bytes = text.as_bytes();
    out.write_all(b"\"")?;
    if !may_need_escape(bytes) {
        out.write_all(bytes)?;
        return out.write_all(b"\"");
    }
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let short: &[u8] = match c {
            '"' => b"\\\"",
            '\\' => b"\\\\",
            '\n' => b"\\n",
            '\r' => b"\\r",
            '\t' => b"\\t",
            '\u{8}' => b"\\b",
            '\u{c}' => b"\\f",
            c if escaped_in_json(c) => b"",
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        if short.is_empty() {
            write_unicode_escape(out, c)?;
        } else {
            out.write_all(short)?;
        }
        start = i + c.len_utf8();
    }
    out.write_all(&bytes[start..])?;
    out.write_all(b"\"")
}

/// Whether JSON output writes a character as `\uXXXX`: every control
/// character (C0, DEL, C1) and every bidi or zero-width control, so that
/// JSON shown on a terminal cannot act on it or turn its reading order.
/// A JSON parser still reads the exact text back.
pub fn escaped_in_json(c: char) -> bool {
    crate::domain::text::is_hostile(c)
}

/// Writes `\uXXXX` (lower-case hex, as serde_json writes control characters).
fn write_unicode_escape<W: Write + ?Sized>(out: &mut W, c: char) -> std::io::Result<()> {
    // Every escaped character is in the Basic Multilingual Plane.
    write!(out, "\\u{:04x}", u32::from(c))
}

/// Whether any byte is a quote, a backslash, below U+0020, DEL, or the
/// first byte of a character [`escaped_in_json`] may escape (C1 controls
/// start with 0xC2, U+061C with 0xD8, the bidi and zero-width controls
/// with 0xE2, the byte order mark with 0xEF): most text has none.
fn may_need_escape(bytes: &[u8]) -> bool {
    any_in_words(bytes, |x| {
        byte_below(x, 0x20)
            | byte_is(x, b'"')
            | byte_is(x, b'\\')
            | byte_is(x, 0x7f)
            | byte_is(x, 0xc2)
            | byte_is(x, 0xd8)
            | byte_is(x, 0xe2)
            | byte_is(x, 0xef)
    })
}

/// serde_json's pretty layout, with the characters [`escaped_in_json`]
/// names written as `\uXXXX` (serde_json writes them raw).
struct SafeFormatter(PrettyFormatter<'static>);

impl Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if !may_need_escape(fragment.as_bytes()) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if escaped_in_json(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                write_unicode_escape(writer, c)?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Writes `value` as indented JSON, as `serde_json::to_writer_pretty`
/// does, but with every character [`escaped_in_json`] names as `\uXXXX`:
/// every JSON output of the command line goes through here.
pub fn write_pretty<T: Serialize + ?Sized>(
    out: &mut dyn Write,
    value: &T,
) -> serde_json::Result<()> {
    let mut serializer =
        serde_json::Serializer::with_formatter(out, SafeFormatter(PrettyFormatter::new()));
    value.serialize(&mut serializer)
}

/// One event as `log` and `show` write it.
#[derive(Debug, Serialize)]
pub struct EventJson {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub assignment_id: i64,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub comment: Option<String>,
    pub undoes: Option<i64>,
    /// For a report: the period, e.g. `2023-T2`.
    pub period: Option<String>,
}

impl From<&Event> for EventJson {
    fn from(e: &Event) -> Self {
        EventJson {
            id: e.id,
            at: e.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            actor: e.actor.clone(),
            assignment_id: e.assignment_id,
            field: e.field.clone(),
            old: e.old.clone(),
            new: e.new.clone(),
            comment: e.comment.clone(),
            undoes: e.undoes,
            period: e.period.clone(),
        }
    }
}

/// One reporting period as `periods` writes it.
#[derive(Debug, Serialize)]
pub struct PeriodJson {
    pub id: String,
    pub year: i32,
    pub code: String,
    pub label: String,
    pub start: String,
    pub end: String,
    pub report_due: String,
}

impl From<&Period> for PeriodJson {
    fn from(p: &Period) -> Self {
        PeriodJson {
            id: p.id(),
            year: p.year,
            code: p.code.clone(),
            label: p.label.clone(),
            start: iso(p.start),
            end: iso(p.end),
            report_due: iso(p.report_due),
        }
    }
}

/// One goal as `goals` writes it, with its rollup.
#[derive(Debug, Serialize)]
pub struct GoalJson {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: &'static str,
    pub code: String,
    pub title: String,
    pub sectors: Vec<String>,
    pub depth: usize,
    pub assignments: usize,
    pub overdue: usize,
    /// For a delmål: whether any assignment serves it.
    pub served: bool,
    /// Taken out of the tree (shown only by `goals --all`).
    pub retired: bool,
}

impl GoalJson {
    pub fn new(goal: &Goal, depth: usize, rollup: Rollup) -> Self {
        GoalJson {
            id: goal.id,
            parent_id: goal.parent_id,
            kind: goal.kind.as_str(),
            code: goal.code.clone(),
            title: goal.title.clone(),
            sectors: goal.sectors.clone(),
            depth,
            assignments: rollup.assignments,
            overdue: rollup.overdue,
            served: rollup.assignments > 0,
            retired: goal.retired,
        }
    }
}

/// One catalog event (a change to a goal or an årshjul entry) as `log --goals`/`--wheel` write it.
#[derive(Debug, Serialize)]
pub struct CatalogEventJson {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub entity: &'static str,
    pub entity_id: i64,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub comment: Option<String>,
    /// For an undo, the catalog event it takes back; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undoes: Option<i64>,
}

impl From<&CatalogEvent> for CatalogEventJson {
    fn from(e: &CatalogEvent) -> Self {
        CatalogEventJson {
            id: e.id,
            at: e.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            actor: e.actor.clone(),
            entity: e.entity.as_str(),
            entity_id: e.entity_id,
            field: e.field.clone(),
            old: e.old.clone(),
            new: e.new.clone(),
            comment: e.comment.clone(),
            undoes: e.undoes,
        }
    }
}

/// A goal on the path from the focus area, as `show` writes it.
#[derive(Debug, Serialize)]
pub struct GoalRefJson {
    pub id: i64,
    pub kind: &'static str,
    pub code: String,
    pub title: String,
}

impl From<&Goal> for GoalRefJson {
    fn from(g: &Goal) -> Self {
        GoalRefJson {
            id: g.id,
            kind: g.kind.as_str(),
            code: g.code.clone(),
            title: g.title.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Assessment, Status};
    use proptest::prelude::*;

    #[test]
    fn dates_are_written_as_stored() {
        for (y, m, d) in [
            (2023, 9, 20),
            (987, 3, 4),
            (1, 1, 1),
            (9999, 12, 31),
            (10000, 1, 1),
            (-5, 6, 7),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(
                serde_json::to_string(&IsoDate(date)).unwrap(),
                format!("\"{}\"", iso(date))
            );
        }
    }

    /// What `list --format json` wrote before it had its own writer.
    fn by_serde(list: &[Assignment], today: Today) -> String {
        let rows: Vec<AssignmentJson> =
            list.iter().map(|a| AssignmentJson::new(a, today)).collect();
        let mut out = Vec::new();
        write_pretty(&mut out, &rows).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn by_writer(list: &[Assignment], today: Today) -> String {
        let mut array = AssignmentArray::new(Vec::new());
        for a in list {
            array.push(a, today).unwrap();
        }
        String::from_utf8(array.finish().unwrap()).unwrap()
    }

    fn date() -> impl Strategy<Value = Option<NaiveDate>> {
        prop_oneof![
            Just(None),
            (1900i32..2100, 1u32..=12, 1u32..=28)
                .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            (-300i32..12000, 1u32..=12, 1u32..=28)
                .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
        ]
    }

    /// Any text: control characters, quotes, backslashes, other scripts.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[a-zæøå \"\\\\\u{0}-\u{1f}\u{7f}\u{80}-\u{9f}\u{2028}\u{FEFF}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{200e}\u{61c}–é😀]{0,40}",
        ]
    }

    fn assignment() -> impl Strategy<Value = Assignment> {
        (
            (
                any::<i64>(),
                any::<Option<i64>>(),
                any::<i32>(),
                any::<Option<i64>>(),
                any::<i64>(),
            ),
            (text(), text(), text(), text(), text()),
            prop::collection::vec(text(), 0..3),
            (date(), date(), 0usize..4, 0usize..4),
        )
            .prop_map(
                |(
                    (id, parent_id, year, goal_id, version),
                    (title, description, lead_sector, source, owner),
                    sectors,
                    (due, expected_done, status, assessment),
                )| {
                    Assignment {
                        id,
                        parent_id,
                        year,
                        title,
                        description,
                        lead_sector,
                        sectors,
                        goal_id,
                        source,
                        owner,
                        due,
                        status: Status::ALL[status],
                        assessment: Assessment::ALL.get(assessment).copied(),
                        expected_done,
                        version,
                    }
                },
            )
    }

    #[test]
    fn an_empty_list_is_an_empty_array() {
        let today = Today(NaiveDate::from_ymd_opt(2023, 9, 20).unwrap());
        assert_eq!(by_writer(&[], today), "[]");
        assert_eq!(by_writer(&[], today), by_serde(&[], today));
    }

    /// Every byte at every place, in text shorter and longer than a word,
    /// is found exactly when JSON must escape it.
    #[test]
    fn the_escape_check_finds_exactly_what_must_be_escaped() {
        crate::domain::text::each_byte_at_each_place(|text, b| {
            let must =
                b < 0x20 || b == b'"' || b == b'\\' || [0x7f, 0xc2, 0xd8, 0xe2, 0xef].contains(&b);
            assert_eq!(may_need_escape(text), must, "{b:#x} in {text:?}");
        });
        assert!(!may_need_escape(b""));
        assert!(!may_need_escape("Lørenskog æøå ÆØÅ".as_bytes()));
    }

    #[test]
    fn controls_and_bidi_are_escaped_and_parse_back() {
        let text = "a\u{1b}]0;x\u{7} \u{9b}31m \u{7f} h\u{202e}v\u{2067} \u{200f}\u{61c} – €";
        let mut out = Vec::new();
        write_pretty(&mut out, &text).unwrap();
        let json = String::from_utf8(out).unwrap();
        assert!(!json.chars().any(escaped_in_json), "{json:?}");
        assert!(json.contains("\\u001b]0;x\\u0007 \\u009b31m \\u007f h\\u202ev\\u2067"));
        assert!(json.contains("– €"), "other text stays as it is: {json}");
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), text);
    }

    proptest! {
        #[test]
        fn the_writer_writes_what_serde_json_writes(
            list in prop::collection::vec(assignment(), 0..4),
            today in (1900i32..2100, 1u32..=12, 1u32..=28),
        ) {
            let today = Today(NaiveDate::from_ymd_opt(today.0, today.1, today.2).unwrap());
            prop_assert_eq!(by_writer(&list, today), by_serde(&list, today));
        }
    }
}

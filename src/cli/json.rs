//! The JSON shapes the CLI writes. Field names are stable and documented in
//! the README; change them only with a new name, never in place.

use std::io::Write;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

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
/// `serde_json::to_writer_pretty` writes for their [`AssignmentJson`]s
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
        write_int(out, b",\n    \"version\": ", Some(a.version))?;
        out.write_all(b"\n  }")
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

/// Writes the key, then the text as a JSON string escaped as serde_json
/// escapes it (quote, backslash and control characters below U+0020;
/// nothing else), or `null`.
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
    for (i, &b) in bytes.iter().enumerate() {
        let short: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0x00..=0x1f => b"",
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        if short.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let (high, low) = (HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]);
            out.write_all(&[b'\\', b'u', b'0', b'0', high, low])?;
        } else {
            out.write_all(short)?;
        }
        start = i + 1;
    }
    out.write_all(&bytes[start..])?;
    out.write_all(b"\"")
}

/// Whether any byte is a quote, a backslash or below U+0020: most text has
/// none.
fn may_need_escape(bytes: &[u8]) -> bool {
    any_in_words(bytes, |x| {
        byte_below(x, 0x20) | byte_is(x, b'"') | byte_is(x, b'\\')
    })
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
        serde_json::to_string_pretty(&rows).unwrap()
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
            "[a-zæøå \"\\\\\u{0}-\u{1f}\u{7f}\u{80}-\u{9f}\u{2028}\u{FEFF}é😀]{0,40}",
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
            let must = b < 0x20 || b == b'"' || b == b'\\';
            assert_eq!(may_need_escape(text), must, "{b:#x} in {text:?}");
        });
        assert!(!may_need_escape(b""));
        assert!(!may_need_escape("Lørenskog – æøå ÆØÅ €".as_bytes()));
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

//! The årshjul as an iCalendar file (RFC 5545), written with the `icalendar`
//! crate: one all-day VEVENT per årshjul entry and per assignment deadline.
//!
//! UIDs are made from the database's own random identity and the ids of
//! entries and assignments, so a second export has the same UIDs and a
//! calendar that imports it again updates its events instead of doubling
//! them. SEQUENCE grows with every change, and what was deleted or cancelled
//! is exported as STATUS:CANCELLED so that an update removes it.

use crate::domain::text::{sanitize_line, sanitize_lines};
use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

use crate::domain::wheel::Deadline;
use crate::domain::{Lang, WheelEntry};
use crate::words::calendar;

/// What the calendar holds.
#[derive(Debug, Clone)]
pub struct IcsInput<'a> {
    /// The database's identity ([`crate::store::Store::identity`]).
    pub identity: &'a str,
    /// The calendar's name, e.g. "Årshjul Lørenskog 2023".
    pub name: &'a str,
    /// The årshjul entries.
    pub entries: &'a [WheelEntry],
    /// Årshjul entries deleted since they may have been exported: cancelled.
    pub deleted: &'a [WheelEntry],
    /// Per årshjul entry id: how many times it has changed (SEQUENCE).
    pub sequences: &'a HashMap<i64, u32>,
    /// Assignment deadlines.
    pub deadlines: &'a [Deadline],
    /// Deadlines of cancelled assignments: cancelled.
    pub cancelled: &'a [Deadline],
    /// DTSTAMP: when the file is made.
    pub stamp: DateTime<Utc>,
    /// The language of the summaries, descriptions and categories.
    pub lang: Lang,
}

/// The UID of an årshjul entry.
pub fn entry_uid(identity: &str, id: i64) -> String {
    format!("arshjul-{id}@{identity}.styr")
}

/// The UID of an assignment's deadline.
pub fn deadline_uid(identity: &str, id: i64) -> String {
    format!("frist-{id}@{identity}.styr")
}

/// The calendar as RFC 5545 text (CRLF line ends, folded lines). Its
/// TEXT values hold no control characters (RFC 5545 allows none), so
/// stored text is made safe as for a terminal, where a calendar may end.
pub fn wheel_ics(input: &IcsInput) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//styr//årshjul//NB"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"))
        .name(input.name);
    let entries = input.entries.iter().map(|e| (e, false));
    let deleted = input.deleted.iter().map(|e| (e, true));
    for (entry, gone) in entries.chain(deleted) {
        let mut event = Event::new();
        event
            .uid(&entry_uid(input.identity, entry.id))
            .timestamp(input.stamp)
            .sequence(input.sequences.get(&entry.id).copied().unwrap_or(0))
            .summary(&sanitize_line(&entry.title))
            .starts(entry.start)
            .ends(entry.end + Duration::days(1))
            .add_property(
                "CATEGORIES",
                calendar::entry_categories(entry.kind, input.lang),
            )
            .add_property("TRANSP", "TRANSPARENT");
        event.description(&sanitize_lines(&calendar::entry_description(
            entry, input.lang,
        )));
        if gone {
            event.status(EventStatus::Cancelled);
        }
        calendar.push(event.done());
    }
    let deadlines = input.deadlines.iter().map(|d| (d, false));
    let cancelled = input.cancelled.iter().map(|d| (d, true));
    for (deadline, gone) in deadlines.chain(cancelled) {
        let mut event = Event::new();
        event
            .uid(&deadline_uid(input.identity, deadline.id))
            .timestamp(input.stamp)
            .sequence(u32::try_from(deadline.version.max(0)).unwrap_or(u32::MAX))
            .summary(&sanitize_line(&calendar::deadline_summary(
                deadline, input.lang,
            )))
            .starts(deadline.date)
            .ends(deadline.date + Duration::days(1))
            .description(&sanitize_lines(&calendar::deadline_description(
                deadline, input.lang,
            )))
            .add_property("CATEGORIES", calendar::words(input.lang).deadline_category)
            .add_property("TRANSP", "TRANSPARENT");
        if gone {
            event.status(EventStatus::Cancelled);
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

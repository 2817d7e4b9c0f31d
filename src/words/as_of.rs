//! Seeing the past: `--as-of`'s refusals, and `styr diff`'s report of
//! what changed between two days.

use chrono::{DateTime, Local, Utc};

use super::events::shown_value;
use super::terms::{goal_field, wheel_field, Label};
use crate::domain::diff::{CatalogChange, CatalogLine, Diff, VedtakChange, VedtakLine};
use crate::domain::event::{AsOf, AsOfRefusal};
use crate::domain::text::sanitize_line;
use crate::domain::{Entity, Lang};

/// A moment as readers of the language write it: the day, with the minute if given.
pub fn moment(lang: Lang, at: &AsOf) -> String {
    match at.time {
        None => lang.date(at.day),
        Some(time) => format!("{} {}", lang.date(at.day), time.format("%H:%M")),
    }
}

/// A logged instant in local time, to the minute.
pub fn instant(lang: Lang, at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format(lang.date_time_format())
        .to_string()
}

/// Why `--as-of` (or `diff --from`/`--to`) cannot show that moment, in one line.
pub fn refusal(lang: Lang, option: &str, refusal: &AsOfRefusal) -> String {
    match refusal {
        AsOfRefusal::Unreadable(text) => match lang {
            Lang::Nb => format!(
                "{option}: «{text}» er ikke en dato; skriv ÅÅÅÅ-MM-DD eller dd.mm.åååå, eventuelt fulgt av TT:MM"
            ),
            Lang::En => format!(
                "{option}: '{text}' is not a date; write YYYY-MM-DD or dd.mm.yyyy, optionally followed by HH:MM"
            ),
        },
        AsOfRefusal::BeforeLog { asked, first } => {
            let (asked, first) = (moment(lang, asked), instant(lang, *first));
            match lang {
                Lang::Nb => format!(
                    "{option}: {asked} er før loggens første hendelse ({first}); velg en dag fra da av"
                ),
                Lang::En => format!(
                    "{option}: {asked} is before the log's first event ({first}); choose a day from then on"
                ),
            }
        }
        AsOfRefusal::Future { asked, today } => {
            let (asked, today) = (moment(lang, asked), lang.date(*today));
            match lang {
                Lang::Nb => format!(
                    "{option}: {asked} er i framtiden (i dag er {today}); loggen viser bare det som har skjedd"
                ),
                Lang::En => format!(
                    "{option}: {asked} is in the future (today is {today}); the log shows only what has happened"
                ),
            }
        }
        AsOfRefusal::EmptyLog => match lang {
            Lang::Nb => format!("{option}: loggen er tom, så det finnes ingen fortid å vise"),
            Lang::En => format!("{option}: the log is empty, so there is no past to show"),
        },
    }
}

/// A command that changes the database (named when known), given `--as-of`.
pub fn write_refused(lang: Lang, command: Option<&str>) -> String {
    match (lang, command) {
        (Lang::Nb, Some(command)) => format!(
            "`{command}` endrer databasen, og --as-of viser fortiden, som ikke kan endres; ingenting ble endret"
        ),
        (Lang::Nb, None) => "dette endrer databasen, og --as-of viser fortiden, som ikke kan endres; ingenting ble endret".into(),
        (Lang::En, Some(command)) => format!(
            "`{command}` changes the database, and --as-of shows the past, which cannot be changed; nothing was changed"
        ),
        (Lang::En, None) => "this changes the database, and --as-of shows the past, which cannot be changed; nothing was changed".into(),
    }
}

/// A reading command that does not show the past, given `--as-of`.
pub fn not_as_of(lang: Lang, command: &str) -> String {
    match lang {
        Lang::Nb => format!(
            "`{command}` kan ikke vise fortiden; --as-of gjelder terminalgrensesnittet (styr uten kommando), list, show, goals, wheel, brief, log og export (og `diff --from/--to`)"
        ),
        Lang::En => format!(
            "`{command}` cannot show the past; --as-of applies to the terminal UI (styr with no command), list, show, goals, wheel, brief, log and export (and `diff --from/--to`)"
        ),
    }
}

/// `diff` with `--to` before `--from`.
pub fn diff_backwards(lang: Lang, from: &AsOf, to: &AsOf) -> String {
    let (from, to) = (moment(lang, from), moment(lang, to));
    match lang {
        Lang::Nb => format!("--to ({to}) er før --from ({from}); bytt om på dem"),
        Lang::En => format!("--to ({to}) is before --from ({from}); swap them"),
    }
}

/// `styr diff` as text: a heading, then one section per kind of change
/// that has any, each line naming the assignment (or goal, or entry).
pub fn diff_text(
    lang: Lang,
    diff: &Diff,
    from: &AsOf,
    to: &AsOf,
    sector: Option<&str>,
    title_of: impl Fn(i64) -> String,
) -> String {
    use std::fmt::Write as _;
    let (from_text, to_text) = (moment(lang, from), moment(lang, to));
    let mut out = match (lang, sector) {
        (Lang::Nb, None) => format!("Endringer fra {from_text} til {to_text}\n"),
        (Lang::Nb, Some(s)) => format!("Endringer for {s} fra {from_text} til {to_text}\n"),
        (Lang::En, None) => format!("Changes from {from_text} to {to_text}\n"),
        (Lang::En, Some(s)) => format!("Changes for {s} from {from_text} to {to_text}\n"),
    };
    let who_when = |actors: &[String], at: Option<DateTime<Utc>>| who_when(lang, actors, at);
    let mut section = |heading: (&str, &str), lines: Vec<String>| {
        if lines.is_empty() {
            return;
        }
        let heading = match lang {
            Lang::Nb => heading.0,
            Lang::En => heading.1,
        };
        let _ = writeln!(out, "\n{heading} ({})", lines.len());
        for line in lines {
            let _ = writeln!(out, "  {line}");
        }
    };
    let named = |id: i64| format!("#{id} {}", sanitize_line(&title_of(id)));
    section(
        ("Nye oppdrag", "New assignments"),
        diff.created
            .iter()
            .map(|a| {
                format!(
                    "#{} {} [{}]",
                    a.id,
                    sanitize_line(&a.title),
                    sanitize_line(&a.lead_sector)
                )
            })
            .collect(),
    );
    section(
        ("Lukket", "Closed"),
        diff.closed
            .iter()
            .map(|a| {
                format!(
                    "#{} {}: {}",
                    a.id,
                    sanitize_line(&a.title),
                    a.status.label(lang)
                )
            })
            .collect(),
    );
    section(
        ("Endrede felt", "Changed fields"),
        diff.fields
            .iter()
            .map(|c| {
                format!(
                    "{}: {}: {} → {}{}",
                    named(c.assignment),
                    c.field.label(lang),
                    sanitize_line(&shown_value(c.field, c.from.as_deref(), lang)),
                    sanitize_line(&shown_value(c.field, c.to.as_deref(), lang)),
                    who_when(&c.actors, Some(c.at))
                )
            })
            .collect(),
    );
    section(
        ("Rapporter", "Reports"),
        diff.reports
            .iter()
            .map(|r| {
                let comment = r
                    .comment
                    .as_deref()
                    .map(|c| format!(" «{}»", sanitize_line(c)))
                    .unwrap_or_default();
                format!(
                    "{}: {}{}{}",
                    named(r.assignment),
                    sanitize_line(r.period.as_deref().unwrap_or("")),
                    who_when(std::slice::from_ref(&r.actor), Some(r.at)),
                    comment
                )
            })
            .collect(),
    );
    for (lines, heading) in [
        (&diff.goals, ("Mål", "Goals")),
        (&diff.wheel, ("Årshjul", "Annual wheel")),
    ] {
        section(
            heading,
            lines.iter().map(|l| catalog_line(lang, l)).collect(),
        );
    }
    section(
        ("Vedtak", "Political decisions"),
        diff.vedtak.iter().map(|l| vedtak_line(lang, l)).collect(),
    );
    if diff == &Diff::default() {
        out.push_str(match lang {
            Lang::Nb => "\nIngen endringer.\n",
            Lang::En => "\nNo changes.\n",
        });
    }
    out
}

/// One change of a goal or årshjul entry.
fn catalog_line(lang: Lang, line: &CatalogLine) -> String {
    let label = |field: &str| match line.entity {
        Entity::Goal => goal_field(field, lang),
        Entity::Wheel => wheel_field(field, lang),
        Entity::Decision | Entity::Body => crate::words::vedtak::field(field, lang),
        Entity::Period => crate::words::council::period_field(field, lang),
    };
    let empty = match lang {
        Lang::Nb => "(tom)",
        Lang::En => "(empty)",
    };
    let shown = |v: &Option<String>| sanitize_line(v.as_deref().unwrap_or(empty)).into_owned();
    let change = match (&line.change, lang) {
        (CatalogChange::Added, Lang::Nb) => "lagt til".to_string(),
        (CatalogChange::Added, Lang::En) => "added".to_string(),
        (CatalogChange::Removed, Lang::Nb) => "fjernet".to_string(),
        (CatalogChange::Removed, Lang::En) => "removed".to_string(),
        (CatalogChange::Field { field, from, to }, _) => {
            format!("{}: {} → {}", label(field), shown(from), shown(to))
        }
    };
    let actors: Vec<String> = line.actor.iter().cloned().collect();
    format!(
        "#{} {}: {}{}",
        line.id,
        sanitize_line(&line.title),
        change,
        who_when(lang, &actors, line.at)
    )
}

/// What happened to a vedtak, without who and when: "kvittert ut
/// 20.09.2023 «Gjennomført»", "koblet til #3, #7".
pub fn vedtak_change(lang: Lang, change: &VedtakChange) -> String {
    let ids = |ids: &[i64]| {
        ids.iter()
            .map(|i| format!("#{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let empty = match lang {
        Lang::Nb => "(tom)",
        Lang::En => "(empty)",
    };
    let shown = |v: &Option<String>| sanitize_line(v.as_deref().unwrap_or(empty)).into_owned();
    match (change, lang) {
        (VedtakChange::Created, Lang::Nb) => "nytt vedtak".into(),
        (VedtakChange::Created, Lang::En) => "new decision".into(),
        (VedtakChange::Removed, Lang::Nb) => "fjernet".into(),
        (VedtakChange::Removed, Lang::En) => "removed".into(),
        (VedtakChange::Edited { field, from, to }, _) => format!(
            "{}: {} → {}",
            crate::words::vedtak::field(field, lang),
            shown(from),
            shown(to)
        ),
        (VedtakChange::Closed { day, comment }, _) => {
            let day = crate::domain::date::parse_date(day)
                .map(|d| lang.date(d))
                .unwrap_or_else(|_| sanitize_line(day).into_owned());
            let comment = comment
                .as_deref()
                .map(|c| format!(" «{}»", sanitize_line(c)))
                .unwrap_or_default();
            match lang {
                Lang::Nb => format!("kvittert ut {day}{comment}"),
                Lang::En => format!("closed {day}{comment}"),
            }
        }
        (VedtakChange::Reopened, Lang::Nb) => "åpnet igjen".into(),
        (VedtakChange::Reopened, Lang::En) => "reopened".into(),
        (VedtakChange::Linked(list), Lang::Nb) => format!("koblet til {}", ids(list)),
        (VedtakChange::Linked(list), Lang::En) => format!("linked to {}", ids(list)),
        (VedtakChange::Unlinked(list), Lang::Nb) => format!("koblet fra {}", ids(list)),
        (VedtakChange::Unlinked(list), Lang::En) => format!("unlinked from {}", ids(list)),
    }
}

/// One change of a vedtak: "V3 283/21 Title: kvittert ut … (who, when)".
pub fn vedtak_line(lang: Lang, line: &VedtakLine) -> String {
    let actors: Vec<String> = line.actor.iter().cloned().collect();
    let case = if line.case.is_empty() {
        String::new()
    } else {
        format!(" {}", sanitize_line(&line.case))
    };
    format!(
        "V{}{case} {}: {}{}",
        line.id,
        sanitize_line(&line.title),
        vedtak_change(lang, &line.change),
        who_when(lang, &actors, line.at)
    )
}

/// ` (who, when)` after a change, as far as they are known.
fn who_when(lang: Lang, actors: &[String], at: Option<DateTime<Utc>>) -> String {
    let actors = actors.iter().map(|a| sanitize_line(a)).collect::<Vec<_>>();
    match at {
        Some(at) if !actors.is_empty() => {
            format!(" ({}, {})", actors.join(", "), instant(lang, at))
        }
        Some(at) => format!(" ({})", instant(lang, at)),
        None => String::new(),
    }
}

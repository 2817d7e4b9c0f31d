//! The logs in words: what an event did, in one line, for the history, the
//! status line, `log`, `show` and the briefing.

use chrono::NaiveDate;

use super::terms::{goal_field, wheel_field, Label};
use super::Lang;
use crate::domain::catalog::{CREATED, DELETED};
use crate::domain::date::parse_date;
use crate::domain::{Assessment, CatalogEvent, Entity, Event, Field, ReportValues, Status};

/// A field value as people read it: labels for status and vurdering, dates
/// as the language writes them.
pub fn shown_value(field: Field, value: Option<&str>, lang: Lang) -> String {
    let Some(value) = value else {
        return empty(lang).into();
    };
    match field {
        Field::Status => {
            Status::parse(value).map_or(value.to_string(), |s| s.label(lang).to_string())
        }
        Field::Assessment => {
            Assessment::parse(value).map_or(value.to_string(), |a| a.label(lang).to_string())
        }
        Field::Due | Field::ExpectedDone => {
            parse_date(value).map_or(value.to_string(), |d| lang.date(d))
        }
        Field::Goal | Field::Parent => format!("#{value}"),
        _ => value.to_string(),
    }
}

/// What stands for an empty value.
fn empty(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "(tom)",
        Lang::En => "(empty)",
    }
}

/// "Pågår · I rute · forventet ferdig 13.12.2023", with "(var …)" after
/// each value that the report changed from `before`; the expected
/// completion only when it is set or changed.
pub fn report_values(values: &ReportValues, before: Option<&ReportValues>, lang: Lang) -> String {
    let was = |changed: bool, old: String| {
        if changed {
            match lang {
                Lang::Nb => format!(" (var {old})"),
                Lang::En => format!(" (was {old})"),
            }
        } else {
            String::new()
        }
    };
    let status = format!(
        "{}{}",
        values.status.label(lang),
        before.map_or(String::new(), |b| was(
            b.status != values.status,
            b.status.label(lang).into()
        ))
    );
    let assessment = format!(
        "{}{}",
        values.assessment.label(lang),
        before.map_or(String::new(), |b| was(
            b.assessment != values.assessment,
            b.assessment.label(lang).into()
        ))
    );
    let shown = |d: Option<NaiveDate>| {
        d.map_or(
            match lang {
                Lang::Nb => "ikke satt".to_string(),
                Lang::En => "not set".to_string(),
            },
            |d| lang.date(d),
        )
    };
    let expected_changed = before.is_some_and(|b| b.expected_done != values.expected_done);
    if values.expected_done.is_none() && !expected_changed {
        // Nothing said about completion: keep the line short.
        return format!("{status} · {assessment}");
    }
    let expected = format!(
        "{} {}{}",
        Field::ExpectedDone.label(lang),
        shown(values.expected_done),
        before.map_or(String::new(), |b| was(
            b.expected_done != values.expected_done,
            shown(b.expected_done)
        ))
    );
    format!("{status} · {assessment} · {expected}")
}

/// "rapport 2023-T2: Pågår · I rute (var Avvik) · forventet ferdig 13.12.2023".
fn describe_report(event: &Event, lang: Lang) -> String {
    let word = Field::Report.label(lang);
    let period = event.period.as_deref().unwrap_or("?");
    let before = event
        .old
        .as_deref()
        .and_then(|o| ReportValues::from_json(o).ok());
    match event.new.as_deref().map(ReportValues::from_json) {
        Some(Ok(values)) => format!(
            "{word} {period}: {}",
            report_values(&values, before.as_ref(), lang)
        ),
        _ => format!("{word} {period}: {:?}", event.new),
    }
}

/// What an event did, in one line: "status: Pågår → Fullført".
pub fn describe(event: &Event, lang: Lang) -> String {
    let change = match event.field() {
        Ok(field @ (Field::Created | Field::Comment)) => field.label(lang).to_string(),
        Ok(Field::Report) => describe_report(event, lang),
        Ok(Field::Withdrawn) => {
            let id = event.undoes.unwrap_or_default();
            return with_comment(
                match lang {
                    Lang::Nb => format!("trakk tilbake hendelse {id}"),
                    Lang::En => format!("withdrew event {id}"),
                },
                event,
            );
        }
        Ok(Field::Approval) => crate::words::council::describe_approval(event, lang),
        Ok(field) => format!(
            "{}: {} → {}",
            field.label(lang),
            shown_value(field, event.old.as_deref(), lang),
            shown_value(field, event.new.as_deref(), lang)
        ),
        Err(_) => format!("{}: {:?} → {:?}", event.field, event.old, event.new),
    };
    let undo = event
        .undoes
        .map(|id| match lang {
            Lang::Nb => format!(" (angrer hendelse {id})"),
            Lang::En => format!(" (undoes event {id})"),
        })
        .unwrap_or_default();
    with_comment(format!("{change}{undo}"), event)
}

/// The line with the event's comment after it, if it has one.
fn with_comment(line: String, event: &Event) -> String {
    match &event.comment {
        Some(comment) => format!("{line} «{comment}»"),
        None => line,
    }
}

/// Marks the line of an event that was later withdrawn.
pub fn withdrawn_mark(line: &str, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!("{line} [trukket tilbake]"),
        Lang::En => format!("{line} [withdrawn]"),
    }
}

/// What a catalog event did, in one line: "tittel: Gammel → Ny «kommentar»".
pub fn describe_catalog(event: &CatalogEvent, lang: Lang) -> String {
    let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| empty(lang).into());
    let label = match event.entity {
        Entity::Goal => goal_field(&event.field, lang),
        Entity::Wheel => wheel_field(&event.field, lang),
        Entity::Decision | Entity::Body => crate::words::vedtak::field(&event.field, lang),
        Entity::Period => crate::words::council::period_field(&event.field, lang),
    };
    let change = match (lang, event.field.as_str()) {
        (Lang::Nb, CREATED) => "opprettet".to_string(),
        (Lang::En, CREATED) => "created".to_string(),
        (Lang::Nb, DELETED) => "slettet".to_string(),
        (Lang::En, DELETED) => "deleted".to_string(),
        (_, "retired") => match (lang, event.new.as_deref()) {
            (Lang::Nb, Some("true")) => "utgått (tatt ut av målstrukturen)".to_string(),
            (Lang::Nb, _) => "tatt inn igjen i målstrukturen".to_string(),
            (Lang::En, Some("true")) => "retired (taken out of the goal tree)".to_string(),
            (Lang::En, _) => "taken back into the goal tree".to_string(),
        },
        (_, "parent") => {
            let goal = |v: &Option<String>| {
                v.as_ref().map_or(empty(lang).into(), |v| match lang {
                    Lang::Nb => format!("mål {v}"),
                    Lang::En => format!("goal {v}"),
                })
            };
            format!("{label}: {} → {}", goal(&event.old), goal(&event.new))
        }
        _ => format!("{label}: {} → {}", shown(&event.old), shown(&event.new)),
    };
    match &event.comment {
        Some(comment) => format!("{change} «{comment}»"),
        None => change,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse_date;

    #[test]
    fn a_report_names_what_it_changed_in_each_language() {
        let before = ReportValues {
            status: Status::InProgress,
            assessment: Some(Assessment::Yellow),
            expected_done: None,
        };
        let after = ReportValues {
            status: Status::InProgress,
            assessment: Some(Assessment::Green),
            expected_done: Some(parse_date("2023-12-13").unwrap()),
        };
        assert_eq!(
            report_values(&after, Some(&before), Lang::Nb),
            "Pågår · I rute (var Risiko for avvik) · forventet ferdig 13.12.2023 (var ikke satt)"
        );
        assert_eq!(
            report_values(&after, Some(&before), Lang::En),
            "In progress · On track (was At risk) · expected completion 2023-12-13 (was not set)"
        );
        assert_eq!(
            report_values(&before, Some(&before), Lang::Nb),
            "Pågår · Risiko for avvik"
        );
    }
}

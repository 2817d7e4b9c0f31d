//! Political decisions (*vedtak*): the body that made them, the meeting,
//! the case number, and the oppdrag that follow them up. A decision's state
//! is never stored: it follows from its oppdrag until it is *kvittert ut*
//! (closed), which is stored with the day and a comment in the log.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::assignment::{Assignment, Status};
use super::catalog::{Entity, Logged};
use super::date::{iso, parse_date, Today};
use super::text::{over_limit, printable};
use super::DomainError;

/// The kind of political decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DecisionKind {
    /// An ordinary decision in a case.
    Vedtak,
    /// A verbal decision: an instruction added to a case, often the budget.
    Verbalvedtak,
    /// The budget decision (or one of its points).
    Budsjettvedtak,
}

impl DecisionKind {
    pub const ALL: [DecisionKind; 3] = [
        DecisionKind::Vedtak,
        DecisionKind::Verbalvedtak,
        DecisionKind::Budsjettvedtak,
    ];

    /// The stable name in the database and JSON (the users' word).
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::Vedtak => "vedtak",
            DecisionKind::Verbalvedtak => "verbalvedtak",
            DecisionKind::Budsjettvedtak => "budsjettvedtak",
        }
    }

    /// Parses a stable name, in any case, or its English counterpart.
    pub fn parse(text: &str) -> Result<DecisionKind, DomainError> {
        match text.trim().to_lowercase().as_str() {
            "vedtak" | "decision" | "politisk vedtak" => Ok(DecisionKind::Vedtak),
            "verbalvedtak" | "verbal" | "verbal-decision" => Ok(DecisionKind::Verbalvedtak),
            "budsjettvedtak" | "budget" | "budget-decision" => Ok(DecisionKind::Budsjettvedtak),
            _ => Err(DecisionRule::UnknownKind(text.trim().to_string()).into()),
        }
    }
}

/// A political body whose decisions are followed up: kommunestyret,
/// formannskapet, an utvalg. The municipality keeps the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    pub id: i64,
    /// As the municipality writes it: "Kommunestyret".
    pub name: String,
    /// The abbreviation minutes use ("KST", "FSK"); may be empty.
    pub short: String,
}

impl Body {
    /// Whether `text` names this body, by name or abbreviation, in any case.
    pub fn is_named(&self, text: &str) -> bool {
        let text = text.trim().to_lowercase();
        self.name.to_lowercase() == text
            || (!self.short.is_empty() && self.short.to_lowercase() == text)
    }

    /// Checks a new or changed body against the others (itself skipped by id).
    pub fn validate(&self, others: &[Body]) -> Result<(), DomainError> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(DecisionRule::EmptyBodyName.into());
        }
        for text in [&self.name, &self.short] {
            if !printable(text) {
                return Err(DecisionRule::NotPrintable(text.clone()).into());
            }
        }
        let clash = others.iter().filter(|b| b.id != self.id).find(|b| {
            b.is_named(&self.name) || (!self.short.trim().is_empty() && b.is_named(&self.short))
        });
        if let Some(other) = clash {
            return Err(DecisionRule::BodyExists(other.name.clone()).into());
        }
        Ok(())
    }
}

/// Finds the body `text` names (name or abbreviation, any case).
pub fn find_body<'a>(bodies: &'a [Body], text: &str) -> Result<&'a Body, DomainError> {
    bodies.iter().find(|b| b.is_named(text)).ok_or_else(|| {
        DecisionRule::UnknownBody {
            name: text.trim().to_string(),
            known: bodies.iter().map(|b| b.name.clone()).collect(),
        }
        .into()
    })
}

impl Logged for Body {
    const ENTITY: Entity = Entity::Body;
    const FIELDS: &'static [&'static str] = &["name", "short"];

    fn id(&self) -> i64 {
        self.id
    }

    fn set_id(&mut self, id: i64) {
        self.id = id;
    }

    fn value(&self, field: &str) -> Option<String> {
        let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
        match field {
            "name" => text(&self.name),
            "short" => text(&self.short),
            _ => None,
        }
    }

    fn set(&mut self, field: &str, value: Option<&str>) -> Result<(), DomainError> {
        let value = value.map(str::trim).unwrap_or_default().to_string();
        match field {
            "name" => self.name = value,
            "short" => self.short = value,
            _ => return Err(DomainError::UnknownField(field.to_string())),
        }
        Ok(())
    }
}

/// A political decision to follow up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub id: i64,
    /// The body's name, as the body list spells it.
    pub body: String,
    /// The day of the meeting that made it.
    pub date: NaiveDate,
    /// The case number, `283/21` (see [`parse_case`]).
    pub case: String,
    pub title: String,
    /// The decision's wording.
    pub text: String,
    pub kind: DecisionKind,
    /// The oppdrag that follow it up, in the order they were linked.
    pub assignments: Vec<i64>,
    /// The day it was *kvittert ut*; `None` while it is followed up.
    pub closed: Option<NaiveDate>,
}

/// The field of a comment-only event in a decision's log: it changes nothing.
pub const COMMENT: &str = "comment";

impl Decision {
    /// Checks the rules a stored decision keeps: a printable title, texts
    /// within bounds, a case number, a meeting not after today and in the
    /// year the case number names, and a body from the list.
    pub fn validate(&self, bodies: &[Body], today: Today) -> Result<(), DomainError> {
        if self.title.trim().is_empty() {
            return Err(DomainError::EmptyTitle);
        }
        if !printable(&self.title) {
            return Err(DecisionRule::NotPrintable(self.title.clone()).into());
        }
        for (field, text) in [("title", &self.title), ("text", &self.text)] {
            if let Some(chars) = over_limit(text) {
                return Err(DecisionRule::TooLong { field, chars }.into());
            }
        }
        let case = parse_case(&self.case)?;
        if self.date > today.0 {
            return Err(DecisionRule::MeetingAfterToday {
                date: self.date,
                today: today.0,
            }
            .into());
        }
        if !case.year_matches(self.date) {
            return Err(DecisionRule::CaseYearDiffers {
                case: case.to_string(),
                date: self.date,
            }
            .into());
        }
        find_body(bodies, &self.body)?;
        Ok(())
    }

    /// Whether it is *kvittert ut*.
    pub fn is_closed(&self) -> bool {
        self.closed.is_some()
    }
}

impl Logged for Decision {
    const ENTITY: Entity = Entity::Decision;
    const FIELDS: &'static [&'static str] = &[
        "body",
        "date",
        "case",
        "title",
        "text",
        "kind",
        "assignments",
        "closed",
    ];

    fn id(&self) -> i64 {
        self.id
    }

    fn set_id(&mut self, id: i64) {
        self.id = id;
    }

    fn value(&self, field: &str) -> Option<String> {
        let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
        match field {
            "body" => text(&self.body),
            "date" => Some(iso(self.date)),
            "case" => text(&self.case),
            "title" => text(&self.title),
            "text" => text(&self.text),
            "kind" => Some(self.kind.as_str().to_string()),
            "assignments" => text(&join_ids(&self.assignments)),
            "closed" => self.closed.map(iso),
            _ => None,
        }
    }

    fn set(&mut self, field: &str, value: Option<&str>) -> Result<(), DomainError> {
        let invalid = || DomainError::InvalidValue {
            field: field.to_string(),
            value: value.unwrap_or_default().to_string(),
        };
        let value = value.map(str::trim).filter(|v| !v.is_empty());
        match field {
            "body" => self.body = value.unwrap_or_default().to_string(),
            "date" => self.date = parse_date(value.ok_or_else(invalid)?)?,
            "case" => self.case = value.unwrap_or_default().to_string(),
            "title" => self.title = value.ok_or(DomainError::EmptyTitle)?.to_string(),
            "text" => self.text = value.unwrap_or_default().to_string(),
            "kind" => self.kind = DecisionKind::parse(value.ok_or_else(invalid)?)?,
            "assignments" => {
                self.assignments = split_ids(value.unwrap_or_default()).ok_or_else(invalid)?
            }
            "closed" => self.closed = value.map(parse_date).transpose()?,
            COMMENT => {}
            _ => return Err(DomainError::UnknownField(field.to_string())),
        }
        Ok(())
    }
}

/// Ids as the log writes a list of them: "3,7,12".
pub fn join_ids(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

/// Reads [`join_ids`] back; `None` when a part is no id.
pub fn split_ids(text: &str) -> Option<Vec<i64>> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().ok())
        .collect()
}

/// A case number: the case's number in the year, and the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseNumber {
    pub number: u32,
    /// As written: two digits (`21`) or four (`2021`).
    pub year: u32,
}

impl CaseNumber {
    /// Whether the year fits a meeting on `date`.
    pub fn year_matches(&self, date: NaiveDate) -> bool {
        use chrono::Datelike;
        let year = date.year() as u32;
        if self.year < 100 {
            year % 100 == self.year
        } else {
            year == self.year
        }
    }
}

impl std::fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{:02}", self.number, self.year % 100)
    }
}

/// Parses a case number as minutes write it: `283/21`, also `283/2021`,
/// `sak 283/21` or `PS 283/21`; the number without leading zeros. The
/// stored form is [`CaseNumber`]'s `Display`: `283/21`.
pub fn parse_case(text: &str) -> Result<CaseNumber, DomainError> {
    let bad = || DomainError::from(DecisionRule::BadCase(text.trim().to_string()));
    let trimmed = text.trim();
    let rest = ["sak ", "ps "]
        .iter()
        .find_map(|p| {
            let head = trimmed.get(..p.len())?;
            head.eq_ignore_ascii_case(p)
                .then(|| trimmed[p.len()..].trim())
        })
        .unwrap_or(trimmed);
    let (number, year) = rest.split_once('/').ok_or_else(bad)?;
    let digits = |s: &str, max: usize| {
        (!s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let number = digits(number.trim(), 5)
        .filter(|n| *n > 0)
        .ok_or_else(bad)?;
    let year_text = year.trim();
    if year_text.len() != 2 && year_text.len() != 4 {
        return Err(bad());
    }
    let year = digits(year_text, 4).ok_or_else(bad)?;
    if year_text.len() == 4 && !(1900..=2999).contains(&year) {
        return Err(bad());
    }
    Ok(CaseNumber { number, year })
}

/// Where a decision stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionState {
    /// No oppdrag follows it up yet, or none of its oppdrag has started.
    NotStarted,
    /// Some of its oppdrag have started or are done, not all.
    UnderWay,
    /// Every oppdrag that was not cancelled is done.
    Done,
    /// *Kvittert ut*: closed, whatever its oppdrag say.
    Closed,
}

impl DecisionState {
    pub const ALL: [DecisionState; 4] = [
        DecisionState::NotStarted,
        DecisionState::UnderWay,
        DecisionState::Done,
        DecisionState::Closed,
    ];

    /// The stable name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionState::NotStarted => "not-started",
            DecisionState::UnderWay => "in-progress",
            DecisionState::Done => "done",
            DecisionState::Closed => "closed",
        }
    }
}

/// A decision's state and whether one of its oppdrag is overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub state: DecisionState,
    /// One of its oppdrag is overdue (never for a closed decision).
    pub overdue: bool,
}

/// The one rule for a decision's state: closed when *kvittert ut*; else by
/// its oppdrag, cancelled ones left out: none (or none started) is not
/// started, all done is done, anything between is under way. Overdue when
/// an open decision has an overdue oppdrag. `linked` are the decision's
/// oppdrag (those not found are passed over).
pub fn progress(decision: &Decision, linked: &[&Assignment], today: Today) -> Progress {
    if decision.is_closed() {
        return Progress {
            state: DecisionState::Closed,
            overdue: false,
        };
    }
    let live: Vec<&&Assignment> = linked
        .iter()
        .filter(|a| a.status != Status::Cancelled)
        .collect();
    let state = if live.iter().all(|a| a.status == Status::NotStarted) {
        DecisionState::NotStarted
    } else if live.iter().all(|a| a.status == Status::Done) {
        DecisionState::Done
    } else {
        DecisionState::UnderWay
    };
    Progress {
        state,
        overdue: linked.iter().any(|a| a.is_overdue(today)),
    }
}

/// The newest comment on a decision, or on one of its oppdrag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LatestComment {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub text: String,
    /// The oppdrag it was given on; `None` when given on the decision.
    pub assignment: Option<i64>,
}

/// A decision as it is followed up: with its state, computed by
/// [`progress`], and its newest comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vedtak {
    pub decision: Decision,
    pub progress: Progress,
    pub latest_comment: Option<LatestComment>,
}

/// Puts a decision together with what it is judged by.
pub fn follow_up(
    decision: Decision,
    linked: &[&Assignment],
    latest_comment: Option<LatestComment>,
    today: Today,
) -> Vedtak {
    let progress = progress(&decision, linked, today);
    Vedtak {
        decision,
        progress,
        latest_comment,
    }
}

/// A rule about decisions or bodies broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionRule {
    /// Not a case number like `283/21`.
    BadCase(String),
    /// The case number names another year than the meeting's.
    CaseYearDiffers {
        case: String,
        date: NaiveDate,
    },
    /// A meeting that has not been held yet.
    MeetingAfterToday {
        date: NaiveDate,
        today: NaiveDate,
    },
    UnknownKind(String),
    /// No body by that name or abbreviation; the known ones.
    UnknownBody {
        name: String,
        known: Vec<String>,
    },
    EmptyBodyName,
    /// Another body has that name or abbreviation.
    BodyExists(String),
    /// A body decisions name cannot be removed: which decisions.
    BodyInUse {
        name: String,
        decisions: Vec<i64>,
    },
    /// Text with control characters.
    NotPrintable(String),
    TooLong {
        field: &'static str,
        chars: usize,
    },
    UnknownDecision(i64),
    UnknownBodyId(i64),
    AlreadyClosed {
        decision: i64,
        on: NaiveDate,
    },
    NotClosed(i64),
    /// Closing (*kvittere ut*) says why, in a comment.
    CloseNeedsComment,
    AlreadyLinked {
        decision: i64,
        assignment: i64,
    },
    /// A task follows a decision up through its oppdrag, which is linked
    /// instead.
    TaskLinked {
        task: i64,
        parent: i64,
    },
    NotLinked {
        decision: i64,
        assignment: i64,
    },
    /// A change that changes nothing and says nothing.
    NothingToChange(i64),
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    fn decision() -> Decision {
        Decision {
            id: 1,
            body: "Formannskapet".into(),
            date: day("2021-12-15"),
            case: "283/21".into(),
            title: "Revidert handlingsplan for heltidskultur".into(),
            text: String::new(),
            kind: DecisionKind::Vedtak,
            assignments: vec![],
            closed: None,
        }
    }

    fn assignment(status: Status, due: Option<&str>) -> Assignment {
        let mut a = Assignment::placeholder();
        a.status = status;
        a.due = due.map(day);
        a
    }

    fn state_of(statuses: &[(Status, Option<&str>)]) -> Progress {
        let linked: Vec<Assignment> = statuses.iter().map(|(s, d)| assignment(*s, *d)).collect();
        let refs: Vec<&Assignment> = linked.iter().collect();
        progress(&decision(), &refs, Today(day("2023-09-20")))
    }

    use Status::*;

    #[test]
    fn state_follows_the_oppdrag() {
        assert_eq!(state_of(&[]).state, DecisionState::NotStarted);
        assert_eq!(
            state_of(&[(NotStarted, None), (NotStarted, None)]).state,
            DecisionState::NotStarted
        );
        assert_eq!(
            state_of(&[(NotStarted, None), (InProgress, None)]).state,
            DecisionState::UnderWay
        );
        assert_eq!(
            state_of(&[(NotStarted, None), (Done, None)]).state,
            DecisionState::UnderWay
        );
        assert_eq!(
            state_of(&[(Done, None), (Done, None)]).state,
            DecisionState::Done
        );
        // A cancelled oppdrag does not keep a decision from being done.
        assert_eq!(
            state_of(&[(Done, None), (Cancelled, None)]).state,
            DecisionState::Done
        );
        assert_eq!(
            state_of(&[(Cancelled, None)]).state,
            DecisionState::NotStarted
        );
    }

    #[test]
    fn overdue_when_one_oppdrag_is() {
        assert!(!state_of(&[(InProgress, Some("2023-12-31"))]).overdue);
        let p = state_of(&[
            (InProgress, Some("2023-12-31")),
            (NotStarted, Some("2023-06-30")),
        ]);
        assert!(p.overdue);
        assert_eq!(p.state, DecisionState::UnderWay);
        // Done oppdrag past their deadline are not overdue.
        assert!(!state_of(&[(Done, Some("2023-06-30"))]).overdue);
    }

    #[test]
    fn a_closed_decision_is_closed_whatever_its_oppdrag() {
        let mut d = decision();
        d.closed = Some(day("2023-09-01"));
        let late = assignment(InProgress, Some("2023-01-01"));
        let p = progress(&d, &[&late], Today(day("2023-09-20")));
        assert_eq!(p.state, DecisionState::Closed);
        assert!(!p.overdue);
    }

    #[test]
    fn case_numbers_as_minutes_write_them() {
        for (text, stored) in [
            ("283/21", "283/21"),
            (" 283/2021 ", "283/21"),
            ("sak 283/21", "283/21"),
            ("PS 104/20", "104/20"),
            ("007/22", "7/22"),
            ("1/05", "1/05"),
        ] {
            assert_eq!(parse_case(text).unwrap().to_string(), stored, "{text}");
        }
        for text in [
            "",
            "283",
            "283/",
            "/21",
            "283/1",
            "283/123",
            "0/21",
            "abc/21",
            "283-21",
            "283/21/1",
            "28 3/21",
            "283/1800",
            "+5/21",
            "123456/21",
        ] {
            assert!(parse_case(text).is_err(), "{text}");
        }
    }

    #[test]
    fn validate_refuses_what_minutes_would_not_say() {
        let bodies = [Body {
            id: 1,
            name: "Formannskapet".into(),
            short: "FSK".into(),
        }];
        let today = Today(day("2023-09-20"));
        assert!(decision().validate(&bodies, today).is_ok());
        let mut d = decision();
        d.case = "283/22".into();
        assert!(matches!(
            d.validate(&bodies, today),
            Err(DomainError::Decision(DecisionRule::CaseYearDiffers { .. }))
        ));
        let mut d = decision();
        d.date = day("2023-09-21");
        d.case = "1/23".into();
        assert!(matches!(
            d.validate(&bodies, today),
            Err(DomainError::Decision(
                DecisionRule::MeetingAfterToday { .. }
            ))
        ));
        let mut d = decision();
        d.body = "Bystyret".into();
        assert!(matches!(
            d.validate(&bodies, today),
            Err(DomainError::Decision(DecisionRule::UnknownBody { .. }))
        ));
        let mut d = decision();
        d.body = "fsk".into();
        assert!(d.validate(&bodies, today).is_ok());
    }

    #[test]
    fn a_decision_replays_field_by_field() {
        let mut d = decision();
        d.set("assignments", Some("3, 7,12")).unwrap();
        assert_eq!(d.assignments, [3, 7, 12]);
        assert_eq!(d.value("assignments").as_deref(), Some("3,7,12"));
        d.set("closed", Some("2023-09-01")).unwrap();
        assert_eq!(d.value("closed").as_deref(), Some("2023-09-01"));
        d.set("closed", None).unwrap();
        assert_eq!(d.closed, None);
        d.set(COMMENT, None).unwrap();
        assert!(d.set("assignments", Some("3,x")).is_err());
        assert!(d.set("nonsense", Some("x")).is_err());
    }

    proptest! {
        #[test]
        fn a_parsed_case_number_reads_back_as_itself(number in 1u32..100_000, year in 0u32..100) {
            let text = format!("{number}/{year:02}");
            let case = parse_case(&text).unwrap();
            prop_assert_eq!(case.to_string(), text.clone());
            prop_assert_eq!(parse_case(&case.to_string()).unwrap(), case);
        }

        #[test]
        fn parsing_any_text_never_panics_and_gives_the_stored_form(text in "\\PC{0,12}") {
            if let Ok(case) = parse_case(&text) {
                let stored = case.to_string();
                let (n, y) = stored.split_once('/').unwrap();
                prop_assert!(n.parse::<u32>().unwrap() > 0);
                prop_assert_eq!(y.len(), 2);
                prop_assert_eq!(parse_case(&stored).unwrap().to_string(), stored);
            }
        }
    }
}

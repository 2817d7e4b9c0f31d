//! The årshjul outside the terminal, in words: the SVG picture's titles,
//! tooltips and legend, and the iCalendar file's summaries, descriptions
//! and categories.

use chrono::NaiveDate;

use super::Lang;
use crate::domain::wheel::Deadline;
use crate::domain::{WheelEntry, WheelKind};
use crate::words::Label;

/// The fixed words of the picture and the calendar.
pub struct Calendar {
    /// The legend: administrative entries.
    pub legend_administrative: &'static str,
    /// The legend: political entries.
    pub legend_political: &'static str,
    /// The legend: a deadline.
    pub legend_deadline: &'static str,
    /// The legend: an overdue deadline.
    pub legend_overdue: &'static str,
    /// The category of a deadline in a calendar.
    pub deadline_category: &'static str,
    /// The category every årshjul entry has in a calendar.
    pub wheel_category: &'static str,
}

/// In bokmål.
pub const NB: Calendar = Calendar {
    legend_administrative: "administrativ (indre ring)",
    legend_political: "politisk (ytre ring, stiplet)",
    legend_deadline: "frist for oppdrag",
    legend_overdue: "forfalt frist",
    deadline_category: "Frist",
    wheel_category: "Årshjul",
};

/// In English.
pub const EN: Calendar = Calendar {
    legend_administrative: "administrative (inner ring)",
    legend_political: "political (outer ring, dashed)",
    legend_deadline: "assignment deadline",
    legend_overdue: "overdue deadline",
    deadline_category: "Deadline",
    wheel_category: "Annual wheel",
};

/// The table of a language.
pub fn words(lang: Lang) -> &'static Calendar {
    match lang {
        Lang::Nb => &NB,
        Lang::En => &EN,
    }
}

/// The picture's title: "Årshjul 2023".
pub fn wheel_title(year: i32, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!("Årshjul {year}"),
        Lang::En => format!("Annual wheel {year}"),
    }
}

/// A calendar file's name: "Årshjul Lørenskog 2023".
pub fn calendar_name(municipality: &str, year: i32, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!("Årshjul {municipality} {year}"),
        Lang::En => format!("Annual wheel {municipality} {year}"),
    }
}

/// A month sector's tooltip: "mars 2023".
pub fn month_title(month: u32, year: i32, lang: Lang) -> String {
    format!("{} {year}", super::terms::month(lang, month))
}

/// A month's label on the wheel, three letters.
pub fn month_label(month: u32, lang: Lang) -> &'static str {
    super::terms::months_short(lang)[(month as usize).clamp(1, 12) - 1]
}

/// The dates of an entry: one day or a span.
fn dates(entry: &WheelEntry, lang: Lang) -> String {
    if entry.end > entry.start {
        format!("{}–{}", lang.date(entry.start), lang.date(entry.end))
    } else {
        lang.date(entry.start)
    }
}

/// An entry's tooltip: "15.05.2023–26.05.2023: Styringsdialog (Administrativ, OUS)".
pub fn entry_tip(entry: &WheelEntry, lang: Lang) -> String {
    let sector = entry
        .sector
        .as_deref()
        .map(|s| format!(", {s}"))
        .unwrap_or_default();
    format!(
        "{}: {} ({}{sector})",
        dates(entry, lang),
        entry.title,
        entry.kind.label(lang)
    )
}

/// A deadline's tooltip: "Frist 01.06.2023: Title (OUS) – forfalt".
pub fn deadline_tip(deadline: &Deadline, lang: Lang) -> String {
    let date = lang.date(deadline.date);
    let (title, sector) = (&deadline.title, &deadline.sector);
    match (lang, deadline.overdue) {
        (Lang::Nb, false) => format!("Frist {date}: {title} ({sector})"),
        (Lang::Nb, true) => format!("Frist {date}: {title} ({sector}) – forfalt"),
        (Lang::En, false) => format!("Deadline {date}: {title} ({sector})"),
        (Lang::En, true) => format!("Deadline {date}: {title} ({sector}) – overdue"),
    }
}

/// The hand's tooltip: "I dag 20.09.2023".
pub fn today(day: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!("I dag {}", lang.date(day)),
        Lang::En => format!("Today {}", lang.date(day)),
    }
}

/// The categories of an entry in a calendar: "Årshjul,Administrativ".
pub fn entry_categories(kind: WheelKind, lang: Lang) -> String {
    let label = kind.label(lang);
    let mut chars = label.chars();
    let label: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    format!("{},{label}", words(lang).wheel_category)
}

/// An entry's description in a calendar: "Årshjul: Administrativ, OUS" and its note.
pub fn entry_description(entry: &WheelEntry, lang: Lang) -> String {
    let mut description = format!("{}: {}", words(lang).wheel_category, entry.kind.label(lang));
    if let Some(sector) = &entry.sector {
        description.push_str(&format!(", {sector}"));
    }
    if !entry.note.is_empty() {
        description.push_str(&format!("\n{}", entry.note));
    }
    description
}

/// A deadline's summary in a calendar: "Frist: Title (OUS)".
pub fn deadline_summary(deadline: &Deadline, lang: Lang) -> String {
    format!(
        "{}: {} ({})",
        words(lang).deadline_category,
        deadline.title,
        deadline.sector
    )
}

/// A deadline's description in a calendar: "Oppdrag #12 har frist 01.06.2023 (forfalt)".
pub fn deadline_description(deadline: &Deadline, lang: Lang) -> String {
    let (id, date) = (deadline.id, lang.date(deadline.date));
    match (lang, deadline.overdue) {
        (Lang::Nb, false) => format!("Oppdrag #{id} har frist {date}"),
        (Lang::Nb, true) => format!("Oppdrag #{id} har frist {date} (forfalt)"),
        (Lang::En, false) => format!("Assignment #{id} is due {date}"),
        (Lang::En, true) => format!("Assignment #{id} is due {date} (overdue)"),
    }
}

//! The årshjul: the year's governance calendar.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Lang;

/// Administrative activity (green) or political treatment (magenta).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WheelKind {
    Administrative,
    Political,
}

impl WheelKind {
    /// The stable name in the database and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            WheelKind::Administrative => "administrative",
            WheelKind::Political => "political",
        }
    }

    /// The word for the kind.
    pub fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Nb, WheelKind::Administrative) => "administrativ",
            (Lang::Nb, WheelKind::Political) => "politisk",
            (Lang::En, WheelKind::Administrative) => "administrative",
            (Lang::En, WheelKind::Political) => "political",
        }
    }

    /// Parses a stable name or the Norwegian word.
    pub fn parse(text: &str) -> Option<WheelKind> {
        match text.trim().to_lowercase().as_str() {
            "administrative" | "administrativ" | "administrativt" | "adm" => {
                Some(WheelKind::Administrative)
            }
            "political" | "politisk" | "pol" => Some(WheelKind::Political),
            _ => None,
        }
    }
}

/// One entry of the årshjul: a day or a range of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WheelEntry {
    pub id: i64,
    pub year: i32,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub title: String,
    pub kind: WheelKind,
    pub sector: Option<String>,
    /// Marks such as "styringsdialog" that tools look for, whatever the title says.
    pub tags: Vec<String>,
    pub note: String,
}

impl WheelEntry {
    /// Whether the entry carries a tag.
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }
}

//! The two languages styr speaks, and how a date is written in each.
//!
//! The words of the domain (statuses, vurderinger, fields, goal levels,
//! årshjul kinds) have their labels beside their types, one `match` per
//! language; the TUI's texts are in `tui::strings`, the CLI's in
//! `cli::strings`. Stable names in JSON, CSV and the database never change
//! with the language.

use chrono::{Datelike, NaiveDate};

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Norwegian bokmål, the default.
    #[default]
    Nb,
    /// English.
    En,
}

impl Lang {
    /// Both, in the order they are offered.
    pub const ALL: [Lang; 2] = [Lang::Nb, Lang::En];

    /// The code used by `--lang` and the configuration file.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::En => "en",
        }
    }

    /// Parses `nb` or `en` (and `no`/`nn`/`norsk`/`english`, which mean the same here).
    pub fn parse(text: &str) -> Option<Lang> {
        match text.trim().to_lowercase().as_str() {
            "nb" | "no" | "nn" | "nob" | "norsk" | "bokmål" => Some(Lang::Nb),
            "en" | "eng" | "english" | "engelsk" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a POSIX locale value asks for: English only for a
    /// locale whose language is English (`en_GB.UTF-8`); everything else,
    /// including `C`, `POSIX`, an empty value and other languages, gives
    /// bokmål, since styr's users are Norwegian and its terms are too.
    pub fn from_locale(locale: &str) -> Lang {
        let language = locale
            .split(['_', '.', '@', '-'])
            .next()
            .unwrap_or_default()
            .to_lowercase();
        if language == "en" {
            Lang::En
        } else {
            Lang::Nb
        }
    }

    /// The first non-empty of `LC_ALL`, `LC_MESSAGES` and `LANG`, as POSIX
    /// ranks them, read through `var`; bokmål when none is set.
    pub fn from_environment(var: impl Fn(&str) -> Option<String>) -> (Lang, Option<String>) {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|key| {
                var(key)
                    .filter(|v| !v.trim().is_empty())
                    .map(|v| (Lang::from_locale(&v), Some(format!("{key}={v}"))))
            })
            .unwrap_or((Lang::Nb, None))
    }

    /// A date as readers of this language expect it: `20.09.2023` in
    /// bokmål, ISO `2023-09-20` in English (unambiguous on both sides of the
    /// Atlantic).
    pub fn date(self, date: NaiveDate) -> String {
        // Written out by hand for four-digit years (chrono parses its format
        // string on every call, and tables write a date per row); chrono
        // still writes the others, with their sign.
        let (m, d) = (date.month(), date.day());
        let y = match u32::try_from(date.year()) {
            Ok(y) if y <= 9999 => y,
            _ => {
                return match self {
                    Lang::Nb => date.format("%d.%m.%Y").to_string(),
                    Lang::En => date.format("%Y-%m-%d").to_string(),
                }
            }
        };
        let (mut text, parts) = match self {
            Lang::Nb => (*b"00.00.0000", [(0, 2, d), (3, 2, m), (6, 4, y)]),
            Lang::En => (*b"0000-00-00", [(0, 4, y), (5, 2, m), (8, 2, d)]),
        };
        for (at, digits, mut n) in parts {
            for i in (at..at + digits).rev() {
                text[i] = b'0' + (n % 10) as u8;
                n /= 10;
            }
        }
        String::from_utf8_lossy(&text).into_owned()
    }

    /// A date without the year, for tight columns: `20.09` or `09-20`.
    pub fn day_month(self, date: NaiveDate) -> String {
        match self {
            Lang::Nb => date.format("%d.%m").to_string(),
            Lang::En => date.format("%m-%d").to_string(),
        }
    }

    /// The `strftime` pattern of a date with time to the minute.
    pub fn date_time_format(self) -> &'static str {
        match self {
            Lang::Nb => "%d.%m.%Y %H:%M",
            Lang::En => "%Y-%m-%d %H:%M",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        for (y, m, d) in [
            (2023, 9, 20),
            (987, 3, 4),
            (0, 1, 1),
            (9999, 12, 31),
            (10000, 1, 1),
            (-5, 6, 7),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(Lang::Nb.date(date), date.format("%d.%m.%Y").to_string());
            assert_eq!(Lang::En.date(date), date.format("%Y-%m-%d").to_string());
        }
        assert_eq!(
            Lang::Nb.date(NaiveDate::from_ymd_opt(2023, 9, 5).unwrap()),
            "05.09.2023"
        );
    }

    #[test]
    fn locale_picks_english_only_when_it_is_english() {
        for (locale, want) in [
            ("nb_NO.UTF-8", Lang::Nb),
            ("nn_NO", Lang::Nb),
            ("no_NO", Lang::Nb),
            ("C", Lang::Nb),
            ("C.UTF-8", Lang::Nb),
            ("POSIX", Lang::Nb),
            ("", Lang::Nb),
            ("de_DE.UTF-8", Lang::Nb),
            ("en_US.UTF-8", Lang::En),
            ("en_GB", Lang::En),
            ("en", Lang::En),
        ] {
            assert_eq!(Lang::from_locale(locale), want, "{locale}");
        }
    }

    #[test]
    fn lc_all_wins_over_lang_and_empty_values_are_skipped() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |key: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            Lang::from_environment(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "nb_NO.UTF-8")])).0,
            Lang::En
        );
        assert_eq!(
            Lang::from_environment(env(&[("LC_ALL", ""), ("LANG", "nb_NO.UTF-8")])),
            (Lang::Nb, Some("LANG=nb_NO.UTF-8".into()))
        );
        assert_eq!(Lang::from_environment(env(&[])), (Lang::Nb, None));
    }

    #[test]
    fn dates_in_each_language() {
        let date = NaiveDate::from_ymd_opt(2023, 4, 3).unwrap();
        assert_eq!(Lang::Nb.date(date), "03.04.2023");
        assert_eq!(Lang::En.date(date), "2023-04-03");
        assert_eq!(Lang::parse(" EN "), Some(Lang::En));
        assert_eq!(Lang::parse("nn"), Some(Lang::Nb));
        assert_eq!(Lang::parse("sv"), None);
    }
}

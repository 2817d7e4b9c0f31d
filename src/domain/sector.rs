//! Sectors are data, not an enum: every municipality has its own.

use serde::{Deserialize, Serialize};

use super::text::printable;
use super::DomainError;

/// A sector (or staff department) that assignments are delegated to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sector {
    pub code: String,
    pub name: String,
    /// Order in the header and in the `1`…`9` keys.
    pub position: i64,
}

/// Normalises a sector code typed by a user ("ous" -> "OUS").
pub fn normalize_code(code: &str) -> String {
    code.trim().to_uppercase()
}

/// Finds a sector by code, case-insensitively.
pub fn find<'a>(sectors: &'a [Sector], code: &str) -> Option<&'a Sector> {
    let code = normalize_code(code);
    sectors.iter().find(|s| s.code == code)
}

/// A rule about sectors that a value breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectorRule {
    /// A code the database does not know; the codes it knows, in order.
    Unknown { code: String, known: Vec<String> },
    /// A new database without sectors.
    NoneGiven,
    /// A new sector's code that is not one printable word; as typed.
    InvalidCode(String),
    /// A new sector's name with control characters; the sector's code.
    NameNotPrintable(String),
}

/// The normalised code, if the database knows it (`known`, in order).
pub fn check_known(code: &str, known: &[String]) -> Result<String, DomainError> {
    let code = normalize_code(code);
    if known.contains(&code) {
        Ok(code)
    } else {
        Err(SectorRule::Unknown {
            code,
            known: known.to_vec(),
        }
        .into())
    }
}

/// The sectors of a new database, checked: at least one, each code one
/// printable word, each name printable. Codes normalised, names trimmed.
pub fn check_new(sectors: &[Sector]) -> Result<Vec<(String, String)>, DomainError> {
    if sectors.is_empty() {
        return Err(SectorRule::NoneGiven.into());
    }
    let mut checked = Vec::with_capacity(sectors.len());
    for sector in sectors {
        let code = normalize_code(&sector.code);
        if code.is_empty() || code.contains([',', ' ', ';']) || !printable(&code) {
            return Err(SectorRule::InvalidCode(sector.code.clone()).into());
        }
        if !printable(&sector.name) {
            return Err(SectorRule::NameNotPrintable(code).into());
        }
        checked.push((code, sector.name.trim().to_string()));
    }
    Ok(checked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_sector_case_insensitively() {
        let sectors = vec![Sector {
            code: "OUS".into(),
            name: "Oppvekst og utdanning".into(),
            position: 0,
        }];
        assert_eq!(find(&sectors, " ous ").unwrap().code, "OUS");
        assert!(find(&sectors, "XYZ").is_none());
    }

    #[test]
    fn an_unknown_sector_is_refused_naming_the_known_ones() {
        let known = vec!["OUS".to_string(), "HO".to_string()];
        assert_eq!(check_known(" ous ", &known), Ok("OUS".into()));
        assert_eq!(
            check_known("xyz", &known),
            Err(DomainError::Sector(SectorRule::Unknown {
                code: "XYZ".into(),
                known
            }))
        );
    }

    #[test]
    fn new_sectors_need_one_printable_word_each() {
        let sector = |code: &str, name: &str| Sector {
            code: code.into(),
            name: name.into(),
            position: 0,
        };
        assert_eq!(check_new(&[]), Err(SectorRule::NoneGiven.into()));
        assert_eq!(
            check_new(&[sector("a b", "x")]),
            Err(SectorRule::InvalidCode("a b".into()).into())
        );
        assert_eq!(
            check_new(&[sector("ous", "x\u{1b}")]),
            Err(SectorRule::NameNotPrintable("OUS".into()).into())
        );
        assert_eq!(
            check_new(&[sector(" ous", " Oppvekst ")]),
            Ok(vec![("OUS".into(), "Oppvekst".into())])
        );
    }
}

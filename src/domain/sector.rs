//! Sectors are data, not an enum: every municipality has its own.

use serde::{Deserialize, Serialize};

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
}

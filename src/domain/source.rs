//! Where an assignment comes from (*kilde*): one of the usual sources, or
//! any text.

/// The usual sources, as stored; any other text is kept as typed.
pub const KNOWN_SOURCES: [&str; 4] = [
    "styringsbrev",
    "politisk vedtak",
    "verbalvedtak",
    "virksomhetsplan",
];

/// The source as stored: a usual source typed in any case, or by the start
/// of its name (at least three letters, naming one only), is spelt as the
/// list spells it; other text is kept, trimmed.
pub fn canonical_source(text: &str) -> String {
    let text = text.trim();
    let key = text.to_lowercase();
    if let Some(known) = KNOWN_SOURCES.iter().find(|s| **s == key) {
        return known.to_string();
    }
    let starts: Vec<&&str> = KNOWN_SOURCES
        .iter()
        .filter(|s| key.chars().count() >= 3 && s.starts_with(&key))
        .collect();
    match starts.as_slice() {
        [one] => one.to_string(),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_sources_are_spelt_one_way_and_other_text_is_kept() {
        assert_eq!(canonical_source(" Styringsbrev "), "styringsbrev");
        assert_eq!(canonical_source("pol"), "politisk vedtak");
        assert_eq!(canonical_source("VERB"), "verbalvedtak");
        assert_eq!(canonical_source("virk"), "virksomhetsplan");
        assert_eq!(canonical_source("Sak 283/21"), "Sak 283/21");
        assert_eq!(canonical_source("st"), "st");
        assert_eq!(canonical_source(""), "");
    }
}

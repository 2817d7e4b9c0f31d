//! The JSON that `styr export --format json` writes, checked before it is
//! restored: its own kind and version, its event log replaying to its
//! assignments, and its catalog log to its goals and årshjul entries.

use super::Problem;
use crate::domain::replay;
use crate::store::{check_catalog, latest_schema, Dump, DUMP_FORMAT};

/// Reads and checks an export.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Dump, Vec<Problem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let dump: Dump = serde_json::from_slice(bytes).map_err(|e| {
        let what = match e.classify() {
            serde_json::error::Category::Eof => {
                "the file ends too early (is it cut short?)".to_string()
            }
            serde_json::error::Category::Syntax => format!("not valid JSON: {e}"),
            _ => format!("not a styr export: {e}"),
        };
        vec![Problem::new(
            format!("{name}:{}:{}", e.line(), e.column()),
            what,
        )]
    })?;
    let mut problems = Vec::new();
    if dump.format != DUMP_FORMAT {
        problems.push(Problem::new(
            name,
            format!("\"format\" is '{}', not '{DUMP_FORMAT}'", dump.format),
        ));
    }
    if dump.schema > latest_schema() {
        problems.push(Problem::new(
            name,
            format!(
                "it was exported by a newer styr (schema {}, this one knows {}); use a newer styr",
                dump.schema,
                latest_schema()
            ),
        ));
    }
    match replay(&dump.events) {
        Err(e) => problems.push(Problem::new(
            name,
            format!("its event log does not replay: {e}"),
        )),
        Ok(state) => {
            for assignment in &dump.assignments {
                match state.get(&assignment.id) {
                    None => problems.push(Problem::new(
                        name,
                        format!("assignment {} has no events", assignment.id),
                    )),
                    Some(replayed) if replayed != assignment => problems.push(Problem::new(
                        name,
                        format!(
                            "assignment {} differs from what its events say (edited by hand?)",
                            assignment.id
                        ),
                    )),
                    Some(_) => {}
                }
            }
            for id in state.keys() {
                if !dump.assignments.iter().any(|a| a.id == *id) {
                    problems.push(Problem::new(
                        name,
                        format!("events of assignment {id}, which the export does not hold"),
                    ));
                }
            }
        }
    }
    let mut catalog = Vec::new();
    check_catalog(&dump.goals, &dump.catalog_events, &mut catalog);
    check_catalog(&dump.wheel_entries, &dump.catalog_events, &mut catalog);
    problems.extend(
        catalog
            .into_iter()
            .map(|p| Problem::new(name, p.to_string())),
    );
    if problems.is_empty() {
        Ok(dump)
    } else {
        Err(problems)
    }
}

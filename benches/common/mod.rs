//! Generated databases shared by the benches, built once and kept under
//! target/bench-data (the 100k one takes minutes to write).

use std::path::PathBuf;

use styr::generate::{generate, Spec};
use styr::store::Store;

/// The path of a generated database with `assignments` assignments and 10
/// events each (seed 1, plan year 2023), generating it if it is not there.
/// The name carries the schema version, so that a new schema gets a file
/// of its own rather than an upgrade of an older one.
pub fn database(assignments: u64) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench data directory");
    let schema = styr::store::latest_schema();
    let path = dir.join(format!(
        "generated-{assignments}x10-seed1-schema{schema}.db"
    ));
    if !path.exists() {
        eprintln!("generating {} (once)…", path.display());
        let temp = path.with_extension("new");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", temp.display()));
        }
        let mut store = Store::create(&temp).expect("create");
        generate(
            &mut store,
            &Spec {
                assignments,
                events_per_assignment: 10,
                seed: 1,
                year: 2023,
            },
        )
        .expect("generate");
        store.close_as_single_file().expect("close");
        std::fs::rename(&temp, &path).expect("rename");
    }
    path
}

/// A private copy of a generated database, for benches that write.
pub fn copy(assignments: u64, dir: &std::path::Path) -> PathBuf {
    let to = dir.join("copy.db");
    std::fs::copy(database(assignments), &to).expect("copy");
    to
}

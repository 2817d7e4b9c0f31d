//! Times one durable change on a server database in-process: `ROUNDS`
//! edits of one assignment's owner through `Store::change` (the write
//! lock, the state row, the event and its chain link, the commit), each
//! timed from the call to its return. Prints the median, p99 and max in
//! milliseconds. With `WRITERS`, that many threads at once, each with its
//! own connection and its own assignment (ids `ID`, `ID + 1`, …), each
//! making `ROUNDS` changes: every writer waits for the others' write lock.
//! Figures go in BENCHMARKS.md (scripts/bench-server-writes.sh).
//!
//! `cargo run --release --example server_change -- CONNINFO ID [ROUNDS [WRITERS]]`

use std::time::Instant;

use styr::domain::Field;
use styr::store::server::{Environment, Target};
use styr::store::{Stamp, Store};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(conninfo), Some(id)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: server_change CONNINFO ID [ROUNDS]");
        std::process::exit(2);
    };
    let id: i64 = id.parse().expect("an assignment id");
    let rounds: usize = args.get(3).map_or(200, |r| r.parse().expect("a count"));
    let writers: usize = args.get(4).map_or(1, |w| w.parse().expect("a count"));
    let var = |name: &str| std::env::var(name).ok();
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    let target = Target::parse(
        conninfo,
        &Environment {
            var: &var,
            home,
            os_user: None,
        },
    )
    .expect("a server to connect to");
    let start = Instant::now();
    let mut times: Vec<f64> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..writers)
            .map(|w| {
                let target = &target;
                scope.spawn(move || changes(target, id + w as i64, rounds))
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a writer"))
            .collect()
    });
    let wall = start.elapsed().as_secs_f64();
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    println!(
        "{writers} writer(s) x {rounds} changes: {:.0} changes/s, median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times.len() as f64 / wall,
        at(0.5),
        at(0.99),
        times[times.len() - 1]
    );
}

/// `rounds` changes of assignment `id` on a connection of its own; the
/// milliseconds each took.
fn changes(target: &Target, id: i64, rounds: usize) -> Vec<f64> {
    let mut store = Store::open_server(target).expect("the server database");
    let stamp = Stamp::now("bench");
    let mut times = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let edits = [(Field::Owner, Some(format!("Eier {round}")))];
        let start = Instant::now();
        store
            .change(id, None, &edits, None, &stamp)
            .expect("the change is saved");
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times
}

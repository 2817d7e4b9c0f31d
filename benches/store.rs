//! The store and CLI at 10k and 100k assignments (10 events each): one
//! durable status change, `list --overdue` and `list --sector`, and
//! `doctor` (these used to be quadratic; the benches watch them at scale).

mod common;

use clap::Parser;
use divan::Bencher;
use styr::cli::Cli;
use styr::domain::{Field, Status};
use styr::store::{Stamp, Store};

const SIZES: [u64; 2] = [10_000, 100_000];

fn main() {
    divan::main();
}

/// One status change committed durably (WAL, synchronous=FULL), with its
/// event: what `styr set ID --status` does after opening the file.
#[divan::bench(args = SIZES, sample_count = 30)]
fn status_change_durable(bencher: Bencher, n: u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = common::copy(n, dir.path());
    let mut store = Store::open(&path).expect("open");
    let id = 1;
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        let status = if flip {
            Status::InProgress
        } else {
            Status::NotStarted
        };
        store
            .change(
                id,
                None,
                &[(Field::Status, Some(status.as_str().into()))],
                None,
                &Stamp::now("bench"),
            )
            .expect("change")
    });
}

fn cli(bencher: Bencher, n: u64, args: &[&str]) {
    let path = common::database(n);
    let db = path.to_str().expect("utf-8 path").to_string();
    bencher.bench_local(|| {
        let mut argv = vec!["styr", "--db", &db, "--today", "2023-09-20"];
        argv.extend_from_slice(args);
        let mut out = Vec::with_capacity(1 << 20);
        styr::cli::run(Cli::parse_from(argv), &mut out).expect("run");
        out
    });
}

/// `styr list --overdue --format json`, whole command after parsing.
#[divan::bench(args = SIZES, sample_count = 20)]
fn list_overdue_json(bencher: Bencher, n: u64) {
    cli(bencher, n, &["list", "--overdue", "--format", "json"]);
}

/// `styr list --sector OUS` as a table.
#[divan::bench(args = SIZES, sample_count = 20)]
fn list_sector_table(bencher: Bencher, n: u64) {
    cli(bencher, n, &["list", "--sector", "OUS"]);
}

/// `styr list --tasks` over everything, as a table.
#[divan::bench(args = SIZES, sample_count = 10)]
fn list_everything_with_tasks(bencher: Bencher, n: u64) {
    cli(bencher, n, &["list", "--tasks"]);
}

/// `styr doctor`: integrity checks and the whole log replayed.
#[divan::bench(args = SIZES, sample_count = 5)]
fn doctor(bencher: Bencher, n: u64) {
    cli(bencher, n, &["doctor"]);
}

/// `styr list --sector OUS --as-of 2023-05-15`: the file replayed as of
/// May's styringsdialog, then listed.
#[divan::bench(args = SIZES, sample_count = 10)]
fn list_sector_as_of(bencher: Bencher, n: u64) {
    cli(
        bencher,
        n,
        &["list", "--sector", "OUS", "--as-of", "2023-05-15"],
    );
}

/// `styr list --overdue --format json --as-of 2023-05-15`.
#[divan::bench(args = SIZES, sample_count = 10)]
fn list_overdue_json_as_of(bencher: Bencher, n: u64) {
    cli(
        bencher,
        n,
        &[
            "list",
            "--overdue",
            "--format",
            "json",
            "--as-of",
            "2023-05-15",
        ],
    );
}

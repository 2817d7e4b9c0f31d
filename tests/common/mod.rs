//! Helpers shared by the test binaries in `tests/`: the fixed date, the demo
//! as a store, a seeded generator, and (in submodules) the real binary on the
//! command line and the TUI on a `TestBackend`.

// Each test binary compiles this module and uses only a part of it.
#![allow(dead_code)]

pub mod cli;
pub mod pg;
pub mod tui;

use std::path::Path;

use chrono::NaiveDate;
use styr::domain::Today;
use styr::store::Store;

/// The day every test runs on: 2023-09-20, in the demo's plan year.
pub fn today() -> Today {
    Today(NaiveDate::from_ymd_opt(2023, 9, 20).unwrap())
}

/// A new database file `name` in `dir` with the demo loaded through the store.
pub fn demo_store(dir: &Path, name: &str) -> Store {
    let mut store = Store::create(&dir.join(name)).unwrap();
    styr::assets::load_demo(&mut store).unwrap();
    store
}

/// Whether `STYR_SOAK` asks for the long runs (set, not empty, not `0`).
pub fn soak() -> bool {
    std::env::var("STYR_SOAK").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// xorshift64: small, deterministic, so a failing run can be repeated by seed.
pub struct Rng(pub u64);

impl Rng {
    /// A generator from `seed`, spread so that small seeds differ at once.
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next number.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True `p` times in a hundred.
    pub fn percent(&mut self, p: u64) -> bool {
        self.next() % 100 < p
    }
}

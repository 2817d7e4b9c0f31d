//! `styr init` and `styr demo`: new databases.

use std::io::Write;
use std::path::Path;

use anyhow::{anyhow, bail, Context as _, Result};
use clap::Args;

use super::strings::Texts;
use super::Context;
use crate::domain::text::sanitize_line;
use crate::store::{Store, StoreError};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The municipality's name
    #[arg(long)]
    kommune: String,
    /// The plan year
    #[arg(long)]
    year: i32,
}

#[derive(Debug, Default, Args)]
pub struct DemoArgs {
    /// Replace an existing database file
    #[arg(long)]
    force: bool,
}

pub fn init(context: &Context, args: InitArgs, out: &mut dyn Write) -> Result<()> {
    if args.kommune.trim().is_empty() {
        bail!(context.texts().kommune_empty());
    }
    if !(1000..=9999).contains(&args.year) {
        bail!(context.texts().invalid_year(args.year));
    }
    create(&context.db, context.texts(), |store| {
        crate::assets::initialize(store, &args.kommune, args.year, None)
    })
    .map_err(|e| match e.downcast_ref::<StoreError>() {
        // The store's message suggests --force, which only `demo` has.
        Some(StoreError::Exists(path)) => {
            anyhow!(context
                .texts()
                .init_never_replaces(&path.display().to_string()))
        }
        _ => e,
    })?;
    let done = context.texts().initialized(
        &context.db.display().to_string(),
        &sanitize_line(args.kommune.trim()),
        args.year,
    );
    writeln!(out, "{done}")?;
    Ok(())
}

pub fn demo(context: &Context, args: DemoArgs, out: &mut dyn Write) -> Result<()> {
    let path = &context.db;
    if path.exists() {
        if !args.force {
            return Err(StoreError::Exists(path.clone()).into());
        }
        // Only a styr database is replaced: anything else at the path is
        // someone's file, and stays as it is.
        if let Err(e) = Store::open(path) {
            bail!(context.texts().force_only_styr(&e.message(context.lang)));
        }
    }
    replace_with(path, args.force, context.texts(), crate::assets::load_demo)?;
    let store = Store::open(path)?;
    let m = store.municipality()?;
    let top = store.assignments()?.iter().filter(|a| !a.is_task()).count();
    let done = context.texts().demo_created(
        &path.display().to_string(),
        &sanitize_line(&m.name),
        m.year,
        top,
    );
    writeln!(out, "{done}")?;
    Ok(())
}

/// Builds a database in a temporary file beside `path`, closes it and
/// renames it into place, so that `path` never holds a half-built database
/// and (with `replace`) never holds none. Without `replace`, refuses a path
/// that exists by then. A failure leaves `path` as it was.
pub(super) fn replace_with(
    path: &Path,
    replace: bool,
    t: &Texts,
    fill: impl FnOnce(&mut Store) -> Result<()>,
) -> Result<()> {
    let shown = path.display().to_string();
    if path.is_dir() {
        bail!(t.is_directory(&shown));
    }
    let file_name = path
        .file_name()
        .ok_or_else(|| anyhow!(t.not_a_file_name(&shown)))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(file_name);
    temp_name.push(format!(".new-{}", std::process::id()));
    let temp = path.with_file_name(temp_name);
    // A leftover from a build that was killed half-way.
    remove_database(&temp, t)?;
    let built = Store::create(&temp)
        .map_err(anyhow::Error::from)
        .and_then(|mut store| {
            fill(&mut store)?;
            // One self-contained file: no WAL to carry along or lose.
            store.close_as_single_file()?;
            Ok(())
        })
        .and_then(|()| {
            if !replace && path.exists() {
                return Err(StoreError::Exists(path.to_path_buf()).into());
            }
            // A WAL left beside the new file would be read as its own.
            remove_companions(path, t)?;
            std::fs::rename(&temp, path)
                .map_err(|e| anyhow::Error::new(e).context(t.cannot_move_database(&shown)))
        });
    if built.is_err() {
        let _ = remove_database(&temp, t);
    }
    built
}

/// Asks on the terminal whether to create an empty database or open the demo,
/// when the TUI is opened on a database that does not exist. The demo is
/// its own file (`demo.db` in the data directory): choosing it points
/// `context` there and leaves the database asked for uncreated, so that
/// `styr init` can still make it. A wrong answer is asked again; the end of
/// input quits.
pub fn offer_new_database(context: &mut Context) -> Result<()> {
    use std::io::{BufRead, IsTerminal};
    let t = context.texts();
    let shown = context.db.display().to_string();
    let missing = || anyhow::anyhow!(t.no_database(&shown));
    if !std::io::stdin().is_terminal() {
        return Err(missing());
    }
    let mut stdout = std::io::stdout();
    let mut lines = std::io::stdin().lock().lines();
    let mut ask = |question: &str| -> Result<String> {
        write!(stdout, "{question}")?;
        stdout.flush()?;
        match lines.next().transpose()? {
            Some(line) => Ok(line.trim().to_string()),
            // Ctrl-D: nothing more will come.
            None => {
                writeln!(stdout)?;
                Err(missing())
            }
        }
    };
    println!("{}", t.no_database_at(&shown));
    println!("{}\n{}\n{}", t.offer_demo, t.offer_new, t.offer_quit);
    loop {
        match ask(t.offer_choice)?.to_lowercase().as_str() {
            "d" => {
                context.db = super::demo_db_path().with_context(|| t.no_home_for_database())?;
                if !context.db.exists() {
                    demo(context, DemoArgs::default(), &mut std::io::stdout())?;
                }
                return Ok(());
            }
            "n" => {
                let kommune = loop {
                    let answer = ask(t.ask_kommune)?;
                    if !answer.is_empty() {
                        break answer;
                    }
                    println!("{}", t.kommune_needed());
                };
                let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
                let year = loop {
                    let answer = ask(&t.ask_year(this_year))?;
                    match answer.parse::<i32>() {
                        _ if answer.is_empty() => break this_year,
                        Ok(year) if (1000..=9999).contains(&year) => break year,
                        Ok(year) => println!("{}", t.invalid_year(year)),
                        Err(_) => println!("{}", t.not_a_year(&answer)),
                    }
                };
                return init(context, InitArgs { kommune, year }, &mut std::io::stdout());
            }
            "q" | "" => return Err(missing()),
            other => println!("{}", t.not_a_choice(other)),
        }
    }
}

/// Creates the file and fills it; a failure removes the half-made file.
fn create(path: &Path, t: &Texts, fill: impl FnOnce(&mut Store) -> Result<()>) -> Result<()> {
    let mut store = Store::create(path)?;
    if let Err(e) = fill(&mut store) {
        drop(store);
        let _ = remove_database(path, t);
        return Err(e);
    }
    Ok(())
}

/// Removes a database file and its WAL companions.
fn remove_database(path: &Path, t: &Texts) -> Result<()> {
    remove_files(path, &["", "-wal", "-shm"], t)
}

/// Removes the WAL companions of a database file.
fn remove_companions(path: &Path, t: &Texts) -> Result<()> {
    remove_files(path, &["-wal", "-shm"], t)
}

fn remove_files(path: &Path, suffixes: &[&str], t: &Texts) -> Result<()> {
    if path.is_dir() {
        bail!(t.is_directory(&path.display().to_string()));
    }
    for suffix in suffixes {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        match std::fs::remove_file(&name) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                let shown = Path::new(&name).display().to_string();
                return Err(anyhow::Error::new(e).context(t.cannot_remove(&shown)));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_failed_build_never_replaces_a_good_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("styr.db");
        let mut store = Store::create(&path).unwrap();
        crate::assets::initialize(&mut store, "Asker", 2024, None).unwrap();
        store.close_as_single_file().unwrap();
        let bytes = std::fs::read(&path).unwrap();

        let mut saw_temp = None;
        let err = replace_with(&path, true, &crate::words::cli::EN, |store| {
            crate::assets::initialize(store, "Halvferdig", 2023, None)?;
            saw_temp = Some(names_in(dir.path()));
            bail!("the build failed half-way")
        })
        .unwrap_err();
        assert!(err.to_string().contains("half-way"), "{err}");
        let during = saw_temp.expect("the build ran");
        assert!(
            during.iter().any(|n| n.starts_with(".styr.db.new-")),
            "built beside the target: {during:?}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "the good one stays");
        assert_eq!(
            names_in(dir.path()),
            ["styr.db"],
            "the half-built one is gone"
        );
        assert_eq!(
            Store::open(&path).unwrap().municipality().unwrap().name,
            "Asker"
        );

        // Without replace, a file that appeared meanwhile is not replaced.
        let err = replace_with(&path, false, &crate::words::cli::EN, |store| {
            crate::assets::initialize(store, "Bærum", 2023, None)
        })
        .unwrap_err();
        assert!(
            matches!(
                err.downcast_ref::<StoreError>(),
                Some(StoreError::Exists(_))
            ),
            "{err}"
        );
        assert_eq!(names_in(dir.path()), ["styr.db"]);

        // A good build replaces it in one step, as one file without a WAL.
        replace_with(&path, true, &crate::words::cli::EN, |store| {
            crate::assets::initialize(store, "Bærum", 2023, None)
        })
        .unwrap();
        assert_eq!(names_in(dir.path()), ["styr.db"]);
        assert_eq!(
            Store::open(&path).unwrap().municipality().unwrap().name,
            "Bærum"
        );
    }
}

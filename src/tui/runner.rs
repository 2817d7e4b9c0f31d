//! The effect runner: runs the effects `update` asks for against the store,
//! in the order the loop needs them, and feeds the results back as messages.
//! The loop, the tests and the benches all drive the TUI through it.

use std::collections::VecDeque;
use std::sync::Arc;

use anyhow::Result;

use super::ahead::{Ahead, Fingerprint};
use super::data::{self, Comments, Snapshot};
use super::effect::Effect;
use super::state::{self, update, AppState, Msg};
use super::strings::{table, Lang};
use crate::domain::diff::Scope;
use crate::domain::event::AsOf;
use crate::domain::text::sanitize_line;
use crate::domain::{Field, Today};
use crate::store::{CatalogChanged, Changed, MissingReports, Stamp, Store, StoreError};
use crate::words::as_of::refusal;
use crate::words::events::describe;
use crate::words::past::words;

/// A missing-reports answer, the newest event and the periods it was judged on.
struct MissingCache {
    upto: i64,
    periods: Vec<crate::domain::Period>,
    answer: Option<MissingReports>,
}

/// The past the screen shows: a connection of its own that reads the
/// database as it stood at `at`.
pub struct PastStore {
    at: AsOf,
    store: Store,
    /// The file when the replay began.
    made_of: Fingerprint,
    /// The moments next to it, replayed ahead for a step.
    ahead: Ahead,
}

impl PastStore {
    /// The database as it stood then.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The moments prepared, or being prepared, for a step.
    pub fn ahead(&mut self) -> &mut Ahead {
        &mut self.ahead
    }
}

/// Runs effects against the store and turns results into messages.
pub struct Runner<'a> {
    store: &'a mut Store,
    actor: &'a str,
    /// The day the loaded data is judged on (the missing reports).
    today: Today,
    /// The data version of the last load, to notice other processes' commits.
    seen_version: i64,
    /// The plan year and newest event of the data last sent to the screen.
    delivered: Option<(i32, i64)>,
    /// The last missing-reports answer and what it was judged on.
    missing: Option<MissingCache>,
    /// The comments read so far, and of which plan year.
    comments: Arc<Comments>,
    comments_year: Option<i32>,
    /// Where files the user asks for (the briefing as HTML) are written.
    output_dir: Option<std::path::PathBuf>,
    /// Effects to run before the next frame, in order.
    now: VecDeque<Effect>,
    /// Reads no frame waits for (comments, missing reports), each once:
    /// run after a frame, one per frame, when no key waits.
    later: VecDeque<Effect>,
    /// The past being shown, if it is: every read goes to it.
    past: Option<PastStore>,
    /// The server to open again when the connection to it is lost.
    server: Option<crate::store::server::Target>,
    /// The server being opened again, on a thread of its own: a server
    /// that does not answer keeps a connection waiting up to its
    /// connect timeout, and the keys must not wait with it.
    reopening: Option<std::thread::JoinHandle<crate::store::Result<Store>>>,
}

impl<'a> Runner<'a> {
    /// A runner writing as `actor`, loading data as of `today`.
    pub fn new(store: &'a mut Store, actor: &'a str, today: Today) -> Result<Self> {
        let seen_version = store.data_version()?;
        Ok(Runner {
            store,
            actor,
            today,
            seen_version,
            delivered: None,
            missing: None,
            comments: Arc::default(),
            comments_year: None,
            output_dir: None,
            now: VecDeque::new(),
            later: VecDeque::new(),
            past: None,
            server: None,
            reopening: None,
        })
    }

    /// Connects to `server` again, as the store was opened, whenever the
    /// connection to it is lost.
    pub fn reconnect_to(&mut self, server: Option<crate::store::server::Target>) {
        self.server = server;
        // An attempt under way is at the old target; its answer is dropped.
        self.reopening = None;
    }

    /// Opens the server again if the connection to it is gone: true when
    /// it was gone and is back.
    fn reconnect(&mut self) -> bool {
        let Some(target) = &self.server else {
            return false;
        };
        if !self.store.connection_lost() {
            return false;
        }
        match self.reopening.take() {
            None => {
                let target = target.clone();
                // Without a thread, the next look tries again.
                self.reopening = std::thread::Builder::new()
                    .name("styr-reconnect".into())
                    .spawn(move || Store::open_server(&target))
                    .ok();
                false
            }
            Some(handle) if !handle.is_finished() => {
                self.reopening = Some(handle);
                false
            }
            Some(handle) => match handle.join() {
                Ok(Ok(store)) => {
                    *self.store = store;
                    // The data is read afresh from the server.
                    self.seen_version = i64::MIN;
                    self.missing = None;
                    true
                }
                // Still away: the next look tries again.
                Ok(Err(_)) | Err(_) => false,
            },
        }
    }

    /// Takes the effects `update` asked for: reads no frame waits for are
    /// held back (once each), the rest run before the next frame.
    pub fn push(&mut self, effects: impl IntoIterator<Item = Effect>) {
        for effect in effects {
            if !effect.after_frame() {
                self.now.push_back(effect);
            } else if matches!(effect, Effect::PrepareAhead(_)) {
                // Only begins the replays, on threads of their own: the
                // sooner, the likelier they are done by the next step.
                self.later.retain(|e| !matches!(e, Effect::PrepareAhead(_)));
                self.later.push_front(effect);
            } else if !self.later.contains(&effect) {
                self.later.push_back(effect);
            }
        }
    }

    /// Runs the effects the next frame waits for, and those their results
    /// ask for in turn.
    pub fn before_frame(&mut self, state: &mut AppState) {
        while let Some(effect) = self.now.pop_front() {
            self.run_into(state, effect);
        }
    }

    /// Runs one held-back read, as the loop does after a frame when no key
    /// waits; false when none is left.
    pub fn after_frame(&mut self, state: &mut AppState) -> bool {
        match self.later.pop_front() {
            Some(effect) => {
                self.run_into(state, effect);
                true
            }
            None => false,
        }
    }

    /// The reads held back until after the frame, in the order they will run.
    pub fn held_back(&self) -> &VecDeque<Effect> {
        &self.later
    }

    /// Runs `effects` and everything they lead to, frame by frame as the
    /// loop would with no key pressed, the held-back reads included.
    pub fn settle(&mut self, state: &mut AppState, effects: Vec<Effect>) {
        self.push(effects);
        loop {
            self.before_frame(state);
            if !self.after_frame(state) {
                break;
            }
        }
    }

    fn run_into(&mut self, state: &mut AppState, effect: Effect) {
        if self.reconnect() {
            let effects = update(state, Msg::Reconnected);
            self.push(effects);
        }
        let msg = match self.run(effect, state.lang) {
            // The write (or read) is lost with the connection, not refused:
            // what was typed stays, and the next look reconnects.
            Some(Msg::Failed { .. }) if self.store.connection_lost() => Some(Msg::Failed {
                message: table(state.lang).server_lost.to_string(),
                stale: false,
            }),
            msg => msg,
        };
        if let Some(msg) = msg {
            let effects = update(state, msg);
            self.push(effects);
        }
    }

    /// Writes files into `dir` instead of the working directory.
    pub fn set_output_dir(&mut self, dir: std::path::PathBuf) {
        self.output_dir = Some(dir);
    }

    /// Opens the database as it stood at `at`, refusing a moment its log
    /// cannot show (before the first event, in the future) in one line.
    pub fn open_past(store: &Store, at: AsOf, lang: Lang) -> Result<PastStore> {
        at.check(store.first_event_at()?, chrono::Utc::now())
            .map_err(|r| anyhow::anyhow!(refusal(lang, words(lang).chooser_title, &r)))?;
        let made_of = Fingerprint::of(store)?;
        Ok(PastStore {
            at,
            store: store.another_reader()?.as_of(at.until())?,
            made_of,
            ahead: Ahead::default(),
        })
    }

    /// Takes the past being shown, to give it to the next runner (as the
    /// tests, which make a runner per key, do).
    pub fn take_past(&mut self) -> Option<PastStore> {
        self.past.take()
    }

    /// Reads the past from now on (from [`Runner::open_past`] or [`Runner::take_past`]).
    pub fn set_past(&mut self, past: Option<PastStore>) {
        self.past = past;
    }

    /// The store reads go to: the past when it is shown.
    fn reader(&self) -> &Store {
        self.past.as_ref().map_or(&*self.store, |p| &p.store)
    }

    /// Waits until the moments being replayed ahead are ready, as a user
    /// looking at the screen long enough lets them be (tests, benches).
    pub fn wait_for_ahead(&mut self) {
        if let Some(past) = &mut self.past {
            past.ahead.wait();
        }
    }

    /// The past (`Some`), or now, read whole for the screen: a moment
    /// replayed ahead from the file as it is now, else replayed here. The
    /// moment shown before is kept for a step back to it.
    fn load_past(&mut self, at: Option<AsOf>, stop: Option<String>, lang: Lang) -> Result<Msg> {
        let data = match at {
            Some(at) => {
                let now = Fingerprint::of(self.store)?;
                let ready = self.past.as_mut().and_then(|p| p.ahead.take(&at, &now));
                let (store, made_of, data) = match ready {
                    Some((store, data)) => {
                        let data = match data {
                            Some(data) => data,
                            None => Snapshot::load(&store)?,
                        };
                        (store, now, data)
                    }
                    None => {
                        let fresh = Runner::open_past(self.store, at, lang)?;
                        let data = Snapshot::load(&fresh.store)?;
                        (fresh.store, fresh.made_of, data)
                    }
                };
                let mut ahead = Ahead::default();
                if let Some(before) = self.past.take() {
                    ahead = before.ahead;
                    if before.made_of == now && before.at != at {
                        ahead.keep(before.at, before.store, before.made_of);
                    }
                }
                self.past = Some(PastStore {
                    at,
                    store,
                    made_of,
                    ahead,
                });
                data
            }
            None => {
                self.past = None;
                self.seen_version = self.store.data_version()?;
                let data = Snapshot::load(self.store)?;
                self.delivered(&data);
                data
            }
        };
        Ok(Msg::Past {
            at: at.map(|at| (at, stop)),
            data: Box::new(data),
        })
    }

    /// Begins replaying `moments` ahead, beside the loop, each that is
    /// not the one shown nor already prepared from the file as it is; the
    /// others prepared before are let go. Only while the past is shown.
    fn prepare_ahead(&mut self, moments: &[AsOf]) -> Result<()> {
        let Some(past) = &mut self.past else {
            return Ok(());
        };
        let now = Fingerprint::of(self.store)?;
        past.ahead.retain(moments, &now);
        let first = self.store.first_event_at()?;
        for &at in moments {
            if at == past.at
                || past.ahead.has(&at, &now)
                || at.check(first, chrono::Utc::now()).is_err()
            {
                continue;
            }
            past.ahead.begin(at, self.store.another_reader()?, now);
        }
        Ok(())
    }

    /// What changed from `from` to `to` (`None`: now), as `styr diff` tells it.
    fn load_changes(
        &mut self,
        from: AsOf,
        to: Option<AsOf>,
        sector: Option<String>,
        lang: Lang,
    ) -> Result<Msg> {
        let option = words(lang).changes_title;
        if let Some(to) = &to {
            if to.until() < from.until() {
                anyhow::bail!(crate::words::as_of::diff_backwards(lang, &from, to));
            }
        }
        from.check(self.store.first_event_at()?, chrono::Utc::now())
            .map_err(|r| anyhow::anyhow!(refusal(lang, option, &r)))?;
        let before = self.store.another_reader()?.as_of(from.until())?;
        let scope = sector.as_deref().map_or(Scope::All, Scope::Sector);
        let (diff, earlier, later) = match (&self.past, to) {
            (Some(past), Some(to)) if past.at == to => {
                past.store.changes_since(&before, from.until(), scope)?
            }
            (_, Some(to)) => {
                let after = Runner::open_past(self.store, to, lang)?;
                after.store.changes_since(&before, from.until(), scope)?
            }
            (_, None) => self.store.changes_since(&before, from.until(), scope)?,
        };
        let named = diff
            .created
            .iter()
            .chain(&diff.closed)
            .map(|a| a.id)
            .chain(diff.fields.iter().map(|c| c.assignment))
            .chain(diff.reports.iter().map(|r| r.assignment));
        let titles = named
            .filter_map(|id| {
                let a = later
                    .assignments
                    .get(&id)
                    .or_else(|| earlier.assignments.get(&id))?;
                Some((id, a.title.clone()))
            })
            .collect();
        Ok(Msg::Changes(Box::new(state::ChangesLoaded {
            from,
            to: to.unwrap_or(AsOf {
                day: self.today.0,
                time: None,
            }),
            sector,
            diff,
            titles,
        })))
    }

    /// The data version of the last load.
    pub fn seen_version(&self) -> i64 {
        self.seen_version
    }

    /// Continues from a data version seen earlier.
    pub fn set_seen_version(&mut self, version: i64) {
        self.seen_version = version;
    }

    /// Runs one effect now, whatever its turn; the message carries its
    /// result back to `update`, its texts in `lang`.
    pub fn run(&mut self, effect: Effect, lang: Lang) -> Option<Msg> {
        let s = table(lang);
        let failed = |e: anyhow::Error| Msg::Failed {
            message: crate::words::problems::error_message(&e, lang),
            stale: false,
        };
        if let Some(past) = &self.past {
            // The past cannot be changed; `update` asks for no change
            // there, and this makes sure none is written.
            if effect.writes() {
                return Some(Msg::Failed {
                    message: words(lang).edit_refused(&past.at, "t"),
                    stale: false,
                });
            }
        }
        match effect {
            Effect::LoadPast { at, stop } => {
                Some(self.load_past(at, stop, lang).unwrap_or_else(failed))
            }
            Effect::PrepareAhead(moments) => {
                // Only a help: a moment that cannot be prepared is replayed
                // when stepped to, and any error told then.
                let _ = self.prepare_ahead(&moments);
                None
            }
            Effect::LoadChanges { from, to, sector } => Some(
                self.load_changes(from, to, sector, lang)
                    .unwrap_or_else(failed),
            ),
            Effect::Reload if self.past.is_some() => Some(match Snapshot::load(self.reader()) {
                Ok(data) => Msg::Loaded(Box::new(data::Reloaded::Whole(data))),
                Err(e) => failed(e.into()),
            }),
            // The past does not change.
            Effect::ReloadIfChanged if self.past.is_some() => None,
            Effect::LoadComments if self.past.is_some() => {
                let store = self.reader();
                let mut comments = Comments::default();
                Some(
                    match store
                        .municipality()
                        .and_then(|m| comments.catch_up(store, m.year))
                    {
                        Ok(()) => Msg::Comments(Arc::new(comments)),
                        Err(e) => failed(e.into()),
                    },
                )
            }
            Effect::LoadMissing if self.past.is_some() => {
                let past = self.past.as_ref().map(|p| (&p.store, p.at.day));
                let (store, day) = past.expect("in the past");
                Some(match store.missing_reports(day) {
                    Ok(missing) => Msg::Missing(Box::new(missing)),
                    Err(e) => failed(e.into()),
                })
            }
            Effect::Reload => Some(self.reload().unwrap_or_else(failed)),
            Effect::ReloadIfChanged => match self.store.data_version() {
                Ok(version) if version != self.seen_version => {
                    Some(self.reload().unwrap_or_else(failed))
                }
                Ok(_) => None,
                Err(e) => Some(failed(e.into())),
            },
            Effect::LoadComments => Some(match self.load_comments() {
                Ok(comments) => Msg::Comments(comments),
                Err(e) => failed(e),
            }),
            Effect::LoadMissing => Some(match self.load_missing() {
                Ok(missing) => Msg::Missing(Box::new(missing)),
                Err(e) => failed(e.into()),
            }),
            Effect::LoadHistory(id) => Some(match self.reader().events(Some(id), None) {
                Ok(events) => Msg::History(id, events),
                Err(e) => failed(e.into()),
            }),
            Effect::Change {
                id,
                version,
                edits,
                comment,
            } => {
                let result =
                    self.store
                        .change(id, Some(version), &edits, comment.as_deref(), &self.stamp());
                let late = self.late_task(&result, lang);
                Some(noted(saved(s.saved, result, lang), late))
            }
            Effect::Report { id, version, draft } => {
                let result = self.store.report(id, Some(version), &draft, &self.stamp());
                Some(saved(s.reported, result, lang))
            }
            Effect::Create { draft, comment } => {
                let result =
                    self.store
                        .create_assignment(&draft, comment.as_deref(), &self.stamp());
                let late = self.late_task(&result, lang);
                Some(noted(saved(s.created, result, lang), late))
            }
            Effect::ChangeMany {
                targets,
                edits,
                comment,
            } => {
                let targets: Vec<(i64, Option<i64>)> =
                    targets.into_iter().map(|(id, v)| (id, Some(v))).collect();
                let result =
                    self.store
                        .change_many(&targets, &edits, comment.as_deref(), &self.stamp());
                Some(batch_saved(result, lang))
            }
            Effect::Withdraw { event, comment } => {
                let result = self
                    .store
                    .withdraw(event, comment.as_deref(), &self.stamp());
                Some(match result {
                    Ok(changed) => Msg::Saved {
                        text: crate::words::lists::withdrawn_status(event, lang),
                        id: changed.assignment.id,
                    },
                    Err(e) => failed(e.into()),
                })
            }
            Effect::PreviewUndo => Some(match self.store.undo_plan(self.actor, self.today) {
                Ok(plan) => Msg::UndoPreview(Box::new(crate::tui::dialog::UndoPreview {
                    undo: plan
                        .undo
                        .iter()
                        .map(|e| format!("#{} {}", e.assignment_id, describe(e, lang)))
                        .chain(
                            plan.catalog
                                .iter()
                                .map(|e| crate::words::problems::catalog_change(e, lang)),
                        )
                        .collect(),
                    skipped: plan
                        .passed
                        .iter()
                        .map(|p| crate::words::problems::passed_over(p, lang))
                        .collect(),
                })),
                Err(e) => failed(e.into()),
            }),
            Effect::LoadBrief { sector, today } => {
                let request = crate::report::brief::load::Request {
                    sector,
                    since: crate::report::brief::Bound::Default,
                    until: crate::report::brief::Bound::Default,
                    year: None,
                };
                Some(
                    match crate::report::brief::load::load(self.reader(), &request, today) {
                        Ok(brief) => Msg::Brief(Box::new(brief)),
                        Err(e) => failed(crate::report::brief::localized(e, lang)),
                    },
                )
            }
            Effect::LoadVedtak { today } => Some(match load_vedtak(self.store, today) {
                Ok(overlay) => Msg::Vedtak(Box::new(overlay)),
                Err(e) => failed(e.into()),
            }),
            Effect::WriteFile {
                name,
                contents,
                replace,
            } => {
                let written = self
                    .output_dir
                    .clone()
                    .map_or_else(std::env::current_dir, Ok)
                    .and_then(std::path::absolute)
                    .map(|dir| dir.join(&name))
                    .and_then(|path| match write_file(&path, &contents, replace) {
                        Ok(()) => Ok(Ok(path)),
                        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(Err(path)),
                        Err(e) => Err(e),
                    });
                Some(match written {
                    Ok(Ok(path)) => Msg::Wrote(path.display().to_string()),
                    Ok(Err(path)) => Msg::FileExists {
                        name,
                        path: path.display().to_string(),
                        contents,
                    },
                    Err(e) => Msg::Failed {
                        message: s.cannot_write(&name, &e.to_string()),
                        stale: false,
                    },
                })
            }
            Effect::Decide {
                id,
                period,
                decision,
                comment,
            } => Some(saved(
                s.decided,
                self.store
                    .decide_report(id, &period, decision, comment.as_deref(), &self.stamp()),
                lang,
            )),
            Effect::Undo { comment } => {
                let result = self
                    .store
                    .undo(comment.as_deref(), self.today, &self.stamp());
                let skipped = result.as_ref().map_or(0, |o| o.passed.len());
                let mut msg = match result {
                    Ok(crate::store::UndoOutcome {
                        undone: crate::store::Undone::Catalog(events),
                        ..
                    }) => {
                        let what: Vec<String> = events
                            .iter()
                            .map(|e| crate::words::problems::catalog_change(e, lang))
                            .collect();
                        Msg::CatalogSaved {
                            text: sanitize_line(&format!("{}: {}", s.undone, what.join("; ")))
                                .into_owned(),
                            wheel: None,
                        }
                    }
                    Ok(crate::store::UndoOutcome {
                        undone: crate::store::Undone::Assignment(changed),
                        ..
                    }) => saved(s.undone, Ok(*changed), lang),
                    Err(e) => saved(s.undone, Err(e), lang),
                };
                if let Msg::Saved { text, .. } | Msg::CatalogSaved { text, .. } = &mut msg {
                    if skipped > 0 {
                        text.push_str(&s.skipped_undo(skipped));
                    }
                }
                Some(msg)
            }
            Effect::CreateWheel { draft, comment } => Some(self.catalog(
                s.wheel_saved,
                true,
                |store, stamp| store.create_wheel_entry(&draft, comment.as_deref(), stamp),
                state::entry_label,
                lang,
            )),
            Effect::ChangeWheel {
                seen,
                next,
                comment,
            } => Some(self.catalog(
                s.wheel_saved,
                true,
                |store, stamp| {
                    store.change_wheel_entry(seen.id, Some(&seen), &next, comment.as_deref(), stamp)
                },
                state::entry_label,
                lang,
            )),
            Effect::DeleteWheel { seen, comment } => Some(self.catalog(
                s.wheel_deleted,
                false,
                |store, stamp| {
                    store.delete_wheel_entry(seen.id, Some(&seen), comment.as_deref(), stamp)
                },
                state::entry_label,
                lang,
            )),
            Effect::CreateGoal {
                parent,
                code,
                title,
                sectors,
                comment,
            } => Some(self.catalog(
                s.goal_saved,
                false,
                |store, stamp| {
                    store.create_goal(parent, &code, &title, &sectors, comment.as_deref(), stamp)
                },
                goal_label,
                lang,
            )),
            Effect::ChangeGoal {
                seen,
                next,
                comment,
            } => Some(self.catalog(
                s.goal_saved,
                false,
                |store, stamp| {
                    store.change_goal(seen.id, Some(&seen), &next, comment.as_deref(), stamp)
                },
                goal_label,
                lang,
            )),
            Effect::CloseVedtak { id, on, comment } => Some(self.catalog(
                crate::words::vedtak::saved(lang),
                false,
                |store, stamp| store.close_decision(id, on, &comment, stamp),
                decision_label,
                lang,
            )),
            Effect::ReopenVedtak { id, comment } => Some(self.catalog(
                crate::words::vedtak::saved(lang),
                false,
                |store, stamp| store.reopen_decision(id, comment.as_deref(), stamp),
                decision_label,
                lang,
            )),
            Effect::LinkVedtak {
                id,
                assignment,
                unlink,
                comment,
            } => Some(self.catalog(
                crate::words::vedtak::saved(lang),
                false,
                |store, stamp| {
                    store.link_decision(id, &[assignment], unlink, comment.as_deref(), stamp)
                },
                decision_label,
                lang,
            )),
            Effect::RetireGoal { id, comment } => Some(self.catalog(
                s.goal_retired,
                false,
                |store, stamp| store.retire_goal(id, true, comment.as_deref(), stamp),
                goal_label,
                lang,
            )),
        }
    }

    /// Runs a goal or årshjul write and says what it wrote.
    fn catalog<T>(
        &mut self,
        verb: &str,
        wheel: bool,
        write: impl FnOnce(&mut Store, &Stamp) -> Result<CatalogChanged<T>, StoreError>,
        label: impl Fn(&T, Lang) -> String,
        lang: Lang,
    ) -> Msg {
        let stamp = self.stamp();
        match write(self.store, &stamp) {
            Ok(changed) => {
                let what: Vec<String> = changed
                    .events
                    .iter()
                    .map(|e| crate::words::events::describe_catalog(e, lang))
                    .collect();
                let what = if what.is_empty() {
                    table(lang).nothing_changed.to_string()
                } else {
                    what.join("; ")
                };
                let id = changed.events.first().map(|e| e.entity_id);
                Msg::CatalogSaved {
                    text: sanitize_line(&format!(
                        "{verb}: {} – {what}",
                        label(&changed.item, lang)
                    ))
                    .into_owned(),
                    wheel: id.filter(|_| wheel),
                }
            }
            Err(e) => Msg::Failed {
                message: e.message(lang),
                stale: false,
            },
        }
    }

    fn stamp(&self) -> Stamp {
        Stamp::now(self.actor)
    }

    /// Brings the kept comments up to date with the log: only the events
    /// since the last read are read (the log is append-only).
    fn load_comments(&mut self) -> Result<Arc<Comments>> {
        let year = self.store.municipality()?.year;
        if self.comments_year != Some(year) {
            self.comments = Arc::default();
            self.comments_year = Some(year);
        }
        let mut next = (*self.comments).clone();
        next.catch_up(self.store, year)?;
        if next != *self.comments {
            self.comments = Arc::new(next);
        }
        Ok(Arc::clone(&self.comments))
    }

    /// The missing reports, judging again only the assignments with events
    /// since the last answer (an answer depends on an assignment's own
    /// events, the periods and the day), unless the periods changed.
    fn load_missing(&mut self) -> Result<Option<MissingReports>, StoreError> {
        let today = self.today.0;
        let previous = self.missing.take();
        let (answer, cache) = self.store.read(|store| {
            let newest = store.newest_event()?;
            let periods = store.periods(None)?;
            let answer = match previous {
                Some(cache) if cache.periods == periods && cache.upto <= newest => {
                    let ids = store.changed_after(cache.upto)?;
                    match (cache.answer, store.missing_reports_among(today, &ids)?) {
                        (Some(mut kept), Some(fresh)) if kept.period == fresh.period => {
                            kept.assignments
                                .retain(|a| ids.binary_search(&a.id).is_err());
                            kept.assignments.extend(fresh.assignments);
                            kept.assignments.sort_by_key(|a| a.id);
                            kept.awaiting = fresh.awaiting;
                            kept.approved = fresh.approved;
                            Some(kept)
                        }
                        (None, None) => None,
                        _ => store.missing_reports(today)?,
                    }
                }
                _ => store.missing_reports(today)?,
            };
            let cache = MissingCache {
                upto: newest,
                periods,
                answer: answer.clone(),
            };
            Ok((answer, cache))
        })?;
        self.missing = Some(cache);
        Ok(answer)
    }

    fn reload(&mut self) -> Result<Msg> {
        self.seen_version = self.store.data_version()?;
        let reloaded = Snapshot::reload(self.store, self.delivered)?;
        let (data::Reloaded::Whole(data) | data::Reloaded::Changed { data, .. }) = &reloaded;
        self.delivered(data);
        Ok(Msg::Loaded(Box::new(reloaded)))
    }

    /// Takes note that the screen has `data`, so that the next reload only
    /// reads the assignments changed since.
    pub fn delivered(&mut self, data: &Snapshot) {
        self.delivered = Some((data.municipality.year, data.upto));
    }
}

impl Runner<'_> {
    /// A task saved with a deadline after its oppdrag's is saved, and the
    /// status line says so; so is an oppdrag whose deadline now comes
    /// before one of its tasks' (naming the first such task).
    fn late_task(&self, result: &Result<Changed, StoreError>, lang: Lang) -> Option<String> {
        let changed = result.as_ref().ok()?;
        let a = &changed.assignment;
        if let Some(parent) = a.parent_id {
            let parent = self.store.assignment(parent).ok()?;
            let parent_due = a.due_after_parent(&parent)?;
            return Some(table(lang).task_after_parent(parent.id, &lang.date(parent_due)));
        }
        let moved = changed
            .events
            .iter()
            .any(|e| e.field == Field::Due.as_str());
        let tasks = if moved {
            self.store.tasks(a.id).ok()?
        } else {
            Vec::new()
        };
        tasks.iter().find_map(|task| {
            let parent_due = task.due_after_parent(a)?;
            let line = crate::words::lists::task_due_after(
                task.id,
                &lang.date(task.due?),
                a.id,
                &lang.date(parent_due),
                lang,
            );
            Some(format!(" ⚠ {line}"))
        })
    }
}

fn decision_label(decision: &crate::domain::Decision, _: Lang) -> String {
    format!("#{} {} {}", decision.id, decision.case, decision.title)
}

fn goal_label(goal: &crate::domain::Goal, _: Lang) -> String {
    format!("{} {}", goal.code, goal.title)
}

/// A saved message with a note after it.
fn noted(mut msg: Msg, note: Option<String>) -> Msg {
    if let (Msg::Saved { text, .. }, Some(note)) = (&mut msg, note) {
        text.push_str(&note);
    }
    msg
}

/// The status-line message for a written change, or why it was refused.
fn saved(verb: &str, result: Result<Changed, StoreError>, lang: Lang) -> Msg {
    let s = table(lang);
    match result {
        Ok(changed) if changed.events.is_empty() => Msg::Saved {
            text: s.no_change(changed.assignment.id),
            id: changed.assignment.id,
        },
        Ok(changed) => {
            let what: Vec<String> = changed.events.iter().map(|e| describe(e, s.lang)).collect();
            Msg::Saved {
                text: s.wrote(
                    verb,
                    changed.assignment.id,
                    &sanitize_line(&what.join("; ")),
                    changed.assignment.version,
                ),
                id: changed.assignment.id,
            }
        }
        Err(StoreError::Stale { id, changes, .. }) => {
            let who: Vec<String> = changes
                .iter()
                .map(|e| {
                    format!(
                        "{} {} ({})",
                        e.actor,
                        e.at.with_timezone(&chrono::Local).format(&format!(
                            "{} %H:%M",
                            match lang {
                                Lang::Nb => "%d.%m",
                                Lang::En => "%m-%d",
                            }
                        )),
                        describe(e, lang)
                    )
                })
                .collect();
            Msg::Failed {
                message: s.stale(id, &sanitize_line(&who.join("; "))),
                stale: true,
            }
        }
        Err(e) => Msg::Failed {
            message: e.message(s.lang),
            stale: false,
        },
    }
}

/// The decisions, their oppdrag and the bodies, for the vedtak view.
fn load_vedtak(
    store: &crate::store::Store,
    today: crate::domain::Today,
) -> crate::store::Result<crate::tui::state::VedtakOverlay> {
    store.read(|store| {
        let decisions = store.vedtak_list(today)?;
        let mut ids: Vec<i64> = decisions
            .iter()
            .flat_map(|v| v.decision.assignments.iter().copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let assignments = store
            .assignments_with_ids(&ids)?
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        Ok(crate::tui::state::VedtakOverlay {
            decisions,
            assignments,
            bodies: store.bodies()?,
            selected: 0,
        })
    })
}

/// What a change to several assignments wrote, or why none was.
fn batch_saved(result: Result<Vec<Changed>, StoreError>, lang: Lang) -> Msg {
    match result {
        Ok(changed) => {
            let first = changed.first().map_or(0, |c| c.assignment.id);
            // The same edits on each: say them once, from the first that changed.
            let what: Vec<String> = changed
                .iter()
                .find(|c| !c.events.is_empty())
                .map(|c| c.events.iter().map(|e| describe(e, lang)).collect())
                .unwrap_or_default();
            Msg::Saved {
                text: crate::words::lists::batch_status(
                    changed.len(),
                    &sanitize_line(&what.join("; ")),
                    lang,
                ),
                id: first,
            }
        }
        Err(e @ StoreError::StaleBatch(_)) => Msg::Failed {
            message: e.message(lang),
            stale: true,
        },
        Err(e) => Msg::Failed {
            message: e.message(lang),
            stale: false,
        },
    }
}

/// Writes a file; unless `replace`, only if none is there yet (checked and
/// created in one step, so a file made meanwhile is not written over).
fn write_file(path: &std::path::Path, contents: &str, replace: bool) -> std::io::Result<()> {
    use std::io::Write;
    if replace {
        return std::fs::write(path, contents);
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(contents.as_bytes())
}

//! The terminal going away while the TUI runs: on Unix SIGTERM or SIGHUP, on
//! Windows the console window closing, Ctrl-Break, log-off or shut-down. In
//! each case the loop is asked to stop, and if it does not within a moment
//! (a vanished terminal can keep the input reader from ever returning), the
//! terminal is given back and the process exits from here. Nothing unsaved
//! is lost: every change is committed before the UI says it was saved.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;

/// How long the loop gets to stop by itself before the process exits.
const GRACE: Duration = Duration::from_millis(300);

/// Asks the loop to stop, waits for it a moment, restores the terminal and
/// exits with `code`.
fn stop_then_exit(stop: &AtomicBool, code: i32) -> ! {
    stop.store(true, Ordering::Relaxed);
    std::thread::sleep(GRACE);
    super::restore();
    std::process::exit(code);
}

/// Watches for SIGTERM and SIGHUP from a thread of its own; the exit status
/// is 128 + the signal, as a shell reports it.
#[cfg(unix)]
pub fn watch(stop: Arc<AtomicBool>) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            stop_then_exit(&stop, 128 + signal);
        }
    });
    Ok(())
}

/// Watches the console's control events with `SetConsoleCtrlHandler`, which
/// Windows calls on a thread of its own. Ctrl-C is a key in raw mode and
/// never arrives here while the screen is up; Ctrl-Break, closing the
/// window, log-off and shut-down do. The exit status is
/// `STATUS_CONTROL_C_EXIT`, what Windows reports for a console interrupt.
#[cfg(windows)]
pub fn watch(stop: Arc<AtomicBool>) -> Result<()> {
    use std::sync::OnceLock;

    /// `STATUS_CONTROL_C_EXIT` (0xC000013A) as an exit code.
    const INTERRUPTED: i32 = 0xC000_013A_u32 as i32;

    // kernel32 is linked by the standard library already; one function
    // needs no crate of its own.
    #[link(name = "kernel32")]
    extern "system" {
        fn SetConsoleCtrlHandler(
            handler: Option<unsafe extern "system" fn(u32) -> i32>,
            add: i32,
        ) -> i32;
    }

    static STOP: OnceLock<Arc<AtomicBool>> = OnceLock::new();

    unsafe extern "system" fn on_control(_event: u32) -> i32 {
        match STOP.get() {
            Some(stop) => stop_then_exit(stop, INTERRUPTED),
            // Not ours yet: let Windows do what it does by default.
            None => 0,
        }
    }

    if STOP.set(stop).is_err() {
        // Already watching: the first flag is the loop's.
        return Ok(());
    }
    // SAFETY: `on_control` has the signature Windows expects of a
    // HandlerRoutine, is a plain function that lives as long as the
    // process, and only touches a static set before it is registered.
    let added = unsafe { SetConsoleCtrlHandler(Some(on_control), 1) };
    if added == 0 {
        // The caller says what failed, in the user's language.
        return Err(std::io::Error::last_os_error().into());
    }
    Ok(())
}

//! A spinner on stderr for runs that take a while. It stays hidden for the first second (so
//! quick runs print nothing extra), and always when stderr is not a terminal or with `-q`.

use std::io::IsTerminal as _;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run may take before the spinner appears.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// The spinner, hidden until it has been running for [`SHOW_AFTER`]. Clones share it.
#[derive(Clone)]
pub(crate) struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// Starts the clock; the spinner appears later if the run is still going.
    pub(crate) fn start(quiet: bool) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        if !quiet && std::io::stderr().is_terminal() {
            let delayed = bar.clone();
            std::thread::spawn(move || {
                std::thread::sleep(SHOW_AFTER);
                if !delayed.is_finished() {
                    delayed.set_draw_target(ProgressDrawTarget::stderr());
                    delayed.enable_steady_tick(Duration::from_millis(100));
                }
            });
        }
        Progress { bar }
    }

    /// Names the stage the run is in.
    pub(crate) fn stage(&self, message: &'static str) {
        tracing::debug!(stage = message, "starting stage");
        self.bar.set_message(message);
    }

    /// Runs `print` with the spinner cleared, so output and spinner do not overwrite each other.
    pub(crate) fn suspend<R>(&self, print: impl FnOnce() -> R) -> R {
        self.bar.suspend(print)
    }

    /// Removes the spinner before the final messages are printed.
    pub(crate) fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

//! A spinner on stderr for runs that take a while. It stays hidden for the first second (so
//! quick runs print nothing extra), and always when stderr is not a terminal or with `-q`.

use std::io::IsTerminal as _;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run may take before the spinner appears.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// The spinner, hidden until it has been running for [`SHOW_AFTER`]. Clones share it.
#[derive(Clone)]
pub(crate) struct Progress {
    bar: ProgressBar,
    /// Set by [`Progress::finish`]. The thread that shows the spinner checks it under the same
    /// lock, so a spinner can never start after the run's final line.
    finished: Arc<Mutex<bool>>,
}

impl Progress {
    /// Starts the clock; the spinner appears later if the run is still going.
    pub(crate) fn start(quiet: bool) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        let finished = Arc::new(Mutex::new(false));
        if !quiet && std::io::stderr().is_terminal() {
            let delayed = bar.clone();
            let delayed_finished = Arc::clone(&finished);
            std::thread::spawn(move || {
                std::thread::sleep(SHOW_AFTER);
                let finished = delayed_finished
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                if !*finished {
                    delayed.set_draw_target(ProgressDrawTarget::stderr());
                    delayed.enable_steady_tick(Duration::from_millis(100));
                }
            });
        }
        Progress { bar, finished }
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
        let mut finished = self.finished.lock().unwrap_or_else(PoisonError::into_inner);
        *finished = true;
        self.bar.finish_and_clear();
    }
}

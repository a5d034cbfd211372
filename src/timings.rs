//! Phase timings for people tuning the build: with `PORTAL_TIMINGS=1` in the environment, each
//! stage prints to stderr when it ends, as seconds since the build started. Stages that run side by
//! side (pages and the search index) each report their own end. Off, a mark costs one load.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

static ON: OnceLock<bool> = OnceLock::new();
static START: Mutex<Option<Instant>> = Mutex::new(None);
/// Whether a clock is running, so that a mark with timings off costs one load, not a lock.
static RUNNING: AtomicBool = AtomicBool::new(false);

/// Starts the clock of one build (when timings are on); later marks are measured from here. Each
/// build starts it again (`serve` rebuilds many times in one process).
pub fn start() {
    if *ON.get_or_init(|| std::env::var_os("PORTAL_TIMINGS").is_some()) {
        *START.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now());
        RUNNING.store(true, Ordering::Relaxed);
    }
}

/// Reports that stage `name` has ended.
pub fn mark(name: &str) {
    if !RUNNING.load(Ordering::Relaxed) {
        return;
    }
    if let Some(t) = *START.lock().unwrap_or_else(|e| e.into_inner()) {
        eprintln!(
            "timings: {name:<10} done at {:.3} s",
            t.elapsed().as_secs_f64()
        );
    }
}

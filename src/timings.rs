//! Phase timings for people tuning the build: with `PORTAL_TIMINGS=1` in the environment, each
//! stage prints to stderr when it ends, as seconds since the build started. Stages that run side by
//! side (pages and the search index) each report their own end. Off, a mark costs one load.

use std::sync::OnceLock;
use std::time::Instant;

static START: OnceLock<Option<Instant>> = OnceLock::new();

/// Starts the clock (when timings are on); later marks are measured from here.
pub fn start() {
    START.get_or_init(|| std::env::var_os("PORTAL_TIMINGS").map(|_| Instant::now()));
}

/// Reports that stage `name` has ended.
pub fn mark(name: &str) {
    if let Some(Some(t)) = START.get() {
        eprintln!(
            "timings: {name:<10} done at {:.3} s",
            t.elapsed().as_secs_f64()
        );
    }
}

//! Output: where built files go, below every stage that makes them. `render`, `search` and the
//! open-data writers hand each file to a `Sink` as soon as it is made; the sink keeps it in memory
//! (tests), drops it (`check`) or writes it into the staging folder (`build`, see `staging`).
//! Nothing here knows what a page is.

pub mod staging;

use crate::diagnostics::Diagnostic;

/// One file of the built site: its path relative to the output folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where built files go. Called from many threads at once.
pub trait Sink: Sync {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), Diagnostic>;

    /// Lets the caller write the file's bytes, so that a large page never has to be held whole.
    fn write_with(&self, path: String, render: Render) -> Result<(), Diagnostic> {
        let mut bytes = Vec::new();
        render(&mut bytes)?;
        self.put(path, bytes)
    }
}

/// Writes one file's bytes into the writer it is given.
pub type Render<'r> = &'r mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), Diagnostic>;

/// Keeps every file in memory; `into_files` returns them sorted by path.
#[derive(Default)]
pub struct MemorySink(std::sync::Mutex<Vec<OutFile>>);

impl Sink for MemorySink {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(OutFile { path, bytes });
        Ok(())
    }
}

impl MemorySink {
    pub fn into_files(self) -> Vec<OutFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// Renders each file into nothing: every template still runs (so `check` and a build that will
/// not be written report every problem), no byte is kept.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: String, _: Vec<u8>) -> Result<(), Diagnostic> {
        Ok(())
    }

    fn write_with(&self, _: String, render: Render) -> Result<(), Diagnostic> {
        render(&mut std::io::sink())
    }
}

//! Where a query's index files come from: the `Store` trait, the built site on disk (`DirStore`,
//! for `portal search`) and files rendered in memory (`MemStore`, for tests). Each counts what it
//! reads; none knows the files' formats.

use std::cell::Cell;
use std::path::PathBuf;

/// Where index files come from; counts what was read.
pub trait Store {
    /// A file under `search/{lang}/`, e.g. `meta.json`.
    fn get(&self, path: &str) -> Option<Vec<u8>>;
}

/// Index files on disk: `{out}/search/{lang}/`.
pub struct DirStore {
    pub dir: PathBuf,
    pub files: Cell<usize>,
    pub bytes: Cell<usize>,
}

impl DirStore {
    pub fn new(out: &std::path::Path, lang: &str) -> DirStore {
        DirStore {
            dir: out.join("search").join(lang),
            files: Cell::new(0),
            bytes: Cell::new(0),
        }
    }
}

impl Store for DirStore {
    fn get(&self, path: &str) -> Option<Vec<u8>> {
        let b = std::fs::read(self.dir.join(path)).ok()?;
        self.files.set(self.files.get() + 1);
        self.bytes.set(self.bytes.get() + b.len());
        Some(b)
    }
}

/// Index files in memory (from `render_site`), for tests: paths as written, `search/{lang}/...`.
pub struct MemStore<'a> {
    pub files: &'a [crate::output::OutFile],
    pub prefix: String,
    pub bytes: Cell<usize>,
}

impl<'a> MemStore<'a> {
    pub fn new(files: &'a [crate::output::OutFile], lang: &str) -> MemStore<'a> {
        MemStore {
            files,
            prefix: format!("search/{lang}/"),
            bytes: Cell::new(0),
        }
    }
}

impl Store for MemStore<'_> {
    fn get(&self, path: &str) -> Option<Vec<u8>> {
        let full = format!("{}{path}", self.prefix);
        let i = self
            .files
            .binary_search_by(|f| f.path.as_str().cmp(full.as_str()))
            .ok()?;
        let b = self.files[i].bytes.clone();
        self.bytes.set(self.bytes.get() + b.len());
        Some(b)
    }
}

//! The output is byte-identical whatever the thread count: the bundled site and a generated corpus
//! are each built with one rayon thread and with several, and every file is compared. The corpus
//! generator (examples/gen_corpus.rs) is compiled into this test, and checked to be deterministic too.

mod common;

#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("portal-determinism-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Every file under `dir`, by path relative to it.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    common::read_tree(dir).into_iter().collect()
}

fn build(site: &Path, out: &Path, threads: usize) {
    let o = Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(["build", "--site"])
        .arg(site)
        .arg("--out")
        .arg(out)
        .env("RAYON_NUM_THREADS", threads.to_string())
        .output()
        .expect("run portal");
    assert!(
        o.status.success(),
        "portal build --site {} failed with {threads} thread(s):\n{}",
        site.display(),
        String::from_utf8_lossy(&o.stderr)
    );
}

fn assert_same_trees(a: &Path, b: &Path, what: &str) {
    let (ta, tb) = (tree(a), tree(b));
    assert!(
        ta.len() > 10,
        "{what}: suspiciously few files in {}",
        a.display()
    );
    let names_a: Vec<&String> = ta.keys().collect();
    let names_b: Vec<&String> = tb.keys().collect();
    assert_eq!(names_a, names_b, "{what}: different sets of files");
    for (name, bytes) in &ta {
        assert!(
            bytes == &tb[name],
            "{what}: `{name}` differs between {} and {}",
            a.display(),
            b.display()
        );
    }
}

/// Builds `site` with 1 thread and with 4 threads and compares the outputs.
fn same_output_across_thread_counts(site: &Path, name: &str) {
    let base = scratch(name);
    let (one, many) = (base.join("one"), base.join("many"));
    build(site, &one, 1);
    build(site, &many, 4);
    assert_same_trees(&one, &many, name);
    // A second build over the previous output gives the same bytes again.
    build(site, &many, 3);
    assert_same_trees(&one, &many, name);
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn bundled_site_is_byte_identical_whatever_the_thread_count() {
    same_output_across_thread_counts(Path::new(env!("CARGO_MANIFEST_DIR")), "bundled");
}

#[test]
fn generated_corpus_is_deterministic_and_builds_identically() {
    let base = scratch("corpus");
    let (a, b) = (base.join("a"), base.join("b"));
    // Three reports: changes, timelines and per-resolution histories must be deterministic too.
    for dir in [&a, &b] {
        gen_corpus::generate(40, dir).unwrap();
        gen_corpus::more_reports(40, dir, 3).unwrap();
    }
    assert_same_trees(&a, &b, "generated corpus");
    assert!(
        !a.join("themes").exists(),
        "the corpus relies on the embedded theme"
    );
    same_output_across_thread_counts(&a, "corpus-build");
    std::fs::remove_dir_all(&base).unwrap();
}

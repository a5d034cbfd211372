//! Every JSON file under /data/ validates against its published JSON Schema (schemas/, copied to
//! /data/schema/), for both fixture sites: one report, and three with changes, figures, a revision,
//! over-funding, a resolution dropped and one added.

mod common;

use resolution_portal::render_site;

/// The schema that describes a data file, by its path.
fn schema_for(path: &str) -> Option<&'static str> {
    match path {
        "data/resolutions.json" => Some("resolutions.schema.json"),
        "data/funding.json" => Some("funding.schema.json"),
        "data/trackers.json" => Some("trackers.schema.json"),
        "data/changes.json" => Some("changes.schema.json"),
        p if p.starts_with("data/reports/") && p.ends_with(".json") => Some("report.schema.json"),
        p if p.starts_with("data/resolutions/") && p.ends_with(".json") => {
            Some("resolution.schema.json")
        }
        _ => None,
    }
}

fn check(fixture: &str) -> usize {
    let r = render_site(&common::fixture(fixture), None);
    assert!(!r.has_errors(), "{:#?}", r.diagnostics);
    let mut checked = 0;
    for f in &r.files {
        if !f.path.starts_with("data/")
            || !f.path.ends_with(".json")
            || f.path.starts_with("data/schema/")
        {
            continue;
        }
        let name = schema_for(&f.path).unwrap_or_else(|| panic!("{} has no schema", f.path));
        let published = r
            .files
            .iter()
            .find(|s| s.path == format!("data/schema/{name}"))
            .unwrap_or_else(|| panic!("schema {name} is not published"));
        let on_disk = std::fs::read(common::repo().join("schemas").join(name)).unwrap();
        assert_eq!(
            published.bytes, on_disk,
            "{name} is published as it is in schemas/"
        );
        let schema: serde_json::Value = serde_json::from_slice(&on_disk).unwrap();
        let validator = jsonschema::validator_for(&schema)
            .unwrap_or_else(|e| panic!("{name} is not a valid schema: {e}"));
        let doc: serde_json::Value = serde_json::from_slice(&f.bytes).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .take(10)
            .collect();
        assert!(errors.is_empty(), "{} against {name}: {errors:#?}", f.path);
        checked += 1;
    }
    checked
}

#[test]
fn data_files_of_the_basic_fixture_match_their_schemas() {
    // resolutions, funding, trackers (none), changes, one report snapshot, two resolution histories
    assert_eq!(check("basic"), 7);
}

#[test]
fn data_files_of_the_tracking_fixture_match_their_schemas() {
    // resolutions, funding, trackers (two readings), changes, three report snapshots, four
    // resolution histories
    assert_eq!(check("tracking"), 11);
}

#[test]
fn a_schema_rejects_what_it_should() {
    let schema: serde_json::Value = serde_json::from_slice(
        &std::fs::read(common::repo().join("schemas/resolution.schema.json")).unwrap(),
    )
    .unwrap();
    let v = jsonschema::validator_for(&schema).unwrap();
    assert!(
        !v.is_valid(&serde_json::json!({"id": "1/1"})),
        "missing fields must fail"
    );
}

#[test]
fn data_files_of_the_bundled_site_match_their_schemas() {
    let r = render_site(&common::repo(), None);
    assert!(!r.has_errors(), "{:#?}", r.diagnostics);
    let mut checked = 0;
    for f in r.files.iter().filter(|f| {
        f.path.starts_with("data/")
            && f.path.ends_with(".json")
            && !f.path.starts_with("data/schema/")
    }) {
        let name = schema_for(&f.path).unwrap_or_else(|| panic!("{} has no schema", f.path));
        let schema: serde_json::Value = serde_json::from_slice(
            &std::fs::read(common::repo().join("schemas").join(name)).unwrap(),
        )
        .unwrap();
        let v = jsonschema::validator_for(&schema).unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&f.bytes).unwrap();
        let errors: Vec<String> = v
            .iter_errors(&doc)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .take(10)
            .collect();
        assert!(errors.is_empty(), "{} against {name}: {errors:#?}", f.path);
        checked += 1;
    }
    // resolutions, funding, trackers (none bundled), changes, one report snapshot, fifteen
    // resolution histories
    assert_eq!(checked, 4 + 1 + 15);
}

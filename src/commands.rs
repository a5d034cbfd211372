//! The commands of `portal`, as the command line runs them: each calls the pipeline, prints what a
//! maintainer needs (diagnostics, what was written) and returns the exit code (0 ok, 1 content or
//! build errors, 2 usage errors). Argument parsing stays in `main.rs`.

use crate::diagnostics::{self, escape_controls, Diagnostic, Format};
use crate::output::staging::{self, Outcome};
use crate::{validate, BuildOptions};
use std::path::{Path, PathBuf};

/// Ctrl-C or SIGTERM during a build: remove its staging folder and stop, leaving the output as it
/// was, or, if the new site was already in place, say so. If the handler cannot be installed, the
/// next build removes what an interrupted one left.
pub fn on_interrupt_clean_up() {
    let _ = ctrlc::set_handler(|| {
        match staging::interrupt() {
            staging::Interrupted::Stopped(outs) => {
                for out in outs {
                    eprintln!("interrupted; {} was left untouched", out.display());
                }
            }
            staging::Interrupted::AfterSwap { out, old } => eprintln!(
                "interrupted after the new site was put in place: {} is the new build; the previous one, in {}, was not (entirely) removed: the next build removes it",
                out.display(),
                old.display()
            ),
        }
        std::process::exit(130);
    });
}

/// Prints problems: machine formats to stdout (the GitHub runner reads workflow commands there),
/// prose to stderr.
pub fn report(diags: &[Diagnostic], format: Format, site: &Path) {
    if diags.is_empty() {
        return;
    }
    let text = diagnostics::print(diags, format, site);
    match format {
        Format::Json | Format::Github => print!("{text}"),
        Format::Human => eprint!("{text}"),
    }
}

/// Exit code 2, with a message, when `--site` names no folder.
fn site_problem(site: &Path) -> Option<u8> {
    if site.is_dir() {
        return None;
    }
    let shown = escape_controls(&site.display().to_string()).into_owned();
    eprintln!("error: --site `{shown}` is not a folder");
    eprintln!("  = hint: name the folder that holds site.yaml, content/ and themes/");
    Some(2)
}

/// Exit code 2, with the reason, when `out` cannot be the output folder of `site` (a link, a
/// foreign folder, a folder among the inputs…): checked before anything is built or created.
fn out_problem(out: &Path, site: &Path, format: Format) -> Option<u8> {
    let d = staging::check_output(out, site).err()?;
    report(&[d], format, site);
    eprintln!("nothing was built; {} was left untouched", out.display());
    Some(2)
}

/// Exit code 2, with the reason, when `--contact` is neither an https address nor an e-mail
/// address; else it is set for every build of this process.
fn contact_flag(contact: Option<&str>) -> Option<u8> {
    let c = contact?;
    if let Err(why) = validate::contact_link(c) {
        let shown = escape_controls(&validate::short(c)).into_owned();
        eprintln!("error: --contact `{shown}` {why}");
        eprintln!("  = hint: {}", validate::CONTACT_HINT);
        return Some(2);
    }
    crate::set_contact_flag(c);
    None
}

/// `portal build`.
pub fn build(
    site: PathBuf,
    out: Option<PathBuf>,
    base_url: Option<String>,
    contact: Option<String>,
    format: Format,
) -> u8 {
    if let Some(code) = site_problem(&site) {
        return code;
    }
    if let Some(code) = contact_flag(contact.as_deref()) {
        return code;
    }
    let base_url = match base_url.as_deref().map(validate::normalize_base_url) {
        None => None,
        Some(Ok(u)) => Some(u),
        Some(Err(why)) => {
            let shown =
                escape_controls(&validate::short(base_url.as_deref().unwrap_or(""))).into_owned();
            eprintln!("error: --base-url `{shown}` {why}");
            eprintln!(
                "  = hint: write it like https://example.org/ or https://example.org/portal/"
            );
            return 2;
        }
    };
    let out = out.unwrap_or_else(|| site.join("public"));
    if let Some(code) = out_problem(&out, &site, format) {
        return code;
    }
    let start = std::time::Instant::now();
    let r = crate::build(&BuildOptions {
        site: site.clone(),
        out: out.clone(),
        base_url,
    });
    report(&r.diagnostics, format, &site);
    if staging::interrupted() {
        // The Ctrl-C handler says what happened and ends the process; should it not, say it here.
        std::thread::sleep(std::time::Duration::from_secs(5));
        match r.output {
            Outcome::Replaced => eprintln!("interrupted; the new site is in {}", out.display()),
            _ => eprintln!("interrupted; {} was left untouched", out.display()),
        }
        return 130;
    }
    if r.has_errors() {
        match r.output {
            Outcome::Untouched => eprintln!("build failed; {} was left untouched", out.display()),
            Outcome::Replaced => eprintln!("built into {}, with the errors above", out.display()),
            Outcome::Disturbed => eprintln!("build failed; see above for the output folder"),
        }
        return 1;
    }
    eprintln!(
        "built {} files into {} in {} ms",
        r.count,
        out.display(),
        start.elapsed().as_millis()
    );
    0
}

/// `portal serve`: into `--out` if given (checked as `build` checks it), else into a private
/// temporary folder, removed when it stops, so that a release build in `public/` is never
/// replaced by a preview whose links point to 127.0.0.1.
pub fn serve(site: PathBuf, out: Option<PathBuf>, port: u16, contact: Option<String>) -> u8 {
    if let Some(code) = site_problem(&site) {
        return code;
    }
    if let Some(code) = contact_flag(contact.as_deref()) {
        return code;
    }
    let (out, scratch) = match out {
        Some(out) => {
            if let Some(code) = out_problem(&out, &site, Format::Human) {
                return code;
            }
            (out, None)
        }
        None => match crate::serve::preview_folder() {
            Ok(dir) => {
                staging::remove_on_interrupt(&dir);
                (dir.join("site"), Some(dir))
            }
            Err(e) => {
                eprintln!("error: cannot create a temporary folder for the preview: {e}");
                eprintln!("  = hint: set TMPDIR to a writable folder, or give --out");
                return 1;
            }
        },
    };
    let code = match crate::serve::serve(&site, &out, port) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: cannot serve on 127.0.0.1:{port}: {e}");
            eprintln!("  = hint: choose another --port (0 picks a free one)");
            2
        }
    };
    if let Some(dir) = scratch {
        let _ = std::fs::remove_dir_all(&dir);
        staging::forget_scratch(&dir);
    }
    code
}

/// `portal check`.
pub fn check(site: PathBuf, format: Format) -> u8 {
    if let Some(code) = site_problem(&site) {
        return code;
    }
    let diags = crate::check(&site);
    report(&diags, format, &site);
    if diags.iter().any(|d| d.is_error()) {
        return 1;
    }
    if format == Format::Human && diags.is_empty() {
        eprintln!("no problems found");
    }
    0
}

/// `portal new report`: exit 2 when the arguments are wrong (slug, symbol, date), 1 when the site
/// or the disk is.
pub fn new_report(site: PathBuf, slug: String, symbol: String, date: String) -> u8 {
    if let Some(code) = site_problem(&site) {
        return code;
    }
    let req = crate::scaffold::NewReport {
        site: &site,
        slug: &slug,
        symbol: &symbol,
        date: &date,
    };
    match crate::scaffold::new_report(&req) {
        Ok(files) => {
            for f in &files {
                println!("{}", f.display());
            }
            eprintln!(
                "wrote {} files; fill them in (every TODO, then delete each `unfinished: true`), then run `portal check`",
                files.len()
            );
            0
        }
        Err(e) => {
            report(&e.diagnostics, Format::Human, &site);
            if e.usage {
                2
            } else {
                1
            }
        }
    }
}

/// `portal search`: results as `rank. number title <url>`, the snippet with [matches] below; the
/// files and bytes read go to stderr. Exit 2 when there is no index for the language.
pub fn search(query: &str, lang: &str, site: PathBuf, out: Option<PathBuf>, limit: usize) -> u8 {
    let out = &out.unwrap_or_else(|| site.join("public"));
    use crate::search::query;
    let store = query::DirStore::new(out, lang);
    if !store.dir.join("meta.json").is_file() {
        eprintln!(
            "no search index for `{lang}` in {}; run `portal build` first, or check --lang and --out",
            store.dir.display()
        );
        return 2;
    }
    // The other languages' indexes, searched when this one finds nothing (as the browser does); in
    // name order, as `portal search` does not read site.yaml.
    let mut others: Vec<query::DirStore> = std::fs::read_dir(out.join("search"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|l| l != lang && out.join("search").join(l).join("meta.json").is_file())
        .map(|l| query::DirStore::new(out, &l))
        .collect();
    others.sort_by(|a, b| a.dir.cmp(&b.dir));
    let stores: Vec<&dyn query::Store> = std::iter::once(&store)
        .chain(&others)
        .map(|s| s as &dyn query::Store)
        .collect();
    match query::search_languages(&stores, query, limit) {
        Ok((used, r)) => {
            if used > 0 {
                let dir = &others[used - 1].dir;
                let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
                eprintln!(
                    "not found as typed in `{lang}`; results from `{}`",
                    name.unwrap_or_default()
                );
            }
            // The browser's notice says the same (`data-search-notice`: `data-corrected`,
            // `data-dropped`; the lacking words of each result, the suggestions as links).
            if !r.corrected.is_empty() {
                println!(
                    "not found as typed: {}; showing the nearest words of the text (marked [ ] below)",
                    r.corrected.join(" ")
                );
            }
            if !r.dropped.is_empty() {
                println!("not found, left out: {}", r.dropped.join(" "));
            }
            if r.partial {
                println!("no page has every word; each result below names the words it lacks");
            }
            if !r.suggestions.is_empty() {
                println!("no results; try: {}", r.suggestions.join(", "));
            }
            for (i, h) in r.hits.iter().enumerate() {
                let num = if h.file.n.is_empty() { "-" } else { &h.file.n };
                println!("{}. {num} {} </{}>", i + 1, h.file.t, h.href);
                let snip: String = h
                    .snippet
                    .iter()
                    .map(|(s, m)| if *m { format!("[{s}]") } else { s.clone() })
                    .collect();
                println!("   {snip}");
                if !h.lacks.is_empty() {
                    println!("   lacks: {}", h.lacks.join(" "));
                }
            }
            let all = std::iter::once(&store).chain(&others);
            let (files, bytes) =
                all.fold((0, 0), |(f, b), s| (f + s.files.get(), b + s.bytes.get()));
            eprintln!("{} results; read {files} files, {bytes} bytes", r.total);
            0
        }
        Err(e) => {
            eprintln!("search failed: {e}");
            1
        }
    }
}

//! The `portal` command line: parse arguments, call the library, print diagnostics, map the outcome to
//! an exit code (0 ok, 1 content or build errors, 2 usage errors).

use clap::{Parser, Subcommand};
use resolution_portal::diagnostics::{self, escape_controls, Format};
use resolution_portal::output::staging::Outcome;
use resolution_portal::validate;
use resolution_portal::{build, check, BuildOptions};
use std::path::PathBuf;
use std::process::ExitCode;

// mimalloc (see `alloc`). Without transparent huge pages it keeps about 40 MB less at the peak of
// a large build, for the same time.
#[global_allocator]
static GLOBAL: resolution_portal::alloc::Mi = resolution_portal::alloc::Mi;

#[derive(Parser)]
#[command(
    name = "portal",
    version,
    about = "Builds the UN-Habitat Assembly resolution tracking portal"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate the content and build the site into the output folder.
    Build {
        /// The site folder (holding site.yaml, content/ and themes/).
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// The output folder, replaced atomically on success (default: public/ in the site folder).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The absolute URL the site is served from, e.g. https://example.org/portal/.
        #[arg(long)]
        base_url: Option<String>,
        /// How to print problems.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Build, serve on 127.0.0.1 and rebuild when content or theme changes (a local preview).
    Serve {
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// The output folder (default: public/ in the site folder).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The port; 0 picks a free one.
        #[arg(long, default_value_t = 8000)]
        port: u16,
    },
    /// Validate everything without writing anything.
    Check {
        #[arg(long, default_value = ".")]
        site: PathBuf,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Start something new from what exists (`portal new report SLUG --symbol S --date D`).
    New {
        #[command(subcommand)]
        what: New,
    },
    /// Search the built site, from the same index the browser uses (run `portal build` first).
    Search {
        /// The query, as a reader would type it.
        query: String,
        /// The language of the index to search.
        #[arg(long, default_value = "en")]
        lang: String,
        /// The site folder (holding site.yaml).
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// The built site (default: public/ in the site folder).
        #[arg(long)]
        out: Option<PathBuf>,
        /// How many results to print.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
}

#[derive(Subcommand)]
enum New {
    /// Scaffold content/reports/SLUG/ from the latest report: report.yaml and an update stub for every
    /// resolution it covered, each marked unfinished (check and build refuse it until filled in).
    Report {
        /// The folder name and URL slug, e.g. hsp-eb-2025-1.
        slug: String,
        /// The document symbol, e.g. HSP/EB.2025/1.
        #[arg(long)]
        symbol: String,
        /// The distribution date, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        #[arg(long, default_value = ".")]
        site: PathBuf,
    },
}

fn report(diags: &[diagnostics::Diagnostic], format: Format, site: &std::path::Path) {
    if diags.is_empty() {
        return;
    }
    let text = diagnostics::print(diags, format, site);
    // Machine formats go to stdout (the GitHub runner reads workflow commands there); prose to stderr.
    match format {
        Format::Json | Format::Github => print!("{text}"),
        Format::Human => eprint!("{text}"),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Ctrl-C or SIGTERM during a build: remove its staging folder and stop, leaving the output as
    // it was. If the handler cannot be installed, the next build removes what an interrupted one left.
    let _ = ctrlc::set_handler(|| {
        resolution_portal::output::staging::interrupt();
        std::process::exit(130);
    });
    match cli.command {
        Command::Build {
            site,
            out,
            base_url,
            format,
        } => {
            if let Some(why) = base_url.as_deref().and_then(validate::base_url_problem) {
                let shown = escape_controls(&validate::short(base_url.as_deref().unwrap_or("")))
                    .into_owned();
                eprintln!("error: --base-url `{shown}` {why}");
                eprintln!(
                    "  = hint: write it like https://example.org/ or https://example.org/portal/"
                );
                return ExitCode::from(2);
            }
            let out = out.unwrap_or_else(|| site.join("public"));
            let start = std::time::Instant::now();
            let r = build(&BuildOptions {
                site: site.clone(),
                out: out.clone(),
                base_url,
            });
            report(&r.diagnostics, format, &site);
            if resolution_portal::output::staging::interrupted() {
                eprintln!("interrupted; {} was left untouched", out.display());
                return ExitCode::from(130);
            }
            if r.has_errors() {
                match r.output {
                    Outcome::Untouched => {
                        eprintln!("build failed; {} was left untouched", out.display())
                    }
                    Outcome::Replaced => {
                        eprintln!("built into {}, with the errors above", out.display())
                    }
                    Outcome::Disturbed => {
                        eprintln!("build failed; see above for the output folder")
                    }
                }
                return ExitCode::from(1);
            }
            eprintln!(
                "built {} files into {} in {} ms",
                r.count,
                out.display(),
                start.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Command::Serve { site, out, port } => {
            let out = out.unwrap_or_else(|| site.join("public"));
            match resolution_portal::serve::serve(&site, &out, port) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: cannot serve on 127.0.0.1:{port}: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Search {
            query,
            lang,
            site,
            out,
            limit,
        } => search(
            &query,
            &lang,
            &out.unwrap_or_else(|| site.join("public")),
            limit,
        ),
        Command::New {
            what:
                New::Report {
                    slug,
                    symbol,
                    date,
                    site,
                },
        } => {
            let req = resolution_portal::scaffold::NewReport {
                site: &site,
                slug: &slug,
                symbol: &symbol,
                date: &date,
            };
            match resolution_portal::scaffold::new_report(&req) {
                Ok(files) => {
                    for f in &files {
                        println!("{}", f.display());
                    }
                    eprintln!(
                        "wrote {} files; fill them in (every TODO, then delete each `unfinished: true`), then run `portal check`",
                        files.len()
                    );
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    report(&[d], Format::Human, &site);
                    ExitCode::from(1)
                }
            }
        }
        Command::Check { site, format } => {
            let diags = check(&site);
            report(&diags, format, &site);
            if diags.iter().any(|d| d.is_error()) {
                ExitCode::from(1)
            } else {
                if format == Format::Human && diags.is_empty() {
                    eprintln!("no problems found");
                }
                ExitCode::SUCCESS
            }
        }
    }
}

/// `portal search`: results as `rank. number title <url>`, the snippet with [matches] below; the
/// files and bytes read go to stderr. Exit 2 when there is no index for the language.
fn search(query: &str, lang: &str, out: &std::path::Path, limit: usize) -> ExitCode {
    use resolution_portal::search::query;
    let store = query::DirStore::new(out, lang);
    if !store.dir.join("meta.json").is_file() {
        eprintln!(
            "no search index for `{lang}` in {}; run `portal build` first, or check --lang and --out",
            store.dir.display()
        );
        return ExitCode::from(2);
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
                    "nothing in `{lang}`; results from `{}`",
                    name.unwrap_or_default()
                );
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
            }
            let all = std::iter::once(&store).chain(&others);
            let (files, bytes) =
                all.fold((0, 0), |(f, b), s| (f + s.files.get(), b + s.bytes.get()));
            eprintln!("{} results; read {files} files, {bytes} bytes", r.total);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("search failed: {e}");
            ExitCode::from(1)
        }
    }
}

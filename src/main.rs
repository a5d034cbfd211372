//! The `portal` command line: parse the arguments and run the command (`commands`), whose number is
//! the exit code (0 ok, 1 content or build errors, 2 usage errors; clap's own usage errors are 2).

use clap::{Parser, Subcommand};
use resolution_portal::commands;
use resolution_portal::diagnostics::Format;
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
        /// Where readers report errors (overrides `contact` of site.yaml): an https address, such
        /// as an issue tracker's, or an e-mail address.
        #[arg(long)]
        contact: Option<String>,
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
        /// Where readers report errors (overrides `contact` of site.yaml), as for `build`.
        #[arg(long)]
        contact: Option<String>,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    commands::on_interrupt_clean_up();
    ExitCode::from(match cli.command {
        Command::Build {
            site,
            out,
            base_url,
            contact,
            format,
        } => commands::build(site, out, base_url, contact, format),
        Command::Serve {
            site,
            out,
            port,
            contact,
        } => commands::serve(site, out, port, contact),
        Command::Check { site, format } => commands::check(site, format),
        Command::Search {
            query,
            lang,
            site,
            out,
            limit,
        } => commands::search(&query, &lang, site, out, limit),
        Command::New {
            what:
                New::Report {
                    slug,
                    symbol,
                    date,
                    site,
                },
        } => commands::new_report(site, slug, symbol, date),
    })
}

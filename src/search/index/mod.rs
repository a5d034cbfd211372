//! Build-time index: the site becomes, per language, a list of pages (each a list of documents: the
//! page itself, then its paragraphs), an inverted index from term to postings, cut into fragments by
//! term range, a vocabulary for typo tolerance, and small JSON files per page for the titles and
//! snippets of the results shown. Query time (`super::query`) reads these files and nothing else.
//!
//! ```text
//! search/{lang}/meta.json     {"v":2,"pages":P,"frags":[first term of each fragment],
//!                              "vf":[first word of each v/ file],"vr":[first word of each r/ file]}
//! search/{lang}/t/{i}.json    {"term":"postings",...}  terms in UTF-16 order, ~FRAGMENT_BYTES each;
//!                             a long list is `"term":[n,bytes]` (or `[n,bytes,[first page of each
//!                             part after the first]]`), its postings in b/{n}.json, b/{n+1}.json, …
//! search/{lang}/b/{n}.json    "postings"
//! search/{lang}/v/{i}.json    ["word",...]  the vocabulary, ~VOCAB_BYTES each; r/{i}.json reversed
//! search/{lang}/p/{i}-{k}.json  {"u":url,"n":number,"t":title,"d":[[href,text,fields],...]}: page i's
//!                             documents k × DOCS_PER_FILE onwards, at most DOCS_PER_FILE of them
//! ```
//!
//! Postings are a string of base-32 varints (see `tokenize::put_varint`), two per posting: the page
//! (delta from the previous posting's page) and `document × 4 + class`, where the class says where
//! the term occurs at best in that document: 3 title or number, 2 structured fields, 1 paragraph text.
//!
//! `fossick` chooses the pages and the text; `terms` gathers each term's `postings`; `build` cuts
//! them into `fragments` and writes them with the `vocabulary` and the `page_files`.

mod build;
mod fossick;
mod fragments;
mod page_files;
mod postings;
mod shorthand;
mod terms;
mod utf16;
mod vocabulary;

pub use build::{build, build_from, Put};
pub use fossick::{Pages, SearchDoc, SearchPage};
pub use fragments::{BIG_POSTINGS, FRAGMENT_BYTES};
pub use page_files::{json_str, page_files, DOCS_PER_FILE};
pub use postings::{split_postings, CLASS_FIELD, CLASS_TEXT, CLASS_TITLE, PART_BYTES};
pub use terms::para_term;
pub use utf16::utf16_cmp;
pub use vocabulary::{in_vocabulary, VOCAB_BYTES};

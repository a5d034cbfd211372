//! Query time: the same algorithm as the browser client (`themes/default/static/search.js`), run
//! against the built index files, for `portal search` and for tests.
//!
//! 1. The query is tokenised like the text. Every token is required (AND): a page matches when each
//!    token occurs somewhere in it. A Chinese run needs all its bigrams.
//! 2. The last word, unless followed by a space, also matches as a prefix (`biodivers`), and reaches
//!    stems it overshoots (`housin` → `hous`).
//! 3. Only the fragments holding the query's terms are read, then the page files of the hits shown.
//! 4. Score: Σ over tokens of idf × class weight (title/number 10, fields 3, text 1) × match factor
//!    (exact 1, prefix 0.7), plus half the idf sum when one document holds every token. A resolution
//!    number is title-class on its own page only, so `2/7` ranks resolution 2/7 first.

use super::index::{para_term, utf16_cmp, DOCS_PER_FILE, PART_BYTES};
use super::tokenize::{could_be_suffix, get_varints, tokenize, Kind, Token, SUFFIXES};
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

pub const WEIGHTS: [f64; 4] = [0.0, 1.0, 3.0, 10.0];
pub const PREFIX_FACTOR: f64 = 0.7;
pub const STEM_FACTOR: f64 = 0.9;
/// A prefix spanning more fragments than this is matched exactly only (bounds bytes per query).
pub const MAX_PREFIX_FRAGMENTS: usize = 3;
pub const MAX_EXPANSIONS: usize = 64;
/// Bytes of long posting lists (`b/{n}.json`) a query may fetch beyond its cheapest token.
pub const POSTINGS_BUDGET: usize = 48_000;

/// BM25 saturation: a page's weighted count of documents holding a token counts less and less
/// beyond this (a title hit, weight 10, scores 5.5 text hits; ten text hits score 5.5).
pub const K1: f64 = 10.0;
/// Match factor of a term one or two edits from a typed word (below exact 1, stem 0.9, prefix 0.7).
pub const TYPO_FACTOR: [f64; 3] = [1.0, 0.5, 0.35];

/// BM25's idf for a term found on `df` of `n` pages.
pub fn bm25_idf(n: f64, df: f64) -> f64 {
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Pages in a decoded posting list of (page, code), in page order.
fn distinct_pages(v: &[(usize, u64)]) -> usize {
    v.iter()
        .enumerate()
        .filter(|(i, p)| *i == 0 || v[i - 1].0 != p.0)
        .count()
}

/// Edit distance with adjacent transpositions (optimal string alignment), by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d: Vec<usize> = vec![0; (a.len() + 1) * w];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            d[i * w + j] = if i == 0 {
                j
            } else if j == 0 {
                i
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (d[(i - 1) * w + j] + 1)
                    .min(d[i * w + j - 1] + 1)
                    .min(d[(i - 1) * w + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[(i - 2) * w + j - 2] + 1);
                }
                v
            };
        }
    }
    d[a.len() * w + b.len()]
}

/// Edits between a typed word and a vocabulary stem: the least of the typed word's stem against
/// the stem, and of the typed word against the stem with each suffix the stemmer strips
/// (`citeis` is one transposition from `citi` + `es`).
fn typo_distance(t: &QueryToken, stem: &str) -> usize {
    let mut d = edit_distance(&t.exact, stem).min(edit_distance(&t.folded, stem));
    for suffix in SUFFIXES.split(' ') {
        d = d.min(edit_distance(&t.folded, &format!("{stem}{suffix}")));
    }
    d
}

/// Edits forgiven in a typed word of `n` letters: none below 5, one from 5, two from 8.
pub fn typos_allowed(n: usize) -> usize {
    match n {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    }
}

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

/// One required query token and the terms that satisfy it.
#[derive(Debug, Clone)]
pub struct QueryToken {
    pub exact: String,
    /// Shorter stems the typed word may be on its way to (last word only).
    pub stems: Vec<String>,
    /// Prefix to expand (last word, or a lone Chinese character).
    pub prefix: Option<String>,
    pub kind: Kind,
    /// Other terms that satisfy the token as well as `exact` does: a number may be a paragraph's.
    pub also: Vec<String>,
    /// The typed word, folded, unstemmed (for typo tolerance).
    pub folded: String,
}

/// Paragraph numbers written as such in a query (`¶38`, `para 38`, `paragraph 38`, `第38段`,
/// `38段`, `第三十八段`), and the query without them. Shared with search.js.
pub fn paragraphs(q: &str) -> (Vec<u32>, String) {
    let mut nums = Vec::new();
    let mut rest = String::with_capacity(q.len());
    let mut i = 0;
    let mut prev: Option<char> = None;
    while let Some(c) = q[i..].chars().next() {
        let boundary = !prev.is_some_and(char::is_alphanumeric);
        if let Some((n, end)) = paragraph_at(q, i, boundary) {
            nums.push(n);
            rest.push(' ');
            prev = Some(' ');
            i = end;
            continue;
        }
        rest.push(c);
        prev = Some(c);
        i += c.len_utf8();
    }
    (nums, rest)
}

/// A paragraph reference starting at byte `i`: (number, end). `boundary`: `i` starts a word.
fn paragraph_at(q: &str, i: usize, boundary: bool) -> Option<(u32, usize)> {
    let s = &q[i..];
    let lower = |n: usize| s.get(..n).map(str::to_ascii_lowercase);
    let skip_spaces = |j: usize| j + (q[j..].len() - q[j..].trim_start().len());
    let (j, needs_duan) = if let Some(r) = s.strip_prefix('¶') {
        (q.len() - r.len(), false)
    } else if let Some(r) = s.strip_prefix('第') {
        (q.len() - r.len(), true)
    } else if boundary
        && s.as_bytes()
            .first()
            .is_some_and(|b| b.is_ascii_alphabetic())
    {
        let word = ["paragraphs", "paragraph", "paras", "para"]
            .into_iter()
            .find(|w| lower(w.len()).as_deref() == Some(*w))?;
        let mut j = i + word.len();
        if q[j..].starts_with('.') {
            j += 1;
        }
        (j, false)
    } else if s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        // `38段`, a number followed by 段 (not Chinese numerals: 一段 is "a stretch").
        (i, true)
    } else {
        return None;
    };
    let j = skip_spaces(j);
    let (n, mut end) = number_at(q, j)?;
    if q[end..].chars().next().is_some_and(char::is_alphanumeric) && !needs_duan {
        return None;
    }
    if needs_duan {
        let k = skip_spaces(end);
        if q[k..].starts_with('段') {
            end = k + '段'.len_utf8();
        } else if !(s.starts_with('第')
            && q[k..].is_empty()
            && q[j..].starts_with(|c: char| c.is_ascii_digit()))
        {
            // `第38` at the end of a query is paragraph 38; `第一` is "first".
            return None;
        }
    }
    Some((n, end))
}

/// A paragraph number at byte `j`: ASCII or full-width digits, or Chinese numerals up to 99.
fn number_at(q: &str, j: usize) -> Option<(u32, usize)> {
    let digit = |c: char| match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    };
    let mut n: u32 = 0;
    let mut end = j;
    for c in q[j..].chars() {
        match digit(c) {
            Some(d) if n < 100_000 => n = n * 10 + d,
            _ => break,
        }
        end += c.len_utf8();
    }
    if end > j {
        return Some((n, end));
    }
    // Chinese numerals: 九, 十, 十二, 三十八.
    const CN: &str = "〇一二三四五六七八九";
    let cn = |c: char| CN.chars().position(|x| x == c).map(|p| p as u32);
    let mut it = q[j..].chars();
    let (a, b, c) = (it.next(), it.next(), it.next());
    let len = |cs: &[char]| cs.iter().map(|c| c.len_utf8()).sum::<usize>();
    match (a, b, c) {
        (Some('十'), Some(y), _) if cn(y).is_some_and(|d| d > 0) => {
            Some((10 + cn(y)?, j + len(&['十', y])))
        }
        (Some('十'), _, _) => Some((10, j + '十'.len_utf8())),
        (Some(x), Some('十'), Some(y)) if cn(x).is_some() && cn(y).is_some_and(|d| d > 0) => {
            Some((cn(x)? * 10 + cn(y)?, j + len(&[x, '十', y])))
        }
        (Some(x), Some('十'), _) if cn(x).is_some() => Some((cn(x)? * 10, j + len(&[x, '十']))),
        (Some(x), _, _) if cn(x).is_some_and(|d| d > 0) => Some((cn(x)?, j + x.len_utf8())),
        _ => None,
    }
}

pub fn parse(q: &str) -> Vec<QueryToken> {
    let (paras, rest) = paragraphs(q);
    let mut out: Vec<QueryToken> = Vec::new();
    for n in paras {
        let exact = para_term(n);
        if !out.iter().any(|o| o.exact == exact) {
            out.push(QueryToken {
                exact,
                stems: vec![],
                prefix: None,
                kind: Kind::Number,
                also: vec![],
                folded: String::new(),
            });
        }
    }
    let toks: Vec<Token> = tokenize(&rest);
    let open_end = !rest.ends_with(char::is_whitespace);
    let n = toks.len();
    for (i, t) in toks.into_iter().enumerate() {
        let last = i + 1 == n && open_end;
        let mut qt = QueryToken {
            exact: t.term.clone(),
            stems: vec![],
            prefix: None,
            kind: t.kind,
            also: vec![],
            folded: t.folded.clone(),
        };
        // A plain number may be a paragraph's (`38`).
        if t.kind == Kind::Number && t.term.len() <= 4 && !t.term.contains('/') {
            if let Ok(n) = t.term.parse::<u32>() {
                qt.also.push(para_term(n));
            }
        }
        match t.kind {
            Kind::Word | Kind::Number if last && t.folded.chars().count() >= 2 => {
                qt.prefix = Some(t.folded.clone());
                let f = &t.folded;
                if t.kind == Kind::Word && f.bytes().all(|b| b.is_ascii_lowercase()) {
                    for k in 3..f.len() {
                        if could_be_suffix(&f[k..]) && f[..k] != t.term {
                            qt.stems.push(f[..k].to_string());
                        }
                    }
                }
            }
            Kind::Unigram => qt.prefix = Some(t.term.clone()),
            _ => {}
        }
        if !out
            .iter()
            .any(|o| o.exact == qt.exact && o.prefix == qt.prefix)
        {
            out.push(qt);
        }
    }
    out
}

#[derive(serde::Deserialize)]
struct Meta {
    pages: usize,
    frags: Vec<String>,
    #[serde(default)]
    vf: Vec<String>,
    #[serde(default)]
    vr: Vec<String>,
}

#[derive(serde::Deserialize, Debug, Clone)]
pub struct PageFile {
    pub u: String,
    pub n: String,
    pub t: String,
    pub d: Vec<(String, String, String)>,
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub page: usize,
    pub score: f64,
    pub doc: usize,
    pub file: PageFile,
    /// Link to the page, relative to the site root.
    pub url: String,
    /// Link to the document where the words occur (the page, or a paragraph anchor).
    pub href: String,
    /// The snippet as (text, highlighted) pieces.
    pub snippet: Vec<(String, bool)>,
}

#[derive(Debug, Clone, Default)]
pub struct Results {
    pub total: usize,
    pub hits: Vec<Hit>,
}

fn frag_of(frags: &[String], term: &str) -> usize {
    // Last fragment whose first term is <= term.
    frags
        .partition_point(|f| utf16_cmp(f, term) != std::cmp::Ordering::Greater)
        .saturating_sub(1)
}

/// A term's postings as read: (page, document × 4 + class), in page order.
type Postings = Vec<(usize, u64)>;

/// Per page: score, tokens matched so far, and per document (tokens matched, weight).
type PageAcc = (f64, usize, BTreeMap<usize, (usize, f64)>);

/// Most vocabulary words a typo may stand for.
pub const MAX_TYPO_WORDS: usize = 3;

/// The vocabulary words within `typos_allowed` edits of a typed word, nearest first (at most
/// `MAX_TYPO_WORDS`), with their distance. Looks where the word's first two letters lead in the
/// vocabulary (`v/`), and where its last two lead in the reversed vocabulary (`r/`): one edit
/// leaves one end intact. At most two files of each are read.
/// One term fragment of the index (`t/{f}.json`): its terms and their postings.
fn fragment(store: &dyn Store, f: usize) -> Result<BTreeMap<String, serde_json::Value>, String> {
    let bytes = store
        .get(&format!("t/{f}.json"))
        .ok_or_else(|| format!("missing fragment {f}"))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("fragment {f}: {e}"))
}

fn near_words(
    store: &dyn Store,
    meta: &Meta,
    t: &QueryToken,
) -> Result<Vec<(String, usize)>, String> {
    let k = typos_allowed(t.folded.chars().count());
    if k == 0 {
        return Ok(vec![]);
    }
    let rev = |w: &str| w.chars().rev().collect::<String>();
    let start: String = t.folded.chars().take(2).collect();
    let end: String = rev(&t.exact).chars().take(2).collect();
    let mut found: BTreeMap<String, usize> = BTreeMap::new();
    for (firsts, dir, key, reversed) in [(&meta.vf, "v", start, false), (&meta.vr, "r", end, true)]
    {
        if firsts.is_empty() {
            continue;
        }
        let a = frag_of(firsts, &key);
        let b = frag_of(firsts, &format!("{key}\u{ffff}")).min(a + 1);
        for f in a..=b {
            let bytes = store
                .get(&format!("{dir}/{f}.json"))
                .ok_or_else(|| format!("missing vocabulary {dir}/{f}"))?;
            let words: Vec<String> =
                serde_json::from_slice(&bytes).map_err(|e| format!("{dir}/{f}: {e}"))?;
            for w in words.iter().filter(|w| w.starts_with(key.as_str())) {
                let w = if reversed { rev(w) } else { w.clone() };
                let d = typo_distance(t, &w);
                if (1..=k).contains(&d) {
                    found.insert(w, d);
                }
            }
        }
    }
    let mut v: Vec<(String, usize)> = found.into_iter().collect();
    v.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| utf16_cmp(&a.0, &b.0)));
    v.truncate(MAX_TYPO_WORDS);
    Ok(v)
}

/// Runs a query. `limit` caps the hits returned with their page files (the total counts all).
pub fn search(store: &dyn Store, q: &str, limit: usize) -> Result<Results, String> {
    let mut tokens = parse(q);
    if tokens.is_empty() {
        return Ok(Results::default());
    }
    let meta: Meta = serde_json::from_slice(&store.get("meta.json").ok_or("no search index")?)
        .map_err(|e| format!("meta.json: {e}"))?;
    // Fragments each token needs.
    let mut need: BTreeSet<usize> = BTreeSet::new();
    let mut prefix_ok: Vec<bool> = Vec::new();
    for t in &tokens {
        need.insert(frag_of(&meta.frags, &t.exact));
        for s in t.stems.iter().chain(&t.also) {
            need.insert(frag_of(&meta.frags, s));
        }
        let mut ok = false;
        if let Some(p) = &t.prefix {
            let a = frag_of(&meta.frags, p);
            let b = frag_of(&meta.frags, &format!("{p}\u{ffff}"));
            if b - a < MAX_PREFIX_FRAGMENTS {
                need.extend(a..=b);
                ok = true;
            }
        }
        prefix_ok.push(ok);
    }
    let mut dict: BTreeMap<String, serde_json::Value> = BTreeMap::new();
    for f in need {
        dict.extend(fragment(store, f)?);
    }
    let pages = meta.pages.max(1) as f64;
    // The terms that satisfy each token, with their match factor.
    let mut alts: Vec<Vec<(String, f64)>> = tokens
        .iter()
        .enumerate()
        .map(|(ti, t)| {
            let mut a: Vec<(String, f64)> = Vec::new();
            if dict.contains_key(&t.exact) {
                a.push((t.exact.clone(), 1.0));
            }
            for s in &t.also {
                if dict.contains_key(s) {
                    a.push((s.clone(), 1.0));
                }
            }
            for s in &t.stems {
                if dict.contains_key(s) {
                    a.push((s.clone(), STEM_FACTOR));
                }
            }
            if let (Some(p), true) = (&t.prefix, prefix_ok[ti]) {
                let mut keys: Vec<&String> = dict
                    .keys()
                    .filter(|k| k.starts_with(p.as_str()) && **k != t.exact)
                    .collect();
                keys.sort_by(|a, b| utf16_cmp(a, b));
                a.extend(
                    keys.into_iter()
                        .take(MAX_EXPANSIONS)
                        .map(|k| (k.clone(), PREFIX_FACTOR)),
                );
            }
            a
        })
        .collect();
    // Typo tolerance, for a word that matches nothing: the nearest vocabulary words.
    for ti in 0..tokens.len() {
        if !alts[ti].is_empty() || tokens[ti].kind != Kind::Word {
            continue;
        }
        let found = near_words(store, &meta, &tokens[ti])?;
        // The snippet highlights them as the word typed.
        tokens[ti].also.extend(found.iter().map(|w| w.0.clone()));
        for (w, _) in &found {
            if !dict.contains_key(w) {
                dict.extend(fragment(store, frag_of(&meta.frags, w))?);
            }
        }
        alts[ti] = found
            .into_iter()
            .filter(|(w, _)| dict.contains_key(w))
            .map(|(w, d)| (w, TYPO_FACTOR[d]))
            .collect();
    }
    // Every token is required: one that matches no term leaves no result.
    if alts.iter().any(Vec::is_empty) {
        return Ok(Results::default());
    }
    // Long posting lists are fetched cheapest token first, part by part (each part a range of
    // pages), within POSTINGS_BUDGET; the first part of the cheapest token is always read. A term
    // of which no part fits is left out (a token with no term left, out of matching: with Chinese
    // bigrams, the rarer neighbours of a common bigram already pin the phrase down); a term read in
    // part limits the results to the pages its parts cover (`cover`), the first pages of the portal.
    let long = |t: &str| -> Option<(u64, usize, Vec<usize>)> {
        let v = dict.get(t)?.as_array()?;
        let firsts = v
            .get(2)
            .and_then(|f| f.as_array())
            .map(|f| {
                f.iter()
                    .filter_map(|x| x.as_u64())
                    .map(|x| x as usize)
                    .collect()
            })
            .unwrap_or_default();
        Some((v.first()?.as_u64()?, v.get(1)?.as_u64()? as usize, firsts))
    };
    let cost: Vec<usize> = alts
        .iter()
        .map(|a| a.iter().map(|(t, _)| long(t).map_or(0, |l| l.1)).sum())
        .collect();
    let mut order: Vec<usize> = (0..tokens.len()).collect();
    order.sort_by_key(|&i| (cost[i], i));
    // term → its postings read so far, as (page, document × 4 + class), and the share of its list
    // they are (for idf).
    let mut postings: BTreeMap<String, (Postings, f64)> = BTreeMap::new();
    let decode = |s: &str, out: &mut Vec<(usize, u64)>| -> Result<(), String> {
        let v = get_varints(s).ok_or("bad postings")?;
        let mut page = 0usize;
        for pair in v.chunks(2) {
            page += pair[0] as usize;
            out.push((page, pair.get(1).copied().unwrap_or(0)));
        }
        Ok(())
    };
    let mut cover = usize::MAX;
    let mut spent = 0;
    let mut first = true;
    for &i in &order {
        let mut read: BTreeMap<String, usize> = BTreeMap::new();
        for (t, _) in &alts[i] {
            match &dict[t] {
                serde_json::Value::String(s) => {
                    let mut v = Vec::new();
                    decode(s, &mut v)?;
                    postings.insert(t.clone(), (v, 1.0));
                }
                _ => {
                    read.insert(t.clone(), 0);
                }
            }
        }
        // Round k reads part k of each long term, while the budget allows. Decisions are made
        // for the whole round on each part's size bound, then corrected (as search.js does them
        // before its fetches).
        for k in 0.. {
            let mut want: Vec<(String, u64, usize)> = Vec::new();
            for (t, _) in &alts[i] {
                let Some((n, bytes, firsts)) = long(t) else {
                    continue;
                };
                if read.get(t) != Some(&k) || k > firsts.len() {
                    continue;
                }
                let start = if k == 0 { 0 } else { firsts[k - 1] };
                let bound = bytes.min(PART_BYTES);
                if start >= cover || (!first && spent + bound > POSTINGS_BUDGET) {
                    continue;
                }
                spent += bound;
                first = false;
                want.push((t.clone(), n + k as u64, bytes));
            }
            if want.is_empty() {
                break;
            }
            for (t, f, bytes) in want {
                let b = store
                    .get(&format!("b/{f}.json"))
                    .ok_or_else(|| format!("missing postings {f}"))?;
                let s: String =
                    serde_json::from_slice(&b).map_err(|e| format!("postings {f}: {e}"))?;
                spent = spent + s.len() - bytes.min(PART_BYTES);
                let e = postings.entry(t.clone()).or_insert((Vec::new(), 0.0));
                decode(&s, &mut e.0)?;
                e.1 += s.len() as f64 / bytes.max(1) as f64;
                read.insert(t, k + 1);
            }
        }
        for (t, parts) in &read {
            let (_, _, firsts) = long(t).unwrap_or_default();
            if *parts > 0 && *parts <= firsts.len() {
                cover = cover.min(firsts[*parts - 1]);
            }
        }
        alts[i].retain(|(t, _)| read.get(t).is_none_or(|&k| k > 0));
    }
    let used: Vec<bool> = alts.iter().map(|a| !a.is_empty()).collect();
    // page → (score, tokens matched, document → (tokens matched, weight))
    let mut acc: BTreeMap<usize, PageAcc> = BTreeMap::new();
    let mut idf_sum = 0.0;
    let used_alts: Vec<&Vec<(String, f64)>> = alts
        .iter()
        .enumerate()
        .filter(|(i, _)| used[*i])
        .map(|(_, a)| a)
        .collect();
    for (ti, alts) in used_alts.iter().enumerate() {
        // page → doc → best weight for this token, in units of a text hit of its rarest term
        let mut best: BTreeMap<usize, BTreeMap<usize, f64>> = BTreeMap::new();
        let lists: Vec<(&Postings, f64, f64)> = alts
            .iter()
            .map(|(term, factor)| {
                let (v, share) = &postings[term.as_str()];
                let df = distinct_pages(v) as f64 / share.max(1e-9);
                (v, bm25_idf(pages, df), *factor)
            })
            .collect();
        let token_idf = lists.iter().map(|l| l.1).fold(0.0, f64::max);
        for (v, idf, factor) in &lists {
            for &(page, code) in v.iter().filter(|p| p.0 < cover) {
                let doc = (code / 4) as usize;
                let w = WEIGHTS[(code % 4) as usize] * factor * idf / token_idf.max(1e-9);
                let e = best.entry(page).or_default().entry(doc).or_insert(0.0);
                *e = e.max(w);
            }
        }
        idf_sum += token_idf;
        for (page, docs) in best {
            if ti > 0 && !acc.contains_key(&page) {
                continue;
            }
            let e = acc.entry(page).or_insert((0.0, 0, BTreeMap::new()));
            if e.1 != ti {
                continue;
            }
            e.1 += 1;
            // BM25F: the field-weighted count of the page's documents holding the token,
            // saturated (K1), times the token's idf.
            let tf: f64 = docs.values().sum();
            e.0 += token_idf * tf * (K1 + 1.0) / (tf + K1);
            for (d, w) in docs {
                let x = e.2.entry(d).or_insert((0, 0.0));
                x.0 += 1;
                x.1 += w * token_idf;
            }
        }
        acc.retain(|_, e| e.1 == ti + 1);
    }
    let n = used_alts.len();
    let mut ranked: Vec<(usize, f64, usize)> = acc
        .into_iter()
        .map(|(page, (score, _, docs))| {
            // Best document: most tokens, then a paragraph rather than the page's own fields (the
            // title is shown anyway), then weight, then first.
            let (doc, (count, _)) = docs
                .iter()
                .max_by(|a, b| {
                    (a.1 .0, *a.0 > 0, a.1 .1)
                        .partial_cmp(&(b.1 .0, *b.0 > 0, b.1 .1))
                        .unwrap_or(std::cmp::Ordering::Equal)
                        .then(b.0.cmp(a.0))
                })
                .map(|(d, x)| (*d, *x))
                .unwrap_or((0, (0, 0.0)));
            let bonus = if n > 1 && count == n {
                idf_sum / 2.0
            } else {
                0.0
            };
            (page, score + bonus, doc)
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.1.partial_cmp(&a.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.cmp(&b.0))
    });
    let total = ranked.len();
    let mut hits = Vec::new();
    for (page, score, doc) in ranked.into_iter().take(limit) {
        let bytes = store
            .get(&format!("p/{page}-{}.json", doc / DOCS_PER_FILE))
            .ok_or_else(|| format!("missing page {page}"))?;
        let file: PageFile =
            serde_json::from_slice(&bytes).map_err(|e| format!("page {page}: {e}"))?;
        let (href, text, fields) = file.d.get(doc % DOCS_PER_FILE).cloned().unwrap_or_default();
        let url = file.u.clone();
        let href = if href.is_empty() {
            url.clone()
        } else if href.starts_with('#') {
            format!("{url}{href}")
        } else {
            href
        };
        let mut snippet = snippet(&text, &tokens);
        if !snippet.iter().any(|s| s.1) && !fields.is_empty() {
            let f = self::snippet(&fields, &tokens);
            if f.iter().any(|s| s.1) {
                snippet = f;
            }
        }
        if snippet.iter().all(|s| s.0.is_empty()) {
            snippet = self::snippet(&file.t, &tokens);
        }
        hits.push(Hit {
            page,
            score,
            doc,
            file,
            url,
            href,
            snippet,
        });
    }
    Ok(Results { total, hits })
}

/// As the browser client answers: the first of `stores` (the page's language, then the others in
/// the order of `site.yaml`) whose index finds something, with its position in `stores`; the first
/// store's empty answer when none does.
pub fn search_languages(
    stores: &[&dyn Store],
    q: &str,
    limit: usize,
) -> Result<(usize, Results), String> {
    for (i, store) in stores.iter().enumerate() {
        let r = search(*store, q, limit)?;
        if r.total > 0 {
            return Ok((i, r));
        }
    }
    Ok((0, Results::default()))
}

/// Whether a token of the text matches the query.
pub fn matches(tok: &Token, q: &[QueryToken]) -> bool {
    q.iter().any(|t| {
        tok.term == t.exact
            || t.stems.contains(&tok.term)
            || t.also.contains(&tok.term)
            || t.prefix.as_ref().is_some_and(|p| {
                if t.kind == Kind::Unigram {
                    tok.term.starts_with(p.as_str()) || tok.term.ends_with(p.as_str())
                } else {
                    tok.folded.starts_with(p.as_str())
                }
            })
    })
}

/// Chars of context shown before the first match, and the snippet length.
pub const SNIPPET_BEFORE: usize = 40;
pub const SNIPPET_CHARS: usize = 180;

/// Characters a snippet may be cut after (at its start) or before (at its end).
fn is_break(c: char) -> bool {
    c.is_whitespace() || "，。；、：！？".contains(c)
}

/// Where a snippet's edge at character `a` moves to a word boundary, looking at most 20 characters
/// forward (`forward`: to just after a break) or back (to just before one); `a` if there is none.
fn word_edge(chars: &[(usize, char)], a: usize, forward: bool) -> usize {
    for k in 0..20 {
        let i = if forward { a + k } else { a.wrapping_sub(k) };
        if i == 0 || i >= chars.len() {
            return a;
        }
        if is_break(chars[if forward { i - 1 } else { i }].1) {
            return i;
        }
    }
    a
}

/// A window of `text` around the first match, cut at word boundaries, with matches marked.
pub fn snippet(text: &str, q: &[QueryToken]) -> Vec<(String, bool)> {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for t in tokenize(text) {
        if matches(&t, q) {
            match ranges.last_mut() {
                Some(r) if t.start <= r.1 => r.1 = r.1.max(t.end),
                _ => ranges.push((t.start, t.end)),
            }
        }
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let first = ranges.first().map(|r| r.0).unwrap_or(0);
    let first_ci = chars.partition_point(|(b, _)| *b < first);
    let mut from_ci = first_ci.saturating_sub(SNIPPET_BEFORE);
    let mut to_ci = (from_ci + SNIPPET_CHARS).min(chars.len());
    // Cut at word boundaries: after a space or Chinese punctuation, before one.
    if from_ci > 0 {
        from_ci = word_edge(&chars, from_ci, true).min(first_ci);
    }
    if to_ci < chars.len() {
        to_ci = word_edge(&chars, to_ci, false).max(first_ci + 1);
    }
    let from = chars.get(from_ci).map(|c| c.0).unwrap_or(text.len());
    let to = chars.get(to_ci).map(|c| c.0).unwrap_or(text.len());
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut pos = from;
    let lead = if from > 0 { "…" } else { "" };
    for (a, b) in ranges {
        let (a, b) = (a.max(from), b.min(to));
        if a >= b {
            continue;
        }
        out.push((text[pos..a].to_string(), false));
        out.push((text[a..b].to_string(), true));
        pos = b;
    }
    out.push((text[pos..to].trim_end().to_string(), false));
    if let Some(f) = out.first_mut() {
        f.0.insert_str(0, lead);
    }
    if to < text.len() {
        if let Some(l) = out.last_mut() {
            l.0.push('…');
        }
    }
    out.retain(|s| !s.0.is_empty());
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::OutFile;
    use crate::search::index::{build, SearchDoc, SearchPage};

    fn page(n: &str, title: &str, paras: &[&str]) -> SearchPage {
        let mut docs = vec![SearchDoc {
            title: format!("{n} {title}"),
            ..Default::default()
        }];
        for (i, p) in paras.iter().enumerate() {
            docs.push(SearchDoc {
                href: format!("#para-{}", i + 1),
                text: p.to_string(),
                ..Default::default()
            });
        }
        SearchPage {
            url: format!("en/resolutions/{}/", n.replace('/', "-")),
            number: n.into(),
            title: title.into(),
            docs,
        }
    }

    fn run(pages: &[SearchPage], q: &str) -> Vec<(String, String)> {
        let files = std::sync::Mutex::new(Vec::new());
        build(pages, &|p, bytes| {
            files.lock().unwrap().push(OutFile {
                path: format!("search/x/{p}"),
                bytes,
            });
            Ok(())
        })
        .unwrap();
        let mut files = files.into_inner().unwrap();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let store = MemStore::new(&files, "x");
        search(&store, q, 10)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| (h.file.n, h.href))
            .collect()
    }

    fn corpus() -> Vec<SearchPage> {
        vec![
            page(
                "1/1",
                "Urban planning",
                &[
                    "Work on adequate housing continued in Nairobi.",
                    "Cities met.",
                ],
            ),
            page(
                "1/2",
                "Adequate housing for all",
                &["The working group met in Nairobi."],
            ),
            page(
                "1/3",
                "Slum upgrading",
                &["Progress was made on housing finance, see resolution 1/2."],
            ),
            page(
                "2/1",
                "城市规划",
                &["人人享有适当住房的工作在内罗毕继续进行。"],
            ),
            page("2/2", "人人享有适当住房", &["工作组在内罗毕举行会议。"]),
            page(
                "2/3",
                "贫民窟改造",
                &["挪威特罗姆瑟举行了活动，与 SURGe 倡议合作。"],
            ),
        ]
    }

    #[test]
    fn title_hits_rank_above_body_hits() {
        let r = run(&corpus(), "adequate housing");
        assert_eq!(r[0].0, "1/2");
        assert_eq!(r[1], ("1/1".into(), "en/resolutions/1-1/#para-1".into()));
        let r = run(&corpus(), "适当住房");
        assert_eq!(
            r.iter().map(|h| h.0.as_str()).collect::<Vec<_>>(),
            ["2/2", "2/1"]
        );
        assert_eq!(r[1].1, "en/resolutions/2-1/#para-1");
    }

    #[test]
    fn every_token_is_required() {
        let r = run(&corpus(), "housing finance");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "1/3");
        // All bigrams of a Chinese run must occur.
        assert!(run(&corpus(), "特罗姆瑟")
            .iter()
            .map(|h| &h.0)
            .eq(["2/3"].iter()));
        assert!(run(&corpus(), "特罗姆斯").is_empty());
    }

    #[test]
    fn a_resolution_number_comes_first() {
        let r = run(&corpus(), "1/2");
        assert_eq!(r[0], ("1/2".into(), "en/resolutions/1-2/".into()));
        assert_eq!(r[1].0, "1/3");
    }

    #[test]
    fn mixed_prefix_and_stem_queries() {
        assert_eq!(run(&corpus(), "SURGe 倡议")[0].0, "2/3");
        assert_eq!(run(&corpus(), "nairo")[0].0, "1/1");
        assert_eq!(run(&corpus(), "nairo").len(), 2);
        // `housin` reaches the stem `hous`; `upgrad` the stem of `upgrading`.
        assert_eq!(run(&corpus(), "housin").len(), 3);
        assert_eq!(run(&corpus(), "slum upgrad")[0].0, "1/3");
        // A finished word (followed by a space) is not a prefix.
        assert!(run(&corpus(), "nairo ").is_empty());
    }

    #[test]
    fn paragraph_numbers_in_queries() {
        for q in [
            "¶38",
            "¶ 38",
            "para 38",
            "Para. 38",
            "paragraph 38",
            "第38段",
            "第 38 段",
            "38段",
            "第三十八段",
            "第38",
        ] {
            let (n, rest) = paragraphs(q);
            assert_eq!(n, [38], "{q}");
            assert!(rest.trim().is_empty(), "{q}: {rest:?}");
        }
        assert_eq!(paragraphs("第十段").0, [10]);
        assert_eq!(paragraphs("第九段").0, [9]);
        assert_eq!(paragraphs("housing para 12").0, [12]);
        assert_eq!(paragraphs("housing para 12").1, "housing  ");
        for q in [
            "一段时间",
            "第2届会议",
            "paragraphs",
            "parade 3",
            "第一",
            "38",
        ] {
            assert!(paragraphs(q).0.is_empty(), "{q}");
        }
        let q = parse("38");
        assert_eq!(
            (q[0].exact.as_str(), &q[0].also[..]),
            ("38", &["¶38".to_string()][..])
        );
        assert_eq!(parse("第38段")[0].exact, "¶38");
    }

    proptest::proptest! {
        #[test]
        fn any_query_parses(q in "\\PC{0,12}|[第段十九一¶para. 0-9３]{0,10}") {
            let _ = parse(&q);
        }
    }

    #[test]
    fn query_parsing() {
        let q = parse("Localizing");
        assert_eq!(q[0].exact, "localiz");
        assert_eq!(q[0].prefix.as_deref(), Some("localizing"));
        let q = parse("贫民窟 ");
        assert_eq!(
            q.iter().map(|t| t.exact.as_str()).collect::<Vec<_>>(),
            ["贫民", "民窟"]
        );
        assert!(parse("the of").is_empty());
    }

    #[test]
    fn the_browser_client_shares_the_tables() {
        let js = include_str!("../../themes/default/static/search.js");
        use crate::search::tokenize::{ALPHABET, FOLD, MULTIPLIERS, STOP, SUFFIXES};
        for (name, v) in [
            ("MULTIPLIERS", MULTIPLIERS),
            ("FOLD", FOLD),
            ("STOP", STOP),
            ("SUFFIXES", SUFFIXES),
            ("AB", std::str::from_utf8(ALPHABET).unwrap()),
        ] {
            assert!(
                js.contains(&format!("const {name} = \"{v}\";")),
                "search.js must define {name} exactly as src/search/tokenize.rs"
            );
        }
        for (name, v) in [
            ("W", "[0, 1, 3, 10]"),
            ("BEFORE", "40"),
            ("CHARS", "180"),
            ("K1", "10"),
            ("TYPO", "[1, 0.5, 0.35]"),
            ("BUCKETS", "32"),
            ("DPF", "2"),
        ] {
            assert!(js.contains(&format!("{name} = {v}")), "search.js: {name}");
        }
        assert_eq!(WEIGHTS, [0.0, 1.0, 3.0, 10.0]);
        assert_eq!((K1, TYPO_FACTOR), (10.0, [1.0, 0.5, 0.35]));
        assert_eq!((crate::search::han::BUCKETS, DOCS_PER_FILE), (32, 2));
        assert_eq!(
            (SNIPPET_BEFORE, SNIPPET_CHARS, POSTINGS_BUDGET),
            (40, 180, 48_000)
        );
        assert!(js.contains("BUDGET = 48000") && js.contains("PART = 16000"));
        assert_eq!(PART_BYTES, 16_000);
    }
}

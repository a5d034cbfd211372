//! Traditional → simplified folding of Chinese characters, so that text and queries in either script
//! meet (`貧民窟` finds `贫民窟`). The table, `opencc/han_fold.txt`, is made from OpenCC's dictionaries
//! (Apache-2.0, `opencc/LICENSE`) by `scripts/han-fold.py`; the browser client fetches the same
//! pairs, cut into `BUCKETS` files `search/han/{code point % BUCKETS}.json`, only for the characters
//! it types (a few hundred bytes each).

use std::sync::LazyLock;

/// `from to` pairs, one per line, sorted by code point (see `scripts/han-fold.py`).
pub const TABLE: &str = include_str!("opencc/han_fold.txt");

/// The dense part of the lookup: CJK Extension A and Unified Ideographs, where nearly all
/// traditional characters are and where nearly all the text's characters are looked up.
const DENSE: std::ops::Range<u32> = 0x3400..0xA000;

struct Fold {
    /// `DENSE.start + i` → its folding, or 0 for none.
    dense: Vec<u32>,
    /// The other pairs (supplementary planes, compatibility ideographs), sorted.
    rest: Vec<(char, char)>,
}

static FOLD: LazyLock<Fold> = LazyLock::new(|| {
    let mut f = Fold {
        dense: vec![0; DENSE.len()],
        rest: Vec::new(),
    };
    for (from, to) in pairs() {
        if DENSE.contains(&(from as u32)) {
            f.dense[(from as u32 - DENSE.start) as usize] = to as u32;
        } else {
            f.rest.push((from, to));
        }
    }
    f.rest.sort_unstable();
    f
});

/// The pairs of `TABLE`, in its order.
pub fn pairs() -> impl Iterator<Item = (char, char)> {
    TABLE.lines().filter_map(|l| {
        let mut c = l.chars();
        match (c.next(), c.next(), c.next()) {
            (Some(a), Some(b), None) => Some((a, b)),
            _ => None,
        }
    })
}

/// The simplified form of `c`, or `c` itself.
pub fn fold(c: char) -> char {
    let n = c as u32;
    let f = &*FOLD;
    let to = if DENSE.contains(&n) {
        f.dense[(n - DENSE.start) as usize]
    } else if n < 0x2E80 {
        0
    } else {
        match f.rest.binary_search_by_key(&c, |p| p.0) {
            Ok(k) => f.rest[k].1 as u32,
            Err(_) => 0,
        }
    };
    char::from_u32(to).filter(|_| to != 0).unwrap_or(c)
}

/// Number of files the browser's table is cut into. Shared with search.js.
pub const BUCKETS: u32 = 32;

/// The browser's files: for bucket `i`, the pairs of the characters whose code point is `i`
/// modulo `BUCKETS`, as one string (`"貧贫當当…"`).
pub fn buckets() -> Vec<String> {
    let mut out = vec![String::new(); BUCKETS as usize];
    for (from, to) in pairs() {
        let s = &mut out[(from as u32 % BUCKETS) as usize];
        s.push(from);
        s.push(to);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_folds_to_simplified() {
        let f = |s: &str| s.chars().map(fold).collect::<String>();
        assert_eq!(f("貧民窟"), "贫民窟");
        assert_eq!(f("適當住房"), "适当住房");
        assert_eq!(f("臺灣 台湾 裡 裏 啟 啓"), "台湾 台湾 里 里 启 启");
        // Simplified text and other scripts are left alone.
        assert_eq!(f("贫民窟 abc 1"), "贫民窟 abc 1");
    }

    #[test]
    fn the_table_is_complete_sorted_and_idempotent() {
        let p: Vec<(char, char)> = pairs().collect();
        assert_eq!(p.len(), TABLE.lines().count(), "every line is a pair");
        assert!(
            p.len() > 3000,
            "OpenCC's table has over 3,000 characters that change"
        );
        assert!(p.windows(2).all(|w| w[0].0 < w[1].0));
        for (a, b) in p {
            assert_ne!(a, b);
            assert_eq!(fold(a), b);
            assert_eq!(fold(b), b, "{a}→{b} folds again");
        }
        let total: usize = buckets().iter().map(|s| s.chars().count()).sum();
        assert_eq!(total, 2 * TABLE.lines().count());
    }
}

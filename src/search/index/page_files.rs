//! Page files (`p/{i}-{k}.json`): the url, number, title and documents of a page, a few documents
//! per file, for the results shown. JSON written by hand, exactly as serde_json writes it.

use super::fossick::{SearchDoc, SearchPage};

/// Documents per page file: a result shows one document, so a query reads only the file holding
/// it rather than the whole page (a page of the generated 10,000-resolution portal is 8 KB; its
/// report page, every paragraph, megabytes).
pub const DOCS_PER_FILE: usize = 2;

/// The page files of a page: (`p/{i}-{k}.json`, bytes) for each group `k` of `DOCS_PER_FILE`
/// documents.
pub fn page_files(i: usize, p: &SearchPage) -> impl Iterator<Item = (String, Vec<u8>)> + '_ {
    p.docs
        .chunks(DOCS_PER_FILE)
        .enumerate()
        .map(move |(k, docs)| (format!("p/{i}-{k}.json"), page_json(p, docs)))
}

/// A page file, `{"u":url,"n":number,"t":title,"d":[[href,text,fields],...]}` (and `"s"`, the
/// shortfall mark, on every file of a resolution page) with the documents
/// `docs` of page `p`, as serde_json would write it. Written by hand because these files are most
/// of the index's bytes and serde_json escapes strings a byte at a time.
fn page_json(p: &SearchPage, docs: &[SearchDoc]) -> Vec<u8> {
    let text: usize = docs
        .iter()
        .map(|d| d.href.len() + d.text.len() + d.fields.len() + 12)
        .sum();
    let mut out = Vec::with_capacity(text + p.url.len() + p.number.len() + p.title.len() + 32);
    for (key, value) in [
        ("{\"u\":", &p.url),
        (",\"n\":", &p.number),
        (",\"t\":", &p.title),
    ] {
        out.extend_from_slice(key.as_bytes());
        json_str(&mut out, value);
    }
    if !p.shortfall.is_empty() {
        out.extend_from_slice(b",\"s\":");
        json_str(&mut out, p.shortfall);
    }
    out.extend_from_slice(b",\"d\":[");
    for (i, d) in docs.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"[" } else { b",[" });
        json_str(&mut out, &d.href);
        out.push(b',');
        json_str(&mut out, &d.text);
        out.push(b',');
        json_str(&mut out, &d.fields);
        out.push(b']');
    }
    out.extend_from_slice(b"]}");
    out
}

/// Appends `s` as a JSON string, escaped exactly as serde_json escapes it. Eight bytes at a time
/// are checked for a quote, a backslash or a control character; most text has none.
pub fn json_str(out: &mut Vec<u8>, s: &str) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    let special = |w: u64| {
        w.wrapping_sub(0x20 * ONES) & !w & HIGH != 0 // a byte below 0x20
            || has_zero(w ^ (b'"' as u64 * ONES))
            || has_zero(w ^ (b'\\' as u64 * ONES))
    };
    let b = s.as_bytes();
    out.push(b'"');
    let mut start = 0;
    let mut i = 0;
    loop {
        // Whole words without a special byte are skipped.
        while let Some(chunk) = b.get(i..i + 8) {
            let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            if special(w) {
                break;
            }
            i += 8;
        }
        // The next byte at most eight bytes on is special, or the string ends.
        let end = (i + 8).min(b.len());
        while i < end {
            let c = b[i];
            let esc: &[u8] = match c {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x08 => b"\\b",
                0x0C => b"\\f",
                0x00..=0x1F => &[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[(c >> 4) as usize],
                    HEX[(c & 15) as usize],
                ],
                _ => {
                    i += 1;
                    continue;
                }
            };
            out.extend_from_slice(&b[start..i]);
            out.extend_from_slice(esc);
            i += 1;
            start = i;
        }
        if i >= b.len() {
            break;
        }
    }
    out.extend_from_slice(&b[start..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    proptest::proptest! {
        #[test]
        fn strings_escape_as_serde_json_does(s in "(\\PC|[\"\\\\\u{0}-\u{1f}\u{7f}])*") {
            let mut out = Vec::new();
            json_str(&mut out, &s);
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&s).unwrap());
        }
    }

    #[test]
    fn page_files_are_what_serde_json_writes() {
        #[derive(Serialize)]
        struct PageFile<'a> {
            u: &'a str,
            n: &'a str,
            t: &'a str,
            s: &'a str,
            d: Vec<(&'a str, &'a str, &'a str)>,
        }
        let doc = |href: &str, text: &str| SearchDoc {
            href: href.into(),
            text: text.into(),
            fields: "Nairobi · \"UN\\Habitat\"\t".into(),
            title: String::new(),
            para: None,
        };
        let p = SearchPage {
            url: "en/resolutions/2-7/".into(),
            number: "2/7".into(),
            title: "Adequate housing for all 人人享有适当住房".into(),
            docs: vec![
                doc("", "background\u{1}text"),
                doc("#para-38", "第 38 段 text"),
            ],
            shortfall: "named",
        };
        let reference = PageFile {
            u: &p.url,
            n: &p.number,
            t: &p.title,
            s: p.shortfall,
            d: p.docs
                .iter()
                .map(|d| (d.href.as_str(), d.text.as_str(), d.fields.as_str()))
                .collect(),
        };
        assert_eq!(
            page_json(&p, &p.docs),
            serde_json::to_vec(&reference).unwrap()
        );
        let files: Vec<String> = page_files(7, &p).map(|f| f.0).collect();
        assert_eq!(files, ["p/7-0.json"]);
    }
}

//! Paragraph references written as such in a query (`¶38`, `para 38`, `第38段`, `第三十八段`), as
//! search.js reads them. Knows nothing of terms or the index.

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

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}

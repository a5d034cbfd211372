//! The order of terms in the index: UTF-16 order, as JavaScript compares strings, so that the
//! client and `super::super::query` find a term's fragment by the same comparison.

/// UTF-16 order, the order of JavaScript string comparison.
pub fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let n = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    if n == x.len() || n == y.len() {
        return x.len().cmp(&y.len());
    }
    // The first character that differs decides; it starts at the same place in both.
    let mut s = n;
    while !a.is_char_boundary(s) {
        s -= 1;
    }
    let key = |c: Option<char>| {
        let c = c.unwrap_or_default();
        let mut units = [0u16; 2];
        (c.encode_utf16(&mut units)[0], c as u32)
    };
    key(a[s..].chars().next()).cmp(&key(b[s..].chars().next()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16_reference(a: &str, b: &str) -> std::cmp::Ordering {
        a.encode_utf16().cmp(b.encode_utf16())
    }

    #[test]
    fn utf16_order() {
        // UTF-8 puts U+FF5E before U+1F600; UTF-16 puts its surrogate D83D first.
        let words = [
            "", "a", "ab", "b", "é", "特", "特罗", "～", "😀", "😁", "a😀", "a～", "\u{e000}", "𠀀",
        ];
        for a in words {
            for b in words {
                assert_eq!(utf16_cmp(a, b), utf16_reference(a, b), "{a:?} {b:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn utf16_order_as_the_reference(
            a in "[a\u{e9}\u{7f57}\u{ff5e}\u{1f600}\u{20000}]{0,4}",
            b in "[a\u{e9}\u{7f57}\u{ff5e}\u{1f600}\u{20000}]{0,4}",
        ) {
            proptest::prop_assert_eq!(utf16_cmp(&a, &b), utf16_reference(&a, &b));
        }
    }
}

//! Identifiers and dates parsed once from content, so that no free string is trusted afterwards:
//! a `ResolutionId` can only hold digits, which is what makes it safe to use in output paths.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A resolution number such as `2/7`: Assembly session 2, resolution 7.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct ResolutionId {
    pub session: u16,
    pub number: u16,
}

impl ResolutionId {
    /// Parses `2/7` (as written in content) or `2-7` (as in file names and URLs).
    pub fn parse(s: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "`{s}` is not a resolution number; write it as session/number, for example \"2/7\""
            )
        };
        let (a, b) = s.split_once(['/', '-']).ok_or_else(bad)?;
        let num = |p: &str| -> Result<u16, String> {
            if p.is_empty()
                || p.len() > 4
                || !p.bytes().all(|c| c.is_ascii_digit())
                || p.starts_with('0')
            {
                return Err(bad());
            }
            p.parse().map_err(|_| bad())
        };
        Ok(ResolutionId {
            session: num(a)?,
            number: num(b)?,
        })
    }

    /// The form used in file names and URLs: `2-7`.
    pub fn slug(&self) -> String {
        format!("{}-{}", self.session, self.number)
    }
}

impl TryFrom<String> for ResolutionId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        ResolutionId::parse(&s)
    }
}

impl fmt::Display for ResolutionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.session, self.number)
    }
}

impl Serialize for ResolutionId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A date as precise as the report gives it: `2024`, `2024-04` or `2024-12-09`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn parse(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a date; write \"YYYY-MM-DD\", \"YYYY-MM\" or \"YYYY\"");
        let parts: Vec<&str> = s.split('-').collect();
        if parts.is_empty() || parts.len() > 3 {
            return Err(bad());
        }
        let field = |p: &str, len: usize| -> Result<u16, String> {
            if p.len() != len || !p.bytes().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            p.parse().map_err(|_| bad())
        };
        let year = field(parts[0], 4)?;
        let month = parts
            .get(1)
            .map(|p| field(p, 2))
            .transpose()?
            .map(|m| m as u8);
        let day = parts
            .get(2)
            .map(|p| field(p, 2))
            .transpose()?
            .map(|d| d as u8);
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(bad());
            }
            if let Some(d) = day {
                if d == 0 || d > days_in_month(year, m) {
                    return Err(bad());
                }
            }
        }
        Ok(PartialDate { year, month, day })
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl TryFrom<String> for PartialDate {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        PartialDate::parse(&s)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_ids_in_both_spellings() {
        assert_eq!(
            ResolutionId::parse("2/7").unwrap(),
            ResolutionId {
                session: 2,
                number: 7
            }
        );
        assert_eq!(ResolutionId::parse("2-10").unwrap().to_string(), "2/10");
        for bad in [
            "", "2", "2/", "/7", "../7", "2/7/1", "02/7", "2/x", "2 /7", "99999/1",
        ] {
            assert!(ResolutionId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn parses_partial_dates() {
        assert_eq!(
            PartialDate::parse("2024-04").unwrap().to_string(),
            "2024-04"
        );
        assert_eq!(PartialDate::parse("2024-02-29").unwrap().day, Some(29));
        for bad in [
            "2023-02-29",
            "2024-13",
            "24-01-01",
            "2024-1-1",
            "",
            "2024-01-01-01",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn id_slugs_are_always_path_safe(s in ".{0,12}") {
            if let Ok(id) = ResolutionId::parse(&s) {
                let slug = id.slug();
                prop_assert!(slug.bytes().all(|c| c.is_ascii_digit() || c == b'-'));
                prop_assert_eq!(ResolutionId::parse(&slug).unwrap(), id);
            }
        }

        #[test]
        fn dates_never_panic(s in ".{0,14}") {
            let _ = PartialDate::parse(&s);
        }
    }
}

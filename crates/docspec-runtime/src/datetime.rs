//! A date-time that accepts what real payloads carry and writes it back the same way.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use chrono::{FixedOffset, NaiveDateTime, TimeZone, Timelike};

/// A point in time read from a `format: date-time` string.
///
/// Real APIs send more than RFC 3339: seven fractional digits
/// (`2018-04-18T18:28:50.3864118+02:00`), no offset at all (`2018-04-18T18:28:50`), `Z`, or an
/// offset without a colon (`+0200`). All of these parse. A value without an offset is taken as
/// UTC. Serializing writes the value the way it was read (same number of fractional digits,
/// same offset style), so a round trip through this type does not change the payload.
/// Equality, ordering and hashing compare the instant only.
#[derive(Debug, Clone, Copy)]
pub struct DateTime {
    value: chrono::DateTime<FixedOffset>,
    fraction_digits: u8,
    offset_style: OffsetStyle,
}

/// How the offset was written, so that serializing can write it the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OffsetStyle {
    /// No offset; the value is UTC.
    Missing,
    /// `Z`.
    Zulu,
    /// `+02:00`.
    Colon,
    /// `+0200`.
    NoColon,
}

/// Why a string is not a date-time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseDateTimeError {
    input: String,
}

impl fmt::Display for ParseDateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid date-time `{}`: expected e.g. `2018-04-18T18:28:50.3864118+02:00`",
            self.input
        )
    }
}

impl std::error::Error for ParseDateTimeError {}

impl DateTime {
    /// Wraps a chrono value; it serializes as RFC 3339 with as many fractional digits as needed.
    pub fn new(value: chrono::DateTime<FixedOffset>) -> Self {
        let fraction_digits = match value.nanosecond() % 1_000_000_000 {
            0 => 0,
            nanos => 9 - trailing_zero_digits(nanos),
        };
        let offset_style = if value.offset().local_minus_utc() == 0 {
            OffsetStyle::Zulu
        } else {
            OffsetStyle::Colon
        };
        DateTime {
            value,
            fraction_digits,
            offset_style,
        }
    }

    /// The instant with the offset it was written with.
    pub fn as_chrono(&self) -> &chrono::DateTime<FixedOffset> {
        &self.value
    }

    /// Unwraps the chrono value.
    pub fn into_chrono(self) -> chrono::DateTime<FixedOffset> {
        self.value
    }
}

impl From<chrono::DateTime<FixedOffset>> for DateTime {
    fn from(value: chrono::DateTime<FixedOffset>) -> Self {
        DateTime::new(value)
    }
}

impl From<chrono::DateTime<chrono::Utc>> for DateTime {
    fn from(value: chrono::DateTime<chrono::Utc>) -> Self {
        DateTime::new(value.fixed_offset())
    }
}

impl From<DateTime> for chrono::DateTime<FixedOffset> {
    fn from(value: DateTime) -> Self {
        value.value
    }
}

impl PartialEq for DateTime {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for DateTime {}

impl PartialOrd for DateTime {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DateTime {
    fn cmp(&self, other: &Self) -> Ordering {
        self.value.cmp(&other.value)
    }
}

impl Hash for DateTime {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl FromStr for DateTime {
    type Err = ParseDateTimeError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let error = || ParseDateTimeError {
            input: input.to_owned(),
        };
        let trimmed = input.trim();
        // `YYYY-MM-DDTHH:MM:SS` is 19 bytes; what follows is an optional fraction, then the
        // optional offset. Splitting by hand lets us remember both for serializing.
        if trimmed.len() < 19 || !trimmed.is_char_boundary(19) {
            return Err(error());
        }
        let (head, rest) = trimmed.split_at(19);
        let fraction_len = match rest.strip_prefix(['.', ',']) {
            Some(after_dot) => 1 + after_dot.bytes().take_while(u8::is_ascii_digit).count(),
            None => 0,
        };
        let (fraction, offset) = rest.split_at(fraction_len);
        let fraction_digits = fraction.len().saturating_sub(1);
        if fraction_len == 1 || fraction_digits > 9 {
            return Err(error());
        }
        let naive = NaiveDateTime::parse_from_str(head, "%Y-%m-%dT%H:%M:%S")
            .or_else(|_| NaiveDateTime::parse_from_str(head, "%Y-%m-%d %H:%M:%S"))
            .map_err(|_| error())?;
        let nanos = match fraction_digits {
            0 => 0,
            n => fraction[1..].parse::<u32>().map_err(|_| error())? * 10u32.pow(9 - n as u32),
        };
        let naive = naive.with_nanosecond(nanos).ok_or_else(error)?;
        let (offset, offset_style) = parse_offset(offset).ok_or_else(error)?;
        let value = offset
            .from_local_datetime(&naive)
            .single()
            .ok_or_else(error)?;
        Ok(DateTime {
            value,
            fraction_digits: fraction_digits as u8,
            offset_style,
        })
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.value.format("%Y-%m-%dT%H:%M:%S"))?;
        if self.fraction_digits > 0 {
            let nanos = format!("{:09}", self.value.nanosecond() % 1_000_000_000);
            write!(f, ".{}", &nanos[..usize::from(self.fraction_digits)])?;
        }
        let seconds = self.value.offset().local_minus_utc();
        let (sign, minutes) = if seconds < 0 {
            ('-', -seconds / 60)
        } else {
            ('+', seconds / 60)
        };
        match self.offset_style {
            OffsetStyle::Missing => Ok(()),
            OffsetStyle::Zulu if seconds == 0 => f.write_str("Z"),
            OffsetStyle::NoColon => write!(f, "{sign}{:02}{:02}", minutes / 60, minutes % 60),
            OffsetStyle::Zulu | OffsetStyle::Colon => {
                write!(f, "{sign}{:02}:{:02}", minutes / 60, minutes % 60)
            }
        }
    }
}

impl serde::Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for DateTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = DateTime;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date-time string such as `2018-04-18T18:28:50.3864118+02:00`")
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<DateTime, E> {
                value.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// Parses what follows the time: nothing, `Z`, `+02:00` or `+0200`.
fn parse_offset(text: &str) -> Option<(FixedOffset, OffsetStyle)> {
    let text = text.trim();
    if text.is_empty() {
        return Some((FixedOffset::east_opt(0)?, OffsetStyle::Missing));
    }
    if text.eq_ignore_ascii_case("z") {
        return Some((FixedOffset::east_opt(0)?, OffsetStyle::Zulu));
    }
    let (sign, digits) = match text.as_bytes()[0] {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (hours, minutes, style) = match digits.split_once(':') {
        Some((hours, minutes)) => (hours, minutes, OffsetStyle::Colon),
        None if digits.len() == 4 => (&digits[..2], &digits[2..], OffsetStyle::NoColon),
        None if digits.len() == 2 => (digits, "00", OffsetStyle::NoColon),
        None => return None,
    };
    if !(hours.len() == 2 && minutes.len() == 2) {
        return None;
    }
    let seconds = hours.parse::<i32>().ok()? * 3600 + minutes.parse::<i32>().ok()? * 60;
    Some((FixedOffset::east_opt(sign * seconds)?, style))
}

fn trailing_zero_digits(mut nanos: u32) -> u8 {
    let mut count = 0;
    while nanos.is_multiple_of(10) && count < 9 {
        nanos /= 10;
        count += 1;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::DateTime;

    fn round_trip(input: &str) -> String {
        let parsed: DateTime = input.parse().unwrap_or_else(|err| panic!("{err}"));
        parsed.to_string()
    }

    #[test]
    fn writes_back_what_it_read() {
        for input in [
            "2018-04-18T18:28:50.3864118+02:00",
            "2018-04-18T18:28:50",
            "2018-04-18T18:28:50Z",
            "2018-04-18T18:28:50.5-0330",
            "2018-04-18T18:28:50+0200",
            "2018-04-18T18:28:50.000+00:00",
        ] {
            assert_eq!(round_trip(input), input);
        }
    }

    #[test]
    fn missing_offset_is_utc() {
        let with: DateTime = "2018-04-18T18:28:50Z".parse().unwrap();
        let without: DateTime = "2018-04-18T18:28:50".parse().unwrap();
        assert_eq!(with, without);
    }

    #[test]
    fn rejects_garbage() {
        for input in [
            "",
            "yesterday",
            "2018-04-18T18:28:50.",
            "2018-04-18T18:28:50+2",
            "2018-13-01T00:00:00",
        ] {
            assert!(input.parse::<DateTime>().is_err(), "{input}");
        }
    }
}

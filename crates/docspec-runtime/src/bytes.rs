//! Byte payloads written as base64 text (`format: byte`).

use std::fmt;
use std::ops::Deref;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};

/// Bytes that travel as a base64 string.
///
/// Serializing writes standard base64 with padding. Deserializing also accepts the URL-safe
/// alphabet and missing padding, because servers disagree about both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Base64Bytes(pub Vec<u8>);

impl Base64Bytes {
    /// Decodes base64 text in any of the accepted alphabets.
    pub fn decode(text: &str) -> Option<Self> {
        let text: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
            .iter()
            .find_map(|engine| engine.decode(&text).ok())
            .map(Base64Bytes)
    }
}

impl Deref for Base64Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Base64Bytes {
    fn from(bytes: Vec<u8>) -> Self {
        Base64Bytes(bytes)
    }
}

impl From<Base64Bytes> for Vec<u8> {
    fn from(bytes: Base64Bytes) -> Self {
        bytes.0
    }
}

impl fmt::Display for Base64Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&STANDARD.encode(&self.0))
    }
}

impl serde::Serialize for Base64Bytes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Base64Bytes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Base64Bytes;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a base64 string")
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Base64Bytes, E> {
                Base64Bytes::decode(value).ok_or_else(|| E::custom("invalid base64"))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::Base64Bytes;

    #[test]
    fn accepts_both_alphabets_and_missing_padding() {
        for text in ["+/8=", "-_8", "+/8"] {
            assert_eq!(
                Base64Bytes::decode(text),
                Some(Base64Bytes(vec![0xfb, 0xff])),
                "{text}"
            );
        }
        assert_eq!(Base64Bytes(vec![0xfb, 0xff]).to_string(), "+/8=");
    }
}

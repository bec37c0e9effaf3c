//! Support code for crates that docspec generates: lenient date-time parsing, byte payloads,
//! and (behind the `server` feature) helpers for the axum glue.
//!
//! Generated code names everything here by full path (`::docspec_runtime::DateTime`), so this
//! crate is the only non-public dependency a generated crate has. Keep the API small: every
//! public item is part of the contract with already generated code.

#![deny(missing_docs)]

mod bytes;
mod datetime;
#[cfg(feature = "examples")]
pub mod examples;
#[cfg(feature = "server")]
pub mod server;

pub use bytes::Base64Bytes;
pub use datetime::{DateTime, ParseDateTimeError};

/// A calendar date (`format: date`), written `2024-02-29` on the wire.
pub type Date = chrono::NaiveDate;

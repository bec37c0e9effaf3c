//! Support code for crates that docspec generates: lenient date-time parsing, byte payloads,
//! and (behind the `server` feature) helpers for the axum glue.

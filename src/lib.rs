/*!
krock: resolve meeting-date clashes.

Data flows one way: sources → events → busy time → candidates → check / solve →
report / invites. Each module holds one of those steps; the binary (`main.rs`, `cli.rs`)
only parses arguments, calls in here and prints.
*/

pub mod atomic;
pub mod busy;
pub mod caldav_export;
pub mod candidates;
pub mod check;
pub mod diag;
pub mod events;
pub mod export;
pub mod holidays;
pub mod i18n;
pub mod ical;
pub mod init;
pub mod invite;
pub mod load;
pub mod plan;
pub mod proposal;
pub mod report;
pub mod safe_text;
pub mod saved;
pub mod solve;
pub mod source;
pub mod today;
pub mod world;

/*!
`export`: the messages that carry a chosen plan to the attendees (RFC 5546, iTIP).

- A new meeting's occurrence: `METHOD:REQUEST` with a UID of its own (stable: the same
  plan and date give the same UID).
- A moved occurrence of an existing series: `METHOD:REQUEST` with the series' UID, the
  `RECURRENCE-ID` of the original occurrence in the series' own zone and a `SEQUENCE` one
  above the series', so calendars move the entry instead of adding a second one.
- An occurrence booked as an event of its own (a term kept as single events, one UID
  each, no RRULE): moved with that UID and `SEQUENCE` + 1, without RECURRENCE-ID — never
  duplicated under a new UID.
- A withdrawn occurrence of a series: `METHOD:CANCEL`, `STATUS:CANCELLED`.
- Every attendee `ROLE=REQ-PARTICIPANT`, the meeting's `optional` people
  `OPT-PARTICIPANT`, its `chair` `CHAIR`.
- A file already there that differs only in DTSTAMP is kept as it is ([`keep_unchanged`]).
- Occurrences kept where they are need no message.

Files are named for people (`kd-2026-04-21.ics`, `kd-2026-05-29-cancel.ics`), written
all or nothing through [`crate::atomic`] (temporary files, then renames; a failure undoes
the run), and never replace a different file without `force`, nor a file krock cannot read.
*/

use crate::diag::{Error, ErrorKind, Result, Warnings};
use crate::events::RecurrenceId;
use crate::i18n::dates;
use crate::ical::windows_zones::windows_to_iana;
use crate::ical::zone::Zone;
use crate::invite::{escape_text, local_stamp, quote_param, utc_stamp, vtimezone, Writer};
use crate::solve::Found;
use crate::tr;
use crate::world::World;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One occurrence to announce.
#[derive(Debug, Clone)]
pub struct Chosen {
    pub meeting: usize,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub original: Option<DateTime<Utc>>,
    pub remote: Vec<String>,
}

/// What the chosen plan changes.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    pub chosen: Vec<Chosen>,
    pub withdrawn: Vec<(usize, DateTime<Utc>)>,
}

impl Changes {
    pub fn from_found(f: &Found) -> Changes {
        Changes {
            chosen: f
                .occurrences
                .iter()
                .map(|o| Chosen {
                    meeting: o.meeting,
                    start: o.start,
                    end: o.end,
                    original: o.original,
                    remote: o.attendance.remote.clone(),
                })
                .collect(),
            withdrawn: f.withdrawn.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Request,
    Cancel,
}

/// One message: a file's name and bytes, and whom it goes to.
#[derive(Debug, Clone)]
pub struct Message {
    pub file_name: String,
    pub method: Method,
    pub meeting: usize,
    pub start: DateTime<Utc>,
    pub original: Option<DateTime<Utc>>,
    pub to: Vec<String>,
    pub text: String,
}

/// The existing entry an original start names: its UID, its RECURRENCE-ID when it is an
/// instance of a recurring event (None for an event of its own — a series kept as single
/// events, one UID each), and the highest SEQUENCE of that UID.
struct Instance {
    uid: String,
    rid: Option<RecurrenceId>,
    sequence: i64,
}

fn instance(world: &World, meeting: usize, original: DateTime<Utc>) -> Option<Instance> {
    let m = &world.plan.meetings[meeting];
    let series = world.series.get(&m.id)?;
    let o = series.iter().find(|o| o.start == original)?;
    let sequence = series
        .iter()
        .filter(|x| x.uid == o.uid)
        .map(|x| x.info.sequence)
        .max()
        .unwrap_or(0);
    Some(Instance {
        uid: o.uid.as_deref()?.to_string(),
        rid: o.recurrence_id.clone(),
        sequence,
    })
}

/// The ROLE of a person in a meeting's invite: the chair `CHAIR`, an optional person
/// `OPT-PARTICIPANT`, every other attendee `REQ-PARTICIPANT` (an invited member, as
/// Outlook and Google read it — not only those the meeting cannot do without).
pub fn role(meeting: &crate::plan::Meeting, id: &str) -> &'static str {
    if meeting.chair.as_deref() == Some(id) {
        "CHAIR"
    } else if meeting.optional.iter().any(|o| o == id) {
        "OPT-PARTICIPANT"
    } else {
        "REQ-PARTICIPANT"
    }
}

/// A short stable hash (FNV-1a) for UIDs.
fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

struct Zones<'a> {
    world: &'a World,
    /// TZID → IANA zone used for its VTIMEZONE.
    used: BTreeMap<String, chrono_tz::Tz>,
}

impl Zones<'_> {
    /// `;TZID=…:local` for an instant in the plan's zone.
    fn plan_time(&mut self, t: DateTime<Utc>) -> String {
        let tz = self.world.plan.timezone;
        self.used.insert(tz.name().to_string(), tz);
        format!(
            ";TZID={}:{}",
            tz.name(),
            local_stamp(self.world.zone.to_local(t))
        )
    }

    /// A RECURRENCE-ID value in the series' own zone, or UTC when that zone has no tz
    /// database equivalent to describe in a VTIMEZONE.
    fn rid(&mut self, rid: &RecurrenceId, instant: DateTime<Utc>) -> String {
        match rid {
            RecurrenceId::Date(d) => format!(";VALUE=DATE:{}", d.format("%Y%m%d")),
            RecurrenceId::Local(local, Some(tzid)) => {
                let iana = Zone::iana(tzid).or_else(|| windows_to_iana(tzid).and_then(Zone::iana));
                match iana {
                    Some(Zone::Iana(tz)) => {
                        self.used.insert(tzid.to_string(), tz);
                        let value = if tzid.contains([':', ';', ',']) {
                            quote_param(tzid)
                        } else {
                            tzid.to_string()
                        };
                        format!(";TZID={value}:{}", local_stamp(*local))
                    }
                    _ => format!(":{}", utc_stamp(instant)),
                }
            }
            RecurrenceId::Local(_, None) => format!(":{}", utc_stamp(instant)),
        }
    }
}

/// The messages of a plan. `dtstamp` is the DTSTAMP of every message.
pub fn messages(
    world: &World,
    changes: &Changes,
    dtstamp: DateTime<Utc>,
    warnings: &mut Warnings,
) -> Result<Vec<Message>> {
    let plan = &world.plan;
    let file = plan.file.display().to_string();
    let mut out: Vec<Message> = Vec::new();
    let mut missing_email: Vec<String> = Vec::new();
    for (kind, meeting, start, end, original, remote) in changes
        .chosen
        .iter()
        .filter(|c| c.original != Some(c.start))
        .map(|c| {
            (
                Method::Request,
                c.meeting,
                c.start,
                Some(c.end),
                c.original,
                c.remote.clone(),
            )
        })
        .chain(
            changes
                .withdrawn
                .iter()
                .map(|(m, s)| (Method::Cancel, *m, *s, None, Some(*s), Vec::new())),
        )
    {
        let m = &plan.meetings[meeting];
        let series_instance = original.and_then(|o| instance(world, meeting, o));
        let organizer = match (&plan.organizer, world.series.get(&m.id).and_then(|s| s.first()).and_then(|o| o.info.organizer.clone())) {
            (Some(o), _) => (Some(o.name.clone()), o.email.clone()),
            (None, Some(email)) => (None, email),
            (None, None) => {
                return Err(Error::at(
                    &file,
                    ErrorKind::ExportRefused {
                        detail: "an invite needs an organizer; add organizer = {{ name = \"…\", email = \"…\" }} to [plan]".to_string(),
                    },
                ))
            }
        };
        let mut zones = Zones {
            world,
            used: BTreeMap::new(),
        };
        let mut body = Writer::default();
        body.line("BEGIN:VEVENT");
        let (uid, sequence) = match &series_instance {
            Some(i) => (i.uid.clone(), i.sequence + 1),
            None => (
                format!(
                    "krock-{}-{}-{:016x}@{}",
                    m.id,
                    local_stamp(world.zone.to_local(start)),
                    fnv(&format!("{}\u{0}{}", plan.name, m.id)),
                    organizer.1.rsplit('@').next().unwrap_or("krock.invalid")
                ),
                0,
            ),
        };
        body.line(&format!("UID:{}", escape_text(&uid)));
        body.line(&format!("DTSTAMP:{}", utc_stamp(dtstamp)));
        if let Some(i) = &series_instance {
            if let (Some(rid), Some(original)) = (&i.rid, original) {
                let rid = zones.rid(rid, original);
                body.line(&format!("RECURRENCE-ID{rid}"));
            }
        } else if kind == Method::Cancel {
            warnings.push(
                &file,
                None,
                format!(
                    "{} on {}: no series instance to cancel; skipped",
                    m.id,
                    local_stamp(world.zone.to_local(start))
                ),
            );
            continue;
        }
        body.line(&format!("SEQUENCE:{sequence}"));
        let dtstart = zones.plan_time(start);
        body.line(&format!("DTSTART{dtstart}"));
        let end = end.unwrap_or_else(|| start + m.duration);
        let dtend = zones.plan_time(end);
        body.line(&format!("DTEND{dtend}"));
        body.text_prop("SUMMARY", &m.title);
        if let Some(loc) = &m.location {
            body.text_prop("LOCATION", loc);
        }
        let name_of = |id: &String| {
            plan.people
                .iter()
                .find(|p| &p.id == id)
                .map(|p| p.name.clone())
                .unwrap_or_else(|| id.clone())
        };
        let mut description = Vec::new();
        match kind {
            Method::Request => {
                let lang = world.lang;
                if let Some(o) = original {
                    let local = world.zone.to_local(o);
                    description.push(tr!(
                        lang,
                        "invite-moved-from",
                        date = dates::date_no_year(lang, local.date()),
                        time = dates::time(lang, local.time())
                    ));
                }
                if !remote.is_empty() {
                    let who = remote.iter().map(name_of).collect::<Vec<_>>().join(", ");
                    description.push(tr!(lang, "invite-remote", who = who));
                }
                body.line("STATUS:CONFIRMED");
            }
            Method::Cancel => {
                description.push(world.lang.t("invite-cancelled"));
                body.line("STATUS:CANCELLED");
            }
        }
        if !description.is_empty() {
            body.text_prop("DESCRIPTION", &description.join("\n"));
        }
        let org_cn = organizer
            .0
            .as_ref()
            .map(|n| format!(";CN={}", quote_param(n)))
            .unwrap_or_default();
        body.line(&format!("ORGANIZER{org_cn}:mailto:{}", organizer.1));
        let mut to = Vec::new();
        for id in m.attendees.iter().chain(&m.optional) {
            let Some(p) = plan.people.iter().find(|p| &p.id == id) else {
                continue;
            };
            let Some(email) = &p.email else {
                if !missing_email.contains(id) {
                    missing_email.push(id.clone());
                }
                continue;
            };
            let role = role(m, id);
            body.line(&format!(
                "ATTENDEE;CN={};ROLE={role};PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{email}",
                quote_param(&p.name)
            ));
            to.push(email.clone());
        }
        body.line("END:VEVENT");

        let mut w = Writer::default();
        w.line("BEGIN:VCALENDAR");
        w.line("PRODID:-//krock//krock 0.1//EN");
        w.line("VERSION:2.0");
        w.line("CALSCALE:GREGORIAN");
        w.line(match kind {
            Method::Request => "METHOD:REQUEST",
            Method::Cancel => "METHOD:CANCEL",
        });
        let first = original.map_or(start, |o| o.min(start));
        let last = original.map_or(end, |o| o.max(end));
        for (tzid, tz) in &zones.used {
            w.text.push_str(&vtimezone(tzid, *tz, first, last));
        }
        w.text.push_str(&body.text);
        w.line("END:VCALENDAR");

        let date = world.zone.to_local(start).format("%Y-%m-%d");
        let base = match kind {
            Method::Request => format!("{}-{date}", m.id),
            Method::Cancel => format!("{}-{date}-cancel", m.id),
        };
        let mut file_name = format!("{base}.ics");
        if out.iter().any(|x| x.file_name == file_name) {
            file_name = format!("{base}-{}.ics", world.zone.to_local(start).format("%H%M"));
        }
        out.push(Message {
            file_name,
            method: kind,
            meeting,
            start,
            original,
            to,
            text: w.text,
        });
    }
    for id in missing_email {
        warnings.push(
            &file,
            None,
            format!("person \"{id}\" has no email; not invited (add email = \"…\" to the person)"),
        );
    }
    Ok(out)
}

/// The largest existing invite file read to compare with a new message.
const MAX_COMPARED_BYTES: u64 = 1 << 20;

/// Where `dir` already holds a message's file (a regular file) that differs from it only in
/// DTSTAMP, the message takes the file's bytes: nothing about the invite changed, so
/// writing leaves the file as it is and reports it "unchanged".
pub fn keep_unchanged(dir: &Path, messages: &mut [Message]) {
    for m in messages {
        let path = dir.join(&m.file_name);
        let small_file = std::fs::symlink_metadata(&path)
            .is_ok_and(|md| md.file_type().is_file() && md.len() <= MAX_COMPARED_BYTES);
        if !small_file {
            continue;
        }
        if let Ok(old) = std::fs::read_to_string(&path) {
            if old != m.text && crate::invite::same_but_dtstamp(&old, &m.text) {
                m.text = old;
            }
        }
    }
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    New,
    Replaced,
    Unchanged,
}

/// The largest existing invite read to compare with a new one; a larger file at an
/// invite's name is not one krock wrote.
const MAX_EXISTING_INVITE: u64 = 4 << 20;

/// Writes every message into `dir`, all or nothing (see [`crate::atomic`]): every
/// existing file is checked first (a different one is replaced only with `force`; one
/// that cannot be read, or is not a regular file, stops the export), then every file is
/// written to a temporary name, then all are renamed into place. A failure on the way
/// undoes what this run placed and says so.
pub fn write(dir: &Path, messages: &[Message], force: bool) -> Result<Vec<(PathBuf, Written)>> {
    use crate::atomic::{self, Existing, Staged};
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::at(
            dir.display().to_string(),
            ErrorKind::Output {
                detail: format!("cannot create the directory: {e}"),
            },
        )
    })?;
    let mut plan = Vec::new();
    for m in messages {
        let path = dir.join(&m.file_name);
        let old = atomic::existing(&path, MAX_EXISTING_INVITE).map_err(|r| {
            Error::at(
                path.display().to_string(),
                ErrorKind::ExportRefused {
                    detail: format!(
                        "{}; nothing was written (move it away, or choose another --out)",
                        r.0
                    ),
                },
            )
        })?;
        let status = match &old {
            Existing::File(old) if old == m.text.as_bytes() => Written::Unchanged,
            Existing::File(_) if force => Written::Replaced,
            Existing::File(_) => {
                return Err(Error::at(
                    path.display().to_string(),
                    ErrorKind::ExportRefused {
                        detail: "exists with other content; nothing was written (use --force to replace it, or another --out)".to_string(),
                    },
                ))
            }
            Existing::Absent => Written::New,
        };
        let old = match old {
            Existing::File(bytes) => Some(bytes),
            Existing::Absent => None,
        };
        plan.push((path, status, m, old));
    }
    let mut staged = Vec::new();
    for (path, status, m, old) in &plan {
        if *status == Written::Unchanged {
            continue;
        }
        // Staged files not published are removed when dropped.
        let s = Staged::new(path.clone(), m.text.as_bytes(), old.clone()).map_err(|e| {
            Error::at(
                path.display().to_string(),
                ErrorKind::Output {
                    detail: format!(
                        "cannot write: {e}; nothing was written (check that the folder can be written to)",
                    ),
                },
            )
        })?;
        staged.push(s);
    }
    atomic::publish_all(staged).map_err(|e| {
        Error::of(ErrorKind::Output {
            detail: e.to_string(),
        })
    })?;
    Ok(plan.into_iter().map(|(p, s, _, _)| (p, s)).collect())
}

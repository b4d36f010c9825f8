/*!
`export --caldav`: the chosen plan written into the organizer's CalDAV calendar, in place.

The messages of [`crate::export::messages`] say what changes; here each becomes a change
to a stored object:

- a moved occurrence of a series: its override VEVENT (UID, RECURRENCE-ID, the new
  DTSTART/DTEND) goes into the object that holds the series, with SEQUENCE one above the
  highest the object has; an override already there for that instance is replaced;
- a withdrawn occurrence: a cancelled override (STATUS:CANCELLED) the same way;
- an occurrence of a meeting without a series: a new object `<uid>.ics`.

Two phases: first every object is read and every change worked out — anything that
cannot be done (the series is not in that calendar; someone moved or cancelled the same
occurrence on the server) stops here with the reason, and nothing is written. Then each
object is written with `If-Match` on the ETag it was read with (`If-None-Match: *` for new
ones). When the server answers 412 (the object changed meanwhile), it is read again and
the change applied again to the new version, unless the other change touched the same
occurrence: then it is refused with the reason. A change already on the server is not
made twice. Servers that implement scheduling (RFC 6638) send the invitations themselves.
*/

use crate::diag::{Context, Error, ErrorKind, Result};
use crate::export::{Message, Method};
use crate::ical::splice::{self, InstanceState, Object};
use crate::source::caldav::Client;
use crate::source::caldav_discovery::{self as discovery, CalendarInfo};
use crate::source::caldav_xml::{self as xml, CALDAV, DAV};
use crate::source::FetchOptions;
use crate::world::World;

/// How often an object that changed meanwhile is read again and the change re-applied.
pub const MAX_RETRIES: usize = 3;

/// One stored object as read: where, its ETag, its text.
#[derive(Debug, Clone)]
struct Stored {
    href: String,
    etag: Option<String>,
    object: Object,
}

/// One change to make.
struct Change<'a> {
    message: &'a Message,
    uid: String,
    /// The override VEVENT (series changes) or the whole new object.
    vevent: String,
    zones: Vec<String>,
    facts: splice::EventFacts,
}

/// Writes the changes of `messages` into the calendar at `target`; with `dry_run` only
/// says what it would do. Returns one line per change for the user.
pub fn write_back(
    world: &World,
    messages: &[Message],
    target: &str,
    fetch: &FetchOptions,
    dry_run: bool,
) -> Result<Vec<String>> {
    let client = Client::new(target, fetch)?;
    let cal = one_calendar(&client)?;
    let mut series_changes: Vec<Change> = Vec::new();
    let mut new_events: Vec<Change> = Vec::new();
    for m in messages {
        let (Some(vevent), zones) = splice::message_parts(&m.text) else {
            continue;
        };
        let facts = splice::vevent_facts(&vevent);
        let uid = facts.uid.clone().unwrap_or_default();
        let c = Change {
            message: m,
            uid,
            vevent,
            zones,
            facts,
        };
        if c.facts.rid.is_some() {
            series_changes.push(c);
        } else {
            new_events.push(c);
        }
    }
    let when = |t| world.zone.to_local(t).format("%Y-%m-%d %H:%M").to_string();
    let meeting = |m: &Message| world.plan.meetings[m.meeting].id.clone();

    // Phase 1: read every object and work out every change.
    let mut uids: Vec<String> = series_changes.iter().map(|c| c.uid.clone()).collect();
    uids.sort();
    uids.dedup();
    let mut updates: Vec<(Stored, Vec<&Change>)> = Vec::new();
    let mut lines = Vec::new();
    for uid in &uids {
        let stored = find(&client, &cal, uid)?.ok_or_else(|| {
            Error::at(
                &client.name,
                ErrorKind::ExportRefused {
                    detail: format!(
                        "the series {uid} is not in this calendar; give the calendar that holds the organizer's copy of the series (`krock calendars` lists them); nothing was written",
                    ),
                },
            )
        })?;
        let mine: Vec<&Change> = series_changes.iter().filter(|c| &c.uid == uid).collect();
        let mut todo = Vec::new();
        for c in mine {
            let m = c.message;
            match stored.object.instance_state(&c.facts) {
                InstanceState::AlreadyDone => lines.push(format!(
                    "already in the calendar: {} {}",
                    meeting(m),
                    describe(m, &when)
                )),
                InstanceState::ChangedElsewhere(reason) => {
                    return Err(refused(&client, &meeting(m), m, &when, &reason, &[]));
                }
                InstanceState::Plain | InstanceState::OverrideInPlace => todo.push(c),
            }
        }
        if !todo.is_empty() {
            updates.push((stored, todo));
        }
    }
    let mut creates: Vec<&Change> = Vec::new();
    for c in &new_events {
        match find(&client, &cal, &c.uid)? {
            Some(s) if s.object.has_uid(&c.uid) => {
                let theirs = splice::vevent_facts(&s.object.text());
                if theirs.dtstart == c.facts.dtstart && theirs.dtend == c.facts.dtend {
                    lines.push(format!(
                        "already in the calendar: {} {}",
                        meeting(c.message),
                        describe(c.message, &when)
                    ));
                } else {
                    return Err(Error::at(
                        &client.name,
                        ErrorKind::ExportRefused {
                            detail: format!(
                                "an event with the UID krock gives {} {} is already in the calendar at another time; nothing was written (delete or move that event, or change the plan)",
                                meeting(c.message),
                                when(c.message.start),
                            ),
                        },
                    ));
                }
            }
            _ => creates.push(c),
        }
    }
    if dry_run {
        for (stored, todo) in &updates {
            for c in todo {
                lines.push(format!(
                    "would write: {} {}  (series \"{}\", SEQUENCE {})",
                    meeting(c.message),
                    describe(c.message, &when),
                    stored.object.summary(&c.uid).unwrap_or_default(),
                    stored.object.max_sequence(&c.uid) + 1
                ));
            }
        }
        for c in &creates {
            lines.push(format!(
                "would write: {} {}  (a new event)",
                meeting(c.message),
                describe(c.message, &when)
            ));
        }
        if lines.is_empty() {
            lines.push("Nothing to change: every planned occurrence stays where it is.".into());
        }
        return Ok(lines);
    }

    // Phase 2: write, each object guarded by the ETag it was read with.
    test_hook();
    let mut written: Vec<String> = Vec::new();
    for (stored, todo) in updates {
        let mut stored = stored;
        for attempt in 0..=MAX_RETRIES {
            let mut object = stored.object.clone();
            let sequence = object.max_sequence(&todo[0].uid) + 1;
            for c in &todo {
                object.put_override(&splice::with_sequence(&c.vevent, sequence), &c.zones);
            }
            let etag = stored.etag.clone().unwrap_or_else(|| "*".to_string());
            let url = client.absolute(&stored.href);
            let reply = client.send(
                "PUT",
                &url,
                &[
                    ("If-Match", etag.as_str()),
                    ("Content-Type", "text/calendar; charset=utf-8"),
                ],
                Some(&object.text()),
            )?;
            if reply.ok() {
                for c in &todo {
                    let line = format!(
                        "written: {} {}  (series \"{}\", SEQUENCE {sequence})",
                        meeting(c.message),
                        describe(c.message, &when),
                        stored.object.summary(&c.uid).unwrap_or_default()
                    );
                    written.push(line.clone());
                    lines.push(line);
                }
                break;
            }
            if reply.status != 412 || attempt == MAX_RETRIES {
                let e = if reply.status == 412 {
                    Error::at(
                        &client.name,
                        ErrorKind::ExportRefused {
                            detail: format!(
                                "the series {} keeps changing on the server ({} tries); try again later",
                                todo[0].uid,
                                MAX_RETRIES + 1,
                            ),
                        },
                    )
                } else {
                    client.status_error(reply.status, "writing the calendar")
                };
                return Err(with_written(e, &written));
            }
            // Changed meanwhile: read it again, and apply the change again if it still can be.
            stored = find(&client, &cal, &todo[0].uid)?.ok_or_else(|| {
                with_written(
                    Error::at(
                        &client.name,
                        ErrorKind::ExportRefused {
                            detail: format!(
                                "the series {} was deleted from the calendar meanwhile; nothing was written for it",
                                todo[0].uid,
                            ),
                        },
                    ),
                    &written,
                )
            })?;
            for c in &todo {
                if let InstanceState::ChangedElsewhere(reason) =
                    stored.object.instance_state(&c.facts)
                {
                    return Err(refused(
                        &client,
                        &meeting(c.message),
                        c.message,
                        &when,
                        &format!("{reason} on the server while krock was writing"),
                        &written,
                    ));
                }
            }
        }
    }
    for c in creates {
        let name = resource_name(&c.uid);
        let url = format!("{}{name}", with_slash(&cal.url));
        let text = splice::without_method(&c.message.text);
        let reply = client.send(
            "PUT",
            &url,
            &[
                ("If-None-Match", "*"),
                ("Content-Type", "text/calendar; charset=utf-8"),
            ],
            Some(&text),
        )?;
        if !reply.ok() {
            let e = if reply.status == 412 {
                Error::at(
                    &client.name,
                    ErrorKind::ExportRefused {
                        detail: format!(
                            "{name} was created by someone else meanwhile; nothing was overwritten — run the export again to compare",
                        ),
                    },
                )
            } else {
                client.status_error(reply.status, "adding an event to the calendar")
            };
            return Err(with_written(e, &written));
        }
        let line = format!(
            "written: {} {}  (a new event)",
            meeting(c.message),
            describe(c.message, &when)
        );
        written.push(line.clone());
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push("Nothing to change: every planned occurrence stays where it is.".into());
    }
    Ok(lines)
}

/// "moved 2026-04-24 08:30 → 2026-04-21 13:00" or "cancelled 2026-05-29 08:30".
fn describe(m: &Message, when: &dyn Fn(chrono::DateTime<chrono::Utc>) -> String) -> String {
    match (m.method, m.original) {
        (Method::Cancel, _) => format!("cancelled {}", when(m.start)),
        (_, Some(o)) => format!("moved {} → {}", when(o), when(m.start)),
        (_, None) => format!("added {}", when(m.start)),
    }
}

fn refused(
    client: &Client,
    meeting: &str,
    m: &Message,
    when: &dyn Fn(chrono::DateTime<chrono::Utc>) -> String,
    reason: &str,
    written: &[String],
) -> Error {
    let original = m.original.map(when).unwrap_or_else(|| when(m.start));
    with_written(
        Error::at(
            &client.name,
            ErrorKind::ExportRefused {
                detail: format!(
                    "refused to change {meeting} {original}: {reason}; nothing was written for it — run `krock propose` again on the calendar as it is now",
                ),
            },
        ),
        written,
    )
}

fn with_written(e: Error, written: &[String]) -> Error {
    if written.is_empty() {
        return e;
    }
    e.context(Context::AlreadyWritten(written.to_vec()))
}

fn with_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

/// A file name for a new object: the UID's safe characters, then `.ics`.
fn resource_name(uid: &str) -> String {
    let safe: String = uid
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{safe}.ics")
}

/// The single calendar at `client`'s address.
fn one_calendar(client: &Client) -> Result<CalendarInfo> {
    let mut cals = discovery::calendars(client)?;
    match cals.len() {
        1 => Ok(cals.remove(0)),
        0 => Err(client.status_error(404, "finding the calendar to write into")),
        n => Err(Error::at(
            &client.name,
            ErrorKind::ExportRefused {
                detail: format!(
                    "the address holds {n} calendars; give the address of the one to write into (`krock calendars` lists them): {}",
                    cals.iter().map(|c| c.path.as_str()).collect::<Vec<_>>().join(", "),
                ),
            },
        )),
    }
}

/// The object holding `uid` in the calendar, if any.
fn find(client: &Client, cal: &CalendarInfo, uid: &str) -> Result<Option<Stored>> {
    let (responses, _) = client.multistatus(
        "REPORT",
        &cal.url,
        "1",
        &xml::query_uid(uid),
        "looking up the series in the calendar",
    )?;
    Ok(responses.into_iter().find_map(|r| {
        let data = r.prop(CALDAV, "calendar-data")?.text.clone();
        let object = Object::parse(&data);
        object.has_uid(uid).then(|| Stored {
            etag: r.prop_text(DAV, "getetag"),
            href: r.href,
            object,
        })
    }))
}

/// Tests only (debug builds): run the program `KROCK_TEST_BEFORE_WRITE` names between
/// reading and writing, so a test can change the calendar at exactly that moment.
fn test_hook() {
    #[cfg(debug_assertions)]
    if let Some(program) = std::env::var_os("KROCK_TEST_BEFORE_WRITE") {
        let _ = std::process::Command::new(program).status();
    }
}

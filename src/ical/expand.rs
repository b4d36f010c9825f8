/*!
Recurrence expansion: a file's VEVENTs → occurrences in the window.

Per UID, the master (no RECURRENCE-ID) is expanded: DTSTART, every RRULE, every RDATE
(dates, date-times, periods), minus EXDATEs. Then the overrides sharing its UID replace
the instances their RECURRENCE-ID names (moved, retimed, cancelled), and a
`RANGE=THISANDFUTURE` override shifts every later instance too. An override that matches
no instance, or has no master, stands as an event of its own: nothing is dropped.

Expansion stops at the end of the window (or the latest overridden instance), so an
endless rule costs only what the window holds; `max_per_event` bounds the rest.
*/

use super::recur;
use super::tree::excerpt as tree_excerpt;
use super::value::RawTime;
use super::vevent::{ExtraDate, Length, Stamp, Vevent};
use super::zone::Zone;
use crate::diag::Warnings;
use crate::events::{EventInfo, Occurrence, ReadOptions, RecurrenceId};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// How an instance is named by a RECURRENCE-ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    At(i64),
    Day(NaiveDate),
}

/// One instance of a master before overrides: local start, and a fixed end for periods.
#[derive(Debug, Clone)]
struct Instance {
    local: NaiveDateTime,
    period_end: Option<DateTime<Utc>>,
}

struct Ctx<'a> {
    file: &'a str,
    source: Arc<str>,
    opts: &'a ReadOptions,
    warnings: &'a mut Warnings,
}

/// Expands all events of one file, keeping those in the window. Stops as soon as more
/// than `room` are kept (the caller reports the total limit).
pub fn expand_file(
    events: Vec<Vevent>,
    file: &str,
    opts: &ReadOptions,
    room: usize,
    warnings: &mut Warnings,
) -> Vec<Occurrence> {
    let mut ctx = Ctx {
        file,
        source: Arc::from(file),
        opts,
        warnings,
    };
    let mut masters: Vec<Vevent> = Vec::new();
    let mut overrides: HashMap<Arc<str>, Vec<Vevent>> = HashMap::new();
    let mut standalone: Vec<Vevent> = Vec::new();
    for ev in events {
        if ev.standalone {
            standalone.push(ev);
            continue;
        }
        match (&ev.recurrence_id, &ev.uid) {
            (Some(_), Some(uid)) => overrides.entry(uid.clone()).or_default().push(ev),
            _ => masters.push(ev),
        }
    }
    // A UID given twice without RECURRENCE-ID: the later SEQUENCE (then the later in the
    // file) is the current version of the event, as clients treat it.
    let mut newest: HashMap<&str, (i64, usize)> = HashMap::new();
    for (i, m) in masters.iter().enumerate() {
        if let Some(uid) = &m.uid {
            let e = newest.entry(&**uid).or_insert((m.sequence, i));
            if m.sequence >= e.0 {
                *e = (m.sequence, i);
            }
        }
    }
    for (i, m) in masters.iter().enumerate() {
        let Some(uid) = &m.uid else { continue };
        let kept = &masters[newest[&**uid].1];
        if newest[&**uid].1 != i {
            ctx.warnings.push(
                file,
                Some(m.line),
                format!(
                    "UID {} is used again by the event on line {} (neither has a RECURRENCE-ID); kept that one (the higher SEQUENCE, else the later) and skipped this one (if they are different events, give each its own UID)",
                    tree_excerpt(uid),
                    kept.line
                ),
            );
        }
    }
    let keep: Vec<bool> = masters
        .iter()
        .enumerate()
        .map(|(i, m)| m.uid.as_ref().is_none_or(|u| newest[&**u].1 == i))
        .collect();
    drop(newest);
    let masters: Vec<Vevent> = masters
        .into_iter()
        .zip(keep)
        .filter_map(|(m, keep)| keep.then_some(m))
        .collect();
    let bounds = opts.window.bounds();
    let mut out = Vec::new();
    for master in &masters {
        let ovs = master
            .uid
            .as_ref()
            .and_then(|u| overrides.get_mut(&**u))
            .map(std::mem::take)
            .unwrap_or_default();
        let (mut occ, unused) = expand_master(master, ovs, &mut ctx);
        occ.retain(|o| bounds.contains(o));
        out.extend(occ);
        if out.len() > room {
            return out;
        }
        for ov in &unused {
            let rid = match &ov.recurrence_id {
                Some((Stamp::Date(d), _)) => d.format("%Y%m%d").to_string(),
                Some((Stamp::Time { local, zone, .. }, _)) => {
                    let z = if matches!(zone, Zone::Utc) { "Z" } else { "" };
                    format!("{}{z}", local.format("%Y%m%dT%H%M%S"))
                }
                None => continue,
            };
            ctx.warnings.push(
                file,
                Some(ov.line),
                format!(
                    "RECURRENCE-ID {rid} names no instance of the series on line {}; kept this event on its own at its DTSTART (set RECURRENCE-ID to the original start of the instance it changes)",
                    master.line
                ),
            );
        }
        if let Some(uid) = &master.uid {
            if !unused.is_empty() {
                overrides.insert(uid.clone(), unused);
            }
        }
    }
    // Overrides without a master, or naming no instance of it: events of their own.
    let mut rest: Vec<Vevent> = overrides.into_values().flatten().collect();
    rest.extend(standalone);
    rest.sort_by_key(|v| v.line);
    for ov in rest {
        let info = info_of(&ov);
        let rid = ov.recurrence_id.as_ref().map(|(s, _)| rid_of(s));
        out.push(single(&ov, &ov.start, &ov.length, None, rid, info, &ctx));
    }
    out.retain(|o| bounds.contains(o));
    out
}

fn info_of(ev: &Vevent) -> Arc<EventInfo> {
    Arc::new(EventInfo {
        location: ev.location.clone(),
        organizer: ev.organizer.clone(),
        attendees: ev.attendees.clone(),
        sequence: ev.sequence,
        line: ev.line,
        tzid: match &ev.start {
            Stamp::Time { tzid, .. } => tzid.as_deref().map(str::to_string),
            Stamp::Date(_) => None,
        },
    })
}

fn rid_of(s: &Stamp) -> RecurrenceId {
    match s {
        Stamp::Date(d) => RecurrenceId::Date(*d),
        Stamp::Time { local, tzid, zone } => RecurrenceId::Local(*local, rid_zone(zone, tzid)),
    }
}

/// The zone a RECURRENCE-ID of a stamp in `zone` (written with `tzid`) names: none for
/// UTC, else the TZID as written, else the zone's name.
fn rid_zone(zone: &Zone, tzid: &Option<Arc<str>>) -> Option<Arc<str>> {
    match zone {
        Zone::Utc => None,
        _ => tzid.clone().or_else(|| Some(Arc::from(zone.name()))),
    }
}

/// Where an occurrence starts: a date, or a local time in a zone (borrowed).
#[derive(Clone, Copy)]
enum Start<'a> {
    Date(NaiveDate),
    Time(NaiveDateTime, &'a Zone),
}

impl<'a> Start<'a> {
    fn of(s: &'a Stamp) -> Start<'a> {
        match s {
            Stamp::Date(d) => Start::Date(*d),
            Stamp::Time { local, zone, .. } => Start::Time(*local, zone),
        }
    }
}

/// An occurrence of `ev` starting at `start` (a stamp), lasting `length`.
fn single(
    ev: &Vevent,
    start: &Stamp,
    length: &Length,
    period_end: Option<DateTime<Utc>>,
    recurrence_id: Option<RecurrenceId>,
    info: Arc<EventInfo>,
    ctx: &Ctx,
) -> Occurrence {
    single_at(
        ev,
        Start::of(start),
        None,
        length,
        period_end,
        recurrence_id,
        info,
        ctx,
    )
}

/// [`single`], with the instant of a timed `start` when the caller knows it already.
#[allow(clippy::too_many_arguments)]
fn single_at(
    ev: &Vevent,
    start: Start,
    start_utc: Option<DateTime<Utc>>,
    length: &Length,
    period_end: Option<DateTime<Utc>>,
    recurrence_id: Option<RecurrenceId>,
    info: Arc<EventInfo>,
    ctx: &Ctx,
) -> Occurrence {
    let day_zone = &ctx.opts.window.zone;
    let (s, e, all_day) = match start {
        Start::Date(d) => {
            let days = match length {
                Length::Exact(n) => *n,
                Length::Nominal(dur) => dur.days.max(1),
            };
            let end = d.checked_add_signed(Duration::days(days)).unwrap_or(d);
            (
                day_zone.to_utc(d.and_time(NaiveTime::MIN)),
                day_zone.to_utc(end.and_time(NaiveTime::MIN)),
                Some((d, end)),
            )
        }
        Start::Time(local, zone) => {
            let s = start_utc.unwrap_or_else(|| zone.to_utc(local));
            let e = match (period_end, length) {
                (Some(pe), _) => pe,
                (None, Length::Exact(secs)) => s + Duration::seconds(*secs),
                (None, Length::Nominal(d)) => {
                    zone.to_utc(local + Duration::days(d.days)) + Duration::seconds(d.seconds)
                }
            };
            (s, e.max(s), None)
        }
    };
    Occurrence {
        uid: ev.uid.clone(),
        summary: ev.summary.clone(),
        start: s,
        end: e,
        all_day,
        status: ev.status.clone(),
        transp: ev.transp.clone(),
        source: ctx.source.clone(),
        recurrence_id,
        info,
    }
}

fn key_of(s: &Stamp, day_zone: &Zone) -> Key {
    match s {
        Stamp::Date(d) => Key::Day(*d),
        Stamp::Time { .. } => Key::At(s.instant(day_zone).timestamp()),
    }
}

fn stamp_at(master: &Stamp, local: NaiveDateTime) -> Stamp {
    match master {
        Stamp::Date(_) => Stamp::Date(local.date()),
        Stamp::Time { zone, tzid, .. } => Stamp::Time {
            local,
            zone: zone.clone(),
            tzid: tzid.clone(),
        },
    }
}

/// Expands one master with its overrides; returns the occurrences and the overrides
/// that named no instance.
fn expand_master(
    master: &Vevent,
    overrides: Vec<Vevent>,
    ctx: &mut Ctx,
) -> (Vec<Occurrence>, Vec<Vevent>) {
    let day_zone = ctx.opts.window.zone.clone();
    let (zone, l0) = match &master.start {
        Stamp::Date(d) => (day_zone.clone(), d.and_time(NaiveTime::MIN)),
        Stamp::Time { local, zone, .. } => (zone.clone(), *local),
    };
    let recurring = !master.rules.is_empty() || !master.rdates.is_empty();
    let master_info = info_of(master);
    // The zone every instance's RECURRENCE-ID names, worked out once.
    let rid_tz = match &master.start {
        Stamp::Time { zone, tzid, .. } => rid_zone(zone, tzid),
        Stamp::Date(_) => None,
    };

    // Expand up to the window's end, or further if an override names a later instance.
    let mut stop = zone.to_local(ctx.opts.window.end()) + Duration::days(1);
    for ov in &overrides {
        if let Some((rid, _)) = &ov.recurrence_id {
            stop = stop.max(zone.to_local(rid.instant(&day_zone)) + Duration::days(1));
        }
    }

    let mut instances = vec![Instance {
        local: l0,
        period_end: None,
    }];
    for (rule, line) in &master.rules {
        let until_local = rule.until.map(|u| match u {
            // A date UNTIL on a timed series means that day's midnight (as dateutil
            // and the reference read it); a UTC UNTIL on a date series compares its
            // UTC wall-clock time with the instances' midnights.
            RawTime::Date(d) => d.and_time(NaiveTime::MIN),
            RawTime::DateTime(t) if t.utc && !master.start.is_date() => {
                zone.to_local(DateTime::from_naive_utc_and_offset(t.local, Utc))
            }
            RawTime::DateTime(t) => t.local,
        });
        let room = ctx.opts.limits.max_per_event;
        match recur::expand(rule, l0, until_local, stop, room) {
            Ok((locals, cut)) => {
                if cut {
                    ctx.warnings.push(
                        ctx.file,
                        Some(*line),
                        format!(
                            "RRULE gives more than {} occurrences before the window ends; kept the first {} (raise --max-occurrences)",
                            ctx.opts.limits.max_per_event, ctx.opts.limits.max_per_event
                        ),
                    );
                }
                instances.extend(locals.into_iter().map(|local| Instance {
                    local,
                    period_end: None,
                }));
            }
            Err(e) => ctx.warnings.push(
                ctx.file,
                Some(*line),
                format!("invalid RRULE ({e}); the event keeps its other instances; fix the rule, e.g. RRULE:FREQ=WEEKLY;BYDAY=MO"),
            ),
        }
    }
    for r in &master.rdates {
        match r {
            ExtraDate::At(Stamp::Date(d)) => instances.push(Instance {
                local: d.and_time(l0.time()),
                period_end: None,
            }),
            ExtraDate::At(s) => instances.push(Instance {
                local: zone.to_local(s.instant(&day_zone)),
                period_end: None,
            }),
            ExtraDate::Period(s, end) => instances.push(Instance {
                local: zone.to_local(s.instant(&day_zone)),
                period_end: Some(*end),
            }),
        }
    }
    instances.sort_by(|a, b| a.local.cmp(&b.local).then(b.period_end.cmp(&a.period_end)));
    instances.dedup_by(|a, b| a.local == b.local);
    instances.truncate(ctx.opts.limits.max_per_event);

    // EXDATE: by instant, or by date for date values.
    let mut ex_at = std::collections::HashSet::new();
    let mut ex_day = std::collections::HashSet::new();
    for x in &master.exdates {
        match x {
            Stamp::Date(d) => {
                ex_day.insert(*d);
            }
            Stamp::Time { local, .. } if master.start.is_date() => {
                ex_day.insert(local.date());
            }
            s => {
                ex_at.insert(s.instant(&day_zone).timestamp());
            }
        }
    }
    // Each instance's instant, worked out once (a zone lookup) for the EXDATEs, the
    // overrides and the occurrence.
    let instances: Vec<(Instance, DateTime<Utc>)> = instances
        .into_iter()
        .map(|i| {
            let t = zone.to_utc(i.local);
            (i, t)
        })
        .filter(|(i, t)| !ex_at.contains(&t.timestamp()) && !ex_day.contains(&i.local.date()))
        .collect();

    // Overrides by the instance they name.
    let mut by_key: HashMap<Key, Vevent> = HashMap::new();
    let mut future: BTreeMap<i64, Vevent> = BTreeMap::new();
    let mut unused = Vec::new();
    for ov in overrides {
        let (rid, this_and_future) = ov.recurrence_id.clone().expect("override has RID");
        let key = match (&master.start, &rid) {
            (Stamp::Date(_), Stamp::Time { local, .. }) => Key::Day(local.date()),
            _ => key_of(&rid, &day_zone),
        };
        // An instance deleted by EXDATE after it was modified: the deletion wins over an
        // override that is not newer than the master.
        let deleted = match key {
            Key::At(t) => ex_at.contains(&t),
            Key::Day(d) => ex_day.contains(&d),
        };
        if deleted && ov.sequence <= master.sequence {
            continue;
        }
        if this_and_future {
            future.insert(rid.instant(&day_zone).timestamp(), ov.clone());
        }
        if let Some(prev) = by_key.insert(key, ov) {
            // Two overrides for one instance: keep the later SEQUENCE, as clients do.
            let cur = by_key.get(&key).unwrap();
            if prev.sequence > cur.sequence {
                by_key.insert(key, prev);
            }
        }
    }

    let mut out = Vec::new();
    for (inst, start_instant) in &instances {
        let start_instant = *start_instant;
        let key = match &master.start {
            Stamp::Date(_) => Key::Day(inst.local.date()),
            Stamp::Time { .. } => Key::At(start_instant.timestamp()),
        };
        let rid = if !recurring {
            None
        } else {
            Some(match &master.start {
                Stamp::Date(_) => RecurrenceId::Date(inst.local.date()),
                Stamp::Time { .. } => RecurrenceId::Local(inst.local, rid_tz.clone()),
            })
        };
        let ov = if by_key.is_empty() {
            None
        } else {
            by_key
                .remove(&key)
                .or_else(|| by_key.remove(&Key::Day(inst.local.date())))
        };
        if let Some(ov) = ov {
            let info = info_of(&ov);
            out.push(single(&ov, &ov.start, &ov.length, None, rid, info, ctx));
            continue;
        }
        // A THISANDFUTURE override at or before this instance shifts it.
        if let Some((_, ov)) = future.range(..=start_instant.timestamp()).next_back() {
            let (rid_stamp, _) = ov.recurrence_id.as_ref().unwrap();
            let rid_local = zone.to_local(rid_stamp.instant(&day_zone));
            let new_local = zone.to_local(ov.start.instant(&day_zone));
            let shifted = inst.local + (new_local - rid_local);
            let start = stamp_at(&master.start, shifted);
            let info = info_of(ov);
            out.push(single(ov, &start, &ov.length, None, rid, info, ctx));
            continue;
        }
        let start = match &master.start {
            Stamp::Date(_) => Start::Date(inst.local.date()),
            Stamp::Time { zone, .. } => Start::Time(inst.local, zone),
        };
        out.push(single_at(
            master,
            start,
            Some(start_instant),
            &master.length,
            inst.period_end,
            rid,
            master_info.clone(),
            ctx,
        ));
    }
    unused.extend(by_key.into_values());
    unused.sort_by_key(|v| v.line);
    (out, unused)
}

/*!
Reading CalDAV calendars: every object whose events touch the window, as raw iCalendar
bytes for krock's own reader (recurrence is expanded by krock, never trusted to the
server), and free/busy through `free-busy-query`.

For each calendar collection (see [`super::caldav_discovery`]):

1. **Unchanged?** The collection's `sync-token` (RFC 6578) or CalendarServer `getctag`,
   which came with discovery, equals the one stored with the cached copy: the copy is
   used, no object is downloaded.
2. **Sync** (where the server offers it): a `sync-collection` REPORT since the stored
   token lists the members changed or removed since; changed ones whose ETag differs are
   fetched with `calendar-multiget`. An expired token falls back to 3.
3. **ETags**: a `calendar-query` REPORT with the window's time range lists the members
   and their ETags; only those new or with another ETag than the cached copy are fetched
   (`calendar-multiget`). Without any cached copy, the first `calendar-query` brings the
   objects themselves.

The cached copy sits beside the URL feeds' cache ([`super::cache`]), one file per source,
window and user, named by a hash of them; it holds each member's name within its
collection, its ETag and bytes, and the collection's token — never the address, the
user's password or a whole URL. `--offline` reads it alone.
*/

use super::cache::{Cache, Entry};
use super::caldav::{utc_stamp, Client};
use super::caldav_discovery::{self as discovery, CalendarInfo};
use super::caldav_xml::{self as xml, CALDAV, DAV};
use super::{display_url, url_hash, FetchOptions, Loaded};
use crate::diag::{Context, Error, ErrorKind, Result, Warnings};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The most objects fetched with one `calendar-multiget`.
pub const MULTIGET_BATCH: usize = 100;

/// The cached state of one source: each collection's objects and token.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Snapshot {
    collections: Vec<Collection>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Collection {
    /// A hash of the collection's URL (not the URL: it may name the user).
    id: String,
    sync_token: Option<String>,
    ctag: Option<String>,
    /// Member name (the href's last part) → object.
    objects: BTreeMap<String, Object>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Object {
    etag: Option<String>,
    body: String,
}

/// The window as CalDAV's time-range wants it.
fn range(opts: &FetchOptions) -> (String, String) {
    match opts.caldav.range {
        Some((s, e)) => (utc_stamp(s), utc_stamp(e)),
        None => (
            "19000101T000000Z".to_string(),
            "22000101T000000Z".to_string(),
        ),
    }
}

/// The cache key of a source read: the source, the user and the window.
fn cache_key(kind: &str, source: &str, user: Option<&str>, opts: &FetchOptions) -> String {
    let (s, e) = range(opts);
    format!(
        "{kind}\u{0}{source}\u{0}{}\u{0}{s}/{e}",
        user.unwrap_or_default()
    )
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Reads a CalDAV source: one [`Loaded`] per calendar object, all under the source's name,
/// in the order of collection and member name.
pub fn load(source: &str, opts: &FetchOptions, warnings: &mut Warnings) -> Result<Vec<Loaded>> {
    let name = display_url(source);
    let cache = opts.cache_dir.as_ref().map(Cache::new);
    let client = if opts.offline {
        None
    } else {
        Some(Client::new(source, opts)?)
    };
    // The user as given (address or --user), so online and --offline runs share a copy.
    let user = super::caldav::Address::parse(source)?
        .user
        .or_else(|| opts.caldav.user.clone());
    let key = cache_key("caldav", source, user.as_deref(), opts);
    let cached: Option<Snapshot> = cache
        .as_ref()
        .and_then(|c| c.get(&key, opts.max_bytes))
        .and_then(|e| serde_json::from_slice(&e.body).ok());
    let Some(client) = client else {
        return match cached {
            Some(s) => Ok(loaded(&name, &s)),
            None => Err(Error::at(
                &name,
                ErrorKind::NotCached {
                    detail: "not in the cache for this window and --offline is set; run once without --offline to read it, or give the --cache DIR it was read into".to_string(),
                },
            )),
        };
    };
    let calendars: Vec<CalendarInfo> = discovery::calendars(&client)
        .map_err(|e| with_cache_hint(e, cached.is_some()))?
        .into_iter()
        .filter(CalendarInfo::holds_events)
        .collect();
    if calendars.is_empty() {
        return Err(Error::at(
            &name,
            ErrorKind::Empty {
                detail: format!(
                    "no calendar with events at this address; list what is there with `krock calendars {}`",
                    name,
                ),
            },
        ));
    }
    let mut snapshot = Snapshot::default();
    for cal in &calendars {
        let id = url_hash(&cal.url);
        let old = cached
            .as_ref()
            .and_then(|s| s.collections.iter().find(|c| c.id == id));
        let coll = read_collection(&client, cal, old, opts, warnings)
            .map_err(|e| with_cache_hint(e, cached.is_some()))?;
        snapshot.collections.push(Collection { id, ..coll });
    }
    store(
        cache.as_ref(),
        &key,
        serde_json::to_vec(&snapshot).unwrap_or_default(),
        &name,
        "; the calendar was read, but will be read in full next time (give --cache DIR elsewhere?)",
        warnings,
    );
    Ok(loaded(&name, &snapshot))
}

fn with_cache_hint(e: Error, cached: bool) -> Error {
    if cached {
        e.context(Context::Cached)
    } else {
        e
    }
}

fn loaded(name: &str, s: &Snapshot) -> Vec<Loaded> {
    s.collections
        .iter()
        .flat_map(|c| c.objects.values())
        .map(|o| Loaded {
            name: name.to_string(),
            bytes: o.body.clone().into_bytes(),
        })
        .collect()
}

/// The member name of an href inside the collection at `coll_path`.
fn member(client: &Client, coll_path: &str, href: &str) -> Option<String> {
    let path = client.path_of(&client.absolute(href));
    let rest = path.strip_prefix(coll_path).unwrap_or(&path);
    let rest = rest.trim_matches('/');
    (!rest.is_empty()).then(|| rest.to_string())
}

fn read_collection(
    client: &Client,
    cal: &CalendarInfo,
    old: Option<&Collection>,
    opts: &FetchOptions,
    warnings: &mut Warnings,
) -> Result<Collection> {
    let coll_path = if cal.path.ends_with('/') {
        cal.path.clone()
    } else {
        format!("{}/", cal.path)
    };
    if let Some(old) = old {
        let same_token = old.sync_token.is_some() && old.sync_token == cal.sync_token;
        let same_ctag = old.ctag.is_some() && old.ctag == cal.ctag;
        if same_token || same_ctag {
            return Ok(old.clone());
        }
        if let (Some(token), Some(_)) = (&old.sync_token, &cal.sync_token) {
            if let Ok(Some(c)) = sync(client, cal, &coll_path, old, token, warnings) {
                return Ok(c);
            }
        }
    }
    let (start, end) = range(opts);
    let what = "reading the calendar";
    let (responses, _) = client.multistatus(
        "REPORT",
        &cal.url,
        "1",
        &xml::calendar_query(&start, &end, old.is_none()),
        what,
    )?;
    let mut objects = BTreeMap::new();
    let mut wanted: Vec<(String, Option<String>)> = Vec::new();
    for r in &responses {
        let Some(m) = member(client, &coll_path, &r.href) else {
            continue;
        };
        let etag = r.prop_text(DAV, "getetag");
        if let Some(data) = r.prop(CALDAV, "calendar-data") {
            objects.insert(
                m,
                Object {
                    etag,
                    body: data.text.clone(),
                },
            );
            continue;
        }
        match old.and_then(|o| o.objects.get(&m)) {
            Some(o) if o.etag.is_some() && o.etag == etag => {
                objects.insert(m, o.clone());
            }
            _ => wanted.push((m, etag)),
        }
    }
    fetch_members(client, cal, &coll_path, &wanted, &mut objects, warnings)?;
    Ok(Collection {
        id: String::new(),
        sync_token: cal.sync_token.clone(),
        ctag: cal.ctag.clone(),
        objects,
    })
}

/// `sync-collection` since `token`: `Ok(None)` when the server refuses the token (then
/// the caller lists the collection instead).
fn sync(
    client: &Client,
    cal: &CalendarInfo,
    coll_path: &str,
    old: &Collection,
    token: &str,
    warnings: &mut Warnings,
) -> Result<Option<Collection>> {
    let reply = client.send(
        "REPORT",
        &cal.url,
        &[("Depth", "0")],
        Some(&xml::sync_collection(token)),
    )?;
    if reply.status != 207 {
        return Ok(None);
    }
    let Ok(root) = xml::parse(&reply.body) else {
        return Ok(None);
    };
    let Ok((responses, new_token)) = xml::multistatus(&root) else {
        return Ok(None);
    };
    let mut objects = old.objects.clone();
    let mut wanted = Vec::new();
    for r in &responses {
        let Some(m) = member(client, coll_path, &r.href) else {
            continue;
        };
        if r.status == Some(404) {
            objects.remove(&m);
            continue;
        }
        let etag = r.prop_text(DAV, "getetag");
        match objects.get(&m) {
            Some(o) if o.etag.is_some() && o.etag == etag => {}
            _ => wanted.push((m, etag)),
        }
    }
    fetch_members(client, cal, coll_path, &wanted, &mut objects, warnings)?;
    Ok(Some(Collection {
        id: String::new(),
        sync_token: new_token.or_else(|| cal.sync_token.clone()),
        ctag: cal.ctag.clone(),
        objects,
    }))
}

/// Fetches the `wanted` members with `calendar-multiget`, in batches.
fn fetch_members(
    client: &Client,
    cal: &CalendarInfo,
    coll_path: &str,
    wanted: &[(String, Option<String>)],
    objects: &mut BTreeMap<String, Object>,
    warnings: &mut Warnings,
) -> Result<()> {
    for batch in wanted.chunks(MULTIGET_BATCH) {
        let hrefs: Vec<String> = batch
            .iter()
            .map(|(m, _)| format!("{coll_path}{m}"))
            .collect();
        let refs: Vec<&str> = hrefs.iter().map(String::as_str).collect();
        let (responses, _) = client.multistatus(
            "REPORT",
            &cal.url,
            "1",
            &xml::multiget(&refs),
            "reading the calendar's changed events",
        )?;
        let mut got = 0;
        for r in &responses {
            let Some(m) = member(client, coll_path, &r.href) else {
                continue;
            };
            if let Some(data) = r.prop(CALDAV, "calendar-data") {
                got += 1;
                objects.insert(
                    m,
                    Object {
                        etag: r.prop_text(DAV, "getetag"),
                        body: data.text.clone(),
                    },
                );
            } else {
                objects.remove(&m);
            }
        }
        if got < batch.len() {
            warnings.push(
                &client.name,
                None,
                format!(
                    "{} of {} changed events could not be fetched (deleted meanwhile?); read without them — run again to be sure",
                    batch.len() - got,
                    batch.len()
                ),
            );
        }
    }
    Ok(())
}

/// A person's free/busy over CalDAV: a `free-busy-query` REPORT on their calendar (or on
/// each calendar found at the address), each answer a VCALENDAR with a VFREEBUSY.
pub fn load_freebusy(
    source: &str,
    opts: &FetchOptions,
    warnings: &mut Warnings,
) -> Result<Vec<Loaded>> {
    let name = display_url(source);
    let cache = opts.cache_dir.as_ref().map(Cache::new);
    let user = super::caldav::Address::parse(source)?
        .user
        .or_else(|| opts.caldav.user.clone());
    let key = cache_key("freebusy", source, user.as_deref(), opts);
    let cached = cache.as_ref().and_then(|c| c.get(&key, opts.max_bytes));
    if opts.offline {
        return match cached {
            Some(e) => Ok(split_cached(&name, &e.body)),
            None => Err(Error::at(
                &name,
                ErrorKind::NotCached {
                    detail: "free/busy for this window is not in the cache and --offline is set; run once without --offline".to_string(),
                },
            )),
        };
    }
    let client = Client::new(source, opts)?;
    let hint = |e: Error| with_cache_hint(e, cached.is_some());
    let calendars: Vec<CalendarInfo> = discovery::calendars(&client)
        .map_err(hint)?
        .into_iter()
        .filter(CalendarInfo::holds_events)
        .collect();
    let (start, end) = range(opts);
    let mut bodies = Vec::new();
    for cal in &calendars {
        let reply = client.send(
            "REPORT",
            &cal.url,
            &[("Depth", "1")],
            Some(&xml::free_busy_query(&start, &end)),
        )?;
        if !reply.ok() {
            let e = if reply.status == 403 {
                Error::at(
                    &name,
                    ErrorKind::Network {
                        detail: "asking for free/busy: HTTP 403 Forbidden; the calendar's owner must give this user at least free/busy access (CalDAV's read-free-busy privilege)".to_string(),
                    },
                )
            } else {
                client.status_error(reply.status, "asking for free/busy")
            };
            return Err(hint(e));
        }
        bodies.push(String::from_utf8_lossy(&reply.body).into_owned());
    }
    store(
        cache.as_ref(),
        &key,
        serde_json::to_vec(&bodies).unwrap_or_default(),
        &name,
        "",
        warnings,
    );
    Ok(bodies
        .into_iter()
        .map(|b| Loaded {
            name: name.clone(),
            bytes: b.into_bytes(),
        })
        .collect())
}

fn split_cached(name: &str, body: &[u8]) -> Vec<Loaded> {
    let bodies: Vec<String> = serde_json::from_slice(body).unwrap_or_default();
    bodies
        .into_iter()
        .map(|b| Loaded {
            name: name.to_string(),
            bytes: b.into_bytes(),
        })
        .collect()
}

/// Keeps `body` in the cache under `key`; a cache that cannot be written is a warning
/// (`then` says what follows from it), never an error: the data was read.
fn store(
    cache: Option<&Cache>,
    key: &str,
    body: Vec<u8>,
    name: &str,
    then: &str,
    warnings: &mut Warnings,
) {
    let Some(c) = cache else { return };
    let entry = Entry {
        body,
        etag: None,
        last_modified: None,
        fetched: now(),
    };
    if let Err(e) = c.put(key, &entry) {
        warnings.push(
            name,
            None,
            format!("cannot write the cache in {}: {e}{then}", c.dir().display()),
        );
    }
}

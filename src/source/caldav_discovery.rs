/*!
Finding the calendars behind a CalDAV address (RFC 4791 section 6, RFC 5397, RFC 6764).

The address may be a calendar collection itself, a principal, a calendar home, or just
the server. From a bare server address krock first asks `/.well-known/caldav` (RFC 6764,
following its redirect); then `current-user-principal` → `calendar-home-set` → the
collections in the home whose resource type is `calendar`. Redirects are followed by hand
(at most [`super::http::MAX_REDIRECTS`]), only to http or https.
*/

use super::caldav::Client;
use super::caldav_xml::{self as xml, Response, APPLE, CALDAV, CS, DAV};
use super::http::MAX_REDIRECTS;
use crate::diag::{Error, ErrorKind, Result};

/// One calendar collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarInfo {
    /// Its absolute URL.
    pub url: String,
    /// Its path on the server.
    pub path: String,
    pub name: Option<String>,
    /// `#RRGGBB` (Apple's calendar-color), when the server keeps one.
    pub color: Option<String>,
    /// The component types it holds (VEVENT, VTODO …); empty: the server does not say
    /// (any type).
    pub components: Vec<String>,
    pub sync_token: Option<String>,
    pub ctag: Option<String>,
}

impl CalendarInfo {
    pub fn holds_events(&self) -> bool {
        self.components.is_empty() || self.components.iter().any(|c| c == "VEVENT")
    }
}

fn is_calendar(r: &Response) -> bool {
    r.prop(DAV, "resourcetype")
        .is_some_and(|t| t.child(CALDAV, "calendar").is_some())
}

fn info(client: &Client, r: &Response) -> CalendarInfo {
    let url = client.absolute(&r.href);
    CalendarInfo {
        path: client.path_of(&url),
        url,
        name: r.prop_text(DAV, "displayname"),
        color: r.prop_text(APPLE, "calendar-color"),
        components: r
            .prop(CALDAV, "supported-calendar-component-set")
            .map(|set| {
                set.children_named(CALDAV, "comp")
                    .filter_map(|c| c.attr("name"))
                    .map(|n| n.to_ascii_uppercase())
                    .collect()
            })
            .unwrap_or_default(),
        sync_token: r.prop_text(DAV, "sync-token"),
        ctag: r.prop_text(CS, "getctag"),
    }
}

/// PROPFIND `url` with the discovery properties, following redirects. Returns the URL
/// answered and the responses; `None` for 404/405 (nothing there).
fn propfind(client: &Client, url: &str, depth: &str) -> Result<Option<(String, Vec<Response>)>> {
    let mut url = url.to_string();
    for _ in 0..=MAX_REDIRECTS {
        let reply = client.send(
            "PROPFIND",
            &url,
            &[("Depth", depth)],
            Some(&xml::propfind_discovery()),
        )?;
        match reply.status {
            301 | 302 | 303 | 307 | 308 => {
                let Some(location) = reply.location else {
                    return Err(client.status_error(reply.status, "finding the calendars"));
                };
                url = super::http::resolve(&url, &location).map_err(|e| {
                    Error::at(
                        &client.name,
                        ErrorKind::Network {
                            detail: e.to_string(),
                        },
                    )
                })?;
                continue;
            }
            404 | 405 => return Ok(None),
            207 => {
                let not_caldav = |e: String| {
                    Error::at(
                        &client.name,
                        ErrorKind::Network {
                            detail: format!(
                                "finding the calendars: {e}; is this a CalDAV address?"
                            ),
                        },
                    )
                };
                let root = xml::parse(&reply.body).map_err(|e| not_caldav(e.to_string()))?;
                let (responses, _) =
                    xml::multistatus(&root).map_err(|e| not_caldav(e.to_string()))?;
                return Ok(Some((url, responses)));
            }
            other => return Err(client.status_error(other, "finding the calendars")),
        }
    }
    Err(Error::at(
        &client.name,
        ErrorKind::Network {
            detail: format!(
                "more than {MAX_REDIRECTS} redirects while finding the calendars; give the address of the calendar itself",
            ),
        },
    ))
}

/// The response about `url` itself among `responses` (the first, when none matches).
fn own<'a>(client: &Client, url: &str, responses: &'a [Response]) -> Option<&'a Response> {
    let path = client.path_of(url);
    let trim = |p: &str| p.trim_end_matches('/').to_string();
    responses
        .iter()
        .find(|r| trim(&client.path_of(&client.absolute(&r.href))) == trim(&path))
        .or(responses.first())
}

/// The calendar collections at or below the client's address, sorted by path.
pub fn calendars(client: &Client) -> Result<Vec<CalendarInfo>> {
    let start = client.address.url.clone();
    let mut found = None;
    if client.path_of(&start) == "/" {
        let well_known = format!("{}/.well-known/caldav", client.address.origin);
        found = propfind(client, &well_known, "0")?;
    }
    let (url, responses) = match found {
        Some(f) => f,
        None => propfind(client, &start, "0")?
            .ok_or_else(|| client.status_error(404, "finding the calendars"))?,
    };
    let Some(me) = own(client, &url, &responses) else {
        return Err(client.status_error(404, "finding the calendars"));
    };
    if is_calendar(me) {
        let mut i = info(client, me);
        i.url = url.clone();
        i.path = client.path_of(&url);
        return Ok(vec![i]);
    }
    let mut home = me.prop_href(CALDAV, "calendar-home-set");
    if home.is_none() {
        if let Some(principal) = me.prop_href(DAV, "current-user-principal") {
            let principal = client.absolute(&principal);
            if let Some((purl, rs)) = propfind(client, &principal, "0")? {
                home =
                    own(client, &purl, &rs).and_then(|r| r.prop_href(CALDAV, "calendar-home-set"));
            }
        }
    }
    let home = home.map_or(url, |h| client.absolute(&h));
    let Some((_, rs)) = propfind(client, &home, "1")? else {
        return Err(client.status_error(404, "listing the calendars"));
    };
    let mut out: Vec<CalendarInfo> = rs
        .iter()
        .filter(|r| is_calendar(r))
        .map(|r| info(client, r))
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out.dedup_by(|a, b| a.path == b.path);
    Ok(out)
}

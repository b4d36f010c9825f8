/*!
The XML of WebDAV and CalDAV (RFC 4918, RFC 4791, RFC 6578, RFC 6638): the request bodies
krock sends, and a small namespace-aware tree of the `multistatus` answers it reads.

Parsing uses `quick-xml`'s namespace resolver, so `D:href`, `d:href` and `href` in the
default namespace are all `{DAV:}href` whatever prefixes a server chooses. The tree is
bounded: at most [`MAX_DEPTH`] levels; answers are already size-capped when downloaded.
Nothing here does I/O.
*/

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

pub const DAV: &str = "DAV:";
pub const CALDAV: &str = "urn:ietf:params:xml:ns:caldav";
pub const APPLE: &str = "http://apple.com/ns/ical/";
pub const CS: &str = "http://calendarserver.org/ns/";

/// The deepest nesting read; deeper answers are refused.
pub const MAX_DEPTH: usize = 64;

/// One element: namespace, local name, child elements, and its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    pub ns: String,
    pub name: String,
    pub children: Vec<Element>,
    pub text: String,
    /// Attributes by local name (namespaces of attributes are not needed here).
    pub attrs: Vec<(String, String)>,
}

impl Element {
    pub fn is(&self, ns: &str, name: &str) -> bool {
        self.ns == ns && self.name == name
    }
    /// The first child `{ns}name`.
    pub fn child(&self, ns: &str, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.is(ns, name))
    }
    /// Every child `{ns}name`.
    pub fn children_named<'a>(
        &'a self,
        ns: &'a str,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.is(ns, name))
    }
    /// Every descendant `{ns}name`, in document order.
    pub fn descendants<'a>(&'a self, ns: &str, name: &str, out: &mut Vec<&'a Element>) {
        for c in &self.children {
            if c.is(ns, name) {
                out.push(c);
            }
            c.descendants(ns, name, out);
        }
    }
    /// The value of the attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    /// The trimmed text of the child `{ns}name`.
    pub fn child_text(&self, ns: &str, name: &str) -> Option<String> {
        self.child(ns, name)
            .map(|c| c.text.trim().to_string())
            .filter(|t| !t.is_empty())
    }
}

/// Parses an XML document into its root element. The error is a short reason.
pub fn parse(bytes: &[u8]) -> Result<Element, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the XML is not UTF-8".to_string())?;
    let mut reader = NsReader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let open = |ns: ResolveResult, e: &quick_xml::events::BytesStart| Element {
        ns: match ns {
            ResolveResult::Bound(n) => String::from_utf8_lossy(n.as_ref()).into_owned(),
            _ => String::new(),
        },
        name: String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
        attrs: e
            .attributes()
            .flatten()
            .map(|a| {
                let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
                let value = a
                    .unescape_value()
                    .map(|v| v.into_owned())
                    .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned());
                (key, value)
            })
            .collect(),
        ..Element::default()
    };
    loop {
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|e| format!("the XML cannot be read: {e}"))?;
        match event {
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(format!("the XML nests deeper than {MAX_DEPTH} levels"));
                }
                stack.push(open(ns, &e));
            }
            Event::Empty(e) => {
                let el = open(ns, &e);
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    let s = t
                        .unescape()
                        .map_err(|e| format!("the XML cannot be read: {e}"))?;
                    top.text.push_str(&s);
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&String::from_utf8_lossy(&t.into_inner()));
                }
            }
            Event::End(_) => {
                let el = stack
                    .pop()
                    .ok_or("the XML closes an element never opened")?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err("the XML ends before its elements are closed".to_string());
    }
    root.ok_or_else(|| "the answer holds no XML".to_string())
}

/// `&`, `<`, `>`, `"` escaped for text and attribute values.
pub fn escape(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

/// One `<response>` of a multistatus: its href, the status of the response itself (for
/// sync-collection's removed members), and the properties found (status 200).
#[derive(Debug, Clone, Default)]
pub struct Response {
    pub href: String,
    pub status: Option<u16>,
    /// The `<prop>` children of every `propstat` whose status is 2xx.
    pub props: Vec<Element>,
}

impl Response {
    pub fn prop(&self, ns: &str, name: &str) -> Option<&Element> {
        self.props.iter().find(|p| p.is(ns, name))
    }
    pub fn prop_text(&self, ns: &str, name: &str) -> Option<String> {
        self.prop(ns, name)
            .map(|p| p.text.trim().to_string())
            .filter(|t| !t.is_empty())
    }
    /// The href inside the property `{ns}name` (current-user-principal, calendar-home-set).
    pub fn prop_href(&self, ns: &str, name: &str) -> Option<String> {
        self.prop(ns, name)?.child_text(DAV, "href")
    }
}

/// The status code of `HTTP/1.1 404 Not Found`.
fn status_code(text: &str) -> Option<u16> {
    text.split_whitespace().nth(1)?.parse().ok()
}

/// The responses of a `multistatus` document, and its sync-token (RFC 6578).
pub fn multistatus(root: &Element) -> Result<(Vec<Response>, Option<String>), String> {
    if !root.is(DAV, "multistatus") {
        return Err(format!(
            "the answer is <{}>, not a WebDAV <multistatus>",
            root.name
        ));
    }
    let mut out = Vec::new();
    for r in root.children_named(DAV, "response") {
        let href = r.child_text(DAV, "href").unwrap_or_default();
        let status = r.child_text(DAV, "status").as_deref().and_then(status_code);
        let mut props = Vec::new();
        for ps in r.children_named(DAV, "propstat") {
            let ok = ps
                .child_text(DAV, "status")
                .as_deref()
                .and_then(status_code)
                .is_none_or(|c| (200..300).contains(&c));
            if let (true, Some(prop)) = (ok, ps.child(DAV, "prop")) {
                props.extend(prop.children.iter().cloned());
            }
        }
        out.push(Response {
            href,
            status,
            props,
        });
    }
    Ok((out, root.child_text(DAV, "sync-token")))
}

// ---- request bodies -------------------------------------------------------------------

const HEAD: &str = r#"<?xml version="1.0" encoding="utf-8"?>"#;

/// PROPFIND for discovery: who the user is, where their calendars live, what a
/// collection is.
pub fn propfind_discovery() -> String {
    format!(
        r#"{HEAD}<d:propfind xmlns:d="DAV:" xmlns:c="{CALDAV}" xmlns:a="{APPLE}" xmlns:cs="{CS}"><d:prop><d:resourcetype/><d:displayname/><d:current-user-principal/><c:calendar-home-set/><c:supported-calendar-component-set/><a:calendar-color/><d:sync-token/><cs:getctag/></d:prop></d:propfind>"#
    )
}

/// `calendar-query` for VEVENTs overlapping `[start, end)` (UTC stamps `YYYYMMDDTHHMMSSZ`);
/// with `data`, the objects themselves, else only their ETags.
pub fn calendar_query(start: &str, end: &str, data: bool) -> String {
    let data = if data { "<c:calendar-data/>" } else { "" };
    format!(
        r#"{HEAD}<c:calendar-query xmlns:d="DAV:" xmlns:c="{CALDAV}"><d:prop><d:getetag/>{data}</d:prop><c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"><c:time-range start="{start}" end="{end}"/></c:comp-filter></c:comp-filter></c:filter></c:calendar-query>"#
    )
}

/// `calendar-query` for the objects whose VEVENT has this UID.
pub fn query_uid(uid: &str) -> String {
    format!(
        r#"{HEAD}<c:calendar-query xmlns:d="DAV:" xmlns:c="{CALDAV}"><d:prop><d:getetag/><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"><c:prop-filter name="UID"><c:text-match collation="i;octet">{}</c:text-match></c:prop-filter></c:comp-filter></c:comp-filter></c:filter></c:calendar-query>"#,
        escape(uid)
    )
}

/// `calendar-multiget` of the given hrefs.
pub fn multiget(hrefs: &[&str]) -> String {
    let hrefs: String = hrefs
        .iter()
        .map(|h| format!("<d:href>{}</d:href>", escape(h)))
        .collect();
    format!(
        r#"{HEAD}<c:calendar-multiget xmlns:d="DAV:" xmlns:c="{CALDAV}"><d:prop><d:getetag/><c:calendar-data/></d:prop>{hrefs}</c:calendar-multiget>"#
    )
}

/// `sync-collection` (RFC 6578) since `token` (empty: everything).
pub fn sync_collection(token: &str) -> String {
    format!(
        r#"{HEAD}<d:sync-collection xmlns:d="DAV:"><d:sync-token>{}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>"#,
        escape(token)
    )
}

/// `free-busy-query` for `[start, end)`.
pub fn free_busy_query(start: &str, end: &str) -> String {
    format!(
        r#"{HEAD}<c:free-busy-query xmlns:c="{CALDAV}"><c:time-range start="{start}" end="{end}"/></c:free-busy-query>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_multistatus_whatever_the_prefixes() {
        let xml = br#"<?xml version="1.0"?>
<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
 <response><href>/cal/a.ics</href>
  <propstat><prop><getetag>"e1"</getetag><C:calendar-data>BEGIN:VCALENDAR&#13;
END:VCALENDAR&#13;
</C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat>
  <propstat><prop><displayname/></prop><status>HTTP/1.1 404 Not Found</status></propstat>
 </response>
 <response><href>/cal/gone.ics</href><status>HTTP/1.1 404 Not Found</status></response>
 <sync-token>http://x/sync/7</sync-token>
</multistatus>"#;
        let root = parse(xml).unwrap();
        let (rs, token) = multistatus(&root).unwrap();
        assert_eq!(token.as_deref(), Some("http://x/sync/7"));
        assert_eq!(rs.len(), 2);
        assert_eq!(rs[0].href, "/cal/a.ics");
        assert_eq!(rs[0].prop_text(DAV, "getetag").as_deref(), Some("\"e1\""));
        assert_eq!(
            rs[0].prop(CALDAV, "calendar-data").unwrap().text,
            "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
        );
        assert!(rs[0].prop(DAV, "displayname").is_none());
        assert_eq!(rs[1].status, Some(404));
    }

    #[test]
    fn refuses_what_is_not_xml() {
        assert!(parse(b"<a><b></a>").is_err());
        assert!(parse(b"").is_err());
        let deep = "<a>".repeat(100) + &"</a>".repeat(100);
        assert!(parse(deep.as_bytes()).unwrap_err().contains("deeper"));
        let root = parse(b"<html/>").unwrap();
        assert!(multistatus(&root).is_err());
    }

    #[test]
    fn escapes_what_it_sends() {
        assert!(multiget(&["/a&b<c>.ics"]).contains("/a&amp;b&lt;c&gt;.ics"));
    }
}

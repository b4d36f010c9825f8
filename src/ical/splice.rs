/*!
Editing a stored calendar object as text: put an override VEVENT (a moved or cancelled
instance) into the object that holds its series, keeping every other line byte for byte.

A CalDAV object belongs to its owner's calendar: krock changes only what it must — the
VEVENT with the same UID and RECURRENCE-ID is replaced (or added), a VTIMEZONE the new
lines need is added when the object lacks it, and nothing else is touched (folds, unknown
properties, X- lines and the other instances stay as they were). Lines are worked on as
logical (unfolded) lines that keep their physical text.
*/

/// One logical line: the unfolded text, and the physical lines it came from (CRLF-free).
#[derive(Debug, Clone)]
struct Line {
    unfolded: String,
    raw: Vec<String>,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for raw in text.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if (raw.starts_with(' ') || raw.starts_with('\t')) && !out.is_empty() {
            let last = out.last_mut().expect("not empty");
            last.unfolded.push_str(&raw[1..]);
            last.raw.push(raw.to_string());
        } else if !raw.is_empty() {
            out.push(Line {
                unfolded: raw.to_string(),
                raw: vec![raw.to_string()],
            });
        }
    }
    out
}

/// `NAME` of `NAME;PARAMS:value`, upper case.
fn name_of(line: &str) -> String {
    let end = line.find([';', ':']).unwrap_or(line.len());
    line[..end].to_ascii_uppercase()
}

/// What follows the name (`;PARAMS:value`), for comparing values of two properties.
fn after_name(line: &str) -> &str {
    let end = line.find([';', ':']).unwrap_or(line.len());
    &line[end..]
}

/// The value after the first unquoted `:`.
fn value_of(line: &str) -> &str {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted => return &line[i + 1..],
            _ => {}
        }
    }
    ""
}

/// A component found at the top level of a VCALENDAR: its name and line span.
#[derive(Debug, Clone)]
struct Block {
    name: String,
    first: usize,
    last: usize,
}

fn blocks(ls: &[Line]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut open: Option<(String, usize)> = None;
    for (i, l) in ls.iter().enumerate() {
        let up = l.unfolded.to_ascii_uppercase();
        if let Some(comp) = up.strip_prefix("BEGIN:") {
            depth += 1;
            if depth == 2 {
                open = Some((comp.trim().to_string(), i));
            }
        } else if up.starts_with("END:") {
            if depth == 2 {
                if let Some((name, first)) = open.take() {
                    out.push(Block {
                        name,
                        first,
                        last: i,
                    });
                }
            }
            depth -= 1;
        }
    }
    out
}

/// The facts of one VEVENT that splicing needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFacts {
    pub uid: Option<String>,
    /// `;TZID=…:20260424T083000` as written after RECURRENCE-ID, upper case.
    pub rid: Option<String>,
    /// The same for DTSTART and DTEND.
    pub dtstart: Option<String>,
    pub dtend: Option<String>,
    pub status: Option<String>,
    pub sequence: i64,
    /// Every EXDATE's values (after the name), upper case.
    pub exdates: Vec<String>,
    pub summary: Option<String>,
}

fn facts(ls: &[Line], b: &Block) -> EventFacts {
    let mut f = EventFacts::default();
    let mut depth = 0;
    for l in &ls[b.first..=b.last] {
        let up = l.unfolded.to_ascii_uppercase();
        if up.starts_with("BEGIN:") {
            depth += 1;
            continue;
        }
        if up.starts_with("END:") {
            depth -= 1;
            continue;
        }
        if depth != 1 {
            continue; // a VALARM's lines are not the event's
        }
        match name_of(&l.unfolded).as_str() {
            "UID" => f.uid = Some(value_of(&l.unfolded).trim().to_string()),
            "RECURRENCE-ID" => f.rid = Some(after_name(&up).trim().to_string()),
            "DTSTART" => f.dtstart = Some(after_name(&up).trim().to_string()),
            "DTEND" => f.dtend = Some(after_name(&up).trim().to_string()),
            "STATUS" => f.status = Some(value_of(&up).trim().to_string()),
            "SEQUENCE" => f.sequence = value_of(&l.unfolded).trim().parse().unwrap_or(0),
            "EXDATE" => f.exdates.push(after_name(&up).trim().to_string()),
            "SUMMARY" => f.summary = Some(value_of(&l.unfolded).to_string()),
            _ => {}
        }
    }
    f
}

/// A calendar object as text, read for splicing.
#[derive(Debug, Clone)]
pub struct Object {
    lines: Vec<Line>,
}

/// What an object holds about one instance of a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstanceState {
    /// No override: the instance is where the series puts it (or the series has no such
    /// instance; krock's reader was the judge of that).
    Plain,
    /// An override that leaves it at its original time (a retitled instance …).
    OverrideInPlace,
    /// An override identical in time and status to `ours`: the change is already made.
    AlreadyDone,
    /// Moved elsewhere or cancelled by someone else (the reason, for people).
    ChangedElsewhere(String),
}

impl Object {
    pub fn parse(text: &str) -> Object {
        Object { lines: lines(text) }
    }

    fn events(&self) -> Vec<(Block, EventFacts)> {
        blocks(&self.lines)
            .into_iter()
            .filter(|b| b.name == "VEVENT")
            .map(|b| {
                let f = facts(&self.lines, &b);
                (b, f)
            })
            .collect()
    }

    /// Whether a VEVENT with this UID is here.
    pub fn has_uid(&self, uid: &str) -> bool {
        self.events()
            .iter()
            .any(|(_, f)| f.uid.as_deref() == Some(uid))
    }

    /// The highest SEQUENCE of the UID's VEVENTs.
    pub fn max_sequence(&self, uid: &str) -> i64 {
        self.events()
            .iter()
            .filter(|(_, f)| f.uid.as_deref() == Some(uid))
            .map(|(_, f)| f.sequence)
            .max()
            .unwrap_or(0)
    }

    /// The master's SUMMARY, for reports.
    pub fn summary(&self, uid: &str) -> Option<String> {
        self.events()
            .into_iter()
            .find(|(_, f)| f.uid.as_deref() == Some(uid) && f.rid.is_none())
            .and_then(|(_, f)| f.summary)
    }

    /// What the object says about the instance our override (`ours`) names.
    pub fn instance_state(&self, ours: &EventFacts) -> InstanceState {
        let (Some(uid), Some(rid)) = (&ours.uid, &ours.rid) else {
            return InstanceState::Plain;
        };
        let rid_value = value_of(rid).to_string();
        for (_, f) in self.events() {
            if f.uid.as_ref() != Some(uid) {
                continue;
            }
            if f.rid.is_none() && f.exdates.iter().any(|x| x.contains(&rid_value)) {
                return InstanceState::ChangedElsewhere(
                    "the occurrence was deleted from the series (EXDATE)".to_string(),
                );
            }
            if f.rid.as_deref() != Some(rid.as_str()) {
                continue;
            }
            let cancelled = f.status.as_deref() == Some("CANCELLED");
            if f.dtstart == ours.dtstart && f.dtend == ours.dtend && f.status == ours.status {
                return InstanceState::AlreadyDone;
            }
            if cancelled {
                return InstanceState::ChangedElsewhere("the occurrence was cancelled".to_string());
            }
            let in_place = f.dtstart.as_deref().map(value_of) == Some(rid_value.as_str());
            if in_place {
                return InstanceState::OverrideInPlace;
            }
            return InstanceState::ChangedElsewhere(format!(
                "the occurrence was moved to {}",
                f.dtstart.as_deref().map(value_of).unwrap_or("another time")
            ));
        }
        InstanceState::Plain
    }

    /// The TZIDs of the object's VTIMEZONEs.
    fn tzids(&self) -> Vec<String> {
        let mut out = Vec::new();
        for b in blocks(&self.lines).iter().filter(|b| b.name == "VTIMEZONE") {
            for l in &self.lines[b.first..=b.last] {
                if name_of(&l.unfolded) == "TZID" {
                    out.push(value_of(&l.unfolded).trim().to_string());
                }
            }
        }
        out
    }

    /// Puts `vevent` (one `BEGIN:VEVENT … END:VEVENT`, with its UID and RECURRENCE-ID) in
    /// place of the VEVENT with the same UID and RECURRENCE-ID, or adds it; adds each of
    /// `vtimezones` whose TZID the object does not define yet.
    pub fn put_override(&mut self, vevent: &str, vtimezones: &[String]) {
        let new = lines(vevent);
        let ours = facts(
            &new,
            &Block {
                name: "VEVENT".into(),
                first: 0,
                last: new.len().saturating_sub(1),
            },
        );
        let old = self
            .events()
            .into_iter()
            .find(|(_, f)| f.uid == ours.uid && f.rid.is_some() && f.rid == ours.rid);
        let have = self.tzids();
        let mut add: Vec<Line> = Vec::new();
        for tz in vtimezones {
            let tl = lines(tz);
            let id = tl
                .iter()
                .find(|l| name_of(&l.unfolded) == "TZID")
                .map(|l| value_of(&l.unfolded).trim().to_string());
            if id.is_some_and(|id| !have.contains(&id)) {
                add.extend(tl);
            }
        }
        match old {
            Some((b, _)) => {
                self.lines.splice(b.first..=b.last, new);
            }
            None => add.extend(new),
        }
        let end = self
            .lines
            .iter()
            .rposition(|l| l.unfolded.eq_ignore_ascii_case("END:VCALENDAR"))
            .unwrap_or(self.lines.len());
        self.lines.splice(end..end, add);
    }

    /// The object as CRLF text.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for l in &self.lines {
            for r in &l.raw {
                s.push_str(r);
                s.push_str("\r\n");
            }
        }
        s
    }
}

/// The facts of the one VEVENT in `text` (a message or a block).
pub fn vevent_facts(text: &str) -> EventFacts {
    let ls = lines(text);
    let b = blocks(&ls)
        .into_iter()
        .find(|b| b.name == "VEVENT")
        .unwrap_or(Block {
            name: "VEVENT".into(),
            first: 0,
            last: ls.len().saturating_sub(1),
        });
    facts(&ls, &b)
}

/// The VEVENT and the VTIMEZONEs of an iTIP message, each as CRLF text.
pub fn message_parts(text: &str) -> (Option<String>, Vec<String>) {
    let ls = lines(text);
    let mut vevent = None;
    let mut zones = Vec::new();
    for b in blocks(&ls) {
        let t = Object {
            lines: ls[b.first..=b.last].to_vec(),
        }
        .text();
        match b.name.as_str() {
            "VEVENT" if vevent.is_none() => vevent = Some(t),
            "VTIMEZONE" => zones.push(t),
            _ => {}
        }
    }
    (vevent, zones)
}

/// An iTIP message made a stored object: the METHOD line removed (RFC 4791 4.1: a
/// calendar object resource has no METHOD).
pub fn without_method(text: &str) -> String {
    let mut o = Object::parse(text);
    o.lines.retain(|l| name_of(&l.unfolded) != "METHOD");
    o.text()
}

/// Sets the SEQUENCE of the VEVENT text `vevent` to `n`.
pub fn with_sequence(vevent: &str, n: i64) -> String {
    let mut o = Object::parse(vevent);
    let mut depth = 0;
    for l in &mut o.lines {
        let up = l.unfolded.to_ascii_uppercase();
        if up.starts_with("BEGIN:") {
            depth += 1;
        } else if up.starts_with("END:") {
            depth -= 1;
        } else if depth == 1 && name_of(&l.unfolded) == "SEQUENCE" {
            l.unfolded = format!("SEQUENCE:{n}");
            l.raw = vec![l.unfolded.clone()];
        }
    }
    o.text()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERIES: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\nEND:VTIMEZONE\r\n\
        BEGIN:VEVENT\r\nUID:s1\r\nSEQUENCE:2\r\nSUMMARY:Kommundirektörsmöte med en mycket lång rad som viks öv\r\n er två rader\r\n\
        DTSTART;TZID=W. Europe Standard Time:20260130T083000\r\nRRULE:FREQ=MONTHLY;BYDAY=-1FR\r\n\
        BEGIN:VALARM\r\nACTION:DISPLAY\r\nSEQUENCE:9\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    fn ov(start: &str, status: &str) -> String {
        format!(
            "BEGIN:VEVENT\r\nUID:s1\r\nRECURRENCE-ID;TZID=W. Europe Standard Time:20260424T083000\r\nSEQUENCE:3\r\n\
             DTSTART;TZID=Europe/Stockholm:{start}\r\nDTEND;TZID=Europe/Stockholm:20260421T163000\r\nSTATUS:{status}\r\nEND:VEVENT\r\n"
        )
    }

    #[test]
    fn adds_then_replaces_an_override_keeping_the_rest() {
        let mut o = Object::parse(SERIES);
        assert_eq!(o.max_sequence("s1"), 2);
        let zone = "BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\nEND:VTIMEZONE\r\n".to_string();
        let ours = ov("20260421T130000", "CONFIRMED");
        assert_eq!(o.instance_state(&vevent_facts(&ours)), InstanceState::Plain);
        o.put_override(&ours, std::slice::from_ref(&zone));
        let text = o.text();
        assert!(text.starts_with(&SERIES[..SERIES.len() - "END:VCALENDAR\r\n".len()]));
        assert!(text.contains("viks öv\r\n er två"), "folds kept");
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
        assert_eq!(text.matches("TZID:Europe/Stockholm").count(), 1);
        let o2 = Object::parse(&text);
        assert_eq!(
            o2.instance_state(&vevent_facts(&ours)),
            InstanceState::AlreadyDone
        );
        // Someone else moved it meanwhile.
        let theirs = ov("20260422T130000", "CONFIRMED");
        assert!(matches!(
            o2.instance_state(&vevent_facts(&theirs)),
            InstanceState::ChangedElsewhere(r) if r.contains("20260421T130000")
        ));
        // Replacing does not add a second override or a second zone.
        let mut o3 = o2.clone();
        o3.put_override(&ov("20260423T130000", "CONFIRMED"), &[zone]);
        let t3 = o3.text();
        assert_eq!(t3.matches("BEGIN:VEVENT").count(), 2);
        assert_eq!(t3.matches("TZID:Europe/Stockholm").count(), 1);
        assert!(t3.contains("20260423T130000") && !t3.contains("20260421T130000\r\nDTEND"));
    }

    #[test]
    fn sequence_and_method() {
        let v = with_sequence(&ov("20260421T130000", "CONFIRMED"), 7);
        assert!(v.contains("\r\nSEQUENCE:7\r\n"));
        assert_eq!(
            Object::parse(SERIES).max_sequence("s1"),
            2,
            "VALARM's not counted"
        );
        let m = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assert!(!without_method(m).contains("METHOD"));
        let (ev, zones) = message_parts(SERIES);
        assert!(ev.unwrap().starts_with("BEGIN:VEVENT\r\nUID:s1"));
        assert_eq!(zones.len(), 1);
    }
}

/*!
Bytes → a tree of iCalendar components, with the physical line of everything.

RFC 5545 content lines are unfolded here at the byte level (so a fold inside a multi-byte
UTF-8 character is joined correctly), decoded as UTF-8 (invalid bytes are replaced and
warned about), and each line is split into name, parameters and value by `line`.
BEGIN/END lines build the tree. A line that does not parse is skipped with a warning
naming its line; a component that is never closed (a truncated
file) is reported and dropped, and everything before it is kept.
*/

use super::line;
use crate::diag::Warnings;
use crate::events::Limits;
use std::borrow::Cow;

/// One property: `NAME;PARAM=VALUE:value`. Its text is borrowed from the file where the
/// line needed no change (not folded, not escaped, name already in upper case).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prop<'a> {
    /// Upper-cased name.
    pub name: Cow<'a, str>,
    /// (upper-cased key, value with surrounding quotes removed)
    pub params: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    /// The value; TEXT values (SUMMARY, LOCATION …) are already unescaped.
    pub value: Cow<'a, str>,
    /// 1-based physical line where the property starts.
    pub line: usize,
}

impl Prop<'_> {
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_ref())
    }
}

/// A component (`VCALENDAR`, `VEVENT`, `VTIMEZONE`, `STANDARD` …) with its properties.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Component<'a> {
    pub name: String,
    pub props: Vec<Prop<'a>>,
    pub children: Vec<Component<'a>>,
    /// Line of the BEGIN.
    pub line: usize,
    /// A line of it was too long to read: the component is dropped at its END.
    pub broken: bool,
}

impl<'a> Component<'a> {
    pub fn prop(&self, name: &str) -> Option<&Prop<'a>> {
        self.props.iter().find(|p| p.name == name)
    }
    pub fn props_named<'b>(&'b self, name: &'b str) -> impl Iterator<Item = &'b Prop<'a>> + 'b {
        self.props.iter().filter(move |p| p.name == name)
    }
}

/// Logical (unfolded) lines with the physical line each starts on, and whether the line
/// was cut at `max_line` bytes. A line that is not folded is borrowed from `bytes`; only a
/// folded one is copied (once, as its continuations are joined).
#[cfg(test)]
pub fn unfold(bytes: &[u8], max_line: usize) -> Vec<(usize, Cow<'_, [u8]>, bool)> {
    Lines::new(bytes, max_line).collect()
}

/// The logical lines of a file one at a time (see [`unfold`]): line ends found with
/// `memchr`, continuation lines joined as they come, nothing held but the current line.
pub struct Lines<'a> {
    bytes: &'a [u8],
    /// Where the next physical line starts (`bytes.len() + 1`: no more lines).
    at: usize,
    /// The 1-based number of the next physical line.
    number: usize,
    max_line: usize,
}

impl<'a> Lines<'a> {
    /// The lines of a whole file (a byte-order mark skipped).
    pub fn new(bytes: &'a [u8], max_line: usize) -> Lines<'a> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        Lines::starting_at(bytes, max_line, 1)
    }

    /// The lines of `bytes` as they are, the first numbered `number`.
    pub fn starting_at(bytes: &'a [u8], max_line: usize, number: usize) -> Lines<'a> {
        Lines {
            bytes,
            at: 0,
            number,
            max_line,
        }
    }

    /// The next physical line without its line end (`\n`, `\r\n`), and its number.
    fn physical(&mut self) -> Option<(usize, &'a [u8])> {
        if self.at > self.bytes.len() {
            return None;
        }
        let rest = &self.bytes[self.at..];
        let end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        let raw = &rest[..end];
        self.at += end + 1;
        let number = self.number;
        self.number += 1;
        Some((number, raw.strip_suffix(b"\r").unwrap_or(raw)))
    }

    /// Whether the next physical line continues the current one (starts with a space or
    /// a tab).
    fn continues(&self) -> bool {
        matches!(self.bytes.get(self.at), Some(b' ' | b'\t'))
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, Cow<'a, [u8]>, bool);

    fn next(&mut self) -> Option<Self::Item> {
        // A continuation line with no line before it (the file's first) is a line itself.
        let (number, raw) = self.physical()?;
        let max_line = self.max_line;
        let mut cut = raw.len() > max_line;
        let mut line = Cow::Borrowed(&raw[..raw.len().min(max_line)]);
        while self.continues() {
            let (_, more) = self.physical().expect("a continuation line follows");
            let room = max_line.saturating_sub(line.len());
            if more.len() - 1 > room {
                cut = true;
            }
            let more = &more[1..(1 + room).min(more.len())];
            if !more.is_empty() {
                line.to_mut().extend_from_slice(more);
            }
        }
        Some((number, line, cut))
    }
}

/// Reports one kind of problem at most a few times per file, then once more with a count.
struct Throttle {
    seen: std::collections::BTreeMap<&'static str, usize>,
}

const REPEATS: usize = 10;

impl Throttle {
    fn push(
        &mut self,
        w: &mut Warnings,
        kind: &'static str,
        file: &str,
        line: usize,
        msg: impl Into<String>,
    ) {
        let n = self.seen.entry(kind).or_insert(0);
        *n += 1;
        if *n <= REPEATS {
            w.push(file, Some(line), msg);
        }
    }
    fn finish(self, w: &mut Warnings, file: &str) {
        for (kind, n) in self.seen {
            if n > REPEATS {
                w.push(
                    file,
                    None,
                    format!("{} more lines like that: {kind}", n - REPEATS),
                );
            }
        }
    }
}

/// Files at least this big are split in two and parsed on two threads (see
/// [`parse_halves`]).
const HALVES_FROM_BYTES: usize = 1 << 20;

/// Parses a whole file into its top-level components (normally one VCALENDAR).
/// Lines longer than `limits.max_line_bytes` and components nested deeper than
/// `limits.max_depth` are skipped with a warning naming the limit.
pub fn parse<'a>(
    file: &str,
    bytes: &'a [u8],
    limits: &Limits,
    warnings: &mut Warnings,
) -> Vec<Component<'a>> {
    // The whole file checked as UTF-8 once: then a line that needed no unfolding is a
    // slice of it, not checked again.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let whole = std::str::from_utf8(body).ok();
    if body.len() >= HALVES_FROM_BYTES
        && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
    {
        if let Some(roots) = parse_halves(file, body, whole, limits, warnings) {
            return roots;
        }
    }
    let lines = Lines::starting_at(body, limits.max_line_bytes, 1);
    run(file, lines, whole, limits, None, warnings).finish(file, warnings)
}

/// A big file read in two halves at once: the first half as usual, the second (from a
/// `BEGIN:VEVENT` line near the middle) as if inside the VCALENDAR the first half opened,
/// on a second thread. The two are joined only when that guess held and the second half
/// raised no warning, which makes the result exactly the one-pass result (the same tree,
/// the same warnings in the same order); otherwise `None`, and the caller reads the file
/// in one pass.
fn parse_halves<'a>(
    file: &str,
    body: &'a [u8],
    whole: Option<&'a str>,
    limits: &Limits,
    warnings: &mut Warnings,
) -> Option<Vec<Component<'a>>> {
    let mid = body.len() / 2;
    let at = mid + memchr::memmem::find(&body[mid..], b"\nBEGIN:VEVENT")? + 1;
    let after = body.get(at + 12..at + 14)?;
    if !(after.starts_with(b"\n") || after == b"\r\n") {
        return None;
    }
    let (first, second) = body.split_at(at);
    let second_line = 1 + memchr::memchr_iter(b'\n', first).count();
    let (mut one, mut one_warnings, two) = std::thread::scope(|scope| {
        let two = scope.spawn(|| {
            let mut w = Warnings::default();
            let lines = Lines::starting_at(second, limits.max_line_bytes, second_line);
            let calendar = Component {
                name: "VCALENDAR".to_string(),
                line: 0,
                ..Component::default()
            };
            let state = run(file, lines, whole, limits, Some(calendar), &mut w);
            (state, w)
        });
        let mut w = Warnings::default();
        let lines = Lines::starting_at(first, limits.max_line_bytes, 1);
        let one = run(file, lines, whole, limits, None, &mut w);
        (one, w, two.join())
    });
    let (mut two, two_warnings) = two.ok()?;
    // The guess: the first half ends inside its VCALENDAR, nothing else open; the second
    // closes that VCALENDAR (its first root, line 0), leaves nothing open and warns of
    // nothing (a throttled warning would count against the first half's).
    let guessed = one.stack.len() == 1
        && one.stack[0].name == "VCALENDAR"
        && !one.stack[0].broken
        && one.too_deep == 0
        && two_warnings.is_empty()
        && two.throttle.seen.is_empty()
        && two.stack.is_empty()
        && two
            .roots
            .first()
            .is_some_and(|r| r.line == 0 && r.name == "VCALENDAR");
    if !guessed {
        return None;
    }
    let rest = two.roots.split_off(1);
    let tail = two.roots.pop().expect("checked above");
    let mut calendar = one.stack.pop().expect("checked above");
    calendar.props = std::mem::take(&mut one.open_props[0]);
    calendar.props.extend(tail.props);
    calendar.children.extend(tail.children);
    one.open_props.clear();
    one.roots.push(calendar);
    one.roots.extend(rest);
    let roots = one.finish(file, &mut one_warnings);
    warnings.extend(one_warnings);
    Some(roots)
}

/// Where a read stopped: the components complete so far and those still open.
struct State<'a> {
    roots: Vec<Component<'a>>,
    stack: Vec<Component<'a>>,
    /// The properties of each open component, by depth (see [`run`]).
    open_props: Vec<Vec<Prop<'a>>>,
    throttle: Throttle,
    too_deep: usize,
}

/// Reads `lines` into components. `inside`: a component taken as already open (a
/// VCALENDAR with line 0), for the second half of [`parse_halves`].
fn run<'a>(
    file: &str,
    lines: Lines<'a>,
    whole: Option<&'a str>,
    limits: &Limits,
    inside: Option<Component<'a>>,
    warnings: &mut Warnings,
) -> State<'a> {
    let mut roots: Vec<Component> = Vec::new();
    let mut saw_begin = inside.is_some();
    let mut stack: Vec<Component> = inside.into_iter().collect();
    let mut throttle = Throttle {
        seen: Default::default(),
    };
    // Components opened beyond the depth limit, still open (their lines are skipped).
    let mut too_deep: usize = 0;
    let as_str = |b: &'a [u8]| -> Option<&'a str> {
        let whole = whole?;
        let from = (b.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
        whole.get(from..from + b.len())
    };
    // The properties of each open component, by depth: kept here while it is open (a
    // buffer reused from one component to the next) and moved into it, at their exact
    // size, when it closes.
    let mut open_props: Vec<Vec<Prop<'a>>> = stack.iter().map(|_| Vec::new()).collect();
    for (line, raw, cut) in lines {
        if cut {
            let what = match stack.last_mut() {
                Some(c) if c.name != "VCALENDAR" => {
                    c.broken = true;
                    format!("skipped the {} it is in", c.name)
                }
                _ => "skipped the line".to_string(),
            };
            throttle.push(
                warnings,
                "line too long",
                file,
                line,
                format!(
                    "line longer than {} bytes; {what} (raise the limit with --max-line-length)",
                    limits.max_line_bytes
                ),
            );
            continue;
        }
        let (text, utf8): (Cow<'a, str>, bool) = match raw {
            Cow::Borrowed(b) => match as_str(b).map(Ok).unwrap_or_else(|| std::str::from_utf8(b)) {
                Ok(t) => (Cow::Borrowed(t), true),
                Err(_) => (Cow::Owned(String::from_utf8_lossy(b).into_owned()), false),
            },
            Cow::Owned(b) => match String::from_utf8(b) {
                Ok(t) => (Cow::Owned(t), true),
                Err(e) => {
                    let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                    (Cow::Owned(lossy), false)
                }
            },
        };
        if !utf8 {
            throttle.push(warnings, "invalid UTF-8", file, line,
                "invalid UTF-8 (is the file Latin-1 or Windows-1252?); the bad bytes were replaced with U+FFFD; save the file as UTF-8",
            );
        }
        if text.trim().is_empty() {
            continue;
        }
        if too_deep > 0 {
            let starts = |p: &str| {
                text.get(..p.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(p))
            };
            if starts("BEGIN:") {
                too_deep += 1;
            } else if starts("END:") {
                too_deep -= 1;
            }
            continue;
        }
        let head = |p: &str| {
            text.as_bytes()
                .get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
        };
        if head("BEGIN:") {
            saw_begin = true;
            if stack.len() >= limits.max_depth {
                too_deep = 1;
                throttle.push(warnings, "nested too deep", file, line, format!(
                    "components nested more than {} deep; skipped this one and everything in it (raise the limit with --max-depth)",
                    limits.max_depth
                ));
                continue;
            }
            let name = text[6..].trim().to_ascii_uppercase();
            stack.push(Component {
                name,
                line,
                ..Component::default()
            });
            if open_props.len() < stack.len() {
                open_props.push(Vec::new());
            }
            continue;
        }
        if head("END:") {
            let name = text[4..].trim().to_ascii_uppercase();
            match stack.iter().rposition(|c| c.name == name) {
                Some(pos) => {
                    // Close anything left open inside it (a missing END): report it.
                    while stack.len() > pos + 1 {
                        open_props[stack.len() - 1].clear();
                        let lost = stack.pop().unwrap();
                        warnings.push(
                            file,
                            Some(lost.line),
                            format!(
                                "BEGIN:{} has no END:{} before END:{} on line {}; skipped it (add END:{} where it ends)",
                                lost.name, lost.name, name, line, lost.name
                            ),
                        );
                    }
                    let props = &mut open_props[stack.len() - 1];
                    let mut done = stack.pop().unwrap();
                    if done.broken {
                        props.clear();
                        continue;
                    }
                    // Not `mem::take`: the buffer stays for the next component, and the
                    // component gets a Vec of exactly its size.
                    #[allow(clippy::drain_collect)]
                    {
                        done.props = props.drain(..).collect();
                    }
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(done),
                        None => roots.push(done),
                    }
                }
                None => throttle.push(
                    warnings,
                    "END without BEGIN",
                    file,
                    line,
                    format!("END:{name} without a matching BEGIN; ignored the line (remove it, or add the missing BEGIN:{name} above)"),
                ),
            }
            continue;
        }
        let Some(depth) = stack.len().checked_sub(1) else {
            if saw_begin {
                throttle.push(
                    warnings,
                    "text after the end",
                    file,
                    line,
                    "text after the end of the calendar; ignored (remove it, or move it before END:VCALENDAR)",
                );
            }
            continue;
        };
        match parse_line(&text) {
            Some(mut prop) => {
                prop.line = line;
                open_props[depth].push(prop);
            }
            None => throttle.push(
                warnings,
                "not a content line",
                file,
                line,
                format!(
                    "not an iCalendar content line ({}); skipped the line (a content line is NAME:value; fix or remove it)",
                    excerpt(&text)
                ),
            ),
        }
    }
    State {
        roots,
        stack,
        open_props,
        throttle,
        too_deep,
    }
}

impl<'a> State<'a> {
    /// The end of the file: the throttled warnings' counts, and what is still open
    /// reported (a VCALENDAR kept, anything else dropped).
    fn finish(self, file: &str, warnings: &mut Warnings) -> Vec<Component<'a>> {
        let State {
            mut roots,
            mut stack,
            mut open_props,
            throttle,
            ..
        } = self;
        throttle.finish(warnings, file);
        while let Some(mut open) = stack.pop() {
            open.props = std::mem::take(&mut open_props[stack.len()]);
            if open.name == "VCALENDAR" {
                // Keep what was complete before the cut.
                warnings.push(
                file,
                Some(open.line),
                "BEGIN:VCALENDAR is never closed (truncated file?); kept the complete components before the end (download or export the file again for the rest)",
            );
                match stack.last_mut() {
                    Some(parent) => parent.children.push(open),
                    None => roots.push(open),
                }
            } else {
                warnings.push(
                file,
                Some(open.line),
                format!(
                    "BEGIN:{} is never closed (truncated file?); skipped it (download or export the file again)",
                    open.name
                ),
            );
            }
        }
        roots
    }
}

/// Splits one unfolded content line (see [`super::line`]); `None` when it is not a
/// property line: no `:` at all, or a name that is not letters, digits and `-`. What needs
/// no change is borrowed from the file when the line is.
fn parse_line<'a>(text: &Cow<'a, str>) -> Option<Prop<'a>> {
    match text {
        Cow::Borrowed(t) => parse_borrowed(t),
        Cow::Owned(t) => parse_borrowed(t).map(|p| Prop {
            name: Cow::Owned(p.name.into_owned()),
            params: p
                .params
                .into_iter()
                .map(|(k, v)| (Cow::Owned(k.into_owned()), Cow::Owned(v.into_owned())))
                .collect(),
            value: Cow::Owned(p.value.into_owned()),
            line: p.line,
        }),
    }
}

fn parse_borrowed(text: &str) -> Option<Prop<'_>> {
    // A name without value reads as a property there; RFC 5545 does not allow it.
    text.find(':')?;
    let split = line::split(text)?;
    let name = split.name;
    if name.is_empty() || !name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-') {
        return None;
    }
    let params = split
        .params
        .into_iter()
        .map(|(k, v)| (upper(k), Cow::Borrowed(v.unwrap_or("").trim_matches('"'))))
        .collect();
    Some(Prop {
        name: upper(name),
        params,
        value: split.value,
        line: 0,
    })
}

/// Upper case, borrowed when it already is.
fn upper(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_lowercase()) {
        Cow::Owned(s.to_ascii_uppercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// The start of a line for messages (never more than 40 characters).
pub fn excerpt(text: &str) -> String {
    let short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        format!("\"{short}…\"")
    } else {
        format!("\"{short}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfolds_inside_utf8_characters() {
        // "å" is C3 A5; fold between the two bytes.
        let bytes = b"SUMMARY:M\xC3\r\n \xA5te\r\nUID:x\r\n";
        let lines = unfold(bytes, 1000);
        assert_eq!(lines[0].0, 1);
        assert_eq!(&*lines[0].1, "SUMMARY:Måte".as_bytes());
        assert!(!lines[0].2);
        assert_eq!(lines[1].0, 3);
    }

    #[test]
    fn builds_tree_and_reports_truncation() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=\"Europe/Stockholm\":20260101T100000\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\n";
        let mut w = Warnings::default();
        let roots = parse("t.ics", text.as_bytes(), &Limits::default(), &mut w);
        // The cut event is dropped; the calendar and its complete event are kept.
        assert_eq!(roots.len(), 1);
        assert_eq!(roots[0].children.len(), 1);
        assert_eq!(w.items.len(), 2);
        assert_eq!(w.items[0].line, Some(6));
    }

    /// A big file read in two halves gives the one-pass tree and warnings, whether the
    /// halves are joined (a clean file) or not (a warning in the second half, a VCALENDAR
    /// left open, a component open across the middle).
    #[test]
    fn halves_read_as_one_pass() {
        let event = |i: usize| {
            format!("BEGIN:VEVENT\r\nUID:u{i}\r\nSUMMARY:Möte {i} med en lång titel\r\n DESCRIPTION-FOLD\r\nDTSTART;TZID=Europe/Stockholm:20260101T100000\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM\r\nEND:VEVENT\r\n")
        };
        let body: String = (0..9_000).map(event).collect();
        let clean =
            format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}X-AFTER:1\r\nEND:VCALENDAR\r\n");
        let mid = clean.len() * 3 / 4;
        let cases = [
            clean.clone(),
            // A line that is no content line, three quarters in.
            {
                let at = clean[mid..].find("BEGIN:VEVENT").unwrap() + mid;
                format!("{}not a line\r\n{}", &clean[..at], &clean[at..])
            },
            // Truncated: the VCALENDAR never closed.
            clean[..clean.len() - 15].to_string(),
            // Everything inside an extra component.
            format!("BEGIN:X-WRAP\r\n{clean}END:X-WRAP\r\n"),
        ];
        let limits = Limits::default();
        // The clean file is joined from its halves; the one with a bad line is not.
        let joined = |text: &str| {
            let whole = std::str::from_utf8(text.as_bytes()).ok();
            let mut w = Warnings::default();
            parse_halves("t.ics", text.as_bytes(), whole, &limits, &mut w).is_some()
        };
        assert!(joined(&cases[0]));
        assert!(!joined(&cases[1]));
        for text in &cases {
            assert!(text.len() >= HALVES_FROM_BYTES);
            let mut w_fast = Warnings::default();
            let fast = parse("t.ics", text.as_bytes(), &limits, &mut w_fast);
            let mut w_slow = Warnings::default();
            let whole = std::str::from_utf8(text.as_bytes()).ok();
            let lines = Lines::starting_at(text.as_bytes(), limits.max_line_bytes, 1);
            let slow =
                run("t.ics", lines, whole, &limits, None, &mut w_slow).finish("t.ics", &mut w_slow);
            assert_eq!(fast, slow);
            assert_eq!(format!("{:?}", w_fast.items), format!("{:?}", w_slow.items));
        }
    }

    #[test]
    fn params_are_unquoted_and_uppercased() {
        let p =
            parse_line(&"dtstart;tzid=\"W. Europe Standard Time\":20260101T100000".into()).unwrap();
        assert_eq!(p.name, "DTSTART");
        assert_eq!(p.param("TZID"), Some("W. Europe Standard Time"));
        assert_eq!(p.value, "20260101T100000");
    }

    #[test]
    fn text_values_come_unescaped() {
        let p = parse_line(&r"SUMMARY:a\, b\; c\\d\ne".into()).unwrap();
        assert_eq!(p.value, "a, b; c\\d\ne");
    }
}

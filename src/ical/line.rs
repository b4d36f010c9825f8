/*!
One unfolded content line → name, parameters and value (RFC 5545 3.1).

`NAME *(";" param) ":" value`, where a parameter is `KEY=value` or `KEY="quoted; value"`
(a quoted value may hold `;`, `:` and `,`). This splitter replaced the `icalendar` crate's
nom parser, which allocated name, parameters and value for every line and was a fifth of
all the work of reading a file; it reads the line in place and borrows what it can.

It reads every line exactly as that parser did, quirks included, so no file reads
differently than before (a property test in this file holds the two together, with the
crate as a dev-dependency): keys may hold `.`, `,`, `/`, `_` and Unicode letters (the
caller then refuses what is not a valid name); a line whose parameters end in something
that is not `;` or `:` reads as the bare name with an empty value; TEXT values (by the
property's upper-case name, or `VALUE=TEXT`) are unescaped, CATEGORIES and RESOURCES are
not; a name written in lower case is not taken as TEXT.
*/

use std::borrow::Cow;

/// One content line, split; everything borrows from the line unless it had to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The name as written.
    pub name: &'a str,
    /// (key as written, value as written without the quotes of a single quoted value);
    /// `None` for `KEY` alone or `KEY=` with nothing after it.
    pub params: Vec<(&'a str, Option<&'a str>)>,
    /// The value, unescaped when it is TEXT.
    pub value: Cow<'a, str>,
}

fn is_key_char(c: char) -> bool {
    c == '.' || c == ',' || c == '/' || c == '_' || c == '-' || c.is_alphanumeric()
}

/// Length in bytes of the key at the start of `s` (possibly 0).
fn key_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii() {
            if !(c.is_ascii_alphanumeric() || matches!(c, b'.' | b',' | b'/' | b'_' | b'-')) {
                return i;
            }
            i += 1;
        } else {
            let ch = s[i..].chars().next().expect("at a char boundary");
            if !is_key_char(ch) {
                return i;
            }
            i += ch.len_utf8();
        }
    }
    i
}

/// A quoted parameter value at the start of `s` (which starts with `"`): `"…"` with at
/// least one character, then any number of `,"…"`. Returns the value (without the quotes
/// when there is one, the whole run with quotes when there are several) and its length.
fn quoted(s: &str) -> Option<(&str, usize)> {
    let one = |from: usize| -> Option<usize> {
        // `"` then one or more non-quotes then `"`: the index after the closing quote.
        let rest = s.get(from..)?;
        if !rest.starts_with('"') {
            return None;
        }
        let close = rest[1..].find('"')?;
        (close > 0).then_some(from + 1 + close + 1)
    };
    let first_end = one(0)?;
    let mut end = first_end;
    let mut more = 0;
    while s[end..].starts_with(',') {
        match one(end + 1) {
            Some(e) => {
                end = e;
                more += 1;
            }
            None => break,
        }
    }
    if more == 0 {
        Some((&s[1..first_end - 1], first_end))
    } else {
        Some((&s[..end], end))
    }
}

/// Splits a content line; `None` when it names BEGIN or END (those are not properties).
/// A line without `:` after its parameters reads as its bare name with an empty value,
/// as the crate read it; the caller decides whether that is a content line.
pub fn split(text: &str) -> Option<Split<'_>> {
    let rest = text.trim_start_matches([' ', '\t', '\r', '\n']);
    for keyword in ["BEGIN", "END"] {
        let n = keyword.len();
        if rest
            .as_bytes()
            .get(..n)
            .is_some_and(|h| h.eq_ignore_ascii_case(keyword.as_bytes()))
        {
            let after = &rest[n..];
            if after.is_empty() || after.starts_with([':', ';']) {
                return None;
            }
        }
    }
    let name_len = key_len(rest);
    let name = &rest[..name_len];
    let mut params = Vec::new();
    let mut at = name_len;
    while rest[at..].starts_with(';') {
        at += 1;
        at += rest[at..].len() - rest[at..].trim_start_matches([' ', '\t']).len();
        let k = key_len(&rest[at..]);
        let key = &rest[at..at + k];
        at += k;
        if !rest[at..].starts_with('=') {
            params.push((key, None));
            continue;
        }
        at += 1;
        let after = &rest[at..];
        let value = if after.is_empty() {
            None
        } else if let Some((v, n)) = after.starts_with('"').then(|| quoted(after)).flatten() {
            at += n;
            Some(v)
        } else {
            let n = after.find([';', ':']).unwrap_or(after.len());
            at += n;
            (n > 0).then(|| &after[..n])
        };
        params.push((key, value));
    }
    let Some(value) = rest[at..].strip_prefix(':') else {
        // Not `:` after the parameters: the bare name, read from the line's very start.
        let bare = &text[..key_len(text)];
        return Some(Split {
            name: bare,
            params: Vec::new(),
            value: Cow::Borrowed(""),
        });
    };
    let value = match memchr_newline(value) {
        None => value,
        Some(_) => match value.find("\r\n") {
            Some(i) => &value[..i],
            None => &value[..value.find('\n').unwrap_or(value.len())],
        },
    };
    let value = if is_text(name, &params) {
        unescape_text(value)
    } else {
        Cow::Borrowed(value)
    };
    Some(Split {
        name,
        params,
        value,
    })
}

fn memchr_newline(s: &str) -> Option<usize> {
    memchr::memchr(b'\n', s.as_bytes())
}

/// Whether the value is TEXT to unescape: by a `VALUE=` parameter naming a known type,
/// else by the property's name (upper case only), never for the two text lists.
fn is_text(name: &str, params: &[(&str, Option<&str>)]) -> bool {
    if name.eq_ignore_ascii_case("CATEGORIES") || name.eq_ignore_ascii_case("RESOURCES") {
        return false;
    }
    let by_param = params
        .iter()
        .find(|(k, _)| *k == "VALUE")
        .and_then(|(_, v)| *v)
        .and_then(value_type_is_text);
    match by_param {
        Some(text) => text,
        None => name_is_text(name),
    }
}

/// `Some(is it TEXT)` for a known value type name (exact, upper case).
fn value_type_is_text(v: &str) -> Option<bool> {
    match v {
        "TEXT" => Some(true),
        "BINARY" | "BOOLEAN" | "CAL-ADDRESS" | "DATE" | "DATE-TIME" | "DURATION" | "FLOAT"
        | "INTEGER" | "PERIOD" | "RECUR" | "TIME" | "URI" | "UTC-OFFSET" => Some(false),
        _ => None,
    }
}

/// Properties whose default value type is TEXT (RFC 5545 3.7, 3.8), and every `X-` one.
fn name_is_text(name: &str) -> bool {
    let lower = if name.is_ascii() {
        name.bytes().any(|b| b.is_ascii_lowercase())
    } else {
        name.chars().any(char::is_lowercase)
    };
    if lower {
        return false;
    }
    matches!(
        name,
        "CALSCALE"
            | "METHOD"
            | "PRODID"
            | "VERSION"
            | "CATEGORIES"
            | "CLASS"
            | "COMMENT"
            | "DESCRIPTION"
            | "LOCATION"
            | "RESOURCES"
            | "STATUS"
            | "SUMMARY"
            | "TRANSP"
            | "TZID"
            | "TZNAME"
            | "CONTACT"
            | "RELATED-TO"
            | "UID"
            | "ACTION"
            | "REQUEST-STATUS"
    ) || name.starts_with("X-")
}

/// TEXT unescaping (RFC 5545 3.3.11): `\\`, `\,`, `\;`, `\:`, `\n` and `\N`; any other
/// backslash is kept as written.
fn unescape_text(input: &str) -> Cow<'_, str> {
    let Some(first) = memchr::memchr(b'\\', input.as_bytes()) else {
        return Cow::Borrowed(input);
    };
    // From one backslash to the next, the text between is copied whole (a backslash is
    // ASCII, so every cut is at a character boundary).
    let mut out = String::with_capacity(input.len());
    let mut from = 0;
    let mut at = Some(first);
    while let Some(i) = at {
        out.push_str(&input[from..i]);
        let next = input[i + 1..].chars().next();
        match next {
            Some('\\') => out.push('\\'),
            Some(',') => out.push(','),
            Some(';') => out.push(';'),
            Some(':') => out.push(':'),
            Some('n') | Some('N') => out.push('\n'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
        from = i + 1 + next.map_or(0, char::len_utf8);
        at = memchr::memchr(b'\\', &input.as_bytes()[from..]).map(|k| from + k);
    }
    out.push_str(&input[from..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use icalendar::parser::Property as CrateProperty;
    use proptest::prelude::*;

    /// A line as (name, parameters, value), owned.
    type Owned = (String, Vec<(String, Option<String>)>, String);

    /// What the crate's parser made of a line, in this module's terms.
    fn by_crate(text: &str) -> Option<Owned> {
        let p = CrateProperty::try_from(text).ok()?;
        Some((
            p.name.as_str().to_string(),
            p.params
                .iter()
                .map(|q| {
                    (
                        q.key.as_str().to_string(),
                        q.val.as_ref().map(|v| v.as_str().to_string()),
                    )
                })
                .collect(),
            p.val.as_str().to_string(),
        ))
    }

    fn by_us(text: &str) -> Option<Owned> {
        let s = split(text)?;
        Some((
            s.name.to_string(),
            s.params
                .iter()
                .map(|(k, v)| (k.to_string(), v.map(str::to_string)))
                .collect(),
            s.value.into_owned(),
        ))
    }

    #[test]
    fn the_usual_lines() {
        for line in [
            "DTSTART;TZID=\"W. Europe Standard Time\":20260101T100000",
            "ATTENDEE;PARTSTAT=ACCEPTED;CN=\"Doe; John: Jr\":mailto:j@example.se",
            r"SUMMARY:a\, b\; c\\d\ne\:f\x",
            r"summary:a\, b",
            r"CATEGORIES:a\,b,c",
            r"X-FOO:a\nb",
            r"DESCRIPTION;VALUE=URI:a\nb",
            r"URL;VALUE=TEXT:a\nb",
            "FOO BAR:x",
            " \tUID:x",
            "BEGIN;X=1:VEVENT",
            "END",
            "BEGINNING:x",
            "K;A=\"x\",\"y\";B=\"\";C=;D:v",
            "K;A=\"x\"y:v",
            "K;A=\"x:v",
            "K; \tA=1:v",
            "K;=1;:v",
            "Kö.k/_,-;ä=ü:v",
            ":v",
            "K;A=",
            "K;A",
            "K:a\r\nb",
            "K:a\nb\r\nc",
        ] {
            assert_eq!(by_us(line), by_crate(line), "{line:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// Lines built from the pieces that matter (names, separators, quotes, escapes,
        /// spaces, non-ASCII) read the same as the crate read them.
        #[test]
        fn reads_every_line_as_the_crate_did(
            pieces in proptest::collection::vec(prop_oneof![
                Just("SUMMARY"), Just("summary"), Just("DTSTART"), Just("CATEGORIES"),
                Just("X-A"), Just("BEGIN"), Just("end"), Just("VALUE"), Just("TEXT"),
                Just("URI"), Just("TZID"), Just(";"), Just(":"), Just("="), Just(","),
                Just("\""), Just("\\"), Just("\\n"), Just("\\,"), Just(" "), Just("\t"),
                Just("\r"), Just("\n"), Just("."), Just("/"), Just("_"), Just("-"),
                Just("å"), Just("Ж"), Just("☃"), Just("a"), Just("1"), Just("Z"),
            ], 0..14)
        ) {
            let line: String = pieces.concat();
            prop_assert_eq!(by_us(&line), by_crate(&line), "{:?}", line);
        }

        #[test]
        fn reads_any_text_as_the_crate_did(line in "\\PC{0,30}") {
            prop_assert_eq!(by_us(&line), by_crate(&line), "{:?}", line);
        }
    }
}

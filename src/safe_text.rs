/*!
Terminal-safe text: control characters from calendars never reach a terminal raw.

A feed's SUMMARY can hold `ESC ]0;…` (sets the window title), `ESC [2J` (clears the
screen) or a right-to-left override that makes text read backwards. Every human-readable
output and message goes through here on its way to stdout or stderr: [`clean`] for
messages, [`clean_output`] for text output, which keeps only krock's own colour codes
(`ESC [` 0/1/2/31/32/33 `m`, see `report::Style`). Each other control character is
shown escaped (`\x1B`, `\u{202E}`), so nothing is lost silently and nothing acts.
JSON output does not come here: serde_json escapes control characters itself.
*/

use std::borrow::Cow;

/// The SGR codes `report::Style` writes.
const OWN_SGR: [&str; 6] = ["0", "1", "2", "31", "32", "33"];

/// Whether `c` must not reach a terminal raw: C0 controls except newline and tab, DEL, C1
/// controls, and the bidirectional overrides and isolates.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn escape(c: char, out: &mut String) {
    use std::fmt::Write;
    if (c as u32) < 0x100 {
        let _ = write!(out, "\\x{:02X}", c as u32);
    } else {
        let _ = write!(out, "\\u{{{:04X}}}", c as u32);
    }
}

/// `text` with every unsafe control character escaped.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            escape(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`clean`], but krock's own colour codes (`ESC [ 31 m` …) are kept.
pub fn clean_output(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\x1b' {
            if let Some(code) = rest
                .strip_prefix("\x1b[")
                .and_then(|r| r.split_once('m'))
                .map(|(code, _)| code)
                .filter(|code| OWN_SGR.contains(code))
            {
                let len = 2 + code.len() + 1;
                out.push_str(&rest[..len]);
                rest = &rest[len..];
                continue;
            }
        }
        if is_unsafe(c) {
            escape(c, &mut out);
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_terminal_commands() {
        assert_eq!(clean("a\x1b]0;pwned\x07b"), "a\\x1B]0;pwned\\x07b");
        assert_eq!(clean("x\x1b[2J\r\n"), "x\\x1B[2J\\x0D\n");
        assert_eq!(clean("\u{202E}gpj.exe"), "\\u{202E}gpj.exe");
        assert_eq!(clean("\u{9b}31m"), "\\x9B31m");
        assert!(matches!(clean("Möte\tkl 9\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn keeps_own_colours_only() {
        assert_eq!(
            clean_output("\x1b[31m!24\x1b[0m \x1b[2J \x1b[5m"),
            "\x1b[31m!24\x1b[0m \\x1B[2J \\x1B[5m"
        );
        assert_eq!(clean_output("\x1b"), "\\x1B");
        assert_eq!(clean_output("\x1b[31"), "\\x1B[31");
    }

    proptest! {
        #[test]
        fn nothing_unsafe_survives(s in "\\PC*|[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}a\\[m0-9;]{0,40}") {
            for cleaned in [clean(&s).into_owned(), clean_output(&s).into_owned()] {
                // Only ESC of krock's own SGR codes may remain.
                let stripped = OWN_SGR.iter().fold(cleaned.clone(), |t, c| t.replace(&format!("\x1b[{c}m"), ""));
                prop_assert!(!stripped.chars().any(is_unsafe), "{cleaned:?}");
            }
            // Text without control characters is unchanged.
            if !s.chars().any(is_unsafe) {
                prop_assert_eq!(clean(&s), s.as_str());
            }
        }
    }
}

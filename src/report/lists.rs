/*!
The plain lists: `krock holidays` and `krock calendars`, as text or JSON lines.

Like every renderer it prints what the library returned; the JSON keys are those of
docs/json.md.
*/

use crate::holidays::{Holiday, HolidayKind};
use crate::i18n::Lang;
use crate::source::caldav_discovery::CalendarInfo;

/// The holidays, one a line: `day  name  kind`, or a JSON object a line.
pub fn holidays(list: &[Holiday], json: bool, lang: Lang) -> String {
    let mut out = String::new();
    for h in list {
        if json {
            let kind = match h.kind {
                HolidayKind::Public => "public",
                HolidayKind::DeFacto => "de-facto",
            };
            out.push_str(
                &serde_json::json!({"date": h.date.to_string(), "name": h.name, "kind": kind})
                    .to_string(),
            );
            out.push('\n');
        } else {
            let kind = lang.t(match h.kind {
                HolidayKind::Public => "holiday-public",
                HolidayKind::DeFacto => "holiday-de-facto",
            });
            out.push_str(&format!(
                "{}  {:<28} {}\n",
                crate::i18n::dates::day_label(lang, h.date),
                h.name,
                kind
            ));
        }
    }
    out
}

/// The calendars of a CalDAV account: name, path, colour, components; or JSON lines.
pub fn calendars(list: &[CalendarInfo], json: bool) -> String {
    let mut out = String::new();
    for c in list {
        if json {
            out.push_str(
                &serde_json::json!({"name": c.name, "path": c.path, "color": c.color, "components": c.components})
                    .to_string(),
            );
            out.push('\n');
        } else {
            let components = if c.components.is_empty() {
                "(any)".to_string()
            } else {
                c.components.join(",")
            };
            out.push_str(&format!(
                "{:<24} {:<40} {:<9} {components}\n",
                c.name.as_deref().unwrap_or("(no name)"),
                c.path,
                c.color.as_deref().unwrap_or("-")
            ));
        }
    }
    out
}

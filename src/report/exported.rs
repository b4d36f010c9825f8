/*!
What `krock export` wrote: one entry a file (its status, the message, how many it goes
to), and the occurrences kept where they are. Prints what `export` returned.
*/

use crate::export::{Changes, Message, Method, Written};
use crate::tr;
use crate::world::World;
use std::path::PathBuf;

/// The summary after the notes: each file written, then each occurrence kept.
pub fn text(
    world: &World,
    changes: &Changes,
    messages: &[Message],
    written: &[(PathBuf, Written)],
) -> String {
    let zone = &world.zone;
    let lang = world.lang;
    let stamp = |t| zone.to_local(t).format("%Y-%m-%d %H:%M").to_string();
    let mut out = super::notes::text(world);
    if messages.is_empty() {
        out.push_str(&lang.t("export-nothing"));
        out.push('\n');
    }
    for (m, (path, status)) in messages.iter().zip(written) {
        let meeting = &world.plan.meetings[m.meeting];
        let when = stamp(m.start);
        // The iTIP method stays as it is: it is what the file says.
        let what = match (m.method, m.original) {
            (Method::Cancel, _) => format!("CANCEL   {} {when}", meeting.id),
            (_, Some(o)) => format!(
                "REQUEST  {} {}",
                meeting.id,
                tr!(lang, "export-moved", from = stamp(o), to = when)
            ),
            (_, None) => format!("REQUEST  {} {when}", meeting.id),
        };
        let status = match status {
            Written::New => String::new(),
            Written::Replaced => format!(" {}", lang.t("export-replaced")),
            Written::Unchanged => format!(" {}", lang.t("export-unchanged")),
        };
        out.push_str(&format!(
            "{}{status}\n    {what}; {}\n",
            path.display(),
            tr!(lang, "export-send-to", n = m.to.len())
        ));
    }
    for c in changes
        .chosen
        .iter()
        .filter(|c| c.original == Some(c.start))
    {
        out.push_str(&tr!(
            lang,
            "export-kept",
            meeting = &world.plan.meetings[c.meeting].id,
            when = stamp(c.start)
        ));
        out.push('\n');
    }
    out
}

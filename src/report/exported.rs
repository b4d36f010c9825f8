/*!
What `krock export` wrote: one entry a file (its status, the message, how many it goes
to), and the occurrences kept where they are. Prints what `export` returned.
*/

use crate::export::{Changes, Message, Method, Written};
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
    let mut out = super::notes::text(world);
    if messages.is_empty() {
        out.push_str("Nothing to send: every planned occurrence stays where it is.\n");
    }
    for (m, (path, status)) in messages.iter().zip(written) {
        let meeting = &world.plan.meetings[m.meeting];
        let when = zone.to_local(m.start).format("%Y-%m-%d %H:%M");
        let what = match (m.method, m.original) {
            (Method::Cancel, _) => format!("CANCEL   {} {when}", meeting.id),
            (_, Some(o)) => format!(
                "REQUEST  {} moved {} → {when}",
                meeting.id,
                zone.to_local(o).format("%Y-%m-%d %H:%M")
            ),
            (_, None) => format!("REQUEST  {} {when}", meeting.id),
        };
        let status = match status {
            Written::New => "",
            Written::Replaced => " (replaced)",
            Written::Unchanged => " (unchanged)",
        };
        out.push_str(&format!(
            "{}{status}\n    {what}; send to {} attendee{}\n",
            path.display(),
            m.to.len(),
            if m.to.len() == 1 { "" } else { "s" }
        ));
    }
    for c in changes
        .chosen
        .iter()
        .filter(|c| c.original == Some(c.start))
    {
        out.push_str(&format!(
            "kept: {} {} (no message needed)\n",
            world.plan.meetings[c.meeting].id,
            zone.to_local(c.start).format("%Y-%m-%d %H:%M")
        ));
    }
    out
}

/*!
A runner-up in the text report of `krock propose`, occurrence by occurrence: each date
with its attendance and what it stands in for in the proposal ("as proposed", "instead
of 2026-04-21 Tue 13:00"), under a line with the whole plan's attendance and how many
occurrences differ. The pairing is the solver's ([`Found::compared_to`]).
*/

use super::hm;
use crate::check::Attendance;
use crate::i18n::dates::{date_time, day_label};
use crate::i18n::Lang;
use crate::solve::proposal::Compared;
use crate::solve::Found;
use crate::tr;
use crate::world::World;

/// A runner-up: its rank, attendance over all its occurrences and how many differ from
/// the best plan; then each occurrence with its attendance and what it stands in for.
pub fn text(alt: &Found, best: &Found, time_limit: Option<f64>, world: &World) -> String {
    let zone = &world.zone;
    let lang = world.lang;
    let compared = alt.compared_to(best);
    let changed = compared.iter().filter(|c| **c != Compared::Same).count();
    let s = &alt.score;
    let mut out = format!(
        "  {}{}\n",
        tr!(
            lang,
            "runner-up-head",
            rank = alt.rank,
            present = s.present,
            in_person = s.in_person,
            changed = changed
        ),
        super::propose::not_proven_line(alt, time_limit, lang)
            .map(|l| format!("; {l}"))
            .unwrap_or_default()
    );
    for (o, c) in alt.occurrences.iter().zip(&compared) {
        let m = &world.plan.meetings[o.meeting];
        out.push_str(&format!(
            "       {}  {}–{}  {}  {}  {}\n",
            day_label(lang, o.date),
            hm(o.start, zone),
            hm(o.end, zone),
            m.id,
            attendance_short(&o.attendance, m.attendees.len(), lang),
            compared_text(c, world),
        ));
    }
    out
}

/// What a runner-up's occurrence stands in for: "as proposed", "instead of 2026-04-21
/// Tue 13:00", "added".
pub(super) fn compared_text(c: &Compared, world: &World) -> String {
    let lang = world.lang;
    match c {
        Compared::Same => lang.t("runner-up-same"),
        Compared::Instead(t) => tr!(
            lang,
            "runner-up-instead",
            other = date_time(lang, world.zone.to_local(*t))
        ),
        Compared::Added => lang.t("runner-up-added"),
    }
}

/// "12 of 12 present" / "11 of 12 present, 1 remote".
pub(super) fn attendance_short(a: &Attendance, total: usize, lang: Lang) -> String {
    if a.remote.is_empty() {
        tr!(lang, "present-of", present = a.count(), total = total)
    } else {
        tr!(
            lang,
            "present-of-remote",
            present = a.count(),
            total = total,
            remote = a.remote.len()
        )
    }
}

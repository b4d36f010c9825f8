/*!
The month grid under `check --plan` and `propose --plan` text: each month of the plan's
window like `cal` — Monday first, the ISO week in the first column — two months side by
side, and a one-line legend.

Each marked day has a plain marker in front of its number, so the grid reads the same
without colour (a pipe, a file, `NO_COLOR`): `!24` a planned occurrence that clashes,
`+24` one without a clash (check); `*21` a proposed occurrence, `x24` a planned date the
proposal gives up (propose); `h14` a holiday. On a terminal the markers are coloured too.
Days outside the window are faint on a terminal. The marks come from [`Marks`], i.e. from
what check and propose returned.
*/

use super::month::{months, Mark, Marks, Month};
use super::Style;
use crate::check::PlanCheck;
use crate::i18n::Lang;
use crate::solve::Proposal;
use crate::world::World;
use chrono::{NaiveDate, Weekday};

/// Width of one month: the week column (2) and seven cells of 3, each after a space.
const WIDTH: usize = 2 + 7 * 4;
/// Between two months side by side.
const GAP: &str = "    ";

/// The grid of a clash check.
pub fn check(report: &PlanCheck, world: &World, style: Style) -> String {
    render(&Marks::of_check(report, world), world, style)
}

/// The grid of a proposal (its rank-1 plan).
pub fn propose(p: &Proposal, world: &World, style: Style) -> String {
    render(&Marks::of_proposal(p, world), world, style)
}

fn paint(style: Style, mark: Option<Mark>, outside: bool, text: &str) -> String {
    match mark {
        Some(Mark::Clash) => style.bad(text),
        Some(Mark::Proposed | Mark::Planned) => style.good(text),
        Some(Mark::Holiday) => style.note(text),
        Some(Mark::GivenUp) => style.dim(text),
        None if outside => style.dim(text),
        None => text.to_string(),
    }
}

fn cell(day: NaiveDate, marks: &Marks, world: &World, style: Style) -> String {
    let mark = marks.top(day);
    let text = match mark {
        Some(m) => format!("{}{}", m.symbol(), chrono::Datelike::day(&day)),
        None => chrono::Datelike::day(&day).to_string(),
    };
    let outside = day < world.plan.from || day > world.plan.to;
    format!(
        "{}{}",
        " ".repeat(3usize.saturating_sub(text.len())),
        paint(style, mark, outside, &text)
    )
}

/// `wk  Mo  Tu  We  Th  Fr  Sa  Su`: the head row, day names cut to two letters.
fn weekday_row(lang: Lang) -> String {
    let mut row = format!("{:<2}", lang.t("grid-week"));
    let mut day = Weekday::Mon;
    for _ in 0..7 {
        let name = crate::i18n::dates::weekday_short(lang, day);
        let two: String = name.chars().take(2).collect();
        row.push_str("  ");
        row.push_str(&two);
        day = day.succ();
    }
    row
}

/// The lines of one month, each [`WIDTH`] columns wide.
fn month_lines(m: &Month, marks: &Marks, world: &World, style: Style) -> Vec<String> {
    let lang = world.lang;
    let title = m.title(lang);
    let left = (WIDTH - title.chars().count()) / 2;
    let mut lines = vec![
        format!("{}{}", " ".repeat(left), style.bold(&title))
            + &" ".repeat(WIDTH - left - title.chars().count()),
        weekday_row(lang),
    ];
    for w in &m.weeks {
        let mut line = format!("{:>2}", w.iso);
        for d in &w.days {
            line.push(' ');
            match d {
                Some(day) => line.push_str(&cell(*day, marks, world, style)),
                None => line.push_str("   "),
            }
        }
        lines.push(line);
    }
    lines
}

fn render(marks: &Marks, world: &World, style: Style) -> String {
    let all = months(world.plan.from, world.plan.to);
    let mut out = String::new();
    for pair in all.chunks(2) {
        out.push('\n');
        let blocks: Vec<Vec<String>> = pair
            .iter()
            .map(|m| month_lines(m, marks, world, style))
            .collect();
        let rows = blocks.iter().map(Vec::len).max().unwrap_or(0);
        for r in 0..rows {
            let parts: Vec<String> = blocks
                .iter()
                .map(|b| b.get(r).cloned().unwrap_or_else(|| " ".repeat(WIDTH)))
                .collect();
            out.push_str(parts.join(GAP).trim_end());
            out.push('\n');
        }
    }
    let legend: Vec<String> = marks
        .legend
        .iter()
        .map(|m| {
            format!(
                "{} {}",
                paint(style, Some(*m), false, &m.symbol().to_string()),
                m.meaning(world.lang)
            )
        })
        .collect();
    out.push_str(&format!(
        "\n{}; {}\n",
        legend.join("; "),
        world.lang.t("grid-week-legend")
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::busy::BusyMap;
    use crate::diag::Warnings;

    fn scenario() -> (World, BusyMap) {
        let file = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/calendars/familjen-helsingborg.toml"
        );
        let plan = crate::plan::load(std::path::Path::new(file)).unwrap();
        let mut world = World::load(plan, &mut Warnings::default()).unwrap();
        world.lang = Lang::En;
        let busy = BusyMap::build(&world);
        (world, busy)
    }

    #[test]
    fn plain_markers_without_colour_and_coloured_markers_with_it() {
        let (world, busy) = scenario();
        let report = crate::check::check_plan(&world, &busy);
        let plain = check(&report, &world, Style::plain());
        assert!(!plain.contains('\x1b'), "{plain}");
        assert!(
            plain.contains("\n17  20  21  22  23 !24  25  26"),
            "{plain}"
        );
        assert!(plain.contains(" h14 "), "{plain}");
        assert!(plain.contains("! planned date that clashes;"), "{plain}");
        let mut sv = world.clone();
        sv.lang = Lang::Sv;
        let swedish = check(&report, &sv, Style::plain());
        assert!(
            swedish.contains("v   må  ti  on  to  fr  lö  sö"),
            "{swedish}"
        );
        assert!(swedish.contains("Maj 2026"), "{swedish}");
        assert!(
            swedish.contains("! planerat datum som krockar;"),
            "{swedish}"
        );
        let colour = check(&report, &world, Style { colour: true });
        assert!(colour.contains("\x1b[31m!24\x1b[0m"), "{colour}");
        assert!(colour.contains("\x1b[33mh14\x1b[0m"), "{colour}");
        // Colour adds escapes only: the text is the same without them.
        let stripped = colour
            .split('\x1b')
            .enumerate()
            .map(|(i, part)| {
                if i == 0 {
                    part
                } else {
                    part.split_once('m').unwrap().1
                }
            })
            .collect::<String>();
        assert_eq!(stripped, plain);
    }
}

## krock's English messages. Every id here is also in sv.ftl, with the same variables
## (tests/i18n.rs). Only prose: JSON keys, ISO dates in tables and calendar data are not
## translated.

## Dates and times in prose (src/i18n/dates.rs).
weekday = { $n ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[7] Sunday
}
weekday-short = { $n ->
    [1] Mon
    [2] Tue
    [3] Wed
    [4] Thu
    [5] Fri
    [6] Sat
   *[7] Sun
}
month = { $n ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}
date-long = { $weekday } { $day } { $month } { $year }
date-long-no-year = { $weekday } { $day } { $month }
month-year = { $month } { $year }
week = week { $week }
time = { $hh }:{ $mm }

## Counts.
present-of = { $present } of { $total } present
n-people = { $n ->
    [one] { $n } person
   *[other] { $n } people
}

## Who and when (src/report/check.rs and the other reports).
who-all = all { $n } attendees
who-all-but = { $n } of { $total } attendees: all but { $rest }
when-all-day = all day
tentative = (tentative)
no-title = (no title)

## `krock check --plan` (src/report/check.rs).
check-no-series = { $title } ({ $id }): no existing series in the plan; nothing to check
check-meeting = { $title } ({ $id }): { $n ->
    [one] { $n } planned occurrence
   *[other] { $n } planned occurrences
} in { $from } – { $to }, { $clashing } with clashes
check-no-clash = no clash
check-holiday-label = holiday:
check-clash-label = clash:
check-day-off = a day off for everyone
check-takes-away = takes away { $who }
check-remote-only = leaves only remote attendance for { $who }
check-quorum-holds = quorum { $quorum } holds
check-quorum-broken = quorum { $quorum } BROKEN
check-required-present = required people present
check-required-absent = required absent: { $who }
check-attendance = attendance: { $count } of { $total } ({ $in_person } in person, { $remote } remote); { $quorum }; { $required }
check-clashes-found = Clashes found. `krock propose --plan …` finds dates without them.
check-no-clashes = No clashes.

## `krock check SOURCE…` (src/report/check.rs).
overlap = overlap
overlap-cluster = of { $events } events from { $sources } sources
overlaps-total = { $n ->
    [one] { $n } overlap
   *[other] { $n } overlaps
} between sources

## The month grid under `check --plan` and `propose --plan` (src/report/grid.rs, month.rs).
grid-week = wk
grid-week-legend = wk: ISO week
mark-clash = planned date that clashes
mark-proposed = proposed date
mark-given-up = planned date given up
mark-planned = planned date without a clash
mark-holiday = holiday

## Shared by the reports.
attendance-of = { $count } of { $total }
attendance-of-remote = { $count } of { $total }, { $remote } remote
moved-from = moved from { $date } { $time }
moves-to = moves to { $date } { $time }
withdrawn = withdrawn
status-kept = kept
status-new = new
proposed-label = Proposed:
time-from = from { $time }
time-until = until { $time }
busy-people = busy: { $who }
source-feed = feed { $id }
source-calendar-of = calendar of { $name }
source-series-of = series of { $id }
source-other = another calendar
private-busy = busy ({ $source })
private-tentative = tentative ({ $source })
infeasible-rules = These rules together leave no date:
infeasible-no-relaxation = No single relaxation tried gives a plan.
infeasible-incomplete = The time limit came first: these rules leave no date together, but not all of them may be needed, and not every relaxation was tried (a longer --time-limit looks further).

## The HTML page (src/report/html*.rs).
html-times-in = times in { $zone }
html-legend = Legend
html-made-by = Made by krock from { $file }.
html-week = Week
html-check-what = clash check
html-propose-what = proposed dates
html-check-summary = { $planned ->
    [one] { $planned } planned occurrence
   *[other] { $planned } planned occurrences
}, { $clashing } with clashes.
html-no-plan = No plan meets every rule.
html-no-plan-heading = No plan meets every rule
html-proposed = proposed
html-day-off = everyone: a day off
html-quorum-broken = quorum { $quorum } broken
html-clashes = Clashes
html-who-planned = Who attends the planned dates
html-who-proposed = Who attends the proposed dates
html-runners-up = Runners-up
html-rejected = Dates not proposed, and why
html-relaxations = The least that must give, each with the plan it gives
col-occurrence = Occurrence
col-present = Present
col-in-person = In person
col-remote = Remotely
col-absent = Absent, and why
col-planned = Planned occurrence
col-clashes-with = Clashes with
col-when = When
col-source = Source
col-takes-away = Takes away
col-remote-only = Leaves only remote

## `krock propose` (src/report/propose.rs).
present-of-remote = { $present } of { $total } present, { $remote } remote
remote-list = remote: { $who }
absent-line = absent: { $who } — { $why }
runner-up-attendance = { $present } present ({ $in_person } in person)
rejected-by-reason = Dates not proposed, by reason:
and-more = … and { $n } more (--json lists all)
not-proven-in = best found in { $seconds } s; not proven optimal
not-proven = best found; not proven optimal

## Invites (src/export.rs): DESCRIPTION.
invite-moved-from = Moved from { $date } { $time }.
invite-remote = Attending remotely: { $who }.
invite-cancelled = This occurrence is cancelled.

## Notes on how the world was read (src/world.rs Note, src/report/notes.rs).
note-line = Note: { $note }
notes-heading = Notes
note-calendar-of = { $id }'s calendar
and-sep = {" "}and{" "}
note-skipped = skipped { $whose } (--skip-unreadable): { $error }; its events are left out, so the people it would make busy are taken as free
note-window-cut = the window { $from } – { $to } starts before { $today }: only { $date } – { $to } is looked at (dates before today are never proposed)
today-plan = the plan's today = "{ $date }"
today-clock = today ({ $date })

## `krock export` (src/report/exported.rs) and `krock holidays` (src/report/lists.rs).
export-nothing = Nothing to send: every planned occurrence stays where it is.
export-moved = moved { $from } → { $to }
export-replaced = (replaced)
export-unchanged = (unchanged)
export-send-to = send to { $n ->
    [one] { $n } attendee
   *[other] { $n } attendees
}
export-kept = kept: { $meeting } { $when } (no message needed)
holiday-public = public holiday
holiday-de-facto = de-facto day off
no-time-to-travel = (no time to travel)
private-several = busy (several calendars)
private-said = Titles of people's events are not shown: each is "busy" or "tentative" and its source. The plan's show_titles = true (or --show-titles) shows them.

## The solver's words (src/solve/rules.rs, reason.rs, explain.rs, verify.rs): the reports
## show these in the output language; the JSON keeps English.
## A rejected date's heading, by its JSON reason key.
label-count = the wrong number of occurrences
label-holiday = holiday
label-required = required person busy
label-quorum = quorum not met
label-gap = too close to another occurrence
label-rule = breaks a rule
label-overlap = overlaps another meeting
label-keep_series = the series' occurrence stays
label-days = not one of the meeting's days
label-start = not an allowed start
label-window = outside the window
label-fewer_present = fewer attend
label-fewer_in_person = fewer attend in person
label-bigger_move = a bigger move
label-not_preferred_day = not a preferred day
label-later_start = a later start
label-tie = as good (a tie)
## A rule in words (the rules that together leave no date).
or-sep = {" "}or{" "}
rule-count-per-month = { $meeting } needs one occurrence in each month of the window on { $days } at { $starts }
rule-count-n = { $meeting } needs { $n ->
    [one] { $n } occurrence
   *[other] { $n } occurrences
} on { $days } at { $starts }
rule-count-series = { $meeting } needs one occurrence for each of the series' occurrences in the window on { $days } at { $starts }
rule-holidays = no meeting on a public holiday or de-facto day off
rule-required = { $meeting }: required people present ({ $who })
rule-quorum = { $meeting }: quorum, at least { $quorum } of { $total } attendees present
rule-gap = { $meeting }: at least { $days } days between occurrences
rule-order-before = { $meeting }: an occurrence ending at least { $days } days before each "{ $text }" in { $feed }
rule-order-after = { $meeting }: an occurrence starting at least { $days } days after each "{ $text }" in { $feed }
rule-overlap = nobody is in two of the plan's meetings at once
rule-keep-series = { $meeting }: occurrences of the series that do not clash stay where they are
rule-days = { $meeting }: only on { $days }
rule-start = { $meeting }: starting at { $starts }
rule-window = between { $from } and { $to }
## Why one date was not taken.
why-required = { $who } (required): { $why }
why-quorum = { $present } of { $total } present, quorum { $quorum }
why-quorum-absent = { $present } of { $total } present, quorum { $quorum }; { $absent }
why-absent = absent: { $who }
why-n-more = { $n } more
why-no-replace = no occurrence to replace
why-keep-series = the series' occurrence on { $other } has no clash and stays
why-fewer-present = { $present } present ({ $absent }); { $other } has { $other_present }
why-fewer-in-person = { $in_person } in person; { $other } has { $other_in_person }
why-bigger-move = { $days } days from the original date; { $other } is { $other_days }
why-not-preferred = { $day } is not a preferred day; { $other } is
why-later-start = starts at { $time }, later in the plan's start list than { $other_time } ({ $other })
why-tie = as good as { $other }, which is earlier; see --alternatives
why-and = ; and{" "}
why-gap = { $a } and { $b } are less than { $days } days apart
why-order-before = no occurrence { $days } days before "{ $summary }" on { $date }
why-order-after = no occurrence { $days } days after "{ $summary }" on { $date }
why-overlap = { $a } and { $b } overlap at { $at }
## Runners-up, one line per occurrence.
runner-up-head = { $rank }. { $present } present ({ $in_person } in person); { $changed ->
    [0] the same dates as the proposal
    [one] { $changed } occurrence differs from the proposal
   *[other] { $changed } occurrences differ from the proposal
}
runner-up-same = as proposed
runner-up-instead = instead of { $other }
runner-up-added = not in the proposal
## Infeasible plans: who and what is behind each rule, and the relaxations.
behind-away-all = { $who } is away at every time tried ({ $n } of { $n }): { $why }
behind-away-some = { $who } is away at { $n } of { $total } times tried: { $why }
behind-away-month = { $who } is away at every time tried in { $month } ({ $n } of { $n }): { $why }
behind-event = "{ $summary }" on { $date }
behind-holidays = { $n ->
    [one] { $n } time tried is on a holiday
   *[other] { $n } times tried are on holidays
}: { $which }
relax-quorum = quorum { $from } → { $to } ({ $meeting })
relax-remote = { $who } (required) attends remotely
relax-order = rule "{ $text }": { $from } → { $to } days
relax-gap = min_gap_days { $from } → { $to } ({ $meeting })
relax-day = also on { $day } ({ $meeting })
relax-start = also start at { $time } ({ $meeting })
relax-window = window to { $to } (+{ $weeks ->
    [one] { $weeks } week
   *[other] { $weeks } weeks
})
relax-fewer = one occurrence fewer: count { $from } → { $to } ({ $meeting })
relax-skip-month = skip { $month } ({ $meeting }): { $n } occurrences, one in each other month
why-also = also: { $what }
col-runner-up = Runner-up
col-meeting = Meeting
col-differs = Against the proposal
col-date = Date
col-reason = Reason
col-details = Details

## Why a date was not taken: the objective's criteria (src/solve/criterion.rs, spread.rs).
start-ordinal = { $n ->
    [1] first
    [2] second
    [3] third
    [4] fourth
    [5] fifth
   *[other] number { $n }
}
reason-later-start = { $time } is the plan's { $rank } start time; { $other_time } ({ $other_date }) the { $other_rank }
reason-later-start-own = { $time } is the series' own time, not one of the plan's start times; { $other_time } ({ $other_date }) is the plan's { $other_rank }
reason-smaller-gap = the smallest gap between two occurrences would be { $gap ->
    [one] { $gap } day
   *[other] { $gap } days
}; the plan keeps at least { $kept }
label-smaller_gap = a smaller gap between occurrences
span-long = { $date }, { $from }–{ $to } ({ $week })

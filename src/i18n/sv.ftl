## krocks svenska meddelanden. Varje id här finns också i en.ftl, med samma variabler
## (tests/i18n.rs). Bara löptext: JSON-nycklar, ISO-datum i tabeller och kalenderdata
## översätts inte.

## Datum och tider i löptext (src/i18n/dates.rs).
weekday = { $n ->
    [1] måndag
    [2] tisdag
    [3] onsdag
    [4] torsdag
    [5] fredag
    [6] lördag
   *[7] söndag
}
weekday-short = { $n ->
    [1] mån
    [2] tis
    [3] ons
    [4] tor
    [5] fre
    [6] lör
   *[7] sön
}
month = { $n ->
    [1] januari
    [2] februari
    [3] mars
    [4] april
    [5] maj
    [6] juni
    [7] juli
    [8] augusti
    [9] september
    [10] oktober
    [11] november
   *[12] december
}
date-long = { $weekday } { $day } { $month } { $year }
date-long-no-year = { $weekday } { $day } { $month }
month-year = { $month } { $year }
week = vecka { $week }
time = { $hh }.{ $mm }

## Antal.
present-of = { $present } av { $total } närvarande
n-people = { $n ->
    [one] { $n } person
   *[other] { $n } personer
}

## Vem och när (src/report/check.rs och de andra rapporterna).
who-all = alla { $n } deltagare
who-all-but = { $n } av { $total } deltagare: alla utom { $rest }
when-all-day = heldag
tentative = (preliminärt)
no-title = (ingen rubrik)

## `krock check --plan` (src/report/check.rs).
check-no-series = { $title } ({ $id }): ingen befintlig mötesserie i planen; inget att kontrollera
check-meeting = { $title } ({ $id }): { $n ->
    [one] { $n } planerat möte
   *[other] { $n } planerade möten
} { $from } – { $to }, { $clashing } med krockar
check-no-clash = ingen krock
check-holiday-label = helgdag:
check-clash-label = krock:
check-day-off = en ledig dag för alla
check-takes-away = hindrar { $who }
check-remote-only = { $who } kan bara delta på distans
check-quorum-holds = kvorum { $quorum } uppnås
check-quorum-broken = kvorum { $quorum } UPPNÅS INTE
check-required-present = nödvändiga deltagare närvarande
check-required-absent = nödvändiga saknas: { $who }
check-attendance = närvaro: { $count } av { $total } ({ $in_person } på plats, { $remote } på distans); { $quorum }; { $required }
check-clashes-found = Krockar hittades. `krock propose --plan …` hittar datum utan dem.
check-no-clashes = Inga krockar.

## `krock check KÄLLA…` (src/report/check.rs).
overlap = överlapp
overlap-cluster = av { $events } händelser från { $sources } källor
overlaps-total = { $n ->
    [one] { $n } överlapp
   *[other] { $n } överlapp
} mellan källor

## Månadsrutnätet under `check --plan` och `propose --plan` (src/report/grid.rs, month.rs).
grid-week = v
grid-week-legend = v: ISO-vecka
mark-clash = planerat datum som krockar
mark-proposed = föreslaget datum
mark-given-up = planerat datum som utgår
mark-planned = planerat datum utan krock
mark-holiday = helgdag

## Gemensamt för rapporterna.
attendance-of = { $count } av { $total }
attendance-of-remote = { $count } av { $total }, { $remote } på distans
moved-from = flyttat från { $date } { $time }
moves-to = flyttas till { $date } { $time }
withdrawn = utgår
status-kept = behålls
status-new = nytt
proposed-label = Förslag:
time-from = från { $time }
time-until = till { $time }
busy-people = upptagna: { $who }
source-feed = flöde { $id }
source-calendar-of = kalender för { $name }
source-series-of = mötesserie { $id }
source-other = annan kalender
private-busy = upptagen ({ $source })
private-tentative = preliminärt upptagen ({ $source })
infeasible-rules = Dessa regler lämnar tillsammans inget datum:
infeasible-no-relaxation = Ingen enskild lättnad som prövades ger en plan.
infeasible-incomplete = Tidsgränsen kom först: de här reglerna lämnar tillsammans inget datum, men alla behövs kanske inte, och alla lättnader hann inte prövas (en längre --time-limit letar vidare).

## HTML-sidan (src/report/html*.rs).
html-times-in = tider i { $zone }
html-legend = Teckenförklaring
html-made-by = Gjord av krock från { $file }.
html-week = Vecka
html-check-what = krockkontroll
html-propose-what = föreslagna datum
html-check-summary = { $planned ->
    [one] { $planned } planerat möte
   *[other] { $planned } planerade möten
}, { $clashing } med krockar.
html-no-plan = Ingen plan uppfyller alla regler.
html-no-plan-heading = Ingen plan uppfyller alla regler
html-proposed = föreslaget
html-day-off = alla: en ledig dag
html-quorum-broken = kvorum { $quorum } uppnås inte
html-clashes = Krockar
html-who-planned = Vilka som kan komma på de planerade datumen
html-who-proposed = Vilka som kan komma på de föreslagna datumen
html-runners-up = Alternativ
html-rejected = Datum som inte föreslås, och varför
html-relaxations = Det minsta som måste ge vika, var och en med den plan den ger
col-occurrence = Möte
col-present = Närvarande
col-in-person = På plats
col-remote = På distans
col-absent = Frånvarande, och varför
col-planned = Planerat möte
col-clashes-with = Krockar med
col-when = När
col-source = Källa
col-takes-away = Hindrar
col-remote-only = Bara på distans

## `krock propose` (src/report/propose.rs).
present-of-remote = { $present } av { $total } närvarande, { $remote } på distans
remote-list = på distans: { $who }
absent-line = frånvarande: { $who } — { $why }
runner-up-attendance = { $present } närvarande ({ $in_person } på plats)
rejected-by-reason = Datum som inte föreslås, efter skäl:
and-more = … och { $n } till (--json listar alla)
not-proven-in = bästa som hittades på { $seconds } s; inte bevisat optimalt
not-proven = bästa som hittades; inte bevisat optimalt

## Inbjudningar (src/export.rs): DESCRIPTION.
invite-moved-from = Flyttat från { $date } { $time }.
invite-remote = Deltar på distans: { $who }.
invite-cancelled = Detta möte är inställt.

## Anteckningar om hur världen lästes (src/world.rs Note, src/report/notes.rs).
note-line = Obs: { $note }
notes-heading = Observera
note-calendar-of = kalendern för { $id }
and-sep = {" "}och{" "}
note-skipped = hoppade över { $whose } (--skip-unreadable): { $error }; dess händelser är utelämnade, så de personer den skulle göra upptagna räknas som lediga
note-window-cut = perioden { $from } – { $to } börjar före { $today }: bara { $date } – { $to } granskas (datum före i dag föreslås aldrig)
today-plan = planens today = "{ $date }"
today-clock = i dag ({ $date })

## `krock export` (src/report/exported.rs) och `krock holidays` (src/report/lists.rs).
export-nothing = Inget att skicka: alla planerade möten ligger kvar.
export-moved = flyttat { $from } → { $to }
export-replaced = (ersatt)
export-unchanged = (oförändrad)
export-send-to = skicka till { $n ->
    [one] { $n } deltagare
   *[other] { $n } deltagare
}
export-kept = behålls: { $meeting } { $when } (inget meddelande behövs)
holiday-public = allmän helgdag
holiday-de-facto = de facto ledig dag
no-time-to-travel = (ingen tid att resa)
private-several = upptagen (flera kalendrar)
private-said = Rubrikerna på personernas händelser visas inte: var och en står som "upptagen" eller "preliminärt upptagen" och sin källa. Planens show_titles = true (eller --show-titles) visar dem.

## Lösarens ord (src/solve/rules.rs, reason.rs, explain.rs, verify.rs): rapporterna visar
## dem på utdataspråket; JSON behåller engelskan.
## Rubriken för ett datum som inte togs, efter dess JSON-nyckel.
label-count = fel antal tillfällen
label-holiday = helgdag
label-required = obligatorisk deltagare upptagen
label-quorum = inte beslutsmässigt
label-gap = för nära ett annat tillfälle
label-rule = bryter mot en regel
label-overlap = krockar med ett annat möte
label-keep_series = seriens tillfälle ligger kvar
label-days = inte en av mötets dagar
label-start = inte en tillåten starttid
label-window = utanför perioden
label-fewer_present = färre kan komma
label-fewer_in_person = färre kan komma på plats
label-bigger_move = en större flytt
label-not_preferred_day = inte en önskad dag
label-later_start = senare start
label-tie = lika bra (oavgjort)
## En regel i ord (reglerna som tillsammans inte lämnar något datum).
or-sep = {" "}eller{" "}
rule-count-per-month = { $meeting } behöver ett tillfälle i varje månad av perioden på { $days } kl. { $starts }
rule-count-n = { $meeting } behöver { $n ->
    [one] { $n } tillfälle
   *[other] { $n } tillfällen
} på { $days } kl. { $starts }
rule-count-series = { $meeting } behöver ett tillfälle för vart och ett av seriens tillfällen i perioden på { $days } kl. { $starts }
rule-holidays = inga möten på helgdagar eller klämdagar
rule-required = { $meeting }: de obligatoriska deltagarna är med ({ $who })
rule-quorum = { $meeting }: beslutsmässighet, minst { $quorum } av { $total } deltagare närvarande
rule-gap = { $meeting }: minst { $days } dagar mellan tillfällena
rule-order-before = { $meeting }: ett tillfälle som slutar minst { $days } dagar före varje "{ $text }" i { $feed }
rule-order-after = { $meeting }: ett tillfälle som börjar minst { $days } dagar efter varje "{ $text }" i { $feed }
rule-overlap = ingen är med på två av planens möten samtidigt
rule-keep-series = { $meeting }: seriens tillfällen utan krock ligger kvar
rule-days = { $meeting }: bara på { $days }
rule-start = { $meeting }: med start kl. { $starts }
rule-window = mellan { $from } och { $to }
## Varför ett datum inte togs.
why-required = { $who } (obligatorisk): { $why }
why-quorum = { $present } av { $total } närvarande, beslutsmässigt med { $quorum }
why-quorum-absent = { $present } av { $total } närvarande, beslutsmässigt med { $quorum }; { $absent }
why-absent = frånvarande: { $who }
why-n-more = { $n } till
why-no-replace = inget tillfälle att ersätta
why-keep-series = seriens tillfälle { $other } krockar inte och ligger kvar
why-fewer-present = { $present } närvarande ({ $absent }); { $other } har { $other_present }
why-fewer-in-person = { $in_person } på plats; { $other } har { $other_in_person }
why-bigger-move = { $days } dagar från det ursprungliga datumet; { $other } är { $other_days }
why-not-preferred = { $day } är inte en önskad dag; { $other } är det
why-later-start = börjar { $time }, senare i planens lista av starttider än { $other_time } ({ $other })
why-tie = lika bra som { $other }, som är tidigare; se --alternatives
why-and = ; och{" "}
why-gap = { $a } och { $b } ligger mindre än { $days } dagar isär
why-order-before = inget tillfälle { $days } dagar före "{ $summary }" { $date }
why-order-after = inget tillfälle { $days } dagar efter "{ $summary }" { $date }
why-overlap = { $a } och { $b } överlappar { $at }
## Alternativ, en rad per tillfälle.
runner-up-head = { $rank }. { $present } närvarande ({ $in_person } på plats); { $changed ->
    [0] samma datum som förslaget
    [one] { $changed } tillfälle skiljer sig från förslaget
   *[other] { $changed } tillfällen skiljer sig från förslaget
}
runner-up-same = som i förslaget
runner-up-instead = i stället för { $other }
runner-up-added = inte i förslaget
## Omöjliga planer: vem och vad som ligger bakom varje regel, och lättnaderna.
behind-away-all = { $who } är borta vid alla prövade tider ({ $n } av { $n }): { $why }
behind-away-some = { $who } är borta vid { $n } av { $total } prövade tider: { $why }
behind-away-month = { $who } är borta vid alla prövade tider i { $month } ({ $n } av { $n }): { $why }
behind-event = "{ $summary }" { $date }
behind-holidays = { $n ->
    [one] { $n } prövad tid är en helgdag
   *[other] { $n } prövade tider är helgdagar
}: { $which }
relax-quorum = beslutsmässighet { $from } → { $to } ({ $meeting })
relax-remote = { $who } (obligatorisk) deltar på distans
relax-order = regeln "{ $text }": { $from } → { $to } dagar
relax-gap = min_gap_days { $from } → { $to } ({ $meeting })
relax-day = även på { $day } ({ $meeting })
relax-start = även start kl. { $time } ({ $meeting })
relax-window = perioden till { $to } (+{ $weeks ->
    [one] { $weeks } vecka
   *[other] { $weeks } veckor
})
relax-fewer = ett tillfälle färre: count { $from } → { $to } ({ $meeting })
relax-skip-month = hoppa över { $month } ({ $meeting }): { $n } tillfällen, ett i varje annan månad
why-also = dessutom: { $what }
col-runner-up = Alternativ
col-meeting = Möte
col-differs = Jämfört med förslaget
col-date = Datum
col-reason = Skäl
col-details = Detaljer

## Varför ett datum inte valdes: målets kriterier (src/solve/criterion.rs, spread.rs).
start-ordinal = { $n ->
    [1] första
    [2] andra
    [3] tredje
    [4] fjärde
    [5] femte
   *[other] nummer { $n }
}
reason-later-start = { $time } är planens { $rank } starttid; { $other_time } ({ $other_date }) den { $other_rank }
reason-later-start-own = { $time } är seriens egen tid, inte en av planens starttider; { $other_time } ({ $other_date }) är planens { $other_rank }
reason-smaller-gap = det kortaste avståndet mellan två möten skulle bli { $gap ->
    [one] { $gap } dag
   *[other] { $gap } dagar
}; förslaget håller minst { $kept }
label-smaller_gap = kortare mellanrum mellan mötena
span-long = { $date }, { $from }–{ $to } ({ $week })

/*!
The proposal as `krock propose --json` writes it and `export --proposal` reads it back:
one serde type for both ends, so a renamed key is a compiler error, not a broken export.

Built once from the solver's [`Proposal`] (times in the plan's zone, RFC 3339; meetings and
people by id). The fields of each struct are declared in alphabetical order: that is the
order serde_json's maps gave the keys before this type existed, and docs/json.md shows.
Fields `export --proposal` does not need are `#[serde(default)]` on reading, as the
hand-read JSON before was lenient about them.
*/

use crate::check::Attendance;
use crate::i18n::Lang;
use crate::ical::zone::Zone;
use crate::solve::{Behind, Found, Proposal, Score};
use crate::world::World;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeMap;

/// The whole answer: plans best first, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub feasible: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub infeasible: Option<Infeasible>,
    pub plans: Vec<Plan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejected: Option<Vec<Rejected>>,
}

/// The rules that leave no date together, who and what is behind each, and the least
/// that must give.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Infeasible {
    #[serde(default)]
    pub blocking: Vec<Blocking>,
    pub constraints: Vec<String>,
    pub relaxations: Vec<Relaxation>,
    /// False when the time limit came first (`constraints` may not all be needed, more
    /// relaxations may exist); absent in files written before it was said (then true).
    #[serde(default = "yes")]
    pub complete: bool,
}

fn yes() -> bool {
    true
}

/// One blocking rule: its key, its meeting, its sentence and who or what is behind it
/// (`{"kind": "away" | "holidays" | "event", …, "text"}`, docs/json.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Blocking {
    pub behind: Vec<serde_json::Value>,
    pub constraint: String,
    pub meeting: Option<String>,
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relaxation {
    pub change: String,
    #[serde(default)]
    pub kind: String,
    pub plan: Plan,
}

/// One plan: where each occurrence goes, who attends, and its score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub occurrences: Vec<Occurrence>,
    #[serde(default)]
    pub proven_optimal: bool,
    #[serde(default)]
    pub rank: usize,
    #[serde(default)]
    pub score: Vec<i64>,
    #[serde(default)]
    pub score_parts: BTreeMap<String, i64>,
    #[serde(default)]
    pub withdrawn: Vec<Withdrawn>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Occurrence {
    #[serde(default)]
    pub absent: Vec<Absent>,
    pub end: String,
    pub meeting: String,
    #[serde(default)]
    pub moved: bool,
    pub original_start: Option<String>,
    #[serde(default)]
    pub present: Vec<String>,
    #[serde(default)]
    pub remote: Vec<String>,
    pub start: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Absent {
    pub id: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Withdrawn {
    pub meeting: String,
    pub start: String,
}

/// A date not taken, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejected {
    /// The other reasons the same date fails, most human first after `reason`.
    #[serde(default)]
    pub also: Vec<Also>,
    pub end: String,
    pub meeting: String,
    pub reason: String,
    pub start: String,
    pub text: String,
}

/// A further reason a rejected date fails.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Also {
    pub reason: String,
    pub text: String,
}

/// Who or what is behind a blocking rule, in JSON: `{"kind": "away", "person",
/// "times", "of", "month", "reasons", "text"}`, `{"kind": "holidays", "times", "names",
/// "text"}` or `{"kind": "event", "summary", "date", "text"}` (`text`: the English line).
fn behind_json(b: &Behind, world: &World) -> serde_json::Value {
    let text = b.text(&world.plan, Lang::En);
    match b {
        Behind::Away {
            person,
            times,
            of,
            month,
            reasons,
        } => json!({
            "kind": "away",
            "person": person,
            "times": times,
            "of": of,
            "month": month.map(|(y, m)| format!("{y:04}-{m:02}")),
            "reasons": reasons.iter().map(|r| r.text(Lang::En)).collect::<Vec<_>>(),
            "text": text,
        }),
        Behind::Holidays { times, names } => json!({
            "kind": "holidays",
            "times": times,
            "names": names,
            "text": text,
        }),
        Behind::Event { summary, date } => json!({
            "kind": "event",
            "summary": summary,
            "date": date.to_string(),
            "text": text,
        }),
    }
}

impl Saved {
    /// The proposal of `world` as written.
    pub fn new(p: &Proposal, world: &World) -> Saved {
        let zone = &world.zone;
        if let Some(inf) = &p.infeasible {
            return Saved {
                feasible: false,
                plans: Vec::new(),
                infeasible: Some(Infeasible {
                    blocking: inf
                        .rules
                        .iter()
                        .zip(&inf.behind)
                        .map(|((rule, s), behind)| Blocking {
                            rule: rule.name().to_string(),
                            meeting: rule
                                .meeting(&world.plan)
                                .map(|m| world.plan.meetings[m].id.clone()),
                            constraint: s.clone(),
                            behind: behind.iter().map(|b| behind_json(b, world)).collect(),
                        })
                        .collect(),
                    constraints: inf.rules.iter().map(|(_, s)| s.clone()).collect(),
                    relaxations: inf
                        .relaxations
                        .iter()
                        .map(|r| Relaxation {
                            change: r.change.clone(),
                            kind: r.kind.key().to_string(),
                            plan: Plan::new(&r.plan, world),
                        })
                        .collect(),
                    complete: inf.complete,
                }),
                rejected: None,
            };
        }
        let rejected = p
            .rejected
            .iter()
            .map(|r| {
                let c = &p.candidates[r.candidate];
                Rejected {
                    meeting: world.plan.meetings[c.meeting].id.clone(),
                    start: local_rfc3339(c.start, zone),
                    end: local_rfc3339(c.end, zone),
                    reason: r.reason.key().to_string(),
                    text: r.text.clone(),
                    also: r
                        .also
                        .iter()
                        .map(|w| Also {
                            reason: w.reason.key().to_string(),
                            text: w.text.clone(),
                        })
                        .collect(),
                }
            })
            .collect();
        Saved {
            feasible: true,
            plans: p.plans.iter().map(|f| Plan::new(f, world)).collect(),
            infeasible: None,
            rejected: Some(rejected),
        }
    }
}

impl Plan {
    pub fn new(p: &Found, world: &World) -> Plan {
        let zone = &world.zone;
        let id = |m: usize| world.plan.meetings[m].id.clone();
        Plan {
            rank: p.rank,
            proven_optimal: p.proven_optimal,
            score: score(&p.score),
            score_parts: p
                .score
                .parts()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            occurrences: p
                .occurrences
                .iter()
                .map(|o| Occurrence {
                    meeting: id(o.meeting),
                    start: local_rfc3339(o.start, zone),
                    end: local_rfc3339(o.end, zone),
                    original_start: o.original.map(|t| local_rfc3339(t, zone)),
                    moved: o.original.is_some_and(|t| t != o.start),
                    present: o.attendance.present.clone(),
                    remote: o.attendance.remote.clone(),
                    absent: absent(&o.attendance),
                })
                .collect(),
            withdrawn: p
                .withdrawn
                .iter()
                .map(|(m, t)| Withdrawn {
                    meeting: id(*m),
                    start: local_rfc3339(*t, zone),
                })
                .collect(),
        }
    }
}

fn score(s: &Score) -> Vec<i64> {
    s.signed().to_vec()
}

fn absent(a: &Attendance) -> Vec<Absent> {
    a.absent
        .iter()
        .map(|x| Absent {
            id: x.id.clone(),
            reason: x.reasons_in(Lang::En),
        })
        .collect()
}

/// RFC 3339 with the zone's offset: `2026-04-24T08:30:00+02:00`.
pub fn local_rfc3339(t: DateTime<Utc>, zone: &Zone) -> String {
    match zone {
        Zone::Iana(tz) => t
            .with_timezone(tz)
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string(),
        _ => t.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    }
}

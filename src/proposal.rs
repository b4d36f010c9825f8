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
use crate::ical::zone::Zone;
use crate::solve::{Found, Proposal, Score};
use crate::world::World;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
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

/// The rules that leave no date together, and the least that must give.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Infeasible {
    pub constraints: Vec<String>,
    pub relaxations: Vec<Relaxation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relaxation {
    pub change: String,
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
    pub end: String,
    pub meeting: String,
    pub reason: String,
    pub start: String,
    pub text: String,
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
                    constraints: inf.rules.iter().map(|(_, s)| s.clone()).collect(),
                    relaxations: inf
                        .relaxations
                        .iter()
                        .map(|r| Relaxation {
                            change: r.change.clone(),
                            plan: Plan::new(&r.plan, world),
                        })
                        .collect(),
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
            reason: x.reasons.join("; "),
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

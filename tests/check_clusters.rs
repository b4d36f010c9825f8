//! `krock check SOURCE…` groups overlaps into clusters: the rule (a cluster is a connected
//! group of the graph whose edges are overlaps between events of different sources),
//! checked against the quadratic definition on random events.

use chrono::{DateTime, TimeZone, Utc};
use krock::events::{EventInfo, Occurrence};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;

fn occ(i: usize, source: &str, start: i64, len: i64) -> Occurrence {
    let t = |m: i64| -> DateTime<Utc> { Utc.timestamp_opt(1_776_000_000 + m * 60, 0).unwrap() };
    Occurrence {
        uid: Some(format!("e{i}").into()),
        summary: None,
        start: t(start),
        end: t(start + len),
        all_day: None,
        status: None,
        transp: "OPAQUE".into(),
        source: Arc::from(source),
        recurrence_id: None,
        info: Arc::new(EventInfo::default()),
    }
}

/// Clusters by the definition: union-find over all cross-source overlapping pairs.
fn brute(list: &[Occurrence]) -> BTreeSet<BTreeSet<String>> {
    let n = list.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            i = p[i];
        }
        i
    }
    let mut in_edge = vec![false; n];
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (&list[i], &list[j]);
            if a.source != b.source && a.start < b.end && b.start < a.end {
                in_edge[i] = true;
                in_edge[j] = true;
                let (x, y) = (find(&mut parent, i), find(&mut parent, j));
                parent[x] = y;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, BTreeSet<String>> = Default::default();
    for i in 0..n {
        if in_edge[i] {
            let r = find(&mut parent, i);
            groups
                .entry(r)
                .or_default()
                .insert(list[i].uid.as_deref().unwrap().to_string());
        }
    }
    groups.into_values().collect()
}

proptest! {
    #[test]
    fn clusters_are_the_connected_groups_of_cross_source_overlaps(
        events in proptest::collection::vec((0usize..3, 0i64..200, 1i64..60), 0..40)
    ) {
        let list: Vec<Occurrence> = events
            .iter()
            .enumerate()
            .map(|(i, (s, start, len))| occ(i, ["a", "b", "c"][*s], *start, *len))
            .collect();
        let clusters = krock::check::overlaps(&list);
        let got: BTreeSet<BTreeSet<String>> = clusters
            .iter()
            .map(|c| c.events.iter().map(|o| o.uid.as_deref().unwrap().to_string()).collect())
            .collect();
        prop_assert_eq!(&got, &brute(&list));
        for c in &clusters {
            prop_assert!(c.sources().len() >= 2);
            prop_assert!(c.start < c.end);
            // The span starts and ends where two sources' events overlap.
            let overlapping = |t: DateTime<Utc>| {
                c.events.iter().filter(|o| o.start <= t && t < o.end).map(|o| &*o.source).collect::<BTreeSet<_>>().len() >= 2
            };
            prop_assert!(overlapping(c.start));
            prop_assert!(overlapping(c.end - chrono::Duration::seconds(1)));
        }
    }
}

#[test]
fn a_thousand_events_at_one_instant_in_each_of_two_files_are_one_cluster() {
    let mut list: Vec<Occurrence> = (0..1000).map(|i| occ(i, "a.ics", 0, 60)).collect();
    list.extend((1000..2000).map(|i| occ(i, "b.ics", 0, 60)));
    let clusters = krock::check::overlaps(&list);
    assert_eq!(clusters.len(), 1);
    assert_eq!(clusters[0].events.len(), 2000);
}

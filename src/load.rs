/*!
Loading: reading sources into occurrences, in parallel, within the limits.

The reading side of [`crate::events`]: it downloads or reads every source
([`crate::source`]), parses and expands each file ([`crate::ical`]) on up to one thread per
core, and holds all of them together to `--max-total-occurrences`. The occurrence types
themselves live in `events`, which imports nothing of this.
*/

use crate::diag::{Error, ErrorKind, Limit, Result, Warnings};
use crate::events::{sort, Occurrence, ReadOptions};
use crate::ical;
use crate::source::{self, SourceSpec};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Reads every source and returns its occurrences in the window, sorted by start, uid,
/// end and summary. Unreadable sources are errors; problems inside a file are warnings.
pub fn load(
    specs: &[SourceSpec],
    opts: &ReadOptions,
    warnings: &mut Warnings,
) -> Result<Vec<Occurrence>> {
    let mut all: Vec<Occurrence> = load_each(specs, opts, warnings)?
        .into_iter()
        .flatten()
        .collect();
    sort(&mut all);
    Ok(all)
}

/// Reads every source (URLs downloaded in parallel) and returns each source's
/// occurrences, in the order of `specs`, each list in file order (not sorted).
///
/// The files are parsed and expanded in parallel, one thread per core at most; the results
/// are then taken in the order of `specs`, so warnings, errors and the total limit come out
/// exactly as if the files were read one after another (a file whose parallel read was cut
/// short by the others' occurrences is read again with its own share).
pub fn load_each(
    specs: &[SourceSpec],
    opts: &ReadOptions,
    warnings: &mut Warnings,
) -> Result<Vec<Vec<Occurrence>>> {
    let max_file = opts.limits.max_file_bytes as u64;
    let max_total = opts.limits.max_total;
    // CalDAV asks the server for the window's events (and free/busy) only.
    let mut fetch = opts.fetch.clone();
    fetch.caldav.range = Some((opts.window.start(), opts.window.end()));
    let sources = source::load_all(specs, &fetch, max_file, warnings)?;
    let files: Vec<&source::Loaded> = sources.iter().flatten().collect();
    let mut parsed = parse_parallel(&files, opts);
    let mut out = Vec::with_capacity(sources.len());
    let mut total = 0;
    let mut k = 0;
    for source_files in &sources {
        let mut occurrences = Vec::new();
        for loaded in source_files {
            // Local files were read within the limit; a download has its own
            // (--max-download-mb) and is held to this one too.
            if loaded.bytes.len() as u64 > max_file {
                return Err(source::read::too_big(&loaded.name, max_file));
            }
            // Expansion stops as soon as the occurrences would pass the limit, before they
            // take the memory.
            let room = max_total - total.min(max_total);
            let (more, own) = match parsed[k].take() {
                // The same as a read in order: given the same room, or not cut short by
                // either room (an error comes before any expansion).
                Some(Parsed {
                    room: r,
                    result,
                    warnings: w,
                }) if r == room || result.as_ref().map_or(true, |m| m.len() <= r.min(room)) => {
                    (result, w)
                }
                _ => {
                    let mut w = Warnings::default();
                    let result = ical::read_within(&loaded.name, &loaded.bytes, opts, room, &mut w);
                    (result, w)
                }
            };
            k += 1;
            warnings.extend(own);
            let more = more?;
            total += more.len();
            if total > max_total {
                return Err(Error::at(
                    &*loaded.name,
                    ErrorKind::LimitExceeded {
                        limit: Limit::TotalOccurrences,
                        value: max_total as u64,
                    },
                ));
            }
            occurrences.extend(more);
        }
        out.push(occurrences);
    }
    Ok(out)
}

/// One file read on a worker: the room it was given, and what came of it.
struct Parsed {
    room: usize,
    result: std::result::Result<Vec<Occurrence>, crate::diag::Diagnostic>,
    warnings: Warnings,
}

/// Reads `files` on up to as many threads as the machine has cores. Each file gets as
/// room what the files finished so far left of `--max-total-occurrences`; once that is
/// used up, the rest are not read here (the caller reads in order and stops at the limit).
fn parse_parallel(files: &[&source::Loaded], opts: &ReadOptions) -> Vec<Option<Parsed>> {
    let max_file = opts.limits.max_file_bytes;
    let max_total = opts.limits.max_total;
    let read = |loaded: &source::Loaded, used: usize| -> Option<Parsed> {
        if loaded.bytes.len() > max_file || used > max_total {
            return None;
        }
        let room = max_total - used;
        let mut warnings = Warnings::default();
        let result = ical::read_within(&loaded.name, &loaded.bytes, opts, room, &mut warnings);
        Some(Parsed {
            room,
            result,
            warnings,
        })
    };
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(files.len());
    if threads <= 1 {
        // One file or one core: the caller reads in order.
        return files.iter().map(|_| None).collect();
    }
    let next = AtomicUsize::new(0);
    let used = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Parsed>>> = files.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(loaded) = files.get(i) else { break };
                let parsed = read(loaded, used.load(Ordering::Relaxed));
                if let Some(Parsed {
                    result: Ok(occ), ..
                }) = &parsed
                {
                    used.fetch_add(occ.len(), Ordering::Relaxed);
                }
                *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = parsed;
            });
        }
    });
    slots
        .into_iter()
        .map(|s| s.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect()
}

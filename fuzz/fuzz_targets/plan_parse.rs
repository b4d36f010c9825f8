//! Any bytes (read as UTF-8, lossily) → `krock::plan::parse`: a plan or messages, never a
//! panic; every message names the file and a line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(e) = krock::plan::parse(Path::new("plans/fuzz.toml"), &text) {
        assert!(!e.messages.is_empty());
        for m in &e.messages {
            assert!(m.starts_with("plans/fuzz.toml:"), "{m}");
        }
        let _ = e.to_string();
    }
});

//! The HTML report in a real browser: `scripts/render-html.sh` renders the bundled
//! scenario's proposal page — in Swedish, the plan's `language` — with headless Chromium (installing Debian's chromium when it is
//! missing), and this test decodes the picture and looks for what the page should show.
//!
//! Runs only with `KROCK_BROWSER_TESTS=1` (CI sets it): it needs root for the install and
//! takes a while. Without it the test passes at once and says it was skipped.

use std::path::Path;

/// Pixels within a small distance of an sRGB colour of the stylesheet.
fn count_near(pixels: &[[u8; 3]], rgb: [u8; 3]) -> usize {
    pixels
        .iter()
        .filter(|p| p.iter().zip(rgb).all(|(a, b)| a.abs_diff(b) <= 3))
        .count()
}

#[test]
fn the_proposal_page_renders_in_chromium() {
    if std::env::var("KROCK_BROWSER_TESTS").as_deref() != Ok("1") {
        eprintln!("skipped: set KROCK_BROWSER_TESTS=1 to render the HTML report in Chromium");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("scenario.png");
    let status = std::process::Command::new("bash")
        .arg(root.join("scripts/render-html.sh"))
        .arg(&out)
        .env("KROCK", env!("CARGO_BIN_EXE_krock"))
        .current_dir(root)
        .status()
        .unwrap();
    assert!(status.success(), "scripts/render-html.sh failed");

    let file = std::io::BufReader::new(std::fs::File::open(&out).unwrap());
    let mut decoder = png::Decoder::new(file);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (1200, 1800));
    let samples = info.color_type.samples();
    assert!(samples >= 3, "{:?}", info.color_type);
    let pixels: Vec<[u8; 3]> = buf[..info.buffer_size()]
        .chunks_exact(samples)
        .map(|p| [p[0], p[1], p[2]])
        .collect();

    // Not blank: many colours, a good share of the page not white.
    let mut colours: Vec<[u8; 3]> = pixels.clone();
    colours.sort_unstable();
    colours.dedup();
    assert!(colours.len() > 200, "{} colours", colours.len());
    let ink = pixels.iter().filter(|p| **p != [255, 255, 255]).count();
    assert!(
        ink * 100 / pixels.len() >= 20,
        "{ink} of {} pixels",
        pixels.len()
    );

    // The stylesheet was applied: the proposed occurrences' green boxes, the holidays'
    // amber cells and the first source's blue events are on the page.
    let proposed = count_near(&pixels, [0xdc, 0xfc, 0xe7]);
    let holiday = count_near(&pixels, [0xfe, 0xf3, 0xc7]);
    let source0 = count_near(&pixels, [0xdb, 0xea, 0xfe]);
    eprintln!(
        "{} colours, {ink} non-white pixels; proposed {proposed}, holiday {holiday}, source {source0}",
        colours.len()
    );
    assert!(proposed > 2_000, "proposed boxes: {proposed} pixels");
    assert!(holiday > 20_000, "holiday cells: {holiday} pixels");
    assert!(source0 > 1_000, "first source's events: {source0} pixels");
}

/*!
The notes every report carries about how its world was read (a calendar skipped with
`--skip-unreadable`, the window cut to today): printed first in text, as `"notes"` in JSON,
as a box at the top of the HTML page — in the world's language, and in JSON as the English
sentence (JSON is the same in every language). Nothing is computed here.
*/

use crate::world::World;

/// `Note: …` lines and a blank line, or nothing when there are no notes.
pub fn text(world: &World) -> String {
    if world.notes.is_empty() {
        return String::new();
    }
    let lang = world.lang;
    let mut out: String = world
        .notes
        .iter()
        .map(|n| format!("{}\n", crate::tr!(lang, "note-line", note = n.text(lang))))
        .collect();
    out.push('\n');
    out
}

/// `json` (one object and a newline) with a `"notes"` list added when there are notes.
pub fn json(json: String, world: &World) -> String {
    if world.notes.is_empty() {
        return json;
    }
    let Ok(serde_json::Value::Object(mut map)) = serde_json::from_str(&json) else {
        return json;
    };
    let notes: Vec<String> = world.notes.iter().map(|n| n.to_string()).collect();
    map.insert("notes".to_string(), serde_json::json!(notes));
    let mut s = serde_json::Value::Object(map).to_string();
    s.push('\n');
    s
}

/// `<section class="notes">…</section>`, or nothing.
pub fn html(world: &World) -> String {
    if world.notes.is_empty() {
        return String::new();
    }
    let items: String = world
        .notes
        .iter()
        .map(|n| format!("<li>{}</li>", super::escape::esc(&n.text(world.lang))))
        .collect();
    format!(
        "<section class=\"notes\"><h2>{}</h2><ul>{items}</ul></section>\n",
        super::escape::esc(&world.lang.t("notes-heading"))
    )
}

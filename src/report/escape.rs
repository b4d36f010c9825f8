/*!
HTML escaping: the one function every HTML renderer uses for text from the input.

Kept apart from `html.rs` so that the page's parts (`html_calendar`, `html_tables`,
`html_privacy`) and `notes` need not import the page that assembles them.
*/

/// Escapes text for HTML content and quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

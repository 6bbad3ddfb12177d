//! The text-browser dump: `w3m -dump`, `lynx -dump`, `lynx -dump -nolist` of a page with a
//! comment section. The comment list keeps the browser's own indentation: numbered items
//! (w3m: ` 1. [0e1ea3] Name says:`, the text three columns right of the number; lynx: the
//! number alone on its line, the header on the next), or bullets for replies from
//! `ul.children`. Nesting follows the indentation, whatever its step.

use super::formats::{Family, FormatSpec, Input, Options, Parse, Parsed, Report};
use super::page_text::{self, Header, Levels, Page, column_of};
use super::says;
use super::sniff::{Head, Sniff};
use std::borrow::Cow;
use std::collections::HashMap;

pub static SPEC: FormatSpec = FormatSpec {
    name: "text-dump",
    label: "a text-browser dump of a comment section (w3m or lynx -dump)",
    family: Family::Text,
    sniff,
    parse: Parse::Whole(parse),
    input: Input::Text,
};

/// Above numbered text (50), whose headers look alike: a numbered file's comment text is
/// indented less than its header's name and has no date or Reply lines.
fn sniff(head: &Head) -> Sniff {
    // Every header ends as one does (after a list number, or on the line after a lone
    // one): a file with no such line is settled before any page is built.
    if !head.lines().any(says::ends_with_says) {
        return Sniff::No;
    }
    let page = page(Page::from_lines(head.lines()));
    // Two headers settle it: the rest of the head need not be read.
    let first: Vec<Header> = headers(&page).take(2).collect();
    if page_text::is_section(&page, &first) {
        Sniff::Maybe(70)
    } else {
        Sniff::No
    }
}

fn parse(bytes: &[u8], _options: &Options, report: &mut Report) -> Parsed {
    let text = String::from_utf8_lossy(bytes);
    let page = page(Page::new(&text));
    let headers: Vec<Header> = headers(&page).collect();
    Ok(vec![page_text::assemble(&page, &headers, report)])
}

/// The page's lines: with lynx's link list, the text ends before it and the `[12]` link
/// markers are taken out of every line (article and comments alike), each line keeping the
/// address of its first link.
fn page(mut page: Page<'_>) -> Page<'_> {
    for line in &mut page.lines {
        if is_avatar(line.trim()) {
            *line = Cow::Borrowed("");
        }
    }
    let Some((start, references)) = references(&page) else {
        return page;
    };
    page.end = start;
    let mut links = Vec::with_capacity(start);
    for line in &mut page.lines[..start] {
        let (stripped, link) = strip_markers(line, &references);
        if let Cow::Owned(stripped) = stripped {
            *line = Cow::Owned(stripped);
        }
        links.push(link);
    }
    page.links = links;
    page
}

/// lynx's `References` list at the end: where it starts, and the address of each number.
fn references<'a>(page: &Page<'a>) -> Option<(usize, HashMap<u32, &'a str>)> {
    let start = (0..page.end)
        .rev()
        .find(|&at| page.line(at) == "References")?;
    let mut found = HashMap::new();
    for line in &page.lines[start + 1..page.end] {
        // Borrowed lines only: the page was not changed yet.
        let Cow::Borrowed(line) = line else { continue };
        let item = line.trim_start();
        let digits = item.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 6 {
            continue;
        }
        if let (Ok(number), Some(address)) =
            (item[..digits].parse(), item[digits..].strip_prefix(". "))
        {
            found.insert(number, address.trim());
        }
    }
    (!found.is_empty()).then_some((start, found))
}

/// `[55]degski says:` → `degski says:`: markers of numbered links the list has are taken
/// out; other bracketed numbers (a footnote `[7] `, a number the list lacks) stay.
fn strip_markers<'a, 'b>(
    line: &'b str,
    references: &HashMap<u32, &'a str>,
) -> (Cow<'b, str>, Option<&'a str>) {
    if !line.contains('[') {
        return (Cow::Borrowed(line), None);
    }
    let mut out = String::with_capacity(line.len());
    let mut first = None;
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        // lynx writes the marker straight before the link's text: "[7] " is a footnote.
        let marker = digits > 0
            && digits <= 6
            && after[digits..].starts_with(']')
            && after[digits + 1..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace());
        let address = marker
            .then(|| after[..digits].parse::<u32>().ok())
            .flatten()
            .and_then(|number| references.get(&number));
        match address {
            Some(&address) => {
                out.push_str(&rest[..open]);
                first.get_or_insert(address);
                rest = &after[digits + 1..];
            }
            None => {
                out.push_str(&rest[..open + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    if first.is_none() {
        return (Cow::Borrowed(line), None);
    }
    (Cow::Owned(out), first)
}

/// Bullets text browsers draw for `ul` items.
const BULLETS: &[char] = &[
    '•', '◦', '▪', '□', '■', '○', '●', '*', '+', '-', 'o', '#', '@',
];

/// A list item's marker: `1.`, `•`. Returns the text after it and the byte where it starts.
fn list_item(line: &str) -> Option<(&str, usize)> {
    let item = line.trim_start();
    let marker_end = {
        let digits = item.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && digits <= 6 && item[digits..].starts_with('.') {
            digits + 1
        } else {
            let bullet = item.chars().next().filter(|c| BULLETS.contains(c))?;
            bullet.len_utf8()
        }
    };
    let after = &item[marker_end..];
    let text = after.trim_start();
    if text.len() == after.len() {
        return None;
    }
    Some((text, line.len() - text.len()))
}

/// The number of a lynx list item alone on its line: `    1.`
fn is_lone_number(line: &str) -> bool {
    let item = line.trim();
    item.strip_suffix('.').is_some_and(|digits| {
        !digits.is_empty() && digits.len() <= 6 && digits.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The name in a header, after the avatar text w3m shows for the picture
/// (`[0e1ea3] degski says:`).
fn header_name(text: &str) -> Option<&str> {
    let name = says::header_name(text)?;
    match name
        .strip_prefix('[')
        .and_then(|rest| rest.split_once("] "))
    {
        Some((avatar, rest))
            if avatar.len() <= 40
                && !avatar.contains(char::is_whitespace)
                && !rest.trim().is_empty() =>
        {
            Some(rest.trim())
        }
        _ => Some(name),
    }
}

/// The text w3m shows for a picture without a description: `[4b7361]` (the start of the
/// avatar's file name), or a placeholder such as `[IMG]`.
fn is_avatar(text: &str) -> bool {
    let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) else {
        return false;
    };
    let hex = (6..=12).contains(&inner.len())
        && inner
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    hex || ["IMG", "image", "avatar", "Image", "Avatar"].contains(&inner)
}

fn indentation(line: &str) -> usize {
    column_of(line, line.len() - line.trim_start().len())
}

/// Comment headers: list items whose text is `Name says:` and whose comment text lines up
/// with it (w3m, bullets), or a lone number with the header on the next line (lynx),
/// standing where comment headers stand.
fn headers<'p>(page: &'p Page) -> impl Iterator<Item = Header> + 'p {
    let mut levels = Levels::default();
    let mut last_tried = None;
    // Every header's line ends as one does, with a lone list number on the line before it
    // or none: only those lines are tried, once each and in order.
    (0..page.end)
        .filter(|&at| says::ends_with_says(page.line(at)))
        .flat_map(|at| [at.checked_sub(1), Some(at)].into_iter().flatten())
        .filter(move |&at| {
            let fresh = last_tried.is_none_or(|tried| at > tried);
            if fresh {
                last_tried = Some(at);
            }
            fresh
        })
        .filter_map(move |at| {
            let line = page.line(at);
            let (first_line, header_at, name, indent) = if is_lone_number(line) {
                let header_at = at + 1;
                let name = header_name(page.line(header_at))?;
                let text_at = page.next_content(header_at + 1, page.end)?;
                (at, header_at, name, indentation(page.line(text_at)))
            } else {
                let (text, start) = list_item(line)?;
                let name = header_name(text)?;
                let indent = column_of(line, start);
                // The comment's first line starts where the header's text does: a numbered
                // file's text starts left of it.
                let aligned = page
                    .next_content(at + 1, page.end)
                    .is_some_and(|next| indentation(page.line(next)) == indent);
                if !aligned {
                    return None;
                }
                (at, at, name, indent)
            };
            if !page_text::placed_as_header(page, first_line, header_at) {
                return None;
            }
            Some(Header {
                first_line,
                line: header_at,
                level: levels.level(indentation(line)),
                name: name.to_string(),
                indent,
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_markers_are_taken_out_when_listed() {
        let references = HashMap::from([(55, "http://example.com/"), (56, "https://x/#comment-1")]);
        let (line, link) = strip_markers("[55]degski says:", &references);
        assert_eq!(line, "degski says:");
        assert_eq!(link, Some("http://example.com/"));
        let (line, link) = strip_markers("see [7] and [56]this", &references);
        assert_eq!(line, "see [7] and this");
        assert_eq!(link, Some("https://x/#comment-1"));
        let (line, link) = strip_markers("[x] [", &references);
        assert_eq!((line.as_ref(), link), ("[x] [", None));
    }

    #[test]
    fn list_items_and_names() {
        assert_eq!(
            list_item(" 1. [0e1ea3] degski says:"),
            Some(("[0e1ea3] degski says:", 4))
        );
        assert_eq!(list_item("    • Ann says:"), Some(("Ann says:", 8)));
        assert_eq!(list_item("1.5 litres"), None);
        assert_eq!(list_item("-5 degrees"), None);
        assert_eq!(header_name("[0e1ea3] degski says:"), Some("degski"));
        assert_eq!(header_name("[deleted] says:"), Some("[deleted]"));
        assert!(is_avatar("[4b7361]"));
        assert!(is_avatar("[IMG]"));
        assert!(!is_avatar("[sic]"));
        assert!(!is_avatar("[123456]x"));
        assert!(is_lone_number("    12."));
        assert!(!is_lone_number("    12"));
        assert!(!is_lone_number("."));
    }
}

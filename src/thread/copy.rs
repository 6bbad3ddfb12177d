//! The browser copy: a comment section selected, copied and pasted as text. Numbers and
//! indentation are gone; each comment is `Name says:`, a date line, its text and `Reply`,
//! between the page's menus and article and its comment form and sidebar.

use super::formats::{Family, FormatSpec, Input, Options, Parse, Parsed, Report};
use super::page_text::{self, Header, Page};
use super::says;
use super::sniff::{Head, Sniff};

pub static SPEC: FormatSpec = FormatSpec {
    name: "copy",
    label: "a comment section copied from a browser (\"Name says:\", date, text, \"Reply\")",
    family: Family::Text,
    sniff,
    parse: Parse::Whole(parse),
    input: Input::Text,
};

/// Above numbered text (50): a numbered file has no unnumbered headers with date lines.
fn sniff(head: &Head) -> Sniff {
    // Most files have no header without a number or bullet before it: settled line by line
    // before any page is built.
    let unnumbered = |line: &str| says::header_name(line).is_some_and(|name| !is_list_item(name));
    if !head.lines().any(unnumbered) {
        return Sniff::No;
    }
    let page = Page::from_lines(head.lines());
    // Two headers settle it: the rest of the head need not be read.
    let first: Vec<Header> = headers(&page).take(2).collect();
    if page_text::is_section(&page, &first) {
        Sniff::Maybe(60)
    } else {
        Sniff::No
    }
}

fn parse(bytes: &[u8], _options: &Options, report: &mut Report) -> Parsed {
    let text = String::from_utf8_lossy(bytes);
    let page = Page::new(&text);
    let headers: Vec<Header> = headers(&page).collect();
    Ok(vec![page_text::assemble(&page, &headers, report)])
}

/// `Name says:` lines with nothing before the name (a number, a bullet or a link marker
/// makes a text-browser dump), standing where comment headers stand. With no indentation
/// left, every comment is top level.
fn headers<'p>(page: &'p Page) -> impl Iterator<Item = Header> + 'p {
    (0..page.end).filter_map(|at| {
        let line = page.line(at);
        let name = says::header_name(line)?;
        if is_list_item(name) || !page_text::placed_as_header(page, at, at) {
            return None;
        }
        // A copy is not indented: its text starts where its header does.
        let indent = line.len() - line.trim_start().len();
        let text_indent = page.next_content(at + 1, page.end).map(|next| {
            let next = page.line(next);
            next.len() - next.trim_start().len()
        });
        if text_indent.is_some_and(|text| text != indent) {
            return None;
        }
        Some(Header {
            first_line: at,
            line: at,
            level: 1,
            name: name.to_string(),
            indent,
        })
    })
}

/// A name that starts like a list item of a text-browser dump: `1. `, `• `, `[55]`.
fn is_list_item(name: &str) -> bool {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && name[digits..].starts_with(". "))
        || name.starts_with(['[', '•', '◦', '▪', '□', '■', '○', '●'])
        || ["* ", "+ ", "- ", "o ", "# "]
            .iter()
            .any(|bullet| name.starts_with(bullet))
}

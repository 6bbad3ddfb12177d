//! Saved web pages ("Save page as", `.html`): the bytes decoded (decode.rs), parsed by
//! html5ever with the nesting bounded (dom.rs), then read by the module of the platform whose
//! comment markup the page has: WordPress, Blogger, Hacker News. Any other page gives its
//! title and main text as the article, no comments, and a note saying so.

mod blogger;
mod decode;
pub mod dom;
mod hackernews;
mod page;
mod wordpress;

use super::ThreadAssembler;
use super::formats::{Family, FormatError, FormatSpec, Input, Options, Parse, Parsed, Report};
use super::sniff::{Head, Sniff};
use scraper::Html;

pub static SPEC: FormatSpec = FormatSpec {
    name: "html",
    label: "a saved web page (WordPress, Blogger and Hacker News comments)",
    family: Family::Html,
    sniff,
    parse: Parse::Whole(parse),
    input: Input::Bytes,
};

/// The largest page read. A parsed page takes about 10 times its size in memory, a page of
/// nothing but empty elements 20 times (README, performance); real saved pages are a few
/// megabytes, 2 000 comments about 5.
pub const MAX_PAGE_BYTES: usize = 32 << 20;

/// Sure for a page that starts as HTML (a doctype or `<html>`, after comments such as the
/// `<!-- saved from url=... -->` browsers write); a guess for one that starts with a tag only
/// a document's head or body has.
fn sniff(head: &Head) -> Sniff {
    let mut rest = head.trimmed();
    // Comments before the document (browsers note where a page was saved from).
    while rest.starts_with(b"<!--") {
        match rest.windows(3).position(|w| w == b"-->") {
            Some(end) => rest = trim_start(&rest[end + 3..]),
            None => return Sniff::No,
        }
    }
    if starts_with_tag(rest, b"<!doctype") {
        let after = trim_start(&rest[b"<!doctype".len()..]);
        return if starts_with_ignore_case(after, b"html") {
            Sniff::Sure
        } else {
            Sniff::No
        };
    }
    if starts_with_tag(rest, b"<html") {
        return Sniff::Sure;
    }
    if starts_with_ignore_case(rest, b"<?xml") {
        // XHTML: an XML declaration, then the HTML doctype or root.
        let lower = rest[..rest.len().min(4096)].to_ascii_lowercase();
        let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
        return if has(b"<!doctype html") || has(b"<html") {
            Sniff::Sure
        } else {
            Sniff::No
        };
    }
    const PAGE_TAGS: [&[u8]; 8] = [
        b"<head", b"<body", b"<meta", b"<title", b"<link", b"<base", b"<style", b"<script",
    ];
    if PAGE_TAGS.iter().any(|tag| starts_with_tag(rest, tag)) {
        return Sniff::Maybe(80);
    }
    Sniff::No
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// `<tag` followed by the end of the name (white space, `>` or `/`).
fn starts_with_tag(bytes: &[u8], tag: &[u8]) -> bool {
    starts_with_ignore_case(bytes, tag)
        && bytes
            .get(tag.len())
            .is_none_or(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
}

/// Which platform's comment markup a page has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Platform {
    WordPress,
    Blogger,
    HackerNews,
    Other,
}

fn platform(html: &Html) -> Platform {
    if wordpress::recognise(html) {
        Platform::WordPress
    } else if blogger::recognise(html) {
        Platform::Blogger
    } else if hackernews::recognise(html) {
        Platform::HackerNews
    } else {
        Platform::Other
    }
}

fn parse(bytes: &[u8], _options: &Options, report: &mut Report) -> Parsed {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(FormatError::new(format!(
            "larger than {} MiB, the most thread-tui reads of a saved page",
            MAX_PAGE_BYTES >> 20
        )));
    }
    let decoded = decode::decode(bytes);
    let dom = dom::parse_document(&decoded.text);
    let mut thread = ThreadAssembler::new(report.budget());
    let found = match platform(&dom.html) {
        Platform::WordPress => wordpress::read(&dom.html, &mut thread, report),
        Platform::Blogger => blogger::read(&dom.html, &mut thread, report),
        Platform::HackerNews => hackernews::read(&dom.html, &mut thread, report),
        Platform::Other => {
            page::read_article(&dom.html, &mut thread);
            report.note(
                "no comment section recognised (thread-tui reads WordPress, Blogger and \
                 Hacker News pages): the page's text is shown as the article",
            );
            Found::Read
        }
    };
    if found == Found::Empty {
        report.note("the page's comment section holds no comments");
    }
    if dom.dropped_tags > 0 {
        report.note(format!(
            "{} elements nested more than {} deep were flattened",
            dom.dropped_tags,
            dom::MAX_DEPTH
        ));
    }
    if dom.unread_parts > 0 {
        report.note(format!(
            "the page was read to its first {} elements, attributes and texts (about 150 MB \
             once parsed); the {} after them were not read",
            crate::text::thousands(dom::MAX_PARTS),
            crate::text::thousands(dom.unread_parts)
        ));
    }
    if let Some(note) = decoded.note {
        report.note(note);
    }
    let (thread, _) = thread.finish();
    Ok(vec![thread])
}

/// What a platform reader found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Found {
    /// Comments, or a page that is not a comment section.
    Read,
    /// A comment section with no comment in it.
    Empty,
}

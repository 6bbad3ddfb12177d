//! The fast way through the HTML most comment bodies are made of: text, entities, and
//! properly nested paragraphs, line breaks, links, emphasis, code, quotes and lists. It
//! drives the same [`Writer`] the tree walk drives, with the same calls the tree would give,
//! so the text is the same; on anything else (a tag or entity it does not know, markup the
//! HTML5 parser would repair, a comment it cannot end) it gives up and the HTML5 parser reads
//! the fragment. The HTML5 parser costs about 10 µs a comment, too slow for exports of
//! millions; this costs well under one. The tests compare both on generated fragments.
//! Nesting deeper than [`MAX_OPEN`] gives up too: the HTML5 way bounds nesting
//! (html/dom.rs) and decides what such a fragment reads as.

use super::super::html::dom;
use super::{Links, Writer};
use memchr::{memchr, memchr2, memmem};

/// The most elements this path keeps open; well under the HTML5 way's cap, so every
/// fragment read here is one that cap leaves whole.
const MAX_OPEN: usize = dom::MAX_DEPTH / 2;

/// What an element does to the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// p, div, ul, ol: a paragraph break before and after.
    Block,
    /// h1 to h6: a block that closes a heading left open just before it.
    Heading,
    Pre,
    Blockquote,
    Li,
    A,
    /// Elements with no end tag.
    Br,
    Hr,
    /// Images (left out) and word-break hints: nothing in the text.
    Silent,
    /// Emphasis, code, spans...: only their text.
    Inline,
}

impl Kind {
    fn is_void(self) -> bool {
        matches!(self, Kind::Br | Kind::Hr | Kind::Silent)
    }

    /// Opening one closes an open `p` in the HTML5 tree (which this path does not follow).
    fn closes_p(self) -> bool {
        matches!(
            self,
            Kind::Block | Kind::Heading | Kind::Pre | Kind::Blockquote | Kind::Li | Kind::Hr
        )
    }
}

/// The elements this path reads; any other makes it give up.
fn element(name: &str) -> Option<(&'static str, Kind)> {
    let mut lower = [0u8; 10];
    let bytes = name.as_bytes();
    if bytes.len() > lower.len() {
        return None;
    }
    lower[..bytes.len()].copy_from_slice(bytes);
    lower.make_ascii_lowercase();
    Some(match &lower[..bytes.len()] {
        b"p" => ("p", Kind::Block),
        b"div" => ("div", Kind::Block),
        b"ul" => ("ul", Kind::Block),
        b"ol" => ("ol", Kind::Block),
        b"h1" => ("h1", Kind::Heading),
        b"h2" => ("h2", Kind::Heading),
        b"h3" => ("h3", Kind::Heading),
        b"h4" => ("h4", Kind::Heading),
        b"h5" => ("h5", Kind::Heading),
        b"h6" => ("h6", Kind::Heading),
        b"pre" => ("pre", Kind::Pre),
        b"blockquote" => ("blockquote", Kind::Blockquote),
        b"li" => ("li", Kind::Li),
        b"a" => ("a", Kind::A),
        b"br" => ("br", Kind::Br),
        b"hr" => ("hr", Kind::Hr),
        b"img" => ("img", Kind::Silent),
        b"wbr" => ("wbr", Kind::Silent),
        b"b" => ("b", Kind::Inline),
        b"i" => ("i", Kind::Inline),
        b"em" => ("em", Kind::Inline),
        b"strong" => ("strong", Kind::Inline),
        b"u" => ("u", Kind::Inline),
        b"s" => ("s", Kind::Inline),
        b"strike" => ("strike", Kind::Inline),
        b"code" => ("code", Kind::Inline),
        b"span" => ("span", Kind::Inline),
        b"small" => ("small", Kind::Inline),
        b"big" => ("big", Kind::Inline),
        b"sub" => ("sub", Kind::Inline),
        b"sup" => ("sup", Kind::Inline),
        b"cite" => ("cite", Kind::Inline),
        b"abbr" => ("abbr", Kind::Inline),
        b"del" => ("del", Kind::Inline),
        b"ins" => ("ins", Kind::Inline),
        b"kbd" => ("kbd", Kind::Inline),
        b"mark" => ("mark", Kind::Inline),
        b"q" => ("q", Kind::Inline),
        b"tt" => ("tt", Kind::Inline),
        b"var" => ("var", Kind::Inline),
        b"samp" => ("samp", Kind::Inline),
        _ => return None,
    })
}

/// An element open at this point of the fragment.
struct Open {
    name: &'static str,
    kind: Kind,
    /// `li` children so far (an `ol` numbers them).
    items: usize,
}

/// The link being read: its address and every piece of text inside it.
struct Link {
    href: Option<String>,
    text: String,
}

/// Gives up: the HTML5 parser reads the fragment.
struct GiveUp;

/// The text of `html`, or None when this path cannot be sure to read it as the HTML5 parser
/// does.
pub(super) fn to_text(html: &str, links: Links, mut writer: Writer) -> Option<String> {
    writer.out.reserve(html.len());
    let mut reader = Reader {
        html,
        at: 0,
        writer,
        links,
        open: Vec::new(),
        link: None,
        text: String::new(),
    };
    reader.read().ok()?;
    Some(reader.writer.finish())
}

struct Reader<'a> {
    html: &'a str,
    at: usize,
    writer: Writer,
    links: Links,
    open: Vec<Open>,
    link: Option<Link>,
    /// Text since the last tag, when it had to be put together (a reference decoded in it):
    /// one text node of the tree. Text read in one piece goes to the writer as it is.
    text: String,
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\x0C')
}

impl Reader<'_> {
    fn bytes(&self) -> &[u8] {
        self.html.as_bytes()
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes().get(self.at + ahead).copied()
    }

    fn read(&mut self) -> Result<(), GiveUp> {
        let html = self.html;
        if memchr2(b'\0', b'\r', html.as_bytes()).is_some() {
            return Err(GiveUp);
        }
        while self.at < html.len() {
            let Some(next) = memchr2(b'<', b'&', &self.bytes()[self.at..]) else {
                self.piece(&html[self.at..]);
                break;
            };
            let markup = self.at + next;
            self.piece(&html[self.at..markup]);
            self.at = markup;
            if self.bytes()[markup] == b'&' {
                self.at += 1;
                let decoded = self.entity()?;
                self.push_text(&decoded);
                continue;
            }
            match self.peek(1) {
                Some(byte) if byte.is_ascii_alphabetic() => self.start_tag()?,
                Some(b'/') => self.end_tag()?,
                Some(b'!') => self.comment()?,
                Some(b'?') => return Err(GiveUp),
                // A '<' that starts no tag is text.
                _ => {
                    self.push_text("<");
                    self.at += 1;
                }
            }
        }
        self.flush();
        while let Some(open) = self.open.pop() {
            self.close(open);
        }
        Ok(())
    }

    /// Text read up to markup: straight to the writer when it is a whole text node.
    fn piece(&mut self, text: &str) {
        if let Some(link) = &mut self.link {
            link.text.push_str(text);
        }
        let ends_node = !self.html.as_bytes()[self.at + text.len()..].starts_with(b"&");
        if self.text.is_empty() && ends_node {
            self.writer.text(text);
        } else {
            self.text.push_str(text);
        }
    }

    /// Text that is part of a node (a decoded reference, a '<' that starts no tag).
    fn push_text(&mut self, text: &str) {
        self.text.push_str(text);
        if let Some(link) = &mut self.link {
            link.text.push_str(text);
        }
    }

    /// Hands the text node to the writer.
    fn flush(&mut self) {
        if !self.text.is_empty() {
            self.writer.text(&self.text);
            self.text.clear();
        }
    }

    /// A character reference, after its '&': decoded, or a lone '&' as text.
    fn entity(&mut self) -> Result<String, GiveUp> {
        let rest = &self.bytes()[self.at..];
        let (decoded, used) = decode_entity(rest)?;
        self.at += used;
        Ok(decoded)
    }

    /// `<!-- ... -->`, left out. Other `<!` markup gives up.
    fn comment(&mut self) -> Result<(), GiveUp> {
        let rest = &self.bytes()[self.at..];
        let body = rest.strip_prefix(b"<!--").ok_or(GiveUp)?;
        // `<!-->` and `<!--->` end at once in HTML5.
        if body.starts_with(b">") || body.starts_with(b"->") {
            return Err(GiveUp);
        }
        let end = memmem::find(body, b"-->").ok_or(GiveUp)?;
        if memmem::find(&body[..end + 2], b"--!>").is_some() {
            return Err(GiveUp);
        }
        self.flush();
        self.at += 4 + end + 3;
        Ok(())
    }

    /// A tag name after `<` or `</`: letters and digits, lower-cased by the lookup.
    fn tag_name(&mut self) -> Result<(&'static str, Kind), GiveUp> {
        let start = self.at;
        while self.peek(0).is_some_and(|b| b.is_ascii_alphanumeric()) {
            self.at += 1;
        }
        match self.peek(0) {
            Some(b) if is_space(b) || b == b'/' || b == b'>' => {}
            _ => return Err(GiveUp),
        }
        element(&self.html[start..self.at]).ok_or(GiveUp)
    }

    fn skip_space(&mut self) {
        while self.peek(0).is_some_and(is_space) {
            self.at += 1;
        }
    }

    /// Reads the attributes up to the tag's end; returns the first `href` and whether the tag
    /// ended with `/>`.
    fn attributes(&mut self) -> Result<(Option<String>, bool), GiveUp> {
        let mut href = None;
        loop {
            self.skip_space();
            match self.peek(0) {
                None => return Err(GiveUp),
                Some(b'>') => {
                    self.at += 1;
                    return Ok((href, false));
                }
                Some(b'/') => {
                    if self.peek(1) != Some(b'>') {
                        return Err(GiveUp);
                    }
                    self.at += 2;
                    return Ok((href, true));
                }
                Some(_) => {}
            }
            let start = self.at;
            while self.peek(0).is_some_and(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')
            }) {
                self.at += 1;
            }
            if self.at == start {
                return Err(GiveUp);
            }
            let name = &self.html[start..self.at];
            let after_name = self.at;
            self.skip_space();
            let value = if self.peek(0) == Some(b'=') {
                self.at += 1;
                self.skip_space();
                self.attribute_value()?
            } else {
                // An attribute without a value; what follows the spaces is the next one.
                self.at = after_name;
                String::new()
            };
            match self.peek(0) {
                Some(b) if is_space(b) || b == b'/' || b == b'>' => {}
                _ => return Err(GiveUp),
            }
            // The first of duplicate attributes counts, as in HTML5.
            if href.is_none() && name.eq_ignore_ascii_case("href") {
                href = Some(value);
            }
        }
    }

    fn attribute_value(&mut self) -> Result<String, GiveUp> {
        let mut value = String::new();
        let quote = match self.peek(0) {
            Some(q @ (b'"' | b'\'')) => {
                self.at += 1;
                Some(q)
            }
            Some(b'>') | None => return Err(GiveUp),
            Some(_) => None,
        };
        loop {
            let rest = &self.bytes()[self.at..];
            let end = match quote {
                Some(q) => memchr2(q, b'&', rest).ok_or(GiveUp)?,
                None => rest
                    .iter()
                    .position(|&b| is_space(b) || matches!(b, b'>' | b'&'))
                    .ok_or(GiveUp)?,
            };
            let piece = &self.html[self.at..self.at + end];
            if quote.is_none()
                && piece
                    .bytes()
                    .any(|b| matches!(b, b'"' | b'\'' | b'<' | b'=' | b'`'))
            {
                return Err(GiveUp);
            }
            value.push_str(piece);
            self.at += end;
            match self.peek(0) {
                Some(b'&') => {
                    self.at += 1;
                    let decoded = self.entity()?;
                    value.push_str(&decoded);
                }
                Some(q) if Some(q) == quote => {
                    self.at += 1;
                    return Ok(value);
                }
                _ => {
                    if value.is_empty() {
                        return Err(GiveUp);
                    }
                    return Ok(value);
                }
            }
        }
    }

    fn start_tag(&mut self) -> Result<(), GiveUp> {
        self.at += 1;
        let (name, kind) = self.tag_name()?;
        let (href, self_closing) = self.attributes()?;
        if self_closing && !kind.is_void() {
            return Err(GiveUp);
        }
        if !kind.is_void() && self.open.len() >= MAX_OPEN {
            return Err(GiveUp);
        }
        // Where the HTML5 tree would differ from the tags' nesting, give up.
        if kind.closes_p() && self.open.iter().any(|o| o.name == "p") {
            return Err(GiveUp);
        }
        match kind {
            Kind::Heading if self.open.last().is_some_and(|o| o.kind == Kind::Heading) => {
                return Err(GiveUp);
            }
            Kind::A if self.link.is_some() => return Err(GiveUp),
            Kind::Li => {
                // An `li` closes an open one unless a list or block other than div lies
                // between them.
                for open in self.open.iter().rev() {
                    match open.kind {
                        Kind::Li => return Err(GiveUp),
                        Kind::Block if open.name == "div" => {}
                        Kind::Block | Kind::Heading | Kind::Pre | Kind::Blockquote => break,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        self.flush();
        match kind {
            Kind::Br => self.writer.line_break(),
            Kind::Hr => self.writer.block(),
            Kind::Silent | Kind::Inline => {}
            Kind::Block | Kind::Heading => self.writer.block(),
            Kind::Pre => {
                self.writer.block();
                self.writer.pre_depth += 1;
                // HTML5 drops a line end just after <pre>.
                match self.peek(0) {
                    Some(b'\n') => self.at += 1,
                    Some(b'&') => return Err(GiveUp),
                    _ => {}
                }
            }
            Kind::Blockquote => {
                self.writer.block();
                self.writer.prefix.push_str("> ");
            }
            Kind::Li => {
                self.writer.line();
                let marker = match self.open.last_mut() {
                    Some(parent) => {
                        parent.items += 1;
                        if parent.name == "ol" {
                            format!("{}.", parent.items)
                        } else {
                            "•".to_string()
                        }
                    }
                    None => "•".to_string(),
                };
                self.writer.word(&marker);
            }
            Kind::A => {
                self.link = Some(Link {
                    href,
                    text: String::new(),
                });
            }
        }
        if !kind.is_void() {
            self.open.push(Open {
                name,
                kind,
                items: 0,
            });
        }
        Ok(())
    }

    /// An end tag: it must close the element opened last (HTML5 would repair anything else).
    fn end_tag(&mut self) -> Result<(), GiveUp> {
        self.at += 2;
        if !self.peek(0).is_some_and(|b| b.is_ascii_alphabetic()) {
            return Err(GiveUp);
        }
        let (name, _) = self.tag_name()?;
        self.skip_space();
        if self.peek(0) != Some(b'>') {
            return Err(GiveUp);
        }
        self.at += 1;
        if self.open.last().is_none_or(|o| o.name != name) {
            return Err(GiveUp);
        }
        self.flush();
        if let Some(open) = self.open.pop() {
            self.close(open);
        }
        Ok(())
    }

    /// What the tree walk does when it leaves an element.
    fn close(&mut self, open: Open) {
        let writer = &mut self.writer;
        match open.kind {
            Kind::Pre => {
                writer.pre_depth = writer.pre_depth.saturating_sub(1);
                writer.block();
            }
            Kind::Blockquote => {
                let keep = writer.prefix.len().saturating_sub(2);
                writer.prefix.truncate(keep);
                writer.block();
            }
            Kind::A => {
                if let Some(link) = self.link.take()
                    && self.links == Links::WithAddress
                    && let Some(href) = link.href
                {
                    writer.link_address(link.text.trim(), href.trim());
                }
            }
            Kind::Block | Kind::Heading => writer.block(),
            Kind::Li => writer.line(),
            Kind::Br | Kind::Hr | Kind::Silent | Kind::Inline => {}
        }
    }
}

/// Decodes the character reference at the start of `rest` (just after its '&'): the
/// character and the bytes it used. A '&' that starts no reference is itself. References
/// HTML5 would read in ways this path does not follow give up.
fn decode_entity(rest: &[u8]) -> Result<(String, usize), GiveUp> {
    match rest.first() {
        Some(b'#') => {
            let (digits, radix, skip) = match rest.get(1) {
                Some(b'x' | b'X') => (&rest[2..], 16, 2),
                _ => (&rest[1..], 10, 1),
            };
            let len = digits
                .iter()
                .position(|b| !b.is_ascii_hexdigit() || (radix == 10 && !b.is_ascii_digit()))
                .ok_or(GiveUp)?;
            if len == 0 || len > 6 || digits[len] != b';' {
                return Err(GiveUp);
            }
            let text = std::str::from_utf8(&digits[..len]).map_err(|_| GiveUp)?;
            let code = u32::from_str_radix(text, radix).map_err(|_| GiveUp)?;
            // Controls, the C1 range HTML5 maps to Windows-1252, surrogates and
            // noncharacters are left to the HTML5 parser.
            let plain = matches!(code, 0x09 | 0x0A | 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFDCF | 0xFDF0..=0xFFFD)
                || ((0x10000..=0x10FFFF).contains(&code) && code & 0xFFFE != 0xFFFE);
            let c = char::from_u32(code).filter(|_| plain).ok_or(GiveUp)?;
            Ok((c.to_string(), skip + len + 1))
        }
        Some(b) if b.is_ascii_alphanumeric() => {
            let semicolon = memchr(b';', &rest[..rest.len().min(8)]).ok_or(GiveUp)?;
            let decoded = match &rest[..semicolon] {
                b"amp" => "&",
                b"lt" => "<",
                b"gt" => ">",
                b"quot" => "\"",
                b"apos" => "'",
                b"nbsp" => "\u{a0}",
                _ => return Err(GiveUp),
            };
            Ok((decoded.to_string(), semicolon + 1))
        }
        _ => Ok(("&".to_string(), 0)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::walk;
    use super::*;
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;

    fn writer(autop: bool) -> Writer {
        Writer {
            line_ends_break: autop,
            ..Writer::default()
        }
    }

    /// What the HTML5 parser and the tree walk make of `html`.
    fn by_html5(html: &str, links: Links, autop: bool) -> String {
        walk(
            dom::parse_fragment(html).html.root_element(),
            links,
            writer(autop),
            |_| false,
        )
    }

    fn fast(html: &str) -> Option<String> {
        to_text(html, Links::WithAddress, writer(false))
    }

    #[test]
    fn common_bodies_take_the_fast_way_and_read_as_html5_does() {
        for html in [
            "Plain text, no markup at all.",
            "<p>First &amp; <b>bold</b>\n  line</p><p>Second<br>line</p>",
            "<p>See <a href=\"https://example.com/a?x=1&amp;y=2\" rel=\"nofollow ugc\">the docs</a>.</p>",
            "<p>Code:</p><pre><code>fn main() {\n    go();\n}</code></pre>",
            "<pre>\nkept</pre>",
            "<blockquote><p>quoted</p></blockquote><p>reply &lt;3 &#8212; &#x263A;</p>",
            "<ol><li>one</li><li>two<ul><li>inner</li></ul></li></ol>",
            "a < b and c > d & e",
            "<!-- wp:paragraph --><p>Gutenberg</p><!-- /wp:paragraph -->",
            "<img src=x alt='avatar'><br/>after<hr>",
            "<P>Upper <EM>case</EM></P>",
            "<p>unclosed <i>at the end",
        ] {
            let fast = fast(html).unwrap_or_else(|| panic!("slow way for {html:?}"));
            assert_eq!(fast, by_html5(html, Links::WithAddress, false), "{html:?}");
        }
    }

    #[test]
    fn nesting_past_the_bound_is_left_to_the_html5_way_and_its_cap() {
        let quotes = |n: usize| {
            format!(
                "{}deep{}",
                "<blockquote>".repeat(n),
                "</blockquote>".repeat(n)
            )
        };
        // Within the bound both ways read every level.
        let within = quotes(MAX_OPEN);
        let read = fast(&within).expect("fast way within the bound");
        assert_eq!(read, by_html5(&within, Links::WithAddress, false));
        assert_eq!(read, format!("{}deep", "> ".repeat(MAX_OPEN)));
        // Past it, and past the HTML5 way's cap, what the cap keeps is what comes out.
        for html in [
            quotes(MAX_OPEN + 1),
            quotes(3 * dom::MAX_DEPTH),
            "<ul><li>".repeat(10_000),
            format!("{}deep", "<span>".repeat(100_000)),
        ] {
            assert_eq!(fast(&html), None, "{}", &html[..40]);
            assert_eq!(
                super::super::fragment_to_text(&html, Links::WithAddress),
                by_html5(&html, Links::WithAddress, false),
                "{}",
                &html[..40]
            );
        }
        let capped = super::super::fragment_to_text(&quotes(3 * dom::MAX_DEPTH), Links::TextOnly);
        let levels = capped.matches("> ").count();
        assert!((MAX_OPEN..dom::MAX_DEPTH).contains(&levels), "{levels}");
        assert!(capped.ends_with("deep"));
    }

    #[test]
    fn markup_html5_would_repair_gives_up() {
        for html in [
            "<p>a<p>b",
            "<p>a<div>b</div></p>",
            "<b><i>x</b></i>",
            "<li>a<li>b",
            "<a href=x>a<a href=y>b</a></a>",
            "<table><tr><td>x</td></tr></table>",
            "<script>alert(1)</script>",
            "&copy; 2020",
            "AT&T",
            "&#0;",
            "&#x80;",
            "<p/>",
            "</p>",
            "<!-->",
            "<!-- unterminated",
            "<a href=\"x\"title=y>t</a>",
            "<custom-tag>x</custom-tag>",
            "<h1>a<h2>b</h2></h1>",
            "<ol><li>a<div><li>b",
            "a\rb",
        ] {
            assert_eq!(fast(html), None, "{html:?}");
        }
    }

    /// Pieces of comment HTML, right and wrong, that the generated fragments are made of.
    const PIECES: &[&str] = &[
        "word",
        "two words",
        " ",
        "  ",
        "\n",
        "\n\n",
        " \n ",
        "\t",
        "é",
        "—",
        "&amp;",
        "&lt;",
        "&gt;",
        "&quot;",
        "&apos;",
        "&nbsp;",
        "&#65;",
        "&#x263a;",
        "&#10;",
        "&#128;",
        "&copy;",
        "&",
        "& ",
        "<",
        "< ",
        "<3",
        ">",
        "<p>",
        "</p>",
        "<P>",
        "<p class=\"x\">",
        "<div>",
        "</div>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<em>",
        "</em>",
        "<strong>",
        "</strong>",
        "<code>",
        "</code>",
        "<span>",
        "</span>",
        "<pre>",
        "<pre>\n",
        "</pre>",
        "<blockquote>",
        "</blockquote>",
        "<ul>",
        "</ul>",
        "<ol>",
        "</ol>",
        "<li>",
        "</li>",
        "<h2>",
        "</h2>",
        "<h3>",
        "</h3>",
        "<br>",
        "<br/>",
        "<br />",
        "</br>",
        "<hr>",
        "<img src=x>",
        "<img src=\"a.png\" />",
        "<wbr>",
        "<a href=\"https://e.com/x\">",
        "<a href=https://e.com>",
        "<a href='#top'>",
        "<a>",
        "</a>",
        "https://e.com/x",
        "<!-- c -->",
        "<!---->",
        "<!-->",
        "<!-- a -- b -->",
        "<table>",
        "<td>",
        "<tr>",
        "<script>",
        "</script>",
        "<p/>",
        "<a href=\"x\" href=\"y\">",
        "<q>",
        "</q>",
        "<sub>",
        "</sub>",
        "<?php ?>",
        "<!DOCTYPE x>",
        "</ p>",
        "</>",
        "<a href=x/>",
        "<a title='a \"b\"'>",
        "<b class=x id=y>",
    ];

    /// Elements as comment HTML nests them, each now and then left open or closed wrongly.
    const PAIRS: &[(&str, &str)] = &[
        ("<p>", "</p>"),
        ("<div>", "</div>"),
        ("<b>", "</b>"),
        ("<em>", "</em>"),
        ("<span class=x>", "</span>"),
        ("<code>", "</code>"),
        ("<pre>", "</pre>"),
        ("<blockquote>", "</blockquote>"),
        ("<ul>", "</ul>"),
        ("<ol>", "</ol>"),
        ("<li>", "</li>"),
        ("<h2>", "</h2>"),
        ("<a href=\"https://e.com/x\">", "</a>"),
        ("<a href=e.com>", "</a>"),
        ("<q>", "</q>"),
    ];

    const TEXTS: &[&str] = &[
        "word",
        "two words",
        " ",
        "\n",
        "\n\n",
        "&amp;",
        "&nbsp;",
        "&#x263a;",
        "<3",
        "a < b",
        "é",
        "https://e.com/x",
    ];

    fn tree() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            3 => prop::sample::select(TEXTS).prop_map(String::from),
            1 => prop::sample::select(PIECES).prop_map(String::from),
        ];
        leaf.prop_recursive(5, 48, 4, |inner| {
            (
                prop::sample::select(PAIRS),
                prop::collection::vec(inner, 0..4),
                0..10u8,
            )
                .prop_map(|((open, close), children, how)| {
                    let close = match how {
                        0 => "",
                        1 => "</b>",
                        2 => "</div>",
                        _ => close,
                    };
                    format!("{open}{}{close}", children.concat())
                })
        })
    }

    fn fragment() -> impl Strategy<Value = String> {
        prop::collection::vec(tree(), 0..6).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// Whenever the fast way reads a fragment, it reads it as the HTML5 parser does.
        #[test]
        fn the_fast_way_agrees_with_html5(html in fragment(), autop: bool, address: bool) {
            let links = if address { Links::WithAddress } else { Links::TextOnly };
            if let Some(fast) = to_text(&html, links, writer(autop)) {
                prop_assert_eq!(fast, by_html5(&html, links, autop), "{:?}", html);
            }
        }
    }

    #[test]
    fn most_generated_fragments_take_the_fast_way() {
        // The comparison above is worth something only if the fast way reads many of them.
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let mut fast_ones = 0;
        for _ in 0..2000 {
            let html = fragment().new_tree(&mut runner).unwrap().current();
            fast_ones += usize::from(fast(&html).is_some());
        }
        assert!(fast_ones > 200, "{fast_ones} of 2000");
    }
}

//! HTML to readable text, for comment bodies and articles from pages, exports and platform
//! JSON: paragraphs and line breaks kept, code blocks verbatim, lists and quotes marked,
//! entities decoded (by the HTML5 parser), scripts, styles and images left out, and no tag
//! ever in the result. Walks the tree iteratively, so nesting depth cannot overflow the stack;
//! fragments are parsed with their nesting bounded (html/dom.rs), so no fragment can make the
//! parser take quadratic time.

mod simple;

use super::html::dom;
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{ElementRef, Node};

/// How links come out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Links {
    /// Only the link's text (pages, where the address is one click away).
    TextOnly,
    /// The text and the address: `text <https://…>`, or the address alone when the text is
    /// the address (bodies from exports, where the address is part of what was written).
    WithAddress,
}

/// The text of an HTML fragment (a comment body).
pub fn fragment_to_text(html: &str, links: Links) -> String {
    fragment_with(html, links, Writer::default())
}

/// The text of HTML as WordPress stores posts and comments: a blank line in the text is a
/// paragraph break and a line end a line break, as `wpautop` makes them when it shows them.
pub fn autop_to_text(html: &str, links: Links) -> String {
    let writer = Writer {
        line_ends_break: true,
        ..Writer::default()
    };
    fragment_with(html, links, writer)
}

/// The common, simple fragments take the fast way (simple.rs, which gives the same text);
/// everything else goes through the HTML5 parser.
fn fragment_with(html: &str, links: Links, writer: Writer) -> String {
    let line_ends_break = writer.line_ends_break;
    if let Some(text) = simple::to_text(html, links, writer) {
        return text;
    }
    let writer = Writer {
        line_ends_break,
        ..Writer::default()
    };
    parsed_to_text(html, links, writer, dom::MAX_PARTS)
}

/// The text of a fragment the HTML5 parser reads, holding at most `max_parts` parts; past
/// them, the text says it was not read to its end.
fn parsed_to_text(html: &str, links: Links, writer: Writer, max_parts: usize) -> String {
    let dom = dom::parse_fragment_within(html, max_parts);
    let mut text = walk(dom.html.root_element(), links, writer, |_| false);
    if dom.unread_parts > 0 {
        text.push_str(&format!(
            "\n\n[the rest of this text was not read: its HTML holds more than {} elements, \
             attributes and texts]",
            crate::text::thousands(max_parts)
        ));
    }
    text
}

/// The text inside an element of a parsed page.
pub fn element_to_text(element: ElementRef, links: Links) -> String {
    element_to_text_without(element, links, |_| false)
}

/// The text inside an element, leaving out the elements `furniture` picks (with all they
/// hold), as scripts are left out: a comment's author line and Reply link, a page's menus.
pub fn element_to_text_without(
    element: ElementRef,
    links: Links,
    furniture: impl Fn(&Element) -> bool,
) -> String {
    walk(element, links, Writer::default(), furniture)
}

fn walk(
    element: ElementRef,
    links: Links,
    mut writer: Writer,
    furniture: impl Fn(&Element) -> bool,
) -> String {
    let left_out = |el: &Element| skipped(el.name()) || furniture(el);
    // Per open element: what to do when it closes.
    for edge in element.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(text) => writer.text(text),
                Node::Element(el) => {
                    let name = el.name();
                    if left_out(el) {
                        writer.skip_depth += 1;
                        continue;
                    }
                    if writer.skip_depth > 0 {
                        continue;
                    }
                    match name {
                        "br" => writer.line_break(),
                        "p" | "div" | "section" | "article" | "header" | "footer" | "h1" | "h2"
                        | "h3" | "h4" | "h5" | "h6" | "table" | "ul" | "ol" | "dl" | "figure"
                        | "hr" | "main" | "aside" | "nav" | "details" | "summary" | "address"
                        | "center" => writer.block(),
                        "pre" => {
                            writer.block();
                            writer.pre_depth += 1;
                        }
                        "blockquote" => {
                            writer.block();
                            writer.prefix.push_str("> ");
                        }
                        "li" => {
                            writer.line();
                            let marker = list_marker(node);
                            writer.word(&marker);
                        }
                        "tr" | "dt" | "dd" | "caption" => writer.line(),
                        "td" | "th" => writer.space(),
                        _ => {}
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(el) = node.value() else {
                    continue;
                };
                let name = el.name();
                if left_out(el) {
                    writer.skip_depth = writer.skip_depth.saturating_sub(1);
                    continue;
                }
                if writer.skip_depth > 0 {
                    continue;
                }
                match name {
                    "pre" => {
                        writer.pre_depth = writer.pre_depth.saturating_sub(1);
                        writer.block();
                    }
                    "blockquote" => {
                        let keep = writer.prefix.len().saturating_sub(2);
                        writer.prefix.truncate(keep);
                        writer.block();
                    }
                    "a" if links == Links::WithAddress => {
                        if let Some(href) = el.attr("href") {
                            let text: String = ElementRef::wrap(node)
                                .map(|a| a.text().collect())
                                .unwrap_or_default();
                            writer.link_address(text.trim(), href.trim());
                        }
                    }
                    "p" | "div" | "section" | "article" | "header" | "footer" | "h1" | "h2"
                    | "h3" | "h4" | "h5" | "h6" | "table" | "ul" | "ol" | "dl" | "figure"
                    | "main" | "aside" | "nav" | "details" | "address" | "center" => writer.block(),
                    "li" | "tr" | "summary" => writer.line(),
                    _ => {}
                }
            }
        }
    }
    writer.finish()
}

/// Whether the character at byte `at` of `text` is white space (as `char::is_whitespace`
/// has it), and its length; None at the end.
fn space_at(text: &str, at: usize) -> Option<(bool, usize)> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        return Some((
            matches!(byte, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r'),
            1,
        ));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c.is_whitespace(), c.len_utf8()))
}

/// Elements whose content is never text a reader wants.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "img"
            | "svg"
            | "iframe"
            | "object"
            | "video"
            | "audio"
            | "canvas"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "form"
    )
}

/// "• " in a bullet list, "3. " in a numbered one.
fn list_marker(item: ego_tree::NodeRef<Node>) -> String {
    let ordered = item
        .parent()
        .and_then(|p| p.value().as_element().map(|e| e.name() == "ol"))
        .unwrap_or(false);
    if ordered {
        let position = item
            .prev_siblings()
            .filter(|s| s.value().as_element().is_some_and(|e| e.name() == "li"))
            .count();
        format!("{}.", position + 1)
    } else {
        "•".to_string()
    }
}

/// Accumulates text with breaks decided lazily: a break is only written before more text,
/// so no element leaves blank lines at the start or the end.
#[derive(Default)]
struct Writer {
    out: String,
    /// Line breaks wanted before the next text: 1 a new line, 2 a new paragraph.
    pending_break: usize,
    pending_space: bool,
    /// "> " per open blockquote, written at the start of each line.
    prefix: String,
    /// How much of `prefix` was open when text was last written: a blank line between a
    /// paragraph and a quote belongs to neither, so it takes the shallower prefix.
    written_prefix: usize,
    pre_depth: usize,
    skip_depth: usize,
    /// Line ends in text are breaks (WordPress), not white space (HTML).
    line_ends_break: bool,
}

impl Writer {
    fn block(&mut self) {
        self.pending_break = 2;
    }

    fn line(&mut self) {
        self.pending_break = self.pending_break.max(1);
    }

    /// `<br>`: each one is a line break, so two make an empty line.
    fn line_break(&mut self) {
        if self.out.is_empty() {
            return;
        }
        if self.pending_break >= 1 {
            self.pending_break = 2;
        } else {
            self.pending_break = 1;
        }
    }

    fn space(&mut self) {
        self.pending_space = true;
    }

    /// Writes pending breaks (and the quote prefix) before content.
    fn start_content(&mut self) {
        if self.out.is_empty() {
            self.pending_break = 0;
            self.pending_space = false;
            self.out.push_str(&self.prefix);
            self.written_prefix = self.prefix.len();
            return;
        }
        if self.pending_break > 0 {
            let shared = self.written_prefix.min(self.prefix.len());
            let quote = self.prefix[..shared].trim_end();
            for _ in 1..self.pending_break {
                self.out.push('\n');
                self.out.push_str(quote);
            }
            self.written_prefix = self.prefix.len();
            self.out.push('\n');
            self.out.push_str(&self.prefix);
            self.pending_break = 0;
            self.pending_space = false;
        } else if self.pending_space {
            self.out.push(' ');
            self.pending_space = false;
        }
    }

    fn word(&mut self, word: &str) {
        self.start_content();
        self.out.push_str(word);
        self.pending_space = true;
    }

    fn text(&mut self, text: &str) {
        if self.skip_depth > 0 {
            return;
        }
        if self.pre_depth > 0 {
            for (index, line) in text.split('\n').enumerate() {
                if index > 0 {
                    self.pending_break = self.pending_break.max(1);
                }
                if !line.is_empty() {
                    self.start_content();
                    self.out.push_str(line);
                }
            }
            return;
        }
        if self.line_ends_break && text.contains('\n') {
            self.text_with_breaks(text);
            return;
        }
        self.words(text);
    }

    /// Text whose line ends are breaks: one is a new line, two or more (blank lines between)
    /// a new paragraph.
    fn text_with_breaks(&mut self, text: &str) {
        let mut line_ends = 0;
        for (index, line) in text.split('\n').enumerate() {
            if index > 0 {
                line_ends += 1;
            }
            if line.trim().is_empty() {
                continue;
            }
            match line_ends {
                0 => {}
                1 => self.line(),
                _ => self.block(),
            }
            line_ends = 0;
            self.words(line);
        }
        match line_ends {
            0 => {}
            1 => self.line(),
            _ => self.block(),
        }
    }

    /// Text whose white space, line ends included, separates words: the words joined by one
    /// space, as `split_whitespace` has them. Runs of words already one space apart are copied
    /// whole: this is where most of the time of reading an export goes.
    fn words(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut at = 0;
        let mut first = true;
        loop {
            let before = at;
            while let Some((true, len)) = space_at(text, at) {
                at += len;
            }
            if at > before {
                self.pending_space = true;
            }
            if at >= text.len() {
                return;
            }
            if first {
                self.start_content();
                first = false;
            } else {
                self.out.push(' ');
            }
            let start = at;
            loop {
                match bytes.get(at) {
                    Some(&b) if b > b' ' && b.is_ascii() => at += 1,
                    Some(b' ') => match space_at(text, at + 1) {
                        Some((false, _)) => at += 1,
                        _ => break,
                    },
                    Some(_) => match space_at(text, at) {
                        Some((false, len)) => at += len,
                        _ => break,
                    },
                    None => break,
                }
            }
            self.out.push_str(&text[start..at]);
            self.pending_space = false;
        }
    }

    /// After a link's text: its address, unless the text already is the address.
    fn link_address(&mut self, text: &str, href: &str) {
        if href.is_empty() || href.starts_with('#') || href.starts_with("javascript:") {
            return;
        }
        let bare = |s: &str| {
            s.trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_start_matches("mailto:")
                .trim_end_matches('/')
                .to_string()
        };
        let shown = bare(text).trim_end_matches('…').to_string();
        if !text.is_empty()
            && (bare(href) == shown
                || (!shown.is_empty() && bare(href).starts_with(&shown) && text.ends_with('…')))
        {
            return;
        }
        let address = format!("<{href}>");
        if text.is_empty() {
            self.word(&address);
        } else {
            self.out.push(' ');
            self.out.push_str(&address);
            self.pending_space = false;
        }
    }

    fn finish(self) -> String {
        let mut out = self.out;
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        fragment_to_text(html, Links::WithAddress)
    }

    #[test]
    fn paragraphs_breaks_and_entities() {
        assert_eq!(
            text("<p>First &amp; <b>bold</b>\n  line</p><p>Second<br>line</p>"),
            "First & bold line\n\nSecond\nline"
        );
        assert_eq!(text("one<br><br>two"), "one\n\ntwo");
        assert_eq!(text("<p></p><p>  only  </p><p></p>"), "only");
        assert_eq!(text("a&#39;b &lt;tag&gt; &quot;q&quot;"), "a'b <tag> \"q\"");
    }

    #[test]
    fn code_lists_quotes_and_links() {
        assert_eq!(
            text("<p>Look:</p><pre><code>fn main() {\n    go();\n}</code></pre><p>done</p>"),
            "Look:\n\nfn main() {\n    go();\n}\n\ndone"
        );
        assert_eq!(
            text("<ul><li>one</li><li>two</li></ul><ol><li>a</li><li>b</li></ol>"),
            "• one\n• two\n\n1. a\n2. b"
        );
        assert_eq!(
            text("<blockquote><p>quoted</p><p>more</p></blockquote><p>reply</p>"),
            "> quoted\n>\n> more\n\nreply"
        );
        // The blank line before a quote is not part of it.
        assert_eq!(
            text(
                "<p>before</p><blockquote><p>quoted</p><blockquote>deeper</blockquote></blockquote>"
            ),
            "before\n\n> quoted\n>\n> > deeper"
        );
        assert_eq!(
            text(r#"see <a href="https://example.com/x">the docs</a>."#),
            "see the docs <https://example.com/x>."
        );
        assert_eq!(
            text(r#"<a href="https://example.com/x">https://example.com/x</a>"#),
            "https://example.com/x"
        );
        assert_eq!(
            fragment_to_text(
                r#"see <a href="https://e.com">the docs</a>"#,
                Links::TextOnly
            ),
            "see the docs"
        );
    }

    #[test]
    fn no_tag_script_or_image_survives() {
        let out = text(
            r#"<script>alert(1)</script><style>p{}</style><img src=x alt=avatar><p>kept</p><!-- c --><unknown-tag>also</unknown-tag>"#,
        );
        assert_eq!(out, "kept\n\nalso");
    }

    #[test]
    fn words_split_on_white_space_as_split_whitespace_does() {
        for text in [
            "",
            " ",
            "a",
            " a ",
            "a  b\tc\nd\re\x0Bf\x0Cg",
            "\u{a0}x\u{2003}y\u{3000}z\u{85}",
            "é ü\u{200B}w",
            "  lead",
            "trail  ",
            "\u{2028}",
            "a\x01b c",
            "x \u{a0}y",
            "w \u{e9}",
        ] {
            let mut writer = Writer::default();
            writer.out.push('>');
            writer.words(text);
            let expected: Vec<&str> = text.split_whitespace().collect();
            let got: Vec<&str> = writer.out[1..]
                .split(' ')
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(got, expected, "{text:?}");
            assert_eq!(
                writer.pending_space,
                text.ends_with(char::is_whitespace) || (expected.is_empty() && !text.is_empty()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        // Inline elements: html5ever takes time quadratic in nested blocks, which the page
        // reader bounds before parsing.
        let html = "<span>".repeat(100_000) + "deep" + &"</span>".repeat(100_000);
        assert_eq!(text(&html), "deep");
    }

    #[test]
    fn a_fragment_past_what_a_parse_holds_says_its_text_was_not_read_to_its_end() {
        let html = format!("<p>First.</p>{}<p>Last.</p>", "<table>".repeat(200));
        let text = parsed_to_text(&html, Links::WithAddress, Writer::default(), 50);
        assert!(text.starts_with("First."), "{text}");
        assert!(!text.contains("Last."), "{text}");
        assert!(
            text.ends_with(
                "[the rest of this text was not read: its HTML holds more than 50 elements, \
                 attributes and texts]"
            ),
            "{text}"
        );
        let whole = parsed_to_text(&html, Links::WithAddress, Writer::default(), dom::MAX_PARTS);
        assert!(whole.contains("Last."), "{whole}");
    }
}

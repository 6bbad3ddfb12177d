//! HTML parsed by html5ever into scraper's DOM, with the nesting bounded. html5ever's tree
//! builder walks its stack of open elements for many tags (is there a `<p>` in scope? an
//! `<li>`?), so its time grows with the square of the nesting depth: 20 000 nested `<div>`
//! take a second, 100 000 take half a minute. A filter between the tokenizer and the tree
//! builder drops start tags (and their end tags) that would open an element deeper than
//! [`MAX_DEPTH`]; their text is kept, in the deepest element allowed.
//!
//! The filter does not model HTML's implied end tags. It keeps a depth: each element
//! created adds one, end tags take off the elements they close in its own stack of open names.
//! Where that stack is wrong, a measure (the ancestors of the last element created, at most
//! `MAX_DEPTH` steps) puts it right: when it reaches the cap, and every few dozen elements,
//! so ordinary pages pay almost nothing for the count.

use ego_tree::NodeId;
use html5ever::buffer_queue::BufferQueue;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{
    ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeBuilderOpts, TreeSink,
};
use html5ever::{Attribute, LocalName, QualName, TokenizerResult, local_name, ns};
use scraper::{Html, HtmlTreeSink};
use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The deepest an element may be nested (counting from the document). Real pages nest a few
/// dozen levels; threaded comments add about six a level.
pub const MAX_DEPTH: usize = 512;

/// Parts (elements, attributes, runs of text) a parse holds at most: parsed, each takes about
/// 140 bytes, so this bounds a document at about 150 MB whatever the page (a 29 MB page of
/// empty elements took 590 MB). A Hacker News page of 15 MB, ten times the largest thread,
/// stays within it.
pub const MAX_PARTS: usize = 1 << 20;

/// A parsed page or fragment and what bounding its nesting cost.
pub struct Dom {
    pub html: Html,
    /// Start tags left out (with their end tags) because they nested deeper than [`MAX_DEPTH`].
    pub dropped_tags: usize,
    /// Parts not read because the parse held [`MAX_PARTS`] already: the text after the
    /// first of them is missing.
    pub unread_parts: usize,
    /// Elements of the open-element stack the tree builder looked at: a measure of its work
    /// that tests can bound without timing anything.
    pub builder_steps: u64,
}

/// Parses a whole page.
pub fn parse_document(text: &str) -> Dom {
    parse_document_within(text, MAX_DEPTH, MAX_PARTS)
}

fn parse_document_within(text: &str, max_depth: usize, max_parts: usize) -> Dom {
    let sink = DepthSink::new(Html::new_document());
    let builder = TreeBuilder::new(sink, TreeBuilderOpts::default());
    run(
        builder,
        TokenizerOpts::default(),
        text,
        (max_depth, max_parts),
    )
}

/// Parses a fragment (a comment body) as the content of a `<body>`.
pub fn parse_fragment(text: &str) -> Dom {
    parse_fragment_within(text, MAX_PARTS)
}

/// [`parse_fragment`] holding at most `max_parts` parts.
pub fn parse_fragment_within(text: &str, max_parts: usize) -> Dom {
    let sink = DepthSink::new(Html::new_fragment());
    let context = html5ever::tree_builder::create_element(
        &sink,
        QualName::new(None, ns!(html), local_name!("body")),
        Vec::new(),
    );
    let builder = TreeBuilder::new_for_fragment(sink, context, None, TreeBuilderOpts::default());
    let opts = TokenizerOpts {
        initial_state: Some(builder.tokenizer_state_for_context_elem(false)),
        ..TokenizerOpts::default()
    };
    run(builder, opts, text, (MAX_DEPTH, max_parts))
}

fn run(
    builder: TreeBuilder<NodeId, DepthSink>,
    opts: TokenizerOpts,
    text: &str,
    (max_depth, max_parts): (usize, usize),
) -> Dom {
    let guard = Guard {
        builder,
        max_depth,
        max_parts,
        state: RefCell::new(GuardState::default()),
    };
    let tokenizer = Tokenizer::new(guard, opts);
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(text));
    // A script result asks the caller to run the script; there is none to run.
    while let TokenizerResult::Script(_) = tokenizer.feed(&queue) {}
    tokenizer.end();
    let Guard { builder, state, .. } = tokenizer.sink;
    let GuardState {
        dropped_tags,
        unread_parts,
        ..
    } = state.into_inner();
    let sink = builder.sink;
    let builder_steps = sink.steps.get();
    Dom {
        html: sink.inner.0.into_inner(),
        dropped_tags,
        unread_parts,
        builder_steps,
    }
}

/// Elements that never have content: the tree builder closes them at once.
fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("frame")
            | local_name!("hr")
            | local_name!("image")
            | local_name!("img")
            | local_name!("input")
            | local_name!("keygen")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
    )
}

/// How the tokenizer reads the content of an element whose text is not markup. A dropped
/// `<script>` must still have its content read as script, or it would become page text.
fn raw_kind(name: &LocalName) -> Option<RawKind> {
    match *name {
        local_name!("script") => Some(RawKind::ScriptData),
        local_name!("title") | local_name!("textarea") => Some(RawKind::Rcdata),
        local_name!("style")
        | local_name!("xmp")
        | local_name!("iframe")
        | local_name!("noembed")
        | local_name!("noframes")
        | local_name!("noscript") => Some(RawKind::Rawtext),
        _ => None,
    }
}

/// Hashes an element name by the hash it already carries (string_cache atoms hash as one
/// `u32`): a page has a few hundred thousand tags, and SipHash on each was a tenth of parsing.
#[derive(Default)]
struct AtomHasher(u64);

impl Hasher for AtomHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(0x517C_C1B7_2722_0A95);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0 ^ u64::from(n)).wrapping_mul(0x517C_C1B7_2722_0A95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Elements created between two measures of the depth. An end tag the tree builder ignores
/// (`</span>` across a `<div>`) or an element it moves (`<b><div></b>`) makes the stack of
/// names close more than the tree builder does; between two measures that can put the tree
/// at most this much deeper than the cap.
const MEASURE_EVERY: usize = 64;

/// A stack of element names that can say in O(1) whether a name is on it.
#[derive(Default)]
struct NameStack {
    names: Vec<LocalName>,
    counts: HashMap<LocalName, u32, BuildHasherDefault<AtomHasher>>,
}

impl NameStack {
    fn push(&mut self, name: LocalName) {
        *self.counts.entry(name.clone()).or_insert(0) += 1;
        self.names.push(name);
    }

    fn contains(&self, name: &LocalName) -> bool {
        self.counts.get(name).is_some_and(|&n| n > 0)
    }

    /// Pops down to and including the innermost `name`; returns how many were popped.
    fn pop_to(&mut self, name: &LocalName) -> usize {
        if !self.contains(name) {
            return 0;
        }
        let mut popped = 0;
        while let Some(top) = self.names.pop() {
            popped += 1;
            if let Some(count) = self.counts.get_mut(&top) {
                *count = count.saturating_sub(1);
            }
            if top == *name {
                break;
            }
        }
        popped
    }

    fn clear(&mut self) {
        self.names.clear();
        self.counts.clear();
    }
}

#[derive(Default)]
struct GuardState {
    /// Names of the elements passed on and still open, as far as end tags tell.
    open: NameStack,
    /// Names of the start tags dropped and not yet closed (all deeper than `open`).
    dropped: NameStack,
    /// How deep the tree builder's current element is: measured, raised by one for each
    /// element created since, lowered by the elements end tags close.
    depth: usize,
    /// Elements created since the depth was last measured.
    unmeasured: usize,
    /// Inside a dropped element whose content is raw text: its text is dropped too.
    raw_until: Option<LocalName>,
    dropped_tags: usize,
    /// Parts passed on to the tree builder.
    parts: usize,
    /// The last token was text.
    in_text: bool,
    unread_parts: usize,
}

/// The filter between the tokenizer and the tree builder.
struct Guard {
    builder: TreeBuilder<NodeId, DepthSink>,
    /// [`MAX_DEPTH`], or more in tests that measure what the cap saves.
    max_depth: usize,
    /// [`MAX_PARTS`], or fewer in tests.
    max_parts: usize,
    state: RefCell<GuardState>,
}

impl Guard {
    /// Counts the parts `token` adds; false once the parse holds all it may. Then only the
    /// end of the input goes through, so the tree builder closes what is open (an end tag
    /// could still make an element: `</p>` with no `<p>` open makes an empty one).
    fn takes(&self, token: &Token) -> bool {
        let mut state = self.state.borrow_mut();
        // The tokenizer hands one text in several tokens (at a line break, a character
        // reference): only its first makes a node.
        let text = matches!(token, Token::CharacterTokens(_));
        let parts = match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => 1 + tag.attrs.len(),
            Token::CharacterTokens(_) if state.in_text => 0,
            Token::CharacterTokens(_) | Token::CommentToken(_) => 1,
            _ => 0,
        };
        state.in_text = text;
        if state.parts >= self.max_parts {
            state.unread_parts += parts;
            return matches!(token, Token::EOFToken);
        }
        state.parts += parts;
        true
    }

    /// Depth of the element the tree builder created last (not past a little over the cap).
    fn measure_last_element(&self) -> Option<usize> {
        let id = self.builder.sink.last_element.get()?;
        let html = self.builder.sink.inner.0.borrow();
        let node = html.tree.get(id)?;
        Some(
            node.ancestors()
                .take(self.max_depth.saturating_add(8))
                .count(),
        )
    }

    fn forward(&self, token: Token, line: u64) -> TokenSinkResult<NodeId> {
        self.builder.process_token(token, line)
    }

    fn start_tag(&self, tag: Tag, line: u64) -> TokenSinkResult<NodeId> {
        let void = is_void(&tag.name);
        let measure = {
            let state = self.state.borrow();
            !void && (state.depth >= self.max_depth || state.unmeasured >= MEASURE_EVERY)
        };
        if measure && let Some(depth) = self.measure_last_element() {
            let mut state = self.state.borrow_mut();
            state.depth = depth;
            state.unmeasured = 0;
        }
        let mut state = self.state.borrow_mut();
        // `<plaintext>` makes the rest of the file text: never worth dropping.
        if !void && state.depth >= self.max_depth && tag.name != local_name!("plaintext") {
            state.dropped_tags += 1;
            let in_foreign = state.open.contains(&local_name!("svg"))
                || state.open.contains(&local_name!("math"));
            // In HTML a raw-text element opens even when written self-closing.
            let raw = raw_kind(&tag.name).filter(|_| !in_foreign);
            if raw.is_some() {
                state.raw_until = Some(tag.name.clone());
            }
            if raw.is_some() || !tag.self_closing {
                state.dropped.push(tag.name);
            }
            return match raw {
                Some(kind) => TokenSinkResult::RawData(kind),
                None => TokenSinkResult::Continue,
            };
        }
        let name = tag.name.clone();
        let foreign_self_closing = tag.self_closing
            && (state.open.contains(&local_name!("svg"))
                || state.open.contains(&local_name!("math")));
        drop(state);
        let before = self.builder.sink.created.get();
        let result = self.forward(Token::TagToken(tag), line);
        let created = self.builder.sink.created.get() - before;
        let mut state = self.state.borrow_mut();
        state.unmeasured += created as usize;
        if !void && !foreign_self_closing {
            state.open.push(name);
        }
        // Each element created may nest one deeper (a void one is closed again at once).
        let closed = usize::from(void || foreign_self_closing);
        state.depth = (state.depth + created as usize).saturating_sub(closed.min(created as usize));
        result
    }

    fn end_tag(&self, tag: Tag, line: u64) -> TokenSinkResult<NodeId> {
        let mut state = self.state.borrow_mut();
        if state.raw_until.as_ref() == Some(&tag.name) {
            state.raw_until = None;
        }
        if state.dropped.contains(&tag.name) {
            state.dropped.pop_to(&tag.name);
            return TokenSinkResult::Continue;
        }
        let popped = state.open.pop_to(&tag.name);
        if popped > 0 {
            // Whatever was dropped inside the element closes with it.
            state.dropped.clear();
            state.depth = state.depth.saturating_sub(popped);
        }
        drop(state);
        self.forward(Token::TagToken(tag), line)
    }

    /// Text and the rest: passed on, except the text of a dropped raw-text element.
    fn other(&self, token: Token, line: u64) -> TokenSinkResult<NodeId> {
        if self.state.borrow().raw_until.is_some() && matches!(token, Token::CharacterTokens(_)) {
            return TokenSinkResult::Continue;
        }
        let before = self.builder.sink.created.get();
        let result = self.forward(token, line);
        // Text may reopen formatting elements (`<b>` closed by a `</p>`): deeper again.
        let created = self.builder.sink.created.get() - before;
        let mut state = self.state.borrow_mut();
        state.depth += created as usize;
        state.unmeasured += created as usize;
        result
    }
}

impl TokenSink for Guard {
    type Handle = NodeId;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<NodeId> {
        if !self.takes(&token) {
            return TokenSinkResult::Continue;
        }
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => self.start_tag(tag, line_number),
                TagKind::EndTag => self.end_tag(tag, line_number),
            },
            other => self.other(other, line_number),
        }
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// scraper's tree sink, noting the last element created and counting the tree builder's
/// looks at its open elements.
struct DepthSink {
    inner: HtmlTreeSink,
    last_element: Cell<Option<NodeId>>,
    /// Elements created so far.
    created: Cell<u64>,
    steps: Cell<u64>,
}

impl DepthSink {
    fn new(html: Html) -> Self {
        DepthSink {
            inner: HtmlTreeSink::new(html),
            last_element: Cell::new(None),
            created: Cell::new(0),
            steps: Cell::new(0),
        }
    }
}

impl TreeSink for DepthSink {
    type Handle = NodeId;
    type Output = Html;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Html {
        self.inner.finish()
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg);
    }

    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        self.steps.set(self.steps.get() + 1);
        self.inner.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let id = self.inner.create_element(name, attrs, flags);
        self.last_element.set(Some(id));
        self.created.set(self.created.get() + 1);
        id
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.inner.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.inner.append(parent, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        self.inner
            .append_based_on_parent_node(element, prev_element, child);
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id);
    }

    fn mark_script_already_started(&self, node: &NodeId) {
        self.inner.mark_script_already_started(node);
    }

    fn pop(&self, node: &NodeId) {
        self.inner.pop(node);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.steps.set(self.steps.get() + 1);
        self.inner.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        self.inner.append_before_sibling(sibling, new_node);
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs);
    }

    fn associate_with_form(
        &self,
        target: &NodeId,
        form: &NodeId,
        nodes: (&NodeId, Option<&NodeId>),
    ) {
        self.inner.associate_with_form(target, form, nodes);
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.inner.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.inner.reparent_children(node, new_parent);
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &NodeId) -> bool {
        self.inner
            .is_mathml_annotation_xml_integration_point(handle)
    }

    fn set_current_line(&self, line_number: u64) {
        self.inner.set_current_line(line_number);
    }

    fn allow_declarative_shadow_roots(&self, intended_parent: &NodeId) -> bool {
        self.inner.allow_declarative_shadow_roots(intended_parent)
    }

    fn attach_declarative_shadow(
        &self,
        location: &NodeId,
        template: &NodeId,
        attrs: &[Attribute],
    ) -> bool {
        self.inner
            .attach_declarative_shadow(location, template, attrs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ego_tree::iter::Edge;

    /// How deep the parsed tree is (the document counts as 0).
    fn tree_depth(html: &Html) -> usize {
        let (mut depth, mut deepest) = (0usize, 0usize);
        for edge in html.tree.root().traverse() {
            match edge {
                Edge::Open(_) => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                Edge::Close(_) => depth -= 1,
            }
        }
        deepest - 1
    }

    /// Markup that nests without end, in the ways html5ever's tree builder pays for.
    fn hostile(n: usize) -> Vec<(&'static str, String)> {
        vec![
            ("div", "<div>".repeat(n)),
            ("div/", "<div/>".repeat(n)),
            ("span", "<span>x".repeat(n)),
            ("ul li", "<ul><li>".repeat(n)),
            ("dl dd", "<dl><dd>".repeat(n)),
            ("b div /b", "<b><div></b>".repeat(n)),
            ("span div /span", "<span><div></span>".repeat(n)),
            ("div object /div", "<div><object></div>".repeat(n)),
            (
                "b id p /p",
                (0..n).map(|i| format!("<p><b id={i}>x</p>")).collect(),
            ),
            ("table div", "<table><tr><td><div>".repeat(n)),
            ("svg g", format!("<svg>{}", "<g>".repeat(n))),
            ("div /x", "<div></x>".repeat(n)),
            ("div text /p", "<div>a</p>".repeat(n)),
            ("button div", "<button><div>".repeat(n)),
        ]
    }

    #[test]
    fn nesting_is_bounded_and_the_tree_builder_does_linear_work() {
        let n = 10_000;
        for (name, page) in hostile(n) {
            let dom = parse_document(&page);
            let depth = tree_depth(&dom.html);
            assert!(depth <= 2 * MAX_DEPTH + 16, "{name}: {depth} deep");
            // Unbounded, nested <div>s make the builder look at n²/2 = 50 000 000 elements.
            let per_tag = dom.builder_steps / n as u64;
            assert!(
                per_tag <= 4 * MAX_DEPTH as u64,
                "{name}: {per_tag} steps a tag"
            );
        }
    }

    #[test]
    fn the_cap_is_what_keeps_the_work_down() {
        // The same measure without the cap, on a page small enough to parse unbounded.
        let page = "<div>".repeat(4000);
        let unbounded = parse_document_within(&page, usize::MAX, MAX_PARTS);
        assert_eq!(unbounded.dropped_tags, 0);
        assert!(
            unbounded.builder_steps > 4000 * 1000,
            "{}",
            unbounded.builder_steps
        );
        let bounded = parse_document(&page);
        // <html> and <body> are the first two levels.
        assert_eq!(bounded.dropped_tags, 4000 - (MAX_DEPTH - 2));
        assert!(
            bounded.builder_steps < 4000 * 100,
            "{}",
            bounded.builder_steps
        );
    }

    #[test]
    fn a_page_nested_100_000_deep_parses_with_its_text() {
        // Unbounded this takes minutes in a test build (20 seconds in a release build: the
        // time grows with the square of the depth).
        let n = 100_000;
        let page = format!(
            "<title>T</title>{}deep<script>var a = '<div>';</script>{}<p>after</p>",
            "<div><span>".repeat(n),
            "</span></div>".repeat(n)
        );
        let dom = parse_document(&page);
        assert!(tree_depth(&dom.html) <= MAX_DEPTH + 8);
        assert!(dom.dropped_tags >= 2 * n - MAX_DEPTH);
        let text: String = dom.html.root_element().text().collect();
        // The text is kept; the dropped script's content is not page text.
        assert_eq!(text, "Tdeepafter");
    }

    #[test]
    fn ordinary_pages_lose_nothing() {
        let page = format!(
            "<ul>{}</ul><table>{}</table><p>a<p>b<svg>{}</svg>",
            "<li>item".repeat(2000),
            "<tr><td>cell".repeat(2000),
            "<path d='M0'/>".repeat(2000)
        );
        let dom = parse_document(&page);
        assert_eq!(dom.dropped_tags, 0);
        assert!(tree_depth(&dom.html) < 12);
    }

    #[test]
    fn fragments_are_bounded_too() {
        let dom = parse_fragment(&"<div>".repeat(50_000));
        assert!(tree_depth(&dom.html) <= MAX_DEPTH + 8);
        assert!(dom.dropped_tags > 49_000);
    }

    #[test]
    fn a_parse_holds_a_bounded_number_of_parts_and_counts_the_tags_left() {
        for (what, part) in [
            ("empty elements", "<b></b>"),
            ("elements with text", "<p>x</p>"),
            ("attributes", "<p a b c d e f g h>"),
            ("comments", "<!---->"),
            ("text between void elements", "x<br>"),
        ] {
            let page = format!("<body>{}<p>last</p></body>", part.repeat(1000));
            let dom = parse_document_within(&page, MAX_DEPTH, 100);
            let nodes = dom.html.tree.nodes().count();
            let attributes: usize = dom
                .html
                .tree
                .nodes()
                .filter_map(|node| node.value().as_element())
                .map(|element| element.attrs().count())
                .sum();
            // The document, html, head and body the parser adds come besides.
            assert!(
                nodes + attributes <= 100 + 4,
                "{what}: {nodes} nodes, {attributes} attributes"
            );
            assert!(dom.unread_parts > 0, "{what}");
            assert!(
                !dom.html.root_element().text().any(|t| t.contains("last")),
                "{what}"
            );
            let whole = parse_document_within(&page, MAX_DEPTH, MAX_PARTS);
            assert_eq!(whole.unread_parts, 0, "{what}");
        }
    }
}

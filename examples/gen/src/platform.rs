//! Generated platform JSON for benchmarks: a Reddit comments page (`.json`) and a Hacker
//! News item from Algolia's items API, in their real shapes and field order (Reddit writes
//! a comment's `replies` before its `author` and `body`), with invented text. The same
//! arguments always give the same bytes. Used by `gen --format reddit|hackernews`,
//! `benches/platform.rs` and `tests/formats_platform.rs`.

use std::io::{self, Write};

use crate::rng::Rng;

impl Rng {
    /// `below` for the counts and times this generator draws as u64.
    fn below_u64(&mut self, n: u64) -> u64 {
        self.below(n as usize) as u64
    }
}

const WORDS: &[&str] = &[
    "the",
    "a",
    "thread",
    "reply",
    "because",
    "people",
    "think",
    "really",
    "never",
    "always",
    "comment",
    "story",
    "time",
    "years",
    "work",
    "something",
    "about",
    "would",
    "could",
    "should",
    "there",
    "their",
    "which",
    "right",
    "point",
    "agree",
    "source",
    "data",
    "code",
    "system",
    "problem",
    "reason",
    "good",
    "bad",
    "better",
    "simple",
    "fast",
    "slow",
    "money",
    "city",
    "water",
    "music",
    "friend",
    "family",
    "school",
    "world",
    "question",
    "answer",
];

/// Tree shape: each comment's level is at most one deeper than the one before, usually
/// shallow, sometimes in long chains.
fn next_level(rng: &mut Rng, level: usize) -> usize {
    match rng.below_u64(10) {
        0..=3 => level + 1,
        4..=6 => level,
        7 | 8 => level.saturating_sub(1 + rng.below_u64(3) as usize).max(1),
        _ => 1,
    }
}

fn sentence(rng: &mut Rng, out: &mut String, escaped: bool) {
    let words = 6 + rng.below_u64(14);
    for i in 0..words {
        let word = WORDS[rng.below_u64(WORDS.len() as u64) as usize];
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
        if rng.below_u64(40) == 0 {
            // Reddit's API escapes these in Markdown; Algolia's HTML too.
            out.push_str(if escaped { " &amp; co" } else { " & co" });
        }
    }
    out.push('.');
}

/// Markdown paragraphs joined by "\n\n", as JSON string content.
fn markdown(rng: &mut Rng) -> String {
    let mut text = String::new();
    for p in 0..1 + rng.below_u64(3) {
        if p > 0 {
            text.push_str("\\n\\n");
        }
        for s in 0..1 + rng.below_u64(4) {
            if s > 0 {
                text.push(' ');
            }
            sentence(rng, &mut text, true);
        }
    }
    text
}

/// HN's HTML: paragraphs separated by `<p>`, an occasional link and entity.
fn html(rng: &mut Rng) -> String {
    let mut text = String::new();
    for p in 0..1 + rng.below_u64(3) {
        if p > 0 {
            text.push_str("<p>");
        }
        for s in 0..1 + rng.below_u64(4) {
            if s > 0 {
                text.push(' ');
            }
            sentence(rng, &mut text, true);
        }
        if rng.below_u64(8) == 0 {
            text.push_str(
                " <a href=\\\"https://example.com/a/b\\\" rel=\\\"nofollow\\\">https://example.com/a/b</a>",
            );
        }
        if rng.below_u64(5) == 0 {
            text.push_str(" it&#x27;s <i>that</i>");
        }
    }
    text
}

/// A Reddit comments page with `comments` comments (and `more` stubs) as `.json`.
pub fn write_reddit(comments: u64, seed: u64, mut out: impl Write) -> io::Result<()> {
    let mut rng = Rng(seed);
    let post_id = "1abcde";
    write!(
        out,
        r#"[{{"kind": "Listing", "data": {{"modhash": "", "children": [{{"kind": "t3", "data": {{"subreddit": "example", "selftext": "{}", "author": "poster", "saved": false, "id": "{post_id}", "score": 1234, "num_comments": {comments}, "title": "A generated post &amp; its comments", "created_utc": 1366044279.0, "url": "https://www.reddit.com/r/example/comments/{post_id}/generated/", "permalink": "/r/example/comments/{post_id}/generated/"}}}}], "after": null, "before": null}}}}, {{"kind": "Listing", "data": {{"modhash": "", "children": ["#,
        markdown(&mut rng)
    )?;
    // Levels of the comments, one ahead: a comment's replies come before its fields.
    let mut level = 1;
    // The comments whose replies are open, outermost first.
    let mut open: Vec<u64> = Vec::new();
    let mut first = true;
    for n in 0..comments {
        let next = if n + 1 < comments {
            next_level(&mut rng, level)
        } else {
            0
        };
        if !std::mem::take(&mut first) {
            out.write_all(b", ")?;
        }
        write!(
            out,
            r#"{{"kind": "t1", "data": {{"subreddit_id": "t5_2qh1i", "banned_by": null, "removal_reason": null, "link_id": "t3_{post_id}", "likes": null, "user_reports": [], "saved": false, "gilded": 0, "archived": false, "report_reasons": null, "replies": "#
        )?;
        if next > level {
            out.write_all(br#"{"kind": "Listing", "data": {"modhash": "", "children": ["#)?;
            open.push(n);
            level = next;
            first = true;
            continue;
        }
        write!(out, "\"\", ")?;
        comment_tail(&mut rng, &mut out, n, post_id)?;
        // Close the replies of the comments the next one is not under.
        while open.len() >= next.max(1) && !open.is_empty() {
            let Some(parent) = open.pop() else { break };
            if rng.below_u64(8) == 0 {
                write!(
                    out,
                    r#", {{"kind": "more", "data": {{"count": {}, "name": "t1_m{n}", "id": "m{n}", "parent_id": "t1_c{parent}", "depth": {}, "children": ["m{n}"]}}}}"#,
                    1 + rng.below_u64(30),
                    open.len() + 1
                )?;
            }
            out.write_all(br#"], "after": null, "before": null}}, "#)?;
            comment_tail(&mut rng, &mut out, parent, post_id)?;
        }
        level = next.max(1);
    }
    out.write_all(
        br#", {"kind": "more", "data": {"count": 120, "name": "t1_top", "id": "top", "parent_id": "t3_1abcde", "depth": 0, "children": ["top"]}}], "after": null, "before": null}}]"#,
    )?;
    out.flush()
}

/// The fields Reddit writes after `replies`, and the object's end.
fn comment_tail(rng: &mut Rng, out: &mut impl Write, n: u64, post_id: &str) -> io::Result<()> {
    let author = rng.below_u64(2000);
    let deleted = rng.below_u64(50) == 0;
    let body = if deleted {
        "[deleted]".to_string()
    } else {
        markdown(rng)
    };
    write!(
        out,
        r#""id": "c{n}", "author": "{}", "parent_id": "t3_{post_id}", "score": {}, "body": "{body}", "edited": false, "author_flair_css_class": null, "downs": 0, "body_html": "&lt;div class=\"md\"&gt;&lt;p&gt;generated&lt;/p&gt;&lt;/div&gt;", "subreddit": "example", "score_hidden": false, "name": "t1_c{n}", "created": 1366073488.0, "author_flair_text": null, "created_utc": {}.0, "distinguished": null, "mod_reports": [], "num_reports": null, "ups": 12}}}}"#,
        if deleted {
            "[deleted]".to_string()
        } else {
            format!("user{author}")
        },
        rng.below_u64(500) as i64 - 20,
        1366044279 + n * 7,
    )
}

/// A Hacker News story with `comments` comments as Algolia's items API gives it.
pub fn write_hackernews(comments: u64, seed: u64, mut out: impl Write) -> io::Result<()> {
    let mut rng = Rng(seed);
    write!(
        out,
        r#"{{"id":1,"created_at":"2019-05-01T10:00:00.000Z","created_at_i":1556704800,"type":"story","author":"poster","title":"A generated story","url":"https://example.com/story","text":null,"points":321,"parent_id":null,"story_id":1,"children":["#
    )?;
    let mut level = 1;
    for n in 0..comments {
        let next = if n + 1 < comments {
            next_level(&mut rng, level)
        } else {
            0
        };
        let time = 1556704800 + n * 11;
        let deleted = rng.below_u64(100) == 0;
        let (author, text) = if deleted {
            ("null".to_string(), "null".to_string())
        } else {
            (
                format!("\"user{}\"", rng.below_u64(3000)),
                format!("\"{}\"", html(&mut rng)),
            )
        };
        write!(
            out,
            r#"{{"id":{},"created_at":"2019-05-01T10:00:00.000Z","created_at_i":{time},"type":"comment","author":{author},"title":null,"url":null,"text":{text},"points":null,"parent_id":1,"story_id":1,"children":["#,
            n + 2
        )?;
        if next > level {
            level = next;
            continue;
        }
        // Close this comment and every open one the next is not under.
        out.write_all(br#"],"options":[]}"#)?;
        for _ in next.max(1)..level {
            out.write_all(br#"],"options":[]}"#)?;
        }
        if next > 0 {
            out.write_all(b",")?;
        }
        level = next.max(1);
    }
    out.write_all(br#"],"options":[]}"#)?;
    out.flush()
}

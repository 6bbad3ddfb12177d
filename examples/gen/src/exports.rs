//! Generated site exports for thread-tui's tests and benchmarks: a WordPress export (WXR) or
//! a Disqus export of a blog with many posts, with every field real exports write (emails,
//! addresses, meta, categories), HTML bodies of one to four paragraphs with links, emphasis,
//! code and quotes, nested replies, and the odd held, spam, deleted or pingback comment.
//! The same arguments always give the same bytes.

use std::io::{self, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    Wordpress,
    Disqus,
}

use crate::rng::Rng;

impl Rng {
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p` per thousand.
    fn per_mille_chance(&mut self, p: usize) -> bool {
        self.below(1000) < p
    }
}

#[rustfmt::skip]
const WORDS: &[&str] = &[
    "the", "the", "the", "a", "a", "of", "of", "to", "to", "and", "and", "in", "is", "that", "it",
    "for", "they", "this", "not", "be", "with", "are", "have", "on", "as", "was", "but", "you",
    "we", "their", "what", "all", "will", "would", "there", "can", "so", "if", "about", "more",
    "from", "by", "at", "or", "an", "do", "has", "just", "like", "than", "when", "only", "even",
    "bread", "flour", "water", "salt", "oven", "kettle", "recipe", "recipes", "parser", "file",
    "files", "loop", "code", "compiler", "error", "test", "tests", "release", "version", "bug",
    "fix", "memory", "speed", "fast", "slow", "simple", "clever", "small", "large", "garden",
    "tomato", "harbour", "ferry", "timetable", "island", "winter", "summer", "morning", "evening",
    "think", "know", "believe", "tried", "works", "broke", "built", "read", "wrote", "agree",
    "really", "probably", "maybe", "again", "already", "always", "often", "sometimes", "later",
    "great", "post", "article", "idea", "question", "answer", "thanks", "point", "example",
    "Zürich", "café", "naïve", "déjà", "Ångström", "über", "straße", "niño", "façade",
];

#[rustfmt::skip]
const FIRST: &[&str] = &[
    "Ana", "Bertil", "Chloé", "Dmitri", "Eun-ji", "Farah", "Gunnar", "Hana", "Ines", "Jonas",
    "Kofi", "Lena", "Mateo", "Nour", "Odile", "Pia", "Quentin", "Rosa", "Sami", "Tomasz", "Ulla",
    "Vikram", "Wen", "Ximena", "Yusuf", "Zoë",
];

#[rustfmt::skip]
const LAST: &[&str] = &[
    "Ferreira", "Nyqvist", "Marchetti", "Holt", "Okafor", "Lindqvist", "Wren", "Kowalski",
    "Haddad", "Sato", "Müller", "O'Brien", "García", "Novak", "Andersen", "Dubois",
];

/// Comments per post (or thread), on average about 40, from none to a few hundred.
fn comments_in_post(rng: &mut Rng) -> usize {
    match rng.below(10) {
        0 => 0,
        1..=5 => rng.range(1, 20),
        6..=8 => rng.range(20, 100),
        _ => rng.range(100, 300),
    }
}

fn name(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
}

fn sentence(rng: &mut Rng, out: &mut String) {
    let words = rng.range(5, 18);
    for i in 0..words {
        let word = rng.pick(WORDS);
        if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(word);
        }
    }
    out.push_str(match rng.below(8) {
        0 => "?",
        1 => "!",
        _ => ".",
    });
}

/// A body as each export stores it: WordPress keeps the text with its line ends (the site
/// turns them into paragraphs when it shows them), Disqus keeps HTML paragraphs.
fn body(rng: &mut Rng, export: Export, out: &mut String) {
    let paragraphs = rng.range(1, 4);
    for p in 0..paragraphs {
        let (open, close) = match export {
            Export::Wordpress => ("", ""),
            Export::Disqus => ("<p>", "</p>"),
        };
        if p > 0 && export == Export::Wordpress {
            out.push_str("\n\n");
        }
        match rng.below(40) {
            0 => {
                out.push_str("<pre><code>fn main() {\n    let x = 1 &lt; 2;\n}</code></pre>");
                continue;
            }
            1 => {
                out.push_str("<blockquote>");
                sentence(rng, out);
                out.push_str("</blockquote>");
                continue;
            }
            _ => {}
        }
        out.push_str(open);
        for s in 0..rng.range(1, 4) {
            if s > 0 {
                out.push(' ');
            }
            sentence(rng, out);
            match rng.below(30) {
                0 => out.push_str(
                    " See <a href=\"https://example.com/notes/page?id=12&amp;ref=blog\" rel=\"nofollow ugc\">my notes</a>.",
                ),
                1 => out.push_str(" It is <em>really</em> <strong>that</strong> simple &amp; quick."),
                2 => out.push_str(" Try <code>cargo build --release</code> first."),
                3 if export == Export::Disqus => out.push_str("<br>And one more thing."),
                3 => out.push_str("\nAnd one more thing."),
                _ => {}
            }
        }
        out.push_str(close);
    }
}

fn date(rng: &mut Rng, separator: char) -> String {
    format!(
        "20{:02}-{:02}-{:02}{separator}{:02}:{:02}:{:02}",
        rng.range(10, 23),
        rng.range(1, 12),
        rng.range(1, 28),
        rng.range(0, 23),
        rng.range(0, 59),
        rng.range(0, 59)
    )
}

/// Writes an export holding about `comments` comments.
pub fn write(export: Export, comments: u64, seed: u64, mut out: impl Write) -> io::Result<()> {
    let mut rng = Rng(seed);
    match export {
        Export::Wordpress => wordpress(&mut rng, comments as usize, &mut out)?,
        Export::Disqus => disqus(&mut rng, comments as usize, &mut out)?,
    }
    out.flush()
}

fn wordpress(rng: &mut Rng, comments: usize, out: &mut impl Write) -> io::Result<()> {
    out.write_all(
        br#"<?xml version="1.0" encoding="UTF-8" ?>
<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>A Generated Blog</title>
	<link>https://blog.example.org</link>
	<description>Posts and comments for benchmarks</description>
	<language>en-GB</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://blog.example.org</wp:base_site_url>
	<wp:base_blog_url>https://blog.example.org</wp:base_blog_url>
	<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[editor]]></wp:author_login><wp:author_email><![CDATA[editor@blog.example.org]]></wp:author_email><wp:author_display_name><![CDATA[The Editor]]></wp:author_display_name></wp:author>
"#,
    )?;
    let mut written = 0;
    let mut post_id = 1;
    let mut comment_id = 1;
    let mut text = String::new();
    while written < comments {
        post_id += 1;
        // Pages and attachments between the posts, without comments.
        if rng.per_mille_chance(200) {
            writeln!(
                out,
                "\t<item>\n\t\t<title><![CDATA[image-{post_id}]]></title>\n\t\t<link>https://blog.example.org/image-{post_id}/</link>\n\t\t<wp:post_id>{post_id}</wp:post_id>\n\t\t<wp:post_type><![CDATA[attachment]]></wp:post_type>\n\t\t<wp:attachment_url><![CDATA[https://blog.example.org/uploads/{post_id}.jpg]]></wp:attachment_url>\n\t</item>"
            )?;
            continue;
        }
        let count = comments_in_post(rng).min(comments - written);
        text.clear();
        body(rng, Export::Wordpress, &mut text);
        let when = date(rng, ' ');
        writeln!(
            out,
            "\t<item>
		<title><![CDATA[Post number {post_id} about {}]]></title>
		<link>https://blog.example.org/{post_id}/</link>
		<pubDate>Sat, 04 Mar 2023 09:30:00 +0000</pubDate>
		<dc:creator><![CDATA[editor]]></dc:creator>
		<guid isPermaLink=\"false\">https://blog.example.org/?p={post_id}</guid>
		<description></description>
		<content:encoded><![CDATA[{text}]]></content:encoded>
		<excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>{post_id}</wp:post_id>
		<wp:post_date><![CDATA[{when}]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[{when}]]></wp:post_date_gmt>
		<wp:comment_status><![CDATA[open]]></wp:comment_status>
		<wp:ping_status><![CDATA[open]]></wp:ping_status>
		<wp:post_name><![CDATA[post-{post_id}]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:post_password><![CDATA[]]></wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
		<category domain=\"category\" nicename=\"notes\"><![CDATA[Notes]]></category>
		<wp:postmeta>
			<wp:meta_key><![CDATA[_edit_last]]></wp:meta_key>
			<wp:meta_value><![CDATA[1]]></wp:meta_value>
		</wp:postmeta>",
            rng.pick(WORDS)
        )?;
        let first = comment_id;
        for _ in 0..count {
            let id = comment_id;
            comment_id += 1;
            // Four in ten reply to an earlier comment of the post.
            let parent = if id > first && rng.per_mille_chance(400) {
                rng.range(first, id - 1)
            } else {
                0
            };
            let (approved, kind) = match rng.below(100) {
                0..=1 => ("0", "comment"),
                2 => ("spam", "comment"),
                3 => ("1", "pingback"),
                4..=49 => ("1", ""),
                _ => ("1", "comment"),
            };
            let author = name(rng);
            let when = date(rng, ' ');
            text.clear();
            body(rng, Export::Wordpress, &mut text);
            let ip = rng.range(1, 254);
            write!(
                out,
                "\t\t<wp:comment>
			<wp:comment_id>{id}</wp:comment_id>
			<wp:comment_author><![CDATA[{author}]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[reader{id}@example.net]]></wp:comment_author_email>
			<wp:comment_author_url>https://reader{id}.example.net</wp:comment_author_url>
			<wp:comment_author_IP><![CDATA[192.0.2.{ip}]]></wp:comment_author_IP>
			<wp:comment_date><![CDATA[{when}]]></wp:comment_date>
			<wp:comment_date_gmt><![CDATA[{when}]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[{text}]]></wp:comment_content>
			<wp:comment_approved><![CDATA[{approved}]]></wp:comment_approved>
			<wp:comment_type><![CDATA[{kind}]]></wp:comment_type>
			<wp:comment_parent>{parent}</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
"
            )?;
            if rng.per_mille_chance(300) {
                out.write_all(b"\t\t\t<wp:commentmeta>\n\t\t\t\t<wp:meta_key><![CDATA[akismet_result]]></wp:meta_key>\n\t\t\t\t<wp:meta_value><![CDATA[false]]></wp:meta_value>\n\t\t\t</wp:commentmeta>\n")?;
            }
            out.write_all(b"\t\t</wp:comment>\n")?;
        }
        written += count;
        out.write_all(b"\t</item>\n")?;
    }
    out.write_all(b"</channel>\n</rss>\n")
}

fn disqus(rng: &mut Rng, comments: usize, out: &mut impl Write) -> io::Result<()> {
    out.write_all(
        br#"<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://disqus.com/api/schemas/1.0/disqus.xsd http://disqus.com/api/schemas/1.0/disqus-internals.xsd">
    <category dsq:id="1">
        <forum>generated</forum>
        <title>General</title>
        <isDefault>true</isDefault>
    </category>
"#,
    )?;
    // Threads first, as Disqus writes them, then every post naming its thread.
    let mut sizes = Vec::new();
    let mut total = 0;
    while total < comments {
        let size = comments_in_post(rng).min(comments - total);
        sizes.push(size);
        total += size;
    }
    let thread_base = 100_000_000;
    for (index, _) in sizes.iter().enumerate() {
        let id = thread_base + index;
        let when = date(rng, 'T');
        writeln!(
            out,
            "    <thread dsq:id=\"{id}\">
        <id>https://site.example.org/{index}/</id>
        <forum>generated</forum>
        <category dsq:id=\"1\"/>
        <link>https://site.example.org/{index}/</link>
        <title>Article {index} about {}</title>
        <message/>
        <createdAt>{when}Z</createdAt>
        <author>
            <email>editor@site.example.org</email>
            <name>The Editor</name>
            <isAnonymous>false</isAnonymous>
            <username>editor</username>
        </author>
        <ipAddress>192.0.2.1</ipAddress>
        <isClosed>false</isClosed>
        <isDeleted>false</isDeleted>
    </thread>",
            rng.pick(WORDS)
        )?;
    }
    let mut post_id = 500_000_000usize;
    let mut text = String::new();
    for (index, &size) in sizes.iter().enumerate() {
        let thread = thread_base + index;
        let first = post_id;
        for _ in 0..size {
            let id = post_id;
            post_id += 1;
            let parent =
                (id > first && rng.per_mille_chance(400)).then(|| rng.range(first, id - 1));
            let author = name(rng);
            let when = date(rng, 'T');
            let deleted = rng.per_mille_chance(10);
            let spam = rng.per_mille_chance(10);
            text.clear();
            body(rng, Export::Disqus, &mut text);
            write!(
                out,
                "    <post dsq:id=\"{id}\">
        <id/>
        <message><![CDATA[{text}]]></message>
        <createdAt>{when}Z</createdAt>
        <isDeleted>{deleted}</isDeleted>
        <isSpam>{spam}</isSpam>
        <author>
            <email>reader{id}@example.net</email>
            <name>{author}</name>
            <isAnonymous>false</isAnonymous>
            <username>reader{id}</username>
        </author>
        <ipAddress>198.51.100.{}</ipAddress>
        <thread dsq:id=\"{thread}\"/>
",
                rng.range(1, 254)
            )?;
            if let Some(parent) = parent {
                writeln!(out, "        <parent dsq:id=\"{parent}\"/>")?;
            }
            out.write_all(b"    </post>\n")?;
        }
    }
    out.write_all(b"</disqus>\n")
}

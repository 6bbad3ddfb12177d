//! WordPress-shaped saved pages for benchmarks: the markup of a current theme (avatar, `.fn`,
//! "says:", `<time>`, `.comment-content`, Reply link, `ol.children`) around generated text,
//! about 2.5 KB a comment, so 2 000 comments make a page of about 5 MB. Deterministic: the
//! same arguments give the same bytes.

const NAMES: [&str; 12] = [
    "Ada Lin",
    "Bruno",
    "Chiara Neri",
    "dev_null",
    "Eamon O'Brien",
    "Farah",
    "Gustav Berg",
    "Hiroshi",
    "Ines Duarte",
    "Jonas",
    "Kemal Aydın",
    "Lena Vogt",
];
const WORDS: [&str; 24] = [
    "parser",
    "memory",
    "the",
    "benchmark",
    "is",
    "faster",
    "than",
    "we",
    "expected",
    "and",
    "a",
    "branch",
    "cache",
    "of",
    "nested",
    "comments",
    "still",
    "reads",
    "well",
    "on",
    "every",
    "machine",
    "I",
    "tried",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self, below: u64) -> u64 {
        // xorshift64*: small and good enough for text.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) % below
    }
}

fn paragraph(rng: &mut Rng, out: &mut String) {
    out.push_str("<p>");
    let words = 30 + rng.next(50);
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(WORDS[rng.next(WORDS.len() as u64) as usize]);
        if rng.next(12) == 0 {
            out.push_str(" &amp; <em>emphasis</em>");
        }
    }
    out.push_str(".</p>\n");
}

/// A saved WordPress page with `comments` comments nested up to five levels.
pub fn page(comments: usize, seed: u64) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut out = String::with_capacity(comments * 2600 + 4096);
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"en-US\">\n<head>\n<meta charset=\"UTF-8\">\n\
         <title>A generated post &#8211; Bench blog</title>\n\
         <link rel=\"canonical\" href=\"https://bench.example.org/2020/01/post/\" />\n\
         <script>window._settings = {\"a\": 1};</script>\n</head>\n<body>\n\
         <nav><a href=\"/\">Home</a></nav>\n<article><header><h1 class=\"entry-title\">\
         A generated post</h1></header>\n<div class=\"entry-content\">\n",
    );
    for _ in 0..5 {
        paragraph(&mut rng, &mut out);
    }
    out.push_str("</div></article>\n<div id=\"comments\" class=\"comments-area\">\n<ol class=\"comment-list\">\n");
    let mut depth = 0usize;
    for n in 0..comments {
        // The next comment's level: deeper by one, the same, or back up.
        let next = match rng.next(10) {
            0..=3 if depth > 0 && depth < 5 => depth + 1,
            4..=6 if depth > 0 => depth,
            _ => 1 + rng.next(depth.max(1) as u64) as usize,
        };
        if next > depth && depth > 0 {
            out.push_str("<ol class=\"children\">\n");
        } else {
            out.push_str("</li>\n");
            for _ in next..depth {
                out.push_str("</ol>\n</li>\n");
            }
        }
        if depth == 0 {
            out.truncate(out.len() - "</li>\n".len());
        }
        depth = next;
        let id = 1000 + n;
        let name = NAMES[rng.next(NAMES.len() as u64) as usize];
        let (day, hour, minute) = (1 + rng.next(28), rng.next(24), rng.next(60));
        out.push_str(&format!(
            "<li id=\"comment-{id}\" class=\"comment even depth-{depth}\">\n\
             <article id=\"div-comment-{id}\" class=\"comment-body\">\n<footer class=\"comment-meta\">\n\
             <div class=\"comment-author vcard\"><img alt='' src='https://secure.gravatar.com/avatar/{id:x}?s=56&#038;d=mm' \
             srcset='https://secure.gravatar.com/avatar/{id:x}?s=112&#038;d=mm 2x' class='avatar avatar-56 photo' height='56' width='56' /> \
             <b class=\"fn\"><a href='https://people.example.net/{id}' rel='external nofollow ugc' class='url'>{name}</a></b> \
             <span class=\"says\">says:</span></div>\n<div class=\"comment-metadata\">\
             <a href=\"https://bench.example.org/2020/01/post/#comment-{id}\"><time datetime=\"2020-01-{day:02}T{hour:02}:{minute:02}:00+00:00\">\
             January {day}, 2020 at {hour}:{minute:02}</time></a></div>\n</footer>\n<div class=\"comment-content\">\n"
        ));
        for _ in 0..2 + rng.next(4) {
            paragraph(&mut rng, &mut out);
        }
        out.push_str(&format!(
            "</div>\n<div class=\"reply\"><a rel='nofollow' class='comment-reply-link' \
             href='https://bench.example.org/2020/01/post/?replytocom={id}#respond' data-commentid=\"{id}\" \
             aria-label='Reply to {name}'>Reply</a></div></article>\n"
        ));
    }
    if depth > 0 {
        out.push_str("</li>\n");
        for _ in 1..depth {
            out.push_str("</ol>\n</li>\n");
        }
    }
    out.push_str(
        "</ol>\n<div id=\"respond\" class=\"comment-respond\"><form class=\"comment-form\">\
         <label>Name *</label><input name=\"author\"><textarea name=\"comment\"></textarea></form></div>\n\
         </div>\n<footer>Proudly powered by WordPress</footer>\n</body>\n</html>\n",
    );
    out
}

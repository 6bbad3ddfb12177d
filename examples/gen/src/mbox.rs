//! A mailing-list archive in mbox format, for benchmarks and manual checks: threads whose
//! replies follow soon after, quoting, signatures, list tags, References chains, some
//! quoted-printable, base64 and HTML alternatives, now and then an attachment. The same
//! arguments always give the same bytes (own PRNG, integers only).

use std::io::{self, Write};

use crate::rng::Rng;

impl Rng {
    /// True with probability `percent` in a hundred.
    fn percent_chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const FIRST: &[&str] = &[
    "Ann", "Bruno", "Chiara", "Dmitri", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jonas",
    "Kasia", "Liam", "Mei", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tariq",
];
const LAST: &[&str] = &[
    "Lee", "Okafor", "Rossi", "Volkov", "Garcia", "Haddad", "Berg", "Sato", "Costa", "Novak",
    "Walsh", "Iyer", "Dubois", "Keller", "Moreau", "Silva",
];
const WORDS: &[&str] = &[
    "array", "buffer", "compile", "release", "patch", "kernel", "memory", "thread", "socket",
    "parser", "module", "test", "build", "option", "value", "error", "the", "a", "of", "to", "and",
    "in", "is", "that", "it", "we", "this", "with", "for", "not", "but", "when", "should", "would",
    "could", "maybe", "because", "version", "branch", "merge", "review", "works", "fails", "here",
    "there", "again", "later", "before", "after", "index",
];
const TOPICS: &[&str] = &[
    "Segfault when loading large arrays",
    "Proposal: drop support for the old build system",
    "Release candidate 2 is out",
    "Question about thread safety of the allocator",
    "Patch review: faster string search",
    "Meeting notes from Thursday",
    "How to cross-compile for ARM?",
    "Documentation typo in the install guide",
];
const DAYS: &[&str] = &["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

struct Sent {
    id: u64,
    subject: String,
    author: String,
    /// Its References chain, nearest last (itself not included).
    references: Vec<u64>,
    first_line: String,
}

fn sentence(rng: &mut Rng) -> String {
    let words = 6 + rng.below(12);
    let mut out = String::new();
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(rng.pick(WORDS));
    }
    let mut chars = out.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
    format!("{first}{}.", chars.as_str())
}

/// Lines of about 70 columns.
fn paragraph(rng: &mut Rng) -> String {
    let mut text = String::new();
    let mut line = 0;
    for _ in 0..2 + rng.below(4) {
        for word in sentence(rng).split(' ') {
            if line + word.len() > 70 {
                text.push('\n');
                line = 0;
            } else if line > 0 {
                text.push(' ');
                line += 1;
            }
            text.push_str(word);
            line += word.len();
        }
    }
    text
}

fn quoted_printable(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let encoded = line.replace('=', "=3D").replace("the", "th=C3=A9");
        out.push_str(&encoded);
        out.push('\n');
    }
    out
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for (i, chunk) in bytes.chunks(3).enumerate() {
        if i > 0 && i % 19 == 0 {
            out.push('\n');
        }
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (j, &b)| n | u32::from(b) << (16 - 8 * j));
        for j in 0..4 {
            if j <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * j) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out.push('\n');
    out
}

/// Writes an archive of `messages` messages.
pub fn write(messages: u64, seed: u64, mut out: impl Write) -> io::Result<()> {
    let mut rng = Rng(seed);
    let mut recent: Vec<Sent> = Vec::new();
    // Seconds since 2020-01-01 (a Wednesday), advancing a few minutes a message.
    let mut clock: u64 = 0;
    for n in 0..messages {
        clock += 60 + rng.below(900) as u64;
        let author = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
        let address = author.to_lowercase().replace(' ', ".") + "@example.org";
        let reply_to = (!recent.is_empty() && rng.percent_chance(75)).then(|| {
            // Replies mostly go to the last few messages: threads stay close together.
            let back = rng.below(recent.len().min(40));
            recent.len() - 1 - back
        });
        let id = n + 1;
        let (subject, references) = match reply_to {
            Some(at) => {
                let parent = &recent[at];
                let mut references = parent.references.clone();
                references.push(parent.id);
                let keep = references.len().saturating_sub(10);
                (
                    format!("Re: {}", parent.subject),
                    references[keep..].to_vec(),
                )
            }
            None => (
                format!("[dev-list] {} (#{})", rng.pick(TOPICS), n),
                Vec::new(),
            ),
        };
        let days = clock / 86_400;
        let (second, minute, hour) = (clock % 60, clock / 60 % 60, clock / 3600 % 24);
        let weekday = DAYS[((days + 2) % 7) as usize];
        let month = MONTHS[(days / 28 % 12) as usize];
        let day = days % 28 + 1;
        let year = 2020 + days / 336;
        let offset = ["+0000", "+0100", "-0500", "+0900", "-0800"][rng.below(5)];

        let mut head = format!(
            "From {address} {weekday} {month} {day:2} {hour:02}:{minute:02}:{second:02} {year}\n\
             Return-Path: <{address}>\n\
             Received: from mail.example.org (mail.example.org [192.0.2.{}])\n\
             \tby lists.example.org (Postfix) with ESMTP id {:X}\n\
             \tfor <dev-list@lists.example.org>; {weekday}, {day} {month} {year} {hour:02}:{minute:02}:{second:02} {offset}\n\
             From: {author} <{address}>\n\
             To: dev-list@lists.example.org\n\
             Subject: {subject}\n\
             Date: {weekday}, {day} {month} {year} {hour:02}:{minute:02}:{second:02} {offset}\n\
             Message-ID: <{id}.{:x}@example.org>\n",
            rng.below(250),
            rng.next() & 0xFFFF_FFFF,
            id * 7919,
        );
        if let Some(&parent) = references.last() {
            head += &format!("In-Reply-To: <{parent}.{:x}@example.org>\n", parent * 7919);
            let chain: Vec<String> = references
                .iter()
                .map(|r| format!("<{r}.{:x}@example.org>", r * 7919))
                .collect();
            head += &format!("References: {}\n", chain.join("\n "));
        }
        head += "List-Id: Development talk <dev-list.lists.example.org>\nMIME-Version: 1.0\n";

        let mut text = String::new();
        if let Some(at) = reply_to {
            let parent = &recent[at];
            text += &format!(
                "On {weekday}, {day} {month} {year}, {} wrote:\n> {}\n> \n\n",
                parent.author, parent.first_line
            );
        }
        for i in 0..1 + rng.below(3) {
            if i > 0 {
                text += "\n\n";
            }
            text += &paragraph(&mut rng);
        }
        if rng.percent_chance(3) {
            text += "\n\n>From the notes of the last meeting: nothing new.";
        }
        text += &format!("\n\n-- \n{author}\n");
        let first_line = text
            .lines()
            .find(|line| !line.starts_with("On ") && !line.starts_with('>') && !line.is_empty())
            .unwrap_or("")
            .to_string();

        let kind = rng.below(100);
        let body = if kind < 70 {
            format!(
                "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{text}"
            )
        } else if kind < 82 {
            format!(
                "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n{}",
                quoted_printable(&text)
            )
        } else if kind < 87 {
            format!(
                "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n{}",
                base64(text.as_bytes())
            )
        } else if kind < 97 {
            let html = text
                .split("\n\n")
                .map(|p| format!("<p>{}</p>", p.replace('\n', "<br>\n")))
                .collect::<String>();
            format!(
                "Content-Type: multipart/alternative; boundary=\"alt-{id}\"\n\n--alt-{id}\n\
                 Content-Type: text/plain; charset=utf-8\n\n{text}\n--alt-{id}\n\
                 Content-Type: text/html; charset=utf-8\n\n<html><body>{html}</body></html>\n\
                 --alt-{id}--\n"
            )
        } else {
            let data: Vec<u8> = (0..2048 + rng.below(8192))
                .map(|_| rng.next() as u8)
                .collect();
            format!(
                "Content-Type: multipart/mixed; boundary=\"mix-{id}\"\n\n--mix-{id}\n\
                 Content-Type: text/plain; charset=utf-8\n\n{text}\n--mix-{id}\n\
                 Content-Type: application/octet-stream; name=\"trace-{id}.bin\"\n\
                 Content-Disposition: attachment; filename=\"trace-{id}.bin\"\n\
                 Content-Transfer-Encoding: base64\n\n{}--mix-{id}--\n",
                base64(&data)
            )
        };
        out.write_all(head.as_bytes())?;
        out.write_all(body.as_bytes())?;
        out.write_all(b"\n")?;

        recent.push(Sent {
            id,
            subject: subject.strip_prefix("Re: ").unwrap_or(&subject).to_string(),
            author,
            references,
            first_line,
        });
        if recent.len() > 200 {
            recent.drain(..100);
        }
    }
    out.flush()
}

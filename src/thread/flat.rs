//! The flat format: the page lost its nesting. Comments are separated by two blank lines and
//! a one-line paragraph that is a person's name starts a comment by that person.

use super::budget::CommentBudget;
use super::dates;
use super::formats::{Family, Finished, FormatSpec, Input, LineParser, Parse, Report};
use super::lines::{Paragraphs, Preamble, is_blank, trim, trim_end};
use super::numbered::Structure;
use super::output::Output;
use super::says;
use super::sniff::{Head, Sniff};
use super::{Format, TextRange, ThreadBuilder, ThreadInfo};

pub static SPEC: FormatSpec = FormatSpec {
    name: "flat",
    label: "flat text (comments between blank lines, a name line before each)",
    family: Family::Text,
    sniff,
    parse: Parse::Lines(new_parser),
    input: Input::Text,
};

fn new_parser(out: &mut Output, budget: CommentBudget) -> Box<dyn LineParser> {
    Box::new(Flat::new(out, budget))
}

/// Any text reads as flat: the format of last resort.
fn sniff(_head: &Head) -> Sniff {
    Sniff::Maybe(1)
}

/// Words that may start in lower case inside a name ("Ludwig van Beethoven").
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "del", "della", "du", "la", "le", "bin", "ibn",
    "al", "el", "y", "zu", "ten", "ter",
];
const NAME_SUFFIXES: &[&str] = &["Jr.", "Sr.", "Dr.", "St.", "Mr.", "Mrs.", "Ms."];
const MAX_NAME_CHARS: usize = 40;
const MAX_NAME_WORDS: usize = 4;

/// "K." and the like.
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// Page furniture that reads like a name: the comment form's labels, headings of the page
/// around the comments (compared ignoring case).
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "name", "email", "e-mail", "mail", "website", "url", "comment", "comments", "reply",
    "submit", "search", "log in", "login", "post comment", "cancel reply", "leave a reply",
    "recent posts", "recent comments", "related posts", "popular posts", "post navigation",
    "archives", "categories", "category", "tags", "meta", "menu", "navigation", "pages",
    "links", "blogroll", "subscribe", "follow us", "share this", "like this", "about",
    "about me", "contact", "home", "blog", "projects", "portfolio", "skip to content",
    "previous post", "next post", "older posts", "newer posts", "privacy policy", "donate",
    "twitter", "facebook", "instagram", "youtube", "linkedin", "visit my profile",
    "pingbacks", "trackbacks", "sidebar", "footer", "copyright", "related",
];

/// First words of greetings, thanks and sign-offs ("Thanks", "Kind Regards", "Hi Matt"),
/// and of one-word answers ("Agreed", "Exactly"): a comment's words, not a name.
#[rustfmt::skip]
const NOT_NAME_STARTS: &[&str] = &[
    "thanks", "thank", "thx", "cheers", "regards", "best", "kind", "warm", "warmest",
    "many", "sincerely", "yours", "love", "ciao", "danke", "merci", "gracias", "grazie",
    "obrigado", "bedankt", "greetings", "hi", "hello", "hey", "dear", "hallo", "bonjour",
    "hola", "salut", "yes", "no", "ok", "okay", "agreed", "exactly", "indeed", "wow", "lol",
    "lmao", "rofl", "amen", "bravo", "congratulations", "congrats", "sorry", "please", "nope",
    "yep", "yeah", "true", "correct", "absolutely", "update", "edit", "ps", "p.s.", "bump",
    "enjoy", "good", "great", "nice", "well", "sure",
];

/// Whether a one-line paragraph is a commenter's name (`Tommy Jensen`, `Marta K.`,
/// `Kenny Jones ™`) rather than a short comment or page furniture: title-case words, no
/// sentence punctuation; not a date, a form label, a heading, a greeting or a sign-off
/// (`Thanks`, `-Chris`, `--jh--`), nor a CSS comment. A wrong name is worse than none.
pub fn looks_like_name(line: &str) -> bool {
    let line = line.trim();
    // Checked before anything else, as most lines tested are long: more than four bytes a
    // char would be needed for a longer line to be short enough.
    if line.is_empty()
        || line.len() > 4 * MAX_NAME_CHARS
        || line.chars().count() > MAX_NAME_CHARS
        || !line.chars().any(char::is_alphabetic)
        || line.contains([
            ',', ';', ':', '!', '?', '"', '“', '”', '(', ')', '[', ']', '{', '}', '<', '>', '…',
            '*', '|', '=', '@', '#',
        ])
        // A sign-off ("-Chris", "~ Ann", "--jh--").
        || line.starts_with(['-', '–', '—', '~'])
        || line.ends_with(['-', '–', '—', '~'])
    {
        return false;
    }
    let lower = line.to_lowercase();
    let first_word = lower
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_end_matches(['.', '!']);
    if NOT_NAMES.contains(&lower.as_str())
        || NOT_NAME_STARTS.contains(&first_word)
        || dates::is_date_line(line)
    {
        return false;
    }
    let mut words = [""; MAX_NAME_WORDS];
    let mut count = 0;
    for word in line.split_whitespace() {
        if count == MAX_NAME_WORDS {
            return false;
        }
        words[count] = word;
        count += 1;
    }
    let words = &words[..count];
    // A final full stop belongs to an initial or a title ("Marta K.", "Sam Jones Jr."), not
    // to a sentence ("Ok.").
    if let Some(last) = words.last()
        && last.ends_with('.')
        && (words.len() < 2 || !(is_initial(last) || NAME_SUFFIXES.contains(last)))
    {
        return false;
    }
    words.iter().enumerate().all(|(index, word)| {
        let Some(first) = word.chars().next() else {
            return false;
        };
        if first.is_lowercase() {
            index > 0 && NAME_PARTICLES.contains(word)
        } else if first.is_ascii_digit() {
            index > 0
        } else {
            // Upper case, a script without case, or a symbol such as ™.
            true
        }
    })
}

/// The flat parser, fed one line at a time (trailing blank and furniture lines already cut
/// off by the caller). A paragraph is a run of non-blank lines; whether a one-line paragraph
/// is a name is only known at its end, so its line is held back until then.
pub struct Flat {
    builder: ThreadBuilder,
    preamble: Preamble,
    /// Set when the first run of comments starts.
    article: Option<TextRange>,
    paragraphs: Paragraphs,
    current: Option<usize>,
    /// Blank lines since the last paragraph ended.
    blank_lines: usize,
    /// Lines of the paragraph being read (0: between paragraphs).
    paragraph_lines: usize,
    /// The first line of the paragraph being read, while it may still be a name.
    held: String,
    held_blank_lines: usize,
    /// The held line looks like a name but ended a paragraph right after text of the current
    /// comment: a sign-off ("Geoff") if the run ends after it, a name if the run goes on.
    sign_off_pending: bool,
    /// The current comment has text (beyond its name line).
    current_has_text: bool,
    /// How well the file would read as numbered: a file whose head did not show it may still
    /// be numbered further on.
    numbered: Structure,
}

impl Flat {
    pub fn new(out: &mut Output, budget: CommentBudget) -> Self {
        Flat {
            builder: ThreadBuilder::new(budget),
            preamble: Preamble::default(),
            article: None,
            paragraphs: Paragraphs::begin(out),
            current: None,
            blank_lines: 0,
            paragraph_lines: 0,
            held: String::new(),
            held_blank_lines: 0,
            sign_off_pending: false,
            current_has_text: false,
            numbered: Structure::default(),
        }
    }

    /// Decides where a paragraph goes once that is known: at its second line, or at its end
    /// for a one-line paragraph (`single`). Returns true when the paragraph was a name line
    /// and is fully handled; otherwise its lines are to be appended to `paragraphs`.
    fn place_paragraph(
        &mut self,
        out: &mut Output,
        blank_lines_before: usize,
        single: Option<&str>,
    ) -> bool {
        let new_run = blank_lines_before >= 2;
        if self.article.is_none() {
            if !new_run {
                self.paragraphs.break_paragraph();
                return false;
            }
            self.article = Some(self.paragraphs.finish(out));
            self.paragraphs = Paragraphs::begin(out);
        }
        if new_run && let Some(id) = self.current.take() {
            let text = self.paragraphs.finish(out);
            self.builder.set_written_body(id, text, out);
        }
        if let Some(line) = single {
            let name = &line[trim(line.as_bytes(), 0..line.len())];
            if looks_like_name(name) {
                if let Some(id) = self.current.take() {
                    let text = self.paragraphs.finish(out);
                    self.builder.set_written_body(id, text, out);
                }
                // A comment past the budget keeps no name (names past a few are one each).
                let name = self.builder.has_room().then(|| out.emit_name(name));
                self.current = Some(self.builder.push(1, name, TextRange::EMPTY));
                self.current_has_text = false;
                self.paragraphs = Paragraphs::begin(out);
                return true;
            }
        }
        if self.current.is_none() {
            self.current = Some(self.builder.push(1, None, TextRange::EMPTY));
            self.current_has_text = false;
            self.paragraphs = Paragraphs::begin(out);
        }
        self.paragraphs.break_paragraph();
        false
    }

    fn append_line(&mut self, out: &mut Output, line: &str) {
        let kept = trim_end(line.as_bytes(), 0..line.len());
        self.paragraphs.line(out, &line[kept]);
        self.current_has_text = self.current.is_some();
    }

    /// Whether the held one-line paragraph, name-like, comes right after text of the
    /// current comment in the same run: whether it is a name depends on what follows.
    fn may_be_sign_off(&self) -> bool {
        self.held_blank_lines < 2
            && self.current.is_some()
            && self.current_has_text
            && looks_like_name(&self.held)
    }

    /// Ends the held one-line paragraph once it is known whether its run goes on: a
    /// name-like line that ends the run after text of its comment signs that text off
    /// ("Thanks,", then "Geoff"); otherwise it is read as any one-line paragraph.
    fn end_held_paragraph(&mut self, out: &mut Output, run_ends: bool) {
        self.sign_off_pending = false;
        if run_ends && self.may_be_sign_off() {
            let held = std::mem::take(&mut self.held);
            self.paragraphs.break_paragraph();
            self.append_line(out, &held);
            self.held = held;
        } else {
            self.end_single_line_paragraph(out);
        }
    }

    /// Ends a one-line paragraph: its held line is a name or a line of text.
    fn end_single_line_paragraph(&mut self, out: &mut Output) {
        let held = std::mem::take(&mut self.held);
        if !self.place_paragraph(out, self.held_blank_lines, Some(&held)) {
            self.append_line(out, &held);
        }
        self.held = held;
    }
}

impl LineParser for Flat {
    fn line(&mut self, out: &mut Output, line: &str) {
        self.numbered.line(line);
        if !self.preamble.is_done() {
            if self.preamble.line(out, line) {
                self.paragraphs = Paragraphs::begin(out);
            }
            return;
        }
        let bytes = line.as_bytes();
        let blank = is_blank(bytes, 0..bytes.len());
        if blank {
            if self.paragraph_lines == 1 {
                if self.may_be_sign_off() {
                    self.sign_off_pending = true;
                } else {
                    self.end_single_line_paragraph(out);
                }
            }
            if self.paragraph_lines > 0 {
                self.paragraph_lines = 0;
                self.blank_lines = 0;
            }
            self.blank_lines += 1;
            return;
        }
        if self.sign_off_pending {
            // A page's Reply link ends a comment as a new run does.
            let run_ends = self.blank_lines >= 2 || says::is_reply_line(line);
            self.end_held_paragraph(out, run_ends);
        }
        match self.paragraph_lines {
            0 => {
                self.held.clear();
                self.held.push_str(line);
                self.held_blank_lines = self.blank_lines;
            }
            1 => {
                let held = std::mem::take(&mut self.held);
                self.place_paragraph(out, self.held_blank_lines, None);
                self.append_line(out, &held);
                self.held = held;
                self.append_line(out, line);
            }
            _ => self.append_line(out, line),
        }
        self.paragraph_lines += 1;
    }

    fn finish(mut self: Box<Self>, mut out: Output, report: &mut Report) -> Finished {
        let numbered = self.numbered.is_numbered();
        if self.numbered.headers > 0 && !numbered {
            report.note(format!(
                "{} read as flat text, though {} looked like a numbered comment header \
                 (\"  1. Name says:\"); --format numbered reads it that way",
                if self.builder.is_empty() {
                    "the file is"
                } else {
                    "comments are"
                },
                if self.numbered.headers == 1 {
                    "1 line".to_string()
                } else {
                    format!("{} lines", crate::text::thousands(self.numbered.headers))
                },
            ));
        }
        self.preamble.end_untitled(&out);
        // The end of the file ends a run.
        if self.sign_off_pending || self.paragraph_lines == 1 {
            self.end_held_paragraph(&mut out, true);
        }
        let text = self.paragraphs.finish(&mut out);
        let article = match (self.article, self.current) {
            (Some(article), Some(id)) => {
                self.builder.set_written_body(id, text, &mut out);
                article
            }
            (Some(article), None) => article,
            (None, _) => text,
        };
        let Preamble { title, date, .. } = self.preamble;
        let info = ThreadInfo {
            title,
            date,
            article,
            ..ThreadInfo::default()
        };
        Finished {
            thread: self.builder.finish(out.into_text(), info),
            reads_better_as: numbered.then_some(Format::Numbered),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::read::parse_text;
    use super::{looks_like_name, new_parser};

    /// `author: body` of each comment, newlines as `|`.
    fn comments(text: &str) -> Vec<String> {
        let thread = parse_text(new_parser, text).thread;
        (0..thread.len())
            .map(|id| {
                let author = thread.author(id).unwrap_or("(unknown)");
                format!("{author}: {}", thread.body(id).replace('\n', "|"))
            })
            .collect()
    }

    #[test]
    fn sign_offs_form_labels_and_css_are_not_commenters() {
        let text = "Title\n\nArticle.\n\n\n\
            First comment.\n\nThanks,\n\nGeoff\n\n\n\
            Harry Smith\n\nTommy Jensen\n\nReply to Harry.\n\n-Chris\n\n\n\
            Name *\n\nEmail *\n\nWebsite\n\nComment\n\n\n\
            /* main column */\n\nRecent Posts\n\n\n\
            Kind Regards\n\nHi Matt\n\n--jh--\n\n\n\
            Marta K.\n\nFirst line.\n\nGeoff\n\nReply\nAnn says:\n\n\n\
            Marta K.\n\nLast comment.\n\nGeoff";
        assert_eq!(
            comments(text),
            [
                // "Geoff" ends the run after the text of the comment: a sign-off.
                "(unknown): First comment.||Thanks,||Geoff",
                // An empty comment, then a name: both names (the run goes on).
                "Harry Smith: ",
                "Tommy Jensen: Reply to Harry.||-Chris",
                "(unknown): Name *||Email *||Website||Comment",
                "(unknown): /* main column */||Recent Posts",
                "(unknown): Kind Regards||Hi Matt||--jh--",
                // Before a Reply line, and at the end of the file too.
                "Marta K.: First line.||Geoff||Reply|Ann says:",
                "Marta K.: Last comment.||Geoff",
            ]
        );
    }

    #[test]
    fn names_and_not_names() {
        for name in [
            "Tommy Jensen",
            "Kenny Jones ™",
            "Marta K.",
            "Trap Is Not Gay",
            "Rhodium 10",
            "Иван Петров",
            "王小明",
            "Ludwig van Beethoven",
            "Ty Cobb",
            "Goodwin Smith",
            "N/A",
        ] {
            assert!(looks_like_name(name), "{name}");
        }
        for text in [
            "Commonwealth of independant nations,bring it on!",
            "Kaliningrad and Belarus do not share a border.",
            "agreed",
            "Exactly right, sir",
            "This Is A Very Long Shout",
            "10 Downing",
            "Spot on…as long",
            "Ok.",
            "Well said Sir.",
            "Thanks",
            "Cheers",
            "Regards",
            "Kind Regards",
            "Hi Matt",
            "Agreed",
            "-Chris",
            "— Ann",
            "--jh--",
            "Name *",
            "Email *",
            "Website",
            "Comment",
            "Reply",
            "REPLY",
            "Recent Posts",
            "Post Navigation",
            "/* main column */",
            "MAY 2021",
            "Feb 8, 2013",
        ] {
            assert!(!looks_like_name(text), "{text}");
        }
    }
}

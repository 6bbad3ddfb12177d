//! The words a comment section prints around its comments, in the languages WordPress themes
//! are translated into: "Name says:", "Reply", "50 thoughts on “Title”", "Leave a Reply",
//! "Pingback:". One list for every format that reads comment sections (text and HTML).
//!
//! All matching ignores case: themes may set CSS `text-transform: uppercase` (`ALYSSA SAYS:`,
//! `REPLY`), and a browser copies the text as shown.

/// What a theme prints after the commenter's name, without the colon. Longer phrases come
/// before their tails ("a écrit" before "écrit") so that the name is what is left.
#[rustfmt::skip]
pub const SAYS_WORDS: &[&str] = &[
    "says", "said", "wrote", "writes", // English
    "sagt", "schreibt", "meint", // German
    "a écrit", "écrit", "dit", // French
    "escribió", "dice", // Spanish (and Italian "dice")
    "ha detto", "ha scritto", "scrive", // Italian
    "disse", "diz", "escreveu", // Portuguese
    "zegt", "schreef", // Dutch
    "napisał", "napisała", "pisze", "mówi", // Polish
    "пишет", "написал", "написала", "говорит", // Russian
    "skriver", "skrev", "säger", "siger", "sier", // Scandinavian
    "sanoo", "kirjoitti", // Finnish
    "říká", "napsal", "napsala", // Czech
    "dedi ki", "diyor ki", // Turkish
    "より", "说道", "說道", "说", "說", // Japanese, Chinese
];

/// Scripts that write the word straight after the name, without a space.
const UNSPACED_SAYS: &[&str] = &["より", "说道", "說道", "说", "說"];

/// The longest header line and name taken for a commenter's.
const MAX_HEADER_CHARS: usize = 120;
const MAX_NAME_CHARS: usize = 80;

/// The commenter's name in a header line such as `Alyssa says:`, `Hans sagt:`,
/// `Jean dit :`, `ALYSSA SAYS:`; None when the line is not one. The name is returned as
/// written (trimmed); whatever comes before it (a number, an avatar) is the caller's.
pub fn header_name(line: &str) -> Option<&str> {
    let line = line.trim();
    // Most lines fail here: few end in a colon.
    let before_colon = line
        .strip_suffix(':')
        .or_else(|| line.strip_suffix('：'))?
        .trim_end();
    if line.len() > MAX_HEADER_CHARS && line.chars().count() > MAX_HEADER_CHARS {
        return None;
    }
    // Every header of a long thread comes here: words that cannot end the line are passed
    // over by their last letter before any comparison that walks characters.
    let last = lowercase_last(before_colon)?;
    SAYS_WORDS.iter().find_map(|word| {
        if lowercase_last(word) != Some(last) {
            return None;
        }
        let rest = strip_suffix_ignore_case(before_colon, word)?;
        let spaced = rest.ends_with(char::is_whitespace);
        if !spaced && !UNSPACED_SAYS.contains(word) {
            return None;
        }
        let name = rest.trim_end();
        (!name.is_empty() && name.chars().count() <= MAX_NAME_CHARS).then_some(name)
    })
}

/// Whether `line` ends as a header does, with a says word and a colon, whatever stands
/// before it and however long: a line that does not cannot hold a header at its end.
/// Lets a sniffer pass over a file with no header before looking closer.
pub fn ends_with_says(line: &str) -> bool {
    let Some(before_colon) = line
        .trim_end()
        .strip_suffix(':')
        .or_else(|| line.trim_end().strip_suffix('：'))
    else {
        return false;
    };
    let before_colon = before_colon.trim_end();
    let Some(last) = lowercase_last(before_colon) else {
        return false;
    };
    SAYS_WORDS.iter().any(|word| {
        lowercase_last(word) == Some(last) && strip_suffix_ignore_case(before_colon, word).is_some()
    })
}

/// Whether the text of an HTML `.says` element is one of the words (`says:`, `sagt:`).
pub fn is_says_word(text: &str) -> bool {
    let text = text.trim();
    let text = text
        .strip_suffix(':')
        .or_else(|| text.strip_suffix('：'))
        .unwrap_or(text)
        .trim_end();
    SAYS_WORDS.iter().any(|word| eq_ignore_case(text, word))
}

/// The link under each comment: `Reply`, `Log in to Reply`, `REPLY`, `Antworten`.
#[rustfmt::skip]
const REPLY_LINES: &[&str] = &[
    "reply", "log in to reply", "login to reply", "reply ↓", "↓ reply", "reply →", "reply ↵",
    "antworten", "melde dich an, um zu antworten", "anmelden, um zu antworten",
    "répondre", "connectez-vous pour répondre",
    "responder", "inicia sesión para responder", "faça login para responder",
    "rispondi", "accedi per rispondere",
    "beantwoorden", "reageer", "log in om te reageren",
    "odpowiedz", "zaloguj się, aby odpowiedzieć",
    "ответить", "войдите, чтобы ответить",
    "svara", "svar", "vastaa", "odpovědět", "yanıtla", "cevapla",
    "返信", "回复", "回覆",
];

pub fn is_reply_line(line: &str) -> bool {
    let line = line.trim();
    line.len() <= 64 && REPLY_LINES.iter().any(|reply| eq_ignore_case(line, reply))
}

/// A pingback or trackback entry: a link from another page, not a comment.
pub fn is_pingback_line(line: &str) -> bool {
    let line = line.trim();
    ["pingback:", "trackback:"]
        .iter()
        .any(|prefix| starts_with_ignore_case(line, prefix))
}

/// Lines a theme shows inside a comment that are not its text.
#[rustfmt::skip]
const COMMENT_FURNITURE: &[&str] = &[
    "like", "loading...", "loading…", "edit", "(edit)", "permalink", "report",
    "your comment is awaiting moderation.", "your comment is awaiting moderation",
    "dein kommentar muss noch freigegeben werden.",
    "votre commentaire est en attente de modération.",
    "tu comentario está pendiente de moderación.",
    "il tuo commento è in attesa di moderazione.",
];

/// Whether a line inside a comment is the theme's, not the commenter's: `Like`,
/// `Liked by 2 people`, `Your comment is awaiting moderation.`
pub fn is_comment_furniture(line: &str) -> bool {
    let line = line.trim();
    line.len() <= 64
        && (COMMENT_FURNITURE.iter().any(|f| eq_ignore_case(line, f))
            || starts_with_ignore_case(line, "liked by "))
}

/// Lines that start what follows the comments: the comment form, post navigation.
#[rustfmt::skip]
const SECTION_ENDS: &[&str] = &[
    "leave a reply", "leave a comment", "post a comment", "add a comment", "comments are closed",
    "post navigation", "your email address will not be published", "cancel reply",
    "schreibe einen kommentar", "kommentar verfassen", "hinterlasse einen kommentar",
    "antworten abbrechen", "kommentare sind geschlossen",
    "laisser un commentaire", "laisser une réponse", "les commentaires sont fermés",
    "deja una respuesta", "deja un comentario", "los comentarios están cerrados",
    "lascia un commento", "lascia una risposta", "i commenti sono chiusi",
    "geef een reactie", "laat een reactie achter", "reacties zijn gesloten",
    "deixe um comentário", "deixe uma resposta", "deixe uma réplica",
    "dodaj komentarz", "możliwość komentowania",
    "добавить комментарий", "оставьте комментарий", "комментарии закрыты",
    "lämna ett svar", "skriv en kommentar", "jätä kommentti", "napsat komentář",
];

/// Whether a line starts the page text after the comments (the form, the navigation).
pub fn is_section_end(line: &str) -> bool {
    let line = line.trim();
    line.len() <= 200
        && SECTION_ENDS
            .iter()
            .any(|end| starts_with_ignore_case(line, end))
}

/// The word for one a comment count may start with ("One thought on", "Ein Gedanke zu").
#[rustfmt::skip]
const ONE: &[&str] = &[
    "one", "ein", "eine", "einen", "une", "un", "uno", "una", "um", "uma", "een", "один",
    "одна", "одно", "jeden", "jedna", "jedno", "en", "ett", "yksi",
];

/// Stems of the words a comment count names ("thoughts", "Kommentare", "réflexions").
#[rustfmt::skip]
const COMMENT_STEMS: &[&str] = &[
    "thought", "response", "comment", "repl", "gedanke", "kommentar", "antwort", "réflexion",
    "reflexion", "réponse", "comentario", "comentário", "pensamiento", "pensamento",
    "respuesta", "resposta", "pensier", "rispost", "gedachte", "reactie", "myśl", "komentarz",
    "odpowied", "коммент", "мысл", "ответ", "svar", "tanke", "ajatus", "kommentti", "vastaus",
    "komentář", "odpověď", "yorum",
];

/// The heading above the comments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Heading<'a> {
    /// How many comments the page says it has (pingbacks included, as WordPress counts).
    pub count: u32,
    /// The title it quotes.
    pub title: Option<&'a str>,
}

/// Words of a heading before its title at most: the count and "thoughts on", "Responses
/// to", "Kommentare zu", "réflexions sur", "comentarios en".
const MAX_HEADING_WORDS: usize = 5;

/// The heading above the comments: `50 thoughts on “Robot Arm”`, `One Response to "X"`,
/// `10 Kommentare zu „X“`, `3 Comments`. A quoted title ends the line.
pub fn comments_heading(line: &str) -> Option<Heading<'_>> {
    let line = line.trim();
    if line.is_empty() || line.len() > 400 {
        return None;
    }
    let first = line.split_whitespace().next()?;
    let count = if first.bytes().all(|b| b.is_ascii_digit()) {
        first.parse().ok()?
    } else if ONE.iter().any(|one| eq_ignore_case(first, one)) {
        1
    } else {
        return None;
    };
    let title = quoted(line);
    // The words before the title name comments.
    let head = title.map_or(line, |t| {
        &line[..t.as_ptr() as usize - line.as_ptr() as usize]
    });
    if head.split_whitespace().count() > MAX_HEADING_WORDS {
        return None;
    }
    let lower = head.to_lowercase();
    COMMENT_STEMS
        .iter()
        .any(|stem| lower.contains(stem))
        .then(|| Heading {
            count,
            title: title.map(str::trim).filter(|t| !t.is_empty()),
        })
}

/// The text between the first opening quotation mark and a closing one that ends the line.
fn quoted(line: &str) -> Option<&str> {
    const OPENING: &[char] = &['“', '„', '«', '"', '‘', '‚', '「', '『'];
    const CLOSING: &[char] = &['”', '“', '»', '"', '’', '‘', '」', '』'];
    let (open_at, open) = line.char_indices().find(|(_, c)| OPENING.contains(c))?;
    let start = open_at + open.len_utf8();
    line[start..].trim_end().strip_suffix(CLOSING)
}

/// The last character of `text`, lower-cased (the last of its lower-case form).
fn lowercase_last(text: &str) -> Option<char> {
    text.chars().next_back()?.to_lowercase().last()
}

fn eq_ignore_case(text: &str, word: &str) -> bool {
    text.len() <= word.len() * 4
        && text
            .chars()
            .flat_map(char::to_lowercase)
            .eq(word.chars().flat_map(char::to_lowercase))
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    let count = prefix.chars().count();
    let end = text
        .char_indices()
        .nth(count)
        .map_or(text.len(), |(at, _)| at);
    eq_ignore_case(&text[..end], prefix)
}

/// `text` without a final `suffix` compared ignoring case, or None.
fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let count = suffix.chars().count();
    let start = text.char_indices().rev().nth(count.checked_sub(1)?)?.0;
    eq_ignore_case(&text[start..], suffix).then_some(&text[..start])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_that_end_as_headers_do() {
        assert!(ends_with_says("  12. [4b7361] Ann says:  "));
        assert!(ends_with_says("Hans SAGT :"));
        assert!(ends_with_says("山田より："));
        let long = format!("{} says:", "x".repeat(300));
        assert!(ends_with_says(&long) && header_name(&long).is_none());
        assert!(!ends_with_says("Note: says nothing"));
        assert!(!ends_with_says("https://example.com/says"));
        assert!(!ends_with_says(":"));
    }

    #[test]
    fn header_names_in_many_languages() {
        for (line, name) in [
            ("Alyssa says:", "Alyssa"),
            ("ALYSSA SAYS:", "ALYSSA"),
            ("Hans Müller sagt:", "Hans Müller"),
            ("Jean dit :", "Jean"),
            ("Jean\u{a0}dit\u{a0}:", "Jean"),
            ("Jean a écrit :", "Jean"),
            ("Juan dice:", "Juan"),
            ("Giulia ha detto:", "Giulia"),
            ("João disse:", "João"),
            ("Piet zegt:", "Piet"),
            ("Kasia napisał:", "Kasia"),
            ("Иван пишет:", "Иван"),
            ("Lars skriver:", "Lars"),
            ("Pedro escribió:", "Pedro"),
            ("山田 より:", "山田"),
            ("张三说道：", "张三"),
            ("  Simon says says:  ", "Simon says"),
            ("degski says:", "degski"),
        ] {
            assert_eq!(header_name(line), Some(name), "{line}");
        }
        for line in [
            "says:",
            "Alyssa says",
            "Alyssa says: hello",
            "Alyssasays:",
            "The report says that:",
            "Reply",
            "",
            ":",
        ] {
            assert_eq!(header_name(line), None, "{line}");
        }
        assert!(is_says_word(" says: "));
        assert!(is_says_word("SAGT:"));
        assert!(!is_says_word("asks:"));
    }

    #[test]
    fn reply_lines_and_furniture() {
        for line in [
            "Reply",
            "REPLY",
            "Log in to Reply",
            " Antworten ",
            "Répondre",
            "Reply ↓",
        ] {
            assert!(is_reply_line(line), "{line}");
        }
        for line in ["Reply to all", "Replying", "Thanks for the reply"] {
            assert!(!is_reply_line(line), "{line}");
        }
        assert!(is_pingback_line("Pingback: Using a Pad | Site"));
        assert!(is_pingback_line("TRACKBACK: x"));
        assert!(!is_pingback_line("A pingback: x"));
        assert!(is_comment_furniture("Liked by 2 people"));
        assert!(is_comment_furniture("Your comment is awaiting moderation."));
        assert!(!is_comment_furniture("I like it"));
        assert!(is_section_end("Leave a Reply Cancel reply"));
        assert!(is_section_end("LEAVE A REPLY"));
        assert!(is_section_end(
            "Schreibe einen Kommentar Antworten abbrechen"
        ));
        assert!(!is_section_end("Leave it"));
    }

    #[test]
    fn comment_count_headings() {
        for (line, count, title) in [
            ("50 thoughts on “Robot Arm”", 50, Some("Robot Arm")),
            ("One thought on “Robot Arm”", 1, Some("Robot Arm")),
            (
                "5 Responses to \"A “quoted” title\"",
                5,
                Some("A “quoted” title"),
            ),
            ("10 Kommentare zu „Ein Titel“", 10, Some("Ein Titel")),
            ("3 réflexions sur « Un titre »", 3, Some("Un titre")),
            ("12 comentarios en «Un título»", 12, Some("Un título")),
            ("3 COMMENTS", 3, None),
            ("7 комментариев", 7, None),
        ] {
            assert_eq!(
                comments_heading(line),
                Some(Heading { count, title }),
                "{line}"
            );
        }
        for line in [
            "50 ways to leave your lover",
            "Comments",
            "3 people commented on my post about something else entirely",
            "A comment on “the state of things”",
            "One comment on “the state of things” was all it took.",
            "One day I read all the comments on “Robot Arm”",
            "“50 thoughts”",
            "99999999999999999999 comments",
            "",
        ] {
            assert_eq!(comments_heading(line), None, "{line}");
        }
    }
}

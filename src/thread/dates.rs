//! Date lines: the line a comment section shows under a commenter's name ("August 3, 2019 at
//! 4:11 am", "10. Februar 2019 um 18:05 Uhr", "03.08.2019 04:11") and the date above an
//! article ("MAY 2021"), in the languages WordPress and similar themes print them.
//!
//! Whether a line is a date line (so it never ends up in a body or a name) is told apart from
//! whether it names one point in time: `08/03/2019` is a date line, but day or month first?

use super::time::Timestamp;

/// What a line is, as a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateLine {
    /// Not a date line.
    No,
    /// A date line that does not name one point in time: `08/03/2019` (day or month first?),
    /// `MAY 2021`, `Yesterday at 4:11 pm`, `February 30, 2019`.
    Unclear,
    /// A date line read unambiguously: the wall-clock time, with an offset only when the line
    /// gives one (`UTC`, `+02:00`, `CEST`).
    At(Timestamp),
}

impl DateLine {
    pub fn is_date(self) -> bool {
        self != DateLine::No
    }

    pub fn time(self) -> Option<Timestamp> {
        match self {
            DateLine::At(time) => Some(time),
            _ => None,
        }
    }
}

/// Whether a line is a date line at all, read or not.
pub fn is_date_line(line: &str) -> bool {
    read(line).is_date()
}

/// The time a date line names, when it names one unambiguously.
pub fn read_time(line: &str) -> Option<Timestamp> {
    read(line).time()
}

/// Longer lines are text, whatever they hold.
const MAX_LINE_BYTES: usize = 120;
const MAX_TOKENS: usize = 16;

/// Reads a line as a date line. Every word must be a part of a date (a month or weekday
/// name, a number in a date's place, a time, a zone, a connecting word such as "at", "um",
/// "de", "в"), so a sentence that mentions a date is not a date line.
pub fn read(line: &str) -> DateLine {
    let line = line.trim();
    // Every date line has a digit (a year, a day or a time); most text lines are long.
    if line.len() > MAX_LINE_BYTES || !line.bytes().any(|b| b.is_ascii_digit()) {
        return DateLine::No;
    }
    let lower = normalise_meridiem(&line.to_lowercase());
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || SEPARATORS.contains(&c))
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.len() > MAX_TOKENS {
        return DateLine::No;
    }
    match Parts::read(&tokens) {
        Some(parts) => parts.resolve(),
        None => DateLine::No,
    }
}

/// Characters that only separate the parts of a date line.
const SEPARATORS: &[char] = &[',', '|', '@', '·', '•', '–', '—', '(', ')'];

/// "p. m." (Spanish), "p.m.", "P.M" become "pm" so that the meridiem is one token.
fn normalise_meridiem(lower: &str) -> String {
    let mut out = lower.to_string();
    for (from, to) in [
        ("a. m.", "am"),
        ("p. m.", "pm"),
        ("a.m.", "am"),
        ("p.m.", "pm"),
        ("a.m", "am"),
        ("p.m", "pm"),
    ] {
        if out.contains(from) {
            out = out.replace(from, to);
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Meridiem {
    Am,
    Pm,
}

#[derive(Clone, Copy)]
struct Clock {
    hour: u32,
    minute: u32,
    second: u32,
}

/// The parts a line gave; each may be given once.
#[derive(Default)]
struct Parts {
    year: Option<i64>,
    month: Option<u32>,
    /// A month abbreviation that is also a weekday's ("mar": March, martes, mardi): the
    /// weekday when another month is named.
    month_or_weekday: Option<u32>,
    day: Option<u32>,
    /// Digits gave the date (`2019-08-03`, `03.08.2019`, `08/03/2019`).
    numeric: bool,
    /// Day and month could be either way round (`08/03/2019`).
    ambiguous: bool,
    weekday: bool,
    /// "Yesterday", "heute": a date line, but no date.
    relative: bool,
    time: Option<Clock>,
    meridiem: Option<Meridiem>,
    /// The zone the line names: Some(None) for a zone whose offset is unknown ("CST").
    zone: Option<Option<i16>>,
}

/// Fills a part that may be given once; a second one means the line is not one date.
fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value);
    Some(())
}

impl Parts {
    /// Classifies every token, or None when one is not part of a date.
    fn read(tokens: &[&str]) -> Option<Parts> {
        let mut parts = Parts::default();
        let mut i = 0;
        // Whether the previous token was the time, so that "am" is the meridiem and not
        // German "am" (on).
        let mut after_time = false;
        while i < tokens.len() {
            let token = tokens[i];
            let next = tokens.get(i + 1).copied();
            i += 1;
            let was_after_time = std::mem::take(&mut after_time);
            if let Some(meridiem) = meridiem(token)
                && was_after_time
            {
                once(&mut parts.meridiem, meridiem)?;
                continue;
            }
            if CONNECTORS.contains(&token) {
                continue;
            }
            if token.starts_with(|c: char| c.is_ascii_digit()) {
                // "4 h 11 min" (French), "18 Uhr" (German): an hour in words.
                if let (Some(hour), Some("h" | "uhr" | "u" | "uur")) = (small_number(token), next) {
                    i += 1;
                    let mut minute = 0;
                    if next == Some("h")
                        && let Some(m) = tokens.get(i).and_then(|t| small_number(t))
                    {
                        minute = m;
                        i += 1;
                        if matches!(tokens.get(i).copied(), Some("min" | "mn" | "m")) {
                            i += 1;
                        }
                    }
                    once(&mut parts.time, clock(hour, minute, 0)?)?;
                    after_time = true;
                    continue;
                }
                after_time = parts.number(token)?;
                continue;
            }
            if token.starts_with(['+', '-']) && token.len() > 1 {
                once(
                    &mut parts.zone,
                    Some(parse_offset(&token[1..], token.starts_with('-'))?),
                )?;
                continue;
            }
            if let Some(zone) = zone(token) {
                once(&mut parts.zone, zone)?;
                continue;
            }
            let month = month(token);
            let weekday = is_weekday(token);
            match (month, weekday) {
                (Some(m), true) => once(&mut parts.month_or_weekday, m)?,
                (Some(m), false) => once(&mut parts.month, m)?,
                (None, true) => parts.weekday = true,
                (None, false) if RELATIVE_DAYS.contains(&token) => parts.relative = true,
                (None, false) => return None,
            }
        }
        if parts.month_or_weekday.is_some() {
            if parts.month.is_some() {
                parts.weekday = true;
            } else {
                parts.month = parts.month_or_weekday;
            }
        }
        Some(parts)
    }

    /// Reads a token that starts with a digit; returns whether it was the time.
    fn number(&mut self, token: &str) -> Option<bool> {
        if let Some((year, month, day)) = cjk_date(token) {
            self.numeric = true;
            once(&mut self.year, year)?;
            once(&mut self.month, month)?;
            once(&mut self.day, day)?;
            return Some(false);
        }
        if token.contains('t') && token.contains('-') && token.contains(':') {
            // ISO 8601 in one token: "2019-08-03t04:11:00+00:00" (lowercased).
            let time = Timestamp::parse_iso(&token.to_ascii_uppercase())?;
            let (y, mo, d, h, mi, s) = time.civil();
            self.numeric = true;
            once(&mut self.year, y)?;
            once(&mut self.month, mo)?;
            once(&mut self.day, d)?;
            once(&mut self.time, clock(h, mi, s)?)?;
            once(&mut self.zone, time.offset())?;
            return Some(true);
        }
        if let Some((clock, meridiem)) = parse_clock(token) {
            once(&mut self.time, clock)?;
            if let Some(m) = meridiem {
                once(&mut self.meridiem, m)?;
            }
            return Some(true);
        }
        if let Some(date) = numeric_date(token) {
            self.numeric = true;
            self.ambiguous |= date.ambiguous;
            once(&mut self.year, date.year)?;
            once(&mut self.month, date.month)?;
            once(&mut self.day, date.day)?;
            return Some(false);
        }
        // "4.11" after the date: a time with a dot (Finnish "klo 4.11").
        if self.year.is_some()
            && let Some((h, m)) = token.split_once('.')
            && m.len() == 2
            && let (Some(h), Some(m)) = (small_number(h), small_number(m))
        {
            once(&mut self.time, clock(h, m, 0)?)?;
            return Some(true);
        }
        let digits = token.trim_end_matches(|c: char| !c.is_ascii_digit());
        let suffix = &token[digits.len()..];
        if digits.len() == 4 && matches!(suffix, "" | ".") {
            let year: i64 = digits.parse().ok()?;
            if !(1900..=2199).contains(&year) {
                return None;
            }
            once(&mut self.year, year)?;
            return Some(false);
        }
        // A day: "3", "10." (German), "3rd", "1er" (French), "1º".
        if matches!(
            suffix,
            "" | "." | "st" | "nd" | "rd" | "th" | "er" | "e" | "º" | "ª" | ".º"
        ) && let Some(day) = small_number(digits)
            && (1..=31).contains(&day)
        {
            once(&mut self.day, day)?;
            return Some(false);
        }
        None
    }

    fn resolve(self) -> DateLine {
        let has_time = self.time.is_some();
        let is_date = (self.year.is_some() && self.month.is_some())
            || self.numeric
            || ((self.month.is_some() && self.day.is_some()) || self.relative || self.weekday)
                && has_time;
        if !is_date {
            return DateLine::No;
        }
        let (Some(year), Some(month), Some(day)) = (self.year, self.month, self.day) else {
            return DateLine::Unclear;
        };
        if self.ambiguous || self.relative {
            return DateLine::Unclear;
        }
        let Clock {
            mut hour,
            minute,
            second,
        } = self.time.unwrap_or(Clock {
            hour: 0,
            minute: 0,
            second: 0,
        });
        match (self.meridiem, hour) {
            (None, _) => {}
            (Some(Meridiem::Am), 12) => hour = 0,
            (Some(Meridiem::Am), 0..=11) => {}
            (Some(Meridiem::Pm), 1..=11) => hour += 12,
            // "16:00 pm" still says when; "16:00 am" contradicts itself.
            (Some(Meridiem::Pm), _) => {}
            (Some(Meridiem::Am), _) => return DateLine::Unclear,
        }
        let offset = self.zone.flatten();
        match Timestamp::from_parts(year, month, day, hour, minute, second, offset) {
            Some(time) => DateLine::At(time),
            None => DateLine::Unclear,
        }
    }
}

fn meridiem(token: &str) -> Option<Meridiem> {
    match token {
        "am" => Some(Meridiem::Am),
        "pm" => Some(Meridiem::Pm),
        _ => None,
    }
}

fn clock(hour: u32, minute: u32, second: u32) -> Option<Clock> {
    (hour <= 24 && minute <= 59 && second <= 60).then_some(Clock {
        hour: hour % 24,
        minute,
        second,
    })
}

/// One or two ASCII digits.
fn small_number(text: &str) -> Option<u32> {
    if (1..=2).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

/// Exactly two ASCII digits.
fn two_digits(text: &str) -> Option<u32> {
    if text.len() == 2 {
        small_number(text)
    } else {
        None
    }
}

/// "4:11", "04:11:59", "4:11am", "4h11", "18h".
fn parse_clock(token: &str) -> Option<(Clock, Option<Meridiem>)> {
    let (body, meridiem) = if let Some(body) = token.strip_suffix("am") {
        (body, Some(Meridiem::Am))
    } else if let Some(body) = token.strip_suffix("pm") {
        (body, Some(Meridiem::Pm))
    } else {
        (token, None)
    };
    if let Some((h, rest)) = body.split_once(':') {
        let hour = small_number(h)?;
        let (minute, second) = match rest.split_once(':') {
            Some((m, s)) => (two_digits(m)?, two_digits(s)?),
            None => (two_digits(rest)?, 0),
        };
        return Some((clock(hour, minute, second)?, meridiem));
    }
    let (h, m) = body.split_once('h')?;
    let hour = small_number(h)?;
    let minute = if m.is_empty() { 0 } else { two_digits(m)? };
    Some((clock(hour, minute, 0)?, meridiem))
}

/// "+02:00", "+0200", "+2" after the sign.
fn parse_offset(digits: &str, negative: bool) -> Option<i16> {
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (small_number(h)?, two_digits(m)?),
        None if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) => {
            (two_digits(&digits[..2])?, two_digits(&digits[2..])?)
        }
        None => (small_number(digits)?, 0),
    };
    if hours > 14 || minutes > 59 {
        return None;
    }
    let total = i16::try_from(hours * 60 + minutes).ok()?;
    Some(if negative { -total } else { total })
}

/// A zone name: Some(Some(offset)), Some(None) when its offset is ambiguous ("CST": US
/// Central or China), None when the token is not a zone.
fn zone(token: &str) -> Option<Option<i16>> {
    for prefix in ["utc", "gmt"] {
        if let Some(rest) = token.strip_prefix(prefix) {
            return match rest.as_bytes().first() {
                None => Some(Some(0)),
                Some(b'+') => parse_offset(&rest[1..], false).map(Some),
                Some(b'-') => parse_offset(&rest[1..], true).map(Some),
                _ => None,
            };
        }
    }
    let minutes = match token {
        "z" => 0,
        "wet" => 0,
        "cet" | "west" | "met" => 60,
        "cest" | "eet" | "mest" => 120,
        "eest" | "msk" => 180,
        "est" => -300,
        "edt" => -240,
        "mst" => -420,
        "mdt" => -360,
        "pst" => -480,
        "pdt" => -420,
        "cst" | "cdt" | "ist" | "bst" | "ast" => return Some(None),
        _ => return None,
    };
    Some(Some(minutes))
}

struct NumericDate {
    year: i64,
    month: u32,
    day: u32,
    ambiguous: bool,
}

/// `2019-08-03`, `2019/08/03`, `2019.08.03` (year first: year, month, day);
/// `03.08.2019` (dots: day first, as everywhere dots are written); `08/03/2019`,
/// `03-08-2019`: day or month first, known only when one part is over 12 or both are equal.
fn numeric_date(token: &str) -> Option<NumericDate> {
    let separator = token.chars().find(|c| matches!(c, '-' | '.' | '/'))?;
    let mut parts = token.split(separator);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let year_of = |text: &str| -> Option<i64> {
        (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse().ok())
            .flatten()
            .filter(|y| (1900..=2199).contains(y))
    };
    if let Some(year) = year_of(a) {
        let (month, day) = (small_number(b)?, small_number(c)?);
        return valid(year, month, day, false);
    }
    let year = year_of(c)?;
    let (first, second) = (small_number(a)?, small_number(b)?);
    if separator == '.' {
        return valid(year, second, first, false);
    }
    match (first > 12, second > 12) {
        (true, true) => None,
        (true, false) => valid(year, second, first, false),
        (false, true) => valid(year, first, second, false),
        // Either way round: read as month first only to check it is a date at all.
        (false, false) => valid(year, first, second, first != second),
    }
}

fn valid(year: i64, month: u32, day: u32, ambiguous: bool) -> Option<NumericDate> {
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(NumericDate {
        year,
        month,
        day,
        ambiguous,
    })
}

/// "2019年8月3日" (Chinese and Japanese).
fn cjk_date(token: &str) -> Option<(i64, u32, u32)> {
    let (year, rest) = token.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日')?;
    let year: i64 = year.parse().ok().filter(|_| year.len() == 4)?;
    let (month, day) = (small_number(month)?, small_number(day)?);
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
}

/// Words between the parts of a date line ("at", "um", "de", "alle", "в", "kl.").
const CONNECTORS: &[&str] = &[
    "-", "/", ":", // separators on their own
    "at", "on", "the", "of", // English
    "um", "am", "den", "uhr", // German
    "à", "a", "le", "h", "min", // French
    "de", "del", "la", "las", "el", "hrs", "hs", // Spanish
    "alle", "il", "ore", "all'", // Italian
    "om", "op", "uur", "u", // Dutch
    "às", "as", "em", // Portuguese
    "o", "godz.", "godz", "r.", "roku", "w", // Polish
    "в", "во", "г.", "г", "года", // Russian
    "kl.", "kl", "klockan", "klokken", // Scandinavian
    "klo", "kello", // Finnish
    "v", "ve", // Czech
];

/// Words that make a date line of a time, but give no date.
#[rustfmt::skip]
const RELATIVE_DAYS: &[&str] = &[
    "yesterday", "today", "gestern", "heute", "hier", "aujourd'hui", "aujourd’hui", "ayer",
    "hoy", "ieri", "oggi", "gisteren", "vandaag", "ontem", "hoje", "wczoraj", "dzisiaj", "dziś",
    "вчера", "сегодня", "igår", "idag",
];

/// Month names in the languages comment sections are written in, with the inflections
/// dates use (Polish "sierpnia", Russian "августа"), one row a month.
#[rustfmt::skip]
const MONTHS: [&[&str]; 12] = [
    &["january", "januar", "janvier", "enero", "gennaio", "januari", "janeiro", "styczeń",
      "stycznia", "январь", "января", "leden", "ledna", "січень", "січня", "ocak"],
    &["february", "februar", "février", "fevrier", "febrero", "febbraio", "februari",
      "fevereiro", "luty", "lutego", "февраль", "февраля", "únor", "února",
      "лютий", "лютого", "şubat"],
    &["march", "märz", "maerz", "mars", "marzo", "maart", "mrt", "março", "marco", "marzec",
      "marca", "март", "марта", "marts", "březen", "března", "березень",
      "березня", "mart"],
    &["april", "avril", "abril", "aprile", "kwiecień", "kwietnia", "апрель", "апреля",
      "duben", "dubna", "квітень", "квітня", "nisan"],
    &["may", "mai", "mayo", "maggio", "mei", "maio", "maj", "maja", "май", "мая", "květen", "května", "травень", "травня", "mayıs"],
    &["june", "juni", "juin", "junio", "giugno", "junho", "czerwiec", "czerwca", "июнь", "июня",
      "červen", "června", "червень", "червня", "haziran"],
    &["july", "juli", "juillet", "julio", "luglio", "julho", "lipiec", "lipca", "июль", "июля",
      "červenec", "července", "липень", "липня", "temmuz"],
    &["august", "août", "aout", "agosto", "augustus", "augusti", "sierpień", "sierpnia",
      "август", "августа", "srpen", "srpna", "серпень", "серпня", "ağustos"],
    &["september", "septembre", "septiembre", "settembre", "setembro", "wrzesień", "września",
      "сентябрь", "сентября", "září", "вересень", "вересня", "eylül"],
    &["october", "oktober", "octobre", "octubre", "ottobre", "outubro", "październik",
      "października", "октябрь", "октября", "říjen", "října", "жовтень", "жовтня",
      "ekim"],
    &["november", "novembre", "noviembre", "novembro", "listopad", "listopada", "ноябрь",
      "ноября", "listopadu", "листопад", "листопада", "kasım"],
    &["december", "dezember", "décembre", "decembre", "diciembre", "dicembre", "dezembro",
      "grudzień", "grudnia", "декабрь", "декабря", "prosinec", "prosince",
      "грудень", "грудня", "aralık"],
];

/// Finnish month names (in the partitive dates use), read only in full: "mar" is March, not
/// "marraskuuta" (November).
const FINNISH_MONTHS: [&str; 12] = [
    "tammikuuta",
    "helmikuuta",
    "maaliskuuta",
    "huhtikuuta",
    "toukokuuta",
    "kesäkuuta",
    "heinäkuuta",
    "elokuuta",
    "syyskuuta",
    "lokakuuta",
    "marraskuuta",
    "joulukuuta",
];

#[rustfmt::skip]
const WEEKDAYS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "sonnabend",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
    "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
    "poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela",
    "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
    "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
    "mandag", "tirsdag", "lørdag", "søndag",
];

/// Abbreviations are at least three letters ("Feb", "févr.", "сент.").
const MIN_ABBREVIATION: usize = 3;

/// Whether `token` is `name` or an abbreviation of it (a prefix, with an optional full
/// stop).
fn names(token: &str, name: &str) -> bool {
    let short = token.strip_suffix('.').unwrap_or(token);
    token == name || (short.chars().count() >= MIN_ABBREVIATION && name.starts_with(short))
}

/// The month a name or abbreviation names; an abbreviation of names of different months
/// ("čer": červen, červenec) names none.
fn month(token: &str) -> Option<u32> {
    if !token.starts_with(char::is_alphabetic) {
        return None;
    }
    if let Some(index) = FINNISH_MONTHS.iter().position(|&name| name == token) {
        return Some(index as u32 + 1);
    }
    let mut found = None;
    for (index, row) in MONTHS.iter().enumerate() {
        let number = index as u32 + 1;
        if row.contains(&token) {
            return Some(number);
        }
        if row.iter().any(|name| names(token, name)) {
            if found.is_some_and(|f| f != number) {
                return None;
            }
            found = Some(number);
        }
    }
    found
}

fn is_weekday(token: &str) -> bool {
    token.starts_with(char::is_alphabetic) && WEEKDAYS.iter().any(|name| names(token, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: &str) -> String {
        match read(line) {
            DateLine::At(time) => time.to_string(),
            other => panic!("{line:?} read as {other:?}"),
        }
    }

    #[test]
    fn comment_date_lines_in_many_languages() {
        for (line, time) in [
            ("August 3, 2019 at 4:11 am", "2019-08-03T04:11:00"),
            ("Feb 8, 2013 at 11:48 pm", "2013-02-08T23:48:00"),
            ("Mar 10, 2013 at 1:37 pm", "2013-03-10T13:37:00"),
            ("Oct 5, 2013 at 12:10 pm", "2013-10-05T12:10:00"),
            ("3 August 2019 at 04:11", "2019-08-03T04:11:00"),
            ("10. Februar 2019 um 18:05 Uhr", "2019-02-10T18:05:00"),
            ("3 août 2019 à 4 h 11 min", "2019-08-03T04:11:00"),
            ("3 août 2019 à 4 h 11", "2019-08-03T04:11:00"),
            ("3 de agosto de 2019 a las 4:11", "2019-08-03T04:11:00"),
            ("3 agosto 2019 alle 04:11", "2019-08-03T04:11:00"),
            ("3 augustus 2019 om 04:11", "2019-08-03T04:11:00"),
            ("3 de agosto de 2019 às 04:11", "2019-08-03T04:11:00"),
            ("3 sierpnia 2019 o 04:11", "2019-08-03T04:11:00"),
            ("3 августа 2019 в 04:11", "2019-08-03T04:11:00"),
            ("3 августа 2019 г. в 04:11", "2019-08-03T04:11:00"),
            ("3 augusti 2019 kl. 04:11", "2019-08-03T04:11:00"),
            ("3. elokuuta 2019 klo 4.11", "2019-08-03T04:11:00"),
            ("2019-08-03 04:11", "2019-08-03T04:11:00"),
            ("03.08.2019 04:11", "2019-08-03T04:11:00"),
            ("03.08.2019 um 04:11 Uhr", "2019-08-03T04:11:00"),
            ("2019/08/03 04:11:09", "2019-08-03T04:11:09"),
            ("2019年8月3日 4:11", "2019-08-03T04:11:00"),
            (
                "3 de agosto de 2019 a las 4:11 p. m.",
                "2019-08-03T16:11:00",
            ),
            ("August 3rd, 2019 at 4:11pm", "2019-08-03T16:11:00"),
            ("1er août 2019 à 18h05", "2019-08-01T18:05:00"),
            ("Saturday, August 3, 2019 - 4:11 AM", "2019-08-03T04:11:00"),
            (
                "mar., 6 de agosto de 2019 12:00 a. m.",
                "2019-08-06T00:00:00",
            ),
            ("Sept. 3, 2019, 12:30 p.m.", "2019-09-03T12:30:00"),
            ("am 3. August 2019 um 18 Uhr", "2019-08-03T18:00:00"),
            ("29 февраля 2020 в 23:59", "2020-02-29T23:59:00"),
        ] {
            assert_eq!(at(line), time, "{line}");
        }
    }

    #[test]
    fn upper_case_lines_read_alike() {
        for (line, time) in [
            ("AUGUST 3, 2019 AT 4:11 AM", "2019-08-03T04:11:00"),
            ("FEB 8, 2013 AT 11:48 PM", "2013-02-08T23:48:00"),
            ("10. FEBRUAR 2019 UM 18:05 UHR", "2019-02-10T18:05:00"),
            ("3 AOÛT 2019 À 4 H 11 MIN", "2019-08-03T04:11:00"),
            ("3 АВГУСТА 2019 В 04:11", "2019-08-03T04:11:00"),
        ] {
            assert_eq!(at(line), time, "{line}");
        }
    }

    #[test]
    fn offsets_only_when_the_line_gives_one() {
        for (line, time) in [
            ("August 3, 2019 at 4:11 am UTC", "2019-08-03T04:11:00+00:00"),
            (
                "August 3, 2019 at 4:11 am GMT+2",
                "2019-08-03T04:11:00+02:00",
            ),
            ("2019-08-03 04:11 +05:30", "2019-08-03T04:11:00+05:30"),
            ("2019-08-03 04:11 -0400", "2019-08-03T04:11:00-04:00"),
            ("2019-08-03T04:11:00+00:00", "2019-08-03T04:11:00+00:00"),
            ("3. August 2019 um 18:05 CEST", "2019-08-03T18:05:00+02:00"),
            ("August 3, 2019 at 4:11 pm CST", "2019-08-03T16:11:00"),
        ] {
            assert_eq!(at(line), time, "{line}");
        }
    }

    #[test]
    fn date_lines_that_do_not_say_when() {
        for line in [
            "08/03/2019",
            "08/03/2019 at 4:11 am",
            "03-08-2019 04:11",
            "MAY 2021",
            "Yesterday at 4:11 pm",
            "gestern um 18:05",
            "August 3 at 4:11 am",
            "February 30, 2019 at 4:11 am",
            "August 3, 2019 at 16:11 am",
        ] {
            assert_eq!(read(line), DateLine::Unclear, "{line}");
            assert!(is_date_line(line), "{line}");
            assert_eq!(read_time(line), None, "{line}");
        }
        // One part over 12, or both equal: only one reading.
        assert_eq!(at("13/08/2019"), "2019-08-13T00:00:00");
        assert_eq!(at("08/13/2019 4:11 pm"), "2019-08-13T16:11:00");
        assert_eq!(at("03/03/2019"), "2019-03-03T00:00:00");
    }

    #[test]
    fn article_dates_as_the_preamble_knew_them() {
        for date in [
            "MAY 2021",
            "May 18, 2021",
            "18 May 2021",
            "2021-05-18",
            "Tue, Sep 1st 2020",
        ] {
            assert!(is_date_line(date), "{date}");
        }
        assert_eq!(at("Tue, Sep 1st 2020"), "2020-09-01T00:00:00");
    }

    #[test]
    fn text_that_is_not_a_date_line() {
        for line in [
            "Is Lukashenko Losing Battle For Belarus?",
            "Lukashenko Calls For Further Integration With Russia, After Sabotaging It For Years",
            "2021",
            "May",
            "21:00",
            "4:11 am",
            "March on 2021 streets",
            "I met her on August 3, 2019 at 4:11 am",
            "August 3, 2019 at 4:11 am and again",
            "August 2, 2019August 2, 2019",
            "Posted on August 2, 2019",
            "Alyssa says:",
            "Reply",
            "Rhodium 10",
            "1. Name says:",
            "The 3 of us in 2019",
            "32 August 2019",
            "August 3, 2019 August 4, 2019",
            "99/99/2019",
            "12/13/14/2019",
            "3 čer 2019",
            "",
            "   ",
        ] {
            assert_eq!(read(line), DateLine::No, "{line}");
        }
        let long = format!("August 3, 2019 at 4:11 am{}", " at".repeat(40));
        assert_eq!(read(&long), DateLine::No);
    }

    #[test]
    fn abbreviations_name_one_month() {
        assert_eq!(month("sept."), Some(9));
        assert_eq!(month("févr."), Some(2));
        assert_eq!(month("mrt"), Some(3));
        assert_eq!(month("сент."), Some(9));
        assert_eq!(month("čer"), None);
        assert_eq!(month("mar"), Some(3));
        assert_eq!(month("marraskuuta"), Some(11));
        assert_eq!(month("ma"), None);
        assert_eq!(month("maybe"), None);
    }

    #[test]
    fn hostile_lines_do_not_panic() {
        for line in [
            "\u{0}1",
            "9999999999999999999999 August 2019",
            "August 3, 2019 at 99999999999:11",
            "+99999999999",
            "utc+99:99 2019-08-03",
            "2019年99月3日",
            "年月日1",
            "1h",
            "h1 2019 May",
            "3 h",
            "am pm 1",
            "2019-08-03t",
            "ǅ 1 ß 2019",
        ] {
            let _ = read(line);
        }
    }
}

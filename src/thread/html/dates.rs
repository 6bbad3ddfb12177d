//! Dates as pages write them for people, in the languages comment templates use:
//! "August 3, 2019 at 4:11 am", "3 August 2019 at 16:11", "10. Februar 2019 um 18:05 Uhr",
//! "3 août 2019 à 16 h 11 min". Only what reads one way: a month name, a day and a four-digit
//! year, and a time when there is one. Numeric dates (03/04/2019) are not read: the order of
//! day and month is a guess.

use super::super::Timestamp;

/// Month names and abbreviations (lower case, without a trailing dot), English, German,
/// French, Spanish, Italian, Dutch and Portuguese.
const MONTHS: [&[&str]; 12] = [
    &[
        "january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen",
        "januari", "janeiro",
    ],
    &[
        "february",
        "feb",
        "februar",
        "février",
        "févr",
        "fevrier",
        "febrero",
        "febbraio",
        "februari",
        "fevereiro",
        "fev",
    ],
    &[
        "march", "mar", "märz", "maerz", "mars", "marzo", "maart", "mrt", "março",
    ],
    &["april", "apr", "avril", "avr", "abril", "abr", "aprile"],
    &["may", "mai", "mayo", "maggio", "mag", "mei", "maio"],
    &[
        "june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho",
    ],
    &[
        "july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho",
    ],
    &["august", "aug", "août", "aout", "agosto", "ago", "augustus"],
    &[
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "settembre",
        "set",
        "setembro",
    ],
    &[
        "october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro",
        "out",
    ],
    &["november", "nov", "novembre", "noviembre", "novembro"],
    &[
        "december",
        "dec",
        "dezember",
        "dez",
        "décembre",
        "déc",
        "decembre",
        "diciembre",
        "dic",
        "dicembre",
        "dezembro",
    ],
];

fn month_of(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&word.as_str()))
        .map(|index| index as u32 + 1)
}

/// A date (and time) written for people, or None when it does not read unambiguously.
pub fn parse_date_text(text: &str) -> Option<Timestamp> {
    // Words, with the punctuation around them taken off ("3,", "10.", "(UTC)").
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ',')))
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| -> Option<u32> {
        (w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse().ok())
            .flatten()
    };
    let month_at = words.iter().position(|w| month_of(w).is_some())?;
    let month = month_of(words[month_at])?;
    let is_day = |w: &str| {
        let digits = w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h', 'º', 'o']);
        (1..=2).contains(&digits.len()) && number(digits).is_some_and(|d| (1..=31).contains(&d))
    };
    let day_word = match (
        month_at.checked_sub(1).map(|i| words[i]),
        words.get(month_at + 1),
    ) {
        (Some(before), _) if is_day(before) => before,
        (_, Some(after)) if is_day(after) => after,
        // "3 de agosto de 2019"
        (Some("de"), _) if month_at >= 2 && is_day(words[month_at - 2]) => words[month_at - 2],
        _ => return None,
    };
    let day = number(day_word.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h', 'º', 'o']))?;
    let years: Vec<u32> = words
        .iter()
        .filter(|w| w.len() == 4)
        .filter_map(|w| number(w))
        .collect();
    let [year] = years[..] else {
        return None;
    };
    let (hour, minute) = time_of_day(&words).unwrap_or((0, 0));
    Timestamp::from_parts(i64::from(year), month, day, hour, minute, 0, None)
}

/// "4:11 am", "16:11", "16 h 11", "16h11": hours and minutes on a 24-hour clock.
fn time_of_day(words: &[&str]) -> Option<(u32, u32)> {
    for (at, word) in words.iter().enumerate() {
        let lower = word.to_lowercase();
        let (hours, minutes) = if let Some((h, m)) = lower.split_once(':') {
            (h.to_string(), m.to_string())
        } else if let Some((h, m)) = lower.split_once('h').filter(|(h, _)| !h.is_empty()) {
            (h.to_string(), m.to_string())
        } else if lower.bytes().all(|b| b.is_ascii_digit())
            && lower.len() <= 2
            && words.get(at + 1) == Some(&"h")
        {
            (
                lower.clone(),
                words.get(at + 2).map_or(String::new(), |m| m.to_string()),
            )
        } else {
            continue;
        };
        // "4:11am" keeps its suffix in the minutes.
        let (minutes, suffix) = minutes.split_at(
            minutes
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(minutes.len()),
        );
        let (Ok(mut hour), Ok(minute)) = (hours.parse::<u32>(), minutes.parse::<u32>()) else {
            continue;
        };
        if hours.len() > 2 || minutes.len() != 2 {
            continue;
        }
        let meridiem = if suffix.is_empty() {
            words
                .get(at + 1)
                .map(|w| w.to_lowercase())
                .unwrap_or_default()
        } else {
            suffix.to_string()
        };
        match meridiem.trim_end_matches('.').replace('.', "").as_str() {
            "am" if hour == 12 => hour = 0,
            "pm" if hour < 12 => hour += 12,
            "am" | "pm" if hour > 12 => return None,
            _ => {}
        }
        return (hour < 24 && minute < 60).then_some((hour, minute));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<String> {
        parse_date_text(text).map(|t| t.to_string())
    }

    #[test]
    fn dates_in_several_languages() {
        for (text, expected) in [
            ("August 3, 2019 at 4:11 am", "2019-08-03T04:11:00"),
            ("Feb 8, 2013 at 11:48 pm", "2013-02-08T23:48:00"),
            ("December 1, 2020 at 12:05 am", "2020-12-01T00:05:00"),
            ("3 August 2019 at 16:11", "2019-08-03T16:11:00"),
            ("10. Februar 2019 um 18:05 Uhr", "2019-02-10T18:05:00"),
            ("3 août 2019 à 16 h 11 min", "2019-08-03T16:11:00"),
            ("3 août 2019 à 16h11", "2019-08-03T16:11:00"),
            ("3 de agosto de 2019 a las 16:11", "2019-08-03T16:11:00"),
            ("March 21st, 2010", "2010-03-21T00:00:00"),
            ("Samstag, 5. Oktober 2013", "2013-10-05T00:00:00"),
        ] {
            assert_eq!(read(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn what_does_not_read_one_way_is_not_read() {
        for text in [
            "21:00",
            "03/04/2019 at 4:11 am",
            "August 2019",
            "August 3 at 4:11 am",
            "yesterday",
            "2 hours ago",
            "February 30, 2019",
            "August 3, 2019, 2020",
            "",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }
}

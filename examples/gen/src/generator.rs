//! The generator behind `gen` (main.rs), kept apart from its command line so the
//! benchmarks (benches/) can write the same threads without spawning a process.

use std::collections::HashSet;
use std::io::{self, Write};

/// Layout of the saved page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Nested page: "  1. Name says:" headers, indentation shows the reply level.
    Numbered,
    /// Page that lost its nesting: comments in blank-line runs, optional name lines.
    Flat,
}

// ---------------------------------------------------------------- PRNG

/// xoshiro256** seeded through splitmix64: fast, good enough, and fully reproducible.
struct Rng {
    s: [u64; 4],
}

impl Rng {
    fn new(seed: u64) -> Self {
        // splitmix64 spreads any seed (even 0) so the xoshiro state is never all zero.
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng {
            s: [next(), next(), next(), next()],
        }
    }

    fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform in 0..n by multiply-shift; its bias is far below anything visible here.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    fn idx(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// Uniform in lo..=hi.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.idx(hi - lo + 1)
    }

    /// True with probability `p` per ten thousand. Integers only, so no float rounding
    /// can ever make two runs differ.
    fn chance(&mut self, p: u64) -> bool {
        self.below(10_000) < p
    }

    fn word(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.idx(xs.len())]
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.idx(xs.len())]
    }
}

// ---------------------------------------------------------------- word lists

#[rustfmt::skip]
const FUNC: &[&str] = &[
    "the", "the", "the", "the", "a", "a", "a", "of", "of", "of", "to", "to", "to", "and", "and",
    "and", "in", "in", "is", "is", "that", "that", "it", "it", "for", "they", "they", "this", "not",
    "be", "with", "are", "have", "on", "as", "was", "but", "but", "you", "we", "he", "his", "their",
    "what", "all", "will", "would", "there", "can", "no", "so", "if", "about", "more", "from", "by",
    "at", "or", "an", "do", "who", "has", "just", "like", "than", "them", "when", "only", "even",
    "been", "were", "one", "any", "some", "how", "why", "my", "our", "its", "your", "because",
    "very", "never", "also", "still", "which", "I", "I", "I'm", "don't", "it's", "can't", "won't",
    "doesn't", "isn't", "Im", "dont", "u", "those", "these", "into", "over", "after", "before",
    "against", "without", "between", "under", "while", "where", "then", "now",
];

#[rustfmt::skip]
const CONTENT: &[&str] = &[
    "government", "people", "country", "war", "peace", "money", "power", "time", "world", "year",
    "years", "army", "military", "election", "president", "economy", "sanctions", "gas", "oil",
    "price", "prices", "border", "history", "truth", "lies", "media", "propaganda", "article",
    "comment", "point", "problem", "question", "answer", "fact", "facts", "reason", "idea",
    "opinion", "policy", "deal", "treaty", "alliance", "troops", "weapons", "missiles", "tanks",
    "drones", "soldiers", "civilians", "citizens", "leaders", "elites", "oligarchs", "corruption",
    "democracy", "freedom", "rights", "law", "court", "vote", "votes", "parliament", "party",
    "opposition", "protest", "protests", "police", "crisis", "collapse", "growth", "inflation",
    "debt", "banks", "dollar", "euro", "ruble", "market", "trade", "industry", "factories",
    "farmers", "workers", "pensions", "taxes", "schools", "hospitals", "roads", "bridges",
    "villages", "cities", "region", "regions", "territory", "land", "sea", "river", "winter",
    "summer", "future", "past", "generation", "children", "family", "friends", "neighbours",
    "enemy", "enemies", "ally", "allies", "strategy", "plan", "mistake", "mistakes", "victory",
    "defeat", "ceasefire", "negotiations", "talks", "agreement", "support", "pressure", "threat",
    "risk", "chance", "evidence", "source", "sources", "report", "reports", "analysis", "story",
    "narrative", "headline", "journalist", "blog", "site", "video", "interview", "speech",
    "statement", "claim", "claims", "numbers", "data", "percent", "million", "billion", "think",
    "know", "believe", "say", "says", "said", "see", "saw", "want", "need", "must", "should",
    "could", "might", "seems", "looks", "means", "makes", "made", "take", "took", "give", "gave",
    "get", "got", "going", "come", "came", "tell", "told", "read", "write", "wrote", "agree",
    "disagree", "understand", "remember", "forget", "expect", "happen", "happened", "win", "lose",
    "lost", "fight", "fought", "pay", "paid", "buy", "sell", "build", "built", "destroy",
    "destroyed", "start", "started", "stop", "stopped", "change", "changed", "try", "tried", "work",
    "worked", "live", "lived", "die", "died", "leave", "left", "stay", "keep", "kept", "hope",
    "fear", "blame", "trust", "ignore", "pretend", "admit", "deny", "good", "bad", "big", "small",
    "old", "new", "real", "fake", "true", "false", "free", "strong", "weak", "rich", "poor",
    "cheap", "expensive", "important", "obvious", "simple", "stupid", "clever", "honest", "corrupt",
    "western", "eastern", "russian", "american", "european", "local", "national", "foreign",
    "political", "economic", "nuclear", "huge", "tiny", "serious", "funny", "sad", "right", "wrong",
    "better", "worse", "best", "worst", "long", "short", "whole", "entire", "same", "different",
    "other", "another", "next", "last", "first", "second", "really", "actually", "probably",
    "maybe", "perhaps", "certainly", "clearly", "again", "already", "always", "often", "sometimes",
    "soon", "later", "here", "today", "tomorrow", "yesterday", "almost", "quite", "rather",
    "enough", "too", "much", "many", "few", "less", "most", "every", "each", "both", "either",
    "neither", "nothing", "everything", "someone", "nobody",
];

#[rustfmt::skip]
const PROPER: &[&str] = &[
    "Russia", "Ukraine", "Belarus", "Armenia", "Azerbaijan", "NATO", "EU", "US", "USA", "China",
    "Germany", "France", "Poland", "Moscow", "Kyiv", "Washington", "Beijing", "Brussels", "Putin",
    "Biden", "Trump", "Lukashenko", "Erdogan", "Macron", "Merkel", "Xi", "Pentagon", "Kremlin",
    "UN", "Iran", "Israel", "Turkey", "Syria", "Crimea", "Donbas", "Europe", "America", "Africa",
    "India", "Japan", "Taiwan", "Twitter", "YouTube", "Reuters", "BBC", "CNN", "Soviet", "Cold War",
    "Minsk", "Yerevan", "Baku", "Tbilisi", "Georgia", "Karabakh", "Pashinyan", "Aliyev", "Zelensky",
    "Lavrov", "Blinken", "Stoltenberg", "Gazprom", "Nord Stream", "IMF", "World Bank", "Hungary",
    "Orban", "Serbia", "Kosovo", "Baltics", "Lithuania", "Latvia", "Estonia", "Finland", "Sweden",
    "Norway", "Canada", "Australia", "Britain", "London", "Paris", "Berlin", "Warsaw", "Odessa",
    "Kharkov", "Mariupol", "St. Petersburg", "Afghanistan", "Iraq", "Libya", "Yugoslavia",
    "Mr. Putin", "Dr. Fauci", "U.S.", "U.K.", "Jan.", "Feb.", "Mon.",
];

#[rustfmt::skip]
const SHOUT: &[&str] = &[
    "NEVER", "NOT", "LIES", "WAR", "TRUTH", "WAKE UP", "NO", "STOP", "ALL", "NOBODY", "EVER",
];

#[rustfmt::skip]
const FILLERS: &[&str] = &[
    "lol", "LOL", "hahahahahahahaha", "smh", "imho", "IMO", "btw", "etc.", "e.g.", "i.e.", "ok",
    "OK", "yeah", "nope", "sigh", "meh", "wow", "Hmm", "aaaaaaaaaaaaaaaaaaaaaaargh", "/s", "#1",
    "#NoWar", "&", "(sic)", "w/o", "vs.", "...", "—", "--", "24/7", "9/11", "50/50",
];

#[rustfmt::skip]
const EMOJI: &[&str] = &[
    "😂", "😂😂😂", "🤣", "👍", "🙄", "🤔", "😡", "😀", "🙏", "🔥", "💯", "😢", "👏", "🤡", "🇺🇦", "🇷🇺", "🇺🇸", "🇦🇲",
    "❤️", "☕", "🐻", "👨‍👩‍👧", "🤷‍♂️", ":)", ":-(", ";-)", ":D", "^^",
];

#[rustfmt::skip]
const CYR_WORDS: &[&str] = &[
    "и", "в", "не", "на", "что", "это", "как", "так", "все", "он", "она", "они", "мы", "вы", "да",
    "нет", "очень", "хорошо", "плохо", "Россия", "Украина", "народ", "власть", "война", "мир",
    "правда", "деньги", "страна", "президент", "люди", "жизнь", "время", "знаю", "думаю", "будет",
    "было", "может", "нужно", "сейчас", "здесь", "там", "почему", "потому", "конечно", "наверное",
    "спасибо", "вообще", "опять", "никогда", "всегда", "Запад", "Москва", "Киев", "санкции", "газ",
    "цены", "выборы", "армия", "граница", "история", "ёлки", "щи", "съезд",
];

#[rustfmt::skip]
const GREEK_WORDS: &[&str] = &[
    "και", "το", "να", "η", "ο", "είναι", "δεν", "με", "για", "που", "στο", "τα", "της", "θα",
    "από", "αυτό", "Ελλάδα", "κυβέρνηση", "πόλεμος", "ειρήνη", "λαός", "αλήθεια", "χρήματα", "πολύ",
    "καλά", "ναι", "όχι", "τώρα", "πάντα", "ποτέ", "ευχαριστώ", "άνθρωποι", "χώρα", "Ευρώπη",
    "Τουρκία", "σύνορα", "οικονομία", "ψέματα", "δημοκρατία",
];

/// Chinese characters are taken as 1-3 character "words" with no spaces.
#[rustfmt::skip]
const HANZI: &[&str] = &[
    "的", "一", "是", "不", "了", "人", "我", "在", "有", "他", "这", "中", "大", "来", "上", "国", "个", "到", "说",
    "们", "为", "子", "和", "你", "地", "出", "道", "也", "时", "年", "战争", "和平", "美国", "俄罗斯", "中国", "乌克兰",
    "政府", "人民", "经济", "问题", "我们", "他们", "没有", "因为", "所以", "但是", "可能", "知道", "觉得", "真的", "现在", "已经",
    "新闻",
];

#[rustfmt::skip]
const JAPANESE: &[&str] = &[
    "の", "は", "を", "に", "が", "で", "と", "も", "です", "ます", "した", "ない", "日本", "政府", "戦争", "平和", "ロシア",
    "アメリカ", "ウクライナ", "中国", "問題", "経済", "私", "彼ら", "本当", "思います", "でしょう", "ニュース", "記事", "コメント", "だから",
    "しかし",
];

#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER",
    "OCTOBER", "NOVEMBER", "DECEMBER",
];

#[rustfmt::skip]
const DOMAINS: &[&str] = &[
    "www.reuters.com", "www.bbc.co.uk/news", "www.theguardian.com/world", "tass.com",
    "www.rt.com/news", "www.aljazeera.com/news", "news.antiwar.com", "www.nytimes.com",
    "www.washingtonpost.com/world", "archive.ph", "t.me", "substack.com/p", "www.zerohedge.com",
    "www.dw.com/en", "www.euronews.com", "www.kyivpost.com", "www.bloomberg.com/news/articles",
];

const FOOTER: &str = "Would love your thoughts, please comment.x";

// ---------------------------------------------------------------- names

#[rustfmt::skip]
const FIRST: &[&str] = &[
    "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William",
    "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
    "Charles", "Karen", "Christopher", "Nancy", "Daniel", "Lisa", "Matthew", "Betty", "Anthony",
    "Margaret", "Mark", "Sandra", "Donald", "Ashley", "Steven", "Kimberly", "Paul", "Emily",
    "Andrew", "Donna", "Joshua", "Michelle", "Kenny", "Harry", "Tommy", "Marta", "Jens", "Simon",
    "Dick", "Lars", "Sven", "Pierre", "Jean", "François", "Jürgen", "Søren", "Zoë", "José", "Ángel",
    "Łukasz", "Michał", "Dmitri", "Olaf", "Hans", "Giovanni", "Luca", "Ahmed", "Mehmet", "Ivan",
    "Nikos", "Raj", "Priya", "Chen", "Hiroshi", "Fatima", "Björn", "Inês", "Ana", "Tomás", "Seán",
    "Siobhán", "Chloé", "Aleksandar", "Goran", "Vlad", "Olena", "Bogdan", "Tariq", "Kwame", "Ngozi",
    "Mateus", "Rhys", "Bart", "Piet", "Ulrich", "Gunnar", "Eero",
];

#[rustfmt::skip]
const LAST: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson",
    "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young",
    "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter",
    "Mitchell", "Roberts", "Holm", "Jensen", "Roderet", "Müller", "Schmidt", "Dubois", "Lefèvre",
    "Nowak", "Kowalski", "Novák", "Horváth", "Rossi", "Bianchi", "Papadopoulos", "Yılmaz",
    "Andersson", "Nieminen", "Østergaard", "O'Brien", "O'Neill", "D'Angelo", "McDonald", "MacLeod",
    "Von Dast'Ard", "Smith-Jones", "Fitzgerald", "Petrović", "Kovač", "Okafor", "Mensah", "Singh",
    "Patel", "Nakamura", "Silva", "Santos", "Byrne",
];

#[rustfmt::skip]
const HANDLE_WORDS: &[&str] = &[
    "fog", "war", "cat", "lover", "truth", "seeker", "skeptic", "patriot", "eagle", "bear", "wolf",
    "shadow", "iron", "silver", "north", "realist", "observer", "anon", "guest", "citizen", "timer",
    "free", "thinker", "cold", "warrior", "peace", "tank", "vodka", "steppe", "baltic", "danube",
    "pixel", "echo", "delta", "zero", "rhodium", "cobalt", "falcon", "raven", "viking", "cossack",
    "hawk", "dove", "mountain", "river", "storm", "ghost", "captain", "major", "doctor", "prof",
    "uncle", "grumpy", "lucky", "sober", "lazy", "angry", "quiet", "lonely", "rusty", "ashur",
    "ban", "them", "all", "cechas", "vodobenikov", "reason", "voice",
];

#[rustfmt::skip]
const CONNECT: &[&str] = &["of", "in", "from", "the", "de", "von", "and"];

#[rustfmt::skip]
const CYR_FIRST: &[&str] = &[
    "Иван", "Сергей", "Андрей", "Дмитрий", "Алексей", "Ольга", "Наталья", "Елена", "Татьяна",
    "Михаил", "Владимир", "Николай", "Анна", "Мария", "Юрий", "Олег", "Богдан", "Тарас", "Оксана",
];
#[rustfmt::skip]
const CYR_LAST: &[&str] = &[
    "Петров", "Иванов", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов", "Новиков",
    "Морозов", "Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Мельник", "Ёлкин",
];
#[rustfmt::skip]
const GREEK_FIRST: &[&str] = &[
    "Γιώργος", "Νίκος", "Μαρία", "Ελένη", "Δημήτρης", "Κώστας", "Γιάννης", "Σοφία", "Παναγιώτης",
];
#[rustfmt::skip]
const GREEK_LAST: &[&str] = &[
    "Παπαδόπουλος", "Παπαδοπούλου", "Οικονόμου", "Γεωργίου", "Νικολάου", "Δημητρίου", "Καραγιάννης",
    "Βασιλείου",
];
#[rustfmt::skip]
const ZH_SURNAME: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
];
#[rustfmt::skip]
const ZH_GIVEN: &[&str] = &[
    "小", "明", "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "华",
];
#[rustfmt::skip]
const JA_SURNAME: &[&str] = &[
    "山田", "田中", "佐藤", "鈴木", "高橋", "渡辺", "伊藤", "中村", "小林", "加藤",
];
#[rustfmt::skip]
const JA_GIVEN: &[&str] = &[
    "太郎", "花子", "健", "翔太", "美咲", "大輔", "由美", "陽子", "拓也", "誠",
];
#[rustfmt::skip]
const KO_SURNAME: &[&str] = &["김", "이", "박", "최", "정"];
#[rustfmt::skip]
const KO_GIVEN: &[&str] = &["민준", "서연", "지훈", "하은", "도윤", "수빈"];
#[rustfmt::skip]
const AR_FIRST: &[&str] = &[
    "محمد", "أحمد", "علي", "فاطمة", "عمر", "خالد", "يوسف", "مريم", "حسن", "سارة",
];
#[rustfmt::skip]
const AR_LAST: &[&str] = &[
    "العلي", "الحسن", "الخطيب", "منصور", "حداد", "السيد", "عبدالله",
];
#[rustfmt::skip]
const NAME_SYMBOLS: &[&str] = &["™", "™", "™", "®", "©", "★", "✓", "☭", "✝", "☮"];
#[rustfmt::skip]
const NAME_EMOJI: &[&str] = &["🐱", "🇺🇸", "🇺🇦", "🇬🇧", "🌻", "😎", "🦅", "🐻", "🍺", "⚓"];

fn title_word(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn initial(r: &mut Rng) -> char {
    char::from(b'A' + r.idx(26) as u8)
}

fn handle(r: &mut Rng) -> String {
    let a = r.word(HANDLE_WORDS);
    let b = r.word(HANDLE_WORDS);
    match r.idx(4) {
        0 => format!("{a}{b}"),
        1 => format!("{a}_{b}"),
        2 => format!("{a} {b}"),
        _ => a.to_string(),
    }
}

fn latin_name(r: &mut Rng) -> String {
    format!("{} {}", r.word(FIRST), r.word(LAST))
}

/// One name of the per-seed pool; the mix of kinds is per mille.
fn make_name(r: &mut Rng) -> String {
    match r.idx(1000) {
        0..360 => latin_name(r),
        360..410 => format!("{}. {}", initial(r), r.word(LAST)),
        410..440 => format!("{} {}.", r.word(FIRST), initial(r)),
        440..465 => format!("{} {} {}", r.word(FIRST), r.word(FIRST), r.word(LAST)),
        465..490 => r.word(FIRST).to_string(),
        490..570 => handle(r),
        // Phrase handles, e.g. "Fog of War", "Cold Warrior".
        570..610 => {
            let a = title_word(r.word(HANDLE_WORDS));
            let b = title_word(r.word(HANDLE_WORDS));
            if r.chance(5000) {
                format!("{a} {} {b}", r.word(CONNECT))
            } else {
                format!("{a} {b}")
            }
        }
        // Digits: "Rhodium 10", "eagle1977", "bear_42".
        610..650 => {
            let w = r.word(HANDLE_WORDS);
            match r.idx(3) {
                0 => format!("{} {}", title_word(w), r.range(1, 99)),
                1 => format!("{w}{}", r.range(1940, 2010)),
                _ => format!("{w}_{}", r.range(1, 999)),
            }
        }
        // Hyphenated: "Ashur-ban-them-all".
        650..670 => {
            let n = r.range(2, 4);
            let mut s = title_word(r.word(HANDLE_WORDS));
            for _ in 0..n {
                s.push('-');
                s.push_str(r.word(HANDLE_WORDS));
            }
            s
        }
        670..685 => match r.idx(3) {
            0 => format!("Dr. {}. {}", initial(r), r.word(LAST)),
            1 => format!("Mr. {}", r.word(LAST)),
            _ => format!("{}.{}. {}", initial(r), initial(r), r.word(LAST)),
        },
        685..697 => latin_name(r).to_uppercase(),
        697..775 => {
            if r.chance(8000) {
                format!("{} {}", r.word(CYR_FIRST), r.word(CYR_LAST))
            } else {
                r.word(CYR_FIRST).to_string()
            }
        }
        775..805 => format!("{} {}", r.word(GREEK_FIRST), r.word(GREEK_LAST)),
        805..835 => {
            let mut s = r.word(ZH_SURNAME).to_string();
            for _ in 0..r.range(1, 2) {
                s.push_str(r.word(ZH_GIVEN));
            }
            s
        }
        835..860 => {
            let sep = if r.chance(2000) { " " } else { "" };
            format!("{}{sep}{}", r.word(JA_SURNAME), r.word(JA_GIVEN))
        }
        860..875 => format!("{}{}", r.word(KO_SURNAME), r.word(KO_GIVEN)),
        875..905 => format!("{} {}", r.word(AR_FIRST), r.word(AR_LAST)),
        // Symbols that pages keep in display names: "Kenny Jones ™".
        905..935 => format!("{} {}", latin_name(r), r.word(NAME_SYMBOLS)),
        935..965 => match r.idx(3) {
            0 => format!("{} {}", handle(r), r.word(NAME_EMOJI)),
            1 => format!("{} {}", r.word(NAME_EMOJI), r.word(FIRST)),
            _ => format!("{} {}", latin_name(r), r.word(NAME_EMOJI)),
        },
        // Rare names ending in "says" make headers read "Simon says says:".
        965..968 => {
            let who = ["Simon", "Mama", "Nobody", "Grandpa", "Science", "Kenny"];
            format!("{} says", r.word(&who))
        }
        _ => latin_name(r),
    }
}

/// A line the flat-format reader may take for a name: 1-4 words, each starting with an
/// uppercase letter or made only of symbols, no sentence punctuation or digits.
fn is_flat_name(s: &str) -> bool {
    let words: Vec<&str> = s.split(' ').collect();
    (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            let Some(c) = w.chars().next() else {
                return false;
            };
            let starts_ok = c.is_uppercase() || !w.chars().any(char::is_alphanumeric);
            let clean = !w
                .chars()
                .any(|c| ",;:!?\"“”()_@".contains(c) || c.is_ascii_digit());
            // A trailing dot only on initials and titles ("K.", "Dr.").
            let dot_ok = !w.ends_with('.') || w.chars().count() <= 3;
            starts_ok && clean && dot_ok
        })
}

struct NamePool {
    names: Vec<String>,
    /// Cumulative Zipf weights, rank r weighing 1/(r+3): the top author writes ~5% of
    /// comments, the top ten ~20%, and most of the pool only a handful each.
    cum: Vec<u64>,
}

impl NamePool {
    fn new(r: &mut Rng, size: usize, flat: bool) -> Self {
        let mut seen = HashSet::new();
        let mut names = Vec::with_capacity(size);
        while names.len() < size {
            let n = make_name(r);
            if (!flat || is_flat_name(&n)) && seen.insert(n.clone()) {
                names.push(n);
            }
        }
        let mut total = 0u64;
        let cum = (0..size as u64)
            .map(|rank| {
                total += 1_000_000_000 / (rank + 3);
                total
            })
            .collect();
        NamePool { names, cum }
    }

    fn pick(&self, r: &mut Rng) -> u32 {
        let x = r.below(*self.cum.last().unwrap_or(&1));
        self.cum.partition_point(|&c| c <= x) as u32
    }
}

// ---------------------------------------------------------------- text lines

/// Room kept free for what may follow the last word: closing quote, "?!", space, emoji.
const SLACK: usize = 10;

fn push_cap(out: &mut String, w: &str, cap: bool) {
    if cap {
        let mut c = w.chars();
        if let Some(f) = c.next() {
            out.extend(f.to_uppercase());
            out.push_str(c.as_str());
        }
    } else {
        out.push_str(w);
    }
}

fn sentence_end(r: &mut Rng) -> &'static str {
    match r.idx(100) {
        0..78 => ".",
        78..87 => "?",
        87..94 => "!",
        94..97 => "...",
        97 => "…",
        98 => "?!",
        _ => "!!!",
    }
}

fn url(r: &mut Rng, tok: &mut String) {
    const ID: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    match r.idx(4) {
        0 => {
            tok.push_str("https://www.youtube.com/watch?v=");
            for _ in 0..11 {
                tok.push(char::from(*r.pick(ID)));
            }
        }
        1 => {
            tok.push_str("https://en.wikipedia.org/wiki/");
            let n = r.range(1, 4);
            for i in 0..n {
                if i > 0 {
                    tok.push('_');
                }
                push_cap(tok, r.word(CONTENT), true);
            }
        }
        _ => {
            if r.chance(8000) {
                tok.push_str("https://");
            }
            tok.push_str(r.word(DOMAINS));
            if r.chance(5000) {
                tok.push_str(&format!(
                    "/{}/{:02}/{:02}",
                    r.range(2014, 2024),
                    r.range(1, 12),
                    r.range(1, 28)
                ));
            }
            tok.push('/');
            let n = r.range(2, 9);
            for i in 0..n {
                if i > 0 {
                    tok.push('-');
                }
                tok.push_str(r.word(CONTENT));
            }
            if r.chance(3000) {
                tok.push_str("/?utm_source=twitter&utm_medium=social");
            }
        }
    }
}

fn number(r: &mut Rng, tok: &mut String) {
    let s = match r.idx(7) {
        0 => format!("{}", r.range(1900, 2024)),
        1 => format!("${}.{} billion", r.range(1, 900), r.range(0, 9)),
        2 => format!("{}%", r.range(1, 100)),
        3 => format!("{},{:03}", r.range(1, 999), r.range(0, 999)),
        4 => format!("{}.{}", r.range(0, 99), r.range(0, 99)),
        5 => format!("{}", r.range(2, 60)),
        _ => format!("{} km", r.range(5, 3000)),
    };
    tok.push_str(&s);
}

/// A non-English text style: its words, whether they are spaced, and sentence ends.
#[derive(Clone, Copy)]
struct Script {
    words: &'static [&'static str],
    spaced: bool,
    ends: &'static [&'static str],
}

const CYRILLIC: Script = Script {
    words: CYR_WORDS,
    spaced: true,
    ends: &[".", ".", "!", "?"],
};
// Greek's question mark is ';'.
const GREEK: Script = Script {
    words: GREEK_WORDS,
    spaced: true,
    ends: &[".", ".", "!", ";"],
};
const CHINESE: Script = Script {
    words: HANZI,
    spaced: false,
    ends: &["。", "。", "！", "？"],
};
const JAPANESE_TEXT: Script = Script {
    words: JAPANESE,
    spaced: false,
    ends: &["。", "。", "！", "？"],
};

/// Reusable buffers, so building a line allocates nothing in the steady state.
#[derive(Default)]
struct Lines {
    line: String,
    tok: String,
}

impl Lines {
    /// Builds one line into `self.line`: at least `min` chars, aiming at `target`, never
    /// above `max`. Mostly English, now and then Cyrillic, CJK or Greek.
    fn text(&mut self, r: &mut Rng, min: usize, target: usize, max: usize, lead: Option<&str>) {
        match r.idx(10_000) {
            0..180 => self.script(r, min, target, max, &CYRILLIC),
            180..250 => self.script(r, min, target, max, &GREEK),
            250..300 => {
                let sc = if r.chance(6000) {
                    &CHINESE
                } else {
                    &JAPANESE_TEXT
                };
                // CJK is twice as wide on screen, so keep those lines shorter.
                self.script(r, min, target.min(180), max.min(200), sc)
            }
            _ => self.english(r, min, target, max, lead),
        }
    }

    fn english(&mut self, r: &mut Rng, min: usize, target: usize, max: usize, lead: Option<&str>) {
        let out = &mut self.line;
        out.clear();
        let tok = &mut self.tok;
        let mut chars = 0;
        if let Some(name) = lead {
            // Replies often address the parent's author first.
            if r.chance(6000) {
                out.push('@');
                out.push_str(name);
            } else {
                out.push_str(name);
                out.push(',');
            }
            chars = out.chars().count();
        }
        let mut sent_left = 0usize;
        let mut cap = chars == 0;
        // Open quote: words left inside it and its closing mark.
        let mut quote: Option<(usize, &str)> = None;
        loop {
            if sent_left == 0 {
                sent_left = r.range(3, 20);
            }
            tok.clear();
            let mut open = "";
            if quote.is_none() && sent_left >= 3 && r.chance(250) {
                // Pasted pages mix curly, straight and mismatched quote marks.
                let (o, c) = *r.pick(&[
                    ("“", "”"),
                    ("“", "”"),
                    ("“", "”"),
                    ("” ", " ”"),
                    ("\"", "\""),
                    ("«", "»"),
                ]);
                open = o;
                quote = Some((r.range(2, sent_left), c));
            }
            match r.idx(10_000) {
                0..110 => url(r, tok),
                110..300 => number(r, tok),
                300..750 => tok.push_str(r.word(PROPER)),
                750..800 => tok.push_str(r.word(SHOUT)),
                800..880 => tok.push_str(r.word(FILLERS)),
                880..900 => tok.push_str(if r.chance(5000) {
                    "правда"
                } else {
                    "真的"
                }),
                x if x < 900 + 4500 => push_cap(tok, r.word(FUNC), cap),
                _ => push_cap(tok, r.word(CONTENT), cap),
            }
            let tc = open.chars().count() + tok.chars().count();
            let need = chars + 1 + tc + SLACK;
            // Stop only above `min`, so dropping a trailing comma below keeps the line >= min.
            if need > max || (chars > min && need > target) {
                // A quote opened on this token is dropped with it.
                if !open.is_empty() {
                    quote = None;
                }
                if chars > min {
                    break;
                }
                // Too long for even the hard limit (a long URL): try another token.
                continue;
            }
            if chars > 0 {
                out.push(' ');
                chars += 1;
            }
            out.push_str(open);
            out.push_str(tok);
            chars += tc;
            cap = false;
            sent_left -= 1;
            if let Some((left, close)) = quote.as_mut() {
                *left -= 1;
                if *left == 0 || sent_left == 0 {
                    out.push_str(close);
                    chars += close.chars().count();
                    quote = None;
                }
            }
            if sent_left == 0 {
                let end = sentence_end(r);
                out.push_str(end);
                chars += end.chars().count();
                if r.chance(400) {
                    let e = r.word(EMOJI);
                    out.push(' ');
                    out.push_str(e);
                    chars += 1 + e.chars().count();
                }
                cap = true;
            } else if r.chance(700) {
                out.push(',');
                chars += 1;
            } else if r.chance(40) {
                out.push_str(" —");
                chars += 2;
            }
        }
        if let Some((_, close)) = quote {
            out.push_str(close);
        }
        // Never end on a comma, and never on a colon: "... says:" would read as a header.
        while out.ends_with([',', ':']) {
            out.pop();
        }
        // Most lines end a sentence; some trail off without punctuation, as people type.
        if !cap && r.chance(8800) {
            out.push_str(sentence_end(r));
        }
    }

    fn script(&mut self, r: &mut Rng, min: usize, target: usize, max: usize, sc: &Script) {
        let Script {
            words,
            spaced,
            ends,
        } = *sc;
        let out = &mut self.line;
        out.clear();
        let mut chars = 0;
        let mut sent_left = 0usize;
        loop {
            let cap = sent_left == 0;
            let w = r.word(words);
            let tc = w.chars().count();
            let need = chars + 1 + tc + SLACK;
            if (chars >= min && need > target) || need > max {
                break;
            }
            if cap {
                sent_left = r.range(3, 12);
            }
            if spaced && chars > 0 {
                out.push(' ');
                chars += 1;
            }
            push_cap(out, w, cap);
            chars += tc;
            sent_left -= 1;
            if sent_left == 0 {
                let e = r.word(ends);
                out.push_str(e);
                chars += e.chars().count();
                if spaced && r.chance(300) {
                    out.push_str(" :)");
                    chars += 3;
                }
            } else if r.chance(900) {
                out.push_str(if spaced { "," } else { "，" });
                chars += 1;
            }
        }
        if sent_left != 0 {
            while out.ends_with([',', '，']) {
                out.pop();
            }
            out.push_str(ends[0]);
        }
    }
}

/// Comment text length in chars: 40-400, skewed short (min of two uniforms, mean ~160).
fn line_target(r: &mut Rng) -> usize {
    40 + r.idx(361).min(r.idx(361))
}

fn para_count(r: &mut Rng) -> usize {
    match r.idx(100) {
        0..50 => 1,
        50..78 => 2,
        78..92 => 3,
        _ => 4,
    }
}

fn line_count(r: &mut Rng) -> usize {
    match r.idx(100) {
        0..60 => 1,
        60..88 => 2,
        _ => 3,
    }
}

// ---------------------------------------------------------------- thread structure

/// Deepest level index (0-based): level 20, a 40-space header indent.
const MAX_DEPTH: usize = 19;
const NONE: u32 = u32::MAX;

struct Node {
    depth: usize,
    author: u32,
    parent_author: u32,
    /// A comment missing from the page: it takes its number but is not printed, so its
    /// reply appears two levels below the grandparent.
    phantom: bool,
}

struct Gen<W: Write> {
    r: Rng,
    out: W,
    pool: NamePool,
    lines: Lines,
}

impl<W: Write> Gen<W> {
    fn author(&mut self) -> u32 {
        self.pool.pick(&mut self.r)
    }

    fn other_author(&mut self, a: u32) -> u32 {
        let b = self.author();
        if b == a { self.author() } else { b }
    }

    fn push(nodes: &mut Vec<Node>, depth: usize, author: u32, parent_author: u32) {
        nodes.push(Node {
            depth,
            author,
            parent_author,
            phantom: false,
        });
    }

    /// Depth for a reply to a comment at `pdepth`. 0.35% of replies hang under a comment
    /// missing from the page; about 0.2% show as a visible skip, the rest follow an earlier
    /// sibling and just look like its replies.
    fn reply_depth(&mut self, nodes: &mut Vec<Node>, pdepth: usize) -> usize {
        if pdepth + 2 <= MAX_DEPTH && self.r.chance(35) {
            nodes.push(Node {
                depth: pdepth + 1,
                author: NONE,
                parent_author: NONE,
                phantom: true,
            });
            pdepth + 2
        } else {
            pdepth + 1
        }
    }

    /// One reply and, with probability `p`/10000, 1-2 replies to it (p shrinking with depth).
    /// `gp` is whom the parent answered: that person often answers back.
    fn sub(&mut self, nodes: &mut Vec<Node>, pdepth: usize, pauthor: u32, gp: u32, p: u64) {
        if pdepth >= MAX_DEPTH {
            return;
        }
        let d = self.reply_depth(nodes, pdepth);
        let a = if gp != NONE && self.r.chance(4000) {
            gp
        } else {
            self.author()
        };
        Self::push(nodes, d, a, pauthor);
        if self.r.chance(p) {
            for _ in 0..self.r.range(1, 2) {
                self.sub(nodes, d, a, pauthor, p * 6 / 10);
            }
        }
    }

    /// Back-and-forth between `a` and `b`, each reply one level deeper.
    fn chain(
        &mut self,
        nodes: &mut Vec<Node>,
        pdepth: usize,
        pauthor: u32,
        a: u32,
        b: u32,
        left: usize,
    ) {
        if left == 0 || pdepth >= MAX_DEPTH {
            return;
        }
        let d = self.reply_depth(nodes, pdepth);
        // A third person butts in now and then.
        let who = if self.r.chance(800) { self.author() } else { a };
        Self::push(nodes, d, who, pauthor);
        self.chain(nodes, d, who, b, a, left - 1);
        // Side replies come after the whole deeper chain, as they do on real pages.
        if self.r.chance(1000) {
            self.sub(nodes, d, who, pauthor, 2000);
        }
    }

    /// One top-level comment with its replies, in page (pre-)order.
    fn thread(&mut self, nodes: &mut Vec<Node>) {
        nodes.clear();
        let root = self.author();
        Self::push(nodes, 0, root, NONE);
        match self.r.idx(1000) {
            0..520 => {}
            520..820 => {
                let k = match self.r.idx(100) {
                    0..55 => 1,
                    55..85 => 2,
                    _ => 3,
                };
                for _ in 0..k {
                    self.sub(nodes, 0, root, NONE, 2500);
                }
            }
            820..920 => {
                for _ in 0..self.r.range(3, 9) {
                    self.sub(nodes, 0, root, NONE, 6000);
                }
            }
            920..990 => {
                let b = self.other_author(root);
                let len = self.r.range(6, 12);
                self.chain(nodes, 0, root, b, root, len);
            }
            _ => {
                let b = self.other_author(root);
                let len = self.r.range(13, MAX_DEPTH);
                self.chain(nodes, 0, root, b, root, len);
            }
        }
    }

    // ------------------------------------------------------------ output

    fn write_line(&mut self, indent: usize) -> io::Result<()> {
        self.out.write_all(&SPACES.as_bytes()[..indent])?;
        self.out.write_all(self.lines.line.as_bytes())?;
        self.out.write_all(b"\n")
    }

    fn title(&mut self) -> io::Result<()> {
        let n = self.r.range(4, 11);
        let mut t = String::new();
        for i in 0..n {
            if i > 0 {
                t.push(' ');
            }
            match self.r.idx(10) {
                0..3 => t.push_str(self.r.word(PROPER)),
                3..5 if i > 0 => {
                    t.push_str(self.r.word(&["of", "the", "and", "in", "to", "for", "on"]))
                }
                _ => push_cap(&mut t, self.r.word(CONTENT), true),
            }
        }
        match self.r.idx(20) {
            0..2 => t.push('?'),
            2 => t.push('!'),
            _ => {}
        }
        writeln!(self.out, "{t}")
    }

    /// Article paragraphs: one long line each, separated by single blank lines.
    fn article(&mut self, bullets: bool) -> io::Result<()> {
        let paras = self.r.range(3, 8);
        let bullet_at = if bullets && self.r.chance(3000) {
            self.r.range(1, paras - 1)
        } else {
            usize::MAX
        };
        for i in 0..paras {
            if i > 0 {
                self.out.write_all(b"\n")?;
            }
            if i == bullet_at {
                for _ in 0..self.r.range(2, 6) {
                    let t = self.r.range(30, 160);
                    self.lines.english(&mut self.r, 20, t, 200, None);
                    self.out.write_all("  • ".as_bytes())?;
                    self.write_line(0)?;
                }
                self.out.write_all(b"\n")?;
            }
            let t = self.r.range(150, 900);
            self.lines.english(&mut self.r, 120, t, 1000, None);
            self.write_line(0)?;
        }
        Ok(())
    }

    /// Comment paragraphs, a blank line between them (none after the last).
    fn body(&mut self, indent: usize, lead: Option<u32>, flat: bool) -> io::Result<()> {
        let paras = para_count(&mut self.r);
        for p in 0..paras {
            if p > 0 {
                self.out.write_all(b"\n")?;
            }
            let n = line_count(&mut self.r);
            // Now and then a paragraph is a hand-typed list: "1. ..." or "- ...".
            let list = if n >= 2 && self.r.chance(300) {
                self.r.idx(2) + 1
            } else {
                0
            };
            for l in 0..n {
                let name = match lead {
                    Some(a) if p == 0 && l == 0 => Some(self.pool.names[a as usize].as_str()),
                    _ => None,
                };
                let t = line_target(&mut self.r);
                self.lines
                    .text(&mut self.r, 40, t, 400 - 3 * usize::from(list > 0), name);
                match list {
                    1 => self.lines.line.insert_str(0, &format!("{}. ", l + 1)),
                    2 => self.lines.line.insert_str(0, "- "),
                    _ => {}
                }
                // A lone short line without punctuation could pass for a name line.
                if flat
                    && n == 1
                    && !self
                        .lines
                        .line
                        .ends_with(['.', '!', '?', '。', '！', '？', '…', ';'])
                {
                    self.lines.line.push('.');
                }
                self.write_line(indent)?;
            }
        }
        Ok(())
    }

    fn numbered(&mut self, comments: u64) -> io::Result<()> {
        let month = self.r.word(MONTHS);
        writeln!(self.out, "{month} {}\n", self.r.range(2014, 2024))?;
        self.title()?;
        self.out.write_all(b"\n")?;
        self.article(true)?;
        self.out.write_all(b"\n\n")?;

        let mut nodes = Vec::new();
        // Sibling counters per level; top-level numbering runs across threads.
        let mut counters: Vec<usize> = Vec::new();
        let mut written = 0u64;
        while written < comments {
            self.thread(&mut nodes);
            for node in &nodes {
                if written == comments {
                    break;
                }
                let d = node.depth;
                counters.truncate(d + 1);
                counters.resize(d + 1, 0);
                // Rarely the numbering restarts at 1 mid-list (pagination, page glitches).
                let p = if d == 0 { 15 } else { 5 };
                if counters[d] >= 2 && self.r.chance(p) {
                    counters[d] = 0;
                }
                counters[d] += 1;
                if node.phantom {
                    continue;
                }
                written += 1;
                let indent = 2 * (d + 1);
                let name = &self.pool.names[node.author as usize];
                self.out.write_all(&SPACES.as_bytes()[..indent])?;
                writeln!(self.out, "{}. {name} says:\n", counters[d])?;
                if self.r.chance(200) {
                    continue;
                }
                let lead = (node.parent_author != NONE && self.r.chance(700))
                    .then_some(node.parent_author);
                self.body(indent + 2, lead, false)?;
                self.out.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    fn flat(&mut self, comments: u64) -> io::Result<()> {
        self.title()?;
        self.out.write_all(b"\n")?;
        self.article(false)?;
        // Set after an empty comment: the next one must be a name line in the same run,
        // since "name line, name line" is what marks the first as empty.
        let mut force_named = false;
        for i in 0..comments {
            let named = force_named || self.r.chance(3900);
            let new_run = i == 0 || !named || (!force_named && self.r.chance(5500));
            force_named = false;
            // Two blank lines end a run; one separates paragraphs inside it.
            self.out
                .write_all(if new_run { &b"\n\n"[..] } else { b"\n" })?;
            if named {
                let a = self.author();
                writeln!(self.out, "{}", self.pool.names[a as usize])?;
                if i + 1 < comments && self.r.chance(500) {
                    force_named = true;
                    continue;
                }
                self.out.write_all(b"\n")?;
            }
            let lead = self.r.chance(300).then(|| self.pool.pick(&mut self.r));
            self.body(0, lead, true)?;
        }
        if comments == 0 {
            self.out.write_all(b"\n")?;
        }
        writeln!(self.out, "\n{FOOTER}")
    }
}

/// Indentation source: deepest header is 40 spaces, its text 42.
const SPACES: &str = "                                                                ";
/// Writes one thread of `comments` comments in `format`; the same seed gives the same bytes.
pub fn write(format: Format, comments: u64, seed: u64, out: impl Write) -> io::Result<()> {
    let mut r = Rng::new(seed);
    let flat = format == Format::Flat;
    let pool = NamePool::new(&mut r, 3000, flat);
    let mut g = Gen {
        r,
        out,
        pool,
        lines: Lines::default(),
    };
    match format {
        Format::Numbered => g.numbered(comments)?,
        Format::Flat => g.flat(comments)?,
    }
    g.out.flush()
}

/// A folder of `files` threads with `total` comments in all: sizes from a skewed
/// distribution (most threads small, a few large), as collections are.
// Benchmarks that include this file for one thread leave it unused.
#[allow(dead_code)]
pub fn write_library(dir: &std::path::Path, files: u64, total: u64, seed: u64) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let files = files.max(1);
    // Weights 1 + k² for k below 16: most threads are small, a few up to 226 times larger.
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let weights: Vec<u64> = (0..files).map(|_| 1 + (next() % 16).pow(2)).collect();
    let sum: u64 = weights.iter().sum();
    for (index, weight) in weights.iter().enumerate() {
        let comments = (total * weight / sum).max(1);
        let format = if index % 2 == 0 {
            Format::Numbered
        } else {
            Format::Flat
        };
        // Folders of 100 files, as collections are kept.
        let folder = dir.join(format!("{:03}", index / 100));
        std::fs::create_dir_all(&folder)?;
        let path = folder.join(format!("thread-{index:05}.txt"));
        let out = io::BufWriter::with_capacity(1 << 16, std::fs::File::create(path)?);
        write(format, comments, seed + index as u64, out)?;
    }
    Ok(())
}

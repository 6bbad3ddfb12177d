//! The dumps as a pipe receives them from the real binary: CSV read back with a CSV parser,
//! JSON read back with thread-tui's reader, Markdown against snapshots, `--author`, `--grep`
//! and `--context` on every kind, and no control character from a thread on stdout.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use thread_tui::dump::{Selection, markdown};
use thread_tui::thread::{self, Thread, json};

const KINDS: [&str; 4] = ["outline", "json", "csv", "markdown"];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

/// The fixture with the details sources give (ids, times, links, scores, status, a missing
/// comment, hostile text), two threads in JSON Lines.
fn details() -> PathBuf {
    fixture("tests/fixtures/dumps/two-threads.jsonl")
}

fn belarus() -> PathBuf {
    fixture("data/losing-battle-for-belarus.txt")
}

fn run(args: &[&str], path: &Path) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_thread-tui"))
        .args(args)
        .arg(path)
        .output()
        .expect("run thread-tui");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn dump(kind: &str, extra: &[&str], path: &Path) -> String {
    let mut args = vec!["--dump", kind];
    args.extend_from_slice(extra);
    String::from_utf8(run(&args, path).stdout).expect("UTF-8")
}

type Row = std::collections::HashMap<String, String>;

fn csv_rows(text: &str) -> Vec<Row> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header,
        [
            "title",
            "file",
            "thread",
            "comment_id",
            "parent_id",
            "depth",
            "position",
            "author",
            "time",
            "body",
            "missing",
            "status",
            "score",
            "url",
            "context"
        ]
    );
    reader
        .records()
        .map(|record| {
            let record = record.expect("a well-formed record");
            header
                .iter()
                .cloned()
                .zip(record.iter().map(String::from))
                .collect()
        })
        .collect()
}

fn load(path: &Path) -> Vec<Thread> {
    thread::load_path(path, None).expect("loads").threads
}

#[test]
fn csv_reads_back_field_for_field() {
    let path = details();
    let text = dump("csv", &[], &path);
    assert!(text.ends_with("\r\n"), "records end with CRLF");
    let rows = csv_rows(&text);
    let threads = load(&path);
    assert_eq!(rows.len(), threads[0].len() + threads[1].len());
    let file = path.to_str().unwrap();
    let row = |id: &str| rows.iter().find(|r| r["comment_id"] == id).expect(id);

    let c1 = row("c1");
    assert_eq!(c1["title"], "Harbour lights, \"night\" edition");
    assert_eq!(c1["file"], file);
    assert_eq!(c1["thread"], "1");
    assert_eq!(c1["parent_id"], "");
    assert_eq!(c1["depth"], "1");
    assert_eq!(c1["position"], "1");
    assert_eq!(c1["author"], "Maren Ostby");
    assert_eq!(c1["time"], "2024-03-01T09:15:00+01:00");
    // Commas, quotes and line breaks come back exactly.
    assert_eq!(c1["body"], threads[0].body(0));
    assert!(c1["body"].contains(", \"quotes\" and\na second line.\n\nNew"));
    assert_eq!(c1["missing"], "false");
    assert_eq!(c1["status"], "approved");
    assert_eq!(c1["score"], "12");
    assert_eq!(c1["url"], "https://example.org/t/77#c1");
    assert_eq!(c1["context"], "false");

    let c2 = row("c2");
    assert_eq!(
        (c2["parent_id"].as_str(), c2["depth"].as_str()),
        ("c1", "2")
    );
    assert_eq!(c2["author"], "Jonas Ødegård");
    assert_eq!(c2["score"], "-3");
    assert_eq!(c2["body"], threads[0].body(1));

    // Control characters become U+FFFD; tab and line feed stay.
    let c3 = row("c3");
    assert_eq!(c3["parent_id"], "c2");
    assert_eq!(c3["status"], "pending");
    assert_eq!(
        c3["body"],
        "Escape \u{fffd}]0;pwned\u{fffd} and C1 \u{fffd}2J and DEL \u{fffd} end.\u{fffd}CR"
    );
    assert_eq!(row("c6")["body"], "café crème, Straße\tTabbed");

    // The missing comment has no id in the source: `#position`, and its reply points to it.
    let missing = rows.iter().find(|r| r["missing"] == "true").unwrap();
    assert_eq!(missing["comment_id"], "#4");
    assert_eq!(missing["author"], "");
    assert_eq!(row("c4")["parent_id"], "#4");
    assert_eq!(row("c5")["author"], "");
    assert_eq!(row("c5")["time"], "");

    // The second thread's source gives no ids: positions, in the same table.
    let second: Vec<&Row> = rows.iter().filter(|r| r["thread"] == "2").collect();
    assert_eq!(second.len(), 2);
    assert_eq!(second[0]["title"], "Second thread");
    assert_eq!(
        (
            second[0]["comment_id"].as_str(),
            second[0]["parent_id"].as_str()
        ),
        ("1", "")
    );
    assert_eq!(
        (
            second[1]["comment_id"].as_str(),
            second[1]["parent_id"].as_str()
        ),
        ("2", "1")
    );
}

#[test]
fn csv_of_a_text_thread_has_every_comment_in_file_order() {
    let path = belarus();
    let thread = &load(&path)[0];
    let rows = csv_rows(&dump("csv", &[], &path));
    assert_eq!(rows.len(), thread.len());
    for (id, row) in rows.iter().enumerate() {
        assert_eq!(row["position"], (id + 1).to_string());
        assert_eq!(row["comment_id"], (id + 1).to_string());
        let parent = thread
            .parent(id)
            .map_or(String::new(), |p| (p + 1).to_string());
        assert_eq!(row["parent_id"], parent);
        assert_eq!(row["depth"], thread.depth(id).to_string());
        assert_eq!(row["author"], thread.author(id).unwrap_or(""));
        assert_eq!(row["body"], thread.body(id));
        assert_eq!(row["missing"], thread.is_missing(id).to_string());
    }
}

#[test]
fn markdown_of_the_seeds() {
    for name in ["losing-battle-for-belarus", "integration-with-russia"] {
        let path = fixture(&format!("data/{name}.txt"));
        insta::assert_snapshot!(format!("markdown_{name}"), dump("markdown", &[], &path));
    }
}

#[test]
fn markdown_escapes_what_markdown_would_read_as_syntax() {
    insta::assert_snapshot!("markdown_details", dump("markdown", &[], &details()));
}

#[test]
fn markdown_of_a_sub_thread_for_the_clipboard() {
    let thread = &load(&details())[0];
    let (text, stopped) =
        markdown::comments_to_string(thread, &Selection::subtree(thread, 1), usize::MAX);
    assert!(!stopped);
    assert_eq!(
        text,
        "- **Jonas Ødegård** · 2024-03-01T09:20:00+01:00 · -3 points · in reply to **Maren Ostby**\n\
         \n  \
           \\# not a heading\\\n  \
           1\\. not a list\\\n  \
           \\- not an item\\\n  \
           \\> not a quote\\\n  \
           not code\n\
         \n  \
           - **Maren Ostby** · pending\n\
         \n    \
             Escape \u{fffd}\\]0;pwned\u{fffd} and C1 \u{fffd}2J and DEL \u{fffd} end.\u{fffd}CR\n"
    );
    assert_eq!(
        markdown::comment_text(thread, 0).lines().next(),
        Some("Maren Ostby · 2024-03-01T09:15:00+01:00")
    );
}

#[test]
fn outline_names_each_thread_of_a_multi_thread_file() {
    let text = dump("outline", &[], &details());
    let headers: Vec<&str> = text.lines().filter(|l| l.starts_with('▣')).collect();
    assert_eq!(
        headers,
        ["▣ Harbour lights, \"night\" edition", "▣ Second thread"]
    );
    // One thread: no header, as before.
    assert!(!dump("outline", &[], &belarus()).contains('▣'));
}

/// The authors of the comments a dump wrote, read back from its output.
fn authors_in(kind: &str, text: &str) -> Vec<String> {
    match kind {
        // Tree lines (`└─ Author: text`), or match lines (`[where] #N Author: text`).
        "outline" => text
            .lines()
            .filter(|l| !l.starts_with('▣'))
            .map(|l| {
                let start = match l.find(['└', '├']) {
                    Some(at) => at + "└─ ".len(),
                    None => {
                        let hash = l.find('#').unwrap();
                        hash + l[hash..].find(' ').unwrap() + 1
                    }
                };
                let rest = &l[start..];
                rest[..rest.find(": ").unwrap_or(rest.len())].to_string()
            })
            .collect(),
        "json" => json::parse(text.as_bytes())
            .unwrap()
            .iter()
            .flat_map(|t| (0..t.len()).map(|id| t.author(id).unwrap_or("").to_string()))
            .collect(),
        "csv" => csv_rows(text)
            .into_iter()
            .map(|r| r["author"].clone())
            .collect(),
        "markdown" => text
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("- **"))
            .map(|l| l[..l.find("**").unwrap()].to_string())
            .collect(),
        _ => unreachable!(),
    }
}

#[test]
fn author_filters_every_dump() {
    let path = belarus();
    let thread = &load(&path)[0];
    let expected = (0..thread.len())
        .filter(|&id| {
            thread
                .author(id)
                .is_some_and(|a| a.to_lowercase().contains("occupy"))
        })
        .count();
    assert!(expected > 10);
    for kind in KINDS {
        let authors = authors_in(kind, &dump(kind, &["--author", "OCCUPY"], &path));
        assert_eq!(authors.len(), expected, "{kind}");
        assert!(
            authors.iter().all(|a| a == "occupybacon"),
            "{kind}: {authors:?}"
        );
    }
}

#[test]
fn author_matches_accents_and_case_like_the_reader() {
    for kind in KINDS {
        let authors = authors_in(kind, &dump(kind, &["--author", "zoe"], &details()));
        assert_eq!(authors, ["Zoë Quist", "Zoe Quist"], "{kind}");
    }
}

#[test]
fn an_empty_author_or_grep_filters_nothing() {
    for kind in KINDS {
        let all = dump(kind, &[], &details());
        assert_eq!(dump(kind, &["--author", ""], &details()), all, "{kind}");
        assert_eq!(dump(kind, &["--grep", " "], &details()), all, "{kind}");
    }
}

#[test]
fn grep_filters_every_dump_and_with_author_needs_both() {
    // "harbour" in four bodies, one of them in capitals; "Zoë" wrote one of them.
    for kind in KINDS {
        let authors = authors_in(kind, &dump(kind, &["--grep", "harbour"], &details()));
        let unknown = match kind {
            "outline" | "markdown" => "(unknown)",
            _ => "",
        };
        assert_eq!(
            authors,
            ["Zoë Quist", unknown, "Zoe Quist"],
            "{kind}: the article's 'harbour' is not a comment"
        );
        let both = dump(kind, &["--grep", "harbour", "--author", "zoe"], &details());
        assert_eq!(
            authors_in(kind, &both),
            ["Zoë Quist", "Zoe Quist"],
            "{kind}"
        );
        // A capital letter makes the match exact in case.
        let exact = dump(kind, &["--grep", "HARBOUR"], &details());
        assert_eq!(authors_in(kind, &exact), ["Zoë Quist"], "{kind}");
        // Accents are ignored both ways.
        let accents = dump(kind, &["--grep", "cafe creme"], &details());
        assert_eq!(authors_in(kind, &accents), ["Ari Lund"], "{kind}");
    }
}

#[test]
fn context_adds_each_match_s_ancestors() {
    let path = details();
    for kind in KINDS {
        let text = dump(
            kind,
            &["--author", "ostby", "--grep", "escape", "--context"],
            &path,
        );
        // The match (c3) with its parent and grandparent, nested as in the thread.
        assert_eq!(
            authors_in(kind, &text),
            ["Maren Ostby", "Jonas Ødegård", "Maren Ostby"],
            "{kind}"
        );
    }
    let rows = csv_rows(&dump(
        "csv",
        &["--author", "ostby", "--grep", "escape", "--context"],
        &path,
    ));
    let context: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["comment_id"].as_str(), r["context"].as_str()))
        .collect();
    assert_eq!(context, [("c1", "true"), ("c2", "true"), ("c3", "false")]);
    let outline = dump(
        "outline",
        &["--grep", "missing comment", "--context"],
        &path,
    );
    assert_eq!(
        outline.lines().collect::<Vec<_>>(),
        [
            "▣ Harbour lights, \"night\" edition",
            "└─ [missing comment]",
            "   └─ Zoë Quist: Reply under a missing comment about the HARBOUR.",
        ]
    );
}

#[test]
fn matches_without_context_nest_under_their_nearest_shown_ancestor() {
    // Two of Maren's comments, one a grandchild of the other: still nested; JSON keeps it.
    let text = dump("json", &["--author", "maren"], &details());
    let threads = json::parse(text.as_bytes()).unwrap();
    assert_eq!(threads[0].len(), 2);
    assert_eq!(threads[0].parent(1), Some(0));
    // The second thread has no comment of hers: it is left out.
    assert_eq!(threads.len(), 1);
    let markdown = dump("markdown", &["--author", "jonas"], &details());
    assert!(markdown.contains(
        "- **Jonas Ødegård** · 2024-03-01T09:20:00+01:00 · -3 points · in reply to **Maren Ostby**\n"
    ));
    assert!(markdown.contains("## Comments (1 of 6)\n"));
}

#[test]
fn dumps_to_a_terminal_carry_no_control_characters() {
    for kind in ["outline", "markdown", "csv"] {
        let text = dump(kind, &[], &details());
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| c.is_control() && c != '\n' && !(kind == "csv" && "\r\t".contains(c)))
            .collect();
        assert!(bad.is_empty(), "{kind}: {bad:?}");
        if kind == "csv" {
            // CR only as the CRLF record terminator; a tab is data there.
            assert_eq!(text.matches('\r').count(), text.matches("\r\n").count());
        }
    }
    let text = dump("json", &[], &details());
    assert!(!text.contains(|c: char| c.is_control() && c != '\n'));
}

#[test]
fn json_of_every_comment_is_the_json_as_before() {
    // Writing through a selection of everything gives the plain writer's bytes.
    let threads = load(&details());
    let mut plain = Vec::new();
    json::write_all(&threads, &mut plain).unwrap();
    assert_eq!(dump("json", &[], &details()).into_bytes(), plain);
    assert_eq!(json::parse(&plain).unwrap().len(), 2);
}

#[test]
fn grep_and_context_need_a_dump() {
    for args in [&["--grep", "x"][..], &["--context"]] {
        let output = Command::new(env!("CARGO_BIN_EXE_thread-tui"))
            .args(args)
            .arg(belarus())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("--dump <WHAT>"));
    }
}

#[test]
fn a_reader_that_stops_early_ends_the_dump_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let mut text = String::from("Long thread\n\nAn article.\n\n");
    for i in 1..=5000 {
        text.push_str(&format!(
            "  {i}. Commenter {} says:\n    Comment number {i}, with words enough to fill a line.\n\n",
            i % 50
        ));
    }
    std::fs::write(&path, text).unwrap();
    for kind in KINDS {
        // `thread-tui --dump KIND long.txt | head -1`
        let mut child = Command::new(env!("CARGO_BIN_EXE_thread-tui"))
            .args(["--dump", kind])
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty(), "{kind}");
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{kind}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{kind}");
    }
}

#[test]
fn the_reader_writes_a_sub_thread_or_its_filtered_view() {
    use thread_tui::dump::{DumpKind, write_selection};
    let path = details();
    let thread = &load(&path)[0];
    // The sub-thread of c2 (c2 and its reply c3) as JSON: read back, two comments nested.
    let mut out = Vec::new();
    write_selection(
        DumpKind::Json,
        &path,
        thread,
        &Selection::subtree(thread, 1),
        &mut out,
    )
    .unwrap();
    let written = &json::parse(&out).unwrap()[0];
    assert_eq!(written.title(), thread.title());
    assert_eq!(written.len(), 2);
    assert_eq!(
        (written.author(0), written.author(1), written.parent(1)),
        (Some("Jonas Ødegård"), Some("Maren Ostby"), Some(0))
    );
    // The commenter search's filtered view (matches and their ancestors) as Markdown.
    let mut search = thread_tui::search::Search::default();
    search.set_part("zoë");
    let index = thread_tui::thread::AuthorIndex::build(thread);
    search.refresh(&std::sync::Arc::new(thread.clone()), Some(&index), 0);
    let shown = Selection::set(search.filter_set(thread).unwrap());
    let mut out = Vec::new();
    write_selection(DumpKind::Markdown, &path, thread, &shown, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("# Harbour lights, \"night\" edition\n"));
    assert!(text.ends_with(
        "## Comments (1 of 6)\n\n- *\\[missing comment\\]*\n\n  - **Zoë Quist**\n\n    \
         Reply under a missing comment about the HARBOUR.\n"
    ));
}

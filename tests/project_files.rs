//! The README and the documents in docs/ point at files that exist, and the build is set up
//! as they say: a small release binary, a profiling profile with line tables, a generator
//! that builds on its own, and a package that carries what it needs.

use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{path}: {err}"))
}

/// The user's README and the documents it links to.
const DOCUMENTS: [&str; 4] = [
    "README.md",
    "docs/internals.md",
    "docs/performance.md",
    "docs/hostile-input.md",
];

/// Every `path/like.this` or `folder/` the documents quote inside the repository exists
/// (paths outside it start with `../`, `/`, `$` or `~`; fuzzing output is made by the fuzzer).
#[test]
fn readme_paths_exist() {
    let text: String = DOCUMENTS.iter().map(|path| read(path)).collect();
    let quoted = text.split('`').skip(1).step_by(2);
    let mut checked = 0;
    for token in quoted {
        let looks_like_a_path = token.contains('/')
            && !token.contains(char::is_whitespace)
            && (token.ends_with('/')
                || Path::new(token)
                    .extension()
                    .is_some_and(|ext| ext.len() <= 4));
        // Outside the repository: beside it, absolute, or in the user's directories.
        let outside = ["../", "/", "$", "~"]
            .iter()
            .any(|start| token.starts_with(start));
        if !looks_like_a_path || outside {
            continue;
        }
        if token.starts_with("fuzz/artifacts/") {
            continue;
        }
        assert!(
            Path::new(token).exists(),
            "the documents name {token}, which is not in the repository"
        );
        checked += 1;
    }
    assert!(
        checked > 20,
        "only {checked} paths found: is the pattern right?"
    );
}

/// The line `key = value` in `[section]` of a TOML file (enough for Cargo.toml).
fn toml_value(text: &str, section: &str, key: &str) -> Option<String> {
    let header = format!("[{section}]");
    let mut lines = text.lines().skip_while(|line| line.trim() != header);
    lines.next()?;
    lines
        .take_while(|line| !line.starts_with('['))
        .filter_map(|line| line.split_once('='))
        .find(|(k, _)| k.trim() == key)
        .map(|(_, v)| v.trim().to_string())
}

#[test]
fn release_is_small_and_profiling_keeps_line_tables() {
    let manifest = read("Cargo.toml");
    assert_eq!(
        toml_value(&manifest, "profile.release", "debug").as_deref(),
        Some("false")
    );
    assert_eq!(
        toml_value(&manifest, "profile.profiling", "inherits").as_deref(),
        Some("\"release\"")
    );
    assert_eq!(
        toml_value(&manifest, "profile.profiling", "debug").as_deref(),
        Some("1")
    );
}

#[test]
fn the_generator_builds_as_its_own_small_package() {
    let manifest = read("Cargo.toml");
    assert_eq!(
        toml_value(&manifest, "workspace", "members").as_deref(),
        Some("[\"examples/gen\"]")
    );
    let generator = read("examples/gen/Cargo.toml");
    // clap and nothing else: none of the reader's libraries, none of its dev-dependencies.
    let dependencies: Vec<&str> = generator
        .lines()
        .skip_while(|line| line.trim() != "[dependencies]")
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .filter(|line| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
        .collect();
    assert_eq!(
        dependencies,
        ["clap = { version = \"4\", features = [\"derive\"] }"]
    );
    assert!(!generator.contains("[dev-dependencies]"));
    // Every command that makes inputs builds and runs that package's binary.
    let readme = read("docs/performance.md");
    assert!(
        !readme.contains("--example"),
        "a command still builds the old example"
    );
    assert!(readme.contains("cargo build --release -p thread-tui-gen"));
    assert!(readme.contains("target/release/gen --format numbered"));
}

/// The README links every document under docs/, and each names what the README left
/// to it.
#[test]
fn the_readme_links_the_documents() {
    let readme = read("README.md");
    for path in &DOCUMENTS[1..] {
        assert!(
            readme.contains(&format!("]({path})")),
            "README.md does not link {path}"
        );
    }
    assert!(read("docs/performance.md").contains("## Against the targets"));
    assert!(read("docs/hostile-input.md").contains("## Fuzzing the parser"));
    assert!(read("docs/internals.md").contains("## Tests"));
}

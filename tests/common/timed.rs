//! The real binary run under GNU time (`/usr/bin/time -v`), for its peak resident memory:
//! shared by the memory tests and `benches/hostile.rs`.

use std::ffi::OsStr;
use std::process::{Command, Output, Stdio};

/// What a run gave: the binary's output, its stderr as text, its peak resident set size.
pub struct Timed {
    pub output: Output,
    pub stderr: String,
    pub peak_rss: u64,
}

/// Runs `binary` with `args` under `/usr/bin/time -v`, standard input closed and standard
/// output sent to `stdout`.
pub fn run_timed<S: AsRef<OsStr>>(binary: &str, args: &[S], stdout: Stdio) -> Timed {
    let output = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(binary)
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .output()
        .expect("/usr/bin/time runs (apt-get install time)");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let kb: u64 = stderr
        .lines()
        .find_map(|line| {
            line.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|kb| kb.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak RSS in: {stderr}"));
    Timed {
        output,
        stderr,
        peak_rss: kb * 1024,
    }
}

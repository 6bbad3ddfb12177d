#!/usr/bin/env python3
"""Time to the first complete frame, and peak memory, of the real reader binary.

The reader needs a terminal, so it runs on a pseudo-terminal of 100x30 under
/usr/bin/time -v. The clock starts just before the fork; the frame is complete
when the status line's last hint ("quit") has been written (ratatui writes
rows top to bottom and flushes once per frame). Then 'q' quits and the peak
resident set size is read from /usr/bin/time's report.

    python3 benches/startup.py target/release/thread-tui FILE [RUNS]

Prints one line per run: seconds to first frame, peak RSS in MB, RSS / file size.
"""

import fcntl
import os
import pty
import re
import select
import struct
import sys
import tempfile
import termios
import time

COLUMNS, ROWS = 100, 30
DONE = b"quit"


def run_once(binary, path):
    report = tempfile.NamedTemporaryFile(prefix="startup-", suffix=".txt", delete=False)
    report.close()
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execv("/usr/bin/time", ["/usr/bin/time", "-v", "-o", report.name, binary, path])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    seen = b""
    first_frame = None
    deadline = start + 60
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            data = os.read(fd, 1 << 16)
        except OSError:
            break
        if not data:
            break
        seen += data
        # Terminal queries (cursor position) must be answered or crossterm waits.
        if b"\x1b[6n" in data:
            os.write(fd, b"\x1b[1;1R")
        if DONE in seen:
            first_frame = time.perf_counter() - start
            break
    os.write(fd, b"q")
    while True:
        try:
            if not os.read(fd, 1 << 16):
                break
        except OSError:
            break
    os.waitpid(pid, 0)
    with open(report.name) as f:
        text = f.read()
    os.unlink(report.name)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return first_frame, rss_kb


def main():
    binary, path = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    size = os.path.getsize(path)
    for _ in range(runs):
        frame, rss_kb = run_once(binary, path)
        rss = rss_kb * 1024
        shown = "timeout" if frame is None else f"{frame:.3f} s"
        print(f"first frame {shown}  peak RSS {rss / 1e6:.1f} MB  {rss / size:.2f}x file ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()

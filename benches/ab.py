#!/usr/bin/env python3
"""Two builds of certenroll against each other, interleaved, in one sitting.

For a change that may cost speed: build the baseline (e.g. `git worktree add /tmp/base REV`,
`cargo build --release` there) and the change, then
    python3 benches/ab.py --runs 30 /tmp/base/target/release/certenroll target/release/certenroll
Runs, against micromdm's scepserver on 127.0.0.1: full enrollment with a new RSA-2048 key,
enrollment with an existing key (protocol only), GetCACert alone, and `--help`; prints the
medians (p25–p75) of each build, the ratio change/baseline, and each build's time without
the server's own (from its log). Nothing is written to the repository.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402  (the server, the timing and the formatting are compare.py's)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("baseline")
    parser.add_argument("change")
    args = parser.parse_args()
    builds = {"baseline": os.path.abspath(args.baseline), "change": os.path.abspath(args.change)}
    for path in builds.values():
        if not os.access(path, os.X_OK):
            sys.exit(f"{path} is not an executable certenroll build")
    work = tempfile.mkdtemp(prefix="certenroll-ab-")
    server = compare.Server(work)
    d = lambda *p: os.path.join(work, *p)
    challenge = d("challenge")
    with open(challenge, "w") as f:
        f.write(compare.CHALLENGE + "\n")
    for name in builds:
        for i in range(args.runs):
            subprocess.run(["openssl", "genrsa", "-out", d(f"{name}-existing-{i}.pem"), "2048"],
                           check=True, stderr=subprocess.DEVNULL)

    def enroll(name, kind):
        def make(i):
            cmd = [builds[name], "--state-dir", d(f"state-{name}"), "enroll", "-q", "--url", server.url,
                   "--cn", f"{name}-{kind}-{i}", "--challenge-file", challenge,
                   "--out-cert", d(f"{name}-{kind}-{i}.crt")]
            if kind == "existing":
                return cmd + ["--key", d(f"{name}-existing-{i}.pem")]
            return cmd + ["--out-key", d(f"{name}-{kind}-{i}.key")]
        return make

    cases = {
        "full enrollment, new RSA-2048 key": ({n: enroll(n, "full") for n in builds}, True),
        "enrollment with an existing key (protocol only)": ({n: enroll(n, "existing") for n in builds}, True),
        "GetCACert alone": ({n: (lambda i, b=b: [b, "getcacert", "-q", "--url", server.url])
                             for n, b in builds.items()}, False),
        "`certenroll --help`": ({n: (lambda i, b=b: [b, "--help"]) for n, b in builds.items()}, False),
    }
    try:
        print(f"{args.runs} runs per case and build, interleaved; ms as median (p25–p75)\n")
        print("| case | baseline ms | change ms | ratio | baseline without server | change without server |")
        print("|---|---|---|---|---|---|")
        for label, (pairs, scep) in cases.items():
            samples = compare.measure(pairs, args.runs, server if scep else None)
            base, change = samples["baseline"], samples["change"]
            ratio = statistics.median(change[0]) / statistics.median(base[0])
            own = lambda s: [wall - srv for wall, srv in zip(s[0], s[2])]
            extra = [compare.fmt(own(base)), compare.fmt(own(change))] if scep else ["—", "—"]
            print(f"| {label} | {compare.fmt(base[0])} | {compare.fmt(change[0])} | {ratio:.2f}× | "
                  + " | ".join(extra) + " |")
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""certenroll against its peers, side by side, on this machine.

Starts micromdm's scepserver on 127.0.0.1 and runs, interleaved, certenroll (release build)
and micromdm's scepclient for: full enrollment with a fresh RSA-2048 and RSA-4096 key,
enrollment with an existing key (protocol only), and GetCACert alone; and certenroll's RSA key
generation against `openssl genpkey`. Reports median, p25 and p75 wall time, peak RSS, the
ratio certenroll/peer, the release binary size and `certenroll --help` time, as Markdown.

Usage: python3 benches/compare.py [--runs N] [--out FILE]
(`bash benches/run.sh` builds and installs what it needs first.)
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CERTENROLL = os.path.join(ROOT, "target", "release", "certenroll")
CHALLENGE = "bench-secret"


def run(cmd, env=None):
    """Run cmd; return (seconds, peak RSS in KiB). Fails loudly on a non-zero exit.

    The peak RSS comes from GNU time: on Linux a child's peak includes its parent's memory up
    to exec, so it must be started by a small C program, not by this Python process.
    """
    with tempfile.NamedTemporaryFile(mode="r") as rss, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name, *cmd],
                              stdout=subprocess.DEVNULL, stderr=err, env=env)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            err.seek(0)
            sys.exit(f"{cmd[0]} failed ({proc.returncode}): {' '.join(cmd)}\n"
                     f"{err.read().decode(errors='replace')}")
        return elapsed, int(rss.read().strip().splitlines()[-1])


def quartiles(values):
    ordered = sorted(values)
    if len(ordered) < 4:
        return ordered[0], statistics.median(ordered), ordered[-1]
    q = statistics.quantiles(ordered, n=4, method="inclusive")
    return q[0], q[1], q[2]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, workdir):
        self.depot = os.path.join(workdir, "depot")
        subprocess.run(["scepserver", "ca", "-init", "-depot", self.depot],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.port = free_port()
        self.proc = subprocess.Popen(
            ["scepserver", "-depot", self.depot, "-port", str(self.port),
             "-challenge", CHALLENGE, "-allowrenew", "0"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.1).close()
                return
            except OSError:
                time.sleep(0.02)
        sys.exit("scepserver did not start")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/scep"

    def stop(self):
        self.proc.kill()
        self.proc.wait()


def measure(pairs, runs):
    """pairs: {name: make_cmd(i) -> argv}. Runs them interleaved; returns per-name samples."""
    samples = {name: ([], []) for name in pairs}
    for i in range(runs):
        for name, make in pairs.items():
            seconds, rss = run(make(i))
            samples[name][0].append(seconds * 1000.0)
            samples[name][1].append(rss)
    return samples


def fmt(ms):
    p25, p50, p75 = quartiles(ms)
    return f"{p50:.1f} ({p25:.1f}–{p75:.1f})"


def row(label, ours, peer=None, peer_name=None):
    """One table row; RSS lists may be empty (in-process measurements have none)."""
    ours_ms, ours_rss = ours
    cells = [label, fmt(ours_ms), f"{max(ours_rss) / 1024:.1f}" if ours_rss else "—"]
    if peer is None:
        cells += ["—", "—", "—", "—"]
    else:
        peer_ms, peer_rss = peer
        cells += [
            f"{peer_name}: {fmt(peer_ms)}",
            f"{max(peer_rss) / 1024:.1f}" if peer_rss else "—",
            f"**{statistics.median(ours_ms) / statistics.median(peer_ms):.2f}×**",
            f"{max(ours_rss) / max(peer_rss):.2f}×" if ours_rss and peer_rss else "—",
        ]
    return "| " + " | ".join(cells) + " |"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--out", default=os.path.join(ROOT, "BENCHMARKS.md"))
    args = parser.parse_args()
    for tool in ["scepserver", "scepclient", "openssl", "/usr/bin/time"]:
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: run `bash benches/run.sh`, which installs it")
    if not os.path.exists(CERTENROLL):
        sys.exit("no release build: run `bash benches/run.sh`")

    work = tempfile.mkdtemp(prefix="certenroll-bench-")
    env = dict(os.environ, CERTENROLL_STATE_DIR=os.path.join(work, "state"))
    server = Server(work)
    try:
        url = server.url
        d = lambda *p: os.path.join(work, *p)
        challenge_file = d("challenge")
        with open(challenge_file, "w") as f:
            f.write(CHALLENGE + "\n")
        # Existing keys for the protocol-only case, one per run (so each request is new).
        for i in range(args.runs):
            # PKCS#1 ("RSA PRIVATE KEY"): the only form scepclient reads; certenroll reads both.
            subprocess.run(["openssl", "genrsa", "-traditional", "-out", d(f"existing-{i}.pem"), "2048"],
                           check=True, stderr=subprocess.DEVNULL)
            shutil.copy(d(f"existing-{i}.pem"), d(f"existing-go-{i}.pem"))

        def ours(kind, bits=2048):
            def make(i):
                cmd = [CERTENROLL, "enroll", "-q", "--url", url, "--cn", f"ce-{kind}-{bits}-{i}",
                       "--challenge-file", challenge_file, "--out-cert", d(f"ce-{kind}-{bits}-{i}.crt")]
                if kind == "existing":
                    return cmd + ["--key", d(f"existing-{i}.pem")]
                return cmd + ["--out-key", d(f"ce-{kind}-{bits}-{i}.key"), "--key-bits", str(bits)]
            return make

        def go(kind, bits=2048):
            def make(i):
                key = d(f"existing-go-{i}.pem") if kind == "existing" else d(f"go-{kind}-{bits}-{i}.key")
                return ["scepclient", "-server-url", url, "-challenge", CHALLENGE,
                        "-cn", f"go-{kind}-{bits}-{i}", "-keySize", str(bits),
                        "-private-key", key, "-certificate", d(f"go-{kind}-{bits}-{i}.crt")]
            return make

        results = {}
        results["full2048"] = measure({"ours": ours("full", 2048), "peer": go("full", 2048)}, args.runs)
        results["full4096"] = measure({"ours": ours("full", 4096), "peer": go("full", 4096)}, args.runs)
        results["existing"] = measure({"ours": ours("existing"), "peer": go("existing")}, args.runs)
        results["getcacert"] = measure({"ours": lambda i: [CERTENROLL, "getcacert", "-q", "--url", url]}, args.runs)
        results["help"] = measure({"ours": lambda i: [CERTENROLL, "--help"]}, args.runs)

        keygen = {}
        for bits in (2048, 3072, 4096):
            out = subprocess.run(["cargo", "bench", "-q", "--bench", "keygen", "--", str(bits), str(args.runs)],
                                 cwd=ROOT, check=True, capture_output=True, text=True).stdout
            ours_ms = json.loads(out.strip().splitlines()[-1])
            peer = measure({"peer": lambda i, b=bits: ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt",
                                                       f"rsa_keygen_bits:{b}", "-out", d(f"ossl-{b}-{i}.pem")]},
                           args.runs)["peer"]
            keygen[bits] = (ours_ms, peer)
    finally:
        server.stop()

    size = os.path.getsize(CERTENROLL)
    version = subprocess.run([CERTENROLL, "--version"], capture_output=True, text=True).stdout.strip()
    scep_version = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "scep"], capture_output=True, text=True).stdout
    ossl_version = subprocess.run(["openssl", "version"], capture_output=True, text=True).stdout.strip()
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    lines = [
        "# Benchmarks",
        "",
        f"Measured {datetime.date.today().isoformat()} on {os.cpu_count()} cores ({cpu}), "
        f"Linux {platform.release()}, against micromdm scepserver on 127.0.0.1. "
        f"{version} (release build), scepclient from Debian's `scep` {scep_version}, {ossl_version}. "
        f"{args.runs} runs per case, interleaved; wall time in ms as median (p25–p75); peak RSS in MiB. "
        "Reproduce with `bash benches/run.sh`.",
        "",
        "| case | certenroll ms | RSS | peer ms | peer RSS | time ratio | RSS ratio |",
        "|---|---|---|---|---|---|---|",
        row("full enrollment, new RSA-2048 key", results["full2048"]["ours"], results["full2048"]["peer"], "scepclient"),
        row("full enrollment, new RSA-4096 key", results["full4096"]["ours"], results["full4096"]["peer"], "scepclient"),
        row("enrollment with an existing key (protocol only)", results["existing"]["ours"], results["existing"]["peer"], "scepclient"),
        row("GetCACert alone", results["getcacert"]["ours"]),
        row("`certenroll --help`", results["help"]["ours"]),
    ]
    for bits, (ours_ms, peer) in keygen.items():
        lines.append(row(f"RSA-{bits} key generation (in-process)", (ours_ms, []), peer, "openssl genpkey"))
    lines += [
        "",
        f"Release binary: {size / 1e6:.2f} MB (stripped).",
        "",
        "Notes: both clients send GetCACaps, GetCACert and PKCSReq; micromdm itself spends about 20 ms "
        "on each PKCSReq (it signs the certificate and the reply), which is in every enrollment row. RSA key generation time varies a lot from run "
        "to run (it searches for primes), so medians over few runs are noisy. sscep is not packaged for "
        "this machine's Debian and is not measured.",
        "",
    ]
    text = "\n".join(lines)
    with open(args.out, "w") as f:
        f.write(text)
    print(text)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

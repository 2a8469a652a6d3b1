#!/usr/bin/env python3
"""certenroll against its peers, side by side, on this machine.

Starts micromdm's scepserver on 127.0.0.1 and runs, interleaved, certenroll (release build)
and micromdm's scepclient for: full enrollment with a fresh RSA-2048 and RSA-4096 key,
enrollment with an existing key (protocol only), and GetCACert alone; and certenroll's RSA key
generation against `openssl genpkey`. Reports median, p25 and p75 wall time, peak RSS, the
ratio certenroll/peer, the release binary size and `certenroll --help` time, as Markdown; and,
from the server's own log of how long each PKIOperation took inside it, what each client costs
without the server.

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
        # Its log says how long each PKIOperation took inside the server (the "took=" field).
        log = os.path.join(workdir, "scepserver.log")
        self.log = open(log, "w")
        self.reader = open(log)  # its own offset: the server's writes move the other one
        self.proc = subprocess.Popen(
            ["scepserver", "-depot", self.depot, "-port", str(self.port),
             "-challenge", CHALLENGE, "-allowrenew", "0"],
            stdout=subprocess.DEVNULL, stderr=self.log)
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

    def server_ms(self):
        """Milliseconds the server spent in PKIOperations logged since the last call."""
        total = 0.0
        for line in self.reader.readlines():
            if "component=scep_service" in line and "method=PKIOperation" in line:
                total += go_duration_ms(line.rsplit("took=", 1)[1].strip())
        return total

    def stop(self):
        self.proc.kill()
        self.proc.wait()
        self.log.close()
        self.reader.close()


def go_duration_ms(text):
    """A Go time.Duration as printed ("18.24ms", "10.3µs", "1.2s") in milliseconds."""
    for unit, scale in (("ms", 1.0), ("µs", 1e-3), ("us", 1e-3), ("ns", 1e-6), ("s", 1000.0)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * scale
    raise ValueError(f"not a Go duration: {text!r}")


def measure(pairs, runs, server=None):
    """pairs: {name: make_cmd(i) -> argv}. Runs them interleaved; returns per-name samples:
    (wall ms, peak RSS KiB, ms of it spent inside the server's PKIOperation)."""
    samples = {name: ([], [], []) for name in pairs}
    for i in range(runs):
        for name, make in pairs.items():
            if server:
                server.server_ms()
            seconds, rss = run(make(i))
            samples[name][0].append(seconds * 1000.0)
            samples[name][1].append(rss)
            # The log line may land a moment after the client has exited.
            spent = server.server_ms() if server else 0.0
            if server and spent == 0.0:
                time.sleep(0.01)
                spent = server.server_ms()
            samples[name][2].append(spent)
    return samples


def fmt(ms):
    p25, p50, p75 = quartiles(ms)
    return f"{p50:.1f} ({p25:.1f}–{p75:.1f})"


def row(label, ours, peer=None, peer_name=None):
    """One table row; RSS lists may be empty (in-process measurements have none)."""
    ours_ms, ours_rss = ours[0], ours[1]
    cells = [label, fmt(ours_ms), f"{statistics.median(ours_rss) / 1024:.1f}" if ours_rss else "—"]
    if peer is None:
        cells += ["—", "—", "—", "—"]
    else:
        peer_ms, peer_rss = peer[0], peer[1]
        cells += [
            f"{peer_name}: {fmt(peer_ms)}",
            f"{statistics.median(peer_rss) / 1024:.1f}" if peer_rss else "—",
            f"**{statistics.median(ours_ms) / statistics.median(peer_ms):.2f}×**",
            f"{statistics.median(ours_rss) / statistics.median(peer_rss):.2f}×" if ours_rss and peer_rss else "—",
        ]
    return "| " + " | ".join(cells) + " |"


def client_row(label, ours, peer):
    """Wall time minus the time the server reports for its PKIOperation, run by run: what
    each client itself costs, without the server's floor that both pay."""
    ours_client = [wall - server for wall, server in zip(ours[0], ours[2])]
    peer_client = [wall - server for wall, server in zip(peer[0], peer[2])]
    cells = [
        label,
        f"{statistics.median(ours[2]):.1f}",
        fmt(ours_client),
        fmt(peer_client),
        f"**{statistics.median(ours_client) / statistics.median(peer_client):.2f}×**",
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
    ca_text = subprocess.run(["openssl", "x509", "-noout", "-text", "-in", os.path.join(server.depot, "ca.pem")],
                             capture_output=True, text=True).stdout
    ca_key = next((f"RSA-{l.split('(')[1].split()[0]}" for l in ca_text.splitlines() if "Public-Key:" in l), "?")
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
        results["full2048"] = measure({"ours": ours("full", 2048), "peer": go("full", 2048)}, args.runs, server)
        results["full4096"] = measure({"ours": ours("full", 4096), "peer": go("full", 4096)}, args.runs, server)
        results["existing"] = measure({"ours": ours("existing"), "peer": go("existing")}, args.runs, server)
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
    measured = (
        f"Measured {datetime.date.today().isoformat()} on {os.cpu_count()} cores ({cpu}), "
        f"Linux {platform.release()}, against micromdm scepserver on 127.0.0.1 (its CA key is "
        f"{ca_key}, what `scepserver ca -init` makes). "
        f"{version} (release build), scepclient from Debian's `scep` {scep_version}, {ossl_version}. "
        f"{args.runs} runs per case, interleaved; wall time in ms as median (p25–p75); RSS is the "
        "median of each run's peak, in MiB. Reproduce with "
        f"`bash benches/run.sh{'' if args.runs == 20 else f' --runs {args.runs}'}`."
    )
    main_table = [
        "| case | certenroll ms | RSS | peer ms | peer RSS | time ratio | RSS ratio |",
        "|---|---|---|---|---|---|---|",
        row("full enrollment, new RSA-2048 key", results["full2048"]["ours"], results["full2048"]["peer"], "scepclient"),
        row("full enrollment, new RSA-4096 key", results["full4096"]["ours"], results["full4096"]["peer"], "scepclient"),
        row("enrollment with an existing key (protocol only)", results["existing"]["ours"], results["existing"]["peer"], "scepclient"),
        row("GetCACert alone", results["getcacert"]["ours"]),
        row("`certenroll --help`", results["help"]["ours"]),
    ]
    for bits, (ours_ms, peer) in keygen.items():
        main_table.append(row(f"RSA-{bits} key generation (in-process)", (ours_ms, []), peer, "openssl genpkey"))
    client_table = [
        "| case | server ms (certenroll's runs) | certenroll ms | scepclient ms | ratio |",
        "|---|---|---|---|---|",
        client_row("full enrollment, new RSA-2048 key", results["full2048"]["ours"], results["full2048"]["peer"]),
        client_row("full enrollment, new RSA-4096 key", results["full4096"]["ours"], results["full4096"]["peer"]),
        client_row("enrollment with an existing key (protocol only)", results["existing"]["ours"], results["existing"]["peer"]),
    ]
    server_ms = statistics.median(results["existing"]["ours"][2] + results["existing"]["peer"][2])
    lines = ["# Benchmarks", "", measured, ""] + main_table + [
        "",
        f"Release binary: {size / 1e6:.2f} MB (stripped).",
        "",
        "## The clients without the server",
        "",
        "Every enrollment row includes the time micromdm spends inside PKIOperation (decrypting the "
        f"request, signing the certificate and signing the reply with its {ca_key} key: median "
        f"{server_ms:.1f} ms here), the same for both clients. Its log gives that time for each run; "
        "taking it away, run by run, leaves what each client costs itself:",
        "",
    ] + client_table + [
        "",
        "Notes: both clients send GetCACaps, GetCACert and PKCSReq over loopback. RSA key generation "
        "time varies a lot from run to run (it searches for primes), so medians over few runs are "
        "noisy. The key generation rows time certenroll's generator in-process (no process start, no "
        "file) against a whole `openssl genpkey` process. sscep is not packaged for this machine's "
        "Debian and is not measured.",
        "",
    ]
    text = "\n".join(lines)
    with open(args.out, "w") as f:
        f.write(text)
    if os.path.abspath(args.out) == os.path.join(ROOT, "BENCHMARKS.md"):
        update_readme([measured, ""] + main_table + ["", "Each client on its own (the server's time taken away, run by run):", ""] + client_table)
    print(text)
    shutil.rmtree(work, ignore_errors=True)


def update_readme(block):
    """Put `block` (lines) into the README, between its benchmark markers."""
    readme = os.path.join(ROOT, "README.md")
    with open(readme) as f:
        current = f.read()
    start, end = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"
    if start not in current or end not in current:
        sys.exit(f"README.md has no {start} ... {end} block to update")
    before, rest = current.split(start, 1)
    _, after = rest.split(end, 1)
    with open(readme, "w") as f:
        f.write(before + start + "\n" + "\n".join(block) + "\n" + end + after)


if __name__ == "__main__":
    main()

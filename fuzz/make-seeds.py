#!/usr/bin/env python3
"""Capture real exchanges with certenroll's lab responder as seeds for the fuzz targets.

    python3 fuzz/make-seeds.py [CERTENROLL_BINARY]

Starts the lab (SCEP with RA certificates, and EST over TLS), runs a real enrollment through a
recording proxy, asks the EST endpoints directly, and writes each reply (and request) into
fuzz/corpus/TARGET/. The committed corpus was made this way; run it again after a protocol
change. Only 127.0.0.1 is contacted.
"""

import base64
import http.client
import http.server
import json
import os
import shutil
import socketserver
import ssl
import subprocess
import sys
import tempfile
import threading
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.join(HERE, "corpus")


def seed(target, name, data):
    os.makedirs(os.path.join(CORPUS, target), exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(CORPUS, target, name), "wb") as f:
        f.write(data)


def lab(binary, *args):
    proc = subprocess.Popen(
        [binary, "lab", "serve", "--port", "0", "--json", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    info = json.loads(proc.stdout.readline())
    return proc, info


class Recorder(http.server.BaseHTTPRequestHandler):
    """Forwards to the lab and keeps every PKIOperation request and reply."""

    upstream = None
    seen = []

    def forward(self, body):
        host, port = Recorder.upstream
        conn = http.client.HTTPConnection(host, port)
        conn.request(self.command, self.path, body=body, headers=dict(self.headers))
        reply = conn.getresponse()
        data = reply.read()
        Recorder.seen.append((self.command, self.path, dict(self.headers), body, reply.getheader("Content-Type"), data))
        self.send_response(reply.status)
        for name, value in reply.getheaders():
            if name.lower() not in ("content-length", "connection", "transfer-encoding"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.forward(None)

    def do_POST(self):
        self.forward(self.rfile.read(int(self.headers.get("Content-Length", 0))))

    def log_message(self, *args):
        pass


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/debug/certenroll")
    shutil.rmtree(CORPUS, ignore_errors=True)
    work = tempfile.mkdtemp(prefix="certenroll-seeds-")
    scep, info = lab(binary, "--ra", "--pending", "1")
    try:
        url = info["url"]
        host, port = url.split("//")[1].split("/")[0].split(":")
        Recorder.upstream = (host, int(port))
        proxy = socketserver.TCPServer(("127.0.0.1", 0), Recorder)
        threading.Thread(target=proxy.serve_forever, daemon=True).start()
        proxied = f"http://127.0.0.1:{proxy.server_address[1]}/scep"
        subprocess.run(
            [binary, "enroll", "--no-challenge", "--url", proxied, "--cn", "seed",
             "--poll-interval", "0", "--out-key", f"{work}/seed.key", "--out-cert", f"{work}/seed.pem"],
            check=True, env={**os.environ, "CERTENROLL_STATE_DIR": work}, stdout=subprocess.DEVNULL,
        )
        for i, (method, path, headers, body, content_type, data) in enumerate(Recorder.seen):
            operation = path.split("operation=")[1].split("&")[0] if "operation=" in path else "?"
            if operation == "GetCACaps":
                seed("caps", "getcacaps", data)
            elif operation == "GetCACert":
                seed("cacerts", "getcacert-ra", data)
                seed("certificates", "getcacert-ra", data)
                seed("ber", "getcacert-ra", data)
            elif operation == "PKIOperation":
                seed("certrep", f"certrep-{i}", data)
                seed("ber", f"certrep-{i}", data)
                request = body if body is not None else b""
                head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-pki-message\r\nContent-Length: {len(request)}\r\n\r\n"
                seed("lab_http", f"pkioperation-{i}", head.encode() + request)
                seed("ber", f"pkimessage-{i}", request)
        seed("lab_http", "getcacaps", "GET /scep?operation=GetCACaps HTTP/1.1\r\nHost: x\r\n\r\n")
        seed("lab_http", "getcacert", "GET /scep?operation=GetCACert&message=ca HTTP/1.1\r\nHost: x\r\n\r\n")
        proxy.shutdown()
    finally:
        scep.kill()

    ca_file = f"{work}/est-ca.pem"
    est, info = lab(binary, "--tls", "--ca-out", ca_file, "--csrattrs-curve", "p256")
    try:
        context = ssl.create_default_context(cafile=ca_file)
        base = info["est_url"]
        for op in ("cacerts", "csrattrs"):
            data = urllib.request.urlopen(f"{base}/{op}", context=context).read()
            seed("est_body", op, data)
            if op == "csrattrs":
                seed("csrattrs", "csrattrs-p256", base64.b64decode(data))
        csr = subprocess.run(
            ["openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{work}/k", "-subj", "/CN=seed", "-outform", "DER"],
            check=True, capture_output=True,
        ).stdout
        request = urllib.request.Request(
            f"{base}/serverkeygen", data=base64.encodebytes(csr),
            headers={"Content-Type": "application/pkcs10", "Content-Transfer-Encoding": "base64"},
        )
        reply = urllib.request.urlopen(request, context=context)
        boundary = reply.headers.get_param("boundary")
        seed("multipart", "serverkeygen", boundary.encode() + b"\n" + reply.read())
    finally:
        est.kill()

    with open(os.path.join(ROOT, "tests/data/test-only-rsa2048.pem"), "rb") as f:
        seed("key", "rsa2048-pkcs8.pem", f.read())
    ec = subprocess.run(["openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout"], check=True, capture_output=True).stdout
    seed("key", "p256-sec1.pem", ec)
    for name in os.listdir(os.path.join(ROOT, "tests/data/state-0.1.0")):
        path = os.path.join(ROOT, "tests/data/state-0.1.0", name)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                seed("state_json", name, f.read())
    seed("config", "printer.toml", """[profile.printer]
url = "http://ca.example.com/scep"
fingerprint = "15B9066308FEE29B0A4EFE9A61E0A96AFC10B5E86022871A9CE29FAAE44271D1"
cn = "printer-42.example.net"
san = ["dns:printer-42.example.net", "ip:192.0.2.42"]
key = "/etc/ssl/private/printer.key"
cert = "/etc/ssl/certs/printer.pem"
jitter = "1..600"
retry_on_error = true
""")
    seed("retry_after", "seconds", "120")
    seed("retry_after", "date", "Wed, 21 Oct 2026 07:28:00 GMT")
    seed("certrep_signed", "pending", b"3\xff3\xff\xff\xff\xff\xff")
    seed("certrep_signed", "failure", b"3\xff2\xff2\xffbad request\xff\xff\xff")
    shutil.rmtree(work, ignore_errors=True)
    for target in sorted(os.listdir(CORPUS)):
        print(f"{target}: {len(os.listdir(os.path.join(CORPUS, target)))} seed(s)")


if __name__ == "__main__":
    main()

"""The real `claimgraph serve` on a free loopback port, and the `token` commands."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from claimgraph.cli import app

SRC = Path(__file__).resolve().parents[2] / "src"
runner = CliRunner()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_starts_on_a_free_loopback_port(tmp_path):
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    cmd = [sys.executable, "-m", "claimgraph", "serve", "--demo", "--db", str(tmp_path / "demo.db"),
           "--port", str(port), "--profile", "fast"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(240):
            try:
                if httpx.get(f"{base}/v1/events", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stderr.read()
            time.sleep(0.25)
        events = httpx.get(f"{base}/v1/events").json()["events"]
        assert events and max(e["articles"] for e in events) >= 4  # the demo library, one event
        page = httpx.get(f"{base}/", headers={"accept": "text/html"})
        assert page.status_code == 200 and "Valletta" in page.text
        assert page.headers["content-security-policy"].startswith("default-src 'none'")
        assert httpx.get(f"{base}/v1/events", headers={"host": "rebind.example"}).status_code == 400
    finally:
        proc.terminate()
        proc.wait(20)
    assert "claimgraph serving on http://127.0.0.1:" in proc.stderr.read()


def test_token_create_list_revoke(tmp_path):
    db = str(tmp_path / "t.db")
    created = runner.invoke(app, ["token", "create", "newsroom bot", "--db", db])
    assert created.exit_code == 0, created.output
    token = created.stdout.strip().splitlines()[-1]
    assert token.startswith("cg_")
    listed = runner.invoke(app, ["token", "list", "--db", db, "--json"])
    (info,) = __import__("json").loads(listed.stdout)["tokens"]
    assert info["name"] == "newsroom bot" and token.split("_")[1] == info["id"]
    assert runner.invoke(app, ["token", "revoke", info["id"], "--db", db]).exit_code == 0
    again = runner.invoke(app, ["token", "revoke", info["id"], "--db", db])
    assert again.exit_code == 1 and "error CG808" in again.output

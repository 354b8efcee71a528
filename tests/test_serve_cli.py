"""`bbtui serve` before it listens: help, a broken dataset, a taken port, a non-local host."""

from __future__ import annotations

import socket
from pathlib import Path

from bbtui.cli import main

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini.yaml"


def test_help(capsys):
    assert main(["serve", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: bbtui serve [-h] [--host HOST] [--port PORT]")
    assert "127.0.0.1" in out


def test_a_broken_dataset_fails_with_located_errors_before_listening(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text("bbtui: 1\ntitle: [unclosed\n", encoding="utf-8")
    assert main(["serve", str(broken)]) == 4
    captured = capsys.readouterr()
    assert captured.out == ""  # no address was printed
    assert captured.err.startswith(f"{broken}:3:1: YAML syntax error")


def test_a_taken_port_is_one_line_and_exit_2(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", str(MINI), "--port", str(port)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"bbtui serve: cannot listen on 127.0.0.1:{port}: Address already in use\n"
    )


def test_another_host_warns(capsys):
    # 192.0.2.1 is a documentation address, never this machine's: the warning
    # comes first, then the bind fails, so nothing ever listens off loopback here.
    assert main(["serve", str(MINI), "--host", "192.0.2.1", "--port", "8000"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("bbtui serve: warning: listening on 192.0.2.1: anyone who can")
    assert lines[1].startswith("bbtui serve: cannot listen on 192.0.2.1:8000: ")


def test_a_bad_port_is_a_usage_error(capsys):
    assert main(["serve", "--port", "70000"]) == 2
    assert "not a port number (1-65535): '70000'" in capsys.readouterr().err

"""The README documents every command, and the quickstart commands are the ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from claimgraph.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _command_paths(group, prefix: str = "claimgraph") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if hasattr(command, "commands"):  # a group (Typer vendors its own click)
            paths.extend(_command_paths(command, path))
        else:
            paths.append(path)
    return paths


def test_every_command_is_in_the_readme():
    commands = _command_paths(typer.main.get_command(app))
    assert len(commands) >= 10
    missing = [c for c in commands if f"`{c}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second():
    blocks = re.findall(r"```bash\n(.*?)\n```", README, flags=re.S)
    run_command, test_command = blocks[0], blocks[1]
    assert "pip install ." in run_command and "claimgraph analyze examples/" in run_command
    assert "pytest" in test_command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci
    example = run_command.split("claimgraph analyze ")[1].split()[0]
    assert (ROOT / example).is_file()


def test_every_schema_key_is_documented():
    from claimgraph.serialize import schema

    doc = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    for key in schema()["properties"]:
        assert f"`{key}`" in doc, key

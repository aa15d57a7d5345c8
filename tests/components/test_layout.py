"""What the pipeline runs never imports training code, evaluation code or torch."""

from __future__ import annotations

import ast
from pathlib import Path

import claimgraph.components

COMPONENTS = Path(claimgraph.components.__file__).parent
FORBIDDEN = ("torch", "transformers", "claimgraph.train", "claimgraph.eval")


def _imports(path: Path) -> set[str]:
    package = "claimgraph." + ".".join(path.relative_to(COMPONENTS.parent).with_suffix("").parts)
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: -node.level]
                names.add(".".join(base + ([node.module] if node.module else [])))
            else:
                names.add(node.module or "")
    return names


def test_components_import_no_training_or_evaluation_code():
    offending = {
        f"{path.relative_to(COMPONENTS)}: {name}"
        for path in COMPONENTS.rglob("*.py")
        for name in _imports(path)
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    }
    assert not offending

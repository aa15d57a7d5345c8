"""The ``claimgraph`` command line: a thin Typer layer over the library.

Commands are registered here, explicitly, from the modules that implement them, one module
per command group (``articles``: analyze, ingest, search, export; ``corpus``: events, compare;
``evaluate``; ``train``; ``techniques``); each only parses options, calls the library and
renders the result.
"""

from __future__ import annotations

import sys

import typer
from typer.core import TyperGroup

from ..errors import ClaimgraphError
from . import articles, corpus, evaluate, serve, techniques, train
from . import batch as batch_cli

__all__ = ["app", "main"]


class _Group(TyperGroup):
    """Turns a :class:`ClaimgraphError` into one line on stderr and its exit code."""

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except ClaimgraphError as exc:
            typer.echo(f"error {exc.code}: {exc.message}", err=True)
            raise typer.Exit(exc.exit_code) from None


def _typer(help_text: str) -> typer.Typer:
    return typer.Typer(
        cls=_Group,
        help=help_text,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        add_completion=False,
    )


app = _typer("Read the news: who claims what, how they argue it, and where outlets disagree.")
evaluate_app = _typer("Score claimgraph against annotated datasets.")
train_app = _typer("Rebuild the models shipped in the package from ../shared/data.")
techniques_app = _typer("Persuasion techniques in the SemEval-2020 Task 11 formats.")
app.add_typer(evaluate_app, name="evaluate")
app.add_typer(train_app, name="train")
app.add_typer(techniques_app, name="techniques")
token_app = _typer("API tokens for `claimgraph serve` (stored hashed in the database).")
app.add_typer(token_app, name="token")
app.command("serve")(serve.serve)
token_app.command("create")(serve.token_create)
token_app.command("list")(serve.token_list)
token_app.command("revoke")(serve.token_revoke)

app.command("analyze")(articles.analyze)
app.command("ingest")(articles.ingest)
app.command("search")(articles.search)
app.command("export")(articles.export)
app.command("events")(corpus.events)
app.command("compare")(corpus.compare)
app.command("batch")(batch_cli.batch)
app.command("load")(batch_cli.load)

evaluate_app.command("attribution")(evaluate.evaluate_attribution)
evaluate_app.command("checkworthiness")(evaluate.evaluate_checkworthiness)
evaluate_app.command("techniques")(evaluate.evaluate_techniques)
evaluate_app.command("clustering")(evaluate.evaluate_clustering)
evaluate_app.command("alignment")(evaluate.evaluate_alignment)

train_app.command("checkworthiness")(train.train_checkworthiness)
train_app.command("attribution")(train.train_attribution)
train_app.command("techniques")(train.train_techniques)
train_app.command("embeddings")(train.train_embeddings)

techniques_app.command("detect")(techniques.detect)
techniques_app.command("classify")(techniques.classify)


def main() -> None:
    """Entry point of the ``claimgraph`` script."""
    sys.exit(app())

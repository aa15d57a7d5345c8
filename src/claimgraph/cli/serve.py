"""CLI: ``serve`` (the REST API and web app) and ``token create|list|revoke``."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from ..errors import TokenNotFoundError
from ._common import PROFILE_HELP, Profile, stderr, stdout

__all__ = ["serve", "token_create", "token_list", "token_revoke"]


def serve(
    db: Annotated[Path | None, typer.Option(help="Database file (default: $CLAIMGRAPH_DB or the user data folder).")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on; beyond loopback every request needs a token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Analysis threads (the models are loaded once, shared).")] = 1,
    profile: Annotated[Profile, typer.Option(help=PROFILE_HELP)] = Profile.full,
    allow_private: Annotated[bool, typer.Option(help="Let the server fetch URLs on private or loopback addresses.")] = False,
    allowed_host: Annotated[list[str] | None, typer.Option(help="Another Host name to answer to (repeatable).")] = None,
    max_body_bytes: Annotated[int, typer.Option(min=1, help="Largest request body, counted as it arrives.")] = 10_000_000,
    demo: Annotated[bool, typer.Option(help="Serve a demo library of the example articles (built in a temporary file unless --db is given).")] = False,
) -> None:
    """Run the REST API (/v1) and the web app on HOST:PORT."""
    with tempfile.TemporaryDirectory(prefix="claimgraph-demo-") as scratch:  # removed when the server stops
        if demo:
            from ..web.demo import build_demo_db

            db = db or Path(scratch) / "demo.db"
            count = build_demo_db(db, profile=profile.value)
            stderr.print(f"demo library: {count} example articles in {db}", highlight=False)
        _run(db=db, host=host, port=port, workers=workers, profile=profile.value, allow_private=allow_private,
             allowed_hosts=tuple(allowed_host or ()), max_body_bytes=max_body_bytes)


def _run(*, db: Path | None, host: str, port: int, **options: object) -> None:
    import uvicorn

    from ..api import Settings, create_app, is_loopback

    settings = Settings(db=db, host=host, port=port, **options)  # type: ignore[arg-type]
    if not is_loopback(host):
        stderr.print(f"listening on {host}: every request needs an API token (claimgraph token create NAME)",
                     highlight=False)
    shown = f"[{host}]" if ":" in host else host
    stderr.print(f"claimgraph serving on http://{shown}:{port}/ (Ctrl+C stops)", highlight=False)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", server_header=False)


def token_create(
    name: Annotated[str, typer.Argument(help="Who or what will use the token.")],
    db: Annotated[Path | None, typer.Option(help="Database file.")] = None,
) -> None:
    """Create an API token; it is printed once (only its digest is stored)."""
    from ..store import open_store

    with open_store(db) as store:
        info, token = store.create_token(name)
    stderr.print(f"token {info.id} ({info.name}) created; it is shown only now:", highlight=False)
    typer.echo(token)


def token_list(
    db: Annotated[Path | None, typer.Option(help="Database file.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """List API tokens (ids and names; the secrets are not stored)."""
    from ..store import open_store

    with open_store(db) as store:
        tokens = store.list_tokens()
    if json_out:
        typer.echo(json.dumps({"tokens": [
            {"id": t.id, "name": t.name, "created_at": t.created_at, "revoked_at": t.revoked_at} for t in tokens]}))
        return
    for t in tokens:
        stdout.print(f"{t.id}  {t.name}  created {t.created_at}" + (f"  revoked {t.revoked_at}" if t.revoked_at else ""),
                     highlight=False, markup=False)


def token_revoke(
    token_id: Annotated[str, typer.Argument(help="The id from `claimgraph token list` (or the whole token).")],
    db: Annotated[Path | None, typer.Option(help="Database file.")] = None,
) -> None:
    """Revoke an API token at once."""
    from ..store import open_store

    with open_store(db) as store:
        if not store.revoke_token(token_id):
            raise TokenNotFoundError(f"no active token {token_id!r}; `claimgraph token list` shows the ids")
    stderr.print(f"token {token_id} revoked", highlight=False)

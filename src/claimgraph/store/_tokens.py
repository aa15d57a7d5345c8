"""API tokens: ``cg_<id>_<secret>``, stored as the id, a name and a SHA-256 digest of the secret.

The secret is 32 random bytes, so a plain digest is enough (no slow password hash is
needed against guessing); it is compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from dataclasses import dataclass

from ..errors import UsageError

__all__ = ["TokenInfo", "create_token", "list_tokens", "revoke_token", "check_token"]

_PREFIX = "cg_"


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenInfo:
    """A stored token, without its secret."""

    id: str
    name: str
    created_at: str
    last_used_at: str | None
    revoked_at: str | None


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(conn: sqlite3.Connection, name: str) -> tuple[TokenInfo, str]:
    """A new token named ``name``: its record and the full token, shown once, never stored."""
    if not name.strip():
        raise UsageError("give the token a name (e.g. the person or script that will use it)")
    token_id, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    conn.execute(
        "INSERT INTO api_tokens (id, name, secret_hash) VALUES (?, ?, ?)", (token_id, name.strip(), _digest(secret))
    )
    info = _one(conn, token_id)
    assert info is not None
    return info, f"{_PREFIX}{token_id}_{secret}"


def list_tokens(conn: sqlite3.Connection) -> list[TokenInfo]:
    rows = conn.execute(
        "SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens ORDER BY created_at, id"
    ).fetchall()
    return [_info(row) for row in rows]


def revoke_token(conn: sqlite3.Connection, token_id: str) -> bool:
    """Revoke a token by its id; False when there is no such active token."""
    cur = conn.execute(
        "UPDATE api_tokens SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
        "WHERE id = ? AND revoked_at IS NULL",
        (token_id.removeprefix(_PREFIX).split("_")[0],),
    )
    return cur.rowcount > 0


def check_token(conn: sqlite3.Connection, token: str) -> TokenInfo | None:
    """The active token matching ``token``, or None (unknown, malformed, wrong secret, revoked)."""
    if not token.startswith(_PREFIX) or token.count("_") < 2:
        return None
    token_id, secret = token[len(_PREFIX):].split("_", 1)
    row = conn.execute(
        "SELECT secret_hash FROM api_tokens WHERE id = ? AND revoked_at IS NULL", (token_id,)
    ).fetchone()
    if row is None or not hmac.compare_digest(row[0], _digest(secret)):
        return None
    return _one(conn, token_id)


def _one(conn: sqlite3.Connection, token_id: str) -> TokenInfo | None:
    row = conn.execute(
        "SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE id = ?", (token_id,)
    ).fetchone()
    return _info(row) if row else None


def _info(row: tuple) -> TokenInfo:
    return TokenInfo(id=row[0], name=row[1], created_at=row[2], last_used_at=row[3], revoked_at=row[4])

"""The settings of one ``claimgraph serve`` process (set at start-up, never by a request)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path

from ..ingest import DEFAULT_MAX_BYTES

__all__ = ["Settings", "is_loopback"]

#: Largest request body, counted as the bytes arrive (uploads of JSONL or WARC included).
DEFAULT_MAX_BODY = 10_000_000


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``."""
    if host.strip("[]") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """``db`` None means the default database; ``host`` is where the server listens.

    ``allowed_hosts`` are the Host header names accepted besides the loopback names (a
    DNS-rebinding page reaches the server under a foreign name, which is refused).
    ``require_token`` None means: on every request when ``host`` is beyond loopback, on
    writes only otherwise.
    """

    db: Path | str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    profile: str = "full"
    allow_private: bool = False
    allowed_hosts: tuple[str, ...] = ()
    require_token: bool | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY
    max_fetch_bytes: int = DEFAULT_MAX_BYTES * 2
    fetch_timeout: float = 20.0
    job_folder: Path | None = field(default=None)

    @property
    def token_everywhere(self) -> bool:
        """Whether every request (not only writes) needs a bearer token."""
        return self.require_token if self.require_token is not None else not is_loopback(self.host)

    def host_names(self) -> frozenset[str]:
        """Host header names (without port) that this server answers to."""
        names = {"127.0.0.1", "localhost", "[::1]", "::1", *self.allowed_hosts}
        if self.host not in ("0.0.0.0", "::"):
            names.add(self.host)
        return frozenset(n.lower() for n in names)

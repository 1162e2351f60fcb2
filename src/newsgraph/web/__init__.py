"""The web UI (``newsgraph serve``): pages and a JSON API over a read-only newsgraph database."""

from __future__ import annotations

from pathlib import Path

from ..store import StoreReader
from .app import CONTENT_SECURITY_POLICY, create_app


def check_database(db_path: str | Path) -> None:
    """Raise :class:`~newsgraph.errors.StoreError` unless the database can be read (before serving)."""
    StoreReader(db_path).close()


def run(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the app with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(db_path), host=host, port=port, log_level="info")


__all__ = ["CONTENT_SECURITY_POLICY", "check_database", "create_app", "run"]

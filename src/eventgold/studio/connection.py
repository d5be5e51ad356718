"""Where the Label Studio server is and which token to use. The token is never shown."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from eventgold.errors import Problem, ServerError, UsageError

TOKEN_ENV = "LABEL_STUDIO_API_KEY"
URL_ENV = "LABEL_STUDIO_URL"
DEFAULT_STATE_DIR = Path(".eventgold/studio")


@dataclass(frozen=True)
class Connection:
    """A server URL and its API token (legacy token or personal access token)."""

    url: str
    token: str = field(repr=False)

    def __str__(self) -> str:
        return self.url


def read_token_file(path: Path) -> str:
    try:
        token = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise UsageError(Problem("EG006", f"no such token file: {path}", "$", str(path))) from None
    if not token:
        raise ServerError(Problem("EG535", f"token file {path} is empty", "$", str(path)))
    return token


def resolve_connection(
    url: str | None = None,
    token_file: Path | None = None,
    state_dir: Path = DEFAULT_STATE_DIR,
) -> Connection:
    """``--url`` / ``LABEL_STUDIO_URL`` / the local server, with a token from ``--token-file``,
    ``LABEL_STUDIO_API_KEY`` or (for the local server) its token file."""
    from eventgold.studio.server import local_server_state, token_path

    local = local_server_state(state_dir)
    url = url or os.environ.get(URL_ENV)
    if url is None:
        if local is None:
            raise ServerError(
                Problem(
                    "EG539",
                    f"no --url given, {URL_ENV} is not set and no local server runs "
                    f"(state dir {state_dir})",
                )
            )
        url = local.url
    url = url.rstrip("/")
    if token_file is not None:
        return Connection(url, read_token_file(token_file))
    env_token = os.environ.get(TOKEN_ENV, "").strip()
    if env_token:
        return Connection(url, env_token)
    if local is not None and local.url == url and token_path(state_dir).exists():
        return Connection(url, read_token_file(token_path(state_dir)))
    raise ServerError(Problem("EG535", f"no token for {url}: set {TOKEN_ENV} or pass --token-file"))

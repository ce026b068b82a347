"""How Daphne is started: the same for `make serve`, the tests' server processes and the benchmarks.

`python -m config.serving HOST PORT` replaces itself with that Daphne.
"""

import os
import sys
from pathlib import Path

# Class start is a connect burst: Daphne's default listen backlog (50) made p99 connects ~1 s.
LISTEN_BACKLOG = 1024
# Daphne drops a WebSocket whose handshake the application has not accepted within 5 s by default; in a burst
# of a thousand dashboards some wait longer than that for their session and user lookups, and a slow accept
# beats a refused one.
WEBSOCKET_CONNECT_TIMEOUT = 30


def daphne_args(*, host: str, port: int) -> list[str]:
    """Daphne's command-line arguments (after the program name) for one process on host:port."""
    args = [
        "-e",
        f"tcp:port={port}:interface={host}:backlog={LISTEN_BACKLOG}",
        "--websocket_connect_timeout",
        str(WEBSOCKET_CONNECT_TIMEOUT),
    ]
    # Only behind our nginx, which overwrites X-Forwarded-For, so a client cannot choose its address: login
    # throttling counts per real address, not per proxy.
    if os.environ.get("DAPHNE_PROXY_HEADERS") == "1":
        args.append("--proxy-headers")
    return [*args, "config.asgi:application"]


if __name__ == "__main__":
    host, port = sys.argv[1], int(sys.argv[2])
    daphne = Path(sys.executable).with_name("daphne")
    os.execv(daphne, [str(daphne), *daphne_args(host=host, port=port)])  # noqa: S606 — our own venv's Daphne

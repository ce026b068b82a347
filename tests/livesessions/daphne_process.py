"""A real Daphne process against the test database, for tests that need sockets across processes or a browser."""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings

from config.serving import daphne_args

ROOT = Path(__file__).resolve().parents[2]
DAPHNE = Path(sys.executable).with_name("daphne")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Daphne:
    def __init__(self, redis_url: str | None = None):
        self.port = free_port()
        env = {**os.environ, "DATABASE_URL": _database_url(), "REDIS_URL": redis_url or settings.REDIS_URL}
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        # A file, not a pipe: a pipe nobody reads would block Daphne once full.
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [str(DAPHNE), "-v", "0", *daphne_args(host="127.0.0.1", port=self.port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    self.log.seek(0)
                    raise RuntimeError(self.log.read().decode()) from None
                time.sleep(0.2)
        raise RuntimeError("Daphne did not start")

    def url(self, path: str, scheme: str = "ws") -> str:
        return f"{scheme}://127.0.0.1:{self.port}{path}"

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()

"""The production topology on one machine: nginx (TLS, static and media files) in front of N Daphne processes
that share one PostgreSQL and one Redis, with production settings.

`make prod-local` runs it in the foreground (`python -m deploy.topology`); benchmarks, drills and the smoke
test import `Topology`:

    with Topology(processes=2, database_url=..., redis_url=..., workdir=tmp) as topo:
        urlopen(topo.base_url + "/healthz", context=topo.ssl_context())
        topo.kill_daphne(0)  # a crash: the launcher starts it again, as systemd's Restart=always would

Everything it writes (secret key, self-signed certificate, nginx configuration, pid and log files) goes into
`workdir`; collected static files go to `staticfiles/` (STATIC_ROOT under production settings).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import fcntl
import hashlib
import http.client
import os
import resource
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
STATIC_ROOT = ROOT / "staticfiles"  # settings.STATIC_ROOT when DJANGO_ENV=production
MEDIA_ROOT = ROOT / "media"  # settings.MEDIA_ROOT
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"
# Django's DATA_UPLOAD_MAX_MEMORY_SIZE and WAGTAILIMAGES_MAX_UPLOAD_SIZE (5 MiB) plus the multipart framing.
CLIENT_MAX_BODY_SIZE = "6m"
# Each proxied socket holds two descriptors in one nginx worker; 2,000 points and their dashboards fit easily.
WORKER_CONNECTIONS = 8192
RESTART_DELAY = 0.5  # seconds; systemd's RestartSec plays this part on a real server

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child before exec: end when the launcher ends, even if it is killed without a chance to clean up."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def raise_fd_limit() -> None:
    """Soft open-files limit up to the hard one (children inherit it): thousands of sockets per process."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, timeout: float, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the process for port {port} exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listening on 127.0.0.1:{port} after {timeout:.0f} s")


class Topology:
    """nginx + N Daphne processes under production settings, on loopback; a context manager.

    `daphne[i]` is the running process i on `daphne_ports[i]`; a process that dies is started again on the
    same port by a supervision thread (`restarts[i]` counts how often).
    """

    def __init__(
        self,
        *,
        processes: int = 2,
        http_port: int = 8080,
        https_port: int = 8443,
        database_url: str,
        redis_url: str,
        workdir: Path,
        extra_env: dict[str, str] | None = None,
        daphne_ports: list[int] | None = None,
    ):
        if processes < 1:
            raise ValueError("at least one Daphne process")
        if daphne_ports is not None and len(daphne_ports) != processes:
            raise ValueError("one port per Daphne process")
        self.processes = processes
        self.http_port = http_port
        self.https_port = https_port
        self.database_url = database_url
        self.redis_url = redis_url
        self.workdir = Path(workdir).resolve()
        self.extra_env = dict(extra_env or {})
        self.daphne_ports = list(daphne_ports) if daphne_ports else [free_port() for _ in range(processes)]
        self.base_url = f"https://127.0.0.1:{https_port}"
        self.ws_base = f"wss://127.0.0.1:{https_port}"
        self.daphne: list[subprocess.Popen] = []
        self.restarts = [0] * processes
        self._started_at = [0.0] * processes
        self.nginx: subprocess.Popen | None = None
        self.tls_dir = self.workdir / "tls"
        self.nginx_dir = self.workdir / "nginx"
        self.log_dir = self.workdir / "logs"
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._supervisor: threading.Thread | None = None
        self._logs: list = []

    # --- the interface ---------------------------------------------------------------------------------

    def __enter__(self) -> Topology:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        """Collect static files, start every Daphne and nginx; return once /healthz answers through nginx."""
        for folder in (self.workdir, self.tls_dir, self.nginx_dir / "logs", self.nginx_dir / "temp", self.log_dir):
            folder.mkdir(parents=True, exist_ok=True)
        raise_fd_limit()
        self._ensure_certificate()
        self.env = self.server_env()
        try:
            collect_static(self.env)
            self._stopping.clear()
            self.daphne = [self._spawn_daphne(i) for i in range(self.processes)]
            for i, port in enumerate(self.daphne_ports):
                _wait_for_port(port, 60, self.daphne[i])
                self.wait_daphne(i, timeout=60)
            self._start_nginx()
            self._wait_healthy(timeout=30)
        except BaseException:
            self.stop()
            raise
        self._supervisor = threading.Thread(target=self._supervise, name="daphne-supervisor", daemon=True)
        self._supervisor.start()

    def stop(self) -> None:
        """Stop nginx and every Daphne (the supervisor first, so nothing is started again)."""
        self._stopping.set()
        if self._supervisor is not None:
            self._supervisor.join(timeout=10)
            self._supervisor = None
        with self._lock:
            procs = ([self.nginx] if self.nginx else []) + list(self.daphne)
            for proc in procs:
                if proc.poll() is None:
                    proc.terminate()
            for proc in procs:
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            for log in self._logs:
                log.close()
            self._logs = []

    def kill_daphne(self, i: int) -> None:
        """SIGKILL Daphne process i, as a crash would; the supervisor starts it again on the same port."""
        with self._lock:
            proc = self.daphne[i]
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                proc.wait()

    def ssl_context(self) -> ssl.SSLContext:
        """A client TLS context that trusts this topology's self-signed certificate (and verifies it)."""
        return ssl.create_default_context(cafile=str(self.tls_dir / "cert.pem"))

    # --- helpers for tests, drills and the command line --------------------------------------------------

    def server_env(self) -> dict[str, str]:
        """The environment of every Daphne and manage.py command: production settings for this topology."""
        env = dict(os.environ)
        for name in ("DJANGO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"):
            env.pop(name, None)
        origins = [f"https://{host}:{self.https_port}" for host in ("127.0.0.1", "localhost")]
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings",
            DJANGO_ENV="production",
            SECRET_KEY=self._secret_key(),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            CSRF_TRUSTED_ORIGINS=",".join(origins),
            WAGTAILADMIN_BASE_URL=self.base_url,
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            # Behind nginx, Daphne takes the client's address and scheme from X-Forwarded-For/-Proto.
            DAPHNE_PROXY_HEADERS="1",
            PYTHONUNBUFFERED="1",
        )
        env.setdefault("LOG_LEVEL", "WARNING")
        env.update(self.extra_env)
        return env

    def manage(self, *args: str, timeout: float = 900, capture: bool = True) -> str:
        """Run a manage.py command under this topology's settings; returns what it printed."""
        env = getattr(self, "env", None) or self.server_env()
        done = subprocess.run(  # our own manage.py, arguments from our code
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=capture,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout or ''}{done.stderr or ''}")
        return done.stdout or ""

    def wait_daphne(self, i: int, timeout: float = 30) -> None:
        """Wait until Daphne process i answers /healthz by itself (after a start or a restart)."""
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.daphne_ports[i], timeout=5)
                conn.request("GET", "/healthz", headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
                response = conn.getresponse()
                last = f"HTTP {response.status}: {response.read()[:200]!r}"
                conn.close()
                if response.status == 200:
                    return
            except OSError as exc:
                last = repr(exc)
            time.sleep(0.2)
        raise RuntimeError(f"Daphne {i} (port {self.daphne_ports[i]}) not healthy: {last}\n{self.daphne_log(i)}")

    def daphne_log(self, i: int, lines: int = 30) -> str:
        path = self.log_dir / f"daphne-{i}.log"
        with contextlib.suppress(OSError):
            return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
        return ""

    # --- internals -----------------------------------------------------------------------------------------

    def _secret_key(self) -> str:
        path = self.workdir / "secret_key"
        if not path.exists():
            self.workdir.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(50))
            path.chmod(0o600)
        return path.read_text().strip()

    def _ensure_certificate(self) -> None:
        cert, key = self.tls_dir / "cert.pem", self.tls_dir / "key.pem"
        if cert.exists() and key.exists():
            return
        self.tls_dir.mkdir(parents=True, exist_ok=True)
        # ECDSA P-256: a TLS handshake costs a fraction of RSA's, which matters when 2,000 points connect at once.
        subprocess.run(
            [
                OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-days", "825", "-subj", "/CN=127.0.0.1/O=Binh dan hoc vu so (local)",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", str(key), "-out", str(cert),
            ],
            check=True,
            capture_output=True,
        )  # fmt: skip
        key.chmod(0o600)

    def _spawn_daphne(self, i: int) -> subprocess.Popen:
        log = open(self.log_dir / f"daphne-{i}.log", "ab")  # noqa: SIM115 — open while the process runs
        self._logs.append(log)
        self._started_at[i] = time.monotonic()
        return subprocess.Popen(
            [sys.executable, "-m", "config.serving", "127.0.0.1", str(self.daphne_ports[i])],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl+C reaches the launcher only; it stops the processes in order
            preexec_fn=_die_with_parent,
        )

    def _supervise(self) -> None:
        """Start again any Daphne that died (systemd's Restart=always on a real server).

        A process that dies soon after starting (a broken setting, the database refusing it) is started again
        after a growing pause, up to 10 s, rather than in a tight loop.
        """
        delays = [RESTART_DELAY] * self.processes
        while not self._stopping.wait(0.2):
            for i in range(self.processes):
                with self._lock:
                    if self._stopping.is_set() or self.daphne[i].poll() is None:
                        continue
                    code = self.daphne[i].returncode
                    quick = time.monotonic() - self._started_at[i] < 10
                delays[i] = min(delays[i] * 2, 10.0) if quick and self.restarts[i] else RESTART_DELAY
                if self._stopping.wait(delays[i]):
                    return
                with self._lock:
                    if self._stopping.is_set():
                        return
                    print(f"topology: Daphne {i} exited ({code}); starting it again", file=sys.stderr, flush=True)
                    self.daphne[i] = self._spawn_daphne(i)
                    self.restarts[i] += 1

    def nginx_config(self) -> str:
        servers = "\n".join(
            f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=2s;" for port in self.daphne_ports
        )
        values = {
            "nofile": str(resource.getrlimit(resource.RLIMIT_NOFILE)[1]),
            "nginx_dir": str(self.nginx_dir),
            "tls_dir": str(self.tls_dir),
            # As root, nginx's workers drop to nobody: they read the static and media folders, write nothing.
            "user_line": "user nobody nogroup;" if os.geteuid() == 0 else "",
            "worker_connections": str(WORKER_CONNECTIONS),
            "client_max_body_size": CLIENT_MAX_BODY_SIZE,
            "upstream_servers": servers,
            "http_port": str(self.http_port),
            "https_port": str(self.https_port),
            "server_name": "127.0.0.1 localhost",
            "static_root": str(STATIC_ROOT),
            "media_root": str(MEDIA_ROOT),
        }
        text = TEMPLATE.read_text()
        for name, value in values.items():
            text = text.replace("{{ " + name + " }}", value)
        if "{{" in text:
            raise RuntimeError(f"unfilled placeholder in {TEMPLATE}: {text[text.index('{{') :][:40]}")
        return text

    def write_nginx_config(self) -> Path:
        """nginx.conf (with its certificate and folders) in the work folder; returns its path."""
        for folder in (self.nginx_dir / "logs", self.nginx_dir / "temp"):
            folder.mkdir(parents=True, exist_ok=True)
        self._ensure_certificate()
        conf = self.nginx_dir / "nginx.conf"
        conf.write_text(self.nginx_config())
        return conf

    def _start_nginx(self) -> None:
        conf = self.write_nginx_config()
        log = open(self.nginx_dir / "logs" / "stderr.log", "ab")  # noqa: SIM115 — open while nginx runs
        self._logs.append(log)
        self.nginx = subprocess.Popen(
            [NGINX, "-p", f"{self.nginx_dir}/", "-c", str(conf), "-e", str(self.nginx_dir / "logs" / "error.log")],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        try:
            _wait_for_port(self.https_port, 15, self.nginx)
        except RuntimeError as exc:
            errors = (self.nginx_dir / "logs" / "error.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"nginx did not start: {exc}\n{errors}") from None

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        last = "no answer"
        context = self.ssl_context()
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPSConnection("127.0.0.1", self.https_port, timeout=5, context=context)
                conn.request("GET", "/healthz")
                response = conn.getresponse()
                last = f"HTTP {response.status}: {response.read()[:200]!r}"
                conn.close()
                if response.status == 200:
                    return
            except OSError as exc:
                last = repr(exc)
            time.sleep(0.2)
        raise RuntimeError(f"/healthz through nginx: {last}")


def _static_fingerprint() -> str:
    """What the collected files depend on: every source static file (name, size, time) and Wagtail's version."""
    digest = hashlib.sha256(version("wagtail").encode())
    for folder in sorted(ROOT.glob("*/static")) + sorted(ROOT.glob("*/*/static")):
        if folder.is_relative_to(ROOT / ".venv") or folder.is_relative_to(STATIC_ROOT):
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_static(env: dict[str, str]) -> None:
    """collectstatic into STATIC_ROOT once: again only when a source file changed (locked: topologies share it)."""
    STATIC_ROOT.mkdir(exist_ok=True)
    stamp = STATIC_ROOT / ".fingerprint"
    with open(STATIC_ROOT / ".collect.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        fingerprint = _static_fingerprint()
        if stamp.exists() and stamp.read_text() == fingerprint and (STATIC_ROOT / "staticfiles.json").exists():
            return
        done = subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"collectstatic failed:\n{done.stdout}{done.stderr}")
        stamp.write_text(fingerprint)


# --- make prod-local ---------------------------------------------------------------------------------------


def _ensure_database(database_url: str) -> None:
    """Create the database if it does not exist yet (the machine's PostgreSQL, user with CREATEDB)."""
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0].replace("postgres://", "postgresql://", 1) + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _has_places(database_url: str) -> bool:
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as conn:
        return conn.execute("SELECT EXISTS (SELECT 1 FROM places_province)").fetchone()[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="nginx + N Daphne processes under production settings.")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--http-port", type=int, default=8080)
    parser.add_argument("--https-port", type=int, default=8443)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/bdhvs_prod")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/2")
    parser.add_argument("--daphne-base-port", type=int, default=8001, help="Daphne i listens on this port + i")
    parser.add_argument("--workdir", type=Path, default=ROOT / ".cache" / "prod")
    args = parser.parse_args(argv)

    topology = Topology(
        processes=args.processes,
        http_port=args.http_port,
        https_port=args.https_port,
        database_url=args.database_url,
        redis_url=args.redis_url,
        workdir=args.workdir,
        daphne_ports=[args.daphne_base_port + i for i in range(args.processes)],
    )
    args.workdir.mkdir(parents=True, exist_ok=True)
    pidfile = args.workdir / "topology.pid"
    if pidfile.exists():
        with contextlib.suppress(ValueError, ProcessLookupError, PermissionError):
            os.kill(int(pidfile.read_text()), 0)
            print(f"Đã có một hệ thống đang chạy (pid {pidfile.read_text()}): make prod-stop", file=sys.stderr)
            return 1

    _ensure_database(args.database_url)
    print("==> migrate", flush=True)
    topology.manage("migrate", "--noinput", "-v0")
    if not _has_places(args.database_url):
        print("==> demo_setup (cơ sở dữ liệu trống)", flush=True)
        print(topology.manage("demo_setup", timeout=1800), flush=True)
    print(f"==> {args.processes} Daphne + nginx", flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    topology.start()
    pidfile.write_text(str(os.getpid()))
    try:
        ports = ", ".join(str(p) for p in topology.daphne_ports)
        print(
            f"\nMở {topology.base_url}/ (học viên) và {topology.base_url}/admin/ (cán bộ)."
            "\nChứng chỉ là tự ký: trình duyệt sẽ cảnh báo, hãy chọn tiếp tục (chỉ dùng trên máy này)."
            f"\nnginx: https {args.https_port}, http {args.http_port} (chuyển sang https);"
            f" Daphne: {ports}; nhật ký trong {args.workdir}."
            "\nNhấn Ctrl+C (hoặc `make prod-stop` ở cửa sổ khác) để dừng.\n",
            flush=True,
        )
        while not stop.wait(1):
            pass
    finally:
        print("Đang dừng…", flush=True)
        topology.stop()
        pidfile.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

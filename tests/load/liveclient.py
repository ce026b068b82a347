"""Client side of the live attendance protocol, shared by the live benchmark, the fault run and the capacity tests.

Everything here talks to a real Daphne process over loopback, as a point page, a dashboard or a phone would:
`PointClient` keeps unacknowledged heartbeats by `seq` and resends them after reconnecting (like the point page),
`DashboardClient` records every `totals` push with the time it arrived, `HttpClient` is a bare HTTP/1.1
keep-alive client (cheap enough that the load generator does not steal the server's CPU on a 2-core machine).
Each speaks plain http/ws to a Daphne port, or https/wss through the production topology's nginx when its
`Server` carries an SSL context.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import signal
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from websockets.asyncio.client import connect as ws_connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python")
DAPHNE = str(VENV_BIN / "daphne")

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script from tests/load/: the project's own modules too
from config.serving import daphne_args  # noqa: E402 — Daphne starts the one way the project starts it

# --- figures -------------------------------------------------------------------------------------------------


def percentile(values, p: float) -> float:
    """The p-th percentile (nearest rank) of `values`, or NaN when there are none."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


# --- processes ------------------------------------------------------------------------------------------------


def server_env(*, database_url: str, redis_url: str | None) -> dict:
    """The environment a Daphne process (or manage.py) of the benchmark runs with."""
    env = dict(os.environ)
    env.update(DATABASE_URL=database_url, DJANGO_ENV="development", LOG_LEVEL="WARNING", PYTHONUNBUFFERED="1")
    if redis_url:
        env["REDIS_URL"] = redis_url
    else:
        env.pop("REDIS_URL", None)
    return env


def wait_for_port(port: int, timeout: float = 30.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process on port {port} exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listening on port {port} after {timeout} s")


class Daphne:
    """One Daphne process with a listen backlog sized for the connect burst at class start."""

    def __init__(self, port: int, env: dict, *, log_path: str | None = None, profile_path: str | None = None):
        self.port = port
        self.env = env
        self.log_path = log_path or f"/tmp/live-daphne-{port}.log"  # noqa: S108 - a log to read after the run
        self.profile_path = profile_path
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60.0) -> Daphne:
        # Profiled: every thread (Django views run in worker threads); SIGINT stops it and writes the file.
        profiled = [PYTHON, str(Path(__file__).with_name("profiled_daphne.py")), str(self.profile_path)]
        cmd = profiled if self.profile_path else [DAPHNE]
        cmd += daphne_args(host="127.0.0.1", port=self.port)
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - kept open for the process's lifetime
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT)
        wait_for_port(self.port, timeout, self.proc)
        return self

    @property
    def pid(self) -> int:
        return self.proc.pid

    def kill9(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()

    def stop(self, timeout: float = 20.0) -> None:
        if not self.proc or self.proc.poll() is not None:
            return
        if self.profile_path:
            self._dump_profile()
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def _dump_profile(self, timeout: float = 600.0) -> None:
        path = Path(self.profile_path)
        path.unlink(missing_ok=True)
        self.proc.send_signal(signal.SIGUSR1)
        deadline = time.monotonic() + timeout
        while not path.exists() and time.monotonic() < deadline and self.proc.poll() is None:
            time.sleep(0.2)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(Path(self.log_path).read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


class RedisServer:
    """A private redis-server (no persistence) the fault run may kill and start again."""

    def __init__(self, port: int):
        self.port = port
        self.proc: subprocess.Popen | None = None

    def start(self) -> RedisServer:
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, 10, self.proc)
        return self

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()


def manage(*args: str, env: dict, timeout: float = 600) -> str:
    """Run a manage.py command in its own process and return what it printed."""
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def live_fixture(*, points: int, heartbeat_interval: int | None, env: dict) -> dict:
    args = ["live_fixture", "--points", str(points), "--json"]
    if heartbeat_interval is not None:
        args += ["--heartbeat-interval", str(heartbeat_interval)]
    out = manage(*args, env=env)
    return json.loads(out[out.index("{") :])


def ensure_database(database_url: str, env: dict) -> None:
    """Create the benchmark database if missing, migrate it and load the geography (idempotent)."""
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0].replace("postgres://", "postgresql://") + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    manage("migrate", "--noinput", "-v0", env=env)
    manage("import_geography", env=env)


# --- HTTP ------------------------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def cookies(self) -> dict[str, str]:
        jar = {}
        for key, value in self.headers:
            if key.lower() == "set-cookie":
                parsed = SimpleCookie()
                parsed.load(value)
                jar.update({name: morsel.value for name, morsel in parsed.items()})
        return jar


class HttpClient:
    """One keep-alive HTTP/1.1 connection on asyncio streams; reopens itself after the server closes it."""

    def __init__(self, host: str, port: int, timeout: float = 30.0, tls: ssl.SSLContext | None = None):
        self.host, self.port, self.timeout, self.tls = host, port, timeout, tls
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def close(self) -> None:
        if self.writer:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def request(self, method: str, path: str, *, headers: dict | None = None, body: bytes = b"") -> Response:
        if self.writer is None:
            self.reader, self.writer = await asyncio.wait_for(
                asyncio.open_connection(self.host, self.port, ssl=self.tls), self.timeout
            )
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", f"Content-Length: {len(body)}"]
        head += [f"{k}: {v}" for k, v in (headers or {}).items()]
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        try:
            return await asyncio.wait_for(self._read_response(), self.timeout)
        except BaseException:
            await self.close()
            raise

    async def _read_response(self) -> Response:
        raw = await self.reader.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = [tuple(part.strip() for part in line.split(":", 1)) for line in lines[1:] if ":" in line]
        response = Response(status, headers, b"")
        length = response.header("content-length")
        if length is not None:
            response.body = await self.reader.readexactly(int(length))
        elif (response.header("transfer-encoding") or "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunks.append(await self.reader.readexactly(size + 2))
                if size == 0:
                    break
            response.body = b"".join(chunk[:-2] for chunk in chunks)
        elif status not in (204, 304):
            response.body = await self.reader.read()
        if (response.header("connection") or "").lower() == "close":
            await self.close()
        return response


def cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def origin(host: str, port: int, tls: ssl.SSLContext | None = None) -> str:
    return f"{'https' if tls else 'http'}://{host}:{port}"


async def csrf_cookie(host: str, port: int, *, tls: ssl.SSLContext | None = None) -> str:
    """A CSRF token from the server's own cookie (the admin login page sets it)."""
    client = HttpClient(host, port, tls=tls)
    try:
        response = await client.request("GET", "/admin/login/")
        token = response.cookies().get("csrftoken")
        if not token:
            raise RuntimeError(f"no csrftoken cookie from /admin/login/ (HTTP {response.status})")
        return token
    finally:
        await client.close()


async def staff_login(
    host: str, port: int, username: str, password: str, *, tls: ssl.SSLContext | None = None
) -> dict[str, str]:
    """Log in through the admin login form, as a person would; returns the cookies (sessionid, csrftoken)."""
    client = HttpClient(host, port, tls=tls)
    try:
        first = await client.request("GET", "/admin/login/")
        jar = first.cookies()
        if "csrftoken" not in jar:
            raise RuntimeError(f"staff login: no csrftoken cookie from /admin/login/ (HTTP {first.status})")
        body = urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": jar["csrftoken"], "next": "/admin/"}
        ).encode()
        second = await client.request(
            "POST",
            "/admin/login/",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie_header(jar),
                "Origin": origin(host, port, tls),
                "Referer": f"{origin(host, port, tls)}/admin/login/",
            },
            body=body,
        )
        jar.update(second.cookies())
        if "sessionid" not in jar:
            raise RuntimeError(f"staff login failed: HTTP {second.status}")
        return jar
    finally:
        await client.close()


# --- WebSockets ----------------------------------------------------------------------------------------------


def ws_open(
    url: str, *, port: int, cookie: str | None = None, open_timeout: float = 30.0, tls: ssl.SSLContext | None = None
):
    """A WebSocket as a browser on the site would open it: same-origin, optionally with the login cookie."""
    return ws_connect(
        url,
        origin=origin("127.0.0.1", port, tls),
        ssl=tls,
        additional_headers={"Cookie": cookie} if cookie else None,
        compression=None,
        proxy=None,
        ping_interval=None,  # Daphne pings; the client answers
        open_timeout=open_timeout,
        close_timeout=5,
        max_size=2**20,
    )


@dataclass
class Server:
    host: str
    port: int
    tls: ssl.SSLContext | None = None  # set: https and wss (through the topology's nginx)

    def ws(self, session: str, kind: str) -> str:
        return f"{'wss' if self.tls else 'ws'}://{self.host}:{self.port}/ws/live/{session}/{kind}/"

    @property
    def origin(self) -> str:
        return origin(self.host, self.port, self.tls)


@dataclass
class PointStats:
    connect_times: list[float] = field(default_factory=list)  # connect started → welcome
    open_times: list[float] = field(default_factory=list)  # connect started → WebSocket handshake done
    ack_latencies: list[float] = field(default_factory=list)  # first send → ack, not counting resends
    handshake_failures: list[str] = field(default_factory=list)
    closes: list[str] = field(default_factory=list)  # close codes of sockets that dropped while in use
    errors: list[str] = field(default_factory=list)  # {"type": "error"} codes received


class PointClient:
    """A connection point's page: hello, heartbeats every interval and at once on a change, resend until acked.

    Heartbeats not acknowledged yet are kept by `seq` and resent in order after a reconnect; the client
    rotates through `servers` (the first is its own; the others take over if it dies), with backoff.
    """

    def __init__(self, *, session: str, code: str, token: str, servers: list[Server], stats: PointStats, headcount=0):
        self.session, self.code, self.token = session, code, token
        self.servers = servers
        self.stats = stats
        self.headcount = headcount
        self.seq = 0
        self.sent: dict[int, int] = {}  # seq → head count, every heartbeat ever sent
        self.unacked: dict[int, float] = {}  # seq → time first sent
        self.acked: set[int] = set()
        self.last_ack_at: float | None = None  # when the last ack arrived (recovery after a fault)
        self.interval: float | None = None
        self.connected = asyncio.Event()
        self.welcomed_at: float | None = None
        self.connected_seconds = 0.0  # the client's own measure: welcome → socket gone, summed
        self.connections = 0
        self._change = asyncio.Event()
        self._ws = None
        self._server_index = 0
        self._stopping = False
        self.heartbeats_enabled = True

    @property
    def peak_sent(self) -> int:
        return max(self.sent.values(), default=0)

    def set_headcount(self, value: int) -> None:
        self.headcount = value
        self._change.set()

    async def run(self, *, stop: asyncio.Event, first_delay: float = 0.0, max_backoff: float = 2.0) -> None:
        await asyncio.sleep(first_delay)
        backoff = 0.1
        while not stop.is_set():
            server = self.servers[self._server_index % len(self.servers)]
            try:
                await self._one_connection(server, stop)
                backoff = 0.1
            except (OSError, ConnectionClosed, InvalidHandshake, TimeoutError) as exc:
                if isinstance(exc, InvalidStatus):
                    self.stats.handshake_failures.append(f"HTTP {exc.response.status_code}")
                elif not isinstance(exc, ConnectionClosed):
                    self.stats.handshake_failures.append(type(exc).__name__)
                self._server_index += 1 if len(self.servers) > 1 else 0
                await asyncio.sleep(backoff * (0.5 + random.random()))  # noqa: S311 - jitter, not secrets
                backoff = min(backoff * 2, max_backoff)

    async def _one_connection(self, server: Server, stop: asyncio.Event) -> None:
        t0 = time.monotonic()
        async with ws_open(server.ws(self.session, "point"), port=server.port, tls=server.tls) as ws:
            self._ws = ws
            self.stats.open_times.append(time.monotonic() - t0)
            await ws.send(json.dumps({"type": "hello", "point": self.code, "token": self.token}))
            welcome = json.loads(await asyncio.wait_for(ws.recv(), 30))
            if welcome.get("type") != "welcome":
                raise ConnectionClosed(None, None)
            self.welcomed_at = time.monotonic()
            self.connections += 1
            self.stats.connect_times.append(self.welcomed_at - t0)
            self.interval = float(welcome["heartbeat_interval"])
            self.connected.set()
            reader = asyncio.create_task(self._read(ws))
            try:
                for seq in sorted(self.unacked):  # resend what the last socket left unacknowledged, in order
                    await ws.send(self._heartbeat(seq))
                await self._heartbeat_loop(ws, stop, reader)
            finally:
                reader.cancel()
                self.connected.clear()
                self.connected_seconds += time.monotonic() - self.welcomed_at
                self.welcomed_at = None
                self._ws = None

    def _heartbeat(self, seq: int) -> str:
        return json.dumps({"type": "heartbeat", "seq": seq, "headcount": self.sent[seq]})

    async def send_new(self) -> None:
        self.seq += 1
        self.sent[self.seq] = self.headcount
        self.unacked[self.seq] = time.monotonic()
        if self._ws is not None:
            await self._ws.send(self._heartbeat(self.seq))

    async def _heartbeat_loop(self, ws, stop: asyncio.Event, reader: asyncio.Task) -> None:
        # A random phase, so 2,000 points do not all beat in the same millisecond.
        wait = random.random() * self.interval  # noqa: S311 - jitter, not secrets
        while not stop.is_set() and not reader.done():
            self._change.clear()
            change = asyncio.create_task(self._change.wait())
            stopped = asyncio.create_task(stop.wait())
            done, _pending = await asyncio.wait({change, stopped, reader}, timeout=wait, return_when="FIRST_COMPLETED")
            for task in (change, stopped):
                if task not in done:
                    task.cancel()
            if stop.is_set() or reader.done():
                break
            if self.heartbeats_enabled or change in done:
                await self.send_new()
            wait = self.interval
        if reader.done() and not stop.is_set():
            exc = reader.exception() if not reader.cancelled() else None
            raise exc if exc else ConnectionClosed(None, None)
        if stop.is_set():
            await ws.close()

    async def _read(self, ws) -> None:
        try:
            async for raw in ws:
                message = json.loads(raw)
                kind = message.get("type")
                if kind == "ack":
                    seq = message.get("seq")
                    first_sent = self.unacked.pop(seq, None)
                    if first_sent is not None and seq not in self.acked:
                        self.stats.ack_latencies.append(time.monotonic() - first_sent)
                    self.acked.add(seq)
                    self.last_ack_at = time.monotonic()
                elif kind == "error":
                    self.stats.errors.append(str(message.get("code")))
        except ConnectionClosed as closed:
            self.stats.closes.append(str(closed.rcvd.code if closed.rcvd else "no close frame"))
            raise

    async def flush(self, timeout: float) -> bool:
        """Wait until every heartbeat sent has been acknowledged."""
        deadline = time.monotonic() + timeout
        while self.unacked and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        return not self.unacked


class DashboardClient:
    """A staff dashboard socket: keeps every `totals` push with its arrival time; reconnects if dropped."""

    def __init__(self, *, session: str, servers: list[Server], cookie: str):
        self.session, self.servers, self.cookie = session, servers, cookie
        self.totals: list[tuple[float, dict]] = []
        self.connected = asyncio.Event()
        self.connect_time: float | None = None
        self.handshake_failures: list[str] = []
        self.closes: list[str] = []
        self.new_totals = asyncio.Condition()

    async def run(self, *, stop: asyncio.Event) -> None:
        index, backoff = 0, 0.1
        while not stop.is_set():
            server = self.servers[index % len(self.servers)]
            t0 = time.monotonic()
            try:
                url = server.ws(self.session, "dashboard")
                async with ws_open(url, port=server.port, cookie=self.cookie, tls=server.tls) as ws:
                    self.connect_time = self.connect_time or (time.monotonic() - t0)
                    self.connected.set()
                    backoff = 0.1
                    reader = asyncio.create_task(self._read(ws))
                    stopped = asyncio.create_task(stop.wait())
                    await asyncio.wait({reader, stopped}, return_when="FIRST_COMPLETED")
                    stopped.cancel()
                    if stop.is_set():
                        reader.cancel()
                        await ws.close()
                        return
                    if reader.exception():
                        raise reader.exception()
            except ConnectionClosed as closed:
                self.closes.append(str(closed.rcvd.code if closed.rcvd else "no close frame"))
            except InvalidStatus as exc:
                self.handshake_failures.append(f"HTTP {exc.response.status_code}")
            except (OSError, TimeoutError, InvalidHandshake) as exc:
                self.handshake_failures.append(type(exc).__name__)
            self.connected.clear()
            index += 1
            await asyncio.sleep(backoff * (0.5 + random.random()))  # noqa: S311 - jitter, not secrets
            backoff = min(backoff * 2, 2.0)

    async def _read(self, ws) -> None:
        async for raw in ws:
            message = json.loads(raw)
            if message.get("type") == "totals":
                self.totals.append((time.monotonic(), message))
                async with self.new_totals:
                    self.new_totals.notify_all()

    def first_totals_after(self, t: float, predicate) -> float | None:
        for arrived, totals in self.totals:
            if arrived >= t and predicate(totals):
                return arrived
        return None


# --- check-ins -----------------------------------------------------------------------------------------------


def learner_cookie_value(learner) -> str:
    """The signed learner cookie exactly as the join flow leaves it on a phone (Django set up in-process)."""
    from django.conf import settings
    from django.http import HttpResponse

    from learners.identity import remember_learner

    response = HttpResponse()
    remember_learner(response, learner)
    return response.cookies[settings.LEARNER_COOKIE_NAME].value


@dataclass
class CheckinResult:
    status: int
    latency: float


class CheckinSender:
    """POSTs check-ins over a few keep-alive connections, as many phones in one hall would."""

    def __init__(self, *, servers: list[Server], session: str, csrf: str, learner_cookie_name: str):
        self.servers, self.session, self.csrf = servers, session, csrf
        self.cookie_name = learner_cookie_name
        self.path = f"/live/{session}/checkin/"

    def _request(self, cookie_value: str, point: str | None, server: Server) -> tuple[dict, bytes]:
        body = urlencode({"csrfmiddlewaretoken": self.csrf, **({"point": point} if point else {})}).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={self.csrf}; {self.cookie_name}={cookie_value}",
            "X-CSRFToken": self.csrf,
            # The one-tap button is htmx: 200 with the result card when counted (a plain form POST gets a
            # redirect whatever happened, so only the htmx answer tells "accepted" apart).
            "HX-Request": "true",
        }
        if server.tls:
            # Over https Django's CSRF check wants to see where the POST came from, as a browser says.
            headers["Origin"] = server.origin
        return headers, body

    async def send_all(
        self,
        jobs: list[tuple[str, str | None]],
        *,
        concurrency: int,
        retry_until_2xx: bool = False,
        results: list | None = None,
        accepted: set | None = None,
        failures: list | None = None,
        deadline: float | None = None,
        pace: float = 0.0,
        new_connection_each: bool = False,
    ) -> list[CheckinResult]:
        """Send every (cookie, point) job; returns per-request results. With `retry_until_2xx`, a job that got
        no 2xx (or no answer) is sent again, to the next server, until one answers 2xx. No new job is started
        after `deadline` (time.monotonic()), so a slow server cannot stretch a bounded run. With `pace`, each
        connection starts a job at most every `pace` seconds. With `new_connection_each`, every job opens its own
        connection (and TLS handshake), as phones arriving one by one do."""
        results = results if results is not None else []
        queue: asyncio.Queue = asyncio.Queue()
        for job in jobs:
            queue.put_nowait(job)

        async def worker(index: int) -> None:
            server_index = index
            client = None
            while deadline is None or time.monotonic() < deadline:
                try:
                    cookie, point = queue.get_nowait()
                except asyncio.QueueEmpty:
                    break
                started = time.monotonic()
                while True:
                    server = self.servers[server_index % len(self.servers)]
                    if client is None:
                        client = HttpClient(server.host, server.port, timeout=10, tls=server.tls)
                    headers, body = self._request(cookie, point, server)
                    t0 = time.monotonic()
                    try:
                        response = await client.request("POST", self.path, headers=headers, body=body)
                        status = response.status
                    except (OSError, asyncio.IncompleteReadError, TimeoutError) as exc:
                        status = 0
                        if failures is not None:
                            failures.append(type(exc).__name__)
                    results.append(CheckinResult(status, time.monotonic() - t0))
                    if 200 <= status < 300:
                        if accepted is not None:
                            accepted.add(cookie)
                        break
                    if failures is not None and status:
                        failures.append(f"HTTP {status}")
                    if not retry_until_2xx:
                        break
                    await client.close()
                    client = None
                    server_index += 1
                    await asyncio.sleep(0.2)
                if new_connection_each and client is not None:
                    await client.close()
                    client = None
                if pace:
                    await asyncio.sleep(max(0.0, started + pace - time.monotonic()))
            if client is not None:
                await client.close()

        await asyncio.gather(*(worker(i) for i in range(concurrency)))
        return results


def raise_fd_limit() -> None:
    import resource

    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def django_setup(database_url: str, redis_url: str | None) -> None:
    """Django in this process, against the same database as the server (to create learners, count rows)."""
    os.environ["DATABASE_URL"] = database_url
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_ENV", "development")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

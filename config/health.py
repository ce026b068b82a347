"""`/healthz` for the reverse proxy and the process supervisor: can this process reach its database and Redis?"""

from functools import cache

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

TIMEOUT = 2  # seconds; a proxy asking every few seconds wants an answer, not a hang


@cache
def _redis(url: str) -> redis.Redis:
    # One client (and connection pool) per URL for the process: a check costs a PING, not a new connection.
    return redis.Redis.from_url(url, socket_connect_timeout=TIMEOUT, socket_timeout=TIMEOUT)


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means "not reachable"
        return False


def _redis_answers(url: str) -> bool:
    try:
        return bool(_redis(url).ping())
    except Exception:
        return False


@never_cache
@require_safe
def healthz(request):
    """200 "ok" when the database answers SELECT 1 and Redis (when configured) answers PING, else 503 naming
    what failed. Touches no session and no learner: the proxy may ask often."""
    failed = [] if _database_answers() else ["database"]
    if settings.REDIS_URL and not _redis_answers(settings.REDIS_URL):
        failed.append("redis")
    if failed:
        body = "".join(f"{name}: unreachable\n" for name in failed)
        return HttpResponse(body, status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")

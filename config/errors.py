"""The server-error page, which tells a database outage apart: "try again in a moment" is then the whole truth."""

import sys

from django.db import OperationalError
from django.http import HttpResponseServerError
from django.template import loader
from django.views import defaults

# Long enough for PostgreSQL to restart or fail over, short enough that a villager's second tap works.
RETRY_AFTER_SECONDS = 5


def server_error(request):
    """500, or 503 with Retry-After when the database could not be reached: nothing was recorded, and the same
    tap a few seconds later will work (a check-in or an answer is recorded once however often it is sent)."""
    if isinstance(sys.exc_info()[1], OperationalError):
        # Rendered without the request, as Django's own 500 is: context processors could need the database.
        response = HttpResponseServerError(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return defaults.server_error(request)

"""Logs without personal data: no learner's name, no phone number, no point token, no session or CSRF cookie.

Every log record is redacted as it is made (a record factory), so every handler sees only the redacted text:
the console, Daphne's, an error mailer, a test's capture. Patterns catch what has a shape (``token=…``,
``khoa=…``, cookie values, phone numbers, long random tokens); a learner's name has none, so the learner
middleware marks the request whose learner's name and posted name are kept out of every record made while it
runs (`personal_values_of`). Error reports that carry the request (Django's 500 mail) go through
`PersonalDataExceptionReporter`, which hides posted fields and cookies and redacts the rest the same way.

Daphne's access log is not a log record: it writes "METHOD path?query status size" straight to stdout. Point
tokens travel in the URL fragment, which browsers never send, but a link pasted with ``?khoa=…`` would put one
there, so `configure` redacts those lines too.
"""

import contextlib
import logging
import logging.config
import re
import traceback
from collections.abc import Iterable, Iterator
from contextvars import ContextVar

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

REDACTED = "[redacted]"

# Names whose values are secrets or personal: form fields, query parameters, cookies, JSON keys.
SECRET_NAMES = (
    "token",
    "khoa",
    "password",
    "secret",
    "sessionid",
    "csrftoken",
    "csrfmiddlewaretoken",
    "bdhvs_hocvien",
    "display_name",
    "birth_year",
    "phone",
    "operator_phone",
)
_NAMED_VALUE = re.compile(
    r"(?P<name>\b(?:" + "|".join(SECRET_NAMES) + r""")\b)(?P<sep>['"]?\s*[:=]\s*['"]?)(?P<value>[^\s&;'",}]+)""",
    re.IGNORECASE,
)
# A Cookie header in any spelling (raw header, WSGI/ASGI META key, a headers list).
_COOKIE_HEADER = re.compile(r"""(?P<name>(?:\bcookie|HTTP_COOKIE)['"]?\s*[:=,]\s*['"]?)(?P<value>[^\r\n'"]+)""", re.I)
# Vietnamese phone numbers: 0 or +84, then 9–10 digits, optionally grouped by spaces or dashes.
_PHONE = re.compile(r"(?<![\w.+])(?:\+84[ -]?|0)[1-9](?:[ -]?\d){7,9}(?![\w.])")
# Long random strings with letters and digits (point tokens are 43 characters of URL-safe base64).
_RANDOM_TOKEN = re.compile(r"(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{32,}(?![\w-])")

_current_request: ContextVar[object | None] = ContextVar("request_being_logged", default=None)


def redact(text: str, values: Iterable[str] = ()) -> str:
    """`text` with personal values and anything shaped like a secret or a phone number replaced."""
    request = _current_request.get()
    if request is not None:
        values = (*values, *_values_of(request))
    for value in sorted({v for v in values if v and len(v) >= 2}, key=len, reverse=True):
        text = text.replace(value, REDACTED)
    text = _COOKIE_HEADER.sub(lambda m: m["name"] + REDACTED, text)
    text = _NAMED_VALUE.sub(lambda m: m["name"] + m["sep"] + REDACTED, text)
    text = _PHONE.sub(REDACTED, text)
    return _RANDOM_TOKEN.sub(REDACTED, text)


@contextlib.contextmanager
def personal_values_of(request) -> Iterator[None]:
    """While `request` runs, redact its learner's name and the personal fields it posts from every log record.

    Looked up when a record is made, so a form is never parsed for the log's sake: a posted name is known once
    the view (or the CSRF check) has read the form, which is before anything can write it anywhere.
    """
    token = _current_request.set(request)
    try:
        yield
    finally:
        _current_request.reset(token)


def redact_record(record: logging.LogRecord, values: Iterable[str] = ()) -> logging.LogRecord:
    """Replace the record's message, traceback and stack with their redacted text (in place)."""
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: leave it for the handler to report, as logging does
        return record
    record.msg, record.args = redact(message, values), ()
    if record.exc_info and record.exc_info[0] is not None:
        record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"), values)
    elif record.exc_text:
        record.exc_text = redact(record.exc_text, values)
    if record.stack_info:
        record.stack_info = redact(record.stack_info, values)
    return record


class RedactPersonalData(logging.Filter):
    """A handler filter doing the same as the record factory, and using the request a record carries
    (Django's request errors): the learner's name and the posted name."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        redact_record(record, _values_of(request) if request is not None else ())
        return True


def _values_of(request) -> list[str]:
    values = []
    learner = getattr(request, "learner", None)  # set by learners.middleware
    if learner is not None and getattr(learner, "display_name", ""):
        values.append(learner.display_name)
    # Read a posted name only from a form already parsed: never make a log line parse a request body.
    post = request.__dict__.get("_post")
    if post is not None:
        values += [post.get(name, "") for name in ("display_name", "phone", "operator_name", "operator_phone")]
    return values


_previous_factory = logging.getLogRecordFactory()


def _redacting_factory(*args, **kwargs) -> logging.LogRecord:
    return redact_record(_previous_factory(*args, **kwargs))


def configure(logging_settings: dict) -> None:
    """LOGGING_CONFIG: redact every record as it is made, and Daphne's access lines; then apply LOGGING."""
    if logging.getLogRecordFactory() is not _redacting_factory:
        logging.setLogRecordFactory(_redacting_factory)
    _redact_daphne_access_log()
    logging.config.dictConfig(logging_settings)


def _redact_daphne_access_log() -> None:
    try:
        from daphne.access import AccessLogGenerator
    except ImportError:  # another ASGI server
        return
    write_entry = AccessLogGenerator.write_entry
    if getattr(write_entry, "redacts", False):
        return

    def redacted_write_entry(self, host, date, request, *args, **kwargs):
        return write_entry(self, host, date, redact(request), *args, **kwargs)

    redacted_write_entry.redacts = True
    AccessLogGenerator.write_entry = redacted_write_entry


class PersonalDataReporterFilter(SafeExceptionReporterFilter):
    """Error reports (the 500 mail) show posted personal fields and cookies as stars."""

    def get_post_parameters(self, request):
        if request is None:
            return {}
        parameters = super().get_post_parameters(request).copy()
        for name in parameters:
            if _NAMED_VALUE.fullmatch(f"{name}=x"):
                parameters[name] = self.cleansed_substitute
        return parameters

    def get_safe_cookies(self, request):
        return {name: self.cleansed_substitute for name in getattr(request, "COOKIES", {})}


class PersonalDataExceptionReporter(ExceptionReporter):
    """The error report with the request's personal values (the learner's name) and secrets redacted."""

    def get_traceback_text(self):
        return redact(super().get_traceback_text(), _values_of(self.request) if self.request else ())

    def get_traceback_html(self):
        return redact(super().get_traceback_html(), _values_of(self.request) if self.request else ())

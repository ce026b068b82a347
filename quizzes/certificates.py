"""The learner's printable certificate, and the public page its QR code opens to check it.

The certificate is personal (their name, their village then): only the phone of the learner who holds it sees
it; anyone else gets the plain 404, so codes cannot be probed. The verification page is public and shows only
initials, course, date and commune — enough to tell a real certificate from a forged one, nothing more.
"""

import segno
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from quizzes.selectors import certificate_of_learner, completion_by_code, initials


def verify_url(request, code: str) -> str:
    """The absolute address of a certificate's public check: what its QR code holds."""
    return request.build_absolute_uri(reverse("quizzes:verify", args=[code]))


def _qr_svg(url: str, title: str) -> str:
    # Inline SVG sized by the page's CSS (viewBox, no fixed size): nothing fetched, prints sharp.
    svg = segno.make(url, error="m").svg_inline(omitsize=True, title=title)
    return mark_safe(svg)  # noqa: S308 — segno's own markup; the URL is escaped by segno


def _private(response, *, no_index: bool = True):
    if no_index:
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def certificate(request, code: str):
    """The learner's completion certificate, printable on one A4 page."""
    completion = certificate_of_learner(code=code, learner=getattr(request, "learner", None))
    if completion is None:
        raise Http404("no such certificate for this learner")
    url = verify_url(request, completion.certificate_code)
    response = render(
        request,
        "quizzes/certificates/certificate.html",
        {
            "completion": completion,
            "holder": completion.learner.display_name,
            "verify_url": url,
            "qr": _qr_svg(url, _("QR code to check this certificate")),
        },
    )
    # Personal: never kept by a shared cache.
    response["Cache-Control"] = "private, no-cache"
    return _private(response)


@require_safe
def verify(request, code: str):
    """Public check of a certificate: initials, course, completion date and commune only."""
    completion = completion_by_code(code)
    if completion is None:
        response = render(request, "quizzes/certificates/verify_unknown.html", {"code": code}, status=404)
        return _private(response)
    holder_deleted = completion.learner_id is None
    response = render(
        request,
        "quizzes/certificates/verify.html",
        {
            "code": completion.certificate_code,
            "course_title": completion.course.title,
            "completed_at": completion.completed_at,
            "commune": completion.village.commune.name,
            "holder_deleted": holder_deleted,
            "initials": "" if holder_deleted else initials(completion.learner.display_name),
        },
    )
    return _private(response)

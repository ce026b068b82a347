"""The learner's identity cookie: a signed public id, long-lived, never readable by scripts."""

from functools import wraps

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from learners.models import Learner

_SALT = "learners.identity"


def learner_from_request(request) -> Learner | None:
    public_id = request.get_signed_cookie(
        settings.LEARNER_COOKIE_NAME, default=None, salt=_SALT, max_age=settings.LEARNER_COOKIE_MAX_AGE
    )
    if not public_id:
        return None
    try:
        # Every request pays for this lookup (check-ins at class start most of all): the learner row alone;
        # the few pages that show the commune or province load them when they do.
        return Learner.objects.get(public_id=public_id)
    except (Learner.DoesNotExist, ValueError):
        return None  # deleted, or a malformed id: the visitor is simply not joined


def remember_learner(response, learner: Learner) -> None:
    response.set_signed_cookie(
        settings.LEARNER_COOKIE_NAME,
        str(learner.public_id),
        salt=_SALT,
        max_age=settings.LEARNER_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def forget_learner(response) -> None:
    response.delete_cookie(settings.LEARNER_COOKIE_NAME, samesite="Lax")


def learner_required(view):
    """Send a visitor this phone does not know to the join flow, and back to this page after joining."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.learner:
            return redirect(f"{reverse('learners:join')}?{urlencode({'next': request.path})}")
        return view(request, *args, **kwargs)

    return wrapped

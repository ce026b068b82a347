"""Pages of a live class: the villager's check-in page, the poster and operator-card targets, the operator's
point page and the staff dashboard. The sockets are in consumers.py; the writes in services.py.
"""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from livesessions import charts, selectors, services
from livesessions.hub import roster_cached
from livesessions.models import CheckIn, ConnectionPoint, LiveSession, SessionStatus
from livesessions.presence import Beat
from places.selectors import staff_scope_of


def _is_staff(request) -> bool:
    """Staff are never counted as villagers (the session cookie is only looked at when there is one)."""
    user = request.user
    return bool(user.is_authenticated and (user.is_staff or staff_scope_of(user) is not None))


def _clock(moment) -> str:
    return date_format(timezone.localtime(moment), "H:i")


def _session_url(session_id: int, point_code: str = "") -> str:
    url = reverse("livesessions:session", args=[session_id])
    return f"{url}?{urlencode({'diem': point_code})}" if point_code else url


def _point_in(roster, code: str):
    code = (code or "").strip().upper()
    return roster.points_by_code.get(code) if roster is not None and code else None


# --- The villager -----------------------------------------------------------------------------------------


@require_GET
def session_page(request, session_id: int):
    """The class on a villager's phone: title, time, stream link and the one big button."""
    session = get_object_or_404(LiveSession.objects.select_related("province", "commune"), pk=session_id)
    point = _point_in(roster_cached(session_id), request.GET.get("diem", ""))
    checkin = None
    if request.learner is not None:
        checkin = CheckIn.objects.filter(session_id=session_id, learner=request.learner).only("created_at").first()
    join_url = (
        f"{reverse('learners:join')}?{urlencode({'next': _session_url(session_id, point.code if point else '')})}"
    )
    return render(
        request,
        "livesessions/session.html",
        {
            "session": session,
            "point": point,
            "checkin": checkin,
            "checkin_time": _clock(checkin.created_at) if checkin else "",
            "is_staff": _is_staff(request),
            "join_url": join_url,
        },
    )


@require_POST
def checkin(request, session_id: int):
    """Count the learner once; plain POST redirects back with a message, htmx gets the card back."""
    roster = roster_cached(session_id)
    if roster is None:
        raise Http404
    point = _point_in(roster, request.POST.get("point", ""))
    code = point.code if point else ""
    back = _session_url(session_id, code)
    if _is_staff(request):
        return _checkin_answer(
            request, session_id, back, _("You are signed in as staff: staff are not counted as villagers."), error=True
        )
    if request.learner is None:
        return redirect(f"{reverse('learners:join')}?{urlencode({'next': back})}")
    if not roster.is_open:
        text = (
            _("This class has ended: check-ins are no longer accepted.")
            if roster.status == SessionStatus.CLOSED
            else _("This class has not started yet: please check in when it opens.")
        )
        return _checkin_answer(request, session_id, back, text, error=True, status=409)
    checked_in_at, created = services.checkin_record(
        session_id=session_id, learner=request.learner, point_id=point.id if point else None
    )
    clock = _clock(checked_in_at)
    if created:
        text = _("Thank you! You checked in at %(time)s.") % {"time": clock}
    else:
        text = _("You already checked in at %(time)s: each person is counted once.") % {"time": clock}
    return _checkin_answer(request, session_id, back, text, checkin_time=clock)


def _checkin_answer(request, session_id, back, text, *, error=False, status=200, checkin_time=""):
    if getattr(request, "htmx", False):
        return render(
            request,
            "livesessions/_checkin_result.html",
            {"text": text, "error": error, "checkin_time": checkin_time},
            status=status,
        )
    (messages.error if error else messages.success)(request, text)
    return redirect(back)


# --- Standing QR targets ----------------------------------------------------------------------------------


def _point_or_404(code: str) -> ConnectionPoint:
    return get_object_or_404(
        ConnectionPoint.objects.select_related("commune"), code=code.strip().upper(), is_active=True
    )


def _sessions_of(point: ConnectionPoint):
    sessions = LiveSession.objects.filter(invited_points=point).order_by("scheduled_start")
    open_ = list(sessions.filter(status=SessionStatus.OPEN))
    upcoming = list(sessions.filter(status=SessionStatus.SCHEDULED, scheduled_end__gte=timezone.now())[:5])
    return open_, upcoming


@require_GET
def poster(request, code: str):
    """The villager poster at a hall: straight to the class that is on now."""
    point = _point_or_404(code)
    open_, upcoming = _sessions_of(point)
    if len(open_) == 1:
        return redirect(_session_url(open_[0].pk, point.code))
    return render(
        request,
        "livesessions/poster.html",
        {
            "point": point,
            "open_sessions": [(s, _session_url(s.pk, point.code)) for s in open_],
            "upcoming": upcoming,
        },
    )


@require_GET
def point_chooser(request):
    """The operator card's target: the script reads the point and token from the fragment and moves on."""
    texts = {
        "no_fragment": _("Open this page with the QR code or the link on the point's operator card."),
        "unknown": _("This connection point is not known, or no longer in use. Ask the commune trainer."),
        "none_open": _("No class is open at this connection point right now."),
        "several": _("Several classes are on now at this point. Choose yours:"),
        "upcoming": _("Coming classes:"),
        "going": _("Opening the class…"),
        "error": _("Could not reach the server. Check the internet connection and reload the page."),
    }
    return render(request, "livesessions/point_chooser.html", {"chooser_text": texts})


@require_GET
def point_sessions(request, code: str):
    """JSON for the operator card: the point's open and upcoming classes. No secrets."""
    point = ConnectionPoint.objects.filter(code=code.strip().upper(), is_active=True).first()
    if point is None:
        return JsonResponse({"error": "unknown_point"}, status=404)
    open_, upcoming = _sessions_of(point)

    def item(session):
        return {
            "id": session.pk,
            "title": session.title,
            "start": session.scheduled_start.isoformat(),
            "end": session.scheduled_end.isoformat(),
            "when": date_format(timezone.localtime(session.scheduled_start), "H:i d/m/Y"),
            "url": reverse("livesessions:point_page", args=[session.pk]),
        }

    return JsonResponse(
        {
            "point": {"code": point.code, "name": point.name},
            "open": [item(s) for s in open_],
            "upcoming": [item(s) for s in upcoming],
        }
    )


@require_GET
def point_page(request, session_id: int):
    """The operator's page on the hall laptop or phone; all the work is in point.js over the socket."""
    session = get_object_or_404(LiveSession, pk=session_id)
    texts = {
        "point": _("Connection point %(code)s"),
        "connecting": _("Connecting…"),
        "connected": _("Connected"),
        "retry": _("Connection lost — trying again in %(seconds)s seconds"),
        "offline": _("No internet connection — it will reconnect by itself when the network is back."),
        "last_ack": _("Last confirmed by the server at %(time)s (head count %(count)s)."),
        "c4401": _(
            "Wrong connection point code: the secret on this card does not work (a new card may have been "
            "printed). Ask the commune trainer for the new card."
        ),
        "c4404": _(
            "This connection point is not invited to this class, or is no longer in use. Ask the commune trainer."
        ),
        "c4409": _("The class is not open (it has not started yet, or it has ended)."),
        "c4400": _("The page sent something the server did not understand."),
        "c1009": _("The page sent a message that was too large."),
        "c1011": _("The server could not save the head count."),
        "c1006": _("The connection was cut."),
    }
    return render(request, "livesessions/point_page.html", {"session": session, "texts": texts})


# --- The staff dashboard ----------------------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request, session_id: int):
    """Points online, head count, check-ins, communes, dropped points, attendance over time. Staff in scope."""
    session = get_object_or_404(LiveSession.objects.select_related("province", "commune"), pk=session_id)
    if not selectors.sessions_in_scope(request.user).filter(pk=session_id).exists():
        raise PermissionDenied
    roster = selectors.session_roster(session_id)
    beats = {
        pid: Beat(seen.timestamp(), count)
        for pid, (seen, count) in selectors.presence_beats_from_db(session_id).items()
    }
    counts = selectors.checkin_counts_by_commune(session_id)
    unknown = set(counts) - {p.commune_id for p in roster.points_by_id.values()}
    state = selectors.live_totals(roster, beats, counts, now=time.time(), names=selectors.commune_names(unknown))
    snapshots = selectors.session_snapshots(session_id)
    return render(
        request,
        "livesessions/dashboard.html",
        {
            "session": session,
            "totals": state["totals"],
            "dropped": state["points"]["dropped"],
            "never_connected": state["points"]["never_connected"],
            "never_connected_count": state["points"]["never_connected_count"],
            "dropped_count": state["points"]["dropped_count"],
            "snapshots": snapshots,
            "chart": charts.attendance_svg(snapshots),
            "texts": {
                "connecting": _("Connecting for live figures…"),
                "live": _("Live — updated at %(time)s."),
                "retry": _("Connection lost — trying again in %(seconds)s seconds. The figures above may be old."),
                "call": _("Call"),
                "last_headcount": _("last head count %(count)s"),
                "none": _("None."),
                "no_points": _("No connection point is invited yet."),
            },
        },
    )

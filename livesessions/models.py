"""Live classes: a session streamed elsewhere (YouTube, Zoom…), attended at connection points and by phone.

The facts that matter for the end-of-class report live here, in the database: a point's presence in a session
(first/last seen, connected seconds, reconnects, last and peak head count), per-minute snapshots and every
accepted check-in. Redis (or memory) holds only live state that can be rebuilt from them.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from learners.models import Learner
from places.models import Commune, Province, Village


class ConnectionPoint(models.Model):
    """A standing điểm cầu: a village hall (or commune hall) with a screen, used class after class.

    Its operator proves who they are with a secret token, shown once when created or rotated and stored
    only as a SHA-256 hash (the token is 256 random bits, so a plain hash cannot be guessed back).
    """

    scope_commune_path = "commune"
    wagtail_reference_index_ignore = True  # see places.models.Village

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="connection_points", verbose_name=_("commune")
    )
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="connection_points",
        verbose_name=_("village"),
        help_text=_("Leave empty for a point that serves the whole commune."),
    )
    operator_name = models.CharField(_("operator's name"), max_length=100, blank=True)
    operator_phone = models.CharField(_("operator's phone"), max_length=20, blank=True)
    token_hash = models.CharField(max_length=64, editable=False)
    token_rotated_at = models.DateTimeField(_("token issued at"), null=True, editable=False)
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("connection point")
        verbose_name_plural = _("connection points")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} — {self.name}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def token_matches(self, token: str) -> bool:
        return bool(self.token_hash) and hmac.compare_digest(self.token_hash, self.hash_token(token or ""))


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class LiveSession(models.Model):
    """A live class. We do not stream video: `stream_url` points to where the video is.

    Organised by a province (commune empty: province-wide) or by one commune (province is still set, so
    every session belongs to exactly one province). Only an open session accepts heartbeats and check-ins.
    """

    wagtail_reference_index_ignore = True

    title = models.CharField(_("title"), max_length=200)
    lesson = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("course or lesson"),
    )
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="live_sessions", verbose_name=_("organising province")
    )
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="live_sessions",
        verbose_name=_("organising commune"),
        help_text=_("Empty for a province-wide class."),
    )
    scheduled_start = models.DateTimeField(_("starts at"))
    scheduled_end = models.DateTimeField(_("ends at"))
    stream_url = models.URLField(_("stream link"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    heartbeat_interval = models.PositiveSmallIntegerField(_("heartbeat interval (seconds)"), default=20)
    invited_points = models.ManyToManyField(
        ConnectionPoint, blank=True, related_name="invited_to", verbose_name=_("invited connection points")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("live class")
        verbose_name_plural = _("live classes")
        ordering = ["-scheduled_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scheduled_end__gt=models.F("scheduled_start")), name="session_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == SessionStatus.OPEN


class PointPresence(models.Model):
    """What one connection point did in one session, kept current by every accepted heartbeat.

    `high_seq` is the highest heartbeat sequence number applied: a replayed or duplicated heartbeat
    (seq ≤ high_seq) is acknowledged again but counted once. A head count entered after the class from the
    hall's paper sheet goes in the `late_*` fields, beside the socket's figures, never over them.
    """

    wagtail_reference_index_ignore = True

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="presences")
    point = models.ForeignKey(ConnectionPoint, on_delete=models.PROTECT, related_name="presences")
    first_seen_at = models.DateTimeField(_("first seen"), null=True, blank=True)
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True)
    connected_seconds = models.PositiveIntegerField(_("seconds connected"), default=0)
    connections = models.PositiveIntegerField(_("connections"), default=0)
    high_seq = models.BigIntegerField(default=-1)
    last_headcount = models.PositiveIntegerField(_("last head count"), default=0)
    peak_headcount = models.PositiveIntegerField(_("peak head count"), default=0)
    late_headcount = models.PositiveIntegerField(_("head count reported late"), null=True, blank=True)
    late_reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    late_reported_at = models.DateTimeField(_("reported late at"), null=True, blank=True)

    class Meta:
        verbose_name = _("point presence")
        verbose_name_plural = _("point presences")
        constraints = [models.UniqueConstraint(fields=["session", "point"], name="one_presence_per_point_and_session")]

    def __str__(self):
        return f"{self.point} @ {self.session}"

    @property
    def reconnects(self) -> int:
        return max(self.connections - 1, 0)


class AttendanceSnapshot(models.Model):
    """The session's totals once a minute, for the attendance-over-time chart and the report."""

    wagtail_reference_index_ignore = True

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="snapshots")
    minute = models.DateTimeField()
    points_online = models.PositiveIntegerField(default=0)
    headcount = models.PositiveIntegerField(default=0)
    checkins = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["minute"]
        constraints = [models.UniqueConstraint(fields=["session", "minute"], name="one_snapshot_per_minute")]

    def __str__(self):
        return f"{self.session} {self.minute:%H:%M}"


class CheckIn(models.Model):
    """A villager saying "Tôi đang tham dự": at most one per learner per session, optionally at a point.

    `village` is the learner's village at the time, so a later move (or deleting the learner, which empties
    `learner`) never rewrites who was reached.
    """

    wagtail_reference_index_ignore = True
    scope_commune_path = "village__commune"

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="checkins")
    learner = models.ForeignKey(Learner, on_delete=models.SET_NULL, null=True, blank=True, related_name="checkins")
    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="checkins")
    point = models.ForeignKey(
        ConnectionPoint, on_delete=models.SET_NULL, null=True, blank=True, related_name="checkins"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [models.UniqueConstraint(fields=["session", "learner"], name="one_checkin_per_learner")]
        indexes = [
            models.Index(fields=["session", "created_at"]),
            # The classes each village of a commune checked in to (reach's commune screen), from the index alone.
            models.Index(fields=["village", "session"], name="checkin_village_session"),
        ]

    def __str__(self):
        return f"{self.village} @ {self.session}"

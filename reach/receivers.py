"""Where the facts' writers reach the rollups: signals received inside the writing transaction."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone
from wagtail.models import Page
from wagtail.signals import page_published, post_page_move

from courses.models import CoursePage
from learners.models import Learner
from livesessions import signals as live_signals
from livesessions.models import CheckIn, ConnectionPoint, LiveSession, PointPresence
from places.models import Village
from quizzes.models import CourseCompletion, QuizAttempt, QuizPage
from reach import rollups
from reach.models import SessionDay


def _checkin_recorded(sender, *, session_id, learner_id, village_id, **kwargs) -> None:
    rollups.checkin_added(session_id=session_id, learner_id=learner_id, village_id=village_id)


def _points_connected(sender, *, pairs, **kwargs) -> None:
    rollups.points_joined(pairs=pairs)


def _attempt_saved(sender, instance: QuizAttempt, created: bool, update_fields=None, **kwargs) -> None:
    # Only `quizzes.services._attempt_finish` saves `finished_at`: once per attempt.
    if instance.finished_at is not None and (created or (update_fields and "finished_at" in update_fields)):
        rollups.attempt_finished(instance)


def _completion_saved(sender, instance: CourseCompletion, created: bool, **kwargs) -> None:
    if created:
        rollups.completion_added(instance)


def _session_saved(sender, instance: LiveSession, created: bool, update_fields=None, **kwargs) -> None:
    """A class (re)dated or given another course: its facts move to the new day and theme."""
    if not created and (update_fields is None or "status" in update_fields):
        rollups.presences_unsettle([instance.pk])  # reopened or closed again: its presences are read live
    if update_fields is not None and not {"scheduled_start", "lesson", "lesson_id"} & set(update_fields):
        return
    day, theme = rollups.session_day_of(instance)
    known = SessionDay.objects.filter(pk=instance.pk).first()
    if known is None:
        SessionDay.objects.create(session_id=instance.pk, day=day, theme=theme)
    elif (known.day, known.theme) != (day, theme):
        rollups.rebuild(days=set())  # finds the class's old and new day and rebuilds both


def _session_deleting(sender, instance: LiveSession, **kwargs) -> None:
    instance._reach_days = set(SessionDay.objects.filter(pk=instance.pk).values_list("day", flat=True))


def _session_deleted(sender, instance: LiveSession, **kwargs) -> None:
    rollups.rebuild(days=getattr(instance, "_reach_days", None) or {timezone.localdate(instance.scheduled_start)})


def _page_changed(sender, instance, **kwargs) -> None:
    """A course re-themed, or a quiz or lesson moved to another course: what counted under it may move."""
    if isinstance(instance, CoursePage | QuizPage) or "parent_page_after" in kwargs:
        rollups.rebuild(days=set())  # rebuilds exactly the days whose theme changed, if any


def _page_deleted(sender, instance, **kwargs) -> None:
    """A course, lesson or quiz deleted: classes that pointed at it lose their theme (SET_NULL sends no signal)."""
    if isinstance(instance, Page):
        rollups.rebuild(days=set())


def _point_moving(sender, instance: ConnectionPoint, **kwargs) -> None:
    instance._reach_place_before = (
        ConnectionPoint.objects.filter(pk=instance.pk).values_list("commune_id", "village_id").first()
        if instance.pk
        else None
    )


def _point_saved(sender, instance: ConnectionPoint, created: bool, **kwargs) -> None:
    """A point moved to another village or commune: the classes it joined count there now."""
    before = getattr(instance, "_reach_place_before", None)
    if not created and before is not None and before != (instance.commune_id, instance.village_id):
        rollups.rebuild(days=rollups.days_of_point(instance.pk))


def _village_moving(sender, instance: Village, **kwargs) -> None:
    instance._reach_commune_before = (
        Village.objects.filter(pk=instance.pk).values_list("commune_id", flat=True).first() if instance.pk else None
    )


def _village_saved(sender, instance: Village, created: bool, **kwargs) -> None:
    before = getattr(instance, "_reach_commune_before", None)
    if not created and before is not None and before != instance.commune_id:
        rollups.rebuild(days=rollups.days_of_village(instance.pk))


def _presence_saved(sender, instance: PointPresence, created: bool, update_fields=None, **kwargs) -> None:
    """A head count entered late from the paper sheet changes a settled class's figures."""
    if update_fields is None or "late_headcount" in update_fields:
        rollups.presences_unsettle([instance.session_id])


def _learner_deleting(sender, instance: Learner, **kwargs) -> None:
    rollups.learner_deleting(instance.pk)


def connect_receivers() -> None:
    live_signals.checkin_recorded.connect(_checkin_recorded, sender=CheckIn, dispatch_uid="reach_checkin")
    live_signals.points_connected.connect(_points_connected, sender=PointPresence, dispatch_uid="reach_points")
    post_save.connect(_attempt_saved, sender=QuizAttempt, dispatch_uid="reach_attempt")
    post_save.connect(_presence_saved, sender=PointPresence, dispatch_uid="reach_presence_saved")
    pre_delete.connect(_learner_deleting, sender=Learner, dispatch_uid="reach_learner_deleting")
    post_save.connect(_completion_saved, sender=CourseCompletion, dispatch_uid="reach_completion")
    post_save.connect(_session_saved, sender=LiveSession, dispatch_uid="reach_session_saved")
    pre_delete.connect(_session_deleting, sender=LiveSession, dispatch_uid="reach_session_deleting")
    post_delete.connect(_session_deleted, sender=LiveSession, dispatch_uid="reach_session_deleted")
    page_published.connect(_page_changed, dispatch_uid="reach_page_published")
    post_page_move.connect(_page_changed, dispatch_uid="reach_page_moved")
    post_delete.connect(_page_deleted, dispatch_uid="reach_page_deleted")
    pre_save.connect(_point_moving, sender=ConnectionPoint, dispatch_uid="reach_point_moving")
    post_save.connect(_point_saved, sender=ConnectionPoint, dispatch_uid="reach_point_saved")
    pre_save.connect(_village_moving, sender=Village, dispatch_uid="reach_village_moving")
    post_save.connect(_village_saved, sender=Village, dispatch_uid="reach_village_saved")

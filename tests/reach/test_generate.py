"""The province-year generator (`manage.py reach_generate`) at a tiny size: the rows asked for, the edge cases
the reach figures must get right, and a second run that refuses unless told to replace."""

import io
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F
from django.test import TestCase

from learners.models import Learner
from livesessions.models import CheckIn, ConnectionPoint, LiveSession, PointPresence
from places.models import Province, Village
from places.services import geography_import
from quizzes.models import CourseCompletion, QuizAttempt
from reach.models import VillageDay

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
TINY = {"communes": 2, "villages": 10, "points": 4, "classes": 8, "checkins": 200, "attempts": 200, "learners": 50}


def _generate(*extra: str) -> str:
    out = io.StringIO()
    args = [f"--{name}={value}" for name, value in TINY.items()]
    call_command("reach_generate", "--province=Hưng Yên", *args, *extra, stdout=out)
    return out.getvalue()


class GeneratedProvinceYear(TestCase):
    """One generation for the whole class (the slow part); each test runs in its own rolled-back transaction."""

    @classmethod
    def setUpTestData(cls):
        geography_import()
        call_command("demo_lessons", stdout=io.StringIO())
        call_command("demo_quizzes", stdout=io.StringIO())
        cls.province = Province.objects.get(name="Hưng Yên")
        cls.output = _generate()

    def test_a_tiny_province_year_has_the_rows_asked_for(self):
        province, output = self.province, self.output
        villages = Village.objects.filter(commune__province=province, name__regex=r"^Thôn [0-9]+$", is_demo=True)
        assert villages.count() == TINY["villages"]
        assert villages.values("commune").distinct().count() == TINY["communes"]
        assert ConnectionPoint.objects.filter(commune__province=province).count() == TINY["points"]
        assert ConnectionPoint.objects.filter(commune__province=province, village__isnull=True).exists()
        assert LiveSession.objects.filter(province=province, status="closed").count() == TINY["classes"]
        assert LiveSession.objects.filter(province=province, commune__isnull=True).exists()  # province-wide
        assert LiveSession.objects.filter(province=province, commune__isnull=False).exists()
        assert Learner.objects.filter(village__in=villages).count() == TINY["learners"]
        assert CheckIn.objects.count() == TINY["checkins"]
        assert QuizAttempt.objects.count() == TINY["attempts"]
        assert PointPresence.objects.filter(first_seen_at__isnull=False, peak_headcount__gte=10).exists()
        assert CourseCompletion.objects.exists()
        assert "CheckIn" in output  # the rows made, table by table
        assert VillageDay.objects.filter(province=province).exists()  # the rollups were rebuilt

    def test_attempts_pass_by_their_own_score_about_seven_times_in_ten(self):
        attempts = QuizAttempt.objects.all()
        for attempt in attempts:
            assert attempt.question_count == len(attempt.question_ids)
            assert 0 <= attempt.correct_count <= attempt.question_count
            assert attempt.passed == attempt.quiz.passes(correct=attempt.correct_count, total=attempt.question_count)
            assert attempt.started_at < attempt.finished_at
        assert 0.55 <= attempts.filter(passed=True).count() / attempts.count() <= 0.85
        # A completion only for a learner who passed the course's quiz.
        for completion in CourseCompletion.objects.exclude(learner=None):
            assert QuizAttempt.objects.filter(learner=completion.learner, passed=True).exists()

    def test_the_edge_cases_the_figures_must_survive_are_there(self):
        province = self.province
        # A learner who moved village: their earlier facts keep the village they lived in then.
        moved = CheckIn.objects.exclude(learner=None).exclude(village=F("learner__village"))
        moved_attempts = QuizAttempt.objects.exclude(learner=None).exclude(village=F("learner__village"))
        assert moved.exists() or moved_attempts.exists()
        # A deleted learner: facts with no learner, still counted for their village.
        assert CheckIn.objects.filter(learner=None).exists()
        assert QuizAttempt.objects.filter(learner=None).exists()
        # A class that runs past midnight, local time.
        assert any(
            s.scheduled_start.astimezone(LOCAL).date() != s.scheduled_end.astimezone(LOCAL).date()
            for s in LiveSession.objects.filter(province=province)
        )
        # A check-in at a point of another commune than the villager's.
        assert CheckIn.objects.exclude(point=None).exclude(point__commune=F("village__commune")).exists()
        # A village with no activity at all: no learner, no fact, no point, no rollup row.
        silent = (
            Village.objects.filter(commune__province=province, learners=None, checkins=None, quiz_attempts=None)
            .filter(connection_points=None)
            .values_list("pk", flat=True)
        )
        assert silent
        assert not VillageDay.objects.filter(village_id__in=list(silent)).exists()
        # Check-ins happen while their class runs.
        for checkin in CheckIn.objects.select_related("session"):
            assert checkin.session.scheduled_start <= checkin.created_at <= checkin.session.scheduled_end
        # One check-in per learner and class (the database would refuse more; a deleted learner's may repeat).
        assert CheckIn.objects.exclude(learner=None).values("session", "learner").distinct().count() == (
            CheckIn.objects.exclude(learner=None).count()
        )
        assert timedelta(0) < max(s.scheduled_end - s.scheduled_start for s in LiveSession.objects.all())

    def test_a_second_run_refuses_unless_told_to_replace(self):
        province = self.province
        with pytest.raises(CommandError, match="--replace"):
            _generate()
        assert CheckIn.objects.count() == TINY["checkins"]
        _generate("--replace", "--seed=2")
        assert CheckIn.objects.count() == TINY["checkins"]
        assert QuizAttempt.objects.count() == TINY["attempts"]
        assert Village.objects.filter(commune__province=province, is_demo=True).count() == TINY["villages"]

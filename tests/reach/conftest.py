"""A small Hưng Yên for the reach dashboard: two communes, two themes, a class across midnight, a quiz.

Phường Phố Hiến has Thôn 1, 2, 3, 10 and Tổ dân phố Đông; Xã Ân Thi has Thôn Ân Thi 1 (tests/conftest.py).

- "Lớp đêm" (scams course), scheduled 23:30 on 31 January 2026 to 00:30 on 1 February, local time: the point
  in Thôn 3 connected (peak 30 people) and Bí Mật of Thôn 3 checked in there. Counts on 31 January.
- "Lớp dịch vụ công" (e-services course), 09:00 on 10 February: the point in Ân Thi 1 connected (peak 12),
  Ba of Thôn 1 and Sáu of Ân Thi 1 checked in.
- On 11 February Ba finished the scams quiz (passed) and completed the scams course, in Thôn 1.
- Thôn 2, Thôn 10 and Tổ dân phố Đông have had nothing: not reached.

The facts are written with the ORM, then the rollups are rebuilt from them (`reach.rollups.rebuild`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from courses.models import CoursePage, CourseTheme, LessonPage
from courses.services import course_section_for
from learners.models import Learner
from learners.services import learner_join
from livesessions.models import CheckIn, LiveSession, PointPresence
from livesessions.scheduling import point_create, session_schedule
from places.models import Commune, Province, StaffRole, Village
from quizzes.models import CourseCompletion, QuizAttempt, QuizPage
from reach import rollups
from tests.html_tables import Tables
from tests.quizzes.conftest import quiz_questions

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
# Whoever checked in must never show on a screen or in an export: a name no figure could produce.
SECRET_NAME = "Trần Văn Bí Mật"


def local(year, month, day, hour=0, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LOCAL)


@dataclass
class ReachWorld:
    province: Province
    pho_hien: Commune
    an_thi: Commune
    villages: dict[str, Village]
    night_class: LiveSession
    day_class: LiveSession
    secret_learner: Learner
    quiz: QuizPage


def _course(section, title: str, theme: str) -> tuple[CoursePage, LessonPage]:
    course = section.add_child(instance=CoursePage(title=title, theme=theme, summary=title))
    lesson = course.add_child(instance=LessonPage(title=f"Bài 1: {title}", summary=title))
    return course, lesson


def _class(province, lesson, start: datetime, point, *, title: str, peak: int) -> LiveSession:
    session = session_schedule(
        title=title,
        province=province,
        commune=None,
        scheduled_start=start,
        scheduled_end=start + timedelta(hours=1),
        lesson=lesson,
        points=[point],
    )
    PointPresence.objects.create(
        session=session,
        point=point,
        first_seen_at=start,
        last_seen_at=start + timedelta(minutes=50),
        connections=1,
        peak_headcount=peak,
        last_headcount=peak,
    )
    return session


@pytest.fixture
def reach_world(hung_yen, pho_hien, other_commune_in_hung_yen) -> ReachWorld:
    an_thi = other_commune_in_hung_yen
    villages = {v.name: v for v in Village.objects.filter(commune__in=[pho_hien, an_thi])}
    section = course_section_for(province=hung_yen)
    scams, scams_lesson = _course(section, "Phòng chống lừa đảo", CourseTheme.SCAMS)
    _eservices, eservices_lesson = _course(section, "Dịch vụ công trực tuyến", CourseTheme.E_SERVICES)
    quiz = scams.add_child(
        instance=QuizPage(title="Kiểm tra lừa đảo", intro="", pass_percent=75, questions=quiz_questions(scams_lesson))
    )
    thon3_point, _token = point_create(
        code="PH-03", name="Nhà văn hoá Thôn 3", commune=pho_hien, village=villages["Thôn 3"]
    )
    an_thi_point, _token = point_create(
        code="AT-01", name="Nhà văn hoá Ân Thi 1", commune=an_thi, village=villages["Thôn Ân Thi 1"]
    )
    night = _class(hung_yen, scams_lesson, local(2026, 1, 31, 23, 30), thon3_point, title="Lớp đêm", peak=30)
    day = _class(hung_yen, eservices_lesson, local(2026, 2, 10, 9), an_thi_point, title="Lớp dịch vụ công", peak=12)

    secret = learner_join(village=villages["Thôn 3"], display_name=SECRET_NAME, birth_year=1961)
    ba = learner_join(village=villages["Thôn 1"], display_name="Ba")
    sau = learner_join(village=villages["Thôn Ân Thi 1"], display_name="Sáu")
    CheckIn.objects.create(session=night, learner=secret, village=secret.village, point=thon3_point)
    CheckIn.objects.create(session=day, learner=ba, village=ba.village)
    CheckIn.objects.create(session=day, learner=sau, village=sau.village, point=an_thi_point)
    QuizAttempt.objects.create(
        quiz=quiz,
        learner=ba,
        village=ba.village,
        question_count=4,
        correct_count=4,
        started_at=local(2026, 2, 11, 9, 50),
        finished_at=local(2026, 2, 11, 10),
        passed=True,
    )
    CourseCompletion.objects.create(course=scams, learner=ba, village=ba.village, completed_at=local(2026, 2, 11, 10))
    rollups.rebuild()
    return ReachWorld(hung_yen, pho_hien, an_thi, villages, night, day, secret, quiz)


@pytest.fixture
def an_thi_trainer(make_staff, other_commune_in_hung_yen):
    return make_staff("anthi", StaffRole.COMMUNE_TRAINER, commune=other_commune_in_hung_yen)


@pytest.fixture
def ha_noi_admin(make_staff, other_province_commune):
    return make_staff("hanoi", StaffRole.PROVINCIAL_ADMIN, province=other_province_commune.province)


# ─── Reading the screen as a user would ──────────────────────────────────────────────────────────────────


def tables_of(response) -> dict[str, list[list[str]]]:
    assert response.status_code == 200, response.status_code
    return Tables(response.content.decode()).tables


def by_name(rows: list[list[str]]) -> dict[str, list[str]]:
    """A table's body rows by their first cell (the heading row left out)."""
    return {row[0]: row[1:] for row in rows[1:]}


def number(cell: str) -> float | int | None:
    """A cell as the spreadsheet holds it: "66,7 %" → 66.7, "3" → 3, "—" or "" → None."""
    text = html.unescape(cell).strip().removesuffix("%").strip()
    if text in {"", "—"}:
        return None
    text = text.replace(",", ".")
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value

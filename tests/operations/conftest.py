"""A small province's worth of recorded facts: learners in two villages, lessons opened, a live class with
check-ins and point presences."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.rich_text import RichText

from courses.models import CoursePage, CourseTheme, LessonPage
from courses.services import course_section_for, lesson_visit_record
from learners.models import Learner
from learners.services import learner_join
from livesessions.models import PointPresence
from livesessions.scheduling import point_create, session_open, session_schedule
from livesessions.services import checkin_record


@dataclass
class Facts:
    learners: list[Learner]
    lessons: list[LessonPage]
    session: object
    points: list


@pytest.fixture
def facts(hung_yen, pho_hien) -> Facts:
    villages = list(pho_hien.villages.order_by("name")[:2])
    learners = [
        learner_join(village=villages[number % 2], display_name=f"Học viên {number}", birth_year=1950 + number)
        for number in range(6)
    ]
    course = CoursePage(
        title="Dịch vụ công trực tuyến", slug="dich-vu-cong", theme=CourseTheme.choices[0][0], summary="Tóm tắt."
    )
    course_section_for(province=hung_yen).add_child(instance=course)
    lessons = []
    for number in (1, 2):
        lesson = LessonPage(
            title=f"Bài {number}",
            slug=f"bai-{number}",
            summary="Tóm tắt.",
            body=[("paragraph", RichText("<p>Nội dung.</p>"))],
        )
        course.add_child(instance=lesson)
        lessons.append(lesson)
    for learner in learners[:4]:
        lesson_visit_record(learner=learner, lesson=lessons[0])
    lesson_visit_record(learner=learners[0], lesson=lessons[1])

    points = [
        point_create(code=f"OP-0{n}", name=f"Nhà văn hoá {n}", commune=pho_hien, operator_phone="0912345678")[0]
        for n in (1, 2)
    ]
    start = timezone.now() - timedelta(minutes=10)
    session = session_schedule(
        title="Nhận diện lừa đảo",
        province=hung_yen,
        commune=None,
        scheduled_start=start,
        scheduled_end=start + timedelta(hours=2),
        stream_url="",
        points=points,
    )
    session_open(session=session)
    for point in points:
        PointPresence.objects.create(session=session, point=point, connections=1, last_headcount=30, peak_headcount=42)
    for learner in learners[:5]:
        checkin_record(session_id=session.pk, learner=learner, point_id=points[0].pk)
    return Facts(learners=learners, lessons=lessons, session=session, points=points)

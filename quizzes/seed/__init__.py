"""Seed quizzes for the demo: one quiz per seeded course (content.py), written by `quizzes_seed` below.

`quizzes_seed(province=...)` is what `manage.py demo_quizzes` runs; tests and the quiz benchmark call it too.
It needs the seeded courses (`demo_lessons`) first. Idempotent like the lessons' seed (whose page writer it
reuses): a quiz is matched by slug under its course and gets a new published revision only when its content
differs. Block ids come from each question's `key`, so they are the same on every install and survive a
wording fix, and an attempt in progress keeps finding its questions.
"""

import uuid

from django.db import transaction

from courses.models import CoursePage, LessonPage
from courses.seed import SeedReport, _upsert
from courses.services import course_section_for
from quizzes.models import QuizPage
from quizzes.seed import content

# Namespace of the seed's block ids (uuid5 of "bdhvs quiz seed"): fixed forever, so ids never move.
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://binhdanhocvuso.example/quiz-seed")


class MissingCourse(LookupError):
    """A seeded quiz's course (or a lesson it links) is not there: run `demo_lessons` first."""


def _block_id(*parts: str) -> str:
    return str(uuid.uuid5(_ID_NAMESPACE, "/".join(parts)))


def _raw_questions(quiz_data: dict, lessons: dict[str, int]) -> list[dict]:
    """The quiz's questions as StreamField raw data: lesson slugs swapped for page ids, stable ids added."""
    raw = []
    for question in quiz_data["questions"]:
        base = (quiz_data["course"], quiz_data["slug"], question["key"])
        value = dict(question["value"])
        slug = value["lesson"]
        if slug not in lessons:
            raise MissingCourse(f"lesson {slug!r} is not in course {quiz_data['course']!r}")
        value["lesson"] = lessons[slug]
        for list_name in ("choices", "signs"):
            if list_name in value:
                value[list_name] = [
                    {"type": "item", "value": item, "id": _block_id(*base, list_name, str(index))}
                    for index, item in enumerate(value[list_name])
                ]
        raw.append({"type": question["type"], "value": value, "id": _block_id(*base)})
    return raw


@transaction.atomic
def quizzes_seed(*, province) -> SeedReport:
    """Create or bring up to date one published quiz under each seeded course of `province`'s course section."""
    report = SeedReport()
    section = course_section_for(province=province)
    for quiz_data in content.QUIZZES:
        course = CoursePage.objects.child_of(section).filter(slug=quiz_data["course"]).first()
        if course is None:
            raise MissingCourse(f"course {quiz_data['course']!r} is not seeded in {province.name}")
        lessons = dict(LessonPage.objects.child_of(course).values_list("slug", "pk"))
        questions = QuizPage._meta.get_field("questions").to_python(_raw_questions(quiz_data, lessons))
        _upsert(
            course,
            QuizPage,
            quiz_data["slug"],
            {"title": quiz_data["title"], "intro": quiz_data["intro"], "pass_percent": quiz_data["pass_percent"]},
            {"questions": questions},
            report,
        )
    return report

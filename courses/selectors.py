"""Reads about lessons shared by views and other apps."""

from courses.models import CoursePage, LessonPage, LessonVisit
from places.text import fold_diacritics

SEARCH_RESULTS_LIMIT = 30


def lessons_search(query: str) -> list:
    """Live lessons, then courses, containing every word of `query`, accents or not.

    The pages index `search_text`, their text without diacritics, and the query is folded the same way, so
    "lua dao" and "lừa đảo" find the same pages on SQLite and PostgreSQL alike.
    """
    folded = fold_diacritics(query)
    if not folded:
        return []
    lessons = LessonPage.objects.live().public().search(folded, operator="and")[:SEARCH_RESULTS_LIMIT]
    courses = CoursePage.objects.live().public().search(folded, operator="and")[:SEARCH_RESULTS_LIMIT]
    return [*lessons, *courses]


def lessons_opened(learner) -> list[dict]:
    """The lessons a learner has opened, for their "my data" download."""
    return [
        {"bai_hoc": visit.lesson.title, "mo_lan_dau": visit.first_opened_at.isoformat()}
        for visit in LessonVisit.objects.filter(learner=learner).select_related("lesson").order_by("first_opened_at")
    ]

"""Links from lessons and courses to their quizzes (the courses app does not import quizzes)."""

from django import template

from courses.models import CoursePage, LessonPage
from quizzes.models import QuizAttempt, QuizPage

register = template.Library()


@register.inclusion_tag("quizzes/includes/quiz_links.html", takes_context=True)
def quiz_links(context, page) -> dict:
    """A prominent link to each live quiz of this page.

    A course lists every quiz that counts towards it; a lesson its own quizzes, and the last lesson also the
    course's (the reader has reached the end). A joined learner sees which they have passed.
    """
    quizzes = QuizPage.objects.none()
    if isinstance(page, CoursePage):
        quizzes = QuizPage.objects.live().public().descendant_of(page)
    elif isinstance(page, LessonPage):
        quizzes = QuizPage.objects.live().public().child_of(page)
        course = context.get("course")
        if course is not None and not context.get("next_lesson"):
            quizzes = quizzes | QuizPage.objects.live().public().child_of(course)
    quizzes = list(quizzes.order_by("path"))
    passed = set()
    learner = getattr(context.get("request"), "learner", None)
    if learner is not None and quizzes:
        passed = set(
            QuizAttempt.objects.filter(learner=learner, quiz__in=quizzes, passed=True).values_list("quiz_id", flat=True)
        )
    return {"quizzes": [(quiz, quiz.pk in passed) for quiz in quizzes], "request": context.get("request")}

"""Taking a quiz on a phone: the bodies of QuizPage's routes (Wagtail's routing is the view layer for pages).

Thin: every write and every check of an answer is in quizzes/services.py. Plain POSTs redirect (303) to a page
of their own; htmx requests get the fragment that replaces the question in place. Pages that show a
learner's own answers are never cached (a shared phone, the offline worker).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from urllib.parse import unquote

from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect, push_url
from wagtail import hooks

from quizzes.models import CourseCompletion, QuizAnswer, QuizAttempt, QuizPage
from quizzes.questions import SCAM_OR_SAFE, AnswerError, Question
from quizzes.services import answer_record, attempt_current, attempt_next_question, attempt_start, course_quizzes

# Answers the learner can correct on the same screen; anything else is a page of its own.
_FIX_ON_SCREEN = {"empty", "one_only", "bad_choice"}
_STATUS = {
    "no_consent": 403,
    "not_yours": 403,
    "empty_quiz": 404,
    "no_attempt": 404,
    "not_answered": 404,
    "bad_question": 400,
    "finished": 409,
    "out_of_order": 409,
}


def _htmx(request) -> bool:
    """An htmx swap (not htmx restoring a page it has no copy of: that wants the whole page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)  # no-store and private: neither a shared phone's cache nor a proxy keeps it
    return response


def _join(request, page: QuizPage, next_url: str | None = None) -> HttpResponse:
    """Send a visitor this phone does not know to the join flow, and back to the quiz after joining."""
    # The address decoded, as learner_required passes request.path: urlencode encodes it once.
    url = f"{reverse('learners:join')}?{urlencode({'next': next_url or unquote(page.get_url(request))})}"
    return HttpResponseClientRedirect(url) if _htmx(request) else redirect(url)


def _problem(request, page: QuizPage, error: AnswerError, status: int | None = None) -> HttpResponse:
    """A refusal explained in words, with the way back to the quiz; nothing was recorded."""
    template = "quizzes/_problem.html" if _htmx(request) else "quizzes/problem.html"
    context = {"page": page, "message": error.message, "intro_url": page.get_url(request)}
    return _private(TemplateResponse(request, template, context, status=status or _STATUS.get(error.code, 400)))


def _latest_attempt(learner, page: QuizPage) -> QuizAttempt | None:
    return QuizAttempt.objects.filter(learner=learner, quiz=page).order_by("-started_at", "-pk").first()


# --- Intro and start ------------------------------------------------------------------------------------


def intro(request, page: QuizPage, error: AnswerError | None = None, status: int = 200) -> HttpResponse:
    """What the quiz is, how many questions, the pass mark; "Start" or "Continue with question N/M"."""
    learner = getattr(request, "learner", None)
    preview = getattr(request, "is_preview", False)
    current = last = None
    answered = 0
    if learner is not None and not preview:
        current = attempt_current(learner=learner, quiz=page)
        answered = current.answers.count() if current else 0
        last = (
            QuizAttempt.objects.filter(learner=learner, quiz=page, finished_at__isnull=False)
            .order_by("-finished_at")
            .first()
        )
    context = page.get_context(request)
    context.update(
        {
            "question_count": current.question_count if current else len(page.question_list),
            "current": current,
            "resume_number": answered + 1,
            "last": last,
            "last_url": page.route_url(request, "results", last.public_id) if last else "",
            # The editor's preview shows the button but cannot start anything.
            "start_url": page.route_url(request, "start") if page.live and not preview else "",
            "error": error.message if error else "",
        }
    )
    response = TemplateResponse(request, "quizzes/quiz_page.html", context, status=status)
    return _private(response) if learner is not None else response


def start(request, page: QuizPage) -> HttpResponse:
    """Start the learner's attempt, or resume the unfinished one, then show its next question."""
    if request.method != "POST":
        return redirect(page.get_url(request))
    if request.learner is None:
        return _join(request, page)
    try:
        attempt_start(learner=request.learner, quiz=page)
    except AnswerError as error:
        return intro(request, page, error=error, status=_STATUS.get(error.code, 400))
    return _see_other(page.route_url(request, "question"))


def _see_other(url: str) -> HttpResponse:
    response = HttpResponse(status=303)
    response["Location"] = url
    return response


# --- One question ---------------------------------------------------------------------------------------


def _question_context(request, page: QuizPage, attempt: QuizAttempt, question: Question, answered: int) -> dict:
    total = attempt.question_count
    return {
        "page": page,
        "attempt": attempt,
        "question": question,
        "number": answered + 1,
        "total": total,
        "is_scenario": question.kind == SCAM_OR_SAFE,
        "answer_url": reverse("quizzes:answer", args=[page.pk]),
        "intro_url": page.get_url(request),
    }


def question(request, page: QuizPage, *, error: AnswerError | None = None, chosen=(), signs=()) -> HttpResponse:
    """The next unanswered question of the learner's unfinished attempt, as a form (nothing right marked)."""
    if request.learner is None:
        return _join(request, page, request.path)
    attempt = attempt_current(learner=request.learner, quiz=page)
    if attempt is None:
        # Nothing to answer: back to the last results, or to the intro to start.
        last = _latest_attempt(request.learner, page)
        return redirect(page.route_url(request, "results", last.public_id) if last else page.get_url(request))
    attempt.quiz = page
    answered = set(attempt.answers.values_list("question_id", flat=True))
    next_question = attempt_next_question(attempt, answered=answered)
    if next_question is None:
        return redirect(page.get_url(request))
    context = _question_context(request, page, attempt, next_question, len(answered))
    context.update({"error": error.message if error else "", "chosen": set(chosen), "signs": set(signs)})
    context["in_place"] = _htmx(request)
    template = "quizzes/_question.html" if context["in_place"] else "quizzes/question.html"
    return _private(TemplateResponse(request, template, context, status=400 if error else 200))


def answer_for_quiz(request, quiz_id: int) -> HttpResponse:
    """The answer POST, addressed by the quiz's id instead of through the page tree.

    It is the busiest request of a class (every villager, every question), and Wagtail's routing down the tree
    cost four times the answer itself. The page's own checks still run: live, and Wagtail's serve hooks
    (privacy restrictions among them).
    """
    page = get_object_or_404(QuizPage.objects.live(), pk=quiz_id)
    # The same hooks wagtail.views.serve runs around a page, in the same order.
    serve = _serve_answer
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        serve = hook(serve)
    for hook in hooks.get_hooks("before_serve_page"):
        refused = hook(page, request, (), {})
        if isinstance(refused, HttpResponse):
            return refused
    return serve(page, request, (), {})


def _serve_answer(page: QuizPage, request, args, kwargs) -> HttpResponse:
    return answer(request, page)


def answer(request, page: QuizPage) -> HttpResponse:
    """Record the learner's answer once; htmx gets the feedback in place, a plain POST a 303 to it."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.learner is None:
        return _join(request, page)
    try:
        attempt_id = uuid.UUID(request.POST.get("attempt", ""))
    except ValueError:
        return _problem(request, page, AnswerError("no_attempt", _("This quiz attempt does not exist.")))
    choice_ids = request.POST.getlist("choice")
    sign_ids = request.POST.getlist("sign")
    try:
        result = answer_record(
            learner=request.learner,
            attempt_id=attempt_id,
            question_id=request.POST.get("question", ""),
            choice_ids=choice_ids,
            sign_ids=sign_ids,
            quiz=page,
        )
    except AnswerError as error:
        if error.code in _FIX_ON_SCREEN:
            return question(request, page, error=error, chosen=choice_ids, signs=sign_ids)
        return _problem(request, page, error)
    attempt = result.attempt
    feedback_url = page.route_url(request, "feedback", result.question.id)
    if result.duplicate:
        # A replay may be of an older attempt than the one the feedback page would otherwise find.
        feedback_url += "?" + urlencode({"lan": attempt.public_id})
    if _htmx(request):
        context = _feedback_context(request, page, attempt, result.question, result.answer)
        context["in_place"] = True
        response = TemplateResponse(request, "quizzes/_feedback.html", context)
        push_url(response, feedback_url)
        return _private(response)
    return _see_other(feedback_url)


# --- Feedback -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sign:
    text: str
    tapped: bool
    real: bool


def _feedback_context(request, page: QuizPage, attempt: QuizAttempt, question: Question, answer: QuizAnswer) -> dict:
    lesson = question.lesson if question.lesson is not None and question.lesson.live else None
    signs = [
        _Sign(text=sign.text, tapped=sign.id in answer.sign_ids, real=sign.id in question.red_flags)
        for sign in question.signs
    ]
    finished = attempt.is_finished
    return {
        "page": page,
        "attempt": attempt,
        "question": question,
        "answer": answer,
        "number": answer.position + 1,
        "total": attempt.question_count,
        "is_scenario": question.kind == SCAM_OR_SAFE,
        "chosen": [question.option_text(option_id) for option_id in answer.choice_ids],
        "right": [option.text for option in question.options if option.id in question.correct],
        "noticed": [sign.text for sign in signs if sign.real and sign.tapped],
        "missed": [sign.text for sign in signs if sign.real and not sign.tapped],
        "not_signs": [sign.text for sign in signs if sign.tapped and not sign.real],
        "lesson": lesson,
        "finished": finished,
        "intro_url": page.get_url(request),
        "next_url": (
            page.route_url(request, "results", attempt.public_id) if finished else page.route_url(request, "question")
        ),
    }


def feedback(request, page: QuizPage, question_id: str) -> HttpResponse:
    """The feedback for a question the learner answered: of the current attempt, or the last one."""
    if request.learner is None:
        return _join(request, page, request.path)
    wanted = request.GET.get("lan")
    if wanted:
        try:
            attempt = QuizAttempt.objects.filter(public_id=uuid.UUID(wanted), quiz=page).first()
        except ValueError:
            attempt = None
        if attempt is not None and attempt.learner_id != request.learner.pk:
            return _problem(request, page, AnswerError("not_yours", _("These answers belong to someone else.")))
    else:
        attempt = attempt_current(learner=request.learner, quiz=page) or _latest_attempt(request.learner, page)
    answer = attempt.answers.filter(question_id=question_id).first() if attempt else None
    found = page.question(question_id) if answer else None
    if found is None:
        return _problem(request, page, AnswerError("not_answered", _("There is no answer to show for this question.")))
    attempt.quiz = page
    context = _feedback_context(request, page, attempt, found, answer)
    context["in_place"] = _htmx(request)
    template = "quizzes/_feedback.html" if context["in_place"] else "quizzes/feedback.html"
    return _private(TemplateResponse(request, template, context))


# --- Results --------------------------------------------------------------------------------------------


def results(request, page: QuizPage, attempt_id: uuid.UUID) -> HttpResponse:
    """Score, passed or not, what to review; a retake; the certificate when the course is complete."""
    if request.learner is None:
        return _join(request, page, request.path)
    attempt = QuizAttempt.objects.filter(public_id=attempt_id, quiz=page).first()
    if attempt is None:
        return _problem(request, page, AnswerError("no_attempt", _("This quiz attempt does not exist.")))
    if attempt.learner_id != request.learner.pk:
        return _problem(request, page, AnswerError("not_yours", _("These answers belong to someone else.")))
    if not attempt.is_finished:
        return redirect(page.route_url(request, "question"))
    attempt.quiz = page
    to_review, lessons = [], []
    for wrong in attempt.answers.filter(correct=False).order_by("position"):
        found = page.question(wrong.question_id)
        if found is None:
            continue
        lesson = found.lesson if found.lesson is not None and found.lesson.live else None
        to_review.append({"number": wrong.position + 1, "question": found, "lesson": lesson})
        if lesson is not None and lesson.pk not in {known.pk for known in lessons}:
            lessons.append(lesson)
    course = page.course
    completion = remaining = None
    if attempt.passed and course is not None:
        completion = CourseCompletion.objects.filter(learner=request.learner, course=course).first()
        if completion is None:
            passed = set(
                QuizAttempt.objects.filter(learner=request.learner, passed=True).values_list("quiz_id", flat=True)
            )
            remaining = [quiz for quiz in course_quizzes(course) if quiz.pk not in passed]
    context = {
        "page": page,
        "attempt": attempt,
        "to_review": to_review,
        "lessons": lessons,
        "course": course,
        "completion": completion,
        "remaining": remaining,
        "start_url": page.route_url(request, "start"),
    }
    return _private(TemplateResponse(request, "quizzes/results.html", context))


# --- Preview in the admin -------------------------------------------------------------------------------


def preview(request, page: QuizPage, mode_name: str) -> HttpResponse:
    """The intro as a villager sees it, or (for the editor) every question with its answers marked."""
    if mode_name == "questions":
        return TemplateResponse(request, "quizzes/preview_questions.html", page.get_context(request))
    return intro(request, page)

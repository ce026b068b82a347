"""Group mode pages: the point's sign-in, choosing a quiz, the hall screen, each question's result, the summary.

Thin views over quizzes/group.py. The point's secret travels only in a POST body, never in a URL: the sign-in
sets a short-lived signed, httponly cookie naming the class and the point (with a fingerprint of the point's
secret, so rotating the secret ends every group sign-in), and every later page checks it.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from livesessions.models import ConnectionPoint, LiveSession
from quizzes import group
from quizzes.models import GroupQuizRun, QuizPage
from quizzes.questions import SCAM_OR_SAFE, AnswerError, Question

COOKIE_NAME = "bdhvs_diemcau_nhom"
COOKIE_MAX_AGE = 4 * 3600  # a class and its quizzes; the operator signs in again next class
_SALT = "quizzes.group"
LETTERS = "ABCDEFGHIJ"


# --- The point's sign-in cookie ---------------------------------------------------------------------------


def _fingerprint(point: ConnectionPoint) -> str:
    return salted_hmac(_SALT, point.token_hash).hexdigest()[:20]


def _remember_point(response, *, session: LiveSession, point: ConnectionPoint) -> None:
    response.set_signed_cookie(
        COOKIE_NAME,
        f"{session.pk}:{point.pk}:{_fingerprint(point)}",
        salt=_SALT,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def _signed_point(request, session_id: int) -> ConnectionPoint | None:
    """The point signed in on this browser for this class, if it is still active, invited and its secret unchanged."""
    value = request.get_signed_cookie(COOKIE_NAME, default=None, salt=_SALT, max_age=COOKIE_MAX_AGE)
    try:
        cookie_session, point_id, fingerprint = (value or "").split(":")
        if int(cookie_session) != session_id:
            return None
        point = (
            ConnectionPoint.objects.select_related("village", "commune")
            .filter(pk=int(point_id), is_active=True, invited_to__id=session_id)
            .first()
        )
    except ValueError:
        return None
    if point is None or not constant_time_compare(fingerprint, _fingerprint(point)):
        return None
    return point


def _signin_url(session_id: int | None = None) -> str:
    url = reverse("quizzes:group_signin")
    return f"{url}?{urlencode({'lop': session_id})}" if session_id else url


def _whole_number(raw) -> int | None:
    try:
        return int(raw) if raw not in (None, "") else None
    except (TypeError, ValueError):
        return None


@require_http_methods(["GET", "POST"])
def signin(request):
    """Code and secret (typed, or filled in by the point page's script) → the cookie → the group page."""
    if request.method == "GET":
        session_id = _whole_number(request.GET.get("lop"))
        if session_id and _signed_point(request, session_id) is not None:
            return redirect("quizzes:group_home", session_id=session_id)  # already signed in on this laptop
        context = {"session_id": session_id, "code": request.GET.get("diem", "")}
        return render(request, "quizzes/group/signin.html", context)
    session_id = _whole_number(request.POST.get("session"))
    code = request.POST.get("point", "").strip()[:40]
    token = request.POST.get("token", "").strip()[:200]
    context = {"session_id": session_id, "code": code}
    if not code and not token:
        # The point page's button without its script (or without the card's link): type them here.
        return render(request, "quizzes/group/signin.html", context)
    try:
        point, sessions = group.group_point_sign_in(code=code, token=token, session_id=session_id)
    except AnswerError as error:
        return render(request, "quizzes/group/signin.html", {**context, "error": error.message}, status=400)
    if len(sessions) > 1:
        # Several classes on at once at this point: the operator says which (the secret goes along again).
        return render(
            request, "quizzes/group/signin.html", {**context, "sessions": sessions, "token": token, "choose": True}
        )
    session = sessions[0]
    response = redirect("quizzes:group_home", session_id=session.pk)
    _remember_point(response, session=session, point=point)
    return response


@require_POST
def signout(request):
    response = redirect("quizzes:group_signin")
    response.delete_cookie(COOKIE_NAME, samesite="Lax")
    return response


# --- Choosing a quiz --------------------------------------------------------------------------------------


def _home_context(session: LiveSession, point: ConnectionPoint) -> dict:
    runs = group.group_runs_of(session=session, point=point)
    for run in runs:
        run.answered = run.answers.count()
        run.total = len(run.question_ids)
    return {
        "session": session,
        "point": point,
        "quizzes": group.group_quizzes(session=session),
        "headcount": group.group_headcount_last(session=session, point=point) or "",
        "unfinished": [run for run in runs if run.finished_at is None],
        "finished": [run for run in runs if run.finished_at is not None],
    }


@require_GET
def home(request, session_id: int):
    session = get_object_or_404(LiveSession, pk=session_id)
    point = _signed_point(request, session_id)
    if point is None:
        return redirect(_signin_url(session_id))
    return render(request, "quizzes/group/home.html", _home_context(session, point))


@require_POST
def start(request, session_id: int):
    session = get_object_or_404(LiveSession, pk=session_id)
    point = _signed_point(request, session_id)
    if point is None:
        return redirect(_signin_url(session_id))
    context = _home_context(session, point)
    quiz = QuizPage.objects.live().filter(pk=_whole_number(request.POST.get("quiz"))).first()
    raw_headcount = request.POST.get("headcount", "").strip()
    context["headcount"] = raw_headcount
    context["chosen"] = quiz.pk if quiz else None
    try:
        if quiz is None:
            raise AnswerError("no_quiz", _("Choose a quiz first."))
        try:
            headcount = int(raw_headcount[:6])
        except ValueError:
            raise AnswerError(
                "bad_headcount", _("Enter how many people are in the hall: a whole number from 1 to 5000.")
            ) from None
        run = group.group_run_start(session=session, point=point, quiz=quiz, headcount=headcount)
    except AnswerError as error:
        return render(request, "quizzes/group/home.html", {**context, "error": error.message}, status=400)
    return redirect("quizzes:group_question", run_id=run.public_id)


# --- The hall screen --------------------------------------------------------------------------------------


def _run_or_signin(request, run_id):
    """(run, None) for the point signed in on this browser, or (None, a redirect to the sign-in)."""
    run = get_object_or_404(GroupQuizRun.objects.select_related("quiz", "session", "point"), public_id=run_id)
    point = _signed_point(request, run.session_id)
    if point is None or point.pk != run.point_id:
        return None, redirect(_signin_url(run.session_id))
    run.quiz = run.quiz.specific
    return run, None


def _lettered(question: Question) -> list[dict]:
    return [{"letter": LETTERS[i], "id": o.id, "text": o.text} for i, o in enumerate(question.options)]


def _question_context(run: GroupQuizRun, question: Question) -> dict:
    answered = run.answers.count()
    return {
        "run": run,
        "quiz": run.quiz,
        "question": question,
        "options": _lettered(question),
        "number": run.question_ids.index(question.id) + 1,
        "total": len(run.question_ids),
        "answered": answered,
        "is_scenario": question.kind == SCAM_OR_SAFE,
    }


@require_GET
def question(request, run_id):
    """The next question, big, with a box per option for the hands raised. No right answer in this page."""
    run, back = _run_or_signin(request, run_id)
    if back:
        return back
    current = group.group_next_question(run)
    if current is None:
        return redirect("quizzes:group_summary", run_id=run.public_id)
    return render(request, "quizzes/group/question.html", _question_context(run, current))


@require_POST
def answer(request, run_id):
    run, back = _run_or_signin(request, run_id)
    if back:
        return back
    question_id = request.POST.get("question", "")
    counts, raw = {}, {}
    try:
        for key, value in request.POST.items():
            if key.startswith("hands-"):
                option_id = key.removeprefix("hands-")
                raw[option_id] = value.strip()
                # An empty box means nobody raised a hand for that answer.
                counts[option_id] = int(value.strip()[:6]) if value.strip() else 0
    except ValueError:
        error = AnswerError("bad_count", _("Enter the number of hands as a whole number, 0 or more."))
    else:
        try:
            result = group.group_answer_record(run=run, question_id=question_id, counts=counts)
        except AnswerError as refused:
            error = refused
        else:
            return redirect("quizzes:group_result", run_id=run.public_id, question_id=result.question.id)
    current = run.quiz.question(question_id) if question_id in run.question_ids else None
    if current is None or run.answers.filter(question_id=question_id).exists():
        current = group.group_next_question(run)
    if current is None:
        return redirect("quizzes:group_summary", run_id=run.public_id)
    context = _question_context(run, current)
    for option in context["options"]:
        option["value"] = raw.get(option["id"], "")
    return render(request, "quizzes/group/question.html", {**context, "error": error.message}, status=400)


def _bars(question: Question, counts: dict, total: int) -> list[dict]:
    return [
        {
            **option,
            "hands": counts.get(option["id"], 0),
            "percent": group.share_percent(counts.get(option["id"], 0), total),
            "right": option["id"] in question.correct,
        }
        for option in _lettered(question)
    ]


@require_GET
def result(request, run_id, question_id: str):
    """One question's result: the right answer, the explanation and the hall's hands — only once entered."""
    run, back = _run_or_signin(request, run_id)
    if back:
        return back
    recorded = run.answers.filter(question_id=question_id).first()
    current = run.quiz.question(question_id)
    if recorded is None or current is None:
        # Never the answer before the hall's hands are in: back to the question.
        return redirect("quizzes:group_question", run_id=run.public_id)
    context = _question_context(run, current)
    context.update(
        {
            "answer": recorded,
            "bars": _bars(current, recorded.counts, recorded.total_hands),
            "right_percent": group.share_percent(recorded.correct_hands, recorded.total_hands),
            "red_flags": [sign.text for sign in current.signs if sign.id in current.red_flags],
            "is_last": group.group_next_question(run) is None,
        }
    )
    return render(request, "quizzes/group/result.html", context)


@require_GET
def summary(request, run_id):
    """The end: the share of right hands per question and overall, passed or not against the pass mark."""
    run, back = _run_or_signin(request, run_id)
    if back:
        return back
    if run.finished_at is None:
        return redirect("quizzes:group_question", run_id=run.public_id)
    answers = {a.question_id: a for a in run.answers.all()}
    rows = []
    for number, question_id in enumerate(run.question_ids, start=1):
        recorded = answers.get(question_id)
        current = run.quiz.question(question_id)
        if recorded is None or current is None:
            continue  # a question an editor removed after the run started
        percent = group.share_percent(recorded.correct_hands, recorded.total_hands)
        if current.kind == SCAM_OR_SAFE:
            # Every scenario asks the same question: name the message instead.
            prompt = _("The message from %(sender)s: scam or safe?") % {"sender": current.sender}
        else:
            prompt = current.prompt
        rows.append(
            {
                "number": number,
                "prompt": prompt,
                "percent": percent,
                "low": percent < run.quiz.pass_percent,
                "url": reverse("quizzes:group_result", args=[run.public_id, question_id]),
            }
        )
    return render(
        request,
        "quizzes/group/summary.html",
        {
            "run": run,
            "quiz": run.quiz,
            "rows": rows,
            "overall": group.share_percent(run.correct_hands, run.total_hands),
        },
    )

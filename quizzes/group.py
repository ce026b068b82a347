"""Group mode: a quiz answered by a whole hall at a connection point during a live class, by show of hands.

The operator of an invited point signs in with the point's code and secret (the same check as the point's
socket), enters the hall's head count, and for each question types how many hands went up for each option.
A run counts for the point's village at the time, with its head count; it never creates a QuizAttempt or a
CourseCompletion — a hall is not a learner — and every figure keeps the two apart.

The group rule (scoring reuses the question's `correct` set from quizzes/questions.py, as answer_check does):
- each option gets the number of hands raised for it; no option may get more hands than people in the hall;
- one-answer questions (single choice, true/false, scam or safe): each person raises one hand, so the hands
  of one question together are at most the head count;
- multiple choice: each person may raise a hand for every option they think is right;
- a question's right share = hands on right options ÷ all hands raised for it; the run's share = all hands on
  right options ÷ all hands raised, and the run passes when that share reaches the quiz's pass mark.

Only starting a run needs the class open; a run started during the class may be finished just after it
ends (the hall is still there), for as long as the point's group sign-in lasts.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from courses.models import CourseIndexPage, CoursePage
from livesessions.models import ConnectionPoint, LiveSession, PointPresence, SessionStatus
from quizzes.models import GroupQuizAnswer, GroupQuizRun, QuizPage
from quizzes.questions import AnswerError, Question

MAX_HEADCOUNT = 5000  # the point socket's own limit (livesessions.consumers.MAX_HEADCOUNT)


@dataclass(frozen=True)
class GroupAnswerResult:
    """The hall's answer to one question as recorded (the first one, if the form was sent twice)."""

    run: GroupQuizRun
    question: Question
    answer: GroupQuizAnswer
    duplicate: bool


# --- Reads ------------------------------------------------------------------------------------------------


def group_point_sign_in(*, code: str, token: str, session_id: int | None = None) -> tuple[ConnectionPoint, list]:
    """The active point whose code and secret these are, and the open classes it may run a group quiz in.

    Checks the secret as the point's socket does (ConnectionPoint.token_matches). `session_id` narrows to
    one class (the point page's link names it). Raises AnswerError, and nothing else happens, for an unknown
    point or a wrong secret (one message: the form does not tell which codes exist), a class the point is not
    invited to, and when no class is open at the point now (a clear word when the named class has ended).
    """
    code = (code or "").strip().upper()
    point = (
        ConnectionPoint.objects.select_related("village").filter(code=code, is_active=True).first() if code else None
    )
    if point is None or not point.token_matches((token or "").strip()):
        raise AnswerError(
            "bad_token",
            _("The point code or the secret code is wrong. Copy them again from the point's operator card."),
        )
    sessions = LiveSession.objects.filter(invited_points=point).order_by("scheduled_start")
    if session_id is not None:
        session = sessions.filter(pk=session_id).first()
        if session is None:
            raise AnswerError("not_invited", _("This connection point is not invited to this class."))
        if session.status == SessionStatus.CLOSED:
            raise AnswerError("closed", _("This class has ended: a group quiz can no longer be started."))
        if not session.is_open:
            raise AnswerError("not_open", _("This class has not started yet: open the group quiz when it does."))
        return point, [session]
    open_sessions = list(sessions.filter(status=SessionStatus.OPEN))
    if not open_sessions:
        raise AnswerError("none_open", _("No class is open at this connection point right now."))
    return point, open_sessions


def group_quizzes(*, session: LiveSession) -> list[QuizPage]:
    """The live quizzes a hall may take in this class.

    The quizzes of the class's course or lesson (a lesson without its own quiz: its course's), else those of
    the organising province's course section, then the national section's.
    """
    page = session.lesson
    if page is not None:
        quizzes = list(QuizPage.objects.live().descendant_of(page).order_by("path"))
        if not quizzes:
            course = CoursePage.objects.ancestor_of(page).order_by("-depth").first()
            if course is not None:
                quizzes = list(QuizPage.objects.live().descendant_of(course).order_by("path"))
        if quizzes:
            return quizzes
    quizzes = []
    for province_id in (session.province_id, None):
        section = CourseIndexPage.objects.filter(province_id=province_id).first()
        if section is not None:
            quizzes += list(QuizPage.objects.live().descendant_of(section).order_by("path"))
    return quizzes


def group_headcount_last(*, session: LiveSession, point: ConnectionPoint) -> int:
    """The head count the point's page last reported in this class (0 if it never did)."""
    presence = PointPresence.objects.filter(session=session, point=point).values_list("last_headcount", flat=True)
    return presence.first() or 0


def group_run_current(*, session: LiveSession, point: ConnectionPoint, quiz: QuizPage) -> GroupQuizRun | None:
    return GroupQuizRun.objects.filter(session=session, point=point, quiz=quiz, finished_at__isnull=True).first()


def group_runs_of(*, session: LiveSession, point: ConnectionPoint) -> list[GroupQuizRun]:
    """The point's runs in this class, newest first (to resume one or look at its summary again)."""
    return list(
        GroupQuizRun.objects.filter(session=session, point=point).select_related("quiz").order_by("-started_at")
    )


def group_next_question(run: GroupQuizRun, *, answered: set[str] | None = None) -> Question | None:
    """The first question of the run the hall has not answered yet, or None when all are."""
    if answered is None:
        answered = set(run.answers.values_list("question_id", flat=True))
    quiz = run.quiz.specific
    for question_id in run.question_ids:
        if question_id not in answered:
            question = quiz.question(question_id)
            if question is not None:
                return question
    return None


def share_percent(right: int, total: int) -> int:
    return round(100 * right / total) if total else 0


@dataclass(frozen=True)
class GroupVillageResult:
    """Group runs finished in one village (the point's village at the time), apart from individual attempts."""

    village_id: int
    village_name: str
    commune_name: str
    runs: int
    people_reached: int  # the sum of the halls' head counts
    passed_runs: int

    @property
    def pass_percent(self) -> int:
        return share_percent(self.passed_runs, self.runs)


def group_results_by_village(
    *, quiz: QuizPage | None = None, villages: QuerySet | None = None
) -> list[GroupVillageResult]:
    """Finished group runs per village: runs, people reached (sum of head counts), runs passed.

    `villages` narrows to those villages (pass `in_scope(Village.objects.all(), user)` for a staff screen);
    `quiz` to one quiz. A run left unfinished is not counted. Ordered by commune and village name.
    """
    runs = GroupQuizRun.objects.filter(finished_at__isnull=False)
    if quiz is not None:
        runs = runs.filter(quiz=quiz)
    if villages is not None:
        runs = runs.filter(village__in=villages)
    rows = (
        runs.values("village_id", "village__name", "village__commune__name")
        .annotate(runs=Count("id"), people=Sum("headcount"), passed=Count("id", filter=Q(passed=True)))
        .order_by("village__commune__name", "village__name")
    )
    return [
        GroupVillageResult(
            village_id=row["village_id"],
            village_name=row["village__name"],
            commune_name=row["village__commune__name"],
            runs=row["runs"],
            people_reached=row["people"] or 0,
            passed_runs=row["passed"],
        )
        for row in rows
    ]


# --- Writes -----------------------------------------------------------------------------------------------


@transaction.atomic
def group_run_start(*, session: LiveSession, point: ConnectionPoint, quiz: QuizPage, headcount: int) -> GroupQuizRun:
    """Start the hall's run of a quiz, or resume its unfinished one: one per class, point and quiz.

    The run counts for the point's village now. Raises AnswerError, recording nothing, when the class is
    not open, the point is not invited to it, the point has no village, the quiz is not offered in this
    class, or the head count is not a whole number from 1 to 5,000.
    """
    # Read afresh, not locked: a thousand halls starting at once must not queue on the class's row.
    session = LiveSession.objects.get(pk=session.pk)
    if session.status == SessionStatus.CLOSED:
        raise AnswerError("closed", _("This class has ended: a group quiz can no longer be started."))
    if not session.is_open:
        raise AnswerError("not_open", _("This class has not started yet: open the group quiz when it does."))
    point = ConnectionPoint.objects.get(pk=point.pk)
    if not point.is_active or not session.invited_points.filter(pk=point.pk).exists():
        raise AnswerError("not_invited", _("This connection point is not invited to this class."))
    if point.village_id is None:
        raise AnswerError(
            "no_village",
            _(
                "Group mode counts the hall for the point's village, and this point has no village set. Ask the "
                "commune trainer to set the point's village."
            ),
        )
    quiz = quiz.specific
    if quiz.pk not in {q.pk for q in group_quizzes(session=session)}:
        raise AnswerError("not_offered", _("This quiz is not offered in this class."))
    current = group_run_current(session=session, point=point, quiz=quiz)
    if current is not None:
        return current
    if isinstance(headcount, bool) or not isinstance(headcount, int) or not 1 <= headcount <= MAX_HEADCOUNT:
        raise AnswerError("bad_headcount", _("Enter how many people are in the hall: a whole number from 1 to 5000."))
    questions = quiz.question_list
    if not questions:
        raise AnswerError("empty_quiz", _("This quiz has no questions yet."))
    try:
        with transaction.atomic():
            return GroupQuizRun.objects.create(
                quiz=quiz,
                session=session,
                point=point,
                village_id=point.village_id,
                headcount=headcount,
                question_ids=[q.id for q in questions],
            )
    except IntegrityError:
        # Two taps on "Start": the other request made it.
        return group_run_current(session=session, point=point, quiz=quiz)


def _counts_checked(question: Question, counts: dict, *, headcount: int) -> dict[str, int]:
    """Every option's hands (0 for an option not given), or AnswerError for counts the hall cannot have."""
    valid = [option.id for option in question.options]
    if set(counts) - set(valid):
        raise AnswerError("bad_choice", _("That answer is not one of this question's answers. Reload the page."))
    checked = {}
    for option_id in valid:
        value = counts.get(option_id, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise AnswerError("bad_count", _("Enter the number of hands as a whole number, 0 or more."))
        if value > headcount:
            raise AnswerError(
                "over_headcount",
                _("More hands than people in the hall (%(headcount)s). Count again.") % {"headcount": headcount},
            )
        checked[option_id] = value
    total = sum(checked.values())
    if total == 0:
        raise AnswerError("no_hands", _("Enter how many hands went up for at least one answer."))
    if not question.many_answers and total > headcount:
        raise AnswerError(
            "over_headcount",
            _(
                "Each person raises one hand for this question, but the hands add up to %(total)s with "
                "%(headcount)s people in the hall. Count again."
            )
            % {"total": total, "headcount": headcount},
        )
    return checked


@transaction.atomic
def group_answer_record(*, run: GroupQuizRun, question_id: str, counts: dict[str, int]) -> GroupAnswerResult:
    """Record how many hands the hall raised for each option of one question, once.

    A second submission of the same question (a double click, the browser's back button and send again)
    records nothing and returns the first answer. Raises AnswerError, recording nothing, for a question not in
    the run or not the next one, a finished run, option ids the question does not have, counts that are not
    whole numbers ≥ 0, more hands on one option than people in the hall, or — for a one-answer question —
    more hands in all than people. The last question finishes the run, passed or not against the pass mark.
    """
    run = GroupQuizRun.objects.select_for_update().select_related("quiz").get(pk=run.pk)
    quiz = run.quiz.specific
    run.quiz = quiz
    question = quiz.question(question_id) if question_id in run.question_ids else None
    if question is None:
        raise AnswerError("bad_question", _("That question is not part of this quiz. Reload the page."))
    existing = run.answers.filter(question_id=question_id).first()
    if existing is not None:
        return GroupAnswerResult(run=run, question=question, answer=existing, duplicate=True)
    if run.finished_at is not None:
        raise AnswerError("finished", _("This group quiz is already finished."))
    answered = set(run.answers.values_list("question_id", flat=True))
    expected = group_next_question(run, answered=answered)
    if expected is None or expected.id != question_id:
        raise AnswerError("out_of_order", _("Answer the questions in order. Reload the page."))
    checked = _counts_checked(question, counts, headcount=run.headcount)
    correct_hands = sum(hands for option_id, hands in checked.items() if option_id in question.correct)
    total_hands = sum(checked.values())
    answer = GroupQuizAnswer.objects.create(
        run=run,
        question_id=question_id,
        position=run.question_ids.index(question_id),
        counts=checked,
        correct_hands=correct_hands,
        total_hands=total_hands,
    )
    run.correct_hands += correct_hands
    run.total_hands += total_hands
    fields = ["correct_hands", "total_hands"]
    if group_next_question(run, answered=answered | {question_id}) is None:
        run.finished_at = answer.answered_at
        run.passed = quiz.passes(correct=run.correct_hands, total=run.total_hands)
        fields += ["finished_at", "passed"]
    run.save(update_fields=fields)
    return GroupAnswerResult(run=run, question=question, answer=answer, duplicate=False)

"""Writes about quizzes: starting an attempt, recording an answer (once), finishing, completing a course.

Scoring happens only here, on the server; the page a learner sees never holds the right answers before they
answer. Views, the group mode and the benchmarks all call these functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learners.models import Learner
from quizzes.models import CourseCompletion, QuizAnswer, QuizAttempt, QuizPage
from quizzes.questions import AnswerError, Question, answer_check


@dataclass(frozen=True)
class AnswerResult:
    """What the learner sees after answering: their answer as recorded (the first one, if sent twice)."""

    attempt: QuizAttempt
    question: Question
    answer: QuizAnswer
    duplicate: bool  # this submission repeated an answer already recorded; nothing new was written
    completion: CourseCompletion | None = None  # the course this answer completed, if it did


def _require_learner(learner: Learner | None) -> Learner:
    if learner is None or learner.pk is None:
        raise AnswerError("no_learner", _("Join first: tell us your village, then take the quiz."))
    if not learner.consent_at:
        raise AnswerError("no_consent", _("Read and accept the privacy notice before taking a quiz."))
    return learner


def attempt_current(*, learner: Learner, quiz: QuizPage) -> QuizAttempt | None:
    """The learner's unfinished attempt at this quiz, if any (to resume where they left off)."""
    return QuizAttempt.objects.filter(learner=learner, quiz=quiz, finished_at__isnull=True).first()


def attempt_start(*, learner: Learner | None, quiz: QuizPage) -> QuizAttempt:
    """Start (or resume) the learner's attempt: at most one unfinished attempt per learner and quiz."""
    learner = _require_learner(learner)
    questions = quiz.question_list
    if not questions:
        raise AnswerError("empty_quiz", _("This quiz has no questions yet."))
    current = attempt_current(learner=learner, quiz=quiz)
    if current is not None:
        if attempt_next_question(current) is not None:
            return current
        # An editor removed the questions this attempt had left: close it on what was answered, start afresh.
        _attempt_finish(current, quiz=quiz, at=timezone.now())
    try:
        with transaction.atomic():
            return QuizAttempt.objects.create(
                quiz=quiz,
                learner=learner,
                village_id=learner.village_id,
                question_ids=[q.id for q in questions],
                question_count=len(questions),
            )
    except IntegrityError:
        # A double tap on "Start": the other request made it.
        return attempt_current(learner=learner, quiz=quiz)


def attempt_next_question(attempt: QuizAttempt, *, answered: set[str] | None = None) -> Question | None:
    """The first question of the attempt not answered yet, or None when all are."""
    if answered is None:
        answered = set(attempt.answers.values_list("question_id", flat=True))
    for question_id in attempt.question_ids:
        if question_id not in answered:
            question = attempt.quiz.question(question_id)
            if question is not None:
                return question
    return None


@transaction.atomic
def answer_record(
    *,
    learner: Learner | None,
    attempt_id,
    question_id: str,
    choice_ids: list[str],
    sign_ids: list[str] = (),
    quiz: QuizPage | None = None,
) -> AnswerResult:
    """Record the learner's answer to one question of their attempt, once.

    A second submission of the same question (a double tap, a retry after a dropped connection, an old form
    sent again) records nothing and returns the first answer, so the learner sees the same feedback. `quiz`, when
    the caller has the page already, must be the attempt's quiz (saves reading it again). Raises AnswerError,
    recording nothing, for an unknown attempt or one of another quiz, another learner's attempt, a finished
    attempt, a question not in the attempt or not the next one, and option ids the question does not have.
    """
    learner = _require_learner(learner)
    attempts = QuizAttempt.objects.select_for_update()
    attempt = (attempts if quiz is not None else attempts.select_related("quiz")).filter(public_id=attempt_id).first()
    if attempt is None or (quiz is not None and attempt.quiz_id != quiz.pk):
        raise AnswerError("no_attempt", _("This quiz attempt does not exist."))
    if attempt.learner_id != learner.pk:
        raise AnswerError("not_yours", _("This quiz was started on another phone or by someone else."))
    quiz = quiz or attempt.quiz.specific
    attempt.quiz = quiz
    if question_id not in attempt.question_ids or quiz.question(question_id) is None:
        raise AnswerError("bad_question", _("That question is not part of this quiz. Reload the page."))
    question = quiz.question(question_id)
    # One read of the attempt's answers serves the duplicate check and the order check.
    answers = {answer.question_id: answer for answer in QuizAnswer.objects.filter(attempt=attempt)}
    if question_id in answers:
        return AnswerResult(attempt=attempt, question=question, answer=answers[question_id], duplicate=True)
    if attempt.is_finished:
        raise AnswerError("finished", _("This quiz is already finished. Start it again to retake it."))
    answered = set(answers)
    expected = attempt_next_question(attempt, answered=answered)
    if expected is None or expected.id != question_id:
        raise AnswerError("out_of_order", _("Answer the questions in order. Reload the page."))
    correct = answer_check(question, choice_ids=list(choice_ids), sign_ids=list(sign_ids))
    answer = QuizAnswer.objects.create(
        attempt=attempt,
        question_id=question_id,
        position=attempt.question_ids.index(question_id),
        choice_ids=list(choice_ids),
        sign_ids=list(sign_ids),
        correct=correct,
    )
    attempt.correct_count += int(correct)
    completion = None
    if attempt_next_question(attempt, answered=answered | {question_id}) is None:
        _attempt_finish(attempt, quiz=quiz, at=answer.answered_at)
        if attempt.passed:
            completion = course_completion_record(learner=learner, quiz=quiz, at=answer.answered_at)
    else:
        attempt.save(update_fields=["correct_count"])
    return AnswerResult(attempt=attempt, question=question, answer=answer, duplicate=False, completion=completion)


def _attempt_finish(attempt: QuizAttempt, *, quiz: QuizPage, at) -> None:
    """Close the attempt and score it against the questions it was given."""
    attempt.finished_at = at
    attempt.passed = quiz.passes(correct=attempt.correct_count, total=attempt.question_count)
    attempt.save(update_fields=["correct_count", "finished_at", "passed"])


def course_quizzes(course) -> list[QuizPage]:
    """The live quizzes that count towards a course: under the course or under its lessons."""
    return list(QuizPage.objects.live().descendant_of(course))


def course_completion_record(*, learner: Learner, quiz: QuizPage, at=None) -> CourseCompletion | None:
    """Record that the learner completed the quiz's course, if every quiz of it is now passed.

    The completion keeps the learner's village now; moving later does not rewrite it. Recorded once.
    """
    course = quiz.course
    if course is None:
        return None
    quiz_ids = {q.pk for q in course_quizzes(course)}
    passed_ids = set(
        QuizAttempt.objects.filter(learner=learner, quiz_id__in=quiz_ids, passed=True).values_list("quiz_id", flat=True)
    )
    if not quiz_ids or passed_ids != quiz_ids:
        return None
    completion, _created = CourseCompletion.objects.get_or_create(
        course=course,
        learner=learner,
        defaults={"village_id": learner.village_id, "completed_at": at or timezone.now()},
    )
    return completion

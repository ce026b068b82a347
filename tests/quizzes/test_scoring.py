"""Scoring on the server: each question type right and wrong, answers recorded once, bad input refused."""

import pytest

from learners.services import learner_update
from quizzes.models import CourseCompletion, QuizAnswer, QuizAttempt
from quizzes.questions import FALSE, SAFE, SCAM, TRUE, AnswerError
from quizzes.services import answer_record, attempt_start
from tests.quizzes.conftest import right_answers, wrong_answer

pytestmark = pytest.mark.django_db


def _answer(learner, attempt, question, **data):
    return answer_record(learner=learner, attempt_id=attempt.public_id, question_id=question.id, **data)


def test_each_question_type_is_scored_right_and_wrong(quiz, learner):
    right = right_answers(quiz)
    single, multiple, true_false, scam = quiz.question_list
    assert true_false.correct == {FALSE} and scam.correct == {SCAM}

    attempt = attempt_start(learner=learner, quiz=quiz)
    assert _answer(learner, attempt, single, choice_ids=right[single.id]["choice_ids"]).answer.correct
    # Only one of the two right options ticked: wrong.
    assert not _answer(learner, attempt, multiple, choice_ids=right[multiple.id]["choice_ids"][:1]).answer.correct
    assert not _answer(learner, attempt, true_false, choice_ids=[TRUE]).answer.correct
    result = _answer(learner, attempt, scam, choice_ids=[SAFE], sign_ids=sorted(scam.red_flags))
    assert not result.answer.correct

    attempt.refresh_from_db()
    assert (attempt.correct_count, attempt.question_count, attempt.passed) == (1, 4, False)
    assert attempt.finished_at is not None

    retake = attempt_start(learner=learner, quiz=quiz)
    assert retake.pk != attempt.pk
    for q in quiz.question_list:
        assert _answer(learner, retake, q, **right[q.id]).answer.correct
    retake.refresh_from_db()
    assert (retake.correct_count, retake.passed) == (4, True)
    assert QuizAttempt.objects.filter(learner=learner, quiz=quiz).count() == 2  # every attempt kept


def test_same_answer_sent_twice_is_recorded_once(quiz, learner):
    attempt = attempt_start(learner=learner, quiz=quiz)
    first_q = quiz.question_list[0]
    first = _answer(learner, attempt, first_q, choice_ids=wrong_answer(first_q))
    again = _answer(learner, attempt, first_q, choice_ids=sorted(first_q.correct))
    assert again.duplicate and not again.answer.correct  # the first answer stands
    assert QuizAnswer.objects.filter(attempt=attempt).count() == 1
    assert again.answer.pk == first.answer.pk


def test_another_learners_attempt_is_refused(quiz, learner, village):
    from learners.services import learner_join

    other = learner_join(village=village, display_name="Ông Tư")
    attempt = attempt_start(learner=learner, quiz=quiz)
    with pytest.raises(AnswerError) as refused:
        _answer(other, attempt, quiz.question_list[0], choice_ids=sorted(quiz.question_list[0].correct))
    assert refused.value.code == "not_yours"
    assert not QuizAnswer.objects.exists()


def test_tampered_choice_id_is_refused(quiz, learner):
    attempt = attempt_start(learner=learner, quiz=quiz)
    with pytest.raises(AnswerError) as refused:
        _answer(learner, attempt, quiz.question_list[0], choice_ids=["not-a-choice"])
    assert refused.value.code == "bad_choice"
    assert not QuizAnswer.objects.exists()


def test_completion_keeps_the_village_of_the_day_after_the_learner_moves(quiz, learner, pho_hien):
    right = right_answers(quiz)
    attempt = attempt_start(learner=learner, quiz=quiz)
    results = [_answer(learner, attempt, q, **right[q.id]) for q in quiz.question_list]
    assert results[-1].completion is not None
    completion = CourseCompletion.objects.get(learner=learner)
    assert completion.village.name == "Thôn 3"

    learner_update(learner=learner, village=pho_hien.villages.get(name="Thôn 10"))
    completion.refresh_from_db()
    assert completion.village.name == "Thôn 3"


def test_an_attempt_whose_remaining_questions_were_removed_is_closed_and_a_new_one_starts(quiz, learner):
    attempt = attempt_start(learner=learner, quiz=quiz)
    first = quiz.question_list[0]
    _answer(learner, attempt, first, choice_ids=sorted(first.correct))
    # The editor keeps only the first question; the learner comes back to the quiz.
    quiz.questions = [(child.block_type, child.value) for child in list(quiz.questions)[:1]]
    quiz.save_revision().publish()
    quiz = type(quiz).objects.get(pk=quiz.pk)
    fresh = attempt_start(learner=learner, quiz=quiz)
    attempt.refresh_from_db()
    assert attempt.finished_at is not None
    assert fresh.pk != attempt.pk and fresh.question_count == 1

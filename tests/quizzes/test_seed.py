"""The sample quizzes `manage.py demo_quizzes` adds: one per seeded course, sound, safe to run again, no
invented facts, and passable through the same services a learner's phone uses."""

import io

import pytest
from django.core.management import call_command
from django.utils.translation import override
from wagtail.models import Page, Revision

from courses.models import CoursePage, LessonPage
from learners.services import learner_join
from quizzes.models import CourseCompletion, QuizAnswer, QuizAttempt, QuizPage
from quizzes.questions import SAFE, SCAM, SCAM_OR_SAFE, SINGLE
from quizzes.seed import content, quizzes_seed
from quizzes.services import answer_record, attempt_start
from tests.fact_sheet import assert_only_fact_sheet_facts, stream_strings
from tests.quizzes.conftest import right_answers

pytestmark = pytest.mark.django_db

# The one-time code in the fact sheet's quiz seed Q13 ("Ma OTP la 482917"): an example message's number.
QUIZ_EXAMPLE_NUMBERS = {"482917"}
ALL_TYPES = {"single_choice", "multiple_choice", "true_false", "scam_or_safe"}


@pytest.fixture
def seeded(hung_yen):
    call_command("demo_lessons", stdout=io.StringIO())
    call_command("demo_quizzes", stdout=io.StringIO())
    return hung_yen


def _seeded_quizzes() -> list[QuizPage]:
    return list(QuizPage.objects.live().order_by("path"))


def test_running_the_quiz_seed_twice_adds_and_changes_nothing(seeded):
    before = (Page.objects.count(), Revision.objects.count())
    ids_before = {quiz.pk: [q.id for q in quiz.question_list] for quiz in _seeded_quizzes()}
    out = io.StringIO()
    with override("en"):
        call_command("demo_quizzes", stdout=out)
    assert "0 new, 0 updated, 4 unchanged" in out.getvalue()
    assert (Page.objects.count(), Revision.objects.count()) == before
    # Same question ids: an attempt started before the re-run still finds its questions.
    assert {quiz.pk: [q.id for q in quiz.question_list] for quiz in _seeded_quizzes()} == ids_before


def test_a_changed_question_is_updated_in_place_with_its_ids_kept(seeded, monkeypatch):
    quiz = QuizPage.objects.get(slug="bai-kiem-tra", title=content.SCAMS["title"])
    ids = [q.id for q in quiz.question_list]
    questions = [dict(q) for q in content.SCAMS["questions"]]
    questions[1] = {**questions[1], "value": {**questions[1]["value"], "prompt": "Công an mời làm việc thế nào?"}}
    monkeypatch.setattr(
        content, "QUIZZES", [content.E_SERVICES, content.LAW, {**content.SCAMS, "questions": questions}]
    )
    report = quizzes_seed(province=seeded)
    assert (report.created, report.updated) == ([], [content.SCAMS["title"]])
    quiz = QuizPage.objects.get(pk=quiz.pk)
    assert quiz.question_list[1].prompt == "Công an mời làm việc thế nào?"
    assert [q.id for q in quiz.question_list] == ids


def test_demo_quizzes_asks_for_the_lessons_first_when_they_are_missing(hung_yen):
    err = io.StringIO()
    with override("en"):
        call_command("demo_quizzes", stdout=io.StringIO(), stderr=err)
    assert "demo_lessons" in err.getvalue()
    assert not QuizPage.objects.exists()


def test_each_seeded_course_has_a_sound_quiz(seeded):
    """One seeding, several checks (seeding costs ~15 s): each is a helper named for what it checks."""
    _each_course_has_one_live_quiz_of_eight_questions_or_more_mixing_every_type()
    _at_least_four_scam_or_safe_scenarios_and_some_are_safe()
    _every_question_passes_its_blocks_own_checks()
    _right_answers_are_not_always_in_the_same_place()
    _each_question_links_a_lesson_of_its_own_course()


def _each_course_has_one_live_quiz_of_eight_questions_or_more_mixing_every_type():
    courses = CoursePage.objects.live()
    assert courses.count() == len(content.QUIZZES) == 4
    for course in courses:
        quizzes = QuizPage.objects.live().child_of(course)
        assert quizzes.count() == 1, course.title
        quiz = quizzes.get()
        assert len(quiz.question_list) >= 8, course.title
        assert {q.kind for q in quiz.question_list} == ALL_TYPES, course.title
        assert quiz.intro and 1 <= quiz.pass_percent <= 100


def _at_least_four_scam_or_safe_scenarios_and_some_are_safe():
    scenarios = [q for quiz in _seeded_quizzes() for q in quiz.question_list if q.kind == SCAM_OR_SAFE]
    assert len(scenarios) >= 4
    verdicts = [next(iter(q.correct)) for q in scenarios]
    assert SAFE in verdicts and SCAM in verdicts
    for question in scenarios:
        assert question.message and question.sender and len(question.signs) >= 2
        if question.correct == {SCAM}:
            assert question.red_flags, question.message  # a scam shows the learner what gave it away
        else:
            assert not question.red_flags, question.message  # nothing in a safe message is a warning sign


def _every_question_passes_its_blocks_own_checks():
    for quiz in _seeded_quizzes():
        for child in quiz.questions:
            child.block.clean(child.value)  # raises on two right answers in a single choice, and so on
        for question in quiz.question_list:
            assert question.explanation.strip(), question.prompt
            if question.kind == SINGLE:
                assert len(question.correct) == 1, question.prompt
            assert question.correct <= {o.id for o in question.options}


def _right_answers_are_not_always_in_the_same_place():
    places = {
        next(i for i, option in enumerate(q.options) if option.id in q.correct)
        for quiz in _seeded_quizzes()
        for q in quiz.question_list
        if q.kind == SINGLE
    }
    assert len(places) >= 3


def _each_question_links_a_lesson_of_its_own_course():
    for quiz in _seeded_quizzes():
        course = quiz.course
        lessons = set(LessonPage.objects.child_of(course).live().values_list("pk", flat=True))
        taught = set()
        for question in quiz.question_list:
            assert question.lesson is not None, question.prompt
            assert question.lesson.pk in lessons, (question.prompt, question.lesson.title)
            taught.add(question.lesson.pk)
        assert len(taught) >= min(len(lessons), 2), course.title


def test_seeded_quizzes_state_no_number_law_or_address_the_fact_sheet_lacks(seeded):
    parts = []
    for quiz in QuizPage.objects.all():
        parts += [quiz.title, quiz.intro, *stream_strings(quiz.questions.get_prep_value())]
    # Explanations and choices, not only prompts: all of it is read by villagers.
    text = "\n".join(parts)
    assert "vcb-sinhtrachoc.top" in text and "482917" in text  # the checker sees the scenarios too
    assert_only_fact_sheet_facts(text, extra_numbers=QUIZ_EXAMPLE_NUMBERS)


def test_answering_every_seeded_question_right_passes_and_completes_each_course_and_wrong_fails(seeded, pho_hien):
    learner = learner_join(village=pho_hien.villages.get(name="Thôn 3"), display_name="Bà Sáu")
    for quiz in _seeded_quizzes():
        right = right_answers(quiz)
        attempt = attempt_start(learner=learner, quiz=quiz)
        for question in quiz.question_list:
            result = answer_record(
                learner=learner, attempt_id=attempt.public_id, question_id=question.id, **right[question.id]
            )
            assert result.answer.correct, question.prompt
        attempt.refresh_from_db()
        assert attempt.passed and attempt.correct_count == attempt.question_count == len(quiz.question_list)
        # Each seeded course has just this quiz, so passing it completes the course, in the learner's village.
        completion = CourseCompletion.objects.get(learner=learner, course=quiz.course)
        assert completion.village.name == "Thôn 3"
    assert CourseCompletion.objects.filter(learner=learner).count() == 4
    assert QuizAnswer.objects.filter(attempt__learner=learner).count() == sum(
        len(quiz.question_list) for quiz in _seeded_quizzes()
    )

    # Someone else answering every question wrong fails and completes nothing.
    learner = learner_join(village=pho_hien.villages.get(name="Thôn 1"), display_name="Ông Bảy")
    quiz = QuizPage.objects.get(title=content.SCAMS["title"])
    attempt = attempt_start(learner=learner, quiz=quiz)
    for question in quiz.question_list:
        wrong = [next(o.id for o in question.options if o.id not in question.correct)]
        answer_record(learner=learner, attempt_id=attempt.public_id, question_id=question.id, choice_ids=wrong)
    attempt = QuizAttempt.objects.get(pk=attempt.pk)
    assert attempt.passed is False and attempt.correct_count == 0
    assert not CourseCompletion.objects.filter(learner=learner).exists()

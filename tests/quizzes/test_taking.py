"""Taking a quiz over HTTP as a phone does: every route, htmx and plain POSTs, and bad input refused.

Pages are read in English (the language cookie, as the footer's switch sets it), so the assertions hold
before and after the Vietnamese catalogue is merged.
"""

import html
import re
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import override

from learners.services import learner_join
from quizzes.models import CourseCompletion, QuizAnswer, QuizAttempt, QuizPage
from quizzes.questions import SAFE, SCAM, TRUE
from tests.quizzes.conftest import right_answers, sign_in, wrong_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def phone(client, learner):
    """The learner's phone, reading in English."""
    sign_in(client, learner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _url(quiz, name="intro", *args) -> str:
    if name == "answer":
        return reverse("quizzes:answer", args=[quiz.pk])
    return quiz.url + quiz.reverse_subpage(name, args=args)


def _start(phone, quiz) -> QuizAttempt:
    response = phone.post(_url(quiz, "start"))
    assert response.status_code == 303 and response["Location"] == _url(quiz, "question")
    return QuizAttempt.objects.get(quiz=quiz, finished_at__isnull=True)


def _answer(phone, quiz, attempt, question, choices, signs=(), **extra):
    data = {"attempt": str(attempt.public_id), "question": question.id, "choice": choices, "sign": list(signs)}
    return phone.post(_url(quiz, "answer"), data, **extra)


def _text(response) -> str:
    """The page's words, tags dropped and spaces squeezed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def _without_tokens(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_intro_says_how_many_questions_and_the_pass_mark(client, quiz):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(quiz.url)
    assert response.status_code == 200
    text = _text(response)
    assert quiz.title in text and "Number of questions: 4" in text and "To pass: 75% of the answers right" in text
    assert "Start the quiz" in text


def test_a_visitor_not_yet_joined_is_sent_to_join_and_back_to_the_quiz(client, quiz):
    response = client.post(_url(quiz, "start"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('learners:join')}?{urlencode({'next': unquote(quiz.url)})}"
    assert client.get(_url(quiz, "question"))["Location"].startswith(reverse("learners:join"))
    assert not QuizAttempt.objects.exists()


def test_htmx_without_a_learner_is_sent_to_join_by_a_whole_page(client, quiz):
    response = client.post(_url(quiz, "answer"), {"attempt": "x"}, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("learners:join"))
    assert not QuizAnswer.objects.exists()


def test_start_shows_the_first_question_with_its_progress(phone, quiz):
    _start(phone, quiz)
    response = phone.get(_url(quiz, "question"))
    assert response.status_code == 200
    text = _text(response)
    first = quiz.question_list[0]
    assert "Question 1/4" in text and first.prompt in text
    assert all(option.text in text for option in first.options)
    assert response.content.decode().count('type="radio"') == 2
    assert "no-store" in response["Cache-Control"]  # a shared phone's cache keeps no answers


def test_the_question_screen_would_be_the_same_whichever_answer_were_right(phone, quiz):
    """Nothing in the page gives the answer away: flip every right answer and warning sign, same page."""
    attempt = _start(phone, quiz)
    right = right_answers(quiz)
    pages = []
    for question in quiz.question_list:
        before = _without_tokens(phone.get(_url(quiz, "question")).content.decode())
        assert question.explanation not in before
        assert "correct" not in before.lower() and "red_flag" not in before.lower()
        _flip_answers(quiz)
        after = _without_tokens(phone.get(_url(quiz, "question")).content.decode())
        _flip_answers(quiz)
        assert after == before
        pages.append(before)
        _answer(phone, quiz, attempt, question, right[question.id]["choice_ids"], right[question.id]["sign_ids"])
    assert "Is this message a scam or safe?" in pages[-1] and "Example message" in pages[-1]
    assert "Sample scam message" not in pages[-1]


def _flip_answers(quiz: QuizPage) -> None:
    """Swap which answers are right (and which signs are real) in the stored quiz, ids unchanged."""
    page = QuizPage.objects.get(pk=quiz.pk)
    raw = list(page.questions.raw_data)
    for block in raw:
        value = block["value"]
        for item in value.get("choices", []):
            item["value"]["correct"] = not item["value"]["correct"]
        for item in value.get("signs", []):
            item["value"]["is_red_flag"] = not item["value"]["is_red_flag"]
        for flag in ("is_true", "is_scam"):
            if flag in value:
                value[flag] = not value[flag]
    page.questions = raw
    page.save()


def test_a_plain_post_records_the_answer_and_redirects_to_its_feedback(phone, quiz):
    attempt = _start(phone, quiz)
    first = quiz.question_list[0]
    response = _answer(phone, quiz, attempt, first, wrong_answer(first))
    assert response.status_code == 303
    assert response["Location"] == _url(quiz, "feedback", first.id)
    feedback = phone.get(response["Location"])
    text = _text(feedback)
    assert "✗ Not right" in text
    assert "Your answer Số lạ vừa gọi" in text and "The right answer 18001096" in text
    assert first.explanation in text
    assert "Review the lesson: Tin nhắn giả ngân hàng" in text
    assert "Next question" in text and _url(quiz, "question") in feedback.content.decode()
    assert QuizAnswer.objects.get().correct is False


def test_htmx_gets_the_feedback_in_place_and_the_next_question_as_a_fragment(phone, quiz):
    attempt = _start(phone, quiz)
    first = quiz.question_list[0]
    response = _answer(phone, quiz, attempt, first, sorted(first.correct), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    fragment = response.content.decode()
    assert not fragment.lstrip().startswith("<!doctype") and "<html" not in fragment
    assert fragment.lstrip().startswith('<section id="quiz-step"')
    assert "✓ Right!" in _text(response)
    assert response["HX-Push-Url"] == _url(quiz, "feedback", first.id)

    following = phone.get(_url(quiz, "question"), HTTP_HX_REQUEST="true")
    assert "<html" not in following.content.decode()
    assert "Question 2/4" in _text(following) and quiz.question_list[1].prompt in _text(following)


def test_the_same_answer_sent_twice_is_recorded_once_and_shows_the_first_answer(phone, quiz):
    attempt = _start(phone, quiz)
    first = quiz.question_list[0]
    _answer(phone, quiz, attempt, first, wrong_answer(first))
    again = _answer(phone, quiz, attempt, first, sorted(first.correct))  # a retry with another choice
    assert again.status_code == 303
    assert "✗ Not right" in _text(phone.get(again["Location"]))
    assert QuizAnswer.objects.count() == 1
    attempt.refresh_from_db()
    assert attempt.correct_count == 0


def test_an_old_submission_replayed_after_a_retake_records_nothing(phone, quiz):
    right = right_answers(quiz)
    attempt = _start(phone, quiz)
    for question in quiz.question_list:
        _answer(phone, quiz, attempt, question, right[question.id]["choice_ids"], right[question.id]["sign_ids"])
    retake = _start(phone, quiz)
    assert retake.pk != attempt.pk
    first = quiz.question_list[0]
    replay = _answer(phone, quiz, attempt, first, right[first.id]["choice_ids"])
    assert replay.status_code == 303
    assert f"lan={attempt.public_id}" in replay["Location"]
    assert "✓ Right!" in _text(phone.get(replay["Location"]))
    assert QuizAnswer.objects.filter(attempt=retake).count() == 0
    assert QuizAnswer.objects.count() == 4


def test_coming_back_continues_at_the_next_unanswered_question(phone, quiz):
    attempt = _start(phone, quiz)
    for question in quiz.question_list[:2]:
        _answer(phone, quiz, attempt, question, wrong_answer(question))
    assert "Continue with question 3/4" in _text(phone.get(quiz.url))
    again = _start(phone, quiz)
    assert again.pk == attempt.pk
    assert "Question 3/4" in _text(phone.get(_url(quiz, "question")))


def test_another_learners_attempt_is_refused_and_nothing_is_recorded(phone, quiz, learner, village, client):
    attempt = _start(phone, quiz)
    stranger = learner_join(village=village, display_name="Ông Tư")
    sign_in(client, stranger)
    first = quiz.question_list[0]
    response = _answer(client, quiz, attempt, first, sorted(first.correct))
    assert response.status_code == 403
    with override("en"):
        assert "This quiz was started on another phone or by someone else." in _text(response)
    assert not QuizAnswer.objects.exists()
    assert client.get(_url(quiz, "results", attempt.public_id)).status_code == 403


def test_tampered_choices_are_refused_on_the_same_screen(phone, quiz):
    attempt = _start(phone, quiz)
    first = quiz.question_list[0]
    response = _answer(phone, quiz, attempt, first, ["not-a-choice"])
    assert response.status_code == 400
    text = _text(response)
    assert "That answer is not one of this question's answers. Reload the page." in text
    assert first.prompt in text  # the question again, to answer properly
    in_place = _answer(phone, quiz, attempt, first, ["not-a-choice"], HTTP_HX_REQUEST="true")
    assert in_place.status_code == 400 and "<html" not in in_place.content.decode()  # htmx swaps it in
    assert "Reload the page." in _text(in_place)
    assert _answer(phone, quiz, attempt, first, []).status_code == 400
    assert _answer(phone, quiz, attempt, first, [o.id for o in first.options]).status_code == 400  # two radios
    assert not QuizAnswer.objects.exists()


def test_tampered_ids_get_the_right_refusal(phone, quiz):
    attempt = _start(phone, quiz)
    first = quiz.question_list[0]
    data = {"attempt": str(attempt.public_id), "question": "made-up", "choice": sorted(first.correct)}
    assert phone.post(_url(quiz, "answer"), data).status_code == 400
    data.update(attempt="not-a-uuid", question=first.id)
    assert phone.post(_url(quiz, "answer"), data).status_code == 404
    data.update(attempt="3f1b6a8e-0000-4000-8000-000000000000")
    assert phone.post(_url(quiz, "answer"), data).status_code == 404
    # Out of order: the last question before the first.
    last = quiz.question_list[-1]
    assert _answer(phone, quiz, attempt, last, [SCAM]).status_code == 409
    assert phone.get(_url(quiz, "feedback", first.id)).status_code == 404  # not answered yet
    assert phone.get(_url(quiz, "answer")).status_code == 405
    assert not QuizAnswer.objects.exists()


def test_results_name_the_score_the_pass_mark_and_what_to_review(phone, quiz, lesson):
    right = right_answers(quiz)
    attempt = _start(phone, quiz)
    single, multiple, true_false, scam = quiz.question_list
    _answer(phone, quiz, attempt, single, right[single.id]["choice_ids"])
    _answer(phone, quiz, attempt, multiple, right[multiple.id]["choice_ids"][:1])  # half of it: wrong
    _answer(phone, quiz, attempt, true_false, [TRUE])  # wrong
    last = _answer(phone, quiz, attempt, scam, [SCAM], [])
    feedback = phone.get(last["Location"])
    assert "See the results" in _text(feedback)

    response = phone.get(_url(quiz, "results", attempt.public_id))
    assert response.status_code == 200
    text = _text(response)
    assert "2/4" in text and "You answered 2 of 4 questions right (50%)." in text
    assert "Not passed yet: you need 75% of the answers right." in text
    assert "What to review" in text
    assert multiple.prompt in text and true_false.prompt in text and single.prompt not in text
    assert f'href="{lesson.url}"' in response.content.decode()
    assert "Take the quiz again" in text and not CourseCompletion.objects.exists()


def test_passing_the_courses_only_quiz_links_the_certificate(phone, quiz):
    right = right_answers(quiz)
    attempt = _start(phone, quiz)
    for question in quiz.question_list:
        _answer(phone, quiz, attempt, question, right[question.id]["choice_ids"], right[question.id]["sign_ids"])
    response = phone.get(_url(quiz, "results", attempt.public_id))
    text = _text(response)
    assert "Passed: the pass mark is 75%." in text and "Every answer was right" in text
    completion = CourseCompletion.objects.get()
    assert reverse("quizzes:certificate", args=[completion.certificate_code]) in response.content.decode()
    # Nothing left to answer: the question screen goes to these results.
    assert phone.get(_url(quiz, "question"))["Location"] == _url(quiz, "results", attempt.public_id)


def test_a_scenario_feedback_names_the_signs_noticed_and_missed(phone, quiz):
    right = right_answers(quiz)
    attempt = _start(phone, quiz)
    for question in quiz.question_list[:3]:
        _answer(phone, quiz, attempt, question, right[question.id]["choice_ids"])
    scam = quiz.question_list[3]
    noticed = next(s for s in scam.signs if s.text == "Đường link lạ")
    not_a_sign = next(s for s in scam.signs if s.id not in scam.red_flags)
    response = _answer(phone, quiz, attempt, scam, [SAFE], [noticed.id, not_a_sign.id])
    text = _text(phone.get(response["Location"]))
    assert "✗ Not right" in text and "Your answer Safe" in text and "The right answer Scam" in text
    assert "Warning signs you noticed Đường link lạ" in text
    assert "Warning signs you missed Giục làm ngay" in text
    assert "You tapped these, but they are not warning signs Tin nhắn có dấu tiếng Việt" in text
    assert "Example message" in text and scam.message in text


def test_lesson_and_course_pages_link_their_quiz(client, course, lesson, quiz):
    lesson_quiz = lesson.add_child(
        instance=QuizPage(title="Câu hỏi nhanh", questions=[quiz.questions.raw_data[0]], pass_percent=50)
    )
    on_lesson = client.get(lesson.url).content.decode()
    assert f'href="{lesson_quiz.url}"' in on_lesson
    assert f'href="{quiz.url}"' in on_lesson  # the last lesson also offers the course's quiz
    on_course = client.get(course.url).content.decode()
    assert f'href="{quiz.url}"' in on_course and f'href="{lesson_quiz.url}"' in on_course


def test_the_quiz_previews_in_the_admin(client, quiz):
    admin = get_user_model().objects.create_superuser("bientap", password="mat-khau-thu-nghiem-2026")
    client.force_login(admin)
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[quiz.pk]))
    assert response.status_code == 200 and quiz.title in response.content.decode()
    assert "bat-dau/" not in response.content.decode()  # a preview cannot start an attempt
    questions = quiz.make_preview_request(preview_mode="questions")
    assert questions.status_code == 200
    shown = questions.render().content.decode() if hasattr(questions, "render") else questions.content.decode()
    assert quiz.question_list[0].explanation in shown  # editors see the answers; learners never before answering
    assert not QuizAttempt.objects.exists()


def test_answers_to_an_unpublished_or_private_quiz_are_refused_and_not_recorded(phone, quiz):
    from wagtail.models import PageViewRestriction

    attempt = _start(phone, quiz)
    first = quiz.question_list[0]
    PageViewRestriction.objects.create(page=quiz, restriction_type=PageViewRestriction.LOGIN)
    refused = _answer(phone, quiz, attempt, first, sorted(first.correct))
    assert refused.status_code == 302 and "/login/" in refused["Location"]  # Wagtail's own privacy check
    PageViewRestriction.objects.all().delete()
    quiz.unpublish()
    assert _answer(phone, quiz, attempt, first, sorted(first.correct)).status_code == 404
    assert not QuizAnswer.objects.exists()

"""Group mode: a hall answers a quiz by show of hands at a connection point during a live class."""

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client

from courses.models import CoursePage, CourseTheme
from courses.services import course_section_for
from livesessions.models import PointPresence
from livesessions.scheduling import point_token_rotate, session_close
from quizzes import group
from quizzes.group_views import COOKIE_NAME
from quizzes.models import CourseCompletion, GroupQuizAnswer, GroupQuizRun, QuizAttempt, QuizPage
from quizzes.questions import AnswerError
from tests.livesessions.conftest import make_point, make_session

from .conftest import quiz_questions

SIGNIN = "/kiem-tra-nhom/"


@pytest.fixture
def hall_point(pho_hien, village):
    return make_point(pho_hien, "PH-01", village=village)


@pytest.fixture
def bare_point(pho_hien):
    return make_point(pho_hien, "PH-02")  # serves the whole commune: no village


@pytest.fixture
def live_class(hung_yen, quiz, hall_point, bare_point):
    return make_session(hung_yen, points=[hall_point, bare_point])


@pytest.fixture
def operator():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # assert on the English msgids
    return client


def signed_in(client, session, point):
    response = client.post(SIGNIN, {"session": session.pk, "point": point.code, "token": point.token})
    assert response.status_code == 302
    return response


def hands_for(question, counts_by_letter: dict[str, int]) -> dict[str, str]:
    """Form data: A, B, C… → hands, as the operator types them."""
    return {
        f"hands-{option.id}": str(counts_by_letter.get("ABCDEF"[i], "")) for i, option in enumerate(question.options)
    }


def start_run(session, point, quiz, headcount=40) -> GroupQuizRun:
    return group.group_run_start(session=session, point=point.obj, quiz=quiz, headcount=headcount)


def all_right(run: GroupQuizRun, hands: int) -> None:
    """Answer every question with `hands` hands on each right option."""
    for question in run.quiz.specific.question_list:
        group.group_answer_record(run=run, question_id=question.id, counts={o: hands for o in question.correct})


# --- Signing the point in ---------------------------------------------------------------------------------


def test_the_point_signs_in_with_its_code_and_secret_and_sees_the_class_quizzes(operator, live_class, hall_point, quiz):
    PointPresence.objects.create(session=live_class, point=hall_point.obj, last_headcount=42, peak_headcount=50)
    response = signed_in(operator, live_class, hall_point)
    assert response["Location"] == f"/kiem-tra-nhom/lop/{live_class.pk}/"
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] and 0 < int(cookie["max-age"]) <= 6 * 3600
    assert hall_point.token not in cookie.value  # the secret itself is never kept on the laptop
    page = operator.get(response["Location"]).content.decode()
    assert quiz.title in page
    assert 'name="headcount"' in page and 'value="42"' in page  # the point's last head count, ready to correct
    assert "Thôn 3" in page


def test_a_wrong_secret_is_refused_and_signs_nothing_in(operator, live_class, hall_point):
    response = operator.post(SIGNIN, {"session": live_class.pk, "point": "PH-01", "token": "not-the-secret"})
    assert response.status_code == 400
    assert "The point code or the secret code is wrong" in response.content.decode()
    assert COOKIE_NAME not in response.cookies
    home = operator.get(f"/kiem-tra-nhom/lop/{live_class.pk}/")
    assert home.status_code == 302 and home["Location"].startswith(SIGNIN)


def test_a_secret_never_appears_in_a_url_of_the_sign_in(operator, live_class, hall_point):
    page = operator.get(f"{SIGNIN}?lop={live_class.pk}&diem=PH-01").content.decode()
    assert 'type="password"' in page and 'method="post"' in page
    response = signed_in(operator, live_class, hall_point)
    assert hall_point.token not in response["Location"]
    again = operator.get(f"{SIGNIN}?lop={live_class.pk}")  # already signed in on this laptop: straight on
    assert again.status_code == 302 and again["Location"] == response["Location"]


def test_signing_in_to_a_class_that_has_ended_says_so(operator, live_class, hall_point):
    session_close(session=live_class)
    response = operator.post(SIGNIN, {"session": live_class.pk, "point": "PH-01", "token": hall_point.token})
    assert response.status_code == 400
    assert "This class has ended" in response.content.decode()
    assert COOKIE_NAME not in response.cookies


def test_typing_only_the_code_and_secret_finds_the_class_on_now(operator, live_class, hall_point):
    response = operator.post(SIGNIN, {"point": "ph-01 ", "token": hall_point.token})
    assert response["Location"] == f"/kiem-tra-nhom/lop/{live_class.pk}/"


def test_a_new_secret_ends_the_group_sign_in_made_with_the_old_one(operator, live_class, hall_point):
    signed_in(operator, live_class, hall_point)
    point_token_rotate(point=hall_point.obj)
    response = operator.get(f"/kiem-tra-nhom/lop/{live_class.pk}/")
    assert response.status_code == 302 and response["Location"].startswith(SIGNIN)


def test_the_point_screen_link_carries_no_secret():
    html = render_to_string("quizzes/group/point_link.html", {"session": type("S", (), {"pk": 7})()})
    assert 'method="post"' in html and 'target="_blank"' in html
    assert 'name="token" value=""' in html and "group-link.js" in html and "<script>" not in html


# --- Starting a run ---------------------------------------------------------------------------------------


def test_a_run_counts_for_the_points_village_with_its_head_count(operator, live_class, hall_point, quiz, village):
    signed_in(operator, live_class, hall_point)
    response = operator.post(f"/kiem-tra-nhom/lop/{live_class.pk}/bat-dau/", {"quiz": quiz.pk, "headcount": "37"})
    run = GroupQuizRun.objects.get()
    assert response["Location"] == f"/kiem-tra-nhom/luot/{run.public_id}/"
    assert (run.village, run.headcount, run.point, run.session) == (village, 37, hall_point.obj, live_class)
    all_right(run, 30)
    run.refresh_from_db()
    assert run.passed is True and run.finished_at is not None
    [row] = group.group_results_by_village()
    assert (row.village_id, row.runs, row.people_reached, row.passed_runs, row.pass_percent) == (
        village.pk,
        1,
        37,
        1,
        100,
    )


def test_the_run_keeps_the_village_it_was_counted_for_when_the_point_moves(
    live_class, hall_point, quiz, village, pho_hien
):
    run = start_run(live_class, hall_point, quiz)
    hall_point.obj.village = pho_hien.villages.get(name="Thôn 1")
    hall_point.obj.save()
    all_right(run, 10)
    assert GroupQuizRun.objects.get().village == village


def test_starting_twice_resumes_the_same_run(live_class, hall_point, quiz):
    first = start_run(live_class, hall_point, quiz, headcount=40)
    again = start_run(live_class, hall_point, quiz, headcount=45)
    assert again.pk == first.pk and GroupQuizRun.objects.count() == 1


def test_a_closed_class_refuses_a_new_run(operator, live_class, hall_point, quiz):
    signed_in(operator, live_class, hall_point)
    session_close(session=live_class)
    response = operator.post(f"/kiem-tra-nhom/lop/{live_class.pk}/bat-dau/", {"quiz": quiz.pk, "headcount": "30"})
    assert response.status_code == 400
    assert "This class has ended" in response.content.decode()
    assert not GroupQuizRun.objects.exists()


def test_a_point_without_a_village_is_told_to_have_it_set(operator, live_class, bare_point, quiz):
    signed_in(operator, live_class, bare_point)
    page = operator.get(f"/kiem-tra-nhom/lop/{live_class.pk}/").content.decode()
    assert "this point has no village set" in page
    response = operator.post(f"/kiem-tra-nhom/lop/{live_class.pk}/bat-dau/", {"quiz": quiz.pk, "headcount": "30"})
    assert response.status_code == 400 and "this point has no village set" in response.content.decode()
    assert not GroupQuizRun.objects.exists()


@pytest.mark.parametrize("headcount", ["0", "-3", "abc", "5001", ""])
def test_a_head_count_that_is_not_1_to_5000_is_refused(operator, live_class, hall_point, quiz, headcount):
    signed_in(operator, live_class, hall_point)
    response = operator.post(f"/kiem-tra-nhom/lop/{live_class.pk}/bat-dau/", {"quiz": quiz.pk, "headcount": headcount})
    assert response.status_code == 400 and "a whole number from 1 to 5000" in response.content.decode()
    assert not GroupQuizRun.objects.exists()


def test_the_class_lesson_decides_the_quizzes_offered(hung_yen, hall_point, quiz, lesson):
    other_course = course_section_for(province=hung_yen).add_child(
        instance=CoursePage(title="Dịch vụ công", theme=CourseTheme.SCAMS, summary="VNeID.")
    )
    other = other_course.add_child(instance=QuizPage(title="Kiểm tra: VNeID", questions=quiz_questions(None)))
    province_wide = make_session(hung_yen, points=[hall_point])
    assert {q.pk for q in group.group_quizzes(session=province_wide)} == {quiz.pk, other.pk}
    province_wide.lesson = lesson  # a lesson without its own quiz: its course's quiz
    province_wide.save()
    assert [q.pk for q in group.group_quizzes(session=province_wide)] == [quiz.pk]
    with pytest.raises(AnswerError) as refused:
        group.group_run_start(session=province_wide, point=hall_point.obj, quiz=other, headcount=20)
    assert refused.value.code == "not_offered"


# --- Counting hands ---------------------------------------------------------------------------------------


def test_the_hall_page_never_holds_the_answer_before_the_hands_are_counted(operator, live_class, hall_point, quiz):
    signed_in(operator, live_class, hall_point)
    run = start_run(live_class, hall_point, quiz)
    first = quiz.question_list[0]
    page = operator.get(f"/kiem-tra-nhom/luot/{run.public_id}/").content.decode()
    assert first.prompt in page and "Show the answer" in page
    assert first.explanation not in page and "Right answer" not in page and "correct" not in page
    early = operator.get(f"/kiem-tra-nhom/luot/{run.public_id}/cau/{first.id}/")
    assert early.status_code == 302 and early["Location"] == f"/kiem-tra-nhom/luot/{run.public_id}/"


def test_the_result_shows_the_right_answer_the_explanation_and_the_hands(operator, live_class, hall_point, quiz):
    signed_in(operator, live_class, hall_point)
    run = start_run(live_class, hall_point, quiz)
    first = quiz.question_list[0]
    response = operator.post(
        f"/kiem-tra-nhom/luot/{run.public_id}/tra-loi/", {"question": first.id, **hands_for(first, {"A": 30, "B": 10})}
    )
    assert response["Location"] == f"/kiem-tra-nhom/luot/{run.public_id}/cau/{first.id}/"
    page = operator.get(response["Location"]).content.decode()
    assert first.explanation in page and "Right answer" in page
    assert "75 % of the hands were right" in page and "30 hands · 75 %" in page and "10 hands · 25 %" in page
    assert '<rect class="hall-bar-fill" width="75"' in page


def test_hands_over_the_head_count_are_refused_and_nothing_is_recorded(operator, live_class, hall_point, quiz):
    signed_in(operator, live_class, hall_point)
    run = start_run(live_class, hall_point, quiz, headcount=40)
    first = quiz.question_list[0]
    response = operator.post(
        f"/kiem-tra-nhom/luot/{run.public_id}/tra-loi/", {"question": first.id, **hands_for(first, {"A": 30, "B": 15})}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "the hands add up to 45 with 40 people in the hall" in page
    assert 'value="30"' in page and 'value="15"' in page  # what was typed stays, to correct
    assert not GroupQuizAnswer.objects.exists()
    run.refresh_from_db()
    assert (run.correct_hands, run.total_hands) == (0, 0)


def test_on_a_several_answer_question_each_option_may_get_every_hand_but_no_more(live_class, hall_point, quiz):
    run = start_run(live_class, hall_point, quiz, headcount=40)
    single, multiple = quiz.question_list[:2]
    group.group_answer_record(run=run, question_id=single.id, counts={single.options[0].id: 40})
    with pytest.raises(AnswerError) as refused:
        group.group_answer_record(run=run, question_id=multiple.id, counts={multiple.options[0].id: 41})
    assert refused.value.code == "over_headcount"
    # Hands per option: right share = hands on right options ÷ all hands (36 + 34) ÷ (36 + 34 + 10).
    a, b, c = (o.id for o in multiple.options)
    result = group.group_answer_record(run=run, question_id=multiple.id, counts={a: 36, b: 34, c: 10})
    assert (result.answer.correct_hands, result.answer.total_hands) == (70, 80)


@pytest.mark.parametrize(
    "counts, code",
    [({"not-an-option": 3}, "bad_choice"), ({"X": -1}, "bad_count"), ({"X": 2.5}, "bad_count"), ({}, "no_hands")],
)
def test_counts_the_hall_cannot_have_are_refused(live_class, hall_point, quiz, counts, code):
    run = start_run(live_class, hall_point, quiz)
    first = quiz.question_list[0]
    counts = {(first.options[0].id if k == "X" else k): v for k, v in counts.items()}
    with pytest.raises(AnswerError) as refused:
        group.group_answer_record(run=run, question_id=first.id, counts=counts)
    assert refused.value.code == code
    assert not GroupQuizAnswer.objects.exists()


def test_questions_are_answered_in_order(live_class, hall_point, quiz):
    run = start_run(live_class, hall_point, quiz)
    second = quiz.question_list[1]
    with pytest.raises(AnswerError) as refused:
        group.group_answer_record(run=run, question_id=second.id, counts={second.options[0].id: 1})
    assert refused.value.code == "out_of_order"


def test_sending_the_same_hands_twice_records_them_once(operator, live_class, hall_point, quiz):
    signed_in(operator, live_class, hall_point)
    run = start_run(live_class, hall_point, quiz)
    first = quiz.question_list[0]
    data = {"question": first.id, **hands_for(first, {"A": 20, "B": 5})}
    url = f"/kiem-tra-nhom/luot/{run.public_id}/tra-loi/"
    assert operator.post(url, data).status_code == 302
    again = operator.post(url, {"question": first.id, **hands_for(first, {"A": 1, "B": 30})})  # back, changed, sent
    assert again.status_code == 302 and again["Location"].endswith(f"/cau/{first.id}/")
    answer = GroupQuizAnswer.objects.get()
    assert answer.counts == {first.options[0].id: 20, first.options[1].id: 5}
    run.refresh_from_db()
    assert (run.correct_hands, run.total_hands) == (20, 25)


def test_a_group_run_creates_no_individual_attempt_or_completion(live_class, hall_point, quiz, learner):
    run = start_run(live_class, hall_point, quiz)
    all_right(run, 25)
    assert GroupQuizRun.objects.get().passed is True
    assert not QuizAttempt.objects.exists() and not CourseCompletion.objects.exists()


def test_the_summary_gives_each_questions_share_and_passed_or_not(operator, live_class, hall_point, quiz):
    signed_in(operator, live_class, hall_point)
    run = start_run(live_class, hall_point, quiz, headcount=40)
    questions = quiz.question_list
    for question in questions[:-1]:
        group.group_answer_record(run=run, question_id=question.id, counts={o: 10 for o in question.correct})
    last = questions[-1]  # scam or safe: 10 say scam (right), 30 say safe
    wrong = next(o.id for o in last.options if o.id not in last.correct)
    group.group_answer_record(run=run, question_id=last.id, counts={next(iter(last.correct)): 10, wrong: 30})
    run.refresh_from_db()
    # 10 + 20 + 10 + 10 right of 10 + 20 + 10 + 40 hands = 50/80 = 62.5 % < 75 %.
    assert (run.correct_hands, run.total_hands, run.passed) == (50, 80, False)
    page = operator.get(f"/kiem-tra-nhom/luot/{run.public_id}/tong-ket/").content.decode()
    assert "Not passed yet" in page and "62 % of the hands were right (pass mark 75 %)" in page
    assert page.count("100 % right") == 3 and "25 % right" in page and page.count("Teach again") == 1
    assert "The message from 0912 345 678: scam or safe?" in page
    assert operator.get(f"/kiem-tra-nhom/luot/{run.public_id}/").headers["Location"].endswith("/tong-ket/")


def test_another_point_cannot_open_this_halls_run(live_class, hall_point, bare_point, quiz):
    run = start_run(live_class, hall_point, quiz)
    other = Client()
    signed_in(other, live_class, bare_point)
    response = other.get(f"/kiem-tra-nhom/luot/{run.public_id}/")
    assert response.status_code == 302 and response["Location"].startswith(SIGNIN)
    first = quiz.question_list[0]
    other.post(f"/kiem-tra-nhom/luot/{run.public_id}/tra-loi/", {"question": first.id, **hands_for(first, {"A": 1})})
    assert not GroupQuizAnswer.objects.exists()


def test_results_by_village_leave_out_unfinished_runs_and_other_villages(
    hung_yen, live_class, hall_point, quiz, village, other_commune_in_hung_yen
):
    finished = start_run(live_class, hall_point, quiz, headcount=30)
    all_right(finished, 5)
    elsewhere = make_point(other_commune_in_hung_yen, "AT-01", village=other_commune_in_hung_yen.villages.get())
    second_class = make_session(hung_yen, points=[hall_point, elsewhere])
    start_run(second_class, hall_point, quiz, headcount=50)  # left unfinished
    all_right(start_run(second_class, elsewhere, quiz, headcount=20), 1)
    rows = group.group_results_by_village(quiz=quiz, villages=village.commune.villages.all())
    assert [(r.village_name, r.runs, r.people_reached) for r in rows] == [("Thôn 3", 1, 30)]
    assert {r.village_name for r in group.group_results_by_village()} == {"Thôn 3", "Thôn Ân Thi 1"}


def test_a_run_started_in_class_can_be_finished_just_after_the_class_ends(live_class, hall_point, quiz):
    run = start_run(live_class, hall_point, quiz)
    session_close(session=live_class)
    all_right(run, 12)
    run.refresh_from_db()
    assert run.finished_at is not None and run.passed is True

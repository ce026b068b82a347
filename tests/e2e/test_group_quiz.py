# ruff: noqa: F811 (the quiz fixtures are imported, and then named as test arguments)
"""Group mode on the hall's laptop (1280×720, a projector's size): sign in, count hands, see results."""

import pytest

from quizzes.models import GroupQuizAnswer, GroupQuizRun, QuizAttempt
from tests.e2e.conftest import ARTIFACTS
from tests.livesessions.conftest import make_point, make_session
from tests.quizzes.conftest import course, lesson, quiz, village  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PROJECTOR = {"width": 1280, "height": 720}


@pytest.fixture
def laptop(browser):
    context = browser.new_context(viewport=PROJECTOR, locale="vi-VN")
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.violations = violations
    yield page
    context.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"group-{name}.png"))


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_hall_answers_a_whole_quiz_by_show_of_hands(live_server, laptop, hung_yen, pho_hien, village, quiz):
    point = make_point(pho_hien, "PH-01", village=village)
    session = make_session(hung_yen, points=[point])
    base = live_server.url

    # The operator types the code and secret from the card (the point screen's button fills them in itself).
    laptop.goto(f"{base}/kiem-tra-nhom/?lop={session.pk}&diem=PH-01")
    laptop.fill('input[name="token"]', point.token)
    laptop.click("button[type=submit]")
    assert laptop.url == f"{base}/kiem-tra-nhom/lop/{session.pk}/"
    laptop.fill('input[name="headcount"]', "40")
    laptop.click("form.card button[type=submit]")

    questions = quiz.question_list
    typed = {0: [30, 10], 1: [35, 30, 5], 2: [8, 32], 3: [36, 4]}  # A, B, C… per question
    for number, question in enumerate(questions):
        laptop.wait_for_selector(".hall-prompt")
        assert laptop.locator(".hall-count").inner_text().endswith(f"{number + 1}/{len(questions)}")
        html = laptop.content()
        assert question.explanation not in html and "hall-bar-right" not in html  # no answer before the hands
        assert _no_horizontal_scroll(laptop)
        boxes = laptop.locator(".hall-hands input")
        assert boxes.count() == len(question.options)
        assert laptop.locator(".hall-letter").first.inner_text() == "A"
        for box, hands in zip(boxes.all(), typed[number], strict=True):
            box.fill(str(hands - 1))
        laptop.locator(".hall-hands").first.locator(".hall-step").last.click()  # + on A
        for box, hands in list(zip(boxes.all(), typed[number], strict=True))[1:]:
            box.fill(str(hands))
        if number in (0, 3):
            _shot(laptop, f"question-{number + 1}")
            prompt = laptop.locator(".hall-prompt").bounding_box()
            assert prompt["y"] + prompt["height"] < PROJECTOR["height"]  # the question is on screen, not below it
            assert float(laptop.eval_on_selector(".hall-prompt", "e => parseFloat(getComputedStyle(e).fontSize)")) >= 40
        laptop.click(".hall-submit")
        laptop.wait_for_selector(".hall-bars")
        assert question.explanation in laptop.content()
        assert laptop.locator(".hall-bar-right").count() == len(question.correct)
        assert _no_horizontal_scroll(laptop)
        if number in (0, 3):
            _shot(laptop, f"result-{number + 1}")
        laptop.click(".hall-next")

    laptop.wait_for_selector(".hall-verdict")
    _shot(laptop, "summary")
    run = GroupQuizRun.objects.get()
    # Right hands: 30 + 65 + 32 + 36 = 163 of 40 + 70 + 40 + 40 = 190 → 86 % ≥ 75 %.
    assert (run.correct_hands, run.total_hands, run.passed, run.village) == (163, 190, True, village)
    assert GroupQuizAnswer.objects.count() == 4 and not QuizAttempt.objects.exists()
    assert laptop.locator(".hall-verdict-passed").count() == 1
    assert laptop.violations == []


def test_the_point_screen_button_signs_the_point_in_without_the_secret_in_any_url(
    live_server, laptop, hung_yen, pho_hien, village, quiz
):
    point = make_point(pho_hien, "PH-01", village=village)
    session = make_session(hung_yen, points=[point])
    base = live_server.url
    requested = []
    laptop.context.on("request", lambda request: requested.append(request.url))
    # The operator card's link opens the point screen (its socket needs Daphne; the button does not).
    laptop.goto(f"{base}/live/{session.pk}/diem-cau/#diem=PH-01&khoa={point.token}")
    with laptop.context.expect_page() as opened:
        laptop.click(".group-point-link button")
    tab = opened.value
    tab.wait_for_load_state()
    assert tab.url == f"{base}/kiem-tra-nhom/lop/{session.pk}/"
    assert tab.locator('input[name="headcount"]').count() == 1
    assert laptop.url.endswith(f"/live/{session.pk}/diem-cau/#diem=PH-01&khoa={point.token}")  # still open
    assert not any(point.token in url.split("#")[0] for url in requested)
    assert laptop.violations == []


@pytest.mark.parametrize("phone", [False], indirect=True)
def test_an_operator_on_a_phone_without_javascript_runs_a_question(
    live_server, phone, hung_yen, pho_hien, village, quiz
):
    point = make_point(pho_hien, "PH-01", village=village)
    session = make_session(hung_yen, points=[point])
    phone.goto(f"{live_server.url}/kiem-tra-nhom/")
    phone.fill('input[name="point"]', "ph-01")
    phone.fill('input[name="token"]', point.token)
    phone.click("button[type=submit]")
    assert phone.url.endswith(f"/kiem-tra-nhom/lop/{session.pk}/")
    phone.fill('input[name="headcount"]', "25")
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "group-phone-home.png"), full_page=True)
    phone.click("form.card button[type=submit]")
    assert phone.locator(".hall-step").count() == 0  # the −/+ come from the script; the boxes work alone
    assert _no_horizontal_scroll(phone)
    phone.locator(".hall-hands input").first.fill("20")
    phone.click(".hall-submit")
    assert phone.locator(".hall-bar-right").count() == 1
    assert _no_horizontal_scroll(phone)
    phone.screenshot(path=str(ARTIFACTS / "group-phone-result.png"), full_page=True)
    assert GroupQuizAnswer.objects.get().counts == {
        o.id: n for o, n in zip(quiz.question_list[0].options, [20, 0], strict=True)
    }

"""A villager takes a quiz on a 360-px phone: with JavaScript (htmx swaps each answer's feedback in place) and
without it (plain POSTs and redirects), and the question screen stays within its 20 KB budget.

Bytes are counted as tests/e2e/test_lesson_phone.py counts them (Chromium's own figures; uncompressed text
static files at their `gzip -9` size, as WhiteNoise would send them). The budget is checked on the question
screen as a joined phone loads it: joining already fetched the stylesheet and htmx, which production serves
under hashed names cached for a year. The cold figure (nothing cached at all) is printed beside it.
"""

import pytest
from django.conf import settings
from django.http import HttpResponse

from courses.models import CoursePage, CourseTheme, LessonPage
from courses.services import course_section_for
from learners.identity import remember_learner
from learners.models import Learner
from learners.services import learner_join
from quizzes.models import CourseCompletion, QuizAnswer, QuizAttempt, QuizPage
from quizzes.services import attempt_start
from tests.e2e.conftest import ARTIFACTS, PHONE
from tests.e2e.test_lesson_phone import NetworkLog
from tests.quizzes.conftest import quiz_questions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

KB = 1024
QUESTION_SCREEN_BUDGET = 20 * KB


@pytest.fixture
def lesson(hung_yen):
    section = course_section_for(province=hung_yen)
    course = section.add_child(
        instance=CoursePage(title="Phòng chống lừa đảo", theme=CourseTheme.SCAMS, summary="Nhận biết lừa đảo.")
    )
    return course.add_child(instance=LessonPage(title="Tin nhắn giả ngân hàng", summary="Nhận biết tin nhắn giả."))


@pytest.fixture
def quiz(lesson):
    """Four questions (single, multiple, true/false, scam or safe), under the course: 75 % to pass."""
    return lesson.get_parent().add_child(
        instance=QuizPage(
            title="Kiểm tra: lừa đảo qua mạng",
            intro="Bốn câu hỏi, mỗi câu có giải thích.",
            pass_percent=75,
            questions=quiz_questions(lesson),
        )
    )


@pytest.fixture
def village(pho_hien):
    return pho_hien.villages.get(name="Thôn 3")


def _cookies(live_server, learner=None) -> list[dict]:
    """The pages in English (the footer's switch), so the test reads the same before and after translation."""
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    if learner is not None:
        response = HttpResponse()
        remember_learner(response, learner)
        value = response.cookies[settings.LEARNER_COOKIE_NAME].value
        cookies.append({"name": settings.LEARNER_COOKIE_NAME, "value": value, "url": live_server.url})
    return cookies


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate(f"document.documentElement.scrollWidth <= {PHONE['width']}")


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"quiz-360-{name}.png"), full_page=True)


class CachedAwareLog(NetworkLog):
    """NetworkLog with the browser's cache on: what the cache answered was not transferred."""

    def __init__(self, page, *, cache: bool):
        super().__init__(page)
        self.cached: set[str] = set()
        self.cdp.on("Network.requestServedFromCache", lambda event: self.cached.add(event["requestId"]))
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": not cache})

    def _received(self, event):
        super()._received(event)
        if event["response"].get("fromDiskCache") or event["response"].get("fromPrefetchCache"):
            self.cached.add(event["requestId"])

    def transferred(self) -> list[dict]:
        return [entry for key, entry in self.responses.items() if "size" in entry and key not in self.cached]


def _answer_screen_swapped(page) -> None:
    """Wait for htmx to put the feedback where the question was (no new page)."""
    page.wait_for_selector("#feedback-title")


def test_a_villager_joins_from_a_lesson_and_takes_the_quiz_with_javascript(live_server, phone, quiz, lesson, pho_hien):
    phone.context.add_cookies(_cookies(live_server))
    phone.goto(f"{live_server.url}{lesson.url}")
    phone.locator(".quiz-links a", has_text=quiz.title).click()
    phone.wait_for_url(f"**{quiz.url}")
    assert "Number of questions: 4" in phone.locator("main").inner_text()
    phone.get_by_role("button", name="Start the quiz").click()

    # Not joined yet: the join flow, then straight back to the quiz.
    phone.wait_for_url("**/tham-gia/**")
    phone.select_option("#id_province", label="Hưng Yên")
    phone.wait_for_selector("#id_commune")
    phone.select_option("#id_commune", label="Phường Phố Hiến")
    phone.wait_for_selector("#id_village_search")
    phone.get_by_label("Thôn 3").check()
    phone.locator("#id_consent").check()
    phone.get_by_role("button", name="Join", exact=True).click()
    phone.wait_for_url(f"**{quiz.url}")

    # From here on, the quiz's own pages: nothing the Content-Security-Policy refuses.
    refused = []
    phone.on("console", lambda message: "Content Security Policy" in message.text and refused.append(message.text))

    # The question screen as this phone loads it: what did it cost?
    log = CachedAwareLog(phone, cache=True)
    phone.get_by_role("button", name="Start the quiz").click()
    phone.wait_for_url(f"**{quiz.url}lam/")
    phone.wait_for_load_state("networkidle")
    warm = sum(entry["size"] for entry in log.transferred())
    print(f"\nquestion screen, joined phone: {warm} B in {len(log.transferred())} responses")
    assert warm <= QUESTION_SCREEN_BUDGET
    phone.evaluate("window.stillTheSamePage = true")  # gone if a whole page loads instead of a swap

    main = phone.locator("main")
    assert "Question 1/4" in main.inner_text()
    assert "Tin nhắn giả ngân hàng" not in main.inner_text()  # no lesson link (nor explanation) before answering
    assert _no_horizontal_scroll(phone)
    _shot(phone, "question")
    # Whole-row labels are the tap targets, at least 48 px tall.
    row = phone.locator("label.choice").first
    assert row.bounding_box()["height"] >= 48 and row.bounding_box()["width"] >= 280
    row.click()
    phone.get_by_role("button", name="Send my answer").click()
    _answer_screen_swapped(phone)
    assert "Right!" in phone.locator("#feedback-title").inner_text()
    assert phone.url.endswith(f"phan-hoi/{quiz.question_list[0].id}/")  # a reload shows this feedback again
    assert phone.evaluate("window.stillTheSamePage === true")
    assert "Tổng đài 18001096." in main.inner_text()
    _shot(phone, "feedback-right")

    phone.get_by_role("link", name="Next question").click()
    phone.wait_for_selector("text=Question 2/4")
    phone.get_by_label("Giục làm ngay").check()  # one of the two right answers only: wrong
    phone.get_by_role("button", name="Send my answer").click()
    _answer_screen_swapped(phone)
    assert "Not right" in phone.locator("#feedback-title").inner_text()
    assert "Đường link lạ" in phone.locator(".answers").inner_text()  # the right answers, named
    assert phone.get_by_role("link", name="Review the lesson: Tin nhắn giả ngân hàng").is_visible()
    assert _no_horizontal_scroll(phone)
    _shot(phone, "feedback-wrong")

    phone.get_by_role("link", name="Next question").click()
    phone.wait_for_selector("text=Question 3/4")
    phone.get_by_label("False", exact=True).check()
    phone.get_by_role("button", name="Send my answer").click()
    _answer_screen_swapped(phone)
    phone.get_by_role("link", name="Next question").click()
    phone.wait_for_selector("text=Question 4/4")

    assert phone.locator(".message-card").is_visible()
    assert phone.locator(".message-label").text_content() == "Example message"  # not "Sample scam message"
    assert _no_horizontal_scroll(phone)
    phone.get_by_label("Đường link lạ").check()
    _shot(phone, "scenario")
    phone.get_by_role("button", name="Scam").click()
    _answer_screen_swapped(phone)
    assert "Warning signs you missed" in main.inner_text() and "Giục làm ngay" in main.inner_text()
    assert phone.evaluate("window.stillTheSamePage === true")

    phone.get_by_role("link", name="See the results").click()
    phone.wait_for_url("**/ket-qua/**")
    text = main.inner_text()
    assert "3/4" in text and "Passed" in text
    assert phone.get_by_role("link", name="See your certificate").is_visible()
    assert _no_horizontal_scroll(phone)
    _shot(phone, "results")
    assert refused == []
    phone.get_by_role("link", name="See your certificate").click()
    phone.wait_for_url("**/chung-nhan/**")
    assert "Phòng chống lừa đảo" in phone.locator("main").inner_text()

    learner = Learner.objects.get()
    attempt = QuizAttempt.objects.get(learner=learner)
    assert (attempt.correct_count, attempt.passed) == (3, True)
    assert QuizAnswer.objects.filter(attempt=attempt).count() == 4
    assert CourseCompletion.objects.get(learner=learner).village.name == "Thôn 3"


@pytest.mark.parametrize("phone", [False], indirect=True)
def test_a_villager_takes_the_quiz_without_javascript(live_server, phone, quiz, village):
    learner = learner_join(village=village, display_name="Bà Năm")
    phone.context.add_cookies(_cookies(live_server, learner))
    phone.goto(f"{live_server.url}{quiz.url}")
    phone.get_by_role("button", name="Start the quiz").click()

    for number, question in enumerate(quiz.question_list, start=1):
        phone.wait_for_url(f"**{quiz.url}lam/")
        assert f"Question {number}/4" in phone.locator(".quiz-progress").inner_text()
        if question.kind == "scam_or_safe":
            phone.get_by_label("Đường link lạ").check()
            phone.get_by_label("Giục làm ngay").check()
            phone.get_by_role("button", name="Scam").click()
        else:
            for option in question.options:
                if option.id in question.correct:
                    phone.locator("label.choice", has_text=option.text).click()
            phone.get_by_role("button", name="Send my answer").click()
        # The plain POST redirected to a feedback page of its own.
        phone.wait_for_url(f"**phan-hoi/{question.id}/")
        assert "Right!" in phone.locator("#feedback-title").inner_text()
        assert question.explanation in phone.locator("main").inner_text()
        assert _no_horizontal_scroll(phone)
        if number == 4:
            _shot(phone, "feedback-scenario-nojs")
        phone.get_by_role("link", name="See the results" if number == 4 else "Next question").click()

    phone.wait_for_url("**/ket-qua/**")
    assert "4/4" in phone.locator(".score").inner_text()
    assert phone.get_by_role("link", name="See your certificate").is_visible()
    attempt = QuizAttempt.objects.get(learner=learner)
    assert (attempt.correct_count, attempt.passed) == (4, True)
    assert QuizAnswer.objects.count() == 4


def test_the_question_screen_cold_from_nothing(browser, live_server, quiz, village):
    """The figure if nothing at all were cached (a phone that never joined cannot see a question)."""
    learner = learner_join(village=village, display_name="Ông Tư")
    attempt_start(learner=learner, quiz=quiz)
    context = browser.new_context(viewport=PHONE, service_workers="block")
    context.add_cookies(_cookies(live_server, learner))
    page = context.new_page()
    log = CachedAwareLog(page, cache=False)
    page.goto(f"{live_server.url}{quiz.url}lam/", wait_until="load")
    page.wait_for_load_state("networkidle")
    rows = [(entry["url"].replace(live_server.url, ""), entry["size"]) for entry in log.transferred()]
    context.close()
    total = sum(size for _, size in rows)
    print("\nquestion screen, cold:", total, "B:", rows)
    without_htmx = sum(size for url, size in rows if "htmx" not in url)
    assert without_htmx <= QUESTION_SCREEN_BUDGET

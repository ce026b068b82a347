"""The learner's certificate and its public check: owner only, QR of the check page, no personal data there."""

import json

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from learners.identity import remember_learner
from learners.services import learner_delete, learner_join, learner_update
from quizzes.models import CourseCompletion
from quizzes.selectors import initials
from quizzes.services import answer_record, attempt_start
from tests.e2e import conftest as e2e
from tests.quizzes.conftest import right_answers, sign_in

pytestmark = pytest.mark.django_db

# The phone-sized Chromium of the browser journeys (tests/e2e/conftest.py), for the two tests at the end.
browser, phone = e2e.browser, e2e.phone


def complete(quiz, learner) -> CourseCompletion:
    """The learner passes the course's only quiz, which completes the course."""
    attempt = attempt_start(learner=learner, quiz=quiz)
    right = right_answers(quiz)
    result = None
    for question in quiz.question_list:
        result = answer_record(
            learner=learner, attempt_id=attempt.public_id, question_id=question.id, **right[question.id]
        )
    assert result.completion is not None
    return result.completion


@pytest.fixture
def named_learner(village):
    return learner_join(village=village, display_name="Nguyễn Thị Năm", birth_year=1961)


@pytest.fixture
def completion(quiz, named_learner) -> CourseCompletion:
    return complete(quiz, named_learner)


def certificate_url(completion) -> str:
    return reverse("quizzes:certificate", args=[completion.certificate_code])


def verify_url(completion) -> str:
    return reverse("quizzes:verify", args=[completion.certificate_code])


def test_initials_are_the_first_letters_of_each_word_of_the_name():
    assert initials("Nguyễn Thị Năm") == "N.T.N."
    assert initials("  đỗ   văn  ba ") == "Đ.V.B."
    assert initials("") == ""


def test_the_learner_sees_their_certificate_with_name_course_date_village_and_a_qr_of_the_check_page(
    client, completion, named_learner
):
    sign_in(client, named_learner)
    response = client.get(certificate_url(completion))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nguyễn Thị Năm" in page
    assert "Phòng chống lừa đảo" in page
    assert "Thôn 3" in page and "Phường Phố Hiến" in page
    date = timezone.localtime(completion.completed_at)
    assert f"tháng {date.month} năm {date.year}" in page  # Vietnamese date format
    assert "<svg" in page and 'class="segno"' in page  # the QR code drawn inline, nothing fetched
    assert f"http://testserver{verify_url(completion)}" in page  # what the QR code holds, also as text
    assert "quizzes/certificate.css" in page and "quizzes/certificate.js" in page
    assert "<script>" not in page.split("</main>")[0]  # no inline script in the certificate itself
    assert "noindex" in response["X-Robots-Tag"]


def test_nobody_else_can_open_a_certificate_not_even_by_its_code(client, completion, village):
    assert client.get(certificate_url(completion)).status_code == 404  # no learner on this phone
    sign_in(client, learner_join(village=village, display_name="Người khác"))
    response = client.get(certificate_url(completion))
    assert response.status_code == 404
    assert "Nguyễn Thị Năm" not in response.content.decode()


def test_a_learner_without_a_name_gets_a_certificate_for_a_learner(client, quiz, village):
    nameless = learner_join(village=village)
    completion = complete(quiz, nameless)
    sign_in(client, nameless)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # assert on the English msgid
    page = client.get(certificate_url(completion)).content.decode()
    assert '<p class="certificate-name">Learner</p>' in page
    assert "Phòng chống lừa đảo" in page


def test_the_check_page_shows_initials_course_date_and_commune_and_nothing_else(client, completion):
    response = client.get(verify_url(completion))
    assert response.status_code == 200
    page = response.content.decode()
    assert "N.T.N." in page
    assert "Phòng chống lừa đảo" in page
    assert "Phường Phố Hiến" in page
    assert completion.certificate_code in page
    for personal in ["Nguyễn", "Năm", "Thôn 3", "1961", str(completion.learner.public_id)]:
        assert personal not in page, personal
    assert '<meta name="robots" content="noindex' in page
    assert "noindex" in response["X-Robots-Tag"]


def test_the_check_page_does_not_show_a_name_when_none_was_given(client, quiz, village):
    completion = complete(quiz, learner_join(village=village))
    page = client.get(verify_url(completion)).content.decode()
    assert "Phòng chống lừa đảo" in page
    assert "verify-initials" not in page


def test_an_unknown_code_gets_a_404_with_a_message_and_a_lower_case_code_still_matches(client, completion):
    response = client.get(reverse("quizzes:verify", args=["KHONGCOMA9"]))
    assert response.status_code == 404
    assert "KHONGCOMA9" in response.content.decode()
    assert "noindex" in response["X-Robots-Tag"]
    assert client.get(reverse("quizzes:verify", args=[completion.certificate_code.lower()])).status_code == 200


def test_after_the_learner_deletes_their_data_the_check_page_says_so_and_keeps_course_date_commune(
    client, completion, named_learner
):
    learner_delete(learner=named_learner)
    completion.refresh_from_db()
    assert completion.learner_id is None  # the completion row stays for the village's figures
    response = client.get(verify_url(completion))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Phòng chống lừa đảo" in page and "Phường Phố Hiến" in page
    assert "N.T.N." not in page and "verify-initials" not in page
    assert "holder-deleted" in page


def test_the_certificate_keeps_the_village_of_the_time_after_the_learner_moves(
    client, completion, named_learner, pho_hien
):
    learner_update(learner=named_learner, village=pho_hien.villages.get(name="Thôn 10"), display_name="Nguyễn Thị Năm")
    sign_in(client, named_learner)
    page = client.get(certificate_url(completion)).content.decode()
    assert "Thôn 3" in page and "Thôn 10" not in page


def test_my_data_lists_the_certificates_and_the_download_holds_the_completions(client, completion, named_learner):
    sign_in(client, named_learner)
    page = client.get(reverse("learners:my_data")).content.decode()
    assert certificate_url(completion) in page
    download = json.loads(client.get(reverse("learners:my_data_download")).content)
    [entry] = download["khoa_hoc_da_hoan_thanh"]
    assert entry["khoa_hoc"] == "Phòng chống lừa đảo"
    assert entry["ma_chung_nhan"] == completion.certificate_code
    assert entry["thon_to_dan_pho_luc_do"] == "Thôn 3"
    assert entry["hoan_thanh_luc"].endswith("+07:00")


# ─── On a phone, in Chromium (last in this module: the browser keeps an event loop open while it runs) ─────


def _phone_signed_in(page, live_server, learner) -> None:
    response = HttpResponse()
    remember_learner(response, learner)
    cookie = response.cookies[settings.LEARNER_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.LEARNER_COOKIE_NAME, "value": cookie, "url": live_server.url}])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_a_phone_the_certificate_prints_and_its_link_opens_the_check(live_server, phone, quiz, village):
    learner = learner_join(village=village, display_name="Nguyễn Thị Năm")
    completion = complete(quiz, learner)
    _phone_signed_in(phone, live_server, learner)
    phone.goto(f"{live_server.url}{certificate_url(completion)}")
    assert phone.locator(".certificate-name").inner_text() == "Nguyễn Thị Năm"
    assert phone.locator(".certificate-qr svg").is_visible()
    assert phone.locator("[data-print]").is_visible()  # shown by certificate.js
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.locator("a.certificate-url").click()  # what the QR code holds
    phone.wait_for_url(f"{live_server.url}{verify_url(completion)}")
    assert phone.locator(".verify-initials").inner_text() == "N.T.N."
    assert "Nguyễn" not in phone.content()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("phone", [False], indirect=True)
def test_without_javascript_there_is_no_dead_print_button(live_server, phone, quiz, village):
    learner = learner_join(village=village, display_name="Nguyễn Thị Năm")
    completion = complete(quiz, learner)
    _phone_signed_in(phone, live_server, learner)
    phone.goto(f"{live_server.url}{certificate_url(completion)}")
    assert phone.locator(".certificate-name").is_visible()
    assert not phone.locator("[data-print]").is_visible()
    assert phone.locator(".certificate-actions noscript + p, .certificate-actions p.help").first.is_visible()

"""Villagers type without accents: the lesson search must not care."""

import pytest
from wagtail.rich_text import RichText

from courses.models import LessonPage


@pytest.fixture
def vneid_lesson(course):
    lesson = LessonPage(
        title="Cài ứng dụng VNeID",
        slug="cai-vneid",
        summary="Tài khoản định danh điện tử mức 2.",
        body=[("paragraph", RichText("<p>Mở cửa hàng ứng dụng và tìm tên ứng dụng.</p>"))],
    )
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def titles(client, query: str) -> list[str]:
    response = client.get("/tim-kiem/", {"q": query})
    assert response.status_code == 200
    return [result.title for result in response.context["results"]]


@pytest.mark.parametrize("query", ["lua dao", "lừa đảo", "LỪA ĐẢO", "Lua Dao"])
def test_scam_lessons_are_found_with_or_without_accents(client, lessons, query):
    found = titles(client, query)
    assert "Nhận biết tin nhắn lừa đảo" in found
    assert "Chữ ký số là gì" not in found


@pytest.mark.parametrize("query", ["chu ky so", "chữ ký số"])
def test_digital_signature_is_found_without_accents(client, lessons, query):
    assert "Chữ ký số là gì" in titles(client, query)


@pytest.mark.parametrize("query", ["vneid", "VNeID"])
def test_vneid_is_found_whatever_the_case(client, vneid_lesson, query):
    assert titles(client, query) == ["Cài ứng dụng VNeID"]


def test_words_inside_the_lesson_body_are_found(client, lessons):
    assert "Khi bị lừa thì làm gì" in titles(client, "khoa tai khoan")


def test_a_draft_lesson_is_not_found(client, course):
    draft = LessonPage(title="Bài nháp về chữ ký số", slug="nhap", summary="Chưa xong.", body=[], live=False)
    course.add_child(instance=draft)
    assert "Bài nháp về chữ ký số" not in titles(client, "chu ky so")


def test_the_results_show_title_course_summary_and_link(client, lessons):
    page = client.get("/tim-kiem/", {"q": "chu ky so"}).content.decode()
    assert f'href="{lessons[1].url}"' in page
    assert "Phòng chống lừa đảo trực tuyến" in page  # the course
    assert "Chữ ký số giúp ký giấy tờ trên mạng." in page


def test_the_search_form_works_without_a_query(client, db):
    response = client.get("/tim-kiem/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()

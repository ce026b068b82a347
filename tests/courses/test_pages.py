"""Where each kind of page may go in the tree, and the pages around the lessons."""

import json

import pytest
from wagtail.models import Page

from courses.models import CourseIndexPage, CoursePage, HomePage, LessonPage
from quizzes.models import QuizPage


def allowed_children(model) -> set:
    return set(model.allowed_subpage_models())


def test_sections_go_under_the_home_page_courses_under_sections_lessons_under_courses():
    assert CourseIndexPage in allowed_children(HomePage)
    assert allowed_children(CourseIndexPage) == {CoursePage}
    assert allowed_children(CoursePage) == {LessonPage, QuizPage}
    # A lesson holds only its quiz; a quiz holds nothing.
    assert allowed_children(LessonPage) == {QuizPage}
    assert allowed_children(QuizPage) == set()
    assert set(QuizPage.allowed_parent_page_models()) == {CoursePage, LessonPage}


def test_a_lesson_cannot_be_put_anywhere_but_in_a_course():
    assert set(LessonPage.allowed_parent_page_models()) == {CoursePage}
    assert set(CoursePage.allowed_parent_page_models()) == {CourseIndexPage}
    assert LessonPage not in allowed_children(HomePage)
    assert LessonPage not in allowed_children(CourseIndexPage)


def test_a_trainer_can_create_courses_and_lessons_in_their_section(commune_trainer, section, course):
    assert section.permissions_for_user(commune_trainer).can_add_subpage()
    assert course.permissions_for_user(commune_trainer).can_add_subpage()
    assert not course.permissions_for_user(commune_trainer).can_publish()


def test_the_course_index_lists_its_courses_with_their_theme(client, course, section):
    html = client.get(section.url).content.decode()
    assert f'href="{course.url}"' in html
    assert course.get_theme_display() in html


def test_the_home_page_links_to_real_courses_once_there_are_some(client, course):
    html = client.get("/").content.decode()
    assert f'href="{course.url}"' in html


def test_the_course_page_shows_summary_minutes_audience_and_lessons(client, course, lessons):
    html = client.get(course.url).content.decode()
    assert course.summary in html
    assert "Người cao tuổi" in html
    assert html.index(lessons[0].title) < html.index(lessons[1].title) < html.index(lessons[2].title)
    assert ".format-webp" in html  # the cover


def test_the_service_worker_is_served_from_the_root_and_never_cached_stale(client, db):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert '"/ngoai-tuyen/"' in body
    assert "/admin/" in body  # never kept offline


def test_the_offline_page_explains_what_still_works(client, db):
    assert client.get("/ngoai-tuyen/").status_code == 200


def test_the_manifest_makes_the_site_installable(client, db):
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Bình dân học vụ số"
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_every_page_links_the_manifest_and_registers_the_worker_after_load(client, db):
    html = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    # site.js registers the worker named on its tag, after load (no inline script: the CSP forbids it)
    assert '<script src="/static/js/site.js" defer data-service-worker="/sw.js"></script>' in html


@pytest.mark.parametrize("model", [CourseIndexPage, CoursePage, LessonPage])
def test_page_types_are_in_the_wagtail_tree(model):
    assert issubclass(model, Page)

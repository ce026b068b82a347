"""What a villager sees on a lesson page, and the progress that follows them through a course."""

import json

import pytest
from django.http import HttpResponse

from courses.models import LessonVisit
from learners.identity import remember_learner
from learners.services import learner_join
from places.models import Village
from tests.courses.conftest import tr


@pytest.fixture
def learner_client(client, pho_hien):
    """A phone whose villager has joined from Thôn 3."""
    learner = learner_join(village=Village.objects.get(commune=pho_hien, name="Thôn 3"))
    response = HttpResponse()
    remember_learner(response, learner)
    client.cookies.update(response.cookies)
    client.learner = learner
    return client


def test_the_lesson_says_which_lesson_of_the_course_it_is(client, lessons):
    html = client.get(lessons[1].url).content.decode()
    assert tr("Lesson %(number)s / %(count)s", number=2, count=3) in html  # "Bài 2 / 3"
    assert tr("About %(minutes)s minutes", minutes=8) in html


def test_the_middle_lesson_links_to_the_previous_and_next_ones(client, lessons):
    html = client.get(lessons[1].url).content.decode()
    assert f'rel="prev" href="{lessons[0].url}"' in html
    assert f'rel="next" href="{lessons[2].url}"' in html


def test_the_first_lesson_has_no_previous_and_the_last_no_next(client, lessons):
    first = client.get(lessons[0].url).content.decode()
    last = client.get(lessons[2].url).content.decode()
    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="next"' not in last and 'rel="prev"' in last


def test_the_lesson_links_back_to_its_course_and_lists_its_sources(client, lessons, course):
    html = client.get(lessons[0].url).content.decode()
    assert f'href="{course.url}"' in html
    assert f'<h2 id="sources-title">{tr("Sources")}</h2>' in html  # "Nguồn"
    assert 'href="https://bocongan.gov.vn"' in html


def test_a_visitor_who_has_not_joined_is_invited_to_join_to_save_progress(client, lessons):
    html = client.get(lessons[0].url).content.decode()
    assert tr("Join to save your progress") in html
    assert f"/tham-gia/?next={lessons[0].url}" in html
    assert not LessonVisit.objects.exists()


def test_a_learner_sees_how_many_lessons_of_the_course_they_opened(learner_client, lessons):
    learner_client.get(lessons[0].url)
    learner_client.get(lessons[2].url)
    html = learner_client.get(lessons[2].url).content.decode()
    assert tr("You have opened %(opened)s/%(count)s lessons.", opened=2, count=3) in html  # "Bạn đã mở 2/3 bài."
    assert LessonVisit.objects.filter(learner=learner_client.learner).count() == 2


def test_opening_a_lesson_twice_keeps_the_first_time(learner_client, lessons):
    learner_client.get(lessons[0].url)
    first = LessonVisit.objects.get().first_opened_at
    learner_client.get(lessons[0].url)
    assert LessonVisit.objects.get().first_opened_at == first


def test_the_course_page_ticks_the_lessons_opened(learner_client, lessons, course):
    learner_client.get(lessons[1].url)
    html = learner_client.get(course.url).content.decode()
    assert tr("You have opened %(opened)s/%(count)s lessons.", opened=1, count=3) in html
    assert html.count(f"✓ {tr('opened')}") == 1
    for lesson in lessons:
        assert f'href="{lesson.url}"' in html


def test_the_lessons_opened_are_in_the_learners_data_download_and_go_with_deletion(learner_client, lessons):
    learner_client.get(lessons[0].url)
    data = json.loads(learner_client.get("/du-lieu-cua-toi/tai-ve/").content)
    assert [row["bai_hoc"] for row in data["bai_hoc_da_mo"]] == ["Nhận biết tin nhắn lừa đảo"]
    learner_client.post("/du-lieu-cua-toi/xoa/")
    assert not LessonVisit.objects.exists()


def test_a_shared_lesson_shows_its_title_summary_and_picture(client, lessons):
    html = client.get(lessons[0].url).content.decode()
    assert '<meta property="og:title" content="Nhận biết tin nhắn lừa đảo">' in html
    assert '<meta property="og:description" content="Những dấu hiệu của tin nhắn lừa đảo qua SMS và Zalo.">' in html
    assert f'<meta property="og:url" content="http://testserver{lessons[0].url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:locale" content="vi_VN">' in html
    # No picture of its own: the course cover, cropped to Facebook's shape, as a JPEG at an absolute address.
    assert '<meta property="og:image" content="http://testserver/media/images/' in html
    assert ".fill-1200x630.format-jpeg" in html


def test_the_share_links_work_without_javascript(client, lessons):
    html = client.get(lessons[0].url).content.decode()
    assert "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver%2F" in html
    assert f'readonly value="http://testserver{lessons[0].url}"' in html


def test_the_lesson_page_has_no_blocking_script_no_web_font_and_one_stylesheet(client, lessons):
    html = client.get(lessons[0].url).content.decode()
    head = html.split("</head>")[0]
    assert "<script" not in head
    assert html.count('rel="stylesheet"') == 1
    assert "fonts.googleapis" not in html and "@font-face" not in html
    for script in html.split("<script")[1:]:
        assert script.startswith(' type="module"') or " defer" in script.split(">")[0]


def test_a_draft_lesson_is_not_counted_in_the_course(client, lessons, course):
    lessons[2].unpublish()
    html = client.get(lessons[1].url).content.decode()
    assert tr("Lesson %(number)s / %(count)s", number=2, count=2) in html
    assert 'rel="next"' not in html

"""The sample lessons `manage.py demo_lessons` adds: complete, safe to run again, and no invented facts."""

import html
import io
import re

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from courses.models import CoursePage, LessonPage
from courses.seed import content, pictures
from tests.fact_sheet import assert_only_fact_sheet_facts, stream_strings


@pytest.fixture
def seeded(hung_yen):
    call_command("demo_lessons", stdout=io.StringIO())
    return hung_yen


def _counts() -> dict:
    return {
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "revisions": Revision.objects.count(),
    }


def _seeded_text() -> str:
    """Everything a villager can read that the seed wrote: pages, sources, pictures and the printable memo."""
    parts = []
    for page in CoursePage.objects.all():
        parts += [page.title, page.summary, page.audience]
    for page in LessonPage.objects.all():
        parts += [page.title, page.summary, *stream_strings(page.body.get_prep_value())]
    for title, elements in pictures.SCREENS.values():
        parts += [title, *stream_strings(elements)]
    parts += stream_strings(content.MEMO)
    return "\n".join(parts)


def test_running_the_seed_twice_adds_and_changes_nothing(seeded):
    before = _counts()
    call_command("demo_lessons", stdout=io.StringIO())
    assert _counts() == before
    for parent in Page.objects.filter(depth__gte=3):
        slugs = list(parent.get_children().values_list("slug", flat=True))
        assert len(slugs) == len(set(slugs)), f"duplicate pages under {parent.title}"


def test_seeded_courses_are_live_complete_sourced_and_illustrated(seeded):
    courses = CoursePage.objects.live().filter(theme__in=["dich-vu-cong", "an-ninh-mang", "lua-dao"])
    assert courses.count() == 3
    for course in courses:
        assert course.lessons().count() >= 4, course.title
        assert course.cover is not None
    assert not LessonPage.objects.filter(live=False).exists()

    for lesson in LessonPage.objects.all():
        assert len(lesson.sources) >= 1, lesson.title
        for source in lesson.sources:
            assert source.value["title"] and source.value["url"].startswith("http")
        assert 0 < len(lesson.summary) < 300
        assert lesson.social_image is not None
        assert 3 <= lesson.estimated_minutes <= 15

    kinds = {
        course.slug: {block.block_type for lesson in course.lessons().specific() for block in lesson.body}
        for course in CoursePage.objects.all()
    }
    for used in kinds.values():
        assert {"heading", "paragraph", "steps", "callout"} <= used
    assert "legal_excerpt" in kinds["luat-an-ninh-mang-du-lieu-ca-nhan"]
    assert "scam_example" in kinds["phong-chong-lua-dao-truc-tuyen"]
    scam_cards = sum(
        1 for lesson in LessonPage.objects.child_of(CoursePage.objects.get(slug="phong-chong-lua-dao-truc-tuyen"))
        for block in lesson.body if block.block_type == "scam_example"
    )  # fmt: skip
    assert scam_cards >= 6
    # No video: the fact sheet gives no official video address, and links are never invented.
    assert all("video" not in used and "audio" not in used for used in kinds.values())

    # Step pictures are schematics and say so.
    pictured = 0
    for lesson in LessonPage.objects.all():
        for block in lesson.body:
            if block.block_type == "steps":
                for step in block.value["steps"]:
                    if step["image"]:
                        pictured += 1
                        assert step["image_alt"].startswith("Hình minh hoạ"), step["text"]
                        assert step["image"].title.startswith("Hình minh hoạ")
                        assert step["image"].width <= 800
    assert pictured >= 20


def test_every_seeded_lesson_opens_with_its_message_cards_steps_and_memo(seeded, client):
    for lesson in LessonPage.objects.live():
        response = client.get(lesson.url)
        assert response.status_code == 200, lesson.title
        page = html.unescape(response.content.decode())
        for block in lesson.body:
            if block.block_type == "scam_example":
                assert block.value["message"] in page
                assert all(flag in page for flag in block.value["red_flags"])
            if block.block_type == "steps":
                assert block.value["title"] in page
                assert all(step["text"] in page for step in block.value["steps"])

    memo = get_document_model().objects.get(title=content.MEMO["title"])
    assert memo.file.read(5) == b"%PDF-"
    response = client.get(LessonPage.objects.get(slug="lo-bi-lua-lam-gi-bao-o-dau").url)
    assert memo.url in response.content.decode()


def test_seeded_text_has_no_phone_number_law_number_or_address_the_fact_sheet_lacks(seeded):
    # Links inside a lesson point to sources the lesson lists.
    for lesson in LessonPage.objects.all():
        listed = {source.value["url"] for source in lesson.sources}
        linked = set(re.findall(r"https?://[^\s\"'<>]+", " ".join(stream_strings(lesson.body.get_prep_value()))))
        assert linked <= listed, lesson.title

    assert_only_fact_sheet_facts(_seeded_text())

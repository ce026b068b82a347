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

# Numbers of three or more digits the fact sheet (/work/shared/content-facts.md) gives and the lessons use:
# years and dates, the hotlines 113, 156 and 5656, law numbers, amounts, vote counts, and the sheet's own
# example messages (185.000đ, 500.000đ). A phone number, hotline or figure outside this list was invented.
FACT_NUMBERS = {
    "100", "1945", "2005", "2015", "2018", "2019", "2022", "2023", "2024", "2025", "2026",
    "113", "156", "5656",
    "116", "130", "174", "290", "356", "434", "443",
    "185", "500", "000", "900",
}  # fmt: skip
# Law and decree numbers the fact sheet confirms. 26/2023/QH15 and 20/2023/QH15 are marked unverified there.
FACT_LAW_NUMBERS = {
    "24/2018/QH14",
    "116/2025/QH15",
    "91/2025/QH15",
    "69/2024/NĐ-CP",
    "23/2025/NĐ-CP",
    "13/2023/NĐ-CP",
    "356/2025/NĐ-CP",
}
FACT_DOCUMENTS = {"01-KH/BCĐTW"}
# Web addresses named in the fact sheet, plus the example scam domain of its quiz seed Q1.
FACT_DOMAINS = {
    "vneid.gov.vn",
    "dichvucong.gov.vn",
    "bocongan.gov.vn",
    "tinnhiemmang.vn",
    "binhdanhocvuso.gov.vn",
    "vcb-sinhtrachoc.top",
    "gov.vn",  # "trang thật có đuôi .gov.vn"
}
UNVERIFIED = ["26/2023/QH15", "20/2023/QH15", "canhbao.khonggianmang.gov.vn", "Điều 101"]


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


def _strings(value) -> list[str]:
    """The text in stream data, without Wagtail's block ids (whose digits are not facts)."""
    if isinstance(value, dict):
        return [text for key, item in value.items() if key != "id" for text in _strings(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _strings(item)]
    if isinstance(value, str) and not re.fullmatch(r"#[0-9a-fA-F]{6}", value):  # drawing colours are not text
        return [value]
    return []


def _seeded_text() -> str:
    """Everything a villager can read that the seed wrote: pages, sources, pictures and the printable memo."""
    parts = []
    for page in CoursePage.objects.all():
        parts += [page.title, page.summary, page.audience]
    for page in LessonPage.objects.all():
        parts += [page.title, page.summary, *_strings(page.body.get_prep_value())]
    for title, elements in pictures.SCREENS.values():
        parts += [title, *_strings(elements)]
    parts += _strings(content.MEMO)
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
        linked = set(re.findall(r"https?://[^\s\"'<>]+", " ".join(_strings(lesson.body.get_prep_value()))))
        assert linked <= listed, lesson.title

    # Source addresses are checked above; their digits are page ids, not facts.
    text = re.sub(r"https?://\S+", " ", _seeded_text())
    numbers = set(re.findall(r"\d{3,}", text))
    assert numbers <= FACT_NUMBERS, f"numbers not in the fact sheet: {numbers - FACT_NUMBERS}"
    law_numbers = set(re.findall(r"\d+/\d{4}/[A-ZĐ][\wĐ-]*", text))
    assert law_numbers <= FACT_LAW_NUMBERS, law_numbers - FACT_LAW_NUMBERS
    documents = set(re.findall(r"\d+-[A-Z]+/[A-ZĐ]+", text))
    assert documents <= FACT_DOCUMENTS, documents - FACT_DOCUMENTS
    domains = set(re.findall(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|top|vip|xyz|org|net)\b", text))
    assert domains <= FACT_DOMAINS, domains - FACT_DOMAINS
    for unverified in UNVERIFIED:
        assert unverified not in text
    # "Level 3" appears only to say it does not exist.
    for match in re.finditer(r"mức 3", text):
        window = text[max(0, match.start() - 120) : match.end() + 40]
        assert re.search(r"[Kk]hông có|lừa đảo|Zalo|\.apk", window), window

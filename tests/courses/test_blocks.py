"""Every lesson block renders, and whatever an editor types shows as text, never as markup."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from wagtail.images.models import Rendition

from courses.blocks import LessonStreamBlock
from tests.courses.conftest import make_document, tr


def lesson_html(client, lesson) -> str:
    response = client.get(lesson.url)
    assert response.status_code == 200
    return response.content.decode()


def test_every_block_kind_appears_on_the_lesson(client, lessons):
    html = lesson_html(client, lessons[0])
    assert "<h2>Bước 1: Cài ứng dụng VNeID</h2>" in html
    assert "<b>không phải đến trụ sở</b>" in html  # rich text keeps its bold
    assert 'alt="Màn hình đăng nhập VNeID"' in html
    assert '<ol class="steps">' in html
    assert tr("Sample scam message") in html  # "Tin nhắn lừa đảo mẫu"
    assert "24/2018/QH14, Điều 8" in html
    assert 'class="callout callout-warning"' in html
    assert 'href="https://www.youtube.com/watch?v=abc"' in html
    assert '<audio controls preload="none" src="/documents/' in html
    assert "(PDF, " in html


def test_every_block_has_a_template_a_description_and_an_icon():
    for name, block in LessonStreamBlock().child_blocks.items():
        assert block.meta.template == f"courses/blocks/{name}.html", name
        assert block.get_description(), name
        assert block.meta.icon, name


def test_a_script_typed_into_a_scam_message_shows_as_text(client, lessons):
    html = lesson_html(client, lessons[0])
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;<br>Bấm vào link" in html


def test_markup_typed_into_a_law_quote_shows_as_text(client, lessons):
    html = lesson_html(client, lessons[0])
    assert "Nghiêm cấm &lt;b&gt;lừa đảo&lt;/b&gt;" in html


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("heading", {"text": "<i>x</i>", "size": "h3"}),
        ("steps", {"title": "<i>x</i>", "steps": [{"text": "<i>x</i>", "image": None, "image_alt": ""}]}),
        (
            "scam_example",
            {
                "channel": "zalo",
                "sender": "<i>x</i>",
                "message": "<i>x</i>",
                "red_flags": ["<i>x</i>"],
                "what_to_do": "<i>x</i>",
            },
        ),
        (
            "legal_excerpt",
            {
                "law_name": "<i>x</i>",
                "law_number": "<i>x</i>",
                "article": "<i>x</i>",
                "quote": "<i>x</i>",
                "meaning": "<i>x</i>",
                "source_url": "",
            },
        ),
        ("video", {"url": "https://example.org/v", "title": "<i>x</i>", "duration_minutes": 3, "size_mb": 5}),
    ],
)
def test_plain_text_fields_of_every_block_are_escaped(db, name, value):
    block = LessonStreamBlock().child_blocks[name]
    html = block.render(value)
    assert "<i>x</i>" not in html
    assert "&lt;i&gt;x&lt;/i&gt;" in html


def test_audio_and_document_titles_are_escaped(db):
    recording = make_document("<i>x</i>", "x.mp3", b"ID3" + b"\0" * 100)
    for name, value in [
        ("audio", {"recording": recording, "title": "<i>x</i>", "duration_minutes": None}),
        ("document", {"document": recording, "title": "<i>x</i>", "description": "<i>x</i>"}),
    ]:
        html = LessonStreamBlock().child_blocks[name].render(value)
        assert "<i>x</i>" not in html
        assert "&lt;i&gt;x&lt;/i&gt;" in html


def test_the_message_card_is_labelled_as_a_sample_for_the_quizzes_too():
    html = render_to_string(
        "courses/includes/message_card.html",
        {"channel": "call", "sender": "Công an <b>giả</b>", "message": "Chuyển tiền"},
    )
    assert tr("Sample scam message") in html  # "Tin nhắn lừa đảo mẫu"
    assert "Công an &lt;b&gt;giả&lt;/b&gt;" in html


def test_the_video_loads_nothing_until_tapped(client, lessons):
    html = lesson_html(client, lessons[0])
    assert "<iframe" not in html
    assert "autoplay" not in html


def test_pictures_are_served_as_webp_renditions_that_exist(client, lessons, image):
    html = lesson_html(client, lessons[0])
    assert 'loading="lazy"' in html and 'decoding="async"' in html
    assert 'width="360"' in html and 'height="252"' in html
    webp = Rendition.objects.filter(image=image, file__endswith=".webp")
    assert {r.width for r in webp} >= {360, 720}
    for rendition in webp:
        assert f"{rendition.url} {rendition.width}w" in html
        assert Path(settings.MEDIA_ROOT, rendition.file.name).read_bytes()[8:12] == b"WEBP"

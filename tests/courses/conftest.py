"""A small hand-built lesson tree: Hưng Yên's section → one course → three lessons using every block."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.translation import gettext
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.rich_text import RichText

from courses.models import CoursePage, CourseTheme, LessonPage
from courses.services import course_section_for


def tr(msgid: str, **params) -> str:
    """The page's text in the site language ("Bài 2 / 3" once the catalogue has it), so tests read the same."""
    text = gettext(msgid)
    return text % params if params else text


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded pictures and their renditions go to a temporary folder, not the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # Wagtail caches renditions; a fresh cache per test, or a test would get the last one's (deleted) files.
    settings.CACHES = {
        **settings.CACHES,
        "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": str(tmp_path)},
    }


def make_image(title="Màn hình VNeID", size=(1000, 700), colour=(11, 61, 145)) -> Image:
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, colour).save(buffer, format="PNG")
    return Image.objects.create(title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name="man-hinh.png"))


def make_document(title: str, name: str, content: bytes) -> Document:
    return Document.objects.create(title=title, file=ContentFile(content, name=name))


def full_body(image, recording, leaflet) -> list:
    """One block of each kind, with text an editor might type carelessly."""
    return [
        ("heading", {"text": "Bước 1: Cài ứng dụng VNeID", "size": "h2"}),
        ("paragraph", RichText("<p>Dịch vụ công trực tuyến giúp bạn <b>không phải đến trụ sở</b>.</p>")),
        ("image", {"image": image, "alt": "Màn hình đăng nhập VNeID", "caption": "Màn hình đăng nhập"}),
        (
            "steps",
            {
                "title": "Đăng nhập VNeID",
                "steps": [
                    {"text": "Mở ứng dụng VNeID.", "image": image, "image_alt": "Biểu tượng VNeID"},
                    {"text": "Nhập số định danh cá nhân.", "image": None, "image_alt": ""},
                ],
            },
        ),
        (
            "scam_example",
            {
                "channel": "sms",
                "sender": "0912 345 678",
                "message": "Tài khoản bị khoá <script>alert('x')</script>\nBấm vào link để mở lại.",
                "red_flags": ["Đường link lạ", "Giục làm ngay"],
                "what_to_do": "Không bấm vào link.\nGọi tổng đài ngân hàng.",
            },
        ),
        (
            "legal_excerpt",
            {
                "law_name": "Luật An ninh mạng",
                "law_number": "24/2018/QH14",
                "article": "Điều 8",
                "quote": "Nghiêm cấm <b>lừa đảo</b> trên không gian mạng.",
                "meaning": "Không được dùng mạng để lừa người khác.",
                "source_url": "https://thuvienphapluat.vn/van-ban/Cong-nghe-thong-tin/Luat-an-ninh-mang-2018-351416.aspx",
            },
        ),
        ("callout", {"kind": "warning", "text": RichText("<p>Công an <b>không bao giờ</b> gọi bắt chuyển tiền.</p>")}),
        (
            "video",
            {
                "url": "https://www.youtube.com/watch?v=abc",
                "title": "Hướng dẫn chữ ký số",
                "duration_minutes": 12,
                "size_mb": 40,
            },
        ),
        ("audio", {"recording": recording, "title": "Nghe bài học", "duration_minutes": 5}),
        (
            "document",
            {"document": leaflet, "title": "Tờ rơi phòng chống lừa đảo", "description": "In ra dán ở nhà văn hoá"},
        ),
    ]


@pytest.fixture
def section(hung_yen):
    return course_section_for(province=hung_yen)


@pytest.fixture
def image(db):
    return make_image()


@pytest.fixture
def course(section, image):
    course = CoursePage(
        title="Phòng chống lừa đảo trực tuyến",
        slug="phong-chong-lua-dao",
        theme=CourseTheme.SCAMS,
        summary="Nhận biết lừa đảo qua tin nhắn, cuộc gọi và mạng xã hội.",
        cover=image,
        estimated_minutes=40,
        audience="Người cao tuổi",
    )
    section.add_child(instance=course)
    course.save_revision().publish()
    return course


@pytest.fixture
def lessons(course, image):
    recording = make_document("Bài nghe", "bai-nghe.mp3", b"ID3" + b"\0" * 2000)
    leaflet = make_document("Tờ rơi", "to-roi.pdf", b"%PDF-1.4\n" + b"0" * 3000)
    pages = []
    for number, (title, summary, body) in enumerate(
        [
            (
                "Nhận biết tin nhắn lừa đảo",
                "Những dấu hiệu của tin nhắn lừa đảo qua SMS và Zalo.",
                full_body(image, recording, leaflet),
            ),
            (
                "Chữ ký số là gì",
                "Chữ ký số giúp ký giấy tờ trên mạng.",
                [("paragraph", RichText("<p>Dùng chữ ký số để nộp hồ sơ trên VNeID và Cổng Dịch vụ công.</p>"))],
            ),
            (
                "Khi bị lừa thì làm gì",
                "Báo ngay cho ngân hàng và công an.",
                [("paragraph", RichText("<p>Gọi ngay cho ngân hàng để khoá tài khoản.</p>"))],
            ),
        ],
        start=1,
    ):
        lesson = LessonPage(
            title=title,
            slug=f"bai-{number}",
            summary=summary,
            body=body,
            estimated_minutes=8,
            sources=[
                (
                    "source",
                    {
                        "title": "Cảnh báo lừa đảo",
                        "publisher": "Bộ Công an",
                        "url": "https://bocongan.gov.vn",
                        "accessed": "20/11/2026",
                    },
                )
            ],
        )
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
        pages.append(lesson)
    return pages

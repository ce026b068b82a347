"""Seed lessons for the demo: content as data (content.py), drawings (pictures.py) and the writer below.

`lessons_seed(province=...)` is what `manage.py demo_lessons` runs; tests call it too. Minutes to study are
worked out from the text (`reading_minutes`). Idempotent: pages are matched by slug under their parent,
pictures and files by title in the "Bài học mẫu" collection, and a page gets a new published revision only
when its content differs from the data here.
"""

import math
import re
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from courses.models import CoursePage, LessonPage
from courses.seed import content, pictures
from courses.services import course_section_for

COLLECTION_NAME = "Bài học mẫu"


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    pictures_created: int = 0


def _collection(section) -> Collection:
    """The seed's collection, inside the province's own so its trainers and admins can choose the pictures."""
    province_collection = Collection.get_first_root_node().get_children().filter(name=section.province.name).first()
    parent = province_collection or Collection.get_first_root_node()
    existing = parent.get_children().filter(name=COLLECTION_NAME).first()
    return existing or parent.add_child(name=COLLECTION_NAME)


class _Pictures:
    """Finds a seed picture by title in the collection, drawing and saving it only the first time."""

    def __init__(self, collection, report: SeedReport):
        self.collection = collection
        self.report = report
        self.Image = get_image_model()

    def image(self, title: str, filename: str, draw):
        found = self.Image.objects.filter(collection=self.collection, title=title).first()
        if found:
            return found
        data = pictures.png_bytes(draw())
        image = self.Image(title=title, collection=self.collection)
        image.file = ImageFile(ContentFile(data), name=f"{filename}.png")
        image.save()
        self.report.pictures_created += 1
        return image

    def screen(self, key: str):
        if key in pictures.SCENES:
            return self.image(f"Hình minh hoạ: {pictures.SCENES[key]}", key, pictures.draw_village_class)
        title, elements = pictures.SCREENS[key]
        return self.image(f"Hình minh hoạ: {title}", key, lambda: pictures.draw_screen(elements))

    def document(self, memo: dict):
        Document = get_document_model()
        found = Document.objects.filter(collection=self.collection, title=memo["title"]).first()
        if found:
            return found
        data = pictures.pdf_bytes(pictures.draw_memo(memo["title"], memo["lines"], memo["numbers"]))
        document = Document(title=memo["title"], collection=self.collection)
        document.file.save(f"{memo['key']}.pdf", ContentFile(data), save=False)
        document.save()
        self.report.pictures_created += 1
        return document


def _without_ids(value):
    """Stream data minus the block ids Wagtail generates, so equal content compares equal."""
    if isinstance(value, dict):
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value


def _resolve_body(body: list[dict], pics: _Pictures) -> list[dict]:
    """Swap picture and file keys for the ids of the Wagtail images and documents."""
    resolved = []
    for block in body:
        value = block["value"]
        if block["type"] == "steps":
            value = {
                **value,
                "steps": [
                    {**step, "image": pics.screen(step["image"]).pk if step["image"] else None}
                    for step in value["steps"]
                ],
            }
        elif block["type"] == "image":
            value = {**value, "image": pics.screen(value["image"]).pk}
        elif block["type"] == "document":
            value = {**value, "document": pics.document(content.MEMO).pk}
        resolved.append({"type": block["type"], "value": value})
    return resolved


# A reader new to phones, reading Vietnamese slowly and trying each step guide on their own phone.
WORDS_PER_MINUTE = 80
MINUTES_PER_STEP_GUIDE = 1
NOT_TEXT = {"type", "image", "document", "channel", "size", "kind", "source_url"}


def _words(value) -> int:
    if isinstance(value, dict):
        return sum(_words(item) for key, item in value.items() if key not in NOT_TEXT)
    if isinstance(value, list):
        return sum(_words(item) for item in value)
    if isinstance(value, str):
        return len(re.sub(r"<[^>]+>", " ", value).split())
    return 0


def reading_minutes(body: list[dict]) -> int:
    """Minutes to study a lesson: its words at a slow reader's pace, plus a minute per step guide to try."""
    guides = sum(1 for block in body if block["type"] == "steps")
    return max(3, math.ceil(_words(body) / WORDS_PER_MINUTE + guides * MINUTES_PER_STEP_GUIDE))


def _sources(keys: list[str]) -> list[dict]:
    rows = []
    for key in keys:
        title, publisher, url = content.SOURCES[key]
        rows.append({"type": "source", "value": {"title": title, "publisher": publisher, "url": url, "accessed": ""}})
    return rows


def _stream(page, field_name: str, raw: list[dict]):
    stream_field = page._meta.get_field(field_name)
    return stream_field.to_python(raw)


def _differs(page, fields: dict, streams: dict) -> bool:
    for name, value in fields.items():
        if getattr(page, name) != value:
            return True
    for name, value in streams.items():
        block = page._meta.get_field(name).stream_block
        if _without_ids(block.get_prep_value(getattr(page, name))) != _without_ids(block.get_prep_value(value)):
            return True
    return False


def _upsert(parent, model, slug: str, fields: dict, streams: dict, report: SeedReport):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, live=False, **fields, **streams)
        parent.add_child(instance=page)
        page.save_revision().publish()
        report.created.append(page.title)
        return page
    if not page.live or _differs(page, fields, streams):
        for name, value in {**fields, **streams}.items():
            setattr(page, name, value)
        page.save_revision().publish()
        report.updated.append(page.title)
    else:
        report.unchanged.append(page.title)
    return page


@transaction.atomic
def lessons_seed(*, province) -> SeedReport:
    """Create or bring up to date the sample courses and lessons in `province`'s course section, all published."""
    report = SeedReport()
    section = course_section_for(province=province)
    pics = _Pictures(_collection(section), report)
    for course_data in content.COURSES:
        cover = pics.image(
            f"Ảnh bìa: {course_data['title']}",
            course_data["cover"],
            lambda data=course_data: pictures.draw_banner(data["theme"], data["title"], "Khoá học"),
        )
        course = _upsert(
            section,
            CoursePage,
            course_data["slug"],
            {
                "title": course_data["title"],
                "theme": course_data["theme"],
                "summary": course_data["summary"],
                "cover": cover,
                "estimated_minutes": sum(reading_minutes(lesson["body"]) for lesson in course_data["lessons"]),
                "audience": course_data["audience"],
            },
            {},
            report,
        )
        for lesson_data in course_data["lessons"]:
            social = pics.image(
                f"Ảnh chia sẻ: {lesson_data['title']}",
                f"chia-se-{lesson_data['slug']}",
                lambda data=lesson_data, theme=course_data["theme"]: pictures.draw_banner(
                    theme, data["title"], "Bài học"
                ),
            )
            _upsert(
                course,
                LessonPage,
                lesson_data["slug"],
                {
                    "title": lesson_data["title"],
                    "summary": lesson_data["summary"],
                    "estimated_minutes": reading_minutes(lesson_data["body"]),
                    "social_image": social,
                },
                {
                    "body": _stream(LessonPage, "body", _resolve_body(lesson_data["body"], pics)),
                    "sources": _stream(LessonPage, "sources", _sources(lesson_data["sources"])),
                },
                report,
            )
    return report

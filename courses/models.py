from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import LessonStreamBlock, SourceBlock
from places.text import fold_diacritics


class HomePage(Page):
    """The site root: what the movement is, the live classes coming up, and the themes to learn."""

    intro = models.TextField(_("introduction"), blank=True)
    movement = RichTextField(_("about the movement"), blank=True, features=["bold", "italic", "link", "ul"])
    motto = models.CharField(_("motto"), max_length=200, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("motto"), FieldPanel("movement")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses_by_theme"] = self.courses_by_theme()
        return context

    def courses_by_theme(self) -> list[tuple[str, str, list["CoursePage"]]]:
        """Live courses anywhere under the home page, grouped by theme in the themes' order."""
        courses = CoursePage.objects.live().public().descendant_of(self).order_by("path")
        groups = []
        for value, label in CourseTheme.choices:
            in_theme = [c for c in courses if c.theme == value]
            if in_theme:
                groups.append((value, label, in_theme))
        return groups


class CourseTheme(models.TextChoices):
    E_SERVICES = "dich-vu-cong", _("Online public services")
    CYBERSECURITY = "an-ninh-mang", _("Cybersecurity and personal data")
    SCAMS = "lua-dao", _("Avoiding online scams")
    DIGITAL_SKILLS = "ky-nang-so", _("Basic digital skills")


class CourseIndexPage(Page):
    """A section of courses: one per province (its trainers write there, its admins approve), or national."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    # One section per province; its groups, collection and workflow are made by courses.services.
    province = models.OneToOneField(
        "places.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="course_section",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("course section")

    def courses(self):
        """The live courses of this section, in the editors' order."""
        return CoursePage.objects.child_of(self).live().public().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = self.courses()
        return context


class CoursePage(Page):
    """A course (module) on one theme: a short series of lessons."""

    theme = models.CharField(_("theme"), max_length=30, choices=CourseTheme.choices)
    summary = models.TextField(_("summary"))
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("minutes to study"), default=30)
    audience = models.CharField(_("who it is for"), max_length=200, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("theme"),
        FieldPanel("summary"),
        FieldPanel("cover"),
        FieldPanel("estimated_minutes"),
        FieldPanel("audience"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("search_text"),
        index.FilterField("theme"),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "quizzes.QuizPage"]

    class Meta:
        verbose_name = _("course")

    def lessons(self):
        """The live lessons of the course, in the editors' order."""
        return LessonPage.objects.child_of(self).live().public().order_by("path")

    @property
    def search_text(self) -> str:
        """Title and summary without diacritics, so "lua dao" finds "lừa đảo" (the query is folded too)."""
        return fold_diacritics(f"{self.title} {self.summary} {self.audience}")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        lessons = list(self.lessons())
        opened = set()
        learner = getattr(request, "learner", None)
        if learner is not None:
            opened = set(
                LessonVisit.objects.filter(learner=learner, lesson__in=lessons).values_list("lesson_id", flat=True)
            )
        context["lessons"] = [(lesson, lesson.pk in opened) for lesson in lessons]
        context["opened_count"] = len(opened)
        return context


class LessonPage(Page):
    """One lesson: readable on a 360-px phone by an elderly reader, in about ten minutes."""

    summary = models.TextField(
        _("summary"), help_text=_("One or two sentences; shown in lists, search results and when shared.")
    )
    body = StreamField(LessonStreamBlock(), verbose_name=_("lesson"))
    estimated_minutes = models.PositiveSmallIntegerField(_("minutes to read"), default=10)
    sources = StreamField([("source", SourceBlock())], verbose_name=_("sources"), blank=True)
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("picture when shared"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on Facebook and Zalo when the lesson is shared; the course cover if empty."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
        FieldPanel("sources"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("search_text"),
    ]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["quizzes.QuizPage"]

    class Meta:
        verbose_name = _("lesson")

    @property
    def search_text(self) -> str:
        """Title, summary and the body's text without diacritics, so "chu ky so" finds "chữ ký số"."""
        body_text = " ".join(str(part) for part in self.body.stream_block.get_searchable_content(self.body))
        return fold_diacritics(f"{self.title} {self.summary} {body_text}")

    @property
    def course(self):
        return self.get_parent().specific

    @property
    def share_image(self):
        return self.social_image or getattr(self.course, "cover", None)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        course = self.course
        lessons = list(course.lessons()) if isinstance(course, CoursePage) else [self]
        ids = [lesson.pk for lesson in lessons]
        position = ids.index(self.pk) if self.pk in ids else None
        context["course"] = course
        context["lesson_count"] = len(lessons)
        context["lesson_number"] = position + 1 if position is not None else None
        context["previous_lesson"] = lessons[position - 1] if position else None
        context["next_lesson"] = lessons[position + 1] if position is not None and position + 1 < len(lessons) else None
        learner = getattr(request, "learner", None)
        if learner is not None:
            context["opened_count"] = LessonVisit.objects.filter(learner=learner, lesson_id__in=ids).count()
        context["absolute_url"] = request.build_absolute_uri(self.get_url(request))
        image = self.share_image
        if image is not None:
            # Facebook and Zalo want a 1200×630 JPEG at an absolute address.
            rendition = image.get_rendition("fill-1200x630|format-jpeg|jpegquality-75")
            context["og_image"] = {
                "url": request.build_absolute_uri(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
            }
        return context

    def serve(self, request, *args, **kwargs):
        learner = getattr(request, "learner", None)
        if learner is not None and not getattr(request, "is_preview", False):
            from courses.services import lesson_visit_record  # services import this module

            lesson_visit_record(learner=learner, lesson=self)
        return super().serve(request, *args, **kwargs)


class LessonVisit(models.Model):
    """A learner opened a lesson (first time only): the learner's progress through a course."""

    wagtail_reference_index_ignore = True  # facts about people are not content

    learner = models.ForeignKey(
        "learners.Learner", on_delete=models.CASCADE, related_name="lesson_visits", verbose_name=_("learner")
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="visits", verbose_name=_("lesson"))
    first_opened_at = models.DateTimeField(_("first opened at"), default=timezone.now)

    class Meta:
        verbose_name = _("lesson opened")
        verbose_name_plural = _("lessons opened")
        constraints = [models.UniqueConstraint(fields=["learner", "lesson"], name="lesson_visit_once_per_learner")]

    def __str__(self):
        return f"{self.learner} — {self.lesson}"

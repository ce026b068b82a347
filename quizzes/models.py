"""Quizzes: the quiz page, and the facts of taking it — attempts, answers, course completions, group runs.

The facts are append-only (Kolibri's habit): an attempt once finished is never changed, a retake is a new
attempt, and every figure (pass rate, completion per village) is derived from these rows. Each fact keeps
the village at the time, so a learner moving village later, or deleting their data (which empties
`learner`), never rewrites who was reached.
"""

import hashlib
import json
import secrets
import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page

from courses.models import CoursePage
from quizzes.blocks import QuizQuestionsBlock
from quizzes.questions import Question, questions_from_stream

# Parsed questions per (quiz, content digest); a province has a few dozen quizzes, so a small bound will do.
_PARSED_QUESTIONS: dict[tuple, list[Question]] = {}
_PARSED_QUESTIONS_MAX = 512


class QuizPage(RoutablePageMixin, Page):
    """A short quiz under a course or a lesson; passing every quiz of a course completes the course.

    Taking it happens on the page's own sub-URLs (bat-dau/, lam/, phan-hoi/…, ket-qua/…): the route
    methods below hand over to quizzes/views.py, which calls quizzes/services.py.
    """

    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences before starting."))
    pass_percent = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The share of right answers needed to pass."),
    )
    questions = StreamField(QuizQuestionsBlock(), verbose_name=_("questions"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("pass_percent"), FieldPanel("questions")]

    parent_page_types = ["courses.CoursePage", "courses.LessonPage"]
    subpage_types = []

    # The editor previews the intro as a villager sees it, or every question with its answers marked.
    preview_modes = [("", _("Quiz introduction")), ("questions", _("All questions with their answers"))]

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    # Routes: thin, the views module holds the bodies (imported late: it imports this module).
    @path("", name="intro")
    def index_route(self, request, *args, **kwargs):
        from quizzes import views

        return views.intro(request, self)

    @path("bat-dau/", name="start")
    def start_route(self, request):
        from quizzes import views

        return views.start(request, self)

    @path("lam/", name="question")
    def question_route(self, request):
        from quizzes import views

        return views.question(request, self)

    @path("phan-hoi/<str:question_id>/", name="feedback")
    def feedback_route(self, request, question_id):
        from quizzes import views

        return views.feedback(request, self, question_id)

    @path("ket-qua/<uuid:attempt_id>/", name="results")
    def results_route(self, request, attempt_id):
        from quizzes import views

        return views.results(request, self, attempt_id)

    def serve_preview(self, request, mode_name):
        from quizzes import views

        return views.preview(request, self, mode_name)

    def route_url(self, request, name: str, *args) -> str:
        """The address of one of the quiz's routes, e.g. `route_url(request, "feedback", question_id)`."""
        return (self.get_url(request) or "") + self.reverse_subpage(name, args=args)

    @cached_property
    def question_list(self) -> list[Question]:
        """The questions as plain values, parsed once per process for each version of the quiz.

        Parsing the StreamField and looking up each question's lesson costs several queries; every answer a
        learner sends needs the questions, so they are kept keyed by the quiz and its raw content (a preview
        or a newly published version has other content, hence another key).
        """
        raw = json.dumps(list(self.questions.raw_data), sort_keys=True, default=str)
        key = (self.pk, hashlib.sha256(raw.encode()).hexdigest())
        questions = _PARSED_QUESTIONS.get(key)
        if questions is None:
            questions = questions_from_stream(self.questions)
            if len(_PARSED_QUESTIONS) >= _PARSED_QUESTIONS_MAX:
                _PARSED_QUESTIONS.clear()
            _PARSED_QUESTIONS[key] = questions
        return questions

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.question_list if q.id == question_id), None)

    @property
    def course(self) -> CoursePage | None:
        """The course this quiz counts towards (its nearest course ancestor)."""
        return CoursePage.objects.ancestor_of(self).order_by("-depth").first()

    def passes(self, *, correct: int, total: int) -> bool:
        return total > 0 and correct * 100 >= self.pass_percent * total


class QuizAttempt(models.Model):
    """One learner taking one quiz once. Retakes are new attempts; every attempt is kept.

    `question_ids` freezes the questions and their order when the attempt starts, so an editor changing the
    quiz meanwhile cannot change what this learner is asked or how they are scored.
    """

    wagtail_reference_index_ignore = True  # facts about people are not content
    scope_commune_path = "village__commune"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    quiz = models.ForeignKey(QuizPage, on_delete=models.PROTECT, related_name="attempts", verbose_name=_("quiz"))
    learner = models.ForeignKey(
        "learners.Learner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quiz_attempts",
        verbose_name=_("learner"),
    )
    village = models.ForeignKey(
        "places.Village", on_delete=models.PROTECT, related_name="quiz_attempts", verbose_name=_("village")
    )
    question_ids = models.JSONField(default=list)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    correct_count = models.PositiveSmallIntegerField(_("right answers"), default=0)
    question_count = models.PositiveSmallIntegerField(_("questions"))
    passed = models.BooleanField(_("passed"), null=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "quiz"],
                condition=Q(finished_at__isnull=True),
                name="one_unfinished_attempt_per_learner_and_quiz",
            )
        ]
        indexes = [models.Index(fields=["quiz", "finished_at"], name="quiz_attempt_quiz_finished")]

    def __str__(self):
        return f"{self.quiz} — {self.started_at:%d/%m/%Y %H:%M}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    @property
    def score_percent(self) -> int:
        return round(100 * self.correct_count / self.question_count) if self.question_count else 0


class QuizAnswer(models.Model):
    """A learner's answer to one question of an attempt: recorded once, however often it is sent."""

    wagtail_reference_index_ignore = True

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="answers")
    question_id = models.CharField(max_length=64)
    position = models.PositiveSmallIntegerField()
    choice_ids = models.JSONField(default=list)
    sign_ids = models.JSONField(default=list)  # "scam or safe?": the warning signs the learner tapped
    correct = models.BooleanField()
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("quiz answer")
        verbose_name_plural = _("quiz answers")
        constraints = [models.UniqueConstraint(fields=["attempt", "question_id"], name="one_answer_per_question")]

    def __str__(self):
        return f"{self.attempt} — {self.position + 1}"


def _certificate_code() -> str:
    # 10 characters from an alphabet without look-alikes (0/O, 1/I/L): read aloud or typed from paper.
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class CourseCompletion(models.Model):
    """A learner passed every quiz of a course: the certificate, and reach's completion per village."""

    wagtail_reference_index_ignore = True
    scope_commune_path = "village__commune"

    course = models.ForeignKey(
        CoursePage, on_delete=models.PROTECT, related_name="completions", verbose_name=_("course")
    )
    learner = models.ForeignKey(
        "learners.Learner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="course_completions",
        verbose_name=_("learner"),
    )
    village = models.ForeignKey(
        "places.Village", on_delete=models.PROTECT, related_name="course_completions", verbose_name=_("village")
    )
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)
    certificate_code = models.CharField(_("certificate code"), max_length=12, unique=True, default=_certificate_code)

    class Meta:
        verbose_name = _("course completion")
        verbose_name_plural = _("course completions")
        constraints = [models.UniqueConstraint(fields=["course", "learner"], name="one_completion_per_learner")]

    def __str__(self):
        return f"{self.course} — {self.completed_at:%d/%m/%Y}"


class GroupQuizRun(models.Model):
    """A quiz answered by a whole hall at a connection point during a live class, by show of hands.

    Counted for the point's village with the hall's head count, and kept apart from individual attempts in
    every figure: a hall is not a learner.
    """

    wagtail_reference_index_ignore = True
    scope_commune_path = "village__commune"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    quiz = models.ForeignKey(QuizPage, on_delete=models.PROTECT, related_name="group_runs", verbose_name=_("quiz"))
    session = models.ForeignKey(
        "livesessions.LiveSession",
        on_delete=models.PROTECT,
        related_name="group_quiz_runs",
        verbose_name=_("live class"),
    )
    point = models.ForeignKey(
        "livesessions.ConnectionPoint",
        on_delete=models.PROTECT,
        related_name="group_quiz_runs",
        verbose_name=_("connection point"),
    )
    village = models.ForeignKey(
        "places.Village", on_delete=models.PROTECT, related_name="group_quiz_runs", verbose_name=_("village")
    )
    headcount = models.PositiveIntegerField(_("people in the hall"))
    question_ids = models.JSONField(default=list)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    correct_hands = models.PositiveIntegerField(_("hands for the right answers"), default=0)
    total_hands = models.PositiveIntegerField(_("hands raised"), default=0)
    passed = models.BooleanField(_("passed"), null=True)

    class Meta:
        verbose_name = _("group quiz at a connection point")
        verbose_name_plural = _("group quizzes at connection points")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "point", "quiz"],
                condition=Q(finished_at__isnull=True),
                name="one_unfinished_group_run_per_point_and_quiz",
            )
        ]

    def __str__(self):
        return f"{self.quiz} — {self.point}"


class GroupQuizAnswer(models.Model):
    """How many hands the hall raised for each option of one question: `counts` maps option id → hands."""

    wagtail_reference_index_ignore = True

    run = models.ForeignKey(GroupQuizRun, on_delete=models.CASCADE, related_name="answers")
    question_id = models.CharField(max_length=64)
    position = models.PositiveSmallIntegerField()
    counts = models.JSONField(default=dict)
    correct_hands = models.PositiveIntegerField(default=0)
    total_hands = models.PositiveIntegerField(default=0)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("group answer")
        verbose_name_plural = _("group answers")
        constraints = [models.UniqueConstraint(fields=["run", "question_id"], name="one_group_answer_per_question")]

    def __str__(self):
        return f"{self.run} — {self.position + 1}"

"""Reads about learners."""

import calendar
from datetime import datetime
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet

from courses.selectors import lessons_opened
from learners.models import Learner
from quizzes.selectors import learner_completions_export


def learner_data_export(learner: Learner) -> dict[str, Any]:
    """Everything we hold about this learner, as they can download it from "Dữ liệu của tôi"."""
    village = learner.village
    return {
        "ma_hoc_vien": str(learner.public_id),
        "ten_hien_thi": learner.display_name,
        "nam_sinh": learner.birth_year,
        "thon_to_dan_pho": village.name,
        "xa_phuong": village.commune.name,
        "tinh_thanh_pho": village.commune.province.name,
        "ngay_tham_gia": learner.created_at.isoformat(),
        "dong_y_luc": learner.consent_at.isoformat(),
        "phien_ban_thong_bao_quyen_rieng_tu": learner.consent_version,
        "bai_hoc_da_mo": lessons_opened(learner),
        "khoa_hoc_da_hoan_thanh": learner_completions_export(learner),
    }


# The facts that show a learner is still using the site: (model, its time field). Looked up by name, since the
# apps recording them build on learners, not the other way round.
ACTIVITY_FACTS = [
    ("courses.LessonVisit", "first_opened_at"),
    ("livesessions.CheckIn", "created_at"),
    ("quizzes.QuizAttempt", "started_at"),
]


def retention_cutoff(*, now: datetime, months: int | None = None) -> datetime:
    """The moment `months` calendar months before `now` (the last day of a shorter month when needed)."""
    months = settings.LEARNER_RETENTION_MONTHS if months is None else months
    index = now.year * 12 + (now.month - 1) - months
    year, month = divmod(index, 12)
    day = min(now.day, calendar.monthrange(year, month + 1)[1])
    return now.replace(year=year, month=month + 1, day=day)


def learners_inactive(*, now: datetime) -> QuerySet[Learner]:
    """Learners not yet anonymised whose last activity — joining, opening a lesson, checking in to a class or
    starting a quiz — is older than the retention period."""
    cutoff = retention_cutoff(now=now)
    inactive = Learner.objects.filter(anonymised_at__isnull=True, created_at__lt=cutoff)
    for model_label, field in ACTIVITY_FACTS:
        try:
            model = apps.get_model(model_label)
        except LookupError:
            continue  # an app that records no facts yet (quizzes while it is being built)
        # NOT EXISTS per kind of fact: an index lookup each, never a join that multiplies a learner's rows.
        inactive = inactive.exclude(Exists(model.objects.filter(learner=OuterRef("pk"), **{f"{field}__gte": cutoff})))
    return inactive

"""Writes about learners."""

from django.db import transaction
from django.utils import timezone

from learners.models import Learner
from learners.privacy import PRIVACY_NOTICE_VERSION
from places.models import Village


@transaction.atomic
def learner_join(*, village: Village, display_name: str = "", birth_year: int | None = None) -> Learner:
    """Record a villager who has read the privacy notice and agreed to it."""
    return Learner.objects.create(
        village=village,
        display_name=display_name.strip(),
        birth_year=birth_year,
        consent_at=timezone.now(),
        consent_version=PRIVACY_NOTICE_VERSION,
    )


@transaction.atomic
def learner_update(
    *, learner: Learner, village: Village, display_name: str = "", birth_year: int | None = None
) -> Learner:
    """Correct what the learner told us. Facts recorded earlier keep the village they were recorded with."""
    learner.village = village
    learner.display_name = display_name.strip()
    learner.birth_year = birth_year
    learner.save(update_fields=["village", "display_name", "birth_year"])
    return learner


@transaction.atomic
def learner_delete(*, learner: Learner) -> None:
    """Erase the learner and everything recorded about them as a person."""
    learner.delete()

"""Writes about learners."""

import uuid
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from learners.models import Learner
from learners.privacy import PRIVACY_NOTICE_VERSION
from learners.selectors import learners_inactive
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


@transaction.atomic
def learners_anonymise_inactive(*, now: datetime) -> int:
    """Anonymise learners inactive for longer than LEARNER_RETENTION_MONTHS; return how many.

    Erases the name and year of birth and gives the row a new public id, so the old cookie on the phone no
    longer finds it. The row, its village and every fact (lessons opened, check-ins, quiz attempts) stay, so
    every count per village stays the same.
    """
    pks = list(learners_inactive(now=now).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), 2000):
        Learner.objects.bulk_update(
            [
                Learner(pk=pk, display_name="", birth_year=None, public_id=uuid.uuid4(), anonymised_at=now)
                for pk in pks[start : start + 2000]
            ],
            ["display_name", "birth_year", "public_id", "anonymised_at"],
        )
    return len(pks)

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from places.models import Village


class Learner(models.Model):
    """A villager, anonymous by default: a village, and whatever else they chose to tell us.

    Identified on their phone by a signed long-lived cookie holding `public_id`; there is no password.
    After LEARNER_RETENTION_MONTHS without activity the row is anonymised, not deleted: the village and every
    recorded fact stay, so the figures do not change.
    """

    scope_commune_path = "village__commune"
    wagtail_reference_index_ignore = True  # see places.models.Village

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="learners", verbose_name=_("village"))
    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    consent_at = models.DateTimeField(_("consent given at"))
    consent_version = models.CharField(_("privacy notice version"), max_length=20)
    created_at = models.DateTimeField(_("joined at"), auto_now_add=True)
    # Set when a long-inactive learner's name and year of birth were erased (learners_anonymise_inactive).
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("learner")
        verbose_name_plural = _("learners")

    def __str__(self):
        return self.display_name or _("Learner %(short_id)s") % {"short_id": str(self.public_id)[:8]}

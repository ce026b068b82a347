from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def retention_months() -> int:
    """The retention period the notice promises, from the setting `learners_anonymise_inactive` applies."""
    return settings.LEARNER_RETENTION_MONTHS

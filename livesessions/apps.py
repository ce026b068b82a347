from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LivesessionsConfig(AppConfig):
    name = "livesessions"
    verbose_name = _("Live classes")

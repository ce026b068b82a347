from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


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

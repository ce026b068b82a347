"""Staff forms for live classes and connection points, limited to the staff member's province or commune."""

import re

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Page

from livesessions.models import ConnectionPoint, LiveSession
from livesessions.scheduling import MAX_HEADCOUNT
from places.models import Commune, Province, StaffRole, Village
from places.selectors import in_scope, staff_scope_of

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,19}$")


class ConnectionPointForm(WagtailAdminModelForm):
    """A connection point in a commune (and optionally a village) the staff member is responsible for."""

    class Meta:
        model = ConnectionPoint
        fields = ["code", "name", "commune", "village", "operator_name", "operator_phone", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        communes = in_scope(Commune.objects.all(), self.for_user)
        self.fields["commune"].queryset = communes
        self.fields["village"].queryset = in_scope(Village.objects.select_related("commune"), self.for_user)
        self.fields["village"].label_from_instance = lambda village: f"{village.name} — {village.commune.name}"
        self.fields["code"].help_text = _("Short and printed on the cards, e.g. PH-01. Letters, digits and dashes.")
        first_two = list(communes[:2])
        if len(first_two) == 1 and not self.instance.pk:  # a commune trainer: their one commune, chosen already
            self.fields["commune"].initial = first_two[0]

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if not CODE_PATTERN.match(code):
            raise forms.ValidationError(_("Use 2 to 20 letters (without accents), digits or dashes, e.g. PH-01."))
        taken = ConnectionPoint.objects.filter(code=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("The code %(code)s is already used by another connection point. Please choose another.")
                % {"code": code}
            )
        return code

    def clean(self):
        cleaned = super().clean()
        commune, village = cleaned.get("commune"), cleaned.get("village")
        if commune and village and village.commune_id != commune.pk:
            self.add_error("village", _("This village is not in the chosen commune."))
        return cleaned

    def validate_unique(self):
        pass  # clean_code says it in plain words; the database constraint still holds


def organiser_choices(user) -> list[tuple[str, str]]:
    """ "p<id>" for a province-wide class (provincial admins), "c<id>" for a commune in the user's scope."""
    choices = []
    scope = staff_scope_of(user)
    if getattr(user, "is_superuser", False) or (scope and scope.role == StaffRole.PROVINCIAL_ADMIN):
        for province in in_scope(Province.objects.all(), user):
            choices.append((f"p{province.pk}", _("Whole province: %(name)s") % {"name": province.name}))
    for commune in in_scope(Commune.objects.select_related("province"), user):
        choices.append((f"c{commune.pk}", f"{commune.name} ({commune.province.name})"))
    return choices


class LiveSessionForm(WagtailAdminModelForm):
    """Schedule or correct a class; who organises it is chosen once, when it is scheduled."""

    organiser = forms.ChoiceField(
        label=_("Organised by"),
        help_text=_("Every active connection point of the organiser's area is invited; you can change that after."),
        error_messages={"invalid_choice": _("You can only organise a class for the area you are responsible for.")},
    )

    stream_url = forms.URLField(
        label=capfirst(_("stream link")),
        required=False,
        assume_scheme="https",
        help_text=_("Where the video is: YouTube, Zoom, Google Meet…"),
    )

    class Meta:
        model = LiveSession
        fields = ["title", "lesson", "stream_url", "scheduled_start", "scheduled_end"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lesson = self.fields["lesson"]
        # Courses (depth 4) and their lessons (depth 5) under a course section: Root → Home → section → …
        lesson.widget = forms.Select()
        lesson.queryset = Page.objects.live().filter(depth__gte=4).order_by("path")  # also sets the choices
        lesson.label_from_instance = lambda page: ("— " * (page.depth - 4)) + page.title
        if self.instance.pk:
            del self.fields["organiser"]
        else:
            choices = organiser_choices(self.for_user)
            self.fields["organiser"].choices = choices
            if len(choices) == 1:
                self.fields["organiser"].initial = choices[0][0]
            self.order_fields(["title", "organiser", "lesson", "stream_url", "scheduled_start", "scheduled_end"])

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("scheduled_start"), cleaned.get("scheduled_end")
        if start and end and end <= start:
            self.add_error("scheduled_end", _("The class must end after it starts."))
        return cleaned

    def organiser_place(self) -> tuple[Province, Commune | None]:
        value = self.cleaned_data["organiser"]
        if value.startswith("p"):
            return Province.objects.get(pk=int(value[1:])), None
        commune = Commune.objects.select_related("province").get(pk=int(value[1:]))
        return commune.province, commune


class InvitePointsForm(forms.Form):
    """Tick the points invited to a class; only those the staff member may invite are offered."""

    def __init__(self, *args, points, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["points"] = forms.ModelMultipleChoiceField(
            queryset=points, required=False, widget=forms.CheckboxSelectMultiple
        )


class LateHeadcountForm(forms.Form):
    headcount = forms.IntegerField(
        label=_("Head count from the hall's paper sheet"),
        min_value=0,
        max_value=MAX_HEADCOUNT,
        error_messages={
            "min_value": _("The head count must be between 0 and 5000."),
            "max_value": _("The head count must be between 0 and 5000."),
            "required": _("Please enter the head count."),
            "invalid": _("Please enter a whole number."),
        },
    )


class PrintPointsForm(forms.Form):
    """Which points to print for; operator cards need the confirmation that old cards stop working."""

    sheet = forms.ChoiceField(choices=[("posters", "posters"), ("cards", "cards")])
    confirm_new_tokens = forms.BooleanField(required=False)

    def __init__(self, *args, points, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["points"] = forms.ModelMultipleChoiceField(
            queryset=points,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": _("Please tick at least one connection point.")},
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sheet") == "cards" and not cleaned.get("confirm_new_tokens"):
            self.add_error(
                "confirm_new_tokens",
                _("Tick the box to confirm: new cards are issued and the old cards stop working."),
            )
        return cleaned

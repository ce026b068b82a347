"""The reach dashboard's filter: a date range (local days in Asia/Ho_Chi_Minh) and a theme, read from GET."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CourseTheme
from reach.models import NO_THEME
from reach.selectors import ReachFilter

# Long enough for any report a province asks for; short enough that a typo (year 0001) cannot cost a
# day-by-day walk over two thousand years.
MAX_DAYS = 3660
DATE_INPUT = {"type": "date"}


def default_filter(today: date | None = None) -> ReachFilter:
    """From 1 January of this year to today, every theme."""
    today = today or timezone.localdate()
    return ReachFilter(start=today.replace(month=1, day=1), end=today, theme=NO_THEME)


class ReachFilterForm(forms.Form):
    """`tu` (from), `den` (to), `chu_de` (theme) — short Vietnamese names, as they show in shared links."""

    tu = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(DATE_INPUT))
    den = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(DATE_INPUT))
    chu_de = forms.ChoiceField(
        label=_("Theme"), required=False, choices=[(NO_THEME, _("All themes")), *CourseTheme.choices]
    )

    def __init__(self, data=None, **kwargs):
        self.defaults = default_filter()
        # Only the filter's own keys: an export switch or a table name beside them is not the filter.
        data = {key: data[key] for key in ("tu", "den", "chu_de") if data and key in data} if data else None
        initial = {"tu": self.defaults.start, "den": self.defaults.end, "chu_de": NO_THEME}
        super().__init__(data or None, initial=initial, **kwargs)
        for name in ("tu", "den"):
            self.fields[name].widget.format = "%Y-%m-%d"  # what <input type="date"> reads, in any language

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("tu") or self.defaults.start
        end = cleaned.get("den") or self.defaults.end
        if start > end:
            raise forms.ValidationError(_("The start date must be on or before the end date."), code="order")
        if (end - start).days >= MAX_DAYS:
            raise forms.ValidationError(_("Choose a range of at most ten years."), code="too_long")
        return cleaned

    @property
    def refused(self) -> bool:
        """Whether a filter was sent and is wrong (an unsent filter is the default one, not an error)."""
        return self.is_bound and not self.is_valid()

    def reach_filter(self) -> ReachFilter:
        """The filter in force: the form's when it is valid (blanks take the defaults), else the defaults."""
        if not self.is_bound or self.refused:
            return self.defaults
        data = self.cleaned_data
        return ReachFilter(
            start=data.get("tu") or self.defaults.start,
            end=data.get("den") or self.defaults.end,
            theme=data.get("chu_de") or NO_THEME,
        )

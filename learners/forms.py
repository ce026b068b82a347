from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from places.models import Commune, Province, Village
from places.selectors import communes_of, villages_of


class LearnerDetailsForm(forms.Form):
    """Province → commune → village, then the optional details: what a learner tells us and may correct.

    The choices of each level depend on the level above, so the same form serves the plain-POST page
    (one step per submit) and the htmx page (the place fields re-rendered on each change).
    """

    province = forms.ModelChoiceField(
        queryset=Province.objects.order_by("search_name"),
        label=_("Province or city"),
        empty_label=_("— Choose your province —"),
        error_messages={
            "required": _("Please choose your province."),
            "invalid_choice": _("Please choose your province."),
        },
    )
    commune = forms.ModelChoiceField(
        queryset=Commune.objects.none(),
        label=_("Commune or ward"),
        empty_label=_("— Choose your commune or ward —"),
        error_messages={
            "required": _("Please choose your commune or ward."),
            "invalid_choice": _("Please choose your commune or ward."),
        },
    )
    village_search = forms.CharField(
        required=False,
        max_length=60,
        label=_("Find your village"),
        help_text=_("You can type without accents, e.g. “thon 3”."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    village = forms.ModelChoiceField(
        queryset=Village.objects.none(),
        label=_("Village or residential group"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose your village or residential group."),
            "invalid_choice": _("Please choose your village or residential group."),
        },
    )
    display_name = forms.CharField(
        required=False,
        max_length=60,
        label=_("What should we call you? (optional)"),
        help_text=_("Shown on your certificate. You can leave it empty."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    birth_year = forms.IntegerField(
        required=False,
        label=_("Year of birth (optional)"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Please write the year with four digits, e.g. 1960.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        province_id = self._chosen("province")
        commune_id = self._chosen("commune")
        if province_id:
            self.fields["commune"].queryset = communes_of(province_id)
        self.commune_is_chosen = bool(commune_id and self.fields["commune"].queryset.filter(pk=commune_id).exists())
        self.village_choices = []
        if self.commune_is_chosen:
            self.fields["village"].queryset = Village.objects.filter(commune_id=commune_id)
            self.village_choices = villages_of(commune_id, search=self.data.get("village_search", ""))

    @classmethod
    def data_of(cls, learner) -> dict:
        """The learner's current answers, as the form posts them."""
        village = learner.village
        return {
            "province": village.commune.province_id,
            "commune": village.commune_id,
            "village": village.pk,
            "display_name": learner.display_name,
            "birth_year": learner.birth_year or "",
        }

    def _chosen(self, name):
        value = self.data.get(name, "")
        return int(value) if str(value).isdigit() else None

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        this_year = timezone.localdate().year
        if year is not None and not 1900 <= year <= this_year - 5:
            raise forms.ValidationError(_("Please write a year between 1900 and %(last)s.") % {"last": this_year - 5})
        return year

    def clean(self):
        cleaned = super().clean()
        commune, village = cleaned.get("commune"), cleaned.get("village")
        province = cleaned.get("province")
        if commune and province and commune.province_id != province.pk:
            self.add_error("commune", _("Please choose your commune or ward."))
        if village and commune and village.commune_id != commune.pk:
            self.add_error("village", _("Please choose your village or residential group."))
        return cleaned


class JoinForm(LearnerDetailsForm):
    consent = forms.BooleanField(
        label=_("I have read the notice above and agree."),
        error_messages={"required": _("Please tick the box to agree before joining.")},
    )

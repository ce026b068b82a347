from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from places.models import Commune, Village
from places.selectors import in_scope

MAX_CSV_BYTES = 2 * 1024 * 1024


class VillageForm(WagtailAdminModelForm):
    """A village, in a commune the staff member is responsible for."""

    class Meta:
        model = Village
        fields = ["commune", "name", "kind", "households", "population"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        communes = in_scope(Commune.objects.select_related("province"), self.for_user)
        self.fields["commune"].queryset = communes
        first_two = list(communes[:2])
        if len(first_two) == 1:  # a commune trainer: their one commune, chosen already
            self.fields["commune"].initial = first_two[0]


class VillageCsvForm(forms.Form):
    csv_file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8 (in Excel: “CSV UTF-8”), columns ma_tinh, ma_xa, ten, loai, so_ho; at most 2 MB. "
            "If any row is wrong, nothing is imported."
        ),
    )

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("Please choose a .csv file."))
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(_("The file is not UTF-8: in Excel, save it as “CSV UTF-8”.")) from exc


class TotpCodeForm(forms.Form):
    """The 6 digits a code app (Google Authenticator, Microsoft Authenticator…) shows now."""

    code = forms.CharField(
        label=_("6-digit code"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*", "autofocus": ""}
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit():
            raise forms.ValidationError(_("The code is made of digits only."))
        return code

import json

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from places.text import fold_diacritics


class Province(models.Model):
    """One of the 34 provinces and centrally-run cities (since 1 July 2025)."""

    wagtail_reference_index_ignore = True  # places are not content; see Village

    # Codes come from the vietnam-provinces package; they have changed between releases, so they are an
    # external reference, never the primary key.
    code = models.CharField(_("province code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=100)
    division_type = models.CharField(_("type"), max_length=40)
    search_name = models.CharField(max_length=100, editable=False)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["search_name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = fold_diacritics(self.name)
        super().save(*args, **kwargs)


class Commune(models.Model):
    """A commune, ward or special zone (xã, phường, đặc khu): 3,321 in all."""

    wagtail_reference_index_ignore = True  # places are not content; see Village

    scope_commune_path = ""

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="communes", verbose_name=_("province")
    )
    code = models.CharField(_("commune code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=100)
    division_type = models.CharField(_("type"), max_length=40)
    search_name = models.CharField(max_length=100, editable=False)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["search_name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = fold_diacritics(self.name)
        super().save(*args, **kwargs)


class VillageKind(models.TextChoices):
    THON = "thon", _("Village (thôn)")
    TO_DAN_PHO = "to_dan_pho", _("Residential group (tổ dân phố)")
    AP = "ap", _("Hamlet (ấp)")
    BAN = "ban", _("Hamlet (bản)")
    KHU_PHO = "khu_pho", _("Quarter (khu phố)")


class Village(models.Model):
    """A village or residential group (thôn, tổ dân phố, ấp, bản, khu phố) inside a commune.

    The movement's target is that every one of them is reached; households and population, when the
    province provides them, are the coverage denominators.
    """

    scope_commune_path = "commune"
    # Wagtail records every saved model with a foreign key in its reference index (for "usage" screens);
    # facts about places and people are not content, and indexing them is wasted work on every write.
    wagtail_reference_index_ignore = True

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="villages", verbose_name=_("commune"))
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("type"), max_length=12, choices=VillageKind.choices, default=VillageKind.THON)
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    search_name = models.CharField(max_length=120, editable=False, db_index=True)

    class Meta:
        verbose_name = _("village")
        verbose_name_plural = _("villages")
        ordering = ["commune__name", "name"]
        constraints = [models.UniqueConstraint(fields=["commune", "name"], name="village_unique_name_in_commune")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = fold_diacritics(self.name)
        super().save(*args, **kwargs)


class StaffRole(models.TextChoices):
    PROVINCIAL_ADMIN = "provincial_admin", _("Provincial admin")
    COMMUNE_TRAINER = "commune_trainer", _("Commune trainer")


class StaffScope(models.Model):
    """What a staff user is responsible for: a whole province, or one commune.

    Every list, dashboard and export filters by it through `places.selectors.in_scope`.
    """

    wagtail_reference_index_ignore = True  # see Village

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_scope")
    role = models.CharField(_("role"), max_length=20, choices=StaffRole.choices)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("commune")
    )

    class Meta:
        verbose_name = _("staff scope")
        verbose_name_plural = _("staff scopes")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role=StaffRole.PROVINCIAL_ADMIN, province__isnull=False, commune__isnull=True)
                    | Q(role=StaffRole.COMMUNE_TRAINER, commune__isnull=False, province__isnull=True)
                ),
                name="staff_scope_role_matches_place",
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} {self.place}"

    @property
    def place(self):
        return self.province if self.role == StaffRole.PROVINCIAL_ADMIN else self.commune

    @property
    def province_id_in_scope(self):
        return self.province_id if self.role == StaffRole.PROVINCIAL_ADMIN else self.commune.province_id


class TwoFactorPolicy(models.Model):
    """Whether every staff member of a province must sign in with a second factor (a TOTP code).

    Edited by the province's own admin (superusers for any province); a province without a row does not
    require it.
    """

    wagtail_reference_index_ignore = True  # see Village

    province = models.OneToOneField(
        Province, on_delete=models.CASCADE, related_name="two_factor_policy", verbose_name=_("province")
    )
    required = models.BooleanField(
        _("require two-factor sign-in"),
        default=False,
        help_text=_(
            "Every staff member of the province must set up a code app before they can use the admin. "
            "Those who have not yet done it can only reach the set-up page."
        ),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("two-factor policy")
        verbose_name_plural = _("two-factor policies")
        ordering = ["province__search_name"]

    def __str__(self):
        return str(self.province)


class AuditAction(models.TextChoices):
    EXPORT = "export", _("Export")
    SCOPE_CREATED = "scope_created", _("Staff scope given")
    SCOPE_CHANGED = "scope_changed", _("Staff scope changed")
    SCOPE_DELETED = "scope_deleted", _("Staff scope removed")
    USER_GROUPS_CHANGED = "user_groups_changed", _("User's groups changed")
    USER_PERMISSIONS_CHANGED = "user_permissions_changed", _("User's permissions changed")
    GROUP_PERMISSIONS_CHANGED = "group_permissions_changed", _("Group's permissions changed")
    USER_FLAGS_CHANGED = "user_flags_changed", _("Staff, superuser or active flag changed")
    TWO_FACTOR_POLICY_CHANGED = "two_factor_policy_changed", _("Two-factor policy changed")
    TWO_FACTOR_DEVICE_ADDED = "two_factor_device_added", _("Two-factor device added")
    TWO_FACTOR_DEVICE_REMOVED = "two_factor_device_removed", _("Two-factor device removed")


class StaffAuditEntry(models.Model):
    """One staff action worth answering for later: an export, or a change to who may do what.

    Append-only. It names staff (user id and username at the time, so renaming or deleting the account
    does not rewrite history) and never a villager's personal data. `province` and `commune` are the area
    the action concerned, so a provincial admin sees their own province's entries.
    """

    wagtail_reference_index_ignore = True  # see Village

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("username"), max_length=150)
    action = models.CharField(_("action"), max_length=40, choices=AuditAction.choices)
    province = models.ForeignKey(
        Province, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("province")
    )
    commune = models.ForeignKey(
        Commune, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("commune")
    )
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["province", "-at"], name="audit_province_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_action_display()}"

    def detail_text(self) -> str:
        """The detail as readable JSON (Vietnamese letters kept), for the admin list and the exports."""
        return json.dumps(self.detail, ensure_ascii=False, sort_keys=True)

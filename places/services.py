"""Writes about places: the geography import, the village CSV import, demo villages and staff scopes."""

import csv
import io
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from vietnam_provinces import Province as SourceProvince
from vietnam_provinces import Ward as SourceWard

from places.models import Commune, Province, StaffRole, StaffScope, TwoFactorPolicy, Village, VillageKind
from places.text import fold_diacritics

# The Wagtail groups created by places/migrations/0002; a scope puts its user in the matching one.
GROUP_NAMES = {
    StaffRole.PROVINCIAL_ADMIN: "Quản trị tỉnh",
    StaffRole.COMMUNE_TRAINER: "Giảng viên xã",
}


@dataclass
class UpsertCounts:
    total: int = 0
    created: int = 0
    updated: int = 0


@transaction.atomic
def geography_import() -> tuple[UpsertCounts, UpsertCounts]:
    """Load the 34 provinces and 3,321 communes from vietnam-provinces; running it again changes nothing.

    Rows are matched on the package's code. Communes missing from a newer release are left in place:
    villages and history may hang on them.
    """
    provinces = UpsertCounts()
    existing = {p.code: p for p in Province.objects.all()}
    for source in SourceProvince.iter_all():
        code = str(int(source.code))
        name = " ".join(source.name.split())
        values = {
            "name": name,
            "division_type": source.division_type.value,
            "search_name": fold_diacritics(name),
        }
        provinces.total += 1
        row = existing.get(code)
        if row is None:
            existing[code] = Province.objects.create(code=code, **values)
            provinces.created += 1
        elif any(getattr(row, k) != v for k, v in values.items()):
            Province.objects.filter(pk=row.pk).update(**values)  # update() skips save(): search_name set above
            provinces.updated += 1

    communes = UpsertCounts()
    current = {c.code: c for c in Commune.objects.all()}
    to_create, to_update = [], []
    for source in SourceWard.iter_all():
        code = str(int(source.code))
        name = " ".join(source.name.split())  # the source has stray double spaces ("Xã  Bắc Đông Quan")
        values = {
            "province_id": existing[str(int(source.province_code))].pk,
            "name": name,
            "division_type": source.division_type.value,
            "search_name": fold_diacritics(name),
        }
        communes.total += 1
        row = current.get(code)
        if row is None:
            to_create.append(Commune(code=code, **values))
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            to_update.append(row)
    # bulk_* skip save(), so search_name is set above.
    Commune.objects.bulk_create(to_create, batch_size=500)
    Commune.objects.bulk_update(to_update, ["province_id", "name", "division_type", "search_name"], batch_size=500)
    communes.created, communes.updated = len(to_create), len(to_update)
    return provinces, communes


# --- Village CSV -------------------------------------------------------------------------------------------

VILLAGE_CSV_COLUMNS = ["ma_tinh", "ma_xa", "ten", "loai", "so_ho"]
# "tổ dân phố", "To dan pho" and "to_dan_pho" all fold to the same key.
_KIND_BY_FOLDED_NAME = {value.replace("_", " "): value for value in VillageKind.values}


@dataclass
class CsvRowError:
    line: int
    reason: str

    def __str__(self):
        return _("Line %(line)s: %(reason)s") % {"line": self.line, "reason": self.reason}


@dataclass
class VillageImportResult:
    created: int = 0
    updated: int = 0
    errors: list[CsvRowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def villages_import_csv(*, text: str, communes: QuerySet[Commune] | None = None) -> VillageImportResult:
    """Import villages from the province's CSV, all or nothing.

    Columns: ma_tinh, ma_xa, ten, loai (thôn, tổ dân phố, ấp, bản, khu phố), so_ho (optional). Every row is
    checked first; if any is bad nothing is written and each bad row comes back with its line number and
    the reason in Vietnamese. A village already in its commune is updated, so importing twice is harmless.
    `communes` limits the rows to the importing staff member's scope (the command line has no limit).
    """
    result = VillageImportResult()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in VILLAGE_CSV_COLUMNS if c != "so_ho" and c not in header]
    if missing:
        result.errors.append(
            CsvRowError(
                1,
                _("missing column %(missing)s (needed: %(needed)s).")
                % {"missing": ", ".join(missing), "needed": ", ".join(VILLAGE_CSV_COLUMNS)},
            )
        )
        return result
    reader.fieldnames = header

    allowed = None if communes is None else set(communes.values_list("pk", flat=True))
    communes_by_code = {c.code: c for c in Commune.objects.select_related("province")}
    seen: dict[tuple[int, str], int] = {}
    rows: list[tuple[Commune, str, str, int | None]] = []
    for line, raw in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in raw.items() if k}
        if not any(row.values()):
            continue  # blank lines in spreadsheets are not mistakes
        reasons = []
        commune = communes_by_code.get(row.get("ma_xa", "").lstrip("0") or "-")
        if commune is None:
            reasons.append(_("commune code “%(code)s” is not in the list of communes") % {"code": row.get("ma_xa", "")})
        elif row.get("ma_tinh", "").lstrip("0") != commune.province.code:
            reasons.append(
                _("“%(commune)s” is in %(province)s (code %(code)s), not in province “%(given)s”")
                % {
                    "commune": commune.name,
                    "province": commune.province.name,
                    "code": commune.province.code,
                    "given": row.get("ma_tinh", ""),
                }
            )
        elif allowed is not None and commune.pk not in allowed:
            reasons.append(_("“%(commune)s” is outside the area you are responsible for") % {"commune": commune.name})
        name = " ".join(row.get("ten", "").split())
        if not name:
            reasons.append(_("the village name is missing"))
        elif len(name) > 120:
            reasons.append(_("the name is longer than 120 characters"))
        kind = _KIND_BY_FOLDED_NAME.get(fold_diacritics(row.get("loai", "")).replace("_", " "))
        if kind is None:
            reasons.append(
                _("type “%(kind)s” is not one of: thôn, tổ dân phố, ấp, bản, khu phố") % {"kind": row.get("loai", "")}
            )
        households = None
        if row.get("so_ho"):
            if row["so_ho"].isdigit():
                households = int(row["so_ho"])
            else:
                reasons.append(_("households “%(value)s” must be a whole number") % {"value": row["so_ho"]})
        if commune and name:
            key = (commune.pk, fold_diacritics(name))
            if key in seen:
                reasons.append(_("same commune and name as line %(line)s") % {"line": seen[key]})
            else:
                seen[key] = line
        if reasons:
            result.errors.append(CsvRowError(line, "; ".join(str(r) for r in reasons) + "."))
        else:
            rows.append((commune, name, kind, households))

    if result.errors:
        return result
    if not rows:
        result.errors.append(CsvRowError(2, _("the file has no data rows.")))
        return result

    with transaction.atomic():
        for commune, name, kind, households in rows:
            _village, created = Village.objects.update_or_create(
                commune=commune, name=name, defaults={"kind": kind, "households": households}
            )
            if created:
                result.created += 1
            else:
                result.updated += 1
    return result


# --- Demo data -------------------------------------------------------------------------------------------

DEMO_SUFFIX = "(mẫu)"


@transaction.atomic
def demo_villages_create(*, province: Province, per_commune: int = 6) -> int:
    """Add clearly labelled demo villages — "Thôn 3 (mẫu)" — to every commune of one province.

    Wards get residential groups (tổ dân phố), other communes get thôn. Returns how many were new.
    """
    created = 0
    for commune in province.communes.all():
        ward = commune.division_type == "phường"
        kind = VillageKind.TO_DAN_PHO if ward else VillageKind.THON
        label = "Tổ dân phố" if ward else "Thôn"
        for number in range(1, per_commune + 1):
            _village, is_new = Village.objects.get_or_create(
                commune=commune,
                name=f"{label} {number} {DEMO_SUFFIX}",
                defaults={"kind": kind, "is_demo": True, "households": 120 + 15 * number},
            )
            created += is_new
    return created


# --- Staff scope -----------------------------------------------------------------------------------------


@transaction.atomic
def staff_scope_assign(*, user, role: str, province: Province | None = None, commune: Commune | None = None):
    """Make `user` a provincial admin of `province` or a commune trainer of `commune`.

    The user becomes staff, joins the role's Wagtail group and leaves the other role's group.
    """
    if role == StaffRole.PROVINCIAL_ADMIN:
        if province is None or commune is not None:
            raise ValueError(_("A provincial admin is responsible for exactly one province."))
    elif role == StaffRole.COMMUNE_TRAINER:
        if commune is None or province is not None:
            raise ValueError(_("A commune trainer is responsible for exactly one commune."))
    else:
        raise ValueError(_("Unknown role: %(role)s") % {"role": role})
    scope, _created = StaffScope.objects.update_or_create(
        user=user, defaults={"role": role, "province": province, "commune": commune}
    )
    user.staff_scope = scope  # the user object may have cached the old scope
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    for other_role, name in GROUP_NAMES.items():
        group = Group.objects.get(name=name)
        if other_role == role:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    return scope


# --- Two-factor sign-in ------------------------------------------------------------------------------------

TOTP_DEVICE_NAME = "Ứng dụng xác thực"


@transaction.atomic
def totp_device_start(*, user):
    """The unconfirmed code-app device the user is setting up (made on first call, the same one after).

    It does nothing until confirmed with a first code (`totp_device_confirm`).
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, device, token: str) -> bool:
    """Confirm a new device with the first code the app shows; False (and nothing confirmed) if it is wrong.

    A confirmed device replaces any earlier one the user had.
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not device.verify_token(token):
        return False
    for old in TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk):
        old.delete()  # one by one, so the audit log sees each removal
    device.confirmed = True
    device.save()
    return True


@transaction.atomic
def totp_device_remove(*, user) -> int:
    """Remove every code-app device of the user (they sign in with the password alone again). Returns how many."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    devices = list(TOTPDevice.objects.filter(user=user))
    for device in devices:
        device.delete()
    return len(devices)


@transaction.atomic
def two_factor_policy_set(*, province: Province, required: bool) -> TwoFactorPolicy:
    """Require (or stop requiring) a code app for every staff member of `province`."""
    policy, _created = TwoFactorPolicy.objects.update_or_create(province=province, defaults={"required": required})
    return policy

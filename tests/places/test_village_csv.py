import pytest
from django.core.management import CommandError, call_command

from places.models import Village, VillageKind

HEADER = "ma_tinh,ma_xa,ten,loai,so_ho\n"


def _write(tmp_path, body: str):
    path = tmp_path / "thon.csv"
    path.write_text(HEADER + body, encoding="utf-8-sig")  # Excel's "CSV UTF-8" adds a BOM
    return path


def test_a_good_file_imports_every_village(tmp_path, pho_hien, capsys):
    code = pho_hien.code
    path = _write(
        tmp_path,
        f"33,{code},Thôn Nhân Dục,thôn,210\n33,{code},Tổ dân phố 7,To dan pho,\n33,{code},Khu phố Bắc,khu phố,95\n",
    )
    call_command("import_villages", str(path))
    assert "thêm mới 3" in capsys.readouterr().out
    nhan_duc = Village.objects.get(commune=pho_hien, name="Thôn Nhân Dục")
    assert (nhan_duc.kind, nhan_duc.households) == (VillageKind.THON, 210)
    assert Village.objects.get(commune=pho_hien, name="Tổ dân phố 7").kind == VillageKind.TO_DAN_PHO
    assert Village.objects.get(commune=pho_hien, name="Khu phố Bắc").kind == VillageKind.KHU_PHO


def test_importing_the_same_file_twice_adds_nothing_the_second_time(tmp_path, pho_hien, capsys):
    path = _write(tmp_path, f"33,{pho_hien.code},Thôn Nhân Dục,thôn,210\n")
    call_command("import_villages", str(path))
    before = Village.objects.count()
    call_command("import_villages", str(path))
    assert Village.objects.count() == before
    assert "thêm mới 0, cập nhật 1" in capsys.readouterr().out


def test_a_file_with_one_bad_row_imports_nothing_and_names_that_row(tmp_path, pho_hien, capsys):
    before = Village.objects.count()
    path = _write(
        tmp_path,
        f"33,{pho_hien.code},Thôn Nhân Dục,thôn,210\n"
        f"33,{pho_hien.code},Thôn Hoà Bình,làng,80\n"  # line 3: "làng" is not a kind
        f"33,{pho_hien.code},Thôn Tân Mỹ,thôn,120\n",
    )
    with pytest.raises(CommandError, match="chưa nhập dòng nào"):
        call_command("import_villages", str(path))
    errors = capsys.readouterr().err
    assert "Dòng 3:" in errors
    assert "loại “làng” không hợp lệ" in errors
    assert "Dòng 2" not in errors and "Dòng 4" not in errors
    assert Village.objects.count() == before


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("33,999999,Thôn A,thôn,1", "mã xã “999999” không có trong danh mục"),
        ("01,{code},Thôn A,thôn,1", "thuộc Hưng Yên (mã 33), không thuộc mã tỉnh “01”"),
        ("33,{code},,thôn,1", "thiếu tên thôn/tổ dân phố"),
        ("33,{code},Thôn A,thôn,nhiều", "số hộ “nhiều” phải là số nguyên không âm"),
    ],
)
def test_each_kind_of_bad_row_is_explained_in_vietnamese(tmp_path, pho_hien, capsys, row, reason):
    path = _write(tmp_path, row.format(code=pho_hien.code) + "\n")
    with pytest.raises(CommandError):
        call_command("import_villages", str(path))
    err = capsys.readouterr().err
    assert "Dòng 2:" in err and reason in err


def test_the_same_village_twice_in_one_file_is_refused(tmp_path, pho_hien, capsys):
    path = _write(tmp_path, f"33,{pho_hien.code},Thôn Mới,thôn,\n33,{pho_hien.code},thon moi,thôn,\n")
    with pytest.raises(CommandError):
        call_command("import_villages", str(path))
    assert "Dòng 3: trùng xã và tên với dòng 2" in capsys.readouterr().err
    assert not Village.objects.filter(name__in=["Thôn Mới", "thon moi"]).exists()


def test_a_file_missing_a_column_is_refused_before_reading_rows(tmp_path, pho_hien, capsys):
    path = tmp_path / "thon.csv"
    path.write_text(f"ma_xa,ten\n{pho_hien.code},Thôn A\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_villages", str(path))
    assert "thiếu cột ma_tinh, loai" in capsys.readouterr().err


def test_demo_villages_are_clearly_labelled(hung_yen, capsys):
    call_command("demo_villages", "--province", "33", "--per-commune", "2")
    demo = Village.objects.filter(commune__province=hung_yen, is_demo=True)
    assert demo.count() == 104 * 2
    assert all(v.name.endswith("(mẫu)") for v in demo)
    assert "thêm mới 208 thôn mẫu" in capsys.readouterr().out

"""Every string a villager or trainer sees has its Vietnamese translation (Kolibri's catalogue has gaps)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("msgattrib") is None, reason="needs GNU gettext (msgattrib): apt-get install gettext")
def test_the_vietnamese_catalogue_is_complete_and_up_to_date(tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", ".git", "media", "test-artifacts", "*.sqlite3*", "__pycache__"),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--no-location", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
        timeout=300,
    )
    catalogue = copy / "locale" / "vi" / "LC_MESSAGES" / "django.po"
    for flag in ("--untranslated", "--only-fuzzy"):
        leftovers = subprocess.run(
            ["msgattrib", flag, "--no-wrap", str(catalogue)], capture_output=True, text=True, check=True
        ).stdout
        missing = [line for line in leftovers.splitlines() if line.startswith("msgid ") and line != 'msgid ""']
        assert not missing, f"{flag[2:]} in locale/vi (run `make messages` and translate): {missing}"

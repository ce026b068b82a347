import re
import unicodedata


def fold_diacritics(text: str) -> str:
    """Lower-case Vietnamese text without diacritics, single-spaced: "Thôn Đông  3" -> "thon dong 3".

    Stored beside names so a search typed without accents ("thon 3") finds them on SQLite and PostgreSQL
    alike, with a plain `icontains`.
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", stripped).strip().lower()

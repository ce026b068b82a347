"""The check that seeded text states no number, law or web address the fact sheet lacks.

Shared by the seeded lessons' and quizzes' tests. The fact sheet is /work/shared/content-facts.md.
"""

import re

# Numbers of three or more digits the fact sheet (/work/shared/content-facts.md) gives and the lessons use:
# years and dates, the hotlines 113, 156 and 5656, law numbers, amounts, vote counts, and the sheet's own
# example messages (185.000đ, 500.000đ). A phone number, hotline or figure outside this list was invented.
FACT_NUMBERS = {
    "100", "1945", "2005", "2015", "2018", "2019", "2022", "2023", "2024", "2025", "2026",
    "113", "156", "5656",
    "116", "130", "174", "290", "356", "434", "443",
    "185", "500", "000", "900",
}  # fmt: skip
# Law and decree numbers the fact sheet confirms. 26/2023/QH15 and 20/2023/QH15 are marked unverified there.
FACT_LAW_NUMBERS = {
    "24/2018/QH14",
    "116/2025/QH15",
    "91/2025/QH15",
    "69/2024/NĐ-CP",
    "23/2025/NĐ-CP",
    "13/2023/NĐ-CP",
    "356/2025/NĐ-CP",
}
FACT_DOCUMENTS = {"01-KH/BCĐTW"}
# Web addresses named in the fact sheet, plus the example scam domain of its quiz seed Q1.
FACT_DOMAINS = {
    "vneid.gov.vn",
    "dichvucong.gov.vn",
    "bocongan.gov.vn",
    "tinnhiemmang.vn",
    "binhdanhocvuso.gov.vn",
    "vcb-sinhtrachoc.top",
    "gov.vn",  # "trang thật có đuôi .gov.vn"
}
UNVERIFIED = ["26/2023/QH15", "20/2023/QH15", "canhbao.khonggianmang.gov.vn", "Điều 101"]


def stream_strings(value) -> list[str]:
    """The text in stream data, without Wagtail's block ids (whose digits are not facts)."""
    if isinstance(value, dict):
        return [text for key, item in value.items() if key != "id" for text in stream_strings(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in stream_strings(item)]
    if isinstance(value, str) and not re.fullmatch(r"#[0-9a-fA-F]{6}", value):  # drawing colours are not text
        return [value]
    return []


def assert_only_fact_sheet_facts(text: str, *, extra_numbers: set[str] = frozenset()) -> None:
    """Fail on a number, law or document number, or web address in `text` that the fact sheet lacks, on
    anything it marks unverified, and on "mức 3" said other than to call it a scam or say it does not exist.

    `extra_numbers`: further numbers the sheet gives that only this text uses (say an example message's).
    """
    text = re.sub(r"https?://\S+", " ", text)  # source addresses are checked apart; their digits are page ids
    allowed = FACT_NUMBERS | set(extra_numbers)
    numbers = set(re.findall(r"\d{3,}", text))
    assert numbers <= allowed, f"numbers not in the fact sheet: {numbers - allowed}"
    law_numbers = set(re.findall(r"\d+/\d{4}/[A-ZĐ][\wĐ-]*", text))
    assert law_numbers <= FACT_LAW_NUMBERS, law_numbers - FACT_LAW_NUMBERS
    documents = set(re.findall(r"\d+-[A-Z]+/[A-ZĐ]+", text))
    assert documents <= FACT_DOCUMENTS, documents - FACT_DOCUMENTS
    domains = set(re.findall(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|top|vip|xyz|org|net)\b", text))
    assert domains <= FACT_DOMAINS, domains - FACT_DOMAINS
    for unverified in UNVERIFIED:
        assert unverified not in text
    # "Level 3" appears only to say it does not exist.
    for match in re.finditer(r"mức 3", text):
        window = text[max(0, match.start() - 120) : match.end() + 40]
        assert re.search(r"[Kk]hông có|lừa đảo|Zalo|\.apk", window), window

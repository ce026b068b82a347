"""Flat drawings for the seeded lessons, made with Pillow only (no third-party pictures).

Step pictures are schematics of a phone screen, labelled "Hình minh hoạ": they show where to tap, and do not
pretend to be screenshots of the real apps. Covers and share images are 1200×630. Flat colours keep the PNG
originals small; Wagtail makes the WebP renditions phones receive.
"""

import io
import os
import unicodedata
from functools import cache

from PIL import Image, ImageDraw, ImageFont

# --- fonts: one with Vietnamese letters ------------------------------------------------------------------
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


# Other fonts with Vietnamese letters that Debian machines often have.
OTHER_FONTS = [
    ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
]


@cache
def _font_files() -> tuple[str, str] | None:
    """DejaVu Sans (fonts-dejavu-core, which CI installs), else another font known to have Vietnamese letters."""
    for regular, bold in [(DEJAVU, DEJAVU_BOLD), *OTHER_FONTS]:
        if os.path.exists(regular):
            return regular, bold if os.path.exists(bold) else regular
    return None


def has_vietnamese_font() -> bool:
    return _font_files() is not None


@cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    files = _font_files()
    if files:
        return ImageFont.truetype(files[1] if bold else files[0], size)
    # Pillow's built-in scalable font has no Vietnamese letters; text() strips the accents for it.
    return ImageFont.load_default(size=size)


def plain(text: str) -> str:
    """Text as the font can draw it: unchanged with a Vietnamese font, without accents otherwise."""
    if has_vietnamese_font():
        return text
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def wrap(text: str, fnt, width: int) -> list[str]:
    lines, line = [], ""
    for word in plain(text).split():
        candidate = f"{line} {word}".strip()
        if line and fnt.getlength(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _text_block(draw, xy, text, fnt, width, fill, spacing=6, align="left") -> int:
    """Draw wrapped text; return the y under it."""
    x, y = xy
    for line in wrap(text, fnt, width):
        dx = (width - fnt.getlength(line)) / 2 if align == "center" else 0
        draw.text((x + dx, y), line, font=fnt, fill=fill)
        y += fnt.size + spacing
    return y


# --- palette ---------------------------------------------------------------------------------------------
INK = "#1b1b1b"
MUTED = "#5a5a5a"
LINE = "#c9c9c9"
PAPER = "#ffffff"
SCREEN_BG = "#f3f5f7"
FRAME = "#2b2f36"
BLUE = "#0b5cad"
RED = "#c8102e"
GREEN = "#1d7a3a"
AMBER = "#f2b705"
HIGHLIGHT = "#d40000"

THEME_COLOURS = {
    "dich-vu-cong": ("#0b5cad", "#e7f0fa"),
    "an-ninh-mang": ("#3d3a8c", "#ecebf7"),
    "lua-dao": ("#a4161a", "#fbeaea"),
    "ky-nang-so": ("#1d7a3a", "#e8f5ec"),
}

# --- phone screens ---------------------------------------------------------------------------------------
W, H = 400, 600
SX0, SY0, SX1, SY1 = 34, 46, 366, 528  # the screen inside the phone
PAD = 14

# Each screen: title (the Wagtail image title) and a list of elements drawn top to bottom.
# ("bar", text, colour) · ("text", text) · ("field", label, value) · ("button", text, colour, highlighted)
# ("tiles", [labels], highlighted index) · ("list", [labels], highlighted index) · ("search", text)
# ("bubble", sender, text, highlighted) · ("face",) · ("call", name, note, blurred) · ("keypad_end", highlighted)
# ("post", author, text) · ("address", url) · ("stamp", text) · ("warn", text) · ("gap", px)
SCREENS = {
    "store-open": (
        "Mở kho ứng dụng CH Play hoặc App Store",
        [
            ("gap", 20),
            ("tiles", ["Điện thoại", "Tin nhắn", "CH Play", "App Store", "Máy ảnh", "Cài đặt"], (2, 3)),
            ("text", "Android: CH Play. iPhone: App Store."),
        ],
    ),
    "store-search": (
        "Tìm VNeID trong kho ứng dụng",
        [("bar", "Kho ứng dụng", BLUE), ("search", "VNeID"), ("list", ["VNeID", "…", "…"], 0)],
    ),
    "store-install": (
        "Bấm Cài đặt trong kho ứng dụng",
        [
            ("bar", "Kho ứng dụng", BLUE),
            ("text", "VNeID"),
            ("text", "Ứng dụng định danh điện tử"),
            ("button", "Cài đặt", GREEN, True),
            ("warn", "Không cài từ link hay tệp .apk"),
        ],
    ),
    "vneid-start": (
        "Màn hình đầu của VNeID: Đăng ký",
        [
            ("bar", "VNeID", RED),
            ("gap", 30),
            ("button", "Đăng nhập", BLUE, False),
            ("button", "Đăng ký", PAPER, True),
        ],
    ),
    "vneid-form": (
        "Nhập số định danh cá nhân và số điện thoại",
        [
            ("bar", "Đăng ký tài khoản", RED),
            ("field", "Số định danh cá nhân", "12 số trên thẻ căn cước"),
            ("field", "Số điện thoại", "số của chính bạn"),
            ("button", "Tiếp tục", BLUE, True),
        ],
    ),
    "vneid-face": (
        "Chụp ảnh khuôn mặt",
        [("bar", "Chụp ảnh khuôn mặt", RED), ("face",), ("text", "Nhìn thẳng, nơi đủ sáng")],
    ),
    "vneid-home": (
        "Màn hình chính VNeID: Ví giấy tờ",
        [
            ("bar", "VNeID", RED),
            ("tiles", ["Ví giấy tờ", "Dịch vụ công", "Tố giác tội phạm", "Chữ ký số"], (0,)),
        ],
    ),
    "vneid-wallet": (
        "Ví giấy tờ: Tích hợp thông tin",
        [
            ("bar", "Ví giấy tờ", RED),
            ("list", ["Thẻ căn cước", "Giấy phép lái xe"], None),
            ("button", "Tích hợp thông tin", BLUE, True),
        ],
    ),
    "vneid-bhyt": (
        "Chọn thẻ bảo hiểm y tế để tích hợp",
        [("bar", "Tích hợp thông tin", RED), ("list", ["Giấy phép lái xe", "Thẻ BHYT", "Đăng ký xe"], 1)],
    ),
    "vneid-level2": (
        "Tài khoản định danh mức 2",
        [
            ("bar", "VNeID", RED),
            ("text", "Tài khoản định danh điện tử"),
            ("stamp_ok", "Mức 2"),
            ("text", "Mức 2: đầy đủ tính năng"),
        ],
    ),
    "vneid-sign": (
        "Tìm mục chữ ký số trong VNeID",
        [("bar", "VNeID: tiện ích", RED), ("list", ["Ví giấy tờ", "Chữ ký số", "Dịch vụ công"], 1)],
    ),
    "dvc-login": (
        "Cổng Dịch vụ công: đăng nhập bằng VNeID",
        [
            ("address", "dichvucong.gov.vn"),
            ("text", "Cổng Dịch vụ công quốc gia"),
            ("button", "Đăng nhập bằng VNeID", RED, True),
        ],
    ),
    "dvc-search": (
        "Tìm thủ tục rồi nộp hồ sơ trực tuyến",
        [
            ("address", "dichvucong.gov.vn"),
            ("search", "tên thủ tục"),
            ("text", "Thủ tục bạn cần"),
            ("button", "Nộp hồ sơ trực tuyến", BLUE, True),
        ],
    ),
    "dvc-pay": (
        "Trả phí qua cổng thanh toán quốc gia",
        [
            ("address", "dichvucong.gov.vn"),
            ("text", "Yêu cầu thanh toán"),
            ("list", ["Cổng thanh toán quốc gia", "Chọn ngân hàng, ví"], 0),
            ("button", "Thanh toán", GREEN, False),
        ],
    ),
    "share-stop": (
        "Dừng lại trước khi chia sẻ",
        [("post", "Tài khoản lạ", "TIN NÓNG!!! Chia sẻ ngay kẻo muộn…"), ("share_crossed",)],
    ),
    "share-check": (
        "Xem ai đăng tin",
        [("post_author", "Tài khoản lạ", "Không rõ tin từ đâu ra"), ("text", "Tin từ đâu? Ai đăng?")],
    ),
    "deepfake-call": (
        "Cuộc gọi video hình mờ, kêu mạng yếu",
        [("call", "“Con trai”", "Mạng yếu…", True)],
    ),
    "call-back": (
        "Gọi lại số quen trong danh bạ",
        [("bar", "Danh bạ", GREEN), ("list", ["Con trai (số đã lưu)", "Công an xã", "…"], 0), ("callbtn",)],
    ),
    "call-hangup": (
        "Tắt máy khi số lạ doạ nạt",
        [("call", "Số lạ", "“Tôi là công an…”", False), ("keypad_end", True)],
    ),
    "consent-ask": (
        "Màn hình hỏi quyền dùng thông tin",
        [
            ("bar", "Ứng dụng hỏi", BLUE),
            ("text", "Ứng dụng muốn dùng: số điện thoại, ảnh của bạn"),
            ("field", "Để làm gì?", "phải nói rõ"),
        ],
    ),
    "consent-choice": (
        "Chọn Đồng ý hoặc Không đồng ý",
        [
            ("bar", "Ứng dụng hỏi", BLUE),
            ("text", "Bạn có đồng ý cho dùng thông tin?"),
            ("button", "Đồng ý", BLUE, False),
            ("button", "Không đồng ý", PAPER, True),
        ],
    ),
    "lend-refuse": (
        "Từ chối cho mượn tài khoản ngân hàng",
        [
            ("bar", "Tin nhắn", GREEN),
            ("bubble", "Người lạ", "Cho mình thuê tài khoản ngân hàng, mỗi tháng trả tiền", False),
            ("stamp", "TỪ CHỐI"),
        ],
    ),
    "sms-link": (
        "Tin nhắn báo khoá tài khoản kèm đường link lạ",
        [
            ("bar", "Tin nhắn", GREEN),
            ("bubble", "VCB-Bank", "Tai khoan se bi khoa sau 24h. Cap nhat: vcb-sinhtrachoc.top", True),
        ],
    ),
    "bank-app": (
        "Tự mở ứng dụng ngân hàng đã cài",
        [
            ("gap", 20),
            ("tiles", ["Điện thoại", "Tin nhắn", "Ngân hàng của bạn", "VNeID", "Máy ảnh", "Cài đặt"], (2,)),
        ],
    ),
    "task-scam": (
        "Nhóm chat nhiệm vụ đòi nạp tiền",
        [
            ("bar", "Nhóm “nhận nhiệm vụ”", BLUE),
            ("bubble", "Quản trị nhóm", "Chúc mừng! Nạp thêm tiền để nhận nhiệm vụ lớn", True),
            ("bubble", "Quản trị nhóm", "Lỗi hệ thống, nộp tiền để mở khoá", False),
        ],
    ),
    "stop-paying": (
        "Dừng chuyển tiền",
        [("bar", "Chuyển tiền", BLUE), ("field", "Số tiền", "…"), ("stamp", "DỪNG LẠI")],
    ),
    "call-bank": (
        "Gọi ngay cho ngân hàng",
        [("call", "Tổng đài ngân hàng của bạn", "Đang gọi…", False)],
    ),
    "keep-evidence": (
        "Giữ lại lịch sử giao dịch và tin nhắn",
        [
            ("bar", "Lịch sử giao dịch", BLUE),
            ("list", ["Chuyển tiền  −…", "Chuyển tiền  −…", "Nhận tiền  +…"], None),
            ("button", "Chụp màn hình, lưu lại", GREEN, True),
        ],
    ),
    "platform-url": (
        "Gõ đúng địa chỉ binhdanhocvuso.gov.vn",
        [("address", "binhdanhocvuso.gov.vn"), ("text", "Nền tảng Bình dân học vụ số")],
    ),
}

# Pictures that are scenes rather than phone screens.
SCENES = {"village-class": "Lớp học ở nhà văn hoá thôn"}


def _ring(draw, box):
    x0, y0, x1, y1 = box
    draw.rounded_rectangle((x0 - 6, y0 - 6, x1 + 6, y1 + 6), radius=14, outline=HIGHLIGHT, width=4)


def _phone_frame() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    im = Image.new("RGB", (W, H), PAPER)
    d = ImageDraw.Draw(im)
    d.rounded_rectangle((20, 8, W - 20, 544), radius=36, fill=FRAME)
    d.rounded_rectangle((SX0, SY0, SX1, SY1), radius=8, fill=SCREEN_BG)
    d.rounded_rectangle((W // 2 - 30, 22, W // 2 + 30, 30), radius=4, fill="#555a63")  # speaker
    d.ellipse((W // 2 - 9, 531, W // 2 + 9, 541), outline="#555a63", width=2)
    label = plain("Hình minh hoạ")
    f = font(20, bold=True)
    d.text(((W - f.getlength(label)) / 2, 562), label, font=f, fill=MUTED)
    return im, d


def draw_screen(elements) -> Image.Image:
    im, d = _phone_frame()
    x0, x1 = SX0 + PAD, SX1 - PAD
    width = x1 - x0
    y = SY0
    for element in elements:
        kind = element[0]
        if kind == "gap":
            y += element[1]
        elif kind == "bar":
            d.rectangle((SX0, y, SX1, y + 52), fill=element[2])
            d.text((x0, y + 13), plain(element[1]), font=font(22, bold=True), fill=PAPER)
            y += 52 + 16
        elif kind == "address":
            d.rectangle((SX0, y, SX1, y + 52), fill="#e1e4e8")
            d.rounded_rectangle((x0, y + 8, x1, y + 44), radius=18, fill=PAPER, outline=LINE)
            d.text((x0 + 14, y + 14), plain(element[1]), font=font(19, bold=True), fill=INK)
            y += 52 + 18
        elif kind == "text":
            y = _text_block(d, (x0, y), element[1], font(21), width, INK) + 10
        elif kind == "field":
            d.text((x0, y), plain(element[1]), font=font(18, bold=True), fill=INK)
            y += 26
            d.rounded_rectangle((x0, y, x1, y + 46), radius=6, fill=PAPER, outline="#8a8f96", width=2)
            d.text((x0 + 12, y + 12), plain(element[2]), font=font(18), fill=MUTED)
            y += 46 + 16
        elif kind == "button":
            _, text, colour, highlighted = element
            box = (x0, y, x1, y + 56)
            light = colour == PAPER
            d.rounded_rectangle(box, radius=28, fill=colour, outline=BLUE if light else colour, width=3)
            f = font(22, bold=True)
            label = plain(text)
            d.text((x0 + (width - f.getlength(label)) / 2, y + 15), label, font=f, fill=BLUE if light else PAPER)
            if highlighted:
                _ring(d, box)
            y += 56 + 22
        elif kind == "search":
            box = (x0, y, x1, y + 50)
            d.rounded_rectangle(box, radius=25, fill=PAPER, outline="#8a8f96", width=2)
            d.ellipse((x0 + 14, y + 14, x0 + 32, y + 32), outline=MUTED, width=3)
            d.line((x0 + 30, y + 30, x0 + 38, y + 38), fill=MUTED, width=3)
            d.text((x0 + 50, y + 13), plain(element[1]), font=font(21, bold=True), fill=INK)
            _ring(d, box)
            y += 50 + 24
        elif kind == "list":
            _, items, highlighted = element
            for index, item in enumerate(items):
                box = (x0, y, x1, y + 54)
                d.rounded_rectangle(box, radius=6, fill=PAPER, outline=LINE)
                d.text((x0 + 14, y + 15), plain(item), font=font(20), fill=INK)
                if index == highlighted:
                    _ring(d, box)
                y += 54 + 12
            y += 8
        elif kind == "tiles":
            _, labels, highlighted = element
            cols, gap = 2, 16
            tile_w = (width - gap) // cols
            tile_h = 104
            for index, label in enumerate(labels):
                cx = x0 + (index % cols) * (tile_w + gap)
                cy = y + (index // cols) * (tile_h + gap)
                box = (cx, cy, cx + tile_w, cy + tile_h)
                d.rounded_rectangle(box, radius=12, fill=PAPER, outline=LINE)
                d.rounded_rectangle((cx + tile_w // 2 - 18, cy + 12, cx + tile_w // 2 + 18, cy + 48), 8, fill=BLUE)
                _text_block(d, (cx + 6, cy + 56), label, font(16, bold=True), tile_w - 12, INK, 2, "center")
                if index in highlighted:
                    _ring(d, box)
            y += ((len(labels) + cols - 1) // cols) * (tile_h + gap) + 10
        elif kind == "bubble":
            _, sender, text, highlighted = element
            d.text((x0, y), plain(sender), font=font(17, bold=True), fill=MUTED)
            y += 24
            lines = wrap(text, font(19), width - 28)
            height = len(lines) * 25 + 20
            box = (x0, y, x1, y + height)
            d.rounded_rectangle(box, radius=16, fill="#e4e6eb")
            for n, line in enumerate(lines):
                d.text((x0 + 14, y + 10 + n * 25), line, font=font(19), fill=INK)
            if highlighted:
                _ring(d, box)
            y += height + 18
        elif kind == "face":
            cx, cy, r = (SX0 + SX1) // 2, y + 130, 110
            d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=BLUE, width=6)
            d.ellipse((cx - 50, cy - 70, cx + 50, cy + 40), fill="#c7cdd4")  # head
            d.pieslice((cx - 90, cy + 30, cx + 90, cy + 190), 180, 360, fill="#c7cdd4")  # shoulders
            y += 270
        elif kind == "call":
            _, name, note, blurred = element
            d.rectangle((SX0, SY0, SX1, SY1), fill="#3b4250")
            cx = (SX0 + SX1) // 2
            cy = SY0 + 150
            d.ellipse((cx - 70, cy - 70, cx + 70, cy + 70), fill="#8c96a5" if not blurred else "#6f7785")
            if blurred:  # a smudged face: poor quality "weak signal" video
                for n in range(6):
                    d.ellipse((cx - 60 + n * 8, cy - 40, cx - 10 + n * 8, cy + 20), fill="#7d8594")
            y = _text_block(d, (x0, cy + 90), name, font(24, bold=True), width, PAPER, align="center")
            y = _text_block(d, (x0, y + 4), note, font(20), width, "#dfe3e8", align="center")
            y = SY1 - 110
            if blurred:
                d.ellipse((cx - 36, y, cx + 36, y + 72), fill=RED)
                d.line((cx - 16, y + 36, cx + 16, y + 36), fill=PAPER, width=6)
        elif kind == "keypad_end":
            cx = (SX0 + SX1) // 2
            box = (cx - 40, SY1 - 112, cx + 40, SY1 - 32)
            d.ellipse(box, fill=RED)
            d.line((cx - 18, SY1 - 72, cx + 18, SY1 - 72), fill=PAPER, width=7)
            if element[1]:
                d.ellipse((box[0] - 8, box[1] - 8, box[2] + 8, box[3] + 8), outline=AMBER, width=5)
        elif kind == "callbtn":
            cx = (SX0 + SX1) // 2
            box = (cx - 40, y + 10, cx + 40, y + 90)
            d.ellipse(box, fill=GREEN)
            d.text((cx - 20, y + 32), plain("Gọi"), font=font(20, bold=True), fill=PAPER)
            d.ellipse((box[0] - 8, box[1] - 8, box[2] + 8, box[3] + 8), outline=HIGHLIGHT, width=4)
            y += 110
        elif kind in {"post", "post_author"}:
            _, author, text = element
            d.rectangle((SX0, y, SX1, y + 52), fill=BLUE)
            d.text((x0, y + 13), plain("Mạng xã hội"), font=font(22, bold=True), fill=PAPER)
            y += 68
            d.ellipse((x0, y, x0 + 44, y + 44), fill="#9aa3ad")
            author_box = (x0 + 54, y + 8, x0 + 60 + font(20, bold=True).getlength(plain(author)), y + 36)
            d.text((x0 + 56, y + 10), plain(author), font=font(20, bold=True), fill=INK)
            if kind == "post_author":
                _ring(d, author_box)
            y += 60
            y = _text_block(d, (x0, y), text, font(21), width, INK) + 10
            d.rectangle((x0, y, x1, y + 130), fill="#d9dde2")  # the post's picture
            y += 146
        elif kind == "share_crossed":
            box = (x0 + width // 2 - 80, y, x0 + width // 2 + 80, y + 52)
            d.rounded_rectangle(box, radius=26, fill=PAPER, outline=BLUE, width=3)
            label = plain("Chia sẻ")
            f = font(21, bold=True)
            d.text((box[0] + (160 - f.getlength(label)) / 2, y + 13), label, font=f, fill=BLUE)
            d.line((box[0] - 6, box[1] - 6, box[2] + 6, box[3] + 6), fill=HIGHLIGHT, width=7)
            d.line((box[0] - 6, box[3] + 6, box[2] + 6, box[1] - 6), fill=HIGHLIGHT, width=7)
            y += 70
        elif kind in {"stamp", "stamp_ok"}:
            colour = HIGHLIGHT if kind == "stamp" else GREEN
            f = font(34, bold=True)
            label = plain(element[1])
            tw = f.getlength(label)
            box = (x0 + (width - tw) / 2 - 18, y + 10, x0 + (width + tw) / 2 + 18, y + 74)
            d.rounded_rectangle(box, radius=8, outline=colour, width=6)
            d.text((box[0] + 18, y + 22), label, font=f, fill=colour)
            y += 96
        elif kind == "warn":
            lines = wrap(element[1], font(19, bold=True), width - 28)
            height = len(lines) * 25 + 22
            d.rounded_rectangle((x0, y, x1, y + height), radius=8, fill="#fde8e8", outline=RED, width=2)
            for n, line in enumerate(lines):
                d.text((x0 + 14, y + 11 + n * 25), line, font=font(19, bold=True), fill=RED)
            y += height + 14
        else:
            raise ValueError(f"unknown screen element {kind!r}")
    return im


def draw_village_class() -> Image.Image:
    """A hall with a big screen and learners: the connection point (điểm cầu) of a village."""
    im = Image.new("RGB", (W, H), "#f6efe3")
    d = ImageDraw.Draw(im)
    d.rectangle((0, 0, W, 90), fill="#a4161a")
    _text_block(d, (16, 18), "Nhà văn hoá thôn", font(26, bold=True), W - 32, PAPER, align="center")
    d.rectangle((60, 120, W - 60, 300), fill=FRAME)
    d.rectangle((72, 132, W - 72, 288), fill="#dfe9f5")
    _text_block(d, (80, 180), "Bình dân học vụ số", font(24, bold=True), W - 160, BLUE, align="center")
    for row, y in enumerate((360, 450)):
        for n in range(4):
            cx = 70 + n * 87 + (20 if row else 0)
            d.ellipse((cx - 20, y - 20, cx + 20, y + 20), fill="#6b4f3a")
            d.pieslice((cx - 36, y + 16, cx + 36, y + 90), 180, 360, fill=[BLUE, GREEN, AMBER, RED][(n + row) % 4])
    label = plain("Hình minh hoạ")
    f = font(20, bold=True)
    d.text(((W - f.getlength(label)) / 2, 562), label, font=f, fill=MUTED)
    return im


# --- covers and share images -----------------------------------------------------------------------------
def _icon(d, theme: str, cx: int, cy: int, colour: str, light: str) -> None:
    """A simple flat symbol per theme: a phone, a shield, a warning sign, people."""
    if theme == "dich-vu-cong":
        d.rounded_rectangle((cx - 110, cy - 190, cx + 110, cy + 190), radius=30, fill=FRAME)
        d.rounded_rectangle((cx - 92, cy - 150, cx + 92, cy + 150), radius=8, fill=light)
        d.rounded_rectangle((cx - 70, cy - 120, cx + 70, cy - 60), radius=8, fill=colour)
        for n in range(3):
            d.rounded_rectangle((cx - 70, cy - 40 + n * 55, cx + 70, cy + n * 55), radius=8, fill=PAPER)
    elif theme == "an-ninh-mang":
        d.polygon(
            [
                (cx, cy - 190),
                (cx + 160, cy - 130),
                (cx + 140, cy + 60),
                (cx, cy + 190),
                (cx - 140, cy + 60),
                (cx - 160, cy - 130),
            ],
            fill=light,
        )
        d.rounded_rectangle((cx - 60, cy - 20, cx + 60, cy + 80), radius=10, fill=colour)
        d.arc((cx - 45, cy - 90, cx + 45, cy + 10), 180, 360, fill=colour, width=18)
    elif theme == "lua-dao":
        d.polygon([(cx, cy - 180), (cx + 190, cy + 160), (cx - 190, cy + 160)], fill=AMBER)
        d.rounded_rectangle((cx - 16, cy - 80, cx + 16, cy + 70), radius=10, fill=FRAME)
        d.ellipse((cx - 18, cy + 92, cx + 18, cy + 128), fill=FRAME)
    else:
        for n, dx in enumerate((-130, 0, 130)):
            d.ellipse((cx + dx - 45, cy - 130, cx + dx + 45, cy - 40), fill=light)
            d.pieslice((cx + dx - 80, cy - 30, cx + dx + 80, cy + 150), 180, 360, fill=[light, AMBER, light][n])


def draw_banner(theme: str, title: str, kicker: str) -> Image.Image:
    """1200×630: the theme's colour, a flat symbol on the right, the title in large white letters."""
    colour, light = THEME_COLOURS[theme]
    im = Image.new("RGB", (1200, 630), colour)
    d = ImageDraw.Draw(im)
    d.rectangle((0, 560, 1200, 630), fill=FRAME)
    d.text((60, 578), plain("Bình dân học vụ số"), font=font(30, bold=True), fill=PAPER)
    _icon(d, theme, 960, 290, colour, light)
    d.text((60, 60), plain(kicker), font=font(30, bold=True), fill=light)
    size = 60
    while size > 36:
        lines = wrap(title, font(size, bold=True), 700)
        if len(lines) * (size + 12) <= 400:
            break
        size -= 4
    _text_block(d, (60, 120), title, font(size, bold=True), 700, PAPER, spacing=12)
    return im


# --- the one-page memo (phiếu ghi nhớ) ------------------------------------------------------------------
def draw_memo(title: str, lines: list[str], numbers: list[tuple[str, str]]) -> Image.Image:
    """An A4 page at 100 dpi, black on white so it prints well on any village printer."""
    im = Image.new("L", (827, 1169), 255)
    d = ImageDraw.Draw(im)
    d.rectangle((0, 0, 827, 130), fill=0)
    _text_block(d, (50, 30), title, font(34, bold=True), 727, 255, align="center")
    y = 170
    for line in lines:
        d.ellipse((56, y + 12, 72, y + 28), fill=0)
        y = _text_block(d, (92, y), line, font(28), 690, 0, spacing=8) + 22
    y += 10
    d.line((50, y, 777, y), fill=0, width=3)
    y += 24
    d.text((50, y), plain("Số cần nhớ"), font=font(30, bold=True), fill=0)
    y += 52
    for number, use in numbers:
        d.text((50, y), plain(number), font=font(40, bold=True), fill=0)
        y = _text_block(d, (220, y + 6), use, font(26), 557, 0) + 20
    _text_block(
        d,
        (50, 1100),
        "Bình dân học vụ số — bài học “Lỡ bị lừa: làm gì ngay, báo ở đâu”",
        font(20),
        727,
        80,
        align="center",
    )
    return im


def png_bytes(im: Image.Image) -> bytes:
    # A 64-colour palette keeps flat drawings to a few kilobytes without visible loss.
    out = io.BytesIO()
    im.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue()


def pdf_bytes(im: Image.Image) -> bytes:
    out = io.BytesIO()
    im.save(out, "PDF", resolution=100.0)
    return out.getvalue()

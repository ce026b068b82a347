"""The blocks a lesson body is built from.

One StreamBlock (`LessonStreamBlock`) that lesson bodies share; each feature block has an icon, a template
under courses/blocks/, a preview value and a description, and sits in a picker group. Everything an editor
types is rendered escaped: plain text through `linebreaksbr` (which escapes), never `|safe`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

GROUP_TEXT = _("Text blocks")
GROUP_MEDIA = _("Pictures, video and files")
GROUP_TEACHING = _("Teaching")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=150)
    size = blocks.ChoiceBlock(
        label=_("heading size"),
        choices=[("h2", _("Section heading (h2)")), ("h3", _("Sub-heading (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "courses/blocks/heading.html"
        label = _("Heading")
        preview_value = {"text": "Bước 1: Cài ứng dụng VNeID", "size": "h2"}
        description = _("A heading that splits the lesson into parts.")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(
        label=_("text for screen readers"),
        max_length=250,
        help_text=_("Say what the picture shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "courses/blocks/image.html"
        label = _("Picture")
        description = _("A picture, sent to phones small and in WebP.")


class StepBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("what to do"))
    image = ImageChooserBlock(label=_("screenshot"), required=False)
    image_alt = blocks.CharBlock(label=_("text for screen readers"), required=False, max_length=250)

    class Meta:
        icon = "list-ol"
        label = _("Step")


class StepGuideBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=150)
    steps = blocks.ListBlock(StepBlock(), label=_("steps"))

    class Meta:
        icon = "list-ol"
        template = "courses/blocks/steps.html"
        label = _("Step-by-step guide")
        preview_value = {
            "title": "Đăng nhập VNeID",
            "steps": [
                {"text": "Mở ứng dụng VNeID trên điện thoại.", "image": None, "image_alt": ""},
                {"text": "Nhập số định danh cá nhân (số căn cước).", "image": None, "image_alt": ""},
                {"text": "Nhập mật khẩu rồi bấm “Đăng nhập”.", "image": None, "image_alt": ""},
            ],
        }
        description = _("Numbered steps, each with an optional screenshot.")


SCAM_CHANNELS = [
    ("sms", _("SMS")),
    ("zalo", "Zalo"),
    ("call", _("Phone call")),
    ("facebook", "Facebook"),
    ("email", _("Email")),
]


class ScamExampleBlock(blocks.StructBlock):
    channel = blocks.ChoiceBlock(label=_("channel"), choices=SCAM_CHANNELS, default="sms")
    sender = blocks.CharBlock(label=_("sender shown"), max_length=120, help_text=_("The number or name shown."))
    message = blocks.TextBlock(
        label=_("message"), help_text=_("The text of the message, or for a call what the caller says.")
    )
    red_flags = blocks.ListBlock(blocks.CharBlock(label=_("warning sign")), label=_("warning signs"))
    what_to_do = blocks.TextBlock(label=_("what to do"))

    class Meta:
        icon = "warning"
        template = "courses/blocks/scam_example.html"
        label = _("Scam example")
        preview_value = {
            "channel": "sms",
            "sender": "0912 345 678",
            "message": "Tai khoan cua ban bi khoa. Bam vao day de xac minh: http://vietcombank-xacminh.top",
            "red_flags": ["Đường link lạ, không phải trang của ngân hàng", "Giục làm ngay"],
            "what_to_do": "Không bấm vào đường link. Gọi tổng đài ngân hàng in trên thẻ để hỏi.",
        }
        description = _("A sample scam message, its warning signs and what to do.")


class LegalExcerptBlock(blocks.StructBlock):
    law_name = blocks.CharBlock(label=_("name of the law"), max_length=200)
    law_number = blocks.CharBlock(label=_("law number"), max_length=80)
    article = blocks.CharBlock(label=_("article of the law"), max_length=120)
    quote = blocks.TextBlock(label=_("quotation"))
    meaning = blocks.TextBlock(label=_("in plain words"))
    source_url = blocks.URLBlock(label=_("link to the official text"), required=False)

    class Meta:
        icon = "openquote"
        template = "courses/blocks/legal_excerpt.html"
        label = _("Law excerpt")
        preview_value = {
            "law_name": "Luật An ninh mạng",
            "law_number": "24/2018/QH14",
            "article": "Điều 8",
            "quote": "Các hành vi bị nghiêm cấm về an ninh mạng…",
            "meaning": "Không được dùng mạng để lừa đảo hay xúc phạm người khác.",
            "source_url": "",
        }
        description = _("A quotation from a law with its meaning in plain words.")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind of box"),
        choices=[("tip", _("Tip")), ("warning", _("Warning")), ("remember", _("Remember"))],
        default="tip",
    )
    text = blocks.RichTextBlock(label=_("text of the box"), features=["bold", "italic", "link"])

    class Meta:
        icon = "help"
        template = "courses/blocks/callout.html"
        label = _("Tip or warning box")
        preview_value = {"kind": "warning", "text": "<p>Công an <b>không bao giờ</b> gọi điện bắt chuyển tiền.</p>"}
        description = _("A highlighted box: a tip, a warning or something to remember.")


class VideoLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("video address"))
    title = blocks.CharBlock(label=_("title"), max_length=150)
    duration_minutes = blocks.IntegerBlock(label=_("length in minutes"), min_value=1)
    size_mb = blocks.IntegerBlock(label=_("size in MB"), min_value=1, help_text=_("approximate data size"))

    class Meta:
        icon = "media"
        template = "courses/blocks/video.html"
        label = _("Video link")
        preview_value = {
            "url": "https://www.youtube.com/watch?v=example",
            "title": "Hướng dẫn cài VNeID",
            "duration_minutes": 12,
            "size_mb": 40,
        }
        description = _("A link to a video with its length and data size; nothing loads until tapped.")


class AudioBlock(blocks.StructBlock):
    recording = DocumentChooserBlock(label=_("recording (.mp3, .m4a, .ogg)"))
    title = blocks.CharBlock(label=_("title"), max_length=150)
    duration_minutes = blocks.IntegerBlock(label=_("length in minutes"), required=False, min_value=1)

    class Meta:
        icon = "media"
        template = "courses/blocks/audio.html"
        label = _("Audio")
        description = _("A recording to listen to, for people who prefer listening to reading.")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("file"))
    title = blocks.CharBlock(label=_("title"), max_length=150)
    description = blocks.CharBlock(label=_("description"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        template = "courses/blocks/document.html"
        label = _("File to download")
        description = _("A file to download, with its type and size shown.")


class LessonStreamBlock(blocks.StreamBlock):
    """The body of a lesson."""

    heading = HeadingBlock(group=GROUP_TEXT)
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"],
        group=GROUP_TEXT,
        label=_("Paragraph"),
        icon="pilcrow",
        template="courses/blocks/paragraph.html",
        preview_value="<p>Dịch vụ công trực tuyến giúp bạn nộp hồ sơ <b>không cần đến trụ sở</b>.</p>",
        description=_("Ordinary text, with bold, italics, links and lists."),
    )
    image = ImageBlock(group=GROUP_MEDIA)
    steps = StepGuideBlock(group=GROUP_TEACHING)
    scam_example = ScamExampleBlock(group=GROUP_TEACHING)
    legal_excerpt = LegalExcerptBlock(group=GROUP_TEACHING)
    callout = CalloutBlock(group=GROUP_TEXT)
    video = VideoLinkBlock(group=GROUP_MEDIA)
    audio = AudioBlock(group=GROUP_MEDIA)
    document = DocumentBlock(group=GROUP_MEDIA)


class SourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=250)
    publisher = blocks.CharBlock(label=_("publisher"), required=False, max_length=150)
    url = blocks.URLBlock(label=_("web address"), required=False)
    accessed = blocks.CharBlock(label=_("accessed on"), required=False, max_length=40)

    class Meta:
        icon = "link"
        label = _("Source")

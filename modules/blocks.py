"""The blocks a lesson body is made of.

Media blocks take files uploaded to this node (Wagtail documents and images), never a URL, so a
lesson works with the uplink cut. Inline knowledge checks use the quiz question types and are
graded on the server too, but count for nothing.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from questionbank.blocks import question_blocks

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]

VIDEO_EXTENSIONS = {"mp4", "webm"}
# The image renditions the lesson templates show, named once: the blocks below make them and a
# course saved for offline use (offlinemode) lists them. Wide and narrow for the srcset.
IMAGE_WIDE = "max-720x540|format-webp"
IMAGE_NARROW = "max-360x270|format-webp"
VIDEO_POSTER = "max-720x405|format-webp"
AUDIO_EXTENSIONS = {"mp3", "ogg", "m4a", "webm"}


def _check_extension(document, allowed: set[str], field: str):
    if document is not None and document.file_extension.lower() not in allowed:
        raise StructBlockValidationError(
            block_errors={
                field: ValidationError(
                    _("Upload a file of type %(types)s.") % {"types": ", ".join(sorted(allowed))}
                )
            }
        )


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("What the image shows, for officers who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "modules/blocks/image.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        if value.get("image") is not None:
            renditions = value["image"].get_renditions(IMAGE_WIDE, IMAGE_NARROW)
            context.update(wide=renditions[IMAGE_WIDE], narrow=renditions[IMAGE_NARROW])
        return context


class MediaBlockBase(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    file = DocumentChooserBlock(label=_("File"))
    captions = DocumentChooserBlock(
        label=_("Captions (WebVTT)"),
        required=False,
        help_text=_("A .vtt file of captions in the lesson's language."),
    )
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), required=False, features=RICH_TEXT_FEATURES
    )
    allowed_extensions: set[str] = set()

    def clean(self, value):
        value = super().clean(value)
        _check_extension(value.get("file"), self.allowed_extensions, "file")
        _check_extension(value.get("captions"), {"vtt"}, "captions")
        if not value.get("captions") and not value.get("transcript"):
            raise StructBlockValidationError(
                block_errors={
                    "transcript": ValidationError(
                        _("Add captions or a transcript, so officers who cannot hear can follow.")
                    )
                }
            )
        return value


class VideoBlock(MediaBlockBase):
    poster = ImageChooserBlock(label=_("Poster image"), required=False)
    allowed_extensions = VIDEO_EXTENSIONS

    class Meta:
        icon = "media"
        template = "modules/blocks/video.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        if value.get("poster") is not None:
            context["poster"] = value["poster"].get_rendition(VIDEO_POSTER)
        return context


class AudioBlock(MediaBlockBase):
    allowed_extensions = AUDIO_EXTENSIONS

    class Meta:
        icon = "media"
        template = "modules/blocks/audio.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        template = "modules/blocks/document.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120, default=_("Key point"))
    text = blocks.TextBlock(label=_("Text"))

    class Meta:
        icon = "warning"
        template = "modules/blocks/callout.html"


class ScenarioBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    situation = blocks.RichTextBlock(label=_("Situation"), features=RICH_TEXT_FEATURES)
    question = blocks.CharBlock(label=_("Question for the officer"), max_length=400)
    discussion = blocks.RichTextBlock(label=_("Discussion"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "user"
        template = "modules/blocks/scenario.html"


class KnowledgeCheckBlock(blocks.StreamBlock):
    """One practice question of any quiz type, graded on the server, counting for nothing."""

    class Meta:
        icon = "help"
        min_num = 1
        max_num = 1
        template = "modules/blocks/knowledge_check.html"

    def __init__(self, **kwargs):
        super().__init__(question_blocks(), **kwargs)


class LessonBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)
    image = ImageBlock(label=_("Image"))
    video = VideoBlock(label=_("Video"))
    audio = AudioBlock(label=_("Audio narration"))
    document = DocumentBlock(label=_("Document"))
    callout = CalloutBlock(label=_("Key point"))
    scenario = ScenarioBlock(label=_("Case study"))
    check = KnowledgeCheckBlock(label=_("Knowledge check"))

"""Template tags for quiz pages: the viewer's attempts and grade."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from modules.contentcache import content_cached

from ..marking import in_shown_ids, marking, page_json, text_rules
from ..practice import answer_kept, answer_recalled, check_question, check_view
from ..qtypes import qtype
from ..selectors import check_practice_only, quiz_state
from ..wording import words

register = template.Library()

CHECK_FORM_TEMPLATE = "quizzes/knowledge_check_form.html"
# Stands for the CSRF token in a check's form as cached (content only), replaced on each view.
_TOKEN_PLACEHOLDER = "csrf-token-of-this-request"


@register.simple_tag(takes_context=True)
def quiz_state_for(context, quiz):
    user = context["request"].user
    if not user.is_authenticated:
        return None
    return quiz_state(learner=user, quiz=quiz)


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "") if hasattr(mapping, "get") else ""


@register.simple_tag
def question_partial(question_type: str) -> str:
    """The template of a question type's inputs (``quizzes/qtypes/<type>.html``); an unknown
    type raises ``UnknownQuestionType``."""
    return f"quizzes/qtypes/{qtype(question_type).name}.html"


@register.simple_tag
def practice_question(stream_value, block_id):
    """The presentation of a lesson's knowledge check (no answer in it)."""
    question = check_question(stream_value, block_id)
    return check_view(question) if question else None


@register.simple_tag(takes_context=True)
def knowledge_check_form(context, value, block_id):
    """A lesson's knowledge check as a form. The same for every reader of a page revision in a
    language but for its CSRF token, so it is rendered once (``modules.contentcache``) and the
    request's token put in; rendered afresh when the officer's last answer is to be shown in it
    (after "Check" without JavaScript), and in a preview."""
    engine_template = context.template.engine.get_template(CHECK_FORM_TEMPLATE)

    def rendered(csrf_token) -> str:
        with context.push(value=value, block_id=block_id, csrf_token=csrf_token):
            return engine_template.render(context)

    request, page = context.get("request"), context.get("page")
    session = getattr(request, "session", None)
    # The data a check needs offline, in a browser where the officer saved a course only.
    offline = (
        check_offline_data(context, value, block_id)
        if context.get("offline_scripts")
        else SafeString("")
    )
    if (
        session is None
        or context.get("csrf_token") is None
        or getattr(request, "is_preview", False)
        or not getattr(page, "live_revision_id", None)
        or answer_kept(session, block_id)
    ):
        return rendered(context.get("csrf_token")) + offline
    html = content_cached(
        ("check", page.pk, page.live_revision_id, get_language() or "", block_id),
        lambda: rendered(_TOKEN_PLACEHOLDER),
    )
    return mark_safe(html.replace(_TOKEN_PLACEHOLDER, str(context.get("csrf_token"))) + offline)  # noqa: S308 - HTML we rendered, Django's token, and page_json


def _check_offline(page, value, block_id: str) -> dict | None:
    """What a check's script needs offline (ADR 0041): its lesson and block (to keep an answer),
    the words it shows, and, only when the check serves practice alone
    (``selectors.check_practice_only``), its marking data under the ids the form shows."""
    question = check_question(value, block_id)
    if question is None:
        return None
    data: dict = {
        "lesson": page.pk,
        "block": block_id,
        "words": {
            "right": _("Correct."),
            "wrong": _("Not quite."),
            "empty": _("Choose or write an answer first."),
            "answer": _("The answer: %(answer)s"),
            "device": _("Marked on this device."),
            "kept": _("Your answer is kept; it will be marked when you are back online."),
            "refused": _("Your answer could not be marked: %(reason)s"),
        },
    }
    if check_practice_only(question=question):
        data["marking"] = marking(in_shown_ids(question), words())
    return data


_TEXT_RULES_SENT = "_quizzes_check_text_rules_sent"


def check_offline_data(context, value, block_id: str) -> SafeString:
    """A check's offline data as a ``<script type="application/json">`` beside its form (and,
    once per page that marks a check, the text rules the browser reads answers with). Read
    once per lesson revision, language and content generation (``modules.contentcache``)."""
    page, request = context.get("page"), context.get("request")
    if page is None or not getattr(page, "pk", None):
        return SafeString("")
    if getattr(request, "is_preview", False) or not getattr(page, "live_revision_id", None):
        data = _check_offline(page, value, block_id)
    else:
        data = content_cached(
            ("check-offline", page.pk, page.live_revision_id, get_language() or "", block_id),
            lambda: _check_offline(page, value, block_id),
        )
    if data is None:
        return SafeString("")
    html = format_html(
        '<script type="application/json" class="check-offline" id="check-offline-{}">{}</script>',
        block_id,
        mark_safe(page_json(data)),  # noqa: S308 - page_json escapes <, > and &
    )
    # The browser reads every answer through the server's text rules (a blank one is one with
    # nothing visible in it), so a page that marks any check carries them, once.
    if "marking" in data and request is not None and not getattr(request, _TEXT_RULES_SENT, False):
        setattr(request, _TEXT_RULES_SENT, True)
        html += format_html(
            '<script type="application/json" id="check-text-rules">{}</script>',
            mark_safe(page_json(text_rules())),  # noqa: S308 - page_json escapes <, > and &
        )
    return html


@register.simple_tag(takes_context=True)
def practice_answer(context, question, block_id):
    """What the officer last sent to this check (it stays chosen after "Check" without
    JavaScript), as the form's value."""
    request = context.get("request")
    if request is None or question is None or not hasattr(request, "session"):
        return ""
    return answer_recalled(request.session, question, block_id)


@register.simple_tag
def question_image_url(image_id, spec="max-720x540|format-webp"):
    """A small rendition of a question's image (by id, as the snapshot keeps it)."""
    from wagtail.images import get_image_model

    image = get_image_model().objects.filter(pk=image_id).first()
    return image.get_rendition(spec).url if image else ""

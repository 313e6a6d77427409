"""Certificate pages: public verification, an officer's certificates and their PDFs, and the
coordinator's list, revocation and issuing by hand. Thin: parse, call, render."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from courses.models import CoursePage
from courses.selectors import courses_original
from elearning.mediafiles import download
from elearning.paging import SearchForm, listing
from elearning.ratelimits import rate_limit_reached, rate_limited, too_many_requests
from elearning.uploads import upload_limit, upload_refused
from officers.permissions import coordinator_required
from officers.selectors import officers_visible_to, posts_visible_to

from . import selectors, services
from .dates import recertification
from .models import Certificate
from .printing import printed


class VerifyForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Certificate code or scanned QR text"),
        max_length=2000,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    image = forms.ImageField(label=gettext_lazy("or a photo of the QR code"), required=False)


@rate_limited("verify")
@upload_limit(lambda: settings.ELEARNING_QR_PHOTO_MAX_BYTES)
def verify(request):
    """Public: anyone, logged in or not, on any node; no network needed. Rate-limited per
    client, and QR photos more tightly (decoding costs CPU)."""
    posted = request.method == "POST"
    form = VerifyForm(request.POST if posted else None, request.FILES if posted else None)
    result = None
    if request.method == "GET" and request.GET.get("code"):
        form = VerifyForm({"text": request.GET["code"]})
    valid = form.is_bound and form.is_valid()
    if (limit := upload_refused(request)) is not None:
        form.add_error(
            "image",
            _("This photo is larger than %(size)s; take a smaller one.")
            % {"size": filesizeformat(limit)},
        )
        valid = False
    if valid:
        text = form.cleaned_data["text"]
        image = form.cleaned_data.get("image")
        if image and not text:
            if (wait := rate_limit_reached(request, "qr_photo")) is not None:
                return too_many_requests(request, wait=wait)
            from .qr import PhotoTooLarge, read_qr

            try:
                text = read_qr(image)
            except PhotoTooLarge as refused:
                form.add_error("image", str(refused))
            else:
                if text is None:
                    form.add_error("image", _("No QR code could be read in this picture."))
        if text:
            result = selectors.verify_text(text)
        elif not form.errors:
            form.add_error("text", _("Type a certificate code, or paste what a QR scanner read."))
    return render(request, "certificates/verify.html", {"form": form, "result": result})


@login_required
def my_certificates(request):
    certificates = list(selectors.certificates_of(holder=request.user))
    today = timezone.localdate()
    for certificate in certificates:
        certificate.renewal = recertification(
            valid_until=certificate.valid_until,
            today=today,
            notice_days=settings.ELEARNING_RECERTIFICATION_NOTICE_DAYS,
        )
    return render(
        request, "certificates/my_certificates.html", {"certificates": certificates, "today": today}
    )


@login_required
def transcript_mine(request):
    """The officer's own transcript: every course's attempts, dates and certificates."""
    return _transcript(request, officer=request.user)


@coordinator_required
def transcript_officer(request, officer_uuid):
    """An officer's transcript, for a coordinator with them in scope (404 otherwise)."""
    officer = get_object_or_404(officers_visible_to(viewer=request.user), uuid=officer_uuid)
    return _transcript(request, officer=officer)


def _transcript(request, *, officer):
    return render(
        request,
        "certificates/transcript.html",
        {"officer": officer, "courses": selectors.transcript(learner=officer)},
    )


@login_required
def certificate_pdf(request, certificate_id):
    certificate = get_object_or_404(Certificate, pk=certificate_id)
    if not selectors.may_download(viewer=request.user, certificate=certificate):
        raise Http404
    from .rendering import render_one

    [sheet], [design] = printed([certificate])
    pdf = render_one(sheet, design)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


class RevokeForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class IssueForm(forms.Form):
    course = forms.ModelChoiceField(
        queryset=CoursePage.objects.none(), label=gettext_lazy("Course")
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (e.g. the in-person course it records)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses_original()


class CertificateSearchForm(SearchForm):
    """The certificate list's search box: ``SearchForm`` with help on what it matches."""

    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=100,
        help_text=gettext_lazy(
            "Code, name (in any script), service number, border post or course code."
        ),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


@coordinator_required
def coordinator_list(request):
    """The certificates of the officers in scope, newest first, searchable, a page at a time."""
    form = CertificateSearchForm(request.GET)
    search = form.search()
    certificates = selectors.certificates_found(viewer=request.user, search=search)
    shown = listing(rows=certificates, number=request.GET.get("page"), params=request.GET)
    return render(
        request,
        "certificates/coordinator_list.html",
        {
            "certificates": shown.page.object_list,
            "listing": shown,
            "form": form,
            "revoke_form": RevokeForm(),
        },
    )


@coordinator_required
@require_POST
def coordinator_revoke(request, certificate_id):
    certificate = get_object_or_404(
        selectors.certificates_visible_to(viewer=request.user), pk=certificate_id
    )
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for revoking this certificate."))
        return redirect("certificates:coordinator")
    try:
        services.certificate_revoke(
            certificate=certificate, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request, _("Certificate %(code)s is revoked.") % {"code": certificate.code}
        )
    return redirect("certificates:coordinator")


@coordinator_required
def coordinator_issue(request, officer_uuid):
    officer = get_object_or_404(officers_visible_to(viewer=request.user), uuid=officer_uuid)
    form = IssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        certificate = services.certificate_issue(
            holder=officer,
            course=form.cleaned_data["course"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Certificate %(code)s is issued.") % {"code": certificate.code})
        return redirect("coordination:officer", officer_uuid=officer.uuid)
    return render(
        request, "certificates/coordinator_issue.html", {"officer": officer, "form": form}
    )


class BatchForm(forms.Form):
    course = forms.ModelChoiceField(
        queryset=CoursePage.objects.none(), label=gettext_lazy("Course")
    )
    post = forms.ModelChoiceField(
        queryset=None,
        label=gettext_lazy("Border post"),
        required=False,
        empty_label=gettext_lazy("All posts in my scope"),
    )
    since = forms.DateField(
        label=gettext_lazy("Issued from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=gettext_lazy("Issued until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses_original()
        self.fields["post"].queryset = posts_visible_to(viewer=viewer)


@coordinator_required
def batch_new(request):
    from .batches import NothingToPrint, batch_request

    form = BatchForm(request.POST or None, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            job = batch_request(viewer=request.user, **form.cleaned_data)
        except NothingToPrint as empty:
            form.add_error(None, str(empty))
        else:
            return redirect("certificates:batch", job_id=job.pk)
    jobs = request.user.print_jobs.all()[:10]
    return render(request, "certificates/batch_new.html", {"form": form, "jobs": jobs})


@coordinator_required
def batch_status(request, job_id):
    from django.http import JsonResponse

    job = get_object_or_404(request.user.print_jobs, pk=job_id)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": job.status,
                "done": job.done,
                "total": job.total,
                "percent": job.percent,
                "error": job.error,
            }
        )
    if request.GET.get("download") and job.status == job.Status.DONE:
        return download(job.file, filename=f"certificates-{job.course_code}.pdf")
    return render(request, "certificates/batch_status.html", {"job": job})

"""The audit page: the trail within the viewer's scope, filtered, a page at a time, exported as
CSV or XLSX with the same rows; for administrators, the chains' check on request. Thin: parse,
call the selectors, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _

from audittrail.selectors import trail_nodes, trails_verify
from elearning.paging import listing
from nodes.selectors import node_name
from officers.permissions import coordinator_required

from .audit import AUDIT_COLUMNS, AuditFilter, audit_actions, audit_entries_for, audit_rows
from .exports import FORMATS, export_name, export_response
from .forms import AuditFilterForm
from .tables import Column


def _headers() -> list[str]:
    return [
        _("Time (UTC)"),
        _("Node"),
        _("Number"),
        _("Who"),
        _("Action"),
        _("Officer"),
        _("Officer's border post"),
        _("Subject"),
        _("Before"),
        _("After"),
    ]


def _export(rows: list[dict], kind: str) -> HttpResponseBase:
    """Every matching entry as ``kind``, through the coordinator's one export (cells safe
    against formula injection, CSV streamed with a byte order mark)."""
    cells = (
        [row["recorded_at"].isoformat(), *[row[name] for name in AUDIT_COLUMNS[1:]]] for row in rows
    )
    return export_response(
        extension=kind,
        filename=export_name("audit", extension=kind),
        columns=[Column(heading) for heading in _headers()],
        rows=cells,
    )


@coordinator_required
def audit_trail(request: HttpRequest) -> HttpResponseBase:
    """The trail, newest first; ``?export=csv|xlsx`` downloads every matching row."""
    viewer = request.user
    nodes = [(str(node), node_name(node)) for node in trail_nodes()]
    form = AuditFilterForm(request.GET, actions=audit_actions(viewer=viewer), nodes=nodes)
    filters = AuditFilter()
    if form.is_valid():
        filters = AuditFilter(**{k: v for k, v in form.cleaned_data.items() if v})
    entries = audit_entries_for(viewer=viewer, filters=filters)
    kind = request.GET.get("export", "")
    if kind in FORMATS:
        return _export(audit_rows(entries), kind)
    shown = listing(rows=entries, number=request.GET.get("page"), params=request.GET)
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("export", None)
    checked = None
    if viewer.is_administrator and request.GET.get("check") == "1":
        checked = trails_verify()
    return render(
        request,
        "coordination/audit.html",
        {
            "form": form,
            "rows": audit_rows(shown.page.object_list),
            "listing": shown,
            "query": params.urlencode(),
            "trails": checked,
        },
    )

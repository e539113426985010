"""Searching the audit trail: who did what, to which record, when and from where."""

from flask import render_template, request, url_for

from conference.admin import bp
from conference.admin.forms import AuditSearchForm
from conference.common.access import roles_required
from conference.models import Role
from conference.services import accounts as services

ADMIN = Role.ADMIN.value


@bp.route("/audit")
@roles_required(ADMIN)
def audit():
    """Audit events, newest first, 50 a page, filtered by who and between which dates. The
    changes recorded in each event are never shown: they can hold case content, which
    administrators may not see.

    :raise 404: the page is past the last one.
    """
    # Searching is not itself audited: every page of results would add a row to the very
    # table being searched, and an admin sees no case content here.
    form = AuditSearchForm(services.list_users(), request.args)
    events = None
    if form.validate():
        events = services.search_audit_events(
            user_id=int(form.user_id.data) if form.user_id.data else None,
            date_from=form.date_from.data,
            date_to=form.date_to.data,
            page=request.args.get("page", 1, type=int),
        )
    return render_template(
        "views/admin/audit.html",
        form=form,
        events=events,
        pagination=_pagination(events) if events is not None and events.pages > 1 else None,
    )


def _pagination(events) -> dict:
    """Parameters for govukPagination: numbered links that keep the search in the URL."""
    search = request.args.to_dict(flat=False)
    search.pop("page", None)

    def href(page):
        return url_for("admin.audit", **search, page=page)

    items = [
        {"number": page, "href": href(page), "current": page == events.page}
        if page
        else {"ellipsis": True}
        for page in events.iter_pages(left_edge=1, left_current=1, right_current=2, right_edge=1)
    ]
    return {
        "items": items,
        "previous": {"href": href(events.prev_num)} if events.has_prev else None,
        "next": {"href": href(events.next_num)} if events.has_next else None,
    }

"""What families said would have helped (issue 20): their comments from the feedback forms, in
the team, pod and dates of the dashboard they were opened from, of the cases the reader may
see. The figures themselves are on the dashboard (views.index)."""

from urllib.parse import urlencode

from flask import abort, render_template, request, url_for
from flask_login import current_user

from conference.common.access import roles_required
from conference.common.routing import page_number
from conference.dashboard import bp
from conference.dashboard.views import _filter_args, _filters
from conference.extensions import db
from conference.models import Role
from conference.services.dashboard import downloads, feedback
from conference.services.dashboard.drill_down import lists_every_case


@bp.route("/feedback/comments")
@roles_required(Role.MANAGER, Role.CHAIR)
def feedback_comments():
    """The comments from families' feedback forms, 50 a page, newest meeting first. Each page
    viewed is audited.

    :raise 404: a page past the last, or filters that are not valid.
    """
    form, filters = _filters()
    if form.errors:
        abort(404)
    page = page_number(request.args.get("page", type=int))
    found = feedback.comments(current_user, filters, page)
    if page > found.pages:
        abort(404)
    feedback.record_view(current_user, found, filters)
    db.session.commit()
    address = url_for(".feedback_comments", **_filter_args(filters))
    return render_template(
        "views/dashboard/feedback_comments.html",
        found=found,
        filters=filters,
        scope_name=downloads.scope_name(filters),
        every_case=lists_every_case(current_user),
        page_link=lambda n: f"{address}&{urlencode({'page': n})}" if n > 1 else address,
        dashboard_link=url_for(".index", **_filter_args(filters)) + f"#{feedback.FIGURE.key}",
    )

"""The dashboard's running totals: whether they are kept for the records, and rebuilding them in
the background with the page showing how far it has got (services/dashboard/rebuild.py). Only
the manager responsible for the whole service starts a rebuild: it judges every team's cases."""

from flask import abort, redirect, render_template, url_for
from flask_login import current_user

from conference.common.access import roles_required
from conference.common.forms import ServiceForm
from conference.dashboard import bp
from conference.extensions import db
from conference.models import Role
from conference.services import access, jobs
from conference.services.dashboard import rebuild, tallies


@bp.route("/totals", methods=["GET", "POST"])
@roles_required(Role.MANAGER)
def totals():
    """The totals' state, the rebuild under way with its progress (the page asks again by itself
    while it goes on: waiting.mjs), and the button that starts one.

    :raise 403: the user is not the manager responsible for the whole service.
    """
    if not access.makes_the_returns(current_user):
        abort(403)
    form = ServiceForm()
    if form.validate_on_submit():
        rebuild.start(current_user)
        db.session.commit()
        return redirect(url_for(".totals"))
    latest = rebuild.current()
    return render_template(
        "views/dashboard/totals.html",
        form=form,
        job=latest,
        stopped=latest is not None and jobs.stopped(latest),
        built=tallies.built(),
    )

"""The case's chronology: read it with filters (by child, type of event and dates), print it,
add a significant event, and correct one (with a reason, kept as a dated amendment).

Whoever may see the case reads its chronology, without management oversight for practitioners
from other agencies (services/access.py); whoever may change the case adds and corrects events.
"""

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from conference.chronology import bp
from conference.chronology.forms import EVENT_LABELS, CorrectionForm, EventForm, FilterForm
from conference.common.access import signed_in
from conference.common.forms import conflict_rows
from conference.domain.chronology import Filters, shown
from conference.domain.wording import long_date
from conference.extensions import db
from conference.pdf import chronology as chronology_document
from conference.pdf import documents
from conference.pdf.download import download
from conference.services import access, records
from conference.services import chronology as services


@bp.route("/cases/<int:case_id>/chronology")
@signed_in
def chronology(case_id: int):
    """The chronology of the children and the family, oldest first, filtered by child, type
    of event and dates. Every view is audited.

    :raise 404: no such case, or one the user may not see.
    """
    case = access.case_to_view(current_user, case_id)
    with_oversight = access.may_see_oversight(current_user, case)
    form = FilterForm(request.args if request.args else None, case.children, with_oversight)
    valid = not request.args or form.validate()
    filters = form.filters() if request.args and valid else Filters()
    events = []
    if valid:
        events = shown(services.events_of(case, with_oversight), filters)
        services.view_chronology(current_user, case, filters)
    page = render_template(
        "views/chronology/chronology.html",
        case=case,
        form=form,
        valid=valid,
        filters=filters,
        events=events,
        names={child.id: child.given_name for child in case.children},
        may_edit=access.can_edit(current_user, case),
        print_url=_with_query(url_for(".print_chronology", case_id=case.id)),
    )
    db.session.commit()
    return page


@bp.route("/cases/<int:case_id>/chronology/print")
@signed_in
def print_chronology(case_id: int):
    """The chronology as a PDF, with the filters of the page it was printed from. Every print
    is audited. Filters that are not valid send the user back to the page that says why.

    :raise 404: no such case, or one the user may not see.
    """
    case = access.case_to_view(current_user, case_id)
    with_oversight = access.may_see_oversight(current_user, case)
    form = FilterForm(request.args if request.args else None, case.children, with_oversight)
    if request.args and not form.validate():
        return redirect(_with_query(url_for(".chronology", case_id=case.id)))
    filters = form.filters() if request.args else Filters()
    printed = chronology_document.Chronology(case, filters, with_oversight)
    response = download(documents.CHRONOLOGY, printed, current_user)
    db.session.commit()
    return response


@bp.route("/cases/<int:case_id>/chronology/new", methods=["GET", "POST"])
@signed_in
def new_event(case_id: int):
    """Add a significant event to the chronology.

    :raise 404: no such case, or one the user may not see.
    :raise 403: the user may see the case but not change it.
    """
    case = access.case_to_edit(current_user, case_id)
    form = EventForm(children=case.children)
    already = []
    if form.validate_on_submit():
        details = form.details()
        already = services.already_recorded(case, details["occurred_on"], details["child_ids"])
        if not already or request.form.get("another") == "yes":
            services.add_event(current_user, case, **details)
            db.session.commit()
            flash("Event added to the chronology", "success")
            return redirect(url_for(".chronology", case_id=case.id))
    return render_template(
        "views/chronology/event_form.html",
        form=form,
        case=case,
        event=None,
        already=[_already(case, event) for event in already],
    )


def _already(case, event) -> dict:
    """An event recorded already, as the check before saving another names it."""
    recorded_by = event.recorded_by.name if event.recorded_by else "someone"
    what = f"{event.what_happened} (recorded by {recorded_by})"
    return {
        "text": f"{long_date(event.occurred_on)}: {what}",
        "href": url_for(".correct_event", case_id=case.id, event_id=event.id),
    }


@bp.route("/cases/<int:case_id>/chronology/<int:event_id>/correct", methods=["GET", "POST"])
@signed_in
def correct_event(case_id: int, event_id: int):
    """Correct a significant event entered by hand. The reason is required; what it said before
    is kept and shown as an amendment. A save based on an older version is refused and shows
    what the other person changed.

    :raise 404: no such case or event, or a case the user may not see.
    :raise 403: the user may see the case but not change it.
    """
    case = access.case_to_edit(current_user, case_id)
    event = services.event_of(case, event_id)
    if event is None:
        abort(404)
    form = CorrectionForm(obj=event, children=case.children)
    if not form.is_submitted():
        form.fill_from(event)
    conflict = None
    if form.validate_on_submit():
        try:
            services.correct_event(
                current_user, event, form.version.data, form.reason.data, **form.details()
            )
        except services.NothingChanged:
            form.what_happened.errors.append(
                "Change the event, or go back if there is nothing to correct"
            )
        except records.StaleVersion:
            names = {child.id: child.name for child in case.children}
            conflict = conflict_rows(form, event, EVENT_LABELS, show=lambda v: _shown(v, names))
            form.refresh_version(event)
        else:
            db.session.commit()
            flash("Correction saved: the earlier wording is kept", "success")
            return redirect(url_for(".chronology", case_id=case.id))
    return render_template(
        "views/chronology/event_form.html", form=form, case=case, event=event, conflict=conflict
    )


def _with_query(address: str) -> str:
    """The address with this request's filters (a date's three boxes each kept)."""
    query = request.query_string.decode("ascii", "replace")
    return f"{address}?{query}" if query else address


def _shown(value, names: dict[int, str]) -> str:
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(names.get(v, "") for v in value) or "The whole family"
    return "" if value is None else str(value)

"""The Strengthening Families map (the live screen the room watches is in wall_views.py)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from conference.common.access import signed_in
from conference.conferences import bp
from conference.conferences.map_forms import MapItemForm, MoveForm, conflicts
from conference.domain.mapping import HEADING_KEYS, HEADINGS, UP, heading
from conference.extensions import db
from conference.services import access, drafts, records
from conference.services.conferences import family_copy, wall
from conference.services.conferences import map as conference_map


@bp.route("/conferences/<int:conference_id>/map", endpoint="map")
@signed_in
def show_map(conference_id: int):
    """All six headings of the map, with their items in order. Every view is audited.

    :raise 404: the conference's case is not visible to the user.
    """
    conference = access.conference_to_view(current_user, conference_id)
    conference_map.view_map(current_user, conference)
    db.session.commit()
    return render_template(
        "views/conferences/map.html",
        conference=conference,
        headings=conference_map.map_of(conference),
        too_many_worries=conference_map.too_many_worries(conference),
        kept_off=wall.kept_off_map_items(conference),
        kept_from_family=family_copy.kept_map_items(conference),
        can_change=access.may_record_in_room(current_user, conference) and not conference.finalised,
    )


@bp.route("/conferences/<int:conference_id>/map/new", methods=["GET", "POST"])
@signed_in
def new_map_item(conference_id: int):
    """Add an item to the map, under the heading given as `?heading=` if any.

    :raise 404: not visible. :raise 403: may not change it. :raise 409: finalised.
    """
    conference = access.conference_to_record(current_user, conference_id)
    children = conference.case.children
    chosen = request.args.get("heading")
    chosen = chosen if chosen in HEADING_KEYS else None
    form = MapItemForm(children)
    if not form.is_submitted():
        form.heading.data = chosen
        if len(children) == 1:
            form.child_ids.data = [str(children[0].id)]
    if form.validate_on_submit():
        item = conference_map.add_item(current_user, conference, **form.details())
        drafts.clear_draft(current_user, _autosave_key(conference, _new_key(chosen)))
        db.session.commit()
        flash(f"Added to {heading(item.heading).label}", "success")
        return _back_to_map(conference, item)
    return _form_page(form, conference, None, None, _new_key(chosen))


@bp.route("/conferences/<int:conference_id>/map/<int:item_id>", methods=["GET", "POST"])
@signed_in
def edit_map_item(conference_id: int, item_id: int):
    """Change an item of the map.

    :raise 404: not visible, or the item is not on this conference's map.
    :raise 403: may not change it. :raise 409: finalised.
    """
    conference = access.conference_to_record(current_user, conference_id)
    item = _item(conference, item_id)
    children = conference.case.children
    form = MapItemForm(children, obj=item)
    conflict = None
    if form.validate_on_submit():
        try:
            conference_map.update_item(current_user, item, form.version.data, **form.details())
        except records.StaleVersion:
            conflict = conflicts(form, item, children)
            form.refresh_version(item)
        else:
            drafts.clear_draft(current_user, _autosave_key(conference, str(item.id)))
            db.session.commit()
            flash(f"Changes saved under {heading(item.heading).label}", "success")
            return _back_to_map(conference, item)
    return _form_page(form, conference, item, conflict, str(item.id))


@bp.route("/conferences/<int:conference_id>/map/<int:item_id>/move", methods=["POST"])
@signed_in
def move_map_item(conference_id: int, item_id: int):
    """Move an item up or down within its heading (`direction=up|down`), or to the end of
    another heading (`heading=<key>`).

    :raise 404: not visible, or the item is not on this conference's map.
    :raise 403: may not change it. :raise 409: finalised.
    :raise 400: neither a direction nor a heading was given.
    """
    conference = access.conference_to_record(current_user, conference_id)
    item = _item(conference, item_id)
    form = MoveForm()
    if not form.validate_on_submit():
        abort(400)
    if form.direction.data:
        conference_map.move_item(current_user, item, direction=form.direction.data)
        flash("Moved up" if form.direction.data == UP else "Moved down", "success")
    else:
        conference_map.move_item(current_user, item, heading=form.heading.data)
        flash(f"Moved to {heading(item.heading).label}", "success")
    db.session.commit()
    return _back_to_map(conference, item)


def _item(conference, item_id: int):
    item = conference_map.item_in(conference, item_id)
    if item is None:
        abort(404)
    return item


def _back_to_map(conference, item):
    return redirect(url_for(".map", conference_id=conference.id, _anchor=f"item-{item.id}"))


def _form_page(form, conference, item, conflict, key: str):
    return render_template(
        "views/conferences/map_item.html",
        form=form,
        conference=conference,
        item=item,
        conflict=conflict,
        headings=HEADINGS,
        autosave_key=_autosave_key(conference, key),
    )


def _new_key(chosen_heading) -> str:
    # Draft keys are lowercase letters, digits and hyphens: "danger_harm" becomes "danger-harm".
    return f"new-{chosen_heading.replace('_', '-')}" if chosen_heading else "new"


def _autosave_key(conference, key: str) -> str:
    return f"conference-{conference.id}-map-item-{key}"

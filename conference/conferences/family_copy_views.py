"""What the family's copy leaves out (issue 19): a child's words, a map item or an identity
answer kept out of every family document, with the reason the professional record shows, one
at a time, and put back again. Kept things are never on the live screen either."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from conference.common.access import signed_in
from conference.conferences import bp
from conference.conferences.family_copy_forms import KeepFromFamilyForm, PutBackForm
from conference.extensions import db
from conference.services import access
from conference.services.conferences import family_copy, kept_from_family


@bp.route("/conferences/<int:conference_id>/family-copy")
@signed_in
def family_copy_leaves_out(conference_id: int):
    """Everything a family document could print from the conference, grouped as the record
    is, each saying whether it is in the family's copy (or why not), with a link to change it.

    :raise 404: not visible. :raise 403: may not change the conference.
    """
    conference = access.conference_to_keep_from_family(current_user, conference_id)
    family_copy.view(current_user, conference)
    db.session.commit()
    things = family_copy.keepable(conference)
    groups: dict[str, list[family_copy.Keepable]] = {}
    for thing in things:
        groups.setdefault(thing.group, []).append(thing)
    return render_template(
        "views/conferences/family_copy.html",
        conference=conference,
        groups=list(groups.items()),
        anchor=anchor,
        # What is kept out, but repeated in something a family copy still prints.
        repeated={
            thing.value: family_copy.repeated_elsewhere(conference, thing, things)
            for thing in things
            if thing.kept
        },
    )


@bp.route("/conferences/<int:conference_id>/family-copy/keep", methods=["GET", "POST"])
@signed_in
def keep_from_family(conference_id: int):
    """Keep one thing out of every family copy, with the reason: the thing named in the
    address (`?item=child_voice:3:own_words`, from the list's "Keep out" link), or else chosen
    on the page. Without a reason the page asks for it and keeps what was typed.

    :raise 404: not visible, or the address names no thing of this conference's.
    :raise 403: may not change the conference.
    """
    conference = access.conference_to_keep_from_family(current_user, conference_id)
    # What no family document prints has nothing to keep out of it.
    things = [thing for thing in family_copy.keepable(conference) if thing.printed]
    form = KeepFromFamilyForm()
    # Anything of the conference's: one kept a moment ago (another tab) is said to be kept.
    form.offered = {thing.value: thing.label for thing in things}
    # Everything, so the page is the same whatever is kept: choosing one kept already says so.
    form.item.choices = [
        (t.value, t.choice_label + (" (kept out already)" if t.kept else "")) for t in things
    ]
    if form.validate_on_submit():
        thing = next(t for t in things if t.value == form.item.data)
        kept = kept_from_family.keep(current_user, conference, thing.key, form.reason.data)
        db.session.commit()
        flash(
            "It is kept out of the family’s copy" if kept else "It was kept out already", "success"
        )
        return _back(conference, thing)
    chosen = form.item.data if form.is_submitted() else request.args.get("item")
    thing = next((t for t in things if t.value == chosen), None)
    if not form.is_submitted() and chosen is not None:
        if thing is None:
            abort(404)
        if thing.kept:
            return _back(conference, thing)
        form.item.data = thing.value
    _viewed(conference)
    shown = thing if thing is not None and not thing.kept else None
    return render_template(
        "views/conferences/family_copy_keep.html",
        form=form,
        conference=conference,
        # Shown alone when it was named (or chosen, and the reason was missing).
        thing=shown,
        # The same words a family copy would still print elsewhere.
        repeated=family_copy.repeated_elsewhere(conference, shown) if shown else [],
    )


@bp.route("/conferences/<int:conference_id>/family-copy/put-back", methods=["GET", "POST"])
@signed_in
def put_back_in_family_copy(conference_id: int):
    """Put one kept thing back in the family's copies, once asked "are you sure": the thing
    named in the address (from the list's "Put back" link), or else chosen on the page.

    :raise 404: not visible, or the address names no thing of this conference's.
    :raise 403: may not change the conference.
    """
    conference = access.conference_to_keep_from_family(current_user, conference_id)
    things = family_copy.keepable(conference)
    form = PutBackForm()
    # Anything of the conference's: one put back a moment ago (another tab) is said to be back.
    form.offered = {thing.value: thing.label for thing in things}
    form.item.choices = [(t.value, t.choice_label) for t in things if t.kept]
    if form.validate_on_submit():
        thing = next(t for t in things if t.value == form.item.data)
        put_back = kept_from_family.release(current_user, conference, thing.key)
        db.session.commit()
        flash("It is back in the family’s copy" if put_back else "It was in it already", "success")
        return _back(conference, thing)
    chosen = form.item.data if form.is_submitted() else request.args.get("item")
    thing = next((t for t in things if t.value == chosen), None)
    if not form.is_submitted() and chosen is not None:
        if thing is None:
            abort(404)
        if not thing.kept:
            return _back(conference, thing)
    _viewed(conference)
    return render_template(
        "views/conferences/family_copy_put_back.html",
        form=form,
        conference=conference,
        thing=thing if thing is not None and thing.kept else None,
    )


def _viewed(conference) -> None:
    """The pages show what a child said: each showing is audited, like the list's."""
    family_copy.view(current_user, conference)
    db.session.commit()


def _back(conference, thing: family_copy.Keepable):
    url = url_for(".family_copy_leaves_out", conference_id=conference.id)
    return redirect(f"{url}#{anchor(thing)}")


def anchor(thing: family_copy.Keepable) -> str:
    return "item-" + thing.value.replace(":", "-").rstrip("-")

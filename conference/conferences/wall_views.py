"""The live screen the room watches during the conference (the wall): the screen itself, the
chair revealing a round of scores, the stage of the meeting it shows, and what is kept off it."""

from hashlib import sha256

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup

from conference.common.access import background, signed_in
from conference.conferences import bp
from conference.conferences.wall_forms import KeptOffForm, RevealForm, StageForm
from conference.domain import wall_stages
from conference.domain.mapping import WORRY, worry_text
from conference.domain.wording import and_list
from conference.extensions import db
from conference.services import access
from conference.services.conferences import map as conference_map
from conference.services.conferences import scaling as scaling_service
from conference.services.conferences import wall
from conference.services.conferences.scaling import Wording

BACK_TO_LIVE = "live"


@bp.route("/conferences/<int:conference_id>/live")
@signed_in
def live(conference_id: int):
    """The live screen for the room: the map, the children's words, identity, the safety goals,
    the scaling and the decisions, in large type. It keeps itself up to date by asking
    `live_data` every few seconds.

    :raise 404: the conference's case is not visible to the user.
    """
    conference = access.conference_to_view(current_user, conference_id)
    # Audited once per page load, not per poll: the poll every 5 seconds would write 720 rows an
    # hour and bury real views in the trail, and it only refreshes what this audited load showed
    # (each poll still checks that the user may see the conference).
    conference_map.view_live(current_user, conference)
    db.session.commit()
    fragment = _live_fragment(conference)
    return render_template(
        "views/conferences/live.html",
        conference=conference,
        # Rendered just above by Jinja with autoescaping: user text in it is already escaped.
        fragment=Markup(fragment),  # noqa: S704
        stamp=_stamp(fragment),
        can_change=_can_change(conference),
    )


@bp.route("/conferences/<int:conference_id>/live.json")
@background
@signed_in
def live_data(conference_id: int):
    """The live screen's content as HTML rendered here (autoescaped), with a stamp that changes
    whenever the content does, so the page replaces it only then.

    :raise 404: the conference's case is not visible to the user.
    """
    conference = access.conference_to_view(current_user, conference_id)
    fragment = _live_fragment(conference)
    return jsonify(html=fragment, stamp=_stamp(fragment))


@bp.route("/conferences/<int:conference_id>/scaling/reveal", methods=["GET", "POST"])
@signed_in
def reveal_scores(conference_id: int):
    """The chair shows the room a round of scores: the overall round, or one worry statement's
    (`worry=<map item id>`). Offered once anyone has scored; before everyone present has, the
    page says who has not and that they would see the others' scores before giving theirs.

    :raise 403: not this conference's chair.
    :raise 404: not visible, or no such worry statement here.
    :raise ConferenceFinalised: finalised (409): its scores are all on the record already.
    """
    conference = access.conference_to_decide(current_user, conference_id)
    form = RevealForm()
    worry = form.worry.data if form.is_submitted() else request.args.get("worry", "")
    item = _worry_statement(conference, worry)
    round_ = scaling_service.round_of(conference, item)
    if form.validate_on_submit() and round_.scored:
        scaling_service.reveal(current_user, conference, item)
        db.session.commit()
        flash("The scores are shown to the room", "success")
        return _back(conference, form.back.data)
    if not form.is_submitted():
        form.worry.data = str(item.id) if item is not None else ""
        form.back.data = BACK_TO_LIVE if request.args.get("back") == BACK_TO_LIVE else ""
    return render_template(
        "views/conferences/reveal_scores.html",
        form=form,
        conference=conference,
        item=item,
        worry_text=worry_text,
        round=round_,
        warning=_not_everyone(round_),
        back_url=_back_url(conference, form.back.data),
    )


@bp.route("/conferences/<int:conference_id>/live/what-the-room-sees", methods=["GET", "POST"])
@signed_in
def what_the_room_sees(conference_id: int):
    """Everything the live screen can show, each with a box to keep it off the screen: a map
    item, a child's words, or one identity answer.

    :raise 404: not visible. :raise 403: may not record in the room (access.may_record_in_room).
    :raise ConferenceFinalised: finalised (409).
    """
    conference = access.conference_to_record(current_user, conference_id)
    form = KeptOffForm()
    if form.validate_on_submit():
        keep = {key for key in map(wall.parse_key, form.keep.data or []) if key}
        was = {key for key in map(wall.parse_key, form.was_kept.data or []) if key}
        changed = wall.change_kept_off(current_user, conference, keep, was)
        db.session.commit()
        flash("What the room sees is saved" if changed else "Nothing was changed", "success")
        return redirect(url_for(".what_the_room_sees", conference_id=conference.id))
    return _what_the_room_sees_page(conference, kept_off_form=form)


@bp.route("/conferences/<int:conference_id>/live/stage", methods=["POST"])
@signed_in
def live_stage(conference_id: int):
    """The stage of the meeting the live screen shows the room now (the map, the children's
    voices, …): the screen follows at its next refresh. Chosen by whoever may choose what the
    room sees; a choice that is no stage is explained on the page and changes nothing.

    :raise 404: not visible. :raise 403: may not record in the room.
    :raise ConferenceFinalised: finalised (409).
    """
    conference = access.conference_to_record(current_user, conference_id)
    form = StageForm()
    if not form.validate_on_submit():
        return _what_the_room_sees_page(conference, stage_form=form)
    changed = wall.choose_stage(current_user, conference, form.stage.data)
    db.session.commit()
    shown = wall_stages.label(form.stage.data)
    flash(f"The screen {'shows' if changed else 'already shows'}: {shown}", "success")
    return redirect(url_for(".what_the_room_sees", conference_id=conference.id))


def _what_the_room_sees_page(conference, kept_off_form=None, stage_form=None):
    """The page, audited as viewed; the form that was sent (if any) keeps what was sent."""
    wall.view_what_the_room_sees(current_user, conference)
    db.session.commit()
    if stage_form is None:
        stage_form = StageForm(formdata=None, stage=wall.stage_of(conference))
    if kept_off_form is None:
        kept_off_form = KeptOffForm(formdata=None)
    return render_template(
        "views/conferences/what_the_room_sees.html",
        # The error summary is the form that was sent's.
        form=stage_form if stage_form.errors else kept_off_form,
        stage_form=stage_form,
        kept_off_form=kept_off_form,
        conference=conference,
        groups=_grouped(wall.keepable(conference)),
    )


def _live_fragment(conference) -> str:
    wording = Wording.from_config(current_app.config)
    return render_template(
        "views/conferences/live_content.html",
        conference=conference,
        can_reveal=access.chairs(current_user, conference) and not conference.finalised,
        **wall.live_content(conference, wording),
    )


def _stamp(fragment: str) -> str:
    return sha256(fragment.encode()).hexdigest()[:16]


def _can_change(conference) -> bool:
    return access.may_record_in_room(current_user, conference) and not conference.finalised


def _worry_statement(conference, worry: str | None):
    """The worry statement named by the form or address; None for the overall round.

    :raise 404: not a worry statement on this conference's map.
    """
    if not worry:
        return None
    # A map item id is a database integer: anything longer is no item.
    if not (worry.isascii() and worry.isdigit() and len(worry) <= 9):
        abort(404)
    item = conference_map.item_in(conference, int(worry))
    if item is None or item.heading != WORRY:
        abort(404)
    return item


def _not_everyone(round_: scaling_service.Round) -> str:
    """The warning when the chair would reveal before everyone present has scored: allowed,
    because someone may not want to score or may have left the room, but they are told."""
    if not round_.waiting:
        return ""
    names = list(round_.waiting)
    return (
        f"Not everyone present has scored. {and_list(names)} "
        f"{'has' if len(names) == 1 else 'have'} not scored yet. If you reveal the scores now, "
        "they will see everyone else’s before giving their own."
    )


def _grouped(things: list[wall.Keepable]) -> list[tuple[str, list[wall.Keepable]]]:
    groups: dict[str, list[wall.Keepable]] = {}
    for thing in things:
        groups.setdefault(thing.group, []).append(thing)
    return list(groups.items())


def _back_url(conference, back: str | None) -> str:
    endpoint = ".live" if back == BACK_TO_LIVE else ".scaling"
    return url_for(endpoint, conference_id=conference.id)


def _back(conference, back: str | None):
    return redirect(_back_url(conference, back))

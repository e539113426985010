"""A child's episodes of need and their section 47 enquiries: the list, and adding and
changing them. Seen by whoever may see the case; changed by whoever may change it."""

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from conference.common.access import signed_in
from conference.common.forms import conflict_rows
from conference.domain.cin_codes import CLOSURE_REASONS, PRIMARY_NEED_CODES, REFERRAL_SOURCES
from conference.domain.wording import long_date
from conference.episodes import bp
from conference.episodes.forms import (
    ENQUIRY_LABELS,
    EPISODE_LABELS,
    OUTCOMES,
    EnquiryForm,
    EpisodeForm,
    add_errors,
)
from conference.extensions import db
from conference.services import access, records
from conference.services import episodes as services

BASE = "/cases/<int:case_id>/children/<int:child_id>/episodes"


@bp.route(BASE)
@signed_in
def list_episodes(case_id: int, child_id: int):
    """The child's episodes, newest first, each with its section 47 enquiries.

    :raise 404: no such case or child, or a case the user may not see.
    """
    case, child = services.child_to_view(current_user, case_id, child_id)
    services.view_episodes(current_user, child)
    db.session.commit()
    return render_template(
        "views/episodes/list.html",
        case=case,
        child=child,
        episodes=list(reversed(child.episodes)),
        can_edit=access.can_edit(current_user, case),
        may_add=services.may_add_episode(child),
        codes={
            "source": REFERRAL_SOURCES,
            "need": PRIMARY_NEED_CODES,
            "closure": CLOSURE_REASONS,
            "outcome": OUTCOMES,
        },
    )


@bp.route(f"{BASE}/new", methods=["GET", "POST"])
@signed_in
def new_episode(case_id: int, child_id: int):
    """Open a new episode for the child, once the last one has closed.

    :raise 404: no such case or child, or a case the user may not see.
    :raise 403: the user may see the case but not change it.
    """
    case, child = services.child_to_change(current_user, case_id, child_id)
    form = EpisodeForm()
    last = child.current_episode
    if not form.is_submitted():
        form.version.data = last.version if last is not None else 0
    conflict: list[dict] | None = None
    if form.validate_on_submit():
        saved, conflict = _save(
            form,
            lambda: services.create_episode(
                current_user, child, form.version.data, **form.details()
            ),
            lambda: _added_meanwhile(form, lambda: child.current_episode),
        )
        if saved:
            flash(f"New episode saved for {child.name}", "success")
            return redirect(_list(child))
    return _episode_page(
        form,
        case,
        child,
        None,
        conflict,
        may_add=services.may_add_episode(child),
        previous=services.previous_episode(child, None),
    )


@bp.route(f"{BASE}/<int:episode_id>/edit", methods=["GET", "POST"])
@signed_in
def edit_episode(case_id: int, child_id: int, episode_id: int):
    """Change an episode's referral, assessment, plan and closure.

    :raise 404: no such case, child or episode, or a case the user may not see.
    :raise 403: the user may see the case but not change it.
    """
    case, child = services.child_to_change(current_user, case_id, child_id)
    episode = services.episode_of(child, episode_id)
    form = EpisodeForm(obj=episode)
    if not form.is_submitted():
        form.fill_from(episode)
    conflict = None
    if form.validate_on_submit():
        saved, conflict = _save(
            form,
            lambda: services.update_episode(
                current_user, episode, form.version.data, **form.details()
            ),
            lambda: _changed_meanwhile(form, episode, EPISODE_LABELS),
        )
        if saved:
            flash(f"Episode from {long_date(episode.referral_date)} saved", "success")
            return redirect(_list(child))
    return _episode_page(form, case, child, episode, conflict, may_add=True, previous=None)


@bp.route(f"{BASE}/<int:episode_id>/enquiries/new", methods=["GET", "POST"])
@signed_in
def new_enquiry(case_id: int, child_id: int, episode_id: int):
    """Add a section 47 enquiry to the episode, beside those already recorded.

    :raise 404: no such case, child or episode, or a case the user may not see.
    :raise 403: the user may see the case but not change it.
    """
    case, child = services.child_to_change(current_user, case_id, child_id)
    episode = services.episode_of(child, episode_id)
    form = EnquiryForm(episode)
    if not form.is_submitted():
        form.version.data = episode.version
    conflict: list[dict] | None = None
    if form.validate_on_submit():
        saved, conflict = _save(
            form,
            lambda: services.create_enquiry(
                current_user, episode, form.version.data, **form.details()
            ),
            lambda: _added_meanwhile(form, lambda: episode),
        )
        if saved:
            flash(f"Section 47 enquiry saved for {child.name}", "success")
            return redirect(_list(child))
    return _enquiry_page(form, case, child, episode, None, conflict)


@bp.route(f"{BASE}/<int:episode_id>/enquiries/<int:enquiry_id>/edit", methods=["GET", "POST"])
@signed_in
def edit_enquiry(case_id: int, child_id: int, episode_id: int, enquiry_id: int):
    """Change a section 47 enquiry's dates and outcome.

    :raise 404: no such case, child, episode or enquiry, or a case the user may not see.
    :raise 403: the user may see the case but not change it.
    """
    case, child = services.child_to_change(current_user, case_id, child_id)
    episode = services.episode_of(child, episode_id)
    enquiry = services.enquiry_of(episode, enquiry_id)
    form = EnquiryForm(episode, obj=enquiry)
    conflict = None
    if form.validate_on_submit():
        saved, conflict = _save(
            form,
            lambda: services.update_enquiry(
                current_user, enquiry, form.version.data, **form.details()
            ),
            lambda: _changed_meanwhile(form, enquiry, ENQUIRY_LABELS),
        )
        if saved:
            flash(f"Section 47 enquiry from {long_date(enquiry.started_on)} saved", "success")
            return redirect(_list(child))
    return _enquiry_page(form, case, child, episode, enquiry, conflict)


def _save(
    form, save: Callable[[], object], stale: Callable[[], list[dict]]
) -> tuple[bool, list[dict] | None]:
    """Save and commit: (True, None); or, when someone else saved first, (False, the conflict
    table); or, when the service refuses, (False, None) with its problems on the form."""
    try:
        save()
    except records.StaleVersion:
        return False, stale()
    except services.EpisodeRefused as refused:
        add_errors(form, refused.problems)
        return False, None
    db.session.commit()
    return True, None


def _added_meanwhile(form, latest: Callable[[], Any]) -> list[dict]:
    """Someone else added to the child's record first: the episodes page shows what they added,
    so there is nothing to compare row by row; the answers stay on the form to save again.
    `latest` is read after the rollback, so that it is the record as they left it."""
    db.session.rollback()
    record = latest()
    form.version.data, form.version.raw_data = (record.version if record is not None else 0), None
    return []


def _changed_meanwhile(form, record, labels: dict[str, str]) -> list[dict]:
    conflict = conflict_rows(form, record, labels, _shown)
    form.refresh_version(record)
    return conflict


def _episode_page(form, case, child, episode, conflict, *, may_add, previous):
    return render_template(
        "views/episodes/episode_form.html",
        form=form,
        case=case,
        child=child,
        episode=episode,
        may_add=may_add,
        previous=previous,
        conflict=conflict,
    )


def _enquiry_page(form, case, child, episode, enquiry, conflict):
    return render_template(
        "views/episodes/enquiry_form.html",
        form=form,
        case=case,
        child=child,
        episode=episode,
        enquiry=enquiry,
        conflict=conflict,
    )


def _list(child) -> str:
    return url_for(".list_episodes", case_id=child.case_id, child_id=child.id)


def _shown(value) -> str:
    """A stored or typed answer as the conflict table shows it."""
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    text = str(value)
    for codes in (REFERRAL_SOURCES, PRIMARY_NEED_CODES, CLOSURE_REASONS, OUTCOMES):
        if text in codes:
            return codes[text]
    return text

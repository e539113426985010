"""The children and adults of a case: adding them, the child's page, and their identity answers.

Every page checks the case first (`access.case_to_view` or `case_to_edit`), then that the child
or adult belongs to that case.
"""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from conference.common.access import signed_in
from conference.common.identity import prompts_that_fit
from conference.domain import clock
from conference.domain.identity import IDENTITY_TEXT_FIELDS
from conference.extensions import db
from conference.people import bp, display
from conference.people.forms import (
    IDENTITY_SECTIONS,
    ChildForm,
    IdentityForm,
    NewChildForm,
    adult_form,
)
from conference.services import access, episodes, records
from conference.services import people as services

LOCAL_ID_TAKEN = "Another child already has this ID"


@bp.route("/children/new", methods=["GET", "POST"])
@signed_in
def new_child(case_id: int):
    """Add a child to the case.

    :raise 404: no such case, or one the user may not see.
    :raise 403: the user may see the case but not change it.
    """
    case = access.case_to_edit(current_user, case_id)
    form = NewChildForm()
    if not form.is_submitted():
        form.referral_source.data, form.primary_need_code.data = episodes.sibling_referral(case)
    if form.validate_on_submit():
        try:
            child = services.create_child(
                current_user, case, referral=form.referral(), **form.details()
            )
        except services.LocalChildIdTaken:
            form.local_child_id.errors.append(LOCAL_ID_TAKEN)
        else:
            db.session.commit()
            flash(f"{child.name} added to the case", "success")
            return redirect(url_for("people.show_child", case_id=case.id, child_id=child.id))
    return render_template("views/people/new_child.html", form=form, case=case)


@bp.route("/children/<int:child_id>")
@signed_in
def show_child(case_id: int, child_id: int):
    """The child's details, identity and the adults in their life. Every view is audited.

    :raise 404: no such case or child, or a case the user may not see.
    """
    case = access.case_to_view(current_user, case_id)
    child = _child(case, child_id)
    services.view_child(current_user, child)
    db.session.commit()
    can_edit = access.can_edit(current_user, case)
    change_details = url_for(".edit_child", **_ids(child)) if can_edit else None
    change_identity = url_for(".edit_child_identity", **_ids(child)) if can_edit else None
    return render_template(
        "views/people/show_child.html",
        case=case,
        child=child,
        can_edit=can_edit,
        detail_rows=display.child_rows(child, clock.today(), change_details),
        identity_sections=display.identity_sections(child, change_identity),
        relationships=services.relationships_of(child),
    )


@bp.route("/children/<int:child_id>/edit", methods=["GET", "POST"])
@signed_in
def edit_child(case_id: int, child_id: int):
    """Change a child's details.

    :raise 404: no such case or child, or a case the user may not see.
    :raise 403: the user may see the case but not change it.
    """
    case = access.case_to_edit(current_user, case_id)
    child = _child(case, child_id)
    form = ChildForm(obj=child)
    if not form.is_submitted():
        form.fill_from(child)
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_child(current_user, child, form.version.data, **form.details())
        except services.LocalChildIdTaken:
            form.local_child_id.errors.append(LOCAL_ID_TAKEN)
        except records.StaleVersion:
            conflict = display.child_conflicts(form, child)
            form.refresh_version(child)
        else:
            db.session.commit()
            flash(f"Changes to {child.name} saved", "success")
            return redirect(url_for(".show_child", **_ids(child)))
    return render_template(
        "views/people/edit_child.html", form=form, case=case, child=child, conflict=conflict
    )


@bp.route("/children/<int:child_id>/identity", methods=["GET", "POST"])
@signed_in
def edit_child_identity(case_id: int, child_id: int):
    """Answer the identity questions for a child.

    :raise 404: no such case or child, or a case the user may not see.
    :raise 403: the user may see the case but not change it.
    """
    case = access.case_to_edit(current_user, case_id)
    child = _child(case, child_id)
    return _edit_identity(case, child, url_for(".show_child", **_ids(child)))


@bp.route("/adults/new", methods=["GET", "POST"])
@signed_in
def new_adult(case_id: int):
    """Add a parent, carer or other adult to the case, and how they are related to each child.

    :raise 404: no such case, or one the user may not see.
    :raise 403: the user may see the case but not change it.
    """
    case = access.case_to_edit(current_user, case_id)
    form = adult_form(case.children)
    if form.validate_on_submit():
        adult = services.create_adult(current_user, case, form.relationships(), **form.details())
        db.session.commit()
        flash(f"{adult.name} added to the case", "success")
        return redirect(_case_url(case))
    return render_template("views/people/new_adult.html", form=form, case=case)


@bp.route("/adults/<int:adult_id>/edit", methods=["GET", "POST"])
@signed_in
def edit_adult(case_id: int, adult_id: int):
    """Change an adult's details and how they are related to each child.

    :raise 404: no such case or adult, or a case the user may not see.
    :raise 403: the user may see the case but not change it.
    """
    case = access.case_to_edit(current_user, case_id)
    adult = _adult(case, adult_id)
    form = adult_form(case.children, obj=adult)
    if not form.is_submitted():
        form.fill_from(adult)
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_adult(
                current_user, adult, form.version.data, form.relationships(), **form.details()
            )
        except records.StaleVersion:
            conflict = display.adult_conflicts(form, adult)
            form.refresh_version(adult)
        else:
            db.session.commit()
            flash(f"Changes to {adult.name} saved", "success")
            return redirect(_case_url(case))
    return render_template(
        "views/people/edit_adult.html", form=form, case=case, adult=adult, conflict=conflict
    )


@bp.route("/adults/<int:adult_id>/identity", methods=["GET", "POST"])
@signed_in
def edit_adult_identity(case_id: int, adult_id: int):
    """Answer the identity questions for an adult.

    :raise 404: no such case or adult, or a case the user may not see.
    :raise 403: the user may see the case but not change it.
    """
    case = access.case_to_edit(current_user, case_id)
    adult = _adult(case, adult_id)
    return _edit_identity(case, adult, _case_url(case))


def _edit_identity(case, person, done_url: str):
    form = IdentityForm(obj=person)
    if not form.is_submitted():
        form.fill_from(person)
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_identity(current_user, person, form.version.data, **form.answers())
        except records.StaleVersion:
            conflict = display.identity_conflicts(form, person)
            form.refresh_version(person)
        else:
            db.session.commit()
            flash(f"Identity answers for {person.name} saved", "success")
            return redirect(done_url)
    return render_template(
        "views/people/identity.html",
        form=form,
        case=case,
        person=person,
        back_url=done_url,
        sections=IDENTITY_SECTIONS,
        prompts=IDENTITY_TEXT_FIELDS,
        fitting=prompts_that_fit(person),
        conflict=conflict,
    )


def _child(case, child_id: int):
    return services.child_in_case(case, child_id) or abort(404)


def _adult(case, adult_id: int):
    return services.adult_in_case(case, adult_id) or abort(404)


def _ids(child) -> dict:
    return {"case_id": child.case_id, "child_id": child.id}


def _case_url(case) -> str:
    return url_for("cases.show_case", case_id=case.id)

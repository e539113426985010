"""Each person's own copy of the family plan: the page before the download (the copy's language
and format, and what staff must know before printing), the downloads (the family plan in their
language and format, the easy-read plan, the child's own plan), and the chair agreeing that a
young person has their own copy. Downloads have the family plan's access and audit; the audit
row says whose copy by kind and id (`pdf/documents.own_copy`)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from conference.common.access import signed_in
from conference.documents import bp
from conference.documents.forms import InterpreterForm, OwnCopyForm
from conference.extensions import db
from conference.pdf import own_copies
from conference.pdf.download import download
from conference.pdf.own_copies import ADULT, CHILD, CHILD_PLAN, EASY_READ, FAMILY
from conference.services import access
from conference.services import own_copies as services

ADULTS = "/plans/<int:plan_id>/copies/adults/<int:adult_id>"
CHILDREN = "/plans/<int:plan_id>/copies/children/<int:child_id>"


@bp.route(ADULTS, methods=["GET", "POST"])
@signed_in
def adult_copy(plan_id: int, adult_id: int):
    """An adult's own copy: what it will be, and the download (see `_copy_page`).

    :raise 404: the plan's case is not visible, or no such adult on it.
    """
    return _copy_page(*_copy(plan_id, ADULT, adult_id))


@bp.route(CHILDREN, methods=["GET", "POST"])
@signed_in
def child_copy(plan_id: int, child_id: int):
    """A young person's own copy, once the chair agreed it (see `_copy_page`).

    :raise 404: the plan's case is not visible, no such child, or no own copy agreed.
    """
    return _copy_page(*_copy(plan_id, CHILD, child_id))


@bp.route(f"{ADULTS}/family-plan.pdf")
@signed_in
def adult_copy_pdf(plan_id: int, adult_id: int):
    """An adult's family plan in their language and format (see `_copy_pdf`).

    :raise 404: as the copy's page.
    """
    return _copy_pdf(*_copy(plan_id, ADULT, adult_id), FAMILY)


@bp.route(f"{ADULTS}/easy-read.pdf")
@signed_in
def adult_easy_read_pdf(plan_id: int, adult_id: int):
    """An adult's easy-read plan (see `_copy_pdf`).

    :raise 404: as the copy's page.
    """
    return _copy_pdf(*_copy(plan_id, ADULT, adult_id), EASY_READ)


@bp.route(f"{CHILDREN}/family-plan.pdf")
@signed_in
def child_copy_pdf(plan_id: int, child_id: int):
    """A young person's family plan in their language and format (see `_copy_pdf`).

    :raise 404: as the copy's page.
    """
    return _copy_pdf(*_copy(plan_id, CHILD, child_id), FAMILY)


@bp.route(f"{CHILDREN}/child-plan.pdf")
@signed_in
def child_plan_pdf(plan_id: int, child_id: int):
    """A young person's own child's plan (see `_copy_pdf`).

    :raise 404: as the copy's page.
    """
    return _copy_pdf(*_copy(plan_id, CHILD, child_id), CHILD_PLAN)


@bp.route(f"{CHILDREN}/agree", methods=["GET", "POST"])
@signed_in
def agree_own_copy(plan_id: int, child_id: int):
    """Whether a young person on the plan has their own copy: only the chair of the conference
    that made the plan, or a manager of the case's team, decides.

    :raise 404: the plan's case is not visible, or the child is not on the plan.
    :raise 403: the user is not that chair or a manager of the team.
    """
    plan = access.plan_on_record_to_view(current_user, plan_id)
    child = next((c for c in own_copies.children_who_may_have_one(plan) if c.id == child_id), None)
    if child is None:
        abort(404)
    if not services.may_agree_own_copy(current_user, plan):
        abort(403)
    form = OwnCopyForm(name=child.name, data={"own_copy": "yes" if child.own_copy else "no"})
    if form.validate_on_submit():
        agreed = form.own_copy.data == "yes"
        services.agree_own_copy(current_user, child, agreed)
        db.session.commit()
        said = "has their own copy" if agreed else "does not have their own copy"
        flash(f"{child.name} {said} of the plan", "success")
        return redirect(url_for("cases.show_case", case_id=plan.case_id, _anchor="own-copies"))
    return render_template("views/documents/agree_own_copy.html", plan=plan, child=child, form=form)


def _copy(plan_id: int, kind: str, person_id: int):
    plan = access.plan_on_record_to_view(current_user, plan_id)
    person = own_copies.person_on(plan, kind, person_id)
    if person is None or (kind == CHILD and not person.own_copy):
        abort(404)
    return plan, own_copies.copy_for(plan, kind, person)


def _copy_page(plan, copy: own_copies.OwnCopy):
    """The page before the download (`?document=` one of the copy's documents; the family plan
    by default): the copy's language and format, whether the fixed text was checked by a
    qualified translator and whether its own words were translated. When its words are in
    English but the person reads another language, the person printing confirms that an
    interpreter will go through it with them (recorded), which downloads it."""
    which = request.args.get("document", FAMILY)
    if which not in copy.offered:
        abort(404)
    form = InterpreterForm(name=copy.name)
    if form.is_submitted() and not copy.needs_interpreter(which):
        return redirect(_url(plan, copy, which))
    if form.validate_on_submit():
        services.confirm_interpreter(current_user, plan, copy.whose, copy.language, which)
        return _download(plan, copy, which)
    services.view_copy(current_user, plan, copy.whose)
    db.session.commit()
    return render_template(
        "views/documents/own_copy.html",
        plan=plan,
        copy=copy,
        which=which,
        form=form,
        label=own_copies.LABELS[which],
        links=[
            (own_copies.LABELS[d], _page_url(plan, copy, d) if need else _url(plan, copy, d), need)
            for d in copy.offered
            if not (need := copy.needs_interpreter(d)) or d != which
        ],
    )


def _copy_pdf(plan, copy: own_copies.OwnCopy, which: str):
    """The PDF. One whose words are in English for someone who reads another language is
    downloaded from the copy's page, once the interpreter is confirmed, so that step cannot be
    skipped."""
    if copy.needs_interpreter(which):
        return redirect(_page_url(plan, copy, which))
    return _download(plan, copy, which)


def _download(plan, copy: own_copies.OwnCopy, which: str):
    response = download(copy.document(which), plan, current_user)
    db.session.commit()
    return response


def _page_url(plan, copy: own_copies.OwnCopy, which: str = FAMILY) -> str:
    """The copy's page, for one of its documents."""
    document = {} if which == FAMILY else {"document": which}
    return url_for(copy.page, plan_id=plan.id, **copy.person_id, **document)


def _url(plan, copy: own_copies.OwnCopy, which: str) -> str:
    """The PDF of one of the copy's documents."""
    return url_for(copy.download(which), plan_id=plan.id, **copy.person_id)

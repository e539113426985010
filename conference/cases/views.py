import secrets
from datetime import date

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from conference.cases import bp
from conference.cases.forms import CaseForm, CreateCaseForm, SearchForm
from conference.common.access import roles_required, signed_in
from conference.common.forms import conflict_rows, record_id
from conference.domain import clock, timescales
from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import Role
from conference.pdf import own_copies
from conference.services import access, core_groups, drafts, oversight, plans, records, visits
from conference.services import cases as services
from conference.services import own_copies as own_copy_services
from conference.services.conferences.conference import conferences_of
from conference.services.contacts import daytime_gap
from conference.services.my_work import items as my_work
from conference.services.my_work import queries as my_work_queries

CASE_WORKERS = (Role.SOCIAL_WORKER.value, Role.MANAGER.value, Role.CHAIR.value)
DRAFT = "new_case"
SEARCH = "case_search"  # the words of the latest search, with the key its address names
CASE_LABELS = {
    "reference": "Case reference",
    "address": "Family’s address",
    "referral_date": "Referral date",
    "opened_on": "Date the case opened",
    "status": "Status",
}
DATES = ("referral_date", "opened_on")


@bp.route("/", methods=["GET", "POST"])
@signed_in
def list_cases():
    """The cases the user may see, searched and filtered, a page at a time.

    The words of a search (a name, a date of birth) never go in an address, which access logs,
    browser history and Referer headers keep: the search is sent by POST, its words kept in the
    session (on the server), and the browser sent to an address that names the search by a
    random key only. So Back, Refresh and the pages of results work as for any page. The team,
    pod, status and page are ids, and stay in the address.
    """
    if request.method == "POST":
        return redirect(url_for("cases.list_cases", **_searched(request.form)))
    sent = _with_search(request.args)
    form = SearchForm(services.teams(), services.pods(), formdata=sent)
    form.validate()
    results = services.search_cases(
        current_user,
        text=(form.q.data or "").strip() if not form.q.errors else "",
        team_id=record_id(form.team.data),
        pod_id=record_id(form.pod.data),
        status=form.status.data or None,
        page=max(sent.get("page", 1, type=int), 1),
    )
    return render_template(
        "views/cases/list.html",
        search=form,
        results=results,
        rows=services.list_rows(results.items, clock.today()),
    )


def _searched(sent: MultiDict) -> dict[str, str]:
    """The address of a search's results: its filters, and a new key for its words."""
    args = {name: sent[name] for name in ("team", "pod", "status") if sent.get(name)}
    words = sent.get("q", "").strip()
    if words:
        args["search"] = secrets.token_urlsafe(8)
        session[SEARCH] = {"key": args["search"], "q": words}
    return args


def _with_search(args: MultiDict) -> MultiDict:
    """The address's filters, with the words of the search it names if it is this session's
    latest (an address with words in it, or another session's key, searches no words)."""
    sent = MultiDict([(name, value) for name, value in args.items(multi=True) if name != "q"])
    kept = session.get(SEARCH) or {}
    if args.get("search") and args.get("search") == kept.get("key"):
        sent["q"] = kept["q"]
    return sent


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*CASE_WORKERS)
def new_case():
    """First step of creating a case: its details. The answers are checked on the next page."""
    form = _case_form(data=_draft_as_form_data() if request.method == "GET" else None)
    if request.method == "GET" and DRAFT not in session:
        _suggest_defaults(form)
    if form.validate_on_submit():
        details = form.details()
        if access.could_see_new_case(current_user, details["team_id"], details["social_worker_id"]):
            session[DRAFT] = _storable(details)
            return redirect(url_for("cases.check_new_case"))
        form.team_id.errors.append(
            "Select your own team or allocate the case to yourself, so that you can see it"
        )
    return render_template("views/cases/new.html", form=form)


@bp.route("/new/check", methods=["GET", "POST"])
@roles_required(*CASE_WORKERS)
def check_new_case():
    """Check your answers, then create the case."""
    if DRAFT not in session:
        return redirect(url_for("cases.new_case"))
    details = _restored(session[DRAFT])
    form = CreateCaseForm()
    if form.validate_on_submit():
        try:
            case = services.create_case(current_user, **details)
        except services.ReferenceTaken as taken:
            db.session.rollback()  # nothing was created
            return _reference_refused(taken)
        db.session.commit()
        session.pop(DRAFT)
        flash(f"Case {case.reference} created. Now add the children and adults.", "success")
        return redirect(url_for("cases.show_case", case_id=case.id))
    return render_template(
        "views/cases/check.html", form=form, answers=_answers_for_display(details)
    )


@bp.route("/<int:case_id>")
@signed_in
def show_case(case_id: int):
    """The case page: the family's members, their identity, and what happens next.

    :raise 404: no such case, or one the user may not see.
    """
    case = access.case_to_view(current_user, case_id)
    services.view_case(current_user, case)
    db.session.commit()
    work = my_work_queries.work_on_case(current_user, case)
    versions = plans.plans_of_case(case)
    return render_template(
        "views/cases/show.html",
        case=case,
        can_edit=access.can_edit(current_user, case),
        can_schedule=current_user.role == Role.CHAIR or access.can_edit(current_user, case),
        conferences=conferences_of(case),
        due=my_work.statutory_items(
            current_user,
            work,
            clock.today(),
            timescales.default_calendar(),
            my_work.Settings.from_config(current_app.config),
        ),
        # After the statutory items: not due by a timescale, but started and to be finished.
        to_finish=my_work.meetings_to_finish(current_user, work),
        next_steps=services.next_steps(case),
        case_plans=versions,
        own_copies=_own_copies(versions),
        daytime_gap=daytime_gap(case),
        core_groups=core_groups.schedule_for_case(
            current_user, case, current_app.config["CORE_GROUP_INTERVAL_WEEKS"], clock.today()
        ),
        visits=visits.children_status(
            case,
            clock.today(),
            timescales.default_calendar(),
            current_app.config["STATUTORY_VISIT_WORKING_DAYS"],
        ),
        may_record_visits=access.may_record_visits(current_user, case),
        oversight=(
            oversight.summary(case, current_app.config["OVERSIGHT_INTERVAL_DAYS"], clock.today())
            if access.may_see_oversight(current_user, case)
            else None
        ),
    )


def _own_copies(versions) -> dict | None:
    """Each person's copy of the plan in force (the one print-plan --for prints), a newer
    draft's copies linked as a draft, and the young people who may have one if the chair (or a
    manager) agrees (None: no plan yet). `versions`: every version of the case's plan."""
    if not versions:
        return None
    in_force = own_copies.plan_for_copies(versions)
    may_agree = in_force is not None and own_copy_services.may_agree_own_copy(
        current_user, in_force
    )
    return own_copies.on_page(in_force, may_agree, own_copies.newer_draft(versions, in_force))


@bp.route("/<int:case_id>/edit", methods=["GET", "POST"])
@signed_in
def edit_case(case_id: int):
    """Change the case's details.

    :raise 404: no such case, or one the user may not see.
    :raise 403: the user may see the case but not change it.
    """
    case = access.case_to_edit(current_user, case_id)
    form = _case_form(obj=case)
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_case(current_user, case, form.version.data, **form.details())
        except services.ReferenceTaken as taken:
            db.session.rollback()  # nothing was changed; the form keeps what was typed
            form.reference.errors.append(reference_in_use(taken))
        except records.StaleVersion:
            conflict = conflict_rows(form, case, CASE_LABELS)
            form.refresh_version(case)
        else:
            drafts.clear_draft(current_user, f"case-{case.id}-details")
            db.session.commit()
            if not access.can_view(current_user, case):  # moved to another team: theirs now
                flash(
                    f"Case {case.reference} saved and moved to {case.team.name}. It is no "
                    "longer in your team, so it is not in your cases any more.",
                    "success",
                )
                return redirect(url_for("cases.list_cases"))
            flash("Case details saved", "success")
            return redirect(url_for("cases.show_case", case_id=case.id))
    return render_template("views/cases/edit.html", form=form, case=case, conflict=conflict)


@bp.route("/<int:case_id>/audit")
@roles_required(Role.MANAGER.value)
def case_audit(case_id: int):
    """Who viewed and changed this case, newest first. For managers of the case's team.

    :raise 404: no such case, or one the user may not see.
    """
    case = access.case_to_view(current_user, case_id)
    return render_template("views/cases/audit.html", case=case, events=services.audit_history(case))


def reference_in_use(taken) -> str:
    """The message by the reference: which case has it only to those who may see that case
    (services.cases._taken says why)."""
    if taken.case_id is None:
        return "This case reference cannot be used: check it, or ask your manager about it"
    return "A case with this reference already exists: find it in Cases, or enter another"


def _reference_refused(taken):
    """The details page again, with what was typed and the message by the reference. (It posts
    to the details page, which checks them again.)"""
    form = _case_form(formdata=None, data=_draft_as_form_data())
    form.reference.errors = [reference_in_use(taken)]
    return render_template("views/cases/new.html", form=form, action=url_for("cases.new_case"))


def _case_form(**kwargs) -> CaseForm:
    form = CaseForm(services.teams(), services.pods(), services.social_workers(), **kwargs)
    if not form.is_submitted() and "obj" in kwargs:
        case = kwargs["obj"]
        form.team_id.data = str(case.team_id)
        form.pod_id.data = str(case.pod_id or "")
        form.social_worker_id.data = str(case.social_worker_id or "")
    return form


def _suggest_defaults(form: CaseForm) -> None:
    form.team_id.data = str(current_user.team_id or "")
    if current_user.role == Role.SOCIAL_WORKER:
        form.social_worker_id.data = str(current_user.id)
        form.pod_id.data = str(current_user.pod_id or "")


def _storable(details: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in details.items()}


def _restored(stored: dict) -> dict:
    return {k: date.fromisoformat(v) if k in DATES and v else v for k, v in stored.items()}


def _draft_as_form_data():
    """Coming back from "Change" on the check page: the answers given so far."""
    if DRAFT not in session:
        return None
    details = _restored(session[DRAFT])
    return {
        **details,
        "team_id": str(details["team_id"]),
        "pod_id": str(details["pod_id"] or ""),
        "social_worker_id": str(details["social_worker_id"] or ""),
    }


def _answers_for_display(details: dict) -> list[dict]:
    form = _case_form(data=_draft_as_form_data())
    choices = {
        name: dict(getattr(form, name).choices)
        for name in ("team_id", "pod_id", "social_worker_id", "status")
    }
    rows = [
        ("reference", "Case reference", details["reference"]),
        ("team_id", "Team", choices["team_id"].get(str(details["team_id"]), "")),
        ("pod_id", "Pod", choices["pod_id"].get(str(details["pod_id"] or ""), "")),
        (
            "social_worker_id",
            "Allocated social worker",
            choices["social_worker_id"].get(str(details["social_worker_id"] or ""), ""),
        ),
        ("address", "Family’s address", details["address"] or "Not given"),
        ("referral_date", "Referral date", long_date(details["referral_date"])),
        ("opened_on", "Date the case opened", long_date(details["opened_on"])),
        ("status", "Status", choices["status"].get(details["status"], "")),
    ]
    return [{"field": f, "label": label, "value": value} for f, label, value in rows]

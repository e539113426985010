"""The review conference built from the evidence: starting it with the progress since the last
conference in view, pre-filling its map, the report for the parents and when it was shared, the
decision for each child, what happens to each safety goal, and carrying the decisions out once
the review is finalised.

Every route loads the case or the conference through the access helpers first: 404 when the
case is not visible, 403 when it is visible but the user may not change it. The review pages
answer 404 for any other kind of conference.
"""

import logging

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput, GovTextArea
from wtforms import RadioField, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, ValidationError

from conference.common.access import roles_required, signed_in
from conference.common.forms import (
    DateInputField,
    NotInFuture,
    OnlyWhen,
    RequiredDate,
    VersionedForm,
    conflict_rows,
)
from conference.common.scheduling import ConferenceForm
from conference.core_groups import bp
from conference.domain import review as rules
from conference.domain.vocabulary import CASE_STATUS_LABELS, CATEGORIES, GOAL_STATES, CaseStatus
from conference.domain.wording import long_date
from conference.extensions import db
from conference.models import ConferenceType, Role
from conference.pdf import documents
from conference.pdf.download import download
from conference.pdf.review_report import report_language
from conference.services import access as conference_access
from conference.services import drafts, records
from conference.services import review as services
from conference.services.access import can_edit, case_to_view
from conference.services.conferences import conference as conference_services
from conference.services.conferences.decisions import decision_summary
from conference.services.plans import NoPlanDecided, plan_of_conference

logger = logging.getLogger(__name__)


# Forms.


class ReviewConferenceForm(ConferenceForm):
    """When and where the review is held, under the conference form's rules (never at a weekend
    or on a bank holiday), without the type and the strategy discussion."""

    conference_type = None
    strategy_discussion_on = None

    def details(self) -> dict:
        return self.when_and_where()


class ReportSharedForm(VersionedForm):
    report_shared_on = DateInputField(
        "When was the report shared with the parents?",
        name_in_messages="the date the report was shared",
        description="For example, 27 3 2027",
        validators=[RequiredDate(), NotInFuture()],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())


class ReviewOutcomeForm(VersionedForm):
    choice = RadioField(
        "What happens to the child protection plan?",
        widget=GovRadioInput(),
        choices=rules.CHOICES,
        validators=[InputRequired("Select what happens to the plan")],
    )
    category = SelectField(
        "New category of abuse",
        widget=GovSelect(),
        choices={"": "Choose a category"} | CATEGORIES,
        validators=[
            OnlyWhen(
                "choice", rules.CHANGE_CATEGORY, DataRequired("Select the new category of abuse")
            )
        ],
    )
    end_reason = RadioField(
        "Why does the plan end?",
        widget=GovRadioInput(),
        choices=rules.END_REASONS,
        validators=[OnlyWhen("choice", rules.END, InputRequired("Select why the plan ends"))],
    )
    died_on = DateInputField(
        "Date of death",
        name_in_messages="the date of death",
        description="For the child’s record and the Children in Need census, for example 27 3 2027",
        validators=[NotInFuture()],
    )
    reasons = TextAreaField(
        "Reasons for the decision",
        widget=GovTextArea(),
        validators=[DataRequired("Enter the reasons for the decision")],
    )
    submit = SubmitField("Save the decision", widget=GovSubmitInput())

    def __init__(self, child, current_category: str | None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.child, self.current_category = child, current_category
        if current_category:
            label = f"{rules.CHOICES[rules.CONTINUE]} ({CATEGORIES[current_category]})"
            self.choice.choices = rules.CHOICES | {rules.CONTINUE: label}

    def validate_choice(self, field):
        if field.data == rules.CONTINUE and not self.current_category:
            raise ValidationError(
                f"No category was recorded for {self.child.given_name} at the last conference: "
                "continue the plan under a different category and choose one"
            )

    def validate_category(self, field):
        if self.choice.data == rules.CHANGE_CATEGORY and field.data == self.current_category:
            raise ValidationError(
                f"{CATEGORIES[field.data]} is the category now: choose another, or continue "
                "the plan"
            )

    def validate_died_on(self, field):
        """Asked, and needed, only when the plan ends because the child died."""
        if not self.child_died():
            return
        if field.data is None:
            if not field.errors:
                raise ValidationError("Enter the date of death")
            return
        born = self.child.date_of_birth
        if born is not None and field.data < born:
            raise ValidationError(
                f"The date of death must be on or after {self.child.given_name}’s date of birth, "
                f"{long_date(born)}"
            )

    def child_died(self) -> bool:
        return self.choice.data == rules.END and self.end_reason.data == rules.DIED

    def outcome(self) -> rules.ReviewOutcome:
        return rules.review_outcome(
            self.choice.data, self.current_category, self.category.data, self.end_reason.data
        )

    def fill_from(self, decision) -> None:
        self.version.data = decision.version if decision else 0
        if decision is None:
            return
        self.choice.data = rules.choice_of(services.outcome_of(decision), self.current_category)
        self.category.data = decision.category or ""
        self.end_reason.data = decision.end_reason
        self.reasons.data = decision.reasons
        self.died_on.data = self.child.died_on


def outcome_conflicts(form: ReviewOutcomeForm, decision) -> list[dict]:
    """What the other person saved, beside what this user chose."""
    saved = services.outcome_of(decision)
    rows = [
        (
            "What happens to the plan",
            rules.CHOICES.get(rules.choice_of(saved, form.current_category), ""),
            rules.CHOICES.get(form.choice.data, ""),
        ),
        ("Category", CATEGORIES.get(decision.category, ""), CATEGORIES.get(form.category.data, "")),
        (
            "Why the plan ends",
            rules.END_REASONS.get(decision.end_reason, ""),
            rules.END_REASONS.get(form.end_reason.data, ""),
        ),
        ("Reasons for the decision", decision.reasons, form.reasons.data or ""),
    ]
    return [
        {"label": label, "saved": old, "yours": new}
        for label, old, new in rows
        if (old or "").strip() != (new or "").strip()
    ]


def goal_states_form(choices: list[services.GoalChoice], *args, **kwargs) -> VersionedForm:
    """A question for each safety goal of the plan under review: kept, changed, achieved or no
    longer needed."""

    class GoalStatesForm(VersionedForm):
        submit = SubmitField("Save", widget=GovSubmitInput())

    for choice in choices:
        number = choice.row.number
        field = RadioField(
            f"Safety goal {number}",
            widget=GovRadioInput(),
            choices=GOAL_STATES,
            validators=[InputRequired(f"Select what happens to safety goal {number}")],
        )
        setattr(GoalStatesForm, goal_field(choice), field)
    return GoalStatesForm(*args, **kwargs)


def goal_field(choice: services.GoalChoice) -> str:
    return f"goal_{choice.row.goal.id}"


# Helpers.


def review_to_view(conference_id: int):
    """:raise 404: no such review conference, or its case is not visible to the user."""
    conference = conference_access.conference_to_view(current_user, conference_id)
    if conference.conference_type != ConferenceType.REVIEW:
        abort(404)
    return conference


def review_to_change(conference_id: int):
    """:raise 404: not a visible review. :raise 403: may not change it. :raise 409: finalised."""
    review_to_view(conference_id)
    return conference_access.conference_to_change(current_user, conference_id)


def may_change(conference) -> bool:
    return conference_access.may_change(current_user, conference)


# Starting the review.


@bp.route("/cases/<int:case_id>/review-conference/new", methods=["GET", "POST"])
@signed_in
def start_review(case_id: int):
    """The progress since the last conference, and scheduling the review from it: the core
    group invited and the map pre-filled. When a review is already in draft, it is offered
    instead.

    :raise 404: the case is not visible to the user.
    :raise 403: the user may not change the case and is not a chair.
    """
    case = case_to_view(current_user, case_id)
    if not (current_user.role == Role.CHAIR or can_edit(current_user, case)):
        abort(403)
    summary = services.progress_summary(case, chart_id="review-chart", fit_width=True)
    draft = services.draft_review(case)
    due = services.review_due(summary.last_conference)
    form = ReviewConferenceForm(conference_services.chairs())
    if not form.is_submitted():
        _fill_review_details(form, summary.last_conference, due)
    can_start = draft is None and summary.last_conference is not None
    if can_start and form.validate_on_submit():
        conference = services.start_review(current_user, case, **form.details())
        db.session.commit()
        flash(
            f"Review conference scheduled for {long_date(conference.held_on)}, with "
            f"{len(conference.map_items)} item{'' if len(conference.map_items) == 1 else 's'} "
            "on its map from the evidence",
            "success",
        )
        return redirect(url_for("conferences.show_conference", conference_id=conference.id))
    if not form.is_submitted():
        services.view_case_progress(current_user, case)
        db.session.commit()
    return render_template(
        "views/core_groups/review_new.html",
        case=case,
        summary=summary,
        draft=draft,
        due=due,
        form=form if can_start else None,
    )


def _fill_review_details(form: ReviewConferenceForm, previous, due) -> None:
    form.starts_at.data = "10:00"
    form.online.data, form.twilight.data = "no", "no"
    if previous is None:
        return
    if due is not None:
        form.held_on.data = _working_day_on_or_before(due)
    form.venue.data = previous.venue
    form.online.data = "yes" if previous.online else "no"
    form.twilight.data = "yes" if previous.twilight else "no"
    form.chair_id.data = str(previous.chair_id or "")


def _working_day_on_or_before(day):
    """Conferences are held on working days: the due date, or the working day before it."""
    calendar = services.calendar()
    return day if calendar.is_working_day(day) else calendar.subtract_working_days(day, 1)


@bp.route("/conferences/<int:conference_id>/prefill-from-evidence", methods=["POST"])
@signed_in
def prefill_review(conference_id: int):
    """Pre-fill a draft review's map from the evidence. Items already pre-filled are not added
    again.

    :raise 404: not a visible review conference.
    :raise 403: the user may not change it. :raise 409: it is finalised.
    """
    conference = review_to_change(conference_id)
    added = services.prefill_map(current_user, conference)
    db.session.commit()
    if added:
        flash(f"{len(added)} items added to the map from the evidence", "success")
    else:
        flash("The map already has everything from the evidence", "success")
    return redirect(url_for("conferences.map", conference_id=conference.id))


# The progress page and the report.


@bp.route("/conferences/<int:conference_id>/progress")
@signed_in
def review_progress(conference_id: int):
    """The progress since the last conference, the report for the parents, and the review's
    decisions for each child and each safety goal.

    :raise 404: not a review conference, or its case is not visible to the user.
    """
    conference = review_to_view(conference_id)
    services.view_progress(current_user, conference)
    db.session.commit()
    summary = services.progress_summary(
        conference.case, conference, chart_id="review-chart", fit_width=True
    )
    return render_template(
        "views/core_groups/review_progress.html",
        conference=conference,
        summary=summary,
        sharing=services.report_sharing(conference),
        # Staff are told the report's language before printing it (never on the report).
        report_language=report_language(conference.case),
        outcomes=decision_summary(conference),
        end_reasons=rules.END_REASONS,
        next_plan=plan_of_conference(conference),
        can_change=may_change(conference) and not conference.finalised,
        # The decision for each child is the chair's (issue 18).
        can_decide=conference_access.chairs(current_user, conference) and not conference.finalised,
        can_choose_goals=may_change(conference) and services.continues(conference),
        can_apply=current_user.role == Role.CHAIR and conference.finalised,
        plan_end_reasons=rules.PLAN_END_REASONS,
    )


@bp.route("/conferences/<int:conference_id>/review-report.pdf")
@signed_in
def review_report(conference_id: int):
    """The social worker's report for the review as a PDF, for the parents. Every print is
    audited.

    :raise 404: not a review conference, or its case is not visible to the user.
    """
    conference = review_to_view(conference_id)
    response = download(documents.REVIEW_REPORT, conference, current_user)
    db.session.commit()
    return response


@bp.route("/conferences/<int:conference_id>/report-shared", methods=["GET", "POST"])
@signed_in
def report_shared(conference_id: int):
    """Record the date the report was shared with the parents.

    :raise 404: not a visible review conference.
    :raise 403: the user may not change it. :raise 409: it is finalised.
    """
    conference = review_to_change(conference_id)
    form = ReportSharedForm(obj=conference)
    conflict = None
    if form.validate_on_submit():
        try:
            services.record_report_shared(
                current_user, conference, form.version.data, form.report_shared_on.data
            )
        except records.StaleVersion:
            labels = {"report_shared_on": "Date the report was shared"}
            conflict = conflict_rows(form, conference, labels, show=long_date)
            form.refresh_version(conference)
        else:
            db.session.commit()
            flash(
                f"Report shared with parents on {long_date(conference.report_shared_on)}",
                "success",
            )
            return redirect(url_for(".review_progress", conference_id=conference.id))
    return render_template(
        "views/core_groups/review_report_shared.html",
        form=form,
        conference=conference,
        sharing=services.report_sharing(conference),
        conflict=conflict,
    )


# The review's decisions.


@bp.route("/conferences/<int:conference_id>/review-outcome/<int:child_id>", methods=["GET", "POST"])
@signed_in
def review_outcome(conference_id: int, child_id: int):
    """What the review decides for one child: the plan continues, continues under another
    category, or ends (and why).

    :raise 404: not a visible review conference, or the child is not in its family.
    :raise 403: the user does not chair it (the decision is the chair's). :raise 409: finalised.
    """
    review_to_view(conference_id)
    conference = conference_access.conference_to_decide(current_user, conference_id)
    child = conference_access.child_of(conference, child_id)
    decision = services.decision_for(conference, child)
    current = services.current_category(conference, child)
    form = ReviewOutcomeForm(child, current)
    if not form.is_submitted():
        form.fill_from(decision)
    autosave_key = f"case-{conference.case_id}-core-group-review-{conference.id}-child-{child.id}"
    conflict = None
    if form.validate_on_submit():
        try:
            services.save_outcome(
                current_user,
                conference,
                child,
                form.version.data,
                form.outcome(),
                form.reasons.data,
                died_on=form.died_on.data if form.child_died() else None,
            )
        except records.StaleVersion as stale:
            conflict = outcome_conflicts(form, stale.record)
            form.refresh_version(stale.record)
        else:
            drafts.clear_draft(current_user, autosave_key)
            db.session.commit()
            flash(f"Decision for {child.given_name} saved", "success")
            # As after an initial conference's decision: to the decisions, for the next child.
            return redirect(url_for("conferences.decisions", conference_id=conference.id))
    return render_template(
        "views/core_groups/review_outcome.html",
        form=form,
        conference=conference,
        child=child,
        current=CATEGORIES.get(current) if current else None,
        conflict=conflict,
        autosave_key=autosave_key,
    )


@bp.route("/conferences/<int:conference_id>/goals", methods=["GET", "POST"])
@signed_in
def goal_continuation(conference_id: int):
    """What happens to each safety goal when the plan continues: kept, changed, achieved or no
    longer needed. Saving writes the next version of the plan if it is not written yet.

    :raise 404: not a visible review conference.
    :raise 403: the user may not change it.
    :raise PlanFinalised: the next version of the plan is finalised already (409).
    """
    conference = review_to_view(conference_id)
    if not may_change(conference):
        abort(403)
    choices = services.goal_choices(conference)
    form = goal_states_form(choices)
    if not form.is_submitted():
        form.version.data = services.goal_choices_version(conference)
        for choice in choices:
            form[goal_field(choice)].data = choice.state
    continues = services.continues(conference)
    autosave_key = f"case-{conference.case_id}-core-group-review-{conference.id}-goals"
    conflict = None
    if continues and form.validate_on_submit():
        states = {choice.row.goal.id: form[goal_field(choice)].data for choice in choices}
        try:
            plan = services.save_goal_states(current_user, conference, form.version.data, states)
        except records.StaleVersion:
            conflict = _goal_conflicts(form, conference)
            form.version.data = services.goal_choices_version(conference)
        except NoPlanDecided:
            abort(409)
        else:
            drafts.clear_draft(current_user, autosave_key)
            db.session.commit()
            flash(f"Safety goals saved in plan version {plan.number}", "success")
            return redirect(url_for(".review_progress", conference_id=conference.id))
    return render_template(
        "views/core_groups/review_goals.html",
        form=form if continues else None,
        conference=conference,
        choices=choices,
        goal_field=goal_field,
        next_plan=plan_of_conference(conference),
        conflict=conflict,
        autosave_key=autosave_key,
    )


def _goal_conflicts(form, conference) -> list[dict]:
    rows = []
    for choice in services.goal_choices(conference):
        yours = form[goal_field(choice)].data
        if choice.chosen and choice.state != yours:
            rows.append(
                {
                    "label": f"Safety goal {choice.row.number}",
                    "saved": GOAL_STATES[choice.state],
                    "yours": GOAL_STATES.get(yours, ""),
                }
            )
    return rows


@bp.route("/conferences/<int:conference_id>/apply-review-outcomes", methods=["POST"])
@roles_required(Role.CHAIR.value)
def apply_review(conference_id: int):
    """Carry out the finalised review's decisions: the next version of the plan, or the end of
    the plan and the case's new status. Doing it again changes nothing.

    :raise 404: not a visible review conference. :raise 403: not a chair.
    :raise 409: the review is not finalised yet, or decided nothing.
    """
    conference = review_to_view(conference_id)
    try:
        applied = services.apply_review_outcomes(current_user, conference)
    except (services.NotFinalised, services.NothingDecided):
        return render_template(
            "views/core_groups/review_not_finalised.html", conference=conference
        ), 409
    db.session.commit()
    flash(_applied_message(conference, applied), "success")
    return redirect(url_for(".review_progress", conference_id=conference.id))


def _applied_message(conference, applied: services.Applied) -> str:
    if not applied.changed:
        return "The review’s decisions were already carried out"
    if applied.continues:
        return f"Plan version {applied.plan.number} written from the review"
    status = CASE_STATUS_LABELS[CaseStatus(conference.case.status)].lower()
    return f"The plan ended on {long_date(conference.held_on)}. The case is now: {status}"

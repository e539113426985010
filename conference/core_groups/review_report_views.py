"""What the social worker writes in the review report beside the core group's evidence (issue
19): their analysis and their recommendation to the review, and the parents' comments on the
report once it was shared with them.

Both pages load the review through the access helpers: 404 when it is not a visible review,
403 when the user may not change it, 409 when it is finalised. A save made over someone else's
shows both versions (the conflict), as every versioned edit does.
"""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, ValidationError

from conference.common.access import signed_in
from conference.common.forms import VersionedForm, conflict_rows, max_length
from conference.core_groups import bp
from conference.core_groups.review_views import review_to_change
from conference.extensions import db
from conference.services import records
from conference.services import review as services

ANALYSIS_LABELS = {
    "review_analysis": "The social worker’s analysis",
    "review_recommendation": "The recommendation",
}
COMMENTS_LABELS = {"parents_comments": "The parents’ comments"}


class ReviewAnalysisForm(VersionedForm):
    review_analysis = TextAreaField(
        "Your analysis",
        widget=GovTextArea(),
        description="What has changed since the last conference, what still worries you and "
        "why, in words the parents can follow.",
        validators=[
            DataRequired("Enter your analysis"),
            max_length(5_000, "Your analysis"),
        ],
    )
    review_recommendation = TextAreaField(
        "Your recommendation to the review",
        widget=GovTextArea(),
        description="For example, that the plan continues for both children, or that it ends "
        "and the family is helped under a child in need plan.",
        validators=[
            DataRequired("Enter your recommendation"),
            max_length(2_000, "Your recommendation"),
        ],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())


class ParentsCommentsForm(VersionedForm):
    parents_comments = TextAreaField(
        "What the parents said",
        widget=GovTextArea(),
        # One box for both parents: the social worker says who said what.
        description="In their own words where you can. Say who said what, for example "
        "“Mum: …” and “Dad: …”. If they chose not to comment, say so.",
        validators=[
            DataRequired("Enter what the parents said about the report"),
            max_length(5_000, "What the parents said"),
        ],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())

    def __init__(self, *args, shared: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.shared = shared

    def validate_parents_comments(self, field):
        """Their comments are on the report they were given: the date it was shared comes
        first, so the two are printed together."""
        if not self.shared:
            raise ValidationError(
                "Record when the report was shared with the parents before their comments on it"
            )


@bp.route("/conferences/<int:conference_id>/review-analysis", methods=["GET", "POST"])
@signed_in
def review_analysis(conference_id: int):
    """The social worker's analysis and recommendation, printed in the review report.

    :raise 404: not a visible review conference.
    :raise 403: the user may not change it. :raise 409: it is finalised.
    """
    conference = review_to_change(conference_id)
    form = ReviewAnalysisForm(obj=conference)
    conflict = None
    if form.validate_on_submit():
        try:
            services.record_analysis(
                current_user,
                conference,
                form.version.data,
                form.review_analysis.data,
                form.review_recommendation.data,
            )
        except records.StaleVersion:
            conflict = conflict_rows(form, conference, ANALYSIS_LABELS)
            form.refresh_version(conference)
        else:
            db.session.commit()
            flash("Analysis and recommendation saved", "success")
            return redirect(url_for(".review_progress", conference_id=conference.id) + "#report")
    return render_template(
        "views/core_groups/review_analysis.html",
        form=form,
        conference=conference,
        conflict=conflict,
    )


@bp.route("/conferences/<int:conference_id>/parents-comments", methods=["GET", "POST"])
@signed_in
def parents_comments(conference_id: int):
    """What the parents said about the report, printed in it beside the date it was shared.

    :raise 404: not a visible review conference.
    :raise 403: the user may not change it. :raise 409: it is finalised.
    """
    conference = review_to_change(conference_id)
    form = ParentsCommentsForm(obj=conference, shared=conference.report_shared_on is not None)
    conflict = None
    if form.validate_on_submit():
        try:
            services.record_parents_comments(
                current_user, conference, form.version.data, form.parents_comments.data
            )
        except records.StaleVersion:
            conflict = conflict_rows(form, conference, COMMENTS_LABELS)
            form.refresh_version(conference)
        else:
            db.session.commit()
            flash("The parents’ comments saved", "success")
            return redirect(url_for(".review_progress", conference_id=conference.id) + "#report")
    return render_template(
        "views/core_groups/review_parents_comments.html",
        form=form,
        conference=conference,
        sharing=services.report_sharing(conference),
        conflict=conflict,
    )

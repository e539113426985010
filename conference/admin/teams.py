"""Teams, and the pods within them: small groups of social workers led by a senior practitioner."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from conference.admin import bp
from conference.admin.forms import PodForm, TeamForm
from conference.common.access import roles_required
from conference.extensions import db
from conference.models import Role
from conference.services import accounts as services

ADMIN = Role.ADMIN.value
TEAM_TAKEN = "A team with this name already exists"
POD_TAKEN = "This team already has a pod with this name"


@bp.route("/teams")
@roles_required(ADMIN)
def teams():
    """Every team, its pods and how many people are in it."""
    return render_template("views/admin/teams.html", teams=services.list_teams_with_member_counts())


@bp.route("/teams/new", methods=["GET", "POST"])
@roles_required(ADMIN)
def new_team():
    """Create a team."""
    form = TeamForm()
    if form.validate_on_submit():
        try:
            team = services.create_team(current_user, form.name.data)
        except services.NameTaken:
            form.name.errors.append(TEAM_TAKEN)
        else:
            db.session.commit()
            flash(f"{team.name} added", "success")
            return redirect(url_for("admin.edit_team", team_id=team.id))
    return render_template("views/admin/new_team.html", form=form)


@bp.route("/teams/<int:team_id>", methods=["GET", "POST"])
@roles_required(ADMIN)
def edit_team(team_id: int):
    """A team's pods and their members, and a form to rename the team.

    :raise 404: no such team.
    """
    team = services.get_team(team_id) or abort(404)
    form = TeamForm(obj=team)
    if form.validate_on_submit():
        try:
            services.rename_team(current_user, team, form.name.data)
        except services.NameTaken:
            form.name.errors.append(TEAM_TAKEN)
        else:
            db.session.commit()
            flash(f"Team name changed to {team.name}", "success")
            return redirect(url_for("admin.teams"))
    return render_template("views/admin/team.html", form=form, team=team)


@bp.route("/teams/<int:team_id>/pods/new", methods=["GET", "POST"])
@roles_required(ADMIN)
def new_pod(team_id: int):
    """Add a pod to a team.

    :raise 404: no such team.
    """
    team = services.get_team(team_id) or abort(404)
    form = PodForm()
    if form.validate_on_submit():
        try:
            pod = services.create_pod(current_user, team, form.name.data)
        except services.NameTaken:
            form.name.errors.append(POD_TAKEN)
        else:
            db.session.commit()
            flash(f"{pod.name} added to {team.name}", "success")
            return redirect(url_for("admin.edit_team", team_id=team.id))
    return render_template("views/admin/pod.html", form=form, team=team, pod=None)


@bp.route("/teams/<int:team_id>/pods/<int:pod_id>", methods=["GET", "POST"])
@roles_required(ADMIN)
def edit_pod(team_id: int, pod_id: int):
    """Rename a pod.

    :raise 404: no such team, or no such pod in it.
    """
    team = services.get_team(team_id) or abort(404)
    pod = services.get_pod(team, pod_id) or abort(404)
    form = PodForm(obj=pod)
    if form.validate_on_submit():
        try:
            services.rename_pod(current_user, pod, form.name.data)
        except services.NameTaken:
            form.name.errors.append(POD_TAKEN)
        else:
            db.session.commit()
            flash(f"Pod name changed to {pod.name}", "success")
            return redirect(url_for("admin.edit_team", team_id=team.id))
    return render_template("views/admin/pod.html", form=form, team=team, pod=pod)

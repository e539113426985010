from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from conference.admin import bp
from conference.admin.forms import NO_POD, NO_TEAM, EditUserForm, NewUserForm, ResetPasswordForm
from conference.common.access import roles_required
from conference.extensions import db
from conference.models import Role
from conference.services import accounts as services
from conference.services import records
from conference.services import sign_in as sign_in_services

ADMIN = Role.ADMIN.value


@bp.route("/users")
@roles_required(ADMIN)
def users():
    """Everyone who can sign in, or could before they were deactivated."""
    return render_template("views/admin/users.html", users=services.list_users())


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required(ADMIN)
def new_user():
    """Create an account."""
    form = NewUserForm(services.list_teams())
    if not form.is_submitted():
        form.senior_practitioner.data = "no"
    if form.validate_on_submit():
        try:
            user = services.create_user(current_user, password=form.password.data, **_details(form))
        except services.EmailTaken:
            form.email.errors.append("An account already uses this email address")
        else:
            db.session.commit()
            flash(f"Account created for {user.name}", "success")
            return redirect(url_for("admin.users"))
    return render_template("views/admin/new_user.html", form=form)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@roles_required(ADMIN)
def edit_user(user_id: int):
    """Change a person's details or deactivate their account.

    :raise 404: no such user.
    """
    user = services.get_user(user_id) or abort(404)
    form = EditUserForm(services.list_teams(), obj=user)
    if not form.is_submitted():
        form.team_id.data = str(user.team_id or NO_TEAM)
        form.pod_id.data = str(user.pod_id or NO_POD)
        form.senior_practitioner.data = "yes" if user.senior_practitioner else "no"
        form.active.data = "yes" if user.active else "no"
    conflict = None
    if form.validate_on_submit():
        if user.id == current_user.id and form.active.data == "no":
            form.active.errors.append("You cannot deactivate your own account")
        else:
            try:
                services.update_user(
                    current_user,
                    user,
                    form.version.data,
                    active=form.active.data == "yes",
                    **_details(form),
                )
            except services.EmailTaken:
                form.email.errors.append("An account already uses this email address")
            except records.StaleVersion:
                conflict = user
                # Saving again now replaces the other person's changes, knowingly.
                form.version.data, form.version.raw_data = user.version, None
            else:
                db.session.commit()
                flash(f"Changes to {user.name} saved", "success")
                return redirect(url_for("admin.users"))
    return render_template(
        "views/admin/edit_user.html",
        form=form,
        user=user,
        conflict=conflict,
        reset_form=ResetPasswordForm(formdata=None, version=user.version),
    )


@bp.route("/users/<int:user_id>/reset-password", methods=["POST"])
@roles_required(ADMIN)
def reset_password(user_id: int):
    """Give someone a temporary password, shown once, and sign them out everywhere: they choose
    their own password when they next sign in.

    :raise 404: no such user.
    """
    user = services.get_user(user_id) or abort(404)
    form = ResetPasswordForm()
    if not form.validate_on_submit():
        return redirect(url_for("admin.edit_user", user_id=user.id))
    if form.version.data != str(user.version):
        flash(
            f"{user.name}’s password was reset already: the temporary password is shown only "
            "once. To give them another one, reset it again."
        )
        return redirect(url_for("admin.edit_user", user_id=user.id))
    temporary = sign_in_services.reset_password(
        current_user, user, forget_second_factor=form.forget_second_factor.data
    )
    db.session.commit()
    return render_template("views/admin/password_reset.html", user=user, temporary=temporary)


def _details(form) -> dict:
    return {
        "email": form.email.data,
        "name": form.name.data,
        "role": form.role.data,
        "agency": form.agency.data or "",
        "phone": (form.phone.data or "").strip(),
        "team_id": int(form.team_id.data) if form.team_id.data else None,
        "pod_id": int(form.pod_id.data) if form.pod_id.data else None,
        "senior_practitioner": form.senior_practitioner.data == "yes",
    }

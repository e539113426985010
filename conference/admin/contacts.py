"""The contacts every family document carries (who to ring, out of hours, the chair, advocacy,
interpreting, complaints), set for the whole service and, where a team's differ, for a team."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from conference.admin import bp
from conference.admin.contact_forms import ContactsForm
from conference.common.access import roles_required
from conference.domain import contacts as rules
from conference.extensions import db
from conference.models import Role, Team
from conference.services import accounts
from conference.services import contacts as services

ADMIN = Role.ADMIN.value


@bp.route("/contacts")
@roles_required(ADMIN)
def contacts():
    """The service's contacts and each team's, and what family documents will leave out."""
    stored = services.all_values()
    return render_template(
        "views/admin/contacts.html",
        settings=rules.SETTINGS,
        service=stored.get(services.SERVICE, {}),
        teams=[(team, stored.get(team.id, {})) for team in accounts.list_teams()],
        gaps=services.gap_sentences(),
    )


@bp.route("/contacts/service", methods=["GET", "POST"])
@roles_required(ADMIN)
def edit_service_contacts():
    """Change the contacts every team's families get unless their team has its own."""
    return _edit(None)


@bp.route("/contacts/teams/<int:team_id>", methods=["GET", "POST"])
@roles_required(ADMIN)
def edit_team_contacts(team_id: int):
    """Change a team's own contacts: a blank one uses the service's.

    :raise 404: no such team.
    """
    return _edit(accounts.get_team(team_id) or abort(404))


def _edit(team: Team | None):
    team_id = team.id if team is not None else services.SERVICE
    saved = services.values_for(team_id)
    form = ContactsForm()
    if not form.is_submitted():
        form = ContactsForm(data={**saved, "loaded": services.fingerprint(saved)})
    conflict = None
    if form.validate_on_submit():
        try:
            services.save(current_user, team_id, form.values(), form.loaded.data or "")
        except services.ContactsChanged as changed:
            conflict = _differences(changed.saved, form.values())
            # Saving again now replaces the other person's changes, knowingly.
            form.loaded.data = services.fingerprint(changed.saved)
        else:
            db.session.commit()
            flash(f"Contacts for {_whose(team)} saved", "success")
            return redirect(url_for("admin.contacts"))
    return render_template(
        "views/admin/contact_settings.html",
        form=form,
        settings=rules.SETTINGS,
        team=team,
        whose=_whose(team),
        service=services.values_for(services.SERVICE) if team is not None else {},
        conflict=conflict,
    )


def _whose(team: Team | None) -> str:
    return team.name if team is not None else "the whole service"


def _differences(saved: dict[str, str], yours: dict[str, str]) -> list[dict]:
    return [
        {"label": setting.label, "saved": saved.get(setting.key, ""), "yours": yours[setting.key]}
        for setting in rules.SETTINGS
        if saved.get(setting.key, "") != yours[setting.key]
    ]

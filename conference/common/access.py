"""Who may reach which page. Every view declares its rule with one of the decorators below; a
meta-test fails when a view has none. Whatever the decorator, a request is refused unless the
user is signed in or the view is explicitly public: forgetting a decorator fails closed."""

from functools import wraps

from flask import abort, current_app, flash, redirect, request, session, url_for
from flask_login import current_user, logout_user

from conference.common import sessions
from conference.extensions import db, login_manager

PUBLIC = "public"
SIGNED_IN = "any signed-in user"


def public(view):
    """No sign-in needed: the sign-in page, health check and error pages only."""
    view.access_rule = PUBLIC
    return view


def signed_in(view):
    """Any signed-in user; what they see inside is limited by the service layer."""
    view.access_rule = SIGNED_IN
    return view


def roles_required(*roles):
    """Signed-in users with one of `roles`; others get 403.

    :raise 403: the user's role is not one of `roles`.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        wrapped.access_rule = tuple(roles)
        return wrapped

    return decorator


def background(view):
    """A request a page makes by itself (polling), not something the user did: it must not keep
    an idle session alive."""
    view.background = True
    return view


def access_rule_of(view):
    return getattr(view, "access_rule", None)


def _require_sign_in():
    if request.endpoint is None or request.endpoint == "static":
        return None
    view = current_app.view_functions[request.endpoint]
    if access_rule_of(view) == PUBLIC:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if _idle_for_too_long():
        logout_user()
        session.clear()
        sessions.renew()
        flash("You were signed out because you had not used the service for a while", "info")
        return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
    if not getattr(view, "background", False):
        sessions.touch()
    if current_user.must_change_password and not getattr(view, "while_changing_password", False):
        # After an administrator's reset: nothing else until the user has chosen a password.
        return redirect(url_for("auth.change_password"))
    return None


def allowed_while_changing_password(view):
    """A page a user whose password was reset may still reach (changing it, signing out)."""
    view.while_changing_password = True
    return view


def _idle_for_too_long() -> bool:
    # Measured from the server's record of the session, not from anything the browser sends.
    idle = sessions.idle_for()
    return idle is None or idle > current_app.config["IDLE_TIMEOUT"]


@login_manager.user_loader
def _load_user(user_id: str):
    from conference.models import User

    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.active else None


def init_app(app):
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Sign in to continue"
    login_manager.login_message_category = "info"
    app.before_request(_require_sign_in)

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_limiter.util import get_remote_address
from flask_login import current_user

from conference.auth import bp
from conference.auth.forms import SignInForm
from conference.common.access import public, signed_in
from conference.extensions import db, limiter
from conference.services import sign_in as services


def _attempts_per_minute() -> str:
    return f"{current_app.config['SIGN_IN_ATTEMPTS_PER_MINUTE']} per minute"


def _failed(response) -> bool:
    # Only failed attempts count towards the limit: success redirects.
    return response.status_code != 302


def _account_key() -> str:
    return "account:" + services.email_key(request.form.get("email", ""))


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(_attempts_per_minute, key_func=_account_key, methods=["POST"], deduct_when=_failed)
@limiter.limit(
    _attempts_per_minute, key_func=get_remote_address, methods=["POST"], deduct_when=_failed
)
@public
def sign_in():
    """Sign in with email and password.

    :raise 429: too many failed attempts for this account or from this address.
    """
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = SignInForm()
    if form.validate_on_submit():
        user = services.sign_in(form.email.data, form.password.data)
        db.session.commit()  # the sign-in is audited whether or not it succeeds
        if user:
            return redirect(_safe_next(request.args.get("next")))
        form.email.errors.append("Enter a correct email address and password")
    return render_template("views/auth/sign_in.html", form=form)


@bp.route("/sign-out", methods=["POST"])
@signed_in
def sign_out():
    """Sign out, then show the sign-in page."""
    services.sign_out(current_user._get_current_object())
    db.session.commit()
    flash("You have signed out", "success")
    return redirect(url_for("auth.sign_in"))


def _safe_next(target: str | None) -> str:
    """Only go back to a page of this service: never to another site."""
    parts = urlsplit(target or "")
    is_local_path = (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and not parts.scheme
        and not parts.netloc
    )
    return target if is_local_path else url_for("main.home")

import segno
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from conference.auth import bp
from conference.auth.forms import ChangePasswordForm, CodeForm, SignInForm
from conference.auth.landing import landing_page, page_to_go_on_to
from conference.common.access import allowed_while_changing_password, public, signed_in
from conference.extensions import db
from conference.services import sign_in as services


@bp.route("/sign-in", methods=["GET", "POST"])
@public
def sign_in():
    """Sign in with email and password; then, where required, a code from an authenticator app.

    :raise 429: too many failed attempts for this account from this address, or from it.
    """
    if current_user.is_authenticated:
        return redirect(landing_page(current_user))
    form = SignInForm()
    # With LOCAL_SIGN_IN off, only single sign-on signs anyone in: a password is never checked.
    if current_app.config["LOCAL_SIGN_IN"] and form.validate_on_submit():
        if services.throttled(form.email.data, _address()):
            abort(429)
        user = services.check_password(form.email.data, form.password.data, _address())
        if user and services.second_factor_required(user):
            services.await_second_factor(user, request.args.get("next"))
            db.session.commit()
            step = "second_factor" if user.second_factor_secret else "set_up_second_factor"
            return redirect(url_for(f"auth.{step}"))
        if user:
            services.start_session(user)
        db.session.commit()  # the sign-in is audited whether or not it succeeds
        if user:
            return redirect(page_to_go_on_to(user, request.args.get("next")))
        form.email.errors.append("Enter a correct email address and password")
    return render_template("views/auth/sign_in.html", form=form)


@bp.route("/sign-in/code", methods=["GET", "POST"])
@public
def second_factor():
    """The second step of signing in: the code from the user's authenticator app.

    :raise 429: too many wrong codes (or passwords) for this account from this address.
    """
    user = services.awaiting_second_factor()
    if current_user.is_authenticated or user is None or not user.second_factor_secret:
        return _back_to_sign_in()
    form = CodeForm()
    if form.validate_on_submit():
        if services.throttled(user.email, _address()) or services.codes_throttled(user):
            abort(429)
        if services.check_code(user, form.code.data, _address()):
            return _signed_in(user)
        db.session.commit()  # the wrong code is counted and audited
        form.code.errors.append(_wrong_code_message(user, form.code.data))
    return render_template("views/auth/second_factor.html", form=form)


def _wrong_code_message(user, code: str) -> str:
    if services.code_was_used(user, code):
        # Still showing in the app, so "enter a correct code" would puzzle: it is correct.
        return "That code has been used already: wait for the next code, then enter it"
    return "Enter a correct code: it changes every 30 seconds"


@bp.route("/sign-in/set-up-code", methods=["GET", "POST"])
@public
def set_up_second_factor():
    """Set up an authenticator app: scan the QR code (or type the key), then give a code.

    :raise 429: too many wrong codes (or passwords) for this account from this address.
    """
    user = services.awaiting_second_factor()
    if current_user.is_authenticated or user is None or user.second_factor_secret:
        return _back_to_sign_in()
    secret = services.new_second_factor_secret()
    form = CodeForm()
    if form.validate_on_submit():
        if services.throttled(user.email, _address()) or services.codes_throttled(user):
            abort(429)
        if services.check_code(user, form.code.data, _address(), secret=secret):
            services.set_up_second_factor(user, secret)
            return _signed_in(user)
        db.session.commit()
        form.code.errors.append("Enter a correct code: it changes every 30 seconds")
    qr_code = segno.make(services.second_factor_uri(user, secret), error="m")
    return render_template(
        "views/auth/set_up_second_factor.html",
        form=form,
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        qr_code=qr_code.svg_data_uri(scale=4),
    )


@bp.route("/account/password", methods=["GET", "POST"])
@signed_in
@allowed_while_changing_password
def change_password():
    """Change your own password. Your other sessions end; this one goes on.

    :raise 404: passwords are not used (LOCAL_SIGN_IN is off: everyone signs in through the
        council's identity provider).
    :raise 429: too many wrong current passwords from this address.
    """
    if not current_app.config["LOCAL_SIGN_IN"]:
        abort(404)
    user = current_user._get_current_object()
    form = ChangePasswordForm(user.email)
    if form.validate_on_submit():
        if services.throttled(user.email, _address()):
            abort(429)
        changed = services.change_password(
            user, form.current_password.data, form.new_password.data, _address()
        )
        db.session.commit()  # a wrong current password is counted and audited
        if changed:
            flash("Your password has been changed", "success")
            return redirect(url_for("main.home"))
        form.current_password.errors.append("Enter your current password correctly")
    return render_template(
        "views/auth/change_password.html", form=form, must_change=user.must_change_password
    )


@bp.route("/sign-out", methods=["POST"])
@signed_in
@allowed_while_changing_password
def sign_out():
    """Sign out, then show the sign-in page."""
    services.sign_out(current_user._get_current_object())
    db.session.commit()
    flash("You have signed out", "success")
    return redirect(url_for("auth.sign_in"))


def _signed_in(user):
    next_page = services.page_after_sign_in()
    services.start_session(user)
    db.session.commit()
    return redirect(page_to_go_on_to(user, next_page))


def _back_to_sign_in():
    if current_user.is_authenticated:
        return redirect(landing_page(current_user))
    return redirect(url_for("auth.sign_in"))


def _address() -> str:
    # The client's own address: behind a proxy, ProxyFix (TRUSTED_PROXIES) has put it here.
    return request.remote_addr or ""

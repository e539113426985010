"""Security headers on every response."""

from flask import abort, current_app, request

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def _strict_transport_security() -> str | None:
    """Browsers must only ever reach the service over HTTPS. Sent on every response: browsers
    ignore it on a plain HTTP one (RFC 6797), so it is harmless in development, and sending it
    does not depend on the proxy telling the app the request was secure."""
    seconds = current_app.config["HSTS_SECONDS"]
    return f"max-age={seconds}; includeSubDomains" if seconds else None


def _add_headers(response):
    # A view may set a stricter policy of its own (pictures are sandboxed): keep it.
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if hsts := _strict_transport_security():
        response.headers["Strict-Transport-Security"] = hsts
    if request.endpoint != "static":
        # Pages show children's records: never keep a copy in a browser or proxy cache.
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
    return response


def _refuse_nul_characters():
    """Nobody types a NUL character and PostgreSQL cannot store one: a request that carries one
    in a form field or the query string is refused (400) before any view reads it."""
    values = [*request.args.listvalues(), *request.form.listvalues()]
    if any("\x00" in value for values_of_field in values for value in values_of_field):
        abort(400)


def init_app(app):
    app.before_request(_refuse_nul_characters)
    app.after_request(_add_headers)

import logging

from flask import jsonify, render_template
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from conference.common.access import public, signed_in
from conference.extensions import db
from conference.main import bp
from conference.models import Role
from conference.services import contacts

logger = logging.getLogger(__name__)


@bp.route("/")
@signed_in
def home():
    """The signed-in user's home page: who they are and what they can do. An administrator is
    told which contacts family documents will leave out because nobody has set them."""
    gaps = []
    if current_user.role == Role.ADMIN.value:
        gaps = contacts.gap_sentences()
    return render_template("views/main/home.html", contact_gaps=gaps)


@bp.route("/healthz")
@public
def healthz():
    """For load balancers and monitoring: 200 when the app can reach its database, else 503."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        logger.exception("Health check could not reach the database")
        return jsonify(status="database unavailable"), 503
    return jsonify(status="ok")

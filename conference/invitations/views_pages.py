"""The family's views before their meeting (issue 20), public: opened with the invitation's code
(respond_views.py), never with a staff sign-in. A short run of question pages (the version's,
conference/domain/family_views.py), each kept on Continue; then "Check your answers" and Send.
Coming back with the code picks up at the first page still to answer; once sent, the answers
can only be read about, not changed.

The questions are drawn by hand from the domain's definitions rather than WTForms fields, so
every label, hint and message is translated where it is shown. The CSRF token is checked for
every POST by the app's CSRFProtect."""

from flask import abort, redirect, render_template, request, url_for

from conference.common.access import public
from conference.common.forms import without_direction_controls
from conference.domain import family_views as questions
from conference.extensions import db
from conference.invitations import bp, language
from conference.models.invitation import VIEWS
from conference.services import family_views, invitations


def _invitation_or_redirect():
    """The open views invitation of this session, or where to send the browser instead: the
    code page (none, expired or withdrawn), or the start page (a code for something else)."""
    invitation = invitations.responding()
    if invitation is None:
        invitations.stop_responding()
        return None, redirect(url_for(".respond"))
    if invitation.purpose != VIEWS:
        return None, redirect(url_for(".respond_start"))
    return invitation, None


@bp.route("/respond/views")
@public
def respond_views_resume():
    """Where the person left off: the first page still to answer, or Check your answers."""
    invitation, elsewhere = _invitation_or_redirect()
    if invitation is None:
        return elsewhere
    views = family_views.views_of(invitation)
    if views is not None and views.sent:
        return redirect(url_for(".respond_views_sent"))
    page = questions.resume_at(invitation.version, family_views.saved(views))
    if page is None:
        return redirect(url_for(".respond_views_check"))
    return redirect(url_for(".respond_views_question", slug=page.slug))


@bp.route("/respond/views/<string:slug>", methods=["GET", "POST"])
@public
def respond_views_question(slug: str):
    """One page of questions; Continue keeps its answers and goes on (back to Check your
    answers when the page was opened from there). :raise 404: no such page in this version."""
    invitation, elsewhere = _invitation_or_redirect()
    if invitation is None:
        return elsewhere
    page = questions.page_of(invitation.version, slug)
    if page is None:
        abort(404)
    views = family_views.views_of(invitation)
    if views is not None and views.sent:
        return redirect(url_for(".respond_views_sent"))
    shown = family_views.saved(views)
    errors: dict = {}
    if request.method == "POST":
        reading = questions.read(page, _typed())
        if not reading.errors:
            return _keep(invitation, page, reading)
        shown, errors = _as_typed(shown, reading), reading.errors
    return _question_page(invitation, page, shown, errors)


def _typed() -> dict[str, list[str]]:
    return {
        name: [without_direction_controls(value) for value in request.form.getlist(name)]
        for name in request.form
    }


def _keep(invitation, page, reading):
    try:
        family_views.save(invitation, page, reading, language.current())
    except family_views.Closed:
        invitations.stop_responding()
        return redirect(url_for(".respond"))
    except family_views.AlreadySent:
        return redirect(url_for(".respond_views_sent"))
    db.session.commit()
    following = questions.page_after(invitation.version, page)
    if following is None or request.args.get("change"):
        return redirect(url_for(".respond_views_check"))
    return redirect(url_for(".respond_views_question", slug=following.slug))


def _as_typed(shown: dict, reading: questions.Reading) -> dict:
    """What was kept, with this page's answers as typed: nothing typed is lost on an error."""
    pictures = {**shown.get("pictures", {}), **reading.pictures}
    return {**shown, **reading.answers, "pictures": pictures, "not_shared": sorted(reading.kept)}


def _question_page(invitation, page, shown, errors):
    pages = questions.pages_of(invitation.version)
    number = pages.index(page) + 1
    return render_template(
        "views/family/question.html",
        page=page,
        number=number,
        pages=len(pages),
        saved=shown,
        errors=errors,
        change=bool(request.args.get("change")),
        back=_back(invitation, page),
        keeps=questions.keeps_from_parents(invitation.version),
        faces=invitation.version == questions.YOUNGER_CHILD,
        FACES=questions.FACES,
    )


def _back(invitation, page) -> str:
    """The page before; or Check your answers, when this page was opened to change an answer."""
    if request.args.get("change"):
        return url_for(".respond_views_check")
    pages = questions.pages_of(invitation.version)
    index = pages.index(page)
    if index == 0:
        return url_for(".respond_start")
    return url_for(".respond_views_question", slug=pages[index - 1].slug)


@bp.route("/respond/views/check-your-answers", methods=["GET", "POST"])
@public
def respond_views_check():
    """Every answer with a Change link, and Send. Send with a question still to answer shows
    this page again, the question named."""
    invitation, elsewhere = _invitation_or_redirect()
    if invitation is None:
        return elsewhere
    views = family_views.views_of(invitation)
    if views is not None and views.sent:
        return redirect(url_for(".respond_views_sent"))
    unfinished = None
    if request.method == "POST":
        try:
            family_views.send(invitation)
        except family_views.Closed:
            invitations.stop_responding()
            return redirect(url_for(".respond"))
        except family_views.AlreadySent:
            return redirect(url_for(".respond_views_sent"))
        except family_views.NotFinished as missing:
            unfinished = missing.page
        else:
            db.session.commit()
            return redirect(url_for(".respond_views_sent"))
    return render_template(
        "views/family/check.html",
        version=invitation.version,
        pages=questions.pages_of(invitation.version),
        saved=family_views.saved(views),
        unfinished=unfinished,
        keeps=questions.keeps_from_parents(invitation.version),
        PICTURES=questions.PICTURES,
        SCORE=questions.SCORE,
        CHOICE=questions.CHOICE,
        label_of=questions.label_of,
        PICTURE_CHOICES=questions.PICTURE_CHOICES,
    )


@bp.route("/respond/views/sent")
@public
def respond_views_sent():
    """What happens next, and that the answers cannot be changed now. Before Send, back to
    where the person left off."""
    invitation, elsewhere = _invitation_or_redirect()
    if invitation is None:
        return elsewhere
    views = family_views.views_of(invitation)
    if views is None or not views.sent:
        return redirect(url_for(".respond_views_resume"))
    return render_template(
        "views/family/sent.html", keeps=questions.keeps_from_parents(invitation.version)
    )

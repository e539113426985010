"""The family's words in their language: download the plan's family-facing text for a
translator (XLIFF 2.0), and import the translated file (conference/services/translations.py).

Both need the right to change the plan (the text leaves the council; the translation is printed
for the family), but not a draft: a finalised plan's words are translated too.
"""

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from conference.common.access import signed_in
from conference.extensions import db
from conference.pdf import i18n
from conference.plans import bp
from conference.plans.translation_forms import LANGUAGES, ExportForm, ImportForm, language_name
from conference.services import access, translations

XLIFF_MEDIA_TYPE = "application/xliff+xml"
AT_THE_SAME_MOMENT = (
    "Someone else imported a translation into this language at the same moment: look at the "
    "plan’s translations, then import this file again if it is the one to keep"
)


def _plan_to_translate(plan_id: int):
    """:raise 404: not visible. :raise 403: the user may not change the plan."""
    plan = access.plan_on_record_to_view(current_user, plan_id)
    if not access.may_change(current_user, plan):
        abort(403)
    return plan


@bp.route("/plans/<int:plan_id>/translations/export")
@signed_in
def export_translation(plan_id: int):
    """Choose a language; with one chosen, the download of the plan's family-facing text as
    XLIFF 2.0, audited as an export. What is kept from the family is not in it.

    :raise 404: no such plan, or its case is not visible to the user.
    :raise 403: the user may not change the plan.
    """
    plan = _plan_to_translate(plan_id)
    form = ExportForm(request.args, language=_family_language(plan))
    segments = translations.family_segments(plan)
    # A plan with no words to translate has no file: XLIFF needs at least one unit.
    if segments and "language" in request.args and form.validate():
        exported = translations.export(current_user, plan, form.language.data)
        db.session.commit()
        response = Response(exported.data, mimetype=XLIFF_MEDIA_TYPE)
        response.headers["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
        response.headers["Cache-Control"] = "no-store"
        return response
    return render_template(
        "views/plans/translation_export.html",
        plan=plan,
        form=form,
        segments=segments,
    )


@bp.route("/plans/<int:plan_id>/translations/import", methods=["GET", "POST"])
@signed_in
def import_translation(plan_id: int):
    """Import the translator's file, with who translated and checked it. A file with any
    problem is refused whole, each problem listed, and nothing is stored.

    :raise 404: no such plan, or its case is not visible to the user.
    :raise 403: the user may not change the plan.
    """
    plan = _plan_to_translate(plan_id)
    # The family's language is offered first on the empty page only: a radio left unchosen
    # on a post would otherwise keep it, and the file would be imported as a language no one
    # chose.
    offered = _family_language(plan) if request.method == "GET" else None
    form = ImportForm(max_bytes=current_app.config["MAX_TRANSLATION_BYTES"], language=offered)
    problems: list[str] = []
    if form.validate_on_submit():
        try:
            translations.import_translation(
                current_user,
                plan,
                form.data_of_file,
                form.language.data,
                _credits(form),
                names=LANGUAGES,
            )
            db.session.commit()
        except translations.TranslationRefused as refused:
            problems = refused.problems
            form.translation.errors = [_problem_summary(problems)]
        except IntegrityError:
            # Someone imported a translation into this language at the same moment.
            db.session.rollback()
            form.translation.errors = [AT_THE_SAME_MOMENT]
        else:
            flash(f"The {language_name(form.language.data)} translation is imported", "success")
            return redirect(url_for("plans.show_plan", plan_id=plan.id) + "#translations")
    return render_template(
        "views/plans/translation_import.html", plan=plan, form=form, problems=problems
    )


def _family_language(plan) -> str | None:
    """The language the family asked for their plan in, offered first; None for English."""
    code = i18n.document_language(plan.case)
    return code if code != i18n.ENGLISH else None


def _credits(form: ImportForm) -> translations.Credits:
    return translations.Credits(
        translated_by=form.translated_by.data.strip(),
        translated_on=form.translated_on.data,
        checked_by=(form.checked_by.data or "").strip(),
        checked_on=form.checked_on.data,
    )


def _problem_summary(problems: list[str]) -> str:
    """The file's one problem, or how many it has: the page lists them all under the field."""
    if len(problems) == 1:
        return problems[0]
    return f"The selected file has {len(problems)} problems, listed below: nothing was imported"


def on_plan_page(plan) -> dict:
    """What the plan page shows of the plan's translations: staff only, never the family's
    copy (which prints no "not yet checked")."""
    return {
        "summaries": translations.summaries(plan),
        "names": LANGUAGES,
        "may_translate": access.may_change(current_user, plan),
    }

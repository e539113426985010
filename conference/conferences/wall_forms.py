"""Forms for the live screen: the chair revealing a round of scores, choosing the stage of the
meeting the screen shows, and choosing what is kept off the screen."""

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput
from wtforms import HiddenField, RadioField, SelectMultipleField, SubmitField
from wtforms.validators import AnyOf, InputRequired

from conference.common.forms import ServiceForm
from conference.domain.wall_stages import STAGES


class RevealForm(ServiceForm):
    # The worry statement whose round this is; blank for the overall round.
    worry = HiddenField()
    back = HiddenField()
    submit = SubmitField("Reveal the scores", widget=GovSubmitInput())


class KeptOffForm(ServiceForm):
    """The page's checkboxes are drawn from the conference's records, so the choices are
    checked by the service (anything not on this conference's wall is ignored), not here."""

    keep = SelectMultipleField(validate_choice=False)
    # What the page showed as kept off when it was loaded: only what this person changed is
    # changed, so two people ticking different boxes never undo each other.
    was_kept = SelectMultipleField(validate_choice=False)
    submit = SubmitField("Save what the room sees", widget=GovSubmitInput())


CHOOSE_STAGE = "Select what the room sees now"


class StageForm(ServiceForm):
    # Checked by AnyOf, so a value that is no stage gets the same plain message as none.
    stage = RadioField(
        "What the room sees now",
        widget=GovRadioInput(),
        choices=STAGES,
        validate_choice=False,
        validators=[InputRequired(CHOOSE_STAGE), AnyOf(STAGES, message=CHOOSE_STAGE)],
    )
    submit = SubmitField("Show this on the screen", widget=GovSubmitInput())

"""Forms for the children and adults of a case, and for their identity answers."""

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Email, InputRequired, Optional, Regexp, StopValidation

from conference.common.forms import (
    DateInputField,
    NotInFuture,
    OnlyWhen,
    RequiredDate,
    VersionedForm,
    max_length,
)
from conference.domain.children import DISABILITY_CODES, SEX_CODES
from conference.domain.cin_codes import (
    PRIMARY_NEED_CODES,
    REFERRAL_SOURCES,
    UPN_PATTERN,
    UPN_UNKNOWN_REASONS,
)
from conference.domain.identity import (
    ETHNICITY_CODES,
    IDENTITY_PROMPTS,
    IDENTITY_TEXT_FIELDS,
    INTERPRETER_GENDERS,
    PLAN_FORMATS,
    YES_NO_NOT_KNOWN,
)
from conference.domain.upn import upn_problems

YES_NO = {"yes": "Yes", "no": "No"}

RELATIONSHIPS = [
    "Mother",
    "Father",
    "Step-parent",
    "Grandparent",
    "Aunt or uncle",
    "Sibling (adult)",
    "Carer",
    "Partner of parent",
    "Family friend",
    "Other",
    "Not related",
]

NO_DISABILITY = "NONE"
# Never stored: a child whose disabilities are not known yet has no codes (Annex A's
# "c) Unknown"), which is not the same as "No disability" (["NONE"]).
DISABILITY_NOT_KNOWN = "NOT_KNOWN"
# "No disability" and "Not known yet" last, so they read as the answers when none of the
# others apply.
DISABILITY_CHOICES = (
    {code: label for code, label in DISABILITY_CODES.items() if code != NO_DISABILITY}
    | {NO_DISABILITY: DISABILITY_CODES[NO_DISABILITY]}
    | {DISABILITY_NOT_KNOWN: "Not known yet"}
)

# Identity prompts answered on one short line (their column length); the others get a text box.
SHORT_ANSWERS = {"first_language": 100, "dialect": 100, "nationality": 100}


class ChildForm(VersionedForm):
    given_name = StringField(
        "First name",
        widget=GovTextInput(),
        validators=[InputRequired("Enter the child’s first name"), max_length(100, "First name")],
    )
    family_name = StringField(
        "Last name",
        widget=GovTextInput(),
        validators=[InputRequired("Enter the child’s last name"), max_length(100, "Last name")],
    )
    born = RadioField(
        "Is the child born yet?",
        widget=GovRadioInput(),
        choices={"yes": "Yes", "no": "No, the child is unborn"},
        validators=[InputRequired("Select whether the child is born yet")],
    )
    date_of_birth = DateInputField(
        "Date of birth",
        name_in_messages="the child’s date of birth",
        description="For example, 27 3 2019",
        validators=[OnlyWhen("born", "yes", RequiredDate(), NotInFuture())],
    )
    expected_date_of_birth = DateInputField(
        "Expected date of birth",
        name_in_messages="the expected date of birth",
        description="For example, 14 9 2027",
        validators=[OnlyWhen("born", "no", RequiredDate())],
    )
    sex = RadioField(
        "Sex",
        widget=GovRadioInput(),
        description="As recorded for statutory returns, such as the Children in Need census",
        choices=SEX_CODES,
        validators=[InputRequired("Select the child’s sex as recorded for statutory returns")],
    )
    gender_identity = StringField(
        "Gender identity (optional)",
        widget=GovTextInput(),
        description="In the child’s own words, if they have said how they see themselves, "
        "including the name and pronouns they use",
        validators=[max_length(200, "Gender identity")],
    )
    local_child_id = StringField(
        "Local child ID",
        widget=GovTextInput(),
        description="The child’s ID in the council’s case management system",
        validators=[InputRequired("Enter the local child ID"), max_length(40, "Local child ID")],
    )
    disabilities = SelectMultipleField(
        "Disabilities (optional)",
        widget=GovCheckboxesInput(),
        description="Select all that apply, as recorded for the Children in Need census. "
        "If it has not been found out yet, select ‘Not known yet’.",
        choices=DISABILITY_CHOICES,
    )
    school = StringField(
        "School, nursery or other setting (optional)",
        widget=GovTextInput(),
        validators=[max_length(200, "School or setting")],
    )
    gp = StringField(
        "GP (optional)",
        widget=GovTextInput(),
        description="The GP practice the child is registered with",
        validators=[max_length(200, "GP")],
    )
    upn = StringField(
        "Unique pupil number (optional)",
        widget=GovTextInput(),
        description="13 characters: a letter, 11 numbers, then a number or a letter",
        filters=[lambda value: value.strip().upper() if isinstance(value, str) else value],
        validators=[
            Optional(),
            Regexp(UPN_PATTERN, message="Enter a unique pupil number like A123456789012"),
        ],
    )
    upn_unknown_reason = SelectField(
        "Reason the child has no UPN (optional)",
        widget=GovSelect(),
        description="Only when the child has no unique pupil number, as the Children in Need "
        "census asks",
        choices={"": "Not recorded"} | UPN_UNKNOWN_REASONS,
        validators=[Optional()],
    )
    previous_plans_elsewhere = StringField(
        "Child protection plans before these records (optional)",
        widget=GovTextInput(),
        description="How many child protection plans the child had before this service’s "
        "records began, for example with another council",
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[
            Optional(),
            Regexp(r"^\d{1,2}$", message="Enter the number of plans as a number, like 0 or 2"),
        ],
    )
    emergency_protection_on = DateInputField(
        "Latest emergency protection order or police protection (optional)",
        name_in_messages="the date of the latest emergency protection order or police protection",
        description="For example, 27 3 2026",
        validators=[NotInFuture()],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())

    def validate_disabilities(self, field):
        if DISABILITY_NOT_KNOWN in (field.data or []) and len(field.data) > 1:
            raise StopValidation(
                "Select ‘Not known yet’ on its own, or only the disabilities that apply"
            )
        if NO_DISABILITY in (field.data or []) and len(field.data) > 1:
            raise StopValidation(
                "Select ‘No disability’ on its own, or only the disabilities that apply"
            )

    def validate_upn(self, field):
        # The census's rules on the number itself (upn.py), once it has the right shape.
        problems = upn_problems(field.data) if field.data and not field.errors else []
        if problems:
            raise StopValidation(problems[0].form_message)

    def validate_upn_unknown_reason(self, field):
        if field.data and self.upn.data:
            raise StopValidation(
                "Remove the reason the child has no UPN, or remove the unique pupil number: "
                "a child with a UPN needs no reason"
            )

    def fill_from(self, child) -> None:
        """Fill the answers that are not stored as they are asked."""
        self.born.data = "no" if child.unborn else "yes"
        self.upn_unknown_reason.data = child.upn_unknown_reason or ""
        self.disabilities.data = list(child.disabilities or []) or [DISABILITY_NOT_KNOWN]

    def disability_codes(self) -> list[str]:
        """The census codes to store: none at all when they are not known yet."""
        return [code for code in self.disabilities.data or [] if code != DISABILITY_NOT_KNOWN]

    def details(self) -> dict:
        """The child's details to store: only the date that applies is kept."""
        born = self.born.data == "yes"
        return {
            "given_name": self.given_name.data,
            "family_name": self.family_name.data,
            "date_of_birth": self.date_of_birth.data if born else None,
            "expected_date_of_birth": None if born else self.expected_date_of_birth.data,
            "sex": self.sex.data,
            "gender_identity": self.gender_identity.data or "",
            "local_child_id": self.local_child_id.data,
            "disabilities": self.disability_codes(),
            "school": self.school.data or "",
            "gp": self.gp.data or "",
            "upn": self.upn.data or "",
            "upn_unknown_reason": self.upn_unknown_reason.data or None,
            "previous_plans_elsewhere": int(self.previous_plans_elsewhere.data or 0),
            "emergency_protection_on": self.emergency_protection_on.data,
        }


class NewChildForm(ChildForm):
    """Adding a child also opens their first episode, from the family's referral: its source
    and the child's primary need are asked here (as the case form asked them before each child
    had episodes), suggested from a brother's or sister's episode. Both can be changed later on
    the child's episode page."""

    referral_source = SelectField(
        "Referral source (optional)",
        widget=GovSelect(),
        description="Who made the referral, as the Children in Need census records it",
        choices={"": "Not recorded yet"} | REFERRAL_SOURCES,
        validators=[Optional()],
    )
    primary_need_code = SelectField(
        "Primary need (optional)",
        widget=GovSelect(),
        description="The main reason the child needs services, as found at assessment",
        choices={"": "Not recorded yet"} | PRIMARY_NEED_CODES,
        validators=[Optional()],
    )

    def referral(self) -> dict:
        return {
            "referral_source": self.referral_source.data or None,
            "primary_need_code": self.primary_need_code.data or None,
        }


CHILD_LABELS = {
    "given_name": "First name",
    "family_name": "Last name",
    "date_of_birth": "Date of birth",
    "expected_date_of_birth": "Expected date of birth",
    "sex": "Sex",
    "gender_identity": "Gender identity",
    "local_child_id": "Local child ID",
    "disabilities": "Disabilities",
    "school": "School or setting",
    "gp": "GP",
    "upn": "Unique pupil number",
    "upn_unknown_reason": "Reason the child has no UPN",
    "emergency_protection_on": "Latest emergency protection",
}


class AdultForm(VersionedForm):
    """An adult's details. `adult_form` adds a relationship question for each child."""

    given_name = StringField(
        "First name",
        widget=GovTextInput(),
        validators=[InputRequired("Enter the person’s first name"), max_length(100, "First name")],
    )
    family_name = StringField(
        "Last name",
        widget=GovTextInput(),
        validators=[InputRequired("Enter the person’s last name"), max_length(100, "Last name")],
    )
    in_household = RadioField(
        "Do they live in the children’s household?",
        widget=GovRadioInput(),
        choices=YES_NO,
        validators=[InputRequired("Select whether they live in the children’s household")],
    )
    phone = StringField(
        "Phone number (optional)",
        widget=GovTextInput(),
        validators=[max_length(40, "Phone number")],
    )
    email = StringField(
        "Email address (optional)",
        widget=GovTextInput(),
        validators=[
            Optional(),
            max_length(254, "Email address"),
            Email("Enter an email address in the correct format, like name@example.org"),
        ],
    )
    contact_address = TextAreaField(
        "Contact address (optional)",
        widget=GovTextArea(),
        description="Where letters and the plan should be sent, if not the family’s address",
    )
    submit = SubmitField("Save", widget=GovSubmitInput())

    children: list = []

    def relationship_fields(self):
        """(child, relationship field, parental responsibility field) for each child."""
        for child in self.children:
            yield child, self[f"relationship_{child.id}"], self[f"pr_{child.id}"]

    def fill_from(self, adult) -> None:
        """Fill the answers that are not stored as they are asked."""
        self.in_household.data = "yes" if adult.in_household else "no"
        for relationship in adult.relationships:
            if f"relationship_{relationship.child_id}" in self:
                self[
                    f"relationship_{relationship.child_id}"
                ].data = relationship.relationship_to_child
                self[f"pr_{relationship.child_id}"].data = (
                    "yes" if relationship.parental_responsibility else "no"
                )

    def details(self) -> dict:
        return {
            "given_name": self.given_name.data,
            "family_name": self.family_name.data,
            "in_household": self.in_household.data == "yes",
            "phone": self.phone.data or "",
            "email": self.email.data or "",
            "contact_address": self.contact_address.data or "",
        }

    def relationships(self) -> dict[int, tuple[str, bool]]:
        """{child id: (relationship to the child, has parental responsibility)}."""
        return {
            child.id: (relationship.data, pr.data == "yes")
            for child, relationship, pr in self.relationship_fields()
        }


def adult_form(children, *args, **kwargs) -> AdultForm:
    """An AdultForm asking, for each of `children`, how the adult is related to them."""

    class AdultWithChildrenForm(AdultForm):
        """The adult form with a relationship question added below for each child."""

    for child in children:
        setattr(
            AdultWithChildrenForm,
            f"relationship_{child.id}",
            SelectField(
                f"Relationship to {child.name}",
                name=f"relationship-{child.id}",
                widget=GovSelect(),
                choices={"": "Select"} | {name: name for name in RELATIONSHIPS},
                validators=[InputRequired(f"Select their relationship to {child.name}")],
            ),
        )
        setattr(
            AdultWithChildrenForm,
            f"pr_{child.id}",
            RadioField(
                f"Parental responsibility for {child.name}?",
                name=f"pr-{child.id}",
                widget=GovRadioInput(),
                choices=YES_NO,
                validators=[
                    InputRequired(
                        f"Select whether they have parental responsibility for {child.name}"
                    )
                ],
            ),
        )
    form = AdultWithChildrenForm(*args, **kwargs)
    form.children = list(children)
    return form


ADULT_LABELS = {
    "given_name": "First name",
    "family_name": "Last name",
    "phone": "Phone number",
    "email": "Email address",
    "contact_address": "Contact address",
}

# The identity form, in the order it is asked, under these headings.
IDENTITY_SECTIONS = [
    ("Ethnicity and culture", ["ethnicity_code", "ethnicity_own_words"]),
    ("Faith", ["religion", "faith_practices"]),
    (
        "Language and interpreters",
        [
            "first_language",
            "languages_spoken",
            "languages_read_written",
            "dialect",
            "interpreter_needed",
        ],
    ),
    ("The written plan", ["plan_language", "plan_formats"]),
    ("Nationality and immigration", ["nationality", "immigration_status"]),
    ("Support and experiences", ["community_connections", "discrimination_experiences"]),
    ("Anything else", ["identity_notes"]),
]

BOTH_ANSWERED = "Clear the answer or untick ‘Not known yet’"


class IdentityForm(VersionedForm):
    """The identity prompts (docs/domain.md section 5), for a child or an adult. Each free-text
    prompt has its own "Not known yet" box, `<field>_not_known` (added below the class)."""

    ethnicity_code = SelectField(
        "Ethnicity (statutory code)",
        widget=GovSelect(),
        description="As recorded for statutory returns. If it has not been asked yet, choose "
        "‘Information not yet obtained (NOBT)’.",
        choices={"": "Select"}
        | {code: f"{label} ({code})" for code, label in ETHNICITY_CODES.items()},
    )
    interpreter_needed = RadioField(
        "Is an interpreter needed?",
        widget=GovRadioInput(),
        choices=YES_NO_NOT_KNOWN,
        validators=[Optional()],
    )
    interpreter_language = StringField(
        "Language the interpreter must speak",
        widget=GovTextInput(),
        validators=[
            OnlyWhen(
                "interpreter_needed",
                "yes",
                InputRequired("Enter the language the interpreter must speak"),
                max_length(100, "Language"),
            )
        ],
    )
    interpreter_dialect = StringField(
        "Dialect (optional)",
        widget=GovTextInput(),
        validators=[OnlyWhen("interpreter_needed", "yes", max_length(100, "Dialect"))],
    )
    interpreter_gender = RadioField(
        "Preferred gender of the interpreter (optional)",
        widget=GovRadioInput(),
        choices=INTERPRETER_GENDERS,
        validators=[Optional()],
    )
    plan_language = StringField(
        "Language the written plan must be in",
        widget=GovTextInput(),
        description="The language they read best. The plan can be used in court, so they must "
        "be able to understand it.",
        validators=[max_length(100, "Language")],
    )
    plan_formats = SelectMultipleField(
        "Format of the written plan",
        widget=GovCheckboxesInput(),
        description="Select all that apply",
        choices=PLAN_FORMATS,
    )
    plan_format_other = StringField(
        "Other format",
        widget=GovTextInput(),
        description="For example, braille, or read aloud by an interpreter",
        validators=[
            OnlyWhen(
                "plan_formats",
                "other",
                InputRequired("Enter the other format the plan must be in"),
                max_length(200, "Other format"),
            )
        ],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in IDENTITY_TEXT_FIELDS:
            answer, not_known = self[field], self[f"{field}_not_known"]
            if not_known.data and (answer.data or "").strip() and not answer.errors:
                answer.errors.append(BOTH_ANSWERED)
                valid = False
        return valid

    def fill_from(self, person) -> None:
        """Fill the answers that are not stored as they are asked."""
        not_known = set(person.identity_not_known or [])
        for field in IDENTITY_TEXT_FIELDS:
            self[f"{field}_not_known"].data = field in not_known
        self.ethnicity_code.data = person.ethnicity_code or ""

    def answers(self) -> dict:
        """The identity answers to store. Interpreter details are kept only when one is needed,
        and the other format only when "Other" is ticked."""
        interpreter = self.interpreter_needed.data == "yes"
        formats = list(self.plan_formats.data or [])
        return {
            "ethnicity_code": self.ethnicity_code.data or None,
            **{field: self[field].data or "" for field in IDENTITY_TEXT_FIELDS},
            "identity_not_known": [
                field for field in IDENTITY_TEXT_FIELDS if self[f"{field}_not_known"].data
            ],
            "interpreter_needed": self.interpreter_needed.data or None,
            "interpreter_language": (self.interpreter_language.data or "") if interpreter else "",
            "interpreter_dialect": (self.interpreter_dialect.data or "") if interpreter else "",
            "interpreter_gender": (self.interpreter_gender.data or None) if interpreter else None,
            "plan_language": self.plan_language.data or "",
            "plan_formats": formats,
            "plan_format_other": (self.plan_format_other.data or "") if "other" in formats else "",
        }


def _add_prompts(form_class) -> None:
    """A question for each free-text identity prompt, with its hint and "Not known yet" box."""
    for field, question, hint in IDENTITY_PROMPTS:
        short = SHORT_ANSWERS.get(field)
        answer = (
            StringField(
                question,
                widget=GovTextInput(),
                description=hint,
                validators=[max_length(short, question)],
            )
            if short
            else TextAreaField(question, widget=GovTextArea(), description=hint)
        )
        setattr(form_class, field, answer)
        setattr(
            form_class,
            f"{field}_not_known",
            BooleanField("Not known yet", widget=GovCheckboxInput()),
        )


_add_prompts(IdentityForm)

IDENTITY_LABELS = {
    "ethnicity_code": "Ethnicity (statutory code)",
    **{field: question for field, question, _hint in IDENTITY_PROMPTS},
    "interpreter_needed": "Is an interpreter needed?",
    "interpreter_language": "Language the interpreter must speak",
    "interpreter_dialect": "Interpreter’s dialect",
    "interpreter_gender": "Preferred gender of the interpreter",
    "plan_language": "Language the written plan must be in",
    "plan_formats": "Format of the written plan",
    "plan_format_other": "Other format",
}

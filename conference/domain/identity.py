"""Identity: ethnicity, culture, religion and language (docs/domain.md section 5).

The statutory codes used in the CIN census and Ofsted's Annex A, and the prompts the product asks
for every child and adult. "Not known yet" is a real answer, distinct from a blank: it says the
question was asked and could not be answered yet, and later becomes a grey area in the conference.
"""

ETHNICITY_CODES = {
    "WBRI": "White British",
    "WIRI": "White Irish",
    "WIRT": "Traveller of Irish heritage",
    "WROM": "Gypsy/Roma",
    "WOTH": "Any other White background",
    "MWBC": "White and Black Caribbean",
    "MWBA": "White and Black African",
    "MWAS": "White and Asian",
    "MOTH": "Any other Mixed background",
    "AIND": "Indian",
    "APKN": "Pakistani",
    "ABAN": "Bangladeshi",
    "AOTH": "Any other Asian background",
    "BCRB": "Black Caribbean",
    "BAFR": "Black African",
    "BOTH": "Any other Black background",
    "CHNE": "Chinese",
    "OOTH": "Any other ethnic group",
    "REFU": "Refused",
    "NOBT": "Information not yet obtained",
}

INTERPRETER_GENDERS = {
    "female": "Female interpreter",
    "male": "Male interpreter",
    "no_preference": "No preference",
}

PLAN_FORMATS = {
    "standard": "Standard print",
    "large_print": "Large print",
    "easy_read": "Easy read",
    "audio": "Audio",
    "other": "Other",
}

YES_NO_NOT_KNOWN = {"yes": "Yes", "no": "No", "not_known": "Not known yet"}

# Each free-text prompt: (field, question, why it matters). The hint is shown on the form.
IDENTITY_PROMPTS = [
    (
        "ethnicity_own_words",
        "How do they describe their ethnicity, in their own words?",
        "The statutory code is too coarse to plan with. Their own words show what matters to them.",
    ),
    (
        "religion",
        "Religion or faith",
        "Faith can be a source of strength and support, and shapes what a plan can ask.",
    ),
    (
        "faith_practices",
        "Faith or cultural practices that matter day to day",
        "For example diet, worship, dress or festivals. A plan that clashes with them is less "
        "likely to work.",
    ),
    (
        "first_language",
        "First language",
        "People understand worries and plans best in their first language.",
    ),
    (
        "languages_spoken",
        "Other languages spoken",
        "Helps choose who can talk with the family, and in which language.",
    ),
    (
        "languages_read_written",
        "Languages read and written",
        "Someone may speak a language they cannot read: written plans must be in one they read.",
    ),
    (
        "dialect",
        "Dialect",
        "An interpreter who speaks the wrong dialect can change the meaning of what is said.",
    ),
    (
        "nationality",
        "Nationality",
        "Only where it affects what support the family can get.",
    ),
    (
        "immigration_status",
        "Immigration status",
        "Only where relevant: it can limit access to housing, benefits and services.",
    ),
    (
        "community_connections",
        "Community or faith connections who could support the family",
        "People the family trusts can join the safety network around the child.",
    ),
    (
        "discrimination_experiences",
        "Experiences of racism or discrimination, including from services",
        "These affect trust in professionals and can be part of what the family is living with.",
    ),
    (
        "identity_notes",
        "Anything else about identity the plan should take into account",
        "For example how the plan keeps a child connected to their heritage.",
    ),
]

IDENTITY_TEXT_FIELDS = [field for field, _question, _hint in IDENTITY_PROMPTS]


def answer_state(value, not_known: bool) -> str:
    """How a prompt stands: "answered", "not known yet" or "not asked" (blank)."""
    if not_known:
        return "not known yet"
    if value not in (None, "", []):
        return "answered"
    return "not asked"


# Which questions fit whom. An unborn baby's heritage, faith and languages are the parents',
# asked on the parents' own records: for the baby, only the ethnicity (from the parents, or
# "information not yet obtained") and how the plan keeps them connected to their heritage.
UNBORN_PROMPTS = ("identity_notes",)
# A child under 5 cannot describe their ethnicity in their own words, read or write, speak a
# dialect an interpreter must match, or tell of discrimination: their family answers the rest.
AGE_OWN_VOICE = 5
OWN_VOICE_PROMPTS = (
    "ethnicity_own_words",
    "languages_read_written",
    "dialect",
    "discrimination_experiences",
)


def prompts_for(is_child: bool, unborn: bool = False, age: int | None = None) -> list[str]:
    """The free-text identity prompts that fit the person, in the order of IDENTITY_PROMPTS:
    every one for an adult and for a child of 5 or over; fewer for a young child, and fewest
    for an unborn baby (`age` is in whole years, None when not known)."""
    if not is_child:
        return list(IDENTITY_TEXT_FIELDS)
    if unborn:
        return [field for field in IDENTITY_TEXT_FIELDS if field in UNBORN_PROMPTS]
    if age is not None and age < AGE_OWN_VOICE:
        return [field for field in IDENTITY_TEXT_FIELDS if field not in OWN_VOICE_PROMPTS]
    return list(IDENTITY_TEXT_FIELDS)

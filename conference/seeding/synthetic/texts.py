"""The small word lists synthetic records are drawn from. Every name is invented: the family
names are made-up words, so no synthetic record can be mistaken for a real family."""

TEAMS = ("North", "South", "East", "West", "Central", "Riverside")
TEAM_PREFIX = "Synthetic "
PODS = ("Pod A", "Pod B", "Pod C")
EMAIL_DOMAIN = "synthetic.example"
REFERENCE_PREFIX = "SYN-"
CHILD_ID_PREFIX = "SYN"
UPN_LA_CODE = "311"  # a code the census accepts (rule 1530), as in the demo's UPNs

GIVEN_NAMES = (
    "Amara",
    "Ben",
    "Chloe",
    "Dev",
    "Ella",
    "Femi",
    "Grace",
    "Hamza",
    "Isla",
    "Jay",
    "Kai",
    "Lena",
    "Milo",
    "Nadia",
    "Oscar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tia",
    "Umar",
    "Vera",
    "Wren",
    "Xander",
    "Yara",
    "Zac",
    "Aisha",
    "Bogdan",
    "Chen",
    "Darius",
    "Esme",
    "Farah",
    "Gabriel",
    "Hana",
    "Ivo",
    "Jamal",
    "Kasia",
    "Leon",
    "Maya",
    "Niall",
)
ADULT_WOMEN = ("Alex", "Bea", "Carla", "Dina", "Eve", "Fran", "Gwen", "Hope", "Ines", "Jo", "Kim")
ADULT_MEN = ("Aled", "Bram", "Cal", "Dom", "Eli", "Finn", "Gus", "Hal", "Ike", "Jon", "Kit")
FAMILY_NAMES = (
    "Appleworth",
    "Brambleton",
    "Cobblestone",
    "Dapplegate",
    "Elderbrook",
    "Fernwhistle",
    "Gorseby",
    "Hazelwick",
    "Inkberry",
    "Juniperton",
    "Kettleby",
    "Larkspurr",
    "Mossington",
    "Nettlecombe",
    "Oakhollow",
    "Pebbleford",
    "Quillfeather",
    "Rushmere",
    "Sorrelton",
    "Thistlewood",
    "Umberleigh",
    "Violetmoor",
    "Willowmere",
    "Yarrowby",
    "Zephyrfield",
    "Acornvale",
    "Bluebellow",
    "Cindermoss",
    "Driftwick",
    "Emberlane",
)
STREETS = ("Example Road", "Sample Street", "Fiction Lane", "Placeholder Close", "Mock Avenue")
TOWN = "Synthtown"

# (code, weight): roughly the mix of a large English town.
ETHNICITIES = (
    ("WBRI", 52),
    ("WOTH", 8),
    ("WIRI", 1),
    ("WROM", 1),
    ("MWBC", 4),
    ("MWBA", 2),
    ("MWAS", 2),
    ("MOTH", 3),
    ("AIND", 3),
    ("APKN", 4),
    ("ABAN", 3),
    ("AOTH", 2),
    ("BCRB", 3),
    ("BAFR", 6),
    ("BOTH", 1),
    ("CHNE", 1),
    ("OOTH", 2),
    ("NOBT", 2),
)
# (first language, weight); anyone whose first language is not English may need an interpreter.
LANGUAGES = (
    ("English", 80),
    ("Polish", 3),
    ("Urdu", 3),
    ("Bengali", 2),
    ("Romanian", 3),
    ("Somali", 2),
    ("Arabic", 2),
    ("Yoruba", 2),
    ("Portuguese", 1),
    ("Turkish", 1),
    ("Lithuanian", 1),
)
RELIGIONS = ("", "Christian", "Muslim", "No religion", "Hindu", "Sikh", "Jewish", "Not known yet")

REFERRAL_SOURCES = (
    ("2A", 20),
    ("6", 28),
    ("3A", 5),
    ("3B", 6),
    ("3E", 5),
    ("1A", 8),
    ("5D", 8),
    ("5A", 4),
    ("4", 2),
    ("8", 6),
    ("9", 3),
    ("7", 3),
    ("1C", 2),
)
PRIMARY_NEEDS = (("N1", 80), ("N5", 8), ("N4", 5), ("N3", 4), ("N8", 2), ("N2", 1))
CATEGORIES = (("NEG", 45), ("EMO", 35), ("PHY", 10), ("SAB", 5), ("MUL", 5))
DISABILITIES = ("MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT")

# (agency type, role, agency name)
AGENCIES = (
    ("education", "Designated safeguarding lead", "Synthtown Primary School"),
    ("education", "Head of year", "Synthtown Academy"),
    ("health", "Health visitor", "Synthtown Community Health"),
    ("health", "School nurse", "Synthtown School Nursing Service"),
    ("health", "GP", "Example Lane Surgery"),
    ("police", "Police officer", "Synthtown Police"),
    ("drug_and_alcohol", "Recovery worker", "Synthtown Recovery Service"),
    ("mental_health", "Care coordinator", "Synthtown Adult Mental Health"),
    ("housing", "Housing officer", "Synthtown Housing"),
    ("voluntary_sector", "Family support worker", "Synthtown Family Hub"),
    ("probation", "Probation officer", "Synthtown Probation"),
)

DANGERS = (
    "Police were called after an argument at home in which an adult was pushed.",
    "The children were found at home alone late at night.",
    "A child came to school with a bruise to the face and could not say how it happened.",
    "The children have missed many health appointments and school days this term.",
    "An adult at home was found drunk while caring for a baby.",
    "The home had no food and no heating when the social worker visited.",
)
WORRIES = (
    (
        "when Mum and her partner argue they shout and push each other",
        "the children could be hurt and live scared at home",
    ),
    (
        "when Dad drinks he cannot look after the children safely",
        "the children could be left without care or hurt",
    ),
    (
        "the children often go without meals, clean clothes or a warm bed",
        "their health and growth could suffer",
    ),
    ("the children are hit when adults are angry", "the children could be badly injured"),
    (
        "the older child looks after the younger ones most evenings",
        "the children could be hurt and fall behind at school",
    ),
    (
        "Mum's mental health means she sometimes stays in bed for days",
        "the children could miss school and go without care",
    ),
    (
        "the child spends nights away from home with unknown adults",
        "the child could be exploited or harmed",
    ),
)
COMPLICATING = (
    "Money is very tight and the family has debts.",
    "The family has moved home three times this year.",
    "Earlier meetings were held without an interpreter.",
    "The family does not trust professionals after a bad experience.",
)
SAFETIES = (
    "Grandma looks after the children when things are difficult at home.",
    "The children go to a neighbour's house when adults argue.",
    "Mum has stopped contact with her former partner.",
    "Dad has not drunk alcohol for four weeks.",
)
STRENGTHS = (
    "The children are close to each other and to their grandparents.",
    "The parents love their children and want things to change.",
    "The children go to a youth club every week.",
    "The family has a supportive faith community.",
)
GREYS = (
    "Not known yet whether Dad will take up the offer of help.",
    "It is not clear who else lives at the home.",
)

GOOD_GOALS = (
    (
        "For at least {months} months, adults at home sort out disagreements calmly: no shouting, "
        "pushing or throwing things.",
        "Police call-out records and the children's own 0-10 scale",
        "Children's scale at 7 or more at every visit",
    ),
    (
        "{name} has breakfast and an evening meal every day, shown by the visit checklist.",
        "Visit checklist and school breakfast club register",
        "Meals on at least 6 of 7 days",
    ),
    (
        "{name} goes to school every day: attendance at least 95% each half term.",
        "School attendance register",
        "At least 95% each half term",
    ),
    (
        "{name} is in bed by 8pm on school nights, in a clean and warm bedroom.",
        "Parent's diary and two unannounced visits a month",
        "At least 6 of 7 nights",
    ),
    (
        "When Dad has been drinking he does not look after {name}: Grandma does, every time.",
        "Grandma's diary and the child's weekly check-in",
        "Every time, for {months} months",
    ),
    (
        "{name} goes to every health appointment and has all vaccinations up to date.",
        "GP and health visitor records",
        "All appointments kept",
    ),
)
# Outcomes with an action written into them: the checker grades them mixed (an outcome for the
# child, and what an adult or a service will do).
MIXED_GOALS = (
    (
        "{name} goes to school every day, and Mum will attend the parenting course.",
        "School attendance register",
        "At least 95% each half term",
    ),
    (
        "Mum will stay off drink and see her key worker every week.",
        "Drug and alcohol service test results and the key worker's record",
        "Every test clear for {months} months",
    ),
    (
        "When Dad looks after {name} he has not been drinking, and he will engage with the "
        "alcohol service.",
        "Grandma's diary and the child's weekly check-in",
        "Every time, for {months} months",
    ),
    (
        "{name} feels safe at home and the family will work with the family support worker.",
        "The child's own 0-10 scale at each visit",
        "7 or more at every visit",
    ),
)
TASK_GOALS = (
    "Mum will attend a parenting course.",
    "Dad will engage with the alcohol service.",
    "The family will co-operate with professionals.",
    "Parents to work with the family support worker.",
    "{name} will be referred to CAMHS.",
    # Not "Improve home conditions.": the checker reads it as a (vague) outcome, as social
    # workers do (tests/unit/domain/plan_statements.py), and these are stored as tasks.
    "Home conditions to be assessed by the family support worker.",
)
ACTIONS = (
    "Book and go to the first appointment",
    "See the children alone at home",
    "Share the attendance register every two weeks",
    "Keep a diary of evenings and bedtimes",
    "Refer to the family support service",
    "Arrange a health check",
)
OWN_WORDS = (
    "I want everyone at home to be calm.",
    "I don't like it when they shout.",
    "I like school and my friends.",
    "I want to stay with my mum.",
    "Grandma makes me feel safe.",
    "Sometimes I am hungry at bedtime.",
    "I want my dad to stop drinking.",
)
DECISION_REASONS = (
    "The children are likely to suffer significant harm if nothing changes.",
    "Safety rests on one person and the worries are recent and serious.",
    "The children's basic needs have not been met for a long time.",
)
CONTINGENCY = (
    "If there is more violence, the children will stay with Grandma while we ask for legal advice.",
    "If things do not improve by the review, we will ask for legal advice about the next steps.",
)
PARENTS_VIEWS = (
    "The parents agree that a plan will help.",
    "Mum agrees; Dad thinks a child in need plan is enough.",
    "The parents do not agree with the worries but will work with the plan.",
)
# How identity shapes a plan, as the checker (domain/identity_in_plan.py) reads it: what will
# happen because of the family's language, then because of their faith, culture or community.
IDENTITY_LANGUAGE = (
    "A {language} interpreter comes to every meeting, and the plan is written in {language} and "
    "English.",
    "The plan is in {language} and English, with a {language} interpreter at every core group.",
)
IDENTITY_SHAPES = (
    "The family's faith community is part of the safety network and helps with school runs.",
    "Grandma will keep taking the children to their community group at weekends, so they stay "
    "connected to their heritage.",
    "The children keep their hair and skin care routines when they stay with Grandma.",
)
# Words in the identity box that the checker finds change nothing ("" for a blank box).
IDENTITY_NOT_SHAPING = (
    "",
    "",
    "N/A",
    "Identity considered.",
    "No issues identified.",
    "The family's heritage was discussed at the conference.",
)
CHILD_VIEWS = (
    "The children say home is calmer.",
    "The children say they still worry at weekends.",
    "The child says things are getting better.",
)
PROGRESS_NOTES = {
    "worse": "Things have got worse since the last meeting",
    "no_change": "No change since the last meeting",
    "some_progress": "Some progress since the last meeting",
    "achieved": "The target has been met",
}
QUESTION = (
    "On a scale of 0 to 10, where 10 means everyone agrees the children are safe enough for the "
    "child protection plan to end, and 0 means things are so bad that the children cannot stay "
    "at home, where are things today?"
)
ZERO_MEANS = "Things are so bad that the children cannot stay at home"
TEN_MEANS = "Everyone agrees the children are safe enough for the plan to end"
OVERSIGHT_REFLECTIONS = (
    "What is a day like for the children? We have the parents’ account; what do the children say?",
    "Is the plan making a difference, or are we describing the same worries as last month?",
    "What would the school say if asked whether things are better?",
    "Are we hearing from the father as well as the mother?",
    "What have we not tried yet, and why?",
)
OVERSIGHT_DECISIONS = (
    "The plan stays as it is; progress to be checked at the next core group.",
    "See the children alone before the next core group.",
    "Ask the core group to agree a clearer measure for the safety goal.",
    "Consider stepping down at the review if the progress holds.",
    "Escalate to the head of service: the worries are growing.",
)
OVERSIGHT_ACTIONS = (
    "See the children alone and record their words",
    "Ask the school for attendance since the last core group",
    "Speak to the father about the plan",
    "Update the safety goal’s measure with the core group",
    "Check the health visitor’s latest contact",
)

# Statutory visits.
VISIT_OBSERVATIONS = (
    "The home was warm and clean, with food in the cupboards. The children were relaxed.",
    "The home was untidy but safe. The parent was tired and said they had not slept.",
    "The children were dressed for the weather and went to their parent for comfort.",
    "The kitchen had little food; the parent said money arrives on Friday. Food bank referral.",
    "Calm visit. The children showed their rooms and their school work.",
)
VISIT_NEXT_STEPS = (
    "Next visit within 10 working days.",
    "Next visit within 10 working days; check the school attendance figures first.",
    "Share today's visit with the health visitor; next visit unannounced.",
    "Raise the food worries at the next core group.",
)
NOT_SEEN_REASONS = (
    "Out with a grandparent; the parent had forgotten the visit",
    "At an after-school club",
    "Asleep and unwell; the parent did not want them woken",
    "Nobody was home",
)
NOT_ALONE_REASONS = (
    "Asked for their parent to stay",
    "Too upset to be seen alone today",
    "The parent would not leave the room",
)

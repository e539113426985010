"""The words and patterns that plan quality reads plan statements with.

The data behind the rules: which words name a parent, a child, a professional or a process; which
verbs are tasks, services, insight or behaviour; the phrases read as one word; and the patterns
for evidence, targets, dates and vague words. Add a word here when a statement is misread; the
rules themselves are in `plan_quality` and `plan_quality.clause`.
"""

import re

# What a clause's subject can be: who or what the statement is about.
CHILD, ADULT, PROFESSIONAL, PROCESS, NAMED, THING, NOBODY = (
    "child",
    "adult",
    "professional",
    "process",
    "named",
    "thing",
    "nobody",
)


def _words(*groups: str) -> frozenset[str]:
    return frozenset(word for group in groups for word in group.split())


MODALS = _words("will would must should shall can could may might")
BE = _words("be is are am was were been being")
HAVE = _words("has have had")
DO = _words("does do did")
ADVERBS = _words(
    "not never always also only still then now all both each just even already often usually "
    "sometimes ever no-longer longer no out"
)
NOT_ADVERBS = _words("early only family reply supply apply rely bully weekly monthly daily")
BEFORE_TO = _words(
    "able expected required asked agreed agree agrees going trying try tries need needs want "
    "wants willing allowed supposed told advised happy ready has have had plan plans hope hopes "
    "aim aims promise promises promised intend intends start starts begin begins due"
)
DETERMINERS = _words(
    "the a an this that these those each every all any no some her his their its our your my "
    "both either neither another other more less few several many much enough"
)
PREPOSITIONS = _words(
    "of at in on by for with from about between into onto to towards under over during after "
    "before until within without through via regarding around across against among"
)
NOMINAL_AFTER = _words("of by from for between")
PRONOUNS = {
    "he": None,
    "she": None,
    "they": None,
    "it": None,
    "i": NAMED,
    "you": ADULT,
    # In a plan the family owns, "we" are the parents; "we will refer …" is still a service
    # (WE_AS_SERVICE).
    "we": ADULT,
    "someone": ADULT,
    "everyone": ADULT,
    "everybody": ADULT,
    "anyone": ADULT,
    "nobody": ADULT,
    "no-one": ADULT,
}
LEADING = _words(
    "by for within over from when whenever if once after before until during at in on each "
    "every while whilst throughout as with without following since starting between this next "
    "going where unless because"
)
OBJECT_ENDS = _words(
    ", ; when whenever if so because until unless while whilst who which where before after "
    "once since although though but at during on in for by from within every each without "
    "instead even as about regarding through like"
)

ADULTS = _words(
    "mum mother mom mummy dad father daddy parent parents carer carers stepdad stepmum "
    "step-dad step-mum stepfather stepmother grandma grandad granddad grandmother grandfather "
    "grandparent grandparents nan nana nanna nanny gran grandpa uncle aunt auntie aunty partner "
    "partners ex-partner boyfriend girlfriend adult adults mr mrs ms miss family household "
    "network relative relatives friend friends neighbour neighbours"
)
CHILDREN = _words(
    "child children baby babies unborn boys girls boy girl son sons daughter daughters sibling "
    "siblings brother brothers sister sisters twins toddler toddlers kids kid teenager "
    "teenagers infant newborn youngster youngsters pupil young"
)
PROFESSIONALS = _words(
    "social_worker social_workers family_support_worker support_worker key_worker "
    "health_visitor school_nurse core_group early_help social_care children's_services "
    "local_authority youth_offending_service family_hub leaving_care_team practitioner "
    "practitioners professional professionals agency agencies services service team teams "
    "school schools nursery college teacher teachers headteacher dsl senco gp gps doctor "
    "doctors paediatrician nurse midwife midwives hv police officer officers camhs idva isva "
    "probation housing council authority la iro chair conference panel mash yot cafcass "
    "therapist therapists counsellor counsellors mentor advocate interpreter ot "
    "physiotherapist psychologist psychiatrist clinician staff worker workers sw fsw "
    "visitor lead coordinator department unit organisation charity provider office bureau clinic"
)
PROCESS_NOUNS = _words(
    "referral referrals assessment assessments attendance engagement completion participation "
    "compliance cooperation co-operation monitoring support visit visits direct_work work "
    "liaison meeting meetings review reviews check checks provision access counselling therapy "
    "treatment intervention interventions programme programmes program course courses session "
    "sessions plan safety_plan agreement written_agreement application registration allocation "
    "signposting consideration exploration discussion discussions update updates progress offer "
    "offers invitation appointment appointments advice information intelligence mentoring "
    "advocacy group groups class classes input package enquiries investigation respite contact "
    "family_group_conference management"
)
EVIDENCE_NOUNS = _words(
    "register registers diary diaries log logs chart charts checklist checklists test tests "
    "testing screen screens screening records record report reports results sheet sheets form "
    "forms journal journals tracker trackers"
)
THERAPEUTIC = _words(
    "counselling counsellor counselor therapy therapist camhs session sessions programme "
    "program course direct_work assessment referral mentor mentoring worker workers "
    "support_worker yot youth_offending_service service services advocate advocacy "
    "intervention interventions panel conference core_group meeting meetings social_worker"
)
SERVICE_OBJECTS = (
    PROCESS_NOUNS - {"plan", "contact", "work"}
    | PROFESSIONALS
    | EVIDENCE_NOUNS
    | _words("medication tablets prescription methadone order recommendations aa na")
    | _words("police 999 112 101 emergency ambulance")
)
CHILD_SETTINGS = _words(
    "school nursery college pre-school preschool playgroup club clubs mosque church temple "
    "gurdwara synagogue madrasa madrassa lessons scouts guides brownies cubs football swimming "
    "dance education training dentist dental doctor gp optician hospital health medical "
    "immunisations immunisation vaccinations check-up check-ups eye hearing"
)
MEETINGS = _words(
    "core_group meeting meetings conference appointment appointments session sessions review "
    "course programme group class classes"
)
SEEN_FOR_PROCESS = _words(
    "social_worker social_workers professionals professional visit visits team worker we "
    "mental police"
)
GIVEN_AS_PROCESS = _words("card leaflet information advice pack letter copy support help")
COMPLIANCE = _words(
    "compliant cooperative co-operative engaged willing motivated committed receptive present "
    "available subject"
)
CONSUMABLES = _words("food nappies milk formula shopping meals breakfast dinner lunch clothes")
WORKING_WITH = _words(
    "with alongside together towards toward on openly closely honestly in to constructively"
)
# "Mum will show that she can …" is proving something to professionals, not a behaviour.
SHOWING_THAT = _words("that she he they we i it")
GETTING_SOMEWHERE = _words("to up dressed ready home back out")
# Verbs a family "we" uses only for what a service does: "We will refer Lily to CAMHS".
WE_AS_SERVICE = _words("support help provide offer check share test observe visit")
# "Parents to show insight into …", "Mum will have a good understanding of …"
INSIGHT_NOUNS = _words("insight insights understanding awareness acknowledgement recognition")
HOLDING_INSIGHT = _words("show have gain develop demonstrate display build")
ABOUT_WHAT = _words("of into about that how around regarding")
# Keeping records for professionals: "Mum to fill in a weaning chart", "Dad will log his drinks".
RECORDING = _words("record log note track chart document")
RECORDING_IN = _words("fill write keep sign update tick")
# Going to a service is attending it: "Mum will go to every appointment at the recovery
# service" reads like "attend".
GOING = _words("go come get turn")
ATTENDED = MEETINGS | THERAPEUTIC | _words("clinic gp aa na appointment appointments")
# A one-off preparation: "Parents will have a steriliser and formula ready before the baby
# comes home". Routines say how often ("every morning").
PREPARED = _words("ready in_place set_up fitted installed sorted bought")
ROUTINE = _words("every each daily nightly weekly always morning mornings night nights")
# An arrangement: "Baby and Mum will stay at the residential assessment unit until the final
# review", "Baby to remain in hospital until a discharge planning meeting".
STAYING = _words("stay remain live reside move be")
ARRANGEMENT_EVENTS = _words(
    "review reviews conference hearing court assessment assessments meeting meetings discharge "
    "decision panel core_group"
)
ARRANGEMENT_PLACES = _words("unit placement refuge residential foster_care hospital")
# A family safety rule: "ring the police if Wayne turns up", "call 999 if …".
CONTACTING = _words("ring call phone dial text contact tell report")
EMERGENCY = _words("police 999 112 101 emergency ambulance")
CONDITIONS = _words("if when whenever should")
# An adult's own state, not what the child will experience: "Dad's anxiety is well managed".
ADULT_CONDITIONS = _words(
    "anxiety depression health mood wellbeing well-being stress condition illness addiction "
    "recovery ptsd"
)
ADULT_STATES = _words(
    "well unwell stable anxious depressed stressed recovered recovering healthy mentally "
    "emotionally"
)
# Words after "and" that are adjectives here, not a second predicate: "clean and tidy".
ADJECTIVE_VERBS = _words("clean tidy calm warm dry free clear empty open quiet safe")
# Where a part of the statement stops being the main clause's: "when Mum is unwell and …".
SUBORDINATORS = _words(
    "when whenever if while whilst until unless because before after once since where who which "
    "that what how"
)

TASK_VERBS = _words(
    "attend engage complete comply cooperate co-operate undertake participate accept access "
    "work monitor arrange explore refer assess reassess liaise signpost convene review discuss "
    "consider inform notify consult request seek submit adhere undergo consent facilitate "
    "coordinate co-ordinate chair investigate evaluate escalate allocate commission update "
    "document agree visit miss address tackle"
)
SERVICE_VERBS = _words("support help provide offer check share test observe")
INSIGHT_VERBS = _words(
    "understand learn recognise recognize acknowledge reflect demonstrate gain develop realise "
    "realize appreciate identify"
)
ACQUIRING = _words(
    "buy purchase obtain fit install replace repair fix order apply register enrol enroll "
    "book sign find get source"
)
EMBEDDING = _words("ensure")
BEHAVIOUR_VERBS = _words(
    "go take make keep give put bring collect pick drop feed cook prepare wash bath bathe "
    "clean tidy dress change brush sleep eat drink smoke use shout hit smack hurt harm swear "
    "argue fight speak talk say tell listen respond praise comfort cuddle hug play read help "
    "spend stay live leave lock stop start begin reduce abstain manage sort resolve handle "
    "supervise watch look protect believe love care walk drive come return arrive ring call "
    "text phone know feel seem appear sit wake follow let allow see hear meet buy pay budget "
    "fill write dial turn record log note track report "
    "shop carry send settle calm lose wear celebrate pray ask show choose decide wait move "
    "improve increase maintain remain rate score belong laugh enjoy join visit hold sing "
    "cry hide tell notice keep affect happen stay gain put belittle plays grow thrive"
)
VERBS = (
    TASK_VERBS
    | SERVICE_VERBS
    | INSIGHT_VERBS
    | ACQUIRING
    | EMBEDDING
    | BEHAVIOUR_VERBS
    | BE
    | HAVE
    | DO
    | _words("continue need")
)
# Verbs that are as often nouns in plans ("weekly visits", "Dad's cocaine use"): read as a verb
# only straight after a person or an adverb.
AMBIGUOUS = _words(
    "review visit support contact work check test plan record report use care need help "
    "change drink access offer progress update request consent score return order book "
    "register monitor signpost time place face hope aim log note track chart"
)
NOUN_LIKE_VERBS = _words("school home work contact care time")
PROCESS_PARTICIPLES = _words(
    "made held carried sent shared agreed encouraged advised weighed measured observed "
    "interviewed informed asked consulted taught prepared approved sourced found funded "
    "booked obtained requested progressed closed stepped enrolled signed sought done invited "
    "allocated registered recorded written implemented empowered enabled told added placed "
    "breathalysed drug-tested screened addressed linked connected introduced transferred "
    "discussed considered flagged notified"
)
IRREGULAR = dict(
    pair.split(":")
    for pair in _words(
        "is:be are:be am:be was:be were:be been:be being:be has:have had:have having:have does:do "
        "did:do done:do goes:go went:go gone:go took:take taken:take made:make kept:keep got:get "
        "felt:feel slept:sleep ate:eat eaten:eat saw:see seen:see told:tell left:leave gave:give "
        "given:give said:say says:say brought:bring bought:buy spoke:speak spoken:speak knew:know "
        "known:know understood:understand learnt:learn sought:seek met:meet fed:feed held:hold "
        "found:find sent:send taught:teach undertaken:undertake undertook:undertake "
        "undergone:undergo came:come lives:live"
    )
)
IRREGULAR_PARTICIPLES = _words(
    "seen given taken made kept left told shown known found held brought sent put set hit hurt "
    "bought caught chosen driven eaten fed felt got heard hidden lost meant met paid said "
    "sold spoken taught thought thrown understood woken worn written born done undertaken "
    "sought read"
)
NOT_PARTICIPLES = _words("need speed seed indeed hundred")

KNOWN_WORDS = (
    ADULTS
    | CHILDREN
    | PROFESSIONALS
    | PROCESS_NOUNS
    | EVIDENCE_NOUNS
    | VERBS
    | MODALS
    | DETERMINERS
    | PREPOSITIONS
    | LEADING
    | frozenset(PRONOUNS)
    | _words("there it to not no and or but if when so continue ensure baby")
)

CONTRACTIONS = (
    (r"\bwon't\b", "will not"),
    (r"\bcan't\b", "can not"),
    (r"\bshan't\b", "shall not"),
    (r"n't\b", " not"),
    (r"\b(he|she|it|there|that|who)'s\b", r"\1 is"),
    (r"'ll\b", " will"),
    (r"'re\b", " are"),
    (r"'ve\b", " have"),
)
# Multi-word names and phrasal verbs read as one word.
PHRASES = (
    (r"(?:make|makes|made|making) (?:sure|certain)(?: that)?", "ensure"),
    (r"see to it that", "ensure"),
    (r"(?:take|takes|took|taking) part", "participate"),
    (r"(?:carry|carries|carried|carrying) out", "undertake"),
    (r"(?:keep|keeps|kept|keeping) in (?:regular |close )?(?:touch|contact)", "keep"),
    (r"(?:sign|signs|signed|signing) up", "enrol"),
    (r"family support workers?", "family_support_worker"),
    (r"(?:\w+ )?support workers?", "support_worker"),
    (r"social workers?", "social_worker"),
    (r"key workers?", "key_worker"),
    (r"health visitors?", "health_visitor"),
    (r"school nurses?", "school_nurse"),
    (r"core groups?(?: meetings?)?", "core_group"),
    (r"early help", "early_help"),
    (r"(?:adult |children's )?social care", "social_care"),
    (r"children's services", "children's_services"),
    (r"local authority", "local_authority"),
    (r"youth offending(?: service| team)?", "youth_offending_service"),
    (r"family hub", "family_hub"),
    (r"leaving care team", "leaving_care_team"),
    (r"family group conference", "family_group_conference"),
    (r"direct work", "direct_work"),
    (r"safety plan", "safety_plan"),
    (r"in place", "in_place"),
    (r"set up", "set_up"),
    (r"foster care", "foster_care"),
    (r"written agreement", "written_agreement"),
)
CHILD_WITH_AGE = re.compile(
    r"\b([A-Z][a-z]+)\s*\(\s*(?:aged\s*)?(?:\d|unborn|newborn)", re.IGNORECASE
)
LIST_MARK = re.compile(r"^\s*(?:[-•*]|\d+[.)]|[a-z][.)])\s+")
LABEL = re.compile(
    r"^\s*(?:outcome|goal|safety goal|aim|action|task|target|what needs to happen)\s*\d*\s*:\s*",
    re.IGNORECASE,
)
FRAME = re.compile(
    r"^(?:it is (?:expected|important|agreed|essential|vital|hoped|necessary) that"
    r"|we (?:want|hope|expect|need)(?: to see)?(?: that)?"
    r"|we will know (?:that )?(?:things|it|this|the plan) (?:is|are|has|have)? ?"
    r"(?:better|working|worked|safer|good enough|changed)? ?when"
    r"|the (?:aim|plan|goal|hope) is (?:that|for)"
    r"|everyone agrees(?: that)?"
    r"|the conference (?:agreed|wants|expects|decided)(?: that)?)\s+",
    re.IGNORECASE,
)

EVIDENCE = re.compile(
    r"\b(?:shown by|evidenced by|measured by|confirmed by|verified by|according to|as recorded"
    r"|recorded (?:in|on|by|at)|checked (?:by|at|with|on|during)|registers?|diar(?:y|ies)"
    r"|logs?|charts?|checklists?|tests?|testing|breathalysers?|screens?|screening|hair[- ]strand"
    r"|centiles?|weigh-ins?|weighed|red book|body maps?|records?|reports?|call-outs?|callouts?"
    r"|observations?|observed|own words|own account|own view|scales?|scaling|scores?"
    r"|questionnaires?|feedback|photos?|photographs?)\b"
)
VISITS_AS_EVIDENCE = re.compile(
    r"\b(?:at|on|during|each|every|all|unannounced|announced|home|statutory|two|three|four|\d+)"
    r"\s+(?:[a-z-]+\s+)?visits?\b"
)
VAGUE_MEASURE_WORDS = _words(
    "ongoing monitoring monitored monitor tbc tba n a na none progress discussion discussions "
    "core group meeting meetings review reviews professional professionals judgement judgment "
    "opinion opinions view views see above below plan agreed to be by the a an of and at via "
    "through from with in on overall general observation s"
)
NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|once|twice"
)
CRITERION = re.compile(
    r"\d|%|\bper ?cent\b"
    rf"|\b(?:{NUMBER_WORDS})\b"
    r"|\bat (?:least|most)\b|\bor (?:more|above|below|less|fewer)\b"
    r"|\b(?:above|below)\b|\b(?:every|each|all|always|never|none|zero|nil)\b"
    r"|\bno (?!longer\b)[a-z]+|\bno-one\b"
    r"|\b(?:daily|nightly|weekly|fortnightly|monthly|termly|yearly|annually)\b"
    r"|\bin a row\b|\bconsecutive\b|\bon time\b|\ba (?:day|night|week|month)\b"
)
# How long a change must last: "for 6 months", "for at least 3 months", "sustained".
DURATION = re.compile(
    r"\bfor (?:at least |a |an |the )?(?:whole |full |next |rest of the |length of the "
    r"|life of the )?(?:\d+ |one |two |three |four |five |six |nine |twelve |eighteen )?"
    r"(?:days?|weeks?|months?|years?|terms?|half[- ]terms?|plan|school year|summer|winter)\b"
    r"|\bsustain(?:ed|s)?\b|\bin a row\b|\bconsecutive\b|\bthroughout\b|\blasting\b"
    r"|\bover (?:the next |a |at least )?(?:\d+|two|three|six|twelve) (?:weeks|months)\b"
    r"|\buntil (?:the )?(?:review|final|end)\b"
)
# A school attendance percentage carries its own evidence: the register.
ATTENDANCE_PERCENT = re.compile(
    r"\battendance\b[^.;]*?(?:\d+(?:\.\d+)? ?%|per ?cent)|\d+(?:\.\d+)? ?%[^.;]*?\battendance\b"
)
MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
DATES = re.compile(
    r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"
    rf"|\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{MONTHS})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
    r"(?:,?\s+\d{4})?\b"
    r"|\b(?:19|20)\d{2}\b|\bhalf[- ]term\b"
)
AGES_AND_NAMES_WITH_NUMBERS = re.compile(
    r"\baged \d+|\b\d+[- ](?:years?|months?|weeks?)[- ]old\b|\byear \d+\b|\bkey stage \d\b"
    r"|\bsection \d+\b|\bs\d+\b|\btier \d\b"
)
DATE_WORDS = _words(
    "review reviews conference rcpc icpc week weeks month months day days year years term "
    "christmas easter summer autumn spring winter holidays holiday date deadline"
)
DATE_FILLER = DATE_WORDS | _words(
    "by on before until till within in the end of next core group meeting no later than latest "
    "at this half first second following from now today tomorrow a an one two three four five "
    "six seven eight nine ten eleven twelve monday tuesday wednesday thursday friday"
)
VAGUE = re.compile(
    r"\b(?:improve[sd]?|improvements?|improving|better|appropriate(?:ly)?|as needed|as required"
    r"|as appropriate|when needed|where necessary|where appropriate|ongoing|as soon as possible"
    r"|asap|regular(?:ly)?|sufficient(?:ly)?|adequate(?:ly)?|suitable|satisfactory|properly"
    r"|fully|meaningful(?:ly)?|effectively|good enough|timely|reasonable|consistent(?:ly)?)\b"
)
NEGATIVE_INSTRUCTION = re.compile(
    r"\b(?:will|must|should|shall)(?: not| never)\b|\b(?:won't|mustn't|shouldn't|shan't)"
    r"|\b(?:is|are) not to\b|\bnot to\b"
)
NEGATIVES = _words("not no never nothing nobody no-one none nowhere neither without")
CLAUSE_BREAK = re.compile(r"[,;:.]|\b(?:and|but|or)\b")
VAGUE_OWNERS = {
    *_words("parents parent professionals professional all everyone everybody agencies"),
    *("", "all agencies", "all professionals", "tbc", "tba", "to be confirmed", "n a", "na"),
    *("family", "the family", "core group", "unknown", "both", "the parents", "all parties"),
}

OUTCOME_EXAMPLES = (
    (
        (" drug", "alcohol", " drink", "cannabis", "cocaine", "substance", " aa ", "sober"),
        "{Child} is only ever looked after by an adult who has not been drinking or using drugs, "
        "checked at every unannounced visit for 6 months",
    ),
    (
        (
            *("freedom programme", "domestic", "perpetrator", "anger", "caring dads", "idva"),
            *("police", "violen", " hits ", " hit ", "fighting", "assault", "shouting"),
        ),
        "{Child} lives in a home where adults sort out disagreements calmly, with no police "
        "call-outs for 6 months",
    ),
    (
        ("camhs", "counselling", "therapy", "worries", "anxiety", "wishes and feelings"),
        "{Child} sleeps through at least 5 nights a week and rates their worries at 4 or below "
        "on their own scale at each visit",
    ),
    (
        ("mental health", "low mood", "depression", "perinatal", " gp"),
        "When Mum is unwell, a named adult from the family network looks after {child}, so that "
        "{child} is up, fed and at school every day, shown by the school register",
    ),
    (
        ("school", "attendance", "nursery", "college", "education"),
        "{Child} goes to school every day: at least 95% attendance on the school register each "
        "half term",
    ),
    (
        ("dentist", "health", "antenatal", "appointment", "immunisation", "medical", "weight"),
        "{Child}’s health needs are met: every health appointment kept and weight on or above "
        "the 9th centile, shown by health visitor records",
    ),
    (
        ("home", "housing", "accommodation", "clean", " bed", " cot", "gate", "alarm"),
        "{Child} lives in a home that is clean, warm and safe, with food in the fridge, at "
        "every visit for 3 months, shown by the home conditions checklist",
    ),
    (
        (
            *("parenting", "routine", "bedtime", "behaviour", "boundaries", "strategies"),
            *("to bed", "in bed", "asleep", "sleep"),
        ),
        "{Child} has a calm bedtime: in bed by 7.30pm on at least 6 of 7 nights, shown by a "
        "diary and two unannounced visits",
    ),
    (
        ("cse", "exploitation", "missing", "online", "yot", "youth offending"),
        "{Child} is home by 10pm every night and has no contact with adults who put them at "
        "risk, shown by police missing-person reports, for 3 months",
    ),
    (
        ("sexual", "offender", "touch", "unsupervised", "contact"),
        "{Child} only sees the adults who are a risk to them when a named safe adult is there, "
        "every time, shown by the safe adult’s contact log",
    ),
    (
        ("culture", "identity", "faith", "language", "interpreter", "heritage"),
        "{Child} keeps in touch with their heritage: at least 3 visits a month to family or "
        "their faith community, in {child}’s own words at each visit",
    ),
)

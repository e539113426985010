"""Plan statements labelled by hand, the way a careful social worker would judge them.

Each statement is labelled for two flags (docs/domain.md section 6):
- outcome_focused: it says what the child will experience, or a change in an adult's behaviour
  that the child will live with, even if vaguely; False for a task, attendance, compliance, a
  process step, a service, or an adult's insight ("Mum understands the impact …").
- measurable: evidence is named (in the measure or the statement) AND something that can be seen
  to be met or not is given (in the target or the statement): a count, frequency, threshold,
  duration, "every", "all", "no … for 6 months". A date alone is not a target.

Statements labelled since the graded reading (issue 21) also carry a grade: "outcome" (every
clause an outcome), "mixed" (an outcome and an action in one goal: outcome_focused is True) or
"task" (no outcome). In a plan the family owns, "we" and "I" are the family.

BLIND was written first, before any checker code existed, and has not been changed since: it is
never used to tune the checker. TUNED was written next and is what the checker was built against.

Print the agreement table for docs/plan-quality.md with:

    .venv/bin/python -m tests.domain.plan_statements
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Labelled:
    statement: str
    outcome_focused: bool
    measurable: bool
    measure: str = ""
    target: str = ""
    area: str = ""


@dataclass(frozen=True)
class Graded(Labelled):
    """A labelled statement with its grade: outcome, mixed or task (the blind set has none, and
    keeps its `Labelled` records so that its fingerprint does not change)."""

    grade: str = ""


def task(statement, measurable=False, measure="", target="", area=""):
    return Labelled(statement, False, measurable, measure, target, area)


def outcome(statement, measurable=False, measure="", target="", area=""):
    return Labelled(statement, True, measurable, measure, target, area)


def mixed(statement, measurable=False, measure="", target="", area=""):
    """An outcome and an action in one goal: outcome-focused, graded mixed."""
    return Graded(statement, True, measurable, measure, target, area, "mixed")


def graded(item: Labelled) -> Graded:
    """The item with the grade its label implies: outcome or task."""
    grade = "outcome" if item.outcome_focused else "task"
    return Graded(*(getattr(item, name) for name in Labelled.__dataclass_fields__), grade)


BLIND = (
    task("Mr Khan will complete the Caring Dads programme.", area="domestic abuse"),
    outcome(
        "Zara (9) feels safe at home and can name two adults she would tell if she was frightened.",
        area="emotional",
    ),
    outcome(
        "Zara (9) tells her teacher she feels safe at home, scoring 8 or more on her safety "
        "scale at every visit for 3 months.",
        measurable=True,
        area="emotional",
    ),
    task(
        "Referral to the Family Drug and Alcohol Court service to be made by the social worker.",
        area="substances",
    ),
    outcome(
        "Dad does not look after the boys when he has been drinking; Nana looks after them "
        "instead.",
        area="substances",
    ),
    outcome("Mum to ensure the home is kept clean and tidy.", area="home"),
    outcome(
        "Kacper (2) has a clean nappy and a bottle or meal every 4 hours during the day, shown "
        "by the health visitor's checks at unannounced visits.",
        measurable=True,
        area="neglect",
    ),
    task("Professionals to continue to monitor home conditions.", area="home"),
    outcome(
        "The children's bedrooms have beds with clean bedding and no hazards on the floor",
        measurable=True,
        measure="home conditions checklist at each visit",
        target="every visit for 12 weeks",
        area="home",
    ),
    task("Mum will engage with Talking Therapies to address her low mood.", area="mental health"),
    outcome(
        "Ella (14) is home by 9pm on school nights and Mum knows where she is when she is out",
        measurable=True,
        measure="Mum's log and Ella's own account at visits",
        target="at least 4 of 5 school nights each week",
        area="teenager",
    ),
    task("Ella will be referred to the CSE team.", area="exploitation"),
    outcome(
        "Ella has no contact with the adult men who have been identified as a risk to her",
        measurable=True,
        measure="police and school information, Ella's phone checked with her agreement",
        target="no contact for 6 months",
        area="exploitation",
    ),
    task("Parents to accept all offers of support from the family support worker.", area="neglect"),
    outcome("The baby is cared for by a sober adult at all times.", area="substances"),
    task("Mum will demonstrate that she can prioritise the children's needs.", area="neglect"),
    outcome(
        "Jamal (11) goes to school every day and is on time",
        measurable=True,
        measure="school register",
        target="at least 95% attendance with no more than 2 lates each half term",
        area="school",
    ),
    outcome("School attendance to improve.", area="school"),
    task(
        "Mum must attend every appointment at the drug and alcohol service",
        measurable=True,
        measure="appointment records from the service",
        target="all appointments",
        area="substances",
    ),
    outcome(
        "Arguments between Mum and her partner do not happen in front of the children.",
        area="domestic abuse",
    ),
    outcome(
        "There are no further police call-outs to the family home for domestic incidents for 6 "
        "months, checked with police at each core group.",
        measurable=True,
        area="domestic abuse",
    ),
    outcome("Dad won't shout at the children.", area="emotional"),
    outcome(
        "Noah (unborn) is born into a home where his basic care needs will be met.", area="unborn"
    ),
    task("A pre-birth assessment will be completed before the baby is 32 weeks.", area="unborn"),
    task("Mum and Dad to co-operate with the child protection plan.", area="process"),
    outcome("Lily sleeps in her own bed in a room that is warm and dry.", area="home"),
    outcome(
        "Grandma collects Lily from school every day and Dad is never alone with her",
        measurable=True,
        measure="school collection log",
        target="every school day for the length of the plan",
        area="sexual abuse",
    ),
    outcome("Dad will stop using cannabis.", area="substances"),
    outcome(
        "Dad's hair strand tests are clear of cocaine and cannabis for 6 months.",
        measurable=True,
        area="substances",
    ),
    task("Mum to keep all health appointments for Maisie.", area="health"),
    outcome(
        "Maisie (18 months) is up to date with her immunisations and has her 2-year health check",
        measurable=True,
        measure="GP and health visitor records",
        target="all immunisations given by the due date",
        area="health",
    ),
    task(
        "Social worker to undertake direct work with Maisie's brothers about their wishes and "
        "feelings.",
        area="process",
    ),
    outcome("The boys are supervised by an adult when they play outside.", area="supervision"),
    task("Mum recognises the impact of her drinking on the children.", area="substances"),
    outcome(
        "Mum speaks to Tyler calmly and does not smack him, even when he has a meltdown.",
        area="physical",
    ),
    outcome(
        "Tyler (7, autistic) has a visual timetable at home and follows the same bedtime routine "
        "every night",
        measurable=True,
        measure="Mum's diary and the family support worker's observations",
        target="at least 5 nights out of 7",
        area="disability",
    ),
    outcome("Tyler's needs are met appropriately at home.", area="disability"),
    task("Housing to be explored for the family.", area="home"),
    outcome(
        "Ayesha (15) has regular time with her mum's family and learns about her Pakistani "
        "heritage and Urdu",
        measurable=True,
        measure="Ayesha's own account and Mum's diary",
        target="at least one visit to her aunt each month",
        area="identity",
    ),
    task("Ayesha to be offered an advocate for conference.", area="process"),
    task("Mum will ensure she engages fully with the Freedom Programme.", area="domestic abuse"),
    outcome(
        "Leo's weight is on or above the 9th centile at each health visitor weigh-in.",
        measurable=True,
        area="neglect",
    ),
    outcome("Leo gets the food he needs.", area="neglect"),
    outcome("Parents must not leave the children home alone.", area="supervision"),
    task(
        "Dad to attend the perpetrator programme and complete all 24 sessions",
        measurable=True,
        measure="programme attendance register",
        target="24 of 24 sessions",
        area="domestic abuse",
    ),
    outcome(
        "The home is free of dog mess and rubbish and there is food in the fridge at every visit.",
        measurable=True,
        area="home",
    ),
    task("Ongoing support from the school.", area="school"),
    outcome(
        "Mum's new partner has no unsupervised contact with the children until his assessment is "
        "complete.",
        area="supervision",
    ),
    outcome(
        "Sophie (16) goes to college at least 4 days a week, shown by her college attendance "
        "record.",
        measurable=True,
        area="teenager",
    ),
    task("Sophie is supported to access sexual health advice.", area="teenager"),
    task(
        "Within 4 weeks, the social worker will convene a family network meeting.", area="process"
    ),
    outcome(
        "Mia (6) and Noah (3) are collected from school and nursery by 3.15pm every day by Mum or "
        "Aunt Jo",
        measurable=True,
        measure="school and nursery collection logs",
        target="every school day for 3 months",
        area="supervision",
    ),
    outcome("Dad has agreed to stop smoking cannabis in the flat.", area="substances"),
    task("To ensure Mum engages with the mental health team.", area="mental health"),
    outcome(
        "The children's school uniform is washed and they arrive at school in clean clothes.",
        area="neglect",
    ),
    task("Mum to ensure all professionals have access to the home.", area="process"),
    outcome(
        "Oliver (10) is no longer a young carer: Mum's carers do her personal care and Oliver "
        "spends his evenings on homework and football.",
        area="disability",
    ),
    task("Adult social care to assess Mum's care needs.", area="disability"),
    outcome(
        "Mum will get up with the children in the mornings and give them breakfast before school.",
        area="neglect",
    ),
    task(
        "Family Support Worker to undertake 6 sessions of routines work with Mum",
        measurable=True,
        measure="FSW session records",
        target="6 sessions",
        area="neglect",
    ),
    outcome(
        "Liam (13) has not been excluded from school this term and has no more than one "
        "detention a week",
        measurable=True,
        measure="school behaviour log",
        target="no exclusions and no more than one detention a week for a whole term",
        area="school",
    ),
    task("Liam to be assessed by the educational psychologist.", area="school"),
    task(
        "Mum speaks English with the social worker through an interpreter at every visit.",
        measurable=True,
        area="identity",
    ),
    outcome("Dad not to have any unsupervised contact with Ella.", area="sexual abuse"),
    outcome(
        "Ella (4) only sees Dad at the contact centre, supervised by contact staff",
        measurable=True,
        measure="contact centre records",
        target="all contact supervised for the length of the plan",
        area="sexual abuse",
    ),
    outcome(
        "Mum uses the calm-down plan from the parenting course when Alfie has a tantrum, instead "
        "of shouting",
        measurable=True,
        measure="Mum's diary and family support worker observations",
        target="at least 4 out of 5 tantrums each week",
        area="emotional",
    ),
    task("Mum to apply for Disability Living Allowance for Alfie.", area="disability"),
    outcome(
        "Alfie (6, ADHD) takes his medication every morning before school",
        measurable=True,
        measure="medication chart signed by Mum and checked by the school nurse",
        target="every school day",
        area="disability",
    ),
    task("The family will engage in a Family Group Conference.", area="process"),
    outcome(
        "When Mum has been drinking, someone from the family network comes to the house and "
        "stays with the children.",
        area="substances",
    ),
    task("Grandad will be assessed as a safe carer.", area="supervision"),
    task("Ruby's speech and language needs are assessed.", area="disability"),
    outcome(
        "Ruby (3) uses at least 50 words, shown by the speech and language therapist's checklist "
        "at her 6-month review.",
        measurable=True,
        area="disability",
    ),
    task("Kyle (15) will attend the Youth Offending Service.", area="teenager"),
    outcome(
        "Kyle is not arrested or missing from home for 3 months, according to police records.",
        measurable=True,
        area="teenager",
    ),
    task("All professionals to monitor for signs of neglect.", area="neglect"),
    outcome(
        "Lucy (11) tells her Nan when she feels sad, and her Nan tells Mum so they can help her "
        "together.",
        area="emotional",
    ),
    outcome("Mum is able to keep Lucy safe.", area="process"),
    task(
        "Mum will be open and honest with the social worker about her drinking.",
        area="substances",
    ),
    outcome(
        "The house has enough beds for everyone and the children no longer share with adults.",
        area="home",
    ),
    task("Dad to buy a cot for the baby before she is born.", area="unborn"),
    outcome(
        "Baby Ivy sleeps in her own cot in her parents' room, never in their bed",
        measurable=True,
        measure="unannounced visits at night and the health visitor's safe-sleep checklist",
        target="every visit",
        area="unborn",
    ),
    task("Consider a referral to the perinatal mental health service.", area="unborn"),
    task("Mum and Dad will attend couples counselling.", area="domestic abuse"),
    outcome(
        "Dad will make sure he is sober when he has the children overnight.", area="substances"
    ),
    outcome(
        "Dad is sober at every handover",
        measurable=True,
        measure="breathalyser at handover by Grandma",
        target="every handover for 6 months",
        area="substances",
    ),
    outcome("The children to be kept safe.", area="process"),
    task("Monitoring of Sam's weight by the health visitor.", area="health"),
    task("Professionals will have a good understanding of the family's culture.", area="identity"),
    outcome(
        "Hassan (12) keeps in touch with his dad in Somalia by video call every Sunday",
        measurable=True,
        measure="Hassan's own account and Mum's diary",
        target="at least 3 Sundays a month",
        area="identity",
    ),
    task("Hassan to be offered a Somali-speaking mentor.", area="identity"),
    task(
        "Mum will engage with the Family Hub's parenting programme by attending weekly sessions.",
        area="neglect",
    ),
    outcome("Freya (14) is not in contact with the older men she met online.", area="exploitation"),
    task("Freya's phone and social media to be checked regularly by Mum.", area="exploitation"),
    outcome(
        "Jordan (9) plays out only where Mum can see him and is home before dark.",
        area="supervision",
    ),
)


TUNED = (
    # The examples in the issue and in docs/domain.md section 6.
    task("Mum will attend a parenting course.", area="neglect"),
    outcome(
        "Amira (4) is in bed by 7.30pm on at least 6 of 7 nights without shouting, shown by "
        "Mum's diary and two unannounced visits.",
        measurable=True,
        area="neglect",
    ),
    task("Dad to engage with the drug service.", area="substances"),
    outcome("The children are safe.", area="process"),
    task(
        "Mum attends all 12 sessions of the parenting course, shown by the course register.",
        measurable=True,
        area="neglect",
    ),
    outcome("Adults at home sort out disagreements calmly.", area="domestic abuse"),
    outcome("Dad does not drink when he is looking after Lily.", area="substances"),
    outcome("Lily goes to school every day.", area="school"),
    task("Social worker to visit the family every two weeks.", area="process"),
    task("Mum must attend all appointments.", area="process"),
    task("Parents to accept support from the family support worker.", area="neglect"),
    task("Continue to monitor.", area="process"),
    task("Assessment to be completed.", area="process"),
    task("Referral to CAMHS.", area="mental health"),
    outcome(
        "For at least 6 months, adults at home sort out disagreements calmly; if Dad has been "
        "drinking he stays at Grandad's and does not look after Lily.",
        area="domestic abuse",
    ),
    outcome(
        "Amira (4) has a calm bedtime: in bed by 7.30pm on at least 6 of 7 nights without "
        "shouting, shown by Mum's diary and two unannounced visits.",
        measurable=True,
        area="neglect",
    ),
    # Neglect, home conditions and basic care.
    outcome("Mum will make sure Jayden has breakfast before school every day.", area="neglect"),
    outcome(
        "Mum makes sure Jayden has breakfast before school every day",
        measurable=True,
        measure="breakfast club register and Jayden's own account",
        target="5 of 5 school days each week",
        area="neglect",
    ),
    outcome("Dad will take Lily to school on time.", area="school"),
    outcome("Mum keeps the home clean and safe.", area="home"),
    outcome(
        "Mum keeps the kitchen and bathroom clean, with no rubbish on the floors",
        measurable=True,
        measure="home conditions checklist completed at unannounced visits",
        target="every visit for 3 months",
        area="home",
    ),
    outcome("Improve home conditions.", area="home"),
    outcome("Home conditions to improve to an appropriate standard.", area="home"),
    outcome(
        "The children have clean clothes every day",
        measurable=True,
        measure="school's daily check",
        target="31/03/2027",
        area="neglect",
    ),
    outcome(
        "The children are clean and appropriately dressed",
        measure="school feedback",
        target="by March",
        area="neglect",
    ),
    outcome(
        "Jo has a bath or shower at least three times a week",
        measurable=True,
        measure="Mum's diary and school nurse check",
        target="3 times a week for 12 weeks",
        area="neglect",
    ),
    outcome("Basic care needs to be met.", area="neglect"),
    outcome(
        "The family home is warm, with working heating and hot water",
        measurable=True,
        measure="social worker's home visit checklist",
        target="every visit through the winter",
        area="home",
    ),
    outcome("The children live in a home without damp or mould.", area="home"),
    task("Housing officer to find the family suitable accommodation.", area="home"),
    outcome(
        "The children have food in the cupboards and fridge at every visit.",
        measurable=True,
        area="neglect",
    ),
    outcome(
        "Mum buys enough food for the week and the children have three meals a day.",
        area="neglect",
    ),
    task("Mum will be supported to manage her money.", area="neglect"),
    task("Mum to get a stair gate.", area="home"),
    outcome("Lily has her own bed with a mattress and clean bedding.", area="home"),
    task("Mum will buy Lily a bed.", area="home"),
    outcome(
        "The home has a working smoke alarm and stair gates fitted",
        measurable=True,
        measure="fire service home safety check and social worker visit",
        target="fitted and working at every visit",
        area="home",
    ),
    outcome("Lily's teeth are brushed twice a day.", area="neglect"),
    task("Weekly visits by the family support worker.", area="neglect"),
    # School attendance.
    outcome(
        "Lily's school attendance is at least 95% each half term, shown by the school register.",
        measurable=True,
        area="school",
    ),
    outcome("Lily's attendance to improve.", area="school"),
    outcome("Mum to ensure Lily attends school regularly.", area="school"),
    task("Mum will engage with school to improve Lily's attendance.", area="school"),
    outcome("Lily gets to school on time every day.", area="school"),
    outcome(
        "By the next review Lily will be going to school every day.",
        area="school",
    ),
    outcome(
        "You will take Jo to school every day, and the school register will show this.",
        measurable=True,
        area="school",
    ),
    outcome(
        "Lily's parents make sure she is in school by 8.50am",
        measurable=True,
        measure="school register (lates)",
        target="no more than 1 late per half term",
        area="school",
    ),
    task("Parents to attend school meetings about Lily's attendance.", area="school"),
    outcome(
        "Ruby (3) goes to nursery every morning it is open",
        measurable=True,
        measure="nursery register",
        target="at least 90% of sessions each month",
        area="school",
    ),
    outcome("Ruby to attend nursery.", area="school"),
    outcome("Mum will get Ruby up, dressed and to nursery by 9.30am each weekday.", area="school"),
    outcome(
        "Lily's attendance improves",
        measure="school register",
        target="improved attendance",
        area="school",
    ),
    task("School to provide a safe space for Lily to go to when she is upset.", area="school"),
    outcome("Lily has a quiet place at school to go to when she is upset.", area="school"),
    # Parental alcohol and drugs.
    outcome("Dad will not use drugs.", area="substances"),
    outcome(
        "Dad stays drug-free, shown by monthly hair strand tests that are negative for 6 months.",
        measurable=True,
        area="substances",
    ),
    task("Dad will undertake drug testing as requested.", area="substances"),
    outcome("Mum will not drink alcohol when she is caring for the children.", area="substances"),
    outcome(
        "Mum is sober whenever she is looking after the children",
        measurable=True,
        measure="breathalyser readings at unannounced visits",
        target="zero readings above 0 at every visit",
        area="substances",
    ),
    outcome("Mum will abstain from alcohol.", area="substances"),
    outcome("Mum will reduce her alcohol intake.", area="substances"),
    # Relabelled for the graded reading (issue 21): reducing her drinking is an outcome, the
    # alcohol service an action under it.
    mixed("Mum will attend the alcohol service and reduce her drinking.", area="substances"),
    task("Dad will continue to attend AA meetings.", area="substances"),
    outcome("Dad should stop drinking before contact.", area="substances"),
    outcome("Dad's cocaine use does not affect the children.", area="substances"),
    outcome("Dad to reduce cannabis use.", area="substances"),
    outcome(
        "Dad uses no cannabis at home or when caring for the children, shown by monthly urine "
        "tests",
        measurable=True,
        target="all tests negative for 4 months",
        area="substances",
    ),
    task(
        "Dad to attend the drug service",
        measurable=True,
        measure="drug service attendance records",
        target="every weekly appointment for 3 months",
        area="substances",
    ),
    outcome(
        "Mum to abstain from alcohol and provide negative breathalyser results at every visit.",
        measurable=True,
        area="substances",
    ),
    task("It is expected that Dad will complete a drug and alcohol assessment.", area="substances"),
    outcome("Dad will be able to look after Lily on his own without drinking.", area="substances"),
    # Domestic abuse.
    outcome("Mum will protect the children from domestic abuse.", area="domestic abuse"),
    task("Mum will complete the Freedom Programme.", area="domestic abuse"),
    task(
        "Mum will understand the impact of domestic abuse on the children.", area="domestic abuse"
    ),
    outcome(
        "The children do not see or hear violence at home",
        measurable=True,
        measure="police logs, school reports and the children's own words at visits",
        target="no incidents for 6 months",
        area="domestic abuse",
    ),
    outcome("There will be no domestic abuse in the home.", area="domestic abuse"),
    outcome("Dad will not come to the family home.", area="domestic abuse"),
    task("Dad to comply with his bail conditions.", area="domestic abuse"),
    task("Mum will call the police if Dad comes to the house.", area="domestic abuse"),
    task("Mum to continue to work with the domestic abuse worker.", area="domestic abuse"),
    outcome("Mum and Dad will not argue in front of the children.", area="domestic abuse"),
    outcome(
        "Mum and Dad talk about disagreements when the children are in bed, and no-one shouts or "
        "hits",
        measurable=True,
        measure="the children's own words and police call-out records",
        target="no call-outs and no incidents reported by the children for 6 months",
        area="domestic abuse",
    ),
    task("Dad will attend anger management.", area="domestic abuse"),
    outcome("Dad manages his anger.", area="domestic abuse"),
    task(
        "Mum to tell the social worker if her ex-partner comes to the house.", area="domestic abuse"
    ),
    # Physical and emotional abuse.
    task("Mum will learn strategies to manage Tom's behaviour.", area="physical"),
    outcome(
        "Tom (5) is praised at least three times a day and has no smacks",
        measurable=True,
        measure="Mum's star chart and Tom's own feelings faces at visits",
        target="every day for 8 weeks",
        area="physical",
    ),
    outcome("Tom will not be physically chastised.", area="physical"),
    outcome("No physical chastisement.", area="physical"),
    outcome("Tom is not to be physically chastised.", area="physical"),
    outcome("Parents will use appropriate boundaries.", area="physical"),
    outcome("Mum to manage Tom's behaviour appropriately.", area="physical"),
    outcome(
        "Adults do not hit the children; they use time out and calm words instead",
        measurable=True,
        measure="the children's own words and school observations",
        target="no marks or bruises and no disclosures for 6 months",
        area="physical",
    ),
    outcome(
        "There are no unexplained bruises on Tom",
        measurable=True,
        measure="school and nursery body maps",
        target="none for 6 months",
        area="physical",
    ),
    outcome("Keira (12) says she feels listened to at home.", area="emotional"),
    outcome(
        "Dad speaks to Keira calmly, without swearing or name-calling",
        measurable=True,
        measure="Keira's own words and scaling at each visit",
        target="Keira scores home at 7 or above for 3 months in a row",
        area="emotional",
    ),
    outcome("Dad must not swear at or belittle Keira.", area="emotional"),
    outcome("Lily will not be left with no adult to look after her.", area="supervision"),
    outcome("There will not be no food in the house.", area="neglect"),
    outcome("Dad won't never leave the boys alone.", area="supervision"),
    outcome("Lily will feel happier.", area="emotional"),
    outcome("Lily's emotional wellbeing will improve.", area="emotional"),
    outcome("Lily is happy and settled.", area="emotional"),
    outcome("Reduce the risk of harm to the children.", area="process"),
    outcome("To keep Lily safe from harm.", area="process"),
    outcome("Ensure children are safe.", area="process"),
    # Mental health.
    task("Mum will seek support for her mental health.", area="mental health"),
    task("Mum takes her medication as prescribed.", area="mental health"),
    outcome(
        "When Mum is unwell, Grandma stays at the house and gets the children up and to school.",
        area="mental health",
    ),
    outcome(
        "When Mum feels low, she rings Grandma, who comes round and looks after the children.",
        area="mental health",
    ),
    task("Mum to attend GP regarding her low mood.", area="mental health"),
    task("Mum to be seen by the perinatal mental health team.", area="mental health"),
    task("Mum to keep a diary of the children's bedtimes.", area="neglect"),
    task("Mum needs to engage with the health visitor.", area="health"),
    task("Amir will attend his CAMHS appointments.", area="mental health"),
    outcome(
        "Amir sleeps through most nights and says he feels less anxious.", area="mental health"
    ),
    outcome(
        "Amir rates his worries at 4 or below on his own worry scale at each CAMHS review.",
        measurable=True,
        area="mental health",
    ),
    task("Amir will be offered counselling in school.", area="mental health"),
    # Health and babies.
    task("Health visitor will monitor Baby Rose's weight.", area="health"),
    outcome(
        "Baby Rose's weight stays on or above the 25th centile, checked by the health visitor "
        "every two weeks.",
        measurable=True,
        area="health",
    ),
    outcome("Mum feeds Baby Rose every 3 to 4 hours.", area="health"),
    outcome(
        "Lily sees the dentist every six months",
        measurable=True,
        measure="dental records",
        area="health",
    ),
    task("Mum to register Lily with a dentist.", area="health"),
    outcome(
        "Mum takes Lily to all her health appointments",
        measurable=True,
        measure="GP and hospital records",
        target="all appointments kept for 6 months",
        area="health",
    ),
    outcome("Lily attends all her health appointments.", area="health"),
    outcome("Lily's health needs are met.", area="health"),
    outcome(
        "Noah (4 months) is seen by the health visitor every month and his weight is on or above "
        "the 9th centile",
        measurable=True,
        measure="red book and health visitor records",
        area="health",
    ),
    outcome("The baby sleeps in her cot, on her back, every night.", area="unborn"),
    task("Parents will follow safer sleep advice.", area="unborn"),
    task("Unborn baby to be made subject to a pre-birth assessment.", area="unborn"),
    outcome(
        "Baby is born into a home with a cot, clothes and a sober adult caring for her at all "
        "times.",
        area="unborn",
    ),
    task("Mum will attend all antenatal appointments.", area="unborn"),
    outcome(
        "Dad does not lose his temper when Baby cries; he puts her down safely and walks away.",
        area="physical",
    ),
    # Supervision and sexual abuse.
    outcome(
        "Mum will supervise the children at all times when they are with Uncle Dave.",
        area="sexual abuse",
    ),
    outcome("Uncle Dave has no unsupervised contact with the children.", area="sexual abuse"),
    task("Dad (Mr Jones) will attend the sex offender treatment programme.", area="sexual abuse"),
    outcome("Mr Smith has no contact with the children.", area="sexual abuse"),
    outcome(
        "Lily (9) knows the difference between safe and unsafe touch and can name her safe adults.",
        area="sexual abuse",
    ),
    outcome("Mum will believe Lily.", area="sexual abuse"),
    task("Mum to complete the Parents Protecting programme.", area="sexual abuse"),
    task(
        "Mum's new partner, Craig, to be assessed before he has any contact with the children.",
        area="supervision",
    ),
    outcome("The children only see Craig when Mum is present.", area="supervision"),
    outcome(
        "The children are always supervised by a sober adult and are never left alone overnight",
        measurable=True,
        measure="unannounced visits and the children's own words",
        target="every visit for 6 months",
        area="supervision",
    ),
    outcome(
        "Lily (5) is taken to and collected from school by a sober adult every day",
        measurable=True,
        measure="school's collection log",
        target="every school day",
        area="supervision",
    ),
    outcome(
        "Lily (7) can say who is in her safety network and has their phone numbers on a card in "
        "her bag.",
        area="supervision",
    ),
    task("Lily will be given a safety card.", area="supervision"),
    outcome("Lily (6) tells her teacher or Grandma when she feels worried.", area="domestic abuse"),
    task("Lily will be supported to express her wishes and feelings.", area="emotional"),
    task("Direct work with Lily about keeping safe.", area="process"),
    outcome(
        "Lily knows what to do if Dad comes to the house drunk: she goes to her room and rings "
        "Grandma.",
        area="domestic abuse",
    ),
    outcome(
        "Mum will let Lily see her dad every Saturday at Grandma's house.", area="domestic abuse"
    ),
    outcome(
        "Lily sees her dad every Saturday at Grandma's house, supervised by Grandma",
        measurable=True,
        measure="Grandma's contact log",
        target="every Saturday",
        area="domestic abuse",
    ),
    outcome("Grandma will look after Lily every Friday night so Mum gets a break.", area="neglect"),
    # Teenagers and exploitation.
    outcome(
        "Sasha (15) comes home every night by 10pm",
        measurable=True,
        measure="Mum's log and police missing-person reports",
        target="no missing episodes for 3 months",
        area="exploitation",
    ),
    task("Sasha will engage with the CSE worker.", area="exploitation"),
    outcome(
        "Sasha knows how to keep herself safe online and who to tell if someone asks for pictures.",
        area="exploitation",
    ),
    outcome("Sasha will be safeguarded from exploitation.", area="exploitation"),
    task("Police to share intelligence with the social worker.", area="exploitation"),
    outcome("Kai (14) is not involved in selling drugs.", area="exploitation"),
    outcome(
        "Kai comes home by 10pm every night and his phone location is shared with Mum",
        measurable=True,
        measure="Mum's log and the YOT worker's checks",
        target="at least 6 of 7 nights for 3 months",
        area="exploitation",
    ),
    task("Kai will engage with the YOT worker.", area="exploitation"),
    task("Kai to be referred to the exploitation panel.", area="exploitation"),
    outcome("Jack (16) has somewhere safe to live and is not sofa-surfing.", area="teenager"),
    task("Jack to be supported by the leaving care team.", area="teenager"),
    outcome(
        "Jack is in education, training or work at least 3 days a week, shown by college or "
        "employer records.",
        measurable=True,
        area="teenager",
    ),
    # Disability.
    outcome(
        "Tyler (8) has his physiotherapy exercises done with Mum every day",
        measurable=True,
        measure="exercise chart checked by the physiotherapist",
        target="at least 5 days a week",
        area="disability",
    ),
    outcome(
        "Tyler is able to use his wheelchair around the whole of the ground floor.",
        area="disability",
    ),
    task("Occupational therapy to assess the home for adaptations.", area="disability"),
    task("Respite to be explored.", area="disability"),
    # Culture, identity and language.
    outcome(
        "Priya (10) has a cooked meal every evening",
        measurable=True,
        measure="Priya's own food diary, checked at visits",
        target="at least 6 evenings a week",
        area="identity",
    ),
    outcome(
        "Priya keeps her Hindu faith: she goes to the temple with her grandparents on Sundays and "
        "celebrates Diwali with her family.",
        area="identity",
    ),
    task(
        "Social worker to complete an identity and culture assessment with the family.",
        area="identity",
    ),
    outcome(
        "Ayo (8) has his hair cared for in the way his family does, and he goes to Yoruba "
        "Saturday school with his cousins.",
        area="identity",
    ),
    task("Social worker to consider the children's cultural needs.", area="identity"),
    task("Interpreter to be booked for all meetings.", area="identity"),
    outcome(
        "The children hear Polish at home and go to Polish school on Saturdays",
        measurable=True,
        measure="Polish school register",
        target="at least 3 Saturdays a month",
        area="identity",
    ),
    # The process itself.
    task("Mum will comply with the written agreement.", area="process"),
    task("Dad will co-operate with the police investigation.", area="process"),
    task("Mum to undertake a mental health assessment with her GP.", area="mental health"),
    task("The children will be referred to the young carers' service.", area="process"),
    task("Mum will work with the family support worker on routines.", area="neglect"),
    task("Social worker to arrange a family network meeting.", area="process"),
    task("Explore whether Grandma can look after the children at weekends.", area="process"),
    task("Mum to be offered a place on the Freedom Programme.", area="domestic abuse"),
    task("Family support worker to help Mum with a bedtime routine.", area="neglect"),
    task("Mum will comply with the safety plan.", area="process"),
    task("Parents will be honest and open with professionals.", area="process"),
    task("Mum must allow the social worker into the home.", area="process"),
    task(
        "Parenting assessment to be undertaken by the social worker by 31/03/2027.", area="process"
    ),
    task("Mum to complete a parenting assessment", target="31/03/2027", area="process"),
    task("Mum needs to engage with the health visitor and attend all appointments.", area="health"),
    task("Dad is expected to attend all core group meetings.", area="process"),
    task("Mum has agreed to work with the family support worker for 12 weeks.", area="neglect"),
    task(
        "Within three months, Mum will have completed the Freedom Programme.", area="domestic abuse"
    ),
    task("Safety plan to be agreed with the family.", area="process"),
    task("Written agreement to be signed by both parents.", area="process"),
    task("Family group conference to be arranged.", area="process"),
    task("Mum to inform social worker of any changes in household membership.", area="process"),
    task("Core group to review progress.", area="process"),
    task("All agencies to share information.", area="process"),
    task("Progress to be reviewed at core group.", area="process"),
    task("To attend all core group meetings.", area="process"),
    task("Attendance at all core group meetings.", area="process"),
    task("Engagement with services.", area="process"),
    task("Completion of the Freedom Programme by March.", area="domestic abuse"),
    task("Professionals to be invited to the core group.", area="process"),
    task("Lily's views to be sought before each core group.", area="process"),
    task("The children will be visited fortnightly.", area="process"),
    task("We will visit Lily at home and at school every 10 working days.", area="process"),
    task(
        "Lily is seen alone at every statutory visit.",
        measurable=True,
        area="process",
    ),
    task(
        "Social worker to visit Lily at home every 10 working days",
        measurable=True,
        measure="visit records on the case file",
        area="process",
    ),
    task("The family will be supported by Early Help.", area="process"),
    task("Dad's partner to undergo a parenting assessment.", area="process"),
    task("Mum will ensure that she answers the door to professionals.", area="process"),
    outcome("I will make sure Jo has a bath every night.", area="neglect"),
    outcome(
        "The children are safe",
        measure="social worker visits",
        target="ongoing",
        area="process",
    ),
    outcome(
        "Mum keeps a clean home",
        target="as soon as possible",
        area="home",
    ),
    outcome("Sam is safe and well.", area="process"),
    # The graded reading and the practitioners' patterns (issue 21): its examples, then variants.
    mixed("Mum will stay off drink and see her key worker every week.", area="substances"),
    mixed("Mum will see her key worker every week and stay off drink.", area="substances"),
    mixed(
        "Dad will go to AA every week and stay sober when he has the children.", area="substances"
    ),
    mixed(
        "Mum will attend the Freedom Programme so that Lily lives in a calm home.",
        area="domestic abuse",
    ),
    mixed(
        "Grandma collects Lily from school every day and the social worker visits weekly.",
        area="supervision",
    ),
    mixed(
        "Dad keeps the flat free of cannabis; he will also complete a drug assessment.",
        area="substances",
    ),
    graded(
        outcome(
            "We will keep our rows away from the children and talk things through after they "
            "are asleep.",
            area="domestic abuse",
        )
    ),
    graded(
        outcome(
            "We will not let Lee into the house when the children are home.", area="supervision"
        )
    ),
    graded(outcome("We will take turns to do bedtime so that the boys are asleep by 8pm.")),
    graded(outcome("I will keep Jo away from my ex-partner.", area="domestic abuse")),
    graded(task("We will refer Lily to the school counsellor.", area="process")),
    graded(task("We will support Mum to find a nursery place for Ruby.", area="process")),
    graded(task("Parents to show insight into how the arguments affect Jade.", area="emotional")),
    graded(
        task(
            "Dad to show an understanding of how his drinking affects the boys.", area="substances"
        )
    ),
    graded(task("Mum to fill in a weaning chart each day.", measurable=True, area="health")),
    graded(
        task("Mum will write in the feeding log after every feed.", measurable=True, area="health")
    ),
    graded(task("Dad will record his drinking in a diary.", area="substances")),
    graded(task("Amelia to be linked in with the school counsellor.", area="emotional")),
    graded(task("Toby to be connected with a mentor through the youth service.", area="teenager")),
    graded(task("Mum will go to every appointment at the recovery service.", area="substances")),
    graded(task("Dad will come to all the core group meetings.", area="process")),
    graded(
        task(
            "Parents will have a steriliser and formula ready before the baby comes home.",
            area="unborn",
        )
    ),
    graded(task("Parents will get the nursery ready before the baby is born.", area="unborn")),
    graded(outcome("Mum will have Lily ready for school by 8.15am every morning.", area="school")),
    graded(
        task(
            "Baby and Mum will stay at the residential assessment unit until the final review.",
            area="unborn",
        )
    ),
    graded(
        task(
            "Baby to remain in hospital until a discharge planning meeting takes place.",
            area="unborn",
        )
    ),
    graded(outcome("Lily stays with Grandma at weekends.", area="supervision")),
    graded(outcome("For Ruby's punctuality at school to improve.", area="school")),
    graded(outcome("For Ruby to be in class by 8.50am every day.", area="school")),
    graded(
        outcome(
            "For the children to be collected from school by a sober adult every day.",
            area="supervision",
        )
    ),
    graded(
        outcome(
            "Mr and Mrs Ahmed will find a calm way to sort out money worries, so that Zara feels "
            "safe at home.",
            area="emotional",
        )
    ),
    graded(outcome("Dad will find time to play with the boys every evening.", area="emotional")),
    graded(outcome("Mum will reduce her drinking.", target="fewer than now", area="substances")),
    graded(outcome("Dad will drink less", measure="Dad's diary", target="less than before")),
    graded(
        outcome("Ruby's school attendance will be at least 95%.", measurable=True, area="school")
    ),
    graded(
        outcome(
            "Jade's attendance at school is 90% or above each half term.",
            measurable=True,
            area="school",
        )
    ),
    graded(outcome("Dad's anxiety is well managed.", area="mental health")),
    graded(outcome("Mum's mental health is stable.", area="mental health")),
    graded(task("Mum will ring the police if Wayne turns up.", area="domestic abuse")),
    graded(task("Call 999 if Dad comes to the house.", area="domestic abuse")),
    graded(task("Grandma to phone 999 if Dad turns up drunk.", area="domestic abuse")),
)

ALL = BLIND + TUNED


@dataclass(frozen=True)
class Agreement:
    flag: str
    agreed: int
    total: int

    @property
    def rate(self) -> float:
        return self.agreed / self.total


FLAGS = ("outcome_focused", "measurable")
GRADED = tuple(item for item in ALL if isinstance(item, Graded))


def judged(item: Labelled):
    # Imported here so that the labels can be read (and printed) without the checker.
    from conference.domain.plan_quality import assess_outcome

    return assess_outcome(item.statement, item.measure, item.target)


def disagreements(items, flag: str) -> list[Labelled]:
    """The labelled statements where the checker's flag (or grade) differs from the social
    worker's."""
    return [item for item in items if getattr(judged(item), flag) != getattr(item, flag)]


def agreement(items, flag: str) -> Agreement:
    return Agreement(flag, len(items) - len(disagreements(items, flag)), len(items))


def report() -> str:
    """The agreement table for docs/plan-quality.md, then every disagreement."""
    sets = (("Tuned", TUNED), ("Blind", BLIND), ("All", ALL))
    lines = [
        "| Set | Statements | outcome_focused agreed | measurable agreed |",
        "|---|---|---|---|",
    ]
    for name, items in sets:
        cells = [
            f"{a.agreed}/{a.total} ({a.rate:.1%})" for a in (agreement(items, f) for f in FLAGS)
        ]
        lines.append(f"| {name} | {len(items)} | {cells[0]} | {cells[1]} |")
    graded_agreement = agreement(GRADED, "grade")
    lines.append(
        f"\nGrade (outcome / mixed / task), on the {len(GRADED)} graded tuned statements: "
        f"{graded_agreement.agreed}/{graded_agreement.total} ({graded_agreement.rate:.1%})"
    )
    for item in disagreements(GRADED, "grade"):
        lines.append(f"- Tuned, grade: labelled {item.grade}: {item.statement!r}")
    for name, items in sets[:2]:
        for flag in FLAGS:
            for item in disagreements(items, flag):
                labelled = getattr(item, flag)
                lines.append(f"- {name}, {flag}: labelled {labelled}: {item.statement!r}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())

"""The easy-read plan: the family's plan for an adult (or anyone whose record asks for easy
read) who needs short sentences, one idea a line and a picture beside each point (issue 19;
docs/domain.md section 11; the shared parts and the guidance it follows are in easy_parts.py).

It says why people are worried, what is going well, what needs to happen (each goal: what will
be different, what the family said about it, who will do it and when we check), when we meet
again and who to talk to. What is kept from the family is left out. It is in the person's own
language (`i18n.persons_language`), each line with its English under it; the plan's own words
in their imported translation, else in English (own_copies.py then asks for an interpreter).

    easy_read_pdf(plan, person)  # bytes, PDF/UA-1
"""

from datetime import date

from flask import current_app

from conference.domain import clock
from conference.domain.wording import and_list
from conference.pdf import easy_parts
from conference.pdf.easy_parts import NOT_AGREED, Reader, Section
from conference.pdf.i18n import N_
from conference.pdf.parts import children_on_plan
from conference.pdf.render import render_pdf
from conference.services import contacts
from conference.services.child_words import goals_in_force

TEMPLATE = "easy_read.html"

TITLE = N_("Easy read plan for %(name)s")
ABOUT = N_("About this plan")
WORRIES = N_("Why people are worried")
GOING_WELL = N_("What is going well")
TO_HAPPEN = N_("What needs to happen")
MEETINGS = N_("When we meet again")
TALK_TO = N_("Who to talk to")

FOR_PERSON = N_("This plan is for %(name)s.")
KEEPING_SAFE = N_("It is about keeping %(names)s safe.")
DRAFT = N_("This plan is a draft. We have not agreed it yet.")
AGREED = N_("We agreed this plan at the meeting.")
KEEP_IT = N_("Please keep this plan.")

GOAL = N_("Goal %(number)s: %(statement)s")
FAMILY_SAID = N_("What your family said: %(words)s")
WHO = N_("Who will do this: %(who)s")
WHO_NOT_AGREED = N_("Who will do this: not agreed yet")

CORE_GROUP_ON = N_("The next meeting with your family is on %(date)s.")
REVIEW_ON = N_("The next big meeting to check the plan is on %(date)s.")
DATES_LATER = N_("Your social worker will tell you the dates.")

WORKER = N_("Your social worker is %(name)s.")
WORKER_PHONE = N_("Phone: %(phone)s")
WORKER_EMAIL = N_("Email: %(email)s")
NO_WORKER = N_("A social worker from the %(team)s will call you.")


def easy_read_pdf(plan, person) -> bytes:
    """The easy-read plan for `person` (an adult or a child of the plan's case), within the
    time limit the app is configured with."""
    return render_pdf(
        TEMPLATE,
        time_limit=current_app.config.get("PDF_TIME_LIMIT_SECONDS"),
        **easy_read_context(plan, person),
    )


def easy_read_context(plan, person, today: date | None = None) -> dict:
    """Everything pdf_templates/easy_read.html needs, for `render_pdf(TEMPLATE, **context)`."""
    conference = plan.conference
    reader = easy_parts.reader_for(plan, person)
    keys = easy_parts.withheld(conference)
    names = [child.given_name for child in children_on_plan(conference)]
    draft = plan.finalised_at is None
    sections = [
        reader.section(ABOUT, _about(reader, person, names, draft)),
        reader.section(WORRIES, *_worries(reader, conference, keys)),
        reader.section(GOING_WELL, *_going_well(reader, conference, keys)),
        Section(reader.says(TO_HAPPEN), _goals(reader, plan)),
        reader.section(MEETINGS, _meetings(reader, conference)),
        reader.section(TALK_TO, *_talk_to(reader, plan.case, conference)),
    ]
    title = reader.says(TITLE, name=reader.as_written(person.given_name))
    return {
        **easy_parts.document_context(reader, title, today or clock.today()),
        "draft": draft,
        "large_print": True,
        "children_names": and_list(names),
        "document_date": conference.held_on,
        "sections": sections,
        "smallest_pt": easy_parts.SMALLEST_PT,
        "body_pt": easy_parts.BODY_PT,
    }


def _about(reader: Reader, person, names: list[str], draft: bool):
    return reader.point(
        "home",
        reader.says(FOR_PERSON, name=reader.as_written(person.name)),
        reader.says(KEEPING_SAFE, names=names),
        reader.says(DRAFT if draft else AGREED),
        reader.says(KEEP_IT),
    )


def _worries(reader: Reader, conference, keys) -> list:
    found = easy_parts.worries(conference, keys, reader)
    if not found:
        return [reader.point("worried", reader.says(NOT_AGREED))]
    return [reader.point("worried", *lines) for lines in found]


def _going_well(reader: Reader, conference, keys) -> list:
    found = easy_parts.working_well(conference, keys, reader)
    if not found:
        return [reader.point("going_well", reader.says(NOT_AGREED))]
    return [reader.point("going_well", line) for line in found]


def _goals(reader: Reader, plan) -> list[list]:
    """Each goal's what, who and when, kept together on one page."""
    goals = goals_in_force(plan)
    if not goals:
        return [[reader.point("to_do", reader.says(NOT_AGREED))]]
    return [
        [
            reader.point(
                "to_do",
                reader.says(GOAL, number=number, statement=reader.free(goal.statement.strip())),
                _family_said(reader, goal.family_words),
            ),
            reader.point("person", _who(reader, goal.owner)),
            reader.point(
                "calendar",
                *easy_parts.check_lines(goal.review_on, goal.sustained_for, reader)
                or [reader.says(easy_parts.CHECK_NOT_AGREED)],
            ),
        ]
        for number, goal in enumerate(goals, start=1)
    ]


def _family_said(reader: Reader, words: str):
    if not words.strip():
        return None
    return reader.says(FAMILY_SAID, words=reader.free(words.strip()))


def _who(reader: Reader, owner: str):
    if not owner.strip():
        return reader.says(WHO_NOT_AGREED)
    return reader.says(WHO, who=reader.free(owner.strip()))


def _meetings(reader: Reader, conference):
    decisions = easy_parts.decisions_on_plan(conference)
    core_group = easy_parts.earliest(d.first_core_group_on for d in decisions)
    review = easy_parts.earliest(d.review_on for d in decisions)
    lines = [
        reader.says(CORE_GROUP_ON, date=core_group) if core_group else None,
        reader.says(REVIEW_ON, date=review) if review else None,
    ]
    if not core_group or not review:
        lines.append(reader.says(DATES_LATER))
    return reader.point("meeting", *lines)


def _talk_to(reader: Reader, case, conference) -> list:
    """Each contact a point of its own: a phone beside numbers, 999 beside the emergency line,
    a speech bubble beside the rest. A contact nobody set is left out, never printed blank."""
    found = contacts.family_contacts(case, conference).lines
    worker = [line for line in found if line.key.startswith("social_worker")]
    points = []
    if worker:
        points.append(reader.point("phone", *(_worker_line(reader, line) for line in worker)))
    else:
        team = reader.as_written(case.team.name)
        points.append(reader.point("phone", reader.says(NO_WORKER, team=team)))
    for line in found:
        if line.key.startswith("social_worker"):
            continue
        if line.fixed:
            points.append(reader.point("emergency", _fixed(reader, line)))
        else:
            picture = "phone" if line.key in PHONE_KEYS else "talk"
            label = reader.labelled(line.label)
            points.append(reader.point(picture, label, reader.typed(line.value)))
    return points


PHONE_KEYS = ("team_phone", "out_of_hours")


def _worker_line(reader: Reader, line):
    value = reader.as_written(line.value)
    if line.key == "social_worker":
        return reader.says(WORKER, name=value)
    if line.fixed:  # no phone of their own: "Call their team, …, on …"
        return _fixed(reader, line)
    if line.key.endswith("phone"):
        return reader.says(WORKER_PHONE, phone=value)
    return reader.says(WORKER_EMAIL, email=value)


def _fixed(reader: Reader, line):
    """A contact whose value is fixed text, with the team and number it names as written."""
    params = {key: reader.as_written(value) for key, value in line.params.items()}
    return reader.says(line.value, **params)

"""The easy-read plan: the family's plan for an adult (or anyone whose record asks for easy
read) who needs short sentences, one idea a line and a picture beside each point (issue 19;
docs/domain.md section 11; the shared parts and the guidance it follows are in easy_parts.py).

It says why people are worried, what is going well, what needs to happen (each goal: what will
be different, what the family said about it, who will do it and when we check), when we meet
again and who to talk to. What is kept from the family is left out. English only for now: the
plan's own words are the professionals' and the family's, and the fixed text has no catalogue.

    easy_read_pdf(plan, person)  # bytes, PDF/UA-1
"""

from datetime import date

from flask import current_app

from conference.domain.wording import and_list, long_date
from conference.pdf import easy_parts
from conference.pdf.easy_parts import Section, point, section
from conference.pdf.parts import children_on_plan
from conference.pdf.render import render_pdf
from conference.services import contacts
from conference.services.child_words import goals_in_force

TEMPLATE = "easy_read.html"
NOT_AGREED = "We have not agreed this yet."


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
    keys = easy_parts.withheld(conference)
    names = and_list([child.given_name for child in children_on_plan(conference)])
    draft = plan.finalised_at is None
    sections = [
        section("About this plan", _about(person, names, draft)),
        section("Why people are worried", *_worries(conference, keys)),
        section("What is going well", *_going_well(conference, keys)),
        Section("What needs to happen", _goals(plan)),
        section("When we meet again", _meetings(conference)),
        section("Who to talk to", *_talk_to(plan.case, conference)),
    ]
    return {
        "lang": "en",
        "draft": draft,
        "large_print": True,
        "title": f"Easy read plan for {person.given_name}",
        "children_names": names,
        "document_date": conference.held_on,
        "printed_on": today or date.today(),
        "sections": sections,
        "smallest_pt": easy_parts.SMALLEST_PT,
        "body_pt": easy_parts.BODY_PT,
    }


def _about(person, names: str, draft: bool):
    agreed = (
        "This plan is a draft. We have not agreed it yet."
        if draft
        else "We agreed this plan at the meeting."
    )
    return point(
        "home",
        f"This plan is for {person.name}.",
        f"It is about keeping {names} safe.",
        agreed,
        "Please keep this plan.",
    )


def _worries(conference, keys) -> list:
    found = easy_parts.worries(conference, keys)
    if not found:
        return [point("worried", NOT_AGREED)]
    return [point("worried", *lines) for lines in found]


def _going_well(conference, keys) -> list:
    found = easy_parts.working_well(conference, keys)
    if not found:
        return [point("going_well", NOT_AGREED)]
    return [point("going_well", text) for text in found]


def _goals(plan) -> list[list]:
    """Each goal's what, who and when, kept together on one page."""
    goals = goals_in_force(plan)
    if not goals:
        return [[point("to_do", NOT_AGREED)]]
    return [
        [
            point(
                "to_do",
                f"Goal {number}: {goal.statement.strip()}",
                _family_said(goal.family_words),
            ),
            point("person", f"Who will do this: {goal.owner.strip() or 'not agreed yet'}"),
            point(
                "calendar",
                *easy_parts.check_lines(goal.review_on, goal.sustained_for)
                or ["We have not agreed when we will check."],
            ),
        ]
        for number, goal in enumerate(goals, start=1)
    ]


def _family_said(words: str) -> str:
    return f"What your family said: {words.strip()}" if words.strip() else ""


def _meetings(conference):
    decisions = easy_parts.decisions_on_plan(conference)
    core_group = easy_parts.earliest(d.first_core_group_on for d in decisions)
    review = easy_parts.earliest(d.review_on for d in decisions)
    lines = [
        f"The next meeting with your family is on {long_date(core_group)}." if core_group else "",
        f"The next big meeting to check the plan is on {long_date(review)}." if review else "",
    ]
    if not core_group or not review:
        lines.append("Your social worker will tell you the dates.")
    return point("meeting", *lines)


def _talk_to(case, conference) -> list:
    """Each contact a point of its own: a phone beside numbers, 999 beside the emergency line,
    a speech bubble beside the rest. A contact nobody set is left out, never printed blank."""
    found = contacts.family_contacts(case, conference).lines
    worker = [line for line in found if line.key.startswith("social_worker")]
    points = []
    if worker:
        points.append(point("phone", *(_worker_line(line) for line in worker)))
    else:
        points.append(point("phone", f"A social worker from the {case.team.name} will call you."))
    for line in found:
        if line.key.startswith("social_worker"):
            continue
        if line.fixed:
            points.append(point("emergency", line.value))
        else:
            picture = "phone" if line.key in PHONE_KEYS else "talk"
            points.append(point(picture, f"{line.label}:", line.value))
    return points


PHONE_KEYS = ("team_phone", "out_of_hours")


def _worker_line(line) -> str:
    if line.key == "social_worker":
        return f"Your social worker is {line.value}."
    if line.fixed:  # no phone of their own: "Call their team, …, on …"
        return line.value % line.params
    return f"{'Phone' if line.key.endswith('phone') else 'Email'}: {line.value}"

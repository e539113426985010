"""The child's own plan: for a child or young person, in words they understand (issue 19;
docs/domain.md section 11; the shared parts and the easy-read guidance it follows are in
easy_parts.py): what people are worried about, what is going well, what needs to happen, who
will help, when we meet again, and who to talk to, Childline included.

No professional's wording reaches a child unchecked. Each goal is printed in its words for the
child's plan only once the chair has checked them (SafetyGoal.child_words_checked_at); a goal
without checked words is left out, and the plan says that their social worker will tell them
about the rest (the plan page tells staff how many are ready: services/child_words.py). The
worries and good things are the child's own, from their voice at the conference, with a fixed
sentence around them. What is kept from the family is left out, the child's own words too.

    child_plan_pdf(plan, child)  # bytes, PDF/UA-1
"""

from datetime import date

from flask import current_app

from conference.domain.wording import long_date
from conference.pdf import easy_parts
from conference.pdf.easy_parts import Section, point, section
from conference.pdf.render import render_pdf
from conference.services import contacts
from conference.services.child_words import childs_goals, has_checked_words
from conference.services.conferences import kept_from_family

TEMPLATE = "child_plan.html"
CHILDLINE = (
    "You can talk to Childline about anything.",
    "It is free, and you do not have to say who you are.",
    "Call 0800 1111.",
    "Or go to childline.org.uk.",
)


def child_plan_pdf(plan, child) -> bytes:
    """The child's own plan, within the time limit the app is configured with."""
    return render_pdf(
        TEMPLATE,
        time_limit=current_app.config.get("PDF_TIME_LIMIT_SECONDS"),
        **child_plan_context(plan, child),
    )


def child_plan_context(plan, child, today: date | None = None) -> dict:
    """Everything pdf_templates/child_plan.html needs, for `render_pdf(TEMPLATE, **context)`."""
    conference = plan.conference
    keys = easy_parts.withheld(conference)
    voice = next((v for v in conference.voices if v.child_id == child.id), None)
    draft = plan.finalised_at is None
    sections = [
        section("About your plan", _about(child, draft)),
        section("What people are worried about", _worries(voice, keys)),
        section("What is going well", _going_well(voice, keys)),
        Section("What needs to happen", _goals(plan, child)),
        section("When we meet again", _meetings(conference)),
        section("Who to talk to", *_talk_to(plan.case, conference)),
    ]
    return {
        "lang": "en",
        "draft": draft,
        "large_print": True,
        "title": f"{child.given_name}’s plan",
        "children_names": child.given_name,
        "document_date": conference.held_on,
        "printed_on": today or date.today(),
        "sections": sections,
        "smallest_pt": easy_parts.SMALLEST_PT,
        "body_pt": easy_parts.BODY_PT,
    }


def _about(child, draft: bool):
    return point(
        "home",
        f"This is your plan, {child.given_name}.",
        "It says how the grown-ups will help to keep you safe.",
        "The plan is not finished yet." if draft else "",
    )


def _own_words(voice, keys, field: str) -> str:
    if voice is None or kept_from_family.is_withheld(keys, "child_voice", voice.id, field):
        return ""
    return getattr(voice, field).strip()


def _worries(voice, keys):
    said = _own_words(voice, keys, "house_of_worries")
    return point(
        "worried",
        "The grown-ups who help your family are worried about some things at home.",
        f"You told us you worry about: {said}" if said else "",
        "Your social worker will talk to you about the worries.",
    )


def _going_well(voice, keys):
    said = _own_words(voice, keys, "house_of_good_things")
    return point(
        "going_well",
        f"You told us these things are good: {said}" if said else "",
        "Your family and the people who help you are working on this plan together.",
    )


def _goals(plan, child) -> list[list]:
    """Each goal with checked words: the words, who will help and when we check, kept
    together; then, if any goal was left out, that their social worker will tell them."""
    goals = childs_goals(plan, child)
    ready = [goal for goal in goals if has_checked_words(goal)]
    groups = [
        [
            point("to_do", goal.child_words.strip()),
            point("person", f"Who will help: {goal.owner.strip()}") if goal.owner.strip() else None,
            point("calendar", f"We will check on {long_date(goal.review_on)}.")
            if goal.review_on
            else None,
        ]
        for goal in ready
    ]
    if len(ready) < len(goals) or not goals:
        more = "the other things" if ready else "the things"
        told = f"Your social worker will tell you about {more} that need to happen."
        groups.append([point("talk", told)])
    return [[one for one in group if one is not None] for group in groups]


def _meetings(conference):
    decisions = easy_parts.decisions_on_plan(conference)
    review = easy_parts.earliest(d.review_on for d in decisions)
    core_group = easy_parts.earliest(d.first_core_group_on for d in decisions)
    when = review or core_group
    return point(
        "meeting",
        f"The grown-ups will meet again on {long_date(when)}." if when else "",
        "They will check how things are going.",
        "You can tell your social worker what you think before the meeting.",
    )


def _talk_to(case, conference) -> list:
    """Their social worker and a number to ring in the day (their social worker's, else their
    team's), out of hours, someone to help them speak up, 999 and Childline. A contact nobody
    set is left out, never printed blank."""
    everyone = contacts.family_contacts(case, conference)
    found = {line.key: line for line in everyone.lines}
    worker = found.get("social_worker")
    points = [
        point(
            "phone",
            f"Your social worker is {worker.value}." if worker else "",
            _daytime(everyone, case.team.name, worker is not None),
            "You can talk to them about anything in this plan."
            if worker
            else f"A social worker from the {case.team.name} will talk to you.",
        )
    ]
    if "out_of_hours" in found:
        night = "If you need help at night or at the weekend, call:"
        points.append(point("phone", night, found["out_of_hours"].value))
    if "advocacy" in found:
        advocacy = found["advocacy"].value
        points.append(point("talk", "Someone can help you say what you think:", advocacy))
    points.append(point("emergency", "If you are in danger now, call 999."))
    points.append(point("talk", *CHILDLINE))
    return points


def _daytime(found, team: str, has_worker: bool) -> str:
    if not found.daytime:
        return ""
    if not found.daytime_is_team:
        return f"Phone: {found.daytime}"
    whose = "their team" if has_worker else f"your social worker’s team, the {team},"
    return f"Call {whose} on {found.daytime}."

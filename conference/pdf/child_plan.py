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

It is in the language the child's record asks for (`i18n.persons_language`), each line with its
English under it; their words in the plan's imported translation, else in English.

    child_plan_pdf(plan, child)  # bytes, PDF/UA-1
"""

from datetime import date

from flask import current_app

from conference.domain import clock
from conference.pdf import easy_parts
from conference.pdf.easy_parts import AsWritten, Reader, Section
from conference.pdf.family_plan_parts import CHECK_ON
from conference.pdf.i18n import N_
from conference.pdf.render import render_pdf
from conference.services import contacts
from conference.services.child_words import childs_goals, has_checked_words
from conference.services.conferences import kept_from_family

TEMPLATE = "child_plan.html"

TITLE = N_("%(name)s’s plan")
ABOUT = N_("About your plan")
WORRIES = N_("What people are worried about")
GOING_WELL = N_("What is going well")
TO_HAPPEN = N_("What needs to happen")
MEETINGS = N_("When we meet again")
TALK_TO = N_("Who to talk to")

YOUR_PLAN = N_("This is your plan, %(name)s.")
KEEP_YOU_SAFE = N_("It says how the grown-ups will help to keep you safe.")
NOT_FINISHED = N_("The plan is not finished yet.")

GROWN_UPS_WORRIED = N_("The grown-ups who help your family are worried about some things at home.")
YOU_WORRY = N_("You told us you worry about: %(said)s")
TALK_ABOUT_WORRIES = N_("Your social worker will talk to you about the worries.")
YOU_SAY_GOOD = N_("You told us these things are good: %(said)s")
TOGETHER = N_("Your family and the people who help you are working on this plan together.")

WHO_WILL_HELP = N_("Who will help: %(who)s")
TELL_YOU_OTHERS = N_("Your social worker will tell you about the other things that need to happen.")
TELL_YOU_ALL = N_("Your social worker will tell you about the things that need to happen.")

MEET_AGAIN = N_("The grown-ups will meet again on %(date)s.")
CHECK_HOW = N_("They will check how things are going.")
TELL_BEFORE = N_("You can tell your social worker what you think before the meeting.")

WORKER = N_("Your social worker is %(name)s.")
PHONE = N_("Phone: %(phone)s")
CALL_THEIR_TEAM = N_("Call their team on %(phone)s.")
CALL_WORKERS_TEAM = N_("Call your social worker’s team, the %(team)s, on %(phone)s.")
TALK_ABOUT_PLAN = N_("You can talk to them about anything in this plan.")
NO_WORKER = N_("A social worker from the %(team)s will talk to you.")
AT_NIGHT = N_("If you need help at night or at the weekend, call:")
SPEAK_UP = N_("Someone can help you say what you think:")
DANGER = N_("If you are in danger now, call 999.")
CHILDLINE = (
    N_("You can talk to Childline about anything."),
    N_("It is free, and you do not have to say who you are."),
    N_("Call %(number)s."),
    N_("Or go to childline.org.uk."),
)
# A variable, not in the message, so that it stays in order in a right-to-left line.
CHILDLINE_NUMBER = "0800 1111"


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
    reader = easy_parts.reader_for(plan, child)
    keys = easy_parts.withheld(conference)
    voice = next((v for v in conference.voices if v.child_id == child.id), None)
    draft = plan.finalised_at is None
    sections = [
        reader.section(ABOUT, _about(reader, child, draft)),
        reader.section(WORRIES, _worries(reader, voice, keys)),
        reader.section(GOING_WELL, _going_well(reader, voice, keys)),
        Section(reader.says(TO_HAPPEN), _goals(reader, plan, child)),
        reader.section(MEETINGS, _meetings(reader, conference)),
        reader.section(TALK_TO, *_talk_to(reader, plan.case, conference)),
    ]
    title = reader.says(TITLE, name=reader.as_written(child.given_name))
    return {
        **easy_parts.document_context(reader, title, today or clock.today()),
        "draft": draft,
        "large_print": True,
        "children_names": child.given_name,
        "document_date": conference.held_on,
        "sections": sections,
        "smallest_pt": easy_parts.SMALLEST_PT,
        "body_pt": easy_parts.BODY_PT,
    }


def _about(reader: Reader, child, draft: bool):
    return reader.point(
        "home",
        reader.says(YOUR_PLAN, name=reader.as_written(child.given_name)),
        reader.says(KEEP_YOU_SAFE),
        reader.says(NOT_FINISHED) if draft else None,
    )


def _own_words(voice, keys, field: str) -> str:
    if voice is None or kept_from_family.is_withheld(keys, "child_voice", voice.id, field):
        return ""
    return getattr(voice, field).strip()


def _worries(reader: Reader, voice, keys):
    said = _own_words(voice, keys, "house_of_worries")
    return reader.point(
        "worried",
        reader.says(GROWN_UPS_WORRIED),
        reader.says(YOU_WORRY, said=reader.free(said)) if said else None,
        reader.says(TALK_ABOUT_WORRIES),
    )


def _going_well(reader: Reader, voice, keys):
    said = _own_words(voice, keys, "house_of_good_things")
    return reader.point(
        "going_well",
        reader.says(YOU_SAY_GOOD, said=reader.free(said)) if said else None,
        reader.says(TOGETHER),
    )


def _goals(reader: Reader, plan, child) -> list[list]:
    """Each goal with checked words: the words, who will help and when we check, kept
    together; then, if any goal was left out, that their social worker will tell them."""
    goals = childs_goals(plan, child)
    ready = [goal for goal in goals if has_checked_words(goal)]
    groups = [
        [
            reader.point("to_do", reader.typed(goal.child_words.strip())),
            reader.point("person", reader.says(WHO_WILL_HELP, who=reader.free(goal.owner.strip())))
            if goal.owner.strip()
            else None,
            reader.point("calendar", reader.says(CHECK_ON, date=goal.review_on))
            if goal.review_on
            else None,
        ]
        for goal in ready
    ]
    if len(ready) < len(goals) or not goals:
        told = reader.says(TELL_YOU_OTHERS if ready else TELL_YOU_ALL)
        groups.append([reader.point("talk", told)])
    return [[one for one in group if one is not None] for group in groups]


def _meetings(reader: Reader, conference):
    decisions = easy_parts.decisions_on_plan(conference)
    review = easy_parts.earliest(d.review_on for d in decisions)
    core_group = easy_parts.earliest(d.first_core_group_on for d in decisions)
    when = review or core_group
    return reader.point(
        "meeting",
        reader.says(MEET_AGAIN, date=when) if when else None,
        reader.says(CHECK_HOW),
        reader.says(TELL_BEFORE),
    )


def _talk_to(reader: Reader, case, conference) -> list:
    """Their social worker and a number to ring in the day (their social worker's, else their
    team's), out of hours, someone to help them speak up, 999 and Childline. A contact nobody
    set is left out, never printed blank."""
    everyone = contacts.family_contacts(case, conference)
    found = {line.key: line for line in everyone.lines}
    worker = found.get("social_worker")
    team = reader.as_written(case.team.name)
    points = [
        reader.point(
            "phone",
            reader.says(WORKER, name=reader.as_written(worker.value)) if worker else None,
            _daytime(reader, everyone, team, worker is not None),
            reader.says(TALK_ABOUT_PLAN) if worker else reader.says(NO_WORKER, team=team),
        )
    ]
    if "out_of_hours" in found:
        night = found["out_of_hours"].value
        points.append(reader.point("phone", reader.says(AT_NIGHT), reader.typed(night)))
    if "advocacy" in found:
        advocacy = found["advocacy"].value
        points.append(reader.point("talk", reader.says(SPEAK_UP), reader.typed(advocacy)))
    points.append(reader.point("emergency", reader.says(DANGER)))
    number = reader.as_written(CHILDLINE_NUMBER)  # put only into the line that names it
    points.append(reader.point("talk", *(reader.says(line, number=number) for line in CHILDLINE)))
    return points


def _daytime(reader: Reader, found, team: AsWritten, has_worker: bool):
    if not found.daytime:
        return None
    phone = reader.as_written(found.daytime)
    if not found.daytime_is_team:
        return reader.says(PHONE, phone=phone)
    if has_worker:
        return reader.says(CALL_THEIR_TEAM, phone=phone)
    return reader.says(CALL_WORKERS_TEAM, team=team, phone=phone)

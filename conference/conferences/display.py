"""What the conference hub shows: the details and the task list, as GOV.UK component params."""

from flask import url_for

from conference.domain.wording import clock_time, count, long_date
from conference.services.conferences import scaling


def detail_rows(conference, due, change_url: str | None, arranges: bool = False) -> list[dict]:
    """The details, each with a link to change it where the edit form asks it: the rules' due
    date has none, and the chair and the minute-taker only for those who arrange the
    conference (the chair or the team manager: services/access.py)."""
    late = due is not None and conference.held_on > due
    rows = [
        ("Date and time", f"{long_date(conference.held_on)} at {clock_time(conference.starts_at)}"),
        (
            "Statutory due date",
            f"{long_date(due)} ({'late' if late else 'on time'})" if due else "None applies",
        ),
        (
            "Venue",
            (conference.venue or "Not recorded") + (" (online)" if conference.online else ""),
        ),
        ("Twilight (after school)", "Yes" if conference.twilight else "No"),
        ("Chair", conference.chair.name if conference.chair else "Not chosen yet"),
        (
            "Minute-taker",
            conference.minute_taker.name if conference.minute_taker else "Not chosen yet",
        ),
    ]
    if conference.strategy_discussion_on:
        rows.append(("Strategy discussion", long_date(conference.strategy_discussion_on)))
    fixed = {"Statutory due date"} | (set() if arranges else {"Chair", "Minute-taker"})
    return [_row(key, value, None if key in fixed else change_url) for key, value in rows]


def _row(key, value, change_url):
    row = {"key": {"text": key}, "value": {"text": value}}
    if change_url:
        row["actions"] = {
            "items": [{"href": change_url, "text": "Change", "visuallyHiddenText": key.lower()}]
        }
    return row


def task_items(conference, readiness, can_decide: bool) -> list[dict]:
    """The sections of the conference, in the order they are done in the room. Those who do not
    chair it (or once it is finalised) are taken to the decisions as recorded."""
    at = {"conference_id": conference.id}
    items = [
        _task("Attendance", url_for("conferences.attendance", **at), bool(conference.attendees)),
        _map_task(conference, url_for("conferences.map", **at)),
        _scaling_task(conference, url_for("conferences.scaling", **at)),
    ]
    for child, ready in zip(conference.case.children, readiness, strict=True):
        name, of = child.given_name, {**at, "child_id": child.id}
        items += [
            _task(f"{name}’s voice", url_for("conferences.voice", **of), ready.views_recorded),
            _task(
                f"Identity: {name}",
                url_for("conferences.conference_identity", **of),
                ready.identity_answered,
            ),
            _task(
                f"Decision for {name}",
                _decision_url(conference, of, can_decide),
                ready.decision is not None,
            ),
        ]
    return items


def _decision_url(conference, of: dict, can_decide: bool) -> str:
    """A review decides whether the plan continues, changes or ends; other conferences decide
    afresh. Those who do not chair it see the decisions as recorded."""
    if not can_decide:
        return url_for("conferences.decisions", conference_id=conference.id)
    if conference.conference_type == "review":
        return url_for("core_groups.review_outcome", **of)
    return url_for("conferences.edit_decision", **of)


def _map_task(conference, href: str) -> dict:
    """A map is never "Completed": the room adds to it all meeting. The task says what there
    is ("3 items") rather than judging it finished."""
    items = conference.map_items
    if not items:
        return _task("The map", href, False)
    tag = {"tag": {"text": count(len(items), "item"), "classes": "govuk-tag--light-blue"}}
    return {"title": {"text": "The map"}, "href": href, "status": tag}


def _scaling_task(conference, href: str) -> dict:
    """Scaling is complete only when the overall round is revealed with everyone present
    scored; before that the task list gives the true state ("Revealed: 3 of 7 scored")."""
    if not conference.scores:
        return _task("Scaling", href, False)
    state = scaling.round_of(conference).state
    if state == "Completed":
        return _task("Scaling", href, True)
    tag = {"tag": {"text": state, "classes": "govuk-tag--light-blue"}}
    return {"title": {"text": "Scaling"}, "href": href, "status": tag}


def _task(title: str, href: str, done: bool, started: bool = False) -> dict:
    if done:
        status = {"text": "Completed"}
    elif started:
        status = {"tag": {"text": "In progress", "classes": "govuk-tag--light-blue"}}
    else:
        status = {"tag": {"text": "Not started", "classes": "govuk-tag--blue"}}
    return {"title": {"text": title}, "href": href, "status": status}

"""Scaling at the conference: who is present to score, their scores, and the summary.

Each score row keeps the question, the meaning of 0 and 10 and the polarity it was given under
(docs/domain.md section 3), so changing the setting later never changes what an old score meant.
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from conference.domain import scaling
from conference.domain.mapping import WORRY
from conference.domain.quorum import ATTENDED
from conference.extensions import db
from conference.models import Attendee, Conference, MapItem, ScalingRound, ScalingScore, User
from conference.models.types import utc_now
from conference.services import audit, records

# The version a score form carries when the person has not scored yet.
NOT_SAVED_YET = 0
# The round of everyone's overall score; each worry statement's round is "worry:<its id>".
OVERALL = "overall"


@dataclass(frozen=True)
class Wording:
    """The scaling question in force, as configured for the area."""

    question: str
    zero_means: str
    ten_means: str
    polarity: str

    @classmethod
    def from_config(cls, config) -> "Wording":
        return cls(
            config["SCALING_QUESTION"],
            config["SCALING_ZERO_MEANS"],
            config["SCALING_TEN_MEANS"],
            config["SCALING_POLARITY"],
        )


@dataclass(frozen=True)
class Given:
    """A score and its reason, as entered."""

    value: int
    reason: str


def view_scaling(actor: User, conference: Conference) -> None:
    audit.record(actor, "view", conference)


def present(conference: Conference) -> list[Attendee]:
    """Everyone who attended: parents first, as they are asked first, then the rest in the
    order of attendance."""
    attended = [a for a in conference.attendees if a.attendance == ATTENDED]
    return [a for a in attended if a.is_parent] + [a for a in attended if not a.is_parent]


def attendee_present(conference: Conference, attendee_id: int) -> Attendee | None:
    return next((a for a in present(conference) if a.id == attendee_id), None)


def worry_statements(conference: Conference) -> list[MapItem]:
    return [item for item in conference.map_items if item.heading == WORRY]


def role_label(attendee: Attendee) -> str:
    """How the person is known at the conference: "Mother", "Teacher, Riverside Primary"."""
    role = attendee.role or attendee.relationship_to_family
    return ", ".join(part for part in (role, attendee.agency) if part)


def scores_of(conference: Conference, attendee: Attendee) -> list[ScalingScore]:
    return [s for s in conference.scores if s.attendee_id == attendee.id]


def overall_scores(conference: Conference) -> dict[int, ScalingScore]:
    """Each person's overall score (not about one worry statement), by attendee id."""
    return {
        s.attendee_id: s
        for s in conference.scores
        if s.worry_item_id is None and s.attendee_id is not None
    }


def parents_not_scored(conference: Conference) -> list[Attendee]:
    scored = overall_scores(conference)
    return [a for a in present(conference) if a.is_parent and a.id not in scored]


def scaling_summary(conference: Conference) -> scaling.ScalingSummary:
    """The summary of everyone's overall scores, on the safe-at-10 scale."""
    return scaling.summarise(_as_domain(s) for s in in_order(conference))


def worry_summary(conference: Conference, item: MapItem) -> scaling.ScalingSummary:
    """The summary of the scores given for one worry statement, on the safe-at-10 scale."""
    return scaling.summarise(_as_domain(s) for s in in_order(conference, item))


def in_order(conference: Conference, item: MapItem | None = None) -> list[ScalingScore]:
    """The overall scores, or those for one worry statement, in the order people attended,
    parents first."""
    worry_item_id = item.id if item is not None else None
    # Keyed so that a score with no attendee (None) is looked up too, and comes last.
    order: dict[int | None, int] = {a.id: n for n, a in enumerate(present(conference))}
    rows = [s for s in conference.scores if s.worry_item_id == worry_item_id]
    return sorted(rows, key=lambda s: (not s.is_parent, order.get(s.attendee_id, len(order)), s.id))


def _as_domain(row: ScalingScore) -> scaling.Score:
    return scaling.Score(
        row.person_name, row.role_label, row.is_parent, row.value, row.reason, row.polarity
    )


def in_scale(summary: scaling.ScalingSummary, polarity: str) -> dict:
    """The summary's lowest, highest and median on the area's own scale: where 10 means the
    highest risk, the lowest safety is the highest score given."""
    lowest, highest, median = summary.lowest, summary.highest, summary.median
    if lowest is None or highest is None or median is None:  # no scores were given
        return {"lowest": None, "highest": None, "median": None}
    if polarity == scaling.RISK_AT_10:
        return {
            "lowest": scaling.HIGHEST_SCORE - highest,
            "highest": scaling.HIGHEST_SCORE - lowest,
            "median": scaling.HIGHEST_SCORE - median,
        }
    return {"lowest": lowest, "highest": highest, "median": median}


def overall_score_of(conference: Conference, attendee: Attendee) -> ScalingScore | None:
    """The person's overall score: its version is that of all their scores at the conference."""
    return overall_scores(conference).get(attendee.id)


def record_scores(
    actor: User,
    conference: Conference,
    attendee: Attendee,
    version: int | None,
    overall: Given,
    worries: dict[int, Given],
    wording: Wording,
) -> list[ScalingScore]:
    """Store the person's overall score and any scores for worry statements (by map item id),
    replacing what they gave before at this conference, and audit the old and new scores.

    `version` is their overall score's version when the form was loaded (NOT_SAVED_YET if they
    had not scored). Their rows are changed in place, so every save moves that version on.
    :raise records.StaleVersion: someone else saved this person's scores since, even a moment
        ago (the record is their overall score as saved now).
    """
    statements = {item.id: item for item in worry_statements(conference)}
    given = [(None, overall)] + [
        (statements[item_id], score) for item_id, score in worries.items() if item_id in statements
    ]
    for _item, score in given:
        scaling.validate_score(score.value, wording.polarity)
    mine = overall_score_of(conference, attendee)
    if mine is not None and version != mine.version:
        raise records.StaleVersion(mine)
    old_described = [_described(s) for s in scores_of(conference, attendee)]
    # Two people saving this person's scores at the same moment: the version check (or, for the
    # first scores, the unique constraint) refuses the second, who is told as for a stale save.
    with records.saved_first(lambda: _stored_overall(conference, attendee)):
        new = _replace(conference, attendee, given, wording)
        db.session.flush()  # the new rows' worry statement ids, for the audit trail
        audit.record(
            actor,
            "score",
            conference,
            {"scores": [old_described or None, [_described(s) for s in new]]},
        )
    return new


def _replace(conference, attendee, given, wording: Wording) -> list[ScalingScore]:
    """Each score given changes the person's row for it (or adds one); rows for worry statements
    no longer scored go."""
    rows = {row.worry_item_id: row for row in scores_of(conference, attendee)}
    new = []
    for item, score in given:
        row = rows.pop(item.id if item is not None else None, None)
        if row is None:
            row = ScalingScore(conference=conference, attendee_id=attendee.id, worry_item=item)
            db.session.add(row)
        row.person_name, row.role_label = attendee.name, role_label(attendee)
        row.is_parent, row.value, row.reason = attendee.is_parent, score.value, score.reason.strip()
        row.question, row.zero_means = wording.question, wording.zero_means
        row.ten_means, row.polarity = wording.ten_means, wording.polarity
        row.recorded_at = utc_now()  # a change to any score moves the overall one's version on
        new.append(row)
    for row in rows.values():
        conference.scores.remove(row)
    return new


def _stored_overall(conference: Conference, attendee: Attendee) -> ScalingScore | None:
    """The person's overall score as stored now (not as this request loaded it)."""
    query = select(ScalingScore).where(
        ScalingScore.conference_id == conference.id,
        ScalingScore.attendee_id == attendee.id,
        ScalingScore.worry_item_id.is_(None),
    )
    return db.session.scalars(query.execution_options(populate_existing=True)).one_or_none()


def _described(row: ScalingScore) -> dict:
    """A score as the audit trail keeps it."""
    return {
        "attendee_id": row.attendee_id,
        "person": row.person_name,
        "worry_item_id": row.worry_item_id,
        "value": row.value,
        "reason": row.reason,
        "polarity": row.polarity,
    }


# Revealing a round. Each person scores without seeing anyone else's score (the page's promise),
# so the values of a round stay hidden, on every page and on the live screen, until the chair
# reveals it to the room. A finalised conference's scores are all part of its record.


@dataclass(frozen=True)
class Round:
    """A round of scaling as the room may see it: who has scored of those present, and whether
    the chair has revealed the values."""

    key: str
    revealed: bool
    scored: tuple[str, ...]
    waiting: tuple[str, ...]

    @property
    def progress(self) -> str:
        """ "4 of 6 have scored" (of the people present)."""
        done, present_ = len(self.scored), len(self.scored) + len(self.waiting)
        return f"{done} of {present_} {'has' if done == 1 else 'have'} scored"

    @property
    def state(self) -> str:
        """What the round has come to, for the conference's task list: a round revealed before
        everyone scored says so ("Revealed: 3 of 7 scored") rather than looking complete."""
        done, present_ = len(self.scored), len(self.scored) + len(self.waiting)
        if self.revealed and not self.waiting:
            return "Completed"
        return f"{'Revealed' if self.revealed else 'Not revealed'}: {done} of {present_} scored"


def round_key(item: MapItem | None = None) -> str:
    return OVERALL if item is None else f"worry:{item.id}"


def revealed_keys(conference: Conference) -> set[str]:
    query = select(ScalingRound.round_key).where(ScalingRound.conference_id == conference.id)
    return set(db.session.scalars(query))


def round_of(conference: Conference, item: MapItem | None = None) -> Round:
    """The round of overall scores, or of one worry statement's."""
    worry_item_id = item.id if item is not None else None
    given = {s.attendee_id for s in conference.scores if s.worry_item_id == worry_item_id}
    people = present(conference)
    key = round_key(item)
    return Round(
        key=key,
        revealed=conference.finalised or key in revealed_keys(conference),
        scored=tuple(a.name for a in people if a.id in given),
        waiting=tuple(a.name for a in people if a.id not in given),
    )


def reveal(actor: User, conference: Conference, item: MapItem | None = None) -> None:
    """Show the round's scores to the room. Revealing a round already revealed changes
    nothing. The audit row says how many had scored of those present, not the scores."""
    shown = round_of(conference, item)
    if shown.revealed:
        return
    try:
        with records.savepoint():
            db.session.add(
                ScalingRound(
                    conference_id=conference.id, round_key=shown.key, revealed_by_id=actor.id
                )
            )
    except IntegrityError:
        return  # a second press of the button, a moment after the first: revealed already
    audit.record(
        actor,
        "reveal scores",
        conference,
        {"round": [None, shown.key], "scored": [None, shown.progress]},
    )
    db.session.flush()

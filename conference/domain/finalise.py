"""When a conference may be finalised (the chair's checklist).

A conference is finalised only when: every child has a decision; at least one worry statement
exists if any child is to have a child protection plan; scaling is recorded; each child's views
or observations are recorded, or the reason why not; and the conference's identity questions are
answered or marked "not known yet" for each child. Once finalised it is never edited: corrections
are added as dated amendments by the chair.
"""

from dataclasses import dataclass

from conference.domain.vocabulary import Outcome


@dataclass(frozen=True)
class ChildReadiness:
    first_name: str
    decision: str | None
    views_recorded: bool
    identity_answered: bool


def views_recorded(own_words="", houses=("", "", ""), observations="", reason_not="") -> bool:
    """The child's voice counts as recorded when anything they said or showed is written down,
    observations of a baby or non-verbal child are, or the reason why not is given."""
    return any(text.strip() for text in (own_words, *houses, observations, reason_not))


def identity_answered(answers: dict[str, str], not_known: list[str]) -> bool:
    """Every identity question of the conference is answered or marked not known yet."""
    return all(text.strip() or field in not_known for field, text in answers.items())


def missing_before_finalising(
    children: list[ChildReadiness], worry_statements: int, scores: int
) -> list[str]:
    """What must still be done, in the order the chair would do it. Empty when ready."""
    missing = []
    if worry_statements == 0 and any(c.decision == Outcome.CHILD_PROTECTION_PLAN for c in children):
        missing.append("Add at least one worry statement to the map")
    if scores == 0:
        missing.append("Record the scaling scores")
    for child in children:
        if not child.views_recorded:
            missing.append(
                f"Record {child.first_name}’s views or observations, or why they are not recorded"
            )
        if not child.identity_answered:
            missing.append(
                f"Answer the identity questions for {child.first_name}, or mark them not known yet"
            )
        if child.decision is None:
            missing.append(f"Record the decision for {child.first_name}")
    return missing

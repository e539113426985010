"""Families' feedback after their meetings (issue 20), for the synthetic data: so that the
dashboard's feedback figures have something to show at scale.

For a share of the conferences and core group meetings of the last year, each parent and each
child aged 12 or over is offered a feedback form (an invitation with a code; a few withdrawn),
and some answer it online; now and then a paper form comes back, typed in by the social worker.
The answers lean positive, as real feedback does, with a spread; some forms say what would have
helped, from a short list. Its own random stream, so the rest of the synthetic data is the same
whether or not feedback is made."""

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from conference.seeding.synthetic.writer import Writer

OFFERED_FOR_DAYS = 365  # feedback forms are new: only the last year's meetings have them
OFFERED_SHARE = 0.5  # of those meetings
ANSWERED_ONLINE = 0.35
PAPER_FORM = 0.15  # a meeting with a paper form back
WITHDRAWN = 0.03
SKIPPED = 0.05  # a question left unanswered
WITH_COMMENT = 0.45
YOUNG_PERSON_FROM = 12

AGREES = (("yes", 62), ("partly", 26), ("no", 12))
DOCUMENTS = (("yes", 55), ("partly", 20), ("no", 15), ("not_needed", 10))
ADVOCATE = (("had_one", 20), ("wanted_one", 10), ("did_not_want", 55))
QUESTIONS = {
    "listened_to": AGREES,
    "understood_decisions": AGREES,
    "understood_next_steps": AGREES,
    "documents_in_time": DOCUMENTS,
    "documents_readable": DOCUMENTS,
    "advocate": ADVOCATE,
}
COMMENTS = (
    "Having the report a few days earlier, so I could read it properly.",
    "An interpreter who spoke my dialect.",
    "Knowing who would be at the meeting before it started.",
    "A smaller room. It felt like a lot of people.",
    "Being told the plan in plain words, without the jargon.",
    "Meeting the chair before the conference.",
    "Having my advocate there for all of it.",
    "More time to say what I wanted to say.",
    "Nothing, it was explained well.",
    "A copy of the plan to take home on the day.",
)


class FeedbackMaker:
    def __init__(
        self, writer: Writer, rng: random.Random, today: date, moment: Callable[..., datetime]
    ):
        self.w = writer
        self.rng = rng
        self.today = today
        self.moment = moment

    def after(self, family, held_on: date, conference_id=None, meeting_id=None) -> None:
        """Feedback for one meeting held on `held_on` (a conference or a core group meeting)."""
        recent = self.today - timedelta(days=OFFERED_FOR_DAYS) <= held_on < self.today
        if not recent or self.rng.random() >= OFFERED_SHARE:
            return
        meeting = {"conference_id": conference_id, "core_group_meeting_id": meeting_id}
        people = [(adult.id, None, "parent") for adult in family.adults if adult.is_parent]
        people += [
            (None, child.id, "young_person")
            for child in family.children
            if child.born and YOUNG_PERSON_FROM <= child.age_on(held_on) < 18
        ]
        for adult_id, child_id, version in people:
            self._invited(family, meeting, held_on, adult_id, child_id, version)
        if self.rng.random() < PAPER_FORM:
            parent = next((adult for adult in family.adults if adult.is_parent), None)
            self._form(
                family,
                meeting,
                held_on,
                source="paper",
                adult_id=parent.id if parent and self.rng.random() < 0.5 else None,
                entered_by_id=family.worker[0],
            )

    def _invited(self, family, meeting, held_on, adult_id, child_id, version) -> None:
        invitation_id = self.w.next_id("invitation")
        answered = self.rng.random() < ANSWERED_ONLINE
        withdrawn = not answered and self.rng.random() < WITHDRAWN
        invitation = self.w.add(
            "invitation",
            {
                "id": invitation_id,
                "case_id": family.case_id,
                **meeting,
                "adult_id": adult_id,
                "child_id": child_id,
                "version": version,
                "purpose": "feedback",
                "code_hash": f"{self.rng.getrandbits(256):064x}",
                "expires_at": datetime.combine(held_on + timedelta(days=29), time(), tzinfo=UTC),
                "withdrawn_at": self.moment(held_on + timedelta(days=2)) if withdrawn else None,
                "withdrawn_by_id": family.worker[0] if withdrawn else None,
                "created_by_id": family.worker[0],
                "created_at": self.moment(held_on, 18),
                "last_used_at": None,
            },
        )
        if answered:
            row = self._form(
                family,
                meeting,
                held_on,
                source="online",
                invitation_id=invitation_id,
                adult_id=adult_id,
                child_id=child_id,
            )
            invitation["last_used_at"] = row["received_at"]

    def _form(self, family, meeting, held_on, source: str, **who) -> dict:
        rng = self.rng
        answers = {
            question: None if rng.random() < SKIPPED else _pick(rng, weighted)
            for question, weighted in QUESTIONS.items()
        }
        return self.w.add(
            "family_feedback",
            {
                "id": self.w.next_id("family_feedback"),
                "case_id": family.case_id,
                **meeting,
                "invitation_id": None,
                "adult_id": None,
                "child_id": None,
                "entered_by_id": None,
                **who,
                "source": source,
                "language": "en",
                **answers,
                "would_have_helped": rng.choice(COMMENTS) if rng.random() < WITH_COMMENT else "",
                "received_at": self.moment(held_on + timedelta(days=rng.randint(1, 20)), 12),
            },
        )


def _pick(rng: random.Random, weighted) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]

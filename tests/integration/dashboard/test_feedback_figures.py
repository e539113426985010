"""Families' feedback on the managers' dashboard (issue 20): the response rate and each question's
result month by month and by team, pod and chair, the filters, what a team manager sees, the
summary row, commentary, and the comments page (who sees which comments, no names, pages of
50, every page audited)."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from helpers import PASSWORD, Client, sign_in
from pages import assert_page, select, text, text_of, texts
from records import dashboard_families
from sqlalchemy import select as query

from conference.extensions import db
from conference.models import (
    Adult,
    AuditEvent,
    Commentary,
    Conference,
    CoreGroupMeeting,
    FamilyFeedback,
    Invitation,
    Plan,
    Role,
    User,
)

RANGE = {"start": ["1", "1", "2025"], "end": ["30", "6", "2025"]}
COMMENTS = "/dashboard/feedback/comments"
MUM_SAID = "More time to read the report before the meeting"
PAPER_SAID = "An interpreter in the room"
B_SAID = "Nothing, it was fine"
codes = iter(range(1, 100_000))


def _user(role: Role, email: str, name: str, team_id: int | None = None) -> User:
    user = User(email=email, name=name, role=role.value, agency="Council", team_id=team_id)
    user.set_password(PASSWORD)
    db.session.add(user)
    return user


def _invitation(case, person: Adult, meeting, withdrawn: bool = False) -> Invitation:
    held_on = meeting.held_on
    return Invitation(
        case=case,
        adult=person,
        purpose="feedback",
        version="parent",
        code_hash=f"{next(codes):064d}",
        expires_at=datetime.combine(held_on + timedelta(days=28), time(), tzinfo=UTC),
        withdrawn_at=datetime.combine(held_on, time(12), tzinfo=UTC) if withdrawn else None,
        **_meeting(meeting),
    )


def _meeting(meeting) -> dict:
    if isinstance(meeting, Conference):
        return {"conference": meeting}
    return {"core_group_meeting": meeting}


def _form(case, meeting, invitation=None, **answers) -> FamilyFeedback:
    return FamilyFeedback(
        case=case,
        invitation=invitation,
        source="online" if invitation is not None else "paper",
        **_meeting(meeting),
        **answers,
    )


@pytest.fixture
def families(app):
    """Team A (Pod 1) and Team B, a chair, a manager for each team and the head of service.

    February 2025: Team A's initial conference (chaired by Chair One): two invitations (Mum
    answered online, Dad did not) and a paper form. March: Team A's core group meeting (Mum's
    invitation withdrawn unanswered, Dad's unanswered) and Team B's conference with no chair
    recorded (one invitation, answered). July, outside the range: one more paper form."""
    with app.app_context():
        team_a, team_b, _pod, case_a, case_b = dashboard_families(date(2025, 2, 20))
        chair = _user(Role.CHAIR, "chair@example.org", "Chair One")
        _user(Role.MANAGER, "manager.a@example.org", "Manager A", team_a.id)
        _user(Role.MANAGER, "head@example.org", "Head of Service")
        mum = Adult(case=case_a, given_name="Abiola", family_name="Okafor")
        dad = Adult(case=case_a, given_name="Tunde", family_name="Okafor")
        carer = Adult(case=case_b, given_name="Grace", family_name="Bell")
        initial = _held(case_a, "initial", date(2025, 2, 14), chair=chair)
        other = _held(case_b, "initial", date(2025, 3, 28))
        later = _held(case_a, "review", date(2025, 7, 10), chair=chair)
        db.session.add_all([case_a, case_b, mum, dad, carer, initial, other, later])
        db.session.flush()
        plan = Plan(case=case_a, conference=initial)
        meeting = CoreGroupMeeting(case=case_a, plan=plan, held_on=date(2025, 3, 10))
        mums, dads = _invitation(case_a, mum, initial), _invitation(case_a, dad, initial)
        bs = _invitation(case_b, carer, other)
        db.session.add_all(
            [
                plan,
                meeting,
                mums,
                dads,
                bs,
                _invitation(case_a, mum, meeting, withdrawn=True),
                _invitation(case_a, dad, meeting),
                _form(
                    case_a,
                    initial,
                    mums,
                    adult=mum,
                    listened_to="yes",
                    understood_decisions="yes",
                    understood_next_steps="partly",
                    documents_in_time="not_needed",
                    documents_readable="yes",
                    advocate="had_one",
                    would_have_helped=MUM_SAID,
                ),
                _form(
                    case_a,
                    initial,
                    listened_to="no",
                    understood_decisions="partly",
                    advocate="wanted_one",
                    would_have_helped=PAPER_SAID,
                ),
                _form(case_b, other, bs, listened_to="yes", would_have_helped=B_SAID),
                _form(case_a, later, listened_to="yes", would_have_helped="After the range"),
            ]
        )
        db.session.commit()
        return {"team_a": team_a.id, "team_b": team_b.id, "case_a": case_a.id}


def _held(case, kind: str, held_on: date, chair=None) -> Conference:
    return Conference(
        case=case,
        conference_type=kind,
        held_on=held_on,
        starts_at=time(10),
        chair=chair,
        finalised_at=datetime.combine(held_on, time(17), tzinfo=UTC),
    )


def _client(app, email: str) -> Client:
    client = Client(app.test_client())
    assert sign_in(client, email).status_code == 302
    return client


def _rows(html: str, key: str) -> dict[str, list[str]]:
    """{row heading: [each cell's text]} of one of the feedback tables."""
    rows = select(html, f'table[data-feedback-by="{key}"] tbody tr')
    return {texts(row, "th")[0]: texts(row, "td") for row in rows if texts(row, "th")}


def _dashboard(client, **args) -> str:
    response = client.get("/dashboard/", query_string={**RANGE, **args})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_response_rate_and_results_month_by_month(app, families):
    html = _dashboard(_client(app, "head@example.org"))
    months = _rows(html, "month")
    assert list(months) == [
        "January 2025",
        "February 2025",
        "March 2025",
        "April 2025",
        "May 2025",
        "June 2025",
    ]
    # Offered, received, rate, then the six questions (listened to first, the advocate last).
    february = months["February 2025"]
    assert february[:3] == ["3", "2 1 online, 1 on paper", "67% 2 of 3"]
    assert february[3] == "50% 1 of 2"  # felt listened to: yes and no
    assert february[4] == "50% 1 of 2"  # understood what was decided: yes and partly
    assert february[5] == "0% 0 of 1"  # next steps: partly; the paper form skipped it
    assert february[6] == "No answers"  # documents in time: only "not needed"
    assert february[8] == "50% 1 of 2"  # advocate: had one, wanted one
    # The withdrawn invitation is not offered: Dad's core group invitation and Team B's.
    assert months["March 2025"][:4] == ["2", "1 1 online, 0 on paper", "50% 1 of 2", "100% 1 of 1"]
    assert months["April 2025"] == ["0", "0", "No forms", *["No forms"] * 6]
    total = text(select(html, "[data-feedback-total]")[0])
    assert total.startswith("60%: 3 forms received of 5 offered (2 online, 1 on paper)")
    assert "feedback invitations made for meetings held in the month" in text_of(html)
    contents = texts(html, "[data-contents] a")
    assert contents[-2:] == ["Families’ feedback", "By team and by pod"]


def test_by_team_pod_and_chair(app, families):
    html = _dashboard(_client(app, "head@example.org"))
    teams, pods, chairs = _rows(html, "team"), _rows(html, "pod"), _rows(html, "chair")
    assert teams["Team A"][:3] == ["4", "2 1 online, 1 on paper", "50% 2 of 4"]
    assert teams["Team B"][:3] == ["1", "1 1 online, 0 on paper", "100% 1 of 1"]
    assert pods["Team A: Pod 1"] == teams["Team A"]
    folded = texts(html, "#families-feedback .govuk-details__summary-text")
    assert "Families’ feedback: by pod (1 pod)" in folded
    assert list(chairs) == [
        "Chair One",
        "Conferences with no chair recorded",
        "Core group meetings",
    ]
    assert chairs["Chair One"][2] == "67% 2 of 3"
    assert chairs["Conferences with no chair recorded"][2] == "100% 1 of 1"
    assert chairs["Core group meetings"][:3] == ["1", "0", "0% 0 of 1"]
    assert "a member of the core group chairs them" in text_of(html)


def test_the_filters_choose_the_team_and_the_dates(app, families):
    client = _client(app, "head@example.org")
    team_b = _rows(_dashboard(client, team=str(families["team_b"])), "month")
    assert team_b["February 2025"][2] == "No forms"
    assert team_b["March 2025"][2] == "100% 1 of 1"
    july = {"start": ["1", "7", "2025"], "end": ["31", "7", "2025"]}
    html = client.get("/dashboard/", query_string=july).get_data(as_text=True)
    # A paper form with no invitation: offered as it came back.
    assert _rows(html, "month")["July 2025"][:3] == ["1", "1 0 online, 1 on paper", "100% 1 of 1"]


def test_a_team_manager_opens_on_their_own_teams_feedback(app, families):
    client = _client(app, "manager.a@example.org")
    html = client.get("/dashboard/", query_string={}).get_data(as_text=True)
    assert list(_rows(html, "team")) == ["Team A"]
    ranged = _dashboard(client, team=str(families["team_a"]))
    assert _rows(ranged, "month")["March 2025"][:4] == ["1", "0", "0% 0 of 1", "No forms"]
    assert list(_rows(ranged, "team")) == ["Team A"]


def test_the_summary_gives_the_latest_complete_months_response_rate(app, families):
    html = _dashboard(_client(app, "head@example.org"))
    row = select(html, 'tr[data-summary-row="families-feedback"]')[0]
    assert texts(row, "th") == ["Families’ feedback: response rate"]
    assert texts(row, "[data-latest]") == ["50%, 1 of 2 in March 2025"]
    assert texts(row, "[data-direction]") == ["Down"]


def test_managers_write_commentary_on_the_feedback(app, families):
    client = _client(app, "head@example.org")
    url = "/dashboard/families-feedback/commentary/2025-06"
    page = client.get(url, query_string=RANGE)
    assert_page(page, "Commentary: Families’ feedback")
    response = client.post(
        url + "?start=1&start=1&start=2025&end=30&end=6&end=2025",
        {"text": "Paper forms go out at the meeting now.", "version": "0"},
    )
    assert response.status_code == 302
    html = _dashboard(client)
    section = html[html.index('id="families-feedback"') : html.index('id="by-team-and-pod"')]
    assert "Paper forms go out at the meeting now." in texts(section, "[data-commentary]")
    with app.app_context():
        saved = db.session.scalars(query(Commentary)).one()
        assert (saved.figure, saved.month, saved.scope) == (
            "families-feedback",
            date(2025, 6, 1),
            "all",
        )


# The comments.


def test_the_head_of_service_reads_every_comment_without_names(app, families):
    client = _client(app, "head@example.org")
    html = assert_page(
        client.get(COMMENTS, query_string=RANGE), "Families’ feedback: what would have helped"
    )
    rows = [texts(row, "td") for row in select(html, "tbody tr")]
    icpc = "Initial child protection conference"
    assert rows == [
        ["March 2025", icpc, "Team B", "Online", B_SAID, "DASH-B"],
        ["February 2025", icpc, "Team A", "On paper", PAPER_SAID, "DASH-A"],
        ["February 2025", icpc, "Team A", "Online", MUM_SAID, "DASH-A"],
    ]
    assert f'href="/cases/{families["case_a"]}"' in html
    for name in ("Abiola", "Tunde", "Grace", "Okafor", "Bell"):
        assert name not in html
    assert "After the range" not in html


def test_a_team_manager_reads_only_their_teams_comments(app, families):
    client = _client(app, "manager.a@example.org")
    for args in ({}, {"team": str(families["team_b"])}):
        html = client.get(COMMENTS, query_string={**RANGE, **args}).get_data(as_text=True)
        assert B_SAID not in html
        assert "DASH-B" not in html
    html = client.get(COMMENTS, query_string=RANGE).get_data(as_text=True)
    said = {cell for row in select(html, "tbody tr") for cell in texts(row, "td")}
    assert {MUM_SAID, PAPER_SAID} <= said
    assert "Only the comments from cases you can see are listed" in text_of(html)


def test_a_chair_reads_every_comment_with_a_link_to_its_case(app, families):
    html = _client(app, "chair@example.org").get(COMMENTS, query_string=RANGE)
    html = html.get_data(as_text=True)
    assert texts(html, "tbody tr td a") == ["DASH-B", "DASH-A", "DASH-A"]
    assert "Only the comments from cases you can see" not in text_of(html)


def test_each_page_of_comments_is_audited_with_the_forms_shown(app, families):
    client = _client(app, "head@example.org")
    client.get(COMMENTS, query_string=RANGE)
    with app.app_context():
        event = db.session.scalars(
            query(AuditEvent).where(AuditEvent.record_type == "family_feedback")
        ).one()
        shown = db.session.scalars(
            query(FamilyFeedback.id).where(FamilyFeedback.would_have_helped != "After the range")
        ).all()
        head = db.session.scalars(query(User).where(User.email == "head@example.org")).one()
        assert event.action == "view"
        assert event.user_id == head.id
        assert sorted(event.changes["feedback_ids"]) == sorted(shown)
        assert event.changes["start"] == "2025-01-01"
        assert MUM_SAID not in str(event.changes)


def test_comments_come_fifty_a_page(app, families):
    with app.app_context():
        conference = db.session.scalars(
            query(Conference).where(Conference.held_on == date(2025, 2, 14))
        ).one()
        db.session.add_all(
            _form(conference.case, conference, would_have_helped=f"Comment {n}") for n in range(50)
        )
        db.session.commit()
    client = _client(app, "head@example.org")
    first = client.get(COMMENTS, query_string=RANGE).get_data(as_text=True)
    assert len(select(first, "tbody tr")) == 50
    assert "53 comments" in text_of(first)
    second = client.get(COMMENTS, query_string={**RANGE, "page": "2"}).get_data(as_text=True)
    assert len(select(second, "tbody tr")) == 3
    assert client.get(COMMENTS, query_string={**RANGE, "page": "3"}).status_code == 404

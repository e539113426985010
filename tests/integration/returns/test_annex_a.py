"""Ofsted's Annex A, value by value: Lists 7 and 5 carry the template's headings in order and,
in each column, only the values the template allows (as Social Finance's LIIA schema checks
them), with the 6- and 12-month windows counted to the day, both ends included."""

import io
from datetime import UTC, date, datetime, time, timedelta

import openpyxl
import pytest
from helpers import make_return
from records import add_child, add_enquiry, add_episode

from conference.domain import clock
from conference.domain.timescales import add_calendar_months
from conference.extensions import db
from conference.models import (
    Child,
    ChildDecision,
    Conference,
    Plan,
    Role,
    StatutoryVisit,
    VisitChild,
)
from conference.returns.views import census_year_of
from conference.seeding.demo import seed
from conference.services.returns.annex_a import annex_a

TODAY = clock.today()
DAY = timedelta(days=1)
SIX_MONTHS_AGO = add_calendar_months(TODAY, -6)
TWELVE_MONTHS_AGO = add_calendar_months(TODAY, -12)
CHILD_COLUMNS = [
    "Child Unique ID",
    "Sex",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
    "Does the Child have a Disability",
]
LIST_7_COLUMNS = [
    *CHILD_COLUMNS,
    "Child Protection Plan Start Date",
    "Initial Category of Abuse",
    "Latest Category of Abuse",
    "Date of the Last Statutory Visit",
    "Was the Child Seen Alone?",
    "Date of latest review conference",
    "Child Protection Plan End Date",
    "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six "
    "Months (Y/N)",
    "Number of Previous Child Protection Plans",
    "Allocated Team",
    "Allocated Worker",
]
LIST_5_COLUMNS = [
    *CHILD_COLUMNS,
    "Strategy discussion initiating Section 47 Enquiry Start Date",
    "Was an Initial Child Protection Conference deemed unnecessary?",
    "Date of Initial Child Protection Conference",
    "Did the Initial Child Protection Conference Result in a Child Protection Plan",
    "Number of Section 47 Enquiries in the last 12 months",
    "Number of ICPCs in the last 12 months",
    "Allocated Team",
    "Allocated Worker",
]
EMERGENCY = LIST_7_COLUMNS[13]
STRATEGY, UNNECESSARY, ICPC_ON, ICPC_PLAN, ENQUIRIES, ICPCS = LIST_5_COLUMNS[6:12]


def read(content: bytes) -> tuple[list[dict], list[dict]]:
    """List 7's rows and List 5's, each a dict by heading, with dates as dates."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["List 7", "List 5"]
    lists = []
    for name, headings in [("List 7", LIST_7_COLUMNS), ("List 5", LIST_5_COLUMNS)]:
        rows = list(workbook[name].iter_rows(values_only=True))
        assert list(rows[0]) == headings
        # The headings stay in view, in bold, however far down an inspector scrolls.
        assert workbook[name].freeze_panes == "A2"
        assert all(cell.font.bold for cell in workbook[name][1])
        lists.append(
            [{h: _value(v) for h, v in zip(headings, row, strict=True)} for row in rows[1:]]
        )
    return lists[0], lists[1]


def _value(cell):
    return cell.date() if isinstance(cell, datetime) else cell


def annex(app, today=TODAY) -> tuple[list[dict], list[dict]]:
    with app.app_context():
        return read(annex_a(today).content)


def list_7_row(app, today=TODAY) -> dict:
    [row] = annex(app, today)[0]
    return row


def list_5_rows(app) -> list[dict]:
    return annex(app)[1]


@pytest.fixture
def family(app, make_case):
    """`family(**child fields)` stores a Team A family with no social worker and one child
    (AA1, born 5 January 2016, female, White British, no disability); returns (case, child)."""

    def make(**fields) -> tuple[int, int]:
        case_id = make_case(social_worker_id=fields.pop("social_worker_id", None))
        child = {
            "date_of_birth": date(2016, 1, 5),
            "sex": "F",
            "ethnicity_code": "WBRI",
            "disabilities": ["NONE"],
        }
        return case_id, add_child(app, case_id, "Ada", "AA1", **(child | fields))

    return make


def conference(app, case_id, child_id, held_on, kind="initial", outcome="cp_plan", **fields):
    """A finalised conference about the child, deciding `outcome` (a plan for neglect)."""
    with app.app_context():
        held = Conference(
            case_id=case_id,
            conference_type=kind,
            held_on=held_on,
            starts_at=time(10),
            finalised_at=datetime.combine(held_on, time(17), tzinfo=UTC),
            strategy_discussion_on=fields.pop("strategy_discussion_on", None),
        )
        category = fields.pop("category", "NEG" if outcome == "cp_plan" else None)
        held.decisions = [ChildDecision(child_id=child_id, outcome=outcome, category=category)]
        db.session.add(held)
        db.session.commit()
        return held.id


@pytest.fixture
def on_plan(family, app):
    """`on_plan(**child fields)`: the family's child, on a plan for neglect from an initial
    conference 40 days ago; returns (case, child)."""

    def make(**fields) -> tuple[int, int]:
        case_id, child_id = family(**fields)
        conference(app, case_id, child_id, TODAY - 40 * DAY)
        return case_id, child_id

    return make


# The columns about the child, the same in both lists


@pytest.mark.parametrize(
    ("sex", "shown"),
    [("M", "a) Male"), ("F", "b) Female"), ("U", "c) Not stated/recorded")],
)
def test_sex_is_lettered_as_the_template(app, on_plan, sex, shown):
    on_plan(sex=sex)
    assert list_7_row(app)["Sex"] == shown


ETHNICITIES = [
    ("WBRI", "a) WBRI"),
    ("WIRI", "b) WIRI"),
    ("WIRT", "c) WIRT"),
    ("WOTH", "d) WOTH"),
    ("WROM", "e) WROM"),
    ("MWBC", "f) MWBC"),
    ("MWBA", "g) MWBA"),
    ("MWAS", "h) MWAS"),
    ("MOTH", "i) MOTH"),
    ("AIND", "j) AIND"),
    ("APKN", "k) APKN"),
    ("ABAN", "l) ABAN"),
    ("AOTH", "m) AOTH"),
    ("BCRB", "n) BCRB"),
    ("BAFR", "o) BAFR"),
    ("BOTH", "p) BOTH"),
    ("CHNE", "q) CHNE"),
    ("OOTH", "r) OOTH"),
    ("REFU", "s) REFU"),
    ("NOBT", "t) NOBT"),
    (None, "t) NOBT"),  # not asked yet: information not yet obtained
]


@pytest.mark.parametrize(("code", "shown"), ETHNICITIES)
def test_ethnicity_is_the_census_code_lettered_as_the_template(app, on_plan, code, shown):
    on_plan(ethnicity_code=code)
    assert list_7_row(app)["Ethnicity"] == shown


@pytest.mark.parametrize(
    ("born", "age"),
    [
        (add_calendar_months(TODAY, -12 * 9), 9),  # their ninth birthday is today
        (add_calendar_months(TODAY, -12 * 9) + DAY, 8),  # it is tomorrow
    ],
)
def test_date_of_birth_and_age_in_whole_years_on_the_day(app, on_plan, born, age):
    on_plan(date_of_birth=born)
    row = list_7_row(app)
    assert (row["Date of Birth"], row["Age of Child (Years)"]) == (born, age)


def test_an_unborn_child_has_the_expected_date_and_no_age(app, on_plan):
    due = TODAY + 30 * DAY
    on_plan(date_of_birth=None, expected_date_of_birth=due)
    row = list_7_row(app)
    assert (row["Date of Birth"], row["Age of Child (Years)"]) == (due, None)


@pytest.mark.parametrize(
    ("codes", "shown"),
    [
        (["HEAR"], "a) Yes"),
        (["HEAR", "COMM"], "a) Yes"),
        (["NONE"], "b) No"),
        ([], "c) Unknown"),  # "Not known yet" on the child form
    ],
)
def test_disability_is_yes_no_or_unknown(app, on_plan, codes, shown):
    on_plan(disabilities=codes)
    assert list_7_row(app)["Does the Child have a Disability"] == shown


def test_the_allocated_team_and_social_worker(app, make_user, family):
    worker = make_user("social_worker", name="Sam Worker", team="Team A")
    case_id, child_id = family(social_worker_id=worker)
    conference(app, case_id, child_id, TODAY - 40 * DAY)
    add_enquiry(app, child_id, TODAY - 60 * DAY)
    list_7, list_5 = annex(app)
    for row in [*list_7, *list_5]:
        assert (row["Allocated Team"], row["Allocated Worker"]) == ("Team A", "Sam Worker")


def test_a_family_with_no_social_worker_is_unallocated_not_blank(app, on_plan):
    _case_id, child_id = on_plan()
    add_enquiry(app, child_id, TODAY - 60 * DAY)
    list_7, list_5 = annex(app)
    for row in [*list_7, *list_5]:
        assert (row["Allocated Team"], row["Allocated Worker"]) == ("Team A", "Unallocated")


# List 7: the plan


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("NEG", "a) Neglect"),
        ("PHY", "b) Physical abuse"),
        ("SAB", "c) Sexual abuse"),
        ("EMO", "d) Emotional abuse"),
        ("MUL", "e) Multiple/not recommended"),
    ],
)
def test_categories_of_abuse_are_lettered_as_the_template(app, family, code, shown):
    case_id, child_id = family()
    conference(app, case_id, child_id, TODAY - 40 * DAY, category=code)
    row = list_7_row(app)
    assert (row["Initial Category of Abuse"], row["Latest Category of Abuse"]) == (shown, shown)


def test_the_plan_its_latest_review_and_a_changed_category(app, family):
    case_id, child_id = family()
    conference(app, case_id, child_id, TODAY - 100 * DAY, category="NEG")
    conference(app, case_id, child_id, TODAY - 10 * DAY, kind="review", category="SAB")
    row = list_7_row(app)
    assert row["Child Protection Plan Start Date"] == TODAY - 100 * DAY
    assert row["Initial Category of Abuse"] == "a) Neglect"
    assert row["Latest Category of Abuse"] == "c) Sexual abuse"
    assert row["Date of latest review conference"] == TODAY - 10 * DAY
    assert row["Child Protection Plan End Date"] is None


@pytest.mark.parametrize(
    ("ended", "listed"), [(SIX_MONTHS_AGO, True), (SIX_MONTHS_AGO - DAY, False)]
)
def test_a_plan_that_ended_is_listed_for_6_months_to_the_day(app, family, ended, listed):
    case_id, child_id = family()
    conference(app, case_id, child_id, ended - 200 * DAY)
    conference(app, case_id, child_id, ended, kind="review", outcome="nfa")
    list_7, _list_5 = annex(app)
    assert [row["Child Protection Plan End Date"] for row in list_7] == ([ended] if listed else [])


def test_a_plan_recorded_as_ended_has_its_end_date(app, family):
    case_id, child_id = family()
    icpc = conference(app, case_id, child_id, TODAY - 90 * DAY)
    with app.app_context():
        db.session.add(
            Plan(case_id=case_id, conference_id=icpc, number=1, ended_on=TODAY - 5 * DAY)
        )
        db.session.commit()
    assert list_7_row(app)["Child Protection Plan End Date"] == TODAY - 5 * DAY


@pytest.mark.parametrize(
    ("protected_on", "shown"),
    [
        (TODAY, "a) Yes"),
        (SIX_MONTHS_AGO, "a) Yes"),
        (SIX_MONTHS_AGO - DAY, "b) No"),
        (None, "b) No"),
    ],
)
def test_emergency_protection_in_the_last_6_months(app, on_plan, protected_on, shown):
    on_plan(emergency_protection_on=protected_on)
    assert list_7_row(app)[EMERGENCY] == shown


def test_previous_plans_count_earlier_plans_here_and_elsewhere(app, family):
    case_id, child_id = family(previous_plans_elsewhere=2)
    conference(app, case_id, child_id, TODAY - 400 * DAY)
    conference(app, case_id, child_id, TODAY - 300 * DAY, kind="review", outcome="cin_plan")
    conference(app, case_id, child_id, TODAY - 40 * DAY)
    row = list_7_row(app)
    assert (row["Child Protection Plan Start Date"], row[LIST_7_COLUMNS[14]]) == (
        TODAY - 40 * DAY,
        3,
    )


def test_a_child_on_no_plan_is_not_on_list_7(app, family):
    case_id, child_id = family()
    conference(app, case_id, child_id, TODAY - 40 * DAY, outcome="cin_plan")
    assert annex(app)[0] == []


# List 7: the last statutory visit


def visit(app, case_id, child_id, on, seen_alone, by_lead=True) -> None:
    with app.app_context():
        stored = StatutoryVisit(case_id=case_id, visited_on=on, by_lead_social_worker=by_lead)
        stored.children = [VisitChild(child_id=child_id, seen=True, seen_alone=seen_alone)]
        db.session.add(stored)
        db.session.commit()


@pytest.mark.parametrize(("alone", "shown"), [(True, "a) Yes"), (False, "b) No")])
def test_seen_alone_at_the_last_statutory_visit(app, on_plan, alone, shown):
    case_id, child_id = on_plan()
    visit(app, case_id, child_id, TODAY - 20 * DAY, seen_alone=not alone)
    visit(app, case_id, child_id, TODAY - 5 * DAY, seen_alone=alone)
    row = list_7_row(app)
    assert (row["Date of the Last Statutory Visit"], row["Was the Child Seen Alone?"]) == (
        TODAY - 5 * DAY,
        shown,
    )


def test_no_statutory_visit_leaves_both_blank(app, on_plan):
    case_id, child_id = on_plan()
    visit(app, case_id, child_id, TODAY - 5 * DAY, seen_alone=True, by_lead=False)
    row = list_7_row(app)
    assert (row["Date of the Last Statutory Visit"], row["Was the Child Seen Alone?"]) == (
        None,
        None,
    )


def test_a_visit_before_the_birth_cannot_say_whether_the_baby_was_seen_alone(app, on_plan):
    """The visit saw the mother: the record does not say, so it is c) Unknown."""
    case_id, child_id = on_plan(date_of_birth=TODAY - 3 * DAY)
    visit(app, case_id, child_id, TODAY - 10 * DAY, seen_alone=False)
    row = list_7_row(app)
    assert (row["Date of the Last Statutory Visit"], row["Was the Child Seen Alone?"]) == (
        TODAY - 10 * DAY,
        "c) Unknown",
    )


# List 5: the section 47 enquiries


@pytest.mark.parametrize(
    ("strategy_on", "listed"), [(SIX_MONTHS_AGO, True), (SIX_MONTHS_AGO - DAY, False)]
)
def test_an_enquiry_is_listed_for_6_months_from_its_strategy_discussion(
    app, family, strategy_on, listed
):
    _case_id, child_id = family()
    add_enquiry(app, child_id, strategy_on + DAY, strategy_discussion_on=strategy_on)
    assert [row[STRATEGY] for row in list_5_rows(app)] == ([strategy_on] if listed else [])


def test_each_enquiry_is_its_own_row_in_whichever_episode(app, family):
    _case_id, child_id = family()
    add_enquiry(app, child_id, TODAY - 140 * DAY, outcome="child_in_need")
    with app.app_context():
        db.session.get(Child, child_id).current_episode.closed_on = TODAY - 100 * DAY
        db.session.commit()
    add_episode(app, child_id, TODAY - 30 * DAY)
    add_enquiry(app, child_id, TODAY - 20 * DAY, strategy_discussion_on=TODAY - 21 * DAY)
    rows = list_5_rows(app)
    assert [(row[STRATEGY], row[UNNECESSARY], row[ENQUIRIES]) for row in rows] == [
        (TODAY - 140 * DAY, "a) Yes", 2),
        (TODAY - 21 * DAY, None, 2),
    ]


def test_an_older_enquiry_is_listed_when_its_icpc_was_in_the_last_6_months(app, family):
    case_id, child_id = family()
    strategy_on = SIX_MONTHS_AGO - 10 * DAY
    icpc = conference(app, case_id, child_id, SIX_MONTHS_AGO)
    add_enquiry(app, child_id, strategy_on, strategy_discussion_on=strategy_on, conference_id=icpc)
    [row] = list_5_rows(app)
    assert (row[STRATEGY], row[ICPC_ON]) == (strategy_on, SIX_MONTHS_AGO)


def test_an_enquiry_starting_after_the_day_of_the_return_is_left_out(app, family):
    _case_id, child_id = family()
    add_enquiry(app, child_id, TODAY + DAY)
    assert list_5_rows(app) == []


def test_the_strategy_discussion_is_the_enquirys_else_the_conferences_else_its_start(app, family):
    case_id, child_id = family()
    add_enquiry(app, child_id, TODAY - 100 * DAY, strategy_discussion_on=TODAY - 101 * DAY)
    add_enquiry(app, child_id, TODAY - 80 * DAY, outcome="nfa", completed_on=TODAY - 75 * DAY)
    icpc = conference(
        app, case_id, child_id, TODAY - 40 * DAY, strategy_discussion_on=TODAY - 61 * DAY
    )
    add_enquiry(app, child_id, TODAY - 60 * DAY, conference_id=icpc, outcome="conference")
    assert [row[STRATEGY] for row in list_5_rows(app)] == [
        TODAY - 101 * DAY,
        TODAY - 80 * DAY,
        TODAY - 61 * DAY,
    ]


@pytest.mark.parametrize(
    ("outcome", "shown"),
    [
        ("child_in_need", "a) Yes"),
        ("nfa", "a) Yes"),
        ("conference", "b) No"),
        (None, None),  # still going on: blank
    ],
)
def test_whether_a_conference_was_deemed_unnecessary(app, family, outcome, shown):
    _case_id, child_id = family()
    add_enquiry(app, child_id, TODAY - 30 * DAY, outcome=outcome)
    [row] = list_5_rows(app)
    assert (row[UNNECESSARY], row[ICPC_ON], row[ICPC_PLAN]) == (shown, None, None)


@pytest.mark.parametrize(("outcome", "shown"), [("cp_plan", "a) Yes"), ("cin_plan", "b) No")])
def test_the_icpc_and_whether_it_resulted_in_a_plan(app, family, outcome, shown):
    case_id, child_id = family()
    icpc = conference(app, case_id, child_id, TODAY - 20 * DAY, outcome=outcome)
    add_enquiry(app, child_id, TODAY - 35 * DAY, conference_id=icpc, outcome="conference")
    [row] = list_5_rows(app)
    assert (row[UNNECESSARY], row[ICPC_ON], row[ICPC_PLAN]) == ("b) No", TODAY - 20 * DAY, shown)


def test_an_icpc_held_after_an_open_enquiry_means_one_was_needed(app, family):
    case_id, child_id = family()
    add_enquiry(app, child_id, TODAY - 35 * DAY)  # not linked, no outcome recorded
    conference(app, case_id, child_id, TODAY - 20 * DAY)
    [row] = list_5_rows(app)
    assert (row[UNNECESSARY], row[ICPC_ON], row[ICPC_PLAN]) == (
        "b) No",
        TODAY - 20 * DAY,
        "a) Yes",
    )


def test_enquiries_and_icpcs_in_the_last_12_months_are_counted_to_the_day(app, family):
    """The counts are the child's, on each of their rows: 12 months ago to the day and today
    count, the day before does not; this enquiry counts too, a transfer-in conference not."""
    case_id, child_id = family()
    for day in [TWELVE_MONTHS_AGO - DAY, TWELVE_MONTHS_AGO, TODAY]:
        add_enquiry(app, child_id, day, strategy_discussion_on=day, outcome="nfa")
    for day in [TWELVE_MONTHS_AGO - DAY, TWELVE_MONTHS_AGO, TODAY - 3 * DAY]:
        conference(app, case_id, child_id, day, outcome="cin_plan")
    conference(app, case_id, child_id, TODAY - DAY, kind="transfer_in")
    [row] = list_5_rows(app)  # only today's enquiry is in the last 6 months
    assert (row[STRATEGY], row[ENQUIRIES], row[ICPCS]) == (TODAY, 2, 2)


def test_a_brother_or_sisters_enquiries_are_not_counted(app, family):
    case_id, child_id = family()
    sister = add_child(app, case_id, "Bea", "AA2", date_of_birth=date(2018, 3, 1))
    add_enquiry(app, child_id, TODAY - 30 * DAY)
    add_enquiry(app, sister, TODAY - 200 * DAY, outcome="nfa")
    add_enquiry(app, sister, TODAY - 10 * DAY)
    rows = {row["Child Unique ID"]: row for row in list_5_rows(app)}
    assert (rows["AA1"][ENQUIRIES], rows["AA2"][ENQUIRIES]) == (1, 2)


# The demo, downloaded from the returns page


@pytest.fixture
def demo(app):
    with app.app_context():
        seed("a demo password for the tests")


def test_the_demo_annex_a_from_the_returns_page(app, demo, signed_in):
    client = signed_in(Role.MANAGER)
    response = make_return(client, {"year": str(census_year_of(TODAY)), "annex_a": "y"})
    assert response.mimetype == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="annex-a-{TODAY:%Y-%m-%d}.xlsx"'
    )
    list_7, list_5 = read(response.data)
    workbook = openpyxl.load_workbook(io.BytesIO(response.data))
    dates = [workbook["List 7"][cell] for cell in ["D2", "G2", "J2"]]
    dates += [workbook["List 5"][cell] for cell in ["D2", "G2", "I2"]]
    assert {cell.number_format for cell in dates} == {"dd/mm/yyyy"}
    with app.app_context():
        kemi, baby = (
            db.session.scalar(db.select(Child).where(Child.local_child_id == child_id))
            for child_id in ["DEMOC0001", "DEMOC0003"]
        )
        icpc = db.session.scalar(
            db.select(Conference).where(
                Conference.case_id == kemi.case_id, Conference.conference_type == "initial"
            )
        )
        icpc_on, strategy_on = icpc.held_on, icpc.strategy_discussion_on
        born, due = kemi.date_of_birth, baby.expected_date_of_birth
        # Kemi's last statutory visit: the social worker's, at which she was seen alone.
        last_visit = max(
            v.visited_on
            for v in db.session.scalars(
                db.select(StatutoryVisit).where(StatutoryVisit.case_id == kemi.case_id)
            )
        )
    assert [row["Child Unique ID"] for row in list_7] == ["DEMOC0001", "DEMOC0002", "DEMOC0003"]
    allocation = ["Demo Assessment Team", "Sam Social-Worker"]
    about_kemi = ["DEMOC0001", "b) Female", "o) BAFR", born, 13, "b) No"]
    assert list(list_7[0].values()) == [
        *about_kemi,
        icpc_on,
        "d) Emotional abuse",
        "d) Emotional abuse",
        last_visit,
        "a) Yes",
        None,  # the review is still a draft
        None,
        "b) No",
        0,
        *allocation,
    ]
    about_baby = ["DEMOC0003", "c) Not stated/recorded", "t) NOBT", due, None, "c) Unknown"]
    assert list(list_7[2].values())[:6] == about_baby
    assert list_7[2]["Was the Child Seen Alone?"] == "c) Unknown"  # seen before the birth
    assert [row["Child Unique ID"] for row in list_5] == ["DEMOC0001", "DEMOC0002", "DEMOC0003"]
    assert list(list_5[0].values()) == [
        *about_kemi,
        strategy_on,
        "b) No",
        icpc_on,
        "a) Yes",
        1,
        1,
        *allocation,
    ]

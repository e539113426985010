"""Working days and statutory timescales: no app, no database. Every expected date was worked out
by hand from a printed calendar and the GOV.UK bank holiday list."""

from datetime import date

import pytest

from conference.domain.timescales import (
    WorkingDayCalendar,
    add_calendar_months,
    days_late,
    default_calendar,
    first_core_group_due,
    first_review_due,
    icpc_timeliness_band,
    initial_conference_due,
    is_late,
    later_review_due,
    latest_core_group_before_review,
    next_core_group_due,
    plan_ended_within,
    plan_lasted_two_years_or_more,
    reports_to_parents_due,
    review_due,
    weekend_or_bank_holiday_reason,
)

CALENDAR = WorkingDayCalendar.england_and_wales()


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
        (date(2023, 5, 8), "Coronation of Charles III"),
        (date(2020, 5, 8), "Early May bank holiday"),  # moved from 4 May for VE day
        (date(2022, 6, 2), "Spring bank holiday"),  # moved for the Platinum Jubilee
        (date(2022, 6, 3), "Platinum Jubilee of Elizabeth II"),
        (date(2012, 6, 5), "Diamond Jubilee of Elizabeth II"),
        (date(2011, 4, 29), "Wedding of William and Catherine"),
        (date(1999, 12, 31), "Millennium Celebrations"),
        (date(2021, 12, 27), "substitute day for Christmas Day"),
        (date(2021, 12, 28), "substitute day for Boxing Day"),
        (date(2022, 12, 26), "Boxing Day"),
        (date(2022, 12, 27), "substitute day for Christmas Day"),
        (date(2027, 12, 27), "substitute day for Christmas Day"),
        (date(2027, 12, 28), "substitute day for Boxing Day"),
        (date(2026, 12, 28), "substitute day for Boxing Day"),
        (date(2023, 1, 2), "substitute day for New Year's Day"),
        (date(2028, 1, 3), "substitute day for New Year's Day"),
        (date(2026, 5, 4), "Early May bank holiday"),
        (date(2026, 5, 25), "Spring bank holiday"),
        (date(2026, 8, 31), "Summer bank holiday"),
        (date(2040, 1, 2), "substitute day for New Year's Day"),
        (date(2040, 12, 25), "Christmas Day"),
        (date(2000, 1, 3), "substitute day for New Year's Day"),
    ],
)
def test_bank_holidays_of_england_and_wales(day, name):
    assert CALENDAR.bank_holiday(day) == name
    assert not CALENDAR.is_working_day(day)


@pytest.mark.parametrize(
    ("good_friday", "easter_monday"),
    [
        (date(2008, 3, 21), date(2008, 3, 24)),  # an early Easter
        (date(2019, 4, 19), date(2019, 4, 22)),
        (date(2024, 3, 29), date(2024, 4, 1)),  # across a month end
        (date(2025, 4, 18), date(2025, 4, 21)),
        (date(2026, 4, 3), date(2026, 4, 6)),
        (date(2027, 3, 26), date(2027, 3, 29)),
        (date(2038, 4, 23), date(2038, 4, 26)),  # a late Easter
        (date(2040, 3, 30), date(2040, 4, 2)),
    ],
)
def test_good_friday_and_easter_monday_are_bank_holidays(good_friday, easter_monday):
    assert CALENDAR.bank_holiday(good_friday) == "Good Friday"
    assert CALENDAR.bank_holiday(easter_monday) == "Easter Monday"


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 2),  # 2 January: Scotland only
        date(2026, 11, 30),  # St Andrew's Day, a Monday: Scotland only
        date(2026, 8, 3),  # Scotland's summer bank holiday
        date(2026, 3, 17),  # St Patrick's Day: Northern Ireland only
        date(2026, 7, 13),  # Battle of the Boyne substitute: Northern Ireland only
        date(2020, 5, 4),  # the early May bank holiday that moved to 8 May
        date(2012, 5, 28),  # the spring bank holiday that moved to 4 June
        date(2026, 12, 24),  # Christmas Eve
        date(2026, 12, 31),  # New Year's Eve
    ],
)
def test_days_that_are_not_bank_holidays_here_are_working_days(day):
    assert CALENDAR.bank_holiday(day) is None
    assert CALENDAR.is_working_day(day)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 11, 27), True),  # Friday
        (date(2026, 11, 28), False),  # Saturday
        (date(2026, 11, 29), False),  # Sunday
        (date(2026, 11, 30), True),  # Monday
        (date(2026, 12, 26), False),  # Boxing Day on a Saturday
    ],
)
def test_weekends_are_not_working_days(day, working):
    assert CALENDAR.is_working_day(day) is working


def test_bank_holidays_are_looked_up_once_per_year_and_only_when_needed():
    years_looked_up = []

    def bank_holidays_in_year(year):
        years_looked_up.append(year)
        return {date(year, 12, 25): "Christmas Day"}

    calendar = WorkingDayCalendar(bank_holidays_in_year)
    assert years_looked_up == []
    assert not calendar.is_working_day(date(2035, 12, 25))
    assert calendar.is_working_day(date(2035, 12, 24))
    assert calendar.bank_holiday(date(1999, 12, 25)) == "Christmas Day"
    assert calendar.bank_holiday(date(2035, 1, 1)) is None
    assert years_looked_up == [2035, 1999]


def test_a_calendar_from_a_plain_set_of_dates():
    calendar = WorkingDayCalendar.from_dates({date(2026, 6, 1)})
    assert calendar.bank_holiday(date(2026, 6, 1)) == "bank holiday"
    # Friday 29 May 2026 + 1 working day skips the weekend and the Monday.
    assert calendar.add_working_days(date(2026, 5, 29), 1) == date(2026, 6, 2)
    # The real 25 May 2026 bank holiday is not in this calendar.
    assert calendar.is_working_day(date(2026, 5, 25))


def test_the_default_calendar_is_shared():
    assert default_calendar() is default_calendar()
    assert default_calendar().bank_holiday(date(2026, 12, 25)) == "Christmas Day"


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Friday 2 Jan 2026: Mon 5 is 1, Fri 9 is 5, Fri 16 is 10, Fri 23 is 15.
        (date(2026, 1, 2), 15, date(2026, 1, 23)),
        # Tue 15 Dec 2026: 16, 17, 18, 21, 22, 23, 24 are 1-7; Fri 25 Christmas, Mon 28
        # substitute Boxing Day; 29, 30, 31 are 8-10; Fri 1 Jan 2027 bank holiday;
        # Mon 4 to Fri 8 Jan are 11-15.
        (date(2026, 12, 15), 15, date(2027, 1, 8)),
        # Wed 15 Dec 1999: 16, 17, 20-24 are 1-7; 27 and 28 substitute days; 29, 30 are 8-9;
        # Fri 31 Millennium; Mon 3 Jan 2000 substitute New Year's Day; 4-7 are 10-13;
        # Mon 10 is 14, Tue 11 is 15.
        (date(1999, 12, 15), 15, date(2000, 1, 11)),
        # Thu 20 Dec 2040: Fri 21 is 1, Mon 24 is 2, Tue 25 and Wed 26 bank holidays;
        # 27, 28, 31 are 3-5; Tue 1 Jan 2041 bank holiday; Wed 2 to Tue 8 are 6-10.
        (date(2040, 12, 20), 10, date(2041, 1, 8)),
        (date(2026, 11, 27), 1, date(2026, 11, 30)),  # Friday to Monday
        (date(2026, 11, 28), 1, date(2026, 11, 30)),  # from a Saturday, Monday is the first
        (date(2026, 11, 28), 0, date(2026, 11, 28)),  # adding nothing keeps the day
    ],
)
def test_add_working_days(start, n, expected):
    assert CALENDAR.add_working_days(start, n) == expected


def test_adding_negative_working_days_is_refused():
    with pytest.raises(ValueError, match="The number of working days must be 0 or more"):
        CALENDAR.add_working_days(date(2026, 1, 5), -1)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 30), date(2026, 12, 1)),  # Monday to Tuesday
        (date(2026, 12, 24), date(2026, 12, 29)),  # past Christmas and the substitute day
        (date(2027, 3, 25), date(2027, 3, 30)),  # past Good Friday and Easter Monday
        (date(2027, 12, 31), date(2028, 1, 4)),  # 1 Jan 2028 is a Saturday: Mon 3 substitute
    ],
)
def test_next_working_day(day, expected):
    assert CALENDAR.next_working_day(day) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 1, 2), date(2026, 1, 23), 15),
        (date(2026, 1, 23), date(2026, 1, 2), -15),
        (date(2026, 1, 5), date(2026, 1, 5), 0),
        (date(2026, 11, 28), date(2026, 11, 29), 0),  # Saturday to Sunday
        (date(2026, 12, 24), date(2026, 12, 29), 1),  # only Tuesday 29 counts
        (date(2026, 4, 2), date(2026, 4, 7), 1),  # Easter: only Tuesday 7 counts
    ],
)
def test_working_days_between(start, end, expected):
    assert CALENDAR.working_days_between(start, end) == expected


@pytest.mark.parametrize(
    ("strategy_discussion", "due"),
    [
        (date(2026, 1, 2), date(2026, 1, 23)),
        # Wed 1 Apr 2026: Thu 2 is 1; Good Friday and Easter Monday; Tue 7 to Fri 24 are 2-15.
        (date(2026, 4, 1), date(2026, 4, 24)),
        # Saturday 28 Nov 2026 (out of hours): Mon 30 Nov is 1, Fri 18 Dec is 15.
        (date(2026, 11, 28), date(2026, 12, 18)),
        # Mon 12 Sep 2022: 13-16 are 1-4; Mon 19 the State Funeral; 20 Sep to Tue 4 Oct are 5-15.
        (date(2022, 9, 12), date(2022, 10, 4)),
        # Tue 2 May 2023: 3-5 are 1-3; Mon 8 the Coronation; 9-24 May are 4-15.
        (date(2023, 5, 2), date(2023, 5, 24)),
        # Mon 4 May 2020 (a working day that year): 5-7 are 1-3; Fri 8 VE day; 11-22 are 4-13;
        # Mon 25 spring bank holiday; 26 and 27 are 14-15.
        (date(2020, 5, 4), date(2020, 5, 27)),
    ],
)
def test_initial_conference_is_due_within_15_working_days(strategy_discussion, due):
    assert initial_conference_due(strategy_discussion, CALENDAR) == due


@pytest.mark.parametrize(
    ("initial_conference", "due"),
    [
        # Thu 24 Dec 2026: 29, 30, 31 are 1-3; 1 Jan bank holiday; 4-8 are 4-8; 11, 12 are 9-10.
        (date(2026, 12, 24), date(2027, 1, 12)),
        (date(2026, 3, 2), date(2026, 3, 16)),  # Mon 2 Mar: two clear weeks, no holidays
    ],
)
def test_first_core_group_is_due_within_10_working_days(initial_conference, due):
    assert first_core_group_due(initial_conference, CALENDAR) == due


@pytest.mark.parametrize(
    ("initial_conference", "due"),
    [
        (date(2027, 11, 30), date(2028, 2, 29)),  # leap year
        (date(2026, 11, 30), date(2027, 2, 28)),
        (date(2026, 1, 15), date(2026, 4, 15)),
        (date(2026, 10, 31), date(2027, 1, 31)),  # into the next year
        (date(2026, 3, 31), date(2026, 6, 30)),  # June has 30 days
    ],
)
def test_first_review_is_due_within_3_months(initial_conference, due):
    assert first_review_due(initial_conference) == due
    assert review_due("initial", initial_conference) == due
    assert review_due("transfer_in", initial_conference) == due


@pytest.mark.parametrize(
    ("previous_review", "due"),
    [
        (date(2026, 8, 31), date(2027, 2, 28)),
        (date(2027, 8, 31), date(2028, 2, 29)),
        (date(2028, 2, 29), date(2028, 8, 29)),
        (date(2026, 3, 15), date(2026, 9, 15)),
        (date(2040, 9, 30), date(2041, 3, 30)),
    ],
)
def test_later_reviews_are_due_within_6_months(previous_review, due):
    assert later_review_due(previous_review) == due
    assert review_due("review", previous_review) == due


def test_review_due_refuses_an_unknown_conference_type():
    with pytest.raises(ValueError, match="Unknown conference type 'strategy'"):
        review_due("strategy", date(2026, 1, 5))


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 1, 15), 0, date(2026, 1, 15)),
        (date(2026, 1, 15), 24, date(2028, 1, 15)),
    ],
)
def test_add_calendar_months(day, months, expected):
    assert add_calendar_months(day, months) == expected


@pytest.mark.parametrize(
    ("birth", "working_days", "due"),
    [
        # Sun 20 Dec 2026: 21-24 are 1-4; 25 and 28 bank holidays; 29-31 are 5-7;
        # 1 Jan bank holiday; Mon 4 to Wed 6 Jan are 8-10.
        (date(2026, 12, 20), 10, date(2027, 1, 6)),
        (date(2026, 12, 20), 5, date(2026, 12, 29)),
    ],
)
def test_working_days_after_a_birth_skip_weekends_and_bank_holidays(birth, working_days, due):
    assert CALENDAR.add_working_days(birth, working_days) == due


@pytest.mark.parametrize(
    ("review", "latest_core_group"),
    [
        # Wed 20 Jan 2027, counting back: 19, 18, 15, 14, 13, 12, 11, 8, 7 are 1-9, Wed 6 is 10.
        (date(2027, 1, 20), date(2027, 1, 6)),
        # Fri 8 Jan 2027, back: 7, 6, 5, 4 are 1-4; 1 Jan, 28 and 25 Dec bank holidays;
        # 31, 30, 29, 24, 23 are 5-9; Tue 22 Dec is 10.
        (date(2027, 1, 8), date(2026, 12, 22)),
        # Mon 20 Apr 2026, back: 17-13 are 1-5, 10-7 are 6-9; Easter Monday and Good Friday;
        # Thu 2 Apr is 10.
        (date(2026, 4, 20), date(2026, 4, 2)),
    ],
)
def test_last_core_group_is_at_least_10_working_days_before_the_review(review, latest_core_group):
    assert latest_core_group_before_review(review, CALENDAR) == latest_core_group


@pytest.mark.parametrize(
    ("interval_weeks", "due"),
    [(6, date(2027, 2, 23)), (4, date(2027, 2, 9))],
)
def test_next_core_group_due(interval_weeks, due):
    assert next_core_group_due(date(2027, 1, 12), interval_weeks=interval_weeks) == due


def test_next_core_group_defaults_to_6_weeks():
    assert next_core_group_due(date(2027, 1, 12)) == date(2027, 2, 23)


@pytest.mark.parametrize(
    ("conference_date", "conference_type", "due"),
    [
        # Mon 13 Apr 2026: Fri 10 is 1, Thu 9 is 2.
        (date(2026, 4, 13), "initial", date(2026, 4, 9)),
        (date(2026, 4, 13), "transfer_in", date(2026, 4, 9)),
        # Mon 13 Apr 2026 review: 10, 9, 8, 7 are 1-4; Easter Monday and Good Friday; Thu 2 is 5.
        (date(2026, 4, 13), "review", date(2026, 4, 2)),
        # Tue 7 Apr 2026: Easter Monday and Good Friday; Thu 2 is 1, Wed 1 is 2.
        (date(2026, 4, 7), "initial", date(2026, 4, 1)),
        # Mon 1 Jun 2026 review: 29, 28, 27, 26 May are 1-4; Mon 25 bank holiday; Fri 22 is 5.
        (date(2026, 6, 1), "review", date(2026, 5, 22)),
        # Mon 4 Jan 2027 review: 1 Jan bank holiday; 31, 30, 29 are 1-3; 28 and 25 Dec bank
        # holidays; Thu 24 is 4, Wed 23 Dec is 5.
        (date(2027, 1, 4), "review", date(2026, 12, 23)),
        # Mon 4 Jan 2027 initial: 1 Jan bank holiday; Thu 31 is 1, Wed 30 Dec is 2.
        (date(2027, 1, 4), "initial", date(2026, 12, 30)),
    ],
)
def test_reports_are_shared_with_parents_before_the_conference(
    conference_date, conference_type, due
):
    assert reports_to_parents_due(conference_date, conference_type, CALENDAR) == due


def test_report_deadlines_are_settings():
    # Mon 13 Apr 2026: Fri 10, Thu 9, Wed 8 are 1-3.
    assert reports_to_parents_due(date(2026, 4, 13), "review", CALENDAR, review_days=3) == date(
        2026, 4, 8
    )
    assert reports_to_parents_due(date(2026, 4, 13), "initial", CALENDAR, initial_days=1) == date(
        2026, 4, 10
    )


@pytest.mark.parametrize(
    ("held_on", "due", "late", "days"),
    [
        (date(2026, 1, 22), date(2026, 1, 23), False, 0),
        (date(2026, 1, 23), date(2026, 1, 23), False, 0),
        (date(2026, 1, 24), date(2026, 1, 23), True, 1),
        (date(2026, 2, 2), date(2026, 1, 23), True, 10),
    ],
)
def test_late_conferences(held_on, due, late, days):
    assert is_late(held_on, due) is late
    assert days_late(held_on, due) == days


@pytest.mark.parametrize(
    ("icpc_date", "band"),
    [
        # Strategy discussion Mon 2 Mar 2026; no bank holidays before Good Friday (3 Apr).
        (date(2026, 3, 2), "0-10"),  # 0 working days: the same day
        (date(2026, 3, 16), "0-10"),  # 10
        (date(2026, 3, 17), "11-15"),  # 11
        (date(2026, 3, 23), "11-15"),  # 15
        (date(2026, 3, 24), "16-20"),  # 16
        (date(2026, 3, 30), "16-20"),  # 20
        (date(2026, 3, 31), "21+"),  # 21
    ],
)
def test_icpc_timeliness_band_at_each_boundary(icpc_date, band):
    assert icpc_timeliness_band(date(2026, 3, 2), icpc_date, CALENDAR) == band


def test_icpc_timeliness_band_counts_working_days_not_calendar_days():
    # Thu 26 Mar to Thu 16 Apr 2026 is 21 calendar days but 13 working days over Easter.
    assert icpc_timeliness_band(date(2026, 3, 26), date(2026, 4, 16), CALENDAR) == "11-15"


def test_icpc_before_the_strategy_discussion_is_refused():
    with pytest.raises(ValueError, match="cannot be before the strategy discussion"):
        icpc_timeliness_band(date(2026, 3, 2), date(2026, 2, 27), CALENDAR)


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (
            date(2026, 11, 28),
            "Conferences are not held at weekends: 28 November 2026 is a Saturday",
        ),
        (date(2026, 11, 29), "Conferences are not held at weekends: 29 November 2026 is a Sunday"),
        (
            date(2026, 12, 26),
            "Conferences are not held at weekends: 26 December 2026 is a Saturday",
        ),
        (
            date(2026, 12, 25),
            "Conferences are not held on bank holidays: "
            "25 December 2026 is a bank holiday (Christmas Day)",
        ),
        (
            date(2026, 12, 28),
            "Conferences are not held on bank holidays: "
            "28 December 2026 is a bank holiday (substitute day for Boxing Day)",
        ),
        (
            date(2026, 5, 4),
            "Conferences are not held on bank holidays: "
            "4 May 2026 is a bank holiday (Early May bank holiday)",
        ),
        (
            date(2022, 9, 19),
            "Conferences are not held on bank holidays: "
            "19 September 2022 is a bank holiday (State Funeral of Queen Elizabeth II)",
        ),
        (date(2026, 11, 30), None),
        (date(2026, 12, 24), None),
    ],
)
def test_weekend_or_bank_holiday_reason(day, reason):
    assert weekend_or_bank_holiday_reason(day, CALENDAR) == reason


@pytest.mark.parametrize(
    ("start", "end", "two_years_or_more"),
    [
        (date(2024, 3, 10), date(2026, 3, 9), False),
        (date(2024, 3, 10), date(2026, 3, 10), True),
        (date(2024, 2, 29), date(2026, 2, 27), False),
        (date(2024, 2, 29), date(2026, 2, 28), True),
        (date(2026, 1, 5), date(2026, 1, 5), False),
    ],
)
def test_plan_lasted_two_years_or_more(start, end, two_years_or_more):
    assert plan_lasted_two_years_or_more(start, end) is two_years_or_more


@pytest.mark.parametrize(
    ("start", "end", "months", "within"),
    [
        (date(2026, 1, 15), date(2026, 4, 14), 3, True),
        (date(2026, 1, 15), date(2026, 4, 15), 3, False),  # exactly 3 months
        (date(2026, 11, 30), date(2027, 2, 27), 3, True),
        (date(2026, 11, 30), date(2027, 2, 28), 3, False),
        (date(2026, 1, 15), date(2026, 7, 14), 6, True),
        (date(2026, 1, 15), date(2026, 7, 15), 6, False),
        (date(2026, 1, 15), date(2026, 4, 15), 6, True),
    ],
)
def test_plan_ended_within_months(start, end, months, within):
    assert plan_ended_within(start, end, months) is within


def test_a_plan_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match="The plan cannot end before it starts"):
        plan_ended_within(date(2026, 4, 15), date(2026, 4, 14), 3)
    with pytest.raises(ValueError, match="The plan cannot end before it starts"):
        plan_lasted_two_years_or_more(date(2026, 4, 15), date(2026, 4, 14))

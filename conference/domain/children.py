"""Facts about children used across the product: statutory codes and ages."""

from datetime import date

from conference.domain.wording import count, long_date

SEX_CODES = {"M": "Male", "F": "Female", "U": "Not known or not recorded"}

# Disability codes in the Children in Need census.
DISABILITY_CODES = {
    "NONE": "No disability",
    "MOB": "Mobility",
    "HAND": "Hand function",
    "PC": "Personal care",
    "INC": "Incontinence",
    "COMM": "Communication",
    "LD": "Learning",
    "HEAR": "Hearing",
    "VIS": "Vision",
    "BEH": "Behaviour",
    "CON": "Consciousness",
    "AUT": "Autism or Asperger syndrome",
    "DDA": "Other disability",
}


def age_in_years(date_of_birth: date, on: date) -> int:
    """Whole years of age on a given day (a child born on 29 February turns a year older on
    1 March in years without one)."""
    had_birthday = (on.month, on.day) >= (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - (0 if had_birthday else 1)


def describe_age(date_of_birth: date | None, expected: date | None, on: date) -> str:
    """ "6 years old", "5 months old", or "Unborn (due 3 March 2027)"."""
    if date_of_birth is None:
        return f"Unborn (due {long_date(expected)})" if expected else "Unborn"
    years = age_in_years(date_of_birth, on)
    if years >= 1:
        return f"{count(years, 'year')} old"
    months = (on.year - date_of_birth.year) * 12 + on.month - date_of_birth.month
    months -= 1 if on.day < date_of_birth.day else 0
    return f"{count(months, 'month')} old"

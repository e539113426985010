"""Hostile input, property-based: every form in the app, posted with random and hostile values
(very long text, control characters, NUL bytes, script tags, SQL fragments, impossible dates,
numbers out of range, wrong choices, missing fields). Each post either saves and redirects, or
shows the form again with the GOV.UK error summary; it never fails with a 500, and a posted
script is never put in a page unescaped.

The fields of each form are read from its page, so a field added to a form is fuzzed too, and
the list of forms is checked against the url map, so a new form cannot be forgotten.
`HYPOTHESIS_PROFILE=ci` tries 200 examples a form instead of 25 (see hypothesis_profiles.py).
"""

import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from helpers import Client
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import PROFILE
from pages import error_messages, links
from pages import select as elements
from security_world import (
    client_for,
    url_of,
)
from sqlalchemy import delete, select, update
from werkzeug.datastructures import MultiDict

from conference.domain import clock, family_views
from conference.extensions import db
from conference.models import Adult, Child, Conference, CoreGroupMeeting, User
from conference.models.family_voice import FamilyFeedback, FamilyViews
from conference.services import feedback, invitations

# Every form that saves something, and who fills it in (chair unless named).
FORMS = [
    "admin.new_user",
    "admin.edit_user",
    "admin.new_team",
    "admin.edit_team",
    "admin.new_pod",
    "admin.edit_pod",
    "cases.new_case",
    "cases.edit_case",
    "people.new_child",
    "people.edit_child",
    "people.edit_child_identity",
    "people.new_adult",
    "people.edit_adult",
    "people.edit_adult_identity",
    "conferences.new_conference",
    "conferences.edit_conference",
    "conferences.new_amendment",
    "conferences.new_attendee",
    "conferences.edit_attendee",
    "conferences.attendance_register",
    "conferences.edit_decision",
    "conferences.new_map_item",
    "conferences.edit_map_item",
    "conferences.record_score",
    "conferences.what_the_room_sees",
    "conferences.keep_from_family",
    "conferences.live_stage",
    "conferences.conference_identity",
    "conferences.voice",
    "plans.edit_plan",
    "plans.new_goal",
    "plans.edit_goal",
    "plans.keep_as_action",
    "plans.new_action",
    "plans.edit_action",
    "plans.import_translation",
    "core_groups.start_meeting",
    "core_groups.part_attendance",
    "core_groups.add_attendee",
    "core_groups.part_goals",
    "core_groups.part_actions",
    "core_groups.part_agency",
    "core_groups.part_views",
    "core_groups.start_review",
    "core_groups.report_shared",
    "core_groups.review_analysis",
    "core_groups.parents_comments",
    "core_groups.review_outcome",
    "core_groups.goal_continuation",
    "dashboard.edit_commentary",
    "dashboard.edit_target",
    "admin.new_comparator",
    "admin.edit_comparator",
    "admin.edit_service_contacts",
    "documents.agree_own_copy",
    "admin.edit_team_contacts",
    "returns.statutory_returns",
    "episodes.new_episode",
    "episodes.edit_episode",
    "episodes.new_enquiry",
    "episodes.edit_enquiry",
    "visits.new_visit",
    "visits.edit_visit",
    "chronology.new_event",
    "chronology.correct_event",
    "chronology.new_oversight",
    "invitations.invite_to_conference",
    "invitations.invite_to_core_group",
    "invitations.accept_views",
    "invitations.views_not_used",
    "invitations.offer_conference_feedback",
    "invitations.offer_core_group_feedback",
    "invitations.paper_conference_feedback",
    "invitations.paper_core_group_feedback",
]
# The returns and the whole service's commentary: the manager with no team (security_world.py).
ROLES_BY_AREA = {"admin": "admin", "returns": "head_of_service", "dashboard": "head_of_service"}
# Forms a chair may not fill in: statutory visits and supervision are the team's.
ROLES_BY_FORM = {
    "visits.new_visit": "manager",
    "visits.edit_visit": "manager",
    "chronology.new_oversight": "manager",
}


# Forms that post to a route of their own, and the page they are on.
FORM_PAGES = {"conferences.live_stage": "conferences.what_the_room_sees"}


def role_for(endpoint: str) -> str:
    return ROLES_BY_FORM.get(endpoint) or ROLES_BY_AREA.get(endpoint.split(".")[0], "chair")


# POST routes that take no typed answers, with where their hostile input is tested.
NOT_FORMS = {
    "auth.sign_in": "throttled after five failures: test_auth.py",
    "auth.sign_out": "a button",
    "cases.list_cases": "a search, which saves nothing: test_case_search.py",
    "auth.second_factor": "a code, throttled: test_second_factor.py",
    "auth.set_up_second_factor": "a code, throttled: test_second_factor.py",
    "auth.change_password": "passwords, throttled: test_password_change.py",
    "admin.reset_password": "a button and a checkbox: test_admin_password_reset.py",
    "cases.check_new_case": "a button; its answers are the new case form's",
    "conferences.finalise": "a button, once nothing is missing",
    "plans.finalise_plan": "a button, and a reason when the checker found something",
    "plans.check_goal": "JSON from the goal page's script: test_plan_goals.py",
    "conferences.save_draft": "JSON, not a form: test_drafts.py",
    "conferences.discard_draft": "a button",
    "conferences.move_map_item": "a button",
    "conferences.reveal_scores": "a button: test_conference_wall.py",
    "conferences.upload_picture": "a file: test_hostile_uploads.py",
    "conferences.remove_picture": "a button",
    "conferences.put_back_in_family_copy": "a button, or a choice of what is kept: "
    "test_family_copy.py",
    "plans.audio_copies": "a file: test_audio_copies.py",
    "plans.remove_audio_copy": "a button",
    "plans.new_plan": "a button",
    "documents.adult_copy": "a checkbox, when an interpreter is needed: test_own_copies.py",
    "documents.child_copy": "a checkbox, when an interpreter is needed: test_own_copies.py",
    "plans.move_goal": "a button",
    "plans.check_child_words": "a button, the chair's: test_child_words.py",
    "plans.remove_goal": "a button",
    "plans.remove_action": "a button",
    "core_groups.prefill_review": "a button",
    "core_groups.apply_review": "a button",
    "core_groups.complete_meeting": "a button, once nothing is missing: test_meeting_parts.py",
    "core_groups.reopen_meeting": "a button, on a completed meeting: test_completed_meeting.py",
    "chronology.complete_action": "a button: test_oversight_pages.py",
    "dashboard.remove_target": "a button: test_dashboard_targets.py",
    "dashboard.totals": "a button: test_dashboard_rebuild.py",
    "admin.remove_comparator": "a button: test_dashboard_comparators.py",
    "invitations.withdraw": "a button: test_invitation_pages.py",
    "invitations.respond": "a code, throttled, public: test_respond.py",
    "invitations.respond_views_check": "a button (Send), public: test_views_forms.py",
    "invitations.letter": "a hidden code from the code page, checked against the invitation: "
    "test_invitation_letter.py",
}

# The family's own forms (issue 20), opened with an invitation's code, not a staff sign-in:
# every page of the views before the meeting, in each version (test_hostile_family_input).
FAMILY_FORMS = {"invitations.respond_views_question", "invitations.respond_feedback"}
FAMILY_PAGES = [
    (version, page.slug)
    for version in family_views.VERSIONS
    for page in family_views.pages_of(version)
]

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
HOSTILE = [
    SCRIPT,
    f'"><{SCRIPT[1:]}',
    IMAGE,
    "javascript:alert(1)",
    "'; DROP TABLE family_case; --",
    "' OR '1'='1",
    "\x00",
    "a\x00b",
    "\x1b[31m\x07\x08",
    "\u202eevil\u202c",
    "\ufeff",
    "{{ 7 * 7 }}",
    "%s%n%x",
    "../../etc/passwd",
    "-1",
    "0",
    "11",
    "2147483648",
    "99999999999999999999",
    "1e309",
    "NaN",
    "   ",
    "\r\n\r\n",
]
LONG = st.text(min_size=1, max_size=4).map(lambda part: (part * 10_001)[:10_001])
TEXT = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40), LONG)
DATE_PART = st.one_of(
    st.sampled_from(["31", "02", "2", "2025", "abc", "0", "0000", "-1", "13", "29", "", "10000"]),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.text(max_size=6),
)
MISSING = None
NUL_REFUSED = "The service could not understand what was sent. Nothing was changed."
CONFLICT = "Someone else changed this record while you were editing it"
ALREADY = "may be recorded already"  # a second visit or event the same day: asked first
# An invitation made: its code is shown on the page that answers, never stored (issue 20).
SHOWN_ONCE = "This code is shown only once"
# The same invite form sent again makes nothing: the page says the invitation is made already.
ALREADY_MADE = "This invitation is already made"
FEEDBACK_CODE_MADE = "This feedback code is already made"  # the same, for feedback


class FormReader(HTMLParser):
    """The fields of each POST form on a page: {action: {name: Field}}."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self._form = self.forms.setdefault(attrs.get("action") or "", {})
        elif self._form is None:
            return
        elif tag in ("input", "textarea", "select", "button") and attrs.get("name"):
            kind = attrs.get("type", "text") if tag == "input" else tag
            field = self._form.setdefault(attrs["name"], {"kinds": [], "options": []})
            field["kinds"].append(kind)
            if kind in ("radio", "checkbox", "button", "hidden", "submit"):
                field["options"].append(attrs.get("value", ""))
            self._select = field if tag == "select" else None
        elif tag == "option" and self._select is not None:
            self._select["options"].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def form_fields(html: str, url: str) -> dict:
    reader = FormReader()
    reader.feed(html)
    return reader.forms.get(url) or reader.forms.get("", {})


def strategy_for(name: str, field: dict):
    """Values for one field, as lists (a field may be sent several times); None leaves it out."""
    kinds, options = field["kinds"], [o for o in field["options"] if o != ""] or [""]
    if name == "csrf_token":
        return st.just(MISSING)
    if kinds[0] in ("hidden", "button", "submit"):
        # Mostly what the page gave (the version read), sometimes anything.
        return st.one_of(st.just(options[:1]), st.lists(TEXT, max_size=1), st.just(MISSING))
    if len(kinds) == 3 and set(kinds) == {"text"}:
        return st.one_of(st.lists(DATE_PART, min_size=3, max_size=3), st.just(MISSING))
    if kinds[0] == "checkbox":
        choice = st.one_of(st.sampled_from(options), TEXT)
        return st.one_of(st.lists(choice, max_size=len(options) + 1), st.just(MISSING))
    if kinds[0] in ("radio", "select"):
        return st.one_of(st.sampled_from(options).map(lambda o: [o]), st.lists(TEXT, max_size=1))
    return st.one_of(st.lists(TEXT, min_size=1, max_size=1), st.just(MISSING))


def test_every_post_route_is_a_form_here_or_named_as_no_form(app):
    with_post = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    forms = set(FORMS) | FAMILY_FORMS
    assert sorted(with_post - forms - set(NOT_FORMS)) == [], "add these forms to FORMS"
    assert sorted((forms | set(NOT_FORMS)) - with_post) == [], "these routes are gone"
    assert forms.isdisjoint(NOT_FORMS)


def test_a_nul_character_anywhere_is_refused_and_nothing_is_saved(app, security_world):
    client = client_for(app, security_world, "chair")
    case_id = security_world["own"]["case_id"]
    url = f"/cases/{case_id}/adults/new"
    data = {"csrf_token": client.csrf_token(url), "given_name": "Bo\x00", "family_name": "Nul"}
    response = client.raw.post(url, data=data)
    assert response.status_code == 400
    assert NUL_REFUSED in response.get_data(as_text=True)
    assert client.get("/cases/?q=%00").status_code == 400
    assert client.get(f"/cases/{case_id}").status_code == 200
    with app.app_context():
        assert db.session.scalar(select(Adult).where(Adult.family_name == "Nul")) is None


def test_a_month_too_big_for_a_machine_integer_is_not_a_real_date(app, security_world):
    """A month of 2147483648 once overflowed in `date()` (OverflowError, not ValueError): a 500."""
    client = client_for(app, security_world, "chair")
    url = f"/cases/{security_world['own']['case_id']}/children/new"
    data = MultiDict(
        [("csrf_token", client.csrf_token(url)), ("given_name", "Eve"), ("born", "yes")]
        + [("date_of_birth", part) for part in ("31", "2147483648", "2025")]
    )
    response = client.raw.post(url, data=data)
    assert response.status_code == 200
    assert "The child’s date of birth must be a real date" in error_messages(
        response.get_data(True)
    )


def assert_no_script(html: str, where: str):
    assert "<script>alert" not in html, f"a posted script is in {where} unescaped"
    assert "<img src=x onerror" not in html, f"a posted image tag is in {where} unescaped"


def _finalise_review(app, conference_id):
    """A review is started after the last conference is finalised, when none is in draft."""
    with app.app_context():
        db.session.get(Conference, conference_id).finalised_at = datetime.now(UTC)
        db.session.commit()


def _meetings_ahead(app, world):
    """Views are asked for before a meeting: the world's meetings are held in a month."""
    with app.app_context():
        ahead = clock.today() + timedelta(days=30)
        db.session.get(Conference, world["own"]["review_id"]).held_on = ahead
        db.session.get(CoreGroupMeeting, world["own"]["meeting_id"]).held_on = ahead
        db.session.commit()


# Feedback is asked for after a meeting (issue 20): offered, or typed in from paper, once the
# meeting is held.
FEEDBACK_FORMS = {endpoint for endpoint in FORMS if endpoint.endswith("_feedback")}


def _meetings_held(app, world):
    """The world's meetings held a month ago."""
    with app.app_context():
        before = clock.today() - timedelta(days=30)
        db.session.get(Conference, world["own"]["review_id"]).held_on = before
        db.session.get(CoreGroupMeeting, world["own"]["meeting_id"]).held_on = before
        db.session.commit()


# Views sent before a meeting are accepted or left out once: the next example needs them
# waiting again (what accepting added stays; it is not what is tested here).
VIEWS_DECIDED = ("invitations.accept_views", "invitations.views_not_used")


def _views_waiting_again(app):
    with app.app_context():
        db.session.execute(update(FamilyViews).values(outcome="waiting", decided_by_id=None))
        db.session.commit()


def _discard_review(app, case_id):
    """Remove the review just started, so that the next example may start one again."""
    with app.app_context():
        drafts = select(Conference).where(
            Conference.case_id == case_id, Conference.finalised_at.is_(None)
        )
        for conference in db.session.scalars(drafts):
            db.session.delete(conference)
        db.session.commit()


@pytest.mark.parametrize("endpoint", FORMS)
def test_hostile_input_never_breaks_a_form(app, security_world, endpoint):
    client = client_for(app, security_world, role_for(endpoint))
    _ready(app, security_world, endpoint)
    url = url_of(app, next(app.url_map.iter_rules(endpoint)), security_world["own"])
    on = FORM_PAGES.get(endpoint, endpoint)
    page = url_of(app, next(app.url_map.iter_rules(on)), security_world["own"])
    fields = form_fields(client.get(page).get_data(as_text=True), url)
    assert "csrf_token" in fields and len(fields) > 1, f"no form posting to {url} on {page}"
    values = st.fixed_dictionaries({name: strategy_for(name, f) for name, f in fields.items()})

    @PROFILE
    @given(values)
    def post_hostile(answers):
        shown = client.get(page)
        if shown.status_code == 409:  # an example before finalised the conference or plan
            return
        fresh = form_fields(shown.get_data(as_text=True), url)
        data = MultiDict([("csrf_token", fresh["csrf_token"]["options"][0])])
        for name, sent in answers.items():
            for value in sent if sent is not MISSING else []:
                data.add(name, value)
        response = client.raw.post(url, data=data)
        if any("\x00" in value for _name, value in data.items(multi=True)):
            # PostgreSQL cannot store a NUL: such a request is refused before the view.
            assert response.status_code == 400
            assert NUL_REFUSED in response.get_data(as_text=True)
            return
        assert response.status_code in (200, 302, 409), response.status_code
        if "attachment" in response.headers.get("Content-Disposition", ""):
            return  # a download: the statutory returns
        _assert_saved_or_explained(client, response, url)
        if response.status_code == 302:
            _ready_again(app, security_world, endpoint)

    post_hostile()


def _ready(app, world, endpoint: str) -> None:
    """The state a form needs before its first example."""
    if endpoint == "core_groups.start_review":
        _finalise_review(app, world["own"]["review_id"])
    if endpoint in FEEDBACK_FORMS:
        _meetings_held(app, world)
    elif endpoint.startswith("invitations."):
        _meetings_ahead(app, world)


def _ready_again(app, world, endpoint: str) -> None:
    """After a form that saves once, the state the next example needs."""
    if endpoint == "core_groups.start_review":
        _discard_review(app, world["own"]["case_id"])
    if endpoint in VIEWS_DECIDED:
        _views_waiting_again(app)


def _assert_saved_or_explained(client, response, url) -> None:
    """No script got through, and the form either saved and went on to a page that shows, or
    stayed to say what is wrong (or that someone else saved first)."""
    html = response.get_data(as_text=True)
    assert_no_script(html, url)
    if response.status_code == 302:
        location = urlsplit(response.headers["Location"])
        shown = client.get(location.path + (f"?{location.query}" if location.query else ""))
        assert shown.status_code in (200, 302), location
        assert_no_script(shown.get_data(as_text=True), location.path)
    elif response.status_code == 200:
        explained = (
            'class="govuk-error-summary"',
            CONFLICT,
            ALREADY,
            SHOWN_ONCE,
            ALREADY_MADE,
            FEEDBACK_CODE_MADE,
        )
        assert any(words in html for words in explained), "not saved: why?"


def _family_client(app, world, version: str) -> Client:
    """A browser holding an open invitation of this version for the world's review: the
    adult's for a parent's questions, the child's for a child's."""
    _meetings_ahead(app, world)
    with app.test_request_context():
        worker = db.session.get(User, world["user_ids"]["social_worker"])
        if version == family_views.PARENT:
            person = db.session.get(Adult, world["own"]["adult_id"])
        else:
            person = db.session.get(Child, world["own"]["child_id"])
        conference = db.session.get(Conference, world["own"]["review_id"])
        _invitation, code = invitations.invite(worker, conference, person, version)
        db.session.commit()
    client = Client(app.test_client())
    assert client.post("/respond", {"code": code}).headers["Location"] == "/respond/start"
    return client


@pytest.mark.parametrize(("version", "slug"), FAMILY_PAGES)
def test_hostile_input_never_breaks_a_family_form(app, security_world, version, slug):
    client = _family_client(app, security_world, version)
    url = f"/respond/views/{slug}"
    fields = form_fields(client.get(url).get_data(as_text=True), url)
    assert "csrf_token" in fields and len(fields) > 1, f"no form on {url}"
    values = st.fixed_dictionaries({name: strategy_for(name, f) for name, f in fields.items()})

    @PROFILE
    @given(values)
    def post_hostile(answers):
        data = MultiDict([("csrf_token", client.csrf_token(url))])
        for name, sent in answers.items():
            for value in sent if sent is not MISSING else []:
                data.add(name, value)
        response = client.raw.post(url, data=data)
        if any("\x00" in value for _name, value in data.items(multi=True)):
            assert response.status_code == 400
            return
        assert response.status_code in (200, 302), response.status_code
        _assert_saved_or_explained(client, response, url)

    post_hostile()


def _feedback_client(app, world) -> Client:
    """A browser holding an open feedback code for the world's review, held a month ago."""
    _meetings_held(app, world)
    with app.test_request_context():
        worker = db.session.get(User, world["user_ids"]["social_worker"])
        adult = db.session.get(Adult, world["own"]["adult_id"])
        conference = db.session.get(Conference, world["own"]["review_id"])
        _invitation, code = feedback.offer(worker, conference, adult)
        db.session.commit()
    client = Client(app.test_client())
    assert client.post("/respond", {"code": code}).headers["Location"] == "/respond/start"
    return client


def test_hostile_input_never_breaks_the_feedback_form(app, security_world):
    """The family's feedback after a meeting: sent once, so each example that sends it has it
    taken back for the next."""
    client = _feedback_client(app, security_world)
    url = "/respond/feedback"
    fields = form_fields(client.get(url).get_data(as_text=True), url)
    assert "csrf_token" in fields and len(fields) > 1, f"no form on {url}"
    values = st.fixed_dictionaries({name: strategy_for(name, f) for name, f in fields.items()})

    @PROFILE
    @given(values)
    def post_hostile(answers):
        data = MultiDict([("csrf_token", client.csrf_token("/respond"))])
        for name, sent in answers.items():
            for value in sent if sent is not MISSING else []:
                data.add(name, value)
        response = client.raw.post(url, data=data)
        if any("\x00" in value for _name, value in data.items(multi=True)):
            assert response.status_code == 400
            return
        assert response.status_code in (200, 302), response.status_code
        _assert_saved_or_explained(client, response, url)
        with app.app_context():
            db.session.execute(delete(FamilyFeedback))
            db.session.commit()

    post_hostile()


# Over-long text: every text input and text box of every form, found on its page.
OVER_LONG = "X" * 50_001  # more than any field's ceiling (conference/common/forms.py)
TOO_LONG = re.compile(r"(?P<name>.+) must be (?P<limit>[\d,]+) characters or fewer")


def _text_fields(fields: dict) -> list[str]:
    """The names of a form's text inputs and text boxes (not the three boxes of a date)."""
    return [
        name
        for name, field in fields.items()
        if field["kinds"][0] in ("text", "textarea", "email", "search", "tel")
        and not (len(field["kinds"]) == 3 and set(field["kinds"]) == {"text"})
    ]


def _post_text(client, url: str, typed: dict):
    """The form as its page gives it (hidden values such as the version kept), with `typed`."""
    fields = form_fields(client.get(url).get_data(as_text=True), url)
    data = MultiDict([("csrf_token", fields["csrf_token"]["options"][0])])
    for name, field in fields.items():
        if name != "csrf_token" and field["kinds"][0] == "hidden":
            data.add(name, field["options"][0])
    for name, text in typed.items():
        data.add(name, text)
    return client.raw.post(url, data=data)


def _shown_again(html: str, name: str) -> str:
    [element] = elements(html, f'[name="{name}"]')
    return element.get("value") if element.tag == "input" else (element.text or "")


def _ceilings(html: str, ids: dict) -> dict:
    """{field name: the limit its message gives} for each "must be N characters or fewer"
    message in the error summary, which links to the field's id."""
    names = {f"#{field_id}": name for name, field_id in ids.items()}
    found = {}
    for href, message in links(html, ".govuk-error-summary a"):
        match = TOO_LONG.fullmatch(message)
        if match:
            unquoted = re.sub(r"‘.*’", "", match["name"])  # a question is named in quotes
            assert unquoted[0].isupper() and "?" not in unquoted, message
            found[names[href]] = int(match["limit"].replace(",", ""))
    return found


def test_over_long_text_is_refused_by_every_form_and_what_was_typed_is_kept(app, security_world):
    """Each form, with more text than any ceiling in every text input and box: it is shown again
    with the error summary, at least one field says how long it may be (in the Design System's
    words, naming the field), and every box still holds what was typed. Then the text exactly at
    each ceiling given is not refused for its length."""
    with_text = []
    for endpoint in sorted(FORMS, key=lambda name: name == "core_groups.start_review"):
        client = client_for(app, security_world, role_for(endpoint))
        if endpoint == "core_groups.start_review":
            _finalise_review(app, security_world["own"]["review_id"])
        if endpoint in FEEDBACK_FORMS:
            _meetings_held(app, security_world)
        elif endpoint.startswith("invitations."):
            _meetings_ahead(app, security_world)
        url = url_of(app, next(app.url_map.iter_rules(endpoint)), security_world["own"])
        page = client.get(url).get_data(as_text=True)
        names = _text_fields(form_fields(page, url))
        if not names:
            continue
        with_text.append(endpoint)
        ids = {name: elements(page, f'[name="{name}"]')[0].get("id") for name in names}
        response = _post_text(client, url, dict.fromkeys(names, OVER_LONG))
        html = response.get_data(as_text=True)
        assert response.status_code == 200, endpoint
        assert 'class="govuk-error-summary"' in html, endpoint
        assert {name: _shown_again(html, name) == OVER_LONG for name in names} == dict.fromkeys(
            names, True
        ), endpoint
        ceilings = _ceilings(html, ids)
        assert ceilings, f"{endpoint} took {len(OVER_LONG):,} characters without a word"
        at_ceiling = {name: "X" * ceilings.get(name, len(OVER_LONG)) for name in names}
        again = _post_text(client, url, at_ceiling).get_data(as_text=True)
        assert _ceilings(again, ids).keys().isdisjoint(ceilings), endpoint
    assert len(with_text) > 30

"""What a trial of recording a core group meeting found (issue 18): the printed notes leave out
the agencies' updates and say "Did not come" of someone who sent apologies; nothing links to the
notes; saving the actions part credits the saver with what another agency recorded; the meeting
page says "Nobody recorded" twice."""

import io
import re
from datetime import timedelta

from core_group_demo import record, saved_part, shown, signed_in_as, start, user_id
from pages import links, select, text, text_of
from pypdf import PdfReader

from conference.extensions import db
from conference.models import ActionUpdate, Case, CoreGroupAttendance, PlanAction

NURSE_UPDATE = "Saw Kemi at school on 1 and 4 December; she was cheerful and ate her lunch."
HOSPITAL = "At hospital appointment"


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def rows(html) -> dict[str, str]:
    """The meeting page's summary list rows: key to value, as a user reads them."""
    return {
        text(select(row, ".govuk-summary-list__key")[0]): text(
            select(row, ".govuk-summary-list__value")[0]
        )
        for row in select(html, ".govuk-summary-list__row")
    }


def nurse_actions(app) -> list[int]:
    with app.app_context():
        found = db.session.query(PlanAction).filter(PlanAction.who == "Priya Practitioner")
        return sorted(a.id for a in found)


def as_shown(client, url) -> dict:
    """The part's form as its page fills it: what a user saving it without a change sends."""
    html = client.get(url).get_data(as_text=True)
    data = shown(client, url)
    for radio in select(html, 'input[type="radio"]'):
        if radio.get("checked") is not None:
            data[radio.get("name")] = radio.get("value")
    for area in select(html, "textarea"):
        if (area.text or "").strip():
            data[area.get("name")] = area.text
    return data


def worker_and_nurse_meeting(app, demo, nurse):
    """The social worker records the meeting, Dad sending apologies as he was at hospital and
    Grandma not coming; the nurse writes the School Nursing Service's update."""
    worker = signed_in_as(app, "socialworker@demo.example")
    came = {
        f"person-adult-{demo.father}-reason": HOSPITAL,
        f"person-adult-{demo.grandmother}-came": "did_not_attend",
    }
    meeting_id = record(app, worker, demo, complete=False, came=came)
    url = f"/core-groups/{meeting_id}/agency"
    assert nurse.post(url, as_shown(nurse, url) | {"summary": NURSE_UPDATE}).status_code == 302
    assert worker.post(f"/core-groups/{meeting_id}/complete", {}).status_code == 302
    return worker, meeting_id


# 1. The printed notes


def test_the_printed_notes_have_each_agency_s_update_and_who_truly_came(app, demo, nurse):
    worker, meeting_id = worker_and_nurse_meeting(app, demo, nurse)
    response = worker.get(f"/core-groups/{meeting_id}/notes.pdf?for=record")
    assert response.status_code == 200
    printed = pdf_text(response.data)
    assert "Each agency’s update" in printed
    assert f"School Nursing Service {NURSE_UPDATE} Written by Priya Practitioner" in printed
    assert "Recorded by Sam Social-Worker, Priya Practitioner" in printed
    with app.app_context():
        said = {
            row.attendance: row.name
            for row in db.session.query(CoreGroupAttendance).filter_by(meeting_id=meeting_id)
        }
    father = re.escape(said["apologies"])
    assert re.search(father + r" \(parent\).*? Sent apologies: " + HOSPITAL, printed)
    grandmother = re.escape(said["did_not_attend"])
    assert re.search(grandmother + r"[^:]*? Did not come", printed)
    assert printed.count("Did not come") == 1
    # The meeting page says the same.
    page = text_of(worker.get(f"/core-groups/{meeting_id}").get_data(as_text=True))
    assert f"School Nursing Service {NURSE_UPDATE} Written by Priya Practitioner" in page
    assert f"{said['apologies']} (apologies: {HOSPITAL})" in page


# 2. Links to the notes


def test_the_meeting_page_and_the_list_link_to_both_versions_of_the_notes(app, demo, nurse):
    """The record for professionals in English, and the family's in Yoruba (the demo's parents
    read it) and English, each named for whom it is, with what staff must know about the
    family's before printing it."""
    meeting_id = record(app, nurse, demo)
    notes = f"/core-groups/{meeting_id}/notes.pdf"
    html = nurse.get(f"/core-groups/{meeting_id}").get_data(as_text=True)
    assert [(href, words) for href, words in links(html, "a.govuk-link") if notes in href] == [
        (f"{notes}?for=record", "Notes for the record (for professionals) (PDF)"),
        (f"{notes}?for=family", "Notes for the family, in Yoruba and English (PDF)"),
    ]
    page = text_of(html)
    assert "The family’s notes print in Yoruba and English. What people wrote at the " in page
    assert "Yoruba headings and standard sentences are a draft translation" in page
    listed = nurse.get(f"/cases/{demo.case_id}/core-groups").get_data(as_text=True)
    held_on = demo.conference_on + timedelta(days=1)
    when = f"{held_on.day} {held_on:%B %Y}"
    said = [(href, words) for href, words in links(listed, "a.govuk-link") if notes in href]
    assert said == [
        (f"{notes}?for=record", f"Notes for the record (for professionals) from {when} (PDF)"),
        (f"{notes}?for=family", f"Notes for the family, in Yoruba and English from {when} (PDF)"),
    ]
    assert "The family’s notes print in Yoruba and English." in text_of(listed)
    record_pdf, family_pdf = (nurse.get(f"{notes}?for={v}") for v in ("record", "family"))
    assert (record_pdf.status_code, family_pdf.status_code) == (200, 200)
    assert "Notes from our meeting on" in pdf_text(family_pdf.data)
    assert "Notes from our meeting on" not in pdf_text(record_pdf.data)


def test_an_english_reading_family_s_notes_are_offered_in_english(app, demo, nurse):
    with app.app_context():
        for adult in db.session.get(Case, demo.case_id).adults:
            adult.plan_language = "English"
        db.session.commit()
    meeting_id = record(app, nurse, demo)
    html = nurse.get(f"/core-groups/{meeting_id}").get_data(as_text=True)
    said = [words for href, words in links(html, "a.govuk-link") if "notes.pdf" in href]
    assert said == [
        "Notes for the record (for professionals) (PDF)",
        "Notes for the family, in English (PDF)",
    ]
    assert "The family’s notes print in" not in text_of(html)


def test_the_notes_link_is_there_for_a_reader_who_may_print_them(app, demo, nurse, make_user):
    meeting_id = record(app, nurse, demo)
    make_user("social_worker", email="team@example.org", team="Demo Assessment Team")
    reader = signed_in_as(app, "team@example.org", "a long test password for everyone")
    notes = f"/core-groups/{meeting_id}/notes.pdf"
    html = reader.get(f"/core-groups/{meeting_id}").get_data(as_text=True)
    for version in ("record", "family"):
        assert f"{notes}?for={version}" in [href for href, _ in links(html)]
        assert reader.get(f"{notes}?for={version}").status_code == 200


# 4. Who reviewed each action


def test_saving_the_actions_part_keeps_who_recorded_each_unchanged_action(app, demo, nurse):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    hers = nurse_actions(app)[0]
    saved_part(
        nurse,
        f"/core-groups/{meeting_id}/agency",
        {"summary": NURSE_UPDATE, f"action-{hers}-status": "done"},
    )
    url = f"/core-groups/{meeting_id}/actions"
    filled = as_shown(worker, url)
    assert filled[f"action-{hers}-status"] == "done"  # her answer, pre-filled
    other = next(a for goal in demo.action_ids for a in goal if a != hers)
    response = worker.post(url, filled | {f"action-{other}-status": "in_progress"})
    assert response.status_code == 302
    with app.app_context():
        by = {
            row.action_id: row.recorded_by_id
            for row in db.session.query(ActionUpdate).filter_by(meeting_id=meeting_id)
        }
    assert by == {
        hers: user_id_in(app, "practitioner@demo.example"),
        other: user_id_in(app, "socialworker@demo.example"),
    }
    contents = text_of(worker.get(f"/core-groups/{meeting_id}").get_data(as_text=True))
    assert "by Priya Practitioner (1) and Sam Social-Worker (1)" in contents
    # Changing her answer is the social worker's change, and credited so.
    filled = as_shown(worker, url)
    assert worker.post(url, filled | {f"action-{hers}-status": "in_progress"}).status_code == 302
    with app.app_context():
        row = db.session.query(ActionUpdate).filter_by(meeting_id=meeting_id, action_id=hers)
        assert row.one().recorded_by_id == user_id("socialworker@demo.example")


def user_id_in(app, email) -> int:
    with app.app_context():
        return user_id(email)


# 5. The meeting page's first rows


def test_a_meeting_just_started_says_what_is_not_recorded_yet_once(app, demo):
    worker = signed_in_as(app, "socialworker@demo.example")
    meeting_id = start(worker, demo)
    html = worker.get(f"/core-groups/{meeting_id}").get_data(as_text=True)
    said = rows(html)
    assert said["Chaired by"] == "Not recorded yet"
    assert said["Who came"] == "Nobody recorded yet"
    assert "Attendance" not in said and "Did not come" not in said
    assert text_of(html).count("Nobody recorded") == 1

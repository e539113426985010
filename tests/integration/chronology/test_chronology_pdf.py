"""The chronology printed: the events in the PDF, the filters respected and said, and the print
audited."""

import io
import re

from pages import links
from pypdf import PdfReader
from records import events


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_the_printed_chronology_has_every_event(app, family, as_user, add_event):
    add_event(not_for_family=True)
    client = as_user("sw@example.org")
    response = client.get(f"/cases/{family.case_id}/chronology/print")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert re.fullmatch(
        r'attachment; filename="TST-\d+-chronology-\d{4}-\d\d-\d\d\.pdf"', disposition
    )
    text = pdf_text(response.data)
    for expected in (
        "Chronology",
        "Every event",
        "Referral to children’s social care",
        "Initial child protection conference",
        "Decision: Child protection plan (category: Neglect)",
        "Statutory visit: Ada seen alone and Ben not seen",
        "Police called to the home",
        "Police notification",
        "Not for the family",
        "Management oversight",
        "OFFICIAL-SENSITIVE",
    ):
        assert expected in text, expected
    printed = events(app, "print", record_type="family_case")
    assert len(printed) == 1
    assert printed[0].case_id == family.case_id
    assert printed[0].changes["document"] == [None, "chronology"]


def test_the_print_respects_the_filters(app, family, as_user, add_event):
    add_event(not_for_family=True)
    client = as_user("sw@example.org")
    query = {"child": family.ben, "kind": "significant"}
    text = pdf_text(
        client.get(f"/cases/{family.case_id}/chronology/print", query_string=query).data
    )
    assert "Filtered: Ben’s events and the whole family’s; Significant event only" in text
    assert "Police called" not in text  # Ada's
    assert "Referral" not in text
    assert "No events match these filters" in text


def test_the_print_for_another_agency_leaves_out_the_oversight(app, family, as_user):
    client = as_user("gp@example.org")
    text = pdf_text(client.get(f"/cases/{family.case_id}/chronology/print").data)
    assert "Core group meeting" in text
    assert "Keep the plan" not in text
    assert "Management oversight is not included" in text


def test_filters_that_are_not_valid_send_back_to_the_page(app, family, as_user):
    client = as_user("sw@example.org")
    response = client.get(
        f"/cases/{family.case_id}/chronology/print", query_string={"kind": "nonsense"}
    )
    assert response.status_code == 302
    assert f"/cases/{family.case_id}/chronology?kind=nonsense" in response.headers["Location"]
    assert events(app, "print") == []


def test_the_print_link_keeps_the_dates_of_the_page(app, family, as_user):
    client = as_user("sw@example.org")
    query = [("start", "20"), ("start", "3"), ("start", "2026")]
    query += [("end", "31"), ("end", "3"), ("end", "2026")]
    html = client.get(f"/cases/{family.case_id}/chronology", query_string=query).get_data(
        as_text=True
    )
    link = next(href for href, _ in links(html) if "/chronology/print" in href)
    text = pdf_text(client.get(link.replace("&amp;", "&")).data)
    assert "Filtered: from 20 March 2026; to 31 March 2026" in text
    assert "Initial child protection conference" in text
    assert "Referral" not in text and "Core group meeting" not in text

"""One WeasyPrint font configuration per thread, kept between renders (issue 22): a new one for
each render cost about 0.1 s and left about 0.23 MB that was never freed. Fonts must still be
found for every script, and a document's own @font-face rules at every render."""

import io
import threading

from pypdf import PdfReader

from conference.pdf import render

HTML = '<html lang="en"><head><title>T</title></head><body><p>Hello</p></body></html>'

# A family name of the document's own, given by @font-face to an installed font.
FONT_FACE = """<html lang="en"><head><title>T</title><style>
@font-face { font-family: "Own Face"; src: local("Noto Sans Bengali"); }
p { font-family: "Own Face"; }
</style></head><body><p lang="bn">শিশুর নিরাপত্তা</p></body></html>"""


def fonts_in(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def configurations_used(monkeypatch) -> list:
    used: list = []
    original = render.HTML.write_pdf

    def write_pdf(self, *args, **kwargs):
        used.append(kwargs.get("font_config"))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(render.HTML, "write_pdf", write_pdf)
    return used


def test_renders_in_one_thread_share_one_font_configuration(monkeypatch):
    used = configurations_used(monkeypatch)
    render.html_to_pdf(HTML)
    render.html_to_pdf(HTML)
    assert len(used) == 2
    assert used[0] is not None
    assert used[0] is used[1] is render.font_configuration()


def test_each_thread_has_its_own_font_configuration(monkeypatch):
    used = configurations_used(monkeypatch)
    render.html_to_pdf(HTML)
    worker = threading.Thread(target=render.html_to_pdf, args=(HTML,))
    worker.start()
    worker.join()
    assert len(used) == 2
    assert used[0] is not used[1]
    assert None not in used


def test_a_documents_font_face_is_found_at_every_render():
    first = render.html_to_pdf(FONT_FACE)
    again = render.html_to_pdf(FONT_FACE)
    assert any("Bengali" in name for name in fonts_in(first)), fonts_in(first)
    assert fonts_in(again) == fonts_in(first)


def test_fonts_are_the_same_as_with_a_configuration_of_its_own(monkeypatch):
    """The warm-up page has a line in every script the documents print."""
    from weasyprint.text.fonts import FontConfiguration

    from conference.pdf.warm_up import sample

    kept = render.html_to_pdf(sample())
    monkeypatch.setattr(render, "font_configuration", FontConfiguration)
    fresh = render.html_to_pdf(sample())
    assert fonts_in(kept) == fonts_in(fresh)
    families = {name.split("-Bold")[0].split("-Oblique")[0] for name in fonts_in(kept)}
    assert {
        "Noto-Sans",
        "Noto-Sans-Bengali",
        "Noto-Sans-Gurmukhi",
        "Noto-Naskh-Arabic",
        "Noto-Nastaliq-Urdu",
    } <= families

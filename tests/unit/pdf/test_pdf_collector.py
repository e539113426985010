"""The garbage collector is paused while a document is laid out, and only then."""

import gc
import threading

import pytest

from conference.pdf import render

HTML = '<html lang="en"><head><title>T</title></head><body><p>Hello</p></body></html>'


@pytest.fixture
def collector_state_during_render(monkeypatch):
    seen = []
    original = render.HTML.write_pdf

    def write_pdf(self, *args, **kwargs):
        seen.append(gc.isenabled())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(render.HTML, "write_pdf", write_pdf)
    return seen


def test_the_collector_is_off_during_a_render_and_back_on_after(collector_state_during_render):
    assert gc.isenabled()
    pdf = render.html_to_pdf(HTML)
    assert pdf.startswith(b"%PDF")
    assert collector_state_during_render == [False]
    assert gc.isenabled()


def test_a_failed_render_still_turns_the_collector_back_on(monkeypatch):
    def fail(self, *args, **kwargs):
        raise RuntimeError("layout failed")

    monkeypatch.setattr(render.HTML, "write_pdf", fail)
    with pytest.raises(RuntimeError):
        render.html_to_pdf(HTML)
    assert gc.isenabled()


def test_a_collector_someone_else_turned_off_stays_off(collector_state_during_render):
    gc.disable()
    try:
        render.html_to_pdf(HTML)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_resumes_only_when_the_last_of_two_renders_ends():
    first_inside, release = threading.Event(), threading.Event()

    def long_render():
        with render.collector_paused():
            first_inside.set()
            release.wait(5)

    thread = threading.Thread(target=long_render)
    thread.start()
    first_inside.wait(5)
    with render.collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other render is still going
    release.set()
    thread.join(5)
    assert gc.isenabled()

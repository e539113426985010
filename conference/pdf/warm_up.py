"""Imported only by the fork server of the render children (`render.html_to_pdf_within`): lays
out a short page once, in the documents' own style and in each script they print, so that every
child forked from it starts with WeasyPrint's code, the fonts and Pango's shaping loaded, in the
font configuration every child goes on using (`render.font_configuration`). A child that started
cold would spend over a second more on every print (bench/README.md)."""

from conference.pdf.render import environment, html_to_pdf, type_scale

# A line in each script the documents use (pdf_templates/_document.css): Latin with Yoruba's
# and Polish's marks, Arabic script (Arabic, Urdu), Bengali and Gurmukhi.
LINES = {
    "en": "The plan: what needs to happen, by when.",
    "yo": "Ohun tí ó gbọ́dọ̀ ṣẹlẹ̀. Zażółć gęślą jaźń.",
    "ar": "ما يجب أن يحدث",
    "ur": "کیا ہونا چاہیے",
    "bn": "কী ঘটতে হবে",
    "pa": "ਕੀ ਹੋਣਾ ਚਾਹੀਦਾ ਹੈ",
}


def sample() -> str:
    css = environment().get_template("_document.css").render(sizes=type_scale(False))
    lines = "".join(
        f'<p lang="{lang}"><b>{text}</b> <i>{text}</i></p>' for lang, text in LINES.items()
    )
    return (
        f'<html lang="en"><head><title>Warm up</title><style>{css}</style></head>'
        f"<body><h1>Warm up</h1><h2>Every script</h2>{lines}"
        "<table><tr><th>A</th><td>1</td></tr></table></body></html>"
    )


html_to_pdf(sample())

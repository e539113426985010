"""The family plan as a Word document, built with python-docx from the context the app's
template gets (`family_plan.family_plan_context`): the Word route that councils use today,
rebuilt for the comparison in `word_route.py`. Bench only: the app never imports it.

It prints what pdf_templates/family_plan.html prints, section by section and in the same order:
each fixed phrase in the family's language with its English under it (or beside it, smaller and
grey), each person's words with their translation first, the goals, the children's words, what
the family told us, who they are, the scores, the contingency, the meetings, what to do if they
disagree, the contacts and the glossary, with the running header and "Page X of Y" in the footer.
What it leaves out: the score chart (an SVG, which python-docx cannot place; the scores are in
the table under it) and the children's drawings (the demo shares none).
"""

from io import BytesIO

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from markupsafe import Markup

from conference.pdf.i18n import gettext_context, long_date

GREY = RGBColor(0x50, 0x5A, 0x5F)


def plain(value) -> str:
    """A Phrase's text without its HTML (`<span lang="en">`, `&#39;`)."""
    # A Phrase is already HTML (our catalogues, with every value escaped): only read back.
    return Markup(str(value)).striptags() if hasattr(value, "__html__") else str(value)  # noqa: S704


class WordPlan:
    """A python-docx document with the family plan's few kinds of block."""

    def __init__(self, context: dict):
        self.c = context
        self._ = gettext_context(context["translations"], context["lang"])["_"]
        self.doc = Document()
        self._page_set_up()

    def phrase(self, message: str, **values):
        return self._(None, message, **values)

    # -- the page -----------------------------------------------------------------------------
    def _page_set_up(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(24), Mm(22)
        section.left_margin = section.right_margin = Mm(18)
        normal = self.doc.styles["Normal"]
        normal.font.name, normal.font.size = "Noto Sans", Pt(11)
        c = self.c
        header = section.header.paragraphs[0]
        title = self.phrase("Family plan")
        names_date = f" · {c['children_names']} · {long_date(c['document_date'])}"
        self._small(header, f"{title} / {title.en}{names_date}\tOFFICIAL-SENSITIVE")
        footer = section.footer.paragraphs[0]
        self._small(footer, "OFFICIAL-SENSITIVE\t")
        self._page_of(footer)

    def _small(self, paragraph, text: str) -> None:
        paragraph.add_run(text).font.size = Pt(8)

    def _page_of(self, paragraph) -> None:
        """ "Page X of Y" as Word fields, which LibreOffice fills in when it lays the pages out."""
        for before, field in (("Page ", "PAGE"), (" of ", "NUMPAGES")):
            self._small(paragraph, before)
            run = paragraph.add_run()
            run.font.size = Pt(8)
            for kind, text in (("begin", None), (None, field), ("end", None)):
                if kind:
                    element = OxmlElement("w:fldChar")
                    element.set(qn("w:fldCharType"), kind)
                else:
                    element = OxmlElement("w:instrText")
                    element.text = text
                run._r.append(element)

    # -- blocks -------------------------------------------------------------------------------
    def lang(self, run, code: str) -> None:
        """The run's language, so that Word and the tagged PDF know what it is in."""
        properties = run._r.get_or_add_rPr()
        element = OxmlElement("w:lang")
        element.set(qn("w:val"), code)
        properties.append(element)

    def english_under(self, p, size: float | None = 9) -> None:
        if getattr(p, "bilingual", False):
            para = self.doc.add_paragraph()
            run = para.add_run(plain(p.en))
            run.font.color.rgb = GREY
            if size:
                run.font.size = Pt(size)
            self.lang(run, "en")

    def heading(self, level: int, p) -> None:
        run = self.doc.add_heading(level=level).add_run(plain(p))
        self.lang(run, getattr(p, "lang", "en"))
        self.english_under(p, {1: 16, 2: 11, 3: 9}[level])

    def para(self, p, bold: bool = False) -> None:
        run = self.doc.add_paragraph().add_run(plain(p))
        run.bold = bold
        self.lang(run, getattr(p, "lang", "en"))
        self.english_under(p)

    def inline(self, paragraph, p, bold: bool = False) -> None:
        run = paragraph.add_run(plain(p))
        run.bold = bold
        if getattr(p, "bilingual", False):
            self.lang(run, p.lang)
            english = paragraph.add_run(f" ({plain(p.en)})" if bold else f" / {plain(p.en)}")
            english.font.size, english.font.color.rgb = Pt(9), GREY
            self.lang(english, "en")

    def words(self, paragraph, text: str) -> None:
        """What people typed: the translation first when the plan has one, then the English."""
        said = self.c["family_words"].of(text) if self.c["family_words"] else ""
        if said:
            self.lang(paragraph.add_run(said), self.c["lang"])
            paragraph.add_run().add_break(WD_BREAK.LINE)
        self.lang(paragraph.add_run(text), "en")

    def labelled(self, label_phrase, text: str) -> None:
        paragraph = self.doc.add_paragraph()
        self.inline(paragraph, label_phrase, bold=True)
        paragraph.add_run(": ")
        self.words(paragraph, text)

    def words_para(self, text: str, italic: bool = False, bold: bool = False):
        paragraph = self.doc.add_paragraph()
        self.words(paragraph, text)
        for run in paragraph.runs:
            run.italic, run.bold = italic, bold
        return paragraph

    def bullets(self, texts) -> None:
        for text in texts:
            self.words(self.doc.add_paragraph(style="List Bullet"), text)

    def to_bytes(self) -> bytes:
        out = BytesIO()
        self.doc.save(out)
        return out.getvalue()


def family_plan_docx(context: dict) -> bytes:
    """The family plan as .docx bytes, from `family_plan_context(...)`."""
    w = WordPlan(context)
    for part in (_opening, _worries, _goals, _voices, _told_us, _who_you_are, _scores, _closing):
        part(w, context)
    return w.to_bytes()


def _opening(w: WordPlan, c: dict) -> None:
    texts = c["texts"]
    w.heading(1, w.phrase("Family plan for %(names)s", names=c["first_names"]))
    meta = w.doc.add_paragraph()
    w.inline(meta, w.phrase("Version %(number)s", number=c["plan_number"]))
    if c["draft"]:
        w.para(w.phrase(texts["draft_intro"]))
    else:
        w.para(w.phrase(texts["intro"], date=c["document_date"]))
    w.para(w.phrase(texts["court"]), bold=True)
    if c["translated"] and not c["family_words"].complete:
        w.para(w.phrase(texts["interpreter_note"]))
    elif c["translated"] and c["family_words"].translated_by:
        w.para(w.phrase(texts["translated_by"], translator=c["family_words"].translated_by))


def _worries(w: WordPlan, c: dict) -> None:
    w.heading(2, w.phrase("Why we are worried"))
    for worry in c["worries"]:
        if worry.text:
            w.words_para(worry.text)
            continue
        w.labelled(w.phrase("Who is worried"), worry.who)
        w.labelled(w.phrase("What they are worried about"), worry.about)
        w.labelled(w.phrase("What could happen if nothing changes"), worry.could_happen)
    w.heading(2, w.phrase("What is working well"))
    w.bullets(c["working_well"])


def _goals(w: WordPlan, c: dict) -> None:
    texts, free = c["texts"], c["free"]
    w.heading(2, w.phrase("What needs to happen"))
    for goal in c["goals"]:
        w.heading(3, w.phrase("Goal %(number)s", number=goal.number))
        statement = w.words_para(goal.statement, bold=True)
        if goal.children:
            statement.add_run(f" ({goal.children})")
        if goal.family_words:
            w.words_para(goal.family_words, italic=True)
        w.labelled(w.phrase("How we will know"), goal.measure)
        w.labelled(w.phrase("What we want to see"), goal.target)
        if goal.review_on:
            w.para(w.phrase(texts["check_on"], date=goal.review_on))
        else:
            w.para(w.phrase(texts["check_not_set"]))
        if goal.how_long:
            message = texts["keep_for"] if goal.keep_for else texts["keep_as_written"]
            w.para(w.phrase(message, how_long=free(goal.how_long)))
        if goal.trigger:
            w.para(w.phrase(texts["if_then"], trigger=free(goal.trigger), then=free(goal.then)))
        owner = w.doc.add_paragraph()
        w.inline(owner, w.phrase("Who will do this"), bold=True)
        owner.add_run(f": {goal.owner}")
        for helper in goal.helpers:
            line = w.doc.add_paragraph(style="List Bullet")
            line.add_run(f"{helper.who or '—'}: ")
            w.words(line, helper.what)
            if helper.by_when:
                line.add_run(f" ({long_date(helper.by_when)})")


def _voices(w: WordPlan, c: dict) -> None:
    if not c["voices"]:
        return
    w.heading(2, w.phrase("What the children say"))
    for voice in c["voices"]:
        w.heading(3, w.phrase("What %(name)s says", name=voice.name))
        if voice.own_words.strip():
            w.words_para(voice.own_words)


def _told_us(w: WordPlan, c: dict) -> None:
    if not c["told_us"]:
        return
    w.heading(2, w.phrase("What you told us"))
    w.para(w.phrase(c["texts"]["told_intro"]))
    for row in c["told_us"]:
        about = w.doc.add_paragraph()
        w.inline(about, w.phrase(row.label, **row.values), bold=True)
        w.words_para(row.text)


def _who_you_are(w: WordPlan, c: dict) -> None:
    who = c["who_you_are"]
    if not who:
        return
    w.heading(2, w.phrase("Who your family are"))
    w.para(w.phrase(c["texts"]["who_intro"]))
    if who.statement:
        w.words_para(who.statement)
    for person in who.people:
        w.doc.add_heading(person.name, level=3)
        for row in person.answers:
            w.labelled(w.phrase(row.label, **row.values), row.text)
    if who.agreed:
        w.heading(3, w.phrase("What we said at the conference"))
        for row in who.agreed:
            about = w.doc.add_paragraph()
            w.inline(about, w.phrase(row.label, **row.values), bold=True)
            w.words_para(row.text)


def _scores(w: WordPlan, c: dict) -> None:
    w.heading(2, w.phrase("Where things are now"))
    if not c["scores"]:
        w.para(w.phrase("Nobody gave a score at the conference."))
        return
    w.para(w.phrase("At the conference everyone gave a score from 0 to 10. This was the question:"))
    scale = c["scale"]
    w.doc.add_paragraph().add_run(scale["question"]).italic = True
    w.doc.add_paragraph(f"0: {scale['zero_means']}")
    w.doc.add_paragraph(f"10: {scale['ten_means']}")
    if c["median"]:
        w.para(w.phrase("The middle score was %(median)s.", median=c["median"]))
    w.heading(3, w.phrase("Everyone's scores"))
    table = w.doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, ("Who", "Score", "Why"), strict=True):
        w.inline(cell.paragraphs[0], w.phrase(label), bold=True)
    for row in c["scores"]:
        cells = table.add_row().cells
        cells[0].text = f"{row.name}, {row.role}" if row.role else row.name
        cells[1].text = str(row.value)
        w.words(cells[2].paragraphs[0], row.reason)


def _closing(w: WordPlan, c: dict) -> None:
    texts = c["texts"]
    w.heading(2, w.phrase("What happens if things do not change"))
    if c["contingency"]:
        w.para(w.phrase(texts["contingency_intro"]))
        w.words_para(c["contingency"], bold=True)
    w.heading(2, w.phrase("When we will meet again"))
    if c["first_core_group_on"]:
        weeks = c["core_group_interval_weeks"]
        w.para(w.phrase(texts["core_group"], date=c["first_core_group_on"], weeks=weeks))
    if c["review_on"]:
        w.para(w.phrase(texts["review"], date=c["review_on"]))
    if not c["first_core_group_on"] or not c["review_on"]:
        w.para(w.phrase(texts["not_set"]))
    w.heading(2, w.phrase("What you can do if you disagree"))
    for message in c["complaints_text"]:
        w.para(w.phrase(message))
    _contacts(w, c)
    if c["glossary"]:
        w.heading(2, w.phrase("What some words mean"))
        for term, explanation in c["glossary"]:
            line = w.doc.add_paragraph()
            line.add_run(term).bold = True
            line.add_run(f": {explanation}")
    printed = w.doc.add_paragraph()
    w.inline(printed, w.phrase("Printed on %(date)s", date=c["printed_on"]))


def _contacts(w: WordPlan, c: dict) -> None:
    w.heading(2, w.phrase("Who to contact"))
    for line in c["contacts"]:
        paragraph = w.doc.add_paragraph()
        w.inline(paragraph, w.phrase(line.label), bold=True)
        paragraph.add_run(": ")
        if line.fixed:
            w.inline(paragraph, w.phrase(line.value, **line.params))
        else:
            paragraph.add_run(line.value)

"""The demo plan's Yoruba translation (fictional), imported as a council imports one: the plan's
family-facing text is exported as XLIFF 2.0, a fictional translator fills in each <target>, and
the file is imported with who translated and checked it, through conference/services/
translations.py, as the import page does. Funmilayo (Mum) and Abosede (Grandma) read Yoruba:
their own copies of the plan then print the Yoruba beside the English, with no interpreter
needed for the plan's own words.

The Yoruba is keyed by the English of each piece of the plan's text, so a change to the demo's
words is caught: a piece with no Yoruba here stops the seeding (MissingYoruba) rather than
importing half a file, which the import would refuse anyway.
"""

import xml.etree.ElementTree as ET
from datetime import date

from conference.domain import timescales
from conference.models import Plan, PlanTranslation, User
from conference.services import translations, xliff
from conference.services.translation_segments import family_segments

LANGUAGE = "yo"
# Fictional, and named so that nobody takes them for the family (the Adebayos) or a real person.
TRANSLATOR = "Yetunde Demo-Translator"
CHECKER = "Folake Demo-Checker"


class MissingYoruba(LookupError):
    """A piece of the demo plan's text has no Yoruba in YORUBA: the demo's words changed."""


def import_demo_translation(
    plan: Plan, actor: User, last_core_group: date, today: date
) -> PlanTranslation:
    """Export the plan's text, translate it from YORUBA and import it, as `actor` (the social
    worker, who may change the plan). The plan's words are final after the last core group
    (it added an action), so the translator had the file then: translated three working days
    later, checked the day after, never after today. Raises MissingYoruba for a piece with no
    Yoruba, and TranslationRefused if the import refuses the file."""
    missing = [s.source for s in family_segments(plan) if s.source not in YORUBA]
    if missing:
        raise MissingYoruba(f"No Yoruba in demo_translation.YORUBA for: {missing}")
    exported = translations.export(actor, plan, LANGUAGE)
    calendar = timescales.default_calendar()
    credits = translations.Credits(
        translated_by=TRANSLATOR,
        translated_on=min(calendar.add_working_days(last_core_group, 3), today),
        checked_by=CHECKER,
        checked_on=min(calendar.add_working_days(last_core_group, 4), today),
    )
    return translations.import_translation(
        actor, plan, translated_file(exported.data), LANGUAGE, credits
    )


def translated_file(exported: bytes) -> bytes:
    """The exported file with a <target> after each <source>: what the translator sends back."""
    root = ET.fromstring(exported)  # noqa: S314  (the app's own export)
    for segment in root.iter(f"{{{xliff.NAMESPACE}}}segment"):
        source = segment.find(f"{{{xliff.NAMESPACE}}}source")
        english = source.text if source is not None else ""
        ET.SubElement(segment, f"{{{xliff.NAMESPACE}}}target").text = YORUBA[english or ""]
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# Each piece of the agreed plan's text (version 1, as the core groups left it) in plain Yoruba,
# as a parent would say it. A goal's "for how long" and "then" start in lower case: the family
# plan prints them inside its sentences ("Èyí gbọ́dọ̀ máa bá a lọ fún oṣù mẹ́fà.").
YORUBA = {
    # Why we are worried
    "Sam (social worker), Ms Jones (school) and PC Ali": (
        "Sam (òṣìṣẹ́ àwùjọ), Ms Jones (ilé-ìwé) àti PC Ali (ọlọ́pàá)"
    ),
    "when Dad drinks heavily he shouts, throws things and has pushed Mum": (
        "tí Bàbá bá mu ọtí lámujù, ó máa ń pariwo, ó máa ń ju nǹkan, ó sì ti tì Màmá"
    ),
    "Tolu and Kemi could be hurt, and living scared could affect their sleep and learning; the "
    "baby could be hurt before or after birth": (
        "Tolu àti Kemi lè farapa, gbígbé nínú ẹ̀rù sì lè ba oorun àti ẹ̀kọ́ wọn jẹ́; ọmọ tuntun "
        "náà lè farapa kí a tó bí i tàbí lẹ́yìn tí a bá bí i"
    ),
    "Demo Academy and Sam (social worker)": "Demo Academy (ilé-ìwé) àti Sam (òṣìṣẹ́ àwùjọ)",
    "Kemi stays at home to look after Tolu when Mum is unwell": (
        "Kemi máa ń dúró sílé láti tọ́jú Tolu nígbà tí ara Màmá kò bá yá"
    ),
    "Kemi could fall behind at school and carry worries that are too big for a 13-year-old": (
        "Kemi lè máa kẹ́yìn nínú ẹ̀kọ́ rẹ̀ ní ilé-ìwé, kí ó sì máa gbé ẹrù àníyàn tí ó pọ̀ jù "
        "fún ọmọ ọdún mẹ́tàlá"
    ),
    "The midwife and Sam (social worker)": "Agbẹ̀bí àti Sam (òṣìṣẹ́ àwùjọ)",
    "Mum has missed three antenatal appointments": (
        "Màmá kò lọ sí mẹ́ta nínú àwọn àdéhùn ìtọ́jú oyún rẹ̀"
    ),
    "problems with the pregnancy could be missed and the baby could be born unwell": (
        "a lè má tètè rí ìṣòro tí ó bá wà nínú oyún náà, ọmọ náà sì lè ní àìlera nígbà tí a bá bí i"
    ),
    # What is working well
    "When Dad has been drinking, Grandma Abosede takes the children to her flat.": (
        "Nígbà tí Bàbá bá ti mu ọtí, Ìyá àgbà Abosede máa ń kó àwọn ọmọ lọ sí ilé rẹ̀."
    ),
    "Kemi and Tolu are close and loving with both parents.": (
        "Kemi àti Tolu sún mọ́ àwọn òbí wọn méjèèjì, wọ́n sì nífẹ̀ẹ́ wọn."
    ),
    "The family's church offers practical help, such as school runs.": (
        "Ṣọ́ọ̀ṣì ìdílé náà ń ṣe ìrànlọ́wọ́ gidi, bíi mímú àwọn ọmọ lọ sí ilé-ìwé àti mímú wọn bọ̀."
    ),
    # Goal 1
    "For at least 6 months, adults at home sort out disagreements calmly: no shouting, throwing "
    "things or pushing.": (
        "Fún oṣù mẹ́fà ó kéré tán, àwọn àgbàlagbà inú ilé máa ń yanjú èdèkòyédè pẹ̀lú sùúrù: kò "
        "sí ariwo, jíju nǹkan tàbí títì ẹnikẹ́ni."
    ),
    "Mum: “We want the children to feel calm at home.”": (
        "Màmá: “A fẹ́ kí ọkàn àwọn ọmọ balẹ̀ nílé.”"
    ),
    "Kemi's and Tolu's own 0-10 scale at each visit, and police call-out records": (
        "Òṣùwọ̀n 0 sí 10 ti Kemi àti Tolu fúnra wọn ní ìbẹ̀wò kọ̀ọ̀kan, àti àkọsílẹ̀ ọlọ́pàá "
        "nípa ìgbà tí wọ́n pè wọ́n sí ilé"
    ),
    "No shouting, throwing or pushing reported, and the children's scale at 7 or more, at every "
    "visit": (
        "Kí ẹnikẹ́ni má ròyìn ariwo, jíju nǹkan tàbí títì ẹnikẹ́ni, kí òṣùwọ̀n àwọn ọmọ sì jẹ́ 7 "
        "tàbí jù bẹ́ẹ̀ lọ, ní gbogbo ìbẹ̀wò"
    ),
    "6 months": "oṣù mẹ́fà",
    "Dad has been drinking and there is shouting at home": ("Bàbá ti mu ọtí, tí ariwo sì wà nílé"),
    "Mum takes the children to Grandma's flat that night and rings Sam, who visits the next "
    "working day": (
        "Màmá máa kó àwọn ọmọ lọ sí ilé Ìyá àgbà ní alẹ́ ọjọ́ náà, yóò sì pe Sam, tí yóò wá bẹ̀ "
        "wọ́n wò ní ọjọ́ iṣẹ́ tí ó tẹ̀lé e"
    ),
    "The grown-ups at home will talk calmly. Nobody will shout, throw things or push.": (
        "Àwọn àgbàlagbà nílé yóò máa sọ̀rọ̀ jẹ́jẹ́. Kò sí ẹni tí yóò pariwo, tí yóò ju nǹkan, tàbí "
        "tí yóò tì ẹnikẹ́ni."
    ),
    "Go to the first appointment at the alcohol service": (
        "Lọ sí àdéhùn àkọ́kọ́ ní ibi iṣẹ́ ìrànlọ́wọ́ fún ìṣòro ọtí"
    ),
    "Talk with Kemi and Tolu alone about home": (
        "Bá Kemi àti Tolu sọ̀rọ̀ ní ìkọ̀kọ̀ nípa bí nǹkan ṣe ń lọ nílé"
    ),
    # Goal 2
    "If Dad has been drinking, he does not look after the children: Grandma Abosede takes them "
    "to her flat, every time.": (
        "Tí Bàbá bá ti mu ọtí, kò ní bójú tó àwọn ọmọ: Ìyá àgbà Abosede yóò kó wọn lọ sí ilé "
        "rẹ̀, ní gbogbo ìgbà."
    ),
    "Grandma's diary and Kemi's weekly check-in with the social worker": (
        "Ìwé àkọsílẹ̀ ojoojúmọ́ Ìyá àgbà, àti ìpàdé ọ̀sọ̀ọ̀sẹ̀ tí Kemi ń ní pẹ̀lú òṣìṣẹ́ àwùjọ"
    ),
    "Every time Dad has been drinking, the children are with Grandma": (
        "Ní gbogbo ìgbà tí Bàbá bá ti mu ọtí, àwọn ọmọ wà lọ́dọ̀ Ìyá àgbà"
    ),
    "Grandma cannot take the children": "Ìyá àgbà kò lè gba àwọn ọmọ",
    "Mum rings Pastor Adeyemi's wife, who has agreed to have them": (
        "Màmá yóò pe ìyàwó Pásítọ̀ Adeyemi, tí ó ti gbà láti bójú tó wọn"
    ),
    "If Dad has been drinking, Grandma will look after you at her flat.": (
        "Tí Bàbá bá ti mu ọtí, Ìyá àgbà yóò tọ́jú yín ní ilé rẹ̀."
    ),
    "Keep a diary of the nights the children stay": (
        "Máa kọ àwọn alẹ́ tí àwọn ọmọ bá sùn síbẹ̀ sínú ìwé àkọsílẹ̀"
    ),
    "Give Grandma a diary in Yoruba, or a phone to record voice notes instead": (
        "Fún Ìyá àgbà ní ìwé àkọsílẹ̀ ní èdè Yorùbá, tàbí fóònù tí ó lè fi gba ohùn rẹ̀ sílẹ̀ dípò rẹ̀"
    ),
    # Goal 3
    "Kemi goes to school every day: her attendance is at least 95% each half term.": (
        "Kemi ń lọ sí ilé-ìwé lójoojúmọ́: wíwá rẹ̀ sí ilé-ìwé jẹ́ 95% ó kéré tán ní ààbọ̀ sáà kọ̀ọ̀kan."
    ),
    "The school attendance register": "Ìwé ìforúkọsílẹ̀ wíwá sí ilé-ìwé",
    "At least 95% each half term": "95% ó kéré tán ní ààbọ̀ sáà kọ̀ọ̀kan",
    "Until the review conference": "títí di ìpàdé àtúnyẹ̀wò",
    "Mum is unwell in the morning": "ara Màmá kò yá ní òwúrọ̀",
    "Sister Bisi from church takes Tolu to school, so Kemi goes to school as usual": (
        "Sister Bisi láti ṣọ́ọ̀ṣì yóò mú Tolu lọ sí ilé-ìwé, kí Kemi lè lọ sí ilé-ìwé bí ó ti "
        "máa ń ṣe"
    ),
    "Ring the school by 9am if Kemi is ill": (
        "Pe ilé-ìwé kí ó tó di aago mẹ́sàn-án òwúrọ̀ tí ara Kemi kò bá yá"
    ),
    "See Kemi at school every 2 weeks": "Rí Kemi ní ilé-ìwé ní ọ̀sẹ̀ méjì-méjì",
    "Text Mum by 9:30am whenever Kemi is not in school": (
        "Fi àtẹ̀jíṣẹ́ ránṣẹ́ sí Màmá kí ó tó di aago mẹ́sàn-án ààbọ̀ òwúrọ̀ nígbàkúùgbà tí Kemi "
        "kò bá sí ní ilé-ìwé"
    ),
    # Goal 4
    "The baby grows well before birth: Mum keeps every antenatal appointment until the birth.": (
        "Ọmọ inú oyún ń dàgbà dáadáa kí a tó bí i: Màmá ń lọ sí gbogbo àdéhùn ìtọ́jú oyún títí "
        "di ìgbà ìbímọ."
    ),
    "The midwife's records": "Àkọsílẹ̀ agbẹ̀bí",
    "All appointments kept until the birth": "Kí Màmá lọ sí gbogbo àdéhùn títí di ìgbà ìbímọ",
    "Until the birth": "títí di ìgbà ìbímọ",
    "Book the interpreter for every appointment": "Ṣètò ògbufọ̀ fún gbogbo àdéhùn",
    # Goals 5 and 6
    "Dad will engage with the alcohol service.": ("Bàbá yóò kópa nínú iṣẹ́ ìrànlọ́wọ́ fún ìṣòro ọtí."),
    "Refer Dad to the alcohol service": ("Fi orúkọ Bàbá ránṣẹ́ sí ibi iṣẹ́ ìrànlọ́wọ́ fún ìṣòro ọtí"),
    "Tolu feels safe and happy at home.": ("Tolu mọ̀ pé òun wà láìléwu, inú rẹ̀ sì ń dùn nílé."),
    # What happens if things do not change; who the family are
    "If Dad drinks and there is more violence, the children will stay with Grandma while we ask "
    "for legal advice about the next steps.": (
        "Tí Bàbá bá mu ọtí, tí ìwà ipá sì tún ṣẹlẹ̀, àwọn ọmọ yóò dúró lọ́dọ̀ Ìyá àgbà nígbà tí a "
        "bá ń béèrè ìmọ̀ràn lábẹ́ òfin nípa ohun tí a ó ṣe tẹ̀lé e."
    ),
    "The plan is in Yoruba and English, a female Yoruba interpreter comes to every meeting, and "
    "the family's church is part of the safety network. Sam books the interpreter, who speaks "
    "the Oyo dialect, for every home visit too. Two women from church do the school runs when "
    "Mum is unwell, so that Kemi does not stay at home to look after Tolu.": (
        "Ètò náà wà ní èdè Yorùbá àti Gẹ̀ẹ́sì, ògbufọ̀ Yorùbá obìnrin kan ń wá sí gbogbo ìpàdé, "
        "ṣọ́ọ̀ṣì ìdílé náà sì wà lára àwọn tí ń ṣe ààbò fún àwọn ọmọ. Sam ni ó ń ṣètò ògbufọ̀ "
        "náà, tí ó ń sọ ẹ̀ka èdè Ọ̀yọ́, fún gbogbo ìbẹ̀wò sí ilé pẹ̀lú. Obìnrin méjì láti ṣọ́ọ̀ṣì "
        "máa ń mú àwọn ọmọ lọ sí ilé-ìwé nígbà tí ara Màmá kò bá yá, kí Kemi má baà dúró sílé "
        "láti tọ́jú Tolu."
    ),
    "Black British, Nigerian": "Ọmọ Bìrìtìkó aláwọ̀ dúdú, ọmọ Nàìjíríà",
    "English": "Èdè Gẹ̀ẹ́sì",
    "Nigerian like Mummy": "Ọmọ Nàìjíríà bíi Màmá",
    "Christian, goes to church with Mum": "Onígbàgbọ́, ó máa ń bá Màmá lọ sí ṣọ́ọ̀ṣì",
    "Nigerian, Yoruba": "Ọmọ Nàìjíríà, Yorùbá",
    "Christian (Pentecostal)": "Onígbàgbọ́ (ìjọ Pẹ́ńtíkọ́sítà)",
    "Church every Sunday morning and Wednesday evening; the church is her main support.": (
        "Ṣọ́ọ̀ṣì ní gbogbo òwúrọ̀ Ọjọ́ Àìkú àti ìrọ̀lẹ́ Ọjọ́rú; ṣọ́ọ̀ṣì ni olùrànlọ́wọ́ rẹ̀ tí ó "
        "ṣe pàtàkì jùlọ."
    ),
    "Yoruba": "Èdè Yorùbá",
    "Nigerian, born in Lagos, lived in London 15 years": (
        "Ọmọ Nàìjíríà, a bí i ní Èkó, ó ti gbé ní Lọ́ndọ̀nù fún ọdún mẹ́ẹ̀ẹ́dógún"
    ),
    "Christian": "Onígbàgbọ́",
    "Kemi keeps going to church and to Yoruba lessons with Grandma on Saturdays.": (
        "Kemi ń bá a lọ láti máa lọ sí ṣọ́ọ̀ṣì àti sí ẹ̀kọ́ èdè Yorùbá pẹ̀lú Ìyá àgbà ní Ọjọ́ Àbámẹ́ta."
    ),
    "Tolu keeps going to church and to Yoruba lessons with Grandma on Saturdays.": (
        "Tolu ń bá a lọ láti máa lọ sí ṣọ́ọ̀ṣì àti sí ẹ̀kọ́ èdè Yorùbá pẹ̀lú Ìyá àgbà ní Ọjọ́ Àbámẹ́ta."
    ),
    "Not born yet: Mum and Dad will speak Yoruba and English with the baby from birth, and "
    "want the baby dedicated at their church.": (
        "A kò tíì bí ọmọ náà: Màmá àti Bàbá yóò máa bá ọmọ náà sọ èdè Yorùbá àti Gẹ̀ẹ́sì láti "
        "ìgbà tí a bá bí i, wọ́n sì fẹ́ kí a ya ọmọ náà sí mímọ́ ní ṣọ́ọ̀ṣì wọn."
    ),
    "Pastor Adeyemi and two women from church have agreed to join the safety network.": (
        "Pásítọ̀ Adeyemi àti obìnrin méjì láti ṣọ́ọ̀ṣì ti gbà láti darapọ̀ mọ́ àwọn tí ń ṣe ààbò "
        "fún àwọn ọmọ."
    ),
    "A female Yoruba (Oyo) interpreter is booked for every meeting; the family plan will be in "
    "Yoruba and English.": (
        "A ti ṣètò ògbufọ̀ Yorùbá obìnrin kan (ẹ̀ka èdè Ọ̀yọ́) fún gbogbo ìpàdé; ètò ìdílé náà "
        "yóò wà ní èdè Yorùbá àti Gẹ̀ẹ́sì."
    ),
    # The children's words
    "I love my mum and dad but I hate it when they shout. I just want things to be normal and to "
    "go to school like everyone else.": (
        "Mo nífẹ̀ẹ́ Màmá àti Bàbá mi, ṣùgbọ́n n kò fẹ́ràn rẹ̀ rárá nígbà tí wọ́n bá ń pariwo. "
        "Ohun tí mo fẹ́ ni pé kí nǹkan rí bí ó ṣe yẹ, kí n sì máa lọ sí ilé-ìwé bí gbogbo ọmọ "
        "yòókù."
    ),
    "Dad getting angry. Mum being ill. Missing school.": (
        "Tí inú bá ń bí Bàbá. Àìsàn Màmá. Àìlọ sí ilé-ìwé."
    ),
    "My friends. Church youth group. Grandma's cooking.": (
        "Àwọn ọ̀rẹ́ mi. Ẹgbẹ́ ọ̀dọ́ ní ṣọ́ọ̀ṣì. Oúnjẹ tí Ìyá àgbà ń sè."
    ),
    "Being a nurse. Everyone at home being calm.": (
        "Kí n di nọ́ọ̀sì. Kí ọkàn gbogbo ènìyàn nílé balẹ̀."
    ),
    "Shouting.": "Ariwo.",
    "Grandma. My football.": "Ìyá àgbà. Bọ́ọ̀lù mi.",
    "A puppy.": "Ọmọ ajá kan.",
    # What you told us
    "Mum and Dad agree with this worry.": "Màmá àti Bàbá fara mọ́ àníyàn yìí.",
    "Mum says Kemi offered to help.": ("Màmá sọ pé Kemi fúnra rẹ̀ ló sọ pé òun fẹ́ ṣèrànwọ́."),
    "Dad agrees this is the right thing to do.": "Bàbá gbà pé èyí ni ohun tí ó tọ́ láti ṣe.",
    "Dad says he will go.": "Bàbá sọ pé òun yóò lọ.",
    "We have already changed things at home.": "A ti yí nǹkan padà nílé tẹ́lẹ̀.",
    "I have stopped drinking and I will not let it happen again.": (
        "Mo ti jáwọ́ nínú ọtí mímu, n kò sì ní jẹ́ kí ó tún ṣẹlẹ̀ mọ́."
    ),
    "I am there for the children, but I still worry.": (
        "Mo wà fún àwọn ọmọ, ṣùgbọ́n mo ṣì ń ṣàníyàn."
    ),
    "Dad's drinking and the violence are recent; safety rests on Grandma alone.": (
        "Ọtí mímu Bàbá àti ìwà ipá náà kò tíì pẹ́; Ìyá àgbà nìkan ni ààbò àwọn ọmọ dúró lé lórí."
    ),
    "Tolu is sleeping better, but Kemi is still missing school.": (
        "Tolu ti ń sùn dáadáa ju ti tẹ́lẹ̀ lọ, ṣùgbọ́n Kemi ṣì ń pàdánù ọjọ́ ilé-ìwé."
    ),
    "Tolu is more settled in class this week.": (
        "Ọkàn Tolu ti balẹ̀ díẹ̀ sí i ní kíláàsì ní ọ̀sẹ̀ yìí."
    ),
    "Mum agrees a plan will help. Dad thinks a child in need plan is enough.": (
        "Màmá gbà pé ètò kan yóò ṣèrànwọ́. Bàbá rò pé ètò ọmọ tí ó nílò ìrànlọ́wọ́ (child in "
        "need plan) ti tó."
    ),
}

"""Arabic sentence rules on short, hand-written examples."""

from __future__ import annotations

import pytest

from khaddam_align.segment import is_arabic_language, segment_text


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in segment_text(text, "ar")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # terminators: . ؟ ! … end; the Arabic comma and semicolon do not
        (
            "وصل الرئيس إلى طهران، والتقى خاتمي؛ ثم عاد. هل انتهت الحرب؟ لا! ربما… سنرى.",
            ["وصل الرئيس إلى طهران، والتقى خاتمي؛ ثم عاد.", "هل انتهت الحرب؟", "لا!", "ربما…", "سنرى."],
        ),
        # closing quotes stay with their sentence
        (
            "قال الأسد: «لن نقبل بذلك.» ورد خاتمي: “نحن معكم.” وانتهى اللقاء.",
            ["قال الأسد: «لن نقبل بذلك.»", "ورد خاتمي: “نحن معكم.”", "وانتهى اللقاء."],
        ),
        ('قالت: "ليس الجميع مثلي". ثم غادرت.', ['قالت: "ليس الجميع مثلي".', "ثم غادرت."]),
        # decimals in Arabic-Indic, Extended and Western digits do not split
        (
            "ارتفع بنسبة ٢٫٥ في المئة و۱۲٫۵ و2.5 أيضا. ثم هبط.",
            ["ارتفع بنسبة ٢٫٥ في المئة و۱۲٫۵ و2.5 أيضا.", "ثم هبط."],
        ),
        # abbreviations: د. (Dr.), أ. د.
        ("التقى د. بشار الأسد مع أ. د. محمد. ثم عادا.", ["التقى د. بشار الأسد مع أ. د. محمد.", "ثم عادا."]),
        # a year with its era letter ends a sentence, unless a preposition follows
        ("بدأت الحرب عام ٢٠٠٣م. وانتهت لاحقا.", ["بدأت الحرب عام ٢٠٠٣م.", "وانتهت لاحقا."]),
        ("ولد عام ١٩٥٠ م. في دمشق.", ["ولد عام ١٩٥٠ م. في دمشق."]),
        # a missing space after the period
        ("انتهى الاجتماع.وقال خاتمي كلمة.", ["انتهى الاجتماع.", "وقال خاتمي كلمة."]),
        # an attribution after a quotation stays with it; with و it starts anew
        (
            '"هل تريدون رؤية ذلك؟" قائلًا: "سأفعل." «لن نقبل.» قال الأسد. "نحن معكم." وقال خاتمي كلمة.',
            ['"هل تريدون رؤية ذلك؟" قائلًا: "سأفعل."', "«لن نقبل.» قال الأسد.", '"نحن معكم."', "وقال خاتمي كلمة."],
        ),
        # direction marks after the punctuation stay with the sentence
        ("انتهى الاجتماع.\u200f ثم غادر.\u200f", ["انتهى الاجتماع.\u200f", "ثم غادر.\u200f"]),
        # Latin inside Arabic text
        ("حصل على A. يبين هذا النجاح. زار U.S. Army القاعدة.", ["حصل على A.", "يبين هذا النجاح.", "زار U.S. Army القاعدة."]),
    ],
)  # fmt: skip
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_paragraph_breaks_end_sentences() -> None:
    text = "السطر الأول بلا نقطة\nالسطر الثاني أيضا بلا نقطة وهو أطول قليلا من الأول\n\nفقرة جديدة."
    assert sentences(text) == [
        "السطر الأول بلا نقطة",
        "السطر الثاني أيضا بلا نقطة وهو أطول قليلا من الأول",
        "فقرة جديدة.",
    ]


@pytest.mark.parametrize(("code", "arabic"), [("ar", True), ("ar-SY", True), ("fa", True), ("en", False), ("en-GB", False)])  # fmt: skip
def test_language_selects_rules(code: str, arabic: bool) -> None:
    assert is_arabic_language(code) is arabic

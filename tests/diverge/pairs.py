"""Hand-made pairs of renderings for detector tests: one sentence per paragraph, linked 1:1 in order."""

from __future__ import annotations

from khaddam_align.diverge.detect import detect
from khaddam_align.diverge.model import DivergenceType, Finding, LinkView

AR_NAME = "Arabic original"
EN_NAME = "Test Daily (English)"
EN2_NAME = "Test Weekly (English)"


def spans(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n\n"):
        start = text.index(para, pos)
        out.append((start, start + len(para)))
        pos = start + len(para)
    return out


def links(a: str, b: str, shape: list[tuple[list[int], list[int]]] | None = None) -> list[LinkView]:
    """1:1 links of the paragraphs, or the given shape (lists of paragraph indexes per link)."""
    sa, sb = spans(a), spans(b)
    if shape is None:
        assert len(sa) == len(sb)
        shape = [([i], [i]) for i in range(len(sa))]
    return [LinkView(k, tuple(sa[i] for i in xs), tuple(sb[j] for j in ys), 0.9) for k, (xs, ys) in enumerate(shape)]


def run(a: str, b: str, *, a_lang: str = "en", b_lang: str = "en",
        shape: list[tuple[list[int], list[int]]] | None = None) -> list[Finding]:
    a_name = AR_NAME if a_lang == "ar" else EN_NAME
    b_name = EN2_NAME if b_lang == "en" and a_lang == "en" else EN_NAME if b_lang == "en" else AR_NAME
    return list(detect(a, b, links(a, b, shape), a_name=a_name, b_name=b_name,
                       a_language=a_lang, b_language=b_lang).findings)


def of_type(findings: list[Finding], kind: DivergenceType) -> list[Finding]:
    return [f for f in findings if f.type is kind]


def evidence(a: str, b: str, f: Finding) -> str:
    return " ".join(a[s:e] for s, e in f.a_spans) + " || " + " ".join(b[s:e] for s, e in f.b_spans)

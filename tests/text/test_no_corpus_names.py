"""No corpus answers in the core: no proper name of ../shared/corpus appears anywhere in khaddam_align/.

The names are extracted at test time (nothing of the corpus is copied here):
every word the corpus writes capitalised in mid-sentence and never in lower
case, at least four letters long, plus every Arabic-script word of the corpus,
minus a short list of common English words that the corpus happens to
capitalise (months, weekdays, titles, kinds of organisation). Any occurrence
in the core's code, comments or docstrings fails the test, in any case
("tehran" in a lower-case table counts). The product's own name
(khaddam-align, KhaddamError) is not a person.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "khaddam_align"

# Common English words the corpus capitalises (headings, titles, kinds of bodies), not names.
COMMON = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    english arabic french american british
    king prime supreme chief director secretary-general sheikh sultan ayatollah brig interior
    agency brotherhood charter front guard ministry organization news east west middle
    development opened splits""".split()  # noqa: SIM905
)


def corpus_names(corpus: Path) -> set[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt")))
    lower = set(re.findall(r"\b[a-z][a-z]+\b", text))
    names: set[str] = set()
    for m in re.finditer(r"(?<=[a-z,;] )([A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)\b", text):
        word = m.group(1)
        if word.lower() not in lower and len(word) >= 4 and word.lower() not in COMMON:
            names.add(word)
    names |= {w for w in re.findall("[\u0621-\u064a]{3,}", text)}
    return names


def occurrences(names: set[str], root: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for name in names:
            if name[0].isascii():
                pattern = rf"(?<![\w-]){re.escape(name)}(?![\w]|-align)"
                flags = re.IGNORECASE
            else:
                pattern = rf"(?<![\u0621-\u064a]){re.escape(name)}(?![\u0621-\u064a])"
                flags = 0
            if re.search(pattern, source, flags):
                found.setdefault(name, []).append(str(path.relative_to(root.parent)))
    return found


def test_the_core_names_no_person_or_place_of_the_corpus(corpus_dir: Path) -> None:
    names = corpus_names(corpus_dir)
    assert len(names) > 50  # the extraction works (the corpus names many people and places)
    found = occurrences(names, CORE)
    assert not found, f"corpus names in khaddam_align/: {found}"


def test_the_check_finds_a_planted_name(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "table.py").write_text('PLACES = {"zanzibar": 1}  # khaddam-align\n', encoding="utf-8")
    assert occurrences({"Zanzibar", "Khaddam"}, pkg) == {"Zanzibar": ["pkg/table.py"]}


@pytest.mark.parametrize("word", ["March", "Sunday", "Ministry"])
def test_common_words_are_not_names(word: str) -> None:
    assert word.lower() in COMMON

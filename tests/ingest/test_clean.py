"""Cleaning on our own small scraped-looking texts (the corpus has its own tests)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from khaddam_align.ingest.clean import analyze, stray, title_like
from khaddam_align.storage.models import SegmentKind

BODY = (
    "The committee met on Monday and discussed the budget for the coming year in great detail. "
    "Members agreed to publish the minutes."
)
BODY2 = "A second long paragraph follows here, with enough words to count as body text for the cleaner."

SCRAPED = (
    "Budget Talks Resume in the Capital\n"
    "\n"
    "A file photo of the parliament building (AFP)\n"
    "A file photo of the parliament building (AFP)\n"
    "TT\n"
    "20\n"
    "\n"
    "Budget Talks Resume in the Capital\n"
    "\n"
    f"{BODY}\n"
    "\n"
    f"{BODY2}\n"
)


def _reasons(text: str, article: int = 0) -> list[tuple[str, str]]:
    a = analyze(text)[article]
    return [(e.reason, text[e.start : e.end]) for e in a.exclusions]


def _kinds(text: str, article: int = 0) -> list[tuple[SegmentKind, str]]:
    a = analyze(text)[article]
    return [(k.kind, text[k.start : k.end]) for k in a.kinds]


def test_repeated_title_caption_and_stray_lines_are_excluded() -> None:
    assert _reasons(SCRAPED) == [
        ("repeated caption", "A file photo of the parliament building (AFP)"),
        ("stray short line", "TT"),
        ("stray short line", "20"),
        ("repeated title", "Budget Talks Resume in the Capital"),
    ]
    assert _kinds(SCRAPED) == [
        (SegmentKind.TITLE, "Budget Talks Resume in the Capital"),
        (SegmentKind.CAPTION, "A file photo of the parliament building (AFP)"),
    ]


def test_header_is_metadata_and_credit_line_and_repeated_standfirst_are_excluded() -> None:
    text = (
        "Title of the Piece\n\npublisher: The Weekly Review\n\nPublishing date: 2024-03-23\n\n\n"
        f"{BODY}\n\nThe Weekly Review\n{BODY}\n\n{BODY2}\n"
    )
    a = analyze(text)[0]
    assert a.title == "Title of the Piece"
    assert a.header.fields == {"publisher": "The Weekly Review", "date": "2024-03-23"}
    assert [(e.reason, text[e.start : e.end][:20]) for e in a.exclusions] == [
        ("metadata header", "publisher: The Weekl"),
        ("publisher credit line", "The Weekly Review"),
        ("repeated standfirst", BODY[:20]),
    ]
    # Header lines are kept as meta kind ranges, for when the user includes them again.
    assert [k.kind for k in a.kinds] == [SegmentKind.TITLE, SegmentKind.META, SegmentKind.META]


def test_caption_set_apart_by_blank_lines() -> None:
    text = (
        f"Heading Line\n\n{BODY}\n\n\n\n"
        "The minister greets the delegation at the airport on Monday.\n\n\n"
        f"{BODY2}\n"
    )
    assert (SegmentKind.CAPTION, "The minister greets the delegation at the airport on Monday.") in _kinds(text)


def test_ordinary_text_is_left_alone() -> None:
    filler = "".join(f"Paragraph {i} says something new about the budget, at some length.\n\n" for i in range(9))
    text = f"{BODY}\n\n{BODY2}\n\nShort heading\n\n{filler}{BODY}\n"  # a far repeat is not noise
    a = analyze(text)
    assert len(a) == 1
    assert a[0].exclusions == ()
    assert a[0].title == ""  # the first line is a sentence, not a title


def test_appended_article_is_found_by_its_repeated_title() -> None:
    second = "Another Story Entirely, About Rivers?"
    text = SCRAPED + f"\n\n\n{second}\n\nRiver photo by a reader (Reuters)\nTT\n\n{second}\n\n{BODY2}\n"
    articles = analyze(text)
    assert len(articles) == 2
    assert articles[1].title == second
    assert text[articles[1].start :].startswith(second)
    assert text[: articles[0].end].endswith(f"{BODY2}\n\n\n\n")
    assert ("repeated title", second) in _reasons(text, 1)


def test_appended_article_is_found_by_its_header() -> None:
    text = (
        f"First Title\n\npublisher: Daily A\n\n{BODY}\n\n{BODY2}\n\n"
        f"Second Title Here\n\nAUTHOR: Someone Else\n\n{BODY2}\n"
    )
    articles = analyze(text)
    assert [a.title for a in articles] == ["First Title", "Second Title Here"]
    assert articles[1].header.fields == {"author": "Someone Else"}


def test_sub_headings_do_not_start_articles() -> None:
    text = f"Main Title\n\n{BODY}\n\nA Sub-heading\n\n{BODY2}\n\nBy contrast, another heading\n\n{BODY}\n"
    assert len(analyze(text)) == 1


def test_crlf_offsets_point_at_the_lines() -> None:
    text = SCRAPED.replace("\n", "\r\n")
    assert [t for _, t in _reasons(text)] == [t for _, t in _reasons(SCRAPED)]


def test_stray_and_title_like() -> None:
    assert stray("TT")
    assert stray("20")
    assert stray("__")
    assert stray("٢٠")
    assert not stray("Yes.")
    assert not stray("1-")
    assert not stray("")
    assert title_like("Who are Saraya Ansar al-Sunna?")
    assert not title_like("A sentence that ends.")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["", "TT", "20", "Budget Talks", BODY, BODY2, "photo of X (AFP)", "publisher: P"]),
            st.text(alphabet="ab .\n\r؟م", max_size=30),
        ),
        max_size=25,
    )
)
def test_ranges_are_inside_the_text_and_ordered(parts: list[str]) -> None:
    text = "\n".join(parts)
    articles = analyze(text)
    assert articles
    prev_end = 0
    for a in articles:
        assert prev_end <= a.start <= a.end <= len(text)
        prev_end = a.end
        ends = 0
        for e in a.exclusions:
            assert a.start <= e.start < e.end <= a.end
            assert e.start >= ends  # ordered, non-overlapping
            ends = e.end
            assert text[e.start : e.end].strip() == text[e.start : e.end]
        for k in a.kinds:
            assert a.start <= k.start < k.end <= a.end


def test_header_before_the_title() -> None:
    text = f"publisher: The Weekly\nAUTHOR: Sam\n\nThe Real Title\n\n{BODY}\n"
    [a] = analyze(text)
    assert a.title == "The Real Title"
    assert a.header.fields == {"publisher": "The Weekly", "author": "Sam"}
    assert [k.kind for k in a.kinds] == [SegmentKind.META, SegmentKind.META, SegmentKind.TITLE]


POLITICS = (
    "The parliament debated the national budget until midnight, and ministers defended their spending plans. "
    "Opposition leaders demanded hearings about taxation, pensions, hospitals and regional investment. "
    "Several committees promised amendments before Thursday, while treasury officials published revised forecasts. "
    "Analysts expected negotiations between coalition partners to continue throughout the following weeks."
)
FARMING = (
    "Farmers along the river planted barley early because spring rainfall arrived sooner than usual. "
    "Agronomists recommended rotating lentils with wheat, irrigating orchards carefully and protecting seedlings. "
    "Cooperative storage barns filled quickly; tractors, harvesters and livestock trailers crowded village roads. "
    "Veterinarians vaccinated cattle, goats and sheep against seasonal illnesses before summer grazing."
)


def test_appended_article_is_found_by_a_topic_break_without_scraper_noise() -> None:
    text = f"Budget Debate Runs Late\n\n{POLITICS}\n\n{POLITICS}\n\n\n\nA Good Season on the Farms\n\n{FARMING}\n\n{FARMING}\n"
    articles = analyze(text)
    assert [a.title for a in articles] == ["Budget Debate Runs Late", "A Good Season on the Farms"]


def test_a_sub_heading_after_a_gap_on_the_same_topic_is_not_a_break() -> None:
    text = f"Budget Debate Runs Late\n\n{POLITICS}\n\n\n\nMinisters Defend Spending\n\n{POLITICS}\n"
    assert len(analyze(text)) == 1


def test_quoted_sentences_are_not_titles() -> None:
    assert not title_like("“We stand strong on our land.”")
    assert title_like("“We Will Not Accept It”")

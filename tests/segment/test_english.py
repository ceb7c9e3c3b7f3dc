"""English sentence rules on short, hand-written examples."""

from __future__ import annotations

import pytest

from khaddam_align.segment import segment_text
from khaddam_align.storage.models import SegmentKind


def sentences(text: str, language: str = "en") -> list[str]:
    return [text[s.start : s.end] for s in segment_text(text, language)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # titles and ranks before names
        (
            "They met Brig. Gen. Mohammed Nassif. He listened.",
            ["They met Brig. Gen. Mohammed Nassif.", "He listened."],
        ),
        ("Mr. Chirac called. Dr. Bashar returned.", ["Mr. Chirac called.", "Dr. Bashar returned."]),
        (
            "Ask Maj. Smith and Mrs. Jones at St. Paul.",
            ["Ask Maj. Smith and Mrs. Jones at St. Paul."],
        ),
        # initials and dotted acronyms
        ("President George W. Bush spoke.", ["President George W. Bush spoke."]),
        (
            "The U.S. President and the U.N. envoy met.",
            ["The U.S. President and the U.N. envoy met."],
        ),
        ("He lived in the U.S. The war began.", ["He lived in the U.S.", "The war began."]),
        # numbers, dates, times
        (
            "It fell 2.5 percent on Jan. 26 after 9/11. Then it rose.",
            ["It fell 2.5 percent on Jan. 26 after 9/11.", "Then it rose."],
        ),
        ("See No. 10 Downing Street. It is old.", ["See No. 10 Downing Street.", "It is old."]),
        ("We met at 10 a.m. on Monday.", ["We met at 10 a.m. on Monday."]),
        # closing quotes
        (
            "Kharrazi interjected: “He suggested reconciliation.” Khatami responded: “No.”",
            ["Kharrazi interjected: “He suggested reconciliation.”", "Khatami responded: “No.”"],
        ),
        (
            "“What steps can we take before the war starts?” al-Assad asked Khatami. “How?",
            ["“What steps can we take before the war starts?” al-Assad asked Khatami.", "“How?"],
        ),
        ('He said "Stop!" She left.', ['He said "Stop!"', "She left."]),
        ("He said 'go.' She went.", ["He said 'go.'", "She went."]),
        (
            "It was “the initial step”. Chirac agreed.",
            ["It was “the initial step”.", "Chirac agreed."],
        ),
        ("He shouted “No!” and left.", ["He shouted “No!” and left."]),
        # sentences inside a quote
        (
            "Khatami continued, “Allow me to explain. I had two meetings. Both were long.”",
            ["Khatami continued, “Allow me to explain.", "I had two meetings.", "Both were long.”"],
        ),
        # ellipses
        (
            "America’s foolishness will start… they haven’t left a way out.",
            ["America’s foolishness will start… they haven’t left a way out."],
        ),
        (
            "It is a concern… I’ve discussed it. Fine...",
            ["It is a concern…", "I’ve discussed it.", "Fine..."],
        ),
        ("Wait... Then go.", ["Wait...", "Then go."]),
        # parentheses
        (
            "Three CIA members (CIA). Both worked (see below.) Then they left.",
            ["Three CIA members (CIA).", "Both worked (see below.)", "Then they left."],
        ),
        ("Did he? Yes! Good.", ["Did he?", "Yes!", "Good."]),
        (
            "He wrote «هل انتهت الحرب؟ لا.» Then he left.",
            ["He wrote «هل انتهت الحرب؟", "لا.»", "Then he left."],
        ),
        (
            "It ended.\u200e Then Gen.\u200e Nassif left.",
            ["It ended.\u200e", "Then Gen.\u200e Nassif left."],
        ),
        # a quoted question followed by who asked it
        (
            "“Why now?” President Khatami asked. “Never!” Assad said firmly. Then they ate.",
            [
                "“Why now?” President Khatami asked.",
                "“Never!” Assad said firmly.",
                "Then they ate.",
            ],
        ),
        (
            "“Is it over?” Khatami responded: “No.” “Why?” The Americans said nothing.",
            ["“Is it over?”", "Khatami responded: “No.”", "“Why?”", "The Americans said nothing."],
        ),
        # lowercase "al-" names and quotes opening after a bare period
        (
            "“It is over,” Sultan said. “al-Sharaa’s role ended.” He left.",
            ["“It is over,” Sultan said.", "“al-Sharaa’s role ended.”", "He left."],
        ),
        (
            "They met in Damascus. al-Assad spoke first.",
            ["They met in Damascus.", "al-Assad spoke first."],
        ),
        ("The U.S. “war on terror” began.", ["The U.S. “war on terror” began."]),
        ("“We will win.” he said.", ["“We will win.” he said."]),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_headings_are_their_own_segments() -> None:
    text = "War feels unavoidable\n\nThe campaign intensified. It spread.\n\nwhere it ends"
    spans = segment_text(text, "en")
    assert [(text[s.start : s.end], s.kind, s.paragraph) for s in spans] == [
        ("War feels unavoidable", SegmentKind.HEADING, 0),
        ("The campaign intensified.", SegmentKind.BODY, 1),
        ("It spread.", SegmentKind.BODY, 1),
        ("where it ends", SegmentKind.BODY, 2),
    ]


def test_a_long_line_without_final_stop_is_body() -> None:
    text = " ".join(["word"] * 40)
    (span,) = segment_text(text, "en")
    assert span.kind is SegmentKind.BODY


def test_list_items_and_numbers_are_not_headings() -> None:
    text = "Saddam takes the initiative\n4 - Opening the borders by both sides\n20\n__"
    kinds = [s.kind for s in segment_text(text, "en")]
    assert kinds == [SegmentKind.HEADING, SegmentKind.BODY, SegmentKind.BODY, SegmentKind.BODY]

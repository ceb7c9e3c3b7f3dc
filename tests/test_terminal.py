"""Arabic for terminals: shaped and reordered only where no bidi engine will do it."""

from __future__ import annotations

import io

from khaddam_align.terminal import display_text, has_arabic

ARABIC = "قال خدام: نعم"


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _presentation_forms(text: str) -> bool:
    return any("\ufb50" <= ch <= "\ufeff" for ch in text)


def test_auto_shapes_arabic_only_for_a_terminal() -> None:
    shown = display_text(ARABIC, mode="auto", stream=FakeTerminal())
    assert _presentation_forms(shown)  # joined letter forms, as a shaping engine would draw them
    assert shown != ARABIC
    assert display_text(ARABIC, mode="auto", stream=io.StringIO()) == ARABIC  # a pipe or file: logical text


def test_on_and_off_override_auto() -> None:
    assert _presentation_forms(display_text(ARABIC, mode="on", stream=io.StringIO()))
    assert display_text(ARABIC, mode="off", stream=FakeTerminal()) == ARABIC


def test_english_is_never_touched_and_lines_stay_lines() -> None:
    assert display_text("Khaddam said yes.", mode="on") == "Khaddam said yes."
    two = display_text(f"{ARABIC}\n{ARABIC}", mode="on")
    assert two.count("\n") == 1
    assert has_arabic(ARABIC)
    assert not has_arabic("Tehran, 16 March 2003")

from __future__ import annotations

from khaddam_align.naming import RenderingIdentity, distinct_names, rendering_name


def test_names_come_from_publisher_and_language() -> None:
    assert rendering_name(RenderingIdentity(1, "en", publisher="Asharq Al-Awsat")) == "Asharq Al-Awsat (English)"
    assert rendering_name(RenderingIdentity(2, "ar", original=True)) == "Arabic original"
    assert rendering_name(RenderingIdentity(2, "ar", publisher="أرشيف", original=True)) == "Arabic original"
    assert rendering_name(RenderingIdentity(3, "en", file_name="/x/minutes_v2.txt")) == "minutes_v2 (English)"
    assert rendering_name(RenderingIdentity(4, "en")) == "rendering 4 (English)"


def test_clashing_names_are_told_apart() -> None:
    a = RenderingIdentity(1, "en", publisher="P", published="2021-01-01")
    b = RenderingIdentity(2, "en", publisher="P", published="2024-01-01")
    c = RenderingIdentity(3, "en", publisher="P", published="2024-01-01")
    names = distinct_names([a, b, c])
    assert len(set(names)) == 3
    assert names[0] == "P (English, 2021-01-01)"

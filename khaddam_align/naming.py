"""How a rendering is named to people: "The Daily Example (English)", "Arabic original".

Every place that shows a rendering (the app, the CLI's descriptions, every report) uses
:func:`rendering_name`, never "A"/"B". The name comes from the publisher and language,
with the file name as a fallback; :func:`distinct_names` adds a date or id when two
renderings of one view would otherwise read the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

LANGUAGE_NAMES = {"ar": "Arabic", "en": "English", "fr": "French"}


@dataclass(frozen=True, slots=True)
class RenderingIdentity:
    """The fields a name is made from (a ``Rendering`` row has all of them)."""

    id: int
    language: str
    publisher: str = ""
    file_name: str = ""
    published: str = ""
    original: bool = False  # the pivot (source-language) rendering of a view


def rendering_name(r: RenderingIdentity) -> str:
    lang = LANGUAGE_NAMES.get(r.language, r.language or "unknown language")
    if r.original:  # the pivot: its publisher is in the sources table; two originals get a date or id
        return f"{lang} original"
    who = r.publisher or (PurePath(r.file_name).stem if r.file_name else "") or f"rendering {r.id}"
    return f"{who} ({lang})"


def distinct_names(renderings: Sequence[RenderingIdentity]) -> list[str]:
    """Names for renderings shown together; ties get the date, then the id, appended."""
    names = [rendering_name(r) for r in renderings]
    for extra in (lambda r: r.published, lambda r: f"#{r.id}"):
        clashing = [i for i, name in enumerate(names) if names.count(name) > 1]
        for i in clashing:
            tag = extra(renderings[i])
            if tag:
                names[i] = f"{names[i][:-1]}, {tag})" if names[i].endswith(")") else f"{names[i]} ({tag})"
    return names

def identity_of(rendering: object, *, original: bool = False) -> RenderingIdentity:
    """A ``RenderingIdentity`` from anything with the Rendering fields (an ORM row, a summary)."""
    return RenderingIdentity(
        id=int(getattr(rendering, "id", 0) or 0),
        language=str(getattr(rendering, "language", "") or ""),
        publisher=str(getattr(rendering, "publisher", "") or ""),
        file_name=str(getattr(rendering, "file_name", "") or ""),
        published=str(getattr(rendering, "published", "") or ""),
        original=original,
    )


def originals(languages: Sequence[str]) -> list[bool]:
    """Which renderings of a view are its original: the Arabic ones when some rendering is in
    another language (the pivot, wherever its column stands: an alignment made English first
    still calls the Arabic the original); with no Arabic, the first when the languages differ;
    none when all share one language."""
    if len(set(languages)) <= 1:
        return [False] * len(languages)
    if "ar" in languages:
        return [lang == "ar" for lang in languages]
    return [k == 0 for k in range(len(languages))]


def view_names(renderings: Sequence[object]) -> list[str]:
    """The names of the renderings shown together in one view, report or description, in order
    (anything with the Rendering fields: an ORM row, a summary)."""
    flags = originals([str(getattr(r, "language", "") or "") for r in renderings])
    return distinct_names([identity_of(r, original=o) for r, o in zip(renderings, flags, strict=True)])


"""Every severity the detectors give, in one named table with the reasoning beside it.

A detector's severity is its confidence that the finding matters to a
fact-checker, in [0, 1]; ``rank`` then multiplies by the type's weight
(``TYPE_WEIGHT``). Changing a value here changes the ranking everywhere.
"""

from __future__ import annotations

from khaddam_align.diverge.model import DivergenceType

SEVERITY: dict[str, float] = {
    # Numbers: a figure is the most checkable fact; a different figure in the sentence that renders it
    # is almost always a real change (or an error one rendering made).
    "number.changed": 0.85,
    # A figure with no counterpart in the paired sentence or its neighbours: usually dropped or added
    # information, sometimes a rewording ("a dozen" / "several").
    "number.missing": 0.8,
    # The same, where no sentence of the other rendering pairs with this one (weaker evidence).
    "number.missing_unpaired": 0.74,
    # Subtracted for small counts written as words ("two countries"): often rephrased away.
    "number.small_word_discount": 0.35,
    # Dates (weekday, month, relative day, calendar date) that both sentences give and that differ:
    # real, but below changes of quantity, meaning and speaker (the ranking rule).
    "date.changed": 0.6,
    # Speakers: the same statement given to another person; raised by shared context and similarity.
    "speaker.base": 0.62,
    "speaker.per_shared_person": 0.1,
    "speaker.similarity_factor": 0.4,
    "speaker.max": 0.95,
    # Across languages the holder is found with less context (pronouns, titles): a little lower.
    "speaker.cross_language": 0.75,
    # Entities: one proper name replaced by another inside otherwise identical words.
    "entity.substituted": 0.75,
    # One name in place of another in a freely reworded sentence (each side has a capitalised name the
    # other sentence lacks): weaker evidence than the same words around it; below a dropped quote.
    "entity.swapped_in_paraphrase": 0.5,
    # A person named on one side only, never named anywhere in the other rendering.
    "entity.only_here": 0.7,
    # Named here but elsewhere in the other rendering: probably moved, not lost.
    "entity.named_elsewhere": 0.3,
    # A title whose qualifier differs ("former president" / "president").
    "entity.title": 0.8,
    # A name of the Arabic original that the English link does not carry (by transliteration).
    "entity.cross_language": 0.6,
    # The same when the Arabic link names nobody else there: often a pronoun made explicit ("his country").
    "entity.cross_language_unreplaced": 0.4,
    # Meaning: negation, certainty and direction; base and caps of the combined score.
    "meaning.base": 0.33,
    "meaning.max": 0.8,
    # A negation or hedge in two loosely similar sentences of a one-to-one link (two free translations):
    # worth a look, ranked below every finding with closer evidence.
    "meaning.loose": 0.53,
    # Negation or certainty that differs between the Arabic original and an English rendering.
    "meaning.cross_negation": 0.62,
    "meaning.cross_certainty": 0.55,
    # Quotes: a direct quote turned into reported speech whose words, speaker or claim changed.
    "quote.paraphrased": 0.45,
    "quote.per_similarity": 0.2,
    # The Arabic quotes directly and the English reports it in its own words.
    "quote.cross_language": 0.5,
    # Omissions and additions: base plus what the passage carried (capped).
    "omission.base": 0.2,
    "omission.words_max": 0.16,
    "omission.quote_with_speaker": 0.22,
    "omission.quote": 0.14,
    "omission.figures": 0.12,
    "omission.people": 0.15,
    "omission.max": 0.7,
    # Against the Arabic original every passage the English adds or drops is a fidelity question
    # (there is no second rendering's editorial choice to weigh it against): at least this much.
    "omission.against_original": 0.6,
}

# Type weights: factual changes (speaker, number) above changes of wording.
TYPE_WEIGHT: dict[DivergenceType, float] = {
    DivergenceType.SPEAKER: 1.0,  # who said it: the fact-checker's first question
    DivergenceType.NUMBER: 1.0,  # figures and dates are directly checkable
    DivergenceType.ENTITY: 0.95,  # a different person or place changes the fact
    DivergenceType.MEANING: 0.95,  # negation and certainty change the claim
    DivergenceType.OMISSION: 0.9,  # lost content matters, but is often editorial condensing
    DivergenceType.ADDITION: 0.85,  # added content: an editor's gloss more often than a falsification
    DivergenceType.QUOTE: 0.8,  # quote vs paraphrase is a change of form first
}


def severity(name: str) -> float:
    """The named severity (KeyError for an unknown name: every value lives in ``SEVERITY``)."""
    return SEVERITY[name]

"""Every tuned number of the aligner, in one place, with the reason beside it.

Values were tuned on the dev benchmarks (``bench/align_quality.py``,
``bench/align_dev_sets.py``; numbers in docs/benchmarks.md), never on the
held-out sets. Each value is read by exactly one stage:

- ``CostParams`` → candidate scores (``scoring.BeadScorer``);
- ``PassParams`` → the orchestration and post-passes (``core``, ``postpass``,
  ``coverage``, ``shapes``).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CostParams:
    """Weights of the bead cost; ``ratio`` None means learn it from the two texts."""

    length_weight: float = 1.0
    variance: float = 6.8  # Gale–Church s²: variance of B length per A character
    ratio: float | None = None
    lexical_weight: float = 4.0
    neutral: float = 0.3  # similarity at which anchors neither help nor hurt
    evidence_scale: float = 3.0  # anchor weight at which evidence counts half
    skip: float = 3.0
    # Skipping a segment that resembles nothing on the other side is cheaper: the skip
    # cost runs from ``skip_low`` (best 1-1 similarity 0) up to ``skip`` (≥ ``skip_sim``).
    skip_low: float | None = None
    skip_sim: float = 0.5
    nonbody_skip: float = 1.0
    kind_penalty: float = 2.0
    paragraph_bonus: float = 0.3
    # English↔English: bonus for 1-1 links whose normalised texts are close by
    # rapidfuzz token_sort_ratio: fuzzy_weight · max(0, ratio − fuzzy_floor).
    fuzzy_weight: float = 0.0
    fuzzy_floor: float = 0.5
    priors: dict[tuple[int, int], float] = field(
        default_factory=lambda: {(1, 1): 0.0, (1, 2): 1.5, (2, 1): 1.5, (2, 2): 2.5, (1, 3): 3.0, (3, 1): 3.0}
    )

    def prior(self, shape: tuple[int, int]) -> float:
        # Shapes beyond the table (1-4 …) cost one more step each.
        return self.priors.get(shape, 1.5 * (max(shape) - 1) + 1.0)


# English↔English (``lexical``): shared content words are the main signal, so they weigh
# most; skips are dear unless a segment resembles nothing (skip_low) — two publishers'
# introductions share no sentence. The rapidfuzz bonus (fuzzy_*) tells a paraphrase from
# a sentence that merely shares topic words. Moving lexical_weight 8.5 → 7.5 or the 2-2
# prior 2.5 → 2.0 lets chains of 2-2 links form across the corpus pair's introductions.
LEXICAL = CostParams(
    length_weight=0.8,
    variance=12.0,
    lexical_weight=8.5,
    neutral=0.35,
    skip=2.2,
    skip_low=0.5,
    skip_sim=0.4,
    nonbody_skip=0.6,
    fuzzy_weight=3.0,
    fuzzy_floor=0.5,
)
# Arabic↔English (``length``): anchors are sparse (names, numbers, a learned dictionary)
# so length carries more; the variance is smaller than Gale–Church's 6.8 because the
# ratio is learned from the pair itself.
CROSS = CostParams(length_weight=1.0, variance=4.5, lexical_weight=7.0, neutral=0.25, skip=2.0, nonbody_skip=1.0)


@dataclass(frozen=True)
class PassParams:
    """Tuned constants of the passes around the DP."""

    # English↔English rapidfuzz ratios for every pair up to this many (A × B segments);
    # beyond, a first pass without them and a second within ± refine_width // 2 of its path
    # (the ratios of joined texts are the costly part).
    fuzzy_cells: int = 300_000
    # Coarse pass: an anchor on more than this many blocks says little about where the path
    # goes; for English↔English content words such pairs dominate memory (2.6 M pairs at
    # 5,000 segments), hence the lower limit there.
    coarse_max_postings: int = 400
    coarse_max_postings_lexical: int = 150
    # English↔English: a lone 1-0 next to a lone 0-1 with rapidfuzz ratio ≥ this is one link.
    lone_fuzzy: float = 0.5
    # English↔English: a match below both is weak (``postpass.unlink_isolated``; tuned on
    # corpus 001/002 and bible en_web/en_bbe).
    weak_similarity: float = 0.25
    weak_fuzzy: float = 0.52
    # Arabic↔English dictionary (``lexicon.learn_em``, IBM Model 1 on the first pass's links):
    # a word pair enters when t(English | Arabic) reaches this. Strict F1 by threshold —
    # bible ar↔en_web / ar↔en_bbe / literary / news: 0.2: .700/.646/.790/–;
    # 0.35: .755/.700/.826/.919; 0.45: .774/.729/.805/.928; 0.5: .760/.701/.798/.928;
    # 0.65: .731/.620/.785/– (Dice, before: .741/.636/.793/.925).
    lexicon_min_prob: float = 0.45
    # Partial coverage (``coverage``): a side whose text is this many times shorter than
    # the usual length ratio of the language pair predicts is treated as a possible excerpt.
    # Whole renderings stay within ×1.3 of the usual ratio on the dev data; excerpts of
    # 15–30 % are ×3.3–6.7.
    excerpt_factor: float = 1.6
    # Usual B/A length ratio (characters without spaces) of English over Arabic; measured on
    # ntrex news (1.07) and bible ar_svd↔en_web (1.55) / en_bbe (1.63): unvocalised classical
    # Arabic is compact. Used to detect an excerpt; the ratio of the shared stretch is then
    # chosen among ``excerpt_ratios`` (English over Arabic) by the cheapest first-pass path.
    en_over_ar: float = 1.3
    excerpt_ratios: tuple[float, ...] = (0.9, 1.0, 1.15, 1.3, 1.45, 1.6, 1.75)
    # Beyond this many DP cells every other ratio of the grid is tried (4 passes instead of 7).
    excerpt_grid_cells: int = 300_000
    # Excerpts (measured with bench/align_dev_sets.py, two-sided strict F1, default install,
    # seeds 0 / 1000 / 2000, Arabic excerpt | English excerpt; before: .733 .675 .792 |
    # .711 .710 .594). Name-less excerpts (bible) failed mostly by placing the whole stretch
    # in the wrong place: the length pattern alone fits several places about equally well.
    #
    # Extra rounds of the dictionary pass (IBM Model 1 re-estimated on the links of the
    # previous round — the found stretch only — then the text aligned again). One round:
    # .744 .692 .794 | .729 (seed 0, with nothing else); two rounds no better than one.
    excerpt_lexicon_rounds: int = 1
    # The first pass keeps the path of lowest cost − ``excerpt_pattern_weight`` ×
    # ``lexicon.shared_patterns`` (link sets that an A word and a B word both occur in, beyond
    # the number expected by chance: the words of one rendering and their translations recur
    # together only where the stretch really is). Each ratio offers its cheapest path and the
    # paths to other end cells of the stretch along the free side, at least
    # ``excerpt_end_spacing`` × the excerpt's segment count apart, as many as
    # ``excerpt_alternative_links`` / that count and ``excerpt_alternative_steps`` / the segments
    # of both sides (at least 3; short excerpts are the ambiguous ones, long ones carry more
    # evidence and cost more to weigh; each path is traced through the whole text, so a short
    # excerpt of a very long text weighs fewer: 30 English verses in 5,000 Arabic took 3.0 s CPU
    # with 133 paths per ratio, 2.35 s with 39, 2.07 s before). None for an excerpt of fewer
    # segments than ``faithful_min_links``: the patterns count nothing there, the cheapest path
    # wins anyway (5 verses in 5,000: 8.5 s with 800 paths per ratio, now 2.08 s as before).
    # Measured with bench/excerpt_seeds.py (seeds 0–5, two-sided strict F1, mean / min,
    # Arabic excerpt | English excerpt). Before (faithful word pairs × 0.75, 3 other ends an
    # excerpt's length apart): .831 / .744 | .815 / .720. Shared patterns × 1.5 with those 3
    # ends: .817 | .822 (the right place is seldom among them); 40 end cells 10 % of the
    # excerpt apart × 1.5: .875 | .841, × 2.0: .878 | .841, × 3.0: .861 | .829; 20 ends 20 %
    # apart × 2.0: .869 | .836; every end cell × 2.0: .880 / .838 | .848 / .733, and 5 % apart
    # (kept) the same. Faithful word pairs × 0.75 with 40 ends: .838 | .830 (chance pairs win
    # among many paths: a phrase of 3 words in 2 links makes 9 pairs, one pattern). Measured
    # and not kept: a prior on the ratio of the stretch (no better), the dictionary pass from
    # the best 2–3 paths (worse on average), a finer ratio grid 0.9 … 1.9 by 0.1 (no better,
    # slower).
    excerpt_pattern_weight: float = 2.0
    excerpt_end_spacing: float = 0.05
    excerpt_alternative_links: int = 4000
    excerpt_alternative_steps: int = 200_000
    # ``shared_patterns`` counts nothing for a path of fewer matched links: in 4 links, words in
    # 2 of them co-occur by chance (with faithful word pairs, news excerpts of 4 sentences lost
    # their right place: .917 → .877); 6 and 9 measured alike.
    faithful_min_links: int = 6
    # Wide links (``beads.plan_shapes``): when a side's segments are this many times longer
    # (median, after the length ratio) than the other side's, links 1-k and 2-k up to
    # ``wide_max`` are allowed. Perturbed news and bible pairs stay under 1.55 (merges and
    # splits included); the literary dev documents are 1.74–5.1.
    wide_fanout: float = 1.65
    # Or, for whole texts, when both the median and the mean fan-out (the ratio of segment counts)
    # reach ``wide_fanout_both``: a few literary dev documents have a median fan-out of only
    # 1.47–1.63 (short lines of one sentence among long ones) but 1.6–2.3 segments per segment,
    # and without wide links lose half their links. Perturbed news and bible: median ≤ 1.53
    # and counts ≤ 1.07.
    wide_fanout_both: float = 1.4
    wide_max: int = 8
    # Wide-link priors: a 1-k link costs ``wide_step`` per segment beyond the first (one long
    # sentence rendered as several lines is the norm there, not the exception: strict F1 on
    # the literary dev set 0.74 at 0–0.3, 0.73 at 0.6, 0.70 at 1.5); a 2-k link costs
    # ``wide_two_extra`` more than a 1-(k-1) one (the same as the 2-2 prior).
    wide_step: float = 0.5
    wide_two_extra: float = 2.5
    # Where wide links are allowed the other bead costs change too (``plan.wide_costs``): the
    # length variance × ``wide_variance_factor`` (a clause line's length says less than a whole
    # sentence's), the anchor term × ``wide_lexical_factor`` (the dictionary learned from the
    # text's own links is noisy; lines of the same sentence share its words) and skips
    # ``wide_skip_extra`` dearer (one long sentence as several lines leaves little one-sided;
    # issue 12 reports 250 one-sided links predicted on a held-out literary set whose gold has 3).
    # Literary dev set, strict F1, mean of seeds 0–2 with paragraphs | without (clause cues on):
    # as before (1, 1, 0) .840 | .795; variance × 1.5 .852 | .830, × 2 .848 | .821, × 3
    # .841 | .776, × 0.6 .790 | .756; anchors × 0.7 .857 | .819, × 0.5 .855 | .828, × 1.5
    # .794 | .739; skips + 1 .875 | .799, + 2 .872 | .803. Together (1.5, 0.7, +1): .883 | .873
    # (variance × 1.3 .886 | .871, × 2 .888 | .840; anchors × 0.5 .890 | .846; skips + 2
    # .883 | .873, + 0.5 .885 | .841). Checked on seeds 3–5 (not tuned on): .855 | .821 →
    # .896 | .863.
    wide_variance_factor: float = 1.5
    wide_lexical_factor: float = 0.7
    wide_skip_extra: float = 1.0
    # Confidence: where wide links are allowed, a link's size counts at most as a 1-3's (the
    # calibration was fitted on material where links wider than 1-3 did not exist; uncapped,
    # right 1-6 … 1-8 links of the literary dev set got confidence 0.04–0.1).
    wide_confidence_extra: float = 2.0
    # Clause cues where wide links are allowed (``clauses``): a link starting on a line that
    # begins lower-case costs ``wide_cue_start`` more, one ending on a line without a full stop
    # ``wide_cue_end`` more. On the literary dev set (bench/align_dev_sets.py --only literary
    # --no-glosses, strict F1, mean of seeds 0–2, with paragraphs | without): none .799 | .748;
    # 0.2/0.2 .827 | .804; 0.3/0.15 .827 | .807; 0.3/0.3 .840 | .795; 0.3/0.4 .844 | .793;
    # 0.5/0.5 .829 | .786; 1.0/1.0 .756 | .718 (dearer cues push true boundaries: a Bible verse
    # may start lower-case and end on a comma). Texts of whole sentences give no cue.
    wide_cue_start: float = 0.3
    wide_cue_end: float = 0.3
    # A cue more than this share of a side's segments have is dropped: it tells no line from
    # another (lines without punctuation, all lower case) and would make every link dearer. On
    # the literary dev set 31–45 % of the English lines continue and 55–60 % are open.
    wide_cue_uniform: float = 0.9


PASSES = PassParams()

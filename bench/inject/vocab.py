"""The injection vocabulary: how the benchmark rewrites a sentence to change one fact.

Written for the benchmark alone, before and apart from the detectors' word lists.
Nothing here may be imported by ``khaddam_align``, and nothing here imports from
``khaddam_align.diverge`` or ``khaddam_align.text`` (a test checks both). Where the
benchmark needs a notion the core also has (a number word, a negator, a speech verb)
it lists its own wording, on purpose wider and differently phrased than the detectors'.
"""

from __future__ import annotations

# -- numbers ---------------------------------------------------------------------------
# Cardinal words and the word that replaces each (a different value, same grammar).
CARDINALS: dict[str, int] = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000,
    "dozen": 12, "half": 0,
}  # fmt: skip
CARDINAL_SWAPS: dict[str, tuple[str, ...]] = {
    "two": ("three", "four"), "three": ("two", "five"), "four": ("six", "three"),
    "five": ("seven", "four"), "six": ("eight", "nine"), "seven": ("five", "eleven"),
    "eight": ("six", "twelve"), "nine": ("seven", "nineteen"), "ten": ("twelve", "fifteen"),
    "eleven": ("thirteen", "twelve"), "twelve": ("fourteen", "eighteen"),
    "fifteen": ("fifty", "sixteen"), "twenty": ("thirty", "twelve"), "thirty": ("forty", "thirteen"),
    "forty": ("fourteen", "sixty"), "fifty": ("fifteen", "seventy"), "hundred": ("thousand",),
    "thousand": ("hundred", "million"), "dozen": ("score",),
}  # fmt: skip
ORDINAL_SWAPS: dict[str, tuple[str, ...]] = {
    "first": ("second", "third"), "second": ("third", "fourth"), "third": ("fifth", "second"),
    "fourth": ("sixth", "fifth"), "fifth": ("seventh", "fourth"), "sixth": ("eighth",),
    "seventh": ("ninth",), "tenth": ("twelfth", "eleventh"), "last": ("first",),
}  # fmt: skip
# A digit figure may also be replaced by words for a different value ("12" → "fifteen").
DIGITS_AS_WORDS: dict[int, str] = {
    2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
    10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen",
    16: "sixteen", 17: "seventeen", 18: "eighteen", 19: "nineteen", 20: "twenty",
    30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 100: "a hundred",
}  # fmt: skip

# Arabic number words: the word and the one that replaces it (other value, same gender).
ARABIC_NUMBER_SWAPS: dict[str, str] = {
    "ثلاثة": "خمسة", "خمسة": "سبعة", "سبعة": "تسعة", "أربعة": "ستة", "ستة": "ثمانية",
    "ثلاث": "أربع", "أربع": "ست", "خمس": "ثماني", "عشرة": "عشرين", "عشرين": "ثلاثين",
    "عشرون": "ثلاثون", "مئة": "ألف", "مائة": "ألف", "ألف": "مئة", "مليون": "مليار",
    "اثنين": "ثلاثة", "اثنان": "ثلاثة", "الأول": "الثالث", "الثاني": "الرابع", "الثالث": "الخامس",
}  # fmt: skip
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"

# -- negation -------------------------------------------------------------------------
# (pattern, replacement) pairs as regular expressions over lower-case words; each either
# adds a negation or removes one. Case is restored by the injector.
NEGATION_ADD: tuple[tuple[str, str], ...] = (
    (r"\b(is|are|was|were)\b(?! not\b)", r"\1 not"),
    (r"\b(has|have|had) been\b", r"\1 never been"),
    (r"\b(will|would|can|could|should|must)\b(?! not\b)(?= [a-z])", r"\1 not"),
    (r"\bagreed to\b", "refused to"),
    (r"\bmanaged to\b", "failed to"),
    (r"\bdecided to\b", "decided not to"),
    (r"\bwanted to\b", "did not want to"),
    (r"\bstill\b", "no longer"),
    (r"\balways\b", "never"),
    (r"\beveryone\b", "no one"),
    (r"\beverything\b", "nothing"),
    (r"\bsucceeded\b", "failed"),
    (r"\baccepted\b", "rejected"),
    (r"\ballowed\b", "forbade"),
    (r"\b(likely|able|aware|willing|fair|necessary|known|clear|usual|popular|happy|expected|common)\b", r"un\1"),
    (r"\b(possible|correct|accurate|complete|adequate|visible|direct|formal|sufficient)\b", r"in\1"),
    (r"\b(legal|legitimate)\b", r"il\1"),
    (r"\b(responsible|relevant|regular)\b", r"ir\1"),
)
NEGATION_REMOVE: tuple[tuple[str, str], ...] = (
    (r"\b(is|are|was|were|will|would|can|could|should|must|did|does|do|has|have|had) not\b", r"\1"),
    (r"\b(is|are|was|were|would|could|should|did|does|do|has|have|had)n't\b", r"\1"),
    (r"\bcannot\b", "can"),
    (r"\bcan't\b", "can"),
    (r"\bwon't\b", "will"),
    (r"\bnever\b", "once"),
    (r"\bno longer\b", "still"),
    (r"\brefused to\b", "agreed to"),
    (r"\bfailed to\b", "managed to"),
    (r"\bnobody\b", "somebody"),
    (r"\bno one\b", "someone"),
    (r"\bnothing\b", "something"),
    (r"\bwithout\b", "with"),
    (r"\bneither\b", "either"),
    (r"\bnor\b", "or"),
    (r"\bun(likely|able|aware|willing|fair|necessary|known|clear|usual|popular|happy|expected|common)\b", r"\1"),
    (r"\bin(possible|correct|accurate|complete|adequate|visible|direct|formal|sufficient)\b", r"\1"),
    (r"\bimpossible\b", "possible"),
    (r"\bnot ", ""),
)

# Arabic negation: a particle put before, or taken from before, a present-tense verb
# (a word starting with ي or ت), and لم/لن/ليس taken away.
ARABIC_NEGATORS_REMOVABLE: tuple[str, ...] = ("لا", "لم", "لن", "ليس", "ليست")
ARABIC_NEGATOR_ADD = "لا"
ARABIC_NOT_VERBS = frozenset({"يوم", "يونيو", "يوليو", "يناير", "تموز", "تشرين", "تم", "تلك", "تحت", "تجاه", "يمكن"})

# -- certainty ------------------------------------------------------------------------
CERTAINTY_WEAKEN: tuple[tuple[str, str], ...] = (
    (r"\bwill\b", "may"),
    (r"\bwould\b", "might"),
    (r"\bmust\b", "could"),
    (r"\bshall\b", "may"),
    (r"\bcertainly\b", "possibly"),
    (r"\bdefinitely\b", "probably"),
    (r"\bclearly\b", "apparently"),
    (r"\bsurely\b", "perhaps"),
    (r"\bconfirmed\b", "suggested"),
    (r"\bproved\b", "hinted"),
    (r"\bshowed\b", "suggested"),
    (r"\bshows\b", "suggests"),
    (r"\bannounced\b", "speculated"),
    (r"\bknow\b", "suspect"),
    (r"\bknew\b", "suspected"),
    (r"\bis\b", "may be"),
    (r"\bare\b", "might be"),
    (r"\bwas\b", "was reportedly"),
)
CERTAINTY_STRENGTHEN: tuple[tuple[str, str], ...] = (
    (r"\bmay\b", "will"),
    (r"\bmight\b", "will"),
    (r"\bcould\b", "would certainly"),
    (r"\bpossibly\b", "certainly"),
    (r"\bprobably\b", "definitely"),
    (r"\bperhaps\b", "surely"),
    (r"\bapparently\b", "clearly"),
    (r"\ballegedly\b", "undoubtedly"),
    (r"\breportedly\b", "officially"),
    (r"\bsuggested\b", "confirmed"),
    (r"\bsuggests\b", "proves"),
    (r"\blikely\b", "certain"),
    (r"\bseems to\b", "is sure to"),
    (r"\bappears to\b", "is certain to"),
    (r"\bbelieve\b", "know"),
    (r"\bhope\b", "are sure"),
)

# -- people and speech ----------------------------------------------------------------
# Verbs that attach a statement to a person ("X said", "said X", "X told ...").
SPEECH_VERBS: tuple[str, ...] = (
    "said", "says", "told", "added", "stated", "explained", "insisted", "declared",
    "remarked", "replied", "answered", "wrote", "asked", "announced", "warned", "argued",
    "claimed", "noted", "recalled", "admitted", "tweeted", "continued", "commented",
    "saith", "spoke", "answering", "according to",
)  # fmt: skip
# Capitalised words that are never the name the injector swaps.
NOT_A_NAME: frozenset[str] = frozenset(
    """The A An And But Or If In On At By For From To Of With As It Its He She They We I You
    This That These Those There Here What When Where Which Who Why How His Her Their Our My
    Your Mr Mrs Ms Dr Sir Lord God Christ Jesus Holy Spirit Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday January February March April May June July August
    September October November December After Before During Since Then Now So Yet Not No
    Yes All Some Many Most One Two Three Four Five First Second Third Last Last New Old
    However Meanwhile Also Even Still Just Only Because While Although Though Let Be
    Do Does Did Is Are Was Were Has Have Had Will Would Can Could Should May Might Must
    Mr. Mrs. Dr. St. Saint Amen""".split()  # noqa: SIM905
)

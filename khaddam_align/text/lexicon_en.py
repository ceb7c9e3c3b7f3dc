"""General English word lists used by the detectors, in one documented place.

Only general vocabulary lives here: function words, negators, modal and
certainty words, speech verbs, role and organisation nouns, calendar words and
number words. No name of a person, place, publication or organisation of any
particular text belongs here (tests/text/test_no_corpus_names.py checks it).
Lists are lower case; regular expressions built from them are case-insensitive.
"""

from __future__ import annotations

# --- negation and claim strength (meaning detector) -------------------------------------------
NEGATORS = ("not", "no", "never", "nor", "neither", "none", "nothing", "nobody", "without", "cannot")
# Contractions: any word ending in n't / n’t is a negator too (won't, didn't).
# Words that state a claim as certain or necessary.
CERTAIN = (
    "will", "won't", "won’t", "shall", "certainly", "surely", "definitely", "inevitably", "inevitable", "undoubtedly",
    "must", "always", "clearly", "no doubt", "is clear", "are clear", "decisive", "convinced", "compelled",
    "i believe", "i am sure", "imminent", "unavoidable", "has to", "have to", "had to", "bound to",
)  # fmt: skip
# Words that present a claim as possible, likely or uncertain.
HEDGES = (
    "might", "could", "may", "perhaps", "possibly", "potentially", "likely", "unlikely", "probably", "seem",
    "seems", "seemed", "uncertain", "whether", "pondered", "wondered", "appear", "appears", "maybe",
    "presumably", "apparently", "allegedly", "reportedly",
)  # fmt: skip
# Prefix patterns that hedge (assume, assumed, supposing, speculate …).
# Modal verbs that hedge a claim ("it may fail", "a plan that may fail"), but not when "may" opens a
# wish ("May peace be with you", after CLAUSE_OPENERS only) or the modal sits in a clause of purpose:
# after PURPOSE_MARKERS, after a "that" that one of PURPOSE_HEADS introduces ("so that they may rest",
# "I pray that you may"), or after a "that" opening a clause (", that we may see").
MODAL_HEDGES = ("may", "might", "could")
PURPOSE_MARKERS = ("lest",)
PURPOSE_HEADS = ("so", "order", "end", "intent", "purpose", "wish", "wishes", "desire", "desires", "prayer",
                 "pray", "prays", "praying", "prayed", "beg", "begs", "ask", "asks", "request", "hope")
CLAUSE_OPENERS = ("and", "but", "now", "so", "then", "yet", "o", "oh")
# A modal followed by one of these states doubt about a fact ("may be true", "might well fail"; not
# "could have been", often a counterfactual);
# with the hedging adverbs these are epistemic hedges (diverge/detectors/meaning.py).
EPISTEMIC_AFTER_MODAL = ("be", "well")
HEDGE_ADVERBS = ("perhaps", "possibly", "probably", "maybe", "presumably", "apparently", "allegedly", "reportedly")
HEDGE_STEMS = ("assum", "suppos", "speculat")
# Words that carry a negative sense without a negator (see lexicon_ar.NEGATIVE_ROOTS).
NEGATIVE_STEMS = ("reject", "refus", "deni", "deny", "fail", "lack", "absen", "unabl", "without", "no longer",
                  "declin", "never", "intoler", "imposs", "inabil", "incapab", "insuffic", "illeg", "irrespons",
                  "inadequ", "ineffect", "invalid", "unknown")
# "un-"/"in-"/"non-" words that are not negative.
NOT_NEGATIVE_UN = ("under", "until", "unit", "union", "universal", "univers", "unique", "understand",
                   "unless", "unveil", "undergo", "undertak", "unanimous")
# Prefixes that turn a word into its opposite ("able" / "unable", "legal" / "illegal"); a negation only
# when the other sentence has the bare word (diverge/detectors/meaning.py).
NEGATIVE_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non")
EXCEPT = ("except", "other than", "but for", "apart from", "save")
FOR_WORDS = ("on the side of", "in favour of", "in favor of", "favour", "favor", "favours", "favors", "favourable",
             "favorable", "favourably", "favorably", "on our side", "support", "supports", "supported", "win",
             "wins", "victory", "succeed", "succeeds", "succeeded")  # fmt: skip
AGAINST_WORDS = ("against", "unfavourable", "unfavorable", "unfavourably", "unfavorably", "lose", "loses", "defeat",
                 "defeated", "fail", "fails", "failed", "failure", "turn against", "turned against", "oppose",
                 "opposes", "opposed")  # fmt: skip

# --- speech (speaker detector, quotes) --------------------------------------------------------
# Verbs that introduce or close reported or direct speech, in their common forms.
SPEECH_VERBS = (
    "said", "says", "say", "saying", "replied", "replies", "replying", "added", "adds", "adding", "continued",
    "continues", "continuing", "commented", "commenting", "remarked", "told", "tells", "asked", "asks", "asking",
    "answered", "answers", "responded", "responds", "interjected", "interjects", "noted", "notes", "warned",
    "questioned", "stated", "states", "explained", "spoke", "speaking", "acknowledged", "agreed", "insisted",
    "declared", "recalled", "wondered", "pondered", "intervened", "suggested", "proposed", "expressed",
    "expressing", "argued", "observed", "concluded", "announced", "affirmed", "stressed", "emphasised",
    "emphasized", "pointed out", "went on", "according to", "retorted", "objected", "confirmed", "assured",
)  # fmt: skip
# "The minister returned to speak, saying: …" / "took the floor": the subject speaks next.
SPEAKING_PHRASES = (
    "returned to speak", "spoke again", "took the floor", "began to speak", "then spoke", "went on to say",
    "turned to", "broke in", "cut in", "the answer was", "answer was", "reply was", "response was", "his answer",
    "her answer", "his reply", "her reply", "his response", "her response",
)  # fmt: skip
# A speech introduced by a formula naming the speaker after it ("Thus says the king",
# "This is what the king has said"): the same speaker in either wording.
FORMULA_OPENERS = ("thus", "this is what", "so", "here is what")

# --- people and titles -----------------------------------------------------------------------
# Nouns of office and address: a capitalised word after one of these is a name ("Ambassador X").
ROLE_WORDS = (
    "president", "leader", "minister", "envoy", "ambassador", "governor", "king", "queen", "prince", "princess",
    "emir", "sultan", "general", "gen", "brig", "colonel", "col", "major", "captain", "secretary-general",
    "secretary", "commander", "chief", "spokesman", "spokeswoman", "spokesperson", "premier", "chancellor",
    "mr", "mrs", "ms", "dr", "prof", "professor", "sheikh", "chairman", "chairwoman", "chair", "guide",
    "ayatollah", "imam", "bishop", "pope", "senator", "deputy", "mayor", "judge", "director", "official",
    "adviser", "advisor", "counsellor", "delegate", "representative", "lord", "lady", "sir", "emperor",
    "pharaoh", "apostle", "prophet", "priest", "officer", "councillor", "councilor", "head",
)  # fmt: skip
# Words that qualify a role in a title ("former prime minister", "deputy foreign minister").
TITLE_MODIFIERS = (
    "vice", "prime", "foreign", "supreme", "deputy", "former", "late", "then", "defence", "defense", "interior",
    "affairs", "acting", "assistant", "first", "chief", "high", "grand", "crown", "of", "the", "state",
)  # fmt: skip
# Qualifiers that change who or what a title says ("the former president" vs "the president").
TITLE_QUALIFIERS = ("former", "late", "then", "vice", "deputy", "acting", "prime", "foreign", "supreme", "assistant")
# Nouns that make a capitalised run an organisation, a body or an event, never a person.
ORGANISATION_WORDS = (
    "council", "party", "league", "ministry", "agency", "front", "union", "guard", "guards", "forces", "force",
    "army", "news", "committee", "conference", "summit", "organization", "organisation", "nations", "states",
    "republic", "kingdom", "movement", "brotherhood", "government", "parliament", "assembly", "bank",
    "university", "court", "office", "press", "times", "post", "daily", "weekly", "magazine", "radio",
    "television", "channel", "network", "company", "corporation", "group", "foundation", "institute",
    "association", "alliance", "coalition", "federation", "initiative", "plan", "accord", "agreement",
    "treaty", "resolution", "war", "revolution", "declaration", "charter", "program", "programme", "fund",
    "church", "mosque", "palace", "house", "square", "street", "river", "sea", "ocean", "mountains", "island",
    "islands", "province", "city", "region", "airport", "port", "strait", "desert", "valley", "east",
    "west", "north", "south", "central", "middle", "international", "national", "security", "intelligence",
    "affairs", "files", "papers", "minutes", "series", "book", "chapter", "part", "section", "god", "lord",
)  # fmt: skip
# Prepositions and verbs after which a capitalised word is a place ("in X", "visited X").
PLACE_CONTEXT = ("in", "to", "from", "at", "into", "toward", "towards", "across", "via", "near", "inside",
                 "outside", "visit", "visited", "visiting", "throughout", "around", "within")  # fmt: skip
# Name particles that join the words of one name (bin, ibn, al-, de …).
NAME_PARTICLES = ("al", "el", "bin", "ibn", "bint", "abu", "abd", "de", "van", "von", "da", "di", "du", "la", "le")

# --- function words ----------------------------------------------------------------------------
FUNCTION_WORDS = frozenset(
    """a an the this that these those he she it we they i you his her its our their my your
    in on at by for from to of with and or but if when while as after before during since until
    there here what which who whom whose where why how not no yes also however then thus therefore
    so yet upon both either neither each every all any some such many much more most other another
    one two three after among although though because despite regarding through without within
    meanwhile moreover furthermore indeed instead later earlier now today tonight again still
    interestingly nevertheless nonetheless accordingly""".split()  # noqa: SIM905
)
PRONOUNS_HE = ("he", "she")
PRONOUNS_FIRST = ("i", "we", "me", "us", "my", "our", "mine", "ours")

# --- calendar: dates, not numbers ----------------------------------------------------------------
# Endings of nationality and group adjectives and nouns ("Norwegian", "Maltese", "Danish", "Mexicans",
# "Hittite"): renderings turn them into a place or people's name freely (diverge/detectors/entity.py).
DEMONYM_ENDINGS = ("ian", "ians", "ese", "ish", "ite", "ites", "ans")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Relative days and periods, with their offset in days (sign matters; the value is a date key).
RELATIVE_DAYS: dict[str, int] = {
    "yesterday": -1, "today": 0, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2,
    "last week": -7, "next week": 7, "last month": -30, "next month": 30, "last year": -365, "next year": 365,
    "this week": 0, "this month": 0, "this year": 0, "tonight": 0, "this morning": 0,
}  # fmt: skip

# --- numbers --------------------------------------------------------------------------------------
UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "both": 2, "pair": 2, "couple": 2,
}  # fmt: skip
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100, "thousandth": 1000,
}  # fmt: skip
FRACTIONS: dict[str, float] = {
    "half": 0.5, "quarter": 0.25, "third": 1 / 3, "thirds": 1 / 3, "quarters": 0.25, "halves": 0.5,
    "fifth": 0.2, "fifths": 0.2, "tenth": 0.1, "tenths": 0.1,
}  # fmt: skip
# Units of time in minutes, so "half an hour" (30) equals "thirty minutes".
DURATIONS_MIN: dict[str, int] = {
    "minute": 1, "minutes": 1, "hour": 60, "hours": 60, "day": 1440, "days": 1440, "week": 10080,
    "weeks": 10080,
}  # fmt: skip
# Words that are numbers but mostly pronouns or idioms when written alone ("one of them", "both").
WEAK_NUMBER_WORDS = frozenset({"one", "both", "pair", "couple", "first", "second"})
# Lower-case nouns that follow a nationality or place adjective ("the Freedonian delegation").
GROUP_NOUNS = (
    "side", "delegation", "government", "people", "army", "forces", "regime", "leadership", "officials",
    "authorities", "position", "stance", "counterpart", "troops", "soldiers", "opposition", "media", "press",
    "border", "borders", "territory", "capital", "nation", "state", "embassy", "intelligence", "parliament",
    "public", "street", "economy", "interests", "policy", "foreign", "military", "security", "issue", "file",
    "front", "team", "officer", "officers", "sources", "envoy", "ally", "allies", "friends", "role", "presence",
    "occupation", "interior", "defence", "defense", "ambassador", "embassies", "citizens", "community", "groups",
)  # fmt: skip

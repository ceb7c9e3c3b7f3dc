"""General Arabic word lists used by the detectors, in one documented place.

Words are written without diacritics; compare them with ``text.arabic.fold``
applied to both sides (``fold`` also unifies alef, ya and ta marbuta, so the
lists below are stored folded). Clitics (و، ف، ب، ل and the article ال) are
stripped by the callers before lookup. Only general vocabulary lives here: no
name of a person, place or organisation of any particular text.
"""

from __future__ import annotations

from khaddam_align.text.arabic import fold


def _folded(words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words.split())


# --- negation and claim strength ---------------------------------------------------------------
# لا، لم، لن، ليس (and its forms) always negate. ما negates only before a verb in the perfect and
# is also "what"; غير negates an adjective ("غير مقبول") and is also "other than": both are
# counted only in the patterns of ``NEGATOR_PHRASES``.
NEGATORS = _folded("لا لم لن ليس ليست ليسوا لسنا لست ولا ولم ولن وليس فلا فلم فلن")
NEGATOR_PHRASES = ("ما زال", "ما كان", "ما دام", "غير مقبول", "غير ممكن", "دون أن", "بدون", "من دون")
NO_NEGATION = _folded("لا بد لابد")  # "لا بد" is "must", not a negation
# "لا يزال" / "لا تزال" / "ما زال" mean "still": no negation.
STILL = _folded("يزال تزال يزالون تزالان زال زالت")
# Words that carry a negative sense without a negator (refuse, without, lack, deny, fail, non-): a
# translation often moves the negation into such a word ("did not respond" / "رفضت الاستجابة").
NEGATIVE_ROOTS = tuple(fold(w) for w in ("رفض", "فشل", "نفى", "ينفي", "نفت", "امتنع", "يمتنع", "عدم", "انعدام"))
NEGATIVE_WORDS = _folded("غير دون بدون بلا")
# "إلا" / "سوى" / "فقط" after a negation mean "only": the claim is positive.
ONLY = _folded("إلا الا سوى فقط")
# Necessity and certainty: يجب، لا بد، سوف، حتما، بالتأكيد، لا شك.
CERTAIN = ("يجب", "لا بد", "لابد", "سوف", "حتما", "بالتأكيد", "لا شك", "بلا شك", "مؤكد", "لا محالة", "ينبغي", "عليه أن")
# Possibility: قد (before a verb in the imperfect), ربما، لعل، يمكن، من الممكن، ربّما، محتمل.
HEDGES = ("ربما", "لعل", "يمكن", "من الممكن", "يحتمل", "محتمل", "من المحتمل", "يبدو", "احتمال", "قد ي", "قد ت", "قد ن")

# --- speech -----------------------------------------------------------------------------------------
# Speech verbs (masculine and feminine perfect, present and the participle قائلا) after clitics.
SPEECH_VERBS = _folded(
    """قال قالت يقول تقول قائلا قائلة أضاف أضافت يضيف مضيفا رد ردت يرد أجاب أجابت يجيب مجيبا
    أكد أكدت يؤكد مؤكدا تابع تابعت يتابع علق علقت يعلق سأل سألت يسأل تساءل تساءلت أشار أشارت يشير
    مشيرا تحدث تحدثت يتحدث أوضح أوضحت اعتبر اعتبرت أعلن أعلنت صرح صرحت لفت لفتت شدد شددت اقترح اقترحت
    أبلغ أبلغت أعرب أعربت استطرد استدرك رأى رأت"""
)
# Attached subject pronouns and titles that stand for a person after a speech verb.
ROLE_WORDS = _folded(
    """الرئيس رئيس الوزير وزير السفير سفير المبعوث مبعوث الأمين أمين الملك ملك الأمير أمير الشيخ شيخ
    اللواء لواء العميد عميد العقيد الجنرال المرشد مرشد نائب القائد قائد الناطق المتحدث الدكتور السيد
    السيدة رئيسة الوزيرة"""
)
TITLE_QUALIFIERS = _folded("السابق الراحل نائب الأسبق")
# Words after a speech verb that are not a name: prepositions, pronouns, particles.
NOT_NAMES = _folded(
    """في من على إلى الى عن إن أن ان إنه انه أنه لقد قد لا ما هذا هذه ذلك تلك هو هي هم نحن أنا
    له لها لهم ثم بعد قبل حين عندما كما أيضا إلى أمام لنا لي لي إنها أنها إننا اننا إن"""
)
FIRST_PERSON = _folded("أنا نحن قلت قلنا أقول نقول")

# --- calendar ---------------------------------------------------------------------------------------
WEEKDAYS: dict[str, str] = {
    fold(k): v
    for k, v in {
        "الاثنين": "monday", "الإثنين": "monday", "الثلاثاء": "tuesday", "الأربعاء": "wednesday",
        "الخميس": "thursday", "الجمعة": "friday", "السبت": "saturday", "الأحد": "sunday",
    }.items()
}  # fmt: skip
# Levantine (كانون الثاني …) and Egyptian/Maghreb (يناير …) month names.
MONTHS: dict[str, int] = {
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5,
    "حزيران": 6, "تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9,
    "تشرين الأول": 10, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الأول": 12, "كانون الاول": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "مايو": 5,
    "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9,
    "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
}  # fmt: skip
RELATIVE_DAYS: dict[str, int] = {
    fold(k): v
    for k, v in {
        "أمس": -1, "امس": -1, "البارحة": -1, "اليوم": 0, "غدا": 1, "غداً": 1, "أول أمس": -2,
        "الأسبوع الماضي": -7, "الأسبوع المقبل": 7, "العام الماضي": -365, "العام المقبل": 365,
        "السنة الماضية": -365, "الشهر الماضي": -30, "الشهر المقبل": 30,
    }.items()
}  # fmt: skip

# --- numbers ------------------------------------------------------------------------------------------
# Cardinals in masculine and feminine, nominative and oblique forms (folded: ة → ه).
UNITS: dict[str, int] = {
    fold(k): v
    for k, v in {
        "صفر": 0, "واحد": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
        "ثلاثة": 3, "ثلاث": 3, "أربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6, "ست": 6,
        "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8, "ثمان": 8, "تسعة": 9, "تسع": 9,
        "عشرة": 10, "عشر": 10, "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30,
        "أربعون": 40, "أربعين": 40, "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60,
        "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
        "مئة": 100, "مائة": 100, "مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200,
        "ألف": 1000, "آلاف": 1000, "ألفان": 2000, "ألفين": 2000, "مليون": 1_000_000, "ملايين": 1_000_000,
        "مليار": 1_000_000_000, "مليارات": 1_000_000_000,
    }.items()
}  # fmt: skip
# Hundreds written as one word: ثلاثمئة، خمسمائة …
HUNDREDS: dict[str, int] = {fold(k + s): v * 100 for k, v in {
    "ثلاث": 3, "أربع": 4, "خمس": 5, "ست": 6, "سبع": 7, "ثمان": 8, "تسع": 9}.items() for s in ("مئة", "مائة")}
# Ordinals (masculine and feminine; the article is stripped before lookup).
ORDINALS: dict[str, int] = {
    fold(k): v
    for k, v in {
        "أول": 1, "أولى": 1, "ثاني": 2, "ثانية": 2, "ثالث": 3, "ثالثة": 3, "رابع": 4, "رابعة": 4,
        "خامس": 5, "خامسة": 5, "سادس": 6, "سادسة": 6, "سابع": 7, "سابعة": 7, "ثامن": 8, "ثامنة": 8,
        "تاسع": 9, "تاسعة": 9, "عاشر": 10, "عاشرة": 10,
    }.items()
}  # fmt: skip
FRACTIONS: dict[str, float] = {fold(k): v for k, v in {"نصف": 0.5, "ربع": 0.25, "ثلث": 1 / 3, "خمس": 0.2}.items()}
# Duals: a noun with the dual ending -ان / -ين counts two ("ساعتين", "الطرفان", "دولتان").
DUAL_ENDINGS = ("تان", "تين", "ان", "ين")
# Nouns whose dual is common in news and minutes (the ending alone is too ambiguous: سكان، فلسطين).
DUAL_NOUNS = _folded(
    """ساعة يوم أسبوع شهر سنة عام دقيقة مرة طرف جانب دولة بلد رئيس وزير سفير اجتماع لقاء جلسة مليون ألف
    رسالة مبادرة قرار اقتراح نقطة شرط مسألة قضية موقف مرحلة جولة حزب فريق شخص رجل امرأة طائرة سفينة"""
)
DURATIONS_MIN: dict[str, int] = {fold(k): v for k, v in {
    "دقيقة": 1, "دقائق": 1, "ساعة": 60, "ساعات": 60, "يوم": 1440, "أيام": 1440, "أسبوع": 10080,
    "أسابيع": 10080}.items()}  # fmt: skip
# Clitics stripped from the front of a word before lookup (longest first).
PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")

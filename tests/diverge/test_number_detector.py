"""Numbers and dates, in English pairs and against an Arabic original."""

from __future__ import annotations

from khaddam_align.diverge.model import DivergenceType
from khaddam_align.diverge.severity import SEVERITY
from tests.diverge.pairs import EN_NAME, run

NUMBER = DivergenceType.NUMBER


def _numbers(a: str, b: str, **kw: object) -> list[str]:
    return [f.description for f in run(a, b, **kw) if f.type is NUMBER]  # type: ignore[arg-type]


def test_equal_values_written_differently_are_not_divergences() -> None:
    a = ("The committee counted 1.500 ballots in the northern district last night.\n\n"
         "The talks lasted half an hour and the delegates left at noon.\n\n"
         "The two and a half hours of debate ended without a vote on the budget.\n\n"
         "She spoke on the fifth day of the conference about the harbour.")
    b = ("The committee counted 1,500 ballots in the northern district last night.\n\n"
         "The talks lasted thirty minutes and the delegates left at noon.\n\n"
         "The 150 minutes of debate ended without a vote on the budget.\n\n"
         "She spoke on the 5th day of the conference about the harbour.")
    assert _numbers(a, b) == []


def test_a_changed_figure_is_found_and_named_by_rendering() -> None:
    a = "The ministry paid 2,500 million dollars to the contractors in the port city."
    b = "The ministry paid 250 million dollars to the contractors in the port city."
    found = _numbers(a, b)
    assert found
    assert "2,500 million" in found[0]
    assert "250 million instead" in found[0]
    assert found[0].startswith("Test Daily (English) has") or found[0].startswith("Test Weekly (English) has")


def test_a_weekday_only_one_side_gives_is_not_a_divergence() -> None:
    a = "The envoy arrived on Tuesday and met the governor at the old palace."
    b = "The envoy arrived and met the governor at the old palace."
    assert _numbers(a, b) == []


def test_different_dates_rank_below_a_changed_quantity() -> None:
    a = ("The envoy arrived on Tuesday and met the governor at the old palace.\n\n"
         "The governor released 40 prisoners after the meeting with the envoy.")
    b = ("The envoy arrived on Thursday and met the governor at the old palace.\n\n"
         "The governor released 14 prisoners after the meeting with the envoy.")
    found = [f for f in run(a, b) if f.type is NUMBER]
    dates = [f for f in found if f.detail.get("date")]
    figures = [f for f in found if not f.detail.get("date")]
    assert dates
    assert figures
    assert "Tuesday" in dates[0].description
    assert "Thursday" in dates[0].description
    assert max(f.severity for f in dates) < min(f.severity for f in figures)
    assert SEVERITY["date.changed"] < SEVERITY["number.changed"]


def test_yesterday_against_tomorrow_is_a_date_divergence() -> None:
    a = "The minister said the border crossing opened yesterday for the trucks."
    b = "The minister said the border crossing opens tomorrow for the trucks."
    found = [f for f in run(a, b) if f.type is NUMBER]
    assert len(found) == 1
    assert found[0].detail.get("date") == "relative"


def test_arabic_number_words_duals_and_fractions_match_the_english_figures() -> None:
    ar = ("واستمر اللقاء ساعتين ونصف الساعة في القصر.\n\n"
          "واتفق الطرفان على تبادل الأسرى قبل نهاية الشهر.\n\n"
          "وقدمت الحكومة خلال السنوات الخمس الماضية مساعدات كبيرة.\n\n"
          "ووصل إلى الميناء ثلاثة آلاف لاجئ في يوم واحد.")
    en = ("The meeting at the palace lasted two and a half hours.\n\n"
          "The two sides agreed to exchange prisoners before the end of the month.\n\n"
          "Over the past five years the government gave a great deal of aid.\n\n"
          "Three thousand refugees reached the port in a single day.")
    assert _numbers(ar, en, a_lang="ar") == []


def test_arabic_figure_changed_in_the_english_is_found_against_the_original() -> None:
    ar = "وأضاف أن الحكومة قدمت أكثر من ٢٥٠٠ مليون دولار من المساعدات."
    en = "He added that the government had given more than 250 million dollars in aid."
    found = _numbers(ar, en, a_lang="ar")
    assert found
    assert "250 million" in found[0]
    assert EN_NAME in found[0]


def test_one_or_two_in_words_without_a_counterpart_is_not_a_figure_left_out() -> None:
    # "each one of you", "both … and", "the first day", a dual: languages render these with an
    # article or a plural as often as with a number word.
    a = ("The mayor thanked each one of the volunteers who cleaned the river banks in spring.\n\n"
         "She praised both the drivers and the cooks for the long nights of work.")
    b = ("The mayor thanked every volunteer who cleaned the river banks in spring.\n\n"
         "She praised the drivers and the cooks for the long nights of work.")
    assert _numbers(a, b) == []
    ar = "شكر رئيس البلدية كل واحد من المتطوعين الذين نظفوا ضفاف النهر في الربيع."
    en = "The mayor thanked every volunteer who cleaned the river banks in spring."
    assert _numbers(ar, en, a_lang="ar") == []


def test_a_small_number_word_still_counts_when_the_other_side_changes_it() -> None:
    a = "The two delegations met in the harbour office before the vote on the fishing quota."
    b = "The three delegations met in the harbour office before the vote on the fishing quota."
    found = _numbers(a, b)
    assert found
    assert "three" in " ".join(found)
    # Nearly the same sentence in one language: a small figure it drops is what changed.
    a2 = "The council met for the first time in the new hall beside the old railway station."
    b2 = "The council met for the time in the new hall beside the old railway station."
    assert _numbers(a2, b2)


def test_an_arabic_negator_is_not_read_as_a_number() -> None:
    # لست (I am not) is not ل + ست (six).
    ar = "قال الوزير: لست أعرف متى يصل الوفد إلى المدينة."
    en = "The minister said: I do not know when the delegation will reach the city."
    assert _numbers(ar, en, a_lang="ar") == []

from khaddam_align.diverge.detect import detect
from khaddam_align.diverge.model import DivergenceType, LinkView
from khaddam_align.segment import segment_text
from tests.diverge.samples import A, B


def _one_to_one(a: str, b: str) -> list[LinkView]:
    arabic = any("\u0600" <= c <= "\u06ff" for c in a)
    sa, sb = segment_text(a, "ar" if arabic else "en"), segment_text(b, "en")
    return [LinkView(i, ((x.start, x.end),), ((y.start, y.end),), 0.9) for i, (x, y) in enumerate(zip(sa, sb, strict=True))]


def _by_type(a: str, b: str) -> dict[DivergenceType, list[str]]:
    found: dict[DivergenceType, list[str]] = {}
    for f in detect(a, b, _one_to_one(a, b)).findings:
        evidence = " ".join(a[s:e] for s, e in f.a_spans) + " || " + " ".join(b[s:e] for s, e in f.b_spans)
        found.setdefault(f.type, []).append(evidence)
    return found


def test_injected_divergences_are_found_with_their_evidence() -> None:
    found = _by_type(A, B)
    assert any("I had two meetings" in e and "Hosseini" in e for e in found[DivergenceType.SPEAKER])
    numbers = found[DivergenceType.NUMBER]
    assert any(e.startswith("half an hour") for e in numbers)
    assert any(e.startswith("300") for e in numbers)
    meaning = " ".join(found[DivergenceType.MEANING])
    assert "will fail" in meaning
    assert "might fail" in meaning
    assert "did not agree" in meaning
    assert "Time is on our side" in meaning
    # The date written two ways and the identical sentence are not divergences.
    assert not any("1997" in e for e in numbers)
    assert not any("studied these questions" in e for es in found.values() for e in es)


def test_factual_divergences_rank_above_stylistic_ones() -> None:
    ranked = detect(A, B, _one_to_one(A, B)).findings
    assert [f.severity for f in ranked] == sorted((f.severity for f in ranked), reverse=True)
    factual = {DivergenceType.SPEAKER, DivergenceType.NUMBER, DivergenceType.MEANING}
    top = {f.type for f in ranked[:6]}
    assert top <= factual | {DivergenceType.ENTITY}
    assert all(0 <= f.severity <= 1 for f in ranked)
    quotes = [f for f in ranked if f.type is DivergenceType.QUOTE]
    assert quotes
    assert max(f.severity for f in quotes) < min(f.severity for f in ranked[:5])


def test_a_dropped_quote_inside_the_shared_stretch_is_an_omission_and_intros_are_coverage() -> None:
    a = ("Our paper introduces the series today with some background about the author and his long career abroad.\n\n"
         "Karimi said: “The border will open in May.”\n\n"
         "Haddad replied: “We shall send our traders to the market in Aleppo and in Homs.”\n\n"
         "Karimi said: “The envoy comes next week.”")
    b = ("Karimi said: “The border will open in May.”\n\n"
         "Karimi said: “The envoy comes next week.”")
    sa, sb = segment_text(a, "en"), segment_text(b, "en")
    links = [
        LinkView(0, ((sa[0].start, sa[0].end),), ()),
        LinkView(1, ((sa[1].start, sa[1].end),), ((sb[0].start, sb[0].end),)),
        LinkView(2, ((sa[2].start, sa[2].end),), ()),
        LinkView(3, ((sa[3].start, sa[3].end),), ((sb[1].start, sb[1].end),)),
    ]
    result = detect(a, b, links)
    omissions = [f for f in result.findings if f.type is DivergenceType.OMISSION]
    assert len(omissions) == 1
    (span,) = omissions[0].a_spans
    assert a[span[0] : span[1]].startswith("Haddad replied")
    assert "direct quote" in omissions[0].description
    assert (sa[0].start, sa[0].end) in result.coverage.a_outside
    assert not any(f.a_spans and f.a_spans[0][0] < sa[1].start for f in result.findings)


def test_same_text_has_no_divergences() -> None:
    assert detect(A, A, _one_to_one(A, A)).findings == ()


def test_a_changed_title_and_a_person_missing_from_a_list_are_entity_divergences() -> None:
    a = ("Syrian President Omar Haddad and Iranian President Mohammad Karimi met in Tehran.\n\n"
         "I discussed the border with (former Turkish President) Ahmet Demir last week.\n\n"
         "The delegation of Haddad and Karimi signed the accord on trade.")
    b = ("Syrian President Omar Haddad and Iranian President Mohammad Karimi met in Tehran.\n\n"
         "I discussed the border with Ahmet Demir (the Turkish President) last week.\n\n"
         "The delegation of Haddad, Karimi and General Youssef Nasser signed the accord on trade.")
    entity = [f for f in detect(a, b, _one_to_one(a, b)).findings if f.type is DivergenceType.ENTITY]
    descriptions = " | ".join(f.description for f in entity)
    assert "(former Turkish President) Ahmet Demir" in descriptions
    assert "the second rendering names Youssef Nasser here; the first rendering does not" in descriptions
    assert all(f.severity >= 0.6 for f in entity)


def test_quotes_pair_across_renderings_and_dropped_ones_stay_unpaired() -> None:
    from khaddam_align.diverge.detect import pair_quotes

    a = ("Karimi said: “The border will open in May for the traders.”\n\n"
         "Haddad replied: “We shall send our traders to the market in Aleppo.”\n\n"
         "Karimi added: “The envoy comes next week with the maps.”")
    b = ("Karimi said: “In May the border opens for traders.”\n\n"
         "Karimi added: “Next week the envoy comes with his maps.”")
    sa, sb = segment_text(a, "en"), segment_text(b, "en")
    links = [
        LinkView(0, ((sa[0].start, sa[0].end),), ((sb[0].start, sb[0].end),)),
        LinkView(1, ((sa[1].start, sa[1].end),), ()),
        LinkView(2, ((sa[2].start, sa[2].end),), ((sb[1].start, sb[1].end),)),
    ]
    pairs = pair_quotes(a, b, links)
    assert len(pairs) == 3
    border, dropped, envoy = pairs
    assert border.b is not None
    assert "border opens" in b[border.b.start : border.b.end]
    assert border.similarity > 0.3
    assert dropped.a is not None
    assert dropped.b is None
    assert dropped.a.speaker == "haddad"
    assert envoy.a is not None
    assert envoy.b is not None
    assert envoy.b.speaker == "karimi"


def test_arabic_against_english_checks_figures_through_the_alignment_links() -> None:
    ar = "وصل الوفد إلى طهران في ١٦ آذار ٢٠٠٣.\nوقال الرئيس إن ٣٠٠ مندوب حضروا الاجتماع.\nوانتهى اللقاء مساء."
    en = "The delegation arrived in Tehran on 16 March 2003.\nThe president said 500 delegates attended.\nThe meeting ended in the evening."
    sa, sb = segment_text(ar, "ar"), segment_text(en, "en")
    assert len(sa) == len(sb) == 3
    result = detect(ar, en, _one_to_one(ar, en))
    numbers = [f for f in result.findings if f.type is DivergenceType.NUMBER]
    assert {ar[s:e] for f in numbers for s, e in f.a_spans} == {"٣٠٠"}
    assert {en[s:e] for f in numbers for s, e in f.b_spans} == {"500"}
    assert all(f.type in {DivergenceType.NUMBER, DivergenceType.OMISSION, DivergenceType.ADDITION} for f in result.findings)

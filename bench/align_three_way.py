"""Three renderings: does the three-way check flag wrong links?

    python bench/align_three_way.py

bible-dev books: Arabic ↔ en_web and Arabic ↔ en_bbe, each English side
perturbed independently (fixed seeds), and en_web ↔ en_bbe. After
``three_way.reconcile``, compares the error rate of the links it flagged with
the error rate of all links (Arabic↔English pairs, where gold is known).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_data import bible_books, perturb

from khaddam_align.align import SideInput, align_texts
from khaddam_align.align.three_way import reconcile


def main() -> None:
    books = bible_books()
    flagged = flagged_wrong = total = wrong = 0
    for k, (_name, ar, web, bbe) in enumerate(books):
        extra_web = [s for other in books if other[0] != _name for s in other[2]][:300]
        extra_bbe = [s for other in books if other[0] != _name for s in other[3]][:300]
        d_web = perturb(_name, ar, web, a_lang="ar", b_lang="en", seed=200 + k, extra=extra_web)
        d_bbe = perturb(_name, ar, bbe, a_lang="ar", b_lang="en", seed=300 + k, extra=extra_bbe)
        sa = SideInput(ar, language="ar", paragraphs=d_web.a_paras)
        sw = SideInput(d_web.b, language="en", paragraphs=d_web.b_paras)
        sb = SideInput(d_bbe.b, language="en", paragraphs=d_bbe.b_paras)
        ar_web, ar_bbe, web_bbe = align_texts(sa, sw), align_texts(sa, sb), align_texts(sw, sb)
        checked = reconcile(ar_web, ar_bbe, web_bbe)
        for links, doc in ((checked[0], d_web), (checked[1], d_bbe)):
            gold = set(doc.gold)
            for link in links:
                ok = (link.a, link.b) in gold
                total += 1
                wrong += not ok
                if link.note:
                    flagged += 1
                    flagged_wrong += not ok
    print(f"{'links':>6} {'wrong':>6} {'error rate':>10} | {'flagged':>7} {'wrong':>6} {'error rate':>10}")
    print(
        f"{total:>6} {wrong:>6} {wrong / max(1, total):>10.3f} | "
        f"{flagged:>7} {flagged_wrong:>6} {flagged_wrong / max(1, flagged):>10.3f}"
    )


if __name__ == "__main__":
    main()

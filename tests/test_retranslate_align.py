"""Sentence alignment: unit cases, the JSON report, and newstest2012 es/en with shuffled
paragraph breaks and inserted boilerplate lines (skipped without ../shared/corpora)."""

from __future__ import annotations

import sys

import pytest

from _retranslate_fixtures import CORPORA, ROOT
from repair.retranslate.align import align, numbers, split_sentences


def test_split_sentences_spanish_and_english():
    es = "¿Qué pasó? El Sr. Pérez llegó a las 3. ¡Increíble! \n\nOtra línea sin punto"
    assert [s.text for s in split_sentences(es)] == ["¿Qué pasó?", "El Sr. Pérez llegó a las 3.", "¡Increíble!",
                                                       "Otra línea sin punto"]
    assert numbers("1.500 y 1,500 y 3,5 y 2021") == ["1500", "1500", "3.5", "2021"]


def test_boilerplate_lines_stay_without_source():
    src = ("El presidente llegó a Madrid el 12 de mayo de 2021 con 300 asesores. "
           "\n"
           "Las mujeres de Trípoli ya se pueden ir olvidando de la emancipación en 2012.\n")
    tgt = ("The president arrived in Madrid on 12 May 2021 with 300 advisers.\n\n"
           "ALSO READ: Ten Things You Did Not Know About Your Phone\n\n"
           "Women in Tripoli can forget about emancipation in 2012.\n"
           "Advertisement\n")
    from repair.retranslate.align import boilerplate_hint

    al = align(src, tgt, null_tgt=boilerplate_hint(tgt, split_sentences(tgt)))
    by_tgt = {j: ln for ln in al.links for j in ln.tgt}
    texts = [t.text for t in al.tgt]
    assert not by_tgt[texts.index("Advertisement")].src
    also = by_tgt[[i for i, t in enumerate(texts) if t.startswith("ALSO READ")][0]]
    assert not also.src
    women = by_tgt[[i for i, t in enumerate(texts) if t.startswith("Women")][0]]
    assert [al.src[i].text[:8] for i in women.src] == ["Las muje"]
    js = al.to_json()
    assert js[1]["type"] == "0-1" and js[1]["src_span"] is None
    s, e = js[0]["tgt_span"]
    assert tgt[s:e] == "The president arrived in Madrid on 12 May 2021 with 300 advisers."


@pytest.mark.skipif(not (CORPORA / "newstest2012").is_dir(), reason="../shared/corpora not available")
def test_newstest2012_shuffled_paragraphs_and_boilerplate():
    sys.path.insert(0, str(ROOT / "bench"))
    from align_newstest import score

    d = CORPORA / "newstest2012"
    es = (d / "newstest2012.es").read_text(encoding="utf-8").splitlines()
    en = (d / "newstest2012.en").read_text(encoding="utf-8").splitlines()
    r = score(es[1000:1400], en[1000:1400], seed=3)
    assert r["boilerplate"] > 5
    assert r["accuracy"] >= 0.98, r

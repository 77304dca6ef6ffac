"""Headlines: title-like lines and generated headlines for untitled stories."""
from __future__ import annotations

import re

from digest.headline import is_title_like, lead_sentence, make_headline, sentences, shorten, width
from digest.model import Block, SourceText
from digest.segment import split_source


def para(text: str) -> Block:
    return Block("para", text, [1])


def test_title_like_lines():
    assert is_title_like("Harbor City Opens Its First Floating Solar Farm")
    assert is_title_like("Why was the bridge delayed?")
    assert not is_title_like("The bridge opened on Saturday.")
    assert not is_title_like("(This transcript has been edited for length.)")
    assert not is_title_like("lowercase keyword string")


def test_generated_headline_is_short_drawn_from_text_and_not_the_lede():
    lede = ("On Monday, Astra Kites, a startup that makes sails for cargo ships, raised twelve million euros "
            "from shipping investors who want to cut fuel bills across the northern sea routes.")
    blocks = [para(lede), para("Astra Kites tested its kites on two bulk carriers last winter."),
              para("Astra Kites wants to sell a hundred kite systems by the end of the decade.")]
    title = make_headline(blocks)
    assert 8 <= len(title) <= 110
    assert title != lede
    assert "Astra Kites" in title
    body = " ".join(b.text for b in blocks).lower()
    ws = re.findall(r"[a-z][a-z'-]{3,}", title.lower())
    assert sum(w in body for w in ws) >= 0.6 * len(ws)


def test_single_sentence_lede_is_still_shortened():
    lede = "The town council of Bellmoor voted to close the old market square to cars from the first of June."
    title = make_headline([para(lede), para("Shopkeepers had asked for the change.")])
    assert title.rstrip(".") != lede.rstrip(".")
    assert "Bellmoor" in title


def test_digest_headline_uses_digest_name_and_first_section():
    blocks = [para("Hello and welcome back to the Harbor Weekly, a digest of the week's news from the port."),
              Block("heading", "New cranes arrive at the container terminal", [3]),
              para("Two new cranes arrived at the container terminal on Tuesday.")]
    assert make_headline(blocks) == "Harbor Weekly: New cranes arrive at the container terminal"


def test_shorten_cuts_at_a_clause_break():
    s = ("Glenmore Dairy is building a cheese factory in the northern valley, a bet that local milk can "
         "compete with imported cheddar in the supermarkets of the capital")
    out = shorten(s)
    assert out == "Glenmore Dairy is building a cheese factory in the northern valley"


def test_made_headline_drops_dateline_and_appositive() -> None:
    from digest.headline import shorten
    assert shorten("SHENZHEN, March 12, 2025 — Hexi Pay said it would open its wallet to tourists.") \
        == "Hexi Pay said it would open its wallet to tourists"
    assert shorten("Donghu AI, a Wuhan lab spun out of a university group, released a new model on Monday.") \
        .startswith("Donghu AI released a new model")


def test_long_lead_is_cut_before_a_phrase_not_mid_phrase() -> None:
    from digest.headline import shorten
    title = shorten("China's central bank said digital yuan transactions reached 2.4 trillion yuan "
                    "in the first quarter of the year as more merchants accepted payments")
    assert title == "China's central bank said digital yuan transactions reached 2.4 trillion yuan"


ZH_TITLE = "海风市开通首条无人驾驶公交线路"
ZH_LEDE = "虚构的海风市周一开通了首条无人驾驶公交线路，全长十二公里，连接火车站和新城区。市交通局表示，车辆在试运行期间没有发生事故。"
ZH_NEXT = "每辆车配有一名安全员，乘客可以用手机扫码乘车。交通局计划明年再开通三条线路。"


def test_a_headline_in_a_script_without_capitals_is_title_like() -> None:
    assert is_title_like(ZH_TITLE)
    assert is_title_like("「海风」公交线路开通")
    assert not is_title_like("交通局计划明年再开通三条线路。")          # a sentence, however short
    assert not is_title_like("他说：「明年再开通三条线路。」")
    assert not is_title_like("lowercase keyword string")


def test_unspaced_sentences_split_at_the_ideographic_full_stop() -> None:
    assert sentences(ZH_LEDE) == ["虚构的海风市周一开通了首条无人驾驶公交线路,全长十二公里,连接火车站和新城区。",
                                  "市交通局表示,车辆在试运行期间没有发生事故。"]


def test_a_made_headline_for_an_unspaced_script_is_cut_by_width() -> None:
    title = make_headline([para(ZH_LEDE), para(ZH_NEXT)])
    assert title == "虚构的海风市周一开通了首条无人驾驶公交线路,全长十二公里,连接火车站和新城区"
    # past the limit (wide characters count double) it is cut at a clause break
    assert shorten(ZH_LEDE.split("。")[0], limit=60) == "虚构的海风市周一开通了首条无人驾驶公交线路"
    # an unbroken run is cut to the width limit
    assert width(shorten("海风市" * 40 + "。")) == 94


def test_a_chinese_story_keeps_its_own_headline() -> None:
    res = split_source(SourceText(path="zh.txt", lines=[ZH_TITLE, "", ZH_LEDE, "", ZH_NEXT]))
    (article,) = res.articles
    assert (article.title, article.title_generated, article.title_line) == (ZH_TITLE, False, 1)


def test_the_lead_sentence_is_the_first_of_the_sentences() -> None:
    for text in ["", "  ", "One line", "Hi. There", "\u201cYes.\u201d He said. Then left.", "The U.S. Army said so.",
                 "A! B? C. d", "\u6211\u4eec\u8d70\u3002\u4ed6\u4eec\u6765\u3002", "end.", "\u3002"]:
        found = sentences(text)
        assert lead_sentence(text) == (found[0] if found else "", len(found) > 1)

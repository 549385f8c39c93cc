"""PCL-5 as data: published wording and scale, citation and licence, the sum scoring and the provisional
cut-point checked against hand-computed totals at every band boundary, and unanswered items."""
import pytest

from wellbeing import instruments
from wellbeing.instruments import AnswerError

PCL5 = instruments.load("pcl5")


def test_pcl5_has_twenty_items_scored_0_to_4_over_the_past_month():
    assert len(PCL5.items) == 20 and PCL5.recall == "In the past month"
    assert [(c.value, c.label) for c in PCL5.scale] == [
        (0, "Not at all"), (1, "A little bit"), (2, "Moderately"), (3, "Quite a bit"), (4, "Extremely")]
    assert PCL5.items[0].text == "Repeated, disturbing, and unwanted memories of the stressful experience?"
    assert PCL5.items[19].text == "Trouble falling or staying asleep?"
    assert PCL5.max_score == 80 and not PCL5.higher_is_better and PCL5.cadence_days == 30


def test_pcl5_cites_its_source_and_public_domain_licence_and_marks_its_adaptation():
    citation = " ".join(PCL5.citation.values())
    for fact in ("National Center for PTSD", "Weathers FW", "Blevins CA", "J Trauma Stress", "2015;28(6):489–498",
                 "Public domain", "ptsd.va.gov"):
        assert fact in citation
    assert "disturbing material you have reviewed at work" in PCL5.instructions
    assert "names the stressful experience" in PCL5.adaptation


# Hand-computed: each row spells out the 20 answers and their sum.
@pytest.mark.parametrize("answers, total", [
    ([0] * 20, 0),
    ([4] * 20, 80),
    ([1] * 20, 20),
    ([2] * 15 + [0] * 5, 30),             # 15 × 2: one below the cut-point
    ([2] * 15 + [1] + [0] * 4, 31),       # 30 + 1: at the cut-point
    ([4, 4, 4, 4, 4, 3, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 29),  # 20 + 6 + 3
    ([3] * 11 + [0] * 9, 33),             # 11 × 3: the top of the published 31–33 range
])
def test_total_is_the_sum_of_the_twenty_items(answers, total):
    assert PCL5.score(answers) == total


def test_nineteen_answers_are_not_scored():
    with pytest.raises(AnswerError):
        PCL5.score([4] * 19)


@pytest.mark.parametrize("total, level", [
    (0, None), (30, None), (31, "probable_ptsd"), (32, "probable_ptsd"), (33, "probable_ptsd"), (80, "probable_ptsd"),
])
def test_the_provisional_cut_point_is_31(total, level):
    band = PCL5.threshold(total)
    assert (band.level if band else None) == level


def test_a_high_score_puts_crisis_and_counselling_first():
    band = PCL5.threshold(31)
    assert band.resources_first == ("crisis_line", "counselling") and band.prominent


def test_pcl5_has_no_single_item_flag():
    assert PCL5.assess([4] + [0] * 19) is None  # 4: below the cut-point, and no published item rule


def test_an_unanswered_item_is_named_and_nothing_is_scored():
    raw = {item.id: "2" for item in PCL5.items}
    del raw["sleep"]
    raw["jumpy"] = ""
    with pytest.raises(AnswerError) as error:
        PCL5.parse(raw)
    assert set(error.value.errors) == {"sleep", "jumpy"}
    assert "Trouble falling or staying asleep?" in error.value.errors["sleep"]


@pytest.mark.parametrize("bad", [5, -1, "lots"])
def test_an_answer_off_the_scale_is_refused(bad):
    with pytest.raises(AnswerError):
        PCL5.score([bad] + [0] * 19)

import datetime as dt

import pytest

from trucewatch.errors import EmptyInput, MalformedHeader
from trucewatch.ingest.documents import RawReport, content_hash, find_dateline, make_document


def doc(text: str, origin: str = "report.txt"):
    return make_document(RawReport(text=text, origin=origin))


def test_header_on_the_same_line_as_the_lead():
    d = doc(" date 2025-02-04 WASHINGTON: Israel said it was sending a team.\n\nMore.\n")
    assert d.date == dt.date(2025, 2, 4)
    assert d.body.startswith("WASHINGTON: Israel said")
    assert d.dateline.place == "WASHINGTON"
    assert d.body[d.dateline.start : d.dateline.end] == "WASHINGTON"


def test_header_then_title_on_the_next_line():
    d = doc(" date 2025-03-02\nTruce's first phase ends without a deal\n\nCAIRO: Talks went on.\n")
    assert d.date == dt.date(2025, 3, 2)
    assert d.title == "Truce's first phase ends without a deal"
    assert d.dateline.place == "CAIRO"
    assert d.body[d.dateline.start : d.dateline.end] == "CAIRO"


def test_no_header_means_unknown_date():
    d = doc("Fighters freed three hostages on Saturday.")
    assert d.date is None
    assert d.body == "Fighters freed three hostages on Saturday."


def test_prose_starting_with_the_word_date_is_not_a_header():
    d = doc("date night was cancelled in the capital, residents said.")
    assert d.date is None
    assert d.body.startswith("date night")


@pytest.mark.parametrize(
    "header", [" date 2025-13-40 Text.", "date 2025-02-30\nText.", " date 20250204 Text."]
)
def test_malformed_header_is_an_error_naming_the_input(header):
    with pytest.raises(MalformedHeader) as caught:
        doc(header, origin="bad.txt")
    assert "bad.txt" in str(caught.value)
    assert "malformed header" in str(caught.value)


def test_header_without_body_is_empty():
    with pytest.raises(EmptyInput):
        doc(" date 2025-02-04 \n\n")


@pytest.mark.parametrize(
    "lead, place, agency",
    [
        ("GAZA CITY, Feb 4 (Reuters) - Israel said", "GAZA CITY", "Reuters"),
        ("JERUSALEM (AP) — The army said", "JERUSALEM", "AP"),
        ("KYIV, Ukraine — Officials said", "KYIV", None),
        ("DEIR AL-BALAH: Strikes hit", "DEIR AL-BALAH", None),
        ("SRINAGAR, May 11 - Guns fell silent", "SRINAGAR", None),
        ("Karsk, Velmora - The two sides said", "Karsk", None),  # title case with its region
        ("New Harbour (Reuters) — Talks resumed", "New Harbour", "Reuters"),
    ],
)
def test_datelines_in_wire_styles(lead, place, agency):
    found = find_dateline(lead)
    assert found.place == place
    assert found.agency == agency
    assert lead[found.start : found.end] == place


def test_sentence_opening_is_not_a_dateline():
    assert find_dateline("The truce held: no shots were fired.") is None
    assert find_dateline("US officials said - nothing.") is None
    assert find_dateline("Talks in Karsk - the third round - ended.") is None


def test_content_hash_ignores_typography_and_line_endings():
    a = "“We are ready,” he said.\n\nTalks went on."
    b = '"We are ready," he said.\r\n\r\nTalks  went on.\n'
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash("Talks went on.")


def test_body_is_stored_exactly_as_given():
    text = " date 2025-02-04 WASHINGTON: “Quoted,”  he said.\r\n\r\nNext\u00a0paragraph.\n"
    d = doc(text)
    assert text.endswith(d.body)
    assert d.body == "WASHINGTON: “Quoted,”  he said.\r\n\r\nNext\u00a0paragraph.\n"
    assert d.chars == len(d.body)


@pytest.mark.parametrize(
    "text",
    [
        "News\n\nRussia and Ukraine exchanged 90 prisoners of war on Wednesday.",
        "Norway and Sweden Swap 40 POWs\n\nNorway and Sweden exchanged 40 prisoners of war.",
    ],
)
def test_a_paragraph_starts_a_sentence_and_its_first_word_goes_on_with_it(nlp, text):
    sentences = [s.text.strip() for s in nlp(text).sents]
    assert sentences[-1] == text.split("\n\n")[-1]


def test_a_title_case_line_is_one_sentence(nlp):
    text = "Read more\nNorway and Sweden Swap 90 POWs Day After Call\n\nNorway and Sweden swapped."
    sentences = [s.text.strip() for s in nlp(text).sents]
    assert "Norway and Sweden Swap 90 POWs Day After Call" in sentences


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("VARENIA\nThe agency said it mediated the swap.", "The agency said it mediated the swap."),
        ("Video\nThursday, 28 May, 2031\n900 prisoners freed", "900 prisoners freed"),
    ],
)
def test_a_dateline_or_a_date_on_a_line_of_its_own_is_no_part_of_the_next(nlp, text, line):
    sentences = [s.text.strip() for s in nlp(text).sents]
    assert line in sentences

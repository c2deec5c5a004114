"""Entities on the seed and on invented reports: labels, canonical names, offsets."""

from trucewatch.extract import extract
from trucewatch.extract.actors import AliasTable
from trucewatch.ingest.documents import RawReport, make_document


def entities(nlp, text, aliases=None):
    document = make_document(RawReport(text=text, origin="t.txt"))
    records = [r for r in extract(document, nlp(document.body), aliases) if r.kind == "entity"]
    for r in records:
        assert document.body[r.start : r.end] == r.text
        assert document.body[r.evidence_start : r.evidence_end] == r.evidence
        assert r.evidence_start <= r.start < r.end <= r.evidence_end
    return records


def test_seed_people_places_and_organisations(nlp, seed_path):
    records = entities(nlp, seed_path.read_text("utf-8"))
    found = {(r.text, r.label) for r in records}
    for expected in [
        ("Netanyahu", "PERSON"),
        ("Trump", "PERSON"),  # the small model says ORG; the alias table and the full name fix it
        ("Hamas", "ORG"),
        ("Doha", "GPE"),
        ("Jenin", "GPE"),
        ("UNRWA", "ORG"),
        ("Tayasir", "GPE"),  # "in Tayasir": a place, not a person
        ("Majed al-Zebda", "PERSON"),
    ]:
        assert expected in found, expected
    canonical = {r.text: r.canonical for r in records}
    assert canonical["Netanyahu"] == "Benjamin Netanyahu"
    assert canonical["Witkoff"] == "Steve Witkoff"
    assert canonical["Yarden"] == "Yarden Bibas"
    # The subheading "Focus on West Bank?" is no organisation.
    assert "Focus on West Bank" not in {r.text for r in records}


def test_invented_names_resolve_within_the_report(nlp):
    text = (
        " date 2031-06-02 VELMORA: Defence minister Tarik Osvaldi met envoys in Karsk on Monday.\n\n"
        "Osvaldi said the talks would go on, and the Brenic Liberation Front agreed to a pause.\n"
    )
    records = entities(nlp, text)
    by_text = {r.text: r for r in records}
    assert by_text["Osvaldi"].label == "PERSON"
    assert by_text["Osvaldi"].canonical == "Tarik Osvaldi"
    assert by_text["VELMORA"].label == "GPE"


def test_a_shared_surname_is_not_guessed(nlp):
    text = "Ofri Bibas and Yarden Bibas spoke in Tel Aviv on Monday. Bibas thanked the mediators."
    records = entities(nlp, text)
    surname = [r for r in records if r.text == "Bibas"]
    assert all(r.canonical is None for r in surname)


def test_user_alias_file_extends_the_table(nlp, tmp_path):
    extra = tmp_path / "aliases.yaml"
    extra.write_text(
        "Velmoran Armed Forces:\n  label: ORG\n  aliases: [VAF, Velmoran army]\n"
        "Benjamin Netanyahu:\n  aliases: [the premier]\n",
        "utf-8",
    )
    table = AliasTable.load(extra)
    assert table.lookup("the Velmoran army").canonical == "Velmoran Armed Forces"
    assert table.lookup("Netanyahu’s").canonical == "Benjamin Netanyahu"
    records = entities(nlp, "The VAF said it had pulled back two kilometres.", table)
    assert [(r.text, r.canonical) for r in records if r.text == "VAF"] == [
        ("VAF", "Velmoran Armed Forces")
    ]


def test_lower_case_words_are_not_acronyms(nlp):
    records = entities(nlp, "Who will pay? Tell us what the mediators said.")
    assert not [r for r in records if r.canonical in {"World Health Organization", "United States"}]


def test_two_known_names_joined_by_a_hyphen_are_two_entities(nlp):
    from trucewatch.extract.actors import default_table
    from trucewatch.extract.entities import extract_entities
    from trucewatch.ingest.documents import make_document
    from trucewatch.ingest.readers import RawReport

    document = make_document(
        RawReport(text=" date 2031-05-26 The Armenia-Azerbaijan swap ended on Sunday.", origin="t")
    )
    names = [e.canonical for e in extract_entities(nlp(document.body), document, default_table())]
    assert names == ["Armenia", "Azerbaijan"]

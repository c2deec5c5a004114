"""Events typed in PLOVER, and incidents: the seed's expectations (issue 5, item 6), invented
reports with invented countries and people, and incidents across reports in both databases."""

import datetime as dt

import pytest

from trucewatch import pipeline
from trucewatch.extract import extract
from trucewatch.extract.events import extract_events
from trucewatch.extract.lexicon import load_lexicon
from trucewatch.incidents import Mention, link, same_happening
from trucewatch.ingest.documents import RawReport, make_document
from trucewatch.store import Database


def events(nlp, text):
    document = make_document(RawReport(text=text, origin="t.txt"))
    records = [r for r in extract(document, nlp(document.body)) if r.kind == "event"]
    for r in records:
        assert document.body[r.trigger_start : r.trigger_end] == r.trigger
        assert r.start <= r.trigger_start and r.trigger_end <= r.end
        assert document.body[r.evidence_start : r.evidence_end] == r.evidence
    return records


def find(records, **expected):
    """The records whose fields have the expected values (``actor`` as a set)."""
    matches = []
    for r in records:
        if all(
            (set(getattr(r, k) or []) == set(v)) if k in ("actor", "target") else getattr(r, k) == v
            for k, v in expected.items()
        ):
            matches.append(r)
    assert matches, f"no event with {expected}: {[(r.trigger, r.type, r.actor) for r in records]}"
    return matches[0]


@pytest.fixture(scope="module")
def seed_events(nlp, seed_path):
    return events(nlp, seed_path.read_text("utf-8"))


# The seed (issue 5, item 6) ---------------------------------------------------------------


def test_israel_sends_a_delegation_to_doha(seed_events):
    sent = find(seed_events, type="CONSULT", trigger="send")
    assert (sent.actor, sent.location, sent.status, sent.mode) == (
        ["Israel"],
        "Doha",
        "planned",
        "visit",
    )


def test_netanyahu_meets_trump_at_the_white_house_on_tuesday(seed_events):
    dated = find(
        seed_events, type="CONSULT", actor=["Benjamin Netanyahu"], date=dt.date(2025, 2, 4)
    )
    assert dated.target == ["Donald Trump"] and dated.trigger == "meeting"
    placed = find(seed_events, type="CONSULT", actor=["Benjamin Netanyahu"], location="White House")
    assert placed.target == ["Donald Trump"] and placed.status == "planned"


def test_witkoff_met_netanyahu_on_monday(seed_events):
    met = find(seed_events, type="CONSULT", actor=["Steve Witkoff"])
    assert (met.target, met.date, met.status) == (
        ["Benjamin Netanyahu"],
        dt.date(2025, 2, 3),
        "occurred",
    )


def test_egypt_and_jordan_reject_the_relocation_proposal(seed_events):
    rejected = find(seed_events, type="REJECT")
    assert rejected.actor == ["Egypt", "Jordan"]  # "Both countries": the two named before
    assert rejected.actor_mention == "Both countries"
    assert rejected.target == ["Donald Trump"]  # "his proposal"
    assert rejected.actor_country == ["EGY", "JOR"] and rejected.actor_sector == ["GOV", "GOV"]
    assert rejected.date is None  # the report's date is never a default


def test_gunman_kills_two_soldiers_in_tayasir_on_tuesday(seed_events):
    killed = find(seed_events, type="ASSAULT", actor=["gunman"])
    assert (killed.mode, killed.location, killed.date) == (
        "firearms",
        "Tayasir",
        dt.date(2025, 2, 4),
    )
    assert killed.target == ["Israel Defense Forces"]  # "two Israeli soldiers"


def test_the_operation_around_jenin(seed_events):
    operation = find(seed_events, type="ASSAULT", trigger="operation")
    assert (operation.actor, operation.location) == (["Israel"], "Jenin")


def test_hostage_prisoner_exchanges_are_releases(seed_events):
    exchanging = find(seed_events, trigger="exchanging")
    assert (exchanging.type, exchanging.mode, exchanging.actor) == (
        "RETREAT",
        "release",
        ["Hamas", "Israel"],
    )
    term = find(seed_events, trigger="free")
    assert (term.actor, term.status) == (["Hamas"], "planned")  # "Hamas was to free 33 hostages"


def test_surge_of_aid_into_gaza(seed_events):
    aid = find(seed_events, type="AID")
    assert (aid.mode, aid.location) == ("humanitarian", "Gaza Strip")


def test_the_dateline_is_not_where_events_happened(seed_events):
    assert all(e.location != "Washington" for e in seed_events)


def test_quoted_words_are_not_reported_events(seed_events):
    # “Israel is preparing for the working-level delegation to leave for Doha ...”
    assert not [e for e in seed_events if e.trigger in ("leave", "discuss")]


# Invented reports: the rules, not the seed's words ------------------------------------------

OSTRAVIA = (
    " date 2031-06-11 VELMORA: The Soran Brigades freed four hostages in Kelvar on Monday, and "
    "Ostravia released 40 prisoners the same day, the Red Cross said.\n\n"
    "President Alma Varga met Prime Minister Tomas Keld in Velmora on Tuesday to discuss the "
    "next phase of the truce.\n\n"
    "The Dravian army did not attack the village. Officials said militants could attack the "
    "depot. The Kelmar Front denied kidnapping the engineers. Mediators urged the Soran Brigades "
    "to release the remaining captives.\n\n"
    "The company released its quarterly results on Monday.\n"
)


@pytest.fixture(scope="module")
def invented(nlp):
    return events(nlp, OSTRAVIA)


def test_release_by_an_armed_group_with_place_and_weekday(invented):
    freed = find(invented, trigger="freed")
    assert (freed.type, freed.mode, freed.actor, freed.location, freed.date) == (
        "RETREAT",
        "release",
        ["Soran Brigades"],
        "Kelvar",
        dt.date(2031, 6, 9),
    )


def test_a_meeting_between_invented_leaders(invented):
    met = find(invented, type="CONSULT", trigger="met")
    assert met.actor == ["Alma Varga"] and met.target == ["Tomas Keld"]
    assert (met.location, met.date) == ("Velmora", dt.date(2031, 6, 10))


@pytest.mark.parametrize(
    "trigger_after, status",
    [
        ("did not ", "negated"),
        ("could ", "hypothetical"),
        ("denied ", "denied"),
        ("Brigades to ", "demanded"),
    ],
)
def test_status_from_negation_modals_denials_and_demands(invented, trigger_after, status):
    start = OSTRAVIA.index(trigger_after) + len(trigger_after) - len(" date 2031-06-11 ")
    event = next(e for e in invented if e.trigger_start == start)
    assert event.status == status


def test_no_event_below_confidence(invented):
    # "released its quarterly results": a release needs people released.
    assert not [e for e in invented if e.trigger == "released" and e.target == ["results"]]
    assert len([e for e in invented if e.trigger == "released"]) == 1


MARSK = (
    " date 2032-09-14 MARSK, Sept 14 (Wire) - Forces of the Northern Alliance shelled the port "
    "city of Tiravo on Monday, killing at least 12 civilians, the regional health office said.\n\n"
    "The Valdorian government accused the alliance of breaking the truce. The alliance denied "
    "shelling the city. Mediators urged the Soran Brigades to withdraw from the ridge.\n\n"
    "President Ilse Marovic will travel to Lisgard to meet alliance leader Dako Vrenn on "
    "Friday, her office said.\n"
)


def test_wire_dateline_definite_names_control_and_plans(nlp):
    found = events(nlp, MARSK)
    shelled = find(found, trigger="shelled")
    # the parse makes the dateline the subject: the actor is its apposition
    assert (shelled.actor, shelled.location, shelled.date) == (
        ["Northern Alliance"],
        "Tiravo",
        dt.date(2032, 9, 13),
    )
    assert shelled.actor_mention.startswith("Forces of")
    # "the alliance" is the Northern Alliance named before
    assert find(found, type="ACCUSE").target == ["Northern Alliance"]
    assert find(found, status="denied").actor == ["Northern Alliance"]
    # "urged X to withdraw": X is to withdraw
    withdraw = find(found, trigger="withdraw")
    assert (withdraw.actor, withdraw.status) == (["Soran Brigades"], "demanded")
    # "will travel to Lisgard to meet him on Friday": the coming Friday
    meet = find(found, trigger="meet")
    assert (meet.actor, meet.target, meet.date) == (
        ["Ilse Marovic"],
        ["Dako Vrenn"],
        dt.date(2032, 9, 17),
    )


ZERAVA = (
    " date 2033-04-20 ZERAVA: Under the deal, the Free Hills Movement is to hand over 40 "
    "captured soldiers. On Saturday, a roadside bomb killed four policemen near Kelsk. Rights "
    "groups accused the army of detaining dozens of students.\n"
)


def test_parse_slips_and_accusations(nlp):
    found = events(nlp, ZERAVA)
    handed = find(found, trigger="hand")  # "over" parsed as "over 40"
    assert (handed.mode, handed.status, handed.actor) == (
        "release",
        "planned",
        ["Free Hills Movement"],
    )
    bomb = find(found, trigger="killed")
    assert (bomb.mode, bomb.location, bomb.date) == ("explosives", "Kelsk", dt.date(2033, 4, 16))
    detaining = find(found, trigger="detaining")  # the accused is the one said to act
    assert (detaining.type, detaining.actor) == ("COERCE", ["army"])


def test_an_office_speaks_for_its_principal(nlp):
    (accused,) = events(
        nlp, " date 2031-06-11 Egypt’s foreign ministry accused Ostravia of delays.\n"
    )
    assert (accused.type, accused.actor, accused.actor_mention) == (
        "ACCUSE",
        ["Egypt"],
        "Egypt’s foreign ministry",
    )


def test_the_lexicon_is_data_a_user_can_extend(nlp, tmp_path):
    extra = tmp_path / "more.yaml"
    extra.write_text("verbs:\n  ambush: {type: ASSAULT, argument: true}\n", "utf-8")
    lexicon = load_lexicon(extra)
    text = " date 2031-06-11 Rebels ambushed a convoy near Kelvar on Tuesday.\n"
    document = make_document(RawReport(text=text, origin="t.txt"))
    doc = nlp(document.body)
    from trucewatch.extract.actors import default_table
    from trucewatch.extract.entities import extract_entities

    entities = extract_entities(doc, document, default_table())
    (ambush,) = extract_events(doc, document, entities, default_table(), lexicon)
    assert (ambush.type, ambush.actor, ambush.date) == ("ASSAULT", ["Rebels"], dt.date(2031, 6, 10))


# Incidents -------------------------------------------------------------------------------


def mention(**fields):
    base = dict(type="RETREAT", mode="release", status="occurred", date=dt.date(2031, 6, 9))
    base.update(fields)
    return {"actor": None, "target": None, "location": None, "doc": None, **base}


def test_same_happening_needs_type_date_participants_and_place():
    a = Mention.of(mention(actor=["Soran Brigades"], location="Kelvar", doc="a"))
    assert same_happening(a, Mention.of(mention(date=dt.date(2031, 6, 10), doc="b")))
    assert not same_happening(a, Mention.of(mention(date=dt.date(2031, 6, 11), doc="b")))
    assert not same_happening(a, Mention.of(mention(date=None, doc="b")))
    assert not same_happening(a, Mention.of(mention(actor=["Ostravia"], doc="b")))
    assert not same_happening(a, Mention.of(mention(location="Velmora", doc="b")))
    assert not same_happening(a, Mention.of(mention(status="denied", doc="b")))
    assert not same_happening(a, Mention.of(mention(type="ASSAULT", doc="b")))
    # one report's own days are exact: Monday's release is not Tuesday's
    assert not same_happening(a, Mention.of(mention(date=dt.date(2031, 6, 10), doc="a")))


def test_linking_is_complete_link():
    # Ostravia's release and the Brigades' release share no named actor: a third,
    # actorless mention must not chain them into one incident.
    numbers = link(
        [
            mention(actor=["Soran Brigades"]),
            mention(actor=["Ostravia"]),
            mention(target=["hostages"]),
        ]
    )
    assert numbers[0] != numbers[1]


ACCOUNT_A = (
    " date 2031-03-02 KELVAR: The Soran Brigades freed four hostages in Kelvar on Sunday, "
    "handing them to the Red Cross.\n\n"
    "Ostravia's army struck a depot near Velmora on Saturday, officials said.\n"
)
ACCOUNT_B = (
    " date 2031-03-03 VELMORA (Wire) - Four hostages were freed by the Soran Brigades in Kelvar "
    "on Sunday, a day after Ostravian jets struck a depot near Velmora.\n\n"
    "The Soran Brigades freed two more captives in Kelvar on Wednesday last week.\n"
)


@pytest.mark.postgres
def test_two_reports_of_one_release_are_one_incident(db_url, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(ACCOUNT_A, "utf-8")
    (folder / "b.txt").write_text(ACCOUNT_B, "utf-8")
    with Database(db_url) as db:
        pipeline.ingest([str(folder / "a.txt")], db)
        pipeline.ingest([str(folder / "b.txt")], db)  # linked at save time, to stored reports
        found = list(db.iter_incidents())
        releases = [i for i in found if i["type"] == "RETREAT" and i["date"] == "2031-03-02"]
        assert len(releases) == 1
        release = releases[0]
        # "freed ... handing them to the Red Cross" in A, "were freed by" in B
        assert (release["mentions"], release["documents"]) == (3, 2)
        assert release["location"] == "Kelvar" and "Soran Brigades" in release["actor"]
        assert [m["trigger"] for m in release["evidence"]] == ["freed", "handing", "freed"]
        # last week's release is another happening
        assert any(i["type"] == "RETREAT" and i["date"] == "2031-02-26" for i in found)
        counts = db.counts()
        pipeline.ingest([str(folder)], db)  # re-ingest: nothing new, nothing relinked
        assert {**db.counts(), "runs": 0} == {**counts, "runs": 0}
        stored = list(db.iter_records("event"))
        assert all(r["incident_id"] is not None for r in stored)


def test_the_government_is_the_state_whose_government_was_named(nlp):
    records = events(
        nlp,
        " date 2033-06-02 MARVELLE: Kestria's government and the Valon People's Militia agreed "
        "on Thursday to extend their truce. The government was to free 300 militia members, "
        "and the rebels were to hand over 25 abducted civilians.",
    )
    find(records, trigger="agreed", actor=["Kestria", "Valon People's Militia"])
    find(records, trigger="free", actor=["Kestria"])
    find(records, trigger="hand", actor=["Valon People's Militia"])


def test_a_bare_government_in_a_report_datelined_in_its_country(nlp):
    records = events(
        nlp,
        " date 2033-06-09 CORRAN, Kestria: The government says it will free the remaining 120 "
        "once the militia returns every captive.",
    )
    find(records, trigger="free", type="RETREAT", actor=["Kestria"])


def test_a_date_between_subject_and_verb_dates_the_event(nlp):
    found = events(
        nlp,
        "date 2031-03-12\n\nRuritania and Freedonia on March 3 conducted their fifth "
        "prisoner exchange. A Freedonian delegation on Tuesday concluded talks in the "
        "capital with the rebels.",
    )
    assert find(found, trigger="exchange").date == dt.date(2031, 3, 3)
    assert find(found, trigger="talks").date == dt.date(2031, 3, 11)


def test_a_means_clause_takes_the_subject_and_date_of_its_verb(nlp):
    found = events(
        nlp,
        "date 2031-03-12\n\nOn 2 March, Ruritania and Freedonia took a step forward by "
        "exchanging prisoners.",
    )
    event = find(found, trigger="exchanging")
    assert set(event.actor) == {"Ruritania", "Freedonia"}
    assert event.date == dt.date(2031, 3, 2)


def test_what_an_instrument_does_is_done_by_its_owner(nlp):
    found = events(nlp, "date 2031-03-12\n\nIsraeli airstrikes killing civilians drew criticism.")
    assert find(found, trigger="killing").actor == ["Israel"]


def test_they_in_what_two_states_say_is_those_states(nlp):
    found = events(
        nlp, " date 2031-06-11 Ukraine and Russia said on Monday they would swap prisoners.\n"
    )
    assert set(find(found, trigger="swap").actor) == {"Ukraine", "Russia"}


def test_the_parties_of_a_deal_act_in_it_not_who_hailed_it(nlp):
    found = events(
        nlp,
        " date 2031-06-11 Turkey hailed a deal between Armenia and Azerbaijan to swap prisoners.\n"
        "A deal was reached between Armenia and Azerbaijan in May, during talks in Geneva.\n",
    )
    assert set(find(found, trigger="swap").actor) == {"Armenia", "Azerbaijan"}
    assert set(find(found, trigger="talks").actor) == {"Armenia", "Azerbaijan"}


@pytest.mark.parametrize(
    "sentence",
    [
        "The army handed over 31 wounded prisoners to the Red Cross.",
        "The deal frees 150 prisoners detained in Northmark.",
    ],
)
def test_a_participle_that_says_what_people_are_is_no_event(nlp, sentence):
    found = events(nlp, f" date 2031-06-11 {sentence}\n")
    assert not [e for e in found if e.trigger in ("wounded", "detained")]


def test_people_detained_on_a_day_were_arrested(nlp):
    found = events(nlp, " date 2031-06-11 Police freed five men detained on Tuesday.\n")
    assert find(found, trigger="detained").type == "COERCE"


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Early on Tuesday, 33 Palestinians held in Israeli prisons were freed.", ["Israel"]),
        ("On Wednesday, 150 Ukrainian defenders were released from Russian captivity.", ["Russia"]),
    ],
)
def test_a_release_from_a_state_s_prisons_is_that_state_s(nlp, sentence, actor):
    found = events(nlp, f" date 2031-06-11 {sentence}\n")
    assert find(found, mode="release").actor == actor


def test_a_release_that_was_supposed_to_happen_is_planned(nlp):
    found = events(
        nlp, " date 2031-06-11 The Front was supposed to release 20 captives by Monday.\n"
    )
    assert find(found, mode="release").status == "planned"


def test_a_headline_s_list_of_states_acts_together(nlp):
    found = events(nlp, " date 2031-06-11 Russia, Ukraine swap 372 prisoners of war.\n")
    assert set(find(found, mode="release").actor) == {"Russia", "Ukraine"}


def test_a_swap_with_the_other_side_is_both_sides(nlp):
    found = events(nlp, " date 2031-06-11 Ukraine swapped 150 prisoners with Russia on Monday.\n")
    assert find(found, mode="release").actor == ["Ukraine", "Russia"]


def test_an_exchange_with_the_other_side_and_a_release_from_a_state(nlp):
    found = events(
        nlp,
        " date 2031-06-11 Ukraine held another prisoner exchange with Russia on Monday.\n"
        "Ten detainees were freed from Venezuela on Friday.\n",
    )
    assert find(found, trigger="exchange").actor == ["Ukraine", "Russia"]
    assert find(found, trigger="freed").actor == ["Venezuela"]


def test_people_deported_from_a_state_were_expelled_by_it(nlp):
    found = events(
        nlp, " date 2031-06-11 Their families say the men were deported from Norway in May.\n"
    )
    assert find(found, mode="expel").actor == ["Norway"]


def test_a_meeting_the_speaker_spoke_at_is_the_speaker_s(nlp):
    found = events(
        nlp,
        " date 2031-06-11 “We keep our word,” the president said during a meeting with "
        "his army chief.\nMara Voss, speaking on Friday after a meeting with the envoy, said "
        "talks would go on.\n",
    )
    assert [e.actor for e in found if e.trigger == "meeting"] == [["president"], ["Mara Voss"]]


def test_they_after_a_plural_sayer_and_killed_in_a_state_s_campaign(nlp):
    found = events(
        nlp,
        " date 2031-06-11 Valdorian troops said they had pulled back from the river.\n"
        "Forty people were killed in Norway's bombing campaign, officials said.\n",
    )
    assert find(found, trigger="pulled").actor is not None
    assert find(found, trigger="killed").actor == ["Norway"]


@pytest.mark.parametrize(
    "sentence",
    [
        "“It sets a bad precedent,” he said, calling it a win for Valdor.",
        "Ten others were held, in what the coalition called a revolving door.",
        "The minister does not agree with the claims that talks began.",
    ],
)
def test_naming_and_opinions_are_no_request_or_agreement(nlp, sentence):
    found = events(nlp, f" date 2031-06-11 {sentence}\n")
    assert not [e for e in found if e.type in ("REQUEST", "AGREE")]


def test_a_deal_struck_is_an_agreement_and_a_village_struck_an_assault(nlp):
    found = events(
        nlp,
        " date 2031-06-11 Valdor and Norway have struck a deal for a prisoner swap.\n"
        "Valdor struck a village near the border on Monday.\n"
        "The exchange agreement was struck days after the talks.\n",
    )
    assert [e.type for e in found if e.trigger == "struck"] == ["AGREE", "ASSAULT", "AGREE"]


def test_talks_between_representatives_of_states_are_those_states(nlp):
    found = events(
        nlp,
        " date 2031-06-11 Armenia and Azerbaijan swapped prisoners on Monday.\n"
        "The statement came after talks between representatives of the two countries.\n"
        "Talks between envoys of Armenia and Azerbaijan resumed in Geneva.\n",
    )
    assert [set(e.actor) for e in found if e.trigger.lower() == "talks"] == [
        {"Armenia", "Azerbaijan"},
        {"Armenia", "Azerbaijan"},
    ]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The biggest prisoner exchange operation since 2015 between the rebels and the "
         "army began on Friday.", "RETREAT"),
        ("The Red Cross began a humanitarian operation in the port.", "AID"),
        ("The army launched a military operation in the north on Monday.", "ASSAULT"),
    ],
)  # fmt: skip
def test_an_operation_is_what_it_is_of(nlp, sentence, kind):
    found = events(nlp, f" date 2031-06-11 {sentence}\n")
    assert find(found, trigger="operation").type == kind


def test_the_warring_countries_are_the_two_named_before(nlp):
    found = events(
        nlp,
        " date 2031-06-11 Armenia and Azerbaijan swapped 40 prisoners each on Saturday.\n"
        "It brings the number of prisoners released by the warring countries to 300.\n",
    )
    assert set(find(found, trigger="released").actor) == {"Armenia", "Azerbaijan"}


def test_actors_told_around_the_trigger(nlp):
    found = events(
        nlp,
        " date 2031-06-11 In a breakthrough, Armenia and Azerbaijan on Wednesday each "
        "released 40 prisoners.\n"
        "Norway is set to carry out a prisoner exchange with Sweden.\n"
        "Nine hostages released by the Front are handed over to Red Cross teams.\n"
        "The ceasefire, which began on Monday, is meant to end the war between Valdor and "
        "the Front.\nAid trucks entered the valley on Sunday, in the war between Valdor and "
        "the Front.\n",
    )
    released = [e.actor for e in found if e.trigger == "released"]
    assert set(released[0]) == {"Armenia", "Azerbaijan"}
    assert set(find(found, trigger="exchange").actor) == {"Norway", "Sweden"}
    assert find(found, trigger="handed").actor == released[1] is not None
    assert find(found, trigger="began").actor is not None
    assert find(found, trigger="entered").actor is None  # only a ceasefire is the sides''


def test_a_group_of_people_released_is_a_release(records_of):
    events = records_of("The Front on Saturday released a second group of civilians.", "event")
    assert [(e.type, e.mode) for _, e in events] == [("RETREAT", "release")]


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Some 300 people were killed in Varenia, mostly during the incursion by the Front.", ["Front"]),
        ("The ministry says 900 people have been killed and 1,800 injured in Varenia's offensive.", ["Varenia"]),
        ("Officials said Varenia launched eight missiles in an overnight attack on Ruritania.", ["Varenia"]),
    ],
)  # fmt: skip
def test_the_author_of_an_attack_told_around_it(records_of, sentence, actor):
    assaults = [e for _, e in records_of(sentence, "event") if e.type == "ASSAULT"]
    assert assaults[0].actor == actor


def test_people_freed_are_freed_by_whoever_held_them(records_of):
    events = records_of(
        "Two women who were being held captive by the Front have also been freed.", "event"
    )
    [release] = [e for _, e in events if e.mode == "release"]
    assert release.actor == ["Front"]


def test_what_a_deal_is_to_do_is_not_done_by_whoever_hails_it(records_of):
    events = records_of(
        "Anna Keller praised the agreement, saying she particularly welcomes the deal to "
        "release detainees.",
        "event",
    )
    [release] = [e for _, e in events if e.mode == "release"]
    assert release.actor is None


def test_people_counted_coming_home_do_not_carry_out_the_exchange(records_of):
    events = records_of(
        "On Sunday, 303 more Armenian servicemen came home, completing the exchange.", "event"
    )
    assert all(e.actor != ["Armenian servicemen"] for _, e in events)


# The tenth round: releasers a report names elsewhere, attacks told in a relative clause.


@pytest.mark.parametrize(
    ("sentence", "freed", "actor"),
    [
        ("Armenia and Azerbaijan exchanged 100 prisoners each on Saturday. "
         "The defence ministry said 40 Armenian servicemen had been freed.",
         "freed", ["Azerbaijan"]),
        ("The truce between Israel and Hamas held. A new group of 12 hostages was freed "
         "from Gaza on Tuesday.", "freed", ["Hamas"]),
        ("The truce between Israel and Hamas held. Thirty Palestinian prisoners were "
         "released overnight.", "released", ["Israel"]),
    ],
)  # fmt: skip
def test_people_freed_with_no_agent_are_freed_by_the_other_side(records_of, sentence, freed, actor):
    [release] = [e for _, e in records_of(sentence, "event") if e.trigger == freed]
    assert release.actor == actor


def test_people_of_both_sides_name_no_releaser(records_of):
    events = records_of(
        "The exchange between the Yemeni government and the Houthis ended on Sunday. "
        "Four Yemeni journalists were freed.",
        "event",
    )
    [release] = [e for _, e in events if e.trigger == "freed"]
    assert release.actor is None


def test_an_exchange_with_no_sides_of_its_own_is_the_pair_s(records_of):
    events = records_of(
        "Armenia and Azerbaijan agreed to exchange 100 prisoners each. Freed soldiers "
        "embraced their families after the exchange in Gyumri on Saturday.",
        "event",
    )
    *_, exchange = [e for _, e in events if e.trigger == "exchange"]  # the noun, last
    assert exchange.status == "occurred"
    assert exchange.actor == ["Armenia", "Azerbaijan"]


def test_people_freed_from_a_state_s_prisons_are_freed_by_that_state(records_of):
    events = records_of("Ten Americans who were imprisoned in Venezuela were released.", "event")
    [release] = [e for _, e in events if e.mode == "release"]
    assert release.actor == ["Venezuela"]


def test_an_attack_that_officials_say_killed_is_not_the_officials(records_of):
    events = records_of(
        "The Front took 240 captives in an attack that Varenian officials say killed 1,200 people.",
        "event",
    )
    [killing] = [e for _, e in events if e.trigger == "killed"]
    assert killing.actor == ["Front"]


def test_people_exchanged_with_no_agent_are_exchanged_by_the_pair(records_of):
    events = records_of(
        "In August, Armenia and Azerbaijan exchanged 115 prisoners. The ministry said that "
        "1,994 captives have been exchanged through its mediation.",
        "event",
    )
    [passive] = [e for _, e in events if e.trigger == "exchanged" and e.status == "occurred"][1:]
    assert passive.actor == ["Armenia", "Azerbaijan"]


def test_whoever_is_in_talks_holds_them(records_of):
    events = records_of("Russia is in talks with the West about a prisoner exchange.", "event")
    [talks] = [e for _, e in events if e.trigger == "talks"]
    assert (talks.actor, talks.target) == (["Russia"], ["West"])


def test_the_handover_after_a_release_is_that_release(records_of):
    events = records_of(
        "The Front released 13 hostages on Saturday. The handover was carried out in Tiravo "
        "at midnight. The release of the prisoners was delayed.",
        "event",
    )
    [handover] = [e for _, e in events if e.trigger == "handover"]
    assert handover.actor == ["Front"]
    assert all(e.actor is None for _, e in events if e.trigger == "release")


def test_an_arrest_with_no_agent_is_the_state_s_it_happened_in(records_of):
    events = records_of(
        "Two Americans were detained in Iran last year. A man was arrested in Tiravo.", "event"
    )
    assert [e.actor for _, e in events if e.mode == "arrest"] == [["Iran"], None]


def test_visiting_family_is_no_diplomatic_visit(records_of):
    events = records_of("Anna Keller was arrested while visiting family in Varenia.", "event")
    assert not [e for _, e in events if e.type == "CONSULT"]


def test_an_exchange_that_took_place_between_two_sides_is_theirs(records_of):
    events = records_of(
        "On Saturday, another prisoner swap took place between Moscow and Kyiv.", "event"
    )
    [swap] = [e for _, e in events if e.trigger == "swap"]
    assert swap.actor == ["Moscow", "Kyiv"]


def test_the_warring_parties_are_the_pair_the_report_names(records_of):
    events = records_of(
        "Armenia and Azerbaijan exchanged prisoners in December. On Friday the warring "
        "parties exchanged 32 more soldiers, after talks between Yerevan and Baku.",
        "event",
    )
    [later] = [e for _, e in events if e.trigger == "exchanged"][1:]
    assert later.actor == ["Armenia", "Azerbaijan"]
    assert later.actor_mention == "the warring parties"


def test_a_commitment_to_release_is_the_committed_side_s_plan(records_of):
    events = records_of(
        "Over the next two days, the Front has committed to releasing 20 women.", "event"
    )
    [release] = [e for _, e in events if e.mode == "release"]
    assert (release.actor, release.status) == (["Front"], "planned")


def test_each_side_is_the_pair_the_report_names(records_of):
    events = records_of(
        "Russia and Ukraine exchanged 372 prisoners on Wednesday. Putin had said the exchange "
        "would take place, with each side releasing 175 prisoners.",
        "event",
    )
    [each] = [e for _, e in events if e.trigger == "releasing"]
    assert each.actor == ["Russia", "Ukraine"]


def test_two_sides_joined_by_a_hyphen_are_the_truce_s(records_of):
    events = records_of("The Israel-Hamas truce was expected to begin on Thursday.", "event")
    [truce] = [e for _, e in events if e.mode == "ceasefire"]
    assert truce.actor == ["Israel", "Hamas"]


def test_they_handed_over_after_a_release_are_that_release(records_of):
    events = records_of(
        "The Front freed 13 hostages on Saturday. They were handed over to the Red Cross late "
        "on Saturday.",
        "event",
    )
    [handed] = [e for _, e in events if e.trigger == "handed"]
    assert handed.actor == ["Front"]


def test_an_attack_named_again_is_that_of_the_attack_told_before(records_of):
    events = records_of(
        "Aram Velin was killed by Front militants who overran his home in Kesh, the army said. "
        "His wife was also killed in the attack.",
        "event",
    )
    [wife] = [e for _, e in events if e.trigger == "killed" and e.target == ["wife"]]
    assert wife.actor == ["Front militants"]
    assert wife.start > 80  # the evidence is the sentence's own, not the one it looks back to


def test_the_exchange_after_a_swap_between_several_is_theirs(records_of):
    events = records_of(
        "Two meetings laid the groundwork for a major prisoner swap between Ruritania, Elbonia "
        "and other countries, according to sources. The meetings were crucial in coordinating "
        "the exchange of 26 individuals at Valdor Airport, the sources said.",
        "event",
    )
    [exchange] = [e for _, e in events if e.trigger == "exchange"]
    assert set(exchange.actor) >= {"Ruritania", "Elbonia"}


def test_an_attack_named_again_far_from_the_last_one_stays_unknown(records_of):
    events = records_of(
        "Front gunmen attacked a convoy near Kesh on Monday. Talks resumed in Valdor. The "
        "mediators met twice. Aid convoys waited at the border. Nine people were killed in the "
        "attack, the ministry said.",
        "event",
    )
    [killed] = [e for _, e in events if e.trigger == "killed"]
    assert killed.actor is None


def test_their_raid_in_a_clause_with_an_agent_is_the_agent_s(records_of):
    events = records_of(
        "The talks aim to free the 240 people taken by the Northern Front to the hills after "
        "their raid on Kesh in October.",
        "event",
    )
    [raid] = [e for _, e in events if e.trigger == "raid"]
    assert raid.actor == ["Northern Front"]


def test_they_handed_over_after_the_captives_named_before_are_the_group_s(records_of):
    events = records_of(
        "The truce deal between Hamas and Israel will see 50 Israeli hostages exchanged for 150 "
        "prisoners. Videos showed hostages leaving the enclave. They were handed over to the Red "
        "Cross late on Saturday.",
        "event",
    )
    [handed] = [e for _, e in events if e.trigger == "handed"]
    assert handed.actor == ["Hamas"]


def test_a_definite_noun_told_again_with_nothing_of_its_own_is_no_new_event(records_of):
    events = records_of(
        "Ruritanian jets struck Kesh on Tuesday. The White House said Ruritania had consulted "
        "it before the strikes.",
        "event",
    )
    assert [e.trigger for _, e in events if e.type == "ASSAULT"] == ["struck"]


def test_an_abduction_told_without_its_doer_after_one_told_with_it_is_that_doer_s(records_of):
    events = records_of(
        "Two siblings were freed after the Northern Front kidnapped them from their farm in "
        "October. Another of those freed tonight is Ana Velin, a nurse who was kidnapped from "
        "Kesh.",
        "event",
    )
    [nurse] = [e for _, e in events if e.mode == "abduct" and e.target == ["nurse"]]
    assert nurse.actor == ["Northern Front"]


def test_people_killed_in_previous_attacks_after_an_attack_told_are_of_its_doer(records_of):
    events = records_of(
        "The air force said Russia launched eight missiles in an overnight attack on Ukraine on "
        "Saturday. Dozens of civilians have been killed in previous attacks over recent weeks.",
        "event",
    )
    [killed] = [e for _, e in events if e.trigger == "killed"]
    assert killed.actor == ["Russia"]


def test_people_detained_with_no_agent_are_held_by_whoever_frees_them(records_of):
    events = records_of(
        "More than 1,900 prisoners, including 1,700 people who were detained during the war, "
        "are set to be released by Ruritania under the deal.",
        "event",
    )
    [detained] = [e for _, e in events if e.mode == "arrest"]
    assert detained.actor == ["Ruritania"]


def test_people_detained_then_freed_by_nobody_named_stay_unknown(records_of):
    events = records_of(
        "Two journalists who were detained in March were released on Friday.", "event"
    )
    [detained] = [e for _, e in events if e.mode == "arrest"]
    assert detained.actor is None


def test_the_prisoners_swap_is_of_the_prisoners_not_by_them(records_of):
    events = records_of(
        '"Another 115 of our defenders have come home," the president said of the prisoners\' '
        "swap on Friday.",
        "event",
    )
    [swap] = [e for _, e in events if e.trigger == "swap"]
    assert swap.actor != ["prisoners"]
    assert swap.target == ["prisoners"]


def test_a_clause_after_the_last_of_the_freed_names_who_held_them_all(records_of):
    events = records_of(
        "Ten Ruritanians and permanent residents who had been seized by Elbonian authorities "
        "were freed late last week.",
        "event",
    )
    [freed] = [e for _, e in events if e.trigger == "freed"]
    assert freed.actor == ["Elbonian authorities"]


def test_the_one_held_first_of_two_freed_together_names_no_releaser(records_of):
    events = records_of("The deal freed 60 captives held by the Guard and 180 prisoners.", "event")
    [freed] = [e for _, e in events if e.trigger == "freed"]
    assert freed.actor is None


def test_killed_in_attacks_launched_by_a_group_is_that_group_s_act(records_of):
    events = records_of(
        "The body belongs to Aram Velin, a 73-year-old farmer who was killed during the attacks "
        "launched by the Northern Front in October.",
        "event",
    )
    [killed] = [e for _, e in events if e.trigger == "killed"]
    assert killed.actor == ["Northern Front"]


def test_also_shot_after_an_attack_told_is_that_attack_s(records_of):
    events = records_of(
        "The girl's mother was killed in front of her in the raid by Front gunmen, officials said. "
        "The father was also shot when he lay over the girl.",
        "event",
    )
    [shot] = [e for _, e in events if e.trigger == "shot"]
    assert shot.actor == ["Front gunmen"]


def test_also_released_after_one_side_s_release_is_that_side_s(records_of):
    events = records_of(
        "Thirteen hostages were handed over by the Front on Friday, officials said. Twelve "
        "foreign workers were also released around 4 p.m.",
        "event",
    )
    [released] = [e for _, e in events if e.trigger == "released"]
    assert released.actor == ["Front"]


def test_also_released_in_a_report_of_both_sides_releases_stays_unknown(records_of):
    events = records_of(
        "The Front freed 13 hostages on Friday. Ruritania freed 39 prisoners. Twelve foreign "
        "workers were also released around 4 p.m.",
        "event",
    )
    [released] = [e for _, e in events if e.trigger == "released"]
    assert released.actor is None


def test_the_attacker_also_killed_is_not_killed_by_himself(records_of):
    events = records_of(
        "A gunman killed two soldiers in an attack on a post near Kesh. The assailant was also "
        "killed.",
        "event",
    )
    [assailant] = [e for _, e in events if e.target == ["assailant"]]
    assert assailant.actor is None

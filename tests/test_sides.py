"""Whose people a release figure counts (invented sentences), and how the ledger uses it."""

import datetime as dt

import pytest

from trucewatch.ledger import ledger, parse_spec, party_names


def test_the_side_that_frees_is_the_release_actor(claims_of):
    found = claims_of("Hamas freed three hostages and, in return, Israel released 90 prisoners.")
    assert found["three hostages"].released_by == ["Hamas"]
    assert found["90 prisoners"].released_by == ["Israel"]


@pytest.mark.parametrize(
    ("sentence", "phrase", "side"),
    [
        ("Officials said 230 Ukrainian prisoners of war returned home.", "230 Ukrainian prisoners", "Ukraine"),
        ("Venezuela freed 10 Americans on Friday.", "10 Americans", "United States"),
        ("The government freed 249 Houthi prisoners at dawn.", "249 Houthi prisoners", "Houthis"),
    ],
)  # fmt: skip
def test_whose_people_they_are_comes_from_the_counted_noun(claims_of, sentence, phrase, side):
    assert claims_of(sentence)[phrase].received_by == [side]


def test_a_group_noun_named_by_a_group_is_that_group(records_of):
    found = records_of(
        "Airport sources said Houthi rebels released 69 soldiers on Friday.", "claim"
    )
    [(_, figure)] = [(t, c) for t, c in found if c.value == 69]
    assert figure.released_by == ["Houthis"]


def test_each_side_and_both_sides_together(claims_of):
    found = claims_of(
        "Moscow and Kyiv each swapped 103 prisoners of war. "
        "An exchange of more than 800 prisoners began on Friday. "
        "Caracas freed 10 Americans in exchange for 252 Venezuelans.",
    )
    assert found["103 prisoners"].each is True
    assert found["more than 800 prisoners"].each is False  # both sides together
    assert found["252 Venezuelans"].each is None  # the other side's figure, not a total


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("The group handed over the bodies of four hostages on Monday.", "four hostages"),
        ("Four coffins were handed over to the Red Cross.", "Four coffins"),
        ("The remains of two deceased hostages were returned on Tuesday.", "two deceased hostages"),
    ],
)
def test_bodies_handed_back_are_no_release_of_the_living(claims_of, sentence, phrase):
    assert claims_of(sentence)[phrase].category == "bodies_returned"
    assert claims_of("The group freed 20 living hostages.")["20 living hostages"].category == (
        "hostages_released"
    )


SWAP = """\
id: swap
name: A swap
parties: [Russia, Ukraine]
phases:
  - name: Exchange
    start: 2031-05-01
    days: 1
    obligations:
      - {id: ukrainians, party: Russia, what: prisoners, quantity: 95}
      - {id: russians, party: Ukraine, what: prisoners, quantity: 90}
"""


def figure(value, doc, **sides):
    return {
        "kind": "claim", "doc": doc, "doc_date": "2031-05-01", "as_of": "2031-05-01",
        "date": "2031-05-01", "start": 0, "end": 1, "evidence": "", "value": value,
        "low": None, "high": None, "qualifier": None, "category": "prisoners_released",
        "source": None, "modality": "reported", "cumulative": False, **sides,
    }  # fmt: skip


def delivered(claims):
    result = ledger(parse_spec(SWAP), claims, dt.date(2031, 5, 1))
    return {o["id"]: o["delivered"]["best"] for o in result["phases"][0]["obligations"]}


def test_each_party_gets_its_own_release_in_a_swap():
    claims = [
        figure(95, "a", released_by=["Russia"]),
        figure(90, "b", received_by=["Russia"]),  # "90 Russian servicemen came home"
        figure(185, "c", released_by=["Russia", "Ukraine"], each=False),  # both together
        figure(185, "d", each=False),  # "an exchange of 185 prisoners"
    ]
    assert delivered(claims) == {"ukrainians": 95, "russians": 90}


def test_a_per_side_figure_counts_for_both():
    claims = [figure(90, "a", released_by=["Moscow", "Kyiv"], each=True)]
    assert delivered(claims) == {"ukrainians": 90, "russians": 90}


def test_whose_people_a_party_frees_is_learned_from_other_reports():
    spec = SWAP.replace("[Russia, Ukraine]", "[Russia, Ukraine, Belarus]")
    claims = [
        figure(95, "a", released_by=["Russia"], received_by=["Ukraine"]),
        figure(95, "b", received_by=["Ukraine"]),  # freed by Russia, as report a shows
    ]
    result = ledger(parse_spec(spec), claims, dt.date(2031, 5, 1))
    rows = {o["id"]: o for o in result["phases"][0]["obligations"]}
    assert rows["ukrainians"]["reports"] == 2
    assert rows["russians"]["delivered"]["best"] is None


def test_a_party_named_as_its_government_is_its_state():
    spec = parse_spec(SWAP.replace("[Russia, Ukraine]", "[Houthis, the Yemeni government]"))
    assert "Yemen" in party_names(spec, parties=["the Yemeni government"])


def test_from_each_side_and_from_both_sides(claims_of):
    found = claims_of(
        "The two armies swapped 103 prisoners from each side. "
        "The Red Cross said nearly 900 detainees from both sides were freed."
    )
    assert found["103 prisoners"].each is True
    assert found["nearly 900 detainees"].each is False


def test_what_is_given_in_exchange_goes_the_other_way(claims_of):
    found = claims_of("Caracas freed 10 Americans in exchange for 252 prisoners.")
    assert found["10 Americans"].received_by == ["United States"]
    assert found["252 prisoners"].released_by == ["United States"]


def test_another_party_s_release_is_left_out_of_an_obligation_alone_in_its_category():
    spec = SWAP.replace(
        "      - {id: russians, party: Ukraine, what: prisoners, quantity: 90}\n", ""
    )
    claims = [
        figure(95, "a", released_by=["Russia"]),
        figure(270, "b", released_by=["Ukraine"]),  # the other side's, said so
        figure(95, "c"),  # nobody named: the only obligation of its kind takes it
    ]
    result = ledger(parse_spec(spec), claims, dt.date(2031, 5, 1))
    [row] = result["phases"][0]["obligations"]
    assert row["delivered"]["best"] == 95
    assert row["reports"] == 2


def test_a_party_s_captives_called_hostages_count_as_its_prisoners_release():
    claims = [
        figure(95, "a", released_by=["Russia"], category="hostages_released"),
        figure(95, "b", released_by=["Ukraine"], category="hostages_released"),
        figure(40, "c", category="hostages_released"),  # nobody's: not borrowed
    ]
    assert delivered(claims) == {"ukrainians": 95, "russians": 95}


def test_a_release_by_a_party_with_nothing_to_free_is_read_by_whose_people():
    spec = SWAP.replace("[Russia, Ukraine]", "[Russia, Ukraine, Belarus]")
    claims = [
        # "in exchange for 95 Russians" mirrored onto Belarus, which frees nobody here
        figure(95, "a", released_by=["Belarus"], received_by=["Russia"]),
    ]
    result = ledger(parse_spec(spec), claims, dt.date(2031, 5, 1))
    rows = {o["id"]: o["delivered"]["best"] for o in result["phases"][0]["obligations"]}
    assert rows == {"ukrainians": None, "russians": 95}


@pytest.mark.parametrize(
    ("sentence", "given", "category"),
    [
        ("The rebels released 69 troops in return for 250 of their own.", "250 of their own", "prisoners_released"),
        ("The group freed three hostages in exchange for 90.", "90", "prisoners_released"),
        ("The group freed three hostages and, in return, the army released 90.", "90", "prisoners_released"),
    ],
)  # fmt: skip
def test_what_is_given_in_return_counts_the_other_side(claims_of, sentence, given, category):
    assert claims_of(sentence)[given].category == category


def test_taken_captive_still_counts_captives(claims_of):
    assert claims_of("About 200 were taken captive in the raid.")["About 200"].category == (
        "hostages_held"
    )


def test_a_list_of_destinations_sends_each_count_to_its_own_place(claims_of):
    found = claims_of(
        "In all, nine detainees were flown to Ukraine, four to Belarus and two to Moldova."
    )
    assert found["nine detainees"].received_by == ["Ukraine"]
    assert found["four"].received_by == ["Belarus"]
    assert found["two"].received_by == ["Moldova"]
    found = claims_of("Russia released 16 prisoners; 13 were flown to Germany and three to Canada.")
    assert found["13"].received_by == ["Germany"]
    assert found["three"].received_by == ["Canada"]


MANY = """\
id: many
name: A swap of many parties
parties: [Russia, United States, Germany, Belarus]
phases:
  - name: Exchange
    start: 2031-05-01
    days: 1
    obligations:
      - {id: east, party: Russia, what: prisoners, quantity: 16}
      - {id: west, party: United States, what: prisoners, quantity: 8}
"""


def test_people_sent_to_a_party_with_nothing_to_free_are_nobody_s_known_release():
    claims = [
        # "9 were flown to Russia, 12 to Germany and four to the United States"
        figure(9, "a", received_by=["Russia"], cumulative=True),
        figure(12, "a", received_by=["Germany"], cumulative=True),
        figure(4, "a", received_by=["United States"], cumulative=True),
        figure(16, "b", released_by=["Russia"], cumulative=True),
    ]
    result = ledger(parse_spec(MANY), claims, dt.date(2031, 5, 1))
    rows = {o["id"]: o["delivered"]["best"] for o in result["phases"][0]["obligations"]}
    assert rows == {"east": 16, "west": 9}


def test_a_party_never_frees_its_own_people():
    spec = """\
id: truce
name: A truce
parties: [Hamas, Israel]
phases:
  - name: One
    start: 2031-05-01
    days: 30
    obligations:
      - {id: bodies, party: Hamas, what: bodies, quantity: 28}
"""
    claims = [
        figure(4, "a", category="bodies_returned"),
        # "the 120 Palestinian bodies returned so far": Israel's handover, not Hamas's
        figure(120, "b", category="bodies_returned", received_by=["Palestinians"]),
    ]
    result = ledger(parse_spec(spec), claims, dt.date(2031, 5, 1))
    [row] = result["phases"][0]["obligations"]
    assert row["delivered"]["best"] == 4


@pytest.mark.parametrize(
    ("sentence", "phrase", "side"),
    [
        ("Russia received 307 of its servicemen on Saturday.", "307 of its servicemen", "Russia"),
        ("Moscow said it had received 200 soldiers.", "200 soldiers", "Moscow"),
        ("Ukraine got back 90 soldiers and 20 civilians.", "20 civilians", "Ukraine"),
    ],
)  # fmt: skip
def test_the_side_that_receives_the_people_is_whose_they_are(claims_of, sentence, phrase, side):
    assert claims_of(sentence)[phrase].received_by == [side]


def test_a_capital_named_as_a_party_is_its_state():
    claims = [
        figure(95, "a", released_by=["Moscow"]),
        figure(90, "b", released_by=["Kyiv"]),
    ]
    assert delivered(claims) == {"ukrainians": 95, "russians": 90}


def test_people_returned_in_the_passive_did_not_free_anybody(claims_of):
    found = claims_of("Officials said 250 prisoners were returned home, completing the swap.")
    assert found["250 prisoners"].released_by is None


@pytest.mark.parametrize(
    ("sentence", "phrase", "side"),
    [
        ("A plane carrying 120 former detainees flew from Sanaa to Aden.",
         "120 former detainees", "Aden"),
        ("Another 100 prisoners were flown to Sanaa from the port city.", "100 prisoners",
         "Sanaa"),
    ],
)  # fmt: skip
def test_people_flown_to_a_side_s_seat_are_that_side_s(claims_of, sentence, phrase, side):
    assert claims_of(sentence)[phrase].received_by == [side]


def test_a_side_s_seat_names_its_party():
    spec = parse_spec(SWAP.replace("[Russia, Ukraine]", "[Houthis, Yemeni government]"))
    assert "Sanaa" in party_names(spec, parties=["Houthis"])
    assert "Aden" in party_names(spec, parties=["Yemeni government"])


def test_people_of_no_party_named_beside_a_party_s_people_were_freed_beside_the_deal():
    spec = parse_spec(SWAP)
    claims = [  # "Russia freed three Ukrainians and five Moldovans" (one sentence)
        {**figure(3, "a", released_by=["Russia"], received_by=["Ukraine"]), "evidence_start": 7},
        {**figure(5, "a", released_by=["Russia"], received_by=["Moldova"]), "evidence_start": 7},
    ]
    result = ledger(spec, claims, dt.date(2031, 5, 1))
    rows = {o["id"]: o["delivered"]["best"] for o in result["phases"][0]["obligations"]}
    assert rows["ukrainians"] == 3


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("Each side freed 103 prisoners on Sunday.", "103 prisoners"),
        ("The sides completed the swap on Sunday, each freeing a final 150 prisoners.",
         "150 prisoners"),
        # the parse makes the participle a noun in apposition to the object
        ("Moscow and Kyiv carried out the second stage of the exchange on Saturday, each "
         "handing over 170 prisoners.", "170 prisoners"),
    ],
)  # fmt: skip
def test_each_side_as_the_one_freeing_is_a_per_side_figure(claims_of, sentence, phrase):
    assert claims_of(sentence)[phrase].each is True


def test_people_of_no_party_beside_people_of_no_named_side_were_freed_beside_the_deal():
    claims = [  # "Russia freed three prisoners and five Moldovans" (one sentence)
        {**figure(3, "a", released_by=["Russia"]), "evidence_start": 7},
        {**figure(5, "a", released_by=["Russia"], received_by=["Moldova"]), "evidence_start": 7},
    ]
    result = ledger(parse_spec(SWAP), claims, dt.date(2031, 5, 1))
    rows = {o["id"]: o["delivered"]["best"] for o in result["phases"][0]["obligations"]}
    assert rows["ukrainians"] == 3


def test_people_released_from_a_state_s_captivity_are_freed_by_it(claims_of):
    found = claims_of("On Wednesday, 150 Ukrainian defenders were released from Russian captivity.")
    assert found["150 Ukrainian defenders"].released_by == ["Russia"]


def test_whose_soldiers_through_nested_of_phrases(claims_of):
    found = claims_of(
        "In return, 390 prisoners of war of the Armed Forces of Ukraine were handed over."
    )
    [figure] = found.values()
    assert (figure.value, figure.received_by) == (390, ["Ukraine"])


def test_a_day_before_the_names_of_the_sides_is_no_part_of_them(claims_of):
    found = claims_of("On Sunday Northmark and Southland freed 90 prisoners each.")
    assert found["90 prisoners"].released_by == ["Northmark", "Southland"]


def test_people_home_to_each_side_are_each_side_s(claims_of):
    found = claims_of("The third stage on Sunday brought 303 more prisoners home to each side.")
    assert found["303 more prisoners"].each is True


def test_in_a_swap_between_states_a_side_s_own_people_are_never_its_release():
    claims = [
        # "Ukraine handed over 55 Russians and a Ukrainian politician": Kyiv once freed one
        figure(90, "a", released_by=["Ukraine"]),
        figure(1, "a", released_by=["Ukraine"], received_by=["Ukraine"]),
        # "won freedom from Russian custody for 95 Ukrainians", read with no releaser
        figure(95, "c", received_by=["Ukraine"]),
        figure(95, "d", received_by=["Ukraine"]),
    ]
    assert delivered(claims) == {"ukrainians": 95, "russians": 90}


def test_in_a_civil_war_the_state_s_nationals_may_be_either_side_s():
    spec = SWAP.replace("[Russia, Ukraine]", "[Houthis, the Yemeni government]")
    spec = spec.replace("party: Russia", "party: Houthis").replace(
        "party: Ukraine", "party: the Yemeni government"
    )
    claims = [
        figure(20, "a", released_by=["the Yemeni government"], received_by=["Yemen"]),
        figure(20, "b", received_by=["Yemen"]),  # Yemenis the government frees, as a shows
    ]
    result = ledger(parse_spec(spec), claims, dt.date(2031, 5, 1))
    rows = {o["id"]: o for o in result["phases"][0]["obligations"]}
    assert rows["russians"]["reports"] == 2


def test_a_headline_that_restates_its_report_s_running_total_adds_nothing():
    spec = SWAP.replace("days: 1", "days: 30").replace("quantity: 95", "quantity: 1000")
    claims = [
        figure(100, "a", released_by=["Russia"]),
        # "Russia Releases 361 Prisoners", over "has so far released 361 prisoners"
        {**figure(361, "b", released_by=["Russia"]), "date": None, "as_of": "2031-05-05"},
        {
            **figure(361, "b", released_by=["Russia"]),
            "date": None,
            "as_of": "2031-05-05",
            "cumulative": True,
            "evidence": "Russia has so far released 361 prisoners, a spokesman said.",
        },
    ]
    result = ledger(parse_spec(spec), claims, dt.date(2031, 5, 6))
    rows = {o["id"]: o for o in result["phases"][0]["obligations"]}
    assert rows["ukrainians"]["delivered"]["best"] == 361

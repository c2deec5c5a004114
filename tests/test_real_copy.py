"""Failure classes seen on real wire copy (issue 13), each as invented sentences."""

import datetime as dt

import pytest


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("The deal provides for the release of 33 hostages and up to 1,650 prisoners.", "up to 1,650 prisoners"),
        ("The agreement to swap 1,000 prisoners each was signed in May.", "1,000 prisoners"),
        ("We are supposed to bring home a thousand prisoners, the minister said.", "a thousand prisoners"),
        ("The two sides began exchanging 1,000 prisoners each on Friday.", "1,000 prisoners"),
        ("As part of a deal to free 20 hostages, the army released 90 prisoners.", "20 hostages"),
        ("The movement was supposed to release 20 hostages.", "20 hostages"),
        ("Families said only four of the 28 bodies were returned on Monday.", "28 bodies"),
    ],
)  # fmt: skip
def test_a_quantity_of_the_deal_is_no_delivery(claims_of, sentence, phrase):
    assert claims_of(sentence)[phrase].modality == "term"


def test_the_parts_stay_deliveries(claims_of):
    found = claims_of(
        "As part of a deal to free 20 hostages, the army released 90 prisoners. "
        "Families said only four of the 28 bodies were returned on Monday."
    )
    assert found["90 prisoners"].modality == "reported"
    four = next(c for text, c in found.items() if text.startswith("four"))
    assert (four.value, four.modality) == (4, "reported")


def test_an_age_in_brackets_after_a_name_is_no_count(claims_of):
    found = claims_of(
        "The army confirmed that the first seven returning hostages, Adam Levin (22) and "
        "Noa Peretz (24), were back."
    )
    assert [c.value for c in found.values()] == [7]


def test_a_month_before_the_report_dates_the_figure(claims_of):
    found = claims_of(
        "In August, the two countries exchanged 115 prisoners each. It is the largest swap "
        "since both sides freed more than 1,000 detainees in October 2020.",
        date="2031-09-14",
    )
    assert found["115 prisoners"].as_of == dt.date(2031, 8, 31)
    assert found["more than 1,000 detainees"].as_of == dt.date(2020, 10, 31)


def test_bodies_still_held_are_no_handover(claims_of):
    found = claims_of(
        "The group still holds the remains of 24 deceased hostages, which it has agreed to return."
    )
    assert found["24 deceased hostages"].category == "hostages_held"


def test_page_furniture_is_no_count(claims_of):
    found = claims_of(
        "Updated: 19-10-2024 01:08 IST\n2 / 2\nRelatives carry the coffin of a soldier.\n"
        "| 2 | 3 | 4 |\n26\nThe army freed 12 prisoners on Monday.\n"
        "RelatedTwo armies exchange 115 prisoners each\nRead more: 95 prisoners freed in May"
    )
    assert [c.value for c in found.values()] == [12]


def test_taken_captive_is_no_death_toll(claims_of):
    found = claims_of(
        "In all 1,139 people were killed in the raid, and about 200 were taken captive."
    )
    assert found["1,139 people"].category == "killed"
    assert next(c for t, c in found.items() if "200" in t).category == "hostages_held"


def test_what_is_not_known_is_no_negated_count(claims_of):
    found = claims_of(
        "It was not immediately clear which prisoners, among the 95 held by the army, "
        "were returned."
    )
    assert next(c for t, c in found.items() if "95" in t).modality != "negated"


def test_what_a_party_must_do_has_not_happened(records_of):
    text = (
        "LORENZA: The Front must release the hostages by Saturday. "
        "Both sides failed to meet the deadline on Monday. Northmark should free 90 prisoners."
    )
    events = [e for _, e in records_of(text, "event")]
    assert [(e.trigger, e.status) for e in events] == [
        ("release", "demanded"),
        ("free", "demanded"),
    ]


def test_the_remaining_still_to_be_returned_are_no_delivery(claims_of):
    found = claims_of(
        "The group is under pressure to expedite the return of the remaining 21 bodies. "
        "The group freed the remaining 13 hostages on Monday."
    )
    assert found["21 bodies"].modality == "projected"
    assert found["13 hostages"].modality == "reported"


def test_migrants_handed_over_by_a_state_are_its_release(claims_of):
    found = claims_of("El Salvador handed over approximately 250 Venezuelan migrants on Friday.")
    figure = found["approximately 250 Venezuelan migrants"]
    assert figure.category == "prisoners_released"
    assert (figure.released_by, figure.received_by) == (["El Salvador"], ["Venezuela"])


def test_labels_idioms_and_reading_times_are_no_counts(claims_of):
    found = claims_of(
        "1 min read\nOn day two of the swap, 12 prisoners were freed. The 1798 Alien Enemies Act "
        "was invoked. One day the country will be free, he said. The fighting has left hundreds "
        "of thousands dead."
    )
    assert [(c.value, c.low, c.category) for c in found.values()] == [
        (12, 12, "prisoners_released"),
        (None, 200000, "killed"),
    ]


def test_the_report_s_own_word_decides_for_fighters_coming_home(claims_of):
    found = claims_of(
        'The two armies swapped prisoners of war on Saturday. "Another 115 of our defenders '
        'have returned home today," the president said. Another 103 soldiers have been '
        "returned from Northmark captivity."
    )
    assert {c.category for c in found.values() if c.value in (115, 103)} == {"prisoners_released"}


def test_an_event_is_dated_by_the_clause_that_dates_it(records_of):
    text = (
        "LORENZA: The three-day exchange, which started on Friday, was the "
        "largest in years. Northmark and Ostra carried out a prisoner exchange on Thursday, "
        "under which two dozen detainees were released."
    )
    events = [e for _, e in records_of(text, "event", date="2023-04-16")]
    dates = {e.trigger: e.date for e in events}
    assert dates["released"] == dt.date(2023, 4, 13)  # a Sunday report: Thursday the 13th
    assert dt.date(2023, 4, 14) in {e.date for e in events if e.trigger == "exchange"}


def test_the_author_of_an_attack_is_the_actor_of_a_passive_killing(records_of):
    text = (
        "LORENZA: The farmer and his wife were killed outside their home "
        "during the Riverland Front-led attack on the valley."
    )
    [(_, event)] = records_of(text, "event")
    assert event.type == "ASSAULT" and event.actor and "Front" in event.actor[0]


def test_captives_the_phrase_calls_freed_and_the_author_of_attacks(records_of, claims_of):
    found = claims_of("A chartered plane left the capital, carrying 125 former detainees.")
    assert found["125 former detainees"].category == "prisoners_released"
    [(_, event)] = records_of("LORENZA: The Front-led attacks killed 1,200 people.", "event")
    assert event.actor and "Front" in event.actor[0]


def test_the_whole_of_people_described_is_no_term(records_of):
    text = "He was taken from the farm, one of 25 civilians the militia seized in a raid last year."
    [whole] = [c for t, c in records_of(text, "claim") if t == "25 civilians"]
    assert whole.modality == "reported"


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("The militia began to hand over the remains of four captives on Monday.", "four captives"),
        ("The bodies of four soldiers who died in captivity were handed over by the militia.", "four soldiers"),
        ("The remains of four more captives arrived at the forensic institute on Tuesday.", "four more captives"),
    ],
)  # fmt: skip
def test_the_dead_handed_back_are_bodies_whatever_the_clause_on_them(claims_of, sentence, phrase):
    assert claims_of(sentence)[phrase].category == "bodies_returned"


def test_the_remains_of_a_bare_number_are_bodies_and_its_whole_is_the_due(claims_of):
    found = claims_of(
        "The group has freed 20 captives alive and handed over the remains of 19 out of 28, "
        "most of them foreigners. Before two more bodies were handed over, it had returned "
        "the remains of seven of 28 known deceased captives."
    )
    assert (found["19"].category, found["19"].modality) == ("bodies_returned", "reported")
    assert (found["28"].category, found["28"].modality) == ("bodies_returned", "term")
    assert found["28 known deceased captives"].modality == "term"


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("The prisoner swap began. A plane carrying 35 prisoners landed in the port city.", "35 prisoners"),
        ("The detainee swap began. About 70 prisoners were travelling to the port on two flights.", "About 70 prisoners"),
        ("The prisoner swap ended. 100 soldiers, most of whom defended the city, are now back home.", "100 soldiers"),
        ("The prisoners were freed. Ten Kestrians are on their way to freedom, the minister wrote.", "Ten Kestrians"),
    ],
)  # fmt: skip
def test_captives_carried_or_back_home_are_released(claims_of, sentence, phrase):
    assert claims_of(sentence)[phrase].category == "prisoners_released"


def test_people_travelling_are_no_release(records_of):
    found = {t: c for t, c in records_of("Two doctors travelled to the border on Friday.", "claim")}
    assert found["Two doctors"].category == "other"


def test_a_part_of_a_known_whole_in_the_perfect_is_a_running_total(claims_of):
    found = claims_of(
        "The Front has now returned 11 of the 30 bodies it holds. The two hostages have "
        "been handed over."
    )
    assert found["11 of the 30 bodies"].cumulative
    assert not found["two hostages"].cumulative  # people already told of: the news


def test_another_or_more_is_the_latest_exchange_not_a_running_total(claims_of):
    found = claims_of(
        "The prisoner swap went ahead. Another 103 soldiers have been returned home. "
        "The Red Cross has received two more coffins of deceased captives. "
        "More than 1,000 prisoners have been freed so far."
    )
    assert not found["103 soldiers"].cumulative
    assert not found["two more coffins"].cumulative
    assert found["More than 1,000 prisoners"].cumulative
    assert found["103 soldiers"].increment and found["two more coffins"].increment
    assert not found["More than 1,000 prisoners"].increment


@pytest.mark.parametrize(
    ("sentence", "phrase", "added"),
    [
        ("The guards freed a further 30 detainees on Monday.", "30 detainees", True),
        ("An additional 50 captives were handed over.", "50 captives", True),
        ("The rebels freed 30 detainees on Monday.", "30 detainees", False),
        ("They freed more than 30 detainees.", "more than 30 detainees", False),
    ],
)
def test_a_figure_added_to_the_ones_before_says_so(claims_of, sentence, phrase, added):
    assert claims_of(sentence)[phrase].increment is added


@pytest.mark.parametrize(
    ("sentence", "phrases", "total", "category"),
    [
        ("The rebels freed 270 soldiers and 120 civilians on Sunday.",
         ["270 soldiers", "120 civilians"], 390, "hostages_released"),
        ("The group freed four teachers, two nurses and one doctor.",
         ["four teachers", "two nurses", "one doctor"], 7, "hostages_released"),
        ("So far, the remains of 21 dead hostages have been returned, along with those of "
         "two foreign workers.", ["21 dead hostages", "two foreign workers"], 23,
         "bodies_returned"),
        ("Militants handed over the bodies of 12 soldiers as well as four civilians.",
         ["12 soldiers", "four civilians"], 16, "bodies_returned"),
        # the later count shares the first's people unless it names its own
        ("The army freed 270 Valdorian soldiers and 120 civilians.",
         ["270 Valdorian soldiers", "120 civilians"], 390, "prisoners_released"),
        ("Moscow handed over 175 Ukrainian prisoners, as well as 22 seriously wounded.",
         ["175 Ukrainian prisoners", "22"], 197, "prisoners_released"),
    ],
)  # fmt: skip
def test_counts_added_together_carry_their_total(claims_of, sentence, phrases, total, category):
    found = claims_of(sentence)
    for phrase in phrases:
        assert found[phrase].together == total
        assert found[phrase].category == category


@pytest.mark.parametrize(
    ("sentence", "whole", "parts", "total"),
    [
        ("The army freed 12 prisoners: eight soldiers and four civilians.",
         "12 prisoners", ["eight soldiers", "four civilians"], 12),
        ("The militia released 30 captives — 20 soldiers and 10 civilians.",
         "30 captives", ["20 soldiers", "10 civilians"], 30),
    ],
)  # fmt: skip
def test_a_breakdown_after_a_colon_or_dash_is_never_added_to_its_whole(
    claims_of, sentence, whole, parts, total
):
    found = claims_of(sentence)
    assert found[whole].together is None
    assert all(found[part].together == total for part in parts)


@pytest.mark.parametrize(
    "sentence",
    [
        "Three hostages and 90 prisoners were freed on Sunday.",  # two kinds
        "Kyiv said 95 soldiers or 90 civilians were freed.",
        "Officials said 40 people were killed and 70 wounded.",
        "The group freed 25 living hostages and four bodies.",  # the living and the dead
        "So far 17 Israeli hostages and four Thai nationals have been freed.",  # two peoples
        "So far 17 hostages and four Thai nationals have been freed.",
        # people of no state named beside a named people
        "The group freed 13 Israeli hostages and four foreigners on Sunday.",
        "So far 12 Turkish captives and three foreign nationals have been freed.",
        # people of two states returned go to two homes, tagged as nationalities or not
        "In the swap, 246 Russian servicemen and 277 Ukrainian fighters were returned.",
    ],
)
def test_counts_of_two_kinds_or_alternatives_are_not_added(claims_of, sentence):
    assert all(c.together is None for c in claims_of(sentence).values())


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("On Tuesday 75 servicemen who had spent a year in captivity were returned from "
         "territory controlled by the northern republic.", "75 servicemen"),
        ("The coastal state will free 40 fishermen, while its neighbour will release three "
         "officers captured at the border and 12 prisoners of war.", "three officers"),
        ("The militia also freed six reporters who had been arrested and sentenced by its "
         "own tribunal.", "six reporters"),
        ("The captives will go home in return for 90 inmates jailed for life.", "90 inmates"),
        ("About 300 rebel prisoners, 11 foreign nationals freed on the second day of the swap",
         "11 foreign nationals"),
    ],
)  # fmt: skip
def test_people_a_state_or_a_court_held_are_prisoners(claims_of, sentence, phrase):
    assert claims_of(sentence)[phrase].category == "prisoners_released"


def test_an_armed_group_s_captives_stay_hostages(claims_of):
    found = claims_of("The rebels freed 14 soldiers they had held captive for a year.")
    assert found["14 soldiers"].category == "hostages_released"


@pytest.mark.parametrize(
    ("sentence", "phrase", "modality"),
    [
        ("The envoy praised the announcement by both capitals of the release of nine "
         "detainees.", "nine detainees", "term"),
        ("The interior ministry pledged the release of 45 prisoners.", "45 prisoners", "term"),
        ("Talks ended with an accord reached on the release of 18 prisoners of war.",
         "18 prisoners", "term"),
        ("The two neighbours agreed on the release of 26 detainees.", "26 detainees", "term"),
        ("Observers hailed the pledge to free 70 inmates.", "70 inmates", "term"),
        ("The junta has agreed to release 33 prisoners.", "33 prisoners", "term"),
        ("The authorities will release 50 detainees next week.", "50 detainees", "projected"),
        ("The government plans to free 25 prisoners.", "25 prisoners", "projected"),
        ("The rebels had returned the remains of 15 captives, with 11 more still to be "
         "recovered.", "11", "projected"),
    ],
)  # fmt: skip
def test_an_announced_or_agreed_release_is_no_delivery(claims_of, sentence, phrase, modality):
    assert claims_of(sentence)[phrase].modality == modality


def test_a_release_that_happened_stays_reported(claims_of):
    found = claims_of("Guards freed 80 prisoners on Monday after the deal was announced.")
    assert found["80 prisoners"].modality == "reported"
    # how wire copy most often reports a release carried out
    found = claims_of("The prison service announced the release of 90 prisoners on Sunday.")
    assert found["90 prisoners"].modality == "reported"


@pytest.mark.parametrize(
    ("sentence", "phrase", "modality"),
    [
        ("The army has delayed the release of 620 prisoners that were due out on Saturday.",
         "620 prisoners", "projected"),
        ("The cabinet postponed the handover of 45 detainees until the ceremonies stop.",
         "45 detainees", "projected"),
        ("The release of 300 inmates was suspended overnight.", "300 inmates", "projected"),
        ("Officials held up the release of 120 prisoners for a second day.", "120 prisoners",
         "projected"),
        ("Relatives protested at the delay in the release of 80 detainees.", "80 detainees",
         "projected"),
        ("The junta refused to free 60 prisoners named in the deal.", "60 prisoners", "negated"),
    ],
)  # fmt: skip
def test_a_release_put_off_or_refused_has_not_happened(claims_of, sentence, phrase, modality):
    assert claims_of(sentence)[phrase].modality == modality


def test_a_release_that_went_ahead_after_a_delay_is_reported(claims_of):
    found = claims_of("After a four-day delay, the guards freed 620 prisoners on Thursday.")
    assert found["620 prisoners"].modality == "reported"


def test_an_exchange_the_sides_agreed_is_a_term(claims_of):
    found = claims_of("The exchange of 500 prisoners each was agreed at talks in Geneva.")
    assert found["500 prisoners"].modality == "term"


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("The coalition freed 1,000 detainees over three days.", "1,000 detainees"),
        ("The ministry said it had received 400 soldiers and 80 civilians in the three stages.",
         "400 soldiers"),
    ],
)  # fmt: skip
def test_a_figure_over_several_rounds_is_a_running_total(claims_of, sentence, phrase):
    assert claims_of(sentence)[phrase].cumulative


def test_a_figure_of_one_round_is_no_running_total(claims_of):
    found = claims_of("The coalition freed 390 detainees on the first day of the swap.")
    assert not found["390 detainees"].cumulative


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("The handover brings to 14 the number of captives freed since the truce.", "14"),
        ("The swap brought the number of detainees freed to 260.", "260"),
    ],
)  # fmt: skip
def test_the_figure_a_tally_is_brought_to_is_a_running_total(claims_of, sentence, phrase):
    assert claims_of(sentence)[phrase].cumulative


def test_a_clause_on_a_part_of_the_counted_does_not_say_what_they_are(claims_of):
    found = claims_of("Since March 3, the rebels have freed 21 captives, five of them wounded.")
    whole = found["21 captives"]
    assert (whole.category, whole.cumulative) == ("hostages_released", True)


def test_a_verb_joined_to_a_perfect_shares_its_running_total(claims_of):
    found = claims_of("The rebels have now freed 18 captives and handed back six bodies.")
    assert found["18 captives"].cumulative
    assert found["six bodies"].cumulative


@pytest.mark.parametrize(
    "sentence",
    [
        "Crowds greeted 200 prisoners freed under the first phase of the truce.",
        "The 200 prisoners released under the deal arrived in the city on Saturday.",
    ],
)
def test_people_freed_under_a_deal_were_freed(claims_of, sentence):
    assert claims_of(sentence)["200 prisoners"].modality == "reported"


def test_a_day_hung_on_a_noun_of_the_verb_s_phrase_dates_the_figure(claims_of):
    found = claims_of(
        "Rebels freed 12 captives in a handover at the border crossing on Monday.",
        date="2031-01-26",
    )
    assert found["12 captives"].date == dt.date(2031, 1, 20)


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("The army began releasing 183 prisoners on Saturday.", "183 prisoners"),
        ("Guards started freeing 90 detainees early on Monday.", "90 detainees"),
    ],
)  # fmt: skip
def test_one_side_s_release_under_way_is_the_day_s_batch(claims_of, sentence, phrase):
    assert claims_of(sentence)[phrase].modality == "reported"


def test_a_swap_begun_is_named_by_its_whole_and_its_day_by_its_part(claims_of):
    found = claims_of(
        "The two countries began swapping 800 prisoners of war on Friday, with 240 freed by "
        "each side. The two sides began releasing 600 prisoners each."
    )
    assert found["800 prisoners"].modality == "term"
    assert found["600 prisoners"].modality == "term"
    day = next(c for text, c in found.items() if text.startswith("240"))
    assert (day.modality, day.each) == ("reported", True)


def test_a_release_after_a_begun_one_is_not_begun(claims_of):
    found = claims_of(
        "The army began releasing 183 prisoners after the group freed three hostages."
    )
    assert found["three hostages"].modality == "reported"


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("The group has released three hostages on Saturday.", "three hostages"),
        ("The army has freed 183 prisoners on March 8.", "183 prisoners"),
        ("The army has freed 90 prisoners today.", "90 prisoners"),
    ],
)  # fmt: skip
def test_a_perfect_pinned_to_one_day_is_that_day_s_batch(claims_of, sentence, phrase):
    assert not claims_of(sentence)[phrase].cumulative


def test_a_perfect_with_a_tally_word_stays_a_running_total(claims_of):
    found = claims_of(
        "The army has freed 1,135 prisoners since the truce began. "
        "The group has freed 16 hostages so far, six of them on Saturday."
    )
    assert found["1,135 prisoners"].cumulative
    assert found["16 hostages"].cumulative


def test_counts_sent_to_two_places_are_not_added(claims_of):
    found = claims_of(
        "In total, 10 detainees were flown to Valdoria, 13 to Ostmark, and three to Kestria."
    )
    assert all(c.together is None for c in found.values())


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("The second group of 13 hostages has been handed over.", "13 hostages"),
        ("The group has freed three hostages in the fourth exchange of the truce.", "three hostages"),
        ("The two sides have swapped 307 prisoners each on the second day of the swap.",
         "307 prisoners"),
    ],
)  # fmt: skip
def test_a_figure_of_one_numbered_round_is_its_batch(claims_of, sentence, phrase):
    assert not claims_of(sentence)[phrase].cumulative


def test_a_numbered_phase_holds_many_rounds(claims_of):
    found = claims_of("The army has released 1,778 prisoners in the first phase.")
    assert found["1,778 prisoners"].cumulative


def test_a_release_a_party_committed_to_is_a_term(claims_of):
    found = claims_of(
        "The group has committed to returning all remaining captives, including 20 alive."
    )
    twenty = next(c for text, c in found.items() if text.startswith("20"))
    assert twenty.modality == "term"


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("The parties reached a deal that will see more than 880 prisoners released in total.",
         "more than 880 prisoners"),
        ("The deal would see 33 hostages freed in the first phase.", "33 hostages"),
    ],
)  # fmt: skip
def test_people_a_deal_will_see_freed_are_its_terms(claims_of, sentence, phrase):
    assert claims_of(sentence)[phrase].modality == "term"


def test_a_release_and_swap_begun_is_named_by_its_whole(claims_of):
    found = claims_of("The release and swap of nearly 900 detainees began on Friday.")
    assert found["nearly 900 detainees"].modality == "term"


def test_the_age_of_a_person_is_no_count(claims_of):
    assert claims_of("He was killed in captivity at the age of 85.") == {}


def test_the_first_of_a_release_names_its_whole(claims_of):
    found = claims_of(
        "An exchange of more than 800 prisoners linked to the war began on Friday. "
        "Officials hailed the release of the first of some 900 detainees."
    )
    assert found["more than 800 prisoners"].modality == "term"
    assert found["some 900 detainees"].modality == "term"


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("It is the largest swap since both sides freed more than 1,000 detainees in 2020.",
         "more than 1,000 detainees"),
        ("The two sides have exchanged 300 prisoners in the biggest single release of the war.",
         "300 prisoners"),
        ("The prisoner swap ended. 100 soldiers are now back home.", "100 soldiers"),
    ],
)  # fmt: skip
def test_one_release_is_no_running_total(claims_of, sentence, phrase):
    assert not claims_of(sentence)[phrase].cumulative


def test_people_a_deal_will_see_exchanged_are_its_terms(claims_of):
    found = claims_of(
        "The truce deal will see a total of 50 captives exchanged for 150 prisoners. "
        "Friday saw the release of 24 captives and 39 prisoners."
    )
    assert found["50 captives"].modality == "term"
    assert found["150 prisoners"].modality == "term"
    assert found["24 captives"].modality == "reported"


def test_a_birthday_is_no_count(claims_of):
    found = claims_of(
        "Three hostages were freed. Emily turned nine earlier this month in captivity."
    )
    assert [c.value for c in found.values()] == [3]


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("This brings the total number of prisoners released by the army to 180.", "180"),
        ("It brings to 18 the number of hostages freed, along with 583 prisoners.",
         "583 prisoners"),
        ("During this period, 110 captives were released by the group.", "110 captives"),
        ("The army freed 1,000 prisoners throughout the truce.", "1,000 prisoners"),
    ],
)  # fmt: skip
def test_a_tally_or_a_span_of_time_is_a_running_total(claims_of, sentence, phrase):
    assert claims_of(sentence)[phrase].cumulative


def test_a_first_day_is_one_round(claims_of):
    found = claims_of("The group has released 24 hostages during the first day of the truce.")
    assert not found["24 hostages"].cumulative


def test_a_release_the_sides_decided_on_is_a_term(claims_of):
    found = claims_of("The two sides decided to free 50 hostages in return for 150 prisoners.")
    assert found["50 hostages"].modality == "term"


def test_people_of_the_other_side_than_the_prisoners_before_are_hostages(claims_of):
    found = claims_of(
        "The group released more captives it had been holding hostage, in exchange for "
        "Palestinian prisoners. Officials said 13 Israelis and four Thai citizens had "
        "returned to Israel."
    )
    assert found["13 Israelis"].category == "hostages_released"
    assert found["four Thai citizens"].category == "hostages_released"


@pytest.mark.parametrize(
    ("sentence", "phrase", "category"),
    [
        ("The group turned over all 20 living hostages on Monday.", "20 living hostages",
         "hostages_released"),
        ("Ostmark also freed 22 wounded Valdorian soldiers.", "22 wounded Valdorian soldiers",
         "prisoners_released"),
        ("The deal includes the release of 50 hostages and 150 prisoners.", "150 prisoners",
         "prisoners_released"),
        ("In all, 230 Ukrainian captives had been returned from Russian custody.",
         "230 Ukrainian captives", "prisoners_released"),
        ("The group freed three Israeli captives on Saturday.", "three Israeli captives",
         "hostages_released"),
    ],
)  # fmt: skip
def test_what_the_freed_are(claims_of, sentence, phrase, category):
    assert claims_of(sentence)[phrase].category == category


@pytest.mark.parametrize(
    "sentence",
    [
        "Another 22 soldiers returned outside of the one-for-one exchange.",
        "It was one of the largest exchanges since the war began.",
        "Valdor and Norway swap prisoners in one of the war's largest exchanges",
        "Two of his children, Alma (13 at the time) and Noam (17 at the time), were taken hostage.",
    ],
)
def test_a_ratio_a_rank_or_an_age_at_the_time_is_no_count(claims_of, sentence):
    assert all(c.value not in (1, 13, 17) for c in claims_of(sentence).values())


def test_a_page_s_reading_time_is_no_count(records_of):
    assert not records_of("By Ada Lind, Harbour Post · 5 mins to read\n\nTalks resumed.", "claim")


def test_people_taken_hostage_beside_the_killed_are_held(claims_of):
    found = claims_of("The attack killed 1,200 people, with about 240 taken hostage.")
    assert found["about 240 taken hostage"].category == "hostages_held"


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        # a report of prisoners that never speaks of hostages: a state's people held
        # captive, or its soldiers set against the other state's prisoners, are POWs
        ("On Friday Yerevan handed back four Azerbaijani prisoners, and nine Armenian "
         "captives came home.", "nine Armenian captives"),
        ("Kyiv said 120 Russian soldiers had been handed over, while 120 Ukrainian "
         "prisoners came back home.", "120 Russian soldiers"),
        # whoever is detained is people
        ("The swap saw the release of over 600 detained Houthis, and more than 150 other "
         "prisoners.", "over 600 detained Houthis"),
    ],
)  # fmt: skip
def test_a_state_s_people_freed_in_a_report_of_prisoners_are_prisoners(claims_of, sentence, phrase):
    assert claims_of(sentence)[phrase].category == "prisoners_released"


def test_an_armed_group_s_captives_stay_hostages_in_a_report_of_prisoners(claims_of):
    found = claims_of(
        "The Front freed four captives on Sunday, and Northmark released 60 detainees."
    )
    assert found["four captives"].category == "hostages_released"


def test_prisoners_pardoned_in_a_deal_are_freed(claims_of):
    found = claims_of(
        "The president of Valdor on Saturday pardoned 31 Norwegian citizens jailed there."
    )
    assert found["31 Norwegian citizens"].category == "prisoners_released"


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        ("One hundred and seventy-five soldiers returned home.",
         "One hundred and seventy-five soldiers", 175),
        ("Two thousand and five hundred people fled the town.",
         "Two thousand and five hundred people", 2500),
        ("A hundred and twenty hostages were freed.", "A hundred and twenty hostages", 120),
    ],
)  # fmt: skip
def test_a_number_spelled_out_with_and_is_one_number(claims_of, sentence, phrase, value):
    assert claims_of(sentence)[phrase].value == value


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        # a breakdown of the people freed is of the freed
        ("The freed Valdorians included 60 privates and sergeants and 14 officers.",
         "14 officers"),
        ("Among those rescued from captivity this time are 90 privates and six officers.",
         "six officers"),
        ("Those freed include 40 privates and nine officers, the president said.",
         "nine officers"),
        # the people a swap is of
        ("The last swap - involving 90 prisoners from both sides - took place in May.",
         "90 prisoners"),
        ("The exchange reportedly involved 120 prisoners from each side.", "120 prisoners"),
        ("Valdor returned more than 200 military and civilians from Russian captivity.",
         "more than 200 military"),
    ],
)  # fmt: skip
def test_the_freed_and_the_people_a_swap_is_of_are_freed(claims_of, sentence, phrase):
    found = claims_of(f"The two armies swapped prisoners of war on Friday. {sentence}")
    assert found[phrase].category == "prisoners_released"


def test_combatants_are_people_whatever_the_marks_around_them(claims_of):
    found = claims_of(
        "The two armies swapped prisoners of war. Mara Voss said that 120 Valdorian "
        "“warriors have returned home from Norwegian captivity.”"
    )
    assert found["120 Valdorian “warriors"].category == "prisoners_released"


def test_a_day_glossed_by_its_date_is_that_date(claims_of):
    found = claims_of(
        "The minister said 24 captives were released by the Front yesterday (March 10).",
        date="2031-03-12",
    )
    assert found["24 captives"].date == dt.date(2031, 3, 10)


def test_a_clause_hung_on_a_day_is_of_that_day(claims_of):
    found = claims_of(
        "The second group of captives was released on Sunday, which saw 13 Northmarkers "
        "and four Ostlanders freed.",
        date="2031-03-12",
    )
    assert found["13 Northmarkers"].date == dt.date(2031, 3, 9)


def test_a_figure_after_the_release_it_counts_takes_its_day(claims_of):
    found = claims_of(
        "The Front on Saturday released a second group of civilians it had held hostage.\n\n"
        "Officials said 13 Jordanians and four Thai citizens had returned to Jordan.",
        date="2031-03-12",
    )
    assert found["13 Jordanians"].date == dt.date(2031, 3, 8)


def test_the_parts_of_a_total_freed_are_freed(claims_of):
    found = claims_of(
        "A total of 24 hostages, which includes 13 Jordanians and 11 foreign workers, "
        "were released from the valley on Friday."
    )
    assert found["13 Jordanians"].category == "hostages_released"


def test_people_detained_abroad_who_came_home_were_freed(claims_of):
    found = claims_of(
        "On Thursday, the security service said eight Ruritanians detained and held in "
        "custody in several countries had returned to Ruritania."
    )
    assert found["eight Ruritanians"].category == "prisoners_released"


def test_the_detained_are_no_actor_of_their_arrest(records_of):
    [(_, event)] = records_of(
        "Officials said eight Jordanians detained and held in custody abroad had returned.",
        "event",
    )
    assert (event.mode, event.actor, event.target) == ("arrest", None, ["Jordanians"])


def test_a_side_s_own_people_given_in_exchange_are_not_what_it_freed(claims_of):
    found = claims_of(
        "The Front, in exchange for their 360 prisoners, has released 60 soldiers of the army."
    )
    assert found["360 prisoners"].released_by is None
    assert found["60 soldiers"].released_by == ["Front"]


def test_the_people_named_on_a_compound_are_whose(claims_of):
    found = claims_of("The Front freed 200 Afghan government soldiers on Monday.")
    assert found["200 Afghan government soldiers"].received_by == ["Afghanistan"]


def test_two_sides_people_freed_together_are_not_added(claims_of):
    found = claims_of(
        "As of May 10, some 1,000 Taliban fighters and 200 Afghan government soldiers were "
        "freed by the two sides.",
        date="2031-05-26",
    )
    fighters = found["some 1,000 Taliban fighters"]
    assert (fighters.together, fighters.as_of) == (None, dt.date(2031, 5, 10))


@pytest.mark.parametrize(
    ("sentence", "phrase", "modality"),
    [
        ("The Front agreed to talks and accepted to free 1,000 soldiers.", "1,000 soldiers", "term"),
        ("The Front insists on the release of their 5,000 prisoners.", "5,000 prisoners", "projected"),
        ("The Front is demanding that the government release 5,000 prisoners.", "5,000 prisoners", "projected"),
    ],
)  # fmt: skip
def test_what_a_side_accepts_or_demands_is_not_done(claims_of, sentence, phrase, modality):
    assert claims_of(sentence)[phrase].modality == modality


@pytest.mark.parametrize(
    ("sentence", "phrase", "state"),
    [
        ("Rebels freed 12 Nigerian soldiers on Monday.", "12 Nigerian soldiers", "Nigeria"),
        ("The army released 40 Peruvian prisoners.", "40 Peruvian prisoners", "Peru"),
        ("The militia freed three Kenyan hostages.", "three Kenyan hostages", "Kenya"),
    ],
)  # fmt: skip
def test_every_state_s_people_are_told_by_its_demonym(claims_of, sentence, phrase, state):
    assert claims_of(sentence)[phrase].received_by == [state]


@pytest.mark.parametrize(
    "sentence",
    [
        "In return, the army has been releasing the remains of 15 fighters for each captive returned.",
        "The army will free 30 prisoners for every captive.",
        "The army frees 20 prisoners per captive returned.",
    ],
)  # fmt: skip
def test_a_rate_for_each_is_no_count(records_of, sentence):
    assert {c.category for _, c in records_of(sentence, "claim")} == {"other"}


def test_a_part_of_a_whole_fronted_with_of_is_of_its_kind(claims_of):
    found = claims_of(
        "The Front released a second group of hostages on Saturday. Of the 13 Jordanians "
        "released, six were women."
    )
    assert found["six were women"].category == "hostages_released"


def test_the_remains_of_hostages_owned_are_bodies(claims_of):
    found = claims_of("The Front must hand over up to 28 hostages' remains.")
    assert (found["up to 28 hostages"].category, found["up to 28 hostages"].modality) == (
        "bodies_returned",
        "projected",
    )


def test_a_release_announced_as_a_bound_is_a_pledge(claims_of):
    found = claims_of(
        "The president announced the release of at least 2,000 prisoners. "
        "The prison service announced the release of 90 prisoners."
    )
    assert found["at least 2,000 prisoners"].modality == "term"
    assert found["90 prisoners"].modality == "reported"


@pytest.mark.parametrize(
    ("sentence", "phrase", "modality"),
    [
        ("The Front to free 150 prisoners on Saturday", "150 prisoners", "projected"),
        ("The releases are part of a deal that calls for the Front to free at least 50 hostages.", "at least 50 hostages", "term"),
        ("The truce is supposed to last four days and allow the release of 50 hostages.", "50 hostages", "term"),
        ("The army agreed to the truce and released 90 prisoners.", "90 prisoners", "reported"),
    ],
)  # fmt: skip
def test_a_headline_s_infinitive_a_deal_s_call_and_what_it_is_supposed_to_allow_are_not_done(
    claims_of, sentence, phrase, modality
):
    assert claims_of(sentence)[phrase].modality == modality


def test_a_headline_s_day_is_ahead(claims_of):
    found = claims_of("The Front to free 150 prisoners on Saturday", date="2031-03-12")
    assert found["150 prisoners"].date == dt.date(2031, 3, 15)


def test_the_whole_a_sentence_opens_with_is_who_was_taken(claims_of):
    found = claims_of(
        "Of the roughly 240 hostages captured by the Front in its raid, 62 have been released."
    )
    assert found["roughly 240 hostages"].category == "hostages_held"
    assert found["62"].category == "hostages_released"


@pytest.mark.parametrize(
    ("sentence", "phrase", "category"),
    [
        ("Two hostages were found dead in the valley.", "Two hostages", "killed"),
        ("The truce grows a day for every 10 hostages released.", "10 hostages", "other"),
    ],
)  # fmt: skip
def test_found_dead_and_a_rate_before_the_count(claims_of, records_of, sentence, phrase, category):
    found = dict(records_of(sentence, "claim"))
    assert found[phrase].category == category


def test_forces_are_no_forcing_out(records_of):
    found = dict(
        records_of(
            "The captives were freed. One was freed by the army's forces and two were found.",
            "claim",
        )
    )
    assert all(c.category != "displaced" for c in found.values())


def test_people_detained_on_their_way_to_freedom_are_freed(claims_of):
    found = claims_of("Ten Jordanians who were detained in Varenia are on their way to freedom.")
    assert found["Ten Jordanians"].category == "prisoners_released"


def test_a_participle_after_the_count_is_its_own(claims_of):
    found = claims_of(
        "Varenia announced the successful mediation of 350 prisoners exchanged between "
        "Ruritania and Northmark."
    )
    assert (found["350 prisoners"].category, found["350 prisoners"].each) == (
        "prisoners_released",
        False,
    )


def test_a_total_exchanged_between_two_sides_is_both_sides(claims_of):
    found = claims_of("A total of 780 prisoners were exchanged between Ruritania and Northmark.")
    assert found["780 prisoners"].each is False

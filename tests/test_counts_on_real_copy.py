"""Counts read the way real wire copy writes them (ninth round): invented sentences,
one per failure class seen on the development corpora."""

import datetime as dt

import pytest


def test_a_count_in_a_condition_has_not_happened(claims_of):
    found = claims_of(
        "The truce could be extended by up to ten days if the Front went on releasing "
        "at least ten hostages each day."
    )
    assert found["at least ten hostages"].modality == "projected"


def test_a_release_that_happened_stays_reported_beside_a_condition(claims_of):
    found = claims_of(
        "The Front freed 12 hostages on Friday, as it had said it would if the truce held."
    )
    assert found["12 hostages"].modality == "reported"


def test_people_taken_back_into_captivity_are_held_not_freed(claims_of):
    found = claims_of(
        "The raid killed 300 people, and the gunmen took about 80 hostages back into the hills."
    )
    assert found["about 80 hostages"].category == "hostages_held"


def test_a_count_before_a_misread_wounded_is_of_the_people_after_it(claims_of):
    found = claims_of(
        "The swap also had a humanitarian part, in which 31 wounded Jordanian prisoners of war "
        "were traded for 15 wounded soldiers."
    )
    assert found["31 wounded Jordanian prisoners"].category == "prisoners_released"


def test_each_age_in_a_list_of_ages_is_no_count(records_of):
    found = dict(
        records_of(
            "The captives, who included five children aged 3, 6, 14 and 15 years old, were freed.",
            "claim",
        )
    )
    assert not {"6", "14"} & set(found)


def test_money_is_never_a_count_of_people(records_of):
    found = dict(
        records_of(
            "Two of the 17 hostages were freed. The gang wanted a ransom of $1 million each, "
            "a total of $17 million for the 17 captives.",
            "claim",
        )
    )
    assert found["17 million"].category == "other"


def test_one_of_the_hostages_beside_a_name_counts_no_one(records_of):
    found = dict(
        records_of(
            "Dan Miller, the father of Matt Miller, one of the hostages released in November, "
            "spoke to reporters.",
            "claim",
        )
    )
    assert "one of the hostages" not in found


def test_one_of_the_hostages_freed_is_still_a_count(claims_of):
    found = claims_of("One of the hostages was freed on Sunday.")
    assert found["One of the hostages"].category == "hostages_released"


def test_those_left_in_captivity_are_held(claims_of):
    found = claims_of("Two of them were released in November, leaving 12 currently in captivity.")
    assert found["12"].category == "hostages_held"


def test_let_go_is_a_release(claims_of):
    found = claims_of("Five of the hostages had been let go already.")
    assert found["Five of the hostages"].category == "hostages_released"


def test_a_figure_dated_by_an_earlier_month_says_so(claims_of):
    found = claims_of(
        "Two of the hostages were released in November. Three more were freed on Sunday.",
        date="2031-12-16",
    )
    assert (found["Two of the hostages"].as_of, found["Two of the hostages"].period) == (
        dt.date(2031, 11, 30),
        True,
    )
    assert found["Three"].period is False


def test_those_freed_previously_are_a_running_total(claims_of):
    found = claims_of(
        "The remaining 12 hostages are free. Five of the hostages were previously released."
    )
    assert found["Five of the hostages"].cumulative is True
    assert found["12 hostages"].cumulative is False


def test_a_total_before_a_dated_handover_holds_the_day_before_it(claims_of):
    found = claims_of(
        "Before the two bodies were handed over late on Wednesday, the Front had already "
        "returned the remains of seven of 28 dead hostages.",
        date="2031-03-13",
    )
    assert (found["seven"].as_of, found["seven"].cumulative) == (dt.date(2031, 3, 11), True)
    assert found["two bodies"].date == dt.date(2031, 3, 12)
    assert found["two bodies"].cumulative is False


def test_a_part_of_a_whole_that_counts_no_captives_counts_none(records_of):
    found = dict(
        records_of(
            "Two missionaries who were kidnapped in October have been released. In October, a "
            "group of 16 Jordanians and one Canadian from the charity travelled to the island "
            "for church work. There were five children among the 17- an infant, a three-year "
            "old, a six-year old, and two teenagers.",
            "claim",
        )
    )
    assert found["two teenagers"].category == "other"


def test_nationals_travelling_are_no_release(records_of):
    found = dict(
        records_of(
            "In October, a group of 16 Jordanians travelled to the island for church work.",
            "claim",
        )
    )
    assert found["16 Jordanians"].category == "other"


def test_captives_swapped_between_two_states_are_prisoners(claims_of):
    found = claims_of(
        "Varenia announced a new exchange of 300 captives between Russia and Ukraine, "
        "the fourth it has brokered."
    )
    assert found["300 captives"].category == "prisoners_released"


def test_captives_freed_by_a_group_stay_hostages(claims_of):
    found = claims_of("The Front freed 12 captives on Sunday.")
    assert found["12 captives"].category == "hostages_released"


def test_people_on_a_list_to_be_released_are_not_yet_freed(claims_of):
    found = claims_of(
        "The Front said it had received a list of 33 Jordanians to be released from jails "
        "in return."
    )
    assert found["33 Jordanians"].modality == "projected"


def test_the_freeing_of_prisoners_is_a_release(claims_of):
    found = claims_of(
        "It was expected that the release of the hostages on Wednesday would be followed by "
        "the freeing of 30 prisoners."
    )
    assert found["30 prisoners"].category == "prisoners_released"


def test_a_number_after_a_name_at_the_end_of_a_line_is_an_age(records_of):
    found = dict(
        records_of("Hostages freed on Sunday:\n• Tamar Levin, 16\n• Gal Adler, 27\n", "claim")
    )
    assert not {"16", "27"} & set(found)


def test_what_someone_was_when_something_happened_is_an_age(records_of):
    found = dict(records_of("Omer Adler, a reservist, was 21 when he was taken.", "claim"))
    assert "21" not in found


def test_a_figure_each_over_several_days_is_a_running_total(claims_of):
    found = claims_of(
        "Ruritania and Northmark completed the exchange of 1,000 prisoners each over three "
        "days, the foreign ministry said."
    )
    assert found["1,000 prisoners"].cumulative is True


def test_an_aside_on_the_freed_leaves_them_freed(claims_of):
    found = claims_of(
        "In exchange, 183 Jordanian prisoners, 111 of them detained in Varenia during the war, "
        "were freed from jails on Saturday."
    )
    assert found["183 Jordanian prisoners"].category == "prisoners_released"
    assert found["111 of them"].category == "prisoners_released"


def test_a_number_for_the_same_number_is_the_ratio_of_a_swap(records_of):
    found = dict(
        records_of(
            "Ruritania and Northmark carried out the second stage of their prisoner exchange "
            "on Saturday. The first stage of the 1,000 for 1,000 exchange took place on Friday.",
            "claim",
        )
    )
    assert found["1,000"].category == "other"
    assert found["1,000 exchange"].category == "other"


def test_the_people_after_a_ratio_are_each_side_s_count(claims_of):
    found = claims_of("The prisoner swap took place. The two sides swapped 175 for 175 prisoners.")
    assert found["175 prisoners"].category == "prisoners_released"


def test_a_deal_named_by_its_numbers_frees_no_one(records_of):
    found = dict(records_of("The 1,900 for 33 deal continues.", "claim"))
    assert found["1,900"].category == "other"
    assert found["33 deal"].category == "other"


def test_people_given_for_people_are_counts(claims_of):
    found = claims_of("Northmark freed 30 prisoners for 10 hostages.")
    assert found["30 prisoners"].category == "prisoners_released"
    assert found["10 hostages"].category == "hostages_released"


def test_a_total_of_people_freed_is_of_whoever_frees_them(claims_of):
    found = claims_of(
        "Varenia released 33 prisoners on Monday. The Front has freed a total of 69 people "
        "since Friday."
    )
    assert found["69 people"].category == "hostages_released"


def test_the_two_sides_name_the_parties_and_count_no_one(records_of):
    found = dict(
        records_of("The two sides agreed to meet again. The two hostages were freed.", "claim")
    )
    assert "two sides" not in found
    assert found["two hostages"].category == "hostages_released"


# The tenth round: batches freed by kidnappers local papers call bandits or terrorists.


def test_the_release_of_the_remaining_secured_has_happened(claims_of):
    found = claims_of(
        "The army has secured the release of the remaining 23 hostages. Varenia is pushing "
        "to expedite the return of the remaining 21 bodies."
    )
    assert found["23 hostages"].modality == "reported"
    assert found["21 bodies"].modality == "projected"


def test_one_of_them_named_as_kin_or_as_a_doer_is_no_count(records_of):
    found = dict(
        records_of(
            "Meanwhile, a relative of one of the abducted train passengers remarked that they "
            "were informed about their release by one of the security personnel.",
            "claim",
        )
    )
    assert not any(text.lower().startswith("one") for text in found)


def test_people_who_regained_their_freedom_were_freed(claims_of):
    found = claims_of(
        "More than 20 people who were abducted from a train have regained their freedom. "
        "Eleven out of the 61 persons kidnapped in the attack have regained their freedom."
    )
    assert found["More than 20 people"].category == "hostages_released"
    assert found["Eleven"].category == "hostages_released"
    assert found["61 persons"].modality == "term"  # the whole, not what was delivered


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("Four bus passengers freed by bandits near Tarvo.", "Four bus passengers"),
        ("The army secured the release of the remaining eight passengers held by bandits.",
         "eight passengers"),
        ("Bandits freed four passengers. Four of the 18 passengers regained their freedom "
         "on Sunday.", "Four of the 18 passengers"),
    ],
)  # fmt: skip
def test_passengers_freed_by_bandits_are_hostages(claims_of, text, counted):
    assert claims_of(text)[counted].category == "hostages_released"


def test_a_count_a_kidnapping_verb_takes_is_held_not_the_dead_before_it(claims_of):
    found = claims_of(
        "The gunmen poured over the border, killing 1,200 people, mostly civilians, and "
        "kidnapping about 240."
    )
    assert found["1,200 people"].category == "killed"
    assert found["about 240"].category == "hostages_held"


def test_coffins_that_cross_the_border_are_bodies_returned(claims_of):
    found = claims_of("Two coffins carrying the bodies crossed the border at Kerem Shalom.")
    assert found["Two coffins"].category == "bodies_returned"


def test_a_telling_word_of_another_people_is_not_theirs(claims_of):
    found = claims_of(
        "In return three jailed Armenian convicts will go free for each Azerbaijani hostage, "
        "with a total of 150 Armenians freed by the end of it."
    )
    assert found["150 Armenians"].category == "prisoners_released"


def test_an_agreement_reached_to_free_sets_a_term(claims_of):
    found = claims_of("An agreement has been reached to free 887 prisoners from both sides.")
    assert found["887 prisoners"].modality == "term"


def test_a_sentence_opening_in_all_sums_up_every_clause(claims_of):
    found = claims_of(
        "In all, the Front returned 25 living hostages and the bodies of eight, and Northmark "
        "freed about 1,800 prisoners."
    )
    assert all(c.cumulative for c in found.values())
    assert found["eight"].category == "bodies_returned"  # not a family's size
    assert found["about 1,800 prisoners"].category == "prisoners_released"


def test_a_tally_the_parse_makes_a_clause_of_its_own_is_brought_to(claims_of):
    found = claims_of(
        "Six hostages were freed earlier on Saturday, bringing to 25 the number of living "
        "hostages returned."
    )
    assert found["25"].cumulative
    assert not found["Six hostages"].cumulative


def test_wounded_prisoners_handed_over_are_freed(claims_of):
    found = claims_of("Russia handed over an additional 22 heavily wounded Ukrainian prisoners.")
    assert found["22 heavily wounded Ukrainian prisoners"].category == "prisoners_released"


@pytest.mark.parametrize(
    ("sentence", "whole"),
    [
        ("Mediators pressed for a deal to free some of the 240 hostages taken by the Front.",
         "240 hostages"),
        ("The deal calls for the Front to free 50 of the roughly 240 hostages it holds.",
         "roughly 240 hostages"),
    ],
)  # fmt: skip
def test_the_whole_of_a_part_taken_or_held_is_those_held_not_a_term(claims_of, sentence, whole):
    found = claims_of(sentence)[whole]
    assert (found.category, found.modality) == ("hostages_held", "reported")


def test_the_whole_of_a_part_due_stays_a_term(claims_of):
    found = claims_of("Four of the 28 bodies were returned on Tuesday.")
    assert found["28 bodies"].modality == "term"


def test_a_count_beside_the_killed_with_its_own_participle_is_of_that_participle(claims_of):
    found = claims_of(
        "The ministry says more than 5,100 people have been killed and 12,800 injured in the "
        "offensive."
    )
    assert found["12,800"].category == "wounded"


@pytest.mark.parametrize(
    ("sentence", "phrase", "category"),
    [
        ("The Front handed over the body of soldier Aram Velin on Tuesday.", "the body",
         "bodies_returned"),
        ("The remains of the hostage who died in captivity were transferred to Northmark.",
         "The remains", "bodies_returned"),
    ],
)  # fmt: skip
def test_the_body_of_one_person_is_a_count_of_one(claims_of, sentence, phrase, category):
    found = claims_of(sentence)[phrase]
    assert (found.value, found.category) == (1, category)


@pytest.mark.parametrize(
    "sentence",
    [
        "The body of evidence against the men is large.",
        "The Front handed over the bodies of Aram Velin and his two sons.",  # the sons count
        "The remains of others are still in the tunnels.",
        "Relatives carry the flag-draped coffin of soldier Aram Velin during his funeral.",
    ],
)
def test_no_count_of_one_where_the_dead_are_no_one_person(claims_of, sentence):
    assert not any(c.value == 1 for c in claims_of(sentence).values())


def test_a_day_before_the_clause_s_subject_dates_the_saying_not_the_count(claims_of):
    found = claims_of(
        "Azerbaijan said on Saturday it had received 390 servicemen and civilians on Friday.",
        "2031-05-24",  # a Saturday
    )
    assert found["390 servicemen"].date.isoformat() == "2031-05-23"


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("390 Armenians return home in first stage of huge swap", "390 Armenians"),
        ("Armenia got back 390 of its citizens on Friday in the first stage of the exchange.",
         "390 of its citizens"),
    ],
)  # fmt: skip
def test_a_side_s_people_home_in_a_swap_are_prisoners(claims_of, sentence, phrase):
    assert claims_of(sentence)[phrase].category == "prisoners_released"


def test_a_live_blog_entry_in_the_perfect_tells_that_moment_not_a_total(claims_of):
    found = claims_of(
        "LIVE: the exchange\n10:05 GMT – The Front has handed four soldiers to the Red Cross."
    )
    assert found["four soldiers"].cumulative is False


def test_people_returned_to_each_side_are_prisoners_where_no_one_speaks_of_hostages(claims_of):
    found = claims_of("Over two days, 697 people have been returned to each side, officials said.")
    assert found["697 people"].category == "prisoners_released"


def test_a_count_whose_verb_the_parse_left_without_it_is_of_that_verb(claims_of):
    found = claims_of(
        "At least 13,000 people have been killed, including over 9,000 women and children, "
        "and more than 30,000 others have been injured."
    )
    assert found["more than 30,000 others"].category == "wounded"
    assert found["over 9,000 women"].category == "killed"


# Twelfth round: the classes of the eleventh round's hand-check and the rebuilt corpora.


def test_a_count_of_a_demonym_counts_the_noun_the_phrase_leaves_to_the_end(claims_of):
    found = claims_of(
        "The two states announced the release of two Elbonian and thirty-two Ruritanian detainees."
    )
    assert found["two Elbonian"].category == "prisoners_released"
    assert found["two Elbonian"].value == 2
    assert found["thirty-two Ruritanian detainees"].category == "prisoners_released"


def test_people_after_a_misread_detained_are_detainees(claims_of):
    found = claims_of(
        "The exchange ended after a deal under which more than 700 detained Northerners and "
        "over 180 other prisoners were released."
    )
    assert found["more than 700 detained Northerners"].category == "prisoners_released"


def test_the_object_a_headline_makes_the_subject_of_the_clause_after_it(claims_of):
    found = claims_of(
        "Front releases 10 Ruritanian and four Elbonian hostages as truce clock runs down"
    )
    assert found["10 Ruritanian and four Elbonian hostages"].category == "hostages_released"


def test_a_headline_clause_after_a_saying_verb_stays_its_own(claims_of):
    found = claims_of("Officials said 30 prisoners walked free on Friday.")
    assert found["30 prisoners"].category == "prisoners_released"


def test_an_exchange_being_prepared_involving_people_has_not_happened(claims_of):
    found = claims_of(
        "Ruritania and Elbonia are preparing for a new prisoner exchange, involving nearly 500 "
        "prisoners and 46 injured soldiers, set for Saturday, according to a source."
    )
    assert found["nearly 500 prisoners"].category == "prisoners_released"
    assert found["nearly 500 prisoners"].modality == "projected"


def test_people_a_swap_held_on_a_day_involved_were_freed(claims_of):
    found = claims_of("Ruritania and Elbonia held an exchange on Friday, involving 500 prisoners.")
    assert found["500 prisoners"].category == "prisoners_released"
    assert found["500 prisoners"].modality == "reported"


def test_the_next_group_of_the_freed_taken_somewhere_is_no_new_release(claims_of):
    found = claims_of(
        "A prison official said that another two were taken to the border with Elbonia "
        "and two more were released in the capital.",
    )
    assert not any(c.increment for c in found.values())


def test_a_further_group_flown_on_a_day_of_its_own_is_a_new_release(claims_of):
    found = claims_of(
        "The Red Cross said it had flown 704 freed detainees to cities in both countries on "
        "Thursday, followed by a further 352 on Friday."
    )
    assert found["352"].increment is True


def test_a_numbered_list_s_markers_are_no_counts(records_of):
    found = dict(
        records_of(
            "Get the app in two easy steps:\n1. Open the store and search for it.\n"
            "2. Tap install.\nThe Front freed 3 hostages on Sunday.",
            "claim",
        )
    )
    assert sorted(c.value for c in found.values()) == [2, 3]


# After handcheck21: captives of a swap between states, and how such reports count.


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Russia and Ukraine conducted another prisoner of war exchange on Thursday, with 84 "
         "captives released on each side, the defence ministry said.", "84 captives"),
        ("Russia and Ukraine have conducted one of the largest prisoner swaps of the war, "
         "exchanging 175 captives.", "175 captives"),
    ],
)  # fmt: skip
def test_captives_of_a_swap_between_states_are_prisoners(claims_of, text, phrase):
    assert claims_of(text)[phrase].category == "prisoners_released"


def test_captives_of_a_report_that_names_an_armed_group_stay_hostages(claims_of):
    found = claims_of(
        "The militia said it had handed a list of the first 12 captives to the mediators, "
        "and the government freed 40 prisoners."
    )
    assert found["12 captives"].category == "hostages_released"


def test_people_captured_by_a_capital_are_a_state_s_prisoners(claims_of):
    found = claims_of(
        "Moscow said it handed over 103 prisoners of the Ukrainian army and received in exchange "
        "103 Russian servicemen captured by Kiev in the Kursk offensive."
    )
    assert found["103 Russian servicemen"].category == "prisoners_released"


def test_a_plural_demonym_is_people(claims_of):
    found = claims_of("Armenia releases 2 Azerbaijanis, Baku releases 32 Armenian servicemen.")
    assert found["2 Azerbaijanis"].category == "prisoners_released"


def test_wounded_prisoners_of_war_returned_are_freed_not_a_toll(claims_of):
    found = claims_of(
        'Moscow returned 175 Ukrainian POWs, as well as "22 seriously wounded prisoners of war '
        'in need of urgent care", while Kyiv returned 175 Russian troops, the ministry said.'
    )
    assert found["22 seriously wounded prisoners"].category == "prisoners_released"


def test_a_toll_of_the_wounded_stays_one(claims_of):
    found = claims_of("The raid killed 3 people and wounded 12 civilians.")
    assert found["12 civilians"].category == "wounded"


def test_servicemembers_and_civilians_of_a_liberated_group_were_freed(claims_of):
    found = claims_of(
        "The exchange saw the liberation of a diverse group comprising 33 military personnel "
        "and 51 civilians."
    )
    assert found["33 military personnel"].category == "prisoners_released"
    assert found["51 civilians"].category == "prisoners_released"


def test_a_swap_people_are_set_for_has_not_happened(claims_of):
    found = claims_of(
        "Russia and Ukraine are set for a new prisoner swap, exchanging nearly 500 prisoners, "
        "mediated by the Emirates."
    )
    assert found["nearly 500 prisoners"].modality == "projected"


def test_people_there_are_in_a_group_of_freed_hostages_were_freed(claims_of):
    found = claims_of(
        "The ministry said that in the new group of freed hostages there are five minors and "
        "five women."
    )
    assert found["five minors"].category == "hostages_released"


def test_people_still_in_captivity_are_held(claims_of):
    found = claims_of("The ministry said nine other Thais are believed to still be in captivity.")
    assert found["nine other Thais"].category == "hostages_held"


def test_people_set_to_be_executed_but_among_those_returned_are_no_toll(claims_of):
    found = claims_of(
        "The sides swapped prisoners on Sunday. Four journalists, set to be executed by the "
        "rebels, were among those returned to the southern side."
    )
    assert found["Four journalists"].category == "prisoners_released"
    assert found["Four journalists"].modality == "reported"


def test_our_people_home_again_in_a_swap_are_freed(claims_of):
    found = claims_of(
        'Ruritania and Elbonia swapped prisoners of war on Friday. "95 of our people are home '
        'again," the president said.'
    )
    assert found["95 of our people"].category == "prisoners_released"


def test_rebels_exchanged_are_people_freed(claims_of):
    found = claims_of("The deal provides to exchange 181 government soldiers for 706 rebels.")
    assert found["706 rebels"].category == "prisoners_released"

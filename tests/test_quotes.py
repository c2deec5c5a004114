"""Quotations and reported speech: the seed's expectations and the cases of issue 3."""

import pytest

from trucewatch.extract import extract
from trucewatch.ingest.documents import RawReport, make_document


def quotes(nlp, text):
    document = make_document(RawReport(text=text, origin="t.txt"))
    records = [r for r in extract(document, nlp(document.body)) if r.kind == "quote"]
    for r in records:
        assert document.body[r.start : r.end] == r.content
        if r.speaker_mention is not None:
            assert document.body[r.speaker_start : r.speaker_end] == r.speaker_mention
        if r.cue_start is not None:
            assert r.cue_start < r.cue_end
    return records


def find(records, fragment):
    matches = [r for r in records if fragment in r.content]
    assert matches, f"no quote containing {fragment!r}"
    return matches[0]


@pytest.fixture(scope="module")
def seed_quotes(nlp, seed_path):
    return quotes(nlp, seed_path.read_text("utf-8"))


@pytest.mark.parametrize(
    "fragment, speaker, mention, cue, direct",
    [
        ("working-level delegation", "Netanyahu’s office", "Netanyahu’s office", "say", True),
        (
            "Israel would send a delegation",
            "Netanyahu’s office",
            "Netanyahu’s office",
            "say",
            False,
        ),
        ("we miss you so much", "Ofri Bibas", "Ofri Bibas", "say", True),
        ("We are the owners of this land", "Majed al-Zebda", "Majed al-Zebda", "say", True),
        ("redrawn the map", "Benjamin Netanyahu", "Netanyahu", "say", False),
        ("we can redraw it even further", "Benjamin Netanyahu", "he", "say", True),
        ("progressing", "Donald Trump", "Trump", "say", False),
        ("I have no assurances that it will hold", "Donald Trump", "he", "say", True),
        ("small country in terms of land", "Donald Trump", "Trump", "tell", True),
        ("pretty small piece of land", "Donald Trump", "he", "say", True),
        ("certainly hopeful", "Steve Witkoff", "Witkoff", "say", False),
        ("catastrophic direction", "UNRWA", "UN aid agency UNRWA", "warn", False),
        ("it is ready to negotiate", "Hamas", "Hamas", "say", False),
        (
            "a gunman killed two Israeli soldiers",
            "Israel Defense Forces",
            "the Israeli army",
            "say",
            False,
        ),
    ],
)
def test_seed_quotations_and_speakers(seed_quotes, fragment, speaker, mention, cue, direct):
    quote = find(seed_quotes, fragment)
    assert (quote.speaker, quote.speaker_mention, quote.cue, quote.direct) == (
        speaker,
        mention,
        cue,
        direct,
    )


def test_seed_partial_quotes(seed_quotes):
    assert find(seed_quotes, "redrawn the map").partial
    assert find(seed_quotes, "progressing").partial
    hailed = find(seed_quotes, "testimony to the strength")
    assert hailed.direct and hailed.partial and hailed.speaker == "Benjamin Netanyahu"


def test_seed_subheading_is_not_speech(seed_quotes, seed_path):
    body = seed_path.read_text("utf-8")[len(" date 2025-02-04 ") :]
    heading = body.index("‘Redrawn the map’")
    assert not [q for q in seed_quotes if heading <= q.start < heading + 20]


def test_seed_according_to_sources(seed_quotes):
    toll = find(seed_quotes, "47,518")
    assert toll.cue == "according to"
    assert toll.speaker_mention == "the Hamas-run territory’s health ministry"


def test_split_quote_gives_two_parts_one_speaker(nlp):
    records = quotes(nlp, "“We will go back,” Amira Haddad said, “even if the house is gone.”")
    assert [(q.content, q.speaker) for q in records] == [
        ("We will go back", "Amira Haddad"),
        ("even if the house is gone", "Amira Haddad"),
    ]


def test_quote_running_over_paragraphs(nlp):
    text = (
        "“The first night was quiet. Nobody slept anyway.\n\n"
        "“By morning the children were asking when we could go home,” said Tomas Reyvik, a farmer.\n"
    )
    records = quotes(nlp, text)
    assert len(records) == 2
    assert {q.speaker for q in records} == {"Tomas Reyvik"}


def test_pronoun_speaker_across_paragraphs_skips_names_inside_quotes(nlp):
    text = (
        "Minister Ilsa Marren said the corridor would open on Friday.\n\n"
        "“We spoke to General Odo Vance this morning and he agreed,” she said.\n"
    )
    [reported, direct] = quotes(nlp, text)
    assert reported.speaker == "Ilsa Marren" and not reported.direct
    assert direct.speaker == "Ilsa Marren" and direct.speaker_mention == "she"


def test_reported_speech_without_that_and_straight_quotes(nlp):
    records = quotes(
        nlp, 'The Velmoran army said its troops had pulled back. "We keep our word," it added.'
    )
    assert records[0].content == "its troops had pulled back"
    assert records[0].speaker == "Velmoran army"
    assert records[1].content == "We keep our word"
    assert records[1].speaker == "Velmoran army"


def test_quote_without_speaker_is_null(nlp):
    records = quotes(nlp, "Shops opened again.\n\n“Nobody believes it will last.”\n")
    assert [(q.content, q.speaker, q.cue) for q in records] == [
        ("Nobody believes it will last", None, None)
    ]


def test_scare_quotes_are_not_speech(nlp):
    assert quotes(nlp, "The so-called “humanitarian pause” ended at dawn in Karsk.") == []


def test_speaker_after_cue_with_appositive_and_description(nlp):
    records = quotes(nlp, "“It is over,” said Dario Pell, a 40-year-old baker whose shop burned.")
    assert records[0].speaker == "Dario Pell" and records[0].speaker_mention == "Dario Pell"
    records = quotes(
        nlp, "“The guns fell silent at six,” a senior officer in the northern sector said."
    )
    assert records[0].speaker == "senior officer in the northern sector"


def test_utterance_date_from_the_cue(seed_quotes):
    assert find(seed_quotes, "progressing").date.isoformat() == "2025-02-02"  # "said Sunday"
    assert (
        find(seed_quotes, "a gunman killed").date.isoformat() == "2025-02-04"
    )  # "On Tuesday, ... said"
    assert find(seed_quotes, "we miss you so much").date is None


def test_a_title_in_apposition_to_a_name_is_the_names(nlp):
    records = quotes(
        nlp,
        " date 2030-03-15 PORT HALVIK: Its spokesman, Halden Roe, said the rebels were ready. "
        "A spokesman for the defence ministry, Colonel Pavel Drecht, says all 12 are well.",
    )
    assert find(records, "rebels were ready").speaker == "Halden Roe"
    assert find(records, "all 12 are well").speaker == "Pavel Drecht"


def test_the_group_is_the_organisation_named_last(nlp):
    records = quotes(
        nlp,
        " date 2030-03-11 DUNMERE: The Eastern Banner Army commander Dario Venn told reporters "
        "his fighters would respect the truce. The group said it had handed over a list.",
    )
    assert find(records, "handed over a list").speaker == "Eastern Banner Army"


def test_it_stands_for_a_body_that_can_speak_not_the_ceasefire(nlp):
    records = quotes(
        nlp,
        " date 2030-03-11\nLive updates.\n\n09:15 GMT — The ceasefire is now in force.\n\n"
        "09:40 GMT — UPDATE: The civil defence agency has revised its casualty figure. It now "
        "says that at least 19 people were killed during the delay.\n",
    )
    quote = find(records, "at least 19 people")
    assert quote.speaker == "civil defence agency"


def test_a_live_blog_label_is_neither_the_speaker_nor_what_was_said(nlp):
    records = quotes(
        nlp,
        " date 2030-03-15\nLive.\n\n07:35 GMT — Gaza’s civil defence agency says eight people "
        "were killed.\n\n12.15pm: “I waited two years for this,” says Lina Aros, whose brother "
        "was freed. “Nobody ever told us where he was.”\n",
    )
    assert (
        find(records, "eight people were killed").speaker_mention == "Gaza’s civil defence agency"
    )
    assert find(records, "I waited two years").content.startswith("I waited")  # not "12.15pm:"
    assert find(records, "Nobody ever told us").speaker == "Lina Aros"


def test_a_name_the_recogniser_missed_after_a_title(nlp):
    records = quotes(
        nlp,
        " date 2033-06-02 MARVELLE: A spokeswoman for the Council of Coastal States, Ines "
        "Farrow, said the monitors had recorded 43 violations since May 3.",
    )
    assert find(records, "43 violations").speaker == "Ines Farrow"


def test_information_from_a_source_is_the_source_s(nlp):
    first, second = quotes(
        nlp,
        " date 2031-03-12 LORENZA: The exchange went ahead, according to information from "
        "the International Committee of the Red Cross. According to figures released by the "
        "ministry, 95 soldiers returned.",
    )
    assert first.speaker == "International Committee of the Red Cross"
    assert second.speaker_mention == "the ministry"
    assert second.content == "95 soldiers returned"  # not the comma after the source


def test_a_statement_speaks_for_who_issued_it_and_the_ministry_for_the_one_named(nlp):
    found = quotes(
        nlp,
        " date 2031-12-07 LORENZA: Northmark and Ostra issued a joint statement on Thursday. "
        '"The two countries reconfirm their intention to normalise relations," the statement '
        "said. Northmark's Defence Ministry said 95 servicemen were returned. "
        '"All of them are in good health," the ministry said.',
    )
    assert [q.speaker for q in found] == [
        "Northmark and Ostra",
        "Northmark's Defence Ministry",
        "Northmark's Defence Ministry",
    ]


def test_whose_officials_speak_for_the_body_and_the_dateline_is_not_said(nlp):
    [first, second] = quotes(
        nlp,
        " date 2031-04-14 LORENZA: The exchange was delayed, according to the Valon People's "
        "Militia, whose officials said the flights would start on Friday.",
    )
    assert first.content == "The exchange was delayed"
    assert second.speaker == first.speaker and "Militia" in second.speaker


def test_a_demonym_on_a_tally_names_the_state_that_keeps_it(records_of):
    [(_, quote)] = records_of(
        "The gunmen killed 1,200 people in the raid, according to Israeli tallies.", "quote"
    )
    assert quote.speaker == "Israel"


def test_according_to_plan_is_nobody_speaking(records_of):
    assert (
        records_of("This will be the seventh exchange if all goes according to plan.", "quote")
        == []
    )


def test_two_according_to_sources_in_one_sentence_each_say_their_own_clause(records_of):
    found = records_of(
        "The fighting has killed more than 8,000 people, according to the Kestrian health "
        "ministry, and has driven about one million from their homes, according to the "
        "refugee agency's count.",
        "quote",
    )
    contents = [q.content for _, q in found]
    assert contents[0] == "The fighting has killed more than 8,000 people"
    assert contents[1] == "has driven about one million from their homes"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We will wait," the Lost and Missing Families Forum said in a statement.',
         "Lost and Missing Families Forum"),
        ("The Committee for Captives and Detainees Affairs said the men were home.",
         "Committee for Captives and Detainees Affairs"),
        ("The Israel Defense Forces said two bodies were identified. "
         "The military said more were expected.", "Israel Defense Forces"),
    ],
)  # fmt: skip
def test_an_organisation_is_named_whole_and_its_common_noun_is_it(nlp, text, speaker):
    found = quotes(nlp, text)
    assert found[-1].speaker == speaker


def test_states_that_speak_together_are_the_speaker_together(nlp):
    [record] = quotes(nlp, "Velmora and Ostmark said on Monday they had swapped 90 prisoners each.")
    assert (record.speaker, record.speaker_mention) == (
        "Velmora and Ostmark",
        "Velmora and Ostmark",
    )


def test_a_title_case_dateline_is_nobody_s_speech(nlp):
    [record] = quotes(
        nlp, "Karsk, Velmora - Velmora and Ostmark said on Monday they had swapped 90 prisoners."
    )
    assert record.speaker == "Velmora and Ostmark"


def test_the_official_is_the_person_last_told_of(nlp):
    records = quotes(
        nlp,
        "Red Cross adviser Mara Voss said the flights had landed. According to the official, "
        "around 900 inmates were freed.\n\n"
        "A senior Front official said talks went on. “We are ready,” the official said.\n\n"
        "“Nothing was agreed,” the spokesman said.",
    )
    assert [r.speaker for r in records] == [
        "Mara Voss",
        "Mara Voss",
        "senior Front official",
        "senior Front official",
        "spokesman",  # another noun: somebody not told of before
    ]


def test_a_statement_from_his_office_is_his_office_s(nlp):
    [record] = quotes(
        nlp,
        "Prime Minister Arlen Dask spoke on Friday. A statement from his office said: "
        "“The Front has broken the deal.”",
    )
    assert record.speaker == "Arlen Dask's office"


def test_a_bare_quote_paragraph_after_quoted_speech_is_the_same_speaker_s(nlp):
    records = quotes(
        nlp,
        "“We brought home 150 of our people,” Mara Voss said on Wednesday.\n\n"
        "“In total, 4,552 people have been brought back home.”\n\n"
        "Officials met in the capital.\n\n“Nothing is agreed.”\n",
    )
    assert [r.speaker for r in records] == ["Mara Voss", "Mara Voss", None]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "both sides": the pair last named as the two sides of an act
        ("Russia and Ukraine swapped 150 prisoners each on Wednesday. Both sides said the "
         "exchange was mediated by the United Arab Emirates.", "Russia and Ukraine"),
        # a statement is theirs who said something "in a statement"
        ("Armenia and Azerbaijan said in a joint statement on Thursday that they would swap "
         "prisoners.\n\n“The two sides will exchange prisoners of war,” the statement said.\n",
         "Armenia and Azerbaijan"),
    ],
)  # fmt: skip
def test_the_parties_a_pair_noun_or_a_statement_stands_for(nlp, text, speaker):
    assert quotes(nlp, text)[-1].speaker == speaker


def test_the_leader_of_a_people_named_before_and_a_ministry_named_whole(nlp):
    records = quotes(
        nlp,
        "Mara Voss spoke in the capital on Friday. “We will bring everyone home,” the "
        "Ukrainian leader said.\n\nRussia’s Ministry of Defense said that 246 servicemen "
        "were returned.\n",
    )
    assert [r.speaker for r in records] == ["Mara Voss", "Russia’s Ministry of Defense"]


def test_a_speaker_with_its_acronym_after_the_complement(nlp):
    [record] = quotes(
        nlp,
        "A plane carrying detainees left Norway on Friday bound for Kesh, the International "
        "Committee of the Red Cross (ICRC) said.\n",
    )
    assert record.speaker == "International Committee of the Red Cross"
    assert record.content == "A plane carrying detainees left Norway on Friday bound for Kesh"


def test_a_bare_quote_paragraph_goes_on_with_the_speech_reported_before(nlp):
    records = quotes(
        nlp,
        "Mara Voss said most of the men had defended the port city.\n\n"
        "“We will not stop until every one of them is back.”\n\n"
        "“It was hard,” one soldier said.\n",
    )
    assert [r.speaker for r in records] == ["Mara Voss", "Mara Voss", "one soldier"]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # "on X." ends the sentence; "the NGO" is the group last named
        ("Forty detainees were freed, Lumen Watch said on X. Two more were held back, "
         "the NGO added.\n", ["Lumen Watch", "Lumen Watch"]),
        # "The President" is the person last told of
        ("“We are grateful,” Mara Voss said. The President, however, said she is still "
         "worried about another national.\n", ["Mara Voss", "Mara Voss"]),
        # "the Norwegian group" is the group last named, as "the group" is
        ("The Lumen Front freed nine hostages. The Norwegian group said more would follow.\n",
         ["Lumen Front"]),
        # an institution's name in apposition is its name
        ("The prison service, the Kesh Prison Service, said the man was being moved.\n",
         ["Kesh Prison Service"]),
    ],
)  # fmt: skip
def test_a_body_or_title_named_before_or_beside(nlp, text, speakers):
    assert [r.speaker for r in quotes(nlp, text)] == speakers


def test_an_outlet_relaying_a_quote_and_its_attribution_is_no_speaker_of_it(nlp):
    records = quotes(
        nlp,
        "“The truce begins at six. I order that all fire stop for this period,” Mara Voss "
        "announced during a meeting with her generals, the Harbour Post reported, citing "
        "a video.\n",
    )
    assert [r.speaker for r in records] == ["Mara Voss"]


def test_a_document_with_no_issuer_told_is_nobody(nlp):
    [record] = quotes(nlp, "Initially, reports suggested that the Front would free ten hostages.\n")
    assert record.speaker is None and record.speaker_mention == "reports"


def test_titles_joined_to_a_name_by_and_are_that_person(nlp):
    [record] = quotes(
        nlp, "“A long wait,” said Ruritanian analyst and former detainee Jonas Keller.\n"
    )
    assert record.speaker == "Jonas Keller"


def test_a_speaker_the_parse_hangs_on_the_clause_before(nlp):
    [record] = quotes(
        nlp,
        "Varenia's retaliatory offensive in the Ruritania Strip killed over 68,000 "
        "Ruritanians, health officials in the enclave say.\n",
    )
    assert record.speaker_mention == "health officials in the enclave"


def test_a_dateline_on_a_line_of_its_own_is_no_speaker(nlp):
    [record] = quotes(
        nlp,
        "Agency hails the swap\n\nVARENIA\nThe intelligence agency said it mediated the swap.\n",
    )
    assert record.speaker_mention == "The intelligence agency"


def test_a_labelled_quote_is_the_source_line_s(nlp):
    records = quotes(
        nlp,
        "The Front freed 40 soldiers.\n\nSource: President Anna Keller on Telegram\n\n"
        'Quote: "Today our people are coming home."\n',
    )
    assert [r.speaker for r in records] == ["Anna Keller"]


def test_a_title_on_the_line_above_is_no_part_of_the_speaker(nlp):
    [record] = quotes(
        nlp,
        "4 MIN READ\nAzerbaijan, Armenia swap detainees on the frontier\nArmenia and Azerbaijan "
        "said in a joint statement that the talks would go on next month.\n",
    )
    assert record.speaker_mention.startswith("Armenia")
    assert "\n" not in record.speaker_mention and "frontier" not in record.speaker_mention


def test_a_line_wrapped_in_mid_sentence_stays_one_sentence(nlp):
    doc = nlp(
        "The swap freed two Varenian and thirty-two Northmark detainees, the Varenian\n"
        "Foreign Ministry said on Friday.\n"
    )
    assert len(list(doc.sents)) == 1


def test_a_quote_the_speaker_continued_or_uttered_is_theirs(nlp):
    records = quotes(
        nlp,
        "“The talks went on for a year,” Anna Keller wrote. “I proposed handing the pilot "
        "over,” continued Keller. Omar Haddad was quoted by the agency. “Thank God,” he "
        "managed to utter.\n",
    )
    assert [r.speaker for r in records] == ["Anna Keller", "Anna Keller", "Omar Haddad"]


def test_an_agreement_is_no_source(nlp):
    records = quotes(
        nlp, "According to the ceasefire agreement, 15 more bodies remain to be handed over.\n"
    )
    assert records == []


# The tenth round: speakers on real copy.


def test_a_name_beside_a_title_is_the_speaker_whatever_the_recogniser_made_of_it(nlp):
    found = quotes(
        nlp, "Varenia’s Human Rights Ombudsman, Dmytro Lubinets, said it was the 49th exchange."
    )
    assert find(found, "49th exchange").speaker == "Dmytro Lubinets"


def test_a_speaking_participle_is_the_speaker_s_not_the_people_in_what_was_said(nlp):
    found = quotes(
        nlp,
        " date 2031-01-19 The army also said that 11 prisoners from the Front will be released "
        "instead of 11 prisoners affiliated with Fatah, saying there had been a last-minute "
        "change.",
    )
    [saying] = [r for r in found if r.content.startswith("there had been")]
    assert saying.speaker == "army"


def test_what_a_speaker_did_not_say_is_no_speech(nlp):
    found = quotes(
        nlp,
        "The ministry said it released 22 wounded soldiers but did not explain why the figure "
        "was one less than promised.",
    )
    assert [r.cue for r in found] == ["say"]  # not "explain"


def test_according_to_inside_someone_s_words_is_theirs(nlp):
    found = quotes(
        nlp,
        "Anna Keller added that, according to military reports, assaults continued along the "
        "front line.",
    )
    assert [r.speaker for r in found] == ["Anna Keller"]


def test_he_is_not_a_woman_named_before(nlp):
    found = quotes(
        nlp,
        "President Halden Roe welcomed the release on Friday. Ms. Noralyn Babadilla was "
        "freed on Friday. 'We remain concerned about the others,' he said.",
    )
    assert find(found, "We remain concerned").speaker == "Halden Roe"


def test_the_one_quoted_as_saying_is_the_speaker_not_the_outlet(nlp):
    found = quotes(
        nlp,
        "Al Jazeera quoted Varenia’s human rights ombudsman, Dmytro Lubinets, as saying that "
        "230 prisoners had been released. “The return of the servicemen was made possible by "
        "mediation,” the news agency quoted the Defence Ministry as saying in a statement.",
    )
    assert find(found, "230 prisoners").speaker == "Dmytro Lubinets"
    assert find(found, "return of the servicemen").speaker == "Defence Ministry"


def test_a_name_set_before_its_description_is_the_speaker(nlp):
    found = quotes(nlp, "Christopher van Heerden, Karelina’s boyfriend, said he was angry.")
    assert find(found, "he was angry").speaker == "Christopher van Heerden"


def test_the_country_s_body_is_that_of_the_state_named_last(nlp):
    found = quotes(
        nlp,
        "Late Monday, 11 hostages arrived in Israel, the country's military said. The pilot "
        "said his country's army had left.",
    )
    assert find(found, "11 hostages").speaker == "Israel's military"
    assert find(found, "army had left").speaker == "pilot"


def test_both_countries_are_the_two_states_last_named_together(nlp):
    found = quotes(
        nlp,
        "Washington welcomed the announcement by Armenia and Azerbaijan of the release of "
        "detainees. Both countries have said a peace agreement could be signed this year. "
        "Israel and the United States met in Washington. The two sides said the talks went well.",
    )
    assert find(found, "peace agreement").speaker == "Armenia and Azerbaijan"
    assert find(found, "talks went well").speaker != "Israel and United States"


def test_the_militant_group_is_the_armed_group_named_last(nlp):
    found = quotes(
        nlp,
        "Hamas handed seven hostages to the Red Cross on Monday. The militant group has said "
        "that 20 living hostages will be exchanged.",
    )
    assert find(found, "20 living hostages").speaker == "Hamas"


def test_the_countries_and_their_they_are_the_two_states_last_named_together(nlp):
    found = quotes(
        nlp,
        "Armenia and Azerbaijan will free prisoners, officials said on Thursday. The countries "
        'said last week as they announced the exchange that they "reconfirm their intention to '
        'normalise relations".',
    )
    assert find(found, "normalise relations").speaker == "Armenia and Azerbaijan"


def test_the_statement_quoted_after_its_issuer_spoke_is_the_issuer_s(nlp):
    found = quotes(
        nlp,
        "The Elbonian Intelligence Agency stated that an exchange had taken place today under "
        "its coordination. According to the statement, 'Elbonia played a major role in this "
        "exchange'.",
    )
    assert find(found, "played a major role").speaker == "Elbonian Intelligence Agency"


def test_a_post_that_goes_on_is_its_author_s(nlp):
    found = quotes(
        nlp,
        '"He ran the dairy for years," the Ruritanian Foreign Ministry stated in an X post. '
        '"He is finally home," the post continued.',
    )
    assert find(found, "finally home").speaker == "Ruritanian Foreign Ministry"


def test_records_with_no_issuer_are_nobody(nlp):
    found = quotes(nlp, "Official records indicate that Elbonia currently holds 55 prisoners.")
    assert find(found, "currently holds").speaker is None


def test_a_statement_with_nobody_quoted_before_it_stays_nobody_s(nlp):
    found = quotes(
        nlp,
        "The ministry said 40 were freed. The weather was cold. Many waited. Crowds sang. "
        "According to the report, the buses were late.",
    )
    assert find(found, "buses were late").speaker is None


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        ("A navy diver whose family said he had travelled south for romance.", "travelled south",
         "navy diver's family"),
        ("The freed include Mark Velin, whose wife said he had been held for a year.",
         "held for a year", "Mark Velin's wife"),
        ("The Houthi movement, whose officials said 20 were freed, welcomed the deal.",
         "20 were freed", "Houthi movement"),
    ],
)  # fmt: skip
def test_whose_kin_said_is_the_kin_not_the_one_they_speak_of(nlp, text, fragment, speaker):
    assert find(quotes(nlp, text), fragment).speaker == speaker


def test_she_after_a_woman_spoke_is_her_not_the_woman_she_named(nlp):
    found = quotes(
        nlp,
        "Sara Cohen, daughter-in-law of 72-year-old Ruth Cohen, told reporters the family was "
        "waiting at a hospital to see her.\n“I miss her very much and want her home,” she said.",
    )
    assert find(found, "want her home").speaker == "Sara Cohen"


def test_she_after_a_man_spoke_is_the_woman_named(nlp):
    found = quotes(nlp, 'Mr. Dan Levi said his mother Ruth had been freed. "I am tired," she said.')
    assert find(found, "I am tired").speaker == "Ruth"


def test_remarks_released_by_an_office_are_the_office_s(nlp):
    found = quotes(
        nlp,
        "“We are making progress,” according to remarks released by the Ruritanian prime "
        "minister's office.",
    )
    assert find(found, "making progress").speaker == "Ruritanian prime minister's office"

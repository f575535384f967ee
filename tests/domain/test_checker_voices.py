"""Rules widened by the voices written on 2026-12-07 (executives; young creators), with the real
lexicons: each case is the general form of a `dev` mismatch, and its near miss stays reported."""

from __future__ import annotations

import dataclasses

import pytest

from followthrough.domain.checker import CheckContext, check
from followthrough.text.lexicons import load_lexicons

LEX = load_lexicons()
#: The phrase rules alone, without the learned model's sentence scores and gates.
RULES_ONLY = dataclasses.replace(LEX, tone=None)


def _found(
    text: str, rule: str, kind: str | None = "check-in", lex: object = LEX
) -> list[tuple[str, str]]:
    return [
        (text[f.start : f.end], f.severity)
        for f in check(text, CheckContext(kind=kind), lex)  # type: ignore[arg-type]
        if f.rule == rule
    ]


def test_two_slips_in_a_row_are_slips_not_a_phrase_of_another_language() -> None:
    text = "Hi Ann,\n\nIt is a realy usefull workflow for the team.\n\nBest,\nSam"
    assert _found(text, "spelling") == [("realy", "warning"), ("usefull", "warning")]


def test_a_phrase_of_another_language_is_still_only_info() -> None:
    text = "Hi Ann,\n\nWe said go raibh maith agat to the whole crew on the day.\n\nBest,\nSam"
    assert {severity for _, severity in _found(text, "spelling")} <= {"info"}


@pytest.mark.parametrize("word", ["Lowkey", "jollof"])
def test_a_word_two_edits_from_a_short_word_is_one_the_dictionary_lacks(word: str) -> None:
    text = (
        f"Hi Ann,\n\nThe launch went well. {word} it was the best part of the week.\n\nBest,\nSam"
    )
    assert _found(text, "spelling") == [(word, "info")]


def test_two_edits_in_a_long_word_are_still_a_slip() -> None:
    text = "Hi Ann,\n\nI look forward to hearing from you tommorow or later.\n\nBest,\nSam"
    assert _found(text, "spelling") == [("tommorow", "warning")]


@pytest.mark.parametrize("word", ["calibre", "fibre", "meagre", "centred", "centres"])
def test_british_re_endings_are_spelt_right(word: str) -> None:
    assert LEX.known(word)


@pytest.mark.parametrize(
    "opening", ["tysm for the interview yesterday!!", "thx for the chat today."]
)
def test_thanks_in_text_shorthand_is_thanks(opening: str) -> None:
    text = (
        f"hey Maya,\n\n{opening} Loved hearing about the Questline beta and its onboarding.\n\n"
        "I'd love to help build it. If you want my funnel notes, I'm happy to send them.\n\n"
        "Cheers,\nSam"
    )
    assert not any("no thanks" in f.message for f in check(text, CheckContext("thank-you"), LEX))


@pytest.mark.parametrize("phrase", ["It was a difficult decision", "This was a hard choice"])
def test_a_hard_decision_of_ones_own_is_not_negative(phrase: str) -> None:
    text = (
        "Dear Marco,\n\nI have accepted another offer, so I would like to withdraw.\n\n"
        f"{phrase}; I really enjoyed meeting the team.\n\nBest regards,\nSofia"
    )
    assert _found(text, "negative-wording", "withdraw") == []


def test_a_difficult_interviewer_is_still_negative() -> None:
    text = "Dear Marco,\n\nYour interviewer was difficult and rude to me.\n\nBest regards,\nSofia"
    assert [w for w, _ in _found(text, "negative-wording", "withdraw")] == ["difficult", "rude"]


@pytest.mark.parametrize(
    "slot", ["<interviewer name>", "<first_name>", "<COMPANY_NAME>", "<name of the project>"]
)
def test_a_slot_in_angle_brackets_is_a_placeholder(slot: str) -> None:
    text = f"Hi Ann,\n\nSpeaking with {slot} was useful.\n\nBest,\nSam"
    assert [s for s, _ in _found(text, "placeholder")] == [slot]


@pytest.mark.parametrize("kept", ["<ann@example.com>", "<https://example.com/role>", "I <3 it"])
def test_an_address_a_link_or_a_heart_in_angle_brackets_is_not(kept: str) -> None:
    text = f"Hi Ann,\n\nThanks again, {kept} and see you soon.\n\nBest,\nSam"
    assert _found(text, "placeholder") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "I have been waiting for an opportunity to work on ocean data since university.",
        "I'll get the references to you by close of business tomorrow.",
        "I expect to hear about my visa by Friday, which will settle my start date.",
        "So you're aware, another firm has asked for an answer by the end of next week.",
    ],
)
def test_waiting_haste_and_deadlines_of_ones_own_are_not_pushy(sentence: str) -> None:
    assert _found(f"Hi Ann,\n\n{sentence}\n\nBest,\nSam", "pushy", lex=RULES_ONLY) == []


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("I've been waiting for your reply for two weeks.", "I've been waiting for your reply"),
        ("Please confirm the offer by close of business.", "by close of business"),
        ("I need the schedule confirmed by end of day.", "by end of day"),
        ("I expect to hear from you this week.", "I expect to hear from you"),
    ],
)
def test_waiting_for_them_and_their_haste_are_pushy(sentence: str, span: str) -> None:
    found = _found(f"Hi Ann,\n\n{sentence}\n\nBest,\nSam", "pushy", lex=RULES_ONLY)
    assert span in [s for s, _ in found]


# ---------------------------------------------------------------- the second round (four voices)


def test_letters_out_of_order_in_a_long_word_are_a_slip_even_when_it_splits_into_words() -> None:
    text = "Hi Ann,\n\nI am truely greatful for your help.\n\nBest,\nSam"
    assert _found(text, "spelling") == [("truely", "warning"), ("greatful", "warning")]


def test_a_short_word_of_known_parts_is_not_an_anagram_slip() -> None:
    assert _found("Hi Ann,\n\nI wrote a shader for the demo.\n\nBest,\nSam", "spelling") == []


THANK_YOU = (
    "Dear Joseph,\n\nThank you for the interview yesterday. I enjoyed meeting you and learning "
    "more about the organisation and the team.\n\nI am very interested in the role and believe "
    "my background in veterinary field work would make me a good fit.\n\n{offer}\n\n"
    "Kind regards,\nAmina"
)


def _structure(text: str) -> list[str]:
    return [f.message for f in check(text, CheckContext("thank-you"), LEX) if f.rule == "structure"]


def test_the_writers_own_background_is_not_a_topic_of_the_interview() -> None:
    text = THANK_YOU.format(offer="Please contact me if you need any additional information.")
    assert [m for m in _structure(text) if "no specific topic" in m]


def test_a_detail_of_the_interview_beside_the_background_is_a_topic() -> None:
    text = THANK_YOU.format(offer="Please contact me if you need any additional information.")
    text = text.replace("the organisation and the team", "the brucellosis vaccination drive")
    assert not [m for m in _structure(text) if "no specific topic" in m]


@pytest.mark.parametrize(
    ("offer", "offered"),
    [
        ("I'd be glad to bring that experience to Rift Valley Livestock Trust.", False),
        ("I'd be glad to bring my portfolio and samples to a second meeting.", True),
    ],
)
def test_bringing_experience_is_the_sell_and_bringing_samples_is_an_offer(
    offer: str, offered: bool
) -> None:
    text = THANK_YOU.format(offer=offer).replace(
        "the organisation and the team", "the brucellosis vaccination drive"
    )
    assert offered == (not [m for m in _structure(text) if "no offer" in m])


@pytest.mark.parametrize(
    "opening", ["Go raibh míle maith agat for Wednesday's meeting.", "Go raibh maith agat."]
)
def test_irish_thanks_with_or_without_mile(opening: str) -> None:
    text = THANK_YOU.format(offer="Happy to send anything else.").replace(
        "Thank you for the interview yesterday.", opening
    )
    assert not [m for m in _structure(text) if "no thanks" in m]


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        (
            "Further to my letters of the 2nd and the 9th, I enclose nothing new.",
            "my letters of the 2",
        ),
        ("I write for a third time about the adviser post.", "write for a third time"),
    ],
)
def test_counting_earlier_letters_is_pushy(sentence: str, span: str) -> None:
    found = _found(f"Dear Dr Byrne,\n\n{sentence}\n\nYours,\nMo", "pushy", lex=RULES_ONLY)
    assert span in [s for s, _ in found]


def test_a_result_in_percent_after_respond_is_no_deadline() -> None:
    text = (
        "Hi Orla,\n\nI led the response to ransomware incidents at three banks and cut mean time "
        "to respond by 60% at the last one.\n\nCheers,\nEoin"
    )
    assert _found(text, "pushy", lex=RULES_ONLY) == []


def test_people_who_are_not_confident_are_described_not_judged() -> None:
    text = (
        "Hi Helen,\n\nI am patient with users who are not confident with technology.\n\n"
        "Best,\nRahim"
    )
    assert _found(text, "negative-wording") == []


def test_a_derived_form_keeps_its_stems_valence() -> None:
    text = "Dear Graham,\n\nIt feels rather disrespectful to be left waiting.\n\nThank you,\nLucía"
    assert [w for w, _ in _found(text, "negative-wording")] == ["disrespectful"]


# ---------------------------------------------------------------- the third round (three voices)


def test_a_bulleted_recap_of_wins_is_a_pitch() -> None:
    text = (
        "Olá Fernanda,\n\nThank you for the conversation about the São Paulo launch.\n\n"
        "A quick recap of what I'd bring:\n- grew paid revenue 3x in 18 months\n"
        "- cut CAC by 40% while doubling spend\n- built and hired a team of 12\n\n"
        "I'm glad to answer any other questions.\n\nAbraços,\nRafael"
    )
    assert _found(text, "sales-pitch", "thank-you")


def test_a_bulleted_agenda_is_no_pitch() -> None:
    text = (
        "Hi Ana,\n\nThanks again. As promised, the three things we agreed to look at:\n"
        "- the onboarding survey\n- the churn dashboard\n- the pricing page copy\n\n"
        "Happy to send anything else.\n\nBest,\nRafael"
    )
    assert _found(text, "sales-pitch", "thank-you") == []


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("This is the third note I've sent since our interview.", "third note I've sent"),
        ("Sorry to write again so soon about the role.", "write again"),
        ("I wanted to nudge once more about the position.", "nudge once more"),
    ],
)
def test_counting_notes_and_writing_again_are_pushy(sentence: str, span: str) -> None:
    found = _found(f"Hi Sanne,\n\n{sentence}\n\nGroeten,\nAhmed", "pushy", lex=RULES_ONLY)
    assert span in [s for s, _ in found]


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("I'd like to revisit the SQL question on repeat customers.", "revisit the SQL question"),
        ("I now realise a left join would have given the right count.", "I now realise"),
    ],
)
def test_going_back_to_a_question_is_back_pedalling(sentence: str, span: str) -> None:
    found = _found(f"Hi Kevin,\n\n{sentence}\n\nCheers,\nJuan", "forgot-to-mention", lex=RULES_ONLY)
    assert span in [s for s, _ in found]


@pytest.mark.parametrize(
    "sentence",
    [
        "A relocation to Innsbruck would be difficult for my family at the moment.",
        "Matching references typed by hand is a messy but very real problem.",
    ],
)
def test_ones_own_circumstances_and_the_problem_at_hand_are_not_negative(sentence: str) -> None:
    text = f"Dear Mr Huber,\n\n{sentence}\n\nBest,\nEmma"
    assert _found(text, "negative-wording", "withdraw", lex=RULES_ONLY) == []


NOTE = (
    "Dear Jenny,\n\nThank you for the interview on Thursday. {detail}\n\n{sell}\n\n{offer}\n\n"
    "Warm regards,\nSiobhan"
)
DETAIL = "I enjoyed hearing how the after-hours phone line for families is staffed."
SELL = "I would be very glad to join the team."
OFFER = "If my AHPRA details would help, I am happy to send them."


def _missing(**parts: str) -> list[str]:
    text = NOTE.format(**{"detail": DETAIL, "sell": SELL, "offer": OFFER, **parts})
    return [m.split(":")[0] for m in _structure(text)]


def test_the_parts_of_a_thank_you_are_found() -> None:
    assert _missing() == []


@pytest.mark.parametrize(
    "detail",
    [
        "It was lovely to meet such a candid and supportive group.",
        "I appreciated Monday's welcome and the chance to learn about the team.",
    ],
)
def test_praise_and_days_are_no_detail(detail: str) -> None:
    assert _missing(detail=detail) == ["no specific topic from the interview"]


def test_a_rare_word_in_the_offer_is_no_detail() -> None:
    detail = "It was lovely to learn more about the service and the team."
    offer = "Please let me know if you need my AHPRA registration or palliative certificates."
    assert _missing(detail=detail, offer=offer) == ["no specific topic from the interview"]


@pytest.mark.parametrize(
    "sell",
    [
        "I also liked hearing what the community teams bring in each week.",
        "I look forward to hearing from you.",
    ],
)
def test_what_others_bring_and_looking_forward_to_a_reply_are_no_sell(sell: str) -> None:
    assert _missing(sell=sell) == ["no subtle sell (enthusiasm and fit missing)"]


def test_experience_offered_is_no_sell_but_a_belief_in_ones_fit_is() -> None:
    offer = "If you need more details of my experience, please let me know."
    assert _missing(sell="", offer=offer) == ["no subtle sell (enthusiasm and fit missing)"]
    assert _missing(sell="I think I could add real value to the night rota.", offer=offer) == []


def test_glad_to_help_the_team_is_the_sell_not_an_offer() -> None:
    sell = "I would be glad to help your team get the most out of the new phone line."
    assert _missing(sell=sell, offer="") == ["no offer to send anything further"]


def test_a_place_said_twice_over_is_a_name_and_a_doubled_word_still_a_slip() -> None:
    found = _found("Hi Ann,\n\nI moved to Wagga Wagga in May.\n\nBest,\nSam", "spelling")
    assert [s for s, severity in found if severity == "warning"] == []
    assert _found("Hi Ann,\n\nI moved to the the coast.\n\nBest,\nSam", "spelling")
    assert _found("Hi Ann,\n\nThe The plan is set.\n\nBest,\nSam", "spelling")


@pytest.mark.parametrize(
    "sentence",
    [
        "I also neglected to mention that I chaired the working group.",
        "I turned around the weakest restaurant in the group.",
    ],
)
def test_back_pedalling_and_a_turnaround_are_not_negative_wording(sentence: str) -> None:
    text = f"Hi Ann,\n\n{sentence}\n\nBest,\nSam"
    assert _found(text, "negative-wording", "thank-you", lex=RULES_ONLY) == []


def test_they_would_be_mad_not_to_is_self_praise_not_negative() -> None:
    text = "Hi Ann,\n\nThey'd be mad not to snap me up.\n\nBest,\nSam"
    assert _found(text, "negative-wording", "recruiter-thanks", lex=RULES_ONLY) == []


# ---------------------------------------------------------------- the fourth round (two voices)


@pytest.mark.parametrize(
    "praise",
    [
        "Kaitiaki has a truly exceptional culture",
        "Your world-class onboarding impressed me",
        "It was one of the best technical discussions I've had in a while",
    ],
)
def test_superlatives_that_praise_them_are_no_pitch(praise: str) -> None:
    text = (
        f"Kia ora Aroha,\n\nThank you for the interview. {praise}.\n\n"
        "I built a module for 1,200 adult learners, and I led a pilot that kept 87% of them.\n\n"
        "Happy to send samples.\n\nNgā mihi,\nPriyanka"
    )
    assert _found(text, "sales-pitch", "thank-you", lex=RULES_ONLY) == []


def test_superlatives_about_oneself_with_two_wins_are_a_pitch() -> None:
    text = (
        "Kia ora Aroha,\n\nThank you for the interview. I am an exceptional trainer.\n\n"
        "I built a module for 1,200 adult learners, and I led a pilot that kept 87% of them.\n\n"
        "Happy to send samples.\n\nNgā mihi,\nPriyanka"
    )
    assert _found(text, "sales-pitch", "thank-you", lex=RULES_ONLY)


@pytest.mark.parametrize("word", ["neighbourhood", "neighbourly", "learnings"])
def test_more_british_and_workplace_words(word: str) -> None:
    assert LEX.known(word)


# ---------------------------------------------------------------- the fifth round (short notes)


@pytest.mark.parametrize(
    "opening",
    ["Much obliged for the tour on Tuesday.", "Ta for having me in yesterday.",
     "Really valued the conversation on Wednesday."],
)  # fmt: skip
def test_thanks_in_other_words(opening: str) -> None:
    text = NOTE.format(detail=DETAIL, sell=SELL, offer=OFFER).replace(
        "Thank you for the interview on Thursday.", opening
    )
    assert "no thanks" not in [m.split(":")[0] for m in _structure(text)]


@pytest.mark.parametrize(
    "sell",
    [
        "Getting that pipeline right is work I'd genuinely enjoy owning.",
        "Helping students run a real business is right up my street.",
        "The winter festival sounds brilliant, and count me in if you'll have me.",
        "Designing shading that performs is why I got into this field.",
        "Bringing order to shared instrument time is work I find deeply satisfying.",
        "The queue app pilot sounds like something I'd be glad to help roll out.",
    ],
)
def test_wanting_the_work_in_ones_own_words_is_the_sell(sell: str) -> None:
    assert _missing(sell=sell) == []


def test_glad_to_help_with_anything_is_an_offer_not_a_sell() -> None:
    sell = "I'd be glad to help with anything else you need."
    assert _missing(sell=sell, offer="") == ["no subtle sell (enthusiasm and fit missing)"]


def test_another_offer_that_needs_an_answer_is_news() -> None:
    text = (
        "Hi Sneha,\n\nI've received another offer that needs an answer by the 20th, but Nimbus is"
        " still my first choice.\n\nBest regards,\nArjun"
    )
    assert _found(text, "pushy", lex=RULES_ONLY) == []


def test_a_borrowed_word_is_not_a_slip_of_a_nearby_english_one() -> None:
    text = "Hi Luca,\n\nGrazie mille for the tour, and sorry for the extra admin.\n\nBest,\nSam"
    assert [w for w, severity in _found(text, "spelling") if severity == "warning"] == []


def test_a_problem_one_wants_to_solve_is_not_negative() -> None:
    text = "Hi Esther,\n\nThe churn model is a problem I'd happily lose weekends to.\n\nBest,\nBo"
    assert _found(text, "negative-wording", "thank-you", lex=RULES_ONLY) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "I'd be lying if I said I wasn't disappointed, but thank you for telling me.",
        "It's been a difficult year since the redundancy, and your encouragement kept me going.",
    ],
)
def test_honesty_about_an_outcome_or_a_hard_year_is_not_negative(sentence: str) -> None:
    text = f"Dear Tom,\n\n{sentence}\n\nBest,\nAnn"
    assert _found(text, "negative-wording", "referee-thanks", lex=RULES_ONLY) == []


def test_a_conceded_feeling_is_read_as_a_courtesy_in_outcome_messages_only() -> None:
    from followthrough.domain.checker_negative import conceded_feeling

    sentence = "I was disappointed to hear the panel chose another candidate."
    assert conceded_feeling("rejection-reply", sentence)
    assert not conceded_feeling("thank-you", sentence)
    assert not conceded_feeling("rejection-reply", "I'm disappointed you wasted my time.")

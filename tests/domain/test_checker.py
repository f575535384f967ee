"""The draft checker, rule by rule, with tiny hand-made lexicons (no package data, no files)."""

from __future__ import annotations

import pytest

from followthrough.domain.checker import (
    CheckContext,
    Finding,
    Lexicons,
    check,
    rules_found,
    word_count,
)

UNKNOWN = frozenset({"recieve", "thnaks", "zorblat", "acme", "globex", "initech", "kubernetes",
                     "ravi", "holm"})
SUGGEST = {"recieve": "receive", "thnaks": "thanks"}
NEGATIVE = {"terrible": -2.5, "problem": -1.7, "problems": -1.7, "unfortunately": -1.4,
            "disappointed": -2.1, "neglected": -2.4, "debt": -1.5, "fraud": -2.8}
def _known(word: str) -> bool:
    """Every word is known but UNKNOWN's, and their fragments (a stem the checker tries)."""
    return word not in UNKNOWN and not (len(word) >= 4 and any(word in u for u in UNKNOWN))


LEX = Lexicons(negative=NEGATIVE, known=_known, suggest=SUGGEST.get)

THANK_YOU = """Dear Ann,

Thank you for meeting me today. I enjoyed hearing about the billing platform migration.

I am excited about the role, and my experience with similar migrations fits it well.

If anything else would help, I am happy to send it.

Best regards,
Sam"""


def ctx(kind: str | None = None, **kw: object) -> CheckContext:
    return CheckContext(kind, **kw)  # type: ignore[arg-type]


def findings(text: str, rule: str, context: CheckContext | None = None) -> list[Finding]:
    return [f for f in check(text, context or ctx(), LEX) if f.rule == rule]


def spans(text: str, rule: str, context: CheckContext | None = None) -> list[str]:
    return [text[f.start:f.end] for f in findings(text, rule, context)]


# ---------------------------------------------------------------- the API


def test_word_count_counts_tokens_with_a_letter_or_digit() -> None:
    assert word_count("Dear Ann,\n\nThanks — see you at 10:00!") == 7
    assert word_count("") == 0


def test_finding_json_shape() -> None:
    f = Finding("spelling", "warning", 3, 7, "fix it")
    assert f.as_dict() == {"rule": "spelling", "severity": "warning", "start": 3, "end": 7,
                           "message": "fix it"}


def test_context_accepts_lists_and_stays_hashable() -> None:
    c = CheckContext("thank-you", own_names=["Acme", " "], topics="billing")  # type: ignore[arg-type]
    assert c.own_names == ("Acme",)
    assert c.topics == ("billing",)
    assert hash(c) == hash(CheckContext("thank-you", own_names=("Acme",), topics=("billing",)))


def test_a_good_thank_you_has_no_findings() -> None:
    assert check(THANK_YOU, ctx("thank-you", own_names=("Ann", "Sam")), LEX) == []


def test_findings_are_sorted_by_position() -> None:
    text = "Dear {name},\n\nI recieve the the [Company] letter."
    found = check(text, ctx(), LEX)
    assert [f.start for f in found] == sorted(f.start for f in found)
    assert rules_found(found) == {"placeholder", "spelling"}
    assert rules_found(found, "error") == {"placeholder"}


# ---------------------------------------------------------------- length


def _words(n: int, per_paragraph: int = 1000) -> str:
    words = ["word"] * n
    return "\n\n".join(" ".join(words[i:i + per_paragraph]) for i in range(0, n, per_paragraph))


def test_length_words_over_the_limit_span_the_excess() -> None:
    text = _words(150, 50) + " extra more"
    (f,) = findings(text, "length", ctx("thank-you"))
    assert (f.severity, text[f.start:f.end]) == ("warning", "extra more")
    assert "152 words" in f.message
    assert findings(_words(150, 50), "length", ctx("thank-you")) == []


@pytest.mark.parametrize("kind", ["check-in", "referee-thanks", "withdraw", "thank-you"])
def test_length_every_email_kind_holds_to_150_words(kind: str) -> None:
    # PRODUCT.md names one figure; a 140-word check-in is not too long (docs/decisions.md)
    assert findings(_words(150, 50), "length", ctx(kind)) == []
    assert [f.message[:9] for f in findings(_words(151, 51), "length", ctx(kind))] == [
        "151 words"]


def test_length_counts_paragraphs_without_greeting_and_sign_off() -> None:
    body = "Dear Ann,\n\nOne.\n\nTwo.\n\nThree.\n\nBest regards,\nSam"
    assert findings(body, "length", ctx("thank-you")) == []
    four = "Dear Ann,\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n\nBest regards,\nSam"
    (f,) = findings(four, "length", ctx("thank-you"))
    assert four[f.start:f.end] == "Four.\n\nFive."
    assert "5 paragraphs" in f.message


@pytest.mark.parametrize(
    "closing",
    [
        # a long signature: title, company ending in an abbreviation, an address, contacts
        "Warm regards,\nAditi Kulkarni\nSenior Marketing Executive, Deccan Homes Pvt. Ltd.\n"
        "Office 1204, Bay Square Building 7, Business Bay, Dubai\n+91 98230 11458\n"
        "aditi@deccan.example | linkedin.com/in/aditi\nCustomer Success | APAC | EMEA",
        "¡Muchas gracias y un saludo!\nLucía",
        "Thanks again!\nSam",
    ],
)
def test_length_sign_offs_and_long_signatures_are_not_paragraphs(closing: str) -> None:
    body = "Dear Ann,\n\nOne.\n\nTwo.\n\nThree.\n\n" + closing
    assert findings(body, "length", ctx("thank-you")) == []


def test_length_a_closing_sentence_with_a_full_stop_is_a_paragraph() -> None:
    body = "Dear Ann,\n\nOne.\n\nTwo.\n\nThree.\n\nI hope to hear from you soon.\nSam"
    assert "4 paragraphs" in findings(body, "length", ctx("thank-you"))[0].message


def test_length_long_paragraph() -> None:
    text = "Hi Ann,\n\n" + _words(76) + ".\n\nThanks,\nSam"
    (f,) = findings(text, "length", ctx("check-in"))
    assert text[f.start:f.end] == _words(76) + "."
    assert "76-word paragraph" in f.message


def test_length_linkedin_note_is_an_error_over_300_characters() -> None:
    text = "  " + "a" * 299 + " bc"
    (f,) = findings(text, "length", ctx("linkedin-recruiter"))
    assert (f.severity, f.start, f.end, text[f.start:f.end]) == ("error", 302, 304, "bc")
    assert findings("a" * 300, "length", ctx("linkedin-interviewer")) == []


def test_length_without_a_kind_is_only_info() -> None:
    (f,) = findings(_words(201, 67), "length", ctx(None))
    assert f.severity == "info"


# ---------------------------------------------------------------- structure


def test_structure_only_for_thank_you_notes() -> None:
    assert findings("Hi.", "structure", ctx("check-in")) == []
    assert findings("Hi.", "structure", ctx(None)) == []


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("Thank you for meeting me today.", "It was good to meet you today.", "no thanks"),
        ("I enjoyed hearing about the billing platform migration.",
         "I enjoyed discussing the role with you.", "no specific topic"),
        ("I am excited about the role, and my experience with similar migrations fits it well.",
         "The office is near the station.", "enthusiasm and fit missing"),
        ("If anything else would help, I am happy to send it.", "Have a good weekend.",
         "no offer to send anything further"),
    ],
)
def test_structure_reports_each_missing_part(old: str, new: str, says: str) -> None:
    text = THANK_YOU.replace(old, new)
    (f,) = findings(text, "structure", ctx("thank-you"))
    assert says in f.message
    assert f.start == f.end
    body_start = text.index("Thank") if "no thanks" not in says else text.index("It was")
    body_end = text.index("\n\nBest regards")
    assert f.start == (body_end if "offer" in says else body_start)


def test_structure_topic_from_the_debrief_counts_with_other_word_forms() -> None:
    text = THANK_YOU.replace("I enjoyed hearing about the billing platform migration.",
                             "Your plan for migrating the billing platform was a highlight.")
    context = ctx("thank-you", topics=("billing platform migration",))
    assert findings(text, "structure", context) == []


def test_structure_topic_missing_suggests_one_from_the_debrief() -> None:
    text = THANK_YOU.replace("I enjoyed hearing about the billing platform migration.",
                             "It was a pleasure.")
    (f,) = findings(text, "structure", ctx("thank-you", topics=("blameless reviews",)))
    assert "'blameless reviews'" in f.message


def test_structure_thanks_in_the_sign_off_does_not_count() -> None:
    text = THANK_YOU.replace("Thank you for meeting me today.", "It was good to meet.").replace(
        "Best regards,", "Many thanks,")
    assert any("no thanks" in f.message for f in findings(text, "structure", ctx("thank-you")))


def test_structure_a_debrief_project_is_the_fit() -> None:
    text = THANK_YOU.replace("my experience with similar migrations fits it well",
                             "the ledger rebuild comes to mind")
    assert findings(text, "structure", ctx("thank-you", projects=("ledger rebuild",))) == []


# ---------------------------------------------------------------- forgot-to-mention


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Also, I forgot to mention my licence.", "I forgot to mention"),
        ("I should have said that I lead a team.", "I should have said"),
        ("I didn't get the chance to mention Python.", "I didn't get the chance to mention"),
        ("I did not have the opportunity to explain it.",
         "I did not have the opportunity to explain"),
        ("What I meant was simpler.", "What I meant"),
        ("I would like to clarify my answer on budgets.", "clarify my answer"),
        ("It slipped my mind.", "slipped my mind"),
        ("Looking back, I undersold it.", "Looking back, I"),
    ],
)
def test_forgot_to_mention(text: str, span: str) -> None:
    assert spans(text, "forgot-to-mention") == [span]


def test_forgot_to_mention_leaves_ordinary_sentences_alone() -> None:
    assert findings("I mentioned my notice period. I said I would send it.",
                    "forgot-to-mention") == []


# ---------------------------------------------------------------- pushy


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Has a decision been made yet?", "Has a decision been made"),
        ("Have you made a decision?", "Have you made a decision"),
        ("I need an answer by Monday.", "I need an answer"),
        ("Please respond by Friday.", "Please respond by"),
        ("Could you let me know as soon as possible?", "as soon as possible"),
        ("I have been waiting for news.", "I have been waiting for news"),
        ("I haven't heard back.", "I haven't heard back"),
        ("This is my second e-mail.", "This is my second e-mail"),
        ("Just a gentle reminder.", "gentle reminder"),
        ("I would like a decision by close of business.", "decision by close"),
        ("I'd really like to know by Friday whether I've made it.", "like to know by Friday"),
    ],
)
def test_pushy(text: str, span: str) -> None:
    assert spans(text, "pushy") == [span]


def test_wanting_to_know_more_today_is_not_pushy() -> None:
    text = "It was great to meet you today, and I'd love to know more about the roadmap today."
    assert findings(text, "pushy") == []


def test_everything_i_need_to_know_is_no_demand() -> None:
    assert findings("That told me everything I need to know about the role.", "pushy") == []
    assert spans("I need to know by Friday.", "pushy") == ["I need to know"]


def test_haste_of_my_own_is_not_pushy() -> None:
    text = "If you need anything else, let me know and I will send it right away."
    assert findings(text, "pushy") == []
    text = "I would appreciate it if you could let me know right away."
    assert spans(text, "pushy") == ["right away"]


def test_as_soon_as_possible_about_what_i_send_is_not_pushy() -> None:
    assert findings("I will send the form as soon as possible.", "pushy") == []


def test_a_polite_check_in_is_not_pushy() -> None:
    text = ("I understand these things take time. Is there an updated timeline, or anything "
            "else I could send?")
    assert findings(text, "pushy") == []


# ---------------------------------------------------------------- sales pitch


def test_sales_pitch_more_than_two_achievements() -> None:
    text = "At Foo I led the team, built the pipeline, and launched the app."
    (f,) = findings(text, "sales-pitch")
    assert text[f.start:f.end] == ", and launched"
    assert "3 projects or achievements" in f.message


def test_sales_pitch_two_achievements_and_an_outcome_are_fine() -> None:
    text = "I led the move to streams and cut costs by half. I also built a dashboard."
    assert findings(text, "sales-pitch") == []


def test_sales_pitch_counts_debrief_projects() -> None:
    text = "The ledger rebuild fits. The fraud model too. And the pricing engine."
    context = ctx(projects=("ledger rebuild", "fraud model", "pricing engine"))
    (f,) = findings(text, "sales-pitch", context)
    assert text[f.start:f.end] == "And the pricing engine."


def test_sales_pitch_superlatives_pile_up_but_sign_offs_do_not_count() -> None:
    text = "I am the perfect fit, an exceptional analyst with a unique eye.\n\nBest regards,\nSam"
    (f,) = findings(text, "sales-pitch")
    assert text[f.start:f.end] == "unique"
    assert findings("Best wishes and all the best.\n\nBest regards,\nSam", "sales-pitch") == []


# ---------------------------------------------------------------- negative wording


def test_negative_word_flagged_with_its_span_and_valence() -> None:
    text = "The commute was terrible."
    (f,) = findings(text, "negative-wording")
    assert (text[f.start:f.end], f.severity) == ("terrible", "warning")
    assert "-2.5" in f.message


def test_negative_mild_words_pass() -> None:
    assert findings("Unfortunately I am away on Monday.", "negative-wording") == []


@pytest.mark.parametrize(
    "text",
    [
        "No problem at all.",
        "It was not a problem.",
        "It isn't terrible news.",
        "We cut technical debt.",
        "I enjoyed the problems your team is solving.",
    ],
)
def test_negative_skipped_when_negated_or_a_trade_term(text: str) -> None:
    assert findings(text, "negative-wording") == []


def test_negative_skipped_for_debrief_topics() -> None:
    assert findings("Your fraud checks impressed me.", "negative-wording",
                    ctx(topics=("fraud checks",))) == []


def test_negative_inside_a_back_pedal_is_reported_once() -> None:
    found = check("I neglected to mention Python.", ctx(), LEX)
    assert [f.rule for f in found] == ["forgot-to-mention"]


# ---------------------------------------------------------------- spelling


def test_spelling_unknown_word_with_suggestion() -> None:
    text = "I will recieve it."
    (f,) = findings(text, "spelling")
    assert (text[f.start:f.end], f.severity) == ("recieve", "warning")
    assert "'receive'" in f.message


def test_spelling_capitalised_word_is_probably_a_name() -> None:
    text = "I met Zorblat today."
    (f,) = findings(text, "spelling")
    assert (text[f.start:f.end], f.severity) == ("Zorblat", "info")


def test_spelling_typo_at_sentence_start_is_a_warning() -> None:
    (f,) = findings("Hi Ann,\nThnaks for today.", "spelling")
    assert f.severity == "warning"


@pytest.mark.parametrize(
    "text",
    [
        "I enjoyed Acme and its kubernetes work.",  # own name, debrief topic
        "See https://example.org/zorblat or mail zorblat@example.com.",
        "Our SQL and KPIs, 3x faster, item X12.",
        "I had had a similar question.",
    ],
)
def test_spelling_skips(text: str) -> None:
    context = ctx(own_names=("Acme",), topics=("kubernetes migration",))
    assert [f for f in findings(text, "spelling", context) if f.severity != "info"] == []


def test_spelling_extra_known_words() -> None:
    assert findings("recieve", "spelling", ctx(extra_known_words=("recieve",))) == []


def test_spelling_doubled_word() -> None:
    text = "I am keen on the\nthe role."
    assert spans(text, "spelling") == ["the\nthe"]


# ---------------------------------------------------------------- placeholders


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Dear {name},", "{name}"),
        ("Dear {{ interviewer.name }},", "{{ interviewer.name }}"),
        ("at [Company] soon", "[Company]"),
        ("see [insert link here]", "[insert link here]"),
        ("Dear <NAME>,", "<NAME>"),
        ("Hi <Interviewer>, thanks", "<Interviewer>"),
        ("the hiring manager, <Hiring Manager Name>, may call", "<Hiring Manager Name>"),
        ("on XXX at noon", "XXX"),
        ("TODO: the date", "TODO"),
        ("Dear ${first_name},", "${first_name}"),
        ("Hi , thanks", "Hi ,"),
        ("on ____ please", "____"),
    ],
)
def test_placeholder(text: str, span: str) -> None:
    (f,) = findings(text, "placeholder")
    assert (text[f.start:f.end], f.severity) == (span, "error")


@pytest.mark.parametrize("text", ["Read [the report](https://example.org/r).",
                                  "Dear Ann, thanks.", "I paid $5 for it.", "todo lists",
                                  "Ann Lee <ann@example.org>", "see <https://example.org/a>"])
def test_not_a_placeholder(text: str) -> None:
    assert findings(text, "placeholder") == []


# ---------------------------------------------------------------- wrong names


def test_wrong_name_is_an_error_with_its_span() -> None:
    text = "I am keen to join Globex soon."
    (f,) = findings(text, "wrong-name", ctx(own_names=("Acme",), other_names=("Globex",)))
    assert (text[f.start:f.end], f.severity) == ("Globex", "error")
    assert findings(text, "spelling", ctx(other_names=("Globex",))) == []  # reported once


def test_wrong_name_any_case_and_possessive_and_phrases() -> None:
    context = ctx(other_names=("Initech", "Treasury Analyst"))
    assert spans("the initech team", "wrong-name", context) == ["initech"]
    assert spans("Initech's office", "wrong-name", context) == ["Initech's"]
    assert spans("the treasury analyst role", "wrong-name", context) == ["treasury analyst"]
    assert spans("reach recruiting@initech.example", "wrong-name", context) == ["initech"]


def test_wrong_name_never_one_of_this_application() -> None:
    context = ctx(own_names=("Acme Labs", "Data Engineer"), other_names=("Acme", "Data Engineer"))
    assert findings("Acme Labs needs a Data Engineer.", "wrong-name", context) == []


def test_wrong_name_that_is_a_plain_word_only_when_capitalised() -> None:
    context = ctx(other_names=("Orange",))
    assert findings("the orange juice", "wrong-name", context) == []
    assert spans("I spoke to Orange.", "wrong-name", context) == ["Orange"]


def test_wrong_name_greeting_by_first_name_or_title_and_surname() -> None:
    context = ctx(own_names=("Ann Lee",), other_names=("Ravi Menon", "Erik Holm", "Ann Smith"))
    assert spans("Hi Ravi,\n\nThanks.", "wrong-name", context) == ["Ravi"]
    assert spans("Dear Mr Holm,\n\nThanks.", "wrong-name", context) == ["Holm"]
    assert findings("Dear Ann,\n\nThanks.", "wrong-name", context) == []
    assert findings("Dear Erik,\n\nThanks.", "wrong-name", ctx(other_names=("Ann Holm",))) == []


def test_a_forwarded_note_is_measured_from_its_own_greeting() -> None:
    cover = ("Subject: Thank you\n\nHi Jane,\nCould you pass the note below on to Ann? "
             "Many thanks.\n\n")
    text = cover + THANK_YOU
    assert check(text, ctx("thank-you", own_names=("Ann", "Sam", "Jane")), LEX) == []
    long_note = cover + "Dear Ann,\n\n" + _words(100, 50) + "\n\nThank you, " + _words(50)
    (f,) = findings(long_note, "length", ctx("thank-you"))
    assert "154 words" in f.message  # "Dear Ann," + 100 + "Thank you," + 50; not the cover
    assert long_note[f.start:f.end] == "word word word word"


def test_typographic_apostrophes_read_as_plain_ones() -> None:
    text = "I didn’t get the chance to mention it."
    assert spans(text, "forgot-to-mention") == ["I didn’t get the chance to mention"]

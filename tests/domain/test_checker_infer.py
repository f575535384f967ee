"""`lint` without `--app`: the application a text is about, from the names in it (issue 13)."""

from __future__ import annotations

from followthrough.domain.checker import Lexicons, infer_application

LEX = Lexicons(negative={}, known=lambda w: w in {"orange", "target"}, suggest=lambda w: None)
APPS = {
    1: {"ACME Analytics", "Data Engineer", "Ann Lee", "Jane Roe"},
    2: {"Globex", "Platform Engineer", "Tom Weber", "Jane Roe"},
    3: {"Orange", "Data Engineer", "Peter Gibbons"},
}


def test_the_application_whose_names_appear() -> None:
    assert infer_application("Thanks, Ann Lee, for the ACME Analytics chat.", APPS, LEX) == (1, ())


def test_a_greeting_by_first_name_names_the_persons_application() -> None:
    assert infer_application("Hi Tom,\n\nThanks for the chat.", APPS, LEX) == (2, ())
    assert infer_application("Dear Mr Weber,\n\nThanks.", APPS, LEX) == (2, ())


def test_names_shared_by_two_applications_tell_nothing() -> None:
    # Jane recruits for 1 and 2; "Data Engineer" is the role of 1 and of 3
    assert infer_application("Thanks Jane Roe for the Data Engineer news.", APPS, LEX) == (None, ())


def test_the_most_named_application_wins_and_the_other_is_a_mix_up() -> None:
    text = "Dear Ann,\n\nThank you, ACME Analytics was great. I would love to join Globex."
    assert infer_application(text, APPS, LEX) == (1, (2,))


def test_a_tie_goes_to_the_first_named() -> None:
    assert infer_application("Globex or ACME Analytics?", APPS, LEX) == (2, (1,))


def test_a_name_that_is_a_plain_word_counts_only_with_a_capital() -> None:
    assert infer_application("an orange juice", APPS, LEX) == (None, ())
    assert infer_application("Thanks to all at Orange.", APPS, LEX) == (3, ())


def test_no_names_no_application() -> None:
    assert infer_application("Thanks for your time.", APPS, LEX) == (None, ())
    assert infer_application("Thanks.", {}, LEX) == (None, ())

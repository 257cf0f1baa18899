"""Tests for checks.diagnosis: chapter 08's exercise of naming the bug planted in a backpropagation."""

import pytest

from mlcourse import checks
from mlcourse.checks import gradient_checking_exercises as diagnoses

# written out here, not read from the module, so a changed answer key fails these tests
ANSWERS = {"a": "missing g'(z2) in delta2", "b": "bias column regularised",
           "c": "missing 1/m", "d": "delta3 multiplied by g'(z3)"}


@pytest.mark.parametrize("bug", sorted(ANSWERS))
def test_correct_diagnosis_is_accepted(bug, capsys):
    result = checks.diagnosis(bug, ANSWERS[bug])
    assert result.passed
    assert result.status == "correct"
    assert capsys.readouterr().out.startswith(f"bug {bug}: correct")


@pytest.mark.parametrize("bug", sorted(ANSWERS))
def test_every_wrong_diagnosis_gets_the_hint_not_the_answer(bug, capsys):
    for choice in diagnoses.DIAGNOSIS_CHOICES:
        if choice == ANSWERS[bug]:
            continue
        result = checks.diagnosis(bug, choice)
        out = capsys.readouterr().out
        assert not result.passed
        assert result.status == "wrong"
        assert out.startswith(f"bug {bug}: not this one. Hint: ")
        assert len(out) > 80  # a hint, not only the verdict
        assert ANSWERS[bug] not in out


def test_diagnosis_ignores_case_spacing_and_greek_letters():
    assert checks.diagnosis("d", "  Delta3 multiplied  by g'(z3) ").passed
    assert checks.diagnosis("a", "missing g'(z2) in δ2").passed


def test_diagnosis_ignores_typographic_quotes_and_a_full_stop():
    # both were "not a choice": an editor's autocorrect turns ' into ’, and a sentence ends in "."
    assert checks.diagnosis("d", "delta3 multiplied by g’(z3)").passed
    assert checks.diagnosis("c", "Missing 1/M.").passed
    assert checks.diagnosis("c", "“missing 1/m”").passed


def test_placeholder_is_not_attempted(capsys):
    result = checks.diagnosis("b", "not answered yet")
    assert result.status == "not attempted"
    assert not result.passed
    assert "not attempted yet" in capsys.readouterr().out


def test_an_answer_outside_the_choices_lists_them(capsys):
    result = checks.diagnosis("c", "the learning rate")
    out = capsys.readouterr().out
    assert result.status == "not a choice"
    for choice in diagnoses.DIAGNOSIS_CHOICES:
        assert f'"{choice}"' in out


def test_every_answer_is_one_of_the_choices_and_two_choices_are_decoys():
    assert set(ANSWERS.values()) <= set(diagnoses.DIAGNOSIS_CHOICES)
    assert len(diagnoses.DIAGNOSIS_CHOICES) == len(ANSWERS) + 2


def test_check_diagnosis_rejects_a_bug_the_chapter_does_not_have():
    with pytest.raises(ValueError, match='bug must be one of "a", "b", "c", "d"; got \'e\''):
        checks.diagnosis("e", "missing 1/m")


@pytest.mark.parametrize("answer", [3, None, ["missing 1/m"], 1.5])
def test_an_answer_that_is_not_text_is_not_a_choice_and_gets_a_verdict(answer, capsys):
    # diagnosis_a = 3 (the number of a choice), or a variable that holds None: a verdict, not a traceback
    result = checks.diagnosis("a", answer)
    assert result.status == "not a choice"
    out = capsys.readouterr().out
    assert out.startswith(f"bug a: {answer!r} is not one of the choices; copy one of them exactly, as text in quotes")
    assert '"missing 1/m"' in out


def test_print_choices(capsys):
    checks.print_diagnosis_choices()
    lines = capsys.readouterr().out.splitlines()
    assert [line.strip().strip('"') for line in lines] == list(diagnoses.DIAGNOSIS_CHOICES)

import pytest

from frontline.names import fold, plain


@pytest.mark.parametrize("spelling", ["Boukamal", "Bukamal", "Al-Bukamal", "al Bukamal"])
def test_transliterations_fold_together(spelling):
    assert fold(spelling) == "bukamal"


def test_marks_and_diacritics_fold_away():
    assert fold("‘Irbīn") == fold("Irbin") == fold("`Irbin")
    assert fold("al-Qa'im") == fold("Qaim")


def test_plain_keeps_words_but_drops_marks():
    assert plain("Ālbū Kamāl") == "Albu Kamal"
    assert plain("‘Irbīn") == "Irbin"

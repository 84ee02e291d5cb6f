"""Names across scripts and the words wrapped round them: Arabic's attached prepositions and
kind words, a Latin spelling of a name a source wrote only in Arabic, OCHA's qualifier words,
the article in every assimilated form. Each rule on a small index of invented places, so that
the rule, not the registry, is what passes."""

from __future__ import annotations

import pytest
import test_geocoder_spellings as spellings  # tests/unit/test_geocoder_spellings.py

from frontline import names
from frontline.gazetteer import keys
from frontline.gazetteer.documents import resolve_document

row, small = spellings.row, spellings.small  # a place's row; the fixture of a small index


@pytest.mark.parametrize(("written", "plain"), [
    ("بمدينة زهرون", "مدينة زهرون"),  # bi-: "in the city of"
    ("بمحافظة الزهرون", "محافظة الزهرون"), ("وريف زهرون", "ريف زهرون"), ("بالزهرون", "الزهرون"),
    ("للزهرون", "الزهرون"),  # li- + al-: "to al-Zahrun"
    ("بزهرون", "بزهرون"),  # a name that begins with the letter keeps it
    ("وادي زهرون", "وادي زهرون"),
])  # fmt: skip
def test_arabic_prepositions_written_on_the_word_come_off(written, plain):
    assert keys.arabic_words(written) == plain


def test_arabic_kind_words_ask_for_their_kind_after_a_preposition():
    query = keys.parse("بمحافظة الزهرون")
    assert (query.core, query.kinds) == ("الزهرون", ("admin1",))
    query = keys.parse("قضاء الزهرون")  # qada': an Iraqi district
    assert (query.core, query.kinds) == ("الزهرون", ("admin2", "district"))


def test_the_first_of_two_arabic_names_joined_by_and(small):
    gazetteer = small(row("x:1", "Zahrun", "village", 36.0, 37.0, aliases=("زهرون@ar",)))
    found = gazetteer.geocode("قريتي زهرون وقمرين")  # "the two villages of Zahrun and Qamrin"
    assert found.raw["place_id"] == "x:1"


@pytest.mark.parametrize("article", ["esh", "ash", "en", "eth", "adh", "er"])
def test_the_article_in_each_assimilated_form_is_an_article(article):
    assert keys.vowels(f"Busra {article}-Sham") == keys.vowels("Busra al-Sham")
    assert names.fold(f"{article.title()}-Zahra") == names.fold("Zahra")


def test_a_latin_spelling_meets_a_name_written_only_in_arabic(small):
    gazetteer = small(row("x:1", "Zahrun Castle", "town", 35.4, 36.4, aliases=("قلعة الزهرون@ar",)),
                      row("x:2", "Kalat", "village", 33.0, 36.0))  # fmt: skip
    found = gazetteer.geocode("Qalaat al-Zahroun")
    assert found.raw["place_id"] == "x:1" and found.raw["low_confidence"]  # a loose key: flagged
    assert keys.arabic_skeleton("معضمية الشام") == keys.skeleton("Moadamiyat al-Sham") != ""
    assert keys.arabic_skeleton("Zahrun") == ""


def test_a_name_without_ochas_qualifier_word_finds_the_place_flagged(small):
    gazetteer = small(row("x:1", "Upper Zahbuz", "village", 34.4, 40.9,
                          aliases=("الزهبوز فوقاني@ar",)))  # fmt: skip
    found = gazetteer.geocode("Zahbuz")
    assert found.raw["place_id"] == "x:1" and found.raw["low_confidence"]
    assert keys.unqualified("Big Khwein") == "Khwein" and keys.unqualified("Khwein") == ""
    assert keys.unqualified("خوين الكبير") == "خوين"


def test_a_border_area_is_the_place_it_is_named_after():
    assert keys.parse("the Zahrun border area").core == "Zahrun"


def test_governorates_carry_their_arabic_names(gazetteer):
    found = gazetteer.geocode("بمحافظة الأنبار")
    assert found.raw["place_id"] == "gn:99592" and not found.raw["low_confidence"]


@pytest.mark.parametrize(("text", "core", "kinds"), [
    ("La diga di Zahrun", "Zahrun", ("dam",)),  # an Italian article before the kind words
    ("the towns of Zahrun", "Zahrun", ("town", "village")),
    ("Syrian Zahrun military airbase", "Zahrun", ("airbase",)),
    ("the Palestinian refugee camp of Zahrun", "Zahrun", ("camp",)),
    ("Kurdish Mountain", "Kurdish", ("hill",)),  # the Kurds' Mountain: "Kurdish" is its name
])  # fmt: skip
def test_articles_demonyms_and_plural_kind_words_are_not_the_name(text, core, kinds):
    query = keys.parse(text)
    assert (query.core, query.kinds) == (core, kinds)


def test_a_phrase_names_its_place_before_a_loose_spelling_of_the_whole(small):
    gazetteer = small(row("x:q", "Zahrun", "town", 36.0, 43.0, country="IQ"),
                      row("x:k", "Zahran Iraki", "town", 33.0, 44.0, country="IQ"))  # fmt: skip
    assert gazetteer.geocode("Zahrun (Iraq)").raw["place_id"] == "x:q"  # not a skeleton of it all


def test_a_document_places_a_namesake_by_the_places_named_after_it(small):
    gazetteer = small(row("x:west", "Zahrun", "village", 35.0, 36.0),
                      row("x:east", "Zahrun", "village", 36.5, 40.0),
                      row("x:near", "Qamrin", "village", 36.55, 40.05))  # fmt: skip
    assert gazetteer.geocode("Zahrun").raw["low_confidence"]  # alone, a coin toss
    first, second = resolve_document(gazetteer, [("Zahrun", None), ("Qamrin", None)])
    assert (first["match"]["place_id"], second["match"]["place_id"]) == ("x:east", "x:near")


def test_a_confident_name_is_not_moved_by_the_places_after_it(small):
    gazetteer = small(row("x:town", "Zahrun", "town", 33.7, 36.1, population=20_000),
                      row("x:hamlet", "Zahrun", "village", 35.9, 36.65),
                      row("x:far", "Qamrin", "town", 36.0, 36.7))  # fmt: skip
    assert not gazetteer.geocode("Zahrun").raw["low_confidence"]
    first, _ = resolve_document(gazetteer, [("Zahrun", None), ("Qamrin", None)])
    assert first["match"]["place_id"] == "x:town"


def test_an_arabic_name_meets_a_place_only_latin_sources_name(small):
    gazetteer = small(row("x:h", "Hunaydah", "village", 35.8, 38.7))  # no Arabic name
    found = gazetteer.geocode("قرية هنيدة")
    assert found.raw["place_id"] == "x:h" and found.raw["low_confidence"]  # a loose key


@pytest.mark.parametrize(("text", "core", "kinds"), [
    ("بلدة زهرون الاستراتيجية", "زهرون", ("town", "village")),  # "the strategic town of"
    ("مطار زهرون العسكري", "زهرون", ("airbase",)),  # "Zahrun military airport"
    ("منفذ زهرون الحدودي", "زهرون", ("border_crossing",)),  # "the Zahrun border port"
    ("قرى زهرون", "زهرون", ("village", "town")), ("مركز ناحية زهرون", "زهرون", ("town",)),
    ("گوندی زهرون", "زهرون", ("village", "town")),  # Sorani: "the village of"
    ("Zahrun köyü", "Zahrun", ("village", "town")), ("Zahrun ilçe merkezi", "Zahrun", ("town",)),
    ('مدينة “زهرون”', "زهرون", ("town",)),  # quotes are never part of a name
    ("the sub-district of Zahrun", "Zahrun", ("admin3", "district")),
    ("Zahrun border-crossing", "Zahrun", ("border_crossing",)),
])  # fmt: skip
def test_kind_words_and_adjectives_of_arabic_kurdish_and_turkish_news(text, core, kinds):
    query = keys.parse(text)
    assert (query.core, query.kinds) == (core, kinds)


def test_a_site_is_found_through_the_town_it_is_named_after(small):
    gazetteer = small(row("x:t", "Zahrun", "town", 35.8, 38.5, aliases=("الزهرون@ar",)),
                      row("x:b", "Zahrun Air Base", "airbase", 35.75, 38.57))  # fmt: skip
    assert gazetteer.geocode("مطار الزهرون العسكري").raw["place_id"] == "x:b"
    assert gazetteer.geocode("الزهرون").raw["place_id"] == "x:t"


@pytest.mark.parametrize(("text", "place_id"), [
    ("Qamrin'in Zahrun mahallesi", "x:z"),  # Turkish: "Qamrin's Zahrun neighbourhood"
    ("the Islamic State-held Zahrun district", "x:z"),
    ("the Palestinian camp of Zahrun near Qamrin", "x:z"),
    ("Tel Zahrun", "x:z"),  # a hill a village is named by, where sources list the village
    ("Salhab", "x:s"),  # and the other way: OCHA's "Tal Salhab"
    ("Rabi'a border crossing", "x:r"),  # an apostrophe of the name is no Turkish owner
])  # fmt: skip
def test_the_name_inside_phrases_of_other_languages(small, text, place_id):
    gazetteer = small(row("x:z", "Zahrun", "camp", 33.5, 36.3),
                      row("x:q", "Qamrin", "town", 33.6, 36.3),
                      row("x:s", "Tal Salhab", "village", 35.2, 36.4),
                      row("x:r", "Rabi'a", "town", 36.8, 42.1, country="IQ"),
                      row("x:ra", "Rabi'a", "admin3", 36.7, 42.2, country="IQ"))  # fmt: skip
    assert gazetteer.geocode(text).raw["place_id"] == place_id


def test_a_bare_kind_word_is_no_place(small):
    gazetteer = small(row("x:m", "Madina", "village", 36.0, 37.0, aliases=("مدينة@ar",)))
    assert gazetteer.geocode("مدينة") is None


def test_french_elision_and_sorani_letters():
    assert (keys.parse("la province d'Zahrun").core, keys.parse("la province d'Zahrun").kinds) \
        == ("Zahrun", ("admin1",))
    assert keys.skeleton("Barima") == keys.arabic_skeleton("باریمە")  # ی and ە of Sorani
    assert keys.parse('Zahrun "Qamrin" City').core != "Zahrun Qamrin"  # two names, not one


@pytest.mark.parametrize(("text", "place_id"), [
    ("Bardo camp (Qamrin)", "x:q"),  # another name in brackets
    ("a Yazidi village, Qamrin", "x:q"),  # the name after a description
    ("the Qamrin Zahrun neighborhood", "x:z"),  # a city's name before the name
    ("Marj Kawkah", "x:m"),  # a typo of the whole phrase before a guess at a word of it
])  # fmt: skip
def test_last_guesses_at_the_name_in_a_phrase(small, text, place_id):
    gazetteer = small(row("x:z", "Zahrun", "neighbourhood", 33.5, 36.3),
                      row("x:q", "Qamrin", "town", 33.6, 36.3),
                      row("x:m", "Marj Khawkha", "village", 33.3, 35.6),
                      row("x:k", "Kawkab", "village", 33.4, 36.2))  # fmt: skip
    found = gazetteer.geocode(text)
    assert found.raw["place_id"] == place_id and found.raw["low_confidence"]


@pytest.mark.parametrize(("text", "place_id"), [
    ("Wadi al-Zahrun base", "x:base"),  # an article the site's name lacks: its core's vowel key
    ("the Zahrun Oil Fields", "x:field"),  # "Al Zahrun oil/gas fields"
    ("the northern Qamrin city of Zahrun", "x:east"),  # the name after "city of" first
    ("Zahrun, located ten kilometers north of Qamrin", "x:east"),  # a context that is a phrase
    ("la ville voisine de Chaddadi", "x:shaddadi"),  # French: "the neighbouring town of"
])  # fmt: skip
def test_sites_cores_and_context_phrases(small, text, place_id):
    gazetteer = small(row("x:base", "Wadi Zahrun Army Base", "military_base", 35.5, 36.7),
                      row("x:field", "Al Zahrun oil/gas fields", "oil_field", 35.0, 40.0),
                      row("x:west", "Zahrun", "town", 33.0, 36.0, population=5_000),
                      row("x:east", "Zahrun", "town", 36.6, 40.0),
                      row("x:q", "Qamrin", "town", 36.5, 40.05),
                      row("x:shaddadi", "Shaddadi", "town", 36.0, 40.7))  # fmt: skip
    assert gazetteer.geocode(text).raw["place_id"] == place_id


def test_russian_names_and_kind_words_in_cyrillic(small):
    gazetteer = small(row("x:m", "Tal Marun", "village", 36.0, 37.2),
                      row("x:p", "Marun", "admin1", 36.2, 37.4))  # fmt: skip
    assert keys.latin("Тал-Марун") == "Tal-Marun" and keys.latin("Zahrun") == "Zahrun"
    assert gazetteer.geocode("селений Тал-Марун").raw["place_id"] == "x:m"  # "of the villages"
    query = keys.parse(keys.latin("северной провинции Марун"))  # "of the northern province"
    assert (query.core, query.kinds, query.side) == ("Marun", ("admin1",), "north")


def test_a_site_a_store_adds_is_found_through_its_town_too(small):
    gazetteer = small(row("x:t", "Zahrun", "town", 35.8, 38.5, aliases=("الزهرون@ar",)))
    gazetteer.index.extend([row("x:b", "Zahrun Air Base", "airbase", 35.75, 38.57)])
    assert gazetteer.geocode("مطار الزهرون العسكري").raw["place_id"] == "x:b"

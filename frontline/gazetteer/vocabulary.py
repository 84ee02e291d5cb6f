"""The words news wraps round a place's name, in every language of the reports: what kind of place
is meant (after the name: "air base", "countryside", "العسكري", "köyü"; before it: "village of",
"ريف", "گوندی"), which side of it ("western"), whose it is ("Syrian"), and the qualifier words
OCHA's names add ("Upper", "فوقاني", "Tal"). One vocabulary: the keys, the parser, the phrase
search and news ingestion all read it here.
"""

from __future__ import annotations

# Kinds of site, named after the place they stand by ("Tabqa Airbase", "Haditha Dam").
FACILITIES = frozenset({"airbase", "military_base", "border_crossing", "dam", "camp", "oil_field",
                        "industrial_site", "hill"})  # fmt: skip
_AREA = ("admin1", "admin2", "town")  # "Idlib countryside": the governorate, else the district
# Descriptor words after a name: what kind of place is meant (kinds best first); not its name.
KIND_WORDS = {
    "province": ("admin1",), "governorate": ("admin1",), "muhafazat": ("admin1",),
    "countryside": _AREA, "rural": _AREA, "region": ("region", "admin2", "admin1", "town"),
    "district": ("admin2", "district", "admin3"), "sub-district": ("admin3",),
    "subdistrict": ("admin3",), "city": ("town",), "town": ("town", "village"),
    "village": ("village", "town"), "neighbourhood": ("neighbourhood", "district"),
    "neighborhood": ("neighbourhood", "district"), "quarter": ("neighbourhood", "district"),
    "air base": ("airbase",), "airbase": ("airbase",), "airport": ("airbase",),
    "airfield": ("airbase",), "military airport": ("airbase",), "air field": ("airbase",),
    "military airbase": ("airbase",), "military base": ("military_base",),
    "army base": ("military_base",), "base": ("military_base", "airbase"),
    "barracks": ("military_base",), "border crossing": ("border_crossing",),
    "crossing": ("border_crossing",), "border post": ("border_crossing",),
    "border-crossing": ("border_crossing",), "border gate": ("border_crossing",),
    "dam": ("dam",), "camp": ("camp",),
    "refugee camp": ("camp",), "idp camp": ("camp",), "displacement camp": ("camp",),
    "oil field": ("oil_field",), "oilfield": ("oil_field",), "gas field": ("oil_field",),
    "field": ("oil_field",), "hill": ("hill",), "area": (), "suburb": ("town", "district"),
    "suburbs": (), "outskirts": (), "edge": (), "camps": ("camp",), "mountain": ("hill",),
    "mountains": ("region", "hill"), "refinery": ("industrial_site", "oil_field"),
    "oil refinery": ("industrial_site", "oil_field"), "oil fields": ("oil_field",),
    "gas fields": ("oil_field",), "oilfields": ("oil_field",), "oil/gas fields": ("oil_field",),
    "oil/gas field": ("oil_field",),
    "pocket": (), "basin": ("region",), "plain": ("region",), "border area": (),
    "border region": (), "border strip": (), "hills": ("hill", "region"),
    "gas plant": ("oil_field", "industrial_site"), "checkpoint": (),
    # Arabic adjectives after the name ("the strategic town", "military airport", "border
    # crossing") and Turkish kind words, bare or with the locative -de/-da
    "الاستراتيجي": (), "الاستراتيجية": (), "العسكري": ("airbase", "military_base"),
    "العسكرية": ("military_base", "airbase"), "الحدودي": ("border_crossing",),
    "الحدودية": ("border_crossing", "town"), "المحاصرة": (), "المحاصر": (),
    "köyü": ("village", "town"), "köyünde": ("village", "town"), "beldesi": ("town",),
    "beldesinde": ("town",), "kasabası": ("town",), "kenti": ("town",), "kentinde": ("town",),
    "mahallesi": ("neighbourhood",), "mahallesinde": ("neighbourhood",),
    "ilçesi": ("admin2", "district", "town"), "ilçesinde": ("admin2", "district", "town"),
    "vilayeti": ("admin1",), "ili": ("admin1",), "ilçe merkezi": ("town",), "merkezi": ("town",),
}  # fmt: skip
# Before a name: "countryside of Idlib", "the village of Morek", "rural Damascus", "Rif Aleppo".
PREFIXES = {"countryside of": _AREA, "rural": _AREA, "rif": _AREA, "outskirts of": (),
            "suburbs of": (), "village of": ("village", "town"), "town of": ("town", "village"),
            "city of": ("town",), "province of": ("admin1",), "governorate of": ("admin1",),
            "district of": ("admin2", "district"), "region of": ("region", "admin2"),
            "area of": (), "camp of": ("camp",), "border town of": ("town",),
            "refugee camp of": ("camp",), "refugee district of": ("camp", "neighbourhood"),
            "villages of": ("village", "town"), "towns of": ("town", "village"),
            "sub-district of": ("admin3", "district"), "subdistrict of": ("admin3", "district"),
            "mount": ("hill",), "mt": ("hill",),
            # Arabic, and the kind words of other languages' news
            "ريف": _AREA, "مدينة": ("town",), "بلدة": ("town", "village"),
            "بلدتي": ("town", "village"), "قرية": ("village", "town"),
            "قريتي": ("village", "town"), "مخيم": ("camp",), "حي": ("neighbourhood", "district"),
            "مطار": ("airbase",), "سد": ("dam",), "معبر": ("border_crossing",),
            "محافظة": ("admin1",), "ناحية": ("admin3",), "منطقة": (), "أطراف": (),
            "قضاء": ("admin2", "district"), "قرى": ("village", "town"), "مخيمات": ("camp",),
            "تلة": ("hill",), "منفذ": ("border_crossing",), "فوج": ("military_base",),
            "مركز ناحية": ("town",), "مركز مدينة": ("town",), "حاجز": (), "حاجزي": (),
            "گوندی": ("village", "town"), "شاری": ("town",),  # Sorani: "village of", "city of"
            "میحوەری": (),  # Sorani: "the axis of"
            "diga di": ("dam",), "barrage de": ("dam",), "barragem de": ("dam",),
            "presa de": ("dam",), "base aérea de": ("airbase",), "base aerea di": ("airbase",),
            "aeroporto militar de": ("airbase",), "aeroporto militare di": ("airbase",),
            "luftwaffenbasis": ("airbase",), "militärflughafen": ("airbase",),
            "dorf": ("village", "town"), "stadt": ("town",), "provinz": ("admin1",),
            "gouvernement": ("admin1",), "ville de": ("town",), "village de": ("village",),
            "province de": ("admin1",), "région de": ("region", "admin2"),
            "ville voisine de": ("town",),
            "camp de": ("camp",),
            # Russian, as `keys.latin` writes it: "города Кфар-Абида", "селений Блас"
            "gorod": ("town",), "goroda": ("town",), "gorode": ("town",), "selo": ("village",),
            "sela": ("village",), "selenie": ("village",), "seleniia": ("village",),
            "selenii": ("village",), "derevnia": ("village",), "derevni": ("village",),
            "provintsiia": ("admin1",), "provintsii": ("admin1",), "raion": ("admin2",),
            "raiona": ("admin2",)}  # fmt: skip
SIDES = {"west": "west", "western": "west", "east": "east", "eastern": "east",
         "north": "north", "northern": "north", "south": "south", "southern": "south",
         "northwest": "northwest", "northwestern": "northwest", "northeast": "northeast",
         "northeastern": "northeast", "southwest": "southwest", "southwestern": "southwest",
         "southeast": "southeast", "southeastern": "southeast", "central": "centre",
         "الشمالي": "north", "الشمالية": "north", "الجنوبي": "south", "الجنوبية": "south",
         "الشرقي": "east", "الشرقية": "east", "الغربي": "west", "الغربية": "west",
         "severnoi": "north", "iuzhnoi": "south", "vostochnoi": "east",
         "zapadnoi": "west"}  # fmt: skip
# The hill or ruin a village is named by: OCHA's "Tal Salhab" is the news's "Salhab", and the
# news's "Tel Mastouma" OCHA's Mastumeh.
HILL_OR_RUIN = frozenset({"tal", "tel", "tell", "khirbet", "kherbet", "khirbat", "تل", "خربة"})
# Words OCHA's community names add to tell neighbours apart ("Big Khwein", "Upper Baguz",
# 'الباغوز فوقاني'), and al-Sham of "Busra al-Sham": the news often writes the name without them.
QUALIFIERS = frozenset({"big", "little", "littler", "small", "upper", "lower", "kabir",
                        "kbir", "saghir", "sghir", "fawqani", "foqani", "tahtani", "new", "old",
                        "الكبير", "الكبيرة", "كبير", "الصغير", "الصغيرة", "صغير", "فوقاني",
                        "الفوقاني", "تحتاني", "التحتاني", "الجديدة", "الجديد", "القديمة",
                        "القديم", "الشام"}) | HILL_OR_RUIN  # fmt: skip
# "Syrian Kuweires military airbase", "the Palestinian refugee camp of Yarmuk": whose place it
# is, not its name ("Kurdish" and "Turkmen" are left: Jabal al-Akrad is the Kurds' Mountain).
DEMONYMS = frozenset({"syrian", "iraqi", "palestinian", "turkish", "jordanian", "lebanese"})
LEADING_ARTICLES = frozenset({"the", "la", "le", "il", "lo", "der", "die", "das"})  # "La diga di"

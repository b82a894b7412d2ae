#!/usr/bin/env python3
"""Builds flyt's own reference files from published SSB tables.

Input: a directory of CSV extracts of SSB KLASS 131 (municipalities 2019, 2020-2023, 2024 and the change
list), SSB's Statbank grouping "Kommuner 2024, sammenslåtte tidsserier", KLASS 128 (centrality 2024) and
SSB table 07459 (population on 1 January). Output: municipality-codes.csv, population.csv and
unemployment-synthetic.csv in flyt's format (see the header comments written below).

Usage: python3 build_reference_data.py INPUT_DIR OUTPUT_DIR
"""
import csv
import sys
from pathlib import Path

# Municipalities split between several successors: every old code that the KLASS 131 change list gives more than
# one new code on the same date. Each counts under the successor that received its administrative centre (the
# README's rule), so that a resident registered with the old code counts where the old municipality's centre lies.
# code: (name, date of the split, administrative centre, the successor on that date that got the centre, its 2024
# municipality). Sources of the centres: Store norske leksikon and Wikipedia (see reference-data/README.md).
SPLIT_MUNICIPALITIES = {
    # Stokke went to Sandefjord with its centre; only Vear (about 2 500 people) went to Tønsberg.
    "0720": ("Stokke", "2017-01-01", "Stokke", "0710", "3907"),
    # Kjøpsvik, on the north-east side of Tysfjorden, went to Narvik; the south-west side (Drag) to Hamarøy.
    "1850": ("Tysfjord", "2020-01-01", "Kjøpsvik", "1806", "1806"),
    # Krokstadøra went to Orkland with the eastern part (Aa krets); Ven krets to Heim, Sundlandet to Hitra.
    "5012": ("Snillfjord", "2020-01-01", "Krokstadøra", "5059", "5059"),
    # Ålesund 2020-2023: the town of Ålesund stayed in Ålesund (1508); Haram (1580, centre Brattvåg) left.
    "1507": ("Ålesund", "2024-01-01", "Ålesund", "1508", "1508"),
}
# The same territories under their codes from before Trøndelag's codes changed in 2018.
SPLIT_MUNICIPALITIES_EARLIER_CODES = {"1613": "5012"}  # Snillfjord 1924-2017

# Whole municipalities that SSB's grouping puts in "Delte kommuner og uoppgitt" (their 2020 municipality took in
# part of a split one), so it gives them no 2024 municipality: each went whole into one 2020 municipality.
WHOLE_SUCCESSOR = {
    "1571": "5055",  # Halsa -> Heim
    "5011": "5055",  # Hemne -> Heim
    "1612": "5055",  # Hemne (before 2018)
    "5013": "5056",  # Hitra
    "1617": "5056",  # Hitra (before 2018)
    "5016": "5059",  # Agdenes -> Orkland
    "1622": "5059",
    "5023": "5059",  # Meldal -> Orkland
    "1636": "5059",
    "5024": "5059",  # Orkdal -> Orkland
    "1638": "5059",
    "1805": "1806",  # Narvik (before 2020)
    "1849": "1875",  # Hamarøy (before 2020)
    "1854": "1806",  # Ballangen -> Narvik
}


def split_successor(code):
    """The 2024 municipality a split municipality's code counts under, or None if the code was not split."""
    code = SPLIT_MUNICIPALITIES_EARLIER_CODES.get(code, code)
    split = SPLIT_MUNICIPALITIES.get(code)
    return split[4] if split else None


def fixed_successor(code):
    return split_successor(code) or WHOLE_SUCCESSOR.get(code)


def check_splits(changes, k24, k20, k19):
    """Every split in the KLASS change list is decided above, by a successor that the change list names."""
    new_codes = {}
    for c in changes:
        new_codes.setdefault((c["kommunenummer_gammel"], c["endringsdato"]), set()).add(c["kommunenummer_ny"])
    split = {code: (date, news) for (code, date), news in new_codes.items() if len(news) > 1}
    if set(split) != set(SPLIT_MUNICIPALITIES):
        raise SystemExit(f"split municipalities in the change list {sorted(split)} differ from those decided "
                         f"{sorted(SPLIT_MUNICIPALITIES)}")
    for code, (name, date, centre, successor, code2024) in SPLIT_MUNICIPALITIES.items():
        if split[code][0] != date or successor not in split[code][1]:
            raise SystemExit(f"{code} {name}: split on {split[code][0]} into {sorted(split[code][1])}, not {date} into {successor}")
        later = k20.get(successor) or k19.get(successor) or {}
        via = successor if successor in k24 else later.get("kommunenummer_2024")
        if via != code2024:
            raise SystemExit(f"{code} {name}: successor {successor} is 2024 municipality {via}, not {code2024}")


# The synthetic unemployment rate (percent of the labour force) per 2024 municipality: no per-municipality labour-market
# figure is among the published data flyt is built from, so the synthetic register uses this model, and it is shipped
# so that statistics can be broken down by the same rate. A base by centrality class (central labour markets a little
# higher), a term for the counties with weaker labour markets in 2015-2024 (Agder, Østfold, the oil region Rogaland,
# Oslo) or stronger ones (Møre og Romsdal, Vestland), and a fixed local term in [-0.6, 0.6] so that neighbours differ.
UNEMPLOYMENT_BY_CLASS = {1: 3.0, 2: 2.8, 3: 2.5, 4: 2.3, 5: 2.2, 6: 2.1}
UNEMPLOYMENT_BY_COUNTY = {"42": 0.6, "31": 0.6, "11": 0.4, "03": 0.3, "15": -0.3, "46": -0.3}
UNEMPLOYMENT_FLOOR = 1.0


def unemployment(code, centrality_class, county):
    local = ((int(code) * 7919) % 13 - 6) / 10
    return max(UNEMPLOYMENT_FLOOR, UNEMPLOYMENT_BY_CLASS[centrality_class] + UNEMPLOYMENT_BY_COUNTY.get(county, 0.0) + local)


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main(src: Path, out: Path):
    k24 = {r["kommunenummer"]: r for r in read(src / "kommuner_2024.csv")}
    k20 = {r["kommunenummer"]: r for r in read(src / "kommuner_2020_2023.csv")}
    k19 = {r["kommunenummer"]: r for r in read(src / "kommuner_2019.csv")}
    grouping = read(src / "kommune_kode_til_2024_ssb_gruppering.csv")
    centrality = {r["kommunenummer"]: r for r in read(src / "sentralitet_2024.csv")}
    population = {r["kommunenummer"]: r for r in read(src / "befolkning_kommune_2024.csv")}
    assert len(k24) == 357 and len(centrality) == 357 and len(population) == 357
    check_splits(read(src / "kommune_endringer_klass_2011_2024.csv"), k24, k20, k19)

    rows = {}  # code -> (name, valid_from, valid_to, code2024)
    next_code = {}  # code -> the code its territory (or most of it) had from the day after valid_to

    def put(code, name, valid_from, valid_to, code2024, successor=""):
        if code2024 not in k24:
            raise SystemExit(f"{code} {name}: 2024 successor {code2024!r} is not a 2024 municipality")
        if code in rows and rows[code][3] != code2024:
            raise SystemExit(f"code {code} maps to both {rows[code][3]} and {code2024}")
        if code not in rows:
            rows[code] = (name, valid_from, valid_to, code2024)
            next_code[code] = successor

    first_year = {}
    for g in grouping:
        if g["gyldig_fra_aar"]:
            first_year[g["kommunenummer_opprinnelig"]] = g["gyldig_fra_aar"]

    last_year_by_name = {}
    for g in grouping:
        if g["gyldig_til_aar"]:
            key = (g["kommunenummer_2024"], g["kommunenavn_opprinnelig"])
            last_year_by_name[key] = max(last_year_by_name.get(key, 0), int(g["gyldig_til_aar"]))

    def since(code):
        year = first_year.get(code)
        if year:
            return f"{year}-01-01"
        # SSB's grouping leaves the start open for codes that replaced a namesake (1601 Trondheim -> 5001 in 2018)
        # and for every code of Trøndelag, a county since 2018.
        if code.startswith("50"):
            return "2018-01-01"
        row = k19.get(code)
        if row:
            earlier = last_year_by_name.get((row["kommunenummer_2024"], row["kommunenavn_2019"]))
            if earlier and earlier < 2019:
                return f"{earlier + 1}-01-01"
        return ""

    for code, r in k24.items():
        if code in k20:
            valid_from = since(code) if code in k19 else "2020-01-01"
        else:
            valid_from = "2024-01-01"
        put(code, r["kommunenavn"], valid_from, "", code)
    for code, r in k20.items():
        if code in k24:
            continue
        valid_from = since(code) if code in k19 else "2020-01-01"
        successor = split_successor(code) or r["kommunenummer_2024"]
        put(code, r["kommunenavn_2020"], valid_from, "2023-12-31", successor, successor)
    for code, r in k19.items():
        if code in k20 or code in k24:
            if code in k20 and r["kommunenummer_2020"] != code:
                raise SystemExit(f"code {code} was reused in 2020 for another municipality")
            continue
        successor = fixed_successor(code) or r["kommunenummer_2024"]
        successor_2020 = r["kommunenummer_2020"] if "|" not in r["kommunenummer_2020"] else successor
        put(code, r["kommunenavn_2019"], since(code), "2019-12-31", successor, successor_2020)
    for g in grouping:
        code = g["kommunenummer_opprinnelig"]
        # 9999 "unknown", Svalbard/Jan Mayen (21xx, 22xx) and the continental shelf (23xx) are not
        # municipalities of the resident population: events carrying them are rejected as unknown codes.
        if code in rows or code == "9999" or g["kommunenummer_2024"] in ("21-22", "23"):
            continue
        successor = split_successor(code) or g["kommunenummer_2024"] or WHOLE_SUCCESSOR.get(code)
        if not successor:
            raise SystemExit(f"no 2024 successor for {code} {g['kommunenavn_opprinnelig']}")
        valid_to = f"{g['gyldig_til_aar']}-12-31" if g["gyldig_til_aar"] else ""
        put(code, g["kommunenavn_opprinnelig"], since(code), valid_to, successor)

    out.mkdir(parents=True, exist_ok=True)
    with open(out / "municipality-codes.csv", "w", encoding="utf-8", newline="") as f:
        f.write("# flyt reference data: every municipality code valid since 1994 and the 2024 municipality it counts under,\n")
        f.write("# with the 2024 municipality's county, SSB centrality index and class (2024 version) and population on 2024-01-01.\n")
        f.write("# Sources: Statistics Norway (SSB) - KLASS 131 municipality classification 2019, 2020-2023 and 2024 with its\n")
        f.write("# change list, the Statbank grouping 'Kommuner 2024, sammenslatte tidsserier', KLASS 128 centrality 2024,\n")
        f.write("# table 07459. Municipalities split in 2020 count under the successor that received the administrative centre.\n")
        f.write("# next_code: the code the municipality's territory had from the day after valid_to (empty if unknown or current).\n")
        f.write("# Built by reference-data/src/build/build_reference_data.py.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "valid_from", "valid_to", "next_code", "code_2024", "name_2024", "county_code", "county_name",
                    "centrality_class", "centrality_index", "population_2024"])
        for code in sorted(rows, key=lambda c: (rows[c][3], rows[c][2] != "", c)):
            name, valid_from, valid_to, c24 = rows[code]
            m = k24[c24]
            c = centrality[c24]
            w.writerow([code, name, valid_from, valid_to, next_code[code], c24, m["kommunenavn"], m["fylkesnummer"], m["fylkesnavn"],
                        c["sentralitetsklasse"], c["sentralitetsindeks"], population[c24]["folkemengde_2024_01_01"]])
    with open(out / "population.csv", "w", encoding="utf-8", newline="") as f:
        f.write("# flyt reference data: population on 1 January per 2024 municipality. Source: Statistics Norway (SSB),\n")
        f.write("# table 07459. In 2022 and 2023 Haram (1580) is counted inside Alesund (1508), as SSB publishes it.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code_2024", "population_2022", "population_2023", "population_2024"])
        for code in sorted(population):
            p = population[code]
            w.writerow([code, p["folkemengde_2022_01_01"], p["folkemengde_2023_01_01"], p["folkemengde_2024_01_01"]])
    with open(out / "unemployment-synthetic.csv", "w", encoding="utf-8", newline="") as f:
        f.write("# flyt reference data: unemployment rate per 2024 municipality, percent of the labour force, one rate for 2015-2024.\n")
        f.write("# SYNTHETIC - NOT A PUBLISHED FIGURE. No per-municipality labour-market figure (NAV's registered unemployment,\n")
        f.write("# SSB's labour force survey) is among the sources flyt is built from. This is the model the synthetic register's\n")
        f.write("# employment uses: a base by SSB centrality class (KLASS 128, 2024) 3.0 2.8 2.5 2.3 2.2 2.1 for classes 1-6, plus\n")
        f.write("# +0.6 Agder and Ostfold, +0.4 Rogaland, +0.3 Oslo, -0.3 More og Romsdal and Vestland, plus a fixed local term\n")
        f.write("# in [-0.6, 0.6] from the code; at least 1.0. Built by reference-data/src/build/build_reference_data.py.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code_2024", "unemployment_percent"])
        for code in sorted(k24):
            rate = unemployment(code, int(centrality[code]["sentralitetsklasse"]), k24[code]["fylkesnummer"])
            w.writerow([code, f"{rate:.1f}"])
    print(f"{len(rows)} codes, {len(k24)} municipalities of 2024")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))

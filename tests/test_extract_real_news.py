"""How the extractor reads real news: breakdowns, lists, carried-on sources, repeated mentions,
stated days and registries. Each sentence is of the kind the real development corpus holds."""

from __future__ import annotations

from app.extract import extract_figures
from app.extract.inferred_date import infer_document_date


def figures(text: str, date: str = "2024-10-07"):
    return extract_figures(text, date)


def by_value(found):
    return {figure.value: figure for figure in found}


def test_a_breakdown_is_a_part_of_its_total_with_its_group():
    found = by_value(
        figures(
            "The NGO Foro Penal counted 1,916 political prisoners in Venezuela. "
            "The organisation specified that 1,676 are men and 240 are women."
        )
    )
    total, men, women = found[1916], found[1676], found[240]
    assert total.part_of_start is None and total.metric == "held"
    assert men.part_of_start == total.start and men.subgroup == "men"
    assert women.part_of_start == total.start and women.subgroup == "women"
    assert men.metric == women.metric == "held"
    assert men.claimant == women.claimant == "Foro Penal"


def test_number_words_in_a_list_count_one():
    found = figures(
        "Foro Penal said there are 276 political prisoners. Among them, 260 were reported to "
        "be men, 16 women, and one adolescent."
    )
    values = [f.value for f in found]
    assert values == [276, 260, 16, 1]
    assert all(f.part_of_start == found[0].start for f in found[1:])


def test_one_alone_is_no_figure():
    assert figures("One prisoner was seen in court, Foro Penal said.") == []


def test_a_sentence_that_carries_on_takes_the_earlier_source():
    found = by_value(
        figures(
            "The Venezuelan NGO Foro Penal (Penal Forum) denounced this Tuesday that there are "
            "275 people detained who are considered political prisoners. "
            "They also pointed out that 146 are civilians and 129 are military personnel."
        )
    )
    assert found[275].claimant == "Foro Penal"
    assert found[146].claimant == found[129].claimant == "Foro Penal"


def test_a_sentence_without_a_source_after_an_official_stays_unattributed():
    found = by_value(
        figures(
            "The interior minister said 300 political prisoners were released. "
            "More than 2,000 people were arrested in 2024."
        )
    )
    assert found[300].claimant == "interior minister"
    assert found[2000].claimant == "unattributed"


def test_a_monitors_report_keeps_its_figures_until_another_source_speaks():
    found = by_value(
        figures(
            "La organización Justicia 11J reveló que 554 personas siguen en prisión en Cuba. "
            "Tan solo en noviembre, el régimen sumó 16 nuevos presos políticos. "
            "El ministro del Interior dijo que 40 presos fueron liberados."
        )
    )
    assert found[554].claimant == found[16].claimant == "Justicia 11J"
    assert found[40].claimant == "interior minister"


def test_the_headline_and_the_body_are_one_figure_with_mentions():
    text = (
        "Venezuela grants amnesty to 379 political prisoners\n"
        "Authorities in Venezuela have granted amnesty to 379 political prisoners, the "
        "government said on Thursday."
    )
    found = figures(text, "2026-02-20")
    assert len(found) == 1
    (figure,) = found
    assert figure.start == text.rindex("379")  # the body's sentence says more
    assert figure.mentions == ((text.index("379"), text.index("379") + 3),)


def test_the_same_value_with_another_meaning_stays_its_own_figure():
    found = figures(
        "Foro Penal counts 448 releases since January 8. Foro Penal says 448 detainees remain "
        "in custody."
    )
    assert sorted(f.metric for f in found) == ["held", "released"]


def test_a_stated_day_dates_the_figure():
    found = by_value(
        figures("Foro Penal reported 1,793 detainees as of September 2.", "2024-09-05")
    )
    assert found[1793].as_of == "2024-09-02"
    weekday = by_value(
        figures("La ONG Foro Penal denunció este lunes que hay 309 presos.", "2021-05-13")
    )
    assert weekday[309].as_of == "2021-05-10"  # 13 May 2021 was a Thursday


def test_bare_days_in_an_old_text_take_the_year_of_its_full_dates():
    text = (
        "The balance is until September 2, 2024. "
        "Foro Penal counted 1,793 detainees as of September 2."
    )
    assert infer_document_date(text, reference="2026-11-27") == "2024-09-02"


def test_a_count_since_a_long_past_year_is_a_registry_total():
    found = by_value(
        figures(
            "Since 2014, 17,828 arrests for political reasons have been registered, "
            "Foro Penal said."
        )
    )
    assert found[17828].metric == "cases_total"
    episode = by_value(
        figures("Foro Penal ha registrado 1.416 arrestos desde el 29 de julio.", "2024-08-19")
    )
    assert episode[1416].metric == "arrested"


def test_spanish_count_before_its_noun_phrase():
    found = by_value(
        figures(
            "Por su parte, Foro Penal ha cifrado en 850 las personas detenidas "
            "desde el 21 de enero.",
            "2019-01-28",
        )
    )
    assert found[850].claimant == "Foro Penal"
    assert found[850].metric == "arrested"


def test_cases_of_torture_are_other():
    found = by_value(
        figures("La ONG Foro Penal documentó 95 casos de tortura en Venezuela.", "2021-06-01")
    )
    assert found[95].metric == "other"
    assert found[95].claimant == "Foro Penal"


def test_counts_by_the_group():
    found = by_value(
        figures(
            "Según Foro Penal, más de un centenar de presos políticos fueron liberados y medio "
            "centenar siguen detenidos.",
            "2024-11-17",
        )
    )
    assert (found[100].qualifier, found[100].metric) == ("more_than", "released")
    assert (found[50].qualifier, found[50].low, found[50].high) == ("about", 48, 52)


def test_a_prisoner_swap_is_on_topic():
    found = figures(
        "Venezuela has freed seven Americans in a prisoner swap with the US.", "2022-10-02"
    )
    assert [(f.value, f.metric) for f in found] == [(7, "released")]


def test_a_count_verb_governs_a_bare_number():
    found = by_value(figures("Foro Penal, however, counts just over 300, most of them on parole."))
    assert (found[300].qualifier, found[300].metric) == ("more_than", "released")


def test_bringing_to_n_the_number_of_people_freed():
    found = by_value(
        figures(
            "The government has released another 40 political prisoners, bringing to 79 the "
            "number of people freed in the past two days."
        )
    )
    assert found[79].metric == "released"


def test_deaths_at_a_protest_are_no_figure_but_deaths_in_custody_are():
    text = "Al menos 35 personas han muerto y otras 850 han sido detenidas, según Foro Penal."
    assert [f.value for f in figures(text, "2019-01-28")] == [850]
    custody = figures("Three political prisoners died in custody, Foro Penal said.")
    assert [(f.value, f.metric) for f in custody] == [(3, "other")]


def test_a_qualifier_before_a_comma_and_may_as_a_month():
    text = (
        "Caracas, 13 may (EFE).- La ONG Foro Penal denunció que en Venezuela hay, al menos, "
        "309 presos políticos."
    )
    (figure,) = figures(text, "2021-05-13")
    assert (figure.value, figure.qualifier) == (309, "at_least")


def test_a_list_under_a_lead_in_line_breaks_down_the_total_it_names():
    text = (
        "La organización Justicia 11J reveló que 554 personas siguen en prisión en Cuba. "
        "Estos detenidos son parte de las 1.580 personas arrestadas tras las protestas.\n"
        "Entre los encarcelados:\n- 383 están entre los 22 y 45 años.\n- 92 tienen entre 46 y 59 "
        "años."
    )
    found = by_value(figures(text, "2024-11-28"))
    assert found[383].part_of_start == found[554].start
    assert found[92].part_of_start == found[554].start
    assert found[383].metric == "held"
    assert 22 not in found and 45 not in found  # ages, not counts


def test_this_years_bare_days_in_a_text_that_names_its_year():
    text = "En lo que va de este 2025, Foro Penal contó 816 presos políticos el 26 de agosto."
    assert infer_document_date(text, reference="2026-11-27") == "2025-08-26"


def test_a_sources_configured_language_reaches_the_extractor():
    """Mostly English words around Spanish number words: the guess says English, the source's
    configured language says Spanish, and 'veinte' is read."""
    text = "The Foro Penal list in the report of the group: veinte presos políticos in the jail."
    assert figures(text) == []
    assert [f.value for f in extract_figures(text, "2026-01-01", language="es")] == [20]


def test_an_increment_and_its_running_total():
    found = by_value(
        figures(
            "Foro Penal said the government released 88 political prisoners on Sunday, bringing "
            "the total since January 8 to 431.",
            "2026-01-12",
        )
    )
    assert (found[88].metric, found[88].period_start) == ("released", None)
    assert (found[431].metric, found[431].period_start) == ("released", "2026-01-08")


def test_a_change_between_two_reports_is_other():
    found = by_value(
        figures("Foro Penal registra 800 presos políticos, una disminución de 86 respecto a abril.")
    )
    assert (found[800].metric, found[86].metric) == ("held", "other")
    assert found[86].part_of_start is None


def test_a_number_glued_to_its_noun_and_groups_in_brackets():
    glued = by_value(figures("La ONG Foro Penal registró 144excarcelaciones desde el 8 de enero."))
    assert glued[144].metric == "released"
    found = by_value(
        figures("Según Foro Penal, hay 807 presos políticos: civiles (638) y militares (169).")
    )
    assert (found[638].subgroup, found[169].subgroup) == ("civiles", "militares")
    assert found[638].part_of_start == found[169].part_of_start == found[807].start


def test_the_speaker_after_a_quote_speaks_for_the_body_the_alias_table_ties_them_to():
    (figure,) = figures("«Hay 900 presos políticos», detalló Himiob.")
    assert figure.claimant == "Foro Penal"


def test_a_person_speaks_for_the_body_the_text_ties_them_to():
    text = (
        "Pavel Sapelko of the Viasna rights group told reporters that the count is rising. "
        "\u201cWe count 1,275 political prisoners,\u201d Sapelko said."
    )
    (figure,) = figures(text, "2024-07-04")
    assert figure.claimant == "Viasna"
    presidency = by_value(
        figures(
            "The 32 prisoners pardoned were convicted of extremist crimes, the presidency said.",
            "2024-11-21",
        )
    )
    assert "presidency" in presidency[32].claimant


def test_one_with_an_event_of_its_own_is_a_figure():
    found = figures(
        "Aliyev pardoned 625 political prisoners. "
        "One person convicted in the 2018 Ganja riots case has been released.",
        "2024-05-10",
    )
    assert [(f.value, f.metric) for f in found] == [(625, "amnestied"), (1, "released")]


def test_cases_are_counted_by_what_they_are_cases_of():
    found = by_value(
        figures(
            "The UN mission said 43 new cases involving human rights violations were "
            "investigated, and 23 casos de detenciones arbitrarias. Since 2014, Foro Penal has "
            "recorded 18,842 cases of politically motivated arrests.",
            "2023-09-20",
        )
    )
    assert (found[43].metric, found[23].metric, found[18842].metric) == (
        "other",
        "arrested",
        "cases_total",
    )


def test_a_headline_with_no_noun_is_a_mention_of_the_bodys_figure():
    text = (
        "Al menos 35 personas han muerto y otras 850 han sido detenidas desde el 23 de enero.\n"
        "Por su parte, Foro Penal ha cifrado en 850 las personas detenidas desde el 21 de enero."
    )
    (figure,) = figures(text, "2019-01-28")
    assert (figure.value, figure.claimant, figure.metric) == (850, "Foro Penal", "arrested")
    assert len(figure.mentions) == 1


def test_a_reports_cut_off_dates_its_undated_figures_but_not_its_history():
    text = (
        "La ONG Foro Penal informa que ha registrado 1.416 arrestos hasta las 10.00 horas del "
        "10 de agosto. Entre los detenidos hay 126 adolescentes. En 2019 el gobierno liberó a "
        "110 presos políticos."
    )
    found = by_value(figures(text, "2024-08-19"))
    assert found[1416].as_of == found[126].as_of == "2024-08-10"
    assert found[110].as_of == "2019-12-31"


def test_the_day_a_report_was_made_dates_its_figures_but_an_events_day_does_not():
    reported = figures(
        "Nearly 2,200 political prisoners have been released, lawmaker Jorge Arreaza said on "
        "Monday.\nMore than 3,000 requests have been made on behalf of political prisoners.",
        "2026-02-24",  # a Tuesday
    )
    assert [f.as_of for f in reported] == ["2026-02-23", "2026-02-23"]
    event = figures(
        "The amnesty law was signed on Thursday. Foro Penal says 644 political prisoners "
        "remain in jail.",
        "2026-02-20",
    )
    assert [f.as_of for f in event] == ["2026-02-20"]

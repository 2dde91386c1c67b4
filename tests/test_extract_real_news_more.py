"""More of how the extractor reads real news: who acts is not who says, a part's own state,
lists that go on, stated days of events and reports, back-references. Each sentence is of the
kind the real development corpus holds (written anew here, not copied from it)."""

from __future__ import annotations

from app.extract import extract_figures


def by_value(text: str, date: str = "2024-10-07"):
    return {figure.value: figure for figure in extract_figures(text, date)}


def test_a_government_that_frees_people_is_not_the_source_of_the_count():
    found = by_value(
        "Foro Penal said there were 900 political prisoners last month. "
        "The government has released another 35 activists, bringing to 60 the number of people "
        "freed."
    )
    assert found[35].claimant == found[60].claimant == "unattributed"


def test_a_government_that_grants_an_amnesty_states_its_count():
    found = by_value("The government granted amnesty to 120 political prisoners.")
    assert found[120].claimant == "government" and found[120].metric == "amnestied"


def test_a_government_that_says_is_named_as_the_text_names_it():
    found = by_value(
        "El Gobierno cubano ha informado que al menos 95 presos políticos han salido de las "
        "cárceles."
    )
    assert found[95].claimant == "government" and found[95].metric == "released"
    assert by_value("The national assembly announced 1,200 amnesties.")[1200].claimant == (
        "National Assembly"
    )


def test_the_author_of_an_account_given_by_someone():
    found = by_value(
        "Al menos 1.300 personas han sido detenidas en Venezuela tras las protestas, según "
        "un balance ofrecido este lunes por Rosa Pérez, quien habló en Caracas."
    )
    assert found[1300].claimant.startswith("Rosa P")


def test_a_part_that_remains_detained_is_held_whatever_its_total_counts():
    found = by_value(
        "Justicia 11J documentó 170 protestas en Cuba, con al menos 40 nuevos arrestos. "
        "De ellos, 31 permanecen detenidos."
    )
    assert found[40].metric == "arrested"
    assert found[31].metric == "held" and found[31].part_of_start == found[40].start


def test_a_part_stated_as_released_keeps_its_own_metric():
    found = by_value(
        "No hay militares entre los 90 indultados, y tres ciudadanos italianos han sido liberados."
    )
    assert found[3].metric == "released"


def test_a_breakdown_list_goes_on_in_the_next_sentence():
    found = by_value(
        "Foro Penal has verified the release of 61 political prisoners. "
        "Among the prisoners verified by the organisation are 14 foreigners. "
        "22 were held in the Rodeo I prison, 15 in police stations and eight in La Crisálida."
    )
    total = found[61]
    assert found[14].part_of_start == total.start
    for value in (22, 15, 8):
        assert found[value].part_of_start == total.start, value
        assert found[value].metric == "released", value


def test_items_of_a_list_divided_by_semicolons_are_parts():
    found = extract_figures(
        "Hay al menos treinta mujeres detenidas por razones políticas: seis por el caso de los "
        "drones (2018); dos por el caso Gedeón (2020); una que trabajó en Miraflores (2020); "
        "tres vinculadas con rehenes (2022); cuatro caficultoras en Lara (2023).",
        "2024-10-07",
    )
    total = found[0]
    assert total.value == 30
    assert [f.value for f in found[1:]] == [6, 2, 1, 3, 4]
    assert all(f.part_of_start == total.start and f.metric == "held" for f in found[1:])


def test_the_main_verb_after_a_participle_phrase_decides():
    found = by_value(
        "A total of 812 people of the more than 2,100 arrested after the protests have been "
        "released, according to Foro Penal."
    )
    assert found[812].metric == "released"


def test_would_be_granted_amnesty_and_a_batch_released():
    found = by_value(
        "The junta announced that more than 4,200 people arrested for their activities would be "
        "granted amnesty. The committee has already released a batch of 45 prisoners."
    )
    assert found[4200].metric == "amnestied"
    assert found[45].metric == "released"


def test_a_day_stated_for_a_report_or_an_event_dates_the_figure():
    found = by_value(
        "A report published on May 20th by the Democracy Council found that there are 610 "
        "political prisoners. On May 9th and 10th six activists were arrested. Between July "
        "1st 2020 and March 30th 2022, 190 people were arrested under that law.",
        "2022-05-26",
    )
    assert found[610].as_of == "2022-05-20"
    assert found[6].as_of == "2022-05-10"
    assert found[190].as_of == "2022-03-30"


def test_an_events_day_in_apposition_does_not_date_the_report():
    found = by_value(
        "Alfredo Romero indicó este sábado que al menos 95 detenidos tras las elecciones, el "
        "pasado 28 de julio, fueron excarcelados.",
        "2024-11-17",
    )
    assert found[95].as_of == "2024-11-16"


def test_end_of_a_year_and_end_of_a_month():
    found = by_value(
        "Prisoners Defenders registró a finales de 2024 un total de 1.150 presos políticos en "
        "Cuba. Hasta final del mes de septiembre pasado, Cuba ha totalizado 1.700 presos "
        "políticos.",
        "2025-10-15",
    )
    assert found[1150].as_of == "2024-12-31"
    assert found[1700].as_of == "2025-09-30"


def test_a_back_reference_is_a_mention_of_the_figure_stated_elsewhere():
    found = extract_figures(
        "El número de 140 excarcelados dado por Sosa contrasta con las cifras de las ONG. "
        "El Gobierno cubano ha informado que al menos 140 personas han salido de las cárceles.",
        "2025-01-19",
    )
    assert [(f.value, f.qualifier) for f in found] == [(140, "at_least")]
    assert len(found[0].mentions) == 1


def test_a_breakdown_opening_a_sentence_carries_on_the_day_of_the_statement():
    found = by_value(
        "Lukashenko pardoned 30 prisoners, the presidency said in a statement on Wednesday. "
        "Fifteen of them suffer from chronic diseases.",
        "2024-11-21",
    )
    assert found[30].as_of == found[15].as_of == "2024-11-20"


def test_the_last_clause_attributes_the_clauses_before_it():
    found = by_value(
        "Tras liberar a 80 de ellos el lunes, aún quedan 300 encarcelados políticos, mientras "
        "la cifra de procesados es superior a 4.000, señalaron organizaciones de derechos "
        "humanos.",
        "2020-09-02",
    )
    assert found[300].claimant == "organizaciones de derechos humanos"


def test_a_speaker_past_a_long_apposition_and_a_surname_given_in_full_before():
    found = by_value(
        "La presidenta encargada Delcy Rodríguez visitó la cárcel. El diputado Pedro Mora, "
        "presidente de la comisión especial para el cumplimiento de la Ley de Amnistía, indicó "
        "que 4.100 personas solicitaron la amnistía y 2.900 presos políticos fueron liberados. "
        "Rodríguez habló el viernes de 610 excarcelaciones desde diciembre.",
        "2026-02-24",
    )
    assert found[2900].claimant == "Pedro Mora"
    assert found[610].claimant == "Delcy Rodríguez"


def test_a_change_and_deaths_in_custody_are_other():
    found = by_value(
        '"El número de presos políticos aumentó a 900 personas; ha habido un aumento de 600 '
        'personas", dijo Alfredo Romero. Foro Penal counts 2,100 detainees. Two of the '
        "detainees — aged 40 and 52 — died in custody of the authorities."
    )
    assert found[600].metric == "other"
    assert found[2].metric == "other"


def test_releases_written_as_parole_and_measures():
    found = by_value(
        "Este 24 de agosto salieron con medidas sustitutivas 65 hombres, según Foro Penal. "
        "El número de 130 excarcelados dado por Sosa –«118 están en libertad condicional»– "
        "contrasta con las cifras de las ONG sobre presos políticos.",
        "2025-08-26",
    )
    assert found[65].metric == "released"
    assert found[118].metric == "released" and found[118].claimant == "Sosa"


def test_jailed_people_are_held_and_a_count_after_hay_and_commas():
    found = by_value(
        "El dato abarca también a 12 personas encarceladas antes de 2018, según el Mecanismo. "
        "En Venezuela hay, al menos, 310 ciudadanos detenidos considerados presos políticos."
    )
    assert found[12].metric == "held"
    assert found[310].metric == "held" and found[310].qualifier == "at_least"


def test_an_earlier_count_compared_is_not_a_list_item():
    found = by_value(
        "Foro Penal denunció que hay 310 presos políticos, una cifra que se redujo en 10, "
        "respecto a los 320 contabilizados en abril."
    )
    assert found[10].metric == "other"
    assert found[320].metric == "held"


def test_styled_digits_and_a_count_after_a_colon():
    found = by_value(
        "Foro Penal counted 1,900 political prisoners. The number of people released: more "
        "than 𝟭𝟰.𝟬𝟬𝟬."
    )
    assert found[14000].metric == "released" and found[14000].qualifier == "more_than"


def test_a_planned_release_is_a_figure():
    found = by_value(
        "The Constituent Assembly announced that the government would free as many as 80 "
        "political prisoners."
    )
    assert found[80].metric == "released" and found[80].qualifier == "at_most"


def test_the_opposition_is_a_source_only_when_it_says_a_count():
    said = by_value("The opposition says about 300 people remain in jail in Venezuela.")
    assert said[300].claimant.lower() == "the opposition"
    found = by_value(
        "The NGO Foro Penal counted 1,900 political prisoners, after the vote in which the "
        "opposition denounced fraud. They also said that 150 are civilians and 40 are military."
    )
    assert found[150].claimant == "Foro Penal"


def test_labels_officials_give_those_they_hold_and_a_count_at_more_than():
    spanish = by_value(
        "El ministro dijo que tras las elecciones se detuvo a 130 «mercenarios» de distintas "
        "nacionalidades en Venezuela."
    )
    assert spanish[130].metric == "arrested"
    found = by_value(
        "Belarus holds 1,300 political prisoners. The authorities have imprisoned twenty new "
        "arrestees, Viasna said. In Venezuela, Alfredo Romero "
        "estimated the number of arrests of young people under 18 at more than 150."
    )
    assert found[20].metric == "arrested"
    assert found[150].metric == "arrested" and found[150].qualifier == "more_than"


def test_a_count_goes_on_about_the_count_of_the_source_its_sentence_names():
    found = by_value(
        "La organización Foro Penal contabilizó 900 presos políticos en el país. El ministro "
        "Diosdado Cabello dijo que se detuvo a 120 extranjeros. En su balance, el Foro Penal "
        "detalló que se tratan de 730 civiles y 170 militares.",
        "2025-05-07",
    )
    assert found[730].metric == found[170].metric == "held"


def test_the_others_that_were_in_prison_were_released_too():
    found = by_value(
        "El diputado Jorge Arreaza indicó que se ha otorgado libertad plena a 3.000 personas y "
        "que otras 170, que estaban en prisión, también han sido excarceladas."
    )
    assert found[170].metric == "released"


def test_a_sentence_that_opens_on_its_total_breaks_it_down_however_long_the_clause():
    found = by_value(
        "Entre los 40 presos políticos liberados el lunes por orden de un tribunal de Caracas, "
        "hay seis mujeres, según Foro Penal."
    )
    assert found[6].part_of_start == found[40].start and found[6].metric == "released"
    found = by_value("Entre las 200 personas detenidas tras las protestas de julio, hay 12 niños.")
    assert found[12].part_of_start == found[200].start and found[12].metric == "arrested"
    # the opening must hold the total: a count after 'entre' and a place is no breakdown
    found = by_value("Entre Caracas y Maracaibo hay 30 presos políticos, según Foro Penal.")
    assert found[30].part_of_start is None and found[30].metric == "held"


def test_people_under_restrictive_measures_are_a_related_count():
    found = by_value(
        "Foro Penal dijo que más de 9.000 personas siguen sujetas a medidas restrictivas de su "
        "libertad."
    )
    assert found[9000].metric == "other"
    found = by_value(
        "More than 9,000 people remain subject to restrictive measures, Foro Penal said."
    )
    assert found[9000].metric == "other"
    # released on conditions is still a release
    found = by_value("Unas 300 personas fueron excarceladas con medidas cautelares.")
    assert found[300].metric == "released"

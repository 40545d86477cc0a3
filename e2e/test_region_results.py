"""The region's ВПР file in a real browser: the regional administrator uploads one file for the
whole region (Краснодарский край of the demo: Славянский район and Сочи), decides on the school
the registry does not know, imports, and sees every municipality side by side; the
municipality then sees its own part. The file is generated here, in the real export shape:
«балл за N» columns, «не пройд.», «нет отметки», «вариант» 0."""
import pathlib
import tempfile

from selenium.webdriver.common.by import By

from conftest import BASE, login, shot, wait_text

ROWS = ["ВПР 2025 Математика 6 класс",
        "Логин ОО;Регион/муниципалитет;Наименование ОО;Код участника;Класс;Вариант;балл за 1;балл за 2;Первичный балл;Отметка;Отметка по журналу"]
for n, school in ((5, "МБОУ СОШ № 5"), (10, "МБОУ СОШ № 10")):
    for i in range(10):
        t1, t2 = i % 2, i % 3
        journal = "нет отметки" if i == 9 else str(3 + i % 2)
        ROWS.append(f"edu23{n:04d};Славянский район;{school};{n}{i:03d};6А;1;{t1};{t2 if i != 4 else 'не пройд.'};"
                    f"{t1 + (t2 if i != 4 else 0)};{3 + (t1 + t2) // 2};{journal}")
ROWS.append("edu230005;Славянский район;МБОУ СОШ № 5;5999;6А;0;;;;;4")  # «вариант» 0: absent
for i in range(6):
    ROWS.append(f"edu999001;город-курорт Сочи;МОБУ СОШ № 77;77{i:03d};6Б;1;1;2;3;4;4")


def test_region_file_routed_to_municipalities(browser):
    login(browser, "region")
    browser.find_element(By.LINK_TEXT, "Результаты").click()
    wait_text(browser, "Результаты оценочных процедур: Краснодарский край")
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "vpr-kray-mat-6.csv"
        path.write_bytes("\r\n".join(ROWS).encode("cp1251"))
        details = browser.find_element(By.CSS_SELECTOR, "details")
        if not details.get_attribute("open"):
            details.find_element(By.TAG_NAME, "summary").click()
        browser.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(path))
        browser.find_element(By.XPATH, "//button[contains(., 'Проверить файл')]").click()
        wait_text(browser, "Школы, которых нет в реестре (1)")
    assert "Максимальный балл заданий 1, 2 взят как наибольший балл в файле" in browser.page_source
    shot(browser, "40-region-results-check")
    browser.find_element(By.XPATH, "//button[contains(., 'Создать все в муниципалитетах из файла')]").click()
    wait_text(browser, "Ошибок нет: 27 участников к загрузке")
    browser.find_element(By.XPATH, "//button[contains(., 'Загрузить результаты')]").click()
    wait_text(browser, "Загружено: 27 участников в 2 муниципалитетах; создано школ: 1.")
    wait_text(browser, "ВПР 2025, Математика, 6 класс")
    assert "город-курорт Сочи" in browser.page_source and "Славянский район" in browser.page_source
    shot(browser, "41-region-results-by-municipality")

    # The municipality sees its own part as if it had imported it.
    browser.get(BASE + "/login")
    browser.find_element(By.CSS_SELECTOR, "header .account button").click()
    login(browser, "slavyansk")
    browser.find_element(By.LINK_TEXT, "Результаты").click()
    browser.find_element(By.LINK_TEXT, "ВПР 2025, Математика, 6 класс").click()
    wait_text(browser, "ВПР 2025: Математика, 6 класс")
    assert "Без отметки по журналу: 2 участника" in browser.page_source
    shot(browser, "42-results-municipal-part")

"""Results in a real browser: a ВПР file is checked, imported, and shown by school with the
histogram of primary scores."""
import pathlib
import tempfile

from selenium.webdriver.common.by import By

from conftest import BASE, login, shot, wait_text

CSV = (
    "ВПР 2024 Русский язык 5 класс\n"
    ";;;;;;Б;Б;П;;;\n"
    "ОО;Муниципалитет;Название ОО;Код участника;Класс;Вариант;1 (2б);2 (2б);3 (2б);Первичный балл;Отметка;Отметка по журналу\n"
    + "".join(f"edu2300{n:02d};Славянский район;МБОУ СОШ № {n};{n}{i:03d};5;1;{i % 3};{(i + 1) % 3};{i % 2};{i % 3 + (i + 1) % 3 + i % 2};{2 + (i % 3 + (i + 1) % 3 + i % 2) // 2};4\n"
              for n in (5, 10, 16) for i in range(12))
)


def test_results_import_and_figures(browser):
    login(browser, "slavyansk")
    browser.find_element(By.LINK_TEXT, "Результаты").click()
    wait_text(browser, "Результаты оценочных процедур")
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "vpr-rus-5.csv"
        path.write_bytes(CSV.encode("cp1251"))
        # The upload form is folded once the municipality has results (the region's file may have come first).
        details = browser.find_element(By.CSS_SELECTOR, "details")
        if not details.get_attribute("open"):
            details.find_element(By.TAG_NAME, "summary").click()
        browser.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(path))
        browser.find_element(By.XPATH, "//button[contains(., 'Проверить файл')]").click()
        assert wait_text(browser, "Ошибок нет: 36 участников")
    shot(browser, "28-results-check")
    browser.find_element(By.XPATH, "//button[contains(., 'Загрузить результаты')]").click()
    assert wait_text(browser, "Загружено: 36 участников")
    assert wait_text(browser, "ВПР 2024: Русский язык, 5 класс")
    assert "<svg" in browser.page_source
    shot(browser, "29-results-by-school")


RENAMED = (
    "ВПР 2024 Русский язык 5 класс\n"
    "Логин ОО;Шифр участника;Класс;1 (1б);2 (2б);Сумма;Оценка за ВПР;Отметка за прошлую четверть\n"
    "edu230005;r1;5А;1;2;3;4;4\n"
    "edu230005;r2;5А;0;1;1;2;3\n"
    "edu230077;r3;5Б;1;1;2;3;3\n"
)


def test_import_with_mapping_step(browser):
    """A regional re-export: renamed columns and logins the registry does not know yet."""
    from selenium.webdriver.support.ui import Select
    login(browser, "slavyansk")
    browser.find_element(By.LINK_TEXT, "Результаты").click()
    wait_text(browser, "Результаты оценочных процедур")
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "rcoi-ru-5.csv"
        path.write_bytes(RENAMED.encode("utf-8"))
        # The upload form is folded once the municipality has results: unfold it as a user would.
        details = browser.find_element(By.CSS_SELECTOR, "details")
        if not details.get_attribute("open"):
            details.find_element(By.TAG_NAME, "summary").click()
        browser.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(path))
        browser.find_element(By.XPATH, "//button[contains(., 'Проверить файл')]").click()
        assert wait_text(browser, "Сопоставление столбцов: «rcoi-ru-5.csv»")
    # The column nobody recognised is marked; the user says what it holds.
    assert browser.find_element(By.ID, "col-5").get_attribute("class") == "unknown"
    # «Шифр участника» is the participant code, «Сумма» the primary score, «Оценка за ВПР» the mark.
    Select(browser.find_element(By.ID, "col-1")).select_by_value("code")
    Select(browser.find_element(By.ID, "col-5")).select_by_value("primary")
    Select(browser.find_element(By.ID, "col-6")).select_by_value("mark")
    Select(browser.find_element(By.ID, "col-7")).select_by_value("journal")
    shot(browser, "30-results-mapping-columns")
    browser.find_element(By.XPATH, "//button[contains(., 'Сохранить сопоставление')]").click()
    assert wait_text(browser, "Школы, которых нет в реестре")
    # edu230005 is known from the earlier import (its login was remembered); edu230077 is not.
    assert "edu230077" in browser.page_source
    Select(browser.find_element(By.ID, "school-0")).select_by_visible_text("это МБОУ ООШ № 7")
    shot(browser, "31-results-mapping-schools")
    browser.find_element(By.XPATH, "//button[contains(., 'Сохранить решения')]").click()
    assert wait_text(browser, "Ошибок нет: 3 участника")
    browser.find_element(By.XPATH, "//button[contains(., 'Загрузить результаты')]").click()
    assert wait_text(browser, "Загружено: 3 участника")


def test_objectivity_view(browser):
    """Yurga's demo results: the school whose journal marks run above its test marks is flagged."""
    login(browser, "yurga")
    browser.find_element(By.LINK_TEXT, "Результаты").click()
    wait_text(browser, "Результаты оценочных процедур: Юргинский городской округ")
    browser.find_element(By.LINK_TEXT, "ВПР 2025, Математика, 5 класс").click()
    assert wait_text(browser, "ВПР 2025: Математика, 5 класс")
    assert "расхождение с журналом" in browser.page_source
    assert "Понизили" in browser.page_source
    assert browser.find_elements(By.CSS_SELECTOR, "svg[aria-label]"), "histogram missing"
    shot(browser, "32-results-objectivity")


def test_diagnostic_card_and_students_at_risk(browser):
    login(browser, "yurga.curator")
    browser.get(BASE + "/")
    browser.find_element(By.PARTIAL_LINK_TEXT, "СОШ № 14").click()
    browser.find_element(By.LINK_TEXT, "Диагностическая карта").click()
    assert wait_text(browser, "Диагностическая карта: МБОУ СОШ № 14")
    assert "2023" in browser.page_source and "2025" in browser.page_source
    assert browser.find_elements(By.TAG_NAME, "svg"), "chart missing"
    shot(browser, "33-diagnostic-card")
    browser.back()
    browser.find_element(By.LINK_TEXT, "Группа риска и ИОМ").click()
    assert wait_text(browser, "Обучающиеся группы риска: МБОУ СОШ № 14")
    assert wait_text(browser, "ИОМ обучающегося")
    shot(browser, "34-students-at-risk")

"""Results in a real browser: a ВПР file is checked, imported, and shown by school with the
histogram of primary scores."""
import pathlib
import tempfile

from selenium.webdriver.common.by import By

from conftest import login, shot, wait_text

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
        browser.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(path))
        browser.find_element(By.XPATH, "//button[contains(., 'Проверить файл')]").click()
        assert wait_text(browser, "Ошибок нет: 36 участников")
    shot(browser, "28-results-check")
    browser.find_element(By.XPATH, "//button[contains(., 'Загрузить результаты')]").click()
    assert wait_text(browser, "Загружено: 36 участников")
    assert wait_text(browser, "ВПР 2024: Русский язык, 5 класс")
    assert "<svg" in browser.page_source
    shot(browser, "29-results-by-school")

"""Main flows in a real browser: login, the school list and card, the list-dynamics page
with its XLSX opened by LibreOffice, and a list import that reports an error."""
import csv
import pathlib
import subprocess
import tempfile

import requests
from selenium.webdriver.common.by import By

from conftest import BASE, login, shot, wait_text


def test_login_page_wrong_password_then_success(browser):
    browser.get(BASE + "/login")
    assert wait_text(browser, "Вход в систему")
    shot(browser, "01-login")
    login(browser, "yurga", "not-the-password")
    assert wait_text(browser, "Неверный логин или пароль.")
    login(browser, "yurga")
    assert wait_text(browser, "Михайлова Галина Васильевна")
    assert wait_text(browser, "хронических ШНОР")
    shot(browser, "02-dashboard-coordinator")
    browser.find_element(By.CSS_SELECTOR, ".account button").click()
    assert wait_text(browser, "Вход в систему")


def test_school_list_search_and_card(browser):
    login(browser, "novosibirsk")
    browser.find_element(By.LINK_TEXT, "Школы").click()
    assert wait_text(browser, "Найдено: 53 школы из 53.")
    shot(browser, "03-school-list")
    box = browser.find_element(By.NAME, "q")
    box.clear()
    box.send_keys("школа 121")
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    assert wait_text(browser, "Найдено: 1 школа из 53.")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Академическая").click()
    assert wait_text(browser, "История в списках")
    assert wait_text(browser, "2-й год")
    shot(browser, "04-school-card")


def test_dynamics_page_and_xlsx_opened_by_libreoffice(browser):
    login(browser, "yurga")
    browser.find_element(By.LINK_TEXT, "Динамика").click()
    wait_text(browser, "Динамика списка ШНОР:")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.dynamics tbody tr")
    assert [c.text for c in rows[-1].find_elements(By.TAG_NAME, "td")] == ["Итого:", "", "2", "1", "4", "0", "1", "8", "", ""]
    shot(browser, "05-list-dynamics")
    href = browser.find_element(By.PARTIAL_LINK_TEXT, "Скачать XLSX").get_attribute("href")
    session = requests.Session()
    for c in browser.get_cookies():
        session.cookies.set(c["name"], c["value"])
    res = session.get(href, timeout=30)
    assert res.status_code == 200
    with tempfile.TemporaryDirectory() as tmp:
        xlsx = pathlib.Path(tmp) / "dynamics.xlsx"
        xlsx.write_bytes(res.content)
        subprocess.run(["soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76", "--outdir", tmp, str(xlsx)],
                       check=True, capture_output=True, timeout=120)
        with open(pathlib.Path(tmp) / "dynamics.csv", encoding="utf-8") as f:
            table = list(csv.reader(f, delimiter=";"))
    totals = [r for r in table if r and r[0] == "Итого:"]
    assert totals and totals[0][:8] == ["Итого:", "", "2", "1", "4", "0", "1", "8"]
    sosh14 = [r for r in table if len(r) > 1 and r[1] == "МБОУ СОШ № 14"]
    assert sosh14 and sosh14[0][2:10] == ["Да", "", "Да", "", "", "2", "Хроническая", "Да"]


def test_list_import_with_an_error_saves_nothing(browser):
    login(browser, "yurga")
    browser.find_element(By.LINK_TEXT, "Списки").click()
    wait_text(browser, "Списки 2024 года")
    before = browser.page_source.count("Исключить")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Загрузить список").click()
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "shnor-2024.csv"
        path.write_text("Школа;Основание\nМБОУ СОШ №1;ВПР\nСОШ № 77;ЕГЭ\n", encoding="utf-8")
        year = browser.find_element(By.NAME, "year")
        year.clear()
        year.send_keys("2024")
        browser.find_element(By.NAME, "file").send_keys(str(path))
        shot(browser, "06-list-import-form")
        browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        # Inside the block: the file must exist while Chrome sends it.
        wait_text(browser, "Проверка файла")
    assert wait_text(browser, "Файл «shnor-2024.csv», строка 3, столбец «Школа»: школа «СОШ № 77» не найдена")
    assert wait_text(browser, "Ничего не сохранено")
    shot(browser, "07-list-import-error")
    browser.find_element(By.LINK_TEXT, "Списки").click()
    wait_text(browser, "Списки 2024 года")
    assert browser.page_source.count("Исключить") == before


def test_foreign_school_is_not_reachable(browser):
    login(browser, "yurga.school14")
    assert wait_text(browser, "МБОУ СОШ № 14")
    browser.find_element(By.LINK_TEXT, "МБОУ СОШ № 14").click()
    own = browser.current_url
    foreign = own.rsplit("/", 1)[0] + "/1"
    browser.get(foreign)
    assert wait_text(browser, "Страница не найдена")
    shot(browser, "08-foreign-school-404")

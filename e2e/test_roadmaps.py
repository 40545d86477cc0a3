"""Roadmaps in a real browser: import with preview, approve, the public page, and the order
DOCX and XLSX opened by LibreOffice (converted to PDF, text checked)."""
import pathlib
import subprocess
import tempfile

import requests
from selenium.webdriver.common.by import By

from conftest import BASE, login, shot, wait_text

TABLE = (
    "№\tМероприятие\tФорма реализации\tСроки\tОтветственные\n"
    "I. ОРГАНИЗАЦИЯ РАБОТЫ\t\t\t\t\n"
    "1.\tСовещание с руководителями ШНОР\tсовещание\tянварь 2026 г.\tУправление образованием\n"
    "2.\tСеминары для учителей ШНОР\tсеминар\tежеквартально\tМБУ ДПО «ИМЦ г. Юрги»\n"
    "\tпо результатам ВПР\t\t\t\n"
)


def session_of(browser):
    s = requests.Session()
    for c in browser.get_cookies():
        s.cookies.set(c["name"], c["value"])
    return s


def pdf_text(data: bytes, name: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        src = pathlib.Path(tmp) / name
        src.write_bytes(data)
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=180)
        pdf = src.with_suffix(".pdf")
        assert pdf.exists(), f"LibreOffice did not convert {name}"
        text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        # Table cells wrap inside the PDF: compare words, not lines.
        return " ".join(text.split())


def test_import_preview_approve_and_public_page(browser):
    login(browser, "yurga")
    browser.find_element(By.LINK_TEXT, "Дорожные карты").click()
    wait_text(browser, "Дорожные карты: Юргинский городской округ")
    shot(browser, "10-roadmaps-list")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Импортировать дорожную карту").click()
    browser.find_element(By.NAME, "title").send_keys("Дорожная карта на 2026 год")
    browser.find_element(By.NAME, "period").send_keys("2026")
    # A textarea keeps tabs as a paste from Word would.
    browser.execute_script("document.getElementById('f-text').value = arguments[0];", TABLE)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait_text(browser, "Распознано: 2 мероприятия, 1 раздел")
    assert wait_text(browser, "31.03.2026, 30.06.2026, 30.09.2026, 31.12.2026")
    assert wait_text(browser, "Семинары для учителей ШНОР по результатам ВПР")
    shot(browser, "11-roadmap-import-preview")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait_text(browser, "Статус")
    assert wait_text(browser, "Проект")
    browser.find_element(By.XPATH, "//summary[contains(., 'Утвердить приказом')]").click()
    browser.find_element(By.NAME, "orderNumber").send_keys("15")
    browser.execute_script("document.querySelector('input[name=orderDate]').value = '2026-01-20';")
    browser.find_element(By.NAME, "signatory").send_keys("К.К. Булатова")
    browser.find_element(By.XPATH, "//button[contains(., 'Утвердить')]").click()
    assert wait_text(browser, "приказ от 20.01.2026 № 15")
    shot(browser, "12-roadmap-approved")
    public = browser.find_element(By.CSS_SELECTOR, "dl.facts a[href^='/public/roadmaps/']").get_attribute("href")
    browser.delete_all_cookies()
    browser.get(public)
    assert wait_text(browser, "Дорожная карта на 2026 год")
    assert wait_text(browser, "Совещание с руководителями ШНОР")
    assert "Выйти" not in browser.page_source
    shot(browser, "13-roadmap-public")


def test_order_docx_and_xlsx_open_in_libreoffice(browser):
    login(browser, "puchezh")
    browser.find_element(By.LINK_TEXT, "Дорожные карты").click()
    browser.find_element(By.PARTIAL_LINK_TEXT, "Дорожная карта по работе").click()
    wait_text(browser, "Индикаторы")
    shot(browser, "14-roadmap-puchezh")
    s = session_of(browser)
    docx = s.get(browser.find_element(By.PARTIAL_LINK_TEXT, "Скачать приказ").get_attribute("href"), timeout=30)
    assert docx.status_code == 200
    text = pdf_text(docx.content, "order.docx")
    for phrase in ["ПРИКАЗ", "14.10.2020", "113", "приказываю:", "Приложение", "Елшина", "Программа", "тьюторов"]:
        assert phrase in text, phrase
    xlsx = s.get(browser.find_element(By.PARTIAL_LINK_TEXT, "Скачать таблицу").get_attribute("href"), timeout=30)
    assert xlsx.status_code == 200
    text = pdf_text(xlsx.content, "roadmap.xlsx")
    assert "тьюторов" in text
    assert "30.11.2020" in text

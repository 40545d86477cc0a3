"""Executing a roadmap in a real browser: mark a measure done with evidence, accept it,
see the timeline and run a monitoring round."""
import pathlib
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import login, shot, wait_text


def test_mark_done_with_evidence_accept_and_timeline(browser):
    login(browser, "yurga")
    browser.find_element(By.LINK_TEXT, "Дорожные карты").click()
    browser.find_element(By.PARTIAL_LINK_TEXT, "План мероприятий").click()
    wait_text(browser, "Исполнение")
    shot(browser, "15-roadmap-execution")
    browser.find_element(By.LINK_TEXT, "1").click()
    wait_text(browser, "Срок: 31.01.2025")
    browser.find_element(By.XPATH, "//summary[contains(., 'Отметить выполнение')]").click()
    Select(browser.find_element(By.CSS_SELECTOR, "select[name=status]")).select_by_value("done")
    browser.find_element(By.CSS_SELECTOR, "textarea[name=report]").send_keys("Собеседование проведено, справка подготовлена")
    browser.find_element(By.CSS_SELECTOR, "form[action$='/progress'] button[type=submit]").click()
    assert wait_text(browser, "Статус: выполнено")
    assert wait_text(browser, "на проверке")
    browser.find_element(By.XPATH, "//summary[contains(., 'Добавить подтверждение')]").click()
    Select(browser.find_element(By.CSS_SELECTOR, "select[name=kind]")).select_by_value("file")
    browser.find_element(By.CSS_SELECTOR, "form[enctype] input[name=title]").send_keys("Справка по итогам собеседования")
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "spravka.txt"
        path.write_text("Справка", encoding="utf-8")
        browser.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(path))
        browser.find_element(By.CSS_SELECTOR, "form[enctype] button[type=submit]").click()
        # Inside the block: Chrome reads the file while the form is sent; it must still exist.
        assert wait_text(browser, "Справка по итогам собеседования (spravka.txt)")
    browser.find_element(By.XPATH, "//button[contains(., 'Принять')]").click()
    assert wait_text(browser, "Проверка: принято")
    shot(browser, "16-measure-done-with-evidence")
    browser.find_element(By.LINK_TEXT, "Дорожная карта").click()
    browser.find_element(By.LINK_TEXT, "Временная шкала").click()
    wait_text(browser, "Временная шкала:")
    assert "31.01.2025: выполнено" in browser.page_source
    shot(browser, "17-timeline")
    browser.back()
    browser.find_element(By.LINK_TEXT, "Мониторинг").click()
    browser.find_element(By.XPATH, "//button[contains(., 'Зафиксировать срез')]").click()
    assert wait_text(browser, "Отчёт о проведённых мероприятиях")
    assert wait_text(browser, "Собеседование проведено, справка подготовлена")
    shot(browser, "18-monitoring-round")

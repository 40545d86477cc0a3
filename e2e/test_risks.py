"""Risk profiles in a real browser: a school fills its self-assessment, the curator corrects a
factor with a justification, the municipality sees the summary and heat map."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import login, shot, wait_text


def test_self_assessment_correction_and_summary(browser):
    login(browser, "yurga.school14")
    browser.find_element(By.LINK_TEXT, "МБОУ СОШ № 14").click()
    browser.find_element(By.LINK_TEXT, "Рисковый профиль").click()
    browser.find_element(By.PARTIAL_LINK_TEXT, "Самодиагностика").click()
    wait_text(browser, "Самодиагностика")
    # Every statement of motivation «полностью соответствует», the rest «совсем не соответствует».
    # One fieldset per factor (class "card"), holding one fieldset per question.
    for fieldset in browser.find_elements(By.CSS_SELECTOR, "fieldset.card"):
        value = "3" if "Низкая учебная мотивация" in fieldset.text else "0"
        for radio in fieldset.find_elements(By.CSS_SELECTOR, f"input[type=radio][value='{value}']"):
            browser.execute_script("arguments[0].click();", radio)
    shot(browser, "20-self-assessment")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    assert wait_text(browser, "По самодиагностике")
    assert "высокая" in browser.page_source
    shot(browser, "21-risk-profile")
    browser.find_element(By.CSS_SELECTOR, ".account button").click()

    login(browser, "yurga.curator")
    browser.find_element(By.LINK_TEXT, "МБОУ СОШ № 14").click()
    browser.find_element(By.LINK_TEXT, "Рисковый профиль").click()
    wait_text(browser, "Корректировка куратора")
    row = [r for r in browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr") if "Низкая учебная мотивация" in r.text][0]
    Select(row.find_element(By.CSS_SELECTOR, "select")).select_by_value("2")
    row.find_element(By.CSS_SELECTOR, "input[name=justification]").send_keys("по итогам посещения уроков")
    row.find_element(By.CSS_SELECTOR, "button").click()
    assert wait_text(browser, "средняя: по итогам посещения уроков")
    shot(browser, "22-risk-profile-corrected")
    browser.find_element(By.CSS_SELECTOR, ".account button").click()

    login(browser, "slavyansk")
    browser.find_element(By.LINK_TEXT, "Риски").click()
    assert wait_text(browser, "в 14 ОУ (школы № 7, 8, 10, 16, 19, 20, 22, 23, 43, 48, 50, 51, 52, 56) фактором риска со средней или высокой значимостью является низкая учебная мотивация обучающихся")
    shot(browser, "23-risk-summary-heatmap")

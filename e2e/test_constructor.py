"""The school roadmap in a real browser: constructor from the risk profile, submit, the
curator's comment, the school's reply, agreement."""
from selenium.webdriver.common.by import By

from conftest import login, shot, wait_text


def fill_self_assessment(browser, risky):
    browser.find_element(By.PARTIAL_LINK_TEXT, "Самодиагностика").click()
    wait_text(browser, "Самодиагностика")
    # One fieldset per factor (class "card"), holding one fieldset per question.
    for fieldset in browser.find_elements(By.CSS_SELECTOR, "fieldset.card"):
        value = "2" if any(r in fieldset.text for r in risky) else "0"
        for radio in fieldset.find_elements(By.CSS_SELECTOR, f"input[type=radio][value='{value}']"):
            browser.execute_script("arguments[0].click();", radio)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait_text(browser, "По самодиагностике")


def test_constructor_submit_comment_agree(browser):
    login(browser, "yurga.school14")
    browser.find_element(By.LINK_TEXT, "МБОУ СОШ № 14").click()
    browser.find_element(By.LINK_TEXT, "Рисковый профиль").click()
    fill_self_assessment(browser, ["Низкая учебная мотивация", "Высокая доля обучающихся"])
    # From the profile page (/schools/<id>/risks) to the school's constructor.
    school = browser.current_url.split("/schools/")[1].split("/")[0]
    browser.get(browser.current_url.split("/schools/")[0] + f"/schools/{school}/constructor")
    wait_text(browser, "Конструктор дорожной карты")
    for box in browser.find_elements(By.CSS_SELECTOR, "input[type=checkbox]:not([disabled])"):
        box.click()
    shot(browser, "24-constructor")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    assert wait_text(browser, "Антирисковая программа: низкая учебная мотивация обучающихся")
    shot(browser, "25-school-roadmap-draft")
    browser.find_element(By.XPATH, "//button[contains(., 'Подать на согласование')]").click()
    assert wait_text(browser, "на согласовании")
    roadmap_url = browser.current_url.split("#")[0]
    browser.find_element(By.CSS_SELECTOR, ".account button").click()

    login(browser, "yurga.curator")
    browser.get(roadmap_url)
    wait_text(browser, "Согласование")
    browser.find_element(By.ID, "comment-text").send_keys("Уточните, для каких классов группы поддержки")
    browser.find_element(By.XPATH, "//button[contains(., 'Отправить комментарий')]").click()
    assert wait_text(browser, "Уточните, для каких классов группы поддержки")
    browser.find_element(By.CSS_SELECTOR, ".account button").click()

    login(browser, "yurga.school14")
    assert wait_text(browser, "Новые комментарии по согласованию")
    shot(browser, "26-start-page-comment")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Дорожная карта МБОУ СОШ № 14").click()
    reply = browser.find_element(By.CSS_SELECTOR, "ul.thread input[name=text]")
    reply.send_keys("5–7 классы, математика")
    browser.find_element(By.XPATH, "//button[contains(., 'Ответить')]").click()
    assert wait_text(browser, "5–7 классы, математика")
    browser.find_element(By.CSS_SELECTOR, ".account button").click()

    login(browser, "yurga.curator")
    browser.get(roadmap_url)
    browser.find_element(By.ID, "decision-comment").send_keys("Замечаний нет")
    browser.find_element(By.XPATH, "//button[@value='agree']").click()
    assert wait_text(browser, "согласована куратором")
    shot(browser, "27-school-roadmap-agreed")

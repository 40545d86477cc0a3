"""Support work in a real browser: an event with participants, a visit with a recommendation
the school reports done, a teacher's development route, and the annual report (opened by
LibreOffice)."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import BASE, login, shot, wait_text
from test_roadmaps import pdf_text, session_of


def check(browser, label_text):
    """Ticks the checkbox whose label contains the text."""
    browser.find_element(By.XPATH, f"//label[contains(@class, 'check')][contains(., '{label_text}')]/input").click()


def test_event_with_participants_and_visit_with_recommendation(browser):
    login(browser, "yurga")
    browser.find_element(By.LINK_TEXT, "Сопровождение").click()
    wait_text(browser, "Сопровождение ШНОР")
    browser.find_element(By.XPATH, "//summary[contains(., 'Записать мероприятие')]").click()
    Select(browser.find_element(By.NAME, "kind")).select_by_value("visit")
    browser.find_element(By.NAME, "title").send_keys("Выезд: уроки математики в 5-х классах")
    browser.execute_script("document.querySelector('input[name=date]').value = '2026-11-20'")
    browser.find_element(By.NAME, "organiser").send_keys("Управление образования")
    check(browser, "МБОУ СОШ № 1")
    check(browser, "Бобрышева")
    browser.find_element(By.NAME, "protocol").send_keys("Справка № 14")
    browser.find_element(By.XPATH, "//button[contains(., 'Записать')]").click()
    assert wait_text(browser, "Методический выезд: Выезд: уроки математики в 5-х классах")
    assert "Бобрышева" in browser.page_source
    browser.find_element(By.XPATH, "//summary[contains(., 'Записать, что увидели')]").click()
    browser.find_element(By.NAME, "lessons").clear()
    browser.find_element(By.NAME, "lessons").send_keys("3")
    browser.find_element(By.NAME, "below").click()
    browser.find_element(By.NAME, "findings").send_keys("На уроках нет работы с типичными ошибками ВПР")
    browser.find_element(By.XPATH, "//form[contains(@action, '/findings')]//button").click()
    assert wait_text(browser, "нет работы с типичными ошибками ВПР")
    browser.find_element(By.XPATH, "//summary[contains(., 'Добавить рекомендацию')]").click()
    browser.find_element(By.NAME, "text").send_keys("Включить в уроки разбор типичных ошибок ВПР")
    browser.execute_script("document.querySelector('form[action$=\"/follow-ups\"] input[name=due]').value = '2026-12-20'")
    browser.find_element(By.XPATH, "//form[contains(@action, '/follow-ups')]//button").click()
    assert wait_text(browser, "Включить в уроки разбор типичных ошибок ВПР")
    shot(browser, "35-visit-with-recommendation")
    event_url = browser.current_url.split("#")[0]
    # The curator of СОШ № 1 reports the recommendation done.
    browser.delete_all_cookies()
    login(browser, "yurga.curator")
    browser.get(event_url)
    assert wait_text(browser, "Включить в уроки разбор типичных ошибок ВПР")
    browser.find_element(By.NAME, "note").send_keys("Разбор включён в планы уроков")
    browser.find_element(By.XPATH, "//button[contains(., 'Выполнено')]").click()
    assert wait_text(browser, "Разбор включён в планы уроков")
    assert "выполнено" in browser.page_source
    shot(browser, "36-recommendation-done")


def test_teacher_route(browser):
    login(browser, "yurga")
    browser.get(BASE + "/")
    browser.find_element(By.LINK_TEXT, "Школы").click()
    browser.find_element(By.PARTIAL_LINK_TEXT, "СОШ № 14").click()
    browser.find_element(By.LINK_TEXT, "Педагоги").click()
    browser.find_element(By.XPATH, "//summary[contains(., 'Добавить педагога')]").click()
    browser.find_element(By.NAME, "fullName").send_keys("Кузнецова Ирина Олеговна")
    browser.find_element(By.NAME, "position").send_keys("учитель")
    browser.find_element(By.NAME, "subject").send_keys("математика")
    browser.find_element(By.XPATH, "//form[contains(@action, '/teachers')]//button").click()
    browser.find_element(By.LINK_TEXT, "Кузнецова Ирина Олеговна").click()
    assert wait_text(browser, "Индивидуальный образовательный маршрут")
    browser.find_element(By.XPATH, "//summary[contains(., 'Добавить дефицит')]").click()
    browser.find_element(By.NAME, "description").send_keys("решение задач на движение")
    browser.find_element(By.NAME, "training").click()
    browser.find_element(By.XPATH, "//form[contains(@action, '/deficits')]//button").click()
    assert wait_text(browser, "решение задач на движение")
    browser.find_element(By.XPATH, "//summary[contains(., 'Запланировать курс')]").click()
    browser.find_element(By.NAME, "title").send_keys("Методика обучения решению текстовых задач")
    browser.find_element(By.NAME, "hours").send_keys("36")
    browser.find_element(By.NAME, "planned").send_keys("февраль 2027")
    browser.find_element(By.XPATH, "//form[contains(@action, '/courses')]//button").click()
    assert wait_text(browser, "Методика обучения решению текстовых задач")
    browser.find_element(By.XPATH, "//button[contains(., 'Пройден')]").click()
    assert wait_text(browser, "пройден ")
    shot(browser, "37-teacher-route")


def test_annual_report_opens_in_libreoffice(browser):
    login(browser, "slavyansk")
    browser.get(BASE + "/")
    browser.find_element(By.LINK_TEXT, "Сопровождение").click()
    browser.find_element(By.LINK_TEXT, "Годовой отчёт").click()
    year = browser.find_element(By.NAME, "year")
    year.clear()
    year.send_keys("2020")
    browser.find_element(By.XPATH, "//form[@method='get']//button").click()
    assert wait_text(browser, "в 2020-2021 учебном году")
    assert "МБОУ ООШ № 52" in browser.page_source
    shot(browser, "38-annual-report")
    s = session_of(browser)
    docx = s.get(browser.find_element(By.LINK_TEXT, "Скачать отчёт (DOCX)").get_attribute("href"), timeout=30)
    assert docx.status_code == 200
    text = pdf_text(docx.content, "report.docx")
    for phrase in ["ОТЧЁТ О РАБОТЕ СО ШКОЛАМИ", "17 школ", "всего посещено 13 школ", "МБОУ ООШ № 8, МБОУ СОШ № 10, МБОУ ООШ № 52", "29 педагогов из 9 школ", "Рекомендации"]:
        assert phrase in text, phrase
    order = s.get(browser.find_element(By.PARTIAL_LINK_TEXT, "Приказ об утверждении").get_attribute("href"), timeout=30)
    assert "Об утверждении отчёта" in pdf_text(order.content, "order.docx")

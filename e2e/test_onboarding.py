"""A real region from an empty database, as a new user does it: `opora setup`, the region's
registry file (700 schools in 70 municipalities, generated here — never real data), a
coordinator's account, the school heads' accounts as XLSX, and a head's first login."""
import csv
import io
import os
import pathlib
import re
import subprocess
import tempfile
import time
import urllib.request

import openpyxl
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import shot, wait_text

BIN = os.environ.get("OPORA_BIN")
PORT = int(os.environ.get("OPORA_ONBOARDING_PORT", "8124"))
BASE = f"http://127.0.0.1:{PORT}"


def inn(nine: str) -> str:
    weights = [2, 4, 10, 3, 5, 9, 4, 6, 8]
    return nine + str(sum(int(d) * w for d, w in zip(nine, weights)) % 11 % 10)


def registry_csv(path: pathlib.Path, schools=700, municipalities=70):
    """The ФИС ОКО list of logins with an ИНН column, in Windows-1251, under two title lines."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(["Логины ОО региона в ФИС ОКО", "", "", ""])
    w.writerow(["", "", "", ""])
    w.writerow(["логин", "имя (краткое наименование)", "регион/муниципалитет", "ИНН"])
    per = schools // municipalities
    for s in range(schools):
        m = s // per + 1
        w.writerow([f"sch77{s:04d}", f"МБОУ СОШ № {s % per + 1}", f"Тестовый муниципальный район {m:02d}", inn(f"77{s:07d}")])
    path.write_bytes(out.getvalue().encode("cp1251"))


@pytest.fixture(scope="module")
def region():
    if not BIN:
        pytest.skip("OPORA_BIN is not set (scripts/test sets it)")
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="opora-region-"))
    env = dict(os.environ, OPORA_DB=str(tmp / "region.sqlite"), OPORA_BCRYPT_COST="4")
    out = subprocess.run([BIN, "setup", "--region", "Тестовая область", "--admin-login", "admin", "--log", "error"],
                         env=env, capture_output=True, text=True, check=True).stdout
    password = re.search(r"Одноразовый пароль: (\S+)", out).group(1)
    log = open(tmp / "server.log", "w")
    server = subprocess.Popen([BIN, "serve", "--port", str(PORT)], env=env, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(120):
        try:
            urllib.request.urlopen(BASE + "/health", timeout=1)
            break
        except Exception:
            time.sleep(0.5)
    registry_csv(tmp / "registry.csv")
    yield {"tmp": tmp, "password": password, "log": tmp / "server.log"}
    server.terminate()
    server.wait(10)


def sign_in(driver, login, password):
    driver.get(BASE + "/login")
    driver.find_element(By.NAME, "login").send_keys(login)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form.login button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: "Выйти" in d.page_source or "Неверный логин" in d.page_source)


def change_password(driver, old, new):
    wait_text(driver, "Вы вошли с одноразовым паролем")
    driver.find_element(By.NAME, "current").send_keys(old)
    driver.find_element(By.NAME, "new").send_keys(new)
    driver.find_element(By.NAME, "repeated").send_keys(new)
    driver.find_element(By.CSS_SELECTOR, "form.password button[type=submit]").click()
    wait_text(driver, "Здравствуйте")


def sign_out(driver):
    driver.find_element(By.CSS_SELECTOR, "header .account button").click()
    wait_text(driver, "Вход в систему")


def test_empty_database_to_a_school_head(browser, region):
    downloads = region["tmp"] / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})

    browser.get(BASE + "/login")
    assert "Система ещё не настроена" not in browser.page_source
    sign_in(browser, "admin", region["password"])
    # Every page leads to the password change until the one-time password is replaced.
    browser.get(BASE + "/authorities")
    shot(browser, "onboarding-01-password-change")
    change_password(browser, region["password"], "Kedr-Sosna-2026!")

    browser.find_element(By.LINK_TEXT, "Импорт реестра").click()
    browser.find_element(By.NAME, "file").send_keys(str(region["tmp"] / "registry.csv"))
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait_text(browser, "новых школ")
    assert '<span class="figure">70</span>' in browser.page_source
    assert '<span class="figure">700</span>' in browser.page_source
    shot(browser, "onboarding-02-registry-preview")
    browser.find_element(By.XPATH, "//button[contains(., 'Применить')]").click()
    wait_text(browser, "Реестр обновлён: муниципалитетов создано: 70; школ создано: 700")
    shot(browser, "onboarding-03-registry-applied")

    browser.find_element(By.LINK_TEXT, "Учётные записи").click()
    wait_text(browser, "Учётные записи региона")
    Select(browser.find_element(By.NAME, "role")).select_by_value("coordinator")
    Select(browser.find_element(By.NAME, "authorityID")).select_by_visible_text("Тестовый муниципальный район 01")
    browser.find_element(By.NAME, "login").send_keys("coord01")
    browser.find_element(By.NAME, "fullName").send_keys("Смирнова Ольга Петровна")
    browser.find_element(By.XPATH, "//button[contains(., 'одноразовый пароль')]").click()
    wait_text(browser, "Пароль показывается один раз")
    shot(browser, "onboarding-04-coordinator-one-time-password")
    coordinator_password = browser.find_element(By.CSS_SELECTOR, ".issued-password code").text
    sign_out(browser)

    sign_in(browser, "coord01", coordinator_password)
    change_password(browser, coordinator_password, "Coordinator-01-ok")
    browser.find_element(By.LINK_TEXT, "Люди").click()
    wait_text(browser, "Руководители школ")
    browser.find_element(By.CSS_SELECTOR, "form.heads button").click()
    for _ in range(60):
        files = [f for f in downloads.iterdir() if f.suffix == ".xlsx"]
        if files:
            break
        time.sleep(0.5)
    assert files, "the heads' XLSX was not downloaded"
    time.sleep(0.5)
    sheet = openpyxl.load_workbook(files[0]).active
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=4)]
    assert len(rows) == 10
    school, head_login, head_password = rows[0][1], rows[0][3], rows[0][4]
    assert re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", head_password)
    browser.refresh()
    wait_text(browser, "ждёт первого входа")
    shot(browser, "onboarding-05-people-with-heads")
    sign_out(browser)

    sign_in(browser, head_login, head_password)
    change_password(browser, head_password, "Shkola-Nasha-2026")
    assert school in browser.page_source
    assert "Моя школа" in browser.page_source
    shot(browser, "onboarding-06-head-home")
    # Another municipality's school does not exist for the head.
    browser.get(BASE + "/schools/700")
    wait_text(browser, "Страница не найдена или у вас нет к ней доступа")

"""Fixtures for the real-browser tests: Debian's Chromium driven by Selenium against a
server that scripts/test started with the demo data (OPORA_URL)."""
import os
import pathlib

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

BASE = os.environ.get("OPORA_URL", "http://127.0.0.1:8123")
ARTIFACTS = pathlib.Path(os.environ.get("OPORA_ARTIFACTS", "artifacts"))
SHOTS = ARTIFACTS / "screenshots"
PASSWORD = "opora-demo"


@pytest.fixture
def browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1366,900", "--lang=ru-RU"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def shot(driver, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Full-page height so the screenshot shows the whole table.
    height = driver.execute_script("return document.body.scrollHeight")
    driver.set_window_size(1366, max(900, min(height + 50, 4000)))
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def login(driver, user, password=PASSWORD):
    driver.get(BASE + "/login")
    driver.find_element(By.NAME, "login").send_keys(user)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form.login button[type=submit]").click()
    # Wait for the answer to the login form, so the next navigation does not race it.
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(driver, 10).until(lambda d: "Выйти" in d.page_source or "Неверный логин" in d.page_source or "Слишком много" in d.page_source)


def wait_text(driver, text, timeout=10):
    """Waits until the page shows the text: a click's navigation may not have finished yet."""
    from selenium.webdriver.support.ui import WebDriverWait
    try:
        WebDriverWait(driver, timeout).until(lambda d: text in d.page_source)
    except Exception:
        raise AssertionError(f"«{text}» not on {driver.current_url}")
    return True

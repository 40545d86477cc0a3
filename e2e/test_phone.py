"""Phones: every key page of every role at 390 px wide must fit the screen — a page that scrolls
sideways fails, naming its address and width. Screenshots of each role's start page at 390 px
and at 1366 px go to artifacts/screenshots (phone-*.png, desktop-*.png)."""
import re
from urllib.parse import urlparse

from selenium.webdriver.common.by import By

from conftest import BASE, SHOTS, login

PHONE = (390, 844)


def hrefs(driver, css, pattern=None):
    """Same-site links of the page that match the CSS selector (and the pattern), in order, once."""
    out = []
    for a in driver.find_elements(By.CSS_SELECTOR, css):
        href = a.get_attribute("href") or ""
        if urlparse(href).netloc != urlparse(BASE).netloc:
            continue
        path = urlparse(href).path
        if pattern and not re.search(pattern, path):
            continue
        if href not in out:
            out.append(href)
    return out


def width_problem(driver, url):
    """None when the page fits; «skipped» for an error page (an address a role may not open,
    e.g. a municipal page for a curator), which proves nothing about the layout."""
    driver.get(url)
    if driver.title.startswith("Ошибка"):
        return "skipped"
    inner = driver.execute_script("return window.innerWidth")
    wide = driver.execute_script("return document.documentElement.scrollWidth")
    if wide > inner:
        return f"{urlparse(url).path}?{urlparse(url).query}: {wide} px on a {inner} px screen"
    return None


def start_shots(driver, role):
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.set_window_size(*PHONE)
    driver.get(BASE + "/")
    height = driver.execute_script("return document.body.scrollHeight")
    driver.set_window_size(PHONE[0], max(PHONE[1], min(height + 80, 3000)))
    driver.save_screenshot(str(SHOTS / f"phone-{role}-start.png"))
    driver.set_window_size(1366, 900)
    driver.get(BASE + "/")
    driver.save_screenshot(str(SHOTS / f"desktop-{role}-start.png"))
    driver.set_window_size(*PHONE)


def pages_of(driver):
    """The start page, the menu and the role's main objects: what this user opens in a day."""
    driver.get(BASE + "/")
    pages = [BASE + "/"] + hrefs(driver, ".site-header nav a") + hrefs(driver, "main a", r"^/(schools|roadmaps|measures|authorities)/\d+")[:6]
    pages += hrefs(driver, "main a", r"^/schools/\d+$")[:1]
    school = next((h for h in pages if re.search(r"/schools/\d+$", urlparse(h).path)), None)
    if school:
        for tail in ("/risks", "/results", "/diagnostic-card", "/support", "/teachers", "/students-at-risk"):
            pages.append(school + tail)
    authority = next((h for h in pages if re.search(r"/authorities/\d+/roadmaps$", urlparse(h).path)), None)
    if authority:
        base = authority[: -len("/roadmaps")]
        for tail in ("/annual-report", "/teachers-training", "/list-proposal", "/school-roadmaps", "/practices", "/templates", "/new-year"):
            pages.append(base + tail)
        driver.get(authority)
        roadmap = hrefs(driver, "main a", r"^/roadmaps/\d+$")[:1]
        pages += roadmap
        if roadmap:
            driver.get(roadmap[0])
            pages += hrefs(driver, "main a", r"^/measures/\d+$")[:1]
            pages += [roadmap[0] + "/timeline", roadmap[0] + "/rounds"]
    seen = []
    for p in pages:
        if p not in seen:
            seen.append(p)
    return seen


def check_role(browser, login_name, role):
    browser.set_window_size(*PHONE)
    login(browser, login_name)
    start_shots(browser, role)
    problems = []
    pages = pages_of(browser)
    loaded = 0
    for url in pages:
        problem = width_problem(browser, url)
        if problem == "skipped":
            continue
        loaded += 1
        if problem:
            problems.append(problem)
            SHOTS.mkdir(parents=True, exist_ok=True)
            browser.save_screenshot(str(SHOTS / f"phone-too-wide-{role}-{len(problems)}.png"))
    # Pages that opened and were measured, not addresses tried.
    assert loaded >= 5, pages
    assert not problems, "\n".join(problems)


def test_coordinator_pages_fit_a_phone(browser):
    check_role(browser, "yurga", "coordinator")


def test_curator_pages_fit_a_phone(browser):
    check_role(browser, "yurga.curator", "curator")


def test_school_head_pages_fit_a_phone(browser):
    check_role(browser, "yurga.school14", "school-head")


def test_observer_pages_fit_a_phone(browser):
    check_role(browser, "observer", "observer")

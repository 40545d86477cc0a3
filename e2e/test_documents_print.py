"""Every DOCX and XLSX the application makes from the demo data, printed. No browser: each
coordinator signs in with requests and follows the links of the pages (roadmaps → roadmap →
«Скачать приказ», monitoring rounds, dynamics, annual report, teachers, students at risk, the
school heads' accounts); the files are converted to PDF by one LibreOffice call and read back
with `pdftotext -bbox`. Each printed document must

1. take a sane number of pages for what it says: on average at least WORDS_PER_PAGE words a
   page (one partly filled page allowed per section or sheet, which each begin a page), and no
   page of a Word document left mostly empty before the next page of the same section — as
   the Novosibirsk roadmap annex once was, its table rows unable to break across pages;
2. stay inside the paper: no word of a workbook beyond the paper's right edge less 0.3 cm, no
   word of a Word document in its 1.5 cm right margin (so no table wider than its section's
   text), none left of the paper; and a workbook printed one page wide has each sheet's header
   row whole on one page (columns split across pages would send the last ones elsewhere);
3. say what it is: its title, the municipality, the roadmap's first measure…

The downloaded files, their PDFs and summary.tsv (pages, words, widest word of each) are kept
in $OPORA_ARTIFACTS/documents-print/."""
import html
import math
import re
import shutil
import subprocess
import tempfile
import warnings
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urljoin, urlparse

import pytest
import requests

from conftest import ARTIFACTS, BASE, PASSWORD

OUT = ARTIFACTS / "documents-print"
COORDINATORS = ["yurga", "puchezh", "novosibirsk", "slavyansk", "sochi"]
#: Whose school heads get their accounts: a POST that creates them, so in a municipality whose
#: people no other e2e test works with.
HEADS_OF = "puchezh"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: How close to the edge of the paper a word may come: 0.3 cm. The writers keep margins of
#: 1.5 cm (DOCX, right) and 1.27 cm (XLSX), so a word this close has left the text area.
EDGE = 0.3 * 72 / 2.54
#: A Word document's words stay within its text: the right margin of 1.5 cm less 0.2 cm for
#: rounding. A table wider than its section runs into the margin before it reaches the paper's
#: edge, so this is what catches it (the old annual report's tables ran 4 cm past).
DOCX_EDGE = (1.5 - 0.2) * 72 / 2.54
#: Words a printed page carries at the least, on average. A portrait page of 12 pt text holds
#: 350–450 words; the landscape annex of a roadmap, whose narrow columns wrap every few words,
#: carries 117–214 a page (134 on average for Puchezh's, 186 for Sochi's), a workbook page far
#: more. The Novosibirsk annex with rows that could not break carried 89.
WORDS_PER_PAGE = 120
#: Where on its page (share of the height) the text of a Word document's page must reach at the
#: least when the same section goes on to the next page: the text area ends at 90–93 %, full
#: pages measured 71–93 %; the pages the Novosibirsk annex left half empty ended at 50–62 %.
MIN_FILL = 0.60


# ----------------------------------------------------------------------------- the pages

class Page(HTMLParser):
    """A page's links (address and text), h1, forms and CSRF token."""

    def __init__(self, url, text):
        super().__init__(convert_charrefs=True)
        self.url, self.html, self.links, self.h1, self.csrf, self.forms = url, text, [], "", None, []
        self._a, self._in_h1 = None, False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "href" in a:
            self._a = [urljoin(self.url, a["href"]), ""]
        elif tag == "h1":
            self._in_h1 = True
        elif tag == "input" and a.get("name") == "_csrf":
            self.csrf = a.get("value")
        elif tag == "form":
            self.forms.append(urljoin(self.url, a.get("action", "")))

    def handle_endtag(self, tag):
        if tag == "a" and self._a:
            self.links.append((self._a[0], " ".join(self._a[1].split())))
            self._a = None
        elif tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._a:
            self._a[1] += data
        if self._in_h1:
            self.h1 += data

    def link(self, text=None, path=None):
        """The first link whose text contains `text` and whose path matches the regex `path`."""
        for href, t in self.links:
            if (text is None or text in t) and (path is None or re.search(path, urlparse(href).path)):
                return href
        return None

    def all(self, path):
        """Every link (once) whose whole path matches the regex `path`."""
        out = []
        for href, _ in self.links:
            if re.fullmatch(path, urlparse(href).path) and href not in out:
                out.append(href)
        return out

    @property
    def title(self):
        return " ".join(self.h1.split())


def signed_in(user):
    s = requests.Session()
    form = Page(BASE + "/login", s.get(BASE + "/login", timeout=30).text)
    r = s.post(BASE + "/login", data={"_csrf": form.csrf, "next": "/", "login": user, "password": PASSWORD}, timeout=30)
    assert r.status_code == 200 and "Выйти" in r.text, f"{user} could not sign in: {r.status_code}"
    return s


def get(s, url):
    assert url, "no link to follow"
    r = s.get(url, timeout=60)
    assert r.status_code == 200, f"{url}: {r.status_code}"
    return Page(r.url, r.text)


def words(text, n):
    return " ".join(text.split()[:n])


# ----------------------------------------------------------------------------- the documents

@dataclass
class Doc:
    name: str              # file name without extension, unique
    user: str
    session: requests.Session
    url: str
    kind: str              # what the document is, for the messages
    ext: str               # "docx" or "xlsx"
    phrases: list          # what the PDF must say: a phrase, or a tuple of words in any order
    method: str = "GET"
    data: dict = None
    path: object = None
    pdf: object = None
    parts: int = 1         # sections (DOCX) or sheets (XLSX): each begins a page
    pages: list = field(default_factory=list)   # [(width, height, [(xMin, yMin, xMax, yMax, word)])]

    @property
    def address(self):
        u = urlparse(self.url)
        return u.path + ("?" + u.query if u.query else "")

    @property
    def label(self):
        return f"{self.name}.{self.ext} ({self.kind}; {self.method} {self.address} as {self.user})"

    @property
    def words(self):
        return [w for _, _, ws in self.pages for w in ws]

    @property
    def text(self):
        return " ".join(w[4] for w in self.words)


def discover():
    """Every document the coordinators can download, found by following the pages' links."""
    docs = []
    authorities = {}

    def add(s, user, url, kind, ext, phrases, method="GET", data=None):
        assert url, f"{user}: no link to the {kind}"
        u = urlparse(url)
        q = parse_qs(u.query)
        tail = "-".join(q[k][0] for k in ("year", "from", "to") if k in q)
        slug = re.sub(r"[^a-z0-9]+", "-", re.sub(r"\.(docx|xlsx)$", "", u.path).lower()).strip("-")
        name = "-".join(x for x in (f"{len(docs) + 1:02d}", user, slug, tail) if x)
        docs.append(Doc(name, user, s, url, kind, ext, phrases, method, data))

    for user in COORDINATORS:
        s = signed_in(user)
        home = get(s, BASE + "/")
        roadmaps = get(s, home.link("Дорожные карты", r"^/authorities/\d+/roadmaps$"))
        aid = re.search(r"/authorities/(\d+)/", roadmaps.url).group(1)
        card = get(s, BASE + f"/authorities/{aid}")
        municipality = card.title
        authorities[aid] = user

        # Roadmaps, the municipality's and its schools': the order with the roadmap as its
        # annex, the table, and every monitoring round's report.
        listed = roadmaps.all(r"/roadmaps/\d+")
        if card.link("Школьные дорожные карты"):
            listed += [h for h in get(s, card.link("Школьные дорожные карты")).all(r"/roadmaps/\d+") if h not in listed]
        for href in listed:
            rm = get(s, href)
            title = rm.title
            first = re.search(r'<a href="/measures/\d+">[^<]*</a></td><td>([^<]+)</td>', rm.html)
            # A measure's name wraps in its cell, the words of the next cells between its lines.
            measure = [tuple(html.unescape(first.group(1)).split()[:4])] if first else []
            add(s, user, rm.link("Скачать приказ"), f"roadmap order with annex «{words(title, 8)}…»", "docx",
                ["ПРИКАЗ", "Об утверждении", words(title.upper(), 6)] + measure)
            add(s, user, rm.link("Скачать таблицу"), f"roadmap table «{words(title, 8)}…»", "xlsx", [words(title, 6)] + measure)
            rounds = rm.link("Мониторинг", r"/rounds$")
            for rhref in get(s, rounds).all(r"/rounds/\d+") if rounds else []:
                rnd = get(s, rhref)
                add(s, user, rnd.link("Отчёт (DOCX)"), f"monitoring round report «{rnd.title}»", "docx",
                    ["ОТЧЁТ", "о реализации:", words(title, 4)])
                add(s, user, rnd.link("Отчёт (XLSX)"), f"monitoring round report «{rnd.title}»", "xlsx",
                    ["Показатели", "Отчёт о проведённых мероприятиях", words(title, 4)])

        # Lists: «Динамика списка ШНОР» over the years the page offers, and over ten years.
        xlsx = get(s, home.link("Динамика", r"^/authorities/\d+/dynamics$")).link("Скачать XLSX")
        add(s, user, xlsx, "dynamics of the list, the years linked", "xlsx", ["Динамика списка ШНОР", municipality])
        to = int(parse_qs(urlparse(xlsx).query)["to"][0])
        add(s, user, xlsx.split("?")[0] + "?" + urlencode({"from": to - 9, "to": to}), "dynamics of the list, ten years", "xlsx",
            ["Динамика списка ШНОР", municipality, str(to - 9)])

        # Support: the annual report, its approving order and its tables, for the year the
        # page opens and the two years with the most to say; the teachers who need training.
        support = get(s, home.link("Сопровождение", r"^/authorities/\d+/support$"))
        annual = get(s, support.link("Годовой отчёт"))
        # The year the page shows, as its download links say (the page may choose it itself).
        default_year = int(parse_qs(urlparse(annual.link("Скачать отчёт (DOCX)") or "").query)["year"][0])
        by_year = {y: get(s, annual.url.split("?")[0] + f"?year={y}") for y in range(default_year - 8, default_year)}
        richest = sorted(by_year, key=lambda y: len(re.sub(r"<[^>]+>", "", by_year[y].html)), reverse=True)[:2]
        for year, a in [(default_year, annual)] + [(y, by_year[y]) for y in sorted(richest)]:
            add(s, user, a.link("Скачать отчёт (DOCX)"), f"annual report {year}-{year + 1}", "docx",
                ["ОТЧЁТ О РАБОТЕ СО ШКОЛАМИ", f"{year}-{year + 1} УЧЕБНОМ ГОДУ", f"({municipality})", "Выводы и рекомендации"])
            add(s, user, a.link("Приказ об утверждении"), f"order approving the annual report {year}-{year + 1}", "docx",
                ["ПРИКАЗ", "Об утверждении отчёта", f"{year}-{year + 1} учебном году", f"({municipality})"])
            add(s, user, a.link("Таблицы (XLSX)"), f"annual report tables {year}-{year + 1}", "xlsx", ["Основание включения", "Индикатор"])
        training = get(s, support.link("Педагоги, нуждающиеся в предметной подготовке"))
        for year in range(default_year, default_year - 8, -1):
            t = training if year == default_year else get(s, training.url.split("?")[0] + f"?year={year}")
            if t.link("Скачать для региона (XLSX)"):
                add(s, user, t.link("Скачать для региона (XLSX)"), f"teachers who need subject training {year}/{year + 1}", "xlsx",
                    ["Список педагогов, нуждающихся в предметной подготовке", municipality])

        # Results: each school's students at risk with their learning routes (ИОМ).
        for shref in get(s, home.link("Школы", r"^/authorities/\d+/schools$")).all(r"/schools/\d+"):
            at_risk = get(s, shref).link("Группа риска", r"/students-at-risk$")
            p = get(s, at_risk) if at_risk else None
            if p and p.link("Скачать ИОМ"):
                add(s, user, p.link("Скачать ИОМ"), f"students at risk and their routes (ИОМ), {p.title}", "xlsx",
                    ["Индивидуальные образовательные маршруты", p.title.split(": ", 1)[-1]])

        # People: the school heads' accounts with their one-time passwords (creates them).
        if user == HEADS_OF:
            people = get(s, home.link("Люди", r"^/authorities/\d+/people$"))
            action = next(f for f in people.forms if f.endswith("/people/school-heads"))
            add(s, user, action, "school heads' accounts", "xlsx", ["Учётные записи руководителей школ", municipality],
                method="POST", data={"_csrf": people.csrf})
    return docs, authorities


def download(doc):
    r = doc.session.post(doc.url, data=doc.data, timeout=120) if doc.method == "POST" else doc.session.get(doc.url, timeout=120)
    assert r.status_code == 200, f"{doc.label}: {r.status_code}"
    want = DOCX if doc.ext == "docx" else XLSX
    assert r.headers.get("content-type", "").startswith(want), f"{doc.label}: {r.headers.get('content-type')}"
    doc.path = OUT / f"{doc.name}.{doc.ext}"
    doc.path.write_bytes(r.content)
    with zipfile.ZipFile(doc.path) as z:
        if doc.ext == "docx":
            doc.parts = z.read("word/document.xml").decode().count("<w:sectPr")
        else:
            doc.parts = z.read("xl/workbook.xml").decode().count("<sheet ")


def convert(docs):
    """One LibreOffice for all the files, with a profile of its own so that no other
    LibreOffice running on the machine stands in its way."""
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(OUT)]
                       + [str(d.path) for d in docs], check=True, capture_output=True, timeout=600)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    for d in docs:
        d.pdf = d.path.with_suffix(".pdf")
        assert d.pdf.exists(), f"LibreOffice did not convert {d.label}"
        d.pages = bbox(d.pdf)


WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>')


def bbox(pdf):
    """A PDF's pages: width, height and every word with its box, in points."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        ws = [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in WORD.findall(m.group(3))]
        pages.append((float(m.group(1)), float(m.group(2)), ws))
    return pages


def header_rows(path):
    """Each sheet's header row as cell texts: of the rows printed at the top of every page (the
    first three when none are), the one with the most cells."""
    import openpyxl
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        titles = ws.print_title_rows
        last = int(re.findall(r"\d+", titles)[-1]) if titles else min(3, ws.max_row)
        rows = [[str(c.value) for c in ws[r] if c.value not in (None, "")] for r in range(1, last + 1)]
        out.append((ws.title, max(rows, key=len, default=[])))
    return out


@pytest.fixture(scope="module")
def printed():
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    docs, authorities = discover()
    for d in docs:
        download(d)
    convert(docs)
    lines = ["file\tlogin\taddress\tpages\twords\tsections/sheets\twidest word xMax\tpage width\twidest word"]
    for d in docs:
        widest = max(d.words, key=lambda w: w[2], default=(0, 0, 0, 0, ""))
        width = next((p[0] for p in d.pages if widest in p[2]), 0)
        lines.append(f"{d.name}.{d.ext}\t{d.user}\t{d.method} {d.address}\t{len(d.pages)}\t{len(d.words)}\t{d.parts}\t"
                     f"{widest[2]:.1f}\t{width:.1f}\t{widest[4]}")
    (OUT / "summary.tsv").write_text("\n".join(lines) + "\n")
    return docs, authorities


# ----------------------------------------------------------------------------- the checks

def test_every_kind_of_document_and_municipality_is_covered(printed):
    docs, authorities = printed
    for kind in ["roadmap order with annex", "roadmap table", "monitoring round report", "dynamics of the list", "annual report ",
                 "order approving the annual report", "annual report tables", "teachers who need subject training",
                 "students at risk and their routes", "school heads' accounts"]:
        assert any(d.kind.startswith(kind) for d in docs), f"no {kind} found"
    assert {"docx", "xlsx"} <= {d.ext for d in docs if d.kind.startswith("monitoring round report")}
    observer = signed_in("observer")
    listed = {re.search(r"(\d+)$", h).group(1) for h in get(observer, BASE + "/authorities").all(r"/authorities/\d+")}
    assert listed <= set(authorities), f"municipalities no coordinator covered: {sorted(listed - set(authorities))}"
    for user in COORDINATORS:
        if user != "slavyansk":  # Slavyansk's seed order has no roadmap
            assert any(d.user == user and d.kind.startswith("roadmap order") for d in docs), f"no roadmap order of {user}"


def test_page_counts_fit_the_content(printed):
    docs, _ = printed
    problems = []
    for d in docs:
        n = len(d.words)
        bound = max(2, math.ceil(n / WORDS_PER_PAGE)) + d.parts - 1
        if len(d.pages) > bound:
            problems.append(f"{d.label}: {len(d.pages)} pages for {n} words in {d.parts} section(s)/sheet(s), at most {bound}; "
                            f"words a page {[len(ws) for _, _, ws in d.pages]}")
        if d.ext == "docx":
            empty = []
            for i, ((w, h, ws), (w2, h2, _)) in enumerate(zip(d.pages, d.pages[1:]), 1):
                fill = max((x[3] for x in ws), default=0) / h
                if (w, h) == (w2, h2) and fill < MIN_FILL:
                    empty.append(f"page {i} ends at {fill:.0%} ({len(ws)} words)")
            if empty:
                problems.append(f"{d.label}: {len(empty)} of {len(d.pages)} pages mostly empty though the section goes on "
                                f"(a table row that cannot break moved whole to the next page?): {', '.join(empty)}")
    assert not problems, "documents on too many pages:\n" + "\n".join(problems)


def test_nothing_is_wider_than_the_page(printed):
    docs, _ = printed
    problems = []
    for d in docs:
        edge = DOCX_EDGE if d.ext == "docx" else EDGE
        out = [(n, width, w) for n, (width, _, ws) in enumerate(d.pages, 1) for w in ws if w[2] > width - edge or w[0] < 0]
        if out:
            n, width, worst = max(out, key=lambda o: o[2][2])
            pages = sorted({o[0] for o in out})
            problems.append(f"{d.label}: {len(out)} words on pages {', '.join(map(str, pages))} of {len(d.pages)} beyond the paper "
                            f"(width {width:.1f} pt, limit {width - edge:.1f}); the farthest «{worst[4]}» on page {n} at x {worst[0]:.1f}–{worst[2]:.1f} "
                            f"({(worst[2] - width) / 72 * 2.54:+.1f} cm past the edge); on page {out[0][0]}: "
                            f"«{' '.join(o[2][4] for o in out if o[0] == out[0][0])[:120]}»")
    assert not problems, "documents wider than the page:\n" + "\n".join(problems)


def test_workbook_columns_stay_on_one_page(printed):
    """Sheets print in order, each from a new page; each sheet's header row must be whole on
    one of its pages. A word of a header may wrap inside its cell (even mid-word in a narrow
    column), so a header word counts as there when a word on the page begins as it does."""
    docs, _ = printed
    problems = []
    for d in docs:
        if d.ext != "xlsx":
            continue
        page_words = [[w[4] for w in ws] for _, _, ws in d.pages]
        start = 0
        for sheet, header in header_rows(d.path):
            stems = [w[:6] for cell in header for w in cell.split()]
            whole = [n for n in range(start, len(page_words)) if all(any(p.startswith(s) for p in page_words[n]) for s in stems)]
            if not whole:
                seen = [n for n in range(start, len(page_words)) if any(p.startswith(stems[0]) for p in page_words[n])] if stems else []
                at = seen[0] if seen else start
                missing = [s for s in stems if at < len(page_words) and not any(p.startswith(s) for p in page_words[at])]
                problems.append(f"{d.label}, sheet «{sheet}»: its header row {header} is whole on no page"
                                f"{f'; page {at + 1} lacks {missing}' if at < len(page_words) else ''} (columns split across pages)")
                continue
            start = whole[0] + 1
    assert not problems, "workbooks whose columns do not fit one page:\n" + "\n".join(problems)


def test_each_document_says_what_it_is(printed):
    docs, _ = printed
    problems = []
    for d in docs:
        # A hyphenated word («город-курорт») may break after its hyphen at the end of a line.
        flat = lambda t: " ".join(re.sub(r"-\s+", "", t).replace("-", "").replace("\u00ad", "").split())
        text = flat(d.text)
        seen = set(text.split())
        missing = [p for p in d.phrases if not ({flat(w) for w in p} <= seen if isinstance(p, tuple) else flat(p) in text)]
        if missing:
            problems.append(f"{d.label}: no {missing} in «{text[:300]}…»")
    assert not problems, "documents that do not say what they are:\n" + "\n".join(problems)

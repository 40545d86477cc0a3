"""The same documents as `opora bench-documents` written with what an analyst would reach for
instead: python-docx for the order's annex table and openpyxl for the spreadsheet.
Prints the median milliseconds of each, for the ratio printed by scripts/bench-documents."""
import io
import statistics
import sys
import time

from docx import Document
from openpyxl import Workbook

MEASURES = int(sys.argv[1]) if len(sys.argv) > 1 else 200
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 15
NAME = "Мероприятие {n}: организация семинаров и стажировок для управленческих команд ШНОР по результатам ВПР и ГИА"
PHRASES = ["до 20 февраля 2024 г.", "ежеквартально", "январь – апрель 2024 г.", "по отдельному графику"]


def docx():
    doc = Document()
    for text in ["УПРАВЛЕНИЕ ПО ОБРАЗОВАНИЮ И НАУКЕ", "ПРИКАЗ", "от 16.02.2024 № 283", "Об утверждении дорожной карты", "приказываю:"]:
        doc.add_paragraph(text)
    table = doc.add_table(rows=1, cols=6)
    for cell, title in zip(table.rows[0].cells, ["№ п/п", "Наименование мероприятия", "Форма реализации", "Сроки выполнения", "Ответственные", "Результат"]):
        cell.text = title
    for n in range(1, MEASURES + 1):
        cells = table.add_row().cells
        for cell, value in zip(cells, [f"{n}.", NAME.format(n=n), "приказ УОН", PHRASES[n % 4], "Лукашова И.Б., Миронова Е.В., Церекидзе В.Г.", "аналитическая справка"]):
            cell.text = value
    out = io.BytesIO()
    doc.save(out)
    return len(out.getvalue())


def xlsx():
    wb = Workbook()
    ws = wb.active
    ws.append(["№ п/п", "Наименование мероприятия", "Форма реализации", "Сроки выполнения", "Ответственные", "Результат", "Срок (как понят)", "Даты исполнения"])
    for n in range(1, MEASURES + 1):
        ws.append([f"{n}.", NAME.format(n=n), "приказ УОН", PHRASES[n % 4], "Лукашова И.Б., Миронова Е.В., Церекидзе В.Г.", "аналитическая справка", "ежеквартально", "31.03.2024, 30.06.2024"])
    out = io.BytesIO()
    wb.save(out)
    return len(out.getvalue())


def median_ms(fn):
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


print(f"python-docx  median {median_ms(docx):.2f} ms")
print(f"openpyxl     median {median_ms(xlsx):.2f} ms")

import Foundation
import OporaCore

/// The primary-score histogram with the mark boundaries drawn (SVG on the server).
enum HistogramSVG {
    static func render(_ histogram: [Int], boundaries: [Int], peaks: [Int]) -> String {
        let bar = 16.0, height = 160.0, left = 30.0, bottom = 24.0
        let top = Double(histogram.max() ?? 1)
        let width = left + bar * Double(histogram.count) + 10
        var svg = ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(Int(width))" height="\##(Int(height + bottom + 10))" viewBox="0 0 \##(Int(width)) \##(Int(height + bottom + 10))" role="img" aria-label="Распределение первичных баллов" font-family="Arial, sans-serif" font-size="10">"##
        for (score, n) in histogram.enumerated() {
            let h = top == 0 ? 0 : height * Double(n) / top
            let x = left + bar * Double(score)
            let colour = peaks.contains(score) ? "#a31a1a" : "#0b4f8a"
            svg += ##"<rect x="\##(x + 1)" y="\##(height - h + 5)" width="\##(bar - 2)" height="\##(h)" fill="\##(colour)"><title>\##(score) б.: \##(n)</title></rect>"##
            if score % 2 == 0 { svg += ##"<text x="\##(x + 3)" y="\##(height + 18)" fill="#1b1f24">\##(score)</text>"## }
        }
        for (i, b) in boundaries.enumerated() where b < histogram.count {
            let x = left + bar * Double(b)
            svg += ##"<line x1="\##(x)" y1="0" x2="\##(x)" y2="\##(height + 5)" stroke="#e0a100" stroke-width="2" stroke-dasharray="4 2"/><text x="\##(x + 2)" y="10" fill="#6b4500">«\##(i + 3)»</text>"##
        }
        return svg + "</svg>"
    }
}

struct ResultsPage {
    let authorityID: Int
    let municipality: String
    let tests: [ResultsTest]
    let selected: ResultsTest?
    let tasks: [AssessmentTask]
    let schools: [ResultsService.SchoolFigures]
    let total: ResultsSummary?
    let boundaries: [Int]
    let canImport: Bool
    var marksSource: String?
    /// What the check said of the file (rescored totals, maxima from the file).
    var warnings: [String] = []
    var message: String?
    /// Every municipality of the region together, as a comparator.
    var region: ResultsSummary?
    var schoolChoices: [(id: Int, name: String)] = []
}

struct ResultsView {
    let model: ResultsPage
    let layout: Layout
    let csrf: String

    func pct(_ d: Double?) -> String { Formatting.percent(d) }

    func render() -> String {
        var body: [BodyNode] = [heading("Результаты оценочных процедур: \(model.municipality)")]
        if let m = model.message { body.append(notice(m, kind: "ok")) }
        if model.canImport {
            body.append(el("details", [("open", model.tests.isEmpty ? "open" : nil)], [
                el("summary", text: "Загрузить файл результатов ВПР, ОГЭ или ЕГЭ (CSV или XLSX)"),
                postForm(SiteRoute.authority(model.authorityID, .results).path, csrf: csrf, cls: "upload", multipart: true, [
                    para("ВПР — файл ФИС ОКО или школьная форма; ОГЭ и ЕГЭ — протокол РЦОИ. Если в файле нет строки «ВПР 2024 Математика 5 класс», укажите процедуру, предмет, класс и год.", cls: "muted"),
                    selectField("Процедура", name: "kind", options: [(value: "", title: "как в файле (по умолчанию ВПР)")] + AssessmentKind.allCases.map { (value: $0.rawValue, title: $0.title) }, selected: nil),
                    field("Предмет", name: "subject"), field("Класс", name: "grade", type: "number"), field("Год", name: "year", type: "number"),
                    selectField("Школа (если в файле нет столбца школы)", name: "school", options: [(value: "", title: "— по столбцу файла —")] + model.schoolChoices.map { (value: String($0.id), title: $0.name) }, selected: nil),
                    el("div", [("class", "field")], [el("label", [("for", "f-rfile")], text: "Файл"), voidEl("input", [("type", "file"), ("name", "file"), ("id", "f-rfile"), ("required", "required")])]),
                    el("progress", [("class", "upload-progress"), ("max", "100"), ("value", "0"), ("hidden", "hidden")]),
                    el("span", [("class", "upload-status muted"), ("aria-live", "polite")], text: ""),
                    button("Проверить файл"),
                ]),
            ]))
        }
        if !model.tests.isEmpty {
            body.append(el("div", [("class", "actions")], [link("Предложение списков на следующий год", SiteRoute.authority(model.authorityID, .listProposal).path, cls: "button secondary")]))
            body.append(el("nav", [("class", "actions")], model.tests.map { t in
                link(t.title, SiteRoute.authority(model.authorityID, .results).path + "?\(t.query)", cls: model.selected == t ? "button" : "button secondary")
            }))
        }
        guard let total = model.total, let sel = model.selected else { return layout.render(body) }
        body.append(subheading("\(sel.kind.title) \(sel.year): \(sel.subject), \(sel.grade) класс"))
        if let source = model.marksSource { body.append(para("Отметки: \(source).", cls: "muted")) }
        for w in model.warnings { body.append(para(w, cls: "muted")) }
        if total.withoutMark > 0 {
            body.append(notice("Отметок нет у \(RussianPlural.count(total.withoutMark, "участника", "участников", "участников")): нет шкалы перевода. Показатели по первичным баллам посчитаны; отметки появятся, когда шкалу добавят."))
        }
        if total.objectivity.withoutJournal > 0 {
            body.append(para("Без отметки по журналу: \(RussianPlural.count(total.objectivity.withoutJournal, "участник", "участника", "участников")) — они не входят в «понизили / подтвердили / повысили».", cls: "muted"))
        }
        let testQuery = "kind=\(sel.kind.rawValue)&subject=\(sel.subject.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&grade=\(sel.grade)"
        body.append(el("div", [("class", "actions")], [link("Задания и проверяемые элементы", SiteRoute.authority(model.authorityID, .taskSkills).path + "?\(testQuery)", cls: "button secondary")]))
        body.append(table(["Школа", "Участников", "«2»", "«3»", "«4»", "«5»", "Средний первичный балл", "Понизили", "Подтвердили", "Повысили", "«2» год назад", "Внимание"],
            model.schools.map { s in
                var tags: [BodyNode] = []
                if s.flagged { tags.append(el("span", [("class", "tag chronic")], text: s.peaks.isEmpty ? "расхождение с журналом" : "пик на границе отметки")) }
                if s.negativeDynamics { tags.append(el("span", [("class", "tag chronic")], text: "отрицательная динамика")) }
                if tags.isEmpty { tags.append(el("span", [("class", "tag firstTime")], text: "нет")) }
                return [link(s.name, SiteRoute.school(s.schoolID, .results).path + "?\(sel.query)")]
                    + figures(s.name, s.summary).dropFirst() + [.text(pct(s.twosLastYear)), el("span", [], tags)]
            }
            + [figures("Муниципалитет", total) + [.text(""), .text("")]]
            + (model.region.map { [figures("Регион", $0) + [.text(""), .text("")]] } ?? [])))
        body.append(para("Отрицательная динамика: доля «2» выросла на 10 процентных пунктов и более по сравнению с прошлым годом.", cls: "muted"))
        body.append(para("Школа отмечается, если понизили или повысили отметку по журналу не менее 35 % участников или на границе отметки (наименьший балл отметки, найденный в файле) есть пик распределения: в 1,5 раза выше соседних баллов и не менее 5 участников.", cls: "muted"))
        body.append(subheading("Решаемость заданий (муниципалитет)"))
        body.append(table(["Задание", "Уровень", "Макс. балл", "Решаемость", "Освоено"], model.tasks.enumerated().map { i, t in
            let rate = i < total.solveRates.count ? total.solveRates[i] : nil
            let bad = i < total.notMastered.count && total.notMastered[i]
            return [.text(t.label), .text(t.level == .advanced ? "П" : t.level == .basic ? "Б" : "—"), .text(CSVNumber.format(t.maxScore)), .text(pct(rate)),
                    el("span", [("class", bad ? "tag chronic" : "tag firstTime")], text: bad ? "не освоено" : "да")]
        }))
        body.append(para("Не освоено: базовое задание решено менее чем на 57 %, повышенное — менее чем на 28,5 % (рекомендации ФИОКО 2026).", cls: "muted"))
        body.append(subheading("Распределение первичных баллов"))
        body.append(el("div", [("class", "timeline")], [.raw(HistogramSVG.render(total.histogram, boundaries: model.boundaries, peaks: ResultsAnalysis.boundaryPeaks(histogram: total.histogram, boundaries: model.boundaries)))]))
        return layout.render(body)
    }

    func figures(_ name: String, _ s: ResultsSummary) -> [BodyNode] {
        [.text(name), .text("\(s.participants)")] + (2...5).map { BodyNode.text(pct(s.markShare($0))) }
            + [.text(s.meanPrimary.map { String(format: "%.1f", $0).replacingOccurrences(of: ".", with: ",") } ?? "—"),
               .text(pct(s.objectivity.share(s.objectivity.lower))), .text(pct(s.objectivity.share(s.objectivity.confirmed))), .text(pct(s.objectivity.share(s.objectivity.higher)))]
    }
}

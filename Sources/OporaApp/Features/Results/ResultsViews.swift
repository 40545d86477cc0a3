import Foundation
import OporaCore

/// The primary-score histogram with the mark boundaries drawn (SVG on the server): axes with
/// counts, each bar's count, and a legend that does not depend on colour (peaks are hatched,
/// boundaries dashed), so it reads printed in black and white.
enum HistogramSVG {
    static func render(_ histogram: [Int], boundaries: [Int], peaks: [Int]) -> String {
        let bar = 16.0, height = 160.0, left = 44.0, top = 14.0, axis = 34.0, legend = 26.0
        let most = Double(max(histogram.max() ?? 1, 1))
        let width = max(left + bar * Double(histogram.count) + 16, left + 450)
        let total = top + height + axis + legend
        func y(_ v: Double) -> Double { top + height - height * v / most }
        var svg = ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(Int(width))" height="\##(Int(total))" viewBox="0 0 \##(Int(width)) \##(Int(total))" role="img" aria-label="Распределение первичных баллов: участников по каждому баллу" font-family="Arial, sans-serif" font-size="10">"##
        svg += ##"<defs><pattern id="peak" width="4" height="4" patternUnits="userSpaceOnUse"><rect width="4" height="4" fill="#a31a1a"/><path d="M0,4 L4,0" stroke="#ffffff" stroke-width="1"/></pattern></defs>"##
        // The count axis: 0, half and the most, with light grid lines.
        for v in Set([0, Int(most / 2), Int(most)]).sorted() {
            svg += ##"<line x1="\##(left)" y1="\##(y(Double(v)))" x2="\##(width - 10)" y2="\##(y(Double(v)))" stroke="#d5dbe2" stroke-width="0.6"/>"##
            svg += ##"<text x="\##(left - 4)" y="\##(y(Double(v)) + 3)" text-anchor="end" fill="#1b1f24">\##(v)</text>"##
        }
        svg += ##"<text x="10" y="\##(top + height / 2)" transform="rotate(-90 10 \##(top + height / 2))" text-anchor="middle" fill="#1b1f24">участников</text>"##
        for (score, n) in histogram.enumerated() {
            let h = height * Double(n) / most
            let x = left + bar * Double(score)
            let fill = peaks.contains(score) ? "url(#peak)" : "#0b4f8a"
            svg += ##"<rect x="\##(x + 1)" y="\##(top + height - h)" width="\##(bar - 2)" height="\##(h)" fill="\##(fill)" stroke="#1b1f24" stroke-width="0.4"><title>\##(score) б.: \##(n)</title></rect>"##
            if n > 0 { svg += ##"<text x="\##(x + bar / 2)" y="\##(top + height - h - 2)" text-anchor="middle" font-size="8" fill="#1b1f24">\##(n)</text>"## }
            if score % 2 == 0 { svg += ##"<text x="\##(x + bar / 2)" y="\##(top + height + 13)" text-anchor="middle" fill="#1b1f24">\##(score)</text>"## }
        }
        svg += ##"<line x1="\##(left)" y1="\##(top + height)" x2="\##(width - 10)" y2="\##(top + height)" stroke="#1b1f24"/>"##
        svg += ##"<line x1="\##(left)" y1="\##(top)" x2="\##(left)" y2="\##(top + height)" stroke="#1b1f24"/>"##
        svg += ##"<text x="\##((left + width) / 2)" y="\##(top + height + 27)" text-anchor="middle" fill="#1b1f24">первичный балл</text>"##
        for (i, b) in boundaries.enumerated() where b < histogram.count {
            let x = left + bar * Double(b)
            svg += ##"<line x1="\##(x)" y1="\##(top - 4)" x2="\##(x)" y2="\##(top + height)" stroke="#1b1f24" stroke-width="1.5" stroke-dasharray="4 2"/><text x="\##(x + 2)" y="\##(top - 4)" fill="#1b1f24">«\##(i + 3)» от \##(b)</text>"##
        }
        // The legend, in shapes as well as colours.
        let ly = top + height + axis + 8
        svg += ##"<rect x="\##(left)" y="\##(ly)" width="12" height="10" fill="#0b4f8a" stroke="#1b1f24" stroke-width="0.4"/><text x="\##(left + 16)" y="\##(ly + 9)" fill="#1b1f24">участники с этим баллом</text>"##
        svg += ##"<rect x="\##(left + 150)" y="\##(ly)" width="12" height="10" fill="url(#peak)" stroke="#1b1f24" stroke-width="0.4"/><text x="\##(left + 166)" y="\##(ly + 9)" fill="#1b1f24">всплеск у границы отметки</text>"##
        svg += ##"<line x1="\##(left + 320)" y1="\##(ly + 5)" x2="\##(left + 340)" y2="\##(ly + 5)" stroke="#1b1f24" stroke-width="1.5" stroke-dasharray="4 2"/><text x="\##(left + 344)" y="\##(ly + 9)" fill="#1b1f24">граница отметки</text>"##
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

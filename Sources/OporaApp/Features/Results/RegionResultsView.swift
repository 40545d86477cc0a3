import Foundation
import OporaCore

struct RegionResultsPage {
    let regionID: Int
    let region: String
    let tests: [ResultsTest]
    let selected: ResultsTest?
    let canImport: Bool
    var message: String?
    var tasks: [AssessmentTask] = []
    var total: ResultsSummary?
    var rows: [(id: Int, name: String, summary: ResultsSummary)] = []
    var imports: [(file: String, test: String, participants: Int, at: Date?, by: String, skipped: Int)] = []
}

struct RegionResultsView {
    let model: RegionResultsPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let m = model
        var body: [BodyNode] = [heading("Результаты оценочных процедур: \(m.region)")]
        if let msg = m.message { body.append(notice(msg, kind: "ok")) }
        body.append(el("div", [("class", "actions")], [
            link("Сопоставления столбцов", SiteRoute.resultMappings.path, cls: "button secondary"),
            link("Шкалы перевода", SiteRoute.conversionScales.path, cls: "button secondary"),
        ]))
        if m.canImport {
            body.append(el("details", [("open", m.tests.isEmpty ? "open" : nil)], [
                el("summary", text: "Загрузить файл региона (выгрузка ФИС ОКО или протокол РЦОИ, CSV или XLSX, до 200 МБ)"),
                postForm(SiteRoute.regionResults.path, csrf: csrf, cls: "upload", multipart: true, [
                    para("Один файл на весь регион: строки уходят в муниципалитеты своих школ (по логину ФИС ОКО или коду ОО). Школы, которых нет в реестре, "
                         + "перечисляются один раз — их можно создать или пропустить; остальной файл загружается в любом случае.", cls: "muted"),
                    selectField("Процедура", name: "kind", options: [(value: "", title: "как в файле (по умолчанию ВПР)")] + AssessmentKind.allCases.map { (value: $0.rawValue, title: $0.title) }, selected: nil),
                    field("Предмет", name: "subject"), field("Класс", name: "grade", type: "number"), field("Год", name: "year", type: "number"),
                    el("div", [("class", "field")], [el("label", [("for", "f-rfile")], text: "Файл"), voidEl("input", [("type", "file"), ("name", "file"), ("id", "f-rfile"), ("required", "required")])]),
                    el("progress", [("class", "upload-progress"), ("max", "100"), ("value", "0"), ("hidden", "hidden")]),
                    el("span", [("class", "upload-status muted"), ("aria-live", "polite")], text: ""),
                    button("Проверить файл"),
                ]),
            ]))
        }
        if !m.tests.isEmpty {
            body.append(el("nav", [("class", "actions")], m.tests.map { t in
                link(t.title, SiteRoute.regionResults.path + "?\(t.query)", cls: t == m.selected ? "button" : "button secondary")
            }))
        }
        if let sel = m.selected, let total = m.total {
            body.append(subheading(sel.title))
            let pct = Formatting.percent
            func line(_ name: BodyNode, _ s: ResultsSummary) -> [BodyNode] {
                [name, .text("\(s.participants)"), .text("\(s.absent)")] + (2...5).map { BodyNode.text(pct(s.markShare($0))) }
                    + [.text(s.meanPrimary.map { String(format: "%.1f", $0).replacingOccurrences(of: ".", with: ",") } ?? "—"),
                       .text(pct(s.objectivity.share(s.objectivity.lower))), .text(pct(s.objectivity.share(s.objectivity.confirmed))), .text(pct(s.objectivity.share(s.objectivity.higher)))]
            }
            let query = sel.query
            body.append(table(["Муниципалитет", "Участников", "Отсутствовали", "«2»", "«3»", "«4»", "«5»", "Средний первичный балл", "Понизили", "Подтвердили", "Повысили"],
                m.rows.map { line(link($0.name, SiteRoute.authority($0.id, .results).path + "?\(query)"), $0.summary) }
                    // With one municipality's results the region's row would repeat it as if it were the region's.
                    + (m.rows.count > 1 ? [line(el("strong", text: "Регион"), total)] : [])))
            if m.rows.count == 1 {
                body.append(para("Итог по региону не показан: результаты загружены только по одному муниципалитету.", cls: "muted"))
            }
            if total.withoutMark > 0 { body.append(notice("Отметок нет у \(RussianPlural.count(total.withoutMark, "участника", "участников", "участников")): нет шкалы перевода.")) }
            body.append(subheading("Решаемость заданий (регион)"))
            body.append(table(["Задание", "Уровень", "Макс. балл", "Решаемость"], m.tasks.enumerated().map { i, t in
                [.text(t.label), .text(t.level == .advanced ? "П" : t.level == .basic ? "Б" : "—"), .text(CSVNumber.format(t.maxScore)),
                 .text(pct(i < total.solveRates.count ? total.solveRates[i] : nil))]
            }))
        } else if m.tests.isEmpty {
            body.append(para("Результатов пока нет.", cls: "muted"))
        }
        if !m.imports.isEmpty {
            body.append(subheading("Загруженные файлы региона"))
            body.append(table(["Файл", "Процедура", "Участников", "Пропущено школ", "Загружен", "Кем"], m.imports.map {
                [.text($0.file), .text($0.test), .text("\($0.participants)"), .text("\($0.skipped)"), .text($0.at.map(Formatting.dateTime) ?? "—"), .text($0.by)]
            }))
        }
        return layout.render(body)
    }
}

struct MappingsPage {
    let region: String
    let canEdit: Bool
    let rows: [(id: Int, header: String, column: ResultsColumn?, setBy: String, at: Date?)]
}

/// The region's answers of the mapping step: what a header of a results file holds.
struct MappingsView {
    let model: MappingsPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Сопоставления столбцов файлов результатов: \(model.region)")]
        body.append(para("Ответы шага сопоставления: что хранится в столбце с таким заголовком. Они общие для региона — следующий файл такого вида "
                         + "в любом муниципалитете загрузится без вопросов. Изменить или забыть сопоставление может региональный администратор "
                         + "или оператор оценочных процедур.", cls: "muted"))
        let options = ResultsColumn.allCases.map { (value: $0.rawValue, title: $0.title) }
        if model.rows.isEmpty { body.append(para("Сопоставлений пока нет.", cls: "muted")) }
        else {
            body.append(table(["Заголовок столбца", "Что в нём", "Кто задал", "Когда", ""], model.rows.map { r in
                let choice: BodyNode = model.canEdit
                    ? postForm(SiteRoute.resultMappings.path, csrf: csrf, cls: "row", [
                        voidEl("input", [("type", "hidden"), ("name", "header"), ("value", r.header)]),
                        el("select", [("name", "column"), ("aria-label", r.header)], options.map { o in
                            el("option", [("value", o.value), ("selected", o.value == r.column?.rawValue ? "selected" : nil)], text: o.title)
                        }),
                        button("Изменить", cls: "button secondary"),
                    ])
                    : .text(r.column?.title ?? "—")
                return [.text(r.header), choice, .text(r.setBy), .text(r.at.map(Formatting.dateTime) ?? "—"),
                        model.canEdit ? postForm(SiteRoute.resultMapping(r.id, .forget).path, csrf: csrf, cls: "inline", [button("Забыть", cls: "button danger")]) : .text("")]
            }))
        }
        if model.canEdit {
            body.append(subheading("Добавить сопоставление"))
            body.append(postForm(SiteRoute.resultMappings.path, csrf: csrf, cls: "row", [
                field("Заголовок столбца (как в файле)", name: "header", required: true, id: "new-header"),
                selectField("Что в нём", name: "column", options: options, selected: nil, id: "new-column"),
                button("Сохранить"),
            ]))
        }
        return layout.render(body)
    }
}

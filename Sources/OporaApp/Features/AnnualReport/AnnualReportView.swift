import OporaCore

struct AnnualReportPage {
    let authorityID: Int
    let municipality: String
    let year: Int
    /// `AnnualReportExport.title(year)`: the report's own title, shared with the DOCX.
    let reportTitle: String
    /// The message after a save («Сохранено.»), from the query.
    let done: String?
    let schools: [(name: String, basis: String, yearsInList: Int)]
    let riskStatements: [String]
    /// Section 3, one line per kind of work done during the year.
    let work: [String]
    let indicators: [(name: String, target: String, fact: String)]
    let resultYears: [Int]
    let results: [(school: String, cells: [String])]
    let leftTheList: [String]
    /// Saved conclusions, or the draft made from the data when none are saved.
    let conclusions: String
    let canEdit: Bool
    /// Who saved the conclusions; nil while they are only a draft.
    let savedBy: String?
    let stamp: String
    let orderNumber: String?
    /// The order's date as ДД.ММ.ГГГГ.
    let orderDate: String?
}

struct AnnualReportView {
    let model: AnnualReportPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let aid = model.authorityID
        let year = model.year
        var body: [BodyNode] = [heading(model.reportTitle + ": " + model.municipality)]
        if let done = model.done { body.append(notice(done, kind: "ok")) }
        body.append(el("form", [("method", "get"), ("class", "filters")], [field("Учебный год с", name: "year", value: "\(year)", type: "number"), button("Показать")]))
        body.append(el("div", [("class", "actions")], [
            link("Скачать отчёт (DOCX)", SiteRoute.authority(aid, .annualReportDOCX).path + "?year=\(year)", cls: "button"),
            link("Приказ об утверждении (DOCX)", SiteRoute.authority(aid, .annualReportOrderDOCX).path + "?year=\(year)", cls: "button secondary"),
            link("Таблицы (XLSX)", SiteRoute.authority(aid, .annualReportXLSX).path + "?year=\(year)", cls: "button secondary"),
        ]))
        body.append(subheading("1. Школы и основания включения"))
        body.append(model.schools.isEmpty ? para("Списка ШНОР на этот учебный год нет.", cls: "muted")
            : table(["№", "Школа", "Основание", "Лет в списке"], model.schools.enumerated().map { i, s in [.text("\(i + 1)"), .text(s.name), .text(s.basis), .text("\(s.yearsInList)")] }))
        body.append(subheading("2. Рисковые профили"))
        body.append(model.riskStatements.isEmpty ? para("Рисковые профили не заполнены.", cls: "muted") : el("ul", [], model.riskStatements.map { el("li", text: $0) }))
        body.append(subheading("3. Проведённая работа"))
        body.append(model.work.isEmpty ? para("Записей о работе за этот год нет.", cls: "muted") : el("ul", [], model.work.map { el("li", text: $0) }))
        body.append(subheading("4. Индикаторы"))
        body.append(model.indicators.isEmpty ? para("Индикаторы не заданы.", cls: "muted") : table(["Индикатор", "План", "Факт"], model.indicators.map { [.text($0.name), .text($0.target), .text($0.fact)] }))
        body.append(subheading("5. Динамика результатов ШНОР"))
        body.append(model.results.isEmpty ? para("Результатов ВПР за эти годы нет.", cls: "muted")
            : table(["Доля «2»"] + model.resultYears.map(String.init), model.results.map { [.text($0.school)] + $0.cells.map { .text($0) } }))
        body.append(subheading("6. Вышли из списка"))
        body.append(para(model.leftTheList.isEmpty ? "—" : model.leftTheList.joined(separator: ", ")))
        body.append(subheading("7. Выводы и рекомендации"))
        if model.canEdit {
            body.append(para(model.savedBy.map { "Сохранено: \($0)." } ?? "Черновик составлен по данным; отредактируйте и сохраните.", cls: "muted"))
            body.append(postForm(SiteRoute.authority(aid, .annualReport).path + "?year=\(year)", csrf: csrf, [
                stampField(model.stamp),
                textArea("Выводы и рекомендации", name: "conclusions", value: model.conclusions, rows: 14, required: true),
                field("Номер приказа об утверждении", name: "orderNumber", value: model.orderNumber),
                field("Дата приказа", name: "orderDate", value: model.orderDate, type: "text", placeholder: "ДД.ММ.ГГГГ"),
                button("Сохранить"),
            ]))
        } else {
            body += model.conclusions.split(whereSeparator: \.isNewline).map { para(String($0)) }
        }
        return layout.render(body)
    }
}

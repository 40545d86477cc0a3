import OporaCore

struct RoundsPage {
    let roadmapID: Int
    let title: String
    let rounds: [(id: Int, title: String, asOf: String, percent: Int)]
    let canCreate: Bool
    let today: LocalDate
}

struct RoundsView {
    let model: RoundsPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Мониторинг реализации"), para(model.title, cls: "muted")]
        if model.rounds.isEmpty { body.append(para("Мониторинг ещё не проводился.", cls: "muted")) } else {
            body.append(table(["Мониторинг", "На дату", "Выполнено"], model.rounds.map { [link($0.title, SiteRoute.round($0.id).path), .text($0.asOf), .text("\($0.percent) %")] }))
        }
        if model.canCreate {
            body.append(subheading("Провести мониторинг"))
            body.append(para("Срез фиксирует на дату исполнение всех мероприятий со сроком до этой даты: по разделам и ответственным. Позже срез не меняется.", cls: "muted"))
            body.append(postForm(SiteRoute.roadmap(model.roadmapID, .rounds).path, csrf: csrf, cls: "row", [
                field("Название", name: "title", value: "Мониторинг на \(model.today.russian)", required: true),
                field("На дату", name: "asOf", value: model.today.iso, type: "date", required: true),
                button("Зафиксировать срез"),
            ]))
        }
        return layout.render(body)
    }
}

struct RoundPage {
    let roundID: Int
    let roadmapID: Int
    let roadmapTitle: String
    let title: String
    let snapshot: ExecutionService.Snapshot
    let indicators: [(id: Int, name: String, target: String, fact: String?)]
    let canEdit: Bool
    /// Per indicator, the stamp of the fact stored in the round (none yet: `EditStamp.absent`).
    var factStamps: [Int: String] = [:]
}

struct RoundView {
    let model: RoundPage
    let layout: Layout
    let csrf: String

    func completionRow(_ title: String, _ c: Completion) -> [BodyNode] {
        [.text(title), .text("\(c.total)"), .text("\(c.done)"), .text("\(c.partlyDone)"), .text("\(c.overdue)"), .text("\(c.percent) %")]
    }

    func render() -> String {
        let s = model.snapshot
        var body: [BodyNode] = [heading(model.title), para(model.roadmapTitle + ". Срез на \(LocalDate(parsing: s.asOf)?.russian ?? s.asOf).", cls: "muted")]
        body.append(el("div", [("class", "actions")], [
            link("Отчёт (DOCX)", SiteRoute.round(model.roundID, .reportDOCX).path, cls: "button"),
            link("Отчёт (XLSX)", SiteRoute.round(model.roundID, .reportXLSX).path, cls: "button secondary"),
        ]))
        body.append(el("div", [("class", "cards")], [
            el("div", [("class", "card")], [el("span", [("class", "figure")], text: "\(s.overall.percent) %"), el("span", [("class", "label")], text: "выполнено к дате среза")]),
            el("div", [("class", "card")], [el("span", [("class", "figure")], text: "\(s.overall.overdue)"), el("span", [("class", "label")], text: "просрочено")]),
        ]))
        let headers = ["", "Сроков", "Выполнено", "Частично", "Просрочено", "Выполнение"]
        body.append(subheading("По разделам"))
        body.append(table(["Раздел"] + headers.dropFirst(), s.sections.map { completionRow($0.title, $0.completion) }))
        body.append(subheading("По ответственным"))
        body.append(table(["Ответственный"] + headers.dropFirst(), s.responsible.map { completionRow($0.title, $0.completion) }))
        if let schools = s.schools, !schools.isEmpty {
            body.append(subheading("По школам"))
            body.append(table(["Школа"] + headers.dropFirst(), schools.map { completionRow($0.title, $0.completion) }))
        }
        if !model.indicators.isEmpty {
            body.append(subheading("Индикаторы: план и факт"))
            if model.canEdit {
                body.append(el("details", [], [el("summary", text: "Вычислять факт из данных")] + model.indicators.map { i in
                    postForm(SiteRoute.indicator(i.id, .source).path, csrf: csrf, cls: "row", [
                        voidEl("input", [("type", "hidden"), ("name", "back"), ("value", SiteRoute.round(model.roundID).path)]),
                        selectField(i.name, name: "source", options: [(value: "", title: "вносится вручную")] + IndicatorSource.allCases.map { (value: $0.rawValue, title: $0.title) },
                                    selected: nil, id: "source-\(i.id)"),
                        button("Сохранить", cls: "button secondary"),
                    ])
                }))
            }
            body.append(table(["Индикатор", "План", "Факт"] + (model.canEdit ? ["Внести факт"] : []), model.indicators.map { i in
                var row: [BodyNode] = [.text(i.name), .text(i.target), .text(i.fact ?? "—")]
                if model.canEdit {
                    row.append(postForm(SiteRoute.round(model.roundID, .facts).path, csrf: csrf, cls: "row", [
                        voidEl("input", [("type", "hidden"), ("name", "indicatorID"), ("value", "\(i.id)")]),
                        stampField(model.factStamps[i.id] ?? EditStamp.absent),
                        el("label", [("for", "fact-\(i.id)"), ("class", "visually-hidden")], text: "Факт"),
                        voidEl("input", [("type", "text"), ("name", "value"), ("id", "fact-\(i.id)"), ("value", i.fact ?? ""), ("required", "required")]),
                        button("Сохранить", cls: "button secondary"),
                    ]))
                }
                return row
            }))
        }
        body.append(subheading("Отчёт о проведённых мероприятиях"))
        body.append(table(ExecutionReport.columns, s.measures.map { m in ExecutionReport.cells(m).map { BodyNode.text($0) } }))
        return layout.render(body)
    }
}

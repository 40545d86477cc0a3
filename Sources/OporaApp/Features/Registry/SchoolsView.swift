import OporaCore

struct SchoolsPage {
    struct Row {
        let id: Int
        let shortName: String
        let kind: SchoolKind
        let consecutiveYears: Int
        let kindOfHistory: ListHistoryKind?
        let atRisk: Bool
        var fisLogin: String?
        var state: String?
    }
    let authorityID: Int
    let municipality: String
    let year: Int
    let query: String
    let kindFilter: SchoolKind?
    let statusFilter: String
    let rows: [Row]
    let total: Int
    var showClosed = false
    var closedCount = 0
    var canAdd = false
}

struct SchoolsView {
    let model: SchoolsPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Школы: \(model.municipality)")]
        body.append(el("form", [("method", "get"), ("action", SiteRoute.authority(model.authorityID, .schools).path), ("class", "filters"), ("role", "search")], [
            field("Поиск по названию или номеру", name: "q", value: model.query, type: "search", placeholder: "например, СОШ № 5"),
            selectField("Вид", name: "kind", options: [("", "Все")] + SchoolKind.allCases.map { ($0.rawValue, $0.abbreviation) }, selected: model.kindFilter?.rawValue ?? ""),
            selectField("В списке \(model.year) года", name: "status", options: [
                ("", "Все школы"), ("lowResults", "ШНОР"), ("atRisk", "предШНОР"), ("adverseConditions", "ШНСУ"), ("none", "Не в списках"),
            ], selected: model.statusFilter),
            voidEl("input", [("type", "hidden"), ("name", "year"), ("value", "\(model.year)")]),
            el("label", [("class", "check")], [
                voidEl("input", [("type", "checkbox"), ("name", "closed"), ("value", "on"), ("checked", model.showClosed ? "checked" : nil)]),
                .text(" включая закрытые и реорганизованные (\(model.closedCount))"),
            ]),
            button("Найти"),
        ]))
        if model.canAdd {
            body.append(el("details", [], [
                el("summary", text: "Добавить школу"),
                postForm(SiteRoute.authority(model.authorityID, .schools).path, csrf: csrf, SchoolFields.nodes(nil, regionOwnedEditable: true, idPrefix: "new") + [button("Добавить")]),
            ]))
        }
        let shown = RussianPlural.count(model.rows.count, "школа", "школы", "школ")
        body.append(para("Найдено: \(shown) из \(model.total).", cls: "muted"))
        body.append(table(["Школа", "Логин ФИС ОКО", "Вид", "Лет подряд в списке ШНОР (\(model.year))", "Вид ШНОР", "предШНОР"], model.rows.map { r in [
            el("span", [], [link(r.shortName, SiteRoute.school(r.id).path)] + (r.state.map { [el("span", [("class", "tag")], text: $0)] } ?? [])),
            .text(r.fisLogin ?? "—"),
            .text(r.kind.abbreviation),
            .text(r.consecutiveYears > 0 ? ListHistory.consecutiveYearsLabel(r.consecutiveYears) : "—"),
            r.kindOfHistory.map { el("span", [("class", "tag \($0.rawValue)")], text: $0.title) } ?? .text("—"),
            .text(r.atRisk ? "да" : ""),
        ] }))
        return layout.render(body)
    }
}

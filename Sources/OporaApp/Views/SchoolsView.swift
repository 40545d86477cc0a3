import OporaCore

struct SchoolsPage {
    struct Row {
        let id: Int
        let shortName: String
        let kind: SchoolKind
        let consecutiveYears: Int
        let kindOfHistory: ListHistoryKind?
        let atRisk: Bool
    }
    let authorityID: Int
    let municipality: String
    let year: Int
    let query: String
    let kindFilter: SchoolKind?
    let statusFilter: String
    let rows: [Row]
    let total: Int
}

struct SchoolsView {
    let model: SchoolsPage
    let layout: Layout

    func render() -> String {
        var body: [BodyNode] = [heading("Школы: \(model.municipality)")]
        body.append(el("form", [("method", "get"), ("action", SiteRoute.schools(authority: model.authorityID).path), ("class", "filters"), ("role", "search")], [
            field("Поиск по названию или номеру", name: "q", value: model.query, type: "search", placeholder: "например, СОШ № 5"),
            selectField("Вид", name: "kind", options: [("", "Все")] + SchoolKind.allCases.map { ($0.rawValue, $0.abbreviation) }, selected: model.kindFilter?.rawValue ?? ""),
            selectField("В списке \(model.year) года", name: "status", options: [
                ("", "Все школы"), ("lowResults", "ШНОР"), ("atRisk", "предШНОР"), ("adverseConditions", "ШНСУ"), ("none", "Не в списках"),
            ], selected: model.statusFilter),
            voidEl("input", [("type", "hidden"), ("name", "year"), ("value", "\(model.year)")]),
            button("Найти"),
        ]))
        let shown = RussianPlural.count(model.rows.count, "школа", "школы", "школ")
        body.append(para("Найдено: \(shown) из \(model.total).", cls: "muted"))
        body.append(table(["Школа", "Вид", "Лет подряд в списке ШНОР (\(model.year))", "Вид ШНОР", "предШНОР"], model.rows.map { r in [
            link(r.shortName, SiteRoute.school(r.id).path),
            .text(r.kind.abbreviation),
            .text(r.consecutiveYears > 0 ? ListHistory.consecutiveYearsLabel(r.consecutiveYears) : "—"),
            r.kindOfHistory.map { el("span", [("class", "tag \($0.rawValue)")], text: $0.title) } ?? .text("—"),
            .text(r.atRisk ? "да" : ""),
        ] }))
        return layout.render(body)
    }
}

import OporaCore

struct DynamicsPage {
    let authorityID: Int
    let municipality: String
    let dynamics: ListDynamics
    let canManage: Bool
}

struct DynamicsView {
    let model: DynamicsPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let d = model.dynamics
        let base = SiteRoute.authority(model.authorityID, .dynamics).path
        let query = "from=\(d.years.lowerBound)&to=\(d.years.upperBound)"
        var body: [BodyNode] = [heading("Динамика списка ШНОР: \(model.municipality)")]
        body.append(el("form", [("method", "get"), ("action", base), ("class", "filters")], [
            field("С года", name: "from", value: "\(d.years.lowerBound)", type: "number"),
            field("По год", name: "to", value: "\(d.years.upperBound)", type: "number"),
            button("Показать"),
        ]))
        body.append(el("div", [("class", "actions")], [
            link("Скачать XLSX", "\(base).xlsx?\(query)", cls: "button"),
            link("Скачать CSV (UTF-8)", "\(base).csv?\(query)", cls: "button secondary"),
            link("Скачать CSV (Windows-1251)", "\(base).csv?\(query)&encoding=windows-1251", cls: "button secondary"),
        ]))
        let grid = d.grid()
        let header = grid[0]
        let bodyRows = grid.dropFirst()
        body.append(el("table", [("class", "data dynamics")], [
            el("thead", [], [el("tr", [], header.map { el("th", [("scope", "col")], text: $0) })]),
            el("tbody", [], bodyRows.enumerated().map { i, row in
                let isTotal = i == bodyRows.count - 1
                return el("tr", [("class", isTotal ? "total" : nil)], row.map { el("td", [], text: $0) })
            }),
        ]))
        body.append(para("Вид ШНОР по правилу муниципалитета: за последние \(d.rule.windowYears) \(RussianPlural.form(d.rule.windowYears, "год", "года", "лет")) в списке не менее \(d.rule.chronicMinTimes) \(RussianPlural.form(d.rule.chronicMinTimes, "раза", "раз", "раз")) — «Хроническая»; реже и только в \(d.years.upperBound) году — «Впервые в списке ШНОР»; реже и раньше \(d.years.upperBound) года — «Мерцающая».", cls: "muted"))
        if model.canManage {
            body.append(el("details", [], [
                el("summary", text: "Изменить правило классификации"),
                postForm(SiteRoute.authority(model.authorityID, .settings).path, csrf: csrf, cls: "row", [
                    stampField(DynamicsController.ruleStamp(window: d.rule.windowYears, minTimes: d.rule.chronicMinTimes)),
                    field("Окно, лет", name: "windowYears", value: "\(d.rule.windowYears)", type: "number", required: true),
                    field("«Хроническая» — не менее раз", name: "chronicMinTimes", value: "\(d.rule.chronicMinTimes)", type: "number", required: true),
                    button("Сохранить правило"),
                ]),
            ]))
        }
        return layout.render(body)
    }
}

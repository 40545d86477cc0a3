import OporaCore

struct RegionListsPage {
    let region: String
    let regionID: Int
    let regions: [(Int, String)]
    let year: Int
    let latestYear: Int?
    let kinds: RegionKinds
    let names: [Int: String]
}

struct RegionListsView {
    let model: RegionListsPage
    let layout: Layout

    func render() -> String {
        let k = model.kinds
        var body: [BodyNode] = [heading("ШНОР региона по видам: \(model.region), \(model.year) год")]
        var filters: [BodyNode] = [field("Год", name: "year", value: "\(model.year)", type: "number")]
        if model.regions.count > 1 {
            filters.insert(el("label", [], [.text("Регион "), el("select", [("name", "region")], model.regions.map { id, name in
                el("option", [("value", "\(id)"), ("selected", id == model.regionID ? "selected" : nil)], text: name)
            })]), at: 0)
        }
        body.append(el("form", [("method", "get"), ("action", SiteRoute.regionLists.path), ("class", "filters")], filters + [button("Показать")]))
        if let latest = model.latestYear, latest != model.year {
            body.append(para("Последний год с утверждёнными списками — \(latest).", cls: "muted"))
        }
        func number(_ n: Int) -> BodyNode { el("td", [("class", "num")], text: "\(n)") }
        let rows: [[BodyNode]] = k.lines.map { line in
            [link(model.names[line.authorityID] ?? "—", SiteRoute.authority(line.authorityID, .dynamics).path),
             number(line.listed), number(line.chronic), number(line.flickering), number(line.firstTime), number(line.atRisk)]
                .map { $0 }
        }
        let total: [BodyNode] = [.text("Итого по региону"), number(k.total.listed), number(k.total.chronic), number(k.total.flickering),
                                 number(k.total.firstTime), number(k.total.atRisk)]
        body.append(el("table", [("class", "data")], [
            el("thead", [], [el("tr", [], ["Муниципалитет", "ШНОР", "хронические", "мерцающие", "впервые", "предШНОР"].map { el("th", [("scope", "col")], text: $0) })]),
            el("tbody", [], rows.map { cells in el("tr", [], cells.enumerated().map { i, c in i == 0 ? el("td", [], [c]) : c }) }
                + [el("tr", [("class", "total")], total.enumerated().map { i, c in i == 0 ? el("td", [], [c]) : c })]),
        ]))
        body.append(para("Вид ШНОР определяется правилом каждого муниципалитета (окно лет и число раз в списке); школа, вошедшая в другую, считается вместе с преемником.", cls: "muted"))
        return layout.render(body)
    }
}

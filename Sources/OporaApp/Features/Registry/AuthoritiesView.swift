import OporaCore

struct AuthoritiesPage {
    struct Row {
        let id: Int
        let municipality: String
        let name: String
        let schools: Int
        let organizations: [String]
        var closed: String?
    }
    let regions: [(name: String, rows: [Row])]
    /// The region's administrator keeps the registry here.
    var canEdit = false
    var regionOptions: [(id: Int, name: String)] = []
}

struct AuthoritiesView {
    let model: AuthoritiesPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Регионы и муниципалитеты")]
        if model.canEdit {
            body.append(el("div", [("class", "actions")], [
                link("Импорт реестра из файла", SiteRoute.registryImport.path, cls: "button"),
                link("Учётные записи", SiteRoute.accounts.path, cls: "button secondary"),
            ]))
            var fields: [BodyNode] = []
            if model.regionOptions.count > 1 {
                fields.append(selectField("Регион", name: "regionId", options: model.regionOptions.map { ("\($0.id)", $0.name) }, selected: nil))
            }
            fields += AuthorityFields.nodes(code: nil, municipality: nil, name: nil, shortName: nil, address: nil, headName: nil, headPosition: nil)
            body.append(el("details", [], [el("summary", text: "Добавить муниципалитет"), postForm(SiteRoute.authorities.path, csrf: csrf, fields + [button("Добавить")])]))
        }
        if model.regions.isEmpty { body.append(para("Нет доступных муниципалитетов.", cls: "muted")) }
        for region in model.regions {
            body.append(subheading(region.name))
            if region.rows.isEmpty {
                body.append(para("Муниципалитетов пока нет: добавьте их или загрузите реестр из файла.", cls: "muted"))
                continue
            }
            let total = region.rows.reduce(0) { $0 + $1.schools }
            body.append(para("\(RussianPlural.count(region.rows.count, "муниципалитет", "муниципалитета", "муниципалитетов")), "
                             + "\(RussianPlural.count(total, "действующая школа", "действующие школы", "действующих школ")).", cls: "muted"))
            body.append(table(["Муниципалитет", "Орган управления образованием", "Методические центры", "Школ"],
                region.rows.map { r in [
                    el("span", [], [link(r.municipality, SiteRoute.authority(r.id).path)] + (r.closed.map { [.text(" (закрыт \($0))")] } ?? [])),
                    .text(r.name),
                    .text(r.organizations.joined(separator: ", ")),
                    .text("\(r.schools)"),
                ] }))
        }
        return layout.render(body)
    }
}

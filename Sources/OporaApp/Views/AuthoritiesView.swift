struct AuthoritiesPage {
    struct Row {
        let id: Int
        let municipality: String
        let name: String
        let schools: Int
        let organizations: [String]
    }
    let regions: [(name: String, rows: [Row])]
}

struct AuthoritiesView {
    let model: AuthoritiesPage
    let layout: Layout

    func render() -> String {
        var body: [BodyNode] = [heading("Регионы и муниципалитеты")]
        if model.regions.isEmpty { body.append(para("Нет доступных муниципалитетов.", cls: "muted")) }
        for region in model.regions {
            body.append(subheading(region.name))
            body.append(table(["Муниципалитет", "Орган управления образованием", "Методические центры", "Школ"],
                region.rows.map { r in [
                    link(r.municipality, SiteRoute.authority(r.id).path),
                    .text(r.name),
                    .text(r.organizations.joined(separator: ", ")),
                    .text("\(r.schools)"),
                ] }))
        }
        return layout.render(body)
    }
}

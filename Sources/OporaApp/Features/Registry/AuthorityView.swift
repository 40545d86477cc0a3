import OporaCore

struct AuthorityPage {
    let id: Int
    let municipality: String
    let region: String
    let name: String
    let shortName: String
    let head: String?
    let organizations: [(kind: String, name: String, shortName: String)]
    let schoolCount: Int
    let lists: [(year: Int, status: ListStatus, count: Int, order: String?)]
    let canSeeLists: Bool
    var address: String?
    var closed: String?
    var canEdit = false
    var code = ""
}

struct AuthorityView {
    let model: AuthorityPage
    let layout: Layout

    func render() -> String {
        var body: [BodyNode] = [heading(model.municipality)]
        if let c = model.closed { body.append(notice("Муниципалитет закрыт: \(c).")) }
        var facts: [BodyNode] = [
            el("dt", text: "Регион"), el("dd", text: model.region),
            el("dt", text: "Код"), el("dd", text: model.code),
            el("dt", text: "Орган управления образованием"), el("dd", text: "\(model.name) (\(model.shortName))"),
        ]
        if let a = model.address { facts += [el("dt", text: "Адрес"), el("dd", text: a)] }
        if let head = model.head { facts += [el("dt", text: "Руководитель"), el("dd", text: head)] }
        facts += [el("dt", text: "Школ в реестре"), el("dd", text: "\(model.schoolCount)")]
        body.append(el("dl", [("class", "facts")], facts))
        if model.canEdit {
            body.append(el("p", [], [link("Изменить сведения, методические центры", SiteRoute.authority(model.id, .edit).path, cls: "button secondary")]))
        }
        if model.canSeeLists {
            body.append(el("div", [("class", "actions")], [
                link("Школы", SiteRoute.authority(model.id, .schools).path, cls: "button"),
                link("Списки по годам", SiteRoute.authority(model.id, .lists).path, cls: "button secondary"),
                link("Динамика списка ШНОР", SiteRoute.authority(model.id, .dynamics).path, cls: "button secondary"),
                link("Дорожные карты", SiteRoute.authority(model.id, .roadmaps).path, cls: "button secondary"),
                link("Рисковые профили", SiteRoute.authority(model.id, .riskSummary).path, cls: "button secondary"),
                link("Библиотека мероприятий", SiteRoute.authority(model.id, .templates).path, cls: "button secondary"),
                link("Школьные дорожные карты", SiteRoute.authority(model.id, .schoolRoadmaps).path, cls: "button secondary"),
                link("Люди и группы", SiteRoute.authority(model.id, .people).path, cls: "button secondary"),
                link("Новый учебный год", SiteRoute.authority(model.id, .newYear).path, cls: "button secondary"),
            ]))
        }
        body.append(subheading("Методические центры и организации"))
        if model.organizations.isEmpty {
            body.append(para("Организации не внесены.", cls: "muted"))
        } else {
            body.append(table(["Краткое название", "Полное название", "Вид"], model.organizations.map { [.text($0.shortName), .text($0.name), .text($0.kind)] }))
        }
        if model.canSeeLists {
            body.append(subheading("Списки"))
            if model.lists.isEmpty {
                body.append(para("Списков пока нет.", cls: "muted"))
            } else {
                body.append(table(["Год", "Список", "Школ", "Приказ"], model.lists.map { l in [
                    link("\(l.year)", SiteRoute.authority(model.id, .lists).path(year: l.year)),
                    .text(l.status.abbreviation),
                    .text(RussianPlural.count(l.count, "школа", "школы", "школ")),
                    .text(l.order ?? "—"),
                ] }))
            }
        }
        return layout.render(body)
    }
}

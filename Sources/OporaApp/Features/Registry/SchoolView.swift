import OporaCore

struct SchoolPage {
    let id: Int
    let shortName: String
    let fullName: String
    let kind: SchoolKind
    let municipality: String
    let authorityID: Int
    let aliases: [String]
    let referenceYear: Int
    let consecutiveYears: Int
    let timesInWindow: Int
    let windowYears: Int
    let historyKind: ListHistoryKind?
    let entries: [(year: Int, status: ListStatus, basis: String?, order: String?)]
    let curators: [String]
    var roadmaps: [(id: Int, title: String)] = []
    var record: SchoolRecord?
    var state: String?
    var mergedInto: (id: Int, name: String)?
    var predecessors: [(id: Int, name: String)] = []
    var canEdit = false
    /// The constructor is offered to whoever may build the school's roadmap (`Request.mayBuildRoadmap`):
    /// anyone else reading the school would get «Недостаточно прав».
    var canBuildRoadmap = false
}

struct SchoolView {
    let model: SchoolPage
    let layout: Layout

    func render() -> String {
        var body: [BodyNode] = [heading(model.shortName)]
        if let s = model.state {
            var nodes: [BodyNode] = [.text("Школа \(s).")]
            if let m = model.mergedInto { nodes += [.text(" Её история, списки и результаты — в карточке "), link(m.name, SiteRoute.school(m.id).path), .text(".")] }
            body.append(el("div", [("class", "notice"), ("role", "status")], nodes))
        }
        var facts: [BodyNode] = [
            el("dt", text: "Полное наименование"), el("dd", text: model.fullName),
            el("dt", text: "Вид"), el("dd", text: model.kind.title),
            el("dt", text: "Муниципалитет"), el("dd", text: model.municipality),
        ]
        if let r = model.record {
            facts += [el("dt", text: "Логин ФИС ОКО"), el("dd", text: r.fisLogin ?? "—")]
            if let c = r.examCode { facts += [el("dt", text: "Код ОО (РЦОИ)"), el("dd", text: c)] }
            if let i = r.inn { facts += [el("dt", text: "ИНН"), el("dd", text: i)] }
            if let a = r.address { facts += [el("dt", text: "Адрес"), el("dd", text: a)] }
            let place = [r.locality?.title, r.small ? "малокомплектная" : nil].compactMap { $0 }
            if !place.isEmpty { facts += [el("dt", text: "Местность"), el("dd", text: place.joined(separator: ", "))] }
            if let h = r.headName { facts += [el("dt", text: "Руководитель"), el("dd", text: h)] }
        }
        if !model.predecessors.isEmpty {
            facts += [el("dt", text: "Присоединены"), el("dd", [], model.predecessors.enumerated().flatMap { i, p in
                (i > 0 ? [BodyNode.text(", ")] : []) + [link(p.name, SiteRoute.school(p.id).path)]
            })]
        }
        if !model.aliases.isEmpty {
            facts += [el("dt", text: "Другие написания"), el("dd", text: model.aliases.joined(separator: "; "))]
        }
        facts += [el("dt", text: "Кураторы"), el("dd", text: model.curators.isEmpty ? "не назначены" : model.curators.joined(separator: ", "))]
        body.append(el("dl", [("class", "facts")], facts))
        if model.canEdit {
            body.append(el("p", [], [link("Изменить сведения о школе", SiteRoute.school(model.id, .edit).path, cls: "button secondary")]))
        }
        var actions: [BodyNode] = [link("Рисковый профиль", SiteRoute.school(model.id, .risks).path, cls: "button secondary")]
        // Only to those the constructor lets in: the school's head and its municipality.
        if model.canBuildRoadmap {
            actions.append(link("Конструктор дорожной карты", SiteRoute.school(model.id, .constructor).path, cls: "button secondary"))
        }
        actions += [
            link("Диагностическая карта", SiteRoute.school(model.id, .diagnosticCard).path, cls: "button secondary"),
            link("Результаты школы", SiteRoute.school(model.id, .results).path, cls: "button secondary"),
            link("Сопровождение", SiteRoute.school(model.id, .support).path, cls: "button secondary"),
            link("Педагоги", SiteRoute.school(model.id, .teachers).path, cls: "button secondary"),
            link("Группа риска и ИОМ", SiteRoute.school(model.id, .studentsAtRisk).path, cls: "button secondary"),
        ]
        body.append(el("div", [("class", "actions")], actions + model.roadmaps.map { link($0.title, SiteRoute.roadmap($0.id).path, cls: "button secondary") }))

        body.append(subheading("Положение в списке ШНОР на \(model.referenceYear) год"))
        let window = "за последние \(model.windowYears) \(RussianPlural.form(model.windowYears, "год", "года", "лет"))"
        body.append(el("div", [("class", "cards")], [
            el("div", [("class", "card")], [
                el("span", [("class", "figure")], text: model.consecutiveYears > 0 ? ListHistory.consecutiveYearsLabel(model.consecutiveYears) : "—"),
                el("span", [("class", "label")], text: model.consecutiveYears > 0 ? "лет подряд в списке" : "не в списке ШНОР в \(model.referenceYear) году"),
            ]),
            el("div", [("class", "card")], [
                el("span", [("class", "figure")], text: "\(model.timesInWindow)"),
                el("span", [("class", "label")], text: "раз в списке \(window)"),
            ]),
            el("div", [("class", "card")], [
                el("span", [("class", "figure")], text: model.historyKind?.title ?? "—"),
                el("span", [("class", "label")], text: "вид ШНОР"),
            ]),
        ]))
        body.append(subheading("История в списках"))
        if model.entries.isEmpty {
            body.append(para("Школа не включалась в списки.", cls: "muted"))
        } else {
            body.append(table(["Год", "Список", "Основание", "Приказ"], model.entries.map { e in [
                .text("\(e.year)"), .text(e.status.abbreviation), .text(e.basis ?? "—"), .text(e.order ?? "—"),
            ] }))
        }
        return layout.render(body)
    }
}

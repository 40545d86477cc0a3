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
}

struct SchoolView {
    let model: SchoolPage
    let layout: Layout

    func render() -> String {
        var body: [BodyNode] = [heading(model.shortName)]
        var facts: [BodyNode] = [
            el("dt", text: "Полное наименование"), el("dd", text: model.fullName),
            el("dt", text: "Вид"), el("dd", text: model.kind.title),
            el("dt", text: "Муниципалитет"), el("dd", text: model.municipality),
        ]
        if !model.aliases.isEmpty {
            facts += [el("dt", text: "Другие написания"), el("dd", text: model.aliases.joined(separator: "; "))]
        }
        facts += [el("dt", text: "Кураторы"), el("dd", text: model.curators.isEmpty ? "не назначены" : model.curators.joined(separator: ", "))]
        body.append(el("dl", [("class", "facts")], facts))
        body.append(el("div", [("class", "actions")], [
            link("Рисковый профиль", "/schools/\(model.id)/risks", cls: "button secondary"),
            link("Конструктор дорожной карты", "/schools/\(model.id)/constructor", cls: "button secondary"),
            link("Диагностическая карта", "/schools/\(model.id)/diagnostic-card", cls: "button secondary"),
            link("Результаты школы", "/schools/\(model.id)/results", cls: "button secondary"),
            link("Сопровождение", "/schools/\(model.id)/support", cls: "button secondary"),
            link("Педагоги", "/schools/\(model.id)/teachers", cls: "button secondary"),
            link("Группа риска и ИОМ", "/schools/\(model.id)/students-at-risk", cls: "button secondary"),
        ] + model.roadmaps.map { link($0.title, "/roadmaps/\($0.id)", cls: "button secondary") }))

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

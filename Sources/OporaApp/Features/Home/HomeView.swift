struct HomePage {
    struct Card {
        let figure: String
        let label: String
        let url: String?
    }
    let greeting: String
    let subtitle: String
    let cards: [Card]
    let schoolsTitle: String
    let schools: [(id: Int, name: String, note: String)]
    let links: [(String, String)]
    var attention: [(due: String, urgency: String, overdue: Bool, measure: String, measureID: Int, roadmap: String)] = []
    var attentionTitle = "Сроки: просрочено и ближайшие две недели"
    var comments: [(roadmapID: Int, roadmap: String, author: String, text: String)] = []
}

struct HomeView {
    let model: HomePage
    let layout: Layout

    func render() -> String {
        var body: [BodyNode] = [heading(model.greeting), para(model.subtitle, cls: "muted")]
        if !model.cards.isEmpty {
            body.append(el("div", [("class", "cards")], model.cards.map { c in
                el("div", [("class", "card")], [
                    el("span", [("class", "figure")], text: c.figure),
                    c.url.map { link(c.label, $0, cls: "label") } ?? el("span", [("class", "label")], text: c.label),
                ])
            }))
        }
        if !model.links.isEmpty {
            body.append(el("div", [("class", "actions")], model.links.map { link($0.0, $0.1, cls: "button secondary") }))
        }
        if !model.comments.isEmpty {
            body.append(subheading("Новые комментарии по согласованию"))
            body.append(table(["Дорожная карта", "Автор", "Комментарий"], model.comments.map { c in
                [link(c.roadmap, SiteRoute.roadmap(c.roadmapID).path + "#review"), .text(c.author), .text(c.text)]
            }))
        }
        if !model.attention.isEmpty {
            body.append(subheading(model.attentionTitle))
            body.append(table(["Срок", "Состояние", "Мероприятие", "Дорожная карта"], model.attention.map { a in [
                .text(a.due), el("span", [("class", a.overdue ? "tag chronic" : "tag flickering")], text: a.urgency),
                link(a.measure, SiteRoute.measure(a.measureID).path), .text(a.roadmap),
            ] }))
        }
        if !model.schools.isEmpty {
            body.append(subheading(model.schoolsTitle))
            body.append(table(["Школа", "Положение"], model.schools.map { [link($0.name, SiteRoute.school($0.id).path), .text($0.note)] }))
        }
        return layout.render(body)
    }
}

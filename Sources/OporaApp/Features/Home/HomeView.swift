import OporaCore

struct HomePage {
    struct Card {
        let figure: String
        let label: String
        let url: String?
    }

    /// Overdue and due-soon work of one roadmap, its first items listed.
    struct DeadlineGroup {
        let roadmapID: Int
        let title: String
        let overdue: Int
        let soon: Int
        let items: [(due: String, urgency: String, overdue: Bool, measure: String, measureID: Int, responsible: String)]
    }

    /// Notices of one kind: how many, and the first few.
    struct NoticeGroup {
        let title: String
        let count: Int
        let items: [NoticeQueries.Notice]
    }

    let greeting: String
    let subtitle: String
    /// The date the steps' distances are counted from.
    var today: LocalDate? = nil
    var yearNote: String? = nil
    let cards: [Card]
    let schoolsTitle: String
    let schools: [(id: Int, name: String, note: String)]
    let links: [(String, String)]
    var steps: [SeasonQueries.Step] = []
    var stepsTitle = ""
    var notices: [NoticeGroup] = []
    var comments: [(roadmapID: Int, roadmap: String, author: String, text: String)] = []
    var deadlineTitle = "Сроки: просрочено и ближайшие две недели"
    var digest: DeadlineDigest? = nil
    /// More overdue and due-soon items than were read (`HomeController.attentionLimit`).
    var deadlinesCapped = false
    var deadlineGroups: [DeadlineGroup] = []
    var roadmapTitles: [Int: String] = [:]
    /// Per-school rows with the pages a curator or head opens for each school.
    var schoolLinks: [Int: [(String, String)]] = [:]
    /// The regional table: a municipality's ШНОР and its pages.
    var municipalities: [(id: Int, name: String, listed: String, links: [(String, String)])] = []
}

struct HomeView {
    let model: HomePage
    let layout: Layout

    func render() -> String {
        var body: [BodyNode] = [heading(model.greeting), para(model.subtitle, cls: "muted")]
        if let note = model.yearNote { body.append(notice(note)) }
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
        body += notices()
        body += steps()
        body += deadlines()
        if !model.comments.isEmpty {
            body.append(subheading("Новые комментарии по согласованию"))
            body.append(table(["Дорожная карта", "Автор", "Комментарий"], model.comments.map { c in
                [link(c.roadmap.shortened(), SiteRoute.roadmap(c.roadmapID).path + "#review"), .text(c.author), .text(c.text)]
            }))
        }
        if !model.schools.isEmpty {
            body.append(subheading(model.schoolsTitle))
            let withLinks = !model.schoolLinks.isEmpty
            body.append(table(["Школа", "Положение"] + (withLinks ? ["Страницы"] : []), model.schools.map { s in
                [link(s.name, SiteRoute.school(s.id).path), .text(s.note)]
                    + (withLinks ? [el("span", [("class", "links")], (model.schoolLinks[s.id] ?? []).map { link($0.0, $0.1) })] : [])
            }))
        }
        if !model.municipalities.isEmpty {
            body.append(subheading("Муниципалитеты"))
            body.append(table(["Муниципалитет", "ШНОР", "Страницы"], model.municipalities.map { m in
                [link(m.name, SiteRoute.authority(m.id).path), .text(m.listed), el("span", [("class", "links")], m.links.map { link($0.0, $0.1) })]
            }))
        }
        return layout.render(body)
    }

    private func notices() -> [BodyNode] {
        let groups = model.notices.filter { $0.count > 0 }
        guard !groups.isEmpty else { return [] }
        var out: [BodyNode] = [subheading("Требует ответа")]
        for g in groups {
            let more = g.count > g.items.count ? " (показаны первые \(g.items.count))" : ""
            out.append(el("h3", text: "\(g.title): \(g.count)\(more)"))
            out.append(el("ul", [("class", "notices")], g.items.map { n in
                el("li", [], [link(n.text, n.url), el("span", [("class", "muted")], text: " — \(n.detail)")])
            }))
        }
        return out
    }

    private func steps() -> [BodyNode] {
        guard !model.steps.isEmpty else { return [] }
        return [
            subheading(model.stepsTitle),
            table(["Этап", "Срок", "Состояние", "Что сделано", ""], model.steps.map { s in
                let tag = switch s.step.state {
                case .done: "tag ok"
                case .late: "tag chronic"
                case .open: "tag flickering"
                case .ahead: "tag"
                }
                return [
                    .text(s.step.title),
                    .text(s.step.due.map { due in "до \(due.russian)" + (model.today.map { " (\(SeasonStep.distance(to: due, from: $0)))" } ?? "") } ?? "—"),
                    el("span", [("class", tag)], text: s.step.state.title),
                    .text(s.step.progress),
                    link(s.action, s.url),
                ]
            }, cls: "data season stack"),
        ]
    }

    private func deadlines() -> [BodyNode] {
        guard let digest = model.digest else { return [] }
        var out: [BodyNode] = [subheading(model.deadlineTitle)]
        guard digest.overdue + digest.soon > 0 else {
            out.append(para("Просроченных мероприятий нет, в ближайшие две недели сроков нет."))
            return out
        }
        out.append(el("div", [("class", "cards")], [
            el("div", [("class", "card")], [el("span", [("class", "figure")], text: "\(digest.overdue)"),
                                            el("span", [("class", "label")], text: "просрочено")]),
            el("div", [("class", "card")], [el("span", [("class", "figure")], text: "\(digest.soon)"),
                                            el("span", [("class", "label")], text: "срок в ближайшие 14 дней")]),
        ]))
        if model.deadlinesCapped {
            out.append(para("Подсчитаны первые \(HomeController.attentionLimit) сроков по порядку дат; остальные — на страницах дорожных карт.", cls: "muted"))
        }
        if digest.byRoadmap.count > 1 {
            out.append(el("h3", text: "По дорожным картам"))
            out.append(table(["Дорожная карта", "Просрочено", "Скоро срок"], digest.byRoadmap.map { c in
                let id = Int(c.key) ?? 0
                let title = model.roadmapTitles[id] ?? ""
                return [el("a", [("href", SiteRoute.roadmap(id).path), ("title", title)], text: title.shortened()), .text("\(c.overdue)"), .text("\(c.soon)")]
            }))
        }
        if digest.byResponsible.count > 1 {
            out.append(el("h3", text: "По ответственным"))
            out.append(table(["Ответственный", "Просрочено", "Скоро срок"], digest.byResponsible.prefix(15).map { c in
                [.text(c.key), .text("\(c.overdue)"), .text("\(c.soon)")]
            }))
        }
        for g in model.deadlineGroups {
            out.append(el("h3", [], [el("a", [("href", SiteRoute.roadmap(g.roadmapID).path), ("title", g.title)], text: g.title.shortened())]))
            out.append(table(["Срок", "Состояние", "Мероприятие", "Ответственный"], g.items.map { a in [
                .text(a.due), el("span", [("class", a.overdue ? "tag chronic" : "tag flickering")], text: a.urgency),
                link(a.measure, SiteRoute.measure(a.measureID).path), .text(a.responsible),
            ] }, cls: "data stack"))
            let rest = g.overdue + g.soon - g.items.count
            if rest > 0 {
                out.append(el("p", [("class", "muted")], [.text("И ещё \(RussianPlural.count(rest, "мероприятие", "мероприятия", "мероприятий")) — "),
                                                          link("на странице карты", SiteRoute.roadmap(g.roadmapID).path), .text(".")]))
            }
        }
        return out
    }
}

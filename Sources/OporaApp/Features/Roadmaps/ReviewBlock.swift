import Foundation
import OporaCore

/// The review part of a school roadmap's page: stage, submissions, interviews, comment threads
/// and the forms of the side the user is on.
struct ReviewModel {
    let roadmapID: Int
    let stage: ReviewStage
    let status: RoadmapStatus
    let side: ReviewController.Side?
    let isHead: Bool
    let submissions: [(number: Int, on: String, by: String)]
    let interviews: [(on: String, participants: String, text: String)]
    let comments: [RoadmapComment]
    let measures: [(id: Int, label: String)]
    let siteURL: String?
    let sitePublishedOn: String?
}

struct ReviewBlock {
    let model: ReviewModel
    let csrf: String

    func nodes() -> [BodyNode] {
        let rid = model.roadmapID
        var out: [BodyNode] = [el("h2", [("id", "review")], text: "Согласование")]
        out.append(para("Стадия: \(model.stage.title)." + (model.siteURL.map { " Размещена на сайте школы \(LocalDate(parsing: model.sitePublishedOn ?? "")?.russian ?? ""): \($0)" } ?? ""), cls: "muted"))
        if !model.submissions.isEmpty {
            out.append(table(["Подача", "Дата", "Кто"], model.submissions.map { [.text("№ \($0.number)"), .text(LocalDate(parsing: $0.on)?.russian ?? $0.on), .text($0.by)] }))
        }
        if model.side == .school && model.isHead && model.status == .draft && (model.stage == .none || model.stage == .changesRequested) {
            out.append(postForm(SiteRoute.roadmap(rid, .submit).path, csrf: csrf, cls: "inline", [button("Подать на согласование куратору")]))
        }
        if model.side == .reviewer && model.stage == .submitted {
            out.append(postForm(SiteRoute.roadmap(rid, .decision).path, csrf: csrf, cls: "row", [
                field("Комментарий к решению", name: "comment", id: "decision-comment"),
                el("button", [("type", "submit"), ("name", "decision"), ("value", "agree"), ("class", "button")], text: "Согласовать"),
                el("button", [("type", "submit"), ("name", "decision"), ("value", "changes"), ("class", "button danger")], text: "Вернуть на доработку"),
            ]))
        }
        if model.side == .school && model.status != .draft {
            out.append(el("details", [], [
                el("summary", text: "Отметить размещение на сайте школы"),
                postForm(SiteRoute.roadmap(rid, .site).path, csrf: csrf, cls: "row", [
                    field("Ссылка на страницу", name: "url", required: true, id: "site-url"),
                    field("Дата размещения", name: "publishedOn", type: "date", required: true, id: "site-date"),
                    button("Сохранить"),
                ]),
            ]))
        }
        // Threads: top-level comments with their replies, grouped under their measure.
        let top = model.comments.filter { $0.$parent.id == nil }
        if !top.isEmpty {
            out.append(el("h3", text: "Комментарии"))
            out.append(el("ul", [("class", "thread")], top.map { c in
                let replies = model.comments.filter { $0.$parent.id == c.id }
                let about = c.$measure.id.flatMap { id in model.measures.first { $0.id == id }?.label }
                return el("li", [], [
                    commentNode(c, about: about),
                    el("ul", [], replies.map { el("li", [], [commentNode($0, about: nil)]) }),
                    model.side == nil ? .text("") : postForm(SiteRoute.roadmap(rid, .comments).path, csrf: csrf, cls: "row", [
                        voidEl("input", [("type", "hidden"), ("name", "parentID"), ("value", "\(c.id ?? 0)")]),
                        el("label", [("class", "visually-hidden"), ("for", "reply-\(c.id ?? 0)")], text: "Ответ"),
                        voidEl("input", [("type", "text"), ("name", "text"), ("id", "reply-\(c.id ?? 0)"), ("placeholder", "ответить")]),
                        button("Ответить", cls: "button secondary"),
                    ]),
                ])
            }))
        }
        if model.side != nil {
            out.append(postForm(SiteRoute.roadmap(rid, .comments).path, csrf: csrf, [
                selectField("К мероприятию", name: "measureID", options: [("", "к дорожной карте в целом")] + model.measures.map { ("\($0.id)", $0.label) }, selected: "", id: "comment-measure"),
                el("div", [("class", "field")], [el("label", [("for", "comment-text")], text: "Комментарий"),
                                                 el("textarea", [("name", "text"), ("id", "comment-text"), ("rows", "3"), ("cols", "80")], [])]),
                button("Отправить комментарий"),
            ]))
        }
        if !model.interviews.isEmpty {
            out.append(el("h3", text: "Собеседования"))
            out.append(table(["Дата", "Участники", "Протокол"], model.interviews.map { [.text(LocalDate(parsing: $0.on)?.russian ?? $0.on), .text($0.participants), .text($0.text)] }))
        }
        if model.side == .reviewer {
            out.append(el("details", [], [
                el("summary", text: "Записать собеседование"),
                postForm(SiteRoute.roadmap(rid, .interviews).path, csrf: csrf, [
                    field("Дата", name: "heldOn", type: "date", required: true, id: "iv-date"),
                    field("Участники", name: "participants", required: true, id: "iv-people"),
                    el("div", [("class", "field")], [el("label", [("for", "iv-protocol")], text: "Протокол"),
                                                     el("textarea", [("name", "protocolText"), ("id", "iv-protocol"), ("rows", "4"), ("cols", "80"), ("required", "required")], [])]),
                    button("Сохранить"),
                ]),
            ]))
        }
        return out
    }

    private func commentNode(_ c: RoadmapComment, about: String?) -> BodyNode {
        el("div", [("class", "comment")], [
            el("strong", text: c.authorName),
            el("span", [("class", "muted")], text: " (\(c.fromSchool ? "школа" : "куратор / УО"))\(c.createdAt.map { ", " + Formatting.dateTime($0) } ?? "")\(about.map { ", к мероприятию \($0)" } ?? ""): "),
            .text(c.text),
        ])
    }
}

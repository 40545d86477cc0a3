import Fluent
import Foundation
import OporaCore
import Vapor

/// Review of school roadmaps: submit (with a frozen snapshot), comment on measures in threads,
/// request changes or agree, record the interview, and publish on the school's site.
struct ReviewController {
    enum Side { case school, reviewer }


    private func schoolRoadmap(_ req: Request) async throws -> (Roadmap, Side) {
        let roadmap = try req.routeRoadmap()
        guard roadmap.$school.id != nil else { throw PublicError(.conflict, "Согласование проводится для школьных дорожных карт.") }
        guard let side = try await req.reviewSide(of: roadmap) else { throw PublicError.forbidden() }
        return (roadmap, side)
    }

    func submit(req: Request) async throws -> Response {
        let (roadmap, _) = try await schoolRoadmap(req)
        guard roadmap.status == .draft, roadmap.reviewStage != .submitted && roadmap.reviewStage != .agreed else {
            throw PublicError(.conflict, "Дорожная карта уже на согласовании или согласована.")
        }
        let rid = try roadmap.requireID()
        let tree = try await RoadmapService(db: req.db).tree(roadmap)
        let dto = try RoadmapDTO(tree, occurrences: [], today: ExecutionService.today())
        let submission = RoadmapSubmission()
        submission.$roadmap.id = rid
        submission.submittedOn = ExecutionService.today().iso
        submission.submittedBy = try req.currentUser().login
        submission.snapshot = String(decoding: try JSONEncoder().encode(dto), as: UTF8.self)
        let user = try req.currentUser()
        // Numbered, recorded and audited together; a simultaneous second submission hits the
        // unique (roadmap, number) index and is refused as a conflict.
        try await req.db.transaction { tx in
            let last = try await RoadmapSubmission.query(on: tx).filter(\.$roadmap.$id == rid).max(\.$number) ?? 0
            submission.number = last + 1
            try await submission.create(on: tx)
            roadmap.reviewStage = .submitted
            try await roadmap.save(on: tx)
            try await Audit.record(on: tx, user: user, authorityID: roadmap.$authority.id, action: "Дорожная карта подана на согласование",
                                   entity: roadmap.title, entityID: rid, after: "подача № \(submission.number)")
        }
        return req.redirect(to: SiteRoute.roadmap(rid).path + "#review")
    }

    struct CommentForm: Content {
        var text: String
        var measureID: String?
        var parentID: String?
    }

    func comment(req: Request) async throws -> Response {
        let (roadmap, side) = try await schoolRoadmap(req)
        let rid = try roadmap.requireID()
        guard let form = try? req.content.decode(CommentForm.self), let text = form.text.nilIfBlank else { throw PublicError(.badRequest, "Напишите комментарий.") }
        let comment = RoadmapComment()
        comment.$roadmap.id = rid
        if let raw = form.measureID?.nilIfBlank {
            guard let mid = Int(raw), let m = try await Measure.find(mid, on: req.db), m.$roadmap.id == rid else { throw PublicError(.badRequest, "Мероприятие не из этой дорожной карты.") }
            comment.$measure.id = mid
        }
        if let raw = form.parentID?.nilIfBlank {
            guard let pid = Int(raw), let parent = try await RoadmapComment.find(pid, on: req.db), parent.$roadmap.id == rid else { throw PublicError(.badRequest, "Нет такого комментария.") }
            comment.$parent.id = pid
            comment.$measure.id = parent.$measure.id
        }
        let user = try req.currentUser()
        comment.author = user.login
        comment.authorName = user.fullName
        comment.fromSchool = side == .school
        comment.text = text
        comment.seen = false
        try await req.db.transaction { tx in
            try await comment.create(on: tx)
            try await Audit.record(on: tx, user: user, authorityID: roadmap.$authority.id, action: "Комментарий к дорожной карте", entity: roadmap.title, entityID: comment.id, after: text)
        }
        return req.redirect(to: SiteRoute.roadmap(rid).path + "#review")
    }

    struct DecisionForm: Content {
        var decision: String
        var comment: String?
    }

    func decide(req: Request) async throws -> Response {
        let (roadmap, _) = try await schoolRoadmap(req)
        guard roadmap.reviewStage == .submitted else { throw PublicError(.conflict, "Дорожная карта не на согласовании.") }
        guard let form = try? req.content.decode(DecisionForm.self), ["agree", "changes"].contains(form.decision) else { throw PublicError(.badRequest, "Выберите решение.") }
        if form.decision == "changes" && form.comment?.nilIfBlank == nil { throw PublicError(.badRequest, "Укажите, что доработать.") }
        let user = try req.currentUser()
        roadmap.reviewStage = form.decision == "agree" ? .agreed : .changesRequested
        // The decision, its comment and its audit record land together or not at all.
        try await req.db.transaction { tx in
            try await roadmap.save(on: tx)
            if let text = form.comment?.nilIfBlank {
                let c = RoadmapComment()
                c.$roadmap.id = try roadmap.requireID()
                c.author = user.login
                c.authorName = user.fullName
                c.fromSchool = false
                c.text = (form.decision == "agree" ? "Согласовано. " : "На доработку: ") + text
                c.seen = false
                try await c.create(on: tx)
            }
            try await Audit.record(on: tx, user: user, authorityID: roadmap.$authority.id,
                                   action: form.decision == "agree" ? "Дорожная карта согласована куратором" : "Дорожная карта возвращена на доработку",
                                   entity: roadmap.title, entityID: roadmap.id, after: form.comment)
        }
        return req.redirect(to: SiteRoute.roadmap(try roadmap.requireID()).path + "#review")
    }

    struct InterviewForm: Content {
        var heldOn: String
        var participants: String
        var protocolText: String
    }

    func interview(req: Request) async throws -> Response {
        let (roadmap, _) = try await schoolRoadmap(req)
        guard let form = try? req.content.decode(InterviewForm.self), let date = LocalDate(parsing: form.heldOn),
              let participants = form.participants.nilIfBlank, let text = form.protocolText.nilIfBlank else {
            throw PublicError(.badRequest, "Укажите дату, участников и протокол собеседования.")
        }
        let i = RoadmapInterview()
        i.$roadmap.id = try roadmap.requireID()
        i.heldOn = date.iso
        i.participants = participants
        i.protocolText = text
        i.recordedBy = try req.currentUser().login
        try await req.db.transaction { tx in
            try await i.create(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: roadmap.$authority.id, action: "Проведено собеседование", entity: roadmap.title,
                                   entityID: i.id, after: "\(date.russian): \(participants)")
        }
        return req.redirect(to: SiteRoute.roadmap(try roadmap.requireID()).path + "#review")
    }

    struct SiteForm: Content {
        var url: String
        var publishedOn: String
    }

    func publishOnSite(req: Request) async throws -> Response {
        let (roadmap, _) = try await schoolRoadmap(req)
        guard roadmap.status != .draft else { throw PublicError(.conflict, "Размещается утверждённая дорожная карта.") }
        guard let form = try? req.content.decode(SiteForm.self), let date = LocalDate(parsing: form.publishedOn),
              WebLink.accepts(form.url) else {
            throw PublicError(.badRequest, "Укажите ссылку (http:// или https://) и дату размещения.")
        }
        roadmap.siteURL = form.url
        roadmap.sitePublishedOn = date.iso
        try await req.db.transaction { tx in
            try await roadmap.save(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: roadmap.$authority.id, action: "Дорожная карта размещена на сайте школы",
                                   entity: roadmap.title, entityID: roadmap.id, after: "\(form.url), \(date.russian)")
        }
        return req.redirect(to: SiteRoute.roadmap(try roadmap.requireID()).path + "#review")
    }
}

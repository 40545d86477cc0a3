import Fluent
import OporaCore
import Vapor

/// Changing and removing measures: freely in a draft, and in an approved roadmap only as a
/// recorded amendment (an order, a description, a new version).
struct MeasureEditController {
    struct EditForm: Content {
        var number: String
        var name: String
        var form: String?
        var deadline: String
        var responsible: String
        var result: String?
        var amendmentNumber: String?
        var amendmentDate: String?
        var amendmentDescription: String?
    }

    struct AmendmentFields: Content {
        var amendmentNumber: String?
        var amendmentDate: String?
        var amendmentDescription: String?
    }

    private func load(_ req: Request) async throws -> (Measure, Roadmap) {
        guard let id = req.intParameter("measureID"), let measure = try await Measure.find(id, on: req.db) else { throw PublicError.notFound() }
        return (measure, try await req.manageableRoadmap(measure.$roadmap.id))
    }

    /// The amendment an approved roadmap needs for any change; nil for a draft.
    private func amendment(_ req: Request, _ roadmap: Roadmap) throws -> RoadmapAmendment? {
        guard roadmap.status != .draft else { return nil }
        let f = try req.content.decode(AmendmentFields.self)
        guard let n = f.amendmentNumber?.nilIfBlank, let d = f.amendmentDate.flatMap(LocalDate.init(parsing:)), let what = f.amendmentDescription?.nilIfBlank else {
            throw PublicError(.badRequest, "Утверждённая дорожная карта изменяется только приказом: укажите его номер, дату и что изменено.")
        }
        let a = RoadmapAmendment()
        a.$roadmap.id = roadmap.id ?? 0
        a.version = roadmap.version + 1
        a.orderNumber = n
        a.orderDate = d.iso
        a.description = what
        a.userLogin = try req.currentUser().login
        return a
    }

    func edit(req: Request) async throws -> Response {
        let (measure, roadmap) = try await load(req)
        guard let form = try? req.content.decode(EditForm.self), let number = form.number.nilIfBlank, let name = form.name.nilIfBlank,
              let deadline = form.deadline.nilIfBlank, let responsible = form.responsible.nilIfBlank else {
            throw PublicError(.badRequest, "Укажите номер, наименование, срок и ответственных.")
        }
        let change = try amendment(req, roadmap)
        let before = "№ \(measure.number) \(measure.name); срок: \(measure.deadlineText); ответственные: \(measure.responsible)"
        measure.number = number
        measure.name = name
        measure.form = form.form?.nilIfBlank
        measure.setDeadline(Deadline(parsing: deadline))
        measure.responsible = responsible
        measure.expectedResult = form.result?.nilIfBlank
        let user = try req.currentUser()
        try await req.db.transaction { tx in
            try await measure.save(on: tx)
            if let change {
                try await change.create(on: tx)
                roadmap.version = change.version
                try await roadmap.save(on: tx)
            }
            try await Audit.record(on: tx, user: user, authorityID: roadmap.$authority.id, action: "Изменено мероприятие" + (change.map { " (изменение, редакция \($0.version))" } ?? ""),
                                   entity: roadmap.title, entityID: measure.id, before: before, after: "№ \(number) \(name); срок: \(deadline); ответственные: \(responsible)")
        }
        return req.redirect(to: "/measures/\(try measure.requireID())")
    }

    func delete(req: Request) async throws -> Response {
        let (measure, roadmap) = try await load(req)
        let change = try amendment(req, roadmap)
        let mid = try measure.requireID()
        guard try await MeasureProgress.query(on: req.db).filter(\.$measure.$id == mid).count() == 0 else {
            throw PublicError(.conflict, "По мероприятию уже есть отметки об исполнении: удалить его нельзя.")
        }
        let user = try req.currentUser()
        try await req.db.transaction { tx in
            try await measure.delete(on: tx)
            if let change {
                try await change.create(on: tx)
                roadmap.version = change.version
                try await roadmap.save(on: tx)
            }
            try await Audit.record(on: tx, user: user, authorityID: roadmap.$authority.id, action: "Удалено мероприятие" + (change.map { " (изменение, редакция \($0.version))" } ?? ""),
                                   entity: roadmap.title, entityID: mid, before: "№ \(measure.number) \(measure.name)")
        }
        return req.redirect(to: "/roadmaps/\(try roadmap.requireID())")
    }
}

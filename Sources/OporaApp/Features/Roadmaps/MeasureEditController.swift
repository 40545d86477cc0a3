import Fluent
import OporaCore
import Vapor

/// Adding, changing and removing measures: freely in a draft, and in an approved roadmap only as
/// a recorded amendment (an order, a description, a new version). The rules live here once, for
/// RoadmapsController.addMeasure too.
struct MeasureEditController {
    struct Fields {
        let number: String
        let name: String
        let form: String?
        let deadline: String
        let responsible: String
        let result: String?
    }

    struct FieldsForm: Content {
        var number: String
        var name: String
        var form: String?
        var deadline: String
        var responsible: String
        var result: String?
    }

    struct AmendmentFields: Content {
        var amendmentNumber: String?
        var amendmentDate: String?
        var amendmentDescription: String?
    }

    static func fields(_ req: Request) throws -> Fields {
        guard let f = try? req.content.decode(FieldsForm.self), let number = f.number.nilIfBlank, let name = f.name.nilIfBlank,
              let deadline = f.deadline.nilIfBlank, let responsible = f.responsible.nilIfBlank else {
            throw PublicError(.badRequest, "Укажите номер, наименование, срок и ответственных.")
        }
        return Fields(number: number, name: name, form: f.form?.nilIfBlank, deadline: deadline, responsible: responsible, result: f.result?.nilIfBlank)
    }

    /// The amendment an approved roadmap needs for any change; nil for a draft.
    static func amendment(_ req: Request, _ roadmap: Roadmap) throws -> RoadmapAmendment? {
        guard roadmap.status != .draft else { return nil }
        let f = try req.content.decode(AmendmentFields.self)
        guard let n = f.amendmentNumber?.nilIfBlank, let d = f.amendmentDate.flatMap(LocalDate.init(parsing:)), let what = f.amendmentDescription?.nilIfBlank else {
            throw PublicError(.badRequest, "Утверждённая дорожная карта изменяется только приказом: укажите его номер, дату и что изменено.")
        }
        let a = RoadmapAmendment()
        a.$roadmap.id = try roadmap.requireID()
        a.version = roadmap.version + 1
        a.orderNumber = n
        a.orderDate = d.iso
        a.description = what
        a.userLogin = try req.currentUser().login
        return a
    }

    /// Runs the change with its amendment (if any) and its audit record in one transaction.
    static func commit(_ req: Request, _ roadmap: Roadmap, _ change: RoadmapAmendment?, action: String, entityID: Int?,
                       before: String? = nil, after: String? = nil, _ work: @escaping @Sendable (any Database) async throws -> Void) async throws {
        let user = try req.currentUser()
        try await req.db.transaction { tx in
            try await work(tx)
            if let change {
                try await change.create(on: tx)
                roadmap.version = change.version
                try await roadmap.save(on: tx)
            }
            try await Audit.record(on: tx, user: user, authorityID: roadmap.$authority.id, action: action + (change.map { " (изменение, редакция \($0.version))" } ?? ""),
                                   entity: roadmap.title, entityID: entityID, before: before, after: after)
        }
    }

    private func load(_ req: Request) async throws -> (Measure, Roadmap) {
        let measure = try req.routeMeasure()
        return (measure, try await req.editableRoadmap(measure.$roadmap.id))
    }

    func edit(req: Request) async throws -> Response {
        let (measure, roadmap) = try await load(req)
        let f = try Self.fields(req)
        let change = try Self.amendment(req, roadmap)
        let before = "№ \(measure.number) \(measure.name); срок: \(measure.deadlineText); ответственные: \(measure.responsible)"
        try req.ensureUnchanged(measure, now: before, back: SiteRoute.measure(try measure.requireID()).path)
        measure.number = f.number
        measure.name = f.name
        measure.form = f.form
        measure.setDeadline(Deadline(parsing: f.deadline))
        measure.responsible = f.responsible
        measure.expectedResult = f.result
        try await Self.commit(req, roadmap, change, action: "Изменено мероприятие", entityID: measure.id, before: before,
                              after: "№ \(f.number) \(f.name); срок: \(f.deadline); ответственные: \(f.responsible)") { tx in
            try await measure.save(on: tx)
        }
        return req.redirect(to: SiteRoute.measure(try measure.requireID()).path)
    }

    func delete(req: Request) async throws -> Response {
        let (measure, roadmap) = try await load(req)
        let change = try Self.amendment(req, roadmap)
        let mid = try measure.requireID()
        guard try await MeasureProgress.query(on: req.db).filter(\.$measure.$id == mid).count() == 0 else {
            throw PublicError(.conflict, "По мероприятию уже есть отметки об исполнении: удалить его нельзя.")
        }
        try req.confirm("удалить мероприятие",
                        consequence: "Мероприятие № \(measure.number) «\(measure.name.prefix(200))» будет удалено из дорожной карты"
                            + (change != nil ? " как изменение утверждённой карты по приказу." : "."),
                        back: SiteRoute.measure(mid).path)
        try await Self.commit(req, roadmap, change, action: "Удалено мероприятие", entityID: mid, before: "№ \(measure.number) \(measure.name)") { tx in
            try await measure.delete(on: tx)
        }
        return req.redirect(to: SiteRoute.roadmap(try roadmap.requireID()).path)
    }
}

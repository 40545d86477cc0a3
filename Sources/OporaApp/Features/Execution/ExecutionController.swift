import Fluent
import OporaCore
import Vapor

/// Recording the execution of measures, reviewing it, the timeline and monitoring rounds.
struct ExecutionController {
    /// The measure, its roadmap, and what the user may do with it.
    private func context(_ req: Request) async throws -> (Measure, Roadmap, mayReport: Bool, mayReview: Bool) {
        let measure = try req.routeMeasure()
        let roadmap = try await req.readableRoadmap(measure.$roadmap.id)
        return (measure, roadmap, try await req.mayReport(measure, of: roadmap), try await req.mayReview(roadmap))
    }

    func page(req: Request) async throws -> Response {
        let (measure, roadmap, mayReport, mayReview) = try await context(req)
        let rows = try await ExecutionService(db: req.db).occurrences(of: measure, in: roadmap)
        var model = MeasurePage(roadmapID: try roadmap.requireID(), roadmapTitle: roadmap.title, measure: measure, rows: rows,
                                today: ExecutionService.today(), mayReport: mayReport, mayReview: mayReview)
        let aid = roadmap.$authority.id
        let users = try await User.query(on: req.db).filter(\.$authority.$id == aid).all()
        let organizations = try await Organization.query(on: req.db).filter(\.$authority.$id == aid).all()
        model.responsible = ResponsibleMatch.registry(measure.responsible, users: users, organizations: organizations)
        let tagged = Set(try await MeasureSchool.query(on: req.db).filter(\.$measure.$id == measure.requireID()).all().map { $0.$school.id })
        model.canManage = try await req.mayManage(roadmap) && roadmap.$school.id == nil && roadmap.status != .closed
        model.canEdit = try await req.mayEdit(roadmap)
        model.approved = roadmap.status != .draft
        if try await req.scope().canRead(authorityID: aid) {
            model.schools = try await SchoolDirectory(db: req.db).schools(authorityID: aid).map { ($0.id, $0.shortName, tagged.contains($0.id)) }
        }
        return .html(MeasureView(model: model, layout: req.layout("Мероприятие № \(measure.displayNumber)", crumbs: [("Дорожная карта", SiteRoute.roadmap(try roadmap.requireID()).path)]), csrf: req.csrf).render())
    }

    /// The occurrence named by the form's `due`, checked against the measure's schedule.
    private func occurrence(_ req: Request, _ measure: Measure, _ roadmap: Roadmap) async throws -> MeasureProgress {
        let due = (try? req.content.get(String.self, at: "due")) ?? ""
        guard let period = roadmap.period else { throw PublicError.notFound() }
        let valid = measure.deadline.occurrences(in: period).map(\.iso)
        guard valid.isEmpty ? due.isEmpty : valid.contains(due) else { throw PublicError(.badRequest, "У мероприятия нет такого срока исполнения.") }
        return try await ExecutionService(db: req.db).progress(measureID: try measure.requireID(), due: due)
    }

    struct ProgressForm: Content {
        var status: ProgressStatus
        var report: String?
    }

    func record(req: Request) async throws -> Response {
        let (measure, roadmap, _, _) = try await context(req)
        guard let form = try? req.content.decode(ProgressForm.self) else { throw PublicError(.badRequest, "Выберите статус.") }
        let mid = try measure.requireID()
        let due = (try? req.content.get(String.self, at: "due")) ?? ""
        let shown = try await MeasureProgress.query(on: req.db).filter(\.$measure.$id == mid).filter(\.$due == due).first()
        try req.ensureUnchanged(shown, now: shown.map { "\($0.status.title); отчёт: «\($0.report)»; отметил \($0.updatedBy)" } ?? "отметки нет",
                                back: SiteRoute.measure(mid).path)
        let progress = try await occurrence(req, measure, roadmap)
        let before = "\(progress.status.title); \(progress.report)"
        let user = try req.currentUser()
        progress.status = form.status
        progress.report = form.report?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        progress.review = form.status == .notStarted ? .none : .pending
        progress.reviewComment = nil
        progress.updatedBy = user.login
        try await req.db.transaction { tx in
            try await progress.save(on: tx)
            if roadmap.status == .approved { roadmap.status = .inProgress; try await roadmap.save(on: tx) }
            try await Audit.record(on: tx, user: user, authorityID: roadmap.$authority.id, action: "Отмечено исполнение мероприятия",
                                   entity: "№ \(measure.number), срок \(LocalDate(parsing: progress.due)?.russian ?? "без даты")", entityID: progress.id,
                                   before: before, after: "\(progress.status.title); \(progress.report)")
        }
        return req.redirect(to: SiteRoute.measure(try measure.requireID()).path)
    }

    struct EvidenceForm: Content {
        var kind: EvidenceKind
        var title: String
        var docNumber: String?
        var docDate: String?
        var url: String?
        var file: File?
    }

    static let maxFileBytes = 5 * 1024 * 1024

    func addEvidence(req: Request) async throws -> Response {
        let (measure, roadmap, _, _) = try await context(req)
        guard let form = try? req.content.decode(EvidenceForm.self), let title = form.title.nilIfBlank else {
            throw PublicError(.badRequest, "Укажите вид и название подтверждения.")
        }
        let progress = try await occurrence(req, measure, roadmap)
        let evidence = Evidence()
        evidence.$progress.id = try progress.requireID()
        evidence.kind = form.kind
        evidence.title = title
        evidence.addedBy = try req.currentUser().login
        switch form.kind {
        case .document:
            evidence.docNumber = form.docNumber?.nilIfBlank
            evidence.docDate = form.docDate?.nilIfBlank
            guard evidence.docNumber != nil || evidence.docDate != nil else { throw PublicError(.badRequest, "Для документа укажите номер или дату.") }
        case .link:
            guard let url = form.url?.nilIfBlank, WebLink.accepts(url) else {
                throw PublicError(.badRequest, "Ссылка должна начинаться с http:// или https://.")
            }
            evidence.url = url
        case .file:
            guard let file = form.file, file.data.readableBytes > 0 else { throw PublicError(.badRequest, "Выберите файл.") }
            guard file.data.readableBytes <= Self.maxFileBytes else { throw PublicError(.payloadTooLarge, "Файл больше 5 МБ.") }
            evidence.fileName = file.filename
            evidence.contentType = file.contentType?.serialize() ?? "application/octet-stream"
        }
        let bytes = form.kind == .file ? form.file.map { Data(buffer: $0.data) } : nil
        try await req.db.transaction { tx in
            try await evidence.create(on: tx)
            if let bytes { try await EvidenceFile(evidenceID: try evidence.requireID(), content: bytes).create(on: tx) }
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: roadmap.$authority.id, action: "Добавлено подтверждение исполнения",
                                   entity: "№ \(measure.number)", entityID: evidence.id, after: evidence.summary)
        }
        return req.redirect(to: SiteRoute.measure(try measure.requireID()).path)
    }

    func evidenceFile(req: Request) async throws -> Response {
        guard let id = req.intParameter("evidenceID"), let e = try await Evidence.query(on: req.db).filter(\.$id == id).with(\.$progress).first(),
              let data = try await EvidenceFile.query(on: req.db).filter(\.$evidence.$id == id).first()?.content else { throw PublicError.notFound() }
        guard let measure = try await Measure.find(e.progress.$measure.id, on: req.db) else { throw PublicError.notFound() }
        _ = try await req.readableRoadmap(measure.$roadmap.id)
        // Served as a download, never rendered inline: uploaded files are not trusted content.
        return .file(data, name: e.fileName ?? "file", contentType: "application/octet-stream")
    }

    struct ReviewForm: Content {
        var decision: String
        var comment: String?
    }

    func review(req: Request) async throws -> Response {
        let (measure, roadmap, _, _) = try await context(req)
        guard let form = try? req.content.decode(ReviewForm.self), ["accept", "return"].contains(form.decision) else { throw PublicError(.badRequest, "Выберите решение.") }
        let progress = try await occurrence(req, measure, roadmap)
        guard progress.review == .pending else { throw PublicError(.conflict, "Отчёт не ожидает проверки.") }
        if form.decision == "return" && (form.comment?.nilIfBlank == nil) { throw PublicError(.badRequest, "Укажите, что доработать.") }
        progress.review = form.decision == "accept" ? .accepted : .returned
        progress.reviewComment = form.comment?.nilIfBlank
        try await req.db.transaction { tx in
            try await progress.save(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: roadmap.$authority.id,
                                   action: form.decision == "accept" ? "Отчёт принят" : "Отчёт возвращён на доработку",
                                   entity: "№ \(measure.number)", entityID: progress.id, after: progress.reviewComment)
        }
        return req.redirect(to: SiteRoute.measure(try measure.requireID()).path)
    }

    func timeline(req: Request) async throws -> Response {
        let roadmap = try req.routeRoadmap()
        let tree = try await RoadmapService(db: req.db).tree(roadmap)
        let rows = try await ExecutionService(db: req.db).occurrences(tree)
        let today = ExecutionService.today()
        let svg = TimelineSVG.render(tree, rows: rows, today: today)
        if req.url.path.hasSuffix(".svg") {
            let r = Response(status: .ok, body: .init(string: svg))
            r.headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml")
            return r
        }
        var counts: [Urgency: Int] = [:]
        for row in rows { counts[row.urgency(today: today), default: 0] += 1 }
        let order: [Urgency] = [.overdue, .dueSoon, .upcoming, .closed, .noDate]
        let model = TimelinePage(roadmapID: try roadmap.requireID(), title: roadmap.title, svg: svg, counts: order.map { ($0, counts[$0] ?? 0) })
        return .html(TimelineView(model: model, layout: req.layout("Временная шкала")).render())
    }

    struct SchoolsForm: Content {
        var schoolIDs: [Int]?
    }

    /// Sets the schools a municipal measure concerns (a school roadmap concerns its own school).
    func setSchools(req: Request) async throws -> Response {
        let measure = try req.routeMeasure()
        let id = try measure.requireID()
        let roadmap = try await req.editableRoadmap(measure.$roadmap.id)
        guard roadmap.$school.id == nil else { throw PublicError(.conflict, "Мероприятие школьной дорожной карты касается своей школы.") }
        let ids = Set((try? req.content.decode(SchoolsForm.self))?.schoolIDs ?? [])
        let valid = try await School.query(on: req.db).filter(\.$authority.$id == roadmap.$authority.id).all().compactMap(\.id)
        guard ids.isSubset(of: Set(valid)) else { throw PublicError(.badRequest, "Выберите школы этого муниципалитета.") }
        let before = try await MeasureSchool.query(on: req.db).filter(\.$measure.$id == id).with(\.$school).all().map(\.school.shortName)
        let after = try await School.query(on: req.db).filter(\.$id ~~ Array(ids)).all().map(\.shortName)
        try await req.db.transaction { tx in
            try await MeasureSchool.query(on: tx).filter(\.$measure.$id == id).delete()
            for sid in ids.sorted() { try await MeasureSchool(measureID: id, schoolID: sid).create(on: tx) }
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: roadmap.$authority.id, action: "Указаны школы мероприятия",
                                   entity: "№ \(measure.number)", entityID: id, before: before.joined(separator: ", "), after: after.joined(separator: ", "))
        }
        return req.redirect(to: SiteRoute.measure(id).path)
    }
}

import Fluent
import OporaCore
import OporaDocuments
import Vapor

/// Roadmaps: list, import with preview, view, approve by order, amend, copy, export, publish.
struct RoadmapsController {
    func list(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        let roadmaps = try await Roadmap.query(on: req.db).filter(\.$authority.$id == aid).with(\.$school).sort(\.$periodStart, .descending).all()
        let counts = try await RoadmapQueries(db: req.db).measureCounts(authorityID: aid)
        let rows = try roadmaps.map { r in
            RoadmapsPage.Row(id: try r.requireID(), title: r.title, owner: r.school?.shortName ?? "Муниципальная", period: r.period?.description ?? "",
                             status: r.status.title, measures: counts[try r.requireID()] ?? 0, order: r.orderText)
        }
        var model = RoadmapsPage(authorityID: aid, municipality: authority.municipality, rows: rows, canManage: try await req.scope().canManage(authorityID: aid))
        model.schools = try await SchoolDirectory(db: req.db).schools(authorityID: aid).map { ($0.id, $0.shortName) }
        return .html(RoadmapsView(model: model, layout: req.layout("Дорожные карты", crumbs: [("Муниципалитеты", SiteRoute.authorities.path), (authority.municipality, SiteRoute.authority(aid).path)]), csrf: req.csrf).render())
    }

    func importForm(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        return .html(RoadmapImportView(model: try await importPage(req, authority), layout: req.layout("Импорт дорожной карты"), csrf: req.csrf).render())
    }

    private func importPage(_ req: Request, _ authority: Authority, title: String = "", period: String = "", problems: [String] = []) async throws -> RoadmapImportPage {
        let schools = try await School.query(on: req.db).filter(\.$authority.$id == authority.requireID()).all().sortedNaturally(by: \.shortName)
        return RoadmapImportPage(authorityID: try authority.requireID(), municipality: authority.municipality,
                                 schools: schools.compactMap { s in s.id.map { ($0, s.shortName) } }, title: title, period: period, problems: problems)
    }

    struct ImportForm: Content {
        var title: String?
        var period: String?
        var schoolID: String?
        var text: String?
        var file: File?
    }

    func upload(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        let form = try req.content.decode(ImportForm.self)
        var problems: [String] = []
        let title = form.title?.nilIfBlank
        if title == nil { problems.append("Укажите название дорожной карты.") }
        if RoadmapPeriod(parsing: form.period ?? "") == nil { problems.append("Период: год (2025) или учебный год (2024-2025).") }
        var schoolID: Int?
        if let raw = form.schoolID?.nilIfBlank {
            guard let sid = Int(raw), let school = try await School.find(sid, on: req.db), school.$authority.id == aid else { throw PublicError(.badRequest, "Школа не из этого муниципалитета.") }
            schoolID = sid
        }
        var content = Data()
        var fileName = "вставленная таблица"
        if let file = form.file, file.data.readableBytes > 0 {
            content = Data(buffer: file.data)
            fileName = file.filename
        } else if let text = form.text?.nilIfBlank {
            content = Data(text.utf8)
        } else {
            problems.append("Вставьте таблицу или выберите файл.")
        }
        guard problems.isEmpty, let title else {
            let page = try await importPage(req, authority, title: form.title ?? "", period: form.period ?? "", problems: problems)
            return .html(RoadmapImportView(model: page, layout: req.layout("Импорт дорожной карты"), csrf: req.csrf).render(), status: .unprocessableEntity)
        }
        let draft = RoadmapImportDraft()
        draft.$authority.id = aid
        draft.$school.id = schoolID
        draft.$user.id = try req.currentUser().requireID()
        draft.title = title
        draft.period = form.period ?? ""
        draft.fileName = fileName
        draft.content = content
        try await draft.create(on: req.db)
        return req.redirect(to: SiteRoute.roadmapDraft(try draft.requireID()).path)
    }

    private func importDraft(_ req: Request) async throws -> RoadmapImportDraft {
        guard let id = req.intParameter("draftID"), let draft = try await RoadmapImportDraft.find(id, on: req.db),
              draft.$user.id == (try req.currentUser().id) else { throw PublicError.notFound() }
        _ = try await req.manageableAuthority(draft.$authority.id)
        return draft
    }

    func preview(req: Request) async throws -> Response {
        let draft = try await importDraft(req)
        let parsed = try await req.draftCheck("roadmap", try draft.requireID()) { OfficeFile.readRoadmap(draft.content, fileName: draft.fileName) }
        let model = RoadmapPreviewPage(draftID: try draft.requireID(), authorityID: draft.$authority.id, title: draft.title, period: draft.period,
                                       fileName: draft.fileName, draft: parsed, periodValue: RoadmapPeriod(parsing: draft.period))
        return .html(RoadmapPreviewView(model: model, layout: req.layout("Проверка дорожной карты"), csrf: req.csrf).render(), status: parsed.isValid ? .ok : .unprocessableEntity)
    }

    func apply(req: Request) async throws -> Response {
        let draft = try await importDraft(req)
        let parsed = OfficeFile.readRoadmap(draft.content, fileName: draft.fileName)
        guard parsed.isValid, let period = RoadmapPeriod(parsing: draft.period) else { return req.redirect(to: SiteRoute.roadmapDraft(try draft.requireID()).path) }
        let roadmap = try await RoadmapService(db: req.db).create(from: parsed, authorityID: draft.$authority.id, schoolID: draft.$school.id,
                                                                  title: draft.title, period: period, user: try req.currentUser())
        try await draft.delete(on: req.db)
        return req.redirect(to: SiteRoute.roadmap(try roadmap.requireID()).path)
    }

    func show(req: Request) async throws -> Response {
        let roadmap = try req.routeRoadmap()
        let tree = try await RoadmapService(db: req.db).tree(roadmap)
        let canManage = try await req.mayEdit(roadmap)
        let publicURL = roadmap.publicToken.map { SiteRoute.publicRoadmap($0).path }
        let crumbs: [(String, String)] = try await req.scope().canRead(authorityID: roadmap.$authority.id)
            ? [("Муниципалитеты", SiteRoute.authorities.path), (tree.authority.municipality, SiteRoute.authority(roadmap.$authority.id).path),
               ("Дорожные карты", SiteRoute.authority(roadmap.$authority.id, .roadmaps).path)] : []
        let rows = try await ExecutionService(db: req.db).occurrences(tree)
        let occurrences = Dictionary(grouping: rows, by: { $0.measure.id ?? -1 })
        var page = RoadmapPage(tree: tree, occurrences: occurrences, today: ExecutionService.today(), canManage: canManage, publicURL: publicURL)
        if roadmap.$school.id != nil { page.review = try await review(req, roadmap, tree) }
        let approver = try await req.scope().canManage(authorityID: roadmap.$authority.id)
        page.canApprove = approver && roadmap.status == .draft && (roadmap.$school.id == nil || roadmap.reviewStage == .agreed)
        // Closing is the approving authority's (`.approveRoadmap`), copying whoever manages it (`.manageRoadmap`).
        page.canClose = approver && (roadmap.status == .approved || roadmap.status == .inProgress)
        page.canCopy = try await req.mayManage(roadmap)
        return .html(RoadmapView(model: page,
                                 layout: req.layout(roadmap.title, crumbs: crumbs), csrf: req.csrf).render())
    }

    /// The review part of a school roadmap's page; viewing marks the other side's comments as seen.
    private func review(_ req: Request, _ roadmap: Roadmap, _ tree: RoadmapTree) async throws -> ReviewModel {
        let rid = try roadmap.requireID()
        let side = try await req.reviewSide(of: roadmap)
        let comments = try await RoadmapComment.query(on: req.db).filter(\.$roadmap.$id == rid).sort(\.$id).all()
        if let side {
            try await RoadmapComment.query(on: req.db).filter(\.$roadmap.$id == rid).filter(\.$fromSchool == (side == .reviewer)).filter(\.$seen == false)
                .set(\.$seen, to: true).update()
        }
        let submissions = try await RoadmapSubmission.query(on: req.db).filter(\.$roadmap.$id == rid).sort(\.$number).all()
        let interviews = try await RoadmapInterview.query(on: req.db).filter(\.$roadmap.$id == rid).sort(\.$heldOn).all()
        return ReviewModel(roadmapID: rid, stage: roadmap.reviewStage, status: roadmap.status, side: side,
                           isHead: try req.currentUser().role == .schoolHead,
                           submissions: submissions.map { ($0.number, $0.submittedOn, $0.submittedBy) },
                           interviews: interviews.map { ($0.heldOn, $0.participants, $0.protocolText) },
                           comments: comments, measures: tree.measures.compactMap { m in m.id.map { ($0, "№ \(m.displayNumber) \(m.name.prefix(60))") } },
                           siteURL: roadmap.siteURL, sitePublishedOn: roadmap.sitePublishedOn)
    }

    struct ApproveForm: Content {
        var orderNumber: String
        var orderDate: String
        var signatory: String
    }

    func approve(req: Request) async throws -> Response {
        let roadmap = try req.routeRoadmap()
        guard roadmap.status == .draft else { throw PublicError(.conflict, "Дорожная карта уже утверждена; изменения вносятся приказом об изменении.") }
        // A school roadmap is approved by the authority after its curator agreed to it.
        if roadmap.$school.id != nil {
            guard roadmap.reviewStage == .agreed else { throw PublicError(.conflict, "Школьная дорожная карта утверждается после согласования куратором.") }
        }
        guard let form = try? req.content.decode(ApproveForm.self), let number = form.orderNumber.nilIfBlank,
              let date = LocalDate(parsing: form.orderDate), let signatory = form.signatory.nilIfBlank else {
            throw PublicError(.badRequest, "Укажите номер и дату приказа и кто его подписал.")
        }
        try await RoadmapService(db: req.db).approve(roadmap, orderNumber: number, orderDate: date, signatory: signatory, user: try req.currentUser())
        return req.redirect(to: SiteRoute.roadmap(try roadmap.requireID()).path)
    }

    func copy(req: Request) async throws -> Response {
        let roadmap = try req.routeRoadmap()
        let copy = try await RoadmapService(db: req.db).copyToNextPeriod(roadmap, user: try req.currentUser())
        return req.redirect(to: SiteRoute.roadmap(try copy.requireID()).path)
    }

    struct SectionChoice: Content { var sectionID: Int }

    /// Adds a measure; on an approved roadmap only as a recorded amendment (a new version).
    func addMeasure(req: Request) async throws -> Response {
        let roadmap = try req.routeRoadmap()
        let rid = try roadmap.requireID()
        let fields = try MeasureEditController.fields(req)
        guard let sectionID = (try? req.content.decode(SectionChoice.self))?.sectionID,
              let section = try await RoadmapSection.find(sectionID, on: req.db), section.$roadmap.id == rid else {
            throw PublicError(.badRequest, "Выберите раздел этой дорожной карты.")
        }
        let change = try MeasureEditController.amendment(req, roadmap)
        let position = (try await Measure.query(on: req.db).filter(\.$roadmap.$id == rid).max(\.$position) ?? 0) + 1
        let measure = RoadmapService.measure(from: .init(line: 0, number: fields.number, name: fields.name, form: fields.form, deadline: Deadline(parsing: fields.deadline),
                                                         responsible: fields.responsible, result: fields.result, links: []),
                                             roadmapID: rid, sectionID: try section.requireID(), position: position)
        try await MeasureEditController.commit(req, roadmap, change, action: "Добавлено мероприятие", entityID: nil,
                                               after: "№ \(fields.number) \(fields.name); срок: \(fields.deadline)") { tx in
            try await measure.create(on: tx)
        }
        return req.redirect(to: SiteRoute.roadmap(rid).path)
    }

    /// Whose roadmap, for a file name: the school's short name or the municipality.
    static func owner(_ tree: RoadmapTree) -> String { tree.school?.shortName ?? tree.authority.municipality }

    func orderDOCX(req: Request) async throws -> Response {
        let roadmap = try req.routeRoadmap()
        let tree = try await RoadmapService(db: req.db).tree(roadmap)
        let data = try RoadmapExport.orderDOCX(tree)
        return .file(data, name: FileName.make(["Приказ об утверждении дорожной карты — " + Self.owner(tree), roadmap.period?.description ?? ""], ext: "docx"), contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    }

    func xlsx(req: Request) async throws -> Response {
        let roadmap = try req.routeRoadmap()
        let tree = try await RoadmapService(db: req.db).tree(roadmap)
        let data = try RoadmapExport.xlsx(tree)
        return .file(data, name: FileName.make(["Дорожная карта — " + Self.owner(tree), roadmap.period?.description ?? ""], ext: "xlsx"), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    /// The public page of an approved roadmap: no login, reached only by its unguessable link.
    func publicPage(req: Request) async throws -> Response {
        guard let token = req.parameters.get("token"), token.count >= 16,
              let roadmap = try await Roadmap.query(on: req.db).filter(\.$publicToken == token).first(), roadmap.status != .draft else {
            throw PublicError.notFound()
        }
        return .html(PublicRoadmapView(tree: try await RoadmapService(db: req.db).tree(roadmap)).render())
    }
}

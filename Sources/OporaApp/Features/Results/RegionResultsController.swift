import Fluent
import Foundation
import OporaCore
import Vapor

/// The region's results: one regional export loaded once (its rows go to each school's
/// municipality), the figures of every municipality side by side, and the column mappings that
/// belong to the region.
struct RegionResultsController {
    /// The region the user works in: a regional user's (one per installation; the demo names it
    /// in the query), a municipal user's own.
    func region(_ req: Request) async throws -> Region {
        let user = try req.currentUser()
        if let aid = user.$authority.id, let a = try await Authority.find(aid, on: req.db) {
            guard let r = try await Region.find(a.$region.id, on: req.db) else { throw PublicError.notFound() }
            return r
        }
        guard user.role.isRegional else { throw PublicError.notFound() }
        let asked = try? req.query.get(Int.self, at: "region")
        if let asked, let r = try await Region.find(asked, on: req.db) { return r }
        let regions = try await Region.query(on: req.db).sort(\.$id).all()
        // The demo gathers several regions: the first with results, else the first.
        for r in regions where regions.count > 1 {
            if try await ResultRegionImport.query(on: req.db).filter(\.$region.$id == r.requireID()).count() > 0 { return r }
        }
        guard let first = regions.first else { throw PublicError(.badRequest, "Регион не создан: выполните «opora setup».") }
        return first
    }

    func show(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let region = try await region(req)
        let rid = try region.requireID()
        let authorities = try await Authority.query(on: req.db).filter(\.$region.$id == rid).sort(\.$municipality).all()
        let service = ResultsService(db: req.db)
        let tests = try await service.tests(authorityIDs: authorities.compactMap(\.id))
        let selected = ResultsTest.requested(req) ?? tests.first
        var model = RegionResultsPage(regionID: rid, region: region.name, tests: tests, selected: selected, canImport: user.role.keepsRegionResults,
                                      message: try? req.query.get(String.self, at: "done"))
        if let selected, let figures = try await service.regionFigures(authorities, test: selected) {
            model.tasks = figures.tasks
            model.total = figures.total
            model.rows = figures.municipalities.map { ($0.authority.id ?? 0, $0.authority.municipality, $0.summary) }
        }
        model.imports = try await ResultRegionImport.query(on: req.db).filter(\.$region.$id == rid).sort(\.$id, .descending).limit(50).all()
            .map { ($0.fileName, "\($0.kind.title) \($0.year), \($0.subject), \($0.grade) класс", $0.participants, $0.createdAt, $0.importedBy,
                    $0.skipped?.split(separator: "\n").count ?? 0) }
        return .html(RegionResultsView(model: model, layout: req.layout("Результаты региона"), csrf: req.csrf).render())
    }

    func upload(req: Request) async throws -> Response {
        _ = try req.currentUser()
        let region = try await region(req)
        var form = try req.content.decode(ResultsController.UploadForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else { throw PublicError(.badRequest, "Выберите файл CSV или XLSX.") }
        form.file = nil
        let draft = try await ResultsController.draft(req, file: file, regionID: try region.requireID(), authorityID: nil, form: form, schoolID: nil)
        let target = ResultsService.Target.region(try region.requireID())
        let drafts = ResultDraftsController()
        return try await drafts.respond(req, draft: draft, target: target, preview: try await drafts.preview(req, draft, target))
    }

    // MARK: column mappings

    func mappings(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let region = try await region(req)
        let rows = try await ResultMapping.query(on: req.db).filter(\.$region.$id == region.requireID()).sort(\.$headerKey).all()
        let model = MappingsPage(region: region.name, canEdit: user.role.keepsRegionResults,
                                 rows: rows.compactMap { m in m.id.map { ($0, m.headerKey, ResultsColumn(rawValue: m.column), m.setBy, m.updatedAt) } })
        return .html(MappingsView(model: model, layout: req.layout("Сопоставления столбцов"), csrf: req.csrf).render())
    }

    struct MappingForm: Content {
        var header: String
        var column: ResultsColumn
    }

    func saveMapping(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let region = try await region(req)
        guard let form = try? req.content.decode(MappingForm.self), let key = ResultsColumn.key(form.header).nilIfBlank, key.count <= 300 else {
            throw PublicError(.badRequest, "Укажите заголовок столбца и что в нём.")
        }
        let before = try await ResultMapping.query(on: req.db).filter(\.$region.$id == region.requireID()).filter(\.$headerKey == key).first()
        try await req.db.transaction { tx in
            try await ResultsService(db: tx).remember([key: form.column], regionID: try region.requireID(), by: user.login)
            try await Audit.record(on: tx, user: user, authorityID: nil, action: "Изменено сопоставление столбца", entity: "«\(key)»", entityID: nil,
                                   before: before.flatMap { ResultsColumn(rawValue: $0.column)?.title }, after: form.column.title)
        }
        return req.redirect(to: SiteRoute.resultMappings.path)
    }

    func forgetMapping(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let region = try await region(req)
        guard let id = req.intParameter("mappingID"), let m = try await ResultMapping.find(id, on: req.db), m.$region.id == region.id else { throw PublicError.notFound() }
        try await req.db.transaction { tx in
            try await m.delete(on: tx)
            try await Audit.record(on: tx, user: user, authorityID: nil, action: "Забыто сопоставление столбца", entity: "«\(m.headerKey)»", entityID: id,
                                   before: ResultsColumn(rawValue: m.column)?.title)
        }
        return req.redirect(to: SiteRoute.resultMappings.path)
    }
}

import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Vapor

/// Results of ВПР/ОГЭ/ЕГЭ for a municipality: its own imports, and the figures by school read
/// from the stored sums, with the region beside them.
struct ResultsController {
    func show(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        let service = ResultsService(db: req.db)
        let all = try await service.tests(authorityIDs: [aid])
        let selected = ResultsTest.requested(req) ?? all.first
        var figures: ResultsService.MunicipalFigures?
        if let s = selected {
            figures = try await service.summary(authorityID: aid, kind: s.kind, subject: s.subject, grade: s.grade, year: s.year)
        }
        var model = ResultsPage(authorityID: aid, municipality: authority.municipality, tests: all, selected: figures == nil ? nil : selected,
                                tasks: figures?.tasks ?? [], schools: figures?.schools ?? [], total: figures?.total, boundaries: figures?.boundaries ?? [],
                                canImport: try await req.scope().canManage(authorityID: aid))
        if let s = selected, let last = figures?.last {
            model.region = try await service.regionComparator(regionID: authority.$region.id, test: s)
            model.marksSource = last.marksSource
            model.warnings = last.warnings?.split(separator: "\n").map(String.init) ?? []
        }
        if model.canImport {
            model.schoolChoices = try await SchoolDirectory(db: req.db).schools(authorityID: aid, activeOnly: true).map { ($0.id, $0.shortName) }
        }
        model.message = try? req.query.get(String.self, at: "done")
        return .html(ResultsView(model: model, layout: req.layout("Результаты", crumbs: [(authority.municipality, SiteRoute.authority(aid).path)]), csrf: req.csrf).render())
    }

    struct UploadForm: Content {
        var subject: String?
        var grade: String?
        var year: String?
        var kind: String?
        var school: String?
        var file: File?
    }

    /// Keeps the upload as a draft and answers with its check (or the mapping step).
    func upload(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        var form = try req.content.decode(UploadForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else { throw PublicError(.badRequest, "Выберите файл CSV или XLSX.") }
        form.file = nil
        var schoolID = form.school.flatMap { Int($0) }
        if let sid = schoolID, try await School.find(sid, on: req.db)?.$authority.id != aid { schoolID = nil }
        let draft = try await Self.draft(req, file: file, regionID: authority.$region.id, authorityID: aid, form: form, schoolID: schoolID)
        return try await ResultDraftsController().respond(req, draft: draft, target: .authority(aid),
                                                          preview: try await ResultDraftsController().preview(req, draft, .authority(aid)))
    }

    static func draft(_ req: Request, file: File, regionID: Int, authorityID: Int?, form: UploadForm, schoolID: Int?) async throws -> ResultDraft {
        let draft = ResultDraft()
        draft.$region.id = regionID
        draft.$authority.id = authorityID
        draft.$user.id = try req.currentUser().requireID()
        draft.fileName = String(file.filename.suffix(200))
        draft.content = Data(buffer: file.data)
        draft.subject = form.subject?.nilIfBlank.map { String($0.prefix(200)) }
        draft.grade = form.grade.flatMap { Int($0) }.flatMap { (1...11).contains($0) ? $0 : nil }
        draft.year = form.year.flatMap { Int($0) }.flatMap { (2000...2100).contains($0) ? $0 : nil }
        draft.kind = form.kind.flatMap(AssessmentKind.init(rawValue:))?.rawValue
        draft.schoolID = schoolID
        try await draft.create(on: req.db)
        return draft
    }
}

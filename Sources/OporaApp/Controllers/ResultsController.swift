import Fluent
import Foundation
import OporaCore
import Vapor

/// Results of ВПР/ОГЭ/ЕГЭ for a municipality: import with a check, and the figures by school.
struct ResultsController {
    private func tests(_ req: Request, _ aid: Int) async throws -> [(kind: AssessmentKind, subject: String, grade: Int, year: Int)] {
        let imports = try await ResultImport.query(on: req.db).filter(\.$authority.$id == aid).all()
        var seen = Set<String>()
        return imports.compactMap { i -> (AssessmentKind, String, Int, Int)? in
            let key = "\(i.kind.rawValue)|\(i.subject)|\(i.grade)|\(i.year)"
            return seen.insert(key).inserted ? (i.kind, i.subject, i.grade, i.year) : nil
        }.sorted { ($1.3, $0.1, $0.2) < ($0.3, $1.1, $1.2) }.map { (kind: $0.0, subject: $0.1, grade: $0.2, year: $0.3) }
    }

    func page(req: Request, problems: [String] = [], preview: (Int, [(name: String, count: Int)], Int)? = nil, message: String? = nil) async throws -> Response {
        let authority = try await req.readableAuthority(req.intParameter("authorityID"))
        let aid = try authority.requireID()
        let all = try await tests(req, aid)
        var selected = all.first
        if let subject = try? req.query.get(String.self, at: "subject"), let grade = try? req.query.get(Int.self, at: "grade"), let year = try? req.query.get(Int.self, at: "year") {
            let kind = (try? req.query.get(String.self, at: "kind")).flatMap(AssessmentKind.init(rawValue:)) ?? .vpr
            selected = (kind, subject, grade, year)
        }
        var figures: (tasks: [AssessmentTask], schools: [ResultsService.SchoolFigures], total: ResultsSummary, boundaries: [Int])?
        if let s = selected {
            figures = try await ResultsService(db: req.db).summary(authorityID: aid, kind: s.kind, subject: s.subject, grade: s.grade, year: s.year)
        }
        var model = ResultsPage(authorityID: aid, municipality: authority.municipality, tests: all, selected: figures == nil ? nil : selected,
                                tasks: figures?.tasks ?? [], schools: figures?.schools ?? [], total: figures?.total, boundaries: figures?.boundaries ?? [],
                                canImport: try await req.scope().canManage(authorityID: aid))
        model.problems = problems
        if let s = selected, figures != nil {
            model.marksSource = try await ResultImport.query(on: req.db).filter(\.$authority.$id == aid).filter(\.$kind == s.kind).filter(\.$subject == s.subject)
                .filter(\.$grade == s.grade).filter(\.$year == s.year).sort(\.$id, .descending).first()?.marksSource
        }
        model.preview = preview.map { (draftID: $0.0, perSchool: $0.1, participants: $0.2) }
        model.message = message ?? (try? req.query.get(String.self, at: "done"))
        let status: HTTPResponseStatus = problems.isEmpty ? .ok : .unprocessableEntity
        return .html(ResultsView(model: model, layout: req.layout("Результаты", crumbs: [(authority.municipality, SiteRoute.authority(aid).path)]), csrf: req.csrf).render(), status: status)
    }

    func show(req: Request) async throws -> Response { try await page(req: req) }

    struct UploadForm: Content {
        var subject: String?
        var grade: String?
        var year: String?
        var file: File?
    }

    func upload(req: Request) async throws -> Response {
        let authority = try await req.manageableAuthority(req.intParameter("authorityID"))
        let aid = try authority.requireID()
        let form = try req.content.decode(UploadForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else { return try await page(req: req, problems: ["Выберите файл CSV или XLSX."]) }
        let data = Data(buffer: file.data)
        let grade = form.grade.flatMap { Int($0) }, year = form.year.flatMap { Int($0) }
        let preview = try await ResultsService(db: req.db).preview(data, fileName: file.filename, authorityID: aid, subject: form.subject?.nilIfBlank, grade: grade, year: year)
        guard preview.file != nil else { return try await page(req: req, problems: preview.problems.map(\.description)) }
        let draft = ResultDraft()
        draft.$authority.id = aid
        draft.$user.id = try req.currentUser().requireID()
        draft.fileName = file.filename
        draft.content = data
        draft.subject = form.subject?.nilIfBlank
        draft.grade = grade
        draft.year = year
        try await draft.create(on: req.db)
        return try await page(req: req, preview: (try draft.requireID(), preview.perSchool, preview.file?.participants.count ?? 0))
    }

    func apply(req: Request) async throws -> Response {
        guard let id = req.intParameter("draftID"), let draft = try await ResultDraft.find(id, on: req.db), draft.$user.id == (try req.currentUser().id) else {
            throw PublicError.notFound()
        }
        let authority = try await req.manageableAuthority(draft.$authority.id)
        let aid = try authority.requireID()
        let service = ResultsService(db: req.db)
        let preview = try await service.preview(draft.content, fileName: draft.fileName, authorityID: aid, subject: draft.subject, grade: draft.grade, year: draft.year)
        guard preview.file != nil else { throw PublicError(.conflict, "Файл изменился или содержит ошибки; загрузите его снова.") }
        let (record, fresh) = try await service.apply(preview, data: draft.content, fileName: draft.fileName, authorityID: aid, user: try req.currentUser().login)
        try await draft.delete(on: req.db)
        let count = preview.file?.participants.count ?? 0
        if fresh {
            try await Audit.record(on: req.db, user: try req.currentUser(), authorityID: aid, action: "Загружены результаты", entity: "\(record.kind.title) \(record.year), \(record.subject), \(record.grade) класс",
                                   entityID: record.id, after: "«\(draft.fileName)»: \(count) участников")
        }
        let message = fresh ? "Загружено: \(RussianPlural.count(count, "участник", "участника", "участников"))." : "Этот файл уже был загружен; ничего не изменено."
        return req.redirect(to: "/authorities/\(aid)/results?done=" + (message.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }
}

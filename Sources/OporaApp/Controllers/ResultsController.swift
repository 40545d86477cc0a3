import Fluent
import Foundation
import OporaCore
import OporaDocuments
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

    func page(req: Request, problems: [String] = [], preview: (Int, [(name: String, count: Int)], Int)? = nil, message: String? = nil,
              mapping: MappingStep? = nil, authority known: Authority? = nil) async throws -> Response {
        let authority: Authority
        if let known { authority = known } else { authority = try await req.readableAuthority(req.intParameter("authorityID")) }
        let aid = try authority.requireID()
        let all = try await tests(req, aid)
        var selected = all.first
        if let subject = try? req.query.get(String.self, at: "subject"), let grade = try? req.query.get(Int.self, at: "grade"), let year = try? req.query.get(Int.self, at: "year") {
            let kind = (try? req.query.get(String.self, at: "kind")).flatMap(AssessmentKind.init(rawValue:)) ?? .vpr
            selected = (kind, subject, grade, year)
        }
        var figures: (tasks: [AssessmentTask], schools: [ResultsService.SchoolFigures], total: ResultsSummary, boundaries: [Int])?
        if let s = selected, mapping == nil, preview == nil {
            figures = try await ResultsService(db: req.db).summary(authorityID: aid, kind: s.kind, subject: s.subject, grade: s.grade, year: s.year)
        }
        var model = ResultsPage(authorityID: aid, municipality: authority.municipality, tests: all, selected: figures == nil ? nil : selected,
                                tasks: figures?.tasks ?? [], schools: figures?.schools ?? [], total: figures?.total, boundaries: figures?.boundaries ?? [],
                                canImport: try await req.scope().canManage(authorityID: aid))
        model.problems = problems
        if let s = selected, figures != nil {
            model.region = try await ResultsService(db: req.db).regionSummary(authorityID: aid, kind: s.kind, subject: s.subject, grade: s.grade, year: s.year)
            model.marksSource = try await ResultImport.query(on: req.db).filter(\.$authority.$id == aid).filter(\.$kind == s.kind).filter(\.$subject == s.subject)
                .filter(\.$grade == s.grade).filter(\.$year == s.year).sort(\.$id, .descending).first()?.marksSource
        }
        if model.canImport {
            model.schoolChoices = try await School.query(on: req.db).filter(\.$authority.$id == aid).all()
                .sorted { naturalLess($0.shortName, $1.shortName) }.compactMap { s in s.id.map { ($0, s.shortName) } }
        }
        model.preview = preview.map { (draftID: $0.0, perSchool: $0.1, participants: $0.2) }
        model.mapping = mapping
        model.message = message ?? (try? req.query.get(String.self, at: "done"))
        let status: HTTPResponseStatus = problems.isEmpty ? .ok : .unprocessableEntity
        return .html(ResultsView(model: model, layout: req.layout("Результаты", crumbs: [(authority.municipality, SiteRoute.authority(aid).path)]), csrf: req.csrf).render(), status: status)
    }

    func show(req: Request) async throws -> Response { try await page(req: req) }

    struct UploadForm: Content {
        var subject: String?
        var grade: String?
        var year: String?
        var kind: String?
        var school: String?
        var file: File?
    }

    func upload(req: Request) async throws -> Response {
        let authority = try await req.manageableAuthority(req.intParameter("authorityID"))
        let aid = try authority.requireID()
        let form = try req.content.decode(UploadForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else { return try await page(req: req, problems: ["Выберите файл CSV или XLSX."]) }
        var schoolID = form.school.flatMap { Int($0) }
        if let sid = schoolID, try await School.find(sid, on: req.db)?.$authority.id != aid { schoolID = nil }
        let draft = ResultDraft()
        draft.$authority.id = aid
        draft.$user.id = try req.currentUser().requireID()
        draft.fileName = file.filename
        draft.content = Data(buffer: file.data)
        draft.subject = form.subject?.nilIfBlank
        draft.grade = form.grade.flatMap { Int($0) }
        draft.year = form.year.flatMap { Int($0) }
        draft.kind = form.kind.flatMap(AssessmentKind.init(rawValue:))?.rawValue
        draft.schoolID = schoolID
        let preview = try await ResultsService(db: req.db).preview(draft.content, fileName: draft.fileName, authorityID: aid, given: draft.given)
        guard preview.layout != nil else { return try await page(req: req, problems: preview.problems.map(\.description)) }
        try await draft.create(on: req.db)
        return try await respond(req, draft: draft, preview: preview, authority: authority)
    }

    /// The page a draft leads to: the mapping step while columns or schools are unknown, the
    /// errors when the file is damaged, or the check's result with the import button.
    func respond(_ req: Request, draft: ResultDraft, preview: ResultsService.Preview, authority: Authority) async throws -> Response {
        let draftID = try draft.requireID()
        if preview.needsMapping || !preview.unknownSchools.isEmpty, let layout = preview.layout {
            let table = try? TableReader.read(draft.content, fileName: draft.fileName)
            let step = MappingStep(draftID: draftID, fileName: draft.fileName, layout: layout, samples: Array((table?.rows ?? []).dropFirst(layout.headerRow + 1).prefix(3)),
                                   unknownSchools: preview.needsMapping ? [] : preview.unknownSchools,
                                   missing: layout.missing(schoolGiven: draft.schoolID != nil))
            return try await page(req: req, problems: preview.needsMapping ? [] : preview.problems.map(\.description),
                                  mapping: step, authority: authority)
        }
        guard let file = preview.file else {
            try await draft.delete(on: req.db)
            return try await page(req: req, problems: preview.problems.map(\.description), authority: authority)
        }
        var message: String?
        if let layout = preview.layout, !layout.personal.isEmpty {
            message = "Столбцы с персональными данными (\(layout.personal.map { "«\($0)»" }.joined(separator: ", "))) прочитаны, но не сохраняются: участники хранятся только по кодам (152-ФЗ)."
        }
        return try await page(req: req, preview: (draftID, preview.perSchool, file.participants.count), message: message, authority: authority)
    }

    func draft(_ req: Request) async throws -> (ResultDraft, Authority) {
        guard let id = req.intParameter("draftID"), let draft = try await ResultDraft.find(id, on: req.db), draft.$user.id == (try req.currentUser().id) else {
            throw PublicError.notFound()
        }
        return (draft, try await req.manageableAuthority(draft.$authority.id))
    }

    /// GET /result-drafts/:id — where the mapping step returns to.
    func showDraft(req: Request) async throws -> Response {
        let (draft, authority) = try await draft(req)
        let preview = try await ResultsService(db: req.db).preview(draft.content, fileName: draft.fileName, authorityID: try authority.requireID(), given: draft.given)
        return try await respond(req, draft: draft, preview: preview, authority: authority)
    }

    /// POST /result-drafts/:id/mapping — the user's answers: what each column holds, which
    /// school each unknown code is. Both are remembered for the next files.
    func map(req: Request) async throws -> Response {
        let (draft, authority) = try await draft(req)
        let aid = try authority.requireID()
        let service = ResultsService(db: req.db)
        let preview = try await service.preview(draft.content, fileName: draft.fileName, authorityID: aid, given: draft.given)
        guard let layout = preview.layout else { throw PublicError(.conflict, "Файл не читается; загрузите его снова.") }
        var answers: [String: ResultsColumn] = [:]
        let taskCols = Set(layout.taskColumns.map(\.col))
        for (c, header) in layout.header.enumerated() where !taskCols.contains(c) && !ResultsColumn.key(header).isEmpty {
            guard let raw = try? req.content.get(String.self, at: "col-\(c)"), let column = ResultsColumn(rawValue: raw) else { continue }
            if layout.columns[c] != column || layout.unknown.contains(c) { answers[ResultsColumn.key(header)] = column }
        }
        try await service.remember(answers, authorityID: aid)
        for (i, unknown) in preview.unknownSchools.enumerated() {
            guard let raw = try? req.content.get(String.self, at: "school-\(i)"), let sid = Int(raw) else { continue }
            try await service.identify(unknown, as: sid, authorityID: aid, byLogin: layout.index(.login) != nil)
        }
        if !answers.isEmpty {
            try await Audit.record(on: req.db, user: try req.currentUser(), authorityID: aid, action: "Сопоставлены столбцы файла результатов", entity: draft.fileName,
                                   entityID: nil, after: answers.sorted { $0.key < $1.key }.map { "«\($0.key)» → \($0.value.title)" }.joined(separator: "; "))
        }
        return req.redirect(to: "/result-drafts/\(try draft.requireID())")
    }

    func apply(req: Request) async throws -> Response {
        let (draft, authority) = try await draft(req)
        let aid = try authority.requireID()
        let service = ResultsService(db: req.db)
        let preview = try await service.preview(draft.content, fileName: draft.fileName, authorityID: aid, given: draft.given)
        guard preview.file != nil else { throw PublicError(.conflict, "Файл изменился или содержит ошибки; загрузите его снова.") }
        let (record, fresh) = try await service.apply(preview, data: draft.content, fileName: draft.fileName, authorityID: aid, user: try req.currentUser().login)
        try await draft.delete(on: req.db)
        let count = preview.file?.participants.count ?? 0
        if fresh {
            try await Audit.record(on: req.db, user: try req.currentUser(), authorityID: aid, action: "Загружены результаты", entity: "\(record.kind.title) \(record.year), \(record.subject), \(record.grade) класс",
                                   entityID: record.id, after: "«\(draft.fileName)»: \(count) участников")
        }
        let message = fresh ? "Загружено: \(RussianPlural.count(count, "участник", "участника", "участников"))." : "Этот файл уже был загружен; ничего не изменено."
        let test = "kind=\(record.kind.rawValue)&subject=\(record.subject.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&grade=\(record.grade)&year=\(record.year)"
        return req.redirect(to: "/authorities/\(aid)/results?\(test)&done=" + (message.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }
}

extension ResultDraft {
    var given: ResultsService.Given {
        .init(subject: subject, grade: grade, year: year, kind: kind.flatMap(AssessmentKind.init(rawValue:)), schoolID: schoolID)
    }
}

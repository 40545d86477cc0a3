import Fluent
import Foundation
import OporaCore
import Vapor

struct ResultImportDTO: Content {
    let id: Int
    let authorityId: Int
    let kind: AssessmentKind
    let subject: String
    let grade: Int
    let year: Int
    let fileName: String
    let participants: Int
    let marksSource: String?
    let importedBy: String
    let importedAt: Date?
}

/// GET  /api/v1/results/imports?authority=<id> — the municipality's imported results files.
/// POST /api/v1/results/imports?authority=<id>&fileName=…[&kind&subject&grade&year&school] with
/// the file as the body: the same check as the page, then one transaction; 201 with the import,
/// 200 when the same file was already imported, 422 with every problem otherwise (including
/// columns that need the mapping step, which is remembered from the web interface).
struct ResultImportsAPIController {
    func list(req: Request) async throws -> [ResultImportDTO] {
        guard let aid = try? req.query.get(Int.self, at: "authority") else { throw PublicError(.badRequest, "Укажите authority.") }
        let authority = try await req.readableAuthority(aid)
        let imports = try await ResultImport.query(on: req.db).filter(\.$authority.$id == authority.requireID()).sort(\.$year, .descending).sort(\.$id).all()
        var out: [ResultImportDTO] = []
        for i in imports {
            out.append(try await dto(i, on: req.db))
        }
        return out
    }

    func dto(_ i: ResultImport, on db: any Database) async throws -> ResultImportDTO {
        ResultImportDTO(id: try i.requireID(), authorityId: i.$authority.id, kind: i.kind, subject: i.subject, grade: i.grade, year: i.year,
                        fileName: i.fileName, participants: try await ResultRow.query(on: db).filter(\.$resultImport.$id == i.requireID()).count(),
                        marksSource: i.marksSource, importedBy: i.importedBy, importedAt: i.createdAt)
    }

    func create(req: Request) async throws -> Response {
        guard let aid = try? req.query.get(Int.self, at: "authority") else { throw PublicError(.badRequest, "Укажите authority.") }
        _ = try await req.manageableAuthority(aid)
        guard let body = req.body.data, body.readableBytes > 0 else { throw PublicError(.badRequest, "Пустое тело запроса: передайте файл CSV или XLSX.") }
        let fileName = (try? req.query.get(String.self, at: "fileName")) ?? "results.csv"
        var given = ResultsService.Given(subject: try? req.query.get(String.self, at: "subject"), grade: try? req.query.get(Int.self, at: "grade"),
                                         year: try? req.query.get(Int.self, at: "year"),
                                         kind: (try? req.query.get(String.self, at: "kind")).flatMap(AssessmentKind.init(rawValue:)))
        if let sid = try? req.query.get(Int.self, at: "school") {
            guard try await School.find(sid, on: req.db)?.$authority.id == aid else { throw PublicError(.badRequest, "Школа не из этого муниципалитета.") }
            given.schoolID = sid
        }
        let data = Data(buffer: body)
        let service = ResultsService(db: req.db)
        let preview = try await service.preview(data, fileName: fileName, authorityID: aid, given: given)
        guard preview.file != nil, !preview.needsMapping else {
            var problems = preview.problems.map(\.description)
            if preview.needsMapping, let layout = preview.layout {
                problems += layout.unknown.map { "Столбец «\(layout.header[$0])» не распознан: сопоставьте его при загрузке через веб-интерфейс (сопоставление запомнится)." }
                problems += layout.missing(schoolGiven: given.schoolID != nil).map { "Файл «\(fileName)»: \($0)." }
            }
            let r = Response(status: .unprocessableEntity)
            try r.content.encode(ImportProblemsDTO(error: "Результаты не загружены; ничего не сохранено.", status: 422, problems: problems, warnings: []))
            return r
        }
        let (record, fresh) = try await service.apply(preview, data: data, fileName: fileName, authorityID: aid, user: try req.currentUser().login)
        if fresh {
            try await Audit.record(on: req.db, user: try req.currentUser(), authorityID: aid, action: "Загружены результаты",
                                   entity: "\(record.kind.title) \(record.year), \(record.subject), \(record.grade) класс", entityID: record.id,
                                   after: "«\(fileName)» через API: \(preview.file?.participants.count ?? 0) участников")
        }
        let r = Response(status: fresh ? .created : .ok)
        try r.content.encode(try await dto(record, on: req.db))
        return r
    }
}

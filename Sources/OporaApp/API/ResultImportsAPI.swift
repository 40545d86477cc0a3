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
    let absent: Int
    let marksSource: String?
    let warnings: [String]
    let regionImportId: Int?
    let importedBy: String
    let importedAt: Date?

    init(_ i: ResultImport) throws {
        id = try i.requireID()
        authorityId = i.$authority.id
        kind = i.kind
        subject = i.subject
        grade = i.grade
        year = i.year
        fileName = i.fileName
        participants = i.participants
        absent = i.absent
        marksSource = i.marksSource
        warnings = i.warnings?.split(separator: "\n").map(String.init) ?? []
        regionImportId = i.$regionImport.id
        importedBy = i.importedBy
        importedAt = i.createdAt
    }
}

/// What an import did: its municipalities' parts, and the schools left out.
struct ResultImportOutcomeDTO: Content {
    let fresh: Bool
    let participants: Int
    let imports: [ResultImportDTO]
    let createdSchools: Int
    let skippedSchools: [String]
    let warnings: [String]
}

/// GET  /api/v1/results/imports?authority=<id> — the municipality's imported results files.
/// POST /api/v1/results/imports?authority=<id>|region=<id>&fileName=…[&kind&subject&grade&year&school][&unknown=skip|create]
/// with the file as the body: the same reader, check and transaction as the page; 201 with what
/// was imported, 200 when the same file was already imported, 422 with every problem otherwise
/// (including columns that need the mapping step, which is remembered for the region).
struct ResultImportsAPIController {
    func list(req: Request) async throws -> [ResultImportDTO] {
        guard let aid = try? req.query.get(Int.self, at: "authority") else { throw PublicError(.badRequest, "Укажите authority.") }
        let authority = try await req.readableAuthority(aid)
        return try await ResultImport.query(on: req.db).filter(\.$authority.$id == authority.requireID()).sort(\.$year, .descending).sort(\.$id).all()
            .map { try ResultImportDTO($0) }
    }

    func create(req: Request) async throws -> Response {
        let target: ResultsService.Target
        var given = ResultsService.Given(subject: try? req.query.get(String.self, at: "subject"), grade: try req.queryInt("grade", in: 1...11, what: "класс"),
                                         year: try req.queryYear("year"),
                                         kind: (try? req.query.get(String.self, at: "kind")).flatMap(AssessmentKind.init(rawValue:)))
        if let rid = try? req.query.get(Int.self, at: "region") {
            guard try req.currentUser().role.keepsRegionResults else { throw PublicError(.forbidden, "Файл региона загружают региональный администратор и оператор оценочных процедур.") }
            guard try await Region.find(rid, on: req.db) != nil else { throw PublicError.notFound() }
            target = .region(rid)
        } else if let aid = try? req.query.get(Int.self, at: "authority") {
            _ = try await req.manageableAuthority(aid)
            target = .authority(aid)
            if let sid = try? req.query.get(Int.self, at: "school") {
                guard try await School.find(sid, on: req.db)?.$authority.id == aid else { throw PublicError(.badRequest, "Школа не из этого муниципалитета.") }
                given.schoolID = sid
            }
        } else {
            throw PublicError(.badRequest, "Укажите authority или region.")
        }
        guard let body = req.body.data, body.readableBytes > 0 else { throw PublicError(.badRequest, "Пустое тело запроса: передайте файл CSV или XLSX.") }
        let fileName = String(((try? req.query.get(String.self, at: "fileName")) ?? "results.csv").suffix(200))
        let data = Data(buffer: body)
        let service = ResultsService(db: req.db)
        let preview = try await service.preview(.data(data), fileName: fileName, target: target, given: given,
                                                createUnknown: (try? req.query.get(String.self, at: "unknown")) == "create")
        guard preview.isValid else {
            var problems = preview.problems.map(\.description)
            if preview.needsMapping, let layout = preview.layout {
                problems += layout.unknown.map { "Столбец «\(layout.header[$0])» не распознан: сопоставьте его в веб-интерфейсе (сопоставление запомнится для региона)." }
                problems += layout.missing(schoolGiven: given.schoolID != nil).map { "Файл «\(fileName)»: \($0)." }
            }
            let r = Response(status: .unprocessableEntity)
            try r.content.encode(ImportProblemsDTO(error: "Результаты не загружены; ничего не сохранено.", status: 422, problems: problems, warnings: preview.warnings))
            return r
        }
        let user = try req.currentUser()
        let applied = try await req.application.metrics.timingImport(kind: "results", rows: { $0.participants }) {
            try await service.apply(preview, hash: try ResultsService.hash(.data(data)), fileName: fileName, target: target, user: user)
        }
        let r = Response(status: applied.fresh ? .created : .ok)
        try r.content.encode(ResultImportOutcomeDTO(
            fresh: applied.fresh, participants: applied.participants, imports: try applied.imports.map { try ResultImportDTO($0) }, createdSchools: applied.createdSchools,
            skippedSchools: applied.fresh ? preview.skipped.map(\.line) : [],
            warnings: preview.warnings))
        return r
    }
}

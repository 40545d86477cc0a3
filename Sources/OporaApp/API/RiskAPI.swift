import Fluent
import OporaCore
import Vapor

struct RiskProfileEntryDTO: Content {
    let year: Int
    let factor: String
    let factorCode: String
    let score: Double?
    let computed: String?
    let override: String?
    let justification: String?
    let significance: String?
}

struct RiskSummaryDTO: Content {
    struct Line: Content {
        let factors: [String]
        let schools: [String]
        let schoolNumbers: [Int]
    }
    let authorityId: Int
    let year: Int
    let statements: [String]
    let paragraph: String
    let lines: [Line]
}

/// /api/v1/schools/{id}/risk-profiles and /api/v1/authorities/{id}/risk-summary.
struct RiskAPIController {
    func profiles(req: Request) async throws -> [RiskProfileEntryDTO] {
        let school = try req.routeSchool()
        return try await RiskService(db: req.db).profile(schoolID: try school.requireID()).map { e in
            RiskProfileEntryDTO(year: e.year, factor: e.factor.title, factorCode: e.factor.code, score: e.score, computed: e.computed?.title,
                                override: e.override?.title, justification: e.justification, significance: e.significance?.title)
        }
    }

    func summary(req: Request) async throws -> RiskSummaryDTO {
        let authority = try req.routeAuthority()
        guard let year = try req.queryYear("year") else { throw PublicError(.badRequest, "Укажите год: ?year=2020.") }
        return try await Self.dto(db: req.db, authorityID: try authority.requireID(), year: year)
    }

    static func dto(db: any Database, authorityID: Int, year: Int) async throws -> RiskSummaryDTO {
        let (summary, _, _) = try await RiskService(db: db).summary(authorityID: authorityID, year: year)
        return RiskSummaryDTO(authorityId: authorityID, year: year, statements: summary.statements, paragraph: summary.paragraph,
                              lines: summary.lines.map { .init(factors: $0.phrases, schools: $0.schoolNames, schoolNumbers: $0.schoolNumbers) })
    }

    func schoolRoadmaps(req: Request) async throws -> [RoadmapSummaryDTO] {
        let school = try req.routeSchool()
        return try await Roadmap.query(on: req.db).filter(\.$school.$id == school.requireID()).sort(\.$id).all().map { try RoadmapSummaryDTO($0) }
    }
}

/// `opora risk-summary --authority <code> --year <y> --format text|json`.
struct RiskSummaryCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "authority") var authority: String?
        @Option(name: "year") var year: Int?
        @Option(name: "format", help: "text (по умолчанию) или json") var format: String?
    }
    var help: String { "Печатает сводку рисковых профилей ШНОР муниципалитета за год" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let authority = try await CommandFailure.authority(signature.authority, on: db)
        guard let year = signature.year else { throw CommandFailure(description: "Укажите год: --year <год>.") }
        let dto = try await RiskAPIController.dto(db: db, authorityID: try authority.requireID(), year: year)
        switch signature.format ?? "text" {
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(dto), as: UTF8.self))
        case "text":
            print(dto.paragraph)
        default:
            throw CommandFailure(description: "Формат: text или json.")
        }
    }
}

import Fluent
import OporaCore
import OporaDocuments
import Vapor

/// /api/v1/roadmaps: list, read with measures and occurrences, import, export.
struct RoadmapAPIController {
    func list(req: Request) async throws -> [RoadmapSummaryDTO] {
        let scope = try await req.scope()
        var out: [RoadmapSummaryDTO] = []
        let query = Roadmap.query(on: req.db).sort(\.$id)
        if let aid = try? req.query.get(Int.self, at: "authorityId") { query.filter(\.$authority.$id == aid) }
        for r in try await query.all() {
            let readable = r.$school.id.map { scope.canRead(schoolID: $0, authorityID: r.$authority.id) } ?? scope.canRead(authorityID: r.$authority.id)
            if readable { out.append(try RoadmapSummaryDTO(r)) }
        }
        return out
    }

    func get(req: Request) async throws -> RoadmapDTO {
        let roadmap = try req.routeRoadmap()
        let tree = try await RoadmapService(db: req.db).tree(roadmap)
        return try RoadmapDTO(tree, occurrences: try await ExecutionService(db: req.db).occurrences(tree), today: ExecutionService.today())
    }

    /// Imports a pasted table as a draft roadmap: 201 with the roadmap, or 422 with every problem.
    func importTable(req: Request) async throws -> Response {
        let input = try req.content.decode(RoadmapImportDTO.self)
        let authority = try await req.manageableAuthority(input.authorityId)
        if let sid = input.schoolId {
            guard let school = try await School.find(sid, on: req.db), school.$authority.id == authority.id else { throw PublicError(.badRequest, "Школа не из этого муниципалитета.") }
        }
        guard let period = RoadmapPeriod(parsing: input.period) else { throw PublicError(.badRequest, "Период: год (2025) или учебный год (2024-2025).") }
        let draft = RoadmapImporter.read(text: input.text, fileName: "text")
        guard draft.isValid else {
            let r = Response(status: .unprocessableEntity)
            try r.content.encode(ImportProblemsDTO(error: "Таблица содержит ошибки; ничего не сохранено.", status: 422,
                                                   problems: draft.problems.map(\.description), warnings: draft.warnings.map(\.description)))
            return r
        }
        let roadmap = try await RoadmapService(db: req.db).create(from: draft, authorityID: try authority.requireID(), schoolID: input.schoolId,
                                                                  title: input.title, period: period, user: try req.currentUser())
        return try await created(roadmap, req: req)
    }

    /// Creates a draft roadmap from structured JSON; deadlines are read as in an import.
    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(RoadmapCreateDTO.self)
        let authority = try await req.manageableAuthority(input.authorityId)
        if let sid = input.schoolId {
            guard let school = try await School.find(sid, on: req.db), school.$authority.id == authority.id else { throw PublicError(.badRequest, "Школа не из этого муниципалитета.") }
        }
        guard let period = RoadmapPeriod(parsing: input.period) else { throw PublicError(.badRequest, "Период: год (2025) или учебный год (2024-2025).") }
        guard !input.title.trimmingCharacters(in: .whitespaces).isEmpty else { throw PublicError(.badRequest, "Укажите название.") }
        var line = 0
        let draft = RoadmapDraft(
            columns: [],
            levels: input.levels.map { level in
                .init(title: level.title, sections: level.sections.map { section in
                    .init(title: section.title, measures: section.measures.map { m in
                        line += 1
                        return .init(line: line, number: m.number, name: m.name, form: m.form, deadline: Deadline(parsing: m.deadline),
                                     responsible: m.responsible, result: m.expectedResult, links: m.links ?? [])
                    })
                })
            },
            goal: input.goal, tasks: input.tasks ?? [], indicators: (input.indicators ?? []).map { .init(name: $0.name, target: $0.target, unit: $0.unit) },
            problems: [], warnings: [])
        let problems = draft.measures.filter { $0.name.isEmpty || $0.deadline.text.isEmpty }.map { "Мероприятие № \($0.number): нужны наименование и срок." }
        guard problems.isEmpty, !draft.measures.isEmpty else {
            let r = Response(status: .unprocessableEntity)
            try r.content.encode(ImportProblemsDTO(error: "Дорожная карта не сохранена.", status: 422, problems: problems.isEmpty ? ["Нет ни одного мероприятия."] : problems, warnings: []))
            return r
        }
        let roadmap = try await RoadmapService(db: req.db).create(from: draft, authorityID: try authority.requireID(), schoolID: input.schoolId,
                                                                  title: input.title, period: period, user: try req.currentUser())
        return try await created(roadmap, req: req)
    }

    /// 201 with the new roadmap as the API shows it.
    private func created(_ roadmap: Roadmap, req: Request) async throws -> Response {
        let tree = try await RoadmapService(db: req.db).tree(roadmap)
        let r = Response(status: .created)
        try r.content.encode(try RoadmapDTO(tree, occurrences: try await ExecutionService(db: req.db).occurrences(tree), today: ExecutionService.today()))
        return r
    }
}

import Fluent
import Foundation
import OporaCore
import Vapor

struct ResultsSummaryDTO: Content {
    struct Task: Content { let label: String; let level: String?; let maxScore: Double; let maxSource: String?; let solveRate: Double?; let notMastered: Bool }
    struct Slice: Content {
        let name: String
        var id: Int?
        /// A school's ФИС ОКО login and municipality (school slices).
        var fisLogin: String?
        var municipality: String?
        let participants: Int
        let absent: Int
        let marks: [String: Int]
        let meanPrimary: Double?
        let lowered: Int
        let confirmed: Int
        let raised: Int
        /// Present participants without a journal mark: outside lowered/confirmed/raised.
        let withoutJournal: Int
        /// Participants with no mark (no conversion scale yet).
        let withoutMark: Int
        let solveRates: [Double?]
        let flagged: Bool?
    }
    let kind: AssessmentKind
    let subject: String
    let grade: Int
    let year: Int
    let tasks: [Task]
    let total: Slice
    let schools: [Slice]

    static func slice(_ name: String, _ s: ResultsSummary, flagged: Bool?, id: Int? = nil, fisLogin: String? = nil, municipality: String? = nil) -> Slice {
        Slice(name: name, id: id, fisLogin: fisLogin, municipality: municipality, participants: s.participants, absent: s.absent,
              marks: Dictionary(uniqueKeysWithValues: s.marks.map { (String($0.key), $0.value) }), meanPrimary: s.meanPrimary,
              lowered: s.objectivity.lower, confirmed: s.objectivity.confirmed, raised: s.objectivity.higher,
              withoutJournal: s.objectivity.withoutJournal, withoutMark: s.withoutMark, solveRates: s.solveRates, flagged: flagged)
    }

    init(test: ResultsTest, tasks: [AssessmentTask], total: ResultsSummary, totalName: String, slices: [Slice]) {
        kind = test.kind
        subject = test.subject
        grade = test.grade
        year = test.year
        self.tasks = tasks.enumerated().map { i, t in
            Task(label: t.label, level: t.level?.rawValue, maxScore: t.maxScore, maxSource: t.maxSource?.rawValue,
                 solveRate: i < total.solveRates.count ? total.solveRates[i] : nil, notMastered: i < total.notMastered.count && total.notMastered[i])
        }
        self.total = Self.slice(totalName, total, flagged: nil)
        schools = slices
    }
}

extension ResultsService {
    /// A municipality's figures as the API and the CLI give them: each school with its login.
    func summaryDTO(authorityID: Int, test: ResultsTest) async throws -> ResultsSummaryDTO? {
        guard let f = try await summary(authorityID: authorityID, kind: test.kind, subject: test.subject, grade: test.grade, year: test.year) else { return nil }
        let authority = try await Authority.find(authorityID, on: db)
        return ResultsSummaryDTO(test: test, tasks: f.tasks, total: f.total, totalName: "Муниципалитет", slices: f.schools.map {
            ResultsSummaryDTO.slice($0.name, $0.summary, flagged: $0.flagged, id: $0.schoolID, fisLogin: $0.fisLogin, municipality: authority?.municipality)
        })
    }

    /// Every school of the region, each with its municipality: the region's file as one table.
    func regionSchoolsDTO(regionID: Int, test: ResultsTest) async throws -> ResultsSummaryDTO? {
        let authorities = try await Authority.query(on: db).filter(\.$region.$id == regionID).all()
        let names = Dictionary(uniqueKeysWithValues: authorities.compactMap { a in a.id.map { ($0, a.municipality) } })
        let imports = try await imports(authorityIDs: Array(names.keys), test: test)
        guard let last = imports.last, let total = Self.total(imports) else { return nil }
        let sums = try await schoolSums(importIDs: imports.compactMap(\.id))
        let schools = try await schools(Array(sums.keys))
        let tasks = last.tasks // decoded once, not per school
        let slices = sums.map { sid, s -> ResultsSummaryDTO.Slice in
            let school = schools[sid]
            let summary = ResultsAccumulator(tasks: tasks, maxPrimary: last.maxPrimary, sums: s).summary()
            return ResultsSummaryDTO.slice(school?.shortName ?? "", summary, flagged: nil, id: sid, fisLogin: school?.fisLogin,
                                           municipality: school.flatMap { names[$0.authorityID] })
        }.sorted { ($0.municipality ?? "", $0.name) < ($1.municipality ?? "", $1.name) }
        return ResultsSummaryDTO(test: test, tasks: tasks, total: total.summary(), totalName: "Регион", slices: slices)
    }

}

/// GET /api/v1/results/summary?level=region|authority|school&id=&year=&subject=&grade=[&kind=vpr]
struct ResultsAPIController {
    func summary(req: Request) async throws -> ResultsSummaryDTO {
        guard let id = try? req.query.get(Int.self, at: "id"), let test = ResultsTest.requested(req) else {
            throw PublicError(.badRequest, "Укажите level, id, year, subject и grade.")
        }
        let service = ResultsService(db: req.db)
        let notFound = PublicError(.notFound, "Результатов этой процедуры нет.")
        switch (try? req.query.get(String.self, at: "level")) ?? "authority" {
        case "school":
            // The school's own figures and tasks; merged schools count for their successor.
            let school = try await req.readableSchool(id)
            let lineage = try await SchoolLineage.ids(of: id, on: req.db)
            let imports = try await service.imports(authorityIDs: [school.$authority.id], test: test)
            guard let last = imports.last else { throw notFound }
            let sums = try await service.schoolSums(importIDs: imports.compactMap(\.id), schoolIDs: lineage)
            var acc = ResultsAccumulator(tasks: last.tasks, maxPrimary: last.maxPrimary)
            var found = false
            for sid in lineage { if let s = sums[sid] { acc.merge(s); found = true } }
            guard found else { throw notFound }
            let summary = acc.summary()
            return ResultsSummaryDTO(test: test, tasks: last.tasks, total: summary, totalName: school.shortName,
                                     slices: [ResultsSummaryDTO.slice(school.shortName, summary, flagged: nil, id: id, fisLogin: school.fisLogin)])
        case "authority", "municipality":
            let aid = try await req.readableAuthority(id).requireID()
            guard let dto = try await service.summaryDTO(authorityID: aid, test: test) else { throw notFound }
            return dto
        case "region":
            return try await region(req, regionID: id, test: test)
        default:
            throw PublicError(.badRequest, "level: region, authority или school.")
        }
    }

    /// The region's figures with its municipalities as the slices. Regional users see any region
    /// whole; a municipal user its own region's total as a comparator (only when enough
    /// municipalities make it, as on the results page) and its own municipality as the one slice.
    func region(_ req: Request, regionID: Int, test: ResultsTest) async throws -> ResultsSummaryDTO {
        let user = try req.currentUser()
        let authorities = try await Authority.query(on: req.db).filter(\.$region.$id == regionID).sort(\.$municipality).all()
        guard !authorities.isEmpty else { throw PublicError.notFound() }
        let none = PublicError(.notFound, "Результатов этой процедуры нет.")
        guard let figures = try await ResultsService(db: req.db).regionFigures(authorities, test: test) else { throw none }
        var shown = figures.municipalities
        if !user.role.isRegional {
            guard let own = user.$authority.id, authorities.contains(where: { $0.id == own }) else { throw PublicError.notFound() }
            guard RegionComparator.mayShow(contributing: figures.municipalities.count) else {
                throw PublicError(.notFound, "Итог региона показывается муниципалитету, когда в нём результаты не менее \(RegionComparator.minimumMunicipalities) муниципалитетов.")
            }
            shown = shown.filter { $0.authority.id == own }
        }
        return ResultsSummaryDTO(test: test, tasks: figures.tasks, total: figures.total, totalName: "Регион",
                                 slices: shown.map { ResultsSummaryDTO.slice($0.authority.municipality, $0.summary, flagged: nil, id: $0.authority.id) })
    }
}

import Fluent
import Foundation
import OporaCore
import SQLKit
import Vapor

/// The figures of results, read from the sums each import stored per school and per class: a
/// municipality of a thousand schools is a thousand small records, a region the totals of its
/// municipalities' imports. Participants are read only for one school's drill-down and ИОМ.
extension ResultsService {
    struct SchoolFigures {
        let schoolID: Int
        let name: String
        let fisLogin: String?
        let summary: ResultsSummary
        let peaks: [Int]
        let flagged: Bool
        /// Share of «2» in the same test a year earlier, and whether it rose by the threshold or more.
        var twosLastYear: Double? = nil
        var negativeDynamics = false
    }

    func imports(authorityIDs: [Int], test: ResultsTest) async throws -> [ResultImport] {
        guard !authorityIDs.isEmpty else { return [] }
        return try await ResultImport.query(on: db).filter(\.$authority.$id ~~ authorityIDs).filter(\.$kind == test.kind)
            .filter(\.$subject == test.subject).filter(\.$grade == test.grade).filter(\.$year == test.year).sort(\.$id).all()
    }

    /// Every test these municipalities have results of, newest year first.
    func tests(authorityIDs: [Int]) async throws -> [ResultsTest] {
        guard !authorityIDs.isEmpty else { return [] }
        let imports = try await ResultImport.query(on: db).filter(\.$authority.$id ~~ authorityIDs)
            .field(\.$kind).field(\.$subject).field(\.$grade).field(\.$year).all()
        return Set(imports.map(\.test)).sorted { ($1.year, $0.subject, $0.grade) < ($0.year, $1.subject, $1.grade) }
    }

    /// A region's figures for a test: the region and each of its municipalities side by side,
    /// from the imports' totals (the region's page and the API's region level).
    func regionFigures(_ authorities: [Authority], test: ResultsTest) async throws
        -> (tasks: [AssessmentTask], total: ResultsSummary, municipalities: [(authority: Authority, summary: ResultsSummary)])? {
        let imports = try await imports(authorityIDs: authorities.compactMap(\.id), test: test)
        guard let last = imports.last, let total = Self.total(imports) else { return nil }
        let byAuthority = Dictionary(grouping: imports, by: \.$authority.id)
        let rows = authorities.compactMap { a in a.id.flatMap { byAuthority[$0] }.flatMap(Self.total).map { (authority: a, summary: $0.summary()) } }
        return (last.tasks, total.summary(), rows)
    }

    /// Each school's sums (class nil) in these imports, or only these schools'; a school met twice is added up.
    func schoolSums(importIDs: [Int], schoolIDs: [Int]? = nil) async throws -> [Int: ResultsSums] {
        var out: [Int: ResultsSums] = [:]
        for (_, bySchool) in try await schoolSumsByImport(importIDs: importIDs, schoolIDs: schoolIDs) {
            for (school, sums) in bySchool {
                if out[school] == nil { out[school] = sums } else { out[school]?.merge(sums) }
            }
        }
        return out
    }

    /// Each school's sums (class nil) per import, in one read whatever the number of imports.
    func schoolSumsByImport(importIDs: [Int], schoolIDs: [Int]? = nil) async throws -> [Int: [Int: ResultsSums]] {
        guard !importIDs.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        let query = sql.select().column("import_id").column("school_id").column("sums").from(ResultSumsRecord.schema)
            .where(SQLColumn("import_id"), .in, SQLBind.group(importIDs)).where(SQLColumn("class_name"), .is, SQLLiteral.null)
        if let schoolIDs { query.where(SQLColumn("school_id"), .in, SQLBind.group(schoolIDs)) }
        var out: [Int: [Int: ResultsSums]] = [:]
        for row in try await query.all() {
            guard let sums = ResultsSums(text: try row.decode(column: "sums", as: String.self)) else { continue }
            let school = try row.decode(column: "school_id", as: Int.self)
            let importID = try row.decode(column: "import_id", as: Int.self)
            if out[importID]?[school] == nil { out[importID, default: [:]][school] = sums } else { out[importID]?[school]?.merge(sums) }
        }
        return out
    }

    /// The imports' totals added up (a municipality, or a region).
    static func total(_ imports: [ResultImport]) -> ResultsAccumulator? {
        guard let last = imports.last else { return nil }
        var acc = ResultsAccumulator(tasks: last.tasks, maxPrimary: last.maxPrimary)
        for i in imports { if let t = i.total { acc.merge(t) } }
        return acc
    }

    typealias MunicipalFigures = (tasks: [AssessmentTask], schools: [SchoolFigures], total: ResultsSummary, boundaries: [Int], last: ResultImport)

    /// Figures per school and for the municipality, for one test; `last` is the newest import
    /// (its tasks, marks' source and warnings describe the figures).
    func summary(authorityID: Int, kind: AssessmentKind, subject: String, grade: Int, year: Int) async throws -> MunicipalFigures? {
        let test = ResultsTest(kind: kind, subject: subject, grade: grade, year: year)
        let imports = try await imports(authorityIDs: [authorityID], test: test)
        guard let last = imports.last, let total = Self.total(imports) else { return nil }
        let tasks = last.tasks
        let bySchool = try await schoolSums(importIDs: imports.compactMap(\.id))
        let registry = try await schools(Array(bySchool.keys))
        let boundaries = ResultsAnalysis.observedBoundaries(total.sums)
        let thresholds = AnalysisThresholds()
        let previous = try await twosBySchool(authorityIDs: [authorityID], kind: kind, subject: subject, grade: grade, year: year - 1)
        let schools = bySchool.map { sid, sums -> SchoolFigures in
            let s = ResultsAccumulator(tasks: tasks, maxPrimary: last.maxPrimary, sums: sums).summary(thresholds)
            let peaks = ResultsAnalysis.boundaryPeaks(histogram: s.histogram, boundaries: boundaries)
            let mismatch = s.objectivity.share(s.objectivity.lower + s.objectivity.higher)
            var figures = SchoolFigures(schoolID: sid, name: registry[sid]?.shortName ?? "", fisLogin: registry[sid]?.fisLogin, summary: s, peaks: peaks,
                                        flagged: mismatch >= thresholds.mismatchShare || !peaks.isEmpty)
            figures.twosLastYear = previous[sid]
            if let before = previous[sid] {
                figures.negativeDynamics = ResultsAnalysis.negativeDynamics(twosNow: s.markShare(2), twosLastYear: before, thresholds: thresholds)
            }
            return figures
        }.sortedNaturally(by: \.name)
        return (tasks, schools, total.summary(thresholds), boundaries, last)
    }

    /// The schools figures name: short name, login and municipality only, in chunks (a region is
    /// a thousand ids, more than a statement should bind).
    func schools(_ ids: [Int]) async throws -> [Int: SchoolEntry] {
        var out: [Int: SchoolEntry] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            for s in try await SchoolDirectory(db: db).schools(ids: chunk) { out[s.id] = s }
        }
        return out
    }

    /// The region's figures for a test as a municipality's comparator: every municipality of the
    /// region together, from the imports' totals — nil unless enough municipalities make it
    /// (`RegionComparator`), so a comparator never stands for one other municipality or repeats
    /// the municipality's own figures.
    func regionComparator(regionID: Int, test: ResultsTest) async throws -> ResultsSummary? {
        let peers = try await Authority.query(on: db).filter(\.$region.$id == regionID).all().compactMap(\.id)
        let imports = try await imports(authorityIDs: peers, test: test)
        guard RegionComparator.mayShow(contributing: Set(imports.map(\.$authority.id)).count) else { return nil }
        return Self.total(imports)?.summary()
    }

    /// Share of «2» per school in a test, from the stored sums.
    func twosBySchool(authorityIDs: [Int], kind: AssessmentKind, subject: String, grade: Int, year: Int) async throws -> [Int: Double] {
        let imports = try await imports(authorityIDs: authorityIDs, test: ResultsTest(kind: kind, subject: subject, grade: grade, year: year))
        return try await schoolSums(importIDs: imports.compactMap(\.id)).compactMapValues(\.twosShare)
    }

    /// Share of «2» per school, year and subject (all grades of ВПР together), and the municipality's.
    func twosShares(authorityID: Int, years: [Int]) async throws -> (schools: [Int: [Int: [String: Double]]], municipality: [Int: [String: Double]]) {
        let imports = try await ResultImport.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$kind == .vpr).filter(\.$year ~~ years).all()
        var counts: [Int: [Int: [String: (twos: Int, all: Int)]]] = [:]
        var total: [Int: [String: (twos: Int, all: Int)]] = [:]
        let sums = try await schoolSumsByImport(importIDs: imports.compactMap(\.id))
        for i in imports {
            guard let id = i.id else { continue }
            for (school, s) in sums[id] ?? [:] {
                let all = s.marks.reduce(0, +)
                let c = counts[school, default: [:]][i.year, default: [:]][i.subject] ?? (0, 0)
                counts[school, default: [:]][i.year, default: [:]][i.subject] = (c.twos + s.marks[0], c.all + all)
                let t = total[i.year, default: [:]][i.subject] ?? (0, 0)
                total[i.year, default: [:]][i.subject] = (t.twos + s.marks[0], t.all + all)
            }
        }
        func share(_ c: (twos: Int, all: Int)) -> Double { c.all == 0 ? 0 : Double(c.twos) / Double(c.all) }
        return (counts.mapValues { $0.mapValues { $0.mapValues(share) } }, total.mapValues { $0.mapValues(share) })
    }

    /// One school's (and the schools merged into it) participants of a test, with the import
    /// whose tasks describe them.
    func participants(schoolIDs: [Int], authorityID: Int, test: ResultsTest) async throws -> (ResultImport?, [ParticipantResult]) {
        let imports = try await imports(authorityIDs: [authorityID], test: test)
        guard let last = imports.last, !schoolIDs.isEmpty else { return (nil, []) }
        let records = try await ResultParticipants.query(on: db).filter(\.$resultImport.$id ~~ imports.compactMap(\.id)).filter(\.$school.$id ~~ schoolIDs)
            .sort(\.$id).all()
        let tasks = last.tasks.count
        return (last, records.flatMap { $0.participants(tasks: tasks) })
    }
}

extension ResultsService {
    struct CardLine: Codable, Sendable {
        let kind: AssessmentKind
        let year: Int
        let subject: String
        let grade: Int
        let participants: Int
        let twos: Double
        let meanMark: Double?
        let municipalityTwos: Double
        let municipalityMeanMark: Double?
        /// nil unless enough municipalities make the region's figures (`RegionComparator`).
        let regionTwos: Double?
        let regionMeanMark: Double?
    }

    /// The school's diagnostic card: every test it took, by year, with the municipality and the
    /// region beside it. A school's results include those of schools merged into it.
    func diagnosticCard(schoolID: Int, authorityID: Int) async throws -> [CardLine] {
        guard let authority = try await Authority.find(authorityID, on: db) else { return [] }
        let lineage = try await SchoolLineage.ids(of: schoolID, on: db)
        let own = try await ResultSumsRecord.query(on: db).filter(\.$school.$id ~~ lineage).filter(\.$className == nil).all()
        guard !own.isEmpty else { return [] }
        let ownImports = try await ResultImport.query(on: db).filter(\.$id ~~ Array(Set(own.map(\.$resultImport.id)))).all()
        var mine: [ResultsTest: ResultsSums] = [:]
        let testOf = Dictionary(ownImports.compactMap { i in i.id.map { ($0, i.test) } }, uniquingKeysWith: { a, _ in a })
        for r in own {
            guard let t = testOf[r.$resultImport.id], let s = r.sums else { continue }
            if mine[t] == nil { mine[t] = s } else { mine[t]?.merge(s) }
        }
        let peers = try await Authority.query(on: db).filter(\.$region.$id == authority.$region.id).all().compactMap(\.id)
        let regionImports = try await ResultImport.query(on: db).filter(\.$authority.$id ~~ peers).filter(\.$year ~~ Array(Set(mine.keys.map(\.year)))).all()
        func marks(_ s: ResultsSums) -> (twos: Double, mean: Double?) { (s.twosShare ?? 0, s.meanMark) }
        var lines: [CardLine] = []
        for (test, school) in mine where school.present > 0 {
            var municipality = ResultsSums(tasks: 0), region = ResultsSums(tasks: 0)
            var contributing: Set<Int> = []
            for i in regionImports where i.test == test {
                guard let t = i.total else { continue }
                region.merge(t)
                contributing.insert(i.$authority.id)
                if i.$authority.id == authorityID { municipality.merge(t) }
            }
            let (s, m) = (marks(school), marks(municipality))
            let r = RegionComparator.mayShow(contributing: contributing.count) ? marks(region) : nil
            lines.append(CardLine(kind: test.kind, year: test.year, subject: test.subject, grade: test.grade, participants: school.present,
                                  twos: s.twos, meanMark: s.mean, municipalityTwos: m.twos, municipalityMeanMark: m.mean,
                                  regionTwos: r?.twos, regionMeanMark: r?.mean))
        }
        return lines.sorted { ($0.subject, $0.grade, $0.year) < ($1.subject, $1.grade, $1.year) }
    }
}

extension ResultsService {
    /// Next year's lists proposed from the results of `year - 1` and `year` (see `ListProposalRule`).
    func proposals(authorityID: Int, year: Int) async throws -> [ListProposalRule.Proposal] {
        let (shares, municipality) = try await twosShares(authorityID: authorityID, years: [year - 1, year])
        let schools = try await School.query(on: db).filter(\.$authority.$id == authorityID).all()
            .sorted { ($0.number ?? Int.max, $0.shortName) < ($1.number ?? Int.max, $1.shortName) }.compactMap { s in s.id.map { ($0, s.shortName) } }
        return ListProposalRule().propose(schools: schools, shares: shares, comparator: municipality, lastYear: year)
    }

    /// Adopts a reviewed proposal into the lists of `year + 1`, through the lists' own import (audited, one transaction).
    func adopt(_ list: [ListProposalRule.Proposal], authorityID: Int, year: Int, user: User?) async throws -> Int {
        let preview = ListImportPreview(rows: list.enumerated().map { i, p in
            ListImportRow(line: i + 1, schoolID: p.schoolID, schoolName: p.school, status: p.status, basis: p.basis)
        }, problems: [])
        return try await ListService(db: db).apply(preview, authorityID: authorityID, year: year + 1, order: .init(), user: user,
                                                   fileName: "предложение по результатам ВПР \(year - 1)–\(year)")
    }
}

import Fluent
import Foundation
import OporaCore

/// Gathers the facts of a municipality's school year for the annual report (004's shape).
struct AnnualReportService {
    let db: any Database

    struct Report {
        var facts: AnnualFacts
        var snapshot: ExecutionService.Snapshot?
        var roadmapTitle: String?
        var results: [(school: String, cells: [String])] = []
        var resultYears: [Int] = []
    }

    func gather(authorityID aid: Int, schoolYear year: Int) async throws -> Report {
        var f = AnnualFacts(schoolYear: year)
        let schools = try await School.query(on: db).filter(\.$authority.$id == aid).all()
        let byID = Dictionary(uniqueKeysWithValues: schools.compactMap { s in s.id.map { ($0, s) } })
        // The list and why each school is on it.
        let listYear = try await SchoolList.query(on: db).filter(\.$authority.$id == aid).filter(\.$status == .lowResults).filter(\.$year ~~ [year, year + 1]).filter(\.$draft == false).sort(\.$year).first()?.year ?? year
        let entries = try await ListEntry.query(on: db).join(SchoolList.self, on: \ListEntry.$list.$id == \SchoolList.$id)
            .filter(SchoolList.self, \.$authority.$id == aid).filter(SchoolList.self, \.$year == listYear).filter(SchoolList.self, \.$status == .lowResults).filter(SchoolList.self, \.$draft == false).all()
        let records = Dictionary(uniqueKeysWithValues: try await ListQueries(db: db).records(authorityID: aid).map { ($0.schoolID, $0) })
        f.schools = entries.compactMap { e in
            guard let s = byID[e.$school.id] else { return nil }
            var years = 0
            while records[e.$school.id]?.lowResultYears.contains(listYear - years) == true { years += 1 }
            return AnnualFacts.ListedSchool(name: s.shortName, number: s.number, basis: e.basis ?? "—", yearsInList: max(years, 1))
        }.sorted { ($0.number ?? Int.max, $0.name) < ($1.number ?? Int.max, $1.name) }
        // Risk profiles of the school year.
        let (summary, factors, rows) = try await RiskService(db: db).summary(authorityID: aid, year: year)
        f.riskStatements = summary.statements
        f.factorCounts = factors.map { factor in
            let count = rows.filter { row in
                guard let fid = factor.id, let entry = row.entries[fid], let significance = entry.significance else { return false }
                return significance >= .medium
            }.count
            return (factor.reportPhrase, count)
        }
        // Support work.
        let support = SupportService(db: db)
        let events = try await support.events(authorityID: aid, schoolYear: year)
        f.events = Dictionary(grouping: events, by: \.kind).map { ($0.key.title, $0.value.count) }.sorted { $0.kind < $1.kind }
        let visitIDs = events.filter(\.kind.isVisit).compactMap(\.id)
        let findings = visitIDs.isEmpty ? [] : try await VisitFinding.query(on: db).filter(\.$event.$id ~~ visitIDs).all()
        let eventDates = Dictionary(uniqueKeysWithValues: events.compactMap { e in e.id.map { ($0, e.date) } })
        f.visits = findings.compactMap { v in
            guard let s = byID[v.$school.id] else { return nil }
            return AnnualFacts.Visit(school: s.shortName, number: s.number, date: eventDates[v.$event.id] ?? "", lessons: v.lessonsAttended,
                                     belowExpected: v.lessonsBelowExpected, findings: v.findings)
        }.sorted { $0.date < $1.date }
        f.consultations = try await Consultation.query(on: db).filter(\.$authority.$id == aid).filter(\.$date >= "\(year)-09-01").filter(\.$date <= "\(year + 1)-08-31").count()
        f.agreements = try await MentorAgreement.query(on: db).filter(\.$authority.$id == aid).filter(\.$periodStart <= "\(year + 1)-08-31").filter(\.$periodEnd >= "\(year)-09-01").count()
        let teachers = byID.isEmpty ? [] : try await Teacher.query(on: db).filter(\.$school.$id ~~ Array(byID.keys)).with(\.$deficits).all()
        let training = teachers.filter { $0.deficits.contains { $0.year == year && $0.needsSubjectTraining } }
        f.trainingTeachers = training.count
        f.trainingSchoolNumbers = Array(Set(training.compactMap { byID[$0.$school.id]?.number })).sorted()
        let projects = byID.isEmpty ? [] : try await SchoolProject.query(on: db).filter(\.$school.$id ~~ Array(byID.keys)).filter(\.$year <= year + 1).all()
        f.projects = Dictionary(grouping: projects, by: \.project).sorted { $0.key < $1.key }.map { name, list in
            (name, Dictionary(grouping: list, by: \.year).sorted { $0.key < $1.key }.map { ($0.key, $0.value.compactMap { byID[$0.$school.id]?.number }.sorted()) })
        }
        // The municipal roadmap of the year: measures and indicators.
        var report = Report(facts: f)
        let from = "\(year)-09-01", to = "\(year + 1)-08-31"
        if let roadmap = try await Roadmap.query(on: db).filter(\.$authority.$id == aid).filter(\.$school.$id == nil).filter(\.$status != .draft)
            .filter(\.$periodStart <= to).filter(\.$periodEnd >= from).sort(\.$periodStart, .descending).first() {
            let tree = try await RoadmapService(db: db).tree(roadmap)
            let asOf = LocalDate(parsing: min(to, roadmap.periodEnd)) ?? ExecutionService.today()
            let snapshot = try await ExecutionService(db: db).snapshot(tree, asOf: asOf)
            report.snapshot = snapshot
            report.roadmapTitle = roadmap.title
            report.facts.measuresTotal = snapshot.measures.count
            // A measure is done when every occurrence up to the end of the year is «выполнено».
            func done(_ m: ExecutionService.Snapshot.MeasureLine) -> Bool { !m.statuses.isEmpty && m.statuses.allSatisfy { $0.hasSuffix(": " + ProgressStatus.done.title) } }
            report.facts.measuresDone = snapshot.measures.filter(done).count
            report.facts.measuresNotDone = snapshot.measures.filter { !done($0) }.map { "№ \($0.number) \($0.name)" }
            let round = try await MonitoringRound.query(on: db).filter(\.$roadmap.$id == roadmap.requireID()).sort(\.$asOf, .descending).first()
            var facts: [IndicatorFact] = []
            if let round { facts = try await IndicatorFact.query(on: db).filter(\.$round.$id == round.requireID()).all() }
            let service = IndicatorService(db: db)
            for i in tree.indicators {
                var fact = facts.first { $0.$indicator.id == i.id }?.value
                if fact == nil { fact = try await service.fact(i, authorityID: aid, asOf: asOf) }
                report.facts.indicators.append((i.name, "\(i.target) \(i.unit)", fact ?? "—"))
            }
        }
        // Results of the ШНОР: share of «2» in ВПР by year, around the school year.
        let years = [year - 1, year, year + 1]
        let (shares, municipality) = try await ResultsService(db: db).twosShares(authorityID: aid, years: years)
        let listed = entries.map(\.$school.id)
        report.resultYears = years.filter { municipality[$0] != nil }
        if !report.resultYears.isEmpty {
            let pct = Formatting.percent
            func all(_ d: [String: Double]?) -> Double? { d.map { $0.values.reduce(0, +) / Double(max($0.count, 1)) } }
            report.results = listed.compactMap { sid in
                guard let s = byID[sid] else { return nil }
                return (s.shortName, report.resultYears.map { pct(all(shares[sid]?[$0])) })
            } + [("Муниципалитет", report.resultYears.map { pct(all(municipality[$0])) })]
        }
        // Schools that left the list.
        let next = try await IndicatorService(db: db).lowResultSchools(authorityID: aid, schoolYear: listYear + 1, exact: true)
        let nextKept = try await SchoolList.query(on: db).filter(\.$authority.$id == aid).filter(\.$year == listYear + 1).filter(\.$status == .lowResults).filter(\.$draft == false).count() > 0
        report.facts.leftTheList = nextKept ? listed.filter { !next.contains($0) }.compactMap { byID[$0]?.shortName } : []
        return report
    }
}

import Fluent
import Foundation
import OporaCore

/// Computes the data-bound roadmap indicators for a municipality and a school year.
struct IndicatorService {
    let db: any Database

    /// The year's ШНОР: the list of the year the school year starts in, or of the next year
    /// when that one is not kept.
    func lowResultSchools(authorityID: Int, schoolYear: Int, exact: Bool = false) async throws -> Set<Int> {
        for year in exact ? [schoolYear] : [schoolYear, schoolYear + 1] {
            let lists = try await SchoolList.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$year == year).filter(\.$status == .lowResults).filter(\.$draft == false).with(\.$entries).all()
            let ids = Set(lists.flatMap { $0.entries.map(\.$school.id) })
            if !ids.isEmpty { return ids }
        }
        return []
    }

    func compute(_ source: IndicatorSource, authorityID: Int, schoolYear: Int) async throws -> IndicatorValue {
        let schools = try await lowResultSchools(authorityID: authorityID, schoolYear: schoolYear)
        let from = "\(schoolYear)-09-01", to = "\(schoolYear + 1)-08-31"
        switch source {
        case .approvedSchoolRoadmaps:
            let roadmaps = try await Roadmap.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$school.$id != nil)
                .filter(\.$status != .draft).filter(\.$periodStart <= to).filter(\.$periodEnd >= from).all()
            return .share(Set(roadmaps.compactMap(\.$school.id)), of: schools)
        case .targetedSupport:
            return .share(try await SupportService(db: db).coverage(authorityID: authorityID, schoolYear: schoolYear).supported, of: schools)
        case .trainedManagementTeams:
            guard !schools.isEmpty else { return IndicatorValue(count: 0, of: 0) }
            let team = try await Teacher.query(on: db).filter(\.$school.$id ~~ Array(schools)).filter(\.$managementTeam == true).with(\.$courses).all()
            let trained = team.filter { t in t.courses.contains { c in c.completed && (c.completedAt.map { $0 >= from && $0 <= to } ?? false) } }
            return .share(Set(trained.map(\.$school.id)), of: schools)
        case .leftTheList:
            // Calendar-year lists: last year's and this year's, exactly.
            let before = try await lowResultSchools(authorityID: authorityID, schoolYear: schoolYear, exact: true)
            let now = try await lowResultSchools(authorityID: authorityID, schoolYear: schoolYear + 1, exact: true)
            return .share(before.subtracting(now), of: before)
        }
    }
}

extension IndicatorService {
    /// The computed value of a bound indicator as a fact text with its basis.
    func fact(_ indicator: RoadmapIndicator, authorityID: Int, asOf: LocalDate) async throws -> String? {
        guard let source = indicator.source.flatMap(IndicatorSource.init(rawValue:)) else { return nil }
        return try await compute(source, authorityID: authorityID, schoolYear: Season.schoolYear(of: asOf)).text
    }
}

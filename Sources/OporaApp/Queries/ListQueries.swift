import Fluent
import OporaCore

/// Reads the yearly lists of an authority into the plain records the domain rules work on.
/// Stateless and independent of requests, so the same queries serve pages, API and CLI.
struct ListQueries {
    let db: any Database

    /// Every school of the authority with the years it was ШНОР and предШНОР.
    func records(authorityID: Int) async throws -> [SchoolListRecord] {
        let schools = try await School.query(on: db).filter(\.$authority.$id == authorityID).all()
        let lists = try await SchoolList.query(on: db).filter(\.$authority.$id == authorityID).all()
        let listByID = Dictionary(uniqueKeysWithValues: lists.compactMap { l in l.id.map { ($0, l) } })
        let entries = lists.isEmpty ? [] : try await ListEntry.query(on: db).filter(\.$list.$id ~~ Array(listByID.keys)).all()
        var low: [Int: Set<Int>] = [:], risk: [Int: Set<Int>] = [:]
        for e in entries {
            guard let list = listByID[e.$list.id] else { continue }
            switch list.status {
            case .lowResults: low[e.$school.id, default: []].insert(list.year)
            case .atRisk: risk[e.$school.id, default: []].insert(list.year)
            case .adverseConditions: break
            }
        }
        return schools.compactMap { s in
            guard let id = s.id else { return nil }
            return SchoolListRecord(schoolID: id, schoolName: s.shortName, schoolNumber: s.number,
                                    lowResultYears: low[id] ?? [], atRiskYears: risk[id] ?? [])
        }
    }

    func years(authorityID: Int) async throws -> [Int] {
        Set(try await SchoolList.query(on: db).filter(\.$authority.$id == authorityID).all().map(\.year)).sorted()
    }

    func dynamics(authority: Authority, from: Int, to: Int) async throws -> ListDynamics {
        let records = try await records(authorityID: try authority.requireID())
        return ListDynamics(records: records, years: min(from, to)...max(from, to), rule: authority.rule)
    }

    /// ШНОР of a year grouped by consecutive years in the list (the 002 grouping).
    func groupsByYearsInList(authorityID: Int, year: Int) async throws -> [(years: Int, schools: [String])] {
        let records = try await records(authorityID: authorityID)
        var groups: [Int: [String]] = [:]
        for r in records where r.lowResultYears.contains(year) {
            let n = ListHistory(years: r.lowResultYears).consecutiveYears(endingAt: year)
            groups[n, default: []].append(r.schoolName)
        }
        return groups.keys.sorted().map { k in
            (k, (groups[k] ?? []).sorted(by: naturalLess))
        }
    }
}


import Fluent
import OporaCore
import SQLKit

/// Reads the yearly lists of an authority into the plain records the domain rules work on.
/// Stateless and independent of requests, so the same queries serve pages, API and CLI.
struct ListQueries {
    let db: any Database

    /// Every school of the authority with the years it was ШНОР and предШНОР. A school merged
    /// into another of the authority is folded into it (its years count for the successor); lists
    /// carried into a new year as drafts count only once approved.
    ///
    /// Two plain SQL reads of only the needed columns: this runs on the dashboard, the school
    /// list and the dynamics table, and decoding full Fluent models here cost more than the rest
    /// of those pages together (scripts/bench-web).
    func records(authorityID: Int) async throws -> [SchoolListRecord] {
        guard let sql = db as? any SQLDatabase else { throw PublicError(.internalServerError, "SQL database required") }
        let schoolRows = try await sql.select()
            .column("id").column("short_name").column("number").column("merged_into_id")
            .from("schools")
            .where("authority_id", .equal, authorityID)
            .all()
        let entryRows = try await sql.select()
            .column(SQLColumn("school_id", table: "list_entries"))
            .column(SQLColumn("year", table: "school_lists"))
            .column(SQLColumn("status", table: "school_lists"))
            .from("list_entries")
            .join("school_lists", on: SQLColumn("list_id", table: "list_entries"), .equal, SQLColumn("id", table: "school_lists"))
            .where(SQLColumn("authority_id", table: "school_lists"), .equal, SQLBind(authorityID))
            .where(SQLColumn("draft", table: "school_lists"), .equal, SQLBind(false))
            .all()
        var low: [Int: Set<Int>] = [:], risk: [Int: Set<Int>] = [:]
        for row in entryRows {
            let school = try row.decode(column: "school_id", as: Int.self)
            let year = try row.decode(column: "year", as: Int.self)
            let status = ListStatus(rawValue: try row.decode(column: "status", as: String.self))
            if status == .lowResults { low[school, default: []].insert(year) }
            if status == .atRisk { risk[school, default: []].insert(year) }
        }
        var successor: [Int: Int] = [:]
        var ids: Set<Int> = []
        for row in schoolRows {
            let id = try row.decode(column: "id", as: Int.self)
            ids.insert(id)
            if let target = try row.decode(column: "merged_into_id", as: Int?.self) { successor[id] = target }
        }
        /// The last school of a merger chain within the authority (bounded: chains are short).
        func final(_ id: Int) -> Int {
            var current = id
            for _ in 0..<SchoolLineage.maxDepth {
                guard let next = successor[current], ids.contains(next), next != id else { break }
                current = next
            }
            return current
        }
        for (from, _) in successor {
            let to = final(from)
            guard to != from else { continue }
            low[to, default: []].formUnion(low[from] ?? [])
            risk[to, default: []].formUnion(risk[from] ?? [])
        }
        return try schoolRows.compactMap { row in
            let id = try row.decode(column: "id", as: Int.self)
            guard final(id) == id else { return nil }
            return SchoolListRecord(schoolID: id, schoolName: try row.decode(column: "short_name", as: String.self),
                                    schoolNumber: try row.decode(column: "number", as: Int?.self),
                                    lowResultYears: low[id] ?? [], atRiskYears: risk[id] ?? [])
        }
    }

    func years(authorityID: Int) async throws -> [Int] {
        Set(try await SchoolList.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$draft == false).all().map(\.year)).sorted()
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


import Fluent
import OporaCore
import SQLKit

/// Reads the yearly lists of an authority into the plain records the domain rules work on.
/// Stateless and independent of requests, so the same queries serve pages, API and CLI.
/// A municipality's name and list-history rule, for region-wide tables.
struct AuthorityRule: Sendable {
    let id: Int
    let municipality: String
    let rule: ListHistoryRule
}

/// An authority's schools with their list years, and the years that have an approved list.
struct ListOverview {
    let records: [SchoolListRecord]
    let years: [Int]
}

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
        try await overview(authorityID: authorityID).records
    }

    /// The records and the years that have an approved list (an empty list counts), from the
    /// same two reads: pages that show both need no third query.
    func overview(authorityID: Int) async throws -> ListOverview {
        guard let sql = db as? any SQLDatabase else { throw PublicError(.internalServerError, "SQL database required") }
        let schoolRows = try await sql.select()
            .column("id").column("short_name").column("number").column("merged_into_id")
            .from("schools")
            .where("authority_id", .equal, authorityID)
            .all()
        // Lists left-joined to their entries: a list without entries still gives its year.
        let entryRows = try await sql.select()
            .column(SQLColumn("school_id", table: "list_entries"))
            .column(SQLColumn("year", table: "school_lists"))
            .column(SQLColumn("status", table: "school_lists"))
            .from("school_lists")
            .join("list_entries", method: SQLJoinMethod.left, on: SQLColumn("list_id", table: "list_entries"), .equal, SQLColumn("id", table: "school_lists"))
            .where(SQLColumn("authority_id", table: "school_lists"), .equal, SQLBind(authorityID))
            .where(SQLColumn("draft", table: "school_lists"), .equal, SQLBind(false))
            .all()
        var low: [Int: Set<Int>] = [:], risk: [Int: Set<Int>] = [:]
        var years: Set<Int> = []
        for row in entryRows {
            let year = try row.decode(column: "year", as: Int.self)
            years.insert(year)
            guard let school = try row.decode(column: "school_id", as: Int?.self) else { continue }
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
        let chains = MergerChains(successor: successor, within: ids)
        for from in chains.merged {
            let to = chains.final(from)
            guard to != from else { continue }
            low[to, default: []].formUnion(low[from] ?? [])
            risk[to, default: []].formUnion(risk[from] ?? [])
        }
        let records = try schoolRows.compactMap { row -> SchoolListRecord? in
            let id = try row.decode(column: "id", as: Int.self)
            guard chains.final(id) == id else { return nil }
            return SchoolListRecord(schoolID: id, schoolName: try row.decode(column: "short_name", as: String.self),
                                    schoolNumber: try row.decode(column: "number", as: Int?.self),
                                    lowResultYears: low[id] ?? [], atRiskYears: risk[id] ?? [])
        }
        return ListOverview(records: records, years: years.sorted())
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


extension ListQueries {
    /// Every municipality of the region with its ШНОР of `year` by kind and its предШНОР, in
    /// five plain reads whatever the number of municipalities: the database counts each school's
    /// years in its municipality's window (one row per listed school, not one per listing), and
    /// only schools a merger touches are read year by year to be folded into their successor.
    func regionKinds(regionID: Int, year: Int) async throws -> (kinds: RegionKinds, authorities: [AuthorityRule]) {
        guard let sql = db as? any SQLDatabase else { throw PublicError(.internalServerError, "SQL database required") }
        struct A: Decodable { let id: Int; let municipality: String; let chronic_window_years: Int; let chronic_min_times: Int }
        let authorities = try await sql.select().columns("id", "municipality", "chronic_window_years", "chronic_min_times").from(Authority.schema)
            .where("region_id", .equal, SQLBind(regionID)).all(decoding: A.self)
            .map { AuthorityRule(id: $0.id, municipality: $0.municipality, rule: ListHistoryRule(windowYears: $0.chronic_window_years, chronicMinTimes: $0.chronic_min_times)) }
            .sortedNaturally(by: \.municipality)
        let ids = authorities.map(\.id)
        let rules = Dictionary(authorities.map { ($0.id, $0.rule) }, uniquingKeysWith: { a, _ in a })
        guard !ids.isEmpty else { return (RegionKinds(year: year, entries: [], rules: [:], successor: [:], authorities: []), []) }
        struct Merge: Decodable { let id: Int; let merged_into_id: Int }
        let merges = try await sql.select().column("id").column("merged_into_id").from("schools")
            .where(SQLColumn("merged_into_id"), .isNot, SQLLiteral.null).all(decoding: Merge.self)
        let touched = Array(Set(merges.flatMap { [$0.id, $0.merged_into_id] }))
        let widest = authorities.map(\.rule.windowYears).max() ?? ListHistoryRule.default.windowYears

        func base(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            query.from("list_entries")
                .join("school_lists", on: SQLColumn("list_id", table: "list_entries"), .equal, SQLColumn("id", table: "school_lists"))
                .join("authorities", on: SQLColumn("id", table: "authorities"), .equal, SQLColumn("authority_id", table: "school_lists"))
                .where(SQLColumn("region_id", table: "authorities"), .equal, SQLBind(regionID))
                .where(SQLColumn("draft", table: "school_lists"), .equal, SQLBind(false))
        }
        // ШНОР of the year untouched by mergers: years in each municipality's own window, counted.
        struct C: Decodable { let authority_id: Int; let school_id: Int; let times: Int; let last: Int }
        let window = SQLBinaryExpression(SQLColumn("year", table: "school_lists"), .greaterThan,
                                         SQLBinaryExpression(SQLBind(year), .subtract, SQLColumn("chronic_window_years", table: "authorities")))
        let countedQuery = base(sql.select()
            .column(SQLColumn("authority_id", table: "school_lists")).column(SQLColumn("school_id", table: "list_entries"))
            .column(SQLAlias(SQLFunction("COUNT", args: SQLDistinct(SQLColumn("year", table: "school_lists"))), as: SQLIdentifier("times")))
            .column(SQLAlias(SQLFunction("MAX", args: SQLColumn("year", table: "school_lists")), as: SQLIdentifier("last"))))
            .where(SQLColumn("status", table: "school_lists"), .equal, SQLBind(ListStatus.lowResults.rawValue))
            .where(SQLColumn("year", table: "school_lists"), .lessThanOrEqual, SQLBind(year))
            .where(window)
        if !touched.isEmpty { countedQuery.where(SQLColumn("school_id", table: "list_entries"), .notIn, SQLBind.group(touched)) }
        let counted = try await countedQuery
            .groupBy(SQLColumn("authority_id", table: "school_lists")).groupBy(SQLColumn("school_id", table: "list_entries"))
            .having(SQLFunction("MAX", args: SQLColumn("year", table: "school_lists")), .equal, SQLBind(year))
            .all(decoding: C.self)
            .map { RegionKinds.Counted(authorityID: $0.authority_id, schoolID: $0.school_id, timesInWindow: $0.times) }

        // Year by year: предШНОР of the year (a school counted once even when merged), and the
        // ШНОР history of schools a merger touches.
        struct Row: Decodable { let authority_id: Int; let school_id: Int; let year: Int; let status: String }
        func rows(_ query: SQLSelectBuilder) async throws -> [RegionKinds.Entry] {
            try await base(query.column(SQLColumn("authority_id", table: "school_lists")).column(SQLColumn("school_id", table: "list_entries"))
                .column(SQLColumn("year", table: "school_lists")).column(SQLColumn("status", table: "school_lists")))
                .all(decoding: Row.self)
                .compactMap { r in ListStatus(rawValue: r.status).map { RegionKinds.Entry(authorityID: r.authority_id, schoolID: r.school_id, year: r.year, status: $0) } }
        }
        var entries = try await rows(sql.select()
            .where(SQLColumn("status", table: "school_lists"), .equal, SQLBind(ListStatus.atRisk.rawValue))
            .where(SQLColumn("year", table: "school_lists"), .equal, SQLBind(year)))
        if !touched.isEmpty {
            entries += try await rows(sql.select()
                .where(SQLColumn("status", table: "school_lists"), .equal, SQLBind(ListStatus.lowResults.rawValue))
                .where(SQLColumn("year", table: "school_lists"), .greaterThan, SQLBind(year - widest))
                .where(SQLColumn("year", table: "school_lists"), .lessThanOrEqual, SQLBind(year))
                .where(SQLColumn("school_id", table: "list_entries"), .in, SQLBind.group(touched)))
        }
        let kinds = RegionKinds(year: year, entries: entries, counted: counted, rules: rules,
                                successor: Dictionary(merges.map { ($0.id, $0.merged_into_id) }, uniquingKeysWith: { a, _ in a }), authorities: ids)
        return (kinds, authorities)
    }

    /// The latest year with an approved ШНОР list anywhere in the region.
    func latestRegionYear(regionID: Int) async throws -> Int? {
        guard let sql = db as? any SQLDatabase else { return nil }
        struct Y: Decodable { let y: Int? }
        return try await sql.raw("""
            SELECT MAX(l.year) AS y FROM school_lists l JOIN authorities a ON a.id = l.authority_id
            WHERE a.region_id = \(bind: regionID) AND l.draft = \(bind: false)
            """).first(decoding: Y.self)?.y
    }
}

import Fluent
import Foundation
@testable import OporaApp
import OporaCore
import Testing
import VaporTesting

/// A page's SQL statements must not grow with the municipality: the same count with 10 and with
/// 60 approved roadmaps (and more schools, measures, reports and events), and within a budget.
/// Counted by the request-tracking middleware, read back from `/metrics`' per-route counter.
extension AppTests {
@Suite struct QueryBudget {
    /// The most statements a key page may run: 16 for start pages (each step of the season and
    /// each kind of notice is one counting read) and the others, more for the two pages that
    /// summarise a whole year of every kind of work (each table read once).
    static func budget(_ route: String) -> Int {
        switch route {
        case "/authorities/:authorityID/support": 20
        case "/authorities/:authorityID/annual-report": 40
        default: 16
        }
    }

    struct Page: CustomStringConvertible {
        let login: String
        let path: String
        let route: String
        var description: String { "\(login) \(path)" }
    }

    static func pages(authority a: Int, roadmap r: Int, measure m: Int, school s: Int) -> [Page] {
        [
            Page(login: "yurga", path: "/", route: "/"),
            Page(login: "yurga.curator", path: "/", route: "/"),
            Page(login: "yurga.school14", path: "/", route: "/"),
            Page(login: "yurga", path: "/authorities/\(a)/schools", route: "/authorities/:authorityID/schools"),
            Page(login: "yurga", path: "/authorities/\(a)/lists", route: "/authorities/:authorityID/lists"),
            Page(login: "yurga", path: "/authorities/\(a)/dynamics", route: "/authorities/:authorityID/dynamics"),
            Page(login: "yurga", path: "/authorities/\(a)/roadmaps", route: "/authorities/:authorityID/roadmaps"),
            Page(login: "yurga", path: "/roadmaps/\(r)", route: "/roadmaps/:roadmapID"),
            Page(login: "yurga", path: "/measures/\(m)", route: "/measures/:measureID"),
            Page(login: "yurga", path: "/roadmaps/\(r)/timeline", route: "/roadmaps/:roadmapID/timeline"),
            Page(login: "yurga", path: "/authorities/\(a)/risk-summary", route: "/authorities/:authorityID/risk-summary"),
            Page(login: "yurga", path: "/authorities/\(a)/results", route: "/authorities/:authorityID/results"),
            Page(login: "yurga", path: "/schools/\(s)/diagnostic-card", route: "/schools/:schoolID/diagnostic-card"),
            Page(login: "yurga", path: "/authorities/\(a)/support", route: "/authorities/:authorityID/support"),
            Page(login: "yurga", path: "/authorities/\(a)/annual-report", route: "/authorities/:authorityID/annual-report"),
        ]
    }

    /// Statements counted so far for a GET route, from the Prometheus text.
    static func counted(_ app: Application, route: String) -> Int {
        let prefix = "opora_db_queries_total{"
        return app.metrics.text.split(separator: "\n").reduce(0) { sum, line in
            guard line.hasPrefix(prefix), line.contains("method=\"GET\""), line.contains("route=\"\(route)\"") else { return sum }
            return sum + (line.split(separator: " ").last.flatMap { Int(Double($0) ?? 0) } ?? 0)
        }
    }

    static func measure(_ app: Application, _ pages: [Page]) async throws -> [String: Int] {
        var browsers: [String: Browser] = [:]
        var counts: [String: Int] = [:]
        for page in pages {
            let browser: Browser
            if let b = browsers[page.login] { browser = b } else {
                browser = Browser(app)
                try await browser.login(page.login)
                browsers[page.login] = browser
            }
            let before = counted(app, route: page.route)
            let res = try await browser.get(page.path)
            #expect(res.status == .ok, "\(page) answered \(res.status)")
            counts[page.description] = counted(app, route: page.route) - before
        }
        return counts
    }

    @Test func keyPagesRunTheSameQueriesWithTenAndSixtyRoadmaps() async throws {
        try await withOpora { app in
            let authority = try #require(try await Authority.query(on: app.db).filter(\.$code == "yurga").first())
            let a = try authority.requireID()
            let today = ExecutionService.today()
            var fixture = MunicipalityFixture(schools: 30, roadmaps: 10, measuresPerRoadmap: 20, teachersPerSchool: 2, events: 10)
            _ = try await fixture.build(authority: authority, today: today, on: app.db)
            let municipal = try #require(try await Roadmap.query(on: app.db).filter(\.$authority.$id == a).filter(\.$title ~~ "(тест 1)").first())
            let r = try municipal.requireID()
            let m = try #require(try await Measure.query(on: app.db).filter(\.$roadmap.$id == r).sort(\.$position).first()?.id)
            let s = try await app.schoolID("МБОУ СОШ № 14")
            let pages = Self.pages(authority: a, roadmap: r, measure: m, school: s)

            let atTen = try await Self.measure(app, pages)
            fixture.schools = 60
            fixture.roadmaps = 50
            fixture.events = 50
            _ = try await fixture.build(authority: authority, today: today, on: app.db)
            #expect(try await Roadmap.query(on: app.db).filter(\.$authority.$id == a).filter(\.$status == .approved).count() >= 60)
            let atSixty = try await Self.measure(app, pages)

            for page in pages {
                let ten = try #require(atTen[page.description]), sixty = try #require(atSixty[page.description])
                #expect(ten > 0, "\(page): no queries counted")
                #expect(ten == sixty, "\(page): \(ten) queries with 10 roadmaps, \(sixty) with 60")
                let budget = Self.budget(page.route)
                #expect(sixty <= budget, "\(page): \(sixty) queries, budget \(budget)")
            }
        }
    }
}
}

import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    /// Every GET route the application registers — walked from `app.routes`, so a new route is
    /// covered without anyone listing it — with hostile numbers in every query parameter a page
    /// reads: none may crash the process (an overflow traps) or answer 500.
    @Suite struct HostileInput {
        static let values = ["9223372036854775807", "-9223372036854775808", "99999999999999999999999", "0", "-1", "abc", "2025.5", "%00"]
        static let parameters = ["year", "from", "to", "grade", "period", "region", "authority", "school", "id", "authorityId", "subject", "kind", "round", "q", "page", "next"]

        @Test func hugeNegativeAndMalformedNumbersNeverCrashOrAnswer500() async throws {
            try await withOpora { app in
                let ids = try await Self.ownIDs(app)
                let b = Browser(app)
                try await b.login("yurga")
                let token = try await API().token(app, "yurga")
                var failures: [String] = []
                var checked = 0
                for route in app.routes.all where route.method == .GET {
                    guard let path = Self.path(route.path, ids: ids), !path.hasPrefix("/logout") else { continue }
                    for value in Self.values {
                        let query = Self.parameters.map { "\($0)=\(value)" }.joined(separator: "&")
                        let url = path + "?" + query
                        let res: TestingHTTPResponse
                        if path.hasPrefix("/api/") {
                            var headers: HTTPHeaders = [:]
                            headers.bearerAuthorization = BearerAuthorization(token: token)
                            res = try await app.testing().sendRequest(.GET, url, headers: headers)
                        } else {
                            res = try await b.get(url)
                        }
                        checked += 1
                        if res.status.code >= 500 { failures.append("\(url) → \(res.status.code)") }
                    }
                }
                #expect(checked > 500)
                #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
            }
        }

        /// Every POST route, with every form field a form of ours sends numbers or dates in set
        /// to hostile values: refused or ignored, never a crash or a 500.
        @Test func hostileFormsNeverCrashOrAnswer500() async throws {
            try await withOpora { app in
                let ids = try await Self.ownIDs(app)
                let b = Browser(app)
                try await b.login("yurga")
                let fields = ["year", "from", "to", "grade", "period", "number", "orderNumber", "orderDate", "date", "heldOn", "publishedOn",
                              "developBy", "publishBy", "amendmentDate", "due", "sectionID", "schoolID", "factorID", "significance", "value",
                              "participants", "docDate", "closedOn", "mergedInto", "position", "hours", "maxPrimary", "score"]
                var failures: [String] = []
                var checked = 0
                for route in app.routes.all where route.method == .POST {
                    guard let path = Self.path(route.path, ids: ids), !["/logout", "/login"].contains(path), !path.hasPrefix("/api/") else { continue }
                    for value in ["9223372036854775807", "-9223372036854775808", "0", "99.99.99999", "31.02.2025", "abc"] {
                        let res = try await b.post(path, Dictionary(uniqueKeysWithValues: fields.map { ($0, value) }))
                        checked += 1
                        if res.status.code >= 500 { failures.append("POST \(path) with \(value) → \(res.status.code)") }
                    }
                }
                #expect(checked > 300)
                #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
            }
        }

        @Test func aYearOutOfBoundsIsAClearRussian400() async throws {
            try await withOpora { app in
                let yurga = try await app.authorityID("yurga")
                let b = Browser(app)
                try await b.login("yurga")
                for page in ["support", "annual-report", "teachers-training", "list-proposal", "lists", "dynamics", "risk-summary"] {
                    let res = try await b.get("/authorities/\(yurga)/\(page)?year=9223372036854775807&from=9223372036854775807&to=9223372036854775807")
                    #expect(res.status == .badRequest, "\(page)")
                    #expect(res.body.string.contains("ожидается год от 1990 до 2100"), "\(page)")
                }
            }
        }

        @Test func loginNeverRedirectsToAnotherSite() async throws {
            try await withOpora { app in
                for next in ["/\\evil.example/", "//evil.example/", "/\t/evil.example/", "https://evil.example/", "/%5Cevil.example"] {
                    let b = Browser(app)
                    let page = try await b.get("/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                    #expect(page.status == .ok)
                    let res = try await b.post("/login", ["login": "yurga", "password": "opora-demo", "next": next])
                    let location = res.headers.first(name: .location) ?? ""
                    #expect(res.status == .seeOther)
                    #expect(!location.contains("evil") || location.hasPrefix("/%5C"), "\(next) → \(location)")
                }
            }
        }

        /// Ids the coordinator of Yurga may read, by route parameter; others get a row of their table.
        static func ownIDs(_ app: Application) async throws -> [String: String] {
            let sql = try #require(app.db as? any SQLDatabase)
            let yurga = try await app.authorityID("yurga")
            struct Row: Decodable { let id: Int }
            func first(_ query: String) async throws -> String {
                try await sql.raw(SQLQueryString(query)).first(decoding: Row.self).map { String($0.id) } ?? "1"
            }
            let roadmap = try await first("SELECT id FROM roadmaps WHERE authority_id = \(yurga) ORDER BY id")
            return [
                "authorityID": String(yurga),
                "schoolID": try await first("SELECT id FROM schools WHERE authority_id = \(yurga) ORDER BY id"),
                "roadmapID": roadmap,
                "measureID": try await first("SELECT id FROM measures WHERE roadmap_id = \(roadmap) ORDER BY id"),
                "listID": try await first("SELECT id FROM school_lists WHERE authority_id = \(yurga) ORDER BY id"),
                "entryID": try await first("SELECT e.id FROM list_entries e JOIN school_lists l ON l.id = e.list_id WHERE l.authority_id = \(yurga) ORDER BY e.id"),
                "teacherID": try await first("SELECT t.id FROM teachers t JOIN schools s ON s.id = t.school_id WHERE s.authority_id = \(yurga) ORDER BY t.id"),
                "eventID": try await first("SELECT id FROM support_events WHERE authority_id = \(yurga) ORDER BY id"),
                "roundID": try await first("SELECT id FROM monitoring_rounds ORDER BY id"),
                "practiceID": try await first("SELECT id FROM practices ORDER BY id"),
                "userID": try await first("SELECT id FROM users WHERE authority_id = \(yurga) ORDER BY id"),
                "kind": "vpr",
            ]
        }

        /// The route's path with its parameters filled, or nil for catch-alls.
        static func path(_ components: [PathComponent], ids: [String: String]) -> String? {
            var parts: [String] = []
            for c in components {
                switch c {
                case .constant(let s): parts.append(s)
                case .parameter(let name): parts.append(ids[name] ?? "1")
                case .anything, .catchall: return nil
                }
            }
            return "/" + parts.joined(separator: "/")
        }
    }
}

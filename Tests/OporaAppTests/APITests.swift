import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    @Suite struct API {
        func token(_ app: Application, _ login: String) async throws -> String {
            let user = try #require(try await User.query(on: app.db).filter(\.$login == login).first())
            return try await TokenIssuer.issue(for: user, name: "test", on: app.db)
        }

        func get(_ app: Application, _ path: String, token: String?) async throws -> TestingHTTPResponse {
            var headers: HTTPHeaders = [:]
            if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
            return try await app.testing().sendRequest(.GET, path, headers: headers)
        }

        @Test func openAPIDocumentIsPublicAndValidJSON() async throws {
            try await withOpora { app in
                let res = try await get(app, "/api/v1/openapi.json", token: nil)
                #expect(res.status == .ok)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? [String: Any])
                let paths = try #require(json["paths"] as? [String: Any])
                #expect(Set(paths.keys) == ["/authorities", "/authorities/{authorityId}", "/authorities/{authorityId}/schools", "/schools/{schoolId}",
                                           "/authorities/{authorityId}/list-entries", "/authorities/{authorityId}/list-dynamics"])
            }
        }

        @Test func withoutTokenIsUnauthorizedJSON() async throws {
            try await withOpora { app in
                let res = try await get(app, "/api/v1/authorities", token: nil)
                #expect(res.status == .unauthorized)
                #expect(res.headers.contentType == .json)
                #expect(try await get(app, "/api/v1/authorities", token: "opora_wrong").status == .unauthorized)
            }
        }

        @Test func listDynamicsOfYurga() async throws {
            try await withOpora { app in
                let t = try await token(app, "yurga")
                let yurga = try await app.authorityID("yurga")
                let res = try await get(app, "/api/v1/authorities/\(yurga)/list-dynamics?from=2020&to=2024", token: t)
                #expect(res.status == .ok)
                let dto = try JSONDecoder().decode(ListDynamicsDTO.self, from: Data(buffer: res.body))
                #expect(dto.totals == ["2020": 2, "2021": 1, "2022": 4, "2023": 0, "2024": 1])
                #expect(dto.totalTimes == 8)
                #expect(dto.rows.count == 7)
                #expect(dto.rows.filter { $0.kind == .chronic }.map(\.school).sorted() == ["МБОУ СОШ № 1", "МБОУ СОШ № 14"])
                #expect(dto.rows.filter(\.atRiskInLastYear).count == 4)
            }
        }

        @Test func scopeHoldsInTheAPI() async throws {
            try await withOpora { app in
                let yurga = try await app.authorityID("yurga")
                let nsk = try await app.authorityID("novosibirsk")
                let coordinator = try await token(app, "yurga")
                let authorities = try JSONDecoder().decode([AuthorityDTO].self, from: Data(buffer: try await get(app, "/api/v1/authorities", token: coordinator).body))
                #expect(authorities.map(\.code) == ["yurga"])
                for path in ["/api/v1/authorities/\(nsk)", "/api/v1/authorities/\(nsk)/schools", "/api/v1/authorities/\(nsk)/list-entries",
                             "/api/v1/authorities/\(nsk)/list-dynamics", "/api/v1/schools/\(try await app.schoolID("МАОУ СОШ № 20"))"] {
                    let res = try await get(app, path, token: coordinator)
                    #expect(res.status == .notFound, "\(path)")
                    #expect(!res.body.string.contains("СОШ № 20"))
                }
                let school = try await token(app, "yurga.school14")
                #expect(try await get(app, "/api/v1/schools/\(try await app.schoolID("МБОУ СОШ № 14"))", token: school).status == .ok)
                #expect(try await get(app, "/api/v1/schools/\(try await app.schoolID("МБОУ СОШ № 1"))", token: school).status == .notFound)
                #expect(try await get(app, "/api/v1/authorities/\(yurga)/schools", token: school).status == .notFound)
                let observer = try await token(app, "observer")
                let all = try JSONDecoder().decode([AuthorityDTO].self, from: Data(buffer: try await get(app, "/api/v1/authorities", token: observer).body))
                #expect(all.count == 5)
            }
        }

        @Test func listEntriesAndSchools() async throws {
            try await withOpora { app in
                let t = try await token(app, "slavyansk")
                let slav = try await app.authorityID("slavyansk")
                let schools = try JSONDecoder().decode([SchoolDTO].self, from: Data(buffer: try await get(app, "/api/v1/authorities/\(slav)/schools", token: t).body))
                #expect(schools.count == 17)
                let entries = try JSONDecoder().decode([ListEntryDTO].self, from: Data(buffer: try await get(app, "/api/v1/authorities/\(slav)/list-entries?year=2020", token: t).body))
                #expect(entries.count == 17)
                let ege = try #require(entries.first { $0.school == "МБОУ СОШ № 43" })
                #expect(ege.basis?.contains("ЕГЭ") == true)
            }
        }

        @Test func profileCreatesAToken() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                try await b.get("/profile")
                let res = try await b.post("/profile/tokens", ["name": "отчёт"])
                #expect(res.status == .ok)
                let body = res.body.string
                let r = try #require(body.range(of: "opora_"))
                let token = String(body[r.lowerBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                #expect(try await get(app, "/api/v1/authorities", token: token).status == .ok)
                #expect(try await APIToken.query(on: app.db).filter(\.$tokenHash == token).count() == 0, "only the hash is stored")
            }
        }
    }
}

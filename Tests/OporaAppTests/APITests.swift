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
                                           "/authorities/{authorityId}/list-entries", "/authorities/{authorityId}/list-dynamics",
                                           "/roadmaps", "/roadmaps/import", "/roadmaps/{roadmapId}", "/roadmaps/{roadmapId}/export.docx", "/roadmaps/{roadmapId}/export.xlsx",
                                           "/schools/{schoolId}/risk-profiles", "/schools/{schoolId}/roadmaps", "/authorities/{authorityId}/risk-summary",
                                           "/results/summary", "/results/imports", "/schools/{schoolId}/diagnostic-card"])
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
    
        func send(_ app: Application, _ method: HTTPMethod, _ path: String, token: String, json: String) async throws -> TestingHTTPResponse {
            var headers: HTTPHeaders = ["Content-Type": "application/json"]
            headers.bearerAuthorization = BearerAuthorization(token: token)
            return try await app.testing().sendRequest(method, path, headers: headers, body: ByteBuffer(string: json))
        }

        @Test func roadmapsThroughTheAPI() async throws {
            try await withOpora { app in
                let t = try await token(app, "yurga")
                let yurga = try await app.authorityID("yurga")
                let list = try JSONDecoder().decode([RoadmapSummaryDTO].self, from: Data(buffer: try await get(app, "/api/v1/roadmaps", token: t).body))
                #expect(list.count == 1)
                #expect(list[0].order?.number == "882")
                let full = try await get(app, "/api/v1/roadmaps/\(list[0].id)", token: t)
                let dto = try JSONDecoder().decode(RoadmapDTO.self, from: Data(buffer: full.body))
                let measures = dto.levels.flatMap { $0.sections.flatMap(\.measures) }
                #expect(measures.count == 16)
                #expect(measures.last?.deadline.text == "август 2025")
                #expect(measures.first?.occurrences.first?.due == "2025-01-31")
                let table = "№\\tМероприятие\\tСроки\\tОтветственные\\n1.\\tСовещание\\tфевраль 2026\\tУО\\n"
                let imported = try await send(app, .POST, "/api/v1/roadmaps/import", token: t, json: #"{"authorityId": \#(yurga), "title": "API 2026", "period": "2026", "text": "\#(table)"}"#)
                #expect(imported.status == .created)
                let bad = try await send(app, .POST, "/api/v1/roadmaps/import", token: t, json: #"{"authorityId": \#(yurga), "title": "x", "period": "2026", "text": "нет таблицы"}"#)
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.string.contains("не найдена строка заголовка"))
                let created = try await send(app, .POST, "/api/v1/roadmaps", token: t, json: #"{"authorityId": \#(yurga), "title": "JSON 2026", "period": "2025-2026", "levels": [{"sections": [{"title": "I. Раздел", "measures": [{"number": "1", "name": "Семинар", "deadline": "по итогам четверти", "responsible": "ИМЦ"}]}]}]}"#)
                #expect(created.status == .created)
                let c = try JSONDecoder().decode(RoadmapDTO.self, from: Data(buffer: created.body))
                #expect(c.levels.first?.sections.first?.measures.first?.occurrences.map(\.due) == ["2025-10-31", "2025-12-28", "2026-03-22", "2026-05-31"])
                let nsk = try await app.authorityID("novosibirsk")
                #expect(try await send(app, .POST, "/api/v1/roadmaps/import", token: t, json: #"{"authorityId": \#(nsk), "title": "x", "period": "2026", "text": "\#(table)"}"#).status == .notFound)
                let docx = try await get(app, "/api/v1/roadmaps/\(list[0].id)/export.docx", token: t)
                #expect(docx.status == .ok)
                #expect(Data(buffer: docx.body).starts(with: [0x50, 0x4B]))
            }
        }
    }
}

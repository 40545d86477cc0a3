import Fluent
import Foundation
import OporaCore
import OporaDocuments
import SQLKit
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    /// Students at risk and their ИОМ on the demo's Yurga results; the task-to-skill table;
    /// the imports API.
    @Suite struct StudentsAtRisk {
        @Test func aCuratorSeesItsSchoolsStudentsAtRiskAndDownloadsTheirRoutes() async throws {
            try await withOpora { app in
                let school14 = try await app.schoolID("МБОУ СОШ № 14")
                let school6 = try await app.schoolID("МБОУ СОШ № 6 г. Юрги")
                let b = Browser(app)
                try await b.login("yurga.curator")
                let page = try await b.get("/schools/\(school14)/students-at-risk")
                #expect(page.status == .ok)
                let html = page.body.string
                #expect(html.contains("ВПР 2025, Математика, 5 класс") || html.contains("ВПР 2025, Русский язык, 5 класс"))
                #expect(html.contains("ИОМ обучающегося"))
                #expect(html.contains("Что отработать (элемент содержания)"))
                // The demo's skill table names what the tasks check.
                #expect(html.contains("Обыкновенные дроби") || html.contains("Списывание текста: орфограммы и пунктограммы"))
                let xlsx = try await b.get("/schools/\(school14)/students-at-risk.xlsx?kind=vpr&subject=%D0%9C%D0%B0%D1%82%D0%B5%D0%BC%D0%B0%D1%82%D0%B8%D0%BA%D0%B0&grade=5&year=2025")
                #expect(xlsx.status == .ok)
                let rows = try XLSXReader.firstSheetRows(Data(buffer: xlsx.body))
                #expect(rows.first?.first?.contains("Индивидуальные образовательные маршруты: МБОУ СОШ № 14, ВПР 2025, Математика, 5 класс") == true)
                #expect(rows.count > 3)
                // A school not assigned to this curator is not reachable by URL.
                #expect(try await b.get("/schools/\(school6)/students-at-risk").status == .notFound)
                #expect(try await b.get("/schools/\(school6)/students-at-risk.xlsx?kind=vpr&subject=x&grade=5&year=2025").status == .notFound)
                let staff = Browser(app)
                try await staff.login("yurga.school14")
                #expect(try await staff.get("/schools/\(school14)/students-at-risk").status == .ok)
                #expect(try await staff.get("/schools/\(school6)/students-at-risk").status == .notFound)
            }
        }

        @Test func theTaskSkillTableIsEditedByTheCoordinatorAndAudited() async throws {
            try await withOpora { app in
                let yurga = try await app.authorityID("yurga")
                let url = "/authorities/\(yurga)/task-skills?kind=vpr&subject=%D0%9C%D0%B0%D1%82%D0%B5%D0%BC%D0%B0%D1%82%D0%B8%D0%BA%D0%B0&grade=5"
                let curator = Browser(app)
                try await curator.login("yurga.curator")
                try await curator.get("/")
                let refused = try await curator.post(url, ["skill-1": "x"])
                #expect(refused.status == .forbidden || refused.status == .notFound)
                let b = Browser(app)
                try await b.login("yurga")
                let page = try await b.get(url)
                #expect(page.body.string.contains("name=\"skill-15\""))
                #expect(try await b.post(url, ["skill-1": "Сравнение натуральных чисел", "skill-2": ""]).status == .seeOther)
                let skills = try await StudentsAtRiskService(db: app.db).skills(authorityID: yurga, kind: .vpr, subject: "Математика", grade: 5)
                #expect(skills == ["1": "Сравнение натуральных чисел"])
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "Изменена таблица «задание — проверяемый элемент»").count() == 1)
            }
        }

        @Test func importsThroughTheAPI() async throws {
            try await withOpora { app in
                let slav = try await app.authorityID("slavyansk")
                let user = try #require(try await User.query(on: app.db).filter(\.$login == "slavyansk").first())
                let token = try await TokenIssuer.issue(for: user, name: "test", on: app.db)
                var headers: HTTPHeaders = ["Authorization": "Bearer \(token)", "Content-Type": "text/csv"]
                let file = AppTests.Results.csv()
                try await app.testing().test(.POST, "/api/v1/results/imports?authority=\(slav)&fileName=vpr.csv", headers: headers, body: ByteBuffer(data: file)) { res in
                    #expect(res.status == .created)
                    let dto = try res.content.decode(ResultImportOutcomeDTO.self)
                    #expect(dto.participants == 4)
                    #expect(dto.imports.map(\.subject) == ["Математика"])
                }
                try await app.testing().test(.POST, "/api/v1/results/imports?authority=\(slav)&fileName=vpr.csv", headers: headers, body: ByteBuffer(data: file)) { res in
                    #expect(res.status == .ok)
                }
                let damaged = AppTests.Results.csv(extra: "edu230005;Славянский район;МБОУ СОШ № 5;10009;5А;1;1;5;0;6;5;5")
                try await app.testing().test(.POST, "/api/v1/results/imports?authority=\(slav)&fileName=d.csv", headers: headers, body: ByteBuffer(data: damaged)) { res in
                    #expect(res.status == .unprocessableEntity)
                    let dto = try res.content.decode(ImportProblemsDTO.self)
                    #expect(dto.problems.contains("Файл «d.csv», строка 8, столбец «2 (2б)»: балл 5 больше максимума задания (2)."))
                }
                headers.replaceOrAdd(name: .contentType, value: "application/json")
                try await app.testing().test(.GET, "/api/v1/results/imports?authority=\(slav)", headers: headers) { res in
                    #expect(res.status == .ok)
                    let list = try res.content.decode([ResultImportDTO].self)
                    #expect(list.map(\.fileName) == ["vpr.csv"])
                }
                let yurga = try await app.authorityID("yurga")
                try await app.testing().test(.GET, "/api/v1/results/imports?authority=\(yurga)", headers: headers) { res in
                    #expect(res.status == .notFound)
                }
            }
        }
    
        @Test func slicesFromStudentToRegion() async throws {
            try await withOpora { app in
                let school14 = try await app.schoolID("МБОУ СОШ № 14")
                let yurga = try await app.authorityID("yurga")
                let b = Browser(app)
                try await b.login("yurga.school14")
                let page = try await b.get("/schools/\(school14)/results?kind=vpr&subject=%D0%9C%D0%B0%D1%82%D0%B5%D0%BC%D0%B0%D1%82%D0%B8%D0%BA%D0%B0&grade=5&year=2025")
                #expect(page.status == .ok)
                let html = page.body.string
                #expect(html.contains("Параллель 5 классов"))
                #expect(html.contains("Класс 5А") && html.contains("Класс 5Б"))
                #expect(html.contains("Обучающиеся (по кодам)"))
                #expect(html.contains("<td>2514000</td>"))
                let coordinator = Browser(app)
                try await coordinator.login("yurga")
                let mathUrl = "/authorities/\(yurga)/results?kind=vpr&subject=%D0%9C%D0%B0%D1%82%D0%B5%D0%BC%D0%B0%D1%82%D0%B8%D0%BA%D0%B0&grade=5&year=2025"
                let results = try await coordinator.get(mathUrl)
                #expect(results.body.string.contains("«2» год назад"))
                // Yurga is its region's only municipality with results: no «Регион» to compare with,
                // which would only repeat its own figures.
                #expect(!results.body.string.contains("<td>Регион</td>"))
                let region = try #require(try await Authority.find(yurga, on: app.db)).$region.id
                let user = try #require(try await User.query(on: app.db).filter(\.$login == "yurga").first())
                let token = try await TokenIssuer.issue(for: user, name: "test", on: app.db)
                let headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
                let url = "/api/v1/results/summary?level=region&id=\(region)&year=2025&subject=%D0%9C%D0%B0%D1%82%D0%B5%D0%BC%D0%B0%D1%82%D0%B8%D0%BA%D0%B0&grade=5"
                #expect(try await app.testing().sendRequest(.GET, url, headers: headers).status == .notFound)
                // With one other municipality the region less Yurga would be that municipality's figures:
                // still nothing. From three municipalities up the region is a comparator, pages and API alike.
                let sql = try #require(app.db as? any SQLDatabase)
                for n in 1...2 {
                    let other = Authority(code: "kem\(n)", regionID: region, municipality: "Округ \(n)", name: "Управление образования \(n)", shortName: "УО \(n)")
                    try await other.create(on: app.db)
                    try await sql.raw("""
                        INSERT INTO result_imports (authority_id, kind, subject, grade, year, file_name, file_hash, tasks, max_primary, imported_by, participants, absent, total)
                        SELECT \(bind: try other.requireID()), kind, subject, grade, year, file_name, file_hash, tasks, max_primary, imported_by, participants, absent, total
                        FROM result_imports WHERE authority_id = \(bind: yurga)
                        """).run()
                    let shown = try await coordinator.get(mathUrl).body.string.contains("<td>Регион</td>")
                    #expect(shown == (n == 2))
                    let card = try await ResultsService(db: app.db).diagnosticCard(schoolID: school14, authorityID: yurga)
                    #expect(card.allSatisfy { ($0.regionTwos != nil) == (n == 2) })
                    // No region columns of dashes, nor the municipality again, without regional figures.
                    let page = try await coordinator.get("/schools/\(school14)/diagnostic-card").body.string
                    #expect(page.contains("Доля «2» по региону") == (n == 2))
                    #expect(page.contains("Сравнения с регионом нет") == (n != 2))
                    let api = try await app.testing().sendRequest(.GET, url, headers: headers)
                    #expect(api.status == (n == 2 ? .ok : .notFound))
                    if n == 2 {
                        let dto = try api.content.decode(ResultsSummaryDTO.self)
                        #expect(dto.total.name == "Регион")
                        // Its own municipality only, never the others'.
                        #expect(dto.schools.map(\.name) == ["Юргинский городской округ"])
                    }
                }
                let card = try await coordinator.get("/schools/\(school14)/diagnostic-card")
                #expect(card.body.string.contains("Доля «2» по региону"))
                let lines = try await ResultsService(db: app.db).diagnosticCard(schoolID: school14, authorityID: yurga)
                #expect(lines.count == 6)
                #expect(lines.allSatisfy { ($0.regionTwos ?? -1) >= 0 && $0.participants > 0 })
                let slav = try #require(try await Authority.query(on: app.db).filter(\.$code == "slavyansk").first()).$region.id
                #expect(slav != region)
                try await app.testing().test(.GET, "/api/v1/results/summary?level=region&id=\(slav)&year=2025&subject=x&grade=5", headers: headers) { res in
                    #expect(res.status == .notFound)
                }
            }
        }
}
}

import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    @Suite struct Constructor {
        @Test func schoolBuildsItsRoadmapFromItsProfile() async throws {
            try await withOpora { app in
                let s14 = try await app.schoolID("МБОУ СОШ № 14")
                let head = Browser(app)
                try await head.login("yurga.school14")
                let empty = try await head.get("/schools/\(s14)/constructor")
                #expect(empty.body.string.contains("Сначала проведите самодиагностику"))
                var answers: [String: String] = [:]
                for q in try await RiskQuestion.query(on: app.db).with(\.$factor).all() {
                    answers["q\(try q.requireID())"] = ["motivation", "failureRisk"].contains(q.factor.code) ? "2" : "0"
                }
                try await head.get("/schools/\(s14)/self-assessment?year=2025")
                try await head.post("/schools/\(s14)/self-assessment?year=2025", answers)
                let form = try await head.get("/schools/\(s14)/constructor")
                #expect(form.body.string.contains("Рисковый профиль 2025 года"))
                #expect(try await head.post("/schools/\(s14)/constructor", ["period": "2025-2026", "factors[0]": "parentInvolvement"]).status == .unprocessableEntity)
                let built = try await head.post("/schools/\(s14)/constructor", ["period": "2025-2026", "factors[0]": "motivation", "factors[1]": "failureRisk"])
                let path = try #require(built.headers.first(name: .location))
                let rid = try #require(Int(path.split(separator: "/").last ?? ""))
                let roadmap = try #require(try await Roadmap.find(rid, on: app.db))
                #expect(roadmap.$school.id == s14)
                #expect(roadmap.status == .draft)
                let sections = try await RoadmapSection.query(on: app.db).filter(\.$roadmap.$id == rid).sort(\.$position).all().compactMap(\.title)
                #expect(sections.count == 3)
                #expect(sections[1].hasPrefix("II. Антирисковая программа: низкая учебная мотивация обучающихся"))
                let page = try await head.get(path)
                #expect(page.status == .ok)
                #expect(page.body.string.contains("Организация внеурочной деятельности"))
                // The school head may edit its draft.
                #expect(page.body.string.contains("Добавить мероприятие"))
                // Another school's constructor is out of reach.
                #expect(try await head.get("/schools/\(try await app.schoolID("МБОУ СОШ № 1"))/constructor").status == .notFound)
                let school = try await app.schoolID("МБОУ СОШ № 1")
                #expect(try await head.post("/schools/\(school)/constructor", ["period": "2025-2026", "factors[0]": "motivation"]).status == .notFound)
            }
        }

        @Test func authorityExtendsTheLibrary() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let yurga = try await app.authorityID("yurga")
                let page = try await b.get("/authorities/\(yurga)/templates")
                #expect(page.body.string.contains("Собеседование с руководителями ШНОР по согласованию дорожных карт"))
                #expect(try await b.post("/authorities/\(yurga)/templates", ["text": "Клуб юных математиков", "form": "кружок", "deadline": "сентябрь", "result": "программа клуба", "level": "school", "factors[0]": "motivation"]).status == .seeOther)
                #expect(try await MeasureTemplateRecord.query(on: app.db).filter(\.$authority.$id == yurga).count() == 1)
                #expect(try await b.post("/authorities/\(yurga)/templates", ["text": "X", "form": "Y", "deadline": "май", "result": "Z", "level": "school", "factors[0]": "nonsense"]).status == .badRequest)
                let methodist = Browser(app)
                try await methodist.login("yurga.methodist")
                try await methodist.get("/authorities/\(yurga)/templates")
                #expect(try await methodist.post("/authorities/\(yurga)/templates", ["text": "X", "form": "Y", "deadline": "май", "result": "Z", "level": "school"]).status == .forbidden)
            }
        }
    }
}

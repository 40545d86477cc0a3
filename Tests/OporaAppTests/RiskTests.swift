import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    @Suite struct Risks {
        /// The four statements of the 004 report, from the demo's self-assessment answers.
        @Test func slavyanskSummaryComesFromSelfAssessments() async throws {
            try await withOpora { app in
                let slav = try await app.authorityID("slavyansk")
                #expect(try await SelfAssessmentAnswer.query(on: app.db).count() > 17 * 20)
                let (summary, _, rows) = try await RiskService(db: app.db).summary(authorityID: slav, year: 2020)
                #expect(rows.count == 17)
                #expect(summary.statements == [
                    "в 14 ОУ (школы № 7, 8, 10, 16, 19, 20, 22, 23, 43, 48, 50, 51, 52, 56) фактором риска со средней или высокой значимостью является низкая учебная мотивация обучающихся",
                    "в 11 ОУ – недостаточная предметная и методическая компетентность педагогических работников (школы № 7, 8, 10, 19, 21, 22, 23, 43, 51, 52, 56)",
                    "в 7 школах № 5, 8, 20, 21, 23, 48, 51 – высокая доля обучающихся с рисками учебной неуспешности",
                    "Большой процент ШНОР, в которых рисками являются низкий уровень оснащения школы и/или дефицит педагогических работников (ОУ № 8, 10, 19, 20, 21, 22, 50, 51, 56)",
                ])
                let b = Browser(app)
                try await b.login("slavyansk")
                let page = try await b.get("/authorities/\(slav)/risk-summary?year=2020")
                #expect(page.status == .ok)
                #expect(page.body.string.contains("в 7 школах № 5, 8, 20, 21, 23, 48, 51 – высокая доля обучающихся с рисками учебной неуспешности"))
                #expect(page.body.string.contains("<svg"))
            }
        }

        @Test func selfAssessmentByTheSchoolAndCorrectionByTheCurator() async throws {
            try await withOpora { app in
                let s14 = try await app.schoolID("МБОУ СОШ № 14")
                let head = Browser(app)
                try await head.login("yurga.school14")
                let form = try await head.get("/schools/\(s14)/self-assessment?year=2025")
                #expect(form.status == .ok)
                #expect(form.body.string.contains("Низкая учебная мотивация обучающихся"))
                let questions = try await RiskQuestion.query(on: app.db).with(\.$factor).all()
                var answers: [String: String] = [:]
                for q in questions { answers["q\(try q.requireID())"] = q.factor.code == "motivation" ? "3" : "0" }
                #expect(try await head.post("/schools/\(s14)/self-assessment?year=2025", answers).status == .seeOther)
                let motivation = try #require(try await RiskFactor.query(on: app.db).filter(\.$code == "motivation").first())
                let entry = try #require(try await RiskProfileEntry.query(on: app.db).filter(\.$school.$id == s14).filter(\.$year == 2025).filter(\.$factor.$id == motivation.requireID()).first())
                #expect(entry.computed == .high)
                #expect(entry.score == 1)
                let profile = try await head.get("/schools/\(s14)/risks?year=2025")
                #expect(profile.body.string.contains("высокая"))
                // The head cannot correct, nor see another school's profile.
                #expect(try await head.post("/schools/\(s14)/risks/override", ["factorID": "\(try motivation.requireID())", "year": "2025", "significance": "1", "justification": "x"]).status == .forbidden)
                #expect(try await head.get("/schools/\(try await app.schoolID("МБОУ СОШ № 1"))/risks").status == .notFound)
                #expect(try await head.get("/schools/\(try await app.schoolID("МБОУ СОШ № 1"))/self-assessment").status == .notFound)
                let curator = Browser(app)
                try await curator.login("yurga.curator")
                try await curator.get("/schools/\(s14)/risks?year=2025")
                #expect(try await curator.post("/schools/\(s14)/risks/override", ["factorID": "\(try motivation.requireID())", "year": "2025", "significance": "2"]).status == .badRequest)
                #expect(try await curator.post("/schools/\(s14)/risks/override", ["factorID": "\(try motivation.requireID())", "year": "2025", "significance": "2", "justification": "по итогам посещения уроков"]).status == .seeOther)
                let corrected = try #require(try await RiskProfileEntry.find(entry.id, on: app.db))
                #expect(corrected.computed == .high)
                #expect(corrected.override == .medium)
                #expect(corrected.significance == .medium)
                #expect(corrected.justification == "по итогам посещения уроков")
                // Saving the self-assessment again keeps the correction.
                #expect(try await head.post("/schools/\(s14)/self-assessment?year=2025", answers).status == .seeOther)
                #expect(try await RiskProfileEntry.find(entry.id, on: app.db)?.override == .medium)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "Корректировка рискового фактора").count() == 1)
            }
        }

        @Test func riskAPI() async throws {
            try await withOpora { app in
                let user = try #require(try await User.query(on: app.db).filter(\.$login == "slavyansk").first())
                let token = try await TokenIssuer.issue(for: user, name: "t", on: app.db)
                var headers: HTTPHeaders = [:]
                headers.bearerAuthorization = BearerAuthorization(token: token)
                let slav = try await app.authorityID("slavyansk")
                let res = try await app.testing().sendRequest(.GET, "/api/v1/authorities/\(slav)/risk-summary?year=2020", headers: headers)
                let dto = try JSONDecoder().decode(RiskSummaryDTO.self, from: Data(buffer: res.body))
                #expect(dto.lines.first?.schoolNumbers.count == 14)
                let s8 = try await app.schoolID("МБОУ ООШ № 8")
                let profiles = try JSONDecoder().decode([RiskProfileEntryDTO].self, from: Data(buffer: try await app.testing().sendRequest(.GET, "/api/v1/schools/\(s8)/risk-profiles", headers: headers).body))
                #expect(profiles.count == 10)
                #expect(profiles.filter { $0.significance != "низкая" }.map(\.factorCode).sorted() == ["equipment", "failureRisk", "motivation", "staffShortage", "teacherCompetence"])
                let yurgaSchool = try await app.schoolID("МБОУ СОШ № 14")
                #expect(try await app.testing().sendRequest(.GET, "/api/v1/schools/\(yurgaSchool)/risk-profiles", headers: headers).status == .notFound)
            }
        }
    
        @Test func groupsOfSimilarProfilesWithSupportMeasures() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("slavyansk")
                let slav = try await app.authorityID("slavyansk")
                let page = try await b.get("/authorities/\(slav)/risk-summary?year=2020")
                #expect(page.body.string.contains("Группы школ со сходными профилями"))
                #expect(page.body.string.contains("Комплекс мер поддержки"))
                #expect(try await b.post("/authorities/\(slav)/risk-groups?year=2020").status == .seeOther)
                let groups = try await RiskGroup.query(on: app.db).filter(\.$authority.$id == slav).all()
                #expect(!groups.isEmpty)
                // Every school with a significant factor is in exactly one group.
                let schools = groups.flatMap(\.schools)
                #expect(schools.count == Set(schools).count)
                #expect(schools.count == 16)
                #expect(groups.allSatisfy { !$0.measures.isEmpty })
                let first = try #require(groups.first)
                #expect(try await b.post("/risk-groups/\(try first.requireID())/name", ["name": "Мотивация и кадры"]).status == .seeOther)
                #expect(try await b.get("/authorities/\(slav)/risk-summary?year=2020").body.string.contains("Мотивация и кадры"))
                let other = Browser(app)
                try await other.login("yurga")
                #expect(try await other.post("/risk-groups/\(try first.requireID())/name", ["name": "x"]).status == .notFound)
            }
        }
    }
}

extension AppTests.Risks {
    @Test func theRegionEditsTheCatalogueAndNobodyElse() async throws {
        try await withOpora { app in
            let motivation = try #require(try await RiskFactor.query(on: app.db).filter(\.$code == "motivation").first())
            let fid = try motivation.requireID()
            let question = try #require(try await RiskQuestion.query(on: app.db).filter(\.$factor.$id == fid).sort(\.$position).first())
            let region = Browser(app)
            try await region.login("region")
            let page = try await region.get("/risk-factors")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Добавить утверждение"))
            #expect(try await region.post("/risk-factors/\(fid)/questions", ["text": "Обучающиеся не участвуют в олимпиадах и конкурсах", "respondent": "teachers", "weight": "1"]).status == .seeOther)
            #expect(try await RiskQuestion.query(on: app.db).filter(\.$factor.$id == fid).count() == 4)
            #expect(try await region.post("/risk-questions/\(try question.requireID())", ["text": question.text, "respondent": "teachers", "weight": "0"]).status == .seeOther)
            #expect(try await RiskQuestion.find(question.id, on: app.db)?.weight == 0)
            #expect(try await region.post("/risk-factors/\(fid)", ["title": motivation.title, "reportPhrase": "низкая учебная мотивация обучающихся", "summaryGroup": ""]).status == .seeOther)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "Добавлено утверждение анкеты").count() == 1)
            for login in ["yurga", "observer", "yurga.school14"] {
                let b = Browser(app)
                try await b.login(login)
                let read = try await b.get("/risk-factors")
                #expect(read.status == .ok, "\(login) reads the catalogue")
                #expect(!read.body.string.contains("Добавить утверждение"))
                #expect(try await b.post("/risk-factors/\(fid)/questions", ["text": "x", "respondent": "head", "weight": "1"]).status == .forbidden, "\(login)")
            }
            // The region changes no municipality's data.
            let yurga = try await app.authorityID("yurga")
            #expect(try await region.post("/authorities/\(yurga)/lists", ["year": "2026", "status": "lowResults"]).status == .forbidden)
        }
    }
}

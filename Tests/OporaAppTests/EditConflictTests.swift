import Fluent
import Foundation
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    /// Two people with the same form open: the later save is refused with what the record holds
    /// now, instead of silently reverting the earlier one.
    @Suite struct EditConflicts {
        static func stamp(in html: String, after marker: String) throws -> String {
            let start = try #require(html.range(of: marker))
            let rest = html[start.upperBound...]
            let field = try #require(rest.range(of: #"name="_stamp" value=""#))
            return String(rest[field.upperBound...].prefix { $0 != "\"" })
        }

        @Test func theLaterSaveOfAListEntryIsRefusedWithTheCurrentValue() async throws {
            try await withOpora { app in
                let yurga = try await app.authorityID("yurga")
                let entry = try #require(try await ListEntry.query(on: app.db).join(SchoolList.self, on: \ListEntry.$list.$id == \SchoolList.$id)
                    .filter(SchoolList.self, \.$authority.$id == yurga).first())
                let year = try #require(try await SchoolList.find(entry.$list.id, on: app.db)).year
                let eid = try entry.requireID()
                let first = Browser(app), second = Browser(app)
                try await first.login("yurga")
                try await second.login("yurga")
                let page = try await first.get("/authorities/\(yurga)/lists?year=\(year)").body.string
                let stamp = try Self.stamp(in: page, after: "/entries/\(eid)/edit")
                _ = try await second.get("/authorities/\(yurga)/lists?year=\(year)")
                #expect(try await first.post("/entries/\(eid)/edit", ["basis": "ВПР 2024 (первый)", "_stamp": stamp]).status == .seeOther)
                let late = try await second.post("/entries/\(eid)/edit", ["basis": "ЕГЭ (второй)", "_stamp": stamp])
                #expect(late.status == .conflict)
                #expect(late.body.string.contains("Запись изменил другой пользователь"))
                #expect(late.body.string.contains("ВПР 2024 (первый)"))
                #expect(try await ListEntry.find(eid, on: app.db)?.basis == "ВПР 2024 (первый)")
                // With the stamp of what it holds now, the save goes through.
                let fresh = try Self.stamp(in: try await second.get("/authorities/\(yurga)/lists?year=\(year)").body.string, after: "/entries/\(eid)/edit")
                #expect(try await second.post("/entries/\(eid)/edit", ["basis": "ЕГЭ (второй)", "_stamp": fresh]).status == .seeOther)
            }
        }

        @Test func theClassificationRuleIsNotRevertedByAStaleForm() async throws {
            try await withOpora { app in
                let yurga = try await app.authorityID("yurga")
                let first = Browser(app), second = Browser(app)
                try await first.login("yurga")
                try await second.login("yurga")
                let stamp = try Self.stamp(in: try await first.get("/authorities/\(yurga)/dynamics").body.string, after: "/authorities/\(yurga)/settings")
                _ = try await second.get("/authorities/\(yurga)/dynamics")
                #expect(try await first.post("/authorities/\(yurga)/settings", ["windowYears": "4", "chronicMinTimes": "3", "_stamp": stamp]).status == .seeOther)
                let late = try await second.post("/authorities/\(yurga)/settings", ["windowYears": "6", "chronicMinTimes": "2", "_stamp": stamp])
                #expect(late.status == .conflict)
                #expect(late.body.string.contains("окно 4, порог 3"))
                #expect(try await Authority.find(yurga, on: app.db)?.chronicWindowYears == 4)
            }
        }

        @Test func aCuratorsCorrectionIsNotRevertedByAStaleForm() async throws {
            try await withOpora { app in
                let school = try await app.schoolID("МБОУ СОШ № 14")
                let head = Browser(app)
                try await head.login("yurga.school14")
                var answers: [String: String] = [:]
                for q in try await RiskQuestion.query(on: app.db).all() { answers["q\(try q.requireID())"] = "2" }
                #expect(try await head.post("/schools/\(school)/self-assessment?year=2025", answers).status == .seeOther)
                let first = Browser(app), second = Browser(app)
                try await first.login("yurga")
                try await second.login("yurga")
                let page = try await first.get("/schools/\(school)/risks?year=2025").body.string
                let stamp = try Self.stamp(in: page, after: "/schools/\(school)/risks/override")
                let factor = try #require(page.range(of: #"name="factorID" value=""#).map { String(page[$0.upperBound...].prefix { $0 != "\"" }) })
                let year = try #require(page.range(of: #"name="year" value=""#).map { String(page[$0.upperBound...].prefix { $0 != "\"" }) })
                let form = ["factorID": factor, "year": year, "significance": "3", "justification": "Первый куратор", "_stamp": stamp]
                #expect(try await first.post("/schools/\(school)/risks/override", form).status == .seeOther)
                var stale = form
                stale["justification"] = "Второй куратор"
                let late = try await second.post("/schools/\(school)/risks/override", stale)
                #expect(late.status == .conflict)
                #expect(late.body.string.contains("Первый куратор"))
            }
        }

        @Test func twoReportsOnTheSameOccurrenceDoNotOverwriteEachOther() async throws {
            try await withOpora { app in
                let yurga = try await app.authorityID("yurga")
                let roadmap = try #require(try await Roadmap.query(on: app.db).filter(\.$authority.$id == yurga).filter(\.$school.$id == nil).first())
                let measure = try #require(try await Measure.query(on: app.db).filter(\.$roadmap.$id == roadmap.requireID()).sort(\.$id).first())
                let mid = try measure.requireID()
                let b = Browser(app)
                try await b.login("yurga")
                let page = try await b.get("/measures/\(mid)").body.string
                let form = try #require(page.range(of: "/measures/\(mid)/progress"))
                let rest = page[form.upperBound...]
                let dueStart = try #require(rest.range(of: #"name="due" value=""#))
                let due = String(rest[dueStart.upperBound...].prefix { $0 != "\"" })
                let stamp = try Self.stamp(in: page, after: "/measures/\(mid)/progress")
                #expect(try await b.post("/measures/\(mid)/progress", ["due": due, "status": "inProgress", "report": "Первый отчёт", "_stamp": stamp]).status == .seeOther)
                let late = try await b.post("/measures/\(mid)/progress", ["due": due, "status": "done", "report": "Второй отчёт", "_stamp": stamp])
                #expect(late.status == .conflict && late.body.string.contains("Первый отчёт"))
                #expect(try await MeasureProgress.query(on: app.db).filter(\.$measure.$id == mid).filter(\.$due == due).first()?.report == "Первый отчёт")
            }
        }

        @Test func anAccountEditedMeanwhileIsNotOverwritten() async throws {
            try await withOpora { app in
                let methodist = try #require(try await User.query(on: app.db).filter(\.$login == "yurga.methodist").first())
                let uid = try methodist.requireID()
                let b = Browser(app)
                try await b.login("yurga")
                let stamp = try Self.stamp(in: try await b.get("/users/\(uid)").body.string, after: "Изменить")
                // Someone else renames the position in between; signing in alone would not count.
                methodist.position = "Главный специалист"
                try await methodist.save(on: app.db)
                let late = try await b.post("/users/\(uid)", ["fullName": methodist.fullName, "position": "Методист", "_stamp": stamp])
                #expect(late.status == .conflict && late.body.string.contains("Главный специалист"))
                #expect(try await User.find(uid, on: app.db)?.position == "Главный специалист")
            }
        }

        @Test func theLaterSaveOfAMeasureIsRefused() async throws {
            try await withOpora { app in
                let yurga = try await app.authorityID("yurga")
                let roadmap = try #require(try await Roadmap.query(on: app.db).filter(\.$authority.$id == yurga).first())
                roadmap.status = .draft
                try await roadmap.save(on: app.db)
                let measure = try #require(try await Measure.query(on: app.db).filter(\.$roadmap.$id == roadmap.requireID()).first())
                let mid = try measure.requireID()
                let b = Browser(app)
                try await b.login("yurga")
                let stamp = try Self.stamp(in: try await b.get("/measures/\(mid)").body.string, after: "/measures/\(mid)/edit")
                let fields = ["number": measure.number, "name": measure.name, "deadline": measure.deadlineText, "responsible": measure.responsible]
                #expect(try await b.post("/measures/\(mid)/edit", fields.merging(["name": "Первая правка", "_stamp": stamp]) { _, b in b }).status == .seeOther)
                let late = try await b.post("/measures/\(mid)/edit", fields.merging(["name": "Вторая правка", "_stamp": stamp]) { _, b in b })
                #expect(late.status == .conflict && late.body.string.contains("Первая правка"))
                #expect(try await Measure.find(mid, on: app.db)?.name == "Первая правка")
            }
        }
    }
}

import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    /// Start pages that say what to do now: the season's steps with their state and a link,
    /// notices of what waits for the reader's answer, deadlines counted before they are listed.
    @Suite struct StartPages {
        static func approveList(_ app: Application, authority: Int, year: Int, schools: [Int]) async throws {
            let list = SchoolList(authorityID: authority, year: year, status: .lowResults)
            try await list.save(on: app.db)
            for s in schools { try await ListEntry(listID: try list.requireID(), schoolID: s, basis: "ВПР").save(on: app.db) }
        }

        static func report(_ app: Application, measure: Int, review: ReviewState, comment: String? = nil) async throws {
            let p = MeasureProgress(measureID: measure, due: "2025-03-31")
            p.status = .done
            p.report = "Проведено"
            p.review = review
            p.reviewComment = comment
            p.updatedBy = "Иванова И.И."
            try await p.save(on: app.db)
        }

        @Test func theReviewerSeesWhatWaitsForAnAnswer() async throws {
            try await withOpora { app in
                let yurga = try await app.authorityID("yurga")
                let coordinator = Browser(app)
                try await coordinator.login("yurga")
                let rid = try await Review().schoolRoadmap(app, coordinator)
                let head = Browser(app)
                try await head.login("yurga.school14")
                try await head.get("/roadmaps/\(rid)")
                #expect(try await head.post("/roadmaps/\(rid)/submit").status == .seeOther)
                let municipal = try #require(try await Roadmap.query(on: app.db).filter(\.$authority.$id == yurga).filter(\.$school.$id == nil)
                    .filter(\.$status ~~ [.approved, .inProgress]).first())
                let measure = try #require(try await Measure.query(on: app.db).filter(\.$roadmap.$id == municipal.requireID()).sort(\.$position).first())
                let mid = try measure.requireID()
                try await Self.report(app, measure: mid, review: .pending)

                let page = try await coordinator.get("/").body.string
                #expect(page.contains("Требует ответа"))
                #expect(page.contains("Школьные дорожные карты на согласовании: 1"))
                #expect(page.contains("href=\"/roadmaps/\(rid)#review\""))
                #expect(page.contains("Отчёты об исполнении ждут проверки: 1"))
                #expect(page.contains("href=\"/measures/\(mid)\""))
                // The season's steps, each with its page.
                let year = Season.listYear(on: ExecutionService.today())
                #expect(page.contains("Ход года: что сделать сейчас"))
                #expect(page.contains("Список ШНОР на \(year) год"))
                #expect(page.contains("Мониторинг за квартал"))
                #expect(page.contains("Годовой отчёт за \(Season.reportSchoolYear(on: ExecutionService.today()))/"))
                // Counts come before the rows, and a roadmap's long title is written once per group.
                let counts = try #require(page.range(of: "По ответственным"))
                let firstRow = try #require(page.range(of: "class=\"tag chronic\">просрочено"))
                #expect(counts.lowerBound < firstRow.lowerBound)
                // The flat list wrote it on each of its many overdue rows; now only as the tooltips
                // of the roadmap's heading and of its line in the per-roadmap counts.
                let overdueRows = page.components(separatedBy: "class=\"tag chronic\">просрочено").count - 1
                #expect(overdueRows > 2)
                #expect(page.components(separatedBy: municipal.title).count - 1 <= 2)

                // The curator reviews the same roadmap; the school does not review its own.
                let curator = Browser(app)
                try await curator.login("yurga.curator")
                #expect(try await curator.get("/").body.string.contains("Школьные дорожные карты на согласовании: 1"))
                let headPage = try await head.get("/").body.string
                #expect(headPage.contains("на согласовании: ") == false)
                // A municipal roadmap is not theirs to open: nothing of it on their start pages.
                let mrid = try municipal.requireID()
                #expect(!headPage.contains("href=\"/roadmaps/\(mrid)\""))
                #expect(!(try await curator.get("/").body.string.contains("href=\"/roadmaps/\(mrid)\"")))
                // Nothing on the curator's page leads to a municipal page it may not open.
                #expect(try await curator.get("/").body.string.contains("/authorities/\(yurga)/") == false)
            }
        }

        @Test func theSchoolIsLedToItsSelfAssessmentAndReturnedReports() async throws {
            try await withOpora { app in
                let yurga = try await app.authorityID("yurga")
                let s14 = try await app.schoolID("МБОУ СОШ № 14")
                let year = Season.listYear(on: ExecutionService.today())
                try await Self.approveList(app, authority: yurga, year: year, schools: [s14])
                let head = Browser(app)
                try await head.login("yurga.school14")
                var page = try await head.get("/").body.string
                #expect(page.contains("Самодиагностика факторов риска \(year) года"))
                #expect(page.contains("анкета не заполнена"))
                #expect(page.contains("href=\"/schools/\(s14)/self-assessment?year=\(year)\""))
                #expect(page.contains("href=\"/schools/\(s14)/constructor\""))

                let assessment = SelfAssessment()
                assessment.$school.id = s14
                assessment.year = year
                assessment.updatedBy = "yurga.school14"
                try await assessment.save(on: app.db)
                page = try await head.get("/").body.string
                #expect(page.contains("анкета заполнена"))
                let coordinator = Browser(app)
                try await coordinator.login("yurga")
                #expect(try await coordinator.get("/").body.string.contains("заполнили 1 из 1 школы"))

                // A roadmap returned for revision is the school's work again, not «выполнено».
                let rid = try await Review().schoolRoadmap(app, coordinator)
                let roadmap = try #require(try await Roadmap.find(rid, on: app.db))
                roadmap.reviewStage = .changesRequested
                (roadmap.periodStart, roadmap.periodEnd) = ("\(year)-01-01", "\(year)-12-31")   // the list year's roadmap
                try await roadmap.save(on: app.db)
                page = try await head.get("/").body.string
                #expect(page.contains("куратор вернул на доработку"))
                #expect(!page.contains("выполнено</span></td><td>куратор вернул на доработку"))
                #expect(page.contains("Доработать"))
                // A report on the school's running roadmap returned with a remark.
                roadmap.status = .approved
                try await roadmap.save(on: app.db)
                let measure = try #require(try await Measure.query(on: app.db).filter(\.$roadmap.$id == rid).first())
                try await Self.report(app, measure: try measure.requireID(), review: .returned, comment: "Приложите протокол")
                page = try await head.get("/").body.string
                #expect(page.contains("Отчёты возвращены на доработку: 1"))
                #expect(page.contains("Приложите протокол"))
            }
        }

        @Test func pagesOpenOnTheLatestYearWithDataAndSaySo() async throws {
            try await withOpora { app in
                let yurga = try await app.authorityID("yurga")
                let coordinator = Browser(app)
                try await coordinator.login("yurga")
                let latest = try await ListQueries(db: app.db).years(authorityID: yurga).last
                let working = Season.listYear(on: ExecutionService.today())
                let lists = try await coordinator.get("/authorities/\(yurga)/lists").body.string
                #expect(latest != working)
                #expect(lists.contains("Показан \(latest ?? 0) год — последний, за который есть данные"))
                #expect(try await coordinator.get("/authorities/\(yurga)/lists?year=\(latest ?? 0)").body.string.contains("последний, за который есть данные") == false)
                #expect(try await coordinator.get("/").body.string.contains("Списки показаны за \(latest ?? 0) год"))
                // Slavyansk's support work ended in 2021: its page opens on that school year.
                let slavyansk = Browser(app)
                try await slavyansk.login("slavyansk")
                let support = try await slavyansk.get("/authorities/\(try await app.authorityID("slavyansk"))/support").body.string
                #expect(support.contains("Показан 2020/2021 учебный год — последний, за который есть данные"))
                let training = try await slavyansk.get("/authorities/\(try await app.authorityID("slavyansk"))/teachers-training").body.string
                #expect(training.contains("учебный год — последний, за который есть данные"))
                #expect(training.contains("<tbody><tr>"))   // the teachers of that year are listed
            }
        }
    }
}

import Fluent
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    /// What every page shares: the menu marks where the user is; forms group their answers.
    @Suite struct PageLayout {
        /// How a deadline was read is shown to whoever edits the roadmap, not to its readers
        /// nor on the public page.
        @Test func theDeadlineReadingIsForEditorsOnly() async throws {
            try await withOpora { app in
                let yurga = try await app.authorityID("yurga")
                let roadmap = try #require(try await Roadmap.query(on: app.db).filter(\.$authority.$id == yurga).filter(\.$school.$id == nil)
                    .filter(\.$status ~~ [.approved, .inProgress]).first())
                let rid = try roadmap.requireID()
                let coordinator = Browser(app)
                try await coordinator.login("yurga")
                #expect(try await coordinator.get("/roadmaps/\(rid)").body.string.contains(" → "))
                let observer = Browser(app)
                try await observer.login("observer")
                let read = try await observer.get("/roadmaps/\(rid)").body.string
                #expect(read.contains("Мониторинг реализации мероприятий дорожной карты"))
                #expect(!read.contains(" → "))
                let token = try #require(roadmap.publicToken)
                let published = try await Browser(app).get("/public/roadmaps/\(token)").body.string
                #expect(published.contains("Мониторинг реализации мероприятий дорожной карты"))
                #expect(!published.contains(" → "))
            }
        }

        @Test func theMenuMarksTheCurrentPage() async throws {
            try await withOpora { app in
                let yurga = try await app.authorityID("yurga")
                let b = Browser(app)
                try await b.login("yurga")
                let page = try await b.get("/authorities/\(yurga)/lists").body.string
                #expect(page.contains(#"<a href="/authorities/\#(yurga)/lists" class="current" aria-current="page">Списки</a>"#))
                #expect(page.components(separatedBy: #"aria-current="page""#).count == 2)
                #expect(!(try await b.get("/authorities/\(yurga)/support").body.string.contains(#"aria-current="page">Списки"#)))
            }
        }

        @Test func eachSelfAssessmentQuestionIsAFieldsetWithItsStatementAsLegend() async throws {
            try await withOpora { app in
                let school = try await app.schoolID("МБОУ СОШ № 14")
                let head = Browser(app)
                try await head.login("yurga.school14")
                let form = try await head.get("/schools/\(school)/self-assessment?year=2025").body.string
                let questions = try await RiskQuestion.query(on: app.db).filter(\.$weight > 0).count()
                #expect(form.components(separatedBy: #"<fieldset class="question"><legend>"#).count - 1 >= questions)
            }
        }

        /// Charts carry their scale, values and a legend in shapes and letters, not colour alone.
        @Test func chartsHaveAxesValuesAndLegends() async throws {
            try await withOpora { app in
                let slav = try await app.authorityID("slavyansk")
                let b = Browser(app)
                try await b.login("slavyansk")
                let heat = try await b.get("/authorities/\(slav)/risk-summary?year=2020").body.string
                #expect(heat.contains("высокая значимость"))
                #expect(heat.contains(">В</text>"))
                #expect(heat.contains(">1. "))
                let yurga = Browser(app)
                try await yurga.login("yurga")
                let card = try await yurga.get("/schools/\(try await app.schoolID("МБОУ СОШ № 14"))/diagnostic-card").body.string
                #expect(card.contains("<svg"))
                #expect(card.contains(">0 %</text>"))
                #expect(card.contains(">муниципалитет</text>"))
                let svg = HistogramSVG.render([0, 2, 5, 9, 4, 1], boundaries: [2, 4], peaks: [3])
                #expect(svg.contains(">первичный балл</text>") && svg.contains(">участников</text>"))
                #expect(svg.contains(">9</text>") && svg.contains("граница отметки") && svg.contains("url(#peak)"))
                #expect(svg.contains("«3» от 2"))
            }
        }
    }
}

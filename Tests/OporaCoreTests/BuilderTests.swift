import Testing
@testable import OporaCore

@Suite struct BuilderTests {
    let period = RoadmapPeriod.schoolYear(starting: 2025)

    @Test func everyTemplateDeadlineIsReadInThePeriod() {
        for t in MeasureLibrary.templates {
            let placed = DeadlinePlacement.place(t.deadline, in: period)
            #expect(!Deadline(parsing: placed).needsReview, "\(t.code): «\(placed)»")
        }
        #expect(DeadlinePlacement.place("до 1 марта", in: period) == "до 1 марта 2026 г.")
        #expect(DeadlinePlacement.place("сентябрь", in: period) == "сентябрь 2025 г.")
        #expect(DeadlinePlacement.place("январь – февраль", in: period) == "январь – февраль 2026 г.")
        #expect(DeadlinePlacement.place("ежеквартально", in: period) == "ежеквартально")
    }

    @Test func templatesCoverEveryFactor() {
        let covered = Set(MeasureLibrary.templates.flatMap(\.factors))
        #expect(covered.isSuperset(of: Set(RiskCatalogue.factors.map(\.code))))
    }

    @Test func builderMakesOneProgrammePerChosenFactor() throws {
        let draft = try RoadmapBuilder.build(choices: [
            .init(code: "motivation", title: "Низкая учебная мотивация обучающихся", significance: .high),
            .init(code: "teacherCompetence", title: "Недостаточная предметная и методическая компетентность педагогических работников", significance: .medium),
        ], templates: MeasureLibrary.templates, period: period)
        let sections = draft.levels[0].sections
        #expect(sections.count == 3)
        #expect(sections[1].title == "II. Антирисковая программа: низкая учебная мотивация обучающихся (значимость высокая)")
        #expect(sections[1].measures.map(\.name).contains("Организация внеурочной деятельности и проектной работы с учётом интересов обучающихся"))
        #expect(sections[2].measures.first?.number == "3.1.")
        #expect(sections[0].measures.first?.deadline.text == "до 1 марта 2026 г.")
        #expect(draft.measures.allSatisfy { !$0.deadline.needsReview })
        #expect(draft.tasks.count == 2)
    }

    @Test func builderRefusesWrongChoices() {
        let low = RoadmapBuilder.Choice(code: "parentInvolvement", title: "Низкий уровень вовлечённости родителей", significance: .low)
        let high = RoadmapBuilder.Choice(code: "motivation", title: "Низкая учебная мотивация обучающихся", significance: .high)
        #expect(throws: RoadmapBuilder.Problem.notSignificant("Низкий уровень вовлечённости родителей")) { try RoadmapBuilder.build(choices: [low], templates: MeasureLibrary.templates, period: period) }
        #expect(throws: RoadmapBuilder.Problem.tooMany) { try RoadmapBuilder.build(choices: [high, high, high, high], templates: MeasureLibrary.templates, period: period) }
        #expect(throws: RoadmapBuilder.Problem.none) { try RoadmapBuilder.build(choices: [], templates: MeasureLibrary.templates, period: period) }
    }
}

import Testing
@testable import OporaCore

@Suite struct RiskTests {
    @Test func significanceRule() {
        let rule = SignificanceRule.default
        typealias A = SignificanceRule.Answer
        #expect(rule.score([]) == nil)
        // Weighted mean of per-question means: (2 × ⅔ + 1 × 0) / 3.
        let s = rule.score([A(question: 1, weight: 2, value: 2), A(question: 2, weight: 1, value: 0)])!
        #expect(abs(s - 4.0 / 9) < 1e-9)
        #expect(rule.significance(s) == .medium)
        #expect(rule.significance(rule.score([A(question: 1, weight: 1, value: 2), A(question: 2, weight: 1, value: 2)])!) == .high)
        #expect(rule.significance(rule.score([A(question: 1, weight: 1, value: 1)])!) == .medium)
        #expect(rule.significance(rule.score([A(question: 1, weight: 1, value: 0), A(question: 1, weight: 1, value: 1)])!) == .low)
    }

    @Test func catalogueHasTheTenFactorsOf500Plus() {
        #expect(RiskCatalogue.factors.count == 10)
        #expect(Set(RiskCatalogue.factors.map(\.code)).count == 10)
        #expect(RiskCatalogue.factors.allSatisfy { $0.questions.count >= 3 })
        #expect(RiskCatalogue.factors.last?.title == "Низкая учебная мотивация обучающихся")
    }

    /// The four statements of the Slavyansk report (004), from per-factor school lists.
    @Test func slavyanskStatements() {
        func schools(_ numbers: [Int]) -> [(number: Int?, name: String)] { numbers.map { (Optional($0), "№ \($0)") } }
        let f = RiskCatalogue.factors
        func factor(_ code: String) -> RiskSummary.Factor {
            let i = f.firstIndex { $0.code == code }!
            return RiskSummary.Factor(phrase: f[i].reportPhrase, group: f[i].group, position: i)
        }
        let summary = RiskSummary(factors: [
            (factor("motivation"), schools([7, 8, 10, 16, 19, 20, 22, 23, 43, 48, 50, 51, 52, 56])),
            (factor("teacherCompetence"), schools([7, 8, 10, 19, 21, 22, 23, 43, 52, 51, 56])),
            (factor("failureRisk"), schools([5, 8, 20, 21, 23, 48, 51])),
            (factor("equipment"), schools([8, 10, 19, 20, 21, 22, 50, 51, 56])),
            (factor("staffShortage"), schools([8, 10, 19, 20, 21, 22, 50, 51, 56])),
            (factor("parentInvolvement"), []),
        ])
        #expect(summary.statements == [
            "в 14 ОУ (школы № 7, 8, 10, 16, 19, 20, 22, 23, 43, 48, 50, 51, 52, 56) фактором риска со средней или высокой значимостью является низкая учебная мотивация обучающихся",
            "в 11 ОУ – недостаточная предметная и методическая компетентность педагогических работников (школы № 7, 8, 10, 19, 21, 22, 23, 43, 51, 52, 56)",
            "в 7 школах № 5, 8, 20, 21, 23, 48, 51 – высокая доля обучающихся с рисками учебной неуспешности",
            "Большой процент ШНОР, в которых рисками являются низкий уровень оснащения школы и/или дефицит педагогических работников (ОУ № 8, 10, 19, 20, 21, 22, 50, 51, 56)",
        ])
        #expect(summary.paragraph.hasPrefix("При анализе информации по рисковому профилю ШНОР выявлено, что в 14 ОУ"))
        #expect(RiskSummary(factors: []).paragraph == "Факторов риска со средней или высокой значимостью не выявлено.")
    }
}

@Suite struct RiskGroupingTests {
    @Test func similarProfilesGroupTogether() {
        let groups = RiskGrouping.groups([
            ("A", ["motivation", "teacherCompetence"]),
            ("B", ["motivation", "teacherCompetence", "failureRisk"]),
            ("C", ["equipment", "staffShortage"]),
            ("D", ["equipment"]),
            ("E", []),
        ])
        #expect(groups.count == 2)
        #expect(groups[0].schools == ["B", "A"])
        #expect(groups[0].factors == ["motivation", "teacherCompetence"])
        #expect(groups[1].schools == ["C", "D"])
        #expect(groups[1].factors == ["equipment"])
        #expect(groups.flatMap(\.schools).contains("E") == false)
    }

    @Test func everySchoolWithARiskIsInExactlyOneGroup() {
        var rng = SplitMix64(seed: 7)
        let codes = RiskCatalogue.factors.map(\.code)
        for _ in 0..<200 {
            let profiles = (0..<15).map { i in ("s\(i)", Set(codes.filter { _ in Int.random(in: 0..<4, using: &rng) == 0 })) }
            let groups = RiskGrouping.groups(profiles)
            let grouped = groups.flatMap(\.schools)
            #expect(grouped.count == Set(grouped).count)
            #expect(Set(grouped) == Set(profiles.filter { !$0.1.isEmpty }.map(\.0)))
            #expect(groups.allSatisfy { !$0.factors.isEmpty })
        }
    }
}

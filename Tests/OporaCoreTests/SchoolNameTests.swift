import Testing
@testable import OporaCore

@Suite struct SchoolNameTests {
    let matcher = SchoolNameMatcher(candidates: [
        .init(id: 1, name: "МБОУ СОШ № 5"),
        .init(id: 2, name: "МБОУ ООШ № 7"),
        .init(id: 3, name: "МБОУ СОШ № 10"),
        .init(id: 4, name: "МБОУ ООШ № 10"),
        .init(id: 5, name: "МАОУ ЦО «Лицей ИНТЕГРАЛ»"),
        .init(id: 6, name: "МБОУ СОШ № 121 «Академическая»"),
        .init(id: 7, name: "МБОУ СОШ № 6 г. Юрги", aliases: ["МБОУ «Средняя общеобразовательная школа №6 г. Юрги»"]),
        .init(id: 8, name: "МАОУ «Гимназия города Юрги»"),
    ])

    @Test(arguments: ["МБОУ СОШ №5", "СОШ № 5", "школа 5", "сош5", "МБОУ «СОШ № 5»", "Средняя общеобразовательная школа № 5"])
    func sameSchoolWrittenDifferently(_ name: String) {
        #expect(matcher.match(name) == .found(id: 1))
    }

    @Test func fullNameWithPlace() {
        #expect(matcher.match("Средняя общеобразовательная школа №6 г. Юрги") == .found(id: 7))
        #expect(matcher.match("СОШ №6") == .found(id: 7))
    }

    @Test func namedSchoolsWithoutNumber() {
        #expect(matcher.match("Лицей ИНТЕГРАЛ") == .found(id: 5))
        #expect(matcher.match("гимназия г. Юрги") == .found(id: 8))
        #expect(matcher.match("СОШ № 121") == .found(id: 6))
    }

    @Test func ambiguousNameListsCandidates() {
        #expect(matcher.match("школа 10") == .ambiguous(["МБОУ СОШ № 10", "МБОУ ООШ № 10"]))
        #expect(matcher.match("ООШ № 10") == .found(id: 4))
    }

    @Test func unknownNameSuggestsSimilar() {
        #expect(matcher.match("СОШ № 99") == .unknown(similar: []))
        // The number exists, the kind does not: the candidate is offered, not chosen.
        #expect(matcher.match("ООШ № 5") == .unknown(similar: ["МБОУ СОШ № 5"]))
        #expect(matcher.match("   ") == .unknown(similar: []))
    }

    @Test func parsesParts() {
        let n = SchoolName("МБОУ «ОК № 9 г Юрги»")
        #expect(n.kind == .educationComplex)
        #expect(n.number == 9)
        #expect(n.words.isEmpty)
    }
}

@Suite struct FormattingTests {
    @Test func plurals() {
        #expect(RussianPlural.count(1, "школа", "школы", "школ") == "1 школа")
        #expect(RussianPlural.count(3, "школа", "школы", "школ") == "3 школы")
        #expect(RussianPlural.count(11, "школа", "школы", "школ") == "11 школ")
        #expect(RussianPlural.count(21, "школа", "школы", "школ") == "21 школа")
        #expect(RussianPlural.count(53, "школа", "школы", "школ") == "53 школы")
        #expect(RussianPlural.count(112, "школа", "школы", "школ") == "112 школ")
    }

    @Test func dates() {
        #expect(LocalDate(parsing: "13.05.2024")?.russian == "13.05.2024")
        #expect(LocalDate(parsing: "2024-12-23")?.russian == "23.12.2024")
        #expect(LocalDate(parsing: "16.02.2024 г.")?.iso == "2024-02-16")
        #expect(LocalDate(parsing: "31.02.2024") == nil)
        #expect(LocalDate(parsing: "29.02.2024") != nil)
    }

    @Test func statusWords() {
        #expect(ListStatus(russian: "ШНОР") == .lowResults)
        #expect(ListStatus(russian: "пред-ШНОР") == .atRisk)
        #expect(ListStatus(russian: "ШНСУ") == .adverseConditions)
        #expect(ListStatus(russian: "что-то") == nil)
    }
}

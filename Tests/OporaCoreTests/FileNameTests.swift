import Testing
@testable import OporaCore

@Suite struct FileNameTests {
    @Test func aNameSaysWhatAndWhoseInRussian() {
        #expect(FileName.make(["Приказ об утверждении дорожной карты — МБОУ СОШ № 14", "2025–2026"], ext: "docx")
                == "Приказ об утверждении дорожной карты — МБОУ СОШ № 14, 2025–2026.docx")
    }

    @Test func charactersNoFileSystemTakesAreDropped() {
        #expect(FileName.make(["Отчёт о мониторинге — на 01/12/2024: \"итог\"?"], ext: "xlsx") == "Отчёт о мониторинге — на 01 12 2024 итог.xlsx")
        #expect(FileName.make(["..", ""], ext: "docx") == "Документ.docx")
    }

    @Test func longNamesAreCutAtAWord() {
        let name = FileName.make([String(repeating: "Дорожная карта ", count: 20)], ext: "xlsx")
        #expect(name.count <= FileName.limit + 5)
        #expect(name.hasSuffix("карта.xlsx") || name.hasSuffix("Дорожная.xlsx"))
    }
}

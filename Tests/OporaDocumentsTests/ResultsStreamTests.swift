import Foundation
import OporaCore
import Testing
@testable import OporaDocuments

/// The one reader: CSV halves on two cores and XLSX streams give the same figures as the table
/// path, and keep each school's participants for storage.
@Suite struct ResultsStreamTests {
    func generated(schools: Int = 12, participants: Int = 1500, seed: UInt64 = 7) -> Data {
        var data = Data()
        ResultsGenerator(schools: schools, participants: participants, seed: seed).generate { data += $0 }
        return data
    }

    /// A protocol is held to be read twice: one longer than any region's is refused, and a file of
    /// damaged answer strings reports a bounded list of problems.
    @Test func protocolsAreBounded() {
        let head = "ОГЭ 2025 Математика\nКод ОО;Фамилия;Класс;Ответы части 1;Ответы части 2;Первичный балл\n"
        var long = head
        for i in 0...ResultsStream.maxProtocolRows { long += "5401\(i % 10);Иванов;9А;+-+;1(2);2\n" }
        let refused = ResultsStream.read(Data(long.utf8), fileName: "oge.csv")
        #expect(refused.problems.map(\.message) == ["протокол длиннее 200 000 строк: разделите его по предметам или муниципалитетам."])
        var damaged = head
        for i in 0..<1_000 { damaged += "540101;Иванов;9А;+-+;1(\(2 + i % 2));1\n" }
        let outcome = ResultsStream.read(Data(damaged.utf8), fileName: "oge.csv")
        #expect(outcome.problems.count == 200)
        #expect(outcome.truncated)
    }

    @Test func streamingAgreesWithTheTableOnGeneratedData() throws {
        let data = generated()
        let stream = ResultsStream.read(data, fileName: "gen.csv")
        #expect(stream.problems.isEmpty, "\(stream.problems.prefix(3).map(\.description))")
        #expect(stream.rows == 1500)
        let table = ResultsReader.read(try TableReader.read(data, fileName: "gen.csv"))
        let file = try #require(table.file, "\(table.problems.prefix(3).map(\.description))")
        #expect(file.tasks.count == 15)
        #expect(file.tasks.filter { $0.level == .advanced }.count == 4)
        #expect(stream.tasks == file.tasks)
        let bySchool = Dictionary(grouping: file.participants, by: { $0.schoolLogin ?? "" })
        #expect(Set(bySchool.keys) == Set(stream.schools.keys))
        for (login, list) in bySchool {
            let expected = ResultsAnalysis.summarize(list, tasks: file.tasks, maxPrimary: file.maxPrimary)
            let school = try #require(stream.schools[login])
            #expect(school.sums.summary() == expected, "\(login)")
            // The stored lines give back the participants (by code only).
            let back = ParticipantCodec.decode(school.participants, tasks: file.tasks.count)
            #expect(back.map(\.code) == list.map(\.code))
            #expect(back.map(\.scores) == list.map(\.scores))
            #expect(back.map(\.absent) == list.map(\.absent))
            #expect(ResultsAnalysis.summarize(back, tasks: file.tasks, maxPrimary: file.maxPrimary) == expected)
            // Classes add up to the school.
            var classes = ResultsAccumulator(tasks: file.tasks, maxPrimary: file.maxPrimary)
            for c in school.classes.values { classes.merge(c) }
            #expect(classes.summary() == expected)
        }
        let all = ResultsAnalysis.summarize(file.participants, tasks: file.tasks, maxPrimary: file.maxPrimary)
        #expect(stream.total.summary() == all)
        #expect(all.participants + all.absent == 1500)
        #expect(all.absent > 0)
    }

    @Test func anXLSXStreamGivesWhatTheCSVGives() throws {
        let data = generated(schools: 5, participants: 600, seed: 11)
        let rows = try TableReader.read(data, fileName: "gen.csv").rows
        let xlsx = try Workbook(sheets: [.init(name: "ВПР", rows: rows.map { $0.map { Workbook.Cell.auto($0) } })]).xlsx()
        let fromCSV = ResultsStream.read(data, fileName: "gen.csv")
        let fromXLSX = ResultsStream.read(xlsx, fileName: "gen.xlsx")
        #expect(fromXLSX.problems.isEmpty, "\(fromXLSX.problems.prefix(3).map(\.description))")
        #expect(fromXLSX.rows == 600)
        #expect(Set(fromXLSX.schools.keys) == Set(fromCSV.schools.keys))
        for (key, s) in fromCSV.schools { #expect(fromXLSX.schools[key]?.sums.summary() == s.sums.summary()) }
        // From disk as well.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("opora-\(UUID().uuidString).xlsx")
        try xlsx.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try ResultsStream.read(fileAt: url).total.summary() == fromCSV.total.summary())
    }

    @Test func damageInEitherHalfIsReportedWithItsLine() throws {
        var text = String(decoding: generated(schools: 4, participants: 400, seed: 3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        // Line 7 is the first participant; a copy of it at the end is a duplicate across the halves.
        text += lines[6] + "\r\n"
        text += lines[10].replacingOccurrences(of: ";1000004;", with: ";9999999;").split(separator: ";").enumerated()
            .map { $0.offset == 7 ? "7" : String($0.element) }.joined(separator: ";") + "\r\n"
        let outcome = ResultsStream.read(Data(text.utf8), fileName: "gen.csv")
        let messages = outcome.problems.map(\.description)
        #expect(messages.contains("Файл «gen.csv», строка 407, столбец «Код участника»: участник «1000000» уже есть в строке 7."), "\(messages)")
        #expect(messages.contains { $0.hasPrefix("Файл «gen.csv», строка 408, столбец «2 (1б)»: балл 7 больше максимума задания (1).") }, "\(messages)")
    }

    @Test func aScaleGivesMarksToAFileWithoutThem() throws {
        let csv = "ВПР 2025 Математика 5 класс\nОО;Код участника;балл за 1;балл за 2;Первичный балл\nedu1;1;1;2;3\nedu1;2;0;н/п;0\nedu1;3;;;\n"
        let without = ResultsStream.read(Data(csv.utf8), fileName: "v.csv")
        #expect(without.problems.isEmpty)
        #expect(without.total.summary().withoutMark == 2)
        #expect(without.total.summary().absent == 1)
        let with = ResultsStream.read(Data(csv.utf8), fileName: "v.csv") { layout in
            #expect(layout.subject == "Математика" && layout.grade == 5 && layout.year == 2025)
            var r = ResultsStream.Resolution()
            r.scale = { $0 >= 3 ? 3 : 2 }
            return r
        }
        #expect(with.total.summary().marks == [2: 1, 3: 1])
        #expect(with.tasks.map(\.maxScore) == [1, 2])
    }
}

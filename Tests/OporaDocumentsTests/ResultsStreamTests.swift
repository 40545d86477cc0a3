import Foundation
import OporaCore
import OporaDocuments
import Testing

/// The streaming path a region's file takes gives the same figures as the table path.
@Suite struct ResultsStreamTests {
    @Test func streamingAgreesWithTheTableOnGeneratedData() throws {
        var data = Data()
        ResultsGenerator(schools: 12, participants: 1500, seed: 7).generate { data += $0 }
        let stream = ResultsStream.analyse(data, fileName: "gen.csv")
        #expect(stream.problems.isEmpty, "\(stream.problems.prefix(3).map(\.description))")
        #expect(stream.rows == 1500)
        let table = ResultsReader.read(try TableReader.read(data, fileName: "gen.csv"))
        let file = try #require(table.file, "\(table.problems.prefix(3).map(\.description))")
        #expect(file.tasks.count == 15)
        #expect(file.tasks.filter { $0.level == .advanced }.count == 4)
        let bySchool = Dictionary(grouping: file.participants, by: { $0.schoolLogin ?? "" })
        #expect(Set(bySchool.keys) == Set(stream.schools.keys))
        for (login, list) in bySchool {
            let expected = ResultsAnalysis.summarize(list, tasks: file.tasks, maxPrimary: file.maxPrimary)
            #expect(stream.schools[login]?.summary() == expected, "\(login)")
        }
        // Some schools of the generator inflate marks at the boundaries: the check finds peaks.
        let all = ResultsAnalysis.summarize(file.participants, tasks: file.tasks, maxPrimary: file.maxPrimary)
        #expect(all.participants + all.absent == 1500)
        #expect(all.absent > 0)
    }

    @Test func damageInEitherHalfIsReportedWithItsLine() throws {
        var data = Data()
        ResultsGenerator(schools: 4, participants: 400, seed: 3).generate { data += $0 }
        var text = String(decoding: data, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        // Line 7 is the first participant; a copy of it at the end is a duplicate across the halves.
        text += lines[6] + "\r\n"
        text += lines[10].replacingOccurrences(of: ";1000004;", with: ";9999999;").split(separator: ";").enumerated()
            .map { $0.offset == 7 ? "7" : String($0.element) }.joined(separator: ";") + "\r\n"
        let outcome = ResultsStream.analyse(Data(text.utf8), fileName: "gen.csv")
        let messages = outcome.problems.map(\.description)
        #expect(messages.contains("Файл «gen.csv», строка 407, столбец «Код участника»: участник «1000000» уже есть в строке 7."), "\(messages)")
        #expect(messages.contains { $0.hasPrefix("Файл «gen.csv», строка 408, столбец «2 (1б)»: балл 7 больше максимума задания (1).") }, "\(messages)")
    }
}

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
}

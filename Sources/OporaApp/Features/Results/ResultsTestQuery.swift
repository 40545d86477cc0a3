import Foundation
import OporaCore
import Vapor

/// A test in a URL: `kind`, `subject`, `grade`, `year` — read by every results page and the API,
/// written by every link to one.
extension ResultsTest {
    /// The test the query names (ВПР when it names no kind), or nil when it names none.
    /// A grade or year out of bounds names no test (the page then shows its newest), never a crash.
    static func requested(_ req: Request) -> ResultsTest? {
        guard let subject = try? req.query.get(String.self, at: "subject"), let grade = try? req.queryInt("grade", in: 1...11),
              let year = try? req.queryYear("year") else { return nil }
        let kind = (try? req.query.get(String.self, at: "kind")).flatMap(AssessmentKind.init(rawValue:)) ?? .vpr
        return ResultsTest(kind: kind, subject: String(subject.prefix(200)), grade: grade, year: year)
    }

    /// The test the query names if it is among these; the newest when the query names none.
    static func chosen(_ req: Request, among tests: [ResultsTest]) -> ResultsTest? {
        guard let asked = requested(req) else { return tests.first }
        return tests.first { $0 == asked }
    }

    var query: String { "kind=\(kind.rawValue)&subject=\(subject.formEncoded)&grade=\(grade)&year=\(year)" }
}

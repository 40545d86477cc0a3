import Fluent
import Foundation
import OporaCore

/// Self-assessments of the 17 Slavyansk schools for 2020-2021, entered as answers so that the
/// risk summary of the 004 report comes out of the data: each school answers «скорее
/// соответствует» (or a mix giving a medium score) on the factors the report names for it, and
/// «совсем не / скорее не соответствует» on the rest. The report names equipment and teacher
/// shortage together («и/или»); the demo gives those schools both.
enum DemoRisks {
    static let year = 2020
    static let schoolsByFactor: [String: [Int]] = [
        "motivation": [7, 8, 10, 16, 19, 20, 22, 23, 43, 48, 50, 51, 52, 56],
        "teacherCompetence": [7, 8, 10, 19, 21, 22, 23, 43, 52, 51, 56],
        "failureRisk": [5, 8, 20, 21, 23, 48, 51],
        "equipment": [8, 10, 19, 20, 21, 22, 50, 51, 56],
        "staffShortage": [8, 10, 19, 20, 21, 22, 50, 51, 56],
    ]

    static func load(on db: any Database) async throws {
        guard let authority = try await Authority.query(on: db).filter(\.$code == "slavyansk").first() else { return }
        let service = RiskService(db: db)
        let factors = try await service.catalogue()
        let schools = try await School.query(on: db).filter(\.$authority.$id == authority.requireID()).all()
        for school in schools {
            guard let number = school.number, let sid = school.id else { continue }
            var answers: [Int: Int] = [:]
            for (fi, factor) in factors.enumerated() {
                let listed = schoolsByFactor[factor.code]?.contains(number) ?? false
                for (qi, q) in factor.questions.sorted(by: { $0.position < $1.position }).enumerated() {
                    guard let qid = q.id else { continue }
                    if listed {
                        // Alternate high (all «скорее соответствует») and medium (one such, the rest «скорее не»).
                        answers[qid] = (number + fi) % 2 == 0 || qi == 0 ? 2 : 1
                    } else {
                        answers[qid] = qi == 0 && (number + fi) % 3 == 0 ? 1 : 0
                    }
                }
            }
            try await service.saveAnswers(schoolID: sid, year: year, answers: answers, by: "demo")
        }
    }
}

import Fluent
import Foundation
import OporaCore

/// Self-assessments, risk profiles and the municipal summary.
struct RiskService {
    let db: any Database
    var rule = SignificanceRule.default

    func catalogue() async throws -> [RiskFactor] {
        try await RiskFactor.query(on: db).sort(\.$position).with(\.$questions).all()
    }

    /// Saves answers (question id → 0…3) and recomputes the computed significances; a curator's
    /// corrections stay as they were.
    func saveAnswers(schoolID: Int, year: Int, answers: [Int: Int], by login: String) async throws {
        let factors = try await catalogue()
        let questions = Dictionary(uniqueKeysWithValues: factors.flatMap(\.questions).compactMap { q in q.id.map { ($0, q) } })
        try await db.transaction { tx in
            let assessment = try await SelfAssessment.query(on: tx).filter(\.$school.$id == schoolID).filter(\.$year == year).first() ?? {
                let a = SelfAssessment()
                a.$school.id = schoolID
                a.year = year
                return a
            }()
            assessment.updatedBy = login
            try await assessment.save(on: tx)
            let aid = try assessment.requireID()
            try await SelfAssessmentAnswer.query(on: tx).filter(\.$assessment.$id == aid).delete()
            for (qid, value) in answers where questions[qid] != nil {
                let answer = SelfAssessmentAnswer()
                answer.$assessment.id = aid
                answer.$question.id = qid
                answer.value = min(max(value, 0), 3)
                try await answer.create(on: tx)
            }
            for factor in factors {
                let fid = try factor.requireID()
                let scored = factor.questions.compactMap { q -> SignificanceRule.Answer? in
                    guard let id = q.id, let v = answers[id] else { return nil }
                    return .init(question: id, weight: q.weight, value: v)
                }
                let score = rule.score(scored)
                let entry = try await RiskProfileEntry.query(on: tx).filter(\.$school.$id == schoolID).filter(\.$year == year).filter(\.$factor.$id == fid).first() ?? {
                    let e = RiskProfileEntry()
                    e.$school.id = schoolID
                    e.year = year
                    e.$factor.id = fid
                    return e
                }()
                entry.score = score
                entry.computedRaw = score.map { rule.significance($0).rawValue }
                try await entry.save(on: tx)
            }
        }
    }

    func answers(schoolID: Int, year: Int) async throws -> [Int: Int] {
        guard let a = try await SelfAssessment.query(on: db).filter(\.$school.$id == schoolID).filter(\.$year == year).first() else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await SelfAssessmentAnswer.query(on: db).filter(\.$assessment.$id == a.requireID()).all().map { ($0.$question.id, $0.value) })
    }

    func profile(schoolID: Int) async throws -> [RiskProfileEntry] {
        try await RiskProfileEntry.query(on: db).filter(\.$school.$id == schoolID).with(\.$factor).sort(\.$year).all()
    }

    /// Schools (number, name) where each factor is of medium or high significance in the year.
    func summary(authorityID: Int, year: Int) async throws -> (RiskSummary, [RiskFactor], [(school: School, entries: [Int: RiskProfileEntry])]) {
        let factors = try await catalogue()
        let schools = try await School.query(on: db).filter(\.$authority.$id == authorityID).all()
        let ids = schools.compactMap(\.id)
        let entries = ids.isEmpty ? [] : try await RiskProfileEntry.query(on: db).filter(\.$school.$id ~~ ids).filter(\.$year == year).all()
        let bySchool = Dictionary(grouping: entries, by: { $0.$school.id })
        let rows = schools.filter { bySchool[$0.id ?? -1] != nil }.sorted { ($0.number ?? Int.max, $0.shortName) < ($1.number ?? Int.max, $1.shortName) }.map { s in
            (school: s, entries: Dictionary(uniqueKeysWithValues: (bySchool[s.id ?? -1] ?? []).map { ($0.$factor.id, $0) }))
        }
        let input = factors.enumerated().map { i, f -> (RiskSummary.Factor, [(number: Int?, name: String)]) in
            let listed = rows.filter { ($0.entries[f.id ?? -1]?.significance ?? .low) >= .medium }.map { (number: $0.school.number, name: $0.school.shortName) }
            return (RiskSummary.Factor(phrase: f.reportPhrase, group: f.summaryGroup, position: i), listed)
        }
        return (RiskSummary(factors: input), factors, rows)
    }
}

import Fluent
import OporaCore
import Vapor

/// What happened that the reader must answer: school roadmaps sent for agreement, reports
/// waiting for review, reports returned for revision. Bounded reads over the roadmaps the reader
/// sees — a count of everything and the first few to open.
struct NoticeQueries {
    let db: any Database

    struct Notice {
        let kind: String
        let text: String
        let detail: String
        let url: String
    }

    /// At most this many notices of one kind are listed; the count says how many there are.
    static let shown = 8

    /// School roadmaps waiting for the reader's agreement, with the date each was sent.
    func submitted(roadmapIDs: [Int]) async throws -> (count: Int, first: [Notice]) {
        guard !roadmapIDs.isEmpty else { return (0, []) }
        // All of them in one read with their schools: a municipality has at most one waiting
        // roadmap per school, so the count needs no query of its own.
        let all = try await Roadmap.query(on: db).filter(\.$id ~~ roadmapIDs).filter(\.$reviewStage == .submitted)
            .join(School.self, on: \Roadmap.$school.$id == \School.$id).sort(\.$id).all()
        let count = all.count
        let roadmaps = Array(all.prefix(Self.shown))
        let ids = roadmaps.compactMap(\.id)
        var sent: [Int: RoadmapSubmission] = [:]
        if !ids.isEmpty {
            for s in try await RoadmapSubmission.query(on: db).filter(\.$roadmap.$id ~~ ids).sort(\.$number).all() { sent[s.$roadmap.id] = s }
        }
        return (count, roadmaps.compactMap { r in
            guard let id = r.id else { return nil }
            let when = sent[id].flatMap { LocalDate(parsing: $0.submittedOn) }.map { "подана \($0.russian)" } ?? "подана"
            return Notice(kind: "Подана на согласование", text: ((try? r.joined(School.self))?.shortName).map { "\($0): \(r.title.shortened(to: 70))" } ?? r.title.shortened(to: 70),
                          detail: when + (sent[id].map { ", \($0.submittedBy)" } ?? ""), url: SiteRoute.roadmap(id).path + "#review")
        })
    }

    /// Reports in a review state on the roadmaps: waiting for the reviewer (`pending`) or sent
    /// back to the reporter (`returned`), newest first.
    func reports(_ state: ReviewState, roadmapIDs: [Int], titles: [Int: String]) async throws -> (count: Int, first: [Notice]) {
        guard !roadmapIDs.isEmpty else { return (0, []) }
        let query = MeasureProgress.query(on: db).join(Measure.self, on: \MeasureProgress.$measure.$id == \Measure.$id)
            .filter(Measure.self, \.$roadmap.$id ~~ roadmapIDs).filter(\.$review == state)
        let count = try await query.count()
        let rows = try await query.copy().sort(\.$updatedAt, .descending).sort(\.$id, .descending).limit(Self.shown).all()
        return (count, rows.compactMap { p in
            guard let m = try? p.joined(Measure.self), let mid = m.id else { return nil }
            let due = LocalDate(parsing: p.due).map { "срок \($0.russian)" } ?? "без фиксированной даты"
            let who = state == .returned ? (p.reviewComment.map { "замечание: \($0.shortened(to: 120))" } ?? "без замечания")
                                         : (p.updatedBy.isEmpty ? p.status.title : "\(p.status.title), \(p.updatedBy)")
            return Notice(kind: state == .returned ? "Отчёт возвращён на доработку" : "Отчёт ждёт проверки",
                          text: "№ \(m.number) \(m.name.shortened(to: 80))", detail: "\(due); \(who) — \((titles[m.$roadmap.id] ?? "").shortened(to: 60))",
                          url: SiteRoute.measure(mid).path)
        })
    }
}

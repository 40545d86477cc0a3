import Fluent
import Foundation
import OporaCore

/// One due date of a measure, written whenever a measure or its roadmap's period is saved
/// (`OccurrenceMiddleware`), so «просрочено / скоро срок» across any number of roadmaps is one
/// indexed query instead of reading every roadmap's tree and schedules on every page.
/// `due` is the ISO date, or "" for a measure without a fixed date (one row, as pages show it).
final class MeasureOccurrence: Model, @unchecked Sendable {
    static let schema = "measure_occurrences"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "measure_id") var measure: Measure
    @Parent(key: "roadmap_id") var roadmap: Roadmap
    @Field(key: "due") var due: String
    init() {}
    init(measureID: Int, roadmapID: Int, due: String) {
        self.$measure.id = measureID
        self.$roadmap.id = roadmapID
        self.due = due
    }

    /// The rows a measure has under a roadmap period: one per date, or one without a date.
    static func rows(for measure: Measure, period: RoadmapPeriod?) -> [MeasureOccurrence] {
        guard let mid = measure.id else { return [] }
        let dates = period.map { measure.deadline.occurrences(in: $0) } ?? []
        let dues = dates.isEmpty ? [""] : dates.map(\.iso)
        return Array(Set(dues)).sorted().map { MeasureOccurrence(measureID: mid, roadmapID: measure.$roadmap.id, due: $0) }
    }

    /// Rewrites the occurrences of the given measures (all of the roadmap's when `measures` is nil).
    static func rewrite(roadmap: Roadmap, measures: [Measure]? = nil, on db: any Database) async throws {
        let rid = try roadmap.requireID()
        let list: [Measure]
        if let measures { list = measures } else { list = try await Measure.query(on: db).filter(\.$roadmap.$id == rid).all() }
        let ids = list.compactMap(\.id)
        guard !ids.isEmpty else { return }
        try await MeasureOccurrence.query(on: db).filter(\.$measure.$id ~~ ids).delete()
        let fresh = list.flatMap { rows(for: $0, period: roadmap.period) }
        if !fresh.isEmpty { try await fresh.create(on: db) }
    }
}

/// An evidence file's bytes, apart from its description: pages list evidence without ever
/// loading files of up to 5 MB each; only the download reads this row.
final class EvidenceFile: Model, @unchecked Sendable {
    static let schema = "evidence_files"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "evidence_id") var evidence: Evidence
    @Field(key: "content") var content: Data
    init() {}
    init(evidenceID: Int, content: Data) {
        self.$evidence.id = evidenceID
        self.content = content
    }
}

/// Keeps `measure_occurrences` true on every save of a measure, whatever path saves it
/// (pages, API, CLI, demo, imports, copies to the next period).
struct MeasureOccurrenceMiddleware: AsyncModelMiddleware {
    func create(model: Measure, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.create(model, on: db)
        try await write(model, on: db)
    }

    func update(model: Measure, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.update(model, on: db)
        try await write(model, on: db)
    }

    func delete(model: Measure, force: Bool, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        if let id = model.id { try await MeasureOccurrence.query(on: db).filter(\.$measure.$id == id).delete() }
        try await next.delete(model, force: force, on: db)
    }

    private func write(_ measure: Measure, on db: any Database) async throws {
        guard let roadmap = try await Roadmap.find(measure.$roadmap.id, on: db) else { return }
        try await MeasureOccurrence.rewrite(roadmap: roadmap, measures: [measure], on: db)
    }
}

/// A roadmap whose period changes moves every measure's dates.
struct RoadmapPeriodMiddleware: AsyncModelMiddleware {
    func update(model: Roadmap, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        let before = try await Roadmap.find(model.id, on: db)
        let periodChanged = before.map { $0.periodStart != model.periodStart || $0.periodEnd != model.periodEnd } ?? false
        try await next.update(model, on: db)
        if periodChanged { try await MeasureOccurrence.rewrite(roadmap: model, on: db) }
    }

    func delete(model: Roadmap, force: Bool, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        if let id = model.id { try await MeasureOccurrence.query(on: db).filter(\.$roadmap.$id == id).delete() }
        try await next.delete(model, force: force, on: db)
    }
}

import Fluent
import Foundation
import OporaCore
import OporaDocuments
import SQLKit

/// Writing what an import keeps: per school and per class the sums, and the school's
/// participants as one record. Rows go in multi-row INSERTs: a region is a thousand schools and
/// a few thousand classes, a handful of statements.
enum StoredResults {
    /// One school's sums (whole, then per class) and participants, as the stream read them.
    struct SchoolRows {
        let schoolID: Int
        let whole: ResultsSums
        let classes: [(String, ResultsSums)]
        let participants: [UInt8]
        let count: Int
    }

    static func rows(schoolID: Int, _ s: ResultsStream.School) -> SchoolRows {
        SchoolRows(schoolID: schoolID, whole: s.sums.sums, classes: s.classes.sortedNaturally(by: \.key).map { ($0.key, $0.value.sums) },
                   participants: s.participants, count: s.count)
    }

    /// From participants already decoded (moving old rows, filling marks from a scale).
    static func rows(schoolID: Int, participants: [ParticipantResult], tasks: [AssessmentTask], maxPrimary: Double?) -> SchoolRows {
        var whole = ResultsAccumulator(tasks: tasks, maxPrimary: maxPrimary)
        var classes: [String: ResultsAccumulator] = [:]
        var bytes: [UInt8] = []
        for p in participants {
            whole.add(p)
            classes[p.className ?? "", default: ResultsAccumulator(tasks: tasks, maxPrimary: maxPrimary)].add(p)
            ParticipantCodec.append(p, to: &bytes)
        }
        return SchoolRows(schoolID: schoolID, whole: whole.sums, classes: classes.sortedNaturally(by: \.key).map { ($0.key, $0.value.sums) },
                          participants: bytes, count: participants.count)
    }

    /// `year` is the import's (the partition key on PostgreSQL); nil only for migration 023,
    /// which runs before the column exists (026 fills it in).
    static func insert(_ schools: [SchoolRows], importID: Int, year: Int?, on sql: any SQLDatabase) async throws {
        if let year { try await ResultPartitions.ensure(year: year, on: sql) }
        let yearColumn = year.map { _ in ["year"] } ?? []
        let yearValue: [any SQLExpression] = year.map { [SQLBind($0)] } ?? []
        var batch: [[any SQLExpression]] = []
        func flush() async throws {
            guard !batch.isEmpty else { return }
            var insert = sql.insert(into: ResultSumsRecord.schema).columns(["import_id", "school_id", "class_name", "sums"] + yearColumn)
            for values in batch { insert = insert.values(values) }
            try await insert.run()
            batch.removeAll(keepingCapacity: true)
        }
        for s in schools {
            batch.append([SQLBind(importID), SQLBind(s.schoolID), SQLLiteral.null, SQLBind(s.whole.text)] + yearValue)
            for (name, sums) in s.classes { batch.append([SQLBind(importID), SQLBind(s.schoolID), SQLBind(name), SQLBind(sums.text)] + yearValue) }
            if batch.count >= 300 { try await flush() }
        }
        try await flush()
        for s in schools {
            try await sql.insert(into: ResultParticipants.schema).columns(["import_id", "school_id", "count", "data"] + yearColumn)
                .values([SQLBind(importID), SQLBind(s.schoolID), SQLBind(s.count), SQLBind(Data(s.participants))] + yearValue).run()
        }
    }

    /// Removes schools from an import (a newer file of the same test replaces them) and keeps
    /// its total right; an import left without schools is removed.
    static func remove(schools: [Int], from importID: Int, on db: any Database) async throws {
        guard !schools.isEmpty else { return }
        try await ResultSumsRecord.query(on: db).filter(\.$resultImport.$id == importID).filter(\.$school.$id ~~ schools).delete()
        try await ResultParticipants.query(on: db).filter(\.$resultImport.$id == importID).filter(\.$school.$id ~~ schools).delete()
        guard let record = try await ResultImport.find(importID, on: db) else { return }
        let left = try await ResultSumsRecord.query(on: db).filter(\.$resultImport.$id == importID).filter(\.$className == nil).all()
        if left.isEmpty {
            try await record.delete(on: db)
            return
        }
        var total = ResultsSums(tasks: record.tasks.count)
        for r in left { if let s = r.sums { total.merge(s) } }
        record.totalText = total.text
        record.participants = total.present + total.absent
        record.absent = total.absent
        try await record.save(on: db)
    }
}

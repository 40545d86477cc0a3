import Fluent
import Foundation
import OporaCore
import OporaDocuments
import SQLKit
import Vapor

/// Conversion scales, the region's reference data: saved one by one or from a file, and — when
/// a test was loaded without marks — the marks filled in from the new scale at once.
struct ScalesService {
    let db: any Database

    /// Saves a scale and gives marks to the participants of that test who had none; how many.
    @discardableResult
    func save(_ scale: ConversionScaleRow, user: User?, by label: String = "командная строка") async throws -> Int {
        try await db.transaction { tx in try await store(scale, user: user, by: label, on: tx) }
    }

    private func store(_ r: ConversionScaleRow, user: User?, by label: String, on tx: any Database) async throws -> Int {
        let record = try await ConversionScaleRecord.query(on: tx).filter(\.$kind == r.kind).filter(\.$subject == r.subject)
            .filter(\.$grade == r.grade).filter(\.$year == r.year).first() ?? ConversionScaleRecord()
        let before = record.id == nil ? nil : record.scale?.text
        record.kind = r.kind
        record.subject = r.subject
        record.grade = r.grade
        record.year = r.year
        record.three = r.scale.three
        record.four = r.scale.four
        record.five = r.scale.five
        record.source = r.source
        try await record.save(on: tx)
        let test = ResultsTest(kind: r.kind, subject: r.subject, grade: r.grade, year: r.year)
        let filled = try await fillMarks(test, scale: r.scale, source: r.source, on: tx)
        try await Audit.record(on: tx, user: user, by: label, authorityID: nil, action: "Сохранена шкала перевода", entity: test.title, entityID: record.id,
                               before: before, after: "\(r.scale.text); \(r.source)" + (filled > 0 ? "; отметки выставлены \(filled) участникам" : ""))
        return filled
    }

    /// Every import of the test whose participants lack marks: marks from the scale, sums and
    /// totals computed again from the stored participants.
    func fillMarks(_ test: ResultsTest, scale: ConversionScale, source: String, on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        let imports = try await ResultImport.query(on: db).filter(\.$kind == test.kind).filter(\.$subject == test.subject)
            .filter(\.$grade == test.grade).filter(\.$year == test.year).all()
        var filled = 0
        for record in imports {
            guard let total = record.total, total.withoutMark > 0, let iid = record.id else { continue }
            let tasks = record.tasks
            let parts = try await ResultParticipants.query(on: db).filter(\.$resultImport.$id == iid).all()
            var rows: [StoredResults.SchoolRows] = []
            var all = ResultsSums(tasks: tasks.count)
            for part in parts {
                var list = part.participants(tasks: tasks.count)
                for i in list.indices where !list[i].absent && list[i].mark == nil {
                    if let p = list[i].primary { list[i].mark = scale.mark(p); filled += 1 }
                }
                let row = StoredResults.rows(schoolID: part.$school.id, participants: list, tasks: tasks, maxPrimary: record.maxPrimary)
                all.merge(row.whole)
                rows.append(row)
            }
            try await ResultSumsRecord.query(on: db).filter(\.$resultImport.$id == iid).delete()
            try await ResultParticipants.query(on: db).filter(\.$resultImport.$id == iid).delete()
            try await StoredResults.insert(rows, importID: iid, year: record.year, on: sql)
            record.totalText = all.text
            record.marksSource = "шкала перевода \(test.title): \(scale.text) (\(source)), добавлена после загрузки"
            try await record.save(on: db)
        }
        return filled
    }

    /// Scales from a CSV or XLSX file: checked whole, then saved in one transaction.
    func importFile(_ data: Data, fileName: String, user: User?, by label: String = "командная строка") async throws -> (saved: Int, filled: Int) {
        let table: ImportTable
        do { table = try TableReader.read(data, fileName: fileName) } catch let p as ImportProblem { throw ScaleFileRejected(problems: [p]) }
        let read = ConversionScaleImporter.read(table)
        guard read.problems.isEmpty else { throw ScaleFileRejected(problems: read.problems) }
        let filled = try await db.transaction { tx in
            var filled = 0
            for r in read.rows { filled += try await store(r, user: user, by: label, on: tx) }
            return filled
        }
        return (read.rows.count, filled)
    }
}

struct ScaleFileRejected: Error {
    let problems: [ImportProblem]
}

import Fluent
import Foundation
import OporaCore
import OporaDocuments

/// Changes to the yearly lists, shared by the pages, the API and the CLI so every path validates
/// and audits the same way.
struct ListService {
    let db: any Database

    struct Order {
        var number: String?
        var date: String?
        var issuer: String?
    }

    func matcher(authorityID: Int) async throws -> SchoolNameMatcher {
        let schools = try await School.query(on: db).filter(\.$authority.$id == authorityID).all()
        return SchoolNameMatcher(candidates: schools.compactMap { s in
            s.id.map { SchoolNameMatcher.Candidate(id: $0, name: s.shortName, aliases: [s.fullName] + s.aliases) }
        })
    }

    /// Schools of the authority that closed, for the rule that a closed school joins no later list.
    func closures(authorityID: Int) async throws -> [Int: ListImporter.Closure] {
        var out: [Int: ListImporter.Closure] = [:]
        for s in try await School.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$status != .active).all() {
            if let id = s.id, let y = s.closedYear { out[id] = .init(year: y, text: s.statusText ?? "закрыта") }
        }
        return out
    }

    func preview(_ data: Data, fileName: String, authorityID: Int, defaultStatus: ListStatus, year: Int? = nil) async throws -> ListImportPreview {
        let table: ImportTable
        do { table = try TableReader.read(data, fileName: fileName) } catch let p as ImportProblem {
            return ListImportPreview(rows: [], problems: [p])
        }
        return ListImporter.prepare(table, matcher: try await matcher(authorityID: authorityID), defaultStatus: defaultStatus,
                                    year: year, closed: try await closures(authorityID: authorityID))
    }

    /// How many entries each list of the year already has (they will be replaced).
    func existingCounts(authorityID: Int, year: Int, statuses: Set<ListStatus>) async throws -> [ListStatus: Int] {
        var out: [ListStatus: Int] = [:]
        for list in try await SchoolList.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$year == year).all()
        where statuses.contains(list.status) {
            out[list.status] = try await ListEntry.query(on: db).filter(\.$list.$id == list.requireID()).count()
        }
        return out
    }

    /// Replaces the year's lists named in the file, in one transaction: all rows or none.
    func apply(_ preview: ListImportPreview, authorityID: Int, year: Int, order: Order, user: User?, fileName: String) async throws -> Int {
        guard preview.isValid else { throw ImportProblem(file: fileName, row: nil, column: nil, message: "файл содержит ошибки; ничего не сохранено.") }
        try await db.transaction { tx in
            for status in Set(preview.rows.map(\.status)).sorted(by: { $0.rawValue < $1.rawValue }) {
                let list = try await findOrCreateList(on: tx, authorityID: authorityID, year: year, status: status)
                if let n = order.number, !n.isEmpty {
                    list.orderNumber = n
                    // A draft carried into a new year is approved by the order its file names.
                    list.draft = false
                }
                if let d = order.date, !d.isEmpty { list.orderDate = d }
                if let i = order.issuer, !i.isEmpty { list.orderIssuer = i }
                try await list.save(on: tx)
                let listID = try list.requireID()
                let old = try await ListEntry.query(on: tx).filter(\.$list.$id == listID).with(\.$school).all()
                try await ListEntry.query(on: tx).filter(\.$list.$id == listID).delete()
                let rows = preview.rows.filter { $0.status == status }
                for row in rows {
                    try await ListEntry(listID: listID, schoolID: row.schoolID, basis: row.basis).create(on: tx)
                }
                try await Audit.record(on: tx, user: user, authorityID: authorityID, action: "Загрузка списка из файла «\(fileName)»",
                    entity: "Список \(status.abbreviation) \(year)", entityID: listID,
                    before: old.isEmpty ? nil : old.map(\.school.shortName).joined(separator: "; "),
                    after: rows.map(\.schoolName).joined(separator: "; "))
            }
        }
        return preview.rows.count
    }

    func findOrCreateList(on db: any Database, authorityID: Int, year: Int, status: ListStatus) async throws -> SchoolList {
        if let l = try await SchoolList.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$year == year).filter(\.$status == status).first() {
            return l
        }
        let l = SchoolList(authorityID: authorityID, year: year, status: status)
        try await l.create(on: db)
        return l
    }
}

import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Vapor

/// The region's registry file: read and planned by `RegistryImporter`, applied in one audited
/// transaction. The page, the API and `opora import-registry` share it.
struct RegistryService {
    let db: any Database

    /// A file with errors; nothing was changed.
    struct Rejected: Error {
        let plan: RegistryPlan
    }

    struct Outcome: Sendable, Equatable {
        var municipalitiesCreated = 0
        var schoolsCreated = 0
        var schoolsUpdated = 0
        var schoolsUnchanged = 0
        var warnings: [String] = []

        init(municipalitiesCreated: Int = 0, schoolsCreated: Int = 0, schoolsUpdated: Int = 0, schoolsUnchanged: Int = 0, warnings: [String] = []) {
            self.municipalitiesCreated = municipalitiesCreated
            self.schoolsCreated = schoolsCreated
            self.schoolsUpdated = schoolsUpdated
            self.schoolsUnchanged = schoolsUnchanged
            self.warnings = warnings
        }

        init(planned plan: RegistryPlan) {
            self.init(municipalitiesCreated: plan.newMunicipalities.count, schoolsCreated: plan.newSchools.count, schoolsUpdated: plan.updates.count,
                      schoolsUnchanged: plan.unchanged.count, warnings: plan.warnings)
        }

        /// «муниципалитетов создано: 70; школ создано: 700, изменено: 0, без изменений: 0».
        var summary: String {
            "муниципалитетов создано: \(municipalitiesCreated); школ создано: \(schoolsCreated), изменено: \(schoolsUpdated), без изменений: \(schoolsUnchanged)"
        }

        /// The same, of a check that changed nothing.
        var plannedSummary: String {
            "будет создано муниципалитетов: \(municipalitiesCreated), школ: \(schoolsCreated); будет изменено школ: \(schoolsUpdated); без изменений: \(schoolsUnchanged)"
        }
    }

    /// The region's municipalities and every school (logins are unique across the database).
    func snapshot(regionID: Int, on db: any Database) async throws -> RegistrySnapshot {
        let authorities = try await Authority.query(on: db).filter(\.$region.$id == regionID).all()
        let schools = try await School.query(on: db).all()
        return RegistrySnapshot(
            municipalities: authorities.compactMap { a in
                a.id.map { .init(id: $0, code: a.code, municipality: a.municipality, name: a.name, shortName: a.shortName, closed: a.closedOn != nil) }
            },
            schools: schools.compactMap { s in s.id.map { .init(id: $0, authorityID: s.$authority.id, record: s.record, status: s.status) } })
    }

    func plan(_ data: Data, fileName: String, regionID: Int, createMunicipalities: Bool, on db: any Database) async throws -> RegistryPlan {
        let table: ImportTable
        do { table = try TableReader.read(data, fileName: fileName) } catch let p as ImportProblem {
            return RegistryPlan(fileName: fileName, problems: [p])
        }
        return RegistryImporter.plan(table, snapshot: try await snapshot(regionID: regionID, on: db), options: .init(createMunicipalities: createMunicipalities))
    }

    func preview(_ data: Data, fileName: String, regionID: Int, createMunicipalities: Bool) async throws -> RegistryPlan {
        try await plan(data, fileName: fileName, regionID: regionID, createMunicipalities: createMunicipalities, on: db)
    }

    /// Plans again inside the transaction (the registry may have changed since the preview) and
    /// applies the plan whole, or nothing.
    func apply(_ data: Data, fileName: String, regionID: Int, createMunicipalities: Bool, user: User?) async throws -> Outcome {
        try await db.transaction { tx in
            let plan = try await plan(data, fileName: fileName, regionID: regionID, createMunicipalities: createMunicipalities, on: tx)
            guard plan.isValid else { throw Rejected(plan: plan) }
            var outcome = Outcome(schoolsUnchanged: plan.unchanged.count, warnings: plan.warnings)
            var newIDs: [Int] = []
            for m in plan.newMunicipalities {
                let a = Authority(code: m.code, regionID: regionID, municipality: m.name, name: m.name, shortName: m.name)
                try await a.create(on: tx)
                newIDs.append(try a.requireID())
                try await Audit.record(on: tx, user: user, authorityID: a.id, action: "Муниципалитет добавлен в реестр", entity: m.name, entityID: a.id,
                                       after: "код \(m.code); файл «\(fileName)»")
                outcome.municipalitiesCreated += 1
            }
            for n in plan.newSchools {
                let aid: Int
                switch n.place {
                case .existing(let id): aid = id
                case .new(let i): aid = newIDs[i]
                }
                let school = School(authorityID: aid, kind: n.record.kind, legalForm: n.record.legalForm, number: n.record.number,
                                    shortName: n.record.shortName, fullName: n.record.fullName, aliases: [])
                school.apply(n.record)
                try await school.create(on: tx)
                try await Audit.record(on: tx, user: user, authorityID: aid, action: "Школа добавлена в реестр", entity: n.record.shortName, entityID: school.id,
                                       after: RegistryText.describe(n.record) + "; файл «\(fileName)», строка \(n.line)")
                outcome.schoolsCreated += 1
            }
            for u in plan.updates {
                guard let school = try await School.find(u.schoolID, on: tx) else { continue }
                school.apply(u.record)
                try await school.save(on: tx)
                try await Audit.record(on: tx, user: user, authorityID: school.$authority.id, action: "Изменены сведения о школе", entity: u.name, entityID: u.schoolID,
                                       before: u.changes.map { "\($0.field): \($0.before)" }.joined(separator: "; "),
                                       after: u.changes.map { "\($0.field): \($0.after)" }.joined(separator: "; ") + "; файл «\(fileName)», строка \(u.line)")
                outcome.schoolsUpdated += 1
            }
            try await Audit.record(on: tx, user: user, authorityID: nil, action: "Импорт реестра из файла «\(fileName)»", entity: "Реестр", entityID: regionID,
                                   after: outcome.summary)
            return outcome
        }
    }
}

/// How registry records read in the audit log and on pages.
enum RegistryText {
    static func describe(_ r: SchoolRecord) -> String {
        var parts = [r.fullName]
        if let l = r.fisLogin { parts.append("логин \(l)") }
        if let i = r.inn { parts.append("ИНН \(i)") }
        if let c = r.examCode { parts.append("код ОО \(c)") }
        if let a = r.address { parts.append(a) }
        return parts.joined(separator: "; ")
    }
}

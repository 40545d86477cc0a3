import Fluent
import Foundation
import OporaCore

/// Support work of a municipality: what the pages, the indicators and the report read.
struct SupportService {
    let db: any Database

    /// Events of the authority in a school year (1 September – 31 August), newest first, with
    /// their schools and participants loaded.
    func events(authorityID: Int, schoolYear: Int? = nil) async throws -> [SupportEvent] {
        var query = SupportEvent.query(on: db).filter(\.$authority.$id == authorityID).with(\.$schools).with(\.$participants)
        if let y = schoolYear {
            query = query.filter(\.$date >= "\(y)-09-01").filter(\.$date <= "\(y + 1)-08-31")
        }
        return try await query.sort(\.$date, .descending).sort(\.$id, .descending).all()
    }

    /// Events that target one school.
    func events(schoolID: Int) async throws -> [SupportEvent] {
        let ids = try await SupportEventSchool.query(on: db).filter(\.$school.$id == schoolID).all().map(\.$event.id)
        guard !ids.isEmpty else { return [] }
        return try await SupportEvent.query(on: db).filter(\.$id ~~ ids).with(\.$schools).with(\.$participants).sort(\.$date, .descending).all()
    }

    /// Which schools got targeted support in a school year: a visit, a consultation or a mentor pairing.
    func coverage(authorityID: Int, schoolYear: Int) async throws -> SupportCoverage {
        var c = SupportCoverage()
        let from = "\(schoolYear)-09-01", to = "\(schoolYear + 1)-08-31"
        for e in try await events(authorityID: authorityID, schoolYear: schoolYear) where e.kind.isVisit {
            c.visited.formUnion(e.schools.map(\.$school.id))
        }
        let consultations = try await Consultation.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$date >= from).filter(\.$date <= to).all()
        c.consulted = Set(consultations.compactMap(\.$school.id))
        let agreements = try await MentorAgreement.query(on: db).filter(\.$authority.$id == authorityID)
            .filter(\.$periodStart <= to).filter(\.$periodEnd >= from).all()
        c.paired = Set(agreements.map(\.$school.id))
        return c
    }
}

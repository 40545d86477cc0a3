import Fluent
import Foundation
import OporaCore
import Vapor

/// The school's diagnostic card (004: «диагностические карты … динамика предметных результатов
/// в течение 3 лет»): a table and, per subject and grade, a chart of the share of «2» by year
/// against the municipality. Printable.
struct DiagnosticCardController {
    func page(req: Request) async throws -> Response {
        let school = try req.routeSchool()
        let sid = try school.requireID()
        let lines = try await ResultsService(db: req.db).diagnosticCard(schoolID: sid, authorityID: school.$authority.id)
        let model = DiagnosticCardPage(schoolName: school.shortName, lines: lines)
        return .html(DiagnosticCardView(model: model, layout: req.layout("Диагностическая карта", crumbs: [(school.shortName, SiteRoute.school(sid).path)])).render())
    }

    func api(req: Request) async throws -> [ResultsService.CardLine] {
        let school = try req.routeSchool()
        return try await ResultsService(db: req.db).diagnosticCard(schoolID: try school.requireID(), authorityID: school.$authority.id)
    }
}

extension ResultsService.CardLine: Content {}

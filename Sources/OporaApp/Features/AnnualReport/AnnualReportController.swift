import Fluent
import Foundation
import OporaCore
import Vapor

/// The year's analytical report: shown from the data, conclusions drafted by the system and
/// edited by the coordinator, then exported as DOCX (004's shape), its approving order and XLSX.
struct AnnualReportController {
    private func load(_ req: Request) async throws -> (Authority, Int, AnnualReportService.Report, AnnualReportRecord?) {
        try await loadShown(req).loaded
    }

    /// The report of the school year asked for, else of the latest with support work (`ShownYear`).
    private func loadShown(_ req: Request) async throws -> (loaded: (Authority, Int, AnnualReportService.Report, AnnualReportRecord?), note: String?) {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        let shown = try await SupportController.shownSchoolYear(req, authorityID: aid)
        let year = shown.year
        let report = try await AnnualReportService(db: req.db).gather(authorityID: aid, schoolYear: year)
        let record = try await AnnualReportRecord.query(on: req.db).filter(\.$authority.$id == aid).filter(\.$schoolYear == year).first()
        return ((authority, year, report, record), shown.note)
    }

    func page(req: Request) async throws -> Response {
        let (loaded, yearNote) = try await loadShown(req)
        let (authority, year, report, record) = loaded
        let aid = try authority.requireID()
        let f = report.facts
        let canEdit = try await req.scope().canManage(authorityID: aid)
        var work: [String] = []
        if let title = report.roadmapTitle { work.append("Дорожная карта «\(title)»: выполнено \(f.measuresDone) из \(f.measuresTotal) мероприятий.") }
        if !f.events.isEmpty { work.append("Мероприятия: " + f.events.map { "\($0.kind.lowercased()) — \($0.count)" }.joined(separator: ", ") + ".") }
        work += f.projectStatements
        if let v = f.visitsStatement { work.append(v) }
        if let t = f.trainingStatement { work.append(t) }
        if f.consultations > 0 { work.append("Консультаций: \(f.consultations).") }
        let done: String? = try? req.query.get(String.self, at: "done")
        let schools: [(name: String, basis: String, yearsInList: Int)] = f.schools.map { s in (name: s.name, basis: s.basis, yearsInList: s.yearsInList) }
        let conclusions: String = record?.conclusions ?? AnnualReportDraft.conclusions(f)
        let orderDate: String? = record?.orderDate.flatMap(LocalDate.init(parsing:))?.russian
        let model = AnnualReportPage(
            authorityID: aid, municipality: authority.municipality, year: year, reportTitle: AnnualReportExport.title(year), done: done,
            schools: schools, riskStatements: f.riskStatements, work: work, indicators: f.indicators,
            resultYears: report.resultYears, results: report.results, leftTheList: f.leftTheList,
            conclusions: conclusions, canEdit: canEdit, savedBy: record?.updatedBy, stamp: EditStamp.of(record),
            orderNumber: record?.orderNumber, orderDate: orderDate)
        var layout = req.layout("Годовой отчёт", crumbs: [(authority.municipality, SiteRoute.authority(aid).path)])
        layout.yearNote = yearNote
        return .html(AnnualReportView(model: model, layout: layout, csrf: req.csrf).render())
    }

    func save(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        let year = try SupportController.schoolYear(req)
        let conclusions = try SupportController.text(req, "conclusions", required: "Выводы и рекомендации") ?? ""
        var orderDate: String?
        if let raw = try SupportController.text(req, "orderDate") {
            guard let d = LocalDate(parsing: raw) else { throw PublicError(.badRequest, "Поле «Дата приказа»: дата в виде ДД.ММ.ГГГГ.") }
            orderDate = d.iso
        }
        let saved = try await AnnualReportRecord.query(on: req.db).filter(\.$authority.$id == aid).filter(\.$schoolYear == year).first()
        try req.ensureUnchanged(saved, now: saved.map { "выводы сохранил \($0.updatedBy): «\($0.conclusions.prefix(300))»" } ?? "выводы не сохранены",
                                back: SiteRoute.authority(aid, .annualReport).path + "?year=\(year)")
        let record = saved ?? AnnualReportRecord()
        let before = record.id == nil ? nil : record.conclusions
        record.$authority.id = aid
        record.schoolYear = year
        record.conclusions = conclusions
        record.orderNumber = try SupportController.text(req, "orderNumber")
        record.orderDate = orderDate
        let user = try req.currentUser()
        record.updatedBy = user.login
        try await req.db.transaction { tx in
            try await record.save(on: tx)
            try await Audit.record(on: tx, user: user, authorityID: aid, action: "Изменены выводы годового отчёта", entity: "\(year)-\(year + 1) учебный год",
                                   entityID: record.id, before: before, after: conclusions)
        }
        return req.redirect(to: SiteRoute.authority(aid, .annualReport).path + "?year=\(year)&done=" + ("Сохранено.".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }

    func docx(req: Request) async throws -> Response {
        let (authority, year, report, record) = try await load(req)
        let data = try AnnualReportExport.docx(authority: authority, report: report, conclusions: record?.conclusions ?? AnnualReportDraft.conclusions(report.facts))
        return .file(data, name: FileName.make(["Отчёт о работе со ШНОР — \(authority.municipality)", "\(year)–\(year + 1) учебный год"], ext: "docx"), contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    }

    func orderDOCX(req: Request) async throws -> Response {
        let (authority, year, _, record) = try await load(req)
        let data = try AnnualReportExport.orderDOCX(authority: authority, schoolYear: year, number: record?.orderNumber, date: record?.orderDate)
        return .file(data, name: FileName.make(["Приказ об утверждении отчёта о работе со ШНОР — \(authority.municipality)", "\(year)–\(year + 1) учебный год"], ext: "docx"), contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    }

    func xlsx(req: Request) async throws -> Response {
        let (authority, year, report, _) = try await load(req)
        return .file(try AnnualReportExport.xlsx(report: report), name: FileName.make(["Отчёт о работе со ШНОР, таблицы — \(authority.municipality)", "\(year)–\(year + 1) учебный год"], ext: "xlsx"),
                     contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }
}

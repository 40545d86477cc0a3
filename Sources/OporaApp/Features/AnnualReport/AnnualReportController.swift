import Fluent
import Foundation
import OporaCore
import Vapor

/// The year's analytical report: shown from the data, conclusions drafted by the system and
/// edited by the coordinator, then exported as DOCX (004's shape), its approving order and XLSX.
struct AnnualReportController {
    private func load(_ req: Request) async throws -> (Authority, Int, AnnualReportService.Report, AnnualReportRecord?) {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        let year = try SupportController.schoolYear(req)
        let report = try await AnnualReportService(db: req.db).gather(authorityID: aid, schoolYear: year)
        let record = try await AnnualReportRecord.query(on: req.db).filter(\.$authority.$id == aid).filter(\.$schoolYear == year).first()
        return (authority, year, report, record)
    }

    func page(req: Request) async throws -> Response {
        let (authority, year, report, record) = try await load(req)
        let aid = try authority.requireID()
        let f = report.facts
        let canEdit = try await req.scope().canManage(authorityID: aid)
        var body: [BodyNode] = [heading(AnnualReportExport.title(year) + ": " + authority.municipality)]
        if let done = try? req.query.get(String.self, at: "done") { body.append(notice(done, kind: "ok")) }
        body.append(el("form", [("method", "get"), ("class", "filters")], [field("Учебный год с", name: "year", value: "\(year)", type: "number"), button("Показать")]))
        body.append(el("div", [("class", "actions")], [
            link("Скачать отчёт (DOCX)", SiteRoute.authority(aid, .annualReportDOCX).path + "?year=\(year)", cls: "button"),
            link("Приказ об утверждении (DOCX)", SiteRoute.authority(aid, .annualReportOrderDOCX).path + "?year=\(year)", cls: "button secondary"),
            link("Таблицы (XLSX)", SiteRoute.authority(aid, .annualReportXLSX).path + "?year=\(year)", cls: "button secondary"),
        ]))
        body.append(subheading("1. Школы и основания включения"))
        body.append(f.schools.isEmpty ? para("Списка ШНОР на этот учебный год нет.", cls: "muted")
            : table(["№", "Школа", "Основание", "Лет в списке"], f.schools.enumerated().map { i, s in [.text("\(i + 1)"), .text(s.name), .text(s.basis), .text("\(s.yearsInList)")] }))
        body.append(subheading("2. Рисковые профили"))
        body.append(f.riskStatements.isEmpty ? para("Рисковые профили не заполнены.", cls: "muted") : el("ul", [], f.riskStatements.map { el("li", text: $0) }))
        body.append(subheading("3. Проведённая работа"))
        var work: [String] = []
        if let title = report.roadmapTitle { work.append("Дорожная карта «\(title)»: выполнено \(f.measuresDone) из \(f.measuresTotal) мероприятий.") }
        if !f.events.isEmpty { work.append("Мероприятия: " + f.events.map { "\($0.kind.lowercased()) — \($0.count)" }.joined(separator: ", ") + ".") }
        work += f.projectStatements
        if let v = f.visitsStatement { work.append(v) }
        if let t = f.trainingStatement { work.append(t) }
        if f.consultations > 0 { work.append("Консультаций: \(f.consultations).") }
        body.append(work.isEmpty ? para("Записей о работе за этот год нет.", cls: "muted") : el("ul", [], work.map { el("li", text: $0) }))
        body.append(subheading("4. Индикаторы"))
        body.append(f.indicators.isEmpty ? para("Индикаторы не заданы.", cls: "muted") : table(["Индикатор", "План", "Факт"], f.indicators.map { [.text($0.name), .text($0.target), .text($0.fact)] }))
        body.append(subheading("5. Динамика результатов ШНОР"))
        body.append(report.results.isEmpty ? para("Результатов ВПР за эти годы нет.", cls: "muted")
            : table(["Доля «2»"] + report.resultYears.map(String.init), report.results.map { [.text($0.school)] + $0.cells.map { .text($0) } }))
        body.append(subheading("6. Вышли из списка"))
        body.append(para(f.leftTheList.isEmpty ? "—" : f.leftTheList.joined(separator: ", ")))
        body.append(subheading("7. Выводы и рекомендации"))
        let text = record?.conclusions ?? AnnualReportDraft.conclusions(f)
        if canEdit {
            body.append(para(record == nil ? "Черновик составлен по данным; отредактируйте и сохраните." : "Сохранено: \(record?.updatedBy ?? "").", cls: "muted"))
            body.append(postForm(SiteRoute.authority(aid, .annualReport).path + "?year=\(year)", csrf: req.csrf, [
                EditStamp.input(record),
                textArea("Выводы и рекомендации", name: "conclusions", value: text, rows: 14, required: true),
                field("Номер приказа об утверждении", name: "orderNumber", value: record?.orderNumber),
                field("Дата приказа", name: "orderDate", value: record?.orderDate.flatMap(LocalDate.init(parsing:))?.russian, type: "text", placeholder: "ДД.ММ.ГГГГ"),
                button("Сохранить"),
            ]))
        } else {
            body += text.split(whereSeparator: \.isNewline).map { para(String($0)) }
        }
        return .html(req.layout("Годовой отчёт", crumbs: [(authority.municipality, SiteRoute.authority(aid).path)]).render(body))
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
        return .file(data, name: "otchet-shnor-\(year)-\(year + 1).docx", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    }

    func orderDOCX(req: Request) async throws -> Response {
        let (authority, year, _, record) = try await load(req)
        let data = try AnnualReportExport.orderDOCX(authority: authority, schoolYear: year, number: record?.orderNumber, date: record?.orderDate)
        return .file(data, name: "prikaz-otchet-shnor-\(year)-\(year + 1).docx", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    }

    func xlsx(req: Request) async throws -> Response {
        let (_, year, report, _) = try await load(req)
        return .file(try AnnualReportExport.xlsx(report: report), name: "otchet-shnor-\(year)-\(year + 1).xlsx",
                     contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }
}

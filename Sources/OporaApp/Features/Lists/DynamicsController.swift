import Fluent
import OporaCore
import OporaDocuments
import Vapor

/// «Динамика списка ШНОР»: the 003 table for any range of years, on screen and as XLSX/CSV.
struct DynamicsController {
    func range(req: Request, authorityID: Int) async throws -> ClosedRange<Int> {
        let years = try await ListQueries(db: req.db).years(authorityID: authorityID)
        let last = years.last ?? Calendar.current.component(.year, from: Date())
        let to = (try req.queryYear("to")) ?? last
        let from = (try req.queryYear("from")) ?? max(years.first ?? to, to - 4)
        guard (1990...2100).contains(from), (1990...2100).contains(to), abs(to - from) <= 30 else {
            throw PublicError(.badRequest, "Укажите диапазон лет не длиннее 30 лет.")
        }
        return min(from, to)...max(from, to)
    }

    func page(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let id = try authority.requireID()
        let r = try await range(req: req, authorityID: id)
        let dynamics = try await ListQueries(db: req.db).dynamics(authority: authority, from: r.lowerBound, to: r.upperBound)
        let model = DynamicsPage(authorityID: id, municipality: authority.municipality, dynamics: dynamics, canManage: try await req.scope().canManage(authorityID: id))
        return .html(DynamicsView(model: model, layout: req.layout("Динамика списка ШНОР", crumbs: [("Муниципалитеты", SiteRoute.authorities.path), (authority.municipality, SiteRoute.authority(id).path)]), csrf: req.csrf).render())
    }

    func xlsx(req: Request) async throws -> Response {
        let (authority, dynamics) = try await load(req: req)
        let data = try DynamicsExport.xlsx(dynamics, title: "Динамика списка ШНОР: \(authority.municipality)")
        return .file(data, name: FileName.make(["Динамика списка ШНОР — \(authority.municipality)", "\(dynamics.years.lowerBound)–\(dynamics.years.upperBound)"], ext: "xlsx"),
                     contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    func csv(req: Request) async throws -> Response {
        let (authority, dynamics) = try await load(req: req)
        let enc = (try? req.query.get(String.self, at: "encoding"))?.lowercased()
        let cp1251 = enc == "windows-1251" || enc == "cp1251"
        let data = CSV.write(dynamics.grid(), encoding: cp1251 ? .windows1251 : .utf8)
        return .file(data, name: FileName.make(["Динамика списка ШНОР — \(authority.municipality)", "\(dynamics.years.lowerBound)–\(dynamics.years.upperBound)"], ext: "csv"),
                     contentType: "text/csv; charset=\(cp1251 ? "windows-1251" : "utf-8")")
    }

    private func load(req: Request) async throws -> (Authority, ListDynamics) {
        let authority = try req.routeAuthority()
        let r = try await range(req: req, authorityID: try authority.requireID())
        return (authority, try await ListQueries(db: req.db).dynamics(authority: authority, from: r.lowerBound, to: r.upperBound))
    }

    struct RuleForm: Content {
        var windowYears: Int
        var chronicMinTimes: Int
    }

    /// The rule as the settings form showed it.
    static func ruleStamp(window: Int, minTimes: Int) -> String { EditStamp.of(values: ["\(window)", "\(minTimes)"]) }

    func saveRule(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        guard let form = try? req.content.decode(RuleForm.self), (1...20).contains(form.windowYears), (1...20).contains(form.chronicMinTimes) else {
            throw PublicError(.badRequest, "Окно и порог должны быть целыми числами от 1 до 20.")
        }
        let before = "окно \(authority.chronicWindowYears), порог \(authority.chronicMinTimes)"
        try req.ensureUnchanged(stamp: Self.ruleStamp(window: authority.chronicWindowYears, minTimes: authority.chronicMinTimes), now: before,
                                back: SiteRoute.authority(try authority.requireID(), .dynamics).path)
        authority.chronicWindowYears = form.windowYears
        authority.chronicMinTimes = form.chronicMinTimes
        try await req.db.transaction { tx in
            try await authority.save(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: authority.id, action: "Изменено правило вида ШНОР",
                                   entity: authority.shortName, entityID: authority.id, before: before, after: "окно \(form.windowYears), порог \(form.chronicMinTimes)")
        }
        return req.redirect(to: SiteRoute.authority(try authority.requireID(), .dynamics).path)
    }
}

enum DynamicsExport {
    static func xlsx(_ d: ListDynamics, title: String) throws -> Data {
        let grid = d.grid()
        var rows: [[Workbook.Cell]] = [[.text(title)]]
        rows.append(grid[0].map { .text($0) })
        for row in grid.dropFirst() { rows.append(row.map(Workbook.Cell.auto)) }
        let widths: [Double] = [7, 45] + d.years.map { _ in 10 } + [18, 24, 14]
        return try Workbook(sheets: [.init(name: "Динамика ШНОР", rows: rows, headerRows: 2, columnWidths: widths)]).xlsx()
    }
}

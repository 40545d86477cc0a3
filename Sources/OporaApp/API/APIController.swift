import Fluent
import OporaCore
import Vapor

/// /api/v1: the registry, the lists and their dynamics, within the caller's scope.
struct APIController {
    func authorities(req: Request) async throws -> [AuthorityDTO] {
        let scope = try await req.scope()
        return try await Authority.query(on: req.db).with(\.$region).sort(\.$id).all()
            .filter { scope.canRead(authorityID: $0.id ?? -1) }
            .map(dto)
    }

    func authority(req: Request) async throws -> AuthorityDTO {
        let a = try req.routeAuthority()
        _ = try await a.$region.get(on: req.db)
        return try dto(a)
    }

    private func dto(_ a: Authority) throws -> AuthorityDTO {
        try AuthorityDTO(a, region: a.region.name)
    }

    func schools(req: Request) async throws -> [SchoolDTO] {
        let a = try req.routeAuthority()
        return try await School.query(on: req.db).filter(\.$authority.$id == a.requireID()).all()
            .sortedNaturally(by: \.shortName).map { try SchoolDTO($0) }
    }

    func school(req: Request) async throws -> SchoolDTO {
        try SchoolDTO(try req.routeSchool())
    }

    func listEntries(req: Request) async throws -> [ListEntryDTO] {
        let a = try req.routeAuthority()
        let query = SchoolList.query(on: req.db).filter(\.$authority.$id == (try a.requireID())).filter(\.$draft == false)
        if let year = try req.queryYear("year") { query.filter(\.$year == year) }
        var out: [ListEntryDTO] = []
        for list in try await query.sort(\.$year).all() {
            let entries = try await ListEntry.query(on: req.db).filter(\.$list.$id == list.requireID()).with(\.$school).all()
            let order = list.orderNumber == nil ? nil : OrderDTO(number: list.orderNumber, date: list.orderDate, issuer: list.orderIssuer)
            out += try entries.sortedNaturally(by: \.school.shortName).map { e in
                ListEntryDTO(id: try e.requireID(), year: list.year, status: list.status, schoolId: e.$school.id, school: e.school.shortName, basis: e.basis, order: order)
            }
        }
        return out
    }

    func listDynamics(req: Request) async throws -> ListDynamicsDTO {
        let a = try req.routeAuthority()
        let id = try a.requireID()
        let range = try await DynamicsController().range(req: req, authorityID: id)
        return ListDynamicsDTO(authorityID: id, try await ListQueries(db: req.db).dynamics(authority: a, from: range.lowerBound, to: range.upperBound))
    }

    func openAPI(req: Request) async throws -> Response {
        let r = Response(status: .ok, body: .init(string: OpenAPIDocument.json))
        r.headers.contentType = .json
        return r
    }
}

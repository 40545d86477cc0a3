import Fluent
import OporaCore
import Vapor

/// Writing the registry through /api/v1: the region's administrator creates and changes
/// municipalities and schools; a coordinator changes its own schools except the region's fields.
/// The same `RegistryEditing` as the pages, so the same checks and audit.
struct RegistryAPIController {
    func createAuthority(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let input = try req.content.decode(AuthorityInputDTO.self)
        let editing = RegistryEditing(db: req.db)
        let regionID = try await RegionChoice.region(input.regionId, on: req.db)
        let a = try await editing.createAuthority(regionID: regionID, input, by: user)
        return try await created(req, try await authorityDTO(a, on: req.db))
    }

    func updateAuthority(req: Request) async throws -> AuthorityDTO {
        let user = try req.currentUser()
        let a = try req.routeAuthority()
        let input = try req.content.decode(AuthorityInputDTO.self)
        // The changes and the closing are one request: both or neither.
        try await req.db.transaction { tx in
            let editing = RegistryEditing(db: tx)
            try await editing.updateAuthority(a, input, by: user)
            if let d = input.closedOn {
                guard let date = LocalDate(parsing: d) else { throw PublicError(.badRequest, "closedOn: дата в виде ГГГГ-ММ-ДД.") }
                try await editing.closeAuthority(a, on: date, reason: input.closedReason ?? "", by: user)
            }
        }
        return try await authorityDTO(a, on: req.db)
    }

    func createSchool(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let a = try req.routeAuthority()
        let input = try req.content.decode(SchoolInputDTO.self)
        let school = try await RegistryEditing(db: req.db).createSchool(authorityID: try a.requireID(), input.changes, by: user)
        return try await created(req, try SchoolDTO(school))
    }

    func updateSchool(req: Request) async throws -> SchoolDTO {
        let user = try req.currentUser()
        let school = try req.routeSchool()
        let input = try req.content.decode(SchoolInputDTO.self)
        // The field changes and a change of status are one request: both or neither.
        try await req.db.transaction { tx in
            let editing = RegistryEditing(db: tx)
            try await editing.updateSchool(school, input.changes, by: user)
            switch input.status {
            case .closed?:
                guard let date = input.closedOn.flatMap(LocalDate.init(parsing:)) else { throw PublicError(.badRequest, "closedOn: дата закрытия в виде ГГГГ-ММ-ДД.") }
                try await editing.closeSchool(school, on: date, reason: input.closedReason ?? "", by: user)
            case .reorganised?:
                guard let date = input.closedOn.flatMap(LocalDate.init(parsing:)), let into = input.mergedIntoId else {
                    throw PublicError(.badRequest, "Для реорганизации укажите mergedIntoId и closedOn (ГГГГ-ММ-ДД).")
                }
                try await editing.mergeSchool(school, into: into, on: date, by: user)
            case .active?, nil:
                break
            }
        }
        return try SchoolDTO(school)
    }

    private func authorityDTO(_ a: Authority, on db: any Database) async throws -> AuthorityDTO {
        let region = try await a.$region.get(on: db)
        return try AuthorityDTO(a, region: region.name)
    }

    private func created(_ req: Request, _ body: some Content) async throws -> Response {
        let response = Response(status: .created)
        try response.content.encode(body)
        return response
    }
}

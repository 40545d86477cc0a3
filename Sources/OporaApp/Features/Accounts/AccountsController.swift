import Fluent
import OporaCore
import OporaDocuments
import Vapor

/// Accounts: the region's page of coordinators and regional users, each account's page (edit,
/// reset, deactivate) and the one-step accounts of a municipality's school heads.
struct AccountsController {
    private func service(_ req: Request) -> AccountService { AccountService(db: req.db, credentials: req.credentials) }

    func regionalPage(req: Request) async throws -> Response {
        _ = try req.currentUser()
        let authorities = try await Authority.query(on: req.db).sort(\.$municipality).all()
        let names = Dictionary(uniqueKeysWithValues: authorities.compactMap { a in a.id.map { ($0, a.municipality) } })
        let users = try await User.query(on: req.db).filter(\.$role ~~ [.regionalAdmin, .regionalObserver, .assessmentOperator, .coordinator]).sort(\.$fullName).all()
        func row(_ u: User) -> AccountRow? {
            u.id.map { AccountRow(id: $0, login: u.login, fullName: u.fullName, role: u.role, place: u.$authority.id.flatMap { names[$0] } ?? "регион",
                                  state: AccountTable.state(u)) }
        }
        let model = AccountsPage(
            regional: users.filter { $0.role.isRegional }.compactMap(row),
            coordinators: users.filter { $0.role == .coordinator }.sorted { ($0.$authority.id.flatMap { names[$0] } ?? "") < ($1.$authority.id.flatMap { names[$0] } ?? "") }.compactMap(row),
            authorities: authorities.filter { $0.closedOn == nil }.compactMap { a in a.id.map { ($0, a.municipality) } },
            roles: [.coordinator, .regionalObserver, .assessmentOperator, .regionalAdmin])
        return .html(AccountsView(model: model, layout: req.layout("Учётные записи"), csrf: req.csrf).render())
    }

    struct AccountForm: Content {
        var login: String
        var fullName: String
        var position: String?
        var organization: String?
        var role: Role
        var authorityID: String?
        var schoolID: String?
    }

    func createRegional(req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard let form = try? req.content.decode(AccountForm.self) else { throw PublicError(.badRequest, "Заполните логин, ФИО и роль.") }
        let issued = try await service(req).create(.init(login: form.login, fullName: form.fullName, position: form.position ?? "", organization: form.organization,
                                                         role: form.role, authorityID: form.authorityID.flatMap(Int.init), schoolID: nil), by: user)
        return issuedPage(req, issued.user, issued.password, back: ("К учётным записям", SiteRoute.accounts.path))
    }

    /// A municipality's account, from its «Люди и группы» page.
    func createMunicipal(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        guard let form = try? req.content.decode(AccountForm.self) else { throw PublicError(.badRequest, "Заполните логин, ФИО и роль.") }
        let issued = try await service(req).create(.init(login: form.login, fullName: form.fullName, position: form.position ?? "", organization: form.organization,
                                                         role: form.role, authorityID: aid, schoolID: form.schoolID.flatMap(Int.init)), by: user)
        return issuedPage(req, issued.user, issued.password, back: ("К людям муниципалитета", SiteRoute.authority(aid, .people).path))
    }

    private func issuedPage(_ req: Request, _ user: User, _ password: String, back: (String, String)) -> Response {
        .html(IssuedPasswordView(login: user.login, fullName: user.fullName, password: password, back: back, layout: req.layout("Одноразовый пароль")).render())
    }

    func userPage(req: Request) async throws -> Response {
        let actor = try req.currentUser()
        let user = try await service(req).manageable(req.intParameter("userID"), by: actor)
        let uid = try user.requireID()
        let authority = try await user.$authority.get(on: req.db)
        let school = try await user.$school.get(on: req.db)
        var schools: [School] = []
        if let aid = authority?.id {
            schools = try await School.query(on: req.db).filter(\.$authority.$id == aid).filter(\.$status == .active).all()
        }
        let grantable = AccountRules.grantableRoles(by: AccountService.actor(actor)).filter { $0.isRegional == user.role.isRegional }
        var model = UserPage(
            id: uid, login: user.login, fullName: user.fullName, position: user.position, role: user.role, municipality: authority?.municipality,
            school: school?.shortName, schoolID: school?.id, state: AccountTable.state(user), active: user.active, isSelf: uid == actor.id,
            tokens: try await APIToken.query(on: req.db).filter(\.$user.$id == uid).filter(\.$revokedAt == nil).count(),
            grantable: grantable.contains(user.role) ? grantable : [user.role] + grantable,
            schools: schools.sortedNaturally(by: \.shortName).compactMap { s in s.id.map { ($0, s.shortName) } },
            message: try? req.query.get(String.self, at: "done"))
        model.stamp = Self.stamp(user)
        var crumbs: [(String, String)] = actor.role == .regionalAdmin ? [("Учётные записи", SiteRoute.accounts.path)] : []
        if let a = authority, let aid = a.id { crumbs.append(("Люди: \(a.municipality)", SiteRoute.authority(aid, .people).path)) }
        return .html(UserView(model: model, layout: req.layout("Учётная запись \(user.login)", crumbs: crumbs), csrf: req.csrf).render())
    }

    /// What the edit form changes: name, position, role, school, whether active.
    static func stamp(_ user: User) -> String {
        EditStamp.of(values: [user.fullName, user.position, user.role.rawValue, "\(user.$school.id ?? 0)", "\(user.active)"])
    }

    struct EditForm: Content {
        var fullName: String?
        var position: String?
        var role: Role?
        var schoolID: String?
    }

    func update(req: Request) async throws -> Response {
        let actor = try req.currentUser()
        let user = try await service(req).manageable(req.intParameter("userID"), by: actor)
        let form = try req.content.decode(EditForm.self)
        try req.ensureUnchanged(stamp: Self.stamp(user), now: "\(user.fullName), \(user.position), \(user.role.title)\(user.active ? "" : ", отключена")",
                                back: SiteRoute.user(try user.requireID()).path)
        var changes = AccountService.Changes(fullName: form.fullName, position: form.position, role: user.id == actor.id ? nil : form.role)
        if let s = form.schoolID { changes.schoolID = .some(Int(s)) }
        try await service(req).update(user, changes, by: actor)
        return req.redirect(to: SiteRoute.user(try user.requireID()).path + "?done=" + "Сохранено.".formEncoded)
    }

    func resetPassword(req: Request) async throws -> Response {
        let actor = try req.currentUser()
        let user = try await service(req).manageable(req.intParameter("userID"), by: actor)
        let password = try await service(req).resetPassword(user, by: actor)
        return issuedPage(req, user, password, back: ("К учётной записи", SiteRoute.user(try user.requireID()).path))
    }

    func deactivate(req: Request) async throws -> Response {
        let actor = try req.currentUser()
        let user = try await service(req).manageable(req.intParameter("userID"), by: actor)
        try req.confirm("отключить учётную запись", consequence: "\(user.fullName) (\(user.login)) больше не сможет войти: сеансы завершатся, токены API будут отозваны. Включить снова можно сбросом пароля.",
                        back: SiteRoute.user(try user.requireID()).path)
        try await service(req).deactivate(user, by: actor)
        return req.redirect(to: SiteRoute.user(try user.requireID()).path + "?done=" + "Учётная запись отключена: сеансы завершены, токены отозваны.".formEncoded)
    }

    /// Every working school's head gets an account in one step; the answer is the XLSX to hand
    /// out, which is the only place the one-time passwords ever appear.
    func schoolHeads(req: Request) async throws -> Response {
        let actor = try req.currentUser()
        let authority = try req.routeAuthority()
        let heads = try await service(req).createSchoolHeads(authorityID: try authority.requireID(), by: actor)
        let data = try AccountService.headsWorkbook(heads, municipality: authority.municipality)
        let response = Response.file(data, name: FileName.make(["Учётные записи руководителей школ — \(authority.municipality)"], ext: "xlsx"),
                                     contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}

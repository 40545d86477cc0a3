import Fluent
import OporaCore
import Vapor

/// Users, curator assignments and the standing groups of a municipality.
struct PeopleController {
    func page(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let id = try authority.requireID()
        let schools = try await School.query(on: req.db).filter(\.$authority.$id == id).all().sortedNaturally(by: \.shortName)
        let schoolNames = Dictionary(uniqueKeysWithValues: schools.compactMap { s in s.id.map { ($0, s.shortName) } })
        let users = try await User.query(on: req.db).filter(\.$authority.$id == id).all().sortedNaturally(by: \.fullName)
        let assignments = try await CuratorAssignment.query(on: req.db).with(\.$user).with(\.$school).all()
            .filter { $0.school.$authority.id == id }
        let groups = try await StandingGroup.query(on: req.db).filter(\.$authority.$id == id).with(\.$members).all()
        let canManage = try await req.scope().canManage(authorityID: id)
        let viewer = AccountService.actor(try req.currentUser())
        let grantable = AccountRules.grantableRoles(by: viewer).filter { !$0.isRegional && AccountRules.canCreate(role: $0, authorityID: id, by: viewer) }
        // Coordinators see both groups so they can fill an empty one; others see what exists.
        let kinds = GroupKind.allCases.filter { k in canManage || groups.contains { $0.kind == k } }
        let model = PeoplePage(
            authorityID: id, municipality: authority.municipality,
            users: users.map { u in
                (u.id ?? 0, u.login, u.fullName, u.position, u.organization, u.role, u.$school.id.flatMap { schoolNames[$0] }, AccountTable.state(u),
                 AccountRules.canManage(target: u.role, authorityID: u.$authority.id, by: viewer))
            },
            curators: assignments.map { a in (a.user.fullName, a.school.shortName, Self.orderText(a.orderNumber, a.orderDate)) },
            groups: kinds.map { k in
                let g = groups.first { $0.kind == k }
                return (k, g.flatMap { Self.orderText($0.orderNumber, $0.orderDate) },
                        (g?.members ?? []).sorted { $0.order < $1.order }.map { ($0.id ?? 0, $0.fullName, $0.position, $0.comment) })
            },
            schools: schools.filter(\.isActive).compactMap { s in s.id.map { ($0, s.shortName) } },
            curatorUsers: users.filter { $0.role == .curator }.compactMap { u in u.id.map { ($0, u.fullName) } },
            canManage: canManage,
            grantableRoles: grantable,
            message: try? req.query.get(String.self, at: "done"))
        return .html(PeopleView(model: model, layout: req.layout("Люди и группы", crumbs: [("Муниципалитеты", SiteRoute.authorities.path), (authority.municipality, SiteRoute.authority(id).path)]), csrf: req.csrf).render())
    }

    static func orderText(_ number: String?, _ date: String?) -> String? {
        guard let number else { return nil }
        return "приказ" + (date.flatMap(LocalDate.init(parsing:)).map { " от \($0.russian)" } ?? "") + " № \(number)"
    }

    struct CuratorForm: Content {
        var userID: Int
        var schoolID: Int
        var orderNumber: String?
        var orderDate: String?
    }

    func assignCurator(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        guard let form = try? req.content.decode(CuratorForm.self),
              let user = try await User.find(form.userID, on: req.db), user.role == .curator, user.$authority.id == aid,
              let school = try await School.find(form.schoolID, on: req.db), school.$authority.id == aid else {
            throw PublicError(.badRequest, "Выберите куратора и школу этого муниципалитета.")
        }
        if try await CuratorAssignment.query(on: req.db).filter(\.$user.$id == form.userID).filter(\.$school.$id == form.schoolID).first() != nil {
            throw PublicError(.conflict, "Этот куратор уже закреплён за школой.")
        }
        let a = CuratorAssignment(userID: form.userID, schoolID: form.schoolID, orderNumber: form.orderNumber?.nilIfBlank, orderDate: form.orderDate?.nilIfBlank)
        try await req.db.transaction { tx in
            try await a.create(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: aid, action: "Назначен куратор", entity: school.shortName,
                                   entityID: a.id, after: "\(user.fullName)" + (Self.orderText(a.orderNumber, a.orderDate).map { ", \($0)" } ?? ""))
        }
        return req.redirect(to: SiteRoute.authority(aid, .people).path)
    }

    struct MemberForm: Content {
        var fullName: String
        var position: String
        var comment: String?
    }

    func addGroupMember(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        guard let kind = req.parameters.get("kind").flatMap(GroupKind.init(rawValue:)) else { throw PublicError.notFound() }
        guard let form = try? req.content.decode(MemberForm.self), let name = form.fullName.nilIfBlank, let position = form.position.nilIfBlank else {
            throw PublicError(.badRequest, "Укажите фамилию, имя, отчество и должность.")
        }
        let group: StandingGroup
        if let existing = try await StandingGroup.query(on: req.db).filter(\.$authority.$id == aid).filter(\.$kind == kind).first() {
            group = existing
        } else {
            group = StandingGroup(authorityID: aid, kind: kind, orderNumber: nil, orderDate: nil)
            try await group.create(on: req.db)
        }
        let gid = try group.requireID()
        let next = (try await GroupMember.query(on: req.db).filter(\.$group.$id == gid).max(\.$order) ?? 0) + 1
        let member = GroupMember(groupID: gid, order: next, fullName: name, position: position, comment: form.comment?.nilIfBlank)
        try await req.db.transaction { tx in
            try await member.create(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: aid, action: "Добавлен участник группы", entity: kind.title,
                                   entityID: member.id, after: "\(name), \(position)")
        }
        return req.redirect(to: SiteRoute.authority(aid, .people).path)
    }

    func removeGroupMember(req: Request) async throws -> Response {
        guard let id = req.intParameter("memberID"), let member = try await GroupMember.query(on: req.db).filter(\.$id == id).with(\.$group).first() else {
            throw PublicError.notFound()
        }
        let aid = member.group.$authority.id
        _ = try await req.manageableAuthority(aid)
        try req.confirm("исключить из группы", consequence: "\(member.fullName) будет исключён(а) из состава «\(member.group.kind.title)».",
                        back: SiteRoute.authority(aid, .people).path)
        try await req.db.transaction { tx in
            try await member.delete(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: aid, action: "Исключён участник группы", entity: member.group.kind.title,
                                   entityID: id, before: "\(member.fullName), \(member.position)")
        }
        return req.redirect(to: SiteRoute.authority(aid, .people).path)
    }
}

import Fluent
import OporaCore
import Vapor

/// The registry kept by hand: municipalities and their methodological centres (region), schools
/// (region; a coordinator edits its own schools except what the region owns).
struct RegistryAdminController {
    /// A form's school fields, as text; converted with the checks of `RegistryEditing`.
    struct SchoolForm: Content {
        var shortName: String?
        var fullName: String?
        var kind: String?
        var legalForm: String?
        var number: String?
        var fisLogin: String?
        var examCode: String?
        var inn: String?
        var address: String?
        var locality: String?
        var small: String?
        var headName: String?

        func changes() throws -> RegistryEditing.SchoolChanges {
            var c = RegistryEditing.SchoolChanges()
            c.shortName = shortName
            c.fullName = fullName?.nilIfBlank
            if let k = kind?.nilIfBlank {
                guard let kind = SchoolKind(rawValue: k) ?? SchoolKind(russian: k) else { throw PublicError(.badRequest, "Вид школы «\(k)» не распознан.") }
                c.kind = kind
            }
            c.legalForm = legalForm
            if let n = number {
                if let t = n.nilIfBlank {
                    guard let v = Int(t), (0...100_000).contains(v) else { throw PublicError(.badRequest, "Номер школы «\(t)» — не целое число.") }
                    c.number = .some(v)
                } else { c.number = .some(nil) }
            }
            c.fisLogin = fisLogin
            c.examCode = examCode
            c.inn = inn
            c.address = address
            if let l = locality {
                if let t = l.nilIfBlank {
                    guard let v = Locality(rawValue: t) ?? Locality(russian: t) else { throw PublicError(.badRequest, "Местность: городская или сельская.") }
                    c.locality = .some(v)
                } else { c.locality = .some(nil) }
            }
            if let s = small?.nilIfBlank { c.small = s == "yes" || RussianYesNo.parse(s) == true }
            c.headName = headName
            return c
        }
    }

    // MARK: schools

    func createSchool(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let user = try req.currentUser()
        let form = try req.content.decode(SchoolForm.self)
        let school = try await RegistryEditing(db: req.db).createSchool(authorityID: try authority.requireID(), try form.changes(), by: user)
        return req.redirect(to: SiteRoute.school(try school.requireID()).path)
    }

    /// The school, if the user may edit it: the region, or the coordinator of its municipality.
    private func editableSchool(_ req: Request) async throws -> School {
        try req.routeSchool()
    }

    func editSchoolPage(req: Request) async throws -> Response {
        let school = try await editableSchool(req)
        let authority = try await school.$authority.get(on: req.db)
        let sid = try school.requireID()
        let others = try await School.query(on: req.db).filter(\.$authority.$id == school.$authority.id).filter(\.$status == .active).filter(\.$id != sid).all()
            .sortedNaturally(by: \.shortName)
        var model = SchoolEditPage(id: sid, authorityID: school.$authority.id, municipality: authority.municipality, record: school.record,
                                   status: school.statusText, isRegion: try req.currentUser().role == .regionalAdmin, isActive: school.isActive,
                                   others: others.compactMap { s in s.id.map { ($0, s.shortName) } },
                                   message: try? req.query.get(String.self, at: "done"))
        model.stamp = EditStamp.of(school)
        return .html(SchoolEditView(model: model, layout: req.layout("Сведения о школе", crumbs: [
            ("Муниципалитеты", SiteRoute.authorities.path), (authority.municipality, SiteRoute.authority(school.$authority.id).path),
            ("Школы", SiteRoute.authority(school.$authority.id, .schools).path), (school.shortName, SiteRoute.school(sid).path),
        ]), csrf: req.csrf).render())
    }

    func editSchool(req: Request) async throws -> Response {
        let school = try await editableSchool(req)
        let form = try req.content.decode(SchoolForm.self)
        try req.ensureUnchanged(school, now: "\(school.shortName), руководитель: \(school.headName ?? "—"), адрес: \(school.address ?? "—")",
                                back: SiteRoute.school(try school.requireID(), .edit).path)
        try await RegistryEditing(db: req.db).updateSchool(school, try form.changes(), by: try req.currentUser())
        return req.redirect(to: SiteRoute.school(try school.requireID(), .edit).path + "?done=" + "Сведения сохранены.".formEncoded)
    }

    struct CloseForm: Content {
        var date: String
        var reason: String?
        var into: Int?
    }

    func closeSchool(req: Request) async throws -> Response {
        let school = try await editableSchool(req)
        guard let form = try? req.content.decode(CloseForm.self), let date = LocalDate(parsing: form.date) else { throw PublicError(.badRequest, "Укажите дату.") }
        try req.confirm("закрыть школу", consequence: "«\(school.shortName)» будет отмечена закрытой с \(date.russian): она останется в истории списков, но в новые списки и планы не попадёт.",
                        back: SiteRoute.school(try school.requireID(), .edit).path)
        try await RegistryEditing(db: req.db).closeSchool(school, on: date, reason: form.reason ?? "", by: try req.currentUser())
        return req.redirect(to: SiteRoute.school(try school.requireID()).path)
    }

    func mergeSchool(req: Request) async throws -> Response {
        let school = try await editableSchool(req)
        guard let form = try? req.content.decode(CloseForm.self), let date = LocalDate(parsing: form.date), let into = form.into else {
            throw PublicError(.badRequest, "Укажите школу и дату реорганизации.")
        }
        try await RegistryEditing(db: req.db).mergeSchool(school, into: into, on: date, by: try req.currentUser())
        return req.redirect(to: SiteRoute.school(into).path)
    }

    // MARK: municipalities

    private func requireRegion(_ req: Request) throws -> User {
        // The route's permission (`administerRegion`) admitted only the region's administrator.
        try req.currentUser()
    }

    func createAuthority(req: Request) async throws -> Response {
        let user = try requireRegion(req)
        let form = try req.content.decode(RegistryEditing.AuthorityChanges.self)
        let regionID = try await RegionChoice.region(form.regionId, on: req.db)
        let a = try await RegistryEditing(db: req.db).createAuthority(regionID: regionID, form, by: user)
        return req.redirect(to: SiteRoute.authority(try a.requireID()).path)
    }

    func editAuthorityPage(req: Request) async throws -> Response {
        _ = try requireRegion(req)
        let a = try req.routeAuthority()
        let id = try a.requireID()
        let orgs = try await Organization.query(on: req.db).filter(\.$authority.$id == id).sort(\.$shortName).all()
        var model = AuthorityEditPage(
            id: id, code: a.code, municipality: a.municipality, name: a.name, shortName: a.shortName, address: a.address, headName: a.headName,
            headPosition: a.headPosition,
            closed: a.closedOn.flatMap(LocalDate.init(parsing:)).map { "\($0.russian)" + (a.closedReason.map { ", \($0)" } ?? "") },
            organizations: orgs.compactMap { o in o.id.map { ($0, o.kind, o.name, o.shortName, o.address, o.closedOn.flatMap(LocalDate.init(parsing:))?.russian) } },
            message: try? req.query.get(String.self, at: "done"))
        model.stamp = EditStamp.of(a)
        return .html(AuthorityEditView(model: model, layout: req.layout("Сведения о муниципалитете", crumbs: [
            ("Муниципалитеты", SiteRoute.authorities.path), (a.municipality, SiteRoute.authority(id).path),
        ]), csrf: req.csrf).render())
    }

    func editAuthority(req: Request) async throws -> Response {
        let user = try requireRegion(req)
        let a = try req.routeAuthority()
        try req.ensureUnchanged(a, now: "\(a.name), руководитель: \(a.headName ?? "—")", back: SiteRoute.authority(try a.requireID(), .edit).path)
        try await RegistryEditing(db: req.db).updateAuthority(a, try req.content.decode(RegistryEditing.AuthorityChanges.self), by: user)
        return req.redirect(to: SiteRoute.authority(try a.requireID(), .edit).path + "?done=" + "Сведения сохранены.".formEncoded)
    }

    func closeAuthority(req: Request) async throws -> Response {
        let user = try requireRegion(req)
        let a = try req.routeAuthority()
        guard let form = try? req.content.decode(CloseForm.self), let date = LocalDate(parsing: form.date) else { throw PublicError(.badRequest, "Укажите дату.") }
        try req.confirm("закрыть муниципалитет", consequence: "«\(a.municipality)» будет отмечен закрытым с \(date.russian): новые школы, списки и учётные записи в нём не создаются.",
                        back: SiteRoute.authority(try a.requireID(), .edit).path)
        try await RegistryEditing(db: req.db).closeAuthority(a, on: date, reason: form.reason ?? "", by: user)
        return req.redirect(to: SiteRoute.authority(try a.requireID()).path)
    }

    // MARK: methodological centres

    struct OrganizationForm: Content {
        var kind: OrganizationKind?
        var name: String
        var shortName: String?
        var address: String?
    }

    func addOrganization(req: Request) async throws -> Response {
        let user = try requireRegion(req)
        let a = try req.routeAuthority()
        guard let form = try? req.content.decode(OrganizationForm.self) else { throw PublicError(.badRequest, "Укажите наименование организации.") }
        let id = try a.requireID()
        _ = try await RegistryEditing(db: req.db).saveOrganization(nil, authorityID: id, kind: form.kind ?? .methodCentre, name: form.name,
                                                                  shortName: form.shortName ?? "", address: form.address, by: user)
        return req.redirect(to: SiteRoute.authority(id, .edit).path)
    }

    private func organization(_ req: Request) async throws -> Organization {
        guard let id = req.intParameter("organizationID"), let o = try await Organization.find(id, on: req.db) else { throw PublicError.notFound() }
        return o
    }

    /// What an organization's form shows.
    static func organizationStamp(_ kind: OrganizationKind, _ name: String, _ shortName: String, _ address: String?) -> String {
        EditStamp.of(values: [kind.rawValue, name, shortName, address ?? ""])
    }

    func editOrganization(req: Request) async throws -> Response {
        let user = try requireRegion(req)
        let o = try await organization(req)
        guard let form = try? req.content.decode(OrganizationForm.self) else { throw PublicError(.badRequest, "Укажите наименование организации.") }
        try req.ensureUnchanged(stamp: Self.organizationStamp(o.kind, o.name, o.shortName, o.address), now: "\(o.name), \(o.address ?? "адрес не указан")",
                                back: SiteRoute.authority(o.$authority.id, .edit).path)
        _ = try await RegistryEditing(db: req.db).saveOrganization(o, authorityID: o.$authority.id, kind: form.kind ?? o.kind, name: form.name,
                                                                  shortName: form.shortName ?? "", address: form.address, by: user)
        return req.redirect(to: SiteRoute.authority(o.$authority.id, .edit).path)
    }

    func closeOrganization(req: Request) async throws -> Response {
        let user = try requireRegion(req)
        let o = try await organization(req)
        guard let form = try? req.content.decode(CloseForm.self), let date = LocalDate(parsing: form.date) else { throw PublicError(.badRequest, "Укажите дату.") }
        try await RegistryEditing(db: req.db).closeOrganization(o, on: date, by: user)
        return req.redirect(to: SiteRoute.authority(o.$authority.id, .edit).path)
    }
}

/// Which region a regional action is for. A region's installation has one; the demo gathers the
/// five regions of its seed orders, so there the form names one.
enum RegionChoice {
    static func region(_ id: Int?, on db: any Database) async throws -> Int {
        if let id {
            guard try await Region.find(id, on: db) != nil else { throw PublicError(.badRequest, "Регион не найден.") }
            return id
        }
        let regions = try await Region.query(on: db).sort(\.$id).all()
        guard let only = regions.first?.id else { throw PublicError(.badRequest, "Регион не создан: выполните «opora setup».") }
        guard regions.count == 1 else { throw PublicError(.badRequest, "Выберите регион.") }
        return only
    }

    /// The region a command names by `--region-name`, or the only one; a failure says what to give.
    static func forCommand(name: String?, on db: any Database) async throws -> Int {
        var id: Int?
        if let name {
            guard let r = try await Region.query(on: db).filter(\.$name == name).first() else { throw CommandFailure(description: "Регион «\(name)» не найден.") }
            id = r.id
        }
        do { return try await region(id, on: db) } catch let e as PublicError {
            throw CommandFailure(description: e.reason + (e.reason.contains("Выберите") ? " Укажите --region-name \"<название>\"." : ""))
        }
    }

    static func options(on db: any Database) async throws -> [(id: Int, name: String)] {
        try await Region.query(on: db).sort(\.$name).all().compactMap { r in r.id.map { ($0, r.name) } }
    }
}

extension String {
    /// For a query-string value («?done=…»).
    var formEncoded: String { addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
}

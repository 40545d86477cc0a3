import Fluent
import Foundation
import OporaCore
import Vapor

/// One school or municipality changed by hand (page or API). The region's administrator keeps
/// the registry; a municipality's coordinator edits its own schools except what the region owns
/// (the ФИС ОКО login, the exam code, the ИНН). Every change is audited; nothing referenced is
/// deleted — schools and municipalities are closed, and a reorganised school is merged into another.
struct RegistryEditing {
    let db: any Database

    /// What a form or an API call asks to change; nil leaves a value as it is, an empty text clears it.
    struct SchoolChanges {
        var shortName: String?
        var fullName: String?
        var kind: SchoolKind?
        var legalForm: String?
        var number: Int??
        var fisLogin: String?
        var examCode: String?
        var inn: String?
        var address: String?
        var locality: Locality??
        var small: Bool?
        var headName: String?
    }

    static func isRegion(_ user: User) -> Bool { user.role == .regionalAdmin }

    /// The record with the changes applied, checked: names given, login and ИНН well-formed.
    func merged(_ old: SchoolRecord, _ c: SchoolChanges) throws -> SchoolRecord {
        var r = old
        func text(_ s: String?, limit: Int, _ what: String) throws -> String?? {
            guard let s else { return .none }
            let t = s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            guard t.count <= limit else { throw PublicError(.badRequest, "\(what): не более \(limit) символов.") }
            return .some(t.isEmpty ? nil : t)
        }
        if case .some(let v) = try text(c.shortName, limit: 300, "Краткое наименование") {
            guard let v else { throw PublicError(.badRequest, "Укажите краткое наименование школы.") }
            if v != r.shortName && !r.aliases.contains(r.shortName) { r.aliases.append(r.shortName) }
            r.shortName = v
        }
        if case .some(let v) = try text(c.fullName, limit: 1_000, "Полное наименование") {
            guard let v else { throw PublicError(.badRequest, "Укажите полное наименование школы.") }
            if v != r.fullName && !r.aliases.contains(r.fullName) && r.fullName != r.shortName { r.aliases.append(r.fullName) }
            r.fullName = v
        }
        if let k = c.kind { r.kind = k }
        if case .some(let v) = try text(c.legalForm, limit: 100, "Организационно-правовая форма") { r.legalForm = v ?? "" }
        if let n = c.number { r.number = n }
        if case .some(let v) = try text(c.fisLogin, limit: 40, "Логин ФИС ОКО") {
            if let v, !AccountRules.isValidLogin(v.lowercased()) {
                throw PublicError(.badRequest, "Логин ФИС ОКО «\(v)»: латинские буквы, цифры, точка, дефис, подчёркивание, от 3 до 40 символов.")
            }
            r.fisLogin = v?.lowercased()
        }
        if case .some(let v) = try text(c.examCode, limit: 32, "Код ОО") { r.examCode = v }
        if case .some(let v) = try text(c.inn, limit: 20, "ИНН") {
            if let v {
                switch INN.validate(v) {
                case .success(let inn): r.inn = inn
                case .failure(let p): throw PublicError(.badRequest, "ИНН «\(v)»: \(p.message).")
                }
            } else { r.inn = nil }
        }
        if case .some(let v) = try text(c.address, limit: 500, "Адрес") { r.address = v }
        if let l = c.locality { r.locality = l }
        if let s = c.small { r.small = s }
        if case .some(let v) = try text(c.headName, limit: 200, "Руководитель") { r.headName = v }
        r.aliases = r.aliases.filter { $0 != r.shortName && $0 != r.fullName }
        return r
    }

    /// Login, exam code and ИНН belong to one school each; short names differ within a municipality.
    func checkUnique(_ r: SchoolRecord, authorityID: Int, except id: Int?) async throws {
        func clash(_ q: QueryBuilder<School>) async throws -> School? {
            if let id { q.filter(\.$id != id) }
            return try await q.first()
        }
        if let l = r.fisLogin, let other = try await clash(School.query(on: db).filter(\.$fisLogin == l)) {
            throw PublicError(.conflict, "Логин ФИС ОКО «\(l)» уже у школы «\(other.shortName)».")
        }
        if let c = r.examCode, let other = try await clash(School.query(on: db).filter(\.$examCode == c)) {
            throw PublicError(.conflict, "Код ОО «\(c)» уже у школы «\(other.shortName)».")
        }
        if let i = r.inn, let other = try await clash(School.query(on: db).filter(\.$inn == i)) {
            throw PublicError(.conflict, "ИНН «\(i)» уже у школы «\(other.shortName)».")
        }
        if let other = try await clash(School.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$shortName == r.shortName)) {
            throw PublicError(.conflict, "В муниципалитете уже есть школа «\(other.shortName)»: краткие наименования должны различаться.")
        }
    }

    func createSchool(authorityID: Int, _ c: SchoolChanges, by user: User) async throws -> School {
        guard Self.isRegion(user) else { throw PublicError(.forbidden, "Школы в реестр добавляет региональный администратор.") }
        guard let authority = try await Authority.find(authorityID, on: db) else { throw PublicError.notFound() }
        guard authority.closedOn == nil else { throw PublicError(.badRequest, "Муниципалитет «\(authority.municipality)» закрыт: новые школы в него не добавляются.") }
        var seed = c
        if seed.fullName?.nilIfBlank == nil { seed.fullName = seed.shortName }
        guard let short = seed.shortName?.nilIfBlank else { throw PublicError(.badRequest, "Укажите краткое наименование школы.") }
        // A blank field of the «add a school» form leaves what the name says, not an empty value.
        if seed.legalForm?.nilIfBlank == nil { seed.legalForm = nil }
        if case .some(nil) = seed.number { seed.number = nil }
        let record = try merged(SchoolRecord(named: short, fullName: nil), seed)
        try await checkUnique(record, authorityID: authorityID, except: nil)
        let school = School(authorityID: authorityID, kind: record.kind, legalForm: record.legalForm, number: record.number,
                            shortName: record.shortName, fullName: record.fullName, aliases: [])
        school.apply(record)
        try await school.create(on: db)
        try await Audit.record(on: db, user: user, authorityID: authorityID, action: "Школа добавлена в реестр", entity: record.shortName, entityID: school.id,
                               after: RegistryText.describe(record))
        return school
    }

    func updateSchool(_ school: School, _ c: SchoolChanges, by user: User) async throws {
        let before = school.record
        let record = try merged(before, c)
        guard record != before else { return }
        // Sending the region's values back unchanged (a whole form) is not a change of them.
        if !Self.isRegion(user) && (record.fisLogin != before.fisLogin || record.examCode != before.examCode || record.inn != before.inn) {
            throw PublicError(.forbidden, "Логин ФИС ОКО, код ОО и ИНН школы ведёт регион: обратитесь к региональному администратору.")
        }
        try await checkUnique(record, authorityID: school.$authority.id, except: school.id)
        school.apply(record)
        try await school.save(on: db)
        let changes = record.changes(from: before)
        try await Audit.record(on: db, user: user, authorityID: school.$authority.id, action: "Изменены сведения о школе", entity: before.shortName, entityID: school.id,
                               before: changes.map { "\($0.field): \($0.before)" }.joined(separator: "; "),
                               after: changes.map { "\($0.field): \($0.after)" }.joined(separator: "; "))
    }

    /// Closed on a date with a reason: the school stays in past lists, reports and results.
    func closeSchool(_ school: School, on date: LocalDate, reason: String, by user: User) async throws {
        guard Self.isRegion(user) else { throw PublicError(.forbidden, "Школу закрывает региональный администратор.") }
        guard school.isActive else { throw PublicError(.conflict, "Школа уже \(school.statusText ?? "закрыта").") }
        guard let reason = reason.nilIfBlank, reason.count <= 500 else { throw PublicError(.badRequest, "Укажите причину закрытия (до 500 символов).") }
        school.status = .closed
        school.closedOn = date.iso
        school.closedReason = reason
        try await school.save(on: db)
        try await Audit.record(on: db, user: user, authorityID: school.$authority.id, action: "Школа закрыта", entity: school.shortName, entityID: school.id,
                               before: SchoolStatus.active.title, after: school.statusText)
    }

    /// Merged into another working school of the same municipality: from then on that school's
    /// history, lists and results include this one's.
    func mergeSchool(_ school: School, into targetID: Int, on date: LocalDate, by user: User) async throws {
        guard Self.isRegion(user) else { throw PublicError(.forbidden, "Реорганизацию отмечает региональный администратор.") }
        guard school.isActive else { throw PublicError(.conflict, "Школа уже \(school.statusText ?? "закрыта").") }
        guard targetID != school.id, let target = try await School.find(targetID, on: db), target.$authority.id == school.$authority.id else {
            throw PublicError(.badRequest, "Выберите другую школу того же муниципалитета.")
        }
        guard target.isActive else { throw PublicError(.badRequest, "Школа «\(target.shortName)» \(target.statusText ?? "закрыта"): присоединить к ней нельзя.") }
        school.status = .reorganised
        school.closedOn = date.iso
        school.closedReason = "присоединена к \(target.shortName)"
        school.$mergedInto.id = targetID
        try await school.save(on: db)
        try await Audit.record(on: db, user: user, authorityID: school.$authority.id, action: "Школа реорганизована", entity: school.shortName, entityID: school.id,
                               before: SchoolStatus.active.title, after: school.statusText)
    }

    // MARK: municipalities

    /// A municipality to create or change, from a form or the API; nil leaves a value as it is.
    /// `closedOn` with `closedReason` closes it (API); `regionId` picks the region of a new one.
    struct AuthorityChanges: Content {
        var regionId: Int?
        var code: String?
        var municipality: String?
        var name: String?
        var shortName: String?
        var address: String?
        var headName: String?
        var headPosition: String?
        var closedOn: String?
        var closedReason: String?
    }

    func createAuthority(regionID: Int, _ c: AuthorityChanges, by user: User) async throws -> Authority {
        guard Self.isRegion(user) else { throw PublicError(.forbidden, "Муниципалитеты добавляет региональный администратор.") }
        guard let municipality = c.municipality?.nilIfBlank else { throw PublicError(.badRequest, "Укажите название муниципалитета.") }
        let code: String
        if let given = c.code?.nilIfBlank {
            code = try await checkedCode(given, except: nil)
        } else {
            code = Transliteration.unique(Transliteration.slug(municipality), taken: Set(try await Authority.query(on: db).all(\.$code)))
        }
        let a = Authority(code: code, regionID: regionID, municipality: municipality, name: c.name?.nilIfBlank ?? municipality,
                          shortName: c.shortName?.nilIfBlank ?? municipality)
        try await apply(c, to: a)
        try await a.create(on: db)
        try await Audit.record(on: db, user: user, authorityID: a.id, action: "Муниципалитет добавлен в реестр", entity: municipality, entityID: a.id,
                               after: "код \(a.code); \(a.name)")
        return a
    }

    func updateAuthority(_ a: Authority, _ c: AuthorityChanges, by user: User) async throws {
        guard Self.isRegion(user) else { throw PublicError(.forbidden, "Сведения о муниципалитете ведёт региональный администратор.") }
        let before = Self.describe(a)
        try await apply(c, to: a)
        try await a.save(on: db)
        let after = Self.describe(a)
        guard before != after else { return }
        try await Audit.record(on: db, user: user, authorityID: a.id, action: "Изменены сведения о муниципалитете", entity: a.municipality, entityID: a.id,
                               before: before, after: after)
    }

    func closeAuthority(_ a: Authority, on date: LocalDate, reason: String, by user: User) async throws {
        guard Self.isRegion(user) else { throw PublicError(.forbidden, "Муниципалитет закрывает региональный администратор.") }
        guard a.closedOn == nil else { throw PublicError(.conflict, "Муниципалитет уже закрыт.") }
        guard let reason = reason.nilIfBlank else { throw PublicError(.badRequest, "Укажите причину (например, «преобразован в муниципальный округ»).") }
        a.closedOn = date.iso
        a.closedReason = String(reason.prefix(500))
        try await a.save(on: db)
        try await Audit.record(on: db, user: user, authorityID: a.id, action: "Муниципалитет закрыт", entity: a.municipality, entityID: a.id,
                               after: "\(date.russian): \(a.closedReason ?? "")")
    }

    private func apply(_ c: AuthorityChanges, to a: Authority) async throws {
        if let code = c.code?.nilIfBlank?.lowercased(), code != a.code { a.code = try await checkedCode(code, except: a.id) }
        func limited(_ s: String?, _ what: String, _ limit: Int = 500) throws -> String?? {
            guard let s else { return .none }
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            guard t.count <= limit else { throw PublicError(.badRequest, "\(what): не более \(limit) символов.") }
            return .some(t.isEmpty ? nil : t)
        }
        if case .some(let v) = try limited(c.municipality, "Название муниципалитета", 300) {
            guard let v else { throw PublicError(.badRequest, "Укажите название муниципалитета.") }
            a.municipality = v
        }
        if case .some(let v) = try limited(c.name, "Полное наименование органа управления образованием") { a.name = v ?? a.municipality }
        if case .some(let v) = try limited(c.shortName, "Краткое наименование", 200) { a.shortName = v ?? a.municipality }
        if case .some(let v) = try limited(c.address, "Адрес") { a.address = v }
        if case .some(let v) = try limited(c.headName, "Руководитель", 200) { a.headName = v }
        if case .some(let v) = try limited(c.headPosition, "Должность руководителя", 300) { a.headPosition = v }
    }

    /// A municipality's code: well-formed and no other municipality's.
    private func checkedCode(_ given: String, except id: Int?) async throws -> String {
        let code = given.lowercased()
        guard AccountRules.isValidLogin(code) else { throw PublicError(.badRequest, "Код «\(code)»: латинские буквы, цифры, точка, дефис, от 3 до 40 символов.") }
        let q = Authority.query(on: db).filter(\.$code == code)
        if let id { q.filter(\.$id != id) }
        if try await q.first() != nil { throw PublicError(.conflict, "Код «\(code)» уже занят другим муниципалитетом.") }
        return code
    }

    static func describe(_ a: Authority) -> String {
        [a.code, a.municipality, a.name, a.shortName, a.address ?? "—", [a.headName, a.headPosition].compactMap { $0 }.joined(separator: ", ")]
            .joined(separator: "; ")
    }

    // MARK: methodological centres

    func saveOrganization(_ o: Organization?, authorityID: Int, kind: OrganizationKind, name: String, shortName: String, address: String?, by user: User) async throws -> Organization {
        guard Self.isRegion(user) else { throw PublicError(.forbidden, "Методические центры ведёт региональный администратор.") }
        guard let name = name.nilIfBlank, name.count <= 500 else { throw PublicError(.badRequest, "Укажите наименование (до 500 символов).") }
        let org = o ?? Organization(authorityID: authorityID, kind: kind, name: name, shortName: shortName.nilIfBlank ?? name)
        let before = o.map { "\($0.name); \($0.shortName); \($0.address ?? "—")" }
        org.kind = kind
        org.name = name
        org.shortName = String((shortName.nilIfBlank ?? name).prefix(200))
        org.address = address?.nilIfBlank.map { String($0.prefix(500)) }
        try await org.save(on: db)
        try await Audit.record(on: db, user: user, authorityID: authorityID, action: o == nil ? "Организация добавлена в реестр" : "Изменены сведения об организации",
                               entity: org.shortName, entityID: org.id, before: before, after: "\(org.name); \(org.shortName); \(org.address ?? "—")")
        return org
    }

    func closeOrganization(_ o: Organization, on date: LocalDate, by user: User) async throws {
        guard Self.isRegion(user) else { throw PublicError(.forbidden, "Методические центры ведёт региональный администратор.") }
        o.closedOn = date.iso
        try await o.save(on: db)
        try await Audit.record(on: db, user: user, authorityID: o.$authority.id, action: "Организация закрыта", entity: o.shortName, entityID: o.id, after: date.russian)
    }
}

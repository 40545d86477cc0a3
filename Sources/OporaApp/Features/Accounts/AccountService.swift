import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Vapor

/// Accounts: created with a one-time password shown once, reset, deactivated, their role changed —
/// by the region for its coordinators and observers, by a coordinator for its municipality.
/// Pages, API and CLI share it, so the rules in `AccountRules` hold on every path.
/// `actor == nil` is the command line run by the server's administrator.
struct AccountService {
    let db: any Database
    let credentials: Credentials

    struct NewAccount {
        var login: String
        var fullName: String
        var position: String
        var organization: String?
        var role: Role
        var authorityID: Int?
        var schoolID: Int?
    }

    /// A created account and its one-time password, which is never stored in clear.
    struct Issued {
        let user: User
        let password: String
    }

    static func actor(_ user: User?) -> AccountRules.Actor {
        user.map { AccountRules.Actor(role: $0.role, authorityID: $0.$authority.id) } ?? AccountRules.Actor(role: .regionalAdmin, authorityID: nil)
    }

    func create(_ a: NewAccount, by actor: User?) async throws -> Issued {
        let login = a.login.trimmingCharacters(in: .whitespaces).lowercased()
        guard AccountRules.isValidLogin(login) else {
            throw PublicError(.badRequest, "Логин «\(a.login)»: от 3 до 40 латинских строчных букв, цифр, точек, дефисов или подчёркиваний.")
        }
        guard let fullName = a.fullName.nilIfBlank, fullName.count <= 200 else { throw PublicError(.badRequest, "Укажите фамилию, имя и отчество (до 200 символов).") }
        let authorityID = a.role.isRegional ? nil : a.authorityID
        guard AccountRules.canCreate(role: a.role, authorityID: authorityID, by: Self.actor(actor)) else {
            throw PublicError(.forbidden, "Создать учётную запись с ролью «\(a.role.title)» здесь нельзя: роль выше вашей или муниципалитет не ваш.")
        }
        var schoolID: Int?
        if AccountRules.needsSchool(a.role) {
            guard let sid = a.schoolID, let school = try await School.find(sid, on: db), school.$authority.id == authorityID else {
                throw PublicError(.badRequest, "Для руководителя и сотрудника школы выберите школу муниципалитета.")
            }
            guard school.isActive else { throw PublicError(.badRequest, "Школа «\(school.shortName)» \(school.statusText ?? "закрыта"): учётные записи для неё не создаются.") }
            schoolID = sid
        }
        if let authorityID, try await Authority.find(authorityID, on: db) == nil { throw PublicError(.badRequest, "Муниципалитет не найден.") }
        if try await User.query(on: db).filter(\.$login == login).first() != nil {
            throw PublicError(.conflict, "Логин «\(login)» уже занят.")
        }
        let password = OneTimePassword.generate()
        let user = User(login: login, passwordHash: try await credentials.hash(password, oneTime: true), fullName: fullName,
                        position: a.position.nilIfBlank ?? a.role.title, organization: a.organization?.nilIfBlank, role: a.role,
                        authorityID: authorityID, schoolID: schoolID)
        user.mustChangePassword = true
        try await user.create(on: db)
        try await audit(db, login: login, by: actor, authorityID: authorityID, action: "Создана учётная запись", entityID: user.id,
                        after: "\(user.fullName), \(user.position), роль: \(user.role.title)")
        return Issued(user: user, password: password)
    }

    /// Every account change in the log; without an actor it came from the command line.
    private func audit(_ db: any Database, login: String, by actor: User?, authorityID: Int?, action: String, entityID: Int?,
                       before: String? = nil, after: String? = nil) async throws {
        try await Audit.record(on: db, user: actor, by: actor == nil ? "командная строка" : nil, authorityID: authorityID, action: action,
                               entity: "Пользователь \(login)", entityID: entityID, before: before, after: after)
    }

    /// Whoever held the account's password stops here: its sessions end and its API tokens are revoked.
    private func endAccess(_ uid: Int, on tx: any Database) async throws {
        try await SessionRow.end(userID: uid, on: tx)
        try await APIToken.query(on: tx).filter(\.$user.$id == uid).filter(\.$revokedAt == nil).set(\.$revokedAt, to: Date()).update()
    }

    /// The account, if the actor may manage it; 404 when it is outside the actor's reach.
    func manageable(_ id: Int?, by actor: User?) async throws -> User {
        guard let id, let user = try await User.find(id, on: db) else { throw PublicError.notFound() }
        let a = Self.actor(actor)
        guard AccountRules.canManage(target: user.role, authorityID: user.$authority.id, by: a) else {
            // Another municipality's account does not exist for a coordinator; its own senior's does.
            if a.role == .coordinator, user.$authority.id == a.authorityID { throw PublicError.forbidden() }
            throw PublicError.notFound()
        }
        return user
    }

    /// A new one-time password; the account's sessions end, its API tokens are revoked (a reset
    /// is often because the password leaked) and the password must be changed at next login.
    func resetPassword(_ user: User, by actor: User?) async throws -> String {
        let password = OneTimePassword.generate()
        user.passwordHash = try await credentials.hash(password, oneTime: true)
        user.mustChangePassword = true
        let wasInactive = !user.active
        user.active = true
        user.deactivatedAt = nil
        let uid = try user.requireID()
        try await db.transaction { tx in
            try await user.save(on: tx)
            try await endAccess(uid, on: tx)
            try await audit(tx, login: user.login, by: actor, authorityID: user.$authority.id, action: wasInactive ? "Учётная запись активирована" : "Пароль сброшен",
                            entityID: uid, after: "выдан одноразовый пароль; сеансы завершены, токены API отозваны")
        }
        return password
    }

    /// Deactivated at once: sessions deleted, API tokens revoked. The account and its name stay in
    /// every record it made.
    func deactivate(_ user: User, by actor: User?) async throws {
        guard user.id != actor?.id else { throw PublicError(.badRequest, "Свою учётную запись отключить нельзя.") }
        guard user.active else { return }
        user.active = false
        user.deactivatedAt = Date()
        let uid = try user.requireID()
        try await db.transaction { tx in
            try await user.save(on: tx)
            try await endAccess(uid, on: tx)
            try await audit(tx, login: user.login, by: actor, authorityID: user.$authority.id, action: "Учётная запись отключена", entityID: uid,
                            before: "\(user.fullName), роль: \(user.role.title)")
        }
    }

    struct Changes {
        var fullName: String?
        var position: String?
        var role: Role?
        var schoolID: Int??
    }

    /// Name, position, role and school of an account; a role only as high as the actor may grant.
    func update(_ user: User, _ c: Changes, by actor: User?) async throws {
        let before = "\(user.fullName), \(user.position), роль: \(user.role.title)"
        if let role = c.role, role != user.role {
            guard AccountRules.canGrant(role, by: Self.actor(actor)), role.isRegional == user.role.isRegional else {
                throw PublicError(.forbidden, "Роль «\(role.title)» выше ваших полномочий.")
            }
            user.role = role
        }
        if let n = c.fullName?.nilIfBlank { user.fullName = String(n.prefix(200)) }
        if let p = c.position?.nilIfBlank { user.position = String(p.prefix(200)) }
        let schoolChanged = c.schoolID.map { $0 != user.$school.id } ?? false
        if let sid = c.schoolID { user.$school.id = sid }
        if AccountRules.needsSchool(user.role) {
            guard let sid = user.$school.id, let school = try await School.find(sid, on: db), school.$authority.id == user.$authority.id else {
                throw PublicError(.badRequest, "Для руководителя и сотрудника школы выберите школу муниципалитета.")
            }
            // As at creation: no account moves to a closed or merged school.
            if schoolChanged && !school.isActive {
                throw PublicError(.badRequest, "Школа «\(school.shortName)» \(school.statusText ?? "закрыта"): учётные записи для неё не создаются.")
            }
        } else {
            user.$school.id = nil
        }
        try await db.transaction { tx in
            try await user.save(on: tx)
            try await audit(tx, login: user.login, by: actor, authorityID: user.$authority.id, action: "Изменена учётная запись", entityID: user.id,
                            before: before, after: "\(user.fullName), \(user.position), роль: \(user.role.title)")
        }
    }

    /// The user's own password: the current one, then a new one that follows `PasswordPolicy`.
    /// Other sessions of the user end; the current one (when given) stays signed in.
    func changePassword(_ user: User, current: String, new: String, repeated: String, keepSession: SessionID?) async throws {
        guard try await credentials.verify(current, hash: user.passwordHash) else { throw PublicError(.badRequest, "Текущий пароль указан неверно.") }
        guard new == repeated else { throw PublicError(.badRequest, "Новый пароль и его повтор не совпадают.") }
        guard new != current else { throw PublicError(.badRequest, "Новый пароль должен отличаться от прежнего.") }
        let problems = PasswordPolicy.problems(new, login: user.login)
        guard problems.isEmpty else { throw PublicError(.badRequest, "Пароль не подходит: " + problems.joined(separator: "; ") + ".") }
        user.passwordHash = try await credentials.hash(new)
        user.mustChangePassword = false
        let uid = try user.requireID()
        try await db.transaction { tx in
            try await user.save(on: tx)
            try await SessionRow.end(userID: uid, except: keepSession, on: tx)
            try await Audit.record(on: tx, user: user, authorityID: user.$authority.id, action: "Пароль изменён", entity: "Пользователь \(user.login)", entityID: uid)
        }
    }

    // MARK: school heads in one step

    struct HeadAccount {
        let school: School
        let login: String
        /// nil when the school already had an active head account.
        let password: String?
        let fullName: String
    }

    /// An account for the head of every working school of the municipality that has none, in one
    /// transaction; the list (with the schools that already had one) for the XLSX to hand out.
    func createSchoolHeads(authorityID: Int, by actor: User?) async throws -> [HeadAccount] {
        guard AccountRules.canCreate(role: .schoolHead, authorityID: authorityID, by: Self.actor(actor)) else { throw PublicError.forbidden() }
        let schools = try await School.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$status == .active).all()
            .sortedNaturally(by: \.shortName)
        let heads = try await User.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$role == .schoolHead).filter(\.$active == true).all()
        let headBySchool = Dictionary(heads.compactMap { u in u.$school.id.map { ($0, u) } }, uniquingKeysWith: { a, _ in a })
        var taken = Set(try await User.query(on: db).all(\.$login))
        let authority = try await Authority.find(authorityID, on: db)
        var planned: [(School, String, String, String)] = []
        var out: [HeadAccount] = []
        for school in schools {
            if let head = headBySchool[try school.requireID()] {
                out.append(HeadAccount(school: school, login: head.login, password: nil, fullName: head.fullName))
                continue
            }
            let login = Self.headLogin(for: school, authorityCode: authority?.code ?? "mo", taken: taken)
            taken.insert(login)
            planned.append((school, login, OneTimePassword.generate(), school.headName ?? "Руководитель \(school.shortName)"))
        }
        let hashes = try await credentials.hashOneTime(planned.map(\.2))
        let toCreate = planned
        let created: [HeadAccount] = try await db.transaction { tx in
            var created: [HeadAccount] = []
            for (i, (school, login, password, name)) in toCreate.enumerated() {
                let user = User(login: login, passwordHash: hashes[i], fullName: name, position: "Руководитель", organization: school.shortName,
                                role: .schoolHead, authorityID: authorityID, schoolID: try school.requireID())
                user.mustChangePassword = true
                try await user.create(on: tx)
                try await audit(tx, login: login, by: actor, authorityID: authorityID, action: "Создана учётная запись руководителя школы",
                                entityID: user.id, after: "\(name), \(school.shortName)")
                created.append(HeadAccount(school: school, login: login, password: password, fullName: name))
            }
            return created
        }
        out += created
        return out.sortedNaturally(by: \.school.shortName)
    }

    /// The school's ФИС ОКО login, which the school already knows; else the municipality's code
    /// and the school's number; never one already taken.
    static func headLogin(for school: School, authorityCode: String, taken: Set<String>) -> String {
        if let l = school.fisLogin?.lowercased(), AccountRules.isValidLogin(l), !taken.contains(l) { return l }
        let base = String(authorityCode.prefix(30)) + "-" + (school.number.map { "school\($0)" } ?? "school\(school.id ?? 0)")
        return Transliteration.unique(base, taken: taken)
    }

    /// The sheet a coordinator hands out: logins and one-time passwords, shown once.
    static func headsWorkbook(_ heads: [HeadAccount], municipality: String) throws -> Data {
        var rows: [[Workbook.Cell]] = [
            [.text("Учётные записи руководителей школ: \(municipality)")],
            [.text("Одноразовый пароль действует до первого входа: при входе его нужно сменить. Файл показывается один раз — передайте каждому его строку.")],
            ["№", "Школа", "Логин ФИС ОКО", "Логин в Опоре", "Одноразовый пароль", "ФИО", "Примечание"],
        ]
        for (n, h) in heads.enumerated() {
            rows.append([.number(Double(n + 1)), .text(h.school.shortName), .text(h.school.fisLogin ?? ""), .text(h.login),
                         .text(h.password ?? ""), .text(h.fullName), .text(h.password == nil ? "учётная запись уже была, пароль не менялся" : "")])
        }
        return try Workbook(sheets: [.init(name: "Руководители", rows: rows, headerRows: 3, columnWidths: [5, 36, 16, 22, 18, 34, 30])]).xlsx()
    }
}

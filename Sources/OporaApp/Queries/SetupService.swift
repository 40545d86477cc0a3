import Fluent
import Foundation
import OporaCore

/// The first start of a region's installation: the region and its administrator, whose
/// one-time password is printed once. One installation serves one region; the demo is the one
/// exception (it gathers the regions of the five seed orders).
struct SetupService {
    let db: any Database
    let credentials: Credentials

    func run(region name: String, adminLogin: String, adminName: String?) async throws -> String {
        guard let regionName = name.nilIfBlank, regionName.count <= 200 else {
            throw CommandFailure(description: "Укажите название региона: --region \"Кемеровская область — Кузбасс\" (до 200 символов).")
        }
        if let existing = try await Region.query(on: db).first() {
            throw CommandFailure(description: "В базе уже есть регион «\(existing.name)»: «opora setup» выполняется один раз, на пустой базе. "
                                 + "Забыли пароль администратора — «opora user reset-password --login <логин>».")
        }
        let login = adminLogin.lowercased()
        guard AccountRules.isValidLogin(login) else {
            throw CommandFailure(description: "Логин администратора «\(adminLogin)»: от 3 до 40 латинских строчных букв, цифр, точек, дефисов или подчёркиваний.")
        }
        if try await User.query(on: db).filter(\.$login == login).first() != nil {
            throw CommandFailure(description: "Логин «\(login)» уже занят.")
        }
        let password = OneTimePassword.generate()
        let hash = try await credentials.hash(password, oneTime: true)
        try await db.transaction { tx in
            let region = Region(name: regionName)
            try await region.create(on: tx)
            let admin = User(login: login, passwordHash: hash, fullName: adminName?.nilIfBlank ?? "Региональный администратор",
                             position: "Региональный администратор", organization: nil, role: .regionalAdmin, authorityID: nil, schoolID: nil)
            admin.mustChangePassword = true
            try await admin.create(on: tx)
            try await Audit.record(on: tx, user: nil, authorityID: nil, action: "Начальная настройка", entity: "Регион «\(regionName)»", entityID: region.id,
                                   after: "администратор \(login)")
        }
        return password
    }

    /// What `serve` says when the database has no region yet.
    static let emptyDatabaseHint = """
        База данных пуста: регион не настроен. Выполните
          opora setup --region "<название региона>" --admin-login <логин>
        (печатает одноразовый пароль администратора), затем войдите и загрузите реестр школ:
          opora import-registry <реестр.csv|xlsx>
        Демонстрационные данные: opora serve --demo
        """
}

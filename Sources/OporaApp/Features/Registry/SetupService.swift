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
        // The administrator is an account like any other: the same login rule, one-time password and audit.
        return try await UserCommands.run {
            try await db.transaction { tx in
                let region = Region(name: regionName)
                try await region.create(on: tx)
                try await Audit.record(on: tx, user: nil, by: "командная строка", authorityID: nil, action: "Начальная настройка", entity: "Регион «\(regionName)»",
                                       entityID: region.id, after: "администратор \(adminLogin.lowercased())")
                return try await AccountService(db: tx, credentials: credentials).create(
                    .init(login: adminLogin, fullName: adminName?.nilIfBlank ?? "Региональный администратор", position: "", organization: nil,
                          role: .regionalAdmin, authorityID: nil, schoolID: nil), by: nil).password
            }
        }
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

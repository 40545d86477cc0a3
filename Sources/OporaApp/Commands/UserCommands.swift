import Fluent
import Foundation
import OporaCore
import Vapor

/// `opora user create|reset-password|deactivate|school-heads`: the server administrator's way to
/// accounts, with the same rules as the pages (the command line acts for the region).
struct UserCommands: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] {
        ["create": UserCreateCommand(), "reset-password": UserResetCommand(), "deactivate": UserDeactivateCommand(), "school-heads": SchoolHeadsCommand()]
    }
    var help: String { "Учётные записи: создать, сбросить пароль, отключить, руководители всех школ муниципалитета" }

    static func user(_ login: String?, on db: any Database) async throws -> User {
        guard let login, let user = try await User.query(on: db).filter(\.$login == login.lowercased()).first() else {
            throw CommandFailure(description: "Нет пользователя с таким логином: --login <логин>.")
        }
        return user
    }

    /// Page and command failures read the same.
    static func run<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let e as PublicError { throw CommandFailure(description: e.reason) }
    }
}

struct UserCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "login") var login: String?
        @Option(name: "name", help: "ФИО") var name: String?
        @Option(name: "role", help: "coordinator, methodologist, curator, schoolHead, schoolStaff, regionalObserver, regionalAdmin") var role: String?
        @Option(name: "authority", help: "Код муниципалитета (для муниципальных ролей)") var authority: String?
        @Option(name: "school-login", help: "Логин ФИС ОКО школы (для руководителя и сотрудника школы)") var schoolLogin: String?
        @Option(name: "position", help: "Должность") var position: String?
    }
    var help: String { "Создаёт учётную запись и печатает одноразовый пароль" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let login = signature.login, let name = signature.name, let role = signature.role.flatMap(Role.init(rawValue:)) else {
            throw CommandFailure(description: "Укажите --login, --name и --role (" + Role.allCases.map(\.rawValue).joined(separator: ", ") + ").")
        }
        var authorityID: Int?
        if !role.isRegional { authorityID = try await CommandFailure.authority(signature.authority, on: app.db).requireID() }
        var schoolID: Int?
        if AccountRules.needsSchool(role) {
            guard let l = signature.schoolLogin, let school = try await School.query(on: app.db).filter(\.$fisLogin == l.lowercased()).first() else {
                throw CommandFailure(description: "Укажите школу: --school-login <логин ФИС ОКО>.")
            }
            schoolID = school.id
        }
        let issued = try await UserCommands.run {
            try await AccountService(db: app.db, credentials: app.credentials).create(
                .init(login: login, fullName: name, position: signature.position ?? "", organization: nil, role: role, authorityID: authorityID, schoolID: schoolID), by: nil)
        }
        context.console.print("Создана учётная запись \(issued.user.login) (\(role.title)). Одноразовый пароль: \(issued.password)")
    }
}

struct UserResetCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "login") var login: String?
    }
    var help: String { "Выдаёт новый одноразовый пароль (и активирует отключённую учётную запись)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let user = try await UserCommands.user(signature.login, on: app.db)
        let password = try await UserCommands.run { try await AccountService(db: app.db, credentials: app.credentials).resetPassword(user, by: nil) }
        context.console.print("Одноразовый пароль для \(user.login): \(password)")
    }
}

struct UserDeactivateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "login") var login: String?
    }
    var help: String { "Отключает учётную запись: сеансы завершаются, токены API отзываются" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let user = try await UserCommands.user(signature.login, on: app.db)
        try await UserCommands.run { try await AccountService(db: app.db, credentials: app.credentials).deactivate(user, by: nil) }
        context.console.print("Учётная запись \(user.login) отключена.")
    }
}

struct SchoolHeadsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "authority", help: "Код муниципалитета") var authority: String?
        @Option(name: "output", help: "Файл XLSX с логинами и одноразовыми паролями") var output: String?
    }
    var help: String { "Создаёт учётные записи руководителей всех школ муниципалитета и пишет XLSX для раздачи" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let authority = try await CommandFailure.authority(signature.authority, on: app.db)
        guard let output = signature.output else { throw CommandFailure(description: "Укажите файл: --output heads.xlsx") }
        let heads = try await UserCommands.run {
            try await AccountService(db: app.db, credentials: app.credentials).createSchoolHeads(authorityID: try authority.requireID(), by: nil)
        }
        try AccountService.headsWorkbook(heads, municipality: authority.municipality).write(to: URL(fileURLWithPath: output))
        let created = heads.filter { $0.password != nil }.count
        context.console.print("\(authority.municipality): создано учётных записей руководителей: \(created), уже были: \(heads.count - created). Файл: \(output)")
    }
}

import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Vapor

func registerCommands(_ app: Application) {
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(ImportListCommand(), as: "import-list")
    app.asyncCommands.use(ListDynamicsCommand(), as: "list-dynamics")
    app.asyncCommands.use(TokenCommands(), as: "token")
    app.asyncCommands.use(BenchDataCommand(), as: "bench-data")
    app.asyncCommands.use(BenchListsCommand(), as: "bench-lists-data")
    app.asyncCommands.use(ImportRoadmapCommand(), as: "import-roadmap")
    app.asyncCommands.use(ExportRoadmapCommand(), as: "export-roadmap")
    app.asyncCommands.use(DeadlinesCommand(), as: "deadlines")
    app.asyncCommands.use(BenchDocumentsCommand(), as: "bench-documents")
    app.asyncCommands.use(RiskSummaryCommand(), as: "risk-summary")
    app.asyncCommands.use(ImportResultsCommand(), as: "import-results")
    app.asyncCommands.use(ResultsSummaryCommand(), as: "results-summary")
    app.asyncCommands.use(GenerateResultsCommand(), as: "generate-results")
    app.asyncCommands.use(BenchResultsCommand(), as: "bench-results")
    app.asyncCommands.use(ProposeListsCommand(), as: "propose-lists")
    app.asyncCommands.use(SetupCommand(), as: "setup")
    app.asyncCommands.use(ImportRegistryCommand(), as: "import-registry")
    app.asyncCommands.use(GenerateRegistryCommand(), as: "generate-registry")
    app.asyncCommands.use(UserCommands(), as: "user")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
}

struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    /// The authority named by `--authority <code>`, or a failure saying what to give.
    static func authority(_ code: String?, on db: any Database) async throws -> Authority {
        guard let code, let authority = try await Authority.query(on: db).filter(\.$code == code).first() else {
            throw CommandFailure(description: "Укажите существующий муниципалитет: --authority <код>.")
        }
        return authority
    }
}

/// `opora demo`: fills an empty database with the demo data and prints the logins.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Заполняет пустую базу демонстрационными данными из приказов-образцов" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard try await Authority.query(on: app.db).count() == 0 else {
            throw CommandFailure(description: "База данных не пуста: демонстрационные данные загружаются только в пустую базу.")
        }
        try await DemoData.load(on: app.db, hasher: app.password.async)
        context.console.print(DemoData.accountsTable())
    }
}

/// `opora import-list <file> --authority <code> --year <year>`: the same validation as the page.
struct ImportListCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file") var file: String
        @Option(name: "authority", help: "Код муниципалитета, например yurga") var authority: String?
        @Option(name: "year", help: "Год списка") var year: Int?
        @Option(name: "status", help: "lowResults (по умолчанию), adverseConditions или atRisk") var status: String?
        @Option(name: "order-number", help: "Номер приказа") var orderNumber: String?
        @Option(name: "order-date", help: "Дата приказа, ГГГГ-ММ-ДД") var orderDate: String?
        @Option(name: "order-issuer", help: "Кем издан приказ") var orderIssuer: String?
    }
    var help: String { "Загружает список школ года из CSV или XLSX (все строки или ни одной)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let authority = try await CommandFailure.authority(signature.authority, on: db)
        guard let year = signature.year else { throw CommandFailure(description: "Укажите год: --year <год>.") }
        let status = signature.status.flatMap(ListStatus.init(rawValue:)) ?? .lowResults
        let url = URL(fileURLWithPath: signature.file)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw CommandFailure(description: "Файл «\(signature.file)» не найден.") }
        let service = ListService(db: db)
        let preview = try await service.preview(data, fileName: url.lastPathComponent, authorityID: try authority.requireID(), defaultStatus: status, year: year)
        guard preview.isValid else {
            for p in preview.problems { FileHandle.standardError.write(Data((p.description + "\n").utf8)) }
            throw CommandFailure(description: "Ничего не загружено: в файле ошибок — \(preview.problems.count).")
        }
        let count = try await service.apply(preview, authorityID: try authority.requireID(), year: year,
                                            order: .init(number: signature.orderNumber, date: signature.orderDate, issuer: signature.orderIssuer),
                                            user: nil, fileName: url.lastPathComponent)
        context.console.print("Загружено \(RussianPlural.count(count, "строка", "строки", "строк")) в списки \(year) года (\(authority.municipality)).")
    }
}

/// `opora list-dynamics --authority <code> --from <y> --to <y> --format csv|json`.
struct ListDynamicsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "authority") var authority: String?
        @Option(name: "from") var from: Int?
        @Option(name: "to") var to: Int?
        @Option(name: "format", help: "csv (по умолчанию) или json") var format: String?
    }
    var help: String { "Печатает таблицу «Динамика списка ШНОР»" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let authority = try await CommandFailure.authority(signature.authority, on: db)
        let years = try await ListQueries(db: db).years(authorityID: try authority.requireID())
        let to = signature.to ?? years.last ?? Calendar.current.component(.year, from: Date())
        let from = signature.from ?? max(years.first ?? to, to - 4)
        let dynamics = try await ListQueries(db: db).dynamics(authority: authority, from: from, to: to)
        switch signature.format ?? "csv" {
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(ListDynamicsDTO(authorityID: try authority.requireID(), dynamics))
            print(String(decoding: data, as: UTF8.self))
        case "csv":
            // Without the BOM: this goes to a terminal or a pipe.
            print(String(decoding: CSV.write(dynamics.grid()).dropFirst(3), as: UTF8.self), terminator: "")
        default:
            throw CommandFailure(description: "Формат: csv или json.")
        }
    }
}

/// `opora token create --login <login>`.
struct TokenCommands: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["create": TokenCreateCommand()] }
    var help: String { "Токены API" }
}

struct TokenCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "login") var login: String?
        @Option(name: "name") var name: String?
    }
    var help: String { "Создаёт персональный токен API для пользователя" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let user = try await UserCommands.user(signature.login, on: db)
        guard user.active else { throw CommandFailure(description: "Учётная запись «\(user.login)» отключена.") }
        let token = try await TokenIssuer.issue(for: user, name: signature.name ?? "CLI", on: db)
        print(token)
    }
}

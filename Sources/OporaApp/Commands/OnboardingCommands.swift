import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Vapor

/// `opora setup --region <name> --admin-login <login>`: the first start of a region.
struct SetupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "region", help: "Название региона") var region: String?
        @Option(name: "admin-login", help: "Логин регионального администратора") var adminLogin: String?
        @Option(name: "admin-name", help: "ФИО администратора") var adminName: String?
    }
    var help: String { "Начальная настройка пустой базы: регион и его администратор (печатает одноразовый пароль)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let region = signature.region, let login = signature.adminLogin else {
            throw CommandFailure(description: "Укажите регион и логин администратора: opora setup --region \"<название>\" --admin-login <логин>.")
        }
        let app = context.application
        let password = try await SetupService(db: app.db, credentials: app.credentials).run(region: region, adminLogin: login, adminName: signature.adminName)
        context.console.print("""
            Регион «\(region)» создан.
            Региональный администратор: \(login.lowercased())
            Одноразовый пароль: \(password)
            (показывается один раз; при первом входе его нужно сменить)

            Дальше: opora serve — войти в браузере; opora import-registry <реестр.csv|xlsx> — загрузить реестр школ региона.
            """)
    }
}

/// `opora import-registry <file> [--dry-run]`: the same check and transaction as the page.
struct ImportRegistryCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file") var file: String
        @Flag(name: "dry-run", help: "Только проверить и показать, что изменится") var dryRun: Bool
        @Flag(name: "no-new-municipalities", help: "Не создавать муниципалитеты, которых нет в реестре (ошибка)") var noNewMunicipalities: Bool
        @Option(name: "region-name", help: "Регион, если в базе их несколько") var regionName: String?
    }
    var help: String { "Загружает реестр школ региона из CSV или XLSX (все строки или ни одной)" }
    static let maxFileSize = 100 * 1024 * 1024

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let url = URL(fileURLWithPath: signature.file)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        guard let size else { throw CommandFailure(description: "Файл «\(signature.file)» не найден.") }
        guard size <= Self.maxFileSize else { throw CommandFailure(description: "Файл «\(signature.file)» больше 100 МБ.") }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw CommandFailure(description: "Файл «\(signature.file)» не читается.") }
        let region = try await RegionChoice.forCommand(name: signature.regionName, on: db)
        let service = RegistryService(db: db)
        let name = url.lastPathComponent
        let create = !signature.noNewMunicipalities
        func reject(_ plan: RegistryPlan) -> CommandFailure {
            for p in plan.problems.prefix(200) { FileHandle.standardError.write(Data((p.description + "\n").utf8)) }
            if plan.problems.count > 200 { FileHandle.standardError.write(Data("… и ещё \(plan.problems.count - 200)\n".utf8)) }
            return CommandFailure(description: "Ничего не изменено: в файле \(RussianPlural.count(plan.problems.count, "ошибка", "ошибки", "ошибок")).")
        }
        if signature.dryRun {
            let plan = try await service.preview(data, fileName: name, regionID: region, createMunicipalities: create)
            guard plan.isValid else { throw reject(plan) }
            for w in plan.warnings { context.console.print("Примечание: \(w)") }
            context.console.print("Проверка «\(name)»: \(RegistryService.Outcome(planned: plan).plannedSummary). Ничего не изменено (--dry-run).")
            return
        }
        let outcome: RegistryService.Outcome
        do {
            outcome = try await service.apply(data, fileName: name, regionID: region, createMunicipalities: create, user: nil)
        } catch let r as RegistryService.Rejected {
            throw reject(r.plan)
        }
        for w in outcome.warnings { context.console.print("Примечание: \(w)") }
        context.console.print("Реестр обновлён из «\(name)»: \(outcome.summary).")
    }
}

/// `opora generate-registry --schools 700 --municipalities 70 --out registry.csv`: a generated
/// region (never real data) for trying the import and for the benchmark.
struct GenerateRegistryCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "schools") var schools: Int?
        @Option(name: "municipalities") var municipalities: Int?
        @Option(name: "shape", help: "fis (логины ФИС ОКО) или rich (ИНН, адрес, …)") var shape: String?
        @Option(name: "encoding", help: "utf8 или cp1251 (для CSV)") var encoding: String?
        @Option(name: "out", help: "Файл .csv или .xlsx") var out: String?
    }
    var help: String { "Создаёт демонстрационный реестр региона (CSV или XLSX)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let out = signature.out else { throw CommandFailure(description: "Укажите файл: --out registry.csv") }
        let generator = RegistryGenerator(schools: signature.schools ?? 700, municipalities: signature.municipalities ?? 70)
        guard let shape = RegistryGenerator.Shape(rawValue: signature.shape ?? "rich") else { throw CommandFailure(description: "Вид файла: fis или rich.") }
        let rows = generator.rows(shape)
        let data: Data
        if out.lowercased().hasSuffix(".xlsx") {
            data = try Workbook(sheets: [.init(name: "Реестр", rows: rows.map { $0.map { .text($0) } }, headerRows: shape == .fis ? 3 : 2)]).xlsx()
        } else {
            data = CSV.write(rows, encoding: signature.encoding == "cp1251" ? .windows1251 : .utf8)
        }
        try data.write(to: URL(fileURLWithPath: out))
        context.console.print("Записан «\(out)»: \(RussianPlural.count(generator.schools, "школа", "школы", "школ")) в \(generator.municipalities) муниципалитетах.")
    }
}

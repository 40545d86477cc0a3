import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Vapor

/// `opora import-roadmap <file> --authority <code> --year <y>`: the same importer as the page.
struct ImportRoadmapCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file") var file: String
        @Option(name: "authority", help: "Код муниципалитета") var authority: String?
        @Option(name: "year", help: "Год (2025) или учебный год (2024-2025)") var year: String?
        @Option(name: "title", help: "Название дорожной карты") var title: String?
    }
    var help: String { "Импортирует дорожную карту из DOCX, XLSX или текста (таблицы с заголовком) как проект" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let authority = try await CommandFailure.authority(signature.authority, on: db)
        guard let period = signature.year.flatMap(RoadmapPeriod.init(parsing:)) else { throw CommandFailure(description: "Укажите период: --year 2025 или --year 2024-2025.") }
        let url = URL(fileURLWithPath: signature.file)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw CommandFailure(description: "Файл «\(signature.file)» не найден.") }
        let draft = OfficeFile.readRoadmap(data, fileName: url.lastPathComponent)
        for w in draft.warnings { FileHandle.standardError.write(Data(("Предупреждение: " + w.description + "\n").utf8)) }
        guard draft.isValid else {
            for p in draft.problems { FileHandle.standardError.write(Data((p.description + "\n").utf8)) }
            throw CommandFailure(description: "Ничего не сохранено: ошибок — \(draft.problems.count).")
        }
        let title = signature.title ?? "Дорожная карта на \(period)"
        let roadmap = try await RoadmapService(db: db).create(from: draft, authorityID: try authority.requireID(), schoolID: nil, title: title, period: period, user: nil)
        context.console.print("Создан проект дорожной карты № \(try roadmap.requireID()): \(RussianPlural.count(draft.measures.count, "мероприятие", "мероприятия", "мероприятий")).")
    }
}

/// `opora export-roadmap <id> --format docx|xlsx [--output file]`.
struct ExportRoadmapCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "id") var id: Int
        @Option(name: "format", help: "docx (приказ с приложением) или xlsx") var format: String?
        @Option(name: "output", help: "Файл; по умолчанию roadmap-<id>.<format>") var output: String?
    }
    var help: String { "Выгружает дорожную карту: приказ с приложением (DOCX) или таблицу (XLSX)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let roadmap = try await Roadmap.find(signature.id, on: context.application.db) else { throw CommandFailure(description: "Нет дорожной карты № \(signature.id).") }
        let tree = try await RoadmapService(db: context.application.db).tree(roadmap)
        let format = signature.format ?? "docx"
        let data: Data
        switch format {
        case "docx": data = try RoadmapExport.orderDOCX(tree)
        case "xlsx": data = try RoadmapExport.xlsx(tree)
        default: throw CommandFailure(description: "Формат: docx или xlsx.")
        }
        let path = signature.output ?? "roadmap-\(signature.id).\(format)"
        guard FileManager.default.createFile(atPath: path, contents: data) else { throw CommandFailure(description: "Не удалось записать «\(path)».") }
        context.console.print("Записано: \(path) (\(data.count) байт).")
    }
}

/// `opora deadlines "<phrase>" --period 2024`: how a deadline phrase is read, for checking by hand.
struct DeadlinesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "phrase") var phrase: String
        @Option(name: "period", help: "2024 или 2024-2025") var period: String?
    }
    var help: String { "Показывает, как понят срок и какие даты исполнения он даёт" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let deadline = Deadline(parsing: signature.phrase)
        print("Срок:      \(deadline.text)")
        print("Понят как: \(deadline.reading)")
        if let period = signature.period.flatMap(RoadmapPeriod.init(parsing:)) {
            let dates = deadline.occurrences(in: period)
            print("Период:    \(period)")
            print("Даты:      \(dates.isEmpty ? "нет фиксированных дат" : dates.map(\.russian).joined(separator: ", "))")
        }
        if deadline.needsReview { throw CommandFailure(description: "срок не распознан") }
    }
}

import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Vapor

/// `opora import-results <file> --authority <code> | --region [--kind --subject --grade --year] [--create-unknown]`:
/// the same reader, check and transaction as the page; the file is read from disk as it goes.
struct ImportResultsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file") var file: String
        @Option(name: "authority", help: "Код муниципалитета: файл одного муниципалитета") var authority: String?
        @Flag(name: "region", help: "Файл региона: строки уходят в муниципалитеты своих школ") var region: Bool
        @Option(name: "region-name", help: "Регион, если в базе их несколько") var regionName: String?
        @Flag(name: "create-unknown", help: "Школы, которых нет в реестре, создать в муниципалитете из файла (иначе пропустить)") var createUnknown: Bool
        @Option(name: "subject") var subject: String?
        @Option(name: "grade") var grade: Int?
        @Option(name: "year") var year: Int?
        @Option(name: "kind") var kind: String?
    }
    var help: String { "Загружает результаты ВПР/ОГЭ/ЕГЭ (CSV или XLSX) муниципалитета или региона: проверка, затем одна транзакция" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let url = URL(fileURLWithPath: signature.file)
        guard FileManager.default.fileExists(atPath: url.path) else { throw CommandFailure(description: "Файл «\(signature.file)» не найден.") }
        if let k = signature.kind, AssessmentKind(rawValue: k) == nil { throw CommandFailure(description: "--kind: vpr, oge или ege.") }
        let target: ResultsService.Target
        if signature.region || signature.regionName != nil {
            target = .region(try await RegionChoice.forCommand(name: signature.regionName, on: db))
        } else {
            target = .authority(try await CommandFailure.authority(signature.authority, on: db).requireID())
        }
        let service = ResultsService(db: db)
        let given = ResultsService.Given(subject: signature.subject, grade: signature.grade, year: signature.year, kind: signature.kind.flatMap(AssessmentKind.init(rawValue:)))
        let preview = try await service.preview(.file(url), fileName: url.lastPathComponent, target: target, given: given, createUnknown: signature.createUnknown)
        if preview.needsMapping, let layout = preview.layout {
            let names = layout.unknown.map { "«\(layout.header[$0])»" }.joined(separator: ", ")
            let missing = layout.missing(schoolGiven: false).joined(separator: "; ")
            throw CommandFailure(description: "Столбцы не распознаны: \(names.isEmpty ? "—" : names)\(missing.isEmpty ? "" : "; " + missing). "
                + "Сопоставьте их один раз в веб-интерфейсе («Результаты» → загрузка или «Сопоставления столбцов»): сопоставление запомнится для региона.")
        }
        guard preview.isValid else {
            for p in preview.problems.prefix(200) { FileHandle.standardError.write(Data((p.description + "\n").utf8)) }
            throw CommandFailure(description: "Ничего не загружено: ошибок — \(preview.problems.count).")
        }
        for w in preview.warnings { context.console.print("Примечание: \(w)") }
        for u in preview.skipped.prefix(50) {
            context.console.print("Пропущена школа: \(u.line)")
        }
        let applied = try await service.apply(preview, hash: try ResultsService.hash(.file(url)), fileName: url.lastPathComponent, target: target, user: nil)
        guard applied.fresh else {
            context.console.print("Этот файл уже был загружен; ничего не изменено.")
            return
        }
        var line = "Загружено: \(RussianPlural.count(applied.participants, "участник", "участника", "участников"))"
        if case .region = target { line += " в \(RussianPlural.count(applied.imports.count, "муниципалитете", "муниципалитетах", "муниципалитетах"))" }
        if applied.createdSchools > 0 { line += "; создано школ: \(applied.createdSchools)" }
        if !preview.skipped.isEmpty { line += "; пропущено школ: \(preview.skipped.count) (строк: \(preview.skipped.reduce(0) { $0 + $1.rows }))" }
        context.console.print(line + ".")
    }
}

/// `opora results-summary (--authority <code> | --region) --subject S --grade G --year Y [--kind vpr] --format csv|json`.
struct ResultsSummaryCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "authority") var authority: String?
        @Flag(name: "region", help: "Все школы региона") var region: Bool
        @Option(name: "region-name", help: "Регион, если в базе их несколько") var regionName: String?
        @Option(name: "subject") var subject: String?
        @Option(name: "grade") var grade: Int?
        @Option(name: "year") var year: Int?
        @Option(name: "kind") var kind: String?
        @Option(name: "format") var format: String?
    }
    var help: String { "Печатает показатели результатов по школам муниципалитета или региона (CSV или JSON)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        guard let subject = signature.subject, let grade = signature.grade, let year = signature.year else {
            throw CommandFailure(description: "Укажите --subject, --grade и --year.")
        }
        let test = ResultsTest(kind: signature.kind.flatMap(AssessmentKind.init(rawValue:)) ?? .vpr, subject: subject, grade: grade, year: year)
        let service = ResultsService(db: db)
        let dto: ResultsSummaryDTO?
        if signature.region || signature.regionName != nil {
            dto = try await service.regionSchoolsDTO(regionID: try await RegionChoice.forCommand(name: signature.regionName, on: db), test: test)
        } else {
            let authority = try await CommandFailure.authority(signature.authority, on: db)
            dto = try await service.summaryDTO(authorityID: try authority.requireID(), test: test)
        }
        guard let dto else { throw CommandFailure(description: "Результатов этой процедуры нет.") }
        switch signature.format ?? "csv" {
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(dto), as: UTF8.self))
        case "csv":
            var lines = ["Школа;Участников;«2»;«3»;«4»;«5»;Средний первичный балл;Понизили;Подтвердили;Повысили"]
            for s in dto.schools + [dto.total] {
                var cells: [String] = [s.name, "\(s.participants)"]
                for m in 2...5 { cells.append("\(s.marks[String(m)] ?? 0)") }
                let mean: String = s.meanPrimary.map { CSVNumber.format(($0 * 10).rounded() / 10) } ?? ""
                cells += [mean, "\(s.lowered)", "\(s.confirmed)", "\(s.raised)"]
                lines.append(cells.joined(separator: ";"))
            }
            print(lines.joined(separator: "\n"))
        default:
            throw CommandFailure(description: "Формат: csv или json.")
        }
    }
}

/// `opora propose-lists --authority <code> --year <y> [--adopt]`: the schools the rule proposes
/// for the lists of `year + 1` from the ВПР of `year - 1` and `year`; `--adopt` puts them into those lists.
struct ProposeListsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "authority") var authority: String?
        @Option(name: "year") var year: Int?
        @Flag(name: "adopt", help: "Принять предложение в списки следующего года") var adopt: Bool
    }
    var help: String { "Предлагает списки ШНОР и предШНОР следующего года по результатам ВПР" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let authority = try await CommandFailure.authority(signature.authority, on: db)
        guard let year = signature.year else { throw CommandFailure(description: "Укажите год результатов: --year <год>.") }
        let service = ResultsService(db: db)
        let list = try await service.proposals(authorityID: try authority.requireID(), year: year)
        print("Школа;Предлагаемый список;Основание")
        for p in list { print([p.school, p.status.abbreviation, p.basis].joined(separator: ";")) }
        if list.isEmpty {
            context.console.print("По результатам \(year - 1)–\(year) годов школ для списков не предлагается.")
        } else if signature.adopt {
            let count = try await service.adopt(list, authorityID: try authority.requireID(), year: year, user: nil)
            context.console.print("Принято в списки \(year + 1) года: \(RussianPlural.count(count, "школа", "школы", "школ")).")
        }
    }
}

import Fluent
import Foundation
import OporaCore
import Vapor

struct ResultsSummaryDTO: Content {
    struct Task: Content { let label: String; let level: String?; let maxScore: Double; let solveRate: Double?; let notMastered: Bool }
    struct Slice: Content {
        let name: String
        let participants: Int
        let marks: [String: Int]
        let meanPrimary: Double?
        let lowered: Int
        let confirmed: Int
        let raised: Int
        let flagged: Bool?
    }
    let kind: AssessmentKind
    let subject: String
    let grade: Int
    let year: Int
    let tasks: [Task]
    let total: Slice
    let schools: [Slice]

    static func slice(_ name: String, _ s: ResultsSummary, flagged: Bool?) -> Slice {
        Slice(name: name, participants: s.participants, marks: Dictionary(uniqueKeysWithValues: s.marks.map { (String($0.key), $0.value) }),
              meanPrimary: s.meanPrimary, lowered: s.objectivity.lower, confirmed: s.objectivity.confirmed, raised: s.objectivity.higher, flagged: flagged)
    }

    init?(kind: AssessmentKind, subject: String, grade: Int, year: Int, figures: (tasks: [AssessmentTask], schools: [ResultsService.SchoolFigures], total: ResultsSummary, boundaries: [Int])?, onlySchool: Int? = nil) {
        guard let f = figures else { return nil }
        self.init(kind: kind, subject: subject, grade: grade, year: year, tasks: f.tasks, total: f.total, totalName: "Муниципалитет",
                  slices: f.schools.filter { onlySchool == nil || $0.schoolID == onlySchool }.map { Self.slice($0.name, $0.summary, flagged: $0.flagged) })
    }
}

/// GET /api/v1/results/summary?level=region|authority|school&id=&year=&subject=&grade=[&kind=vpr]
struct ResultsAPIController {
    func summary(req: Request) async throws -> ResultsSummaryDTO {
        guard let id = try? req.query.get(Int.self, at: "id"), let year = try? req.query.get(Int.self, at: "year"),
              let subject = try? req.query.get(String.self, at: "subject"), let grade = try? req.query.get(Int.self, at: "grade") else {
            throw PublicError(.badRequest, "Укажите level, id, year, subject и grade.")
        }
        let kind = (try? req.query.get(String.self, at: "kind")).flatMap(AssessmentKind.init(rawValue:)) ?? .vpr
        let level = (try? req.query.get(String.self, at: "level")) ?? "authority"
        let authorityID: Int
        var onlySchool: Int?
        switch level {
        case "school":
            let school = try await req.readableSchool(id)
            authorityID = school.$authority.id
            onlySchool = id
        case "authority", "municipality":
            authorityID = try await req.readableAuthority(id).requireID()
        case "region":
            return try await region(req, regionID: id, kind: kind, subject: subject, grade: grade, year: year)
        default:
            throw PublicError(.badRequest, "level: region, authority или school.")
        }
        let figures = try await ResultsService(db: req.db).summary(authorityID: authorityID, kind: kind, subject: subject, grade: grade, year: year)
        guard let dto = ResultsSummaryDTO(kind: kind, subject: subject, grade: grade, year: year, figures: figures, onlySchool: onlySchool) else {
            throw PublicError(.notFound, "Результатов этой процедуры нет.")
        }
        return dto
    }
}

extension ResultsAPIController {
    /// The region's figures with its municipalities as the slices. Regional users see any region;
    /// a municipal user only its own (aggregates, no school of another municipality).
    func region(_ req: Request, regionID: Int, kind: AssessmentKind, subject: String, grade: Int, year: Int) async throws -> ResultsSummaryDTO {
        let user = try req.currentUser()
        let authorities = try await Authority.query(on: req.db).filter(\.$region.$id == regionID).sort(\.$municipality).all()
        guard !authorities.isEmpty else { throw PublicError.notFound() }
        if !user.role.isRegional {
            guard let own = user.$authority.id, authorities.contains(where: { $0.id == own }) else { throw PublicError.notFound() }
        }
        let service = ResultsService(db: req.db)
        var slices: [ResultsSummaryDTO.Slice] = []
        var tasks: [AssessmentTask] = []
        for a in authorities {
            guard let f = try await service.summary(authorityID: try a.requireID(), kind: kind, subject: subject, grade: grade, year: year) else { continue }
            tasks = f.tasks
            slices.append(ResultsSummaryDTO.slice(a.municipality, f.total, flagged: nil))
        }
        guard let first = authorities.first?.id, let total = try await service.regionSummary(authorityID: first, kind: kind, subject: subject, grade: grade, year: year) else {
            throw PublicError(.notFound, "Результатов этой процедуры нет.")
        }
        return ResultsSummaryDTO(kind: kind, subject: subject, grade: grade, year: year, tasks: tasks, total: total, totalName: "Регион", slices: slices)
    }
}

extension ResultsSummaryDTO {
    init(kind: AssessmentKind, subject: String, grade: Int, year: Int, tasks: [AssessmentTask], total: ResultsSummary, totalName: String, slices: [Slice]) {
        self.kind = kind
        self.subject = subject
        self.grade = grade
        self.year = year
        self.tasks = tasks.enumerated().map { i, t in
            Task(label: t.label, level: t.level?.rawValue, maxScore: t.maxScore, solveRate: i < total.solveRates.count ? total.solveRates[i] : nil,
                 notMastered: i < total.notMastered.count && total.notMastered[i])
        }
        self.total = Self.slice(totalName, total, flagged: nil)
        schools = slices
    }
}

/// `opora import-results <file> --authority <code> [--subject S --grade G --year Y]`.
struct ImportResultsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file") var file: String
        @Option(name: "authority") var authority: String?
        @Option(name: "subject") var subject: String?
        @Option(name: "grade") var grade: Int?
        @Option(name: "year") var year: Int?
        @Option(name: "kind") var kind: String?
    }
    var help: String { "Загружает результаты ВПР/ОГЭ/ЕГЭ (CSV или XLSX): проверка, затем одна транзакция" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let authority = try await CommandFailure.authority(signature.authority, on: db)
        let url = URL(fileURLWithPath: signature.file)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw CommandFailure(description: "Файл «\(signature.file)» не найден.") }
        let service = ResultsService(db: db)
        if let k = signature.kind, AssessmentKind(rawValue: k) == nil { throw CommandFailure(description: "--kind: vpr, oge или ege.") }
        let preview = try await service.preview(data, fileName: url.lastPathComponent, authorityID: try authority.requireID(),
                                                given: .init(subject: signature.subject, grade: signature.grade, year: signature.year,
                                                             kind: signature.kind.flatMap(AssessmentKind.init(rawValue:))))
        if preview.needsMapping, let layout = preview.layout {
            let names = layout.unknown.map { "«\(layout.header[$0])»" }.joined(separator: ", ")
            let missing = layout.missing(schoolGiven: false).joined(separator: "; ")
            throw CommandFailure(description: "Столбцы не распознаны: \(names.isEmpty ? "—" : names)\(missing.isEmpty ? "" : "; " + missing). "
                + "Загрузите файл один раз через веб-интерфейс и сопоставьте столбцы: сопоставление запомнится и для этой команды.")
        }
        guard preview.file != nil else {
            for p in preview.problems { FileHandle.standardError.write(Data((p.description + "\n").utf8)) }
            throw CommandFailure(description: "Ничего не загружено: ошибок — \(preview.problems.count).")
        }
        let (_, fresh) = try await service.apply(preview, data: data, fileName: url.lastPathComponent, authorityID: try authority.requireID(), user: "cli")
        print(fresh ? "Загружено: \(RussianPlural.count(preview.file?.participants.count ?? 0, "участник", "участника", "участников"))." : "Этот файл уже был загружен; ничего не изменено.")
    }
}

/// `opora results-summary --authority <code> --subject S --grade G --year Y --format csv|json`.
struct ResultsSummaryCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "authority") var authority: String?
        @Option(name: "subject") var subject: String?
        @Option(name: "grade") var grade: Int?
        @Option(name: "year") var year: Int?
        @Option(name: "kind") var kind: String?
        @Option(name: "format") var format: String?
    }
    var help: String { "Печатает показатели результатов по школам муниципалитета (CSV или JSON)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let authority = try await CommandFailure.authority(signature.authority, on: db)
        guard let subject = signature.subject, let grade = signature.grade, let year = signature.year else {
            throw CommandFailure(description: "Укажите --subject, --grade и --year.")
        }
        let kind = signature.kind.flatMap(AssessmentKind.init(rawValue:)) ?? .vpr
        let figures = try await ResultsService(db: db).summary(authorityID: try authority.requireID(), kind: kind, subject: subject, grade: grade, year: year)
        guard let dto = ResultsSummaryDTO(kind: kind, subject: subject, grade: grade, year: year, figures: figures) else {
            throw CommandFailure(description: "Результатов этой процедуры нет.")
        }
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

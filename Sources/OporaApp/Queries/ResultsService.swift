import Vapor
import Fluent
import Foundation
import OporaCore
import OporaDocuments

/// Importing and analysing assessment results; shared by pages, API and CLI.
struct ResultsService {
    let db: any Database

    struct Preview {
        let file: ResultsFile?
        let problems: [ImportProblem]
        /// Participant line → school id.
        let schools: [Int: Int]
        let perSchool: [(name: String, count: Int)]
        var marksSource = "отметки из файла"
    }

    /// Reads and checks the file; every participant's school must be known — by its ФИС ОКО
    /// login, or by its name when the login is new.
    func preview(_ data: Data, fileName: String, authorityID: Int, subject: String?, grade: Int?, year: Int?) async throws -> Preview {
        let table: ImportTable
        do { table = try TableReader.read(data, fileName: fileName) } catch let p as ImportProblem { return Preview(file: nil, problems: [p], schools: [:], perSchool: []) }
        let read = VPRReader.read(table)
        guard var file = read.file else { return Preview(file: nil, problems: read.problems, schools: [:], perSchool: []) }
        var problems: [ImportProblem] = []
        file.subject = file.subject ?? subject
        file.grade = file.grade ?? grade
        file.year = file.year ?? year
        if file.subject == nil || file.grade == nil || file.year == nil {
            problems.append(ImportProblem(file: fileName, row: 1, column: nil, message: "не указаны предмет, класс и год (строка вида «ВПР 2024 Математика 5 класс» или поля формы)."))
        }
        // Marks missing but primary scores present: the year's official scale gives them, or it is an error.
        var marksSource = "отметки из файла"
        if file.participants.contains(where: { !$0.absent && $0.mark == nil && $0.primary != nil }), let s = file.subject, let g = file.grade, let y = file.year {
            if let record = try await ConversionScaleRecord.query(on: db).filter(\.$kind == file.kind).filter(\.$subject == s).filter(\.$grade == g).filter(\.$year == y).first(),
               let scale = record.scale {
                for i in file.participants.indices where !file.participants[i].absent && file.participants[i].mark == nil {
                    if let p = file.participants[i].primary { file.participants[i].mark = scale.mark(p) }
                }
                marksSource = "шкала перевода \(file.kind.title) \(y), \(s), \(g) класс: \(scale.text) (\(record.source))"
            } else {
                problems.append(ImportProblem(file: fileName, row: nil, column: "Отметка",
                    message: "в файле нет отметок, а шкалы перевода первичных баллов для \(file.kind.title) \(y), \(s), \(g) класс нет в справочнике — добавьте её («Шкалы перевода»)."))
            }
        }
        let schools = try await School.query(on: db).filter(\.$authority.$id == authorityID).all()
        let byLogin = Dictionary(schools.compactMap { s in s.fisLogin.flatMap { l in s.id.map { (l.lowercased(), $0) } } }, uniquingKeysWith: { a, _ in a })
        let matcher = SchoolNameMatcher(candidates: schools.compactMap { s in s.id.map { SchoolNameMatcher.Candidate(id: $0, name: s.shortName, aliases: [s.fullName] + s.aliases) } })
        var map: [Int: Int] = [:]
        var cache: [String: Int?] = [:]
        for p in file.participants {
            let key = (p.schoolLogin ?? "") + "|" + (p.schoolName ?? "")
            if let known = cache[key] { if let id = known { map[p.line] = id }; continue }
            var id: Int?
            if let login = p.schoolLogin?.lowercased(), let found = byLogin[login] { id = found }
            else if let name = p.schoolName, case .found(let found) = matcher.match(name) { id = found }
            cache[key] = id
            if let id { map[p.line] = id } else {
                problems.append(ImportProblem(file: fileName, row: p.line, column: "ОО",
                    message: "школа «\(p.schoolName ?? "")» (\(p.schoolLogin ?? "без логина")) не найдена в реестре муниципалитета."))
            }
        }
        let names = Dictionary(uniqueKeysWithValues: schools.compactMap { s in s.id.map { ($0, s.shortName) } })
        let counts = Dictionary(grouping: map.values, by: { $0 }).map { (names[$0.key] ?? "", $0.value.count) }.sorted { naturalLess($0.0, $1.0) }
        return Preview(file: problems.isEmpty ? file : nil, problems: problems, schools: map, perSchool: counts, marksSource: marksSource)
    }

    /// Saves a checked file in one transaction. The same file again changes nothing; a new file
    /// for the same test replaces those schools' earlier results.
    func apply(_ preview: Preview, data: Data, fileName: String, authorityID: Int, user: String) async throws -> (ResultImport, Bool) {
        guard let file = preview.file, let subject = file.subject, let grade = file.grade, let year = file.year else {
            throw ImportProblem(file: fileName, row: nil, column: nil, message: "файл содержит ошибки; ничего не сохранено.")
        }
        let hash = SHA256.hash(data: data).hex
        if let existing = try await ResultImport.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$fileHash == hash).first() {
            return (existing, false)
        }
        let record = ResultImport()
        try await db.transaction { tx in
            let schoolIDs = Array(Set(preview.schools.values))
            let earlier = try await ResultImport.query(on: tx).filter(\.$authority.$id == authorityID).filter(\.$kind == file.kind)
                .filter(\.$subject == subject).filter(\.$grade == grade).filter(\.$year == year).all().compactMap(\.id)
            if !earlier.isEmpty && !schoolIDs.isEmpty {
                try await ResultRow.query(on: tx).filter(\.$resultImport.$id ~~ earlier).filter(\.$school.$id ~~ schoolIDs).delete()
            }
            record.$authority.id = authorityID
            record.kind = file.kind
            record.subject = subject
            record.grade = grade
            record.year = year
            record.fileName = fileName
            record.fileHash = hash
            record.tasksJSON = String(decoding: try JSONEncoder().encode(file.tasks), as: UTF8.self)
            record.maxPrimary = file.maxPrimary
            record.importedBy = user
            record.marksSource = preview.marksSource
            try await record.create(on: tx)
            let rid = try record.requireID()
            for p in file.participants {
                guard let sid = preview.schools[p.line] else { continue }
                let row = ResultRow()
                row.$resultImport.id = rid
                row.$school.id = sid
                row.code = p.code
                row.className = p.className
                row.variant = p.variant
                row.scoresJSON = String(decoding: try JSONEncoder().encode(p.scores), as: UTF8.self)
                row.absent = p.absent
                row.primary = p.primary
                row.mark = p.mark
                row.journalMark = p.journalMark
                try await row.create(on: tx)
            }
            // Remember the schools' logins for the next files.
            for p in file.participants {
                guard let login = p.schoolLogin, let sid = preview.schools[p.line], let school = try await School.find(sid, on: tx), school.fisLogin == nil else { continue }
                school.fisLogin = login
                try await school.save(on: tx)
            }
        }
        return (record, true)
    }

    struct SchoolFigures {
        let schoolID: Int
        let name: String
        let summary: ResultsSummary
        let peaks: [Int]
        let flagged: Bool
    }

    /// Figures per school and for the municipality, for one test.
    func summary(authorityID: Int, kind: AssessmentKind, subject: String, grade: Int, year: Int) async throws -> (tasks: [AssessmentTask], schools: [SchoolFigures], total: ResultsSummary, boundaries: [Int])? {
        let imports = try await ResultImport.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$kind == kind)
            .filter(\.$subject == subject).filter(\.$grade == grade).filter(\.$year == year).sort(\.$id).all()
        guard let last = imports.last else { return nil }
        let ids = imports.compactMap(\.id)
        let rows = try await ResultRow.query(on: db).filter(\.$resultImport.$id ~~ ids).with(\.$school).all()
        let tasks = last.tasks
        let all = rows.map(\.participant)
        let boundaries = ResultsAnalysis.observedBoundaries(all)
        let thresholds = AnalysisThresholds()
        let bySchool = Dictionary(grouping: rows, by: { $0.$school.id })
        let schools = bySchool.map { sid, list -> SchoolFigures in
            let s = ResultsAnalysis.summarize(list.map(\.participant), tasks: tasks, maxPrimary: last.maxPrimary)
            let peaks = ResultsAnalysis.boundaryPeaks(histogram: s.histogram, boundaries: boundaries)
            let mismatch = s.objectivity.share(s.objectivity.lower + s.objectivity.higher)
            return SchoolFigures(schoolID: sid, name: list.first?.school.shortName ?? "", summary: s, peaks: peaks,
                                 flagged: mismatch >= thresholds.mismatchShare || !peaks.isEmpty)
        }.sorted { naturalLess($0.name, $1.name) }
        return (tasks, schools, ResultsAnalysis.summarize(all, tasks: tasks, maxPrimary: last.maxPrimary), boundaries)
    }
}

extension ResultsService {
    /// Share of «2» per school, year and subject (all grades of ВПР together), and the municipality's.
    func twosShares(authorityID: Int, years: [Int]) async throws -> (schools: [Int: [Int: [String: Double]]], municipality: [Int: [String: Double]]) {
        let imports = try await ResultImport.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$kind == .vpr).filter(\.$year ~~ years).all()
        var counts: [Int: [Int: [String: (twos: Int, all: Int)]]] = [:]
        var total: [Int: [String: (twos: Int, all: Int)]] = [:]
        for i in imports {
            let rows = try await ResultRow.query(on: db).filter(\.$resultImport.$id == i.requireID()).filter(\.$absent == false).all()
            for r in rows {
                guard let mark = r.mark else { continue }
                let two = mark == 2 ? 1 : 0
                let c = counts[r.$school.id, default: [:]][i.year, default: [:]][i.subject] ?? (0, 0)
                counts[r.$school.id, default: [:]][i.year, default: [:]][i.subject] = (c.twos + two, c.all + 1)
                let t = total[i.year, default: [:]][i.subject] ?? (0, 0)
                total[i.year, default: [:]][i.subject] = (t.twos + two, t.all + 1)
            }
        }
        func share(_ c: (twos: Int, all: Int)) -> Double { c.all == 0 ? 0 : Double(c.twos) / Double(c.all) }
        return (counts.mapValues { $0.mapValues { $0.mapValues(share) } }, total.mapValues { $0.mapValues(share) })
    }
}

extension ResultsService {
    struct CardLine: Codable, Sendable {
        let kind: AssessmentKind
        let year: Int
        let subject: String
        let grade: Int
        let participants: Int
        let twos: Double
        let meanMark: Double?
        let municipalityTwos: Double
        let municipalityMeanMark: Double?
    }

    /// The school's diagnostic card: every test it took, by year, with the municipality beside it.
    func diagnosticCard(schoolID: Int, authorityID: Int) async throws -> [CardLine] {
        let imports = try await ResultImport.query(on: db).filter(\.$authority.$id == authorityID).sort(\.$year).all()
        var groups: [String: (kind: AssessmentKind, year: Int, subject: String, grade: Int, ids: [Int])] = [:]
        for i in imports {
            let key = "\(i.kind.rawValue)|\(i.year)|\(i.subject)|\(i.grade)"
            groups[key, default: (i.kind, i.year, i.subject, i.grade, [])].ids.append(try i.requireID())
        }
        var lines: [CardLine] = []
        for g in groups.values {
            let rows = try await ResultRow.query(on: db).filter(\.$resultImport.$id ~~ g.ids).filter(\.$absent == false).all()
            let mine = rows.filter { $0.$school.id == schoolID }
            guard !mine.isEmpty else { continue }
            func twos(_ list: [ResultRow]) -> Double {
                let marked = list.compactMap(\.mark)
                return marked.isEmpty ? 0 : Double(marked.filter { $0 == 2 }.count) / Double(marked.count)
            }
            func mean(_ list: [ResultRow]) -> Double? {
                let marked = list.compactMap(\.mark)
                return marked.isEmpty ? nil : Double(marked.reduce(0, +)) / Double(marked.count)
            }
            lines.append(CardLine(kind: g.kind, year: g.year, subject: g.subject, grade: g.grade, participants: mine.count,
                                  twos: twos(mine), meanMark: mean(mine), municipalityTwos: twos(rows), municipalityMeanMark: mean(rows)))
        }
        return lines.sorted { ($0.subject, $0.grade, $0.year) < ($1.subject, $1.grade, $1.year) }
    }
}

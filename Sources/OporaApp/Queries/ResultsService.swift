import Vapor
import Fluent
import Foundation
import OporaCore
import OporaDocuments
import SQLKit

/// Importing and analysing assessment results; shared by pages, API and CLI.
struct ResultsService {
    let db: any Database

    struct Preview {
        var file: ResultsFile?
        var problems: [ImportProblem]
        /// Participant line → school id.
        var schools: [Int: Int] = [:]
        var perSchool: [(name: String, count: Int)] = []
        var marksSource = "отметки из файла"
        var layout: ResultsLayout?
        /// Columns the file names in a way nobody recognised, or columns it lacks: the mapping step.
        var needsMapping = false
        /// School identifiers of the file not found in the registry: the mapping step asks which school each is.
        var unknownSchools: [UnknownSchool] = []
    }

    struct UnknownSchool: Hashable {
        /// The login or exam code the file gives, or nil when it gives only a name.
        let code: String?
        let name: String?
        let rows: Int
    }

    /// The municipality's remembered answers of the mapping step.
    func mapping(authorityID: Int) async throws -> ColumnMapping {
        let rows = try await ResultColumnMap.query(on: db).filter(\.$authority.$id == authorityID).all()
        return ColumnMapping(Dictionary(rows.compactMap { r in ResultsColumn(rawValue: r.column).map { (r.headerKey, $0) } }, uniquingKeysWith: { a, _ in a }))
    }

    /// Remembers the user's answer for each header text (upsert, so a changed answer replaces the old).
    func remember(_ answers: [String: ResultsColumn], authorityID: Int) async throws {
        for (key, column) in answers where !key.isEmpty {
            let existing = try await ResultColumnMap.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$headerKey == key).first()
            let row = existing ?? ResultColumnMap()
            row.$authority.id = authorityID
            row.headerKey = key
            row.column = column.rawValue
            try await row.save(on: db)
        }
    }

    struct Given {
        var subject: String?
        var grade: Int?
        var year: Int?
        var kind: AssessmentKind?
        var schoolID: Int?
    }

    /// Reads and checks the file; every participant's school must be known — by its ФИС ОКО
    /// login or exam code, by its name, or chosen at upload when the file has no school column.
    func preview(_ data: Data, fileName: String, authorityID: Int, given: Given) async throws -> Preview {
        let table: ImportTable
        do { table = try TableReader.read(data, fileName: fileName) } catch let p as ImportProblem { return Preview(file: nil, problems: [p]) }
        let read = ResultsReader.read(table, mapping: try await mapping(authorityID: authorityID), schoolGiven: given.schoolID != nil)
        var preview = Preview(file: nil, problems: read.problems, layout: read.layout)
        if let layout = read.layout, !layout.unknown.isEmpty || !layout.missing(schoolGiven: given.schoolID != nil).isEmpty {
            preview.needsMapping = true
            if read.file != nil { preview.problems = [] }
            return preview
        }
        guard var file = read.file, let layout = read.layout else { return preview }
        var problems: [ImportProblem] = []
        if let kind = given.kind, !layout.titled { file.kind = kind }
        file.subject = file.subject ?? given.subject
        file.grade = file.grade ?? given.grade ?? (file.kind == .oge ? 9 : file.kind == .ege ? 11 : nil)
        file.year = file.year ?? given.year
        if file.subject == nil || file.grade == nil || file.year == nil {
            problems.append(ImportProblem(file: fileName, row: 1, column: nil, message: "не указаны предмет, класс и год (строка вида «ВПР 2024 Математика 5 класс» или поля формы)."))
        }
        // Marks missing but primary scores present: the year's official scale gives them, or it is an error.
        if file.participants.contains(where: { !$0.absent && $0.mark == nil && $0.primary != nil }), let s = file.subject, let g = file.grade, let y = file.year {
            if let record = try await ConversionScaleRecord.query(on: db).filter(\.$kind == file.kind).filter(\.$subject == s).filter(\.$grade == g).filter(\.$year == y).first(),
               let scale = record.scale {
                for i in file.participants.indices where !file.participants[i].absent && file.participants[i].mark == nil {
                    if let p = file.participants[i].primary { file.participants[i].mark = scale.mark(p) }
                }
                preview.marksSource = "шкала перевода \(file.kind.title) \(y), \(s), \(g) класс: \(scale.text) (\(record.source))"
            } else {
                problems.append(ImportProblem(file: fileName, row: nil, column: "Отметка",
                    message: "в файле нет отметок, а шкалы перевода первичных баллов для \(file.kind.title) \(y), \(s), \(g) класс нет в справочнике — добавьте её («Шкалы перевода»)."))
            }
        }
        let schools = try await School.query(on: db).filter(\.$authority.$id == authorityID).all()
        let byCode = layout.index(.login) != nil
            ? Dictionary(schools.compactMap { s in s.fisLogin.flatMap { l in s.id.map { (l.lowercased(), $0) } } }, uniquingKeysWith: { a, _ in a })
            : Dictionary(schools.compactMap { s in s.examCode.flatMap { l in s.id.map { (l.lowercased(), $0) } } }, uniquingKeysWith: { a, _ in a })
        let matcher = SchoolNameMatcher(candidates: schools.compactMap { s in s.id.map { SchoolNameMatcher.Candidate(id: $0, name: s.shortName, aliases: [s.fullName] + s.aliases) } })
        var cache: [String: Int?] = [:]
        var unknown: [String: (code: String?, name: String?, rows: Int)] = [:]
        for p in file.participants {
            let key = (p.schoolLogin ?? "") + "|" + (p.schoolName ?? "")
            if let known = cache[key] {
                if let id = known { preview.schools[p.line] = id } else { unknown[key]?.rows += 1 }
                continue
            }
            var id: Int?
            if p.schoolLogin == nil && p.schoolName == nil { id = given.schoolID }
            else if let code = p.schoolLogin?.lowercased(), let found = byCode[code] { id = found }
            else if let name = p.schoolName, case .found(let found) = matcher.match(name) { id = found }
            cache[key] = id
            if let id { preview.schools[p.line] = id } else {
                unknown[key] = (p.schoolLogin, p.schoolName, 1)
                problems.append(ImportProblem(file: fileName, row: p.line, column: layout.index(.login).map { layout.header[$0] } ?? layout.index(.schoolCode).map { layout.header[$0] } ?? "ОО",
                    message: "школа «\(p.schoolName ?? "")» (\(p.schoolLogin ?? "без кода")) не найдена в реестре муниципалитета."))
            }
        }
        preview.unknownSchools = unknown.values.map { UnknownSchool(code: $0.code, name: $0.name, rows: $0.rows) }
            .sorted { ($0.code ?? $0.name ?? "") < ($1.code ?? $1.name ?? "") }
        let names = Dictionary(uniqueKeysWithValues: schools.compactMap { s in s.id.map { ($0, s.shortName) } })
        preview.perSchool = Dictionary(grouping: preview.schools.values, by: { $0 }).map { (names[$0.key] ?? "", $0.value.count) }.sorted { naturalLess($0.0, $1.0) }
        preview.problems = problems
        preview.file = problems.isEmpty ? file : nil
        return preview
    }

    /// The mapping step's answer for a school the file names by a code or name the registry
    /// does not know: the code is kept on the school (login for ФИС ОКО files, exam code for
    /// РЦОИ protocols), a bare name becomes an alias.
    func identify(_ unknown: UnknownSchool, as schoolID: Int, authorityID: Int, byLogin: Bool) async throws {
        guard let school = try await School.find(schoolID, on: db), school.$authority.id == authorityID else { throw PublicError.notFound() }
        if let code = unknown.code {
            if byLogin { school.fisLogin = code } else { school.examCode = code }
        } else if let name = unknown.name, !school.aliases.contains(name) {
            school.aliases.append(name)
        }
        try await school.save(on: db)
    }

    /// Saves a checked file in one transaction. The same file again changes nothing; a new file
    /// for the same test replaces those schools' earlier results. Rows go in batches of 400:
    /// one INSERT per row made a region's file take minutes.
    func apply(_ preview: Preview, data: Data, fileName: String, authorityID: Int, user: String) async throws -> (ResultImport, Bool) {
        guard let file = preview.file, let subject = file.subject, let grade = file.grade, let year = file.year else {
            throw ImportProblem(file: fileName, row: nil, column: nil, message: "файл содержит ошибки; ничего не сохранено.")
        }
        let hash = SHA256.hash(data: data).hex
        if let existing = try await ResultImport.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$fileHash == hash).first() {
            return (existing, false)
        }
        let record = ResultImport()
        let byLogin = preview.layout?.index(.login) != nil
        try await db.transaction { tx in
            guard let sql = tx as? any SQLDatabase else { throw PublicError(.internalServerError, "SQL database required") }
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
            let encoder = JSONEncoder()
            var batch: [[any SQLExpression]] = []
            func flush() async throws {
                guard !batch.isEmpty else { return }
                var insert = sql.insert(into: ResultRow.schema)
                    .columns("import_id", "school_id", "code", "class_name", "variant", "scores", "absent", "primary_score", "mark", "journal_mark", "test_score")
                for values in batch { insert = insert.values(values) }
                try await insert.run()
                batch.removeAll(keepingCapacity: true)
            }
            for p in file.participants {
                guard let sid = preview.schools[p.line] else { continue }
                batch.append([SQLBind(rid), SQLBind(sid), SQLBind(p.code), SQLBind(p.className), SQLBind(p.variant),
                              SQLBind(String(decoding: try encoder.encode(p.scores), as: UTF8.self)), SQLBind(p.absent),
                              SQLBind(p.primary), SQLBind(p.mark), SQLBind(p.journalMark), SQLBind(p.testScore)])
                if batch.count == 400 { try await flush() }
            }
            try await flush()
            // Remember the schools' codes for the next files.
            var remembered = Set<Int>()
            for p in file.participants {
                guard let code = p.schoolLogin, let sid = preview.schools[p.line], remembered.insert(sid).inserted,
                      let school = try await School.find(sid, on: tx) else { continue }
                if byLogin, school.fisLogin == nil { school.fisLogin = code; try await school.save(on: tx) }
                if !byLogin, school.examCode == nil { school.examCode = code; try await school.save(on: tx) }
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
        /// Share of «2» in the same test a year earlier, and whether it rose by the threshold or more.
        var twosLastYear: Double? = nil
        var negativeDynamics = false
    }

    /// Share of «2» per school in a test, from the stored rows.
    func twosBySchool(authorityIDs: [Int], kind: AssessmentKind, subject: String, grade: Int, year: Int) async throws -> (schools: [Int: Double], total: Double?) {
        let ids = try await ResultImport.query(on: db).filter(\.$authority.$id ~~ authorityIDs).filter(\.$kind == kind)
            .filter(\.$subject == subject).filter(\.$grade == grade).filter(\.$year == year).all().compactMap(\.id)
        guard !ids.isEmpty else { return ([:], nil) }
        let rows = try await ResultRow.query(on: db).filter(\.$resultImport.$id ~~ ids).filter(\.$absent == false).all()
        var counts: [Int: (Int, Int)] = [:]
        var total = (0, 0)
        for r in rows {
            guard let m = r.mark else { continue }
            let c = counts[r.$school.id] ?? (0, 0)
            counts[r.$school.id] = (c.0 + (m == 2 ? 1 : 0), c.1 + 1)
            total = (total.0 + (m == 2 ? 1 : 0), total.1 + 1)
        }
        return (counts.mapValues { Double($0.0) / Double(max($0.1, 1)) }, total.1 == 0 ? nil : Double(total.0) / Double(total.1))
    }

    /// The region's figures for a test: every municipality of the region together (a comparator).
    func regionSummary(authorityID: Int, kind: AssessmentKind, subject: String, grade: Int, year: Int) async throws -> ResultsSummary? {
        guard let authority = try await Authority.find(authorityID, on: db) else { return nil }
        let peers = try await Authority.query(on: db).filter(\.$region.$id == authority.$region.id).all().compactMap(\.id)
        let imports = try await ResultImport.query(on: db).filter(\.$authority.$id ~~ peers).filter(\.$kind == kind)
            .filter(\.$subject == subject).filter(\.$grade == grade).filter(\.$year == year).sort(\.$id).all()
        guard let last = imports.last else { return nil }
        let rows = try await ResultRow.query(on: db).filter(\.$resultImport.$id ~~ imports.compactMap(\.id)).all()
        return ResultsAnalysis.summarize(rows.map(\.participant), tasks: last.tasks, maxPrimary: last.maxPrimary)
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
        let previous = try await twosBySchool(authorityIDs: [authorityID], kind: kind, subject: subject, grade: grade, year: year - 1)
        let schools = bySchool.map { sid, list -> SchoolFigures in
            let s = ResultsAnalysis.summarize(list.map(\.participant), tasks: tasks, maxPrimary: last.maxPrimary)
            let peaks = ResultsAnalysis.boundaryPeaks(histogram: s.histogram, boundaries: boundaries)
            let mismatch = s.objectivity.share(s.objectivity.lower + s.objectivity.higher)
            var figures = SchoolFigures(schoolID: sid, name: list.first?.school.shortName ?? "", summary: s, peaks: peaks,
                                        flagged: mismatch >= thresholds.mismatchShare || !peaks.isEmpty)
            figures.twosLastYear = previous.schools[sid]
            if let before = previous.schools[sid] {
                figures.negativeDynamics = ResultsAnalysis.negativeDynamics(twosNow: s.markShare(2), twosLastYear: before, thresholds: thresholds)
            }
            return figures
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
        let regionTwos: Double
        let regionMeanMark: Double?
    }

    /// The school's diagnostic card: every test it took, by year, with the municipality beside it.
    /// A school's results include those of schools merged into it.
    func diagnosticCard(schoolID: Int, authorityID: Int) async throws -> [CardLine] {
        guard let authority = try await Authority.find(authorityID, on: db) else { return [] }
        let lineage = Set(try await SchoolLineage.ids(of: schoolID, on: db))
        let peers = try await Authority.query(on: db).filter(\.$region.$id == authority.$region.id).all().compactMap(\.id)
        let imports = try await ResultImport.query(on: db).filter(\.$authority.$id ~~ peers).sort(\.$year).all()
        let mine = Set(imports.filter { $0.$authority.id == authorityID }.compactMap(\.id))
        var groups: [String: (kind: AssessmentKind, year: Int, subject: String, grade: Int, ids: [Int])] = [:]
        for i in imports {
            let key = "\(i.kind.rawValue)|\(i.year)|\(i.subject)|\(i.grade)"
            groups[key, default: (i.kind, i.year, i.subject, i.grade, [])].ids.append(try i.requireID())
        }
        var lines: [CardLine] = []
        for g in groups.values {
            let region = try await ResultRow.query(on: db).filter(\.$resultImport.$id ~~ g.ids).filter(\.$absent == false).all()
            let rows = region.filter { mine.contains($0.$resultImport.id) }
            let school = rows.filter { lineage.contains($0.$school.id) }
            guard !school.isEmpty else { continue }
            func twos(_ list: [ResultRow]) -> Double {
                let marked = list.compactMap(\.mark)
                return marked.isEmpty ? 0 : Double(marked.filter { $0 == 2 }.count) / Double(marked.count)
            }
            func mean(_ list: [ResultRow]) -> Double? {
                let marked = list.compactMap(\.mark)
                return marked.isEmpty ? nil : Double(marked.reduce(0, +)) / Double(marked.count)
            }
            lines.append(CardLine(kind: g.kind, year: g.year, subject: g.subject, grade: g.grade, participants: school.count,
                                  twos: twos(school), meanMark: mean(school), municipalityTwos: twos(rows), municipalityMeanMark: mean(rows),
                                  regionTwos: twos(region), regionMeanMark: mean(region)))
        }
        return lines.sorted { ($0.subject, $0.grade, $0.year) < ($1.subject, $1.grade, $1.year) }
    }
}

extension ResultsService {
    /// Next year's lists proposed from the results of `year - 1` and `year` (see `ListProposalRule`).
    func proposals(authorityID: Int, year: Int) async throws -> [ListProposalRule.Proposal] {
        let (shares, municipality) = try await twosShares(authorityID: authorityID, years: [year - 1, year])
        let schools = try await School.query(on: db).filter(\.$authority.$id == authorityID).all()
            .sorted { ($0.number ?? Int.max, $0.shortName) < ($1.number ?? Int.max, $1.shortName) }.compactMap { s in s.id.map { ($0, s.shortName) } }
        return ListProposalRule().propose(schools: schools, shares: shares, comparator: municipality, lastYear: year)
    }

    /// Adopts a reviewed proposal into the lists of `year + 1`, through the lists' own import (audited, one transaction).
    func adopt(_ list: [ListProposalRule.Proposal], authorityID: Int, year: Int, user: User?) async throws -> Int {
        let preview = ListImportPreview(rows: list.enumerated().map { i, p in
            ListImportRow(line: i + 1, schoolID: p.schoolID, schoolName: p.school, status: p.status, basis: p.basis)
        }, problems: [])
        return try await ListService(db: db).apply(preview, authorityID: authorityID, year: year + 1, order: .init(), user: user,
                                                   fileName: "предложение по результатам ВПР \(year - 1)–\(year)")
    }
}

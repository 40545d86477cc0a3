import Fluent
import Foundation
import OporaCore
import OporaDocuments
import SQLKit
import Vapor

/// Importing assessment results, shared by pages, API and CLI: one reader (`ResultsStream`),
/// one check, one transaction. A file goes to one municipality or — a regional export — to the
/// whole region, each school's rows to its own municipality.
struct ResultsService {
    let db: any Database

    /// Who the file is for.
    enum Target: Sendable, Equatable {
        case authority(Int)
        case region(Int)
    }

    /// Where the file is: uploaded bytes, or a file on disk (the CLI), read without loading it whole.
    enum Source {
        case data(Data)
        case file(URL)
    }

    struct Given: Sendable {
        var subject: String?
        var grade: Int?
        var year: Int?
        var kind: AssessmentKind?
        var schoolID: Int?
    }

    /// A school the file names by a code or name the registry does not know.
    struct UnknownSchool: Hashable, Sendable {
        /// The stream's key: the code (lower case) or the name.
        let key: String
        let code: String?
        let name: String?
        /// The file's municipality column for it.
        let municipality: String?
        /// The registry municipality that column names, if one does.
        let authorityID: Int?
        let rows: Int

        /// «edu990003 МБОУ СОШ № 903 (Несуществующий район): 4» — as the region's import record, the API and the CLI list it.
        var line: String { "\(code ?? "—") \(name ?? "") (\(municipality ?? "муниципалитет не указан")): \(rows)" }
    }

    /// The user's answers for unknown schools; a school not named here is skipped and reported.
    struct Decisions: Codable, Sendable, Equatable {
        /// The file's code is this registry school's (the code is kept on it).
        var assign: [String: Int] = [:]
        /// Create the school in this municipality, with the file's code and name.
        var create: [String: Int] = [:]

        init(assign: [String: Int] = [:], create: [String: Int] = [:]) {
            self.assign = assign
            self.create = create
        }
        init(json: String?) {
            self = json.flatMap { try? JSONDecoder().decode(Decisions.self, from: Data($0.utf8)) } ?? Decisions()
        }
        var json: String { (try? String(decoding: JSONEncoder().encode(self), as: UTF8.self)) ?? "{}" }
    }

    struct Preview {
        var outcome: ResultsStream.Outcome?
        var problems: [ImportProblem] = []
        var warnings: [String] = []
        var layout: ResultsLayout?
        var test: ResultsTest?
        /// Columns nobody recognised or a column the file lacks: the mapping step.
        var needsMapping = false
        /// Stream key → registry school.
        var schools: [String: Int] = [:]
        var schoolAuthority: [Int: Int] = [:]
        var schoolNames: [Int: String] = [:]
        var unknownSchools: [UnknownSchool] = []
        /// A municipality's own import of a regional file: the other municipalities' schools are left out.
        var otherMunicipalities = (schools: 0, participants: 0)
        var marksSource = "отметки из файла"
        /// The file names schools by ФИС ОКО login (else by РЦОИ exam code or name).
        var byLogin = true
        var decisions = Decisions()

        var isValid: Bool { outcome != nil && problems.isEmpty && !needsMapping && test != nil }

        /// Unknown schools neither assigned nor created: their rows are left out.
        var skipped: [UnknownSchool] { unknownSchools.filter { decisions.assign[$0.key] == nil && decisions.create[$0.key] == nil } }

        /// Participants that go in.
        var participants: Int {
            guard let outcome else { return 0 }
            return outcome.schools.filter { schools[$0.key] != nil || decisions.assign[$0.key] != nil || decisions.create[$0.key] != nil }
                .reduce(0) { $0 + $1.value.count }
        }

        /// Stream key → registry school, for every school that goes in (found, or assigned by the user).
        var included: [String: Int] { schools.merging(decisions.assign) { a, _ in a } }

        var perSchool: [(name: String, count: Int)] {
            guard let outcome else { return [] }
            let included = included
            return outcome.schools.compactMap { key, s in included[key].map { (schoolNames[$0] ?? key, s.count) } }.sortedNaturally(by: \.name)
        }
    }

    // MARK: column mappings, the region's

    func regionID(of target: Target) async throws -> Int {
        switch target {
        case .region(let id): return id
        case .authority(let id):
            guard let a = try await Authority.find(id, on: db) else { throw PublicError.notFound() }
            return a.$region.id
        }
    }

    func mapping(regionID: Int) async throws -> ColumnMapping {
        let rows = try await ResultMapping.query(on: db).filter(\.$region.$id == regionID).all()
        return ColumnMapping(Dictionary(rows.compactMap { r in ResultsColumn(rawValue: r.column).map { (r.headerKey, $0) } }, uniquingKeysWith: { a, _ in a }))
    }

    /// Remembers the user's answer for each header text (a changed answer replaces the old).
    func remember(_ answers: [String: ResultsColumn], regionID: Int, by login: String) async throws {
        for (key, column) in answers where !key.isEmpty {
            let row = try await ResultMapping.query(on: db).filter(\.$region.$id == regionID).filter(\.$headerKey == key).first() ?? ResultMapping()
            row.$region.id = regionID
            row.headerKey = String(key.prefix(300))
            row.column = column.rawValue
            row.setBy = login
            try await row.save(on: db)
        }
    }

    // MARK: the check

    /// `createUnknown`: every school the registry does not know is created in the municipality the
    /// file names for it (the API's and the CLI's `create`), decided in the same pass as the check.
    func preview(_ source: Source, fileName: String, target: Target, given: Given, decisions: Decisions = Decisions(),
                 createUnknown: Bool = false) async throws -> Preview {
        let regionID = try await regionID(of: target)
        let mapping = try await mapping(regionID: regionID)
        var preview = Preview(decisions: decisions)
        // The layout first, from the head, so the scale and reference maxima can be looked up.
        let head: [[String]]
        switch source {
        case .data(let d): head = ResultsStream.head(d)
        case .file(let url): head = (try? ResultsStream.head(fileAt: url)) ?? []
        }
        var resolution = ResultsStream.Resolution()
        resolution.schoolGiven = given.schoolID != nil
        var test: ResultsTest?
        if var layout = ResultsLayout.detect(head, mapping: mapping) {
            Self.apply(given, to: &layout)
            if let subject = layout.subject, let grade = layout.grade, let year = layout.year {
                test = ResultsTest(kind: layout.kind, subject: subject, grade: grade, year: year)
            }
            if let test {
                resolution.reference = try await referenceTasks(regionID: regionID, test: test)
                if let record = try await scaleRecord(test), let scale = record.scale {
                    resolution.scale = { scale.mark($0) }
                    if layout.index(.mark) == nil { preview.marksSource = "шкала перевода \(test.title): \(scale.text) (\(record.source))" }
                }
            }
        }
        let fixed = resolution
        let resolve: (inout ResultsLayout) -> ResultsStream.Resolution = { layout in Self.apply(given, to: &layout); return fixed }
        let outcome: ResultsStream.Outcome
        switch source {
        case .data(let d): outcome = ResultsStream.read(d, fileName: fileName, mapping: mapping, resolve: resolve)
        case .file(let url):
            do { outcome = try ResultsStream.read(fileAt: url, mapping: mapping, resolve: resolve) } catch {
                throw PublicError(.badRequest, "Файл «\(fileName)» не читается.")
            }
        }
        preview.layout = outcome.layout
        preview.test = test
        guard let layout = outcome.layout else {
            preview.problems = outcome.problems
            return preview
        }
        if !layout.unknown.isEmpty || !layout.missing(schoolGiven: given.schoolID != nil).isEmpty {
            preview.needsMapping = true
            return preview
        }
        preview.outcome = outcome
        preview.problems = outcome.problems
        if outcome.truncated { preview.warnings.append("Ошибок больше, чем показано: исправьте показанные и проверьте файл снова.") }
        preview.warnings += outcome.warnings
        if test == nil {
            preview.problems.append(ImportProblem(file: fileName, row: 1, column: nil,
                message: "не указаны предмет, класс и год (строка вида «ВПР 2024 Математика 5 класс» или поля формы)."))
        }
        if let test, outcome.total.sums.withoutMark > 0 && outcome.total.sums.marks.reduce(0, +) == 0 {
            preview.marksSource = "нет шкалы перевода"
            preview.warnings.append("В файле нет отметок, а шкалы перевода для \(test.title) в справочнике нет: все показатели по первичным баллам посчитаны, "
                                    + "отметки появятся, когда шкалу добавят («Шкалы перевода»).")
        }
        preview.byLogin = layout.index(.login) != nil
        try await identifySchools(&preview, outcome: outcome, target: target, given: given, regionID: regionID, fileName: fileName, createUnknown: createUnknown)
        return preview
    }

    /// The form's test for a file that does not name it; protocols name no grade (ОГЭ 9, ЕГЭ 11).
    static func apply(_ given: Given, to layout: inout ResultsLayout) {
        if let kind = given.kind, !layout.titled { layout.kind = kind }
        layout.subject = layout.subject ?? given.subject
        layout.grade = layout.grade ?? given.grade ?? (layout.kind == .oge ? 9 : layout.kind == .ege ? 11 : nil)
        layout.year = layout.year ?? given.year
    }

    /// Maxima an earlier file of the same test named in its header: the test's reference data.
    func referenceTasks(regionID: Int, test: ResultsTest) async throws -> [AssessmentTask] {
        let authorities = try await Authority.query(on: db).filter(\.$region.$id == regionID).all().compactMap(\.id)
        guard !authorities.isEmpty else { return [] }
        let imports = try await ResultImport.query(on: db).filter(\.$authority.$id ~~ authorities).filter(\.$kind == test.kind)
            .filter(\.$subject == test.subject).filter(\.$grade == test.grade).sort(\.$year, .descending).limit(20).all()
        let same = imports.filter { $0.year == test.year } + imports.filter { $0.year != test.year }
        return same.lazy.map(\.tasks).first { tasks in !tasks.isEmpty && tasks.allSatisfy { $0.maxSource == nil || $0.maxSource == .header } } ?? []
    }

    func scaleRecord(_ test: ResultsTest) async throws -> ConversionScaleRecord? {
        try await ConversionScaleRecord.query(on: db).filter(\.$kind == test.kind).filter(\.$subject == test.subject)
            .filter(\.$grade == test.grade).filter(\.$year == test.year).first()
    }

    /// Each school of the file: a registry school of the target (by login or exam code, or by
    /// name in a municipality's own file), another municipality's (left out of a municipality's
    /// import), or unknown (listed once; assigned, created or skipped as the user decides).
    private func identifySchools(_ preview: inout Preview, outcome: ResultsStream.Outcome, target: Target, given: Given, regionID: Int, fileName: String,
                                 createUnknown: Bool) async throws {
        let authorities = try await Authority.query(on: db).filter(\.$region.$id == regionID).all()
        let authorityIDs = authorities.compactMap(\.id)
        let schools = authorityIDs.isEmpty ? [] : try await School.query(on: db).filter(\.$authority.$id ~~ authorityIDs).all()
        let byCode = Dictionary(schools.compactMap { s in (preview.byLogin ? s.fisLogin : s.examCode).flatMap { c in s.id.map { _ in (c.lowercased(), s) } } },
                                uniquingKeysWith: { a, _ in a })
        // Names are matched within one municipality: the target's own, or — in a regional file —
        // the one its municipality column names.
        var matchers: [Int: SchoolNameMatcher] = [:]
        func matcher(_ aid: Int) -> SchoolNameMatcher {
            if let m = matchers[aid] { return m }
            let m = SchoolNameMatcher(candidates: schools.filter { $0.$authority.id == aid }.compactMap { s in
                s.id.map { SchoolNameMatcher.Candidate(id: $0, name: s.shortName, aliases: [s.fullName] + s.aliases) }
            })
            matchers[aid] = m
            return m
        }
        let byID = Dictionary(schools.compactMap { s in s.id.map { ($0, s) } }, uniquingKeysWith: { a, _ in a })
        var municipalityByKey: [String: Int] = [:]
        for a in authorities {
            guard let id = a.id else { continue }
            for n in [a.municipality, a.shortName, a.name, a.code] {
                municipalityByKey[RegistryImporter.municipalityKey(n)] = id
                municipalityByKey[RegistryImporter.looseMunicipalityKey(n)] = municipalityByKey[RegistryImporter.looseMunicipalityKey(n)] ?? id
            }
        }
        func inTarget(_ s: School) -> Bool {
            switch target {
            case .region: true
            case .authority(let aid): s.$authority.id == aid
            }
        }
        var unknown: [UnknownSchool] = []
        for (key, part) in outcome.schools.sorted(by: { $0.value.firstLine < $1.value.firstLine }) {
            let fileMunicipality = part.municipality.flatMap { municipalityByKey[RegistryImporter.municipalityKey($0)] ?? municipalityByKey[RegistryImporter.looseMunicipalityKey($0)] }
            var found: School?
            if key.isEmpty, let sid = given.schoolID { found = byID[sid] }
            else if let s = byCode[key] { found = s }
            else if let name = part.name {
                let within: Int?
                switch target {
                case .authority(let aid): within = aid
                case .region: within = fileMunicipality
                }
                if let within, case .found(let id) = matcher(within).match(name) {
                    found = byID[id]
                    // A code the registry lacks is learnt from the file, as the mapping step would.
                    if part.name != key, let id = found?.id, byID[id].map({ (preview.byLogin ? $0.fisLogin : $0.examCode) == nil }) == true { preview.decisions.assign[key] = id }
                }
            }
            if let s = found, let sid = s.id {
                if inTarget(s) {
                    if preview.decisions.assign[key] == nil { preview.schools[key] = sid }
                    preview.schoolAuthority[sid] = s.$authority.id
                    preview.schoolNames[sid] = s.shortName
                } else {
                    preview.otherMunicipalities.schools += 1
                    preview.otherMunicipalities.participants += part.count
                }
                continue
            }
            let code = part.name == key ? nil : key
            unknown.append(UnknownSchool(key: key, code: code, name: part.name, municipality: part.municipality, authorityID: fileMunicipality, rows: part.count))
        }
        preview.unknownSchools = unknown
        if createUnknown {
            for u in unknown {
                switch target {
                case .authority(let aid): preview.decisions.create[u.key] = aid
                case .region: if let aid = u.authorityID { preview.decisions.create[u.key] = aid }
                }
            }
        }
        // Decisions only where they make sense for this target.
        for (key, sid) in preview.decisions.assign {
            guard let s = byID[sid], inTarget(s), preview.schools[key] == nil, outcome.schools[key] != nil else { preview.decisions.assign[key] = nil; continue }
            preview.schoolAuthority[sid] = s.$authority.id
            preview.schoolNames[sid] = s.shortName
        }
        for (key, aid) in preview.decisions.create {
            let allowed: Bool
            switch target {
            case .region: allowed = authorityIDs.contains(aid)
            case .authority(let own): allowed = aid == own
            }
            if !allowed || !unknown.contains(where: { $0.key == key }) { preview.decisions.create[key] = nil }
        }
        if preview.otherMunicipalities.schools > 0 {
            preview.warnings.append("Строки школ других муниципалитетов не загружаются: \(RussianPlural.count(preview.otherMunicipalities.schools, "школа", "школы", "школ")), "
                                    + "\(RussianPlural.count(preview.otherMunicipalities.participants, "участник", "участника", "участников")).")
        }
        let skipped = preview.skipped
        if !skipped.isEmpty {
            preview.warnings.append("Школ нет в реестре: \(skipped.count); их строки (\(skipped.reduce(0) { $0 + $1.rows })) не загружаются, пока школа не выбрана или не создана.")
        }
        if preview.participants == 0 && preview.problems.isEmpty {
            preview.problems.append(ImportProblem(file: fileName, row: nil, column: nil,
                                                  message: "ни одна школа файла не найдена в реестре (\(RussianPlural.count(unknown.count, "неизвестная школа", "неизвестные школы", "неизвестных школ"))): выберите или создайте их."))
        }
    }

    // MARK: the import

    struct Applied {
        let imports: [ResultImport]
        let fresh: Bool
        let createdSchools: Int
        let participants: Int
        var test: ResultsTest
    }

    /// Saves a checked file in one transaction. The same file again changes nothing; a new file of
    /// the same test replaces those schools' earlier results.
    func apply(_ preview: Preview, hash: String, fileName: String, target: Target, user: User?, by label: String = "командная строка") async throws -> Applied {
        guard preview.isValid, let outcome = preview.outcome, let test = preview.test else {
            throw PublicError(.unprocessableEntity, "Файл «\(fileName)» содержит ошибки; ничего не сохранено.")
        }
        let login = user?.login ?? label
        switch target {
        case .region(let rid):
            if try await ResultRegionImport.query(on: db).filter(\.$region.$id == rid).filter(\.$fileHash == hash).first() != nil {
                let existing = try await ResultImport.query(on: db).join(ResultRegionImport.self, on: \ResultImport.$regionImport.$id == \ResultRegionImport.$id)
                    .filter(ResultRegionImport.self, \.$region.$id == rid).filter(ResultRegionImport.self, \.$fileHash == hash).all()
                return Applied(imports: existing, fresh: false, createdSchools: 0, participants: 0, test: test)
            }
        case .authority(let aid):
            if let existing = try await ResultImport.query(on: db).filter(\.$authority.$id == aid).filter(\.$fileHash == hash).first() {
                return Applied(imports: [existing], fresh: false, createdSchools: 0, participants: 0, test: test)
            }
        }
        return try await db.transaction { tx in
            guard let sql = tx as? any SQLDatabase else { throw PublicError(.internalServerError, "SQL database required") }
            var schools = preview.schools
            var authorityOf = preview.schoolAuthority
            // Codes the user assigned stay with the school, so the next file finds it.
            for (key, sid) in preview.decisions.assign {
                schools[key] = sid
                guard let school = try await School.find(sid, on: tx), let part = outcome.schools[key] else { continue }
                if part.name != key {
                    if preview.byLogin, school.fisLogin == nil { school.fisLogin = key }
                    if !preview.byLogin, school.examCode == nil { school.examCode = key }
                } else if !school.aliases.contains(key) {
                    school.aliases.append(key)
                }
                try await school.save(on: tx)
            }
            var created = 0
            for (key, aid) in preview.decisions.create.sorted(by: { $0.key < $1.key }) {
                guard let part = outcome.schools[key] else { continue }
                let name = part.name?.nilIfBlank ?? "ОО \(key)"
                let named = SchoolRecord(named: name, fullName: name)
                let school = School(authorityID: aid, kind: named.kind, legalForm: named.legalForm, number: named.number,
                                    shortName: try await uniqueName(name, authorityID: aid, on: tx), fullName: name, aliases: [])
                if part.name != key { if preview.byLogin { school.fisLogin = key } else { school.examCode = key } }
                try await school.create(on: tx)
                let sid = try school.requireID()
                schools[key] = sid
                authorityOf[sid] = aid
                created += 1
                try await Audit.record(on: tx, user: user, by: login, authorityID: aid, action: "Школа добавлена в реестр из файла результатов", entity: school.shortName,
                                       entityID: sid, after: "\(preview.byLogin ? "логин" : "код ОО") \(key); файл «\(fileName)»")
            }
            var regionImport: ResultRegionImport?
            if case .region(let rid) = target {
                let r = ResultRegionImport()
                r.$region.id = rid
                r.kind = test.kind
                r.subject = test.subject
                r.grade = test.grade
                r.year = test.year
                r.fileName = fileName
                r.fileHash = hash
                r.importedBy = login
                r.participants = preview.participants
                let skipped = preview.skipped
                r.skipped = skipped.isEmpty ? nil : skipped.map(\.line)
                    .joined(separator: "\n")
                try await r.create(on: tx)
                regionImport = r
            }
            // Each municipality's part.
            var byAuthority: [Int: [(String, Int)]] = [:]
            for (key, sid) in schools { if let aid = authorityOf[sid] { byAuthority[aid, default: []].append((key, sid)) } }
            var imports: [ResultImport] = []
            let tasksJSON = String(decoding: try JSONEncoder().encode(outcome.tasks), as: UTF8.self)
            for (aid, members) in byAuthority.sorted(by: { $0.key < $1.key }) {
                if try await ResultImport.query(on: tx).filter(\.$authority.$id == aid).filter(\.$fileHash == hash).first() != nil { continue }
                let ids = members.map(\.1)
                let earlier = try await ResultImport.query(on: tx).filter(\.$authority.$id == aid).filter(\.$kind == test.kind)
                    .filter(\.$subject == test.subject).filter(\.$grade == test.grade).filter(\.$year == test.year).all().compactMap(\.id)
                for e in earlier { try await StoredResults.remove(schools: ids, from: e, on: tx) }
                var total = ResultsAccumulator(tasks: outcome.tasks, maxPrimary: outcome.maxPrimary)
                var rows: [StoredResults.SchoolRows] = []
                for (key, sid) in members.sorted(by: { $0.1 < $1.1 }) {
                    guard let part = outcome.schools[key] else { continue }
                    total.merge(part.sums)
                    rows.append(StoredResults.rows(schoolID: sid, part))
                }
                let record = ResultImport()
                record.$authority.id = aid
                record.kind = test.kind
                record.subject = test.subject
                record.grade = test.grade
                record.year = test.year
                record.fileName = fileName
                record.fileHash = hash
                record.tasksJSON = tasksJSON
                record.maxPrimary = outcome.maxPrimary
                record.importedBy = login
                record.marksSource = preview.marksSource
                record.$regionImport.id = regionImport?.id
                record.participants = total.sums.present + total.sums.absent
                record.absent = total.sums.absent
                record.warnings = preview.warnings.isEmpty ? nil : preview.warnings.joined(separator: "\n")
                record.totalText = total.sums.text
                try await record.create(on: tx)
                try await StoredResults.insert(rows, importID: try record.requireID(), year: record.year, on: sql)
                imports.append(record)
                try await Audit.record(on: tx, user: user, by: login, authorityID: aid, action: "Загружены результаты", entity: test.title, entityID: record.id,
                                       after: "«\(fileName)»\(regionImport == nil ? "" : " (файл региона)"): \(RussianPlural.count(record.participants, "участник", "участника", "участников")), "
                                       + RussianPlural.count(rows.count, "школа", "школы", "школ"))
            }
            if let regionImport {
                try await Audit.record(on: tx, user: user, by: login, authorityID: nil, action: "Загружены результаты региона", entity: test.title, entityID: regionImport.id,
                                       after: "«\(fileName)»: муниципалитетов \(imports.count), участников \(preview.participants)"
                                       + (preview.skipped.isEmpty ? "" : "; пропущено школ \(preview.skipped.count)") + (created > 0 ? "; создано школ \(created)" : ""))
            }
            return Applied(imports: imports, fresh: true, createdSchools: created, participants: imports.reduce(0) { $0 + $1.participants }, test: test)
        }
    }

    /// A created school's short name, distinct within its municipality.
    private func uniqueName(_ name: String, authorityID: Int, on db: any Database) async throws -> String {
        let taken = Set(try await School.query(on: db).filter(\.$authority.$id == authorityID).all(\.$shortName))
        guard taken.contains(name) else { return name }
        var n = 2
        while taken.contains("\(name) (\(n))") { n += 1 }
        return "\(name) (\(n))"
    }

    static func hash(_ source: Source) throws -> String {
        switch source {
        case .data(let d): return SHA256.hash(data: d).hex
        case .file(let url): return SHA256.hash(data: try Data(contentsOf: url, options: .alwaysMapped)).hex
        }
    }
}

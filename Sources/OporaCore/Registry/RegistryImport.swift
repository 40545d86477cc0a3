/// One school row of a registry file with its cells read and checked.
public struct RegistryRow: Sendable, Equatable {
    public let line: Int
    public var municipality: String
    public var municipalityCode: String?
    public var fisLogin: String?
    public var inn: String?
    public var examCode: String?
    public var shortName: String?
    public var fullName: String?
    public var address: String?
    public var kind: SchoolKind?
    public var legalForm: String?
    public var number: Int?
    public var locality: Locality?
    public var small: Bool?
    public var headName: String?

    public init(line: Int, municipality: String) {
        self.line = line
        self.municipality = municipality
    }

    /// The record of a school created from this row: what the file does not say is read from
    /// the names (kind, number and legal form from «МБОУ СОШ № 5»; a short name from the full one).
    public func newRecord() -> SchoolRecord {
        var r = SchoolRecord(named: shortName, fullName: fullName)
        if let kind { r.kind = kind }
        if let legalForm { r.legalForm = legalForm }
        if let number { r.number = number }
        r.fisLogin = fisLogin
        r.examCode = examCode
        r.inn = inn
        r.address = address
        r.locality = locality
        r.small = small ?? false
        r.headName = headName
        return r
    }
}

/// Reads a region's registry file and plans what it changes. The rules, in order:
/// - a row's municipality is found by its code, else by its name (exact, then without «г.»,
///   «район», «городской округ» …); an unknown one is created when that is allowed;
/// - a row's school is found by its ФИС ОКО login, then by ИНН, then by its name within the
///   municipality; found by login or ИНН in another municipality is an error, as is a name that
///   fits several schools or a name whose school has another login;
/// - a found school takes what the file says and keeps what it leaves empty; a changed name is
///   kept as another spelling, so older files still match; kind, number and legal form read from
///   a name are used only for new schools;
/// - the same file applied twice changes nothing the second time.
public enum RegistryImporter {
    public static let maxRows = 20_000
    static let maxLengths: [RegistryColumn: Int] = [.shortName: 300, .fullName: 1_000, .address: 500, .headName: 200, .municipality: 300, .legalForm: 100, .examCode: 32]

    public struct Options: Sendable {
        public var createMunicipalities: Bool
        public init(createMunicipalities: Bool = true) { self.createMunicipalities = createMunicipalities }
    }

    /// The rows of the file, each checked on its own (formats of logins, ИНН, yes/no …).
    public static func rows(_ table: ImportTable) -> (header: RegistryHeader?, rows: [RegistryRow], problems: [ImportProblem]) {
        let file = table.fileName
        guard table.rows.contains(where: { $0.contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty } }) else {
            return (nil, [], [ImportProblem(file: file, row: nil, column: nil, message: "файл пуст.")])
        }
        guard table.rows.count <= maxRows + 30 else {
            return (nil, [], [ImportProblem(file: file, row: nil, column: nil, message: "в файле больше \(maxRows) строк; разделите его на части.")])
        }
        guard let header = RegistryHeader.find(in: table.rows) else {
            return (nil, [], [ImportProblem(file: file, row: 1, column: nil, message:
                "не найдена строка заголовка. Нужны столбцы «Муниципалитет» (или «регион/муниципалитет», «Район») и «Краткое наименование» "
                + "(или «Имя», «Наименование ОО»); по желанию — «Логин», «ИНН», «Полное наименование», «Код ОО», «Адрес», «Вид ОО», "
                + "«Городская/сельская», «Малокомплектная», «Руководитель».")])
        }
        var rows: [RegistryRow] = []
        var problems: [ImportProblem] = []
        for (offset, cells) in table.rows.enumerated() where offset > header.row {
            let line = offset + 1
            func cell(_ c: RegistryColumn) -> String? {
                guard let i = header.index[c], i < cells.count else { return nil }
                let v = cells[i].split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
                return v.isEmpty ? nil : v
            }
            func problem(_ c: RegistryColumn?, _ message: String) {
                problems.append(ImportProblem(file: file, row: line, column: c.map(header.title), message: message))
            }
            let mapped = header.index.values.compactMap { $0 < cells.count ? cells[$0] : nil }
            if mapped.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) { continue }
            if let first = cells.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }), first.lowercased().hasPrefix("итого") { continue }

            var tooLong = false
            for (c, limit) in maxLengths {
                if let v = cell(c), v.count > limit {
                    problem(c, "слишком длинное значение (\(v.count) символов, не более \(limit)).")
                    tooLong = true
                }
            }
            if tooLong { continue }
            guard let municipality = cell(.municipality) else {
                problem(.municipality, "не указан муниципалитет.")
                continue
            }
            var row = RegistryRow(line: line, municipality: municipality)
            row.shortName = cell(.shortName)
            row.fullName = cell(.fullName)
            if row.shortName == nil && row.fullName == nil {
                problem(header.index[.shortName] != nil ? .shortName : .fullName, "не указано наименование школы.")
                continue
            }
            var ok = true
            if let code = cell(.municipalityCode) {
                let c = numberText(code).lowercased()
                if AccountRules.isValidLogin(c) || (c.count >= 2 && c.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                    row.municipalityCode = c
                } else {
                    problem(.municipalityCode, "код муниципалитета «\(code)»: только латинские буквы, цифры, точка, дефис (2–40 символов).")
                    ok = false
                }
            }
            if let login = cell(.login) {
                let l = login.lowercased()
                if AccountRules.isValidLogin(l) { row.fisLogin = l } else {
                    problem(.login, "логин «\(login)»: только латинские буквы, цифры, точка, дефис и подчёркивание, от 3 до 40 символов.")
                    ok = false
                }
            }
            if let inn = cell(.inn) {
                switch INN.validate(numberText(inn)) {
                case .success(let v): row.inn = v
                case .failure(let p):
                    problem(.inn, "«\(inn)»: \(p.message).")
                    ok = false
                }
            }
            row.examCode = cell(.examCode).map(numberText)
            row.address = cell(.address)
            row.headName = cell(.headName)
            if let form = cell(.legalForm) {
                row.legalForm = SchoolName.legalForm(of: form) ?? form
            }
            if let kind = cell(.kind) {
                if let k = SchoolKind(russian: kind) { row.kind = k } else {
                    problem(.kind, "вид «\(kind)» не распознан; допустимы: " + SchoolKind.allCases.map(\.abbreviation).joined(separator: ", ") + ".")
                    ok = false
                }
            }
            if let number = cell(.number) {
                let digits = numberText(number).replacingOccurrences(of: "№", with: "").trimmingCharacters(in: .whitespaces)
                if let n = Int(digits), (0...100_000).contains(n) { row.number = n } else {
                    problem(.number, "номер «\(number)» — не целое число.")
                    ok = false
                }
            }
            if let locality = cell(.locality) {
                if let l = Locality(russian: locality) { row.locality = l } else {
                    problem(.locality, "«\(locality)»: укажите «город» или «село» (городская или сельская школа).")
                    ok = false
                }
            }
            if let small = cell(.small) {
                if let s = RussianYesNo.parse(small) { row.small = s } else {
                    problem(.small, "«\(small)»: укажите «да» или «нет».")
                    ok = false
                }
            }
            if ok { rows.append(row) }
        }
        if rows.isEmpty && problems.isEmpty {
            problems.append(ImportProblem(file: file, row: header.row + 1, column: nil, message: "под строкой заголовка нет ни одной школы."))
        }
        return (header, rows, problems)
    }

    /// Numbers from XLSX may come as «4205001234.0»: the digits are meant.
    static func numberText(_ s: String) -> String {
        s.hasSuffix(".0") && s.dropLast(2).allSatisfy(\.isNumber) ? String(s.dropLast(2)) : s
    }

    /// A municipality's name for comparison: case, «ё», punctuation and spacing ignored.
    public static func municipalityKey(_ name: String) -> String {
        RegistryColumn.normalize(name)
    }

    /// The name without the words that say what kind of municipality it is: «г. Юрга» and «Юрга»,
    /// «Пучежский муниципальный район» and «Пучежский район» are the same.
    public static func looseMunicipalityKey(_ name: String) -> String {
        let generic: Set<String> = ["г", "город", "городской", "округ", "го", "муниципальный", "муниципальное", "образование", "мо", "мр", "район",
                                    "округа", "района", "города", "городского", "муниципального", "рн", "м", "р"]
        return municipalityKey(name).split(separator: " ").filter { !generic.contains(String($0)) }.joined(separator: " ")
    }

    public static func plan(_ table: ImportTable, snapshot: RegistrySnapshot, options: Options = Options()) -> RegistryPlan {
        let read = rows(table)
        var plan = RegistryPlan(fileName: table.fileName, header: read.header)
        plan.problems = read.problems
        guard let header = read.header else { return plan }
        var planner = Planner(file: table.fileName, header: header, snapshot: snapshot, options: options)
        for row in read.rows { planner.add(row) }
        plan.newMunicipalities = planner.newMunicipalities
        plan.newSchools = planner.newSchools
        plan.updates = planner.updates
        plan.unchanged = planner.unchanged
        plan.problems += planner.problems
        plan.problems.sort { ($0.row ?? 0) < ($1.row ?? 0) }
        plan.warnings = planner.warnings
        if !plan.newMunicipalities.isEmpty {
            plan.warnings.append("У новых муниципалитетов наименованием органа управления образованием станет название муниципалитета; "
                                 + "полное наименование, адрес и руководителя заполните в реестре.")
        }
        return plan
    }

    /// Merges what a row says into a school's record. Empty cells keep the old value; a new
    /// short or full name keeps the old one among the other spellings.
    public static func merge(_ old: SchoolRecord, with row: RegistryRow) -> (record: SchoolRecord, changes: [RegistryPlan.Change]) {
        var r = old
        // The same name written otherwise («СОШ №1», «МБОУ СОШ № 1») is not a new name.
        if let v = row.shortName, !sameName(old.shortName, file: v) { r.shortName = v }
        if let v = row.fullName, !sameName(old.fullName, file: v) { r.fullName = v }
        if let v = row.kind { r.kind = v }
        if let v = row.legalForm { r.legalForm = v }
        if let v = row.number { r.number = v }
        if let v = row.fisLogin { r.fisLogin = v }
        if let v = row.examCode { r.examCode = v }
        if let v = row.inn { r.inn = v }
        if let v = row.address { r.address = v }
        if let v = row.locality { r.locality = v }
        if let v = row.small { r.small = v }
        if let v = row.headName { r.headName = v }
        for name in [old.shortName, old.fullName] where name != r.shortName && name != r.fullName && !r.aliases.contains(name) && !name.isEmpty {
            r.aliases.append(name)
        }
        return (r, r.changes(from: old))
    }
}

extension RegistryImporter {
    /// Whether a name in the file is the stored name written otherwise: spacing, quotes, «№»,
    /// long legal forms, or the legal form left out by the file.
    public static func sameName(_ stored: String, file: String) -> Bool {
        func key(_ s: String) -> String { SchoolName.abbreviated(s).lowercased().replacingOccurrences(of: "ё", with: "е") }
        if key(stored) == key(file) { return true }
        return SchoolName.legalForm(of: file) == nil && SchoolName(stored).normalized == SchoolName(file).normalized
    }
}

/// The planning state: indexes of the registry and of what earlier rows of the file claimed.
private struct Planner {
    let file: String
    let header: RegistryHeader
    let snapshot: RegistrySnapshot
    let options: RegistryImporter.Options

    var newMunicipalities: [RegistryPlan.NewMunicipality] = []
    var newSchools: [RegistryPlan.NewSchool] = []
    var updates: [RegistryPlan.Update] = []
    var unchanged: [RegistryPlan.Unchanged] = []
    var problems: [ImportProblem] = []
    var warnings: [String] = []

    let municipalitiesByID: [Int: RegistrySnapshot.Municipality]
    let municipalityByCode: [String: Int]
    let municipalityByKey: [String: Set<Int>]
    let municipalityByLooseKey: [String: Set<Int>]
    let schoolsByID: [Int: RegistrySnapshot.School]
    let schoolByLogin: [String: Int]
    let schoolByINN: [String: Int]
    let schoolByExamCode: [String: Int]
    /// Name candidates per municipality; a matcher is built only for municipalities where a row
    /// has neither a known login nor a known ИНН (a second import of the same file builds none).
    let candidates: [Int: [SchoolNameMatcher.Candidate]]
    var matchers: [Int: SchoolNameMatcher] = [:]
    var newByKey: [String: Int] = [:]
    var newByCode: [String: Int] = [:]
    var takenCodes: Set<String>
    /// Short names in use per municipality (lower case) → the line or school that uses them.
    var shortNames: [RegistryPlan.Place: [String: String]] = [:]
    var loginLines: [String: Int] = [:]
    var innLines: [String: Int] = [:]
    var examCodeLines: [String: Int] = [:]
    var matchedLines: [Int: Int] = [:]

    init(file: String, header: RegistryHeader, snapshot: RegistrySnapshot, options: RegistryImporter.Options) {
        self.file = file
        self.header = header
        self.snapshot = snapshot
        self.options = options
        municipalitiesByID = Dictionary(snapshot.municipalities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        municipalityByCode = Dictionary(snapshot.municipalities.map { ($0.code.lowercased(), $0.id) }, uniquingKeysWith: { a, _ in a })
        var byKey: [String: Set<Int>] = [:], byLoose: [String: Set<Int>] = [:]
        for m in snapshot.municipalities {
            for name in [m.municipality, m.shortName, m.name] {
                let k = RegistryImporter.municipalityKey(name)
                if !k.isEmpty { byKey[k, default: []].insert(m.id) }
                let l = RegistryImporter.looseMunicipalityKey(name)
                if !l.isEmpty { byLoose[l, default: []].insert(m.id) }
            }
        }
        municipalityByKey = byKey
        municipalityByLooseKey = byLoose
        schoolsByID = Dictionary(snapshot.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        schoolByLogin = Dictionary(snapshot.schools.compactMap { s in s.record.fisLogin.map { ($0.lowercased(), s.id) } }, uniquingKeysWith: { a, _ in a })
        schoolByINN = Dictionary(snapshot.schools.compactMap { s in s.record.inn.map { ($0, s.id) } }, uniquingKeysWith: { a, _ in a })
        schoolByExamCode = Dictionary(snapshot.schools.compactMap { s in s.record.examCode.map { ($0.lowercased(), s.id) } }, uniquingKeysWith: { a, _ in a })
        var candidates: [Int: [SchoolNameMatcher.Candidate]] = [:]
        var names: [RegistryPlan.Place: [String: String]] = [:]
        for s in snapshot.schools {
            candidates[s.authorityID, default: []].append(.init(id: s.id, name: s.record.shortName, aliases: [s.record.fullName] + s.record.aliases))
            names[.existing(s.authorityID), default: [:]][s.record.shortName.lowercased()] = "«\(s.record.shortName)» в реестре"
        }
        self.candidates = candidates
        shortNames = names
        takenCodes = Set(snapshot.municipalities.map { $0.code.lowercased() })
    }

    mutating func problem(_ line: Int, _ column: RegistryColumn?, _ message: String) {
        problems.append(ImportProblem(file: file, row: line, column: column.map(header.title), message: message))
    }

    func describe(_ schoolID: Int) -> String {
        guard let s = schoolsByID[schoolID] else { return "школе № \(schoolID)" }
        let m = municipalitiesByID[s.authorityID]?.municipality ?? ""
        return "школе «\(s.record.shortName)» (\(m))"
    }

    func placeName(_ place: RegistryPlan.Place) -> String {
        switch place {
        case .existing(let id): municipalitiesByID[id]?.municipality ?? ""
        case .new(let i): newMunicipalities[i].name
        }
    }

    /// The row's municipality, or nil after recording why there is none.
    mutating func place(of row: RegistryRow) -> RegistryPlan.Place? {
        if let code = row.municipalityCode {
            if let id = municipalityByCode[code] { return .existing(id) }
            if let i = newByCode[code] { return .new(i) }
        } else {
            let key = RegistryImporter.municipalityKey(row.municipality)
            if let ids = municipalityByKey[key] {
                if ids.count == 1, let id = ids.first { return .existing(id) }
                problem(row.line, .municipality, "«\(row.municipality)» подходит к нескольким муниципалитетам реестра; добавьте столбец «Код муниципалитета».")
                return nil
            }
            let loose = RegistryImporter.looseMunicipalityKey(row.municipality)
            if !loose.isEmpty, let ids = municipalityByLooseKey[loose], ids.count == 1, let id = ids.first { return .existing(id) }
            if let i = newByKey[key] { return .new(i) }
        }
        guard options.createMunicipalities else {
            problem(row.line, row.municipalityCode != nil ? .municipalityCode : .municipality,
                    "муниципалитет «\(row.municipalityCode ?? row.municipality)» не найден в реестре, а создание новых муниципалитетов выключено.")
            return nil
        }
        let code = row.municipalityCode ?? Transliteration.unique(Transliteration.slug(row.municipality), taken: takenCodes)
        takenCodes.insert(code)
        newMunicipalities.append(.init(name: row.municipality, code: code, lines: []))
        let i = newMunicipalities.count - 1
        newByKey[RegistryImporter.municipalityKey(row.municipality)] = i
        newByCode[code] = i
        return .new(i)
    }

    /// A value the file repeats in an earlier row is an error naming that row.
    mutating func claim(_ value: String?, _ path: WritableKeyPath<Planner, [String: Int]>, line: Int, column: RegistryColumn, what: String) -> Bool {
        guard let value else { return true }
        if let earlier = self[keyPath: path][value] {
            problem(line, column, "\(what) «\(value)» уже указан в строке \(earlier).")
            return false
        }
        self[keyPath: path][value] = line
        return true
    }

    mutating func add(_ row: RegistryRow) {
        var ok = claim(row.fisLogin, \.loginLines, line: row.line, column: .login, what: "логин")
        ok = claim(row.inn, \.innLines, line: row.line, column: .inn, what: "ИНН") && ok
        ok = claim(row.examCode?.lowercased(), \.examCodeLines, line: row.line, column: .examCode, what: "код ОО") && ok
        guard ok, let place = place(of: row) else { return }
        guard let match = findSchool(row, in: place) else { return }
        let existing = match.flatMap { schoolsByID[$0.0] }
        let merged = existing.map { RegistryImporter.merge($0.record, with: row) }
        let record = merged?.record ?? row.newRecord()
        if existing == nil, case .existing(let id) = place, municipalitiesByID[id]?.closed == true {
            problem(row.line, .municipality, "муниципалитет «\(placeName(place))» закрыт: новые школы в него не добавляются.")
            return
        }
        if let code = record.examCode?.lowercased(), let owner = schoolByExamCode[code], owner != existing?.id {
            problem(row.line, .examCode, "код ОО «\(record.examCode ?? code)» уже принадлежит \(describe(owner)).")
            return
        }
        let nameKey = record.shortName.lowercased()
        let oldKey = existing?.record.shortName.lowercased()
        if nameKey != oldKey, let user = shortNames[place]?[nameKey] {
            problem(row.line, .shortName, "в муниципалитете «\(placeName(place))» уже есть школа с кратким наименованием «\(record.shortName)» (\(user)); "
                    + "краткие наименования школ одного муниципалитета должны различаться.")
            return
        }
        if let oldKey, nameKey != oldKey { shortNames[place]?[oldKey] = nil }
        shortNames[place, default: [:]][nameKey] = "строка \(row.line)"

        guard let existing, let merged, let by = match?.1 else {
            if case .new(let i) = place { newMunicipalities[i].lines.append(row.line) }
            newSchools.append(.init(line: row.line, place: place, municipality: placeName(place), record: record))
            return
        }
        if existing.status != .active {
            warnings.append("Строка \(row.line): школа «\(existing.record.shortName)» \(existing.status.title); сведения о ней обновятся, статус не изменится.")
        }
        if merged.changes.isEmpty {
            unchanged.append(.init(line: row.line, schoolID: existing.id))
        } else {
            updates.append(.init(line: row.line, schoolID: existing.id, municipality: placeName(place), name: existing.record.shortName, matchedBy: by,
                                 record: merged.record, changes: merged.changes))
        }
    }

    mutating func matcher(for authorityID: Int) -> SchoolNameMatcher? {
        if let m = matchers[authorityID] { return m }
        guard let c = candidates[authorityID] else { return nil }
        let m = SchoolNameMatcher(candidates: c)
        matchers[authorityID] = m
        return m
    }

    /// `.some(nil)`: a new school; `.some((id, how))`: an existing one; nil: an error was recorded.
    mutating func findSchool(_ row: RegistryRow, in place: RegistryPlan.Place) -> (Int, RegistryPlan.MatchedBy)?? {
        func inPlace(_ id: Int) -> Bool {
            if case .existing(let aid) = place { return schoolsByID[id]?.authorityID == aid }
            return false
        }
        var found: (Int, RegistryPlan.MatchedBy)?
        if let login = row.fisLogin, let id = schoolByLogin[login] {
            guard inPlace(id) else {
                problem(row.line, .login, "логин «\(login)» уже принадлежит \(describe(id)), а в файле муниципалитет «\(row.municipality)».")
                return nil
            }
            found = (id, .login)
        }
        if found == nil, let inn = row.inn, let id = schoolByINN[inn] {
            guard inPlace(id) else {
                problem(row.line, .inn, "ИНН «\(inn)» уже принадлежит \(describe(id)), а в файле муниципалитет «\(row.municipality)».")
                return nil
            }
            found = (id, .inn)
        }
        if found == nil, case .existing(let aid) = place, let matcher = matcher(for: aid) {
            var result = matcher.match(row.shortName ?? row.fullName ?? "")
            if case .unknown = result, row.shortName != nil, let full = row.fullName { result = matcher.match(full) }
            switch result {
            case .found(let id):
                let old = schoolsByID[id]?.record
                if let a = old?.fisLogin, let b = row.fisLogin, a != b {
                    problem(row.line, .login, "наименование «\(row.shortName ?? row.fullName ?? "")» совпадает со школой «\(old?.shortName ?? "")», "
                            + "у которой логин «\(a)», а в файле «\(b)»: проверьте логин или наименование.")
                    return nil
                }
                if let a = old?.inn, let b = row.inn, a != b {
                    problem(row.line, .inn, "наименование «\(row.shortName ?? row.fullName ?? "")» совпадает со школой «\(old?.shortName ?? "")», "
                            + "у которой ИНН «\(a)», а в файле «\(b)»: проверьте ИНН или наименование.")
                    return nil
                }
                found = (id, .name)
            case .ambiguous(let names):
                problem(row.line, header.index[.shortName] != nil ? .shortName : .fullName,
                        "наименование «\(row.shortName ?? row.fullName ?? "")» подходит к нескольким школам муниципалитета: \(names.joined(separator: "; ")). "
                        + "Добавьте в файл логин ФИС ОКО или ИНН.")
                return nil
            case .unknown:
                break
            }
        }
        if let (id, _) = found {
            if let earlier = matchedLines[id] {
                problem(row.line, .shortName, "строка \(earlier) уже относится к этой же школе «\(schoolsByID[id]?.record.shortName ?? "")».")
                return nil
            }
            matchedLines[id] = row.line
        }
        return .some(found)
    }
}

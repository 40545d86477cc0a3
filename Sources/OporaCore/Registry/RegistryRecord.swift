/// The attributes of a school that the registry keeps (what a registry file can set).
public struct SchoolRecord: Sendable, Equatable {
    public var shortName: String
    public var fullName: String
    public var kind: SchoolKind
    public var legalForm: String
    public var number: Int?
    /// ФИС ОКО login, lower case: the key by which results files name the school.
    public var fisLogin: String?
    /// The school's code in the regional exam centre's (РЦОИ) protocols.
    public var examCode: String?
    public var inn: String?
    public var address: String?
    public var locality: Locality?
    public var small: Bool
    public var headName: String?
    /// Other spellings (former names), used by the forgiving name matcher.
    public var aliases: [String]

    public init(shortName: String, fullName: String, kind: SchoolKind, legalForm: String, number: Int?, fisLogin: String? = nil, examCode: String? = nil,
                inn: String? = nil, address: String? = nil, locality: Locality? = nil, small: Bool = false, headName: String? = nil, aliases: [String] = []) {
        self.shortName = shortName
        self.fullName = fullName
        self.kind = kind
        self.legalForm = legalForm
        self.number = number
        self.fisLogin = fisLogin
        self.examCode = examCode
        self.inn = inn
        self.address = address
        self.locality = locality
        self.small = small
        self.headName = headName
        self.aliases = aliases
    }
}

extension SchoolRecord {
    /// A school known only by its names: kind, number and legal form read from them («МБОУ СОШ
    /// № 5»), a short name made from the full one when missing. Registry rows, the «add a school»
    /// form and the schools a results file creates all start here.
    public init(named shortName: String?, fullName: String?) {
        let full = fullName ?? shortName ?? ""
        let short = shortName ?? SchoolName.abbreviated(full)
        let parsed = SchoolName(short)
        let kind = parsed.kind ?? SchoolName(full).kind ?? ((short + " " + full).lowercased().contains("интернат") ? .boarding : .other)
        self.init(shortName: short, fullName: full, kind: kind, legalForm: SchoolName.legalForm(of: short) ?? SchoolName.legalForm(of: full) ?? "",
                  number: parsed.number)
    }

    /// Every field that differs from `old`, cleared ones included, in the registry's words.
    public func changes(from old: SchoolRecord) -> [RegistryPlan.Change] {
        var out: [RegistryPlan.Change] = []
        func add<T: Equatable>(_ path: KeyPath<SchoolRecord, T>, _ column: RegistryColumn, _ text: (T) -> String) {
            guard old[keyPath: path] != self[keyPath: path] else { return }
            out.append(.init(field: column.title, before: text(old[keyPath: path]), after: text(self[keyPath: path])))
        }
        func add<T: Equatable>(_ path: KeyPath<SchoolRecord, T?>, _ column: RegistryColumn, _ text: (T) -> String) {
            guard old[keyPath: path] != self[keyPath: path] else { return }
            out.append(.init(field: column.title, before: old[keyPath: path].map(text) ?? "—", after: self[keyPath: path].map(text) ?? "—"))
        }
        add(\.shortName, .shortName) { $0 }
        add(\.fullName, .fullName) { $0 }
        add(\.kind, .kind) { $0.abbreviation }
        add(\.legalForm, .legalForm) { $0.isEmpty ? "—" : $0 }
        add(\.number, .number) { "\($0)" }
        add(\.fisLogin, .login) { $0 }
        add(\.examCode, .examCode) { $0 }
        add(\.inn, .inn) { $0 }
        add(\.address, .address) { $0 }
        add(\.locality, .locality) { $0.title }
        add(\.small, .small) { $0 ? "да" : "нет" }
        add(\.headName, .headName) { $0 }
        return out
    }
}

/// What the registry holds now, as plain data for the import rules.
public struct RegistrySnapshot: Sendable {
    public struct Municipality: Sendable {
        public let id: Int
        public let code: String
        public let municipality: String
        public let name: String
        public let shortName: String
        public let closed: Bool
        public init(id: Int, code: String, municipality: String, name: String, shortName: String, closed: Bool = false) {
            self.id = id
            self.code = code
            self.municipality = municipality
            self.name = name
            self.shortName = shortName
            self.closed = closed
        }
    }

    public struct School: Sendable {
        public let id: Int
        public let authorityID: Int
        public let record: SchoolRecord
        public let status: SchoolStatus
        public init(id: Int, authorityID: Int, record: SchoolRecord, status: SchoolStatus = .active) {
            self.id = id
            self.authorityID = authorityID
            self.record = record
            self.status = status
        }
    }

    public let municipalities: [Municipality]
    public let schools: [School]
    public init(municipalities: [Municipality], schools: [School]) {
        self.municipalities = municipalities
        self.schools = schools
    }
}

/// What applying a registry file would do; nothing is applied unless `problems` is empty.
public struct RegistryPlan: Sendable {
    /// A school's municipality: one in the registry, or one the file creates (index into `newMunicipalities`).
    public enum Place: Hashable, Sendable {
        case existing(Int)
        case new(Int)
    }

    public struct NewMunicipality: Sendable, Equatable {
        public let name: String
        public let code: String
        public var lines: [Int]
    }

    public struct NewSchool: Sendable {
        public let line: Int
        public let place: Place
        public let municipality: String
        public let record: SchoolRecord
    }

    public enum MatchedBy: String, Sendable {
        case login, inn, name
        public var title: String {
            switch self {
            case .login: "по логину"
            case .inn: "по ИНН"
            case .name: "по наименованию"
            }
        }
    }

    public struct Change: Sendable, Equatable {
        public let field: String
        public let before: String
        public let after: String
    }

    public struct Update: Sendable {
        public let line: Int
        public let schoolID: Int
        public let municipality: String
        public let name: String
        public let matchedBy: MatchedBy
        public let record: SchoolRecord
        public let changes: [Change]
    }

    public struct Unchanged: Sendable, Equatable {
        public let line: Int
        public let schoolID: Int
    }

    public var fileName: String
    public var header: RegistryHeader?
    public var newMunicipalities: [NewMunicipality] = []
    public var newSchools: [NewSchool] = []
    public var updates: [Update] = []
    public var unchanged: [Unchanged] = []
    public var problems: [ImportProblem] = []
    public var warnings: [String] = []

    public init(fileName: String, header: RegistryHeader? = nil, problems: [ImportProblem] = []) {
        self.fileName = fileName
        self.header = header
        self.problems = problems
    }

    public var rowCount: Int { newSchools.count + updates.count + unchanged.count }
    public var isValid: Bool { problems.isEmpty && rowCount > 0 }
    public var changesAnything: Bool { !newMunicipalities.isEmpty || !newSchools.isEmpty || !updates.isEmpty }
}

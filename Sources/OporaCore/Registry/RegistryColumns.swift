/// The columns of a regional registry file, recognised by their headers in any order.
///
/// Regions keep the registry in many shapes: the ФИС ОКО list of logins («логин; имя (краткое
/// наименование); регион/муниципалитет»), lists from the regional exam centre with «Код ОО»,
/// or richer tables with ИНН, full name and address. Each column has synonyms; a header matches
/// a synonym when, after normalising (case, «ё», punctuation), it equals the synonym or starts with
/// it as a whole word. Rules are tried in order, most specific first, so «полное наименование»
/// is never taken for the short name and «код муниципалитета» never for the school's code.
public enum RegistryColumn: String, CaseIterable, Sendable {
    case municipalityCode, municipality, login, inn, examCode, fullName, shortName, name
    case address, kind, legalForm, number, locality, small, headName

    /// How the column is named in messages when the file's own header is not at hand.
    public var title: String {
        switch self {
        case .municipalityCode: "Код муниципалитета"
        case .municipality: "Муниципалитет"
        case .login: "Логин ФИС ОКО"
        case .inn: "ИНН"
        case .examCode: "Код ОО (РЦОИ)"
        case .fullName: "Полное наименование"
        case .shortName: "Краткое наименование"
        case .name: "Наименование"
        case .address: "Адрес"
        case .kind: "Вид ОО"
        case .legalForm: "Организационно-правовая форма"
        case .number: "Номер"
        case .locality: "Городская/сельская"
        case .small: "Малокомплектная"
        case .headName: "Руководитель"
        }
    }

    /// (column, synonyms) in the order they are tried.
    static let rules: [(RegistryColumn, [String])] = [
        (.municipalityCode, ["код муниципалитета", "код мо", "код мсу", "код ато", "код муниципального образования", "код района", "октмо"]),
        (.login, ["логин фис око", "логин в фис око", "логин оо", "логин", "login", "фис око"]),
        (.inn, ["инн", "инн оо", "инн организации"]),
        (.examCode, ["код оо рцои", "код рцои", "код оо", "код образовательной организации", "код школы", "код оу"]),
        (.fullName, ["полное наименование", "полное название", "наименование полное", "полное наименование оо", "наименование организации полное"]),
        (.shortName, ["краткое наименование", "сокращенное наименование", "краткое название", "имя", "наименование краткое", "сокращенное название"]),
        (.headName, ["фио руководителя", "фио директора", "руководитель", "директор", "руководитель оо"]),
        (.municipality, ["регион муниципалитет", "муниципалитет регион", "муниципалитет", "муниципальное образование", "муниципальный район",
                         "муниципальный округ", "городской округ", "мо", "ато", "район", "территория", "мсу", "муниципальный район городской округ"]),
        (.address, ["адрес", "юридический адрес", "фактический адрес", "адрес оо", "место нахождения", "местонахождение"]),
        (.legalForm, ["организационно правовая форма", "опф", "тип учреждения", "форма собственности"]),
        (.locality, ["городская сельская", "город село", "местность", "тип местности", "тип поселения", "городская или сельская", "расположение"]),
        (.small, ["малокомплектная", "малокомплектная школа", "малочисленная", "малокомплектность"]),
        (.kind, ["вид оо", "вид", "тип оо", "тип", "вид организации", "тип школы"]),
        (.number, ["номер", "номер оо", "номер школы", "№ оо", "№"]),
        (.name, ["наименование оо", "наименование", "название оо", "название", "школа", "оо", "образовательная организация",
                 "общеобразовательная организация", "наименование общеобразовательной организации", "организация"]),
    ]

    /// Lower case, «ё» as «е», every run of other characters than letters, digits and «№» as one space.
    public static func normalize(_ header: String) -> String {
        var out = ""
        var space = true
        for ch in header.lowercased() {
            let c: Character = ch == "ё" ? "е" : ch
            if c.isLetter || c.isNumber || c == "№" {
                out.append(c)
                space = false
            } else if !space {
                out.append(" ")
                space = true
            }
        }
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    /// The column a header names, or nil.
    public static func recognise(_ header: String, excluding taken: Set<RegistryColumn> = []) -> RegistryColumn? {
        let h = normalize(header)
        // A row counter is not a school's number.
        guard !h.isEmpty, !["№ п п", "п п", "№ пп", "пп", "№ строки"].contains(h) else { return nil }
        for (column, synonyms) in rules where !taken.contains(column) {
            if synonyms.contains(where: { h == $0 || h.hasPrefix($0 + " ") }) { return column }
        }
        return nil
    }
}

/// A header row of a registry file: which column holds what, and the file's own header texts.
public struct RegistryHeader: Sendable, Equatable {
    /// 0-based index of the header row in the table.
    public let row: Int
    public let index: [RegistryColumn: Int]
    public let titles: [RegistryColumn: String]

    /// The file's header for the column, for messages («столбец «Логин»»).
    public func title(_ column: RegistryColumn) -> String {
        titles[column] ?? column.title
    }

    /// Reads the header cells; a generic «Наименование» becomes the short name when the file has
    /// no short-name column, the full name when it has one.
    public init(row: Int, cells: [String]) {
        var index: [RegistryColumn: Int] = [:]
        var titles: [RegistryColumn: String] = [:]
        for (c, cell) in cells.enumerated() {
            guard let column = RegistryColumn.recognise(cell, excluding: Set(index.keys)) else { continue }
            index[column] = c
            titles[column] = cell.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let generic = index[.name] {
            let target: RegistryColumn? = index[.shortName] == nil ? .shortName : (index[.fullName] == nil ? .fullName : nil)
            if let target {
                index[target] = generic
                titles[target] = titles[.name]
            }
            index[.name] = nil
            titles[.name] = nil
        }
        self.row = row
        self.index = index
        self.titles = titles
    }

    public var isUsable: Bool { index[.municipality] != nil && (index[.shortName] != nil || index[.fullName] != nil) }

    /// The first of the first thirty rows that names a municipality and a school name column:
    /// title rows and notes above the table are skipped.
    public static func find(in rows: [[String]]) -> RegistryHeader? {
        for (r, cells) in rows.prefix(30).enumerated() {
            let header = RegistryHeader(row: r, cells: cells)
            if header.isUsable { return header }
        }
        return nil
    }
}

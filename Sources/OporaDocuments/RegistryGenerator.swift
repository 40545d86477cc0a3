import Foundation
import OporaCore

/// A deterministic regional registry in the shapes regions keep it, for tests and benchmarks:
/// invented municipalities (districts, municipal and city districts) with uneven numbers of
/// schools, ФИС ОКО logins (`edu100001` …, as `ResultsGenerator` names schools), ИНН with valid
/// check digits, full and short names, addresses, rural and small schools, heads' names.
/// Never real data.
public struct RegistryGenerator: Sendable {
    public enum Shape: String, Sendable, CaseIterable {
        /// The ФИС ОКО list of logins: «логин; имя (краткое наименование); регион/муниципалитет».
        case fis
        /// A richer table: ИНН, full name, exam code, address, urban/rural, small school, head.
        case rich
    }

    public let schools: Int
    public let municipalities: Int
    public let seed: UInt64

    public init(schools: Int, municipalities: Int, seed: UInt64 = 42) {
        self.schools = max(1, min(schools, 100_000))
        self.municipalities = max(1, min(municipalities, min(self.schools, 700)))
        self.seed = seed
    }

    static let prefixes = ["Бело", "Ново", "Старо", "Красно", "Верхне", "Нижне", "Черно", "Сухо", "Быстро", "Долго"]
    static let stems = ["горский", "речинский", "полянский", "лесский", "озёрский", "ключевской", "боровский", "дольский", "ярский", "холмский"]
    static let kinds = ["муниципальный район", "муниципальный округ", "городской округ"]

    /// «Белогорский муниципальный район», «Новоозёрский городской округ» …: unique for up to 700.
    public static func municipalityName(_ i: Int) -> String {
        let root = prefixes[(i / stems.count) % prefixes.count] + stems[i % stems.count]
        let series = i / (prefixes.count * stems.count)
        return root + " " + kinds[i % kinds.count] + (series > 0 ? " \(series + 1)" : "")
    }

    public struct School: Sendable, Equatable {
        public let municipality: String
        public let login: String
        public let shortName: String
        public let fullName: String
        public let inn: String
        public let examCode: String
        public let address: String
        public let rural: Bool
        public let small: Bool
        public let head: String
    }

    /// Every school, grouped by municipality; the first municipality (the region's city) has the most.
    public func generate() -> [School] {
        var random = ResultsGenerator.Random(state: seed)
        let weights = (0..<municipalities).map { $0 == 0 ? 6.0 : 0.5 + random.unit() * 1.5 }
        let total = weights.reduce(0, +)
        var counts = weights.map { max(1, Int(Double(schools) * $0 / total)) }
        var i = 0
        while counts.reduce(0, +) < schools { counts[i % municipalities] += 1; i += 1 }
        while counts.reduce(0, +) > schools, let j = counts.indices.max(by: { counts[$0] < counts[$1] }) { counts[j] -= 1 }
        let surnames = ["Иванова", "Петрова", "Смирнова", "Кузнецова", "Попова", "Васильева", "Соколова", "Михайлова", "Новикова", "Фёдорова"]
        let names = ["Анна", "Елена", "Ольга", "Татьяна", "Наталья", "Ирина", "Светлана", "Марина"]
        let patronymics = ["Александровна", "Сергеевна", "Владимировна", "Николаевна", "Петровна", "Ивановна"]
        var out: [School] = []
        var s = 0
        for (m, count) in counts.enumerated() {
            let municipality = Self.municipalityName(m)
            for k in 1...max(1, count) where s < schools {
                let (short, full) = Self.names(k: k, variant: Int(random.next() % 20))
                let rural = m > 0 && random.unit() < 0.6
                let nine = String(format: "42%07d", 10_000 + s)
                let inn = nine + String(INN.checkDigit(nine.compactMap(\.wholeNumberValue)))
                out.append(School(
                    municipality: municipality, login: "edu\(100001 + s)", shortName: short, fullName: full, inn: inn,
                    examCode: String(format: "%06d", 420_001 + s),
                    address: "\(652_000 + m * 10), \(municipality), \(rural ? "с. Заречное" : "г. Центральный"), ул. Школьная, д. \(k)",
                    rural: rural, small: rural && random.unit() < 0.3,
                    head: "\(surnames[s % surnames.count]) \(names[(s / 3) % names.count]) \(patronymics[(s / 7) % patronymics.count])"))
                s += 1
            }
        }
        return out
    }

    /// Short and full names of the k-th school of a municipality; most are numbered СОШ.
    static func names(k: Int, variant: Int) -> (String, String) {
        switch variant {
        case 0...1: ("МБОУ ООШ № \(k)", "Муниципальное бюджетное общеобразовательное учреждение «Основная общеобразовательная школа № \(k)»")
        case 2: ("МАОУ «Лицей № \(k)»", "Муниципальное автономное общеобразовательное учреждение «Лицей № \(k)»")
        case 3: ("МАОУ «Гимназия № \(k)»", "Муниципальное автономное общеобразовательное учреждение «Гимназия № \(k)»")
        case 4: ("МБОУ НОШ № \(k)", "Муниципальное бюджетное общеобразовательное учреждение «Начальная общеобразовательная школа № \(k)»")
        default: ("МБОУ СОШ № \(k)", "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № \(k)»")
        }
    }

    /// The table a region would send, with its title rows.
    public func rows(_ shape: Shape) -> [[String]] {
        let schools = generate()
        switch shape {
        case .fis:
            return [["Логины образовательных организаций в ФИС ОКО", "", ""], ["по состоянию на 01.09.2026", "", ""],
                    ["логин", "имя (краткое наименование)", "регион/муниципалитет"]]
                + schools.map { [$0.login, $0.shortName, $0.municipality] }
        case .rich:
            return [["Реестр общеобразовательных организаций (демонстрационный, сгенерирован)"] + Array(repeating: "", count: 10),
                    ["№ п/п", "Муниципальное образование", "Краткое наименование", "Полное наименование", "Логин ФИС ОКО", "ИНН", "Код ОО (РЦОИ)",
                     "Адрес", "Городская/сельская", "Малокомплектная", "ФИО руководителя"]]
                + schools.enumerated().map { n, s in
                    ["\(n + 1)", s.municipality, s.shortName, s.fullName, s.login, s.inn, s.examCode, s.address, s.rural ? "сельская" : "городская",
                     s.small ? "да" : "нет", s.head]
                }
        }
    }
}

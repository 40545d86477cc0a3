/// What the annual analytical report (004) says, gathered from the data; and the conclusions and
/// recommendations the system drafts from it for the coordinator to edit.
public struct AnnualFacts: Sendable, Equatable {
    public struct ListedSchool: Sendable, Equatable {
        public let name: String
        public let number: Int?
        public let basis: String
        /// Consecutive years in the ШНОР list up to this one.
        public let yearsInList: Int
        public init(name: String, number: Int?, basis: String, yearsInList: Int) {
            self.name = name
            self.number = number
            self.basis = basis
            self.yearsInList = yearsInList
        }
    }

    public struct Visit: Sendable, Equatable {
        public let school: String
        public let number: Int?
        public let date: String
        public let lessons: Int
        public let belowExpected: Bool
        public let findings: String
        public init(school: String, number: Int?, date: String, lessons: Int, belowExpected: Bool, findings: String) {
            self.school = school
            self.number = number
            self.date = date
            self.lessons = lessons
            self.belowExpected = belowExpected
            self.findings = findings
        }
    }

    public var schoolYear: Int
    public var schools: [ListedSchool] = []
    public var riskStatements: [String] = []
    /// Risk factor phrase → number of schools where it is of medium or high significance.
    public var factorCounts: [(phrase: String, schools: Int)] = []
    public var visits: [Visit] = []
    public var events: [(kind: String, count: Int)] = []
    public var consultations = 0
    public var agreements = 0
    public var trainingTeachers = 0
    public var trainingSchoolNumbers: [Int] = []
    public var measuresTotal = 0
    public var measuresDone = 0
    public var measuresNotDone: [String] = []
    public var indicators: [(name: String, target: String, fact: String)] = []
    public var leftTheList: [String] = []
    /// Project → year → school numbers (004: «500+»).
    public var projects: [(project: String, years: [(year: Int, numbers: [Int])])] = []

    public init(schoolYear: Int) { self.schoolYear = schoolYear }

    /// «Участники проекта «500+»: № 20 (2020), № 8, 48 (2021).»
    public var projectStatements: [String] {
        projects.map { p in
            "Участники проекта «\(p.project)»: " + p.years.map { "\(Self.numbers($0.numbers)) (\($0.year))" }.joined(separator: ", ") + "."
        }
    }

    public static func == (a: AnnualFacts, b: AnnualFacts) -> Bool {
        a.schoolYear == b.schoolYear && a.schools == b.schools && a.riskStatements == b.riskStatements && a.visits == b.visits
    }

    /// «№ 8, 10, 52» — as the report lists schools.
    public static func numbers(_ list: [Int]) -> String { "№ " + list.map(String.init).joined(separator: ", ") }

    public var visitedNumbers: [Int] { visits.compactMap(\.number) }
    public var belowExpectedSchools: [String] { visits.filter(\.belowExpected).map(\.school) }

    /// The sentence 004 writes about the visits.
    public var visitsStatement: String? {
        guard !visits.isEmpty else { return nil }
        var s = "Проведены методические выезды в ШНОР: всего посещено \(RussianPlural.count(Set(visits.map(\.school)).count, "школа", "школы", "школ"))"
        let numbers = visitedNumbers
        if !numbers.isEmpty { s += " (\(Self.numbers(numbers)))" }
        s += ", посещено \(RussianPlural.count(visits.map(\.lessons).reduce(0, +), "урок", "урока", "уроков"))."
        let below = belowExpectedSchools
        s += below.isEmpty ? " Уроков ниже ожидаемого уровня не выявлено." : " Отдельные уроки проведены на уровне ниже ожидаемого — в " + below.joined(separator: ", ") + "."
        return s
    }

    public var trainingStatement: String? {
        guard trainingTeachers > 0 else { return nil }
        return "В региональный список педагогов, нуждающихся в предметной подготовке, направлены \(RussianPlural.count(trainingTeachers, "педагог", "педагога", "педагогов")) из \(RussianPlural.count(trainingSchoolNumbers.count, "школы", "школ", "школ")) (\(Self.numbers(trainingSchoolNumbers)))."
    }
}

/// Drafts conclusions and recommendations from the facts: schools 2–3 years in the list, the
/// most common risk factors, measures not done, lessons below the expected level, teachers to train.
public enum AnnualReportDraft {
    public static func conclusions(_ f: AnnualFacts) -> String {
        var out: [String] = ["Выводы:"]
        out.append("1. В \(f.schoolYear)-\(f.schoolYear + 1) учебном году в списке ШНОР — \(RussianPlural.count(f.schools.count, "школа", "школы", "школ")).")
        let long = f.schools.filter { $0.yearsInList >= 2 }
        if !long.isEmpty {
            out.append("2. В списке второй год и более: " + long.map { "\($0.name) (\($0.yearsInList) \(RussianPlural.form($0.yearsInList, "год", "года", "лет")))" }.joined(separator: ", ") + " — положительной динамики у них нет, поддержка требует пересмотра.")
        }
        let top = f.factorCounts.sorted { $0.schools > $1.schools }.prefix(2).filter { $0.schools > 0 }
        if !top.isEmpty {
            out.append("\(out.count). Наиболее распространённые факторы риска: " + top.map { "\($0.phrase) (\(RussianPlural.count($0.schools, "школа", "школы", "школ")))" }.joined(separator: "; ") + ".")
        }
        if f.measuresTotal > 0 {
            out.append("\(out.count). Выполнено \(f.measuresDone) из \(f.measuresTotal) мероприятий дорожной карты" + (f.measuresNotDone.isEmpty ? "." : "; не выполнены: " + f.measuresNotDone.prefix(5).joined(separator: "; ") + (f.measuresNotDone.count > 5 ? " и др." : "") + "."))
        }
        out.append("Рекомендации:")
        var n = 0
        func add(_ s: String) { n += 1; out.append("\(n). \(s)") }
        if !long.isEmpty { add("Для школ, находящихся в списке несколько лет, скорректировать программы развития и закрепить школы-наставники.") }
        if let first = top.first { add("Сосредоточить мероприятия следующего года на факторе риска «\(first.phrase)».") }
        if !f.belowExpectedSchools.isEmpty { add("Провести повторные методические выезды с посещением уроков в " + f.belowExpectedSchools.joined(separator: ", ") + ".") }
        if f.trainingTeachers > 0 { add("Обеспечить курсовую подготовку \(RussianPlural.count(f.trainingTeachers, "педагога", "педагогов", "педагогов")) по предмету.") }
        if !f.measuresNotDone.isEmpty { add("Перенести невыполненные мероприятия в дорожную карту следующего года с новыми сроками.") }
        if n == 0 { add("Продолжить адресную поддержку ШНОР в прежнем объёме.") }
        return out.joined(separator: "\n")
    }
}
